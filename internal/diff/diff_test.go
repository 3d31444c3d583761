package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// base is a small framework that every case changes.
func base() *datafile.Framework {
	return &datafile.Framework{
		Schema: 1, Title: "Acme", Scale: []string{"Aware", "Practising", "Fluent", "Leading"},
		Tracks: []datafile.FrameworkTrack{
			{ID: "eng", Title: "Engineering", URL: "tracks/eng/", Paths: []string{"ic"}, Levels: []string{"eng/e1", "eng/e2"}},
			{ID: "ops", Title: "Operations", URL: "tracks/ops/", Paths: []string{"ic"}, Levels: []string{"ops/o1"}},
		},
		Levels: []datafile.FrameworkLevel{
			{ID: "eng/e1", Track: "eng", Title: "Engineer I", Rank: 1, Path: "ic", Next: []string{"eng/e2"}, Moves: []string{},
				Required: []string{"intro"}, Optional: []string{"mgmt"},
				Competencies: []datafile.FrameworkExpect{{ID: "code", Level: 1}, {ID: "people", Level: 1, Expect: "Asks for help."}}},
			{ID: "eng/e2", Track: "eng", Title: "Engineer II", Rank: 2, Path: "ic", Next: []string{}, Moves: []string{"ops/o1"},
				Required: []string{"intro", "advanced"}, Optional: []string{},
				Competencies: []datafile.FrameworkExpect{{ID: "code", Level: 2}, {ID: "people", Level: 2}},
				Pay:          &site.Pay{Min: 50000, Max: 70000, Currency: "EUR"}},
			{ID: "ops/o1", Track: "ops", Title: "Operator", Rank: 1, Path: "ic", Next: []string{}, Moves: []string{},
				Required: []string{}, Optional: []string{}, Competencies: []datafile.FrameworkExpect{{ID: "people", Level: 1}}},
		},
		Competencies: []datafile.FrameworkComp{
			{ID: "code", Title: "Coding", Category: "Craft", Levels: map[string]string{"1": "Changes code with help."}},
			{ID: "people", Title: "Working with people"},
		},
		Courses: []datafile.FrameworkCourse{
			{ID: "advanced", Title: "Advanced coding", Hours: 12, Prerequisites: []string{"intro"}, Skills: []datafile.FrameworkExpect{{ID: "code", Level: 3}}},
			{ID: "intro", Title: "Introduction", Hours: 4, Prerequisites: []string{}, Skills: []datafile.FrameworkExpect{}},
			{ID: "mgmt", Title: "Managing people", Hours: 20, Prerequisites: []string{"intro"}, Skills: []datafile.FrameworkExpect{}},
		},
		Programs: []datafile.FrameworkProg{
			{ID: "academy", Title: "Academy", Kind: "academy", Paid: true, Fields: []string{"Software"},
				Courses: []string{"intro"}, LeadsTo: []string{"eng/e1"},
				Intakes:     []datafile.FrameworkIntake{{ApplyFrom: "2026-06-01", ApplyBy: "2026-06-30", Start: "2026-09-01"}},
				Eligibility: datafile.FrameworkElig{MinTenureMonths: 3, Tracks: []string{"ops"}, Levels: []string{}, Courses: []string{}},
				Funding:     site.Funding{TuitionPercent: 100, Currency: "EUR"}},
		},
		Pages: []datafile.FrameworkPage{{ID: "about", Title: "About"}},
	}
}

// clone copies a framework deeply.
func clone(t *testing.T, f *datafile.Framework) *datafile.Framework {
	t.Helper()
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	var out datafile.Framework
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return &out
}

func level(f *datafile.Framework, id string) *datafile.FrameworkLevel {
	for i := range f.Levels {
		if f.Levels[i].ID == id {
			return &f.Levels[i]
		}
	}
	panic("no level " + id)
}

// short writes a change as "entity id kind field item old>new".
func short(c Change) string {
	s := string(c.Entity) + " " + c.ID + " " + string(c.Kind)
	if c.OldID != "" {
		s += " from " + c.OldID
	}
	if c.Field != "" {
		s += " " + c.Field
	}
	if c.Item != "" {
		s += " " + c.Item
	}
	if c.Old != "" || c.New != "" {
		s += " " + c.Old + ">" + c.New
	}
	if c.OldText != "" || c.NewText != "" {
		s += " [" + c.OldText + ">" + c.NewText + "]"
	}
	return s
}

