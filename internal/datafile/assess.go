package datafile

import (
	"slices"
	"strconv"

	"github.com/ladder-ssg/ladder/internal/site"
)

// ToolAssess is /data/tools/assess/<track>.json: what the self-assessment
// page needs of a track beyond its tool file: the competencies its levels
// expect, with what each point of the scale means for them, and the
// courses that teach them. The page loads it for the level being assessed
// and for the target level.
type ToolAssess struct {
	ID           string           `json:"id"`
	Competencies []ToolAssessComp `json:"competencies"`
	Courses      []ToolSkillful   `json:"courses"`
}

// ToolAssessComp is a competency a track's levels expect.
type ToolAssessComp struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Category string `json:"category,omitempty"`
	// Levels is the competency's descriptor of each point of the scale
	// ("1".."N"), left out when it has none.
	Levels map[string]string `json:"levels,omitempty"`
}

// ToolSkillful is a course that teaches one or more of a track's
// competencies: Skills holds, for each of them, the point of the scale
// the course brings a learner to.
type ToolSkillful struct {
	ID     string         `json:"id"`
	Title  string         `json:"title"`
	Hours  float64        `json:"hours"`
	Skills map[string]int `json:"skills"`
}

// teaching returns the courses, in site order, that may teach one of the
// competencies in used: every course when candidates is nil, else those
// that candidates lists for them. Going through the candidates of the
// track's competencies keeps a track's file from costing a pass over every
// course of the site, which made the files of all tracks grow with the
// square of the site.
func teaching(s *site.Site, used map[string]bool, candidates map[string]map[string]bool) []*site.Course {
	if candidates == nil {
		return s.Courses
	}
	seen := map[string]bool{}
	var out []*site.Course
	for id := range used {
		for cid := range candidates[id] {
			if c := s.CourseByID(cid); c != nil && !seen[cid] {
				seen[cid] = true
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, site.CompareCourses)
	return out
}

// BuildAssess returns the assessment file of track t: the competencies
// its levels expect, in site order, and the courses whose [skills] name
// any of them, in site order, with those skills alone; of the courses that
// teach a competency, only those the self-assessment may suggest
// (candidates, from assess.Candidates; nil keeps every one).
func BuildAssess(s *site.Site, t *site.Track, candidates map[string]map[string]bool) *ToolAssess {
	used := map[string]bool{}
	for _, l := range t.Levels {
		for _, e := range l.Expectations {
			used[e.CompetencyID] = true
		}
	}
	out := &ToolAssess{ID: t.ID, Competencies: []ToolAssessComp{}, Courses: []ToolSkillful{}}
	for _, c := range s.Competencies {
		if !used[c.ID] {
			continue
		}
		tc := ToolAssessComp{ID: c.ID, Title: c.Title, Category: c.Category}
		for n := 1; n <= s.Config.Scale.Max(); n++ {
			if d := c.Descriptor(n); d != "" {
				if tc.Levels == nil {
					tc.Levels = map[string]string{}
				}
				tc.Levels[strconv.Itoa(n)] = d
			}
		}
		out.Competencies = append(out.Competencies, tc)
	}
	for _, c := range teaching(s, used, candidates) {
		var skills map[string]int
		for _, e := range c.Skills {
			if used[e.CompetencyID] && (candidates == nil || candidates[e.CompetencyID][c.ID]) {
				if skills == nil {
					skills = map[string]int{}
				}
				skills[e.CompetencyID] = e.Level
			}
		}
		if skills != nil {
			out.Courses = append(out.Courses, ToolSkillful{ID: c.ID, Title: c.Title, Hours: c.Hours, Skills: skills})
		}
	}
	return out
}
