package render

import (
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Family is a group of tracks on the home and tracks pages.
type Family struct {
	Name   string
	Tracks []*site.Track
}

// Families groups the tracks by family, in track order; tracks without a
// family come last under "Other tracks".
func (p *Page) Families() []Family {
	var out []Family
	idx := map[string]int{}
	var other []*site.Track
	for _, t := range p.Site.Tracks {
		if t.Family == "" {
			other = append(other, t)
			continue
		}
		i, ok := idx[t.Family]
		if !ok {
			i = len(out)
			idx[t.Family] = i
			out = append(out, Family{Name: t.Family})
		}
		out[i].Tracks = append(out[i].Tracks, t)
	}
	if len(other) > 0 {
		name := "Other tracks"
		if len(out) == 0 {
			name = "All tracks"
		}
		out = append(out, Family{Name: name, Tracks: other})
	}
	return out
}

// PathLevels returns the levels of a track on one path, highest rank first.
func (p *Page) PathLevels(t *site.Track, path string) []*site.Level {
	var out []*site.Level
	for i := len(t.Levels) - 1; i >= 0; i-- {
		if t.Levels[i].Path == path {
			out = append(out, t.Levels[i])
		}
	}
	return out
}

// CompetencyOf returns a competency by id (never nil: an unknown id, which
// check has reported, gives a stand-in titled with the id).
func (p *Page) CompetencyOf(id string) *site.Competency {
	if c, ok := p.Site.CompetencyByID[id]; ok {
		return c
	}
	return &site.Competency{Common: site.Common{ID: id, Title: id}}
}

// CompetencyGroup is the competencies of one category.
type CompetencyGroup struct {
	Category     string
	Competencies []*site.Competency
}

// CompetencyGroups groups all competencies by category.
func (p *Page) CompetencyGroups() []CompetencyGroup {
	return groupCompetencies(p.Site.Competencies)
}

func groupCompetencies(cs []*site.Competency) []CompetencyGroup {
	var out []CompetencyGroup
	for _, c := range cs {
		cat := c.Category
		if cat == "" {
			cat = "General"
		}
		if len(out) == 0 || out[len(out)-1].Category != cat {
			out = append(out, CompetencyGroup{Category: cat})
		}
		out[len(out)-1].Competencies = append(out[len(out)-1].Competencies, c)
	}
	return out
}

// Matrix is a track's competency matrix: competencies grouped by category
// (rows) by levels (columns).
type Matrix struct {
	Levels []*site.Level
	Groups []MatrixGroup
}

// MatrixGroup is a category of rows in a Matrix.
type MatrixGroup struct {
	Category string
	Rows     []MatrixRow
}

// MatrixRow is one competency across the levels of a track.
type MatrixRow struct {
	Competency *site.Competency
	Cells      []MatrixCell
}

// MatrixCell is what one level expects of one competency (Level 0: nothing).
type MatrixCell struct {
	Level int
	Text  string
}

// Matrix returns the competency matrix of a track, or nil when its levels
// expect no competency. Columns are the levels by path, then rank.
func (p *Page) Matrix(t *site.Track) *Matrix {
	used := map[string]bool{}
	for _, l := range t.Levels {
		for _, e := range l.Expectations {
			used[e.CompetencyID] = true
		}
	}
	if len(used) == 0 {
		return nil
	}
	var comps []*site.Competency
	for _, c := range p.Site.Competencies {
		if used[c.ID] {
			comps = append(comps, c)
		}
	}
	m := &Matrix{Levels: t.Levels}
	for _, g := range groupCompetencies(comps) {
		mg := MatrixGroup{Category: g.Category}
		for _, c := range g.Competencies {
			row := MatrixRow{Competency: c}
			for _, l := range t.Levels {
				cell := MatrixCell{}
				if e := l.Expectation(c.ID); e != nil {
					cell.Level = e.Level
					cell.Text = e.Expect
					if cell.Text == "" {
						cell.Text = c.Descriptor(e.Level)
					}
				}
				row.Cells = append(row.Cells, cell)
			}
			mg.Rows = append(mg.Rows, row)
		}
		m.Groups = append(m.Groups, mg)
	}
	return m
}

// Eligibility describes who may join a program, in plain words.
func (p *Page) Eligibility(pr *site.Program) string {
	e := &pr.Eligibility
	var parts []string
	switch {
	case len(e.Levels) > 0:
		parts = append(parts, "Open to "+titles(e.Levels, func(l *site.Level) string { return l.Title }))
	case len(e.Tracks) > 0:
		parts = append(parts, "Open to employees in "+titles(e.Tracks, func(t *site.Track) string { return t.Title }))
	default:
		parts = append(parts, "Open to every employee")
	}
	if e.MinTenureMonths > 0 {
		parts[0] += fmt.Sprintf(" with at least %d %s with the company", e.MinTenureMonths, pluralize(e.MinTenureMonths, "month", "months"))
	}
	parts[0] += "."
	if len(e.Courses) > 0 {
		parts = append(parts, "Complete "+titles(e.Courses, func(c *site.Course) string { return c.Title })+" first.")
	}
	if e.Approval != "" {
		parts = append(parts, "Needs approval from your "+e.Approval+".")
	}
	if e.Note != "" {
		parts = append(parts, e.Note)
	}
	return strings.Join(parts, " ")
}

// FundingText describes what a program pays for, in plain words.
func (p *Page) FundingText(pr *site.Program) string {
	f := &pr.Funding
	var parts []string
	if f.TuitionPercent > 0 {
		s := fmt.Sprintf("Pays %s%% of tuition", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.1f", f.TuitionPercent), "0"), "."))
		if f.Cap > 0 {
			s += fmt.Sprintf(", up to %s a year", Money(f.Cap, f.Currency))
		}
		parts = append(parts, s+".")
	}
	if len(f.Covers) > 0 {
		parts = append(parts, "Covers "+strings.Join(f.Covers, ", ")+".")
	}
	if f.Payback != "" {
		parts = append(parts, "If you leave: "+f.Payback)
	}
	if len(parts) == 0 {
		return "No funding details are published for this program."
	}
	return strings.Join(parts, " ")
}

func pluralize(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// titles joins names in plain English: "a", "a and b", "a, b and c".
func titles[T any](xs []T, name func(T) string) string {
	names := make([]string, len(xs))
	for i, x := range xs {
		names[i] = name(x)
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// JSONLD returns the schema.org description of the page's entity: an
// Occupation for a level, a Course for a course, an
// EducationalOccupationalProgram for a program.
func (p *Page) JSONLD() any {
	switch {
	case p.Level != nil:
		l := p.Level
		o := map[string]any{
			"@context": "https://schema.org", "@type": "Occupation",
			"name": l.Title, "description": l.Summary, "url": p.AbsURL(l),
		}
		if l.ONetSOC != "" {
			o["occupationalCategory"] = l.ONetSOC
		}
		if l.Pay != nil && (l.Pay.Min > 0 || l.Pay.Max > 0) {
			o["estimatedSalary"] = map[string]any{
				"@type": "MonetaryAmountDistribution", "name": "base", "currency": l.Pay.Currency,
				"minValue": l.Pay.Min, "maxValue": l.Pay.Max, "duration": "P1Y",
			}
		}
		var skills []string
		for _, e := range l.Expectations {
			skills = append(skills, p.CompetencyOf(e.CompetencyID).Title)
		}
		if len(skills) > 0 {
			o["skills"] = strings.Join(skills, ", ")
		}
		return o
	case p.Course != nil:
		c := p.Course
		o := map[string]any{
			"@context": "https://schema.org", "@type": "Course",
			"name": c.Title, "description": firstNonEmpty(c.Summary, c.Title), "url": p.AbsURL(c),
		}
		if c.Provider != "" {
			o["provider"] = map[string]any{"@type": "Organization", "name": c.Provider}
		}
		if c.Credential != "" {
			o["educationalCredentialAwarded"] = c.Credential
		}
		if len(c.Prereqs) > 0 {
			var pre []any
			for _, x := range c.Prereqs {
				pre = append(pre, map[string]any{"@type": "Course", "name": x.Title, "url": p.AbsURL(x)})
			}
			o["coursePrerequisites"] = pre
		}
		if c.Hours > 0 {
			o["timeRequired"] = fmt.Sprintf("PT%sH", strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", c.Hours), "0"), "."))
		}
		return o
	case p.Program != nil:
		pr := p.Program
		o := map[string]any{
			"@context": "https://schema.org", "@type": "EducationalOccupationalProgram",
			"name": pr.Title, "description": pr.Summary, "url": p.AbsURL(pr),
		}
		if pr.Duration != "" {
			o["timeToComplete"] = pr.Duration
		}
		if len(pr.Fields) > 0 {
			o["occupationalCategory"] = pr.Fields
		}
		if len(pr.LeadsTo) > 0 {
			var occ []any
			for _, l := range pr.LeadsTo {
				occ = append(occ, map[string]any{"@type": "Occupation", "name": l.Title, "url": p.AbsURL(l)})
			}
			o["occupationalCredentialAwarded"] = nil
			delete(o, "occupationalCredentialAwarded")
			o["educationalProgramMode"] = pr.Kind
			o["programPrerequisites"] = p.Eligibility(pr)
			o["hasCourse"] = courseRefs(p, pr.Courses)
			o["relevantOccupation"] = occ
		}
		return o
	}
	return nil
}

func courseRefs(p *Page, cs []*site.Course) []any {
	out := []any{}
	for _, c := range cs {
		out = append(out, map[string]any{"@type": "Course", "name": c.Title, "url": p.AbsURL(c)})
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