func TestCompare(t *testing.T) {
	tests := []struct {
		name   string
		change func(f *datafile.Framework)
		want   []string
	}{
		{"same", func(f *datafile.Framework) {}, nil},
		{"today and version do not count", func(f *datafile.Framework) { f.Today, f.Version = "2027-01-01", "2" }, nil},
		{"expectation raised", func(f *datafile.Framework) { level(f, "eng/e2").Competencies[0].Level = 3 },
			[]string{"level eng/e2 raised competencies code 2 Practising>3 Fluent"}},
		{"expectation lowered and reworded", func(f *datafile.Framework) {
			level(f, "eng/e1").Competencies[1] = datafile.FrameworkExpect{ID: "people", Level: 0, Expect: "Listens."}
		}, []string{"level eng/e1 lowered competencies people 1 Aware>0 [Asks for help.>Listens.]"}},
		{"expectation reworded", func(f *datafile.Framework) { level(f, "eng/e1").Competencies[1].Expect = "Asks." },
			[]string{"level eng/e1 changed competencies people 1 Aware>1 Aware [Asks for help.>Asks.]"}},
		{"competency added and removed on a level", func(f *datafile.Framework) {
			l := level(f, "ops/o1")
			l.Competencies = []datafile.FrameworkExpect{{ID: "code", Level: 2}}
		}, []string{"level ops/o1 removed competencies people 1 Aware>", "level ops/o1 added competencies code >2 Practising"}},
		{"courses required, optional, dropped", func(f *datafile.Framework) {
			l := level(f, "eng/e1")
			l.Required = []string{"mgmt"}
			l.Optional = []string{"advanced"}
			l2 := level(f, "eng/e2")
			l2.Required = []string{"advanced"}
			l2.Optional = []string{"intro"}
		}, []string{
			"level eng/e1 required courses mgmt optional>required",
			"level eng/e1 optional courses advanced >optional",
			"level eng/e1 dropped courses intro required>",
			"level eng/e2 optional courses intro required>optional",
		}},
		{"promotions and moves", func(f *datafile.Framework) {
			level(f, "eng/e1").Next = []string{}
			level(f, "eng/e1").Moves = []string{"ops/o1"}
			level(f, "eng/e2").Moves = []string{}
		}, []string{"level eng/e1 removed next eng/e2", "level eng/e1 added moves ops/o1", "level eng/e2 removed moves ops/o1"}},
		{"pay band", func(f *datafile.Framework) {
			level(f, "eng/e2").Pay.Max = 75000
			level(f, "eng/e1").Pay = &site.Pay{Min: 40000}
		},
			[]string{"level eng/e1 changed pay >from 40000", "level eng/e2 changed pay 50000–70000 EUR>50000–75000 EUR"}},
		{"program eligibility, funding, intakes", func(f *datafile.Framework) {
			p := &f.Programs[0]
			p.Eligibility.MinTenureMonths = 6
			p.Eligibility.Tracks = []string{"eng"}
			p.Funding.Cap = 5000
			p.Intakes[0].Start = "2026-09-07"
		}, []string{
			"program academy changed intakes apply 2026-06-01 to 2026-06-30, start 2026-09-01>apply 2026-06-01 to 2026-06-30, start 2026-09-07",
			"program academy changed eligibility.min_tenure_months 3>6",
			"program academy removed eligibility.tracks ops",
			"program academy added eligibility.tracks eng",
			"program academy changed funding.cap >5000",
		}},
		{"track made legacy", func(f *datafile.Framework) { f.Tracks[0].Status = "legacy" },
			[]string{"track eng changed status active>legacy"}},
		{"program opened and closed", func(f *datafile.Framework) {
			f.Programs[0].ID = "bootcamp"
			f.Programs[0].Title = "Bootcamp"
			f.Programs[0].Kind = "leadership"
		}, []string{"program academy closed", "program bootcamp opened"}},
		{"competency renamed, references follow", func(f *datafile.Framework) {
			f.Competencies[0].ID = "coding"
			for i := range f.Levels {
				for j := range f.Levels[i].Competencies {
					if f.Levels[i].Competencies[j].ID == "code" {
						f.Levels[i].Competencies[j].ID = "coding"
					}
				}
			}
			f.Courses[0].Skills[0].ID = "coding"
		}, []string{"competency coding renamed from code"}},
		{"course renamed by title, and changed", func(f *datafile.Framework) {
			f.Courses[1].ID = "introduction"
			f.Courses[1].Hours = 6
			level(f, "eng/e1").Required = []string{"introduction"}
			level(f, "eng/e2").Required = []string{"introduction", "advanced"}
			f.Courses[0].Prerequisites = []string{"introduction"}
			f.Courses[2].Prerequisites = []string{"introduction"}
			f.Programs[0].Courses = []string{"introduction"}
		}, []string{"course introduction renamed from intro", "course introduction changed hours 4>6"}},
		{"level renamed", func(f *datafile.Framework) {
			level(f, "eng/e2").ID = "eng/senior"
			level(f, "eng/e1").Next = []string{"eng/senior"}
			f.Tracks[0].Levels = []string{"eng/e1", "eng/senior"}
		}, []string{"level eng/senior renamed from eng/e2"}},
		{"track renamed, levels follow", func(f *datafile.Framework) {
			f.Tracks[1].ID = "operations"
			level(f, "ops/o1").ID = "operations/o1"
			level(f, "operations/o1").Track = "operations"
			level(f, "eng/e2").Moves = []string{"operations/o1"}
			f.Programs[0].Eligibility.Tracks = []string{"operations"}
		}, []string{"track operations renamed from ops"}},
		{"entities added and removed", func(f *datafile.Framework) {
			f.Competencies = append(f.Competencies, datafile.FrameworkComp{ID: "design", Title: "Design"})
			f.Courses = f.Courses[:2]
			level(f, "eng/e1").Optional = []string{}
			f.Levels = append(f.Levels, datafile.FrameworkLevel{ID: "eng/e3", Track: "eng", Title: "Engineer III", Rank: 3, Path: "ic"})
			f.Tracks = append(f.Tracks, datafile.FrameworkTrack{ID: "hr", Title: "People"})
			f.Pages = nil
		}, []string{
			"level eng/e1 dropped courses mgmt optional>",
			"level eng/e3 added",
			"track hr added",
			"competency design added",
			"course mgmt removed",
			"page about removed",
		}},
		{"scale and competency descriptors", func(f *datafile.Framework) {
			f.Scale[2] = "Skilled"
			f.Competencies[0].Levels = map[string]string{"1": "Changes code with help.", "2": "Writes tested code."}
		}, []string{"framework  changed scale.3 Fluent>Skilled", "competency code changed levels.2 >Writes tested code."}},
		{"level fields", func(f *datafile.Framework) {
			l := level(f, "eng/e1")
			l.Title, l.Code, l.MinMonths = "Engineer 1", "E1", 6
		}, []string{"level eng/e1 changed title Engineer I>Engineer 1", "level eng/e1 changed code >E1", "level eng/e1 changed min_months >6"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := base()
			n := clone(t, old)
			tt.change(n)
			r := Compare(old, n)
			var got []string
			for _, c := range r.Changes {
				got = append(got, short(c))
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			if r.Empty() != (len(tt.want) == 0) {
				t.Errorf("Empty() = %v", r.Empty())
			}
			// The other way round has as many changes.
			if back := Compare(n, old); len(back.Changes) != len(r.Changes) {
				t.Errorf("reverse: %d changes, want %d", len(back.Changes), len(r.Changes))
			}
		})
	}
}

// TestMarkdownGolden checks the markdown of a report with every kind of
// change against testdata/changes.md.
func TestMarkdownGolden(t *testing.T) {
	old := base()
	n := clone(t, old)
	n.Version, old.Version = "2026.2", "2026.1"
	level(n, "eng/e2").Competencies[0] = datafile.FrameworkExpect{ID: "code", Level: 3, Expect: "Designs <modules>."}
	level(n, "eng/e1").Required = []string{"intro", "mgmt"}
	level(n, "eng/e1").Optional = []string{}
	n.Programs[0].Eligibility.MinTenureMonths = 6
	n.Competencies[1].ID = "teamwork"
	for i := range n.Levels {
		for j := range n.Levels[i].Competencies {
			if n.Levels[i].Competencies[j].ID == "people" {
				n.Levels[i].Competencies[j].ID = "teamwork"
			}
		}
	}
	n.Courses = append(n.Courses, datafile.FrameworkCourse{ID: "capstone", Title: "Capstone | final", Hours: 40})
	r := Compare(old, n)
	r.Old.Label, r.New.Label = "old", "new"
	for _, format := range []struct {
		file  string
		write func(*bytes.Buffer, *Report) error
	}{
		{"changes.md", func(b *bytes.Buffer, r *Report) error { return WriteMarkdown(b, r) }},
		{"changes.txt", func(b *bytes.Buffer, r *Report) error { return WriteText(b, r) }},
		{"changes.json", func(b *bytes.Buffer, r *Report) error { return WriteJSON(b, r) }},
	} {
		var b bytes.Buffer
		if err := format.write(&b, r); err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", format.file)
		if *update {
			if err := os.WriteFile(golden, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), want) {
			t.Errorf("%s differs from the golden file (go test -update to rewrite):\n%s", golden, b.String())
		}
	}
}

func TestMarkdownEmpty(t *testing.T) {
	r := Compare(base(), base())
	var b bytes.Buffer
	if err := WriteMarkdown(&b, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "No changes.") {
		t.Errorf("got %q", b.String())
	}
	var j bytes.Buffer
	if err := WriteJSON(&j, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(j.String(), `"changes": []`) {
		t.Errorf("json: %s", j.String())
	}
}
