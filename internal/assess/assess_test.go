package assess_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/assess"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

func example(t *testing.T) *site.Site {
	t.Helper()
	s, texts, diags, err := load.Dir(ladder.Example(), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diags = append(diags, check.Site(s, texts)...); diags.Errors() > 0 {
		t.Fatalf("the example has errors:\n%v", diags.Err())
	}
	return s
}

// TestCandidates checks that the courses Candidates keeps give the same
// suggestions as the whole catalogue, for every competency, rating and
// need of the example, and that it leaves some out on a catalogue with
// more courses per competency than are shown.
func TestCandidates(t *testing.T) {
	s := example(t)
	cand := assess.Candidates(s)
	kept := *s
	for _, c := range s.Competencies {
		var courses []*site.Course
		for _, co := range s.Courses {
			if cand[c.ID][co.ID] {
				courses = append(courses, co)
			}
		}
		kept.Courses = courses
		for rating := 0; rating < s.Config.Scale.Max(); rating++ {
			for need := rating + 1; need <= s.Config.Scale.Max(); need++ {
				if got, want := assess.Courses(&kept, c.ID, rating, need), assess.Courses(s, c.ID, rating, need); !reflect.DeepEqual(got, want) {
					t.Errorf("%s %d → %d: the candidates suggest %v, the catalogue %v", c.ID, rating, need, got, want)
				}
			}
		}
	}
	// Twelve courses of one competency at each level, of 1 to 12 hours:
	// only the shortest few can ever be suggested.
	big := &site.Site{Config: site.Config{Scale: site.Scale{Names: []string{"One", "Two", "Three"}}}}
	for h := 1; h <= 12; h++ {
		for lv := 1; lv <= 3; lv++ {
			big.Courses = append(big.Courses, &site.Course{Common: site.Common{ID: fmt.Sprintf("c%d-%02d", lv, h)}, Hours: float64(h),
				Skills: []site.Expectation{{CompetencyID: "x", Level: lv}}})
		}
	}
	if n := len(assess.Candidates(big)["x"]); n < assess.MaxCourses || n > 3*assess.MaxCourses {
		t.Errorf("%d candidates of 36 courses, want between %d and %d", n, assess.MaxCourses, 3*assess.MaxCourses)
	}
}

// TestCompute checks the rows and programs of one assessment of the
// example.
func TestCompute(t *testing.T) {
	s := example(t)
	from, to := s.LevelByID("fulfillment/associate"), s.LevelByID("fulfillment/ambassador")
	res := assess.Compute(s, from, to, map[string]int{"safety": 1, "operational-excellence": 2, "leadership": 4})
	got := map[string]string{}
	for _, r := range res.Rows {
		got[r.ID] = fmt.Sprintf("%s %d/%d", r.Status, r.Rating, r.Need)
	}
	want := map[string]string{"safety": "below 1/3", "operational-excellence": "at 2/2", "leadership": "above 4/2",
		"customer-obsession": "unrated -1/2", "communication": "unrated -1/2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows = %v, want %v", got, want)
	}
	for _, r := range res.Rows {
		if r.ID == "safety" && len(r.Courses) == 0 {
			t.Errorf("no course suggested for safety 1 → 3")
		}
	}
	if len(res.Programs) == 0 {
		t.Errorf("no program open to %s", from.FullID())
	}
}
