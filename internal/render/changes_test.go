package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diff"
	"github.com/ladder-ssg/ladder/internal/route"
	"github.com/ladder-ssg/ladder/internal/site"
)

// changedFrameworks returns two versions of a framework between which
// every kind of change happens: entities added, removed and renamed,
// expectations and skills raised, lowered, added, removed and reworded,
// courses made required, optional and dropped, programs opened and
// closed, and a change of every field that is not text.
func changedFrameworks() (old, new *datafile.Framework) {
	expect := func(id string, level int, text string) datafile.FrameworkExpect {
		e := datafile.FrameworkExpect{ID: id, Level: level}
		if text != "" {
			e.Expect = text
		}
		return e
	}
	old = &datafile.Framework{
		Schema: 1, Title: "Acme", Scale: []string{"Aware", "Practising", "Fluent"},
		Tracks: []datafile.FrameworkTrack{
			{ID: "eng", Title: "Engineering", Paths: []string{"ic"}, Levels: []string{"eng/e1", "eng/e0"}},
			{ID: "ops", Title: "Operations", Paths: []string{"ic"}},
		},
		Levels: []datafile.FrameworkLevel{
			{ID: "eng/e0", Track: "eng", Title: "Trainee", Rank: 0, Path: "ic", Next: []string{"eng/e1"}},
			{ID: "eng/e1", Track: "eng", Title: "Engineer I", Rank: 1, Path: "ic", Next: []string{}, Moves: []string{},
				Required: []string{"intro", "old"}, Optional: []string{"adv", "spare"},
				Competencies: []datafile.FrameworkExpect{expect("code", 1, ""), expect("people", 2, "Helps."), expect("test", 1, ""), expect("ops", 1, "Runs it.")}},
		},
		Competencies: []datafile.FrameworkComp{
			{ID: "code", Title: "Coding", Category: "Craft", Levels: map[string]string{"1": "Writes code."}},
			{ID: "people", Title: "People"}, {ID: "test", Title: "Testing"}, {ID: "ops", Title: "Operating"},
		},
		Courses: []datafile.FrameworkCourse{
			{ID: "adv", Title: "Advanced", Hours: 4, Format: "video", Skills: []datafile.FrameworkExpect{expect("code", 2, ""), expect("test", 1, "")}},
			{ID: "intro", Title: "Introduction", Hours: 2}, {ID: "old", Title: "Old course", Hours: 1}, {ID: "spare", Title: "Spare", Hours: 1},
		},
		Programs: []datafile.FrameworkProg{
			{ID: "academy", Title: "Academy", Kind: "academy", Fields: []string{"Software"},
				Intakes:     []datafile.FrameworkIntake{{ApplyFrom: "2026-06-01", ApplyBy: "2026-06-30", Start: "2026-09-01"}},
				Eligibility: datafile.FrameworkElig{MinTenureMonths: 3, Tracks: []string{"ops"}, Approval: "manager"},
				Funding:     site.Funding{TuitionPercent: 90, Cap: 5000, Currency: "EUR", Covers: []string{"books"}}},
			{ID: "gone", Title: "Closed program", Kind: "tuition", Summary: "A program that closes."},
		},
		Pages: []datafile.FrameworkPage{{ID: "about", Title: "About"}},
	}
	new = &datafile.Framework{
		Schema: 1, Title: "Acme Careers", Scale: []string{"Aware", "Practising", "Proficient"},
		Tracks: []datafile.FrameworkTrack{
			{ID: "eng", Title: "Engineering", Status: "legacy", Summary: "Builds it.", Paths: []string{"ic"}, Levels: []string{"eng/e1", "eng/e2"}},
			{ID: "sales", Title: "Sales", Paths: []string{"ic"}},
		},
		Levels: []datafile.FrameworkLevel{
			{ID: "eng/e1", Track: "eng", Title: "Engineer I", Code: "L4", Rank: 2, Path: "ic", Next: []string{"eng/e2"}, Moves: []string{},
				Required: []string{"adv", "new"}, Optional: []string{"intro", "extra"}, MinMonths: 12, ONetSOC: "15-1252.00",
				Pay:          &site.Pay{Min: 95000, Max: 130000, Currency: "USD"},
				Competencies: []datafile.FrameworkExpect{expect("code", 2, ""), expect("people", 1, "Leads."), expect("design", 1, ""), expect("ops", 1, "Runs and fixes it.")}},
			{ID: "eng/e2", Track: "eng", Title: "Engineer II", Rank: 3, Path: "ic"},
		},
		Competencies: []datafile.FrameworkComp{
			{ID: "code", Title: "Coding", Category: "Engineering craft", Levels: map[string]string{"1": "Writes small changes."}},
			{ID: "people", Title: "People"}, {ID: "design", Title: "Design"}, {ID: "ops", Title: "Operating"},
		},
		Courses: []datafile.FrameworkCourse{
			{ID: "adv", Title: "Advanced", Hours: 6.5, Cost: 1200, Format: "classroom", Prerequisites: []string{"intro"},
				Skills: []datafile.FrameworkExpect{expect("code", 3, ""), expect("design", 1, "")}},
			{ID: "intro", Title: "Introduction", Hours: 2}, {ID: "new", Title: "New course", Hours: 1}, {ID: "extra", Title: "Extra", Hours: 1},
			{ID: "spare-2", Title: "Spare", Hours: 1},
		},
		Programs: []datafile.FrameworkProg{
			{ID: "academy", Title: "Academy", Kind: "apprenticeship", Paid: true, WeeklyHours: 37.5, Fields: []string{"Data"},
				Intakes:     []datafile.FrameworkIntake{{ApplyBy: "2027-01-31", Start: "2027-03-01"}},
				Eligibility: datafile.FrameworkElig{MinTenureMonths: 6, Tracks: []string{"sales"}, Levels: []string{"eng/e1"}, Approval: "director", Note: "Full time only."},
				Funding:     site.Funding{TuitionPercent: 100, Cap: 5250.5, Currency: "USD", Covers: []string{"fees"}, Payback: "Within a year."},
				Outcomes:    site.Outcomes{PlacementRate: 0.95, Participants: 1200}},
			{ID: "fresh", Title: "Fresh program", Kind: "academy"},
		},
		Pages: []datafile.FrameworkPage{{ID: "about", Title: "About us"}, {ID: "faq", Title: "FAQ"}},
	}
	return old, new
}

