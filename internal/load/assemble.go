package load

import (
	"maps"
	"slices"
	"sync"

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
	// instead of one per entity. On a large site the two halves of the
	// files are copied on two cores, each into its own part of the arrays.
	parts := []assembly{{results: results}}
	if len(results) >= 2048 {
		half := len(results) / 2
		parts = []assembly{{results: results[:half]}, {results: results[half:]}}
	}
	var n [site.NumKinds]int
	for i := range parts {
		parts[i].count()
		for k, c := range parts[i].n {
			n[k] += c
		}
	}
	arrays := kindArrays{
		tracks:   make([]site.Track, n[site.KindTrack]),
		levels:   make([]site.Level, n[site.KindLevel]),
		comps:    make([]site.Competency, n[site.KindCompetency]),
		courses:  make([]site.Course, n[site.KindCourse]),
		programs: make([]site.Program, n[site.KindProgram]),
	}
	var wg sync.WaitGroup
	var at [site.NumKinds]int
	for i := range parts {
		p := &parts[i]
		into := arrays.from(at, p.n)
		for k, c := range p.n {
			at[k] += c
		}
		wg.Go(func() { p.copy(into, opts) })
	}
	wg.Wait()
	courseSrcs := make([]*site.Course, 0, n[site.KindCourse])
	s.Tracks = make([]*site.Track, 0, n[site.KindTrack])
	s.Levels = make([]*site.Level, 0, n[site.KindLevel])
	s.Competencies = make([]*site.Competency, 0, n[site.KindCompetency])
	s.Courses = make([]*site.Course, 0, n[site.KindCourse])
	s.Programs = make([]*site.Program, 0, n[site.KindProgram])
	for i := range parts {
		p := &parts[i]
		diags.Append(p.diags...)
		for _, d := range p.drafts {
			if s.Drafts == nil {
				s.Drafts = map[site.DraftKey]bool{}
			}
			s.Drafts[d] = true
		}
		s.Tracks = append(s.Tracks, p.tracks...)
		s.Levels = append(s.Levels, p.levels...)
		s.Competencies = append(s.Competencies, p.comps...)
		s.Courses = append(s.Courses, p.courses...)
		courseSrcs = append(courseSrcs, p.courseSrcs...)
		s.Programs = append(s.Programs, p.programs...)
		s.Plans = append(s.Plans, p.plans...)
		s.Pages = append(s.Pages, p.pages...)
		if p.home != nil {
			s.Home = p.home
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

// kindArrays are the arrays the copies of the entities are made in, one
// per kind that a large site has many of.
type kindArrays struct {
	tracks   []site.Track
	levels   []site.Level
	comps    []site.Competency
	courses  []site.Course
	programs []site.Program
}

// from returns the parts of the arrays from at on, n long, empty: appending
// to them fills them in place.
func (a kindArrays) from(at, n [site.NumKinds]int) kindArrays {
	return kindArrays{
		tracks:   window(a.tracks, at[site.KindTrack], n[site.KindTrack]),
		levels:   window(a.levels, at[site.KindLevel], n[site.KindLevel]),
		comps:    window(a.comps, at[site.KindCompetency], n[site.KindCompetency]),
		courses:  window(a.courses, at[site.KindCourse], n[site.KindCourse]),
		programs: window(a.programs, at[site.KindProgram], n[site.KindProgram]),
	}
}

// window returns list[at:at+n] as an empty slice of capacity n.
func window[T any](list []T, at, n int) []T { return list[at : at : at+n] }

// assembly is the assembly of a run of file results: their diagnostics,
// their drafts, and the copies of their entities, in file order.
type assembly struct {
	results []*fileResult
	n       [site.NumKinds]int // the entities of each kind, drafts included

	diags      diag.List
	drafts     []site.DraftKey
	tracks     []*site.Track
	levels     []*site.Level
	comps      []*site.Competency
	courses    []*site.Course
	courseSrcs []*site.Course // the cached entities the courses are copies of
	programs   []*site.Program
	plans      []*site.Plan
	pages      []*site.Page
	home       *site.Page
}

// count counts the entities of each kind.
func (a *assembly) count() {
	for _, r := range a.results {
		for _, ent := range r.entities {
			a.n[ent.EntityKind()]++
		}
	}
}

// copy copies the entities into the arrays of into, which have room for
// them, leaving out drafts unless opts asks for them.
func (a *assembly) copy(into kindArrays, opts Options) {
	a.tracks = make([]*site.Track, 0, a.n[site.KindTrack])
	a.levels = make([]*site.Level, 0, a.n[site.KindLevel])
	a.comps = make([]*site.Competency, 0, a.n[site.KindCompetency])
	a.courses = make([]*site.Course, 0, a.n[site.KindCourse])
	a.courseSrcs = make([]*site.Course, 0, a.n[site.KindCourse])
	a.programs = make([]*site.Program, 0, a.n[site.KindProgram])
	for _, r := range a.results {
		a.diags.Append(r.diags...)
		for _, ent := range r.entities {
			if c := ent.Base(); c.Draft && !opts.Drafts {
				id := c.ID
				if l, ok := ent.(*site.Level); ok {
					id = l.FullID()
				}
				a.drafts = append(a.drafts, site.DraftKey{Kind: ent.EntityKind(), ID: id})
				continue
			}
			switch e := ent.(type) {
			case *site.Track:
				into.tracks = append(into.tracks, *e)
				a.tracks = append(a.tracks, &into.tracks[len(into.tracks)-1])
			case *site.Level:
				into.levels = append(into.levels, *e)
				a.levels = append(a.levels, &into.levels[len(into.levels)-1])
			case *site.Competency:
				into.comps = append(into.comps, *e)
				a.comps = append(a.comps, &into.comps[len(into.comps)-1])
			case *site.Course:
				into.courses = append(into.courses, *e)
				a.courseSrcs = append(a.courseSrcs, e)
				a.courses = append(a.courses, &into.courses[len(into.courses)-1])
			case *site.Program:
				into.programs = append(into.programs, *e)
				a.programs = append(a.programs, &into.programs[len(into.programs)-1])
			case *site.Plan:
				c := *e
				a.plans = append(a.plans, &c)
			case *site.Page:
				c := *e
				if r.home {
					a.home = &c
				} else {
					a.pages = append(a.pages, &c)
				}
			}
		}
	}
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
