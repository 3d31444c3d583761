package check_test

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// planSite returns a small site with one plan template whose front matter
// (after the +++ line) is fm.
func planSite(fm string) fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.toml":                       file("title = \"T\"\n[scale]\nnames = [\"Basic\", \"Good\", \"Great\"]\n"),
		"content/tracks/eng/_index.md":    file("+++\ntitle = \"Engineering\"\n+++\n"),
		"content/tracks/eng/junior.md":    file("+++\ntitle = \"Junior\"\nrank = 1\nrequired_courses = [\"linux\"]\n[competencies]\ncoding = 1\n+++\n"),
		"content/competencies/coding.md":  file("+++\ntitle = \"Coding\"\n+++\n"),
		"content/courses/linux.md":        file("+++\ntitle = \"Linux\"\n+++\n"),
		"content/programs/academy.md":     file("+++\ntitle = \"Academy\"\nleads_to = [\"eng/junior\"]\n+++\n"),
		"content/courses/draft-course.md": file("+++\ntitle = \"Later\"\ndraft = true\n+++\n"),
		"content/plans/p.md":              file("+++\n" + fm + "+++\n"),
	}
}

// TestPlanTemplates checks each rule of plan templates on its own: the
// diagnostics of a template (rule, line:col and message, severity first) and
// what it resolves to.
func TestPlanTemplates(t *testing.T) {
	for _, c := range []struct {
		name string
		fm   string
		want []string // "severity rule line:col: message", in the order check sorts them
	}{
		{"valid", `title = "P"
tracks = ["eng"]
levels = ["eng/junior"]
[[goals]]
title = "G"
text = "See [Linux](course:linux)."
[[goals.actions]]
course = "linux"
[[goals.actions]]
program = "academy"
text = "Apply."
[[goals.actions]]
competency = "coding"
level = 3
[[goals.actions]]
text = "Ask for feedback."
`, nil},
		{"missing title", `[[goals]]
title = "G"
[[goals.actions]]
text = "x"
`, []string{`error missing-key 1:1: missing required key "title" in plan`}},
		{"unknown track", `title = "P"
tracks = ["eng", "ops"]
[[goals]]
title = "G"
[[goals.actions]]
text = "x"
`, []string{`error unknown-reference 3:18: unknown track "ops"`}},
		{"bare level", `title = "P"
levels = ["junior"]
[[goals]]
title = "G"
[[goals.actions]]
text = "x"
`, []string{`error unknown-reference 3:11: unknown level "junior"`}},
		{"unknown program", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
program = "acadmy"
`, []string{`error unknown-reference 6:11: unknown program "acadmy"`}},
		{"draft course", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
course = "draft-course"
`, []string{`error draft-reference 6:10: course "draft-course" is a draft`}},
		{"two references", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
competency = "coding"
program = "academy"
`, []string{`error plan-action 6:14: an action names a program and a competency; an action is one checklist item and names one of them`}},
		{"empty action", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
`, []string{`error plan-action 5:1: empty action in goal 1 of plan template "p"`}},
		{"level without competency", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
course = "linux"
level = 2
`, []string{`error plan-action 7:9: an action's level is a point of the scale of a competency, and the action names none`}},
		{"level off the scale", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
competency = "coding"
level = 0
`, []string{`error scale-range 7:9: level 0 of "coding" is outside the scale 1..3`}},
		{"goal without title", `title = "P"
[[goals]]
text = "Why."
[[goals.actions]]
text = "x"
`, []string{`error missing-key 3:1: missing required key "title" in goal 1 of plan template "p"`}},
		{"wrong type", `title = "P"
levels = "eng/junior"
`, []string{`warning empty-plan 1:1: plan template "p" has no goals`, `error type-mismatch 3:10: levels must be an array, not a string`}},
		{"unknown key", `title = "P"
[[goals]]
title = "G"
[[goals.actions]]
corse = "linux"
`, []string{`error plan-action 5:1: empty action in goal 1 of plan template "p"`, `error unknown-key 6:1: unknown key "corse" in [goals.actions]`}},
		{"link in goal text", `title = "P"
[[goals]]
title = "G"
text = "See [it](program:acadmy)."
[[goals.actions]]
text = "x"
`, []string{`error unknown-reference 5:8: link to unknown program "acadmy"`}},
		{"no goals", `title = "P"
`, []string{`warning empty-plan 1:1: plan template "p" has no goals`}},
		{"goal without actions", `title = "P"
[[goals]]
title = "G"
`, []string{`warning empty-plan 3:1: goal "G" of plan template "p" has no actions`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, _, diags := compile(t, planSite(c.fm))
			var got []string
			for _, d := range diags {
				if d.Pos.File != "content/plans/p.md" {
					t.Errorf("unexpected diagnostic: %s", d.Error())
					continue
				}
				got = append(got, fmt.Sprintf("%s %s %d:%d: %s", d.Severity, d.Rule, d.Pos.Line, d.Pos.Col, d.Msg))
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if c.name != "valid" {
				return
			}
			p := s.PlanByID("p")
			if p == nil || len(p.Tracks) != 1 || len(p.Levels) != 1 || !p.For(s.LevelByID("eng/junior")) {
				t.Fatalf("plan not resolved: %+v", p)
			}
			a := p.Goals[0].Actions
			if a[0].Course != s.CourseByID("linux") || a[1].Program != s.ProgramByID("academy") || a[2].Competency != s.CompetencyByID("coding") || a[2].Level != 3 {
				t.Errorf("actions not resolved: %+v", a)
			}
			if p.Goals[0].Desc.HTML == "" {
				t.Errorf("goal text not converted")
			}
		})
	}
}