// missing finds a key in place of a missing text.
var missing = regexp.MustCompile(`changes\.[a-z]`)

// english finds words of the English texts of changes in a text that
// should have none.
var english = regexp.MustCompile(`\b(now|expects|teaches|longer|was|up|down|from|course|added|removed|renamed|opened|closed|required|reworded|expectation|promotion|move|track|level|program|page|framework|eligibility|funding|outcomes|applications|start|yes|no|pay band|hours|months|descriptor|point|Track|Competencies|Courses|Programs|Pages|Framework)\b`)

// TestChangeTexts writes every kind of change in English and in German:
// every text is in the language's file (none falls back to its key), the
// German ones have no English word, and values that are not text (hours,
// amounts, dates, yes and no) are written in the language's way.
func TestChangeTexts(t *testing.T) {
	old, new := changedFrameworks()
	rep := diff.Compare(old, new)
	kinds := map[diff.Kind]bool{}
	for _, c := range rep.Changes {
		kinds[c.Kind] = true
	}
	for _, k := range []diff.Kind{diff.Added, diff.Removed, diff.Renamed, diff.Changed, diff.Raised, diff.Lowered, diff.Required, diff.Optional, diff.Dropped, diff.Opened, diff.Closed} {
		if !kinds[k] {
			t.Errorf("the frameworks have no change of kind %s", k)
		}
	}
	for _, tc := range []struct {
		lang  string
		wants []string
	}{
		{"en", []string{
			"level eng/e1 Engineer I: pay band: (none) → USD 95,000 – USD 130,000",
			"level eng/e1 Engineer I: typical time in the level before: (none) → 12 months",
			"level eng/e1 Engineer I: expects Coding (code) at 2 Practising, up from 1 Aware",
			"level eng/e1 Engineer I: expects People (people) at 1 Aware, down from 2 Practising; reworded",
			"level eng/e1 Engineer I: expectation of Operating (ops) reworded",
			"level eng/e1 Engineer I: course Advanced (adv) is now required (was optional)",
			"level eng/e1 Engineer I: course Old course (old) is no longer required",
			"level eng/e1 Engineer I: promotion to Engineer II (eng/e2) added",
			"course adv Advanced: hours: 4 h → 6.5 h",
			"course adv Advanced: format: video → classroom",
			"course spare-2 Spare: renamed from spare",
			"competency code Coding: descriptor of 1 Aware: Writes code. → Writes small changes.",
			"program academy Academy: paid while learning: no → yes",
			"program academy Academy: intakes: applications 1 June 2026 to 30 June 2026, start 1 September 2026 → applications by 31 January 2027, start 1 March 2027",
			"program academy Academy: funding: yearly cap: 5,000 → 5,250.5",
			"program academy Academy: outcomes: placement rate: (none) → 95%",
			"program academy Academy: eligibility: minimum time with the company: 3 months → 6 months",
			"program gone Closed program: program closed",
			"track ops Operations: removed",
			"framework: name of point 3 Fluent of the scale: Fluent → Proficient",
			"# Track Engineering (eng)", "# Programs", "# Framework",
		}},
		{"de", []string{
			"Stufe eng/e1 Engineer I: Gehaltsband: (keine) → 95.000 USD – 130.000 USD",
			"Stufe eng/e1 Engineer I: übliche Zeit in der Stufe davor: (keine) → 12 Monate",
			"Stufe eng/e1 Engineer I: Kurs Advanced (adv) ist jetzt verpflichtend (vorher optional)",
			"Kurs adv Advanced: Stunden: 4 Std. → 6,5 Std.",
			"Programm academy Academy: bezahlt während des Lernens: nein → ja",
			"Programm academy Academy: Durchgänge: Bewerbung 1. Juni 2026 bis 30. Juni 2026, Beginn 1. September 2026 → Bewerbung bis 31. Januar 2027, Beginn 1. März 2027",
			"Programm academy Academy: Art: Akademie → Ausbildung",
			"# Laufbahn Engineering (eng)", "# Programme", "# Kompetenzmodell",
		}},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			r := basicRenderer(t, `language = "`+tc.lang+`"`)
			// The scale of the site that draws the page names the points.
			r.site.Config.Scale.Names = old.Scale
			var lines []string
			for _, g := range rep.Groups() {
				lines = append(lines, "# "+r.changeGroup(g))
				for _, c := range g.Changes {
					lines = append(lines, r.changeSubject(c)+": "+r.changeText(c))
				}
			}
			all := strings.Join(lines, "\n")
			for _, l := range lines {
				if missing.MatchString(l) {
					t.Errorf("a text is missing: %s", l)
				}
				if tc.lang != "en" {
					// Content (titles, ids, descriptors) is left as written.
					plain := l
					for _, content := range []string{"Writes code.", "Writes small changes.", "Old course", "New course", "Closed program", "Fresh program", "Full time only.", "Within a year.", "A program that closes.", "Builds it.", "About us"} {
						plain = strings.ReplaceAll(plain, content, "")
					}
					if m := english.FindString(plain); m != "" {
						t.Errorf("English %q in %s", m, l)
					}
				}
			}
			for _, w := range tc.wants {
				if !strings.Contains(all, w) {
					t.Errorf("no line %q in\n%s", w, all)
				}
			}
			if t.Failed() {
				t.Logf("all changes:\n%s", all)
			}
		})
	}
}

// TestFundingText checks that what a program pays for, as the tools' data
// says it in English, is what ladder path says (route.FundingSummary), for
// every program of the example, and that German says it in German.
func TestFundingText(t *testing.T) {
	r := exampleRenderer(t, false)
	n := 0
	for _, p := range r.site.Programs {
		want := route.FundingSummary(p)
		if got := r.fundingText(p); got != want {
			t.Errorf("program %s: %q, ladder path says %q", p.ID, got, want)
		}
		if want != "" {
			n++
		}
	}
	if n < 3 {
		t.Fatalf("only %d programs of the example publish their funding", n)
	}
	de := basicRenderer(t, `language = "de"`)
	p := &site.Program{Paid: true, Funding: site.Funding{TuitionPercent: 95, Cap: 5250, Currency: "USD", Covers: []string{"Bücher", "Gebühren"}}}
	if got, want := de.fundingText(p), "95 % der Studiengebühren, bis zu 5.250 USD im Jahr; deckt Bücher, Gebühren; bezahlt während des Lernens"; got != want {
		t.Errorf("in German: %q, want %q", got, want)
	}
}
