package load

import (
	"slices"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// assemble puts the file results, in file order, into s and their texts
// into texts: shallow copies of the entities (so cached results stay
// untouched), drafts left out unless asked for, every list in the model's
// fixed order.
func assemble(s *site.Site, texts site.Texts, files []string, results []*fileResult, opts Options, diags *diag.List) {
	for i, r := range results {
		texts[files[i]] = site.FileText{Lines: r.lines, Keys: r.keys}
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
				c := *e
				s.Tracks = append(s.Tracks, &c)
			case *site.Level:
				c := *e
				s.Levels = append(s.Levels, &c)
			case *site.Competency:
				c := *e
				s.Competencies = append(s.Competencies, &c)
			case *site.Course:
				c := *e
				s.Courses = append(s.Courses, &c)
			case *site.Program:
				c := *e
				s.Programs = append(s.Programs, &c)
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
	// on large sites: no map lookup per comparison.
	byTrack := make(map[string][]*site.Level, len(s.Tracks))
	for _, l := range s.Levels {
		byTrack[l.TrackID] = append(byTrack[l.TrackID], l)
	}
	levels := s.Levels[:0:0]
	levels = slices.Grow(levels, len(s.Levels))
	for _, t := range s.Tracks {
		group := byTrack[t.ID]
		if group == nil {
			continue
		}
		delete(byTrack, t.ID)
		slices.SortStableFunc(group, site.CompareLevels)
		levels = append(levels, group...)
	}
	orphans := make([]string, 0, len(byTrack))
	for id := range byTrack {
		orphans = append(orphans, id)
	}
	slices.Sort(orphans)
	for _, id := range orphans {
		group := byTrack[id]
		slices.SortStableFunc(group, site.CompareLevels)
		levels = append(levels, group...)
	}
	s.Levels = levels
	slices.SortStableFunc(s.Competencies, site.CompareCompetencies)
	slices.SortStableFunc(s.Courses, site.CompareCourses)
	slices.SortStableFunc(s.Programs, site.ComparePrograms)
	slices.SortStableFunc(s.Plans, site.ComparePlans)
	slices.SortStableFunc(s.Pages, site.ComparePages)
}
