package render

import (
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diff"
	"github.com/ladder-ssg/ladder/internal/site"
)

// The changes of a release, as /changes/ and the levels' "Changed in" box
// show them, are written in the site's language from the texts under
// [changes] of its language file. ladder diff writes the same changes in
// English for a terminal or a pull request (package diff); here the
// numbers, amounts and dates are written in the language's way, and the
// names of fields, program kinds and course formats are its words.

// words returns the text of key under [changes] in the site's language.
func (r *Renderer) words(key string, args ...any) string { return r.tr("changes."+key, args...) }

// changeSubject names the entity of a change: "level eng/e1 Engineer I".
func (r *Renderer) changeSubject(c diff.Change) string {
	if c.Entity == diff.Framework {
		return r.words("framework")
	}
	kind := r.words("entity." + string(c.Entity))
	if c.Title == "" || c.Title == c.ID {
		return r.words("subject_id", kind, c.ID)
	}
	return r.words("subject", kind, c.ID, c.Title)
}

// changeGroup is the heading of a group of changes: "Track Engineering
// (eng)", "Courses".
func (r *Renderer) changeGroup(g diff.Group) string {
	switch g.Entity {
	case diff.Framework:
		return r.words("group.framework")
	case diff.Track, diff.Level:
		if g.TrackTitle != "" && g.TrackTitle != g.Track {
			return r.words("group.track", g.TrackTitle, g.Track)
		}
		return r.words("group.track_id", g.Track)
	case diff.Competency:
		return r.words("group.competencies")
	case diff.Course:
		return r.words("group.courses")
	case diff.Program:
		return r.words("group.programs")
	}
	return r.words("group.pages")
}

// changeItem names the element of a list a change is about: "Coding
// (code)", or its id when that is all there is.
func (r *Renderer) changeItem(c diff.Change) string {
	if c.ItemTitle != "" && c.ItemTitle != c.Item {
		return r.words("item", c.ItemTitle, c.Item)
	}
	return c.Item
}

// changeText says what changed, as a short sentence about the change's
// entity: "now requires Testing (testing)", "expects Coding (code) at 3
// Proficient, up from 2 Foundational".
func (r *Renderer) changeText(c diff.Change) string {
	or := func(s string) string {
		if s == "" {
			return r.words("none")
		}
		return s
	}
	// skills are what a course teaches; competencies what a level expects.
	verb := "expects"
	if c.Field == "skills" {
		verb = "teaches"
	}
	switch c.Kind {
	case diff.Added, diff.Removed:
		if c.Field == "" {
			return r.words("kind." + string(c.Kind))
		}
		if c.Field == "competencies" || c.Field == "skills" {
			if c.Kind == diff.Added {
				return r.words(verb+"_added", r.changeItem(c), or(c.New))
			}
			return r.words(verb+"_removed", r.changeItem(c), or(c.Old))
		}
		return r.words("list_"+string(c.Kind), r.fieldName(c.Field), r.changeItem(c))
	case diff.Opened, diff.Closed, diff.Renamed:
		return r.words("kind."+string(c.Kind), c.OldID)
	case diff.Raised, diff.Lowered:
		s := r.words(verb+"_"+string(c.Kind), r.changeItem(c), or(c.New), or(c.Old))
		if c.OldText != "" || c.NewText != "" {
			s = r.words("reworded", s)
		}
		return s
	case diff.Required, diff.Optional:
		if c.Old != "" {
			return r.words("course_"+string(c.Kind)+"_was", r.changeItem(c), r.words("state."+c.Old))
		}
		return r.words("course_"+string(c.Kind), r.changeItem(c))
	case diff.Dropped:
		return r.words("course_dropped_"+c.Old, r.changeItem(c))
	}
	if c.Field == "competencies" || c.Field == "skills" {
		return r.words("expectation_reworded", r.changeItem(c))
	}
	ov, nv := c.Values()
	return r.words("field_changed", r.fieldName(c.Field), or(r.fieldValue(c.Field, c.Old, ov)), or(r.fieldValue(c.Field, c.New, nv)))
}

// fieldName is the readers' word for a field: "promotion to" for next,
// "descriptor of 3 Proficient" for levels.3.
func (r *Renderer) fieldName(f string) string {
	for _, p := range []string{"levels.", "scale."} {
		if n, ok := strings.CutPrefix(f, p); ok {
			name := n
			if i, err := strconv.Atoi(n); err == nil && i >= 1 && i <= len(r.site.Config.Scale.Names) {
				name = n + " " + r.site.Config.Scale.Names[i-1]
			}
			return r.words("field."+strings.TrimSuffix(p, "."), name)
		}
	}
	if _, ok := r.texts.Lookup("changes.field." + f); ok {
		return r.words("field." + f)
	}
	return f
}

// fieldValue writes a field's value in the site's language: s is the value
// as ladder diff writes it, v the value as data (see diff.Change.Values).
func (r *Renderer) fieldValue(field, s string, v any) string {
	if s == "" {
		return ""
	}
	switch field {
	case "kind":
		return r.kindName(s)
	case "format":
		return r.formatName(s)
	case "status":
		return r.words("status." + s)
	case "hours", "eligibility.min_tenure_months", "min_months":
		if f, ok := number(v); ok {
			if field == "hours" {
				return Hours(r.texts, f)
			}
			return r.tr("count.months", int(f))
		}
	case "funding.tuition_percent", "outcomes.placement_rate":
		if f, ok := number(v); ok {
			return percent(r.texts, f)
		}
	}
	switch x := v.(type) {
	case int, float64:
		f, _ := number(x)
		return r.texts.Number(f)
	case bool:
		if x {
			return r.words("yes")
		}
		return r.words("no")
	case *site.Pay:
		return r.payText(x)
	case []datafile.FrameworkIntake:
		return r.intakesText(x)
	}
	return s
}

func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

// payText writes a pay band: "USD 95,000 – USD 130,000", "from USD
// 95,000".
func (r *Renderer) payText(p *site.Pay) string {
	if p == nil {
		return ""
	}
	lo, hi := r.texts.Money(float64(p.Min), p.Currency), r.texts.Money(float64(p.Max), p.Currency)
	switch {
	case p.Min != 0 && p.Max != 0:
		return r.tr("format.range", lo, hi)
	case p.Min != 0:
		return r.words("pay_from", lo)
	case p.Max != 0:
		return r.words("pay_to", hi)
	}
	return ""
}

// intakesText writes a program's intakes: "applications 5 January 2026 to
// 15 February 2026, start 2 March 2026; …".
func (r *Renderer) intakesText(in []datafile.FrameworkIntake) string {
	day := func(s string) string {
		t, err := time.Parse("2006-01-02", s)
		if err != nil {
			return s
		}
		return r.texts.Date(t)
	}
	parts := make([]string, 0, len(in))
	for _, x := range in {
		var s string
		switch {
		case x.ApplyFrom != "" && x.ApplyBy != "":
			s = r.words("intake_apply", day(x.ApplyFrom), day(x.ApplyBy))
		case x.ApplyBy != "":
			s = r.words("intake_apply_by", day(x.ApplyBy))
		case x.ApplyFrom != "":
			s = r.words("intake_apply_from", day(x.ApplyFrom))
		}
		if x.Start != "" {
			if s != "" {
				s += r.words("intake_sep")
			}
			s += r.words("intake_start", day(x.Start))
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, r.words("intakes_sep"))
}
