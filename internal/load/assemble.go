package load

import (
	"maps"
	"slices"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// assemble puts the file results, in file order, into s: shallow copies
// of the entities (so cached results stay untouched), drafts left out
// unless asked for, every list in the model's fixed order.
//
// order is the course order of the last assembly, reused when the courses'
// cached parse results are the same ones.
func assemble(s *site.Site, results []*fileResult, opts Options, diags *diag.List, order *courseOrder) {
	// The copies of each kind are made in one array: one allocation
	// instead of one per entity.
	var n [site.NumKinds]int
	for _, r := range results {
		for _, ent := range r.entities {
			n[ent.EntityKind()]++
		}
	}
	tracks := make([]site.Track, 0, n[site.KindTrack])
	levels := make([]site.Level, 0, n[site.KindLevel])
	comps := make([]site.Competency, 0, n[site.KindCompetency])
	courses := make([]site.Course, 0, n[site.KindCourse])
	programs := make([]site.Program, 0, n[site.KindProgram])
	s.Tracks = make([]*site.Track, 0, n[site.KindTrack])
	s.Levels = make([]*site.Level, 0, n[site.KindLevel])
	s.Competencies = make([]*site.Competency, 0, n[site.KindCompetency])
	s.Courses = make([]*site.Course, 0, n[site.KindCourse])
	s.Programs = make([]*site.Program, 0, n[site.KindProgram])
	courseSrcs := make([]*site.Course, 0, n[site.KindCourse])
	for _, r := range results {
		diags.Append(r.diags...)
		for _, ent := range r.entities {
			if c := ent.Base(); c.Draft && !opts.Drafts {
				id := c.ID
				if l, ok := ent.(*site.Level); ok {
					id = l.FullID()
				}
				if s.Drafts == nil {
					s.Drafts = map[site.DraftKey]bool{}
				}
				s.Drafts[site.DraftKey{Kind: ent.EntityKind(), ID: id}] = true
				continue
			}
			switch e := ent.(type) {
			case *site.Track:
				tracks = append(tracks, *e)
				s.Tracks = append(s.Tracks, &tracks[len(tracks)-1])
			case *site.Level:
				levels = append(levels, *e)
				s.Levels = append(s.Levels, &levels[len(levels)-1])
			case *site.Competency:
				comps = append(comps, *e)
				s.Competencies = append(s.Competencies, &comps[len(comps)-1])
			case *site.Course:
				courses = append(courses, *e)
				courseSrcs = append(courseSrcs, e)
				s.Courses = append(s.Courses, &courses[len(courses)-1])
			case *site.Program:
				programs = append(programs, *e)
				s.Programs = append(s.Programs, &programs[len(programs)-1])
			case *site.Plan:
				c := *e
				s.Plans = append(s.Plans, &c)
			case *site.Page:
				c := *e
				if r.home {
					s.Home = &c
				} else {
					s.Pages = append(s.Pages, &c)
				}
			}
		}
	}
	if s.Home == nil {
		s.Home = &site.Page{Common: site.Common{Title: s.Config.Title}}
	}
	if s.Home.Title == "" {
		s.Home.Title = s.Config.Title
	}
	slices.SortStableFunc(s.Tracks, site.CompareTracks)
	// Levels: by track order (levels of unknown tracks last, by track id),
	// then path, rank and id. Grouping by track first keeps the sort cheap
	// on large sites: no map lookup per comparison. A track's levels are
	// next to each other in file order (its folder), so the map is looked
	// up once per run of levels, not per level.
	byTrack := make(map[string][]*site.Level, len(s.Tracks))
	for i := 0; i < len(s.Levels); {
		j := i + 1
		for j < len(s.Levels) && s.Levels[j].TrackID == s.Levels[i].TrackID {
			j++
		}
		id := s.Levels[i].TrackID
		byTrack[id] = append(byTrack[id], s.Levels[i:j]...)
		i = j
	}
	sorted := make([]*site.Level, 0, len(s.Levels))
	for _, t := range s.Tracks {
		group := byTrack[t.ID]
		if group == nil {
			continue
		}
		delete(byTrack, t.ID)
		slices.SortStableFunc(group, site.CompareLevels)
		sorted = append(sorted, group...)
	}
	orphans := make([]string, 0, len(byTrack))
	for id := range byTrack {
		orphans = append(orphans, id)
	}
	slices.Sort(orphans)
	for _, id := range orphans {
		group := byTrack[id]
		slices.SortStableFunc(group, site.CompareLevels)
		sorted = append(sorted, group...)
	}
	s.Levels = sorted
	slices.SortStableFunc(s.Competencies, site.CompareCompetencies)
	s.Courses = order.sort(s.Courses, courseSrcs)
	slices.SortStableFunc(s.Programs, site.ComparePrograms)
	slices.SortStableFunc(s.Plans, site.ComparePlans)
	slices.SortStableFunc(s.Pages, site.ComparePages)
}

// courseOrder remembers the order of the courses of the last assembly:
// sorting thousands of courses by title is a good part of a rebuild, and
// an edit seldom touches a course.
type courseOrder struct {
	srcs []*site.Course // the cached entities the courses were copied from, in file order
	perm []int          // the sorted order, as indices into srcs
}

// sort returns courses (copies of srcs, in file order) in the model's
// order: the order of the last call when srcs are the same entities as
// then, so that each course has the same text and key as then.
func (o *courseOrder) sort(courses, srcs []*site.Course) []*site.Course {
	if !slices.Equal(srcs, o.srcs) {
		perm := make([]int, len(courses))
		for i := range perm {
			perm[i] = i
		}
		slices.SortStableFunc(perm, func(a, b int) int { return site.CompareCourses(courses[a], courses[b]) })
		o.srcs, o.perm = srcs, perm
	}
	out := make([]*site.Course, len(courses))
	for i, j := range o.perm {
		out[i] = courses[j]
	}
	return out
}

// textsMemo is the Texts of the last load, and what they were made from.
type textsMemo struct {
	files   []string
	results []*fileResult
	texts   site.Texts
}

// make returns the Texts of the files and their results, with cfg for
// site.toml. When the files are those of the last call, the last Texts
// are copied and only the files parsed again are changed in the copy: a
// map of ten thousand files is quicker copied than made.
func (m *textsMemo) make(files []string, results []*fileResult, cfg site.FileText) site.Texts {
	var texts site.Texts
	if m.texts != nil && slices.Equal(files, m.files) {
		texts = maps.Clone(m.texts)
		for i, r := range results {
			if r != m.results[i] {
				texts[files[i]] = site.FileText{Lines: r.lines, Keys: r.keys}
			}
		}
	} else {
		texts = make(site.Texts, len(files)+1)
		for i, r := range results {
			texts[files[i]] = site.FileText{Lines: r.lines, Keys: r.keys}
		}
	}
	texts[ConfigFile] = cfg
	// The loader changes its file list in place: keep a copy.
	m.files, m.results, m.texts = slices.Clone(files), results, texts
	return texts
}
