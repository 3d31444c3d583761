// Package assess computes what the self-assessment page shows for a set of
// ratings: for each competency, where the person stands against the level
// they assess themselves at and a target level, and for each gap the
// courses that teach the competency up to the level needed; and the
// programs open to them. The page computes the same in the browser
// (themes/default/assets/assess.js) from the tools' data; the end-to-end
// tests check that both agree on every pair of levels of the example.
//
// The rules, which both follow:
//
//   - The competencies are those the levels of the assessed level's track
//     expect, and those the target expects, in site order.
//   - A competency's need is the higher of the two levels' expectations
//     (0 when neither expects it). A rated competency is "below" its need,
//     "at" it or "above" it; one not rated is "unrated".
//   - For a competency below its need, the courses are those whose
//     [skills] bring a learner past the rating: first those that reach the
//     need, then the others; by hours, then id; at most MaxCourses.
//   - The programs are those whose eligibility admits the assessed level
//     (tracks and levels; tenure, courses and approval are for the person
//     to meet): those that lead to the target first, then in site order.
package assess

import (
	"cmp"
	"slices"

	"github.com/ladder-ssg/ladder/internal/site"
)

// MaxCourses is the most courses suggested for one gap.
const MaxCourses = 5

// Statuses of a competency against its need.
const (
	Below   = "below"
	At      = "at"
	Above   = "above"
	Unrated = "unrated"
)

// Result is what an assessment shows.
type Result struct {
	Rows     []Row     `json:"rows"`
	Programs []Program `json:"programs"`
}

// Row is one competency of an assessment.
type Row struct {
	ID      string       `json:"id"`
	Rating  int          `json:"rating"` // -1: not rated
	Level   int          `json:"level"`  // expected at the assessed level; 0: not expected
	Target  int          `json:"target"` // expected at the target; 0: not expected or no target
	Need    int          `json:"need"`
	Status  string       `json:"status"`
	Courses []Suggestion `json:"courses"`
}

// Suggestion is a course that teaches a competency: Level is the point of
// the scale it brings a learner to, Reaches whether that is the need.
type Suggestion struct {
	ID      string  `json:"id"`
	Hours   float64 `json:"hours"`
	Level   int     `json:"level"`
	Reaches bool    `json:"reaches"`
}

// Program is a program open to the assessed level.
type Program struct {
	ID            string `json:"id"`
	LeadsToTarget bool   `json:"leads_to_target"`
}

// Compute returns the result of ratings (competency id -> point of the
// scale, 0 for none yet; a competency left out is not rated) for a person
// at level, aiming for target (nil for none).
func Compute(s *site.Site, level, target *site.Level, ratings map[string]int) Result {
	used := map[string]bool{}
	for _, l := range level.Track.Levels {
		for _, e := range l.Expectations {
			used[e.CompetencyID] = true
		}
	}
	if target != nil {
		for _, e := range target.Expectations {
			used[e.CompetencyID] = true
		}
	}
	res := Result{Rows: []Row{}, Programs: []Program{}}
	for _, c := range s.Competencies {
		if !used[c.ID] {
			continue
		}
		r := Row{ID: c.ID, Rating: -1, Courses: []Suggestion{}}
		if e := level.Expectation(c.ID); e != nil {
			r.Level = e.Level
		}
		if target != nil {
			if e := target.Expectation(c.ID); e != nil {
				r.Target = e.Level
			}
		}
		r.Need = max(r.Level, r.Target)
		v, rated := ratings[c.ID]
		switch {
		case !rated:
			r.Status = Unrated
		case v < r.Need:
			r.Rating, r.Status = v, Below
			r.Courses = Courses(s, c.ID, v, r.Need)
		case v == r.Need:
			r.Rating, r.Status = v, At
		default:
			r.Rating, r.Status = v, Above
		}
		res.Rows = append(res.Rows, r)
	}
	for _, p := range s.Programs {
		if !p.Eligibility.Admits(level) {
			continue
		}
		res.Programs = append(res.Programs, Program{ID: p.ID, LeadsToTarget: target != nil && slices.Contains(p.LeadsTo, target)})
	}
	slices.SortStableFunc(res.Programs, func(a, b Program) int {
		switch {
		case a.LeadsToTarget == b.LeadsToTarget:
			return 0
		case a.LeadsToTarget:
			return -1
		}
		return 1
	})
	return res
}

// Courses returns the courses that teach competency id past rating,
// towards need (see the package comment for the order).
func Courses(s *site.Site, id string, rating, need int) []Suggestion {
	var all []Suggestion
	for _, c := range s.Courses {
		for _, e := range c.Skills {
			if e.CompetencyID == id {
				all = append(all, Suggestion{ID: c.ID, Hours: c.Hours, Level: e.Level})
			}
		}
	}
	return pick(all, rating, need)
}

// pick returns the first MaxCourses of the courses of all (each with the
// level it brings a learner to) that teach past rating, towards need.
func pick(all []Suggestion, rating, need int) []Suggestion {
	out := []Suggestion{}
	for _, x := range all {
		if x.Level > rating {
			x.Reaches = x.Level >= need
			out = append(out, x)
		}
	}
	slices.SortStableFunc(out, func(a, b Suggestion) int {
		if a.Reaches != b.Reaches {
			if a.Reaches {
				return -1
			}
			return 1
		}
		return cmp.Or(cmp.Compare(a.Hours, b.Hours), cmp.Compare(a.ID, b.ID))
	})
	if len(out) > MaxCourses {
		out = out[:MaxCourses]
	}
	return out
}

// Candidates returns, for each competency, the ids of the courses that
// Courses suggests for it at some rating and need on the site's scale. The
// others never make the first MaxCourses, so a client that knows only
// these courses suggests the same ones: the self-assessment's data files
// hold no others.
func Candidates(s *site.Site) map[string]map[string]bool {
	teach := map[string][]Suggestion{}
	for _, c := range s.Courses {
		for _, e := range c.Skills {
			teach[e.CompetencyID] = append(teach[e.CompetencyID], Suggestion{ID: c.ID, Hours: c.Hours, Level: e.Level})
		}
	}
	top := s.Config.Scale.Max()
	out := make(map[string]map[string]bool, len(teach))
	for id, all := range teach {
		ids := map[string]bool{}
		for rating := 0; rating < top; rating++ {
			for need := rating + 1; need <= top; need++ {
				for _, x := range pick(all, rating, need) {
					ids[x.ID] = true
				}
			}
		}
		out[id] = ids
	}
	return out
}
