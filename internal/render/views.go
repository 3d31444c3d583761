package render

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/internal/i18n"
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
		name := p.r.tr("families.other")
		if len(out) == 0 {
			name = p.r.tr("families.all")
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
	if c := p.Site.CompetencyByID(id); c != nil {
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
	return groupCompetencies(p.Site.Competencies, p.r.tr("competency.general"))
}

// groupCompetencies groups cs by category, those without one under
// general.
func groupCompetencies(cs []*site.Competency, general string) []CompetencyGroup {
	var out []CompetencyGroup
	for _, c := range cs {
		cat := c.Category
		if cat == "" {
			cat = general
		}
		if len(out) == 0 || out[len(out)-1].Category != cat {
			out = append(out, CompetencyGroup{Category: cat})
		}
		out[len(out)-1].Competencies = append(out[len(out)-1].Competencies, c)
	}
	return out
}

// trackGroups groups the competencies a track uses (comps, in site order;
// used holds their ids): first the track's own [groups], in their order,
// then the others by category, those without one under general.
func trackGroups(t *site.Track, comps []*site.Competency, used map[string]bool, general string) []CompetencyGroup {
	if len(t.Groups) == 0 {
		return groupCompetencies(comps, general)
	}
	var out []CompetencyGroup
	grouped := map[*site.Competency]bool{}
	for _, g := range t.Groups {
		cg := CompetencyGroup{Category: g.Name}
		for _, c := range g.Competencies {
			grouped[c] = true
			if used[c.ID] {
				cg.Competencies = append(cg.Competencies, c)
			}
		}
		if len(cg.Competencies) > 0 {
			out = append(out, cg)
		}
	}
	var rest []*site.Competency
	for _, c := range comps {
		if !grouped[c] {
			rest = append(rest, c)
		}
	}
	return append(out, groupCompetencies(rest, general)...)
}

// Matrix is a track's competency matrix: competencies grouped by category
// (rows) by levels (columns).
type Matrix struct {
	Levels []*site.Level
	Paths  []MatrixPath // the paths the columns belong to, in column order
	Groups []MatrixGroup
}

// MatrixPath is a run of adjacent Matrix columns on one path.
type MatrixPath struct {
	Name string
	Span int
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
	Text  *Words // nil when there are none
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
	for i, l := range t.Levels {
		if i == 0 || l.Path != t.Levels[i-1].Path {
			m.Paths = append(m.Paths, MatrixPath{Name: p.r.pathName(l.Path)})
		}
		m.Paths[len(m.Paths)-1].Span++
	}
	for _, g := range trackGroups(t, comps, used, p.r.tr("competency.general")) {
		mg := MatrixGroup{Category: g.Category}
		for _, c := range g.Competencies {
			row := MatrixRow{Competency: c}
			for _, l := range t.Levels {
				cell := MatrixCell{}
				if e := l.Expectation(c.ID); e != nil {
					cell.Level = e.Level
					cell.Text = p.Words(*e, l.TrackID)
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
	tr := p.r.tr
	var who string
	switch {
	case len(e.Levels) > 0:
		who = tr("program.open_levels", titles(e.Levels, func(l *site.Level) string { return l.Title }, tr("program.list_sep"), tr("program.list_and")))
	case len(e.Tracks) > 0:
		who = tr("program.open_tracks", titles(e.Tracks, func(t *site.Track) string { return t.Title }, tr("program.list_sep"), tr("program.list_and")))
	default:
		who = tr("program.open_all")
	}
	if e.MinTenureMonths > 0 {
		who = tr("program.tenure", e.MinTenureMonths, who)
	}
	parts := []string{tr("program.sentence", who)}
	if len(e.Courses) > 0 {
		parts = append(parts, tr("program.complete_first", titles(e.Courses, func(c *site.Course) string { return c.Title }, tr("program.list_sep"), tr("program.list_and"))))
	}
	if e.Approval != "" {
		parts = append(parts, tr("program.approval", e.Approval))
	}
	if e.Note != "" {
		parts = append(parts, e.Note)
	}
	return strings.Join(parts, " ")
}

// FundingText describes what a program pays for, in plain words.
func (p *Page) FundingText(pr *site.Program) string {
	f := &pr.Funding
	tr, c := p.r.tr, p.r.texts
	var parts []string
	if f.TuitionPercent > 0 {
		s := tr("program.pays", tr("format.percent", c.Number(math.Round(f.TuitionPercent*10)/10)))
		if f.Cap > 0 {
			s += tr("program.cap", c.Money(f.Cap, f.Currency))
		}
		parts = append(parts, tr("program.sentence", s))
	}
	if len(f.Covers) > 0 {
		parts = append(parts, tr("program.covers", strings.Join(f.Covers, tr("program.list_sep"))))
	}
	if f.Payback != "" {
		parts = append(parts, tr("program.payback", f.Payback))
	}
	if len(parts) == 0 {
		return tr("program.no_funding")
	}
	return strings.Join(parts, " ")
}

// titles joins names in plain English: "a", "a and b", "a, b and c".
func titles[T any](xs []T, name func(T) string, sep, and string) string {
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
	return strings.Join(names[:len(names)-1], sep) + and + names[len(names)-1]
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
			"name": l.Title, "description": firstNonEmpty(l.Summary, l.Title), "url": p.AbsURL(l),
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
			"name": pr.Title, "description": firstNonEmpty(pr.Summary, pr.Title), "url": p.AbsURL(pr),
		}
		if pr.Kind != "" {
			o["programType"] = pr.Kind
		}
		if d := pr.Months.ISO8601(); d != "" {
			o["timeToComplete"] = d
		}
		if len(pr.Fields) > 0 {
			o["occupationalCategory"] = pr.Fields
		}
		o["programPrerequisites"] = p.Eligibility(pr)
		if len(pr.Courses) > 0 {
			o["hasCourse"] = courseRefs(p, pr.Courses)
		}
		if len(pr.LeadsTo) > 0 {
			var occ []any
			for _, l := range pr.LeadsTo {
				occ = append(occ, map[string]any{"@type": "Occupation", "name": l.Title, "url": p.AbsURL(l)})
			}
			o["relevantOccupation"] = occ
		}
		if in := p.IntakeStatus(pr).Next; in != nil {
			if d := date(in.ApplyFrom); d != "" {
				o["applicationStartDate"] = d
			}
			if d := date(in.ApplyBy); d != "" {
				o["applicationDeadline"] = d
			}
			if d := date(in.Start); d != "" {
				o["startDate"] = d
			}
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

// Crumb is one step of a page's breadcrumb trail. The last step is the page
// itself and has no Href.
type Crumb struct {
	Label, Href string
}

// Crumbs returns the breadcrumb trail of the page, from the home page to
// the page itself, or nil on the home page.
func (p *Page) Crumbs() []Crumb {
	if p.Spec.Kind == KindHome {
		return nil
	}
	out := []Crumb{{Label: p.r.tr("nav.home"), Href: p.Href("/")}}
	section := func(key, path string) { out = append(out, Crumb{Label: p.r.tr(key), Href: p.Href(path)}) }
	switch {
	case p.Spec.Kind == KindAssessTrack:
		section("title.assess", "assess/")
	case p.Spec.Kind == KindAssessForm:
		section("title.assess", "assess/")
		out = append(out, Crumb{Label: p.Level.Track.Title, Href: p.AssessTrackHref(p.Level.Track)})
		return append(out, Crumb{Label: p.Level.Title})
	case p.Track != nil:
		section("nav.tracks", "tracks/")
	case p.Level != nil:
		section("nav.tracks", "tracks/")
		out = append(out, Crumb{Label: p.Level.Track.Title, Href: p.Href(p.Level.Track)})
	case p.Competency != nil:
		section("nav.competencies", "competencies/")
	case p.Course != nil:
		section("nav.courses", "courses/")
	case p.Program != nil:
		section("nav.programs", "programs/")
	case p.Plan != nil:
		section("title.plans", "plans/")
	}
	return append(out, Crumb{Label: p.Title})
}

// Heat returns the heat-map class of point n of the site's scale ("heat-0"
// for no expectation up to "heat-5" for the top of the scale).
func (p *Page) Heat(n int) string { return p.r.heat(n) }

// Words is what an expectation asks for in words, as a template draws it
// (partials/expect.html): one criterion as a paragraph, several as a list,
// and examples.
type Words struct {
	Criteria []template.HTML
	Examples []template.HTML
}

// One returns the criterion when there is exactly one and no example,
// which templates write as running text, as they write a descriptor;
// otherwise "" (partials/expect.html draws the lists).
func (w *Words) One() template.HTML {
	if len(w.Criteria) == 1 && len(w.Examples) == 0 {
		return w.Criteria[0]
	}
	return ""
}

// Words returns what an expectation of a level of track asks for in words:
// the level's own criteria, else the competency's descriptor of that point
// of the scale, else the scale's description of the point; and its
// examples. It returns nil when there are none.
// Internal links are resolved for this page.
func (p *Page) Words(e site.Expectation, track string) *Words {
	w := &Words{}
	for _, x := range e.Expect {
		w.Criteria = append(w.Criteria, p.inline(x, track))
	}
	if len(w.Criteria) == 0 {
		d := p.CompetencyOf(e.CompetencyID).Descriptor(e.Level)
		if d == "" {
			d = p.ScaleDescription(e.Level)
		}
		if d != "" {
			w.Criteria = []template.HTML{template.HTML(template.HTMLEscapeString(d))}
		}
	}
	for _, x := range e.Examples {
		w.Examples = append(w.Examples, p.inline(x, track))
	}
	if len(w.Criteria) == 0 && len(w.Examples) == 0 {
		return nil
	}
	return w
}

// inline returns the HTML of an inline text with its internal links
// resolved for this page.
func (p *Page) inline(x site.Inline, track string) template.HTML {
	return template.HTML(p.r.resolveBody(string(x.HTML), p.Spec.URL, track))
}

// TotalHours adds up the hours of courses.
func (p *Page) TotalHours(cs []*site.Course) float64 {
	h := 0.0
	for _, c := range cs {
		h += c.Hours
	}
	return h
}

// CompareHref returns the link to the compare page with levels a and b
// preselected: compare/?a=<track/level>&b=<track/level>, the ids
// query-escaped.
func (p *Page) CompareHref(a, b *site.Level) string {
	return p.Href("compare/?a=" + url.QueryEscape(a.FullID()) + "&b=" + url.QueryEscape(b.FullID()))
}

// Change is what changes from one level to one of its next levels.
type Change struct {
	To      *site.Level
	Months  int     // typical months before the move: the next level's min_months
	Raised  []Delta // competencies expected at a higher point
	New     []Delta // competencies expected only at the next level
	Lowered []Delta // competencies expected at a lower point of the scale
	// Unlisted counts the competencies the next level does not list: not
	// a drop (a next level often has other concerns), so not in Lowered.
	Unlisted int
	Same     int            // competencies expected at the same point
	Courses  []*site.Course // courses the next level requires that this one does not
}

// Step is one competency's move on the scale between two levels (0: not
// expected): what the changes of a level draw for it, but for the words.
type Step struct {
	Competency *site.Competency
	From, To   int
}

// Point is a competency at a point of the scale.
type Point struct {
	Competency *site.Competency
	Level      int
}

// Delta is one competency's expectation at two levels (0: not expected),
// with what a template needs to draw it.
type Delta struct {
	Step             Step // Competency, From and To, as one comparable value
	Competency       *site.Competency
	URL              string // the competency's page
	From, To         int
	FromName, ToName string
	FromHeat, ToHeat string // heat-map classes of From and To
	Expect           *Words // what the next level expects, in words (nil: nothing said)
}

// Changes returns, for each next level of l, what it asks for beyond l:
// raised expectations, new competencies, newly required courses, and the
// typical time before the move.
func (p *Page) Changes(l *site.Level) []Change { return p.changes(l, true) }

// changes is Changes, with the URLs of the deltas left empty unless
// withURL is set.
func (p *Page) changes(l *site.Level, withURL bool) []Change {
	var out []Change
	index := p.r.competencyIndex()
	for _, n := range l.Next {
		ch := Change{To: n, Months: n.MinMonths}
		// The competencies either level expects, in site order.
		var order []int
		for _, es := range [][]site.Expectation{l.Expectations, n.Expectations} {
			for _, e := range es {
				if i, ok := index[e.CompetencyID]; ok && !slices.Contains(order, i) {
					order = append(order, i)
				}
			}
		}
		slices.Sort(order)
		for _, i := range order {
			c := p.Site.Competencies[i]
			a, b := l.Expectation(c.ID), n.Expectation(c.ID)
			d := Delta{Competency: c}
			if withURL {
				d.URL = p.Href(c)
			}
			if a != nil {
				d.From, d.FromName = a.Level, p.ScaleName(a.Level)
			}
			if b != nil {
				d.To, d.ToName, d.Expect = b.Level, p.ScaleName(b.Level), p.Words(*b, n.TrackID)
			}
			d.FromHeat, d.ToHeat = p.Heat(d.From), p.Heat(d.To)
			d.Step = Step{Competency: c, From: d.From, To: d.To}
			switch {
			case a == nil:
				ch.New = append(ch.New, d)
			case b == nil:
				ch.Unlisted++
			case d.To < d.From:
				ch.Lowered = append(ch.Lowered, d)
			case d.To > d.From:
				ch.Raised = append(ch.Raised, d)
			default:
				ch.Same++
			}
		}
		for _, c := range n.Required {
			if !slices.Contains(l.Required, c) {
				ch.Courses = append(ch.Courses, c)
			}
		}
		out = append(out, ch)
	}
	return out
}

// ExpectationRow is one competency a level expects, with what a template
// needs to draw it.
type ExpectationRow struct {
	Point      Point // Competency and Level, as one comparable value
	Competency *site.Competency
	URL        string // the competency's page
	Level      int
	Scale      string // the name of Level on the scale
	Heat       string // the heat-map class of Level
	Text       *Words // the expectation in words (see Words); nil when none
}

// ExpectationRows returns what level l expects, competency by competency,
// in the order the level lists them.
func (p *Page) ExpectationRows(l *site.Level) []ExpectationRow {
	out := make([]ExpectationRow, len(l.Expectations))
	for i, e := range l.Expectations {
		c := p.CompetencyOf(e.CompetencyID)
		out[i] = ExpectationRow{Point: Point{Competency: c, Level: e.Level}, Competency: c, URL: p.Href(c), Level: e.Level,
			Scale: p.ScaleName(e.Level), Heat: p.Heat(e.Level), Text: p.Words(e, l.TrackID)}
	}
	return out
}

// ProgramLink is a program as another page lists it: the program, its link
// and when to apply.
type ProgramLink struct {
	*site.Program
	URL    string
	Intake Intakes
	Open   bool // applications are open today
}

// programLink makes the ProgramLink of pr.
func (p *Page) programLink(pr *site.Program) ProgramLink {
	in := p.r.intakeStatus(pr)
	return ProgramLink{Program: pr, URL: p.Href(pr), Intake: in, Open: in.Next != nil && in.Next.State == IntakeOpen}
}

// LevelPrograms is what a level page says about programs.
type LevelPrograms struct {
	LedBy    []ProgramLink // programs that prepare for the level
	Targeted []ProgramLink // programs open to the level's track, or to the level itself
	// Everyone holds programs open to every employee: those open for
	// applications first, at most EveryoneShown of them; EveryoneMore
	// counts the rest, which the programs page lists.
	Everyone     []ProgramLink
	EveryoneMore int
}

// EveryoneShown is the most programs open to every employee that a level
// page names: the same list would otherwise fill every level page of a
// large site.
const EveryoneShown = 6

// LevelPrograms returns the programs that lead to level l and those l may
// join (see EligiblePrograms), the latter split into those meant for its
// track or level and those open to every employee.
func (p *Page) LevelPrograms(l *site.Level) LevelPrograms {
	var out LevelPrograms
	for _, pr := range l.LedBy {
		out.LedBy = append(out.LedBy, p.programLink(pr))
	}
	// Programs open to every employee admit every level; the others are
	// checked one by one (see EligiblePrograms).
	everyone, restricted := p.r.programsByReach()
	for _, pr := range restricted {
		if pr.Eligibility.Admits(l) {
			out.Targeted = append(out.Targeted, p.programLink(pr))
		}
	}
	shown := everyone
	if n := len(everyone); n > EveryoneShown {
		shown, out.EveryoneMore = everyone[:EveryoneShown], n-EveryoneShown
	}
	for _, pr := range shown {
		out.Everyone = append(out.Everyone, p.programLink(pr))
	}
	return out
}

// EligiblePrograms returns the programs an employee at level l may join as
// far as tracks and levels go (see site.Eligibility.Admits), in site order.
func (p *Page) EligiblePrograms(l *site.Level) []*site.Program {
	var out []*site.Program
	for _, pr := range p.Site.Programs {
		if pr.Eligibility.Admits(l) {
			out = append(out, pr)
		}
	}
	return out
}

// IntakeState says where an intake stands relative to the site's today.
type IntakeState string

// The states of an intake.
const (
	IntakePast  IntakeState = "past"  // applications closed
	IntakeOpen  IntakeState = "open"  // apply_from <= today <= apply_by
	IntakeNext  IntakeState = "next"  // the first intake still to open
	IntakeLater IntakeState = "later" // after the next one
)

// IntakeRow is an intake with its state.
type IntakeRow struct {
	site.Intake
	State IntakeState
}

// Intakes is a program's intakes, in the order of their deadlines, with the
// next one picked out.
type Intakes struct {
	Rows []IntakeRow
	// Next is the intake open now, else the first one whose applications
	// have not closed; nil when every intake is past.
	Next *IntakeRow
	// Label says when to apply: "Open now — apply by 15 February 2026" or
	// "Next intake: applications open 5 January 2027"; "" when no intake is
	// ahead.
	Label string
}

// IntakeStatus sorts a program's intakes by deadline and marks each one
// past, open, next or later relative to the site's Config.Today: an intake
// is open when apply_from <= today <= apply_by, and the next one is the
// first whose apply_by is not before today. Dates are compared as calendar
// days.
func (p *Page) IntakeStatus(pr *site.Program) Intakes {
	return intakeStatus(pr, p.Site.Config.Today, p.r.texts)
}

func intakeStatus(pr *site.Program, now time.Time, c *i18n.Catalog) Intakes {
	today := date(now)
	rows := make([]IntakeRow, len(pr.Intakes))
	for i, in := range pr.Intakes {
		rows[i] = IntakeRow{Intake: in}
	}
	key := func(in site.Intake) string {
		for _, t := range []time.Time{in.ApplyBy, in.Start, in.ApplyFrom} {
			if !t.IsZero() {
				return date(t)
			}
		}
		return ""
	}
	slices.SortStableFunc(rows, func(a, b IntakeRow) int { return strings.Compare(key(a.Intake), key(b.Intake)) })
	out := Intakes{Rows: rows}
	for i := range rows {
		r := &rows[i]
		from, by := date(r.ApplyFrom), date(r.ApplyBy)
		closed := (by != "" && by < today) || (by == "" && !r.Start.IsZero() && date(r.Start) < today)
		switch {
		case closed:
			r.State = IntakePast
		case out.Next != nil:
			r.State = IntakeLater
		case from == "" || from <= today:
			r.State = IntakeOpen
			out.Next = r
		default:
			r.State = IntakeNext
			out.Next = r
		}
	}
	if n := out.Next; n != nil {
		switch {
		case n.State == IntakeOpen && !n.ApplyBy.IsZero():
			out.Label, _ = c.Text("program.label_open_by", c.Date(n.ApplyBy))
		case n.State == IntakeOpen:
			out.Label, _ = c.Text("program.label_open")
		default:
			out.Label, _ = c.Text("program.label_next", c.Date(n.ApplyFrom))
		}
	}
	return out
}

// UsageGroup is the levels of one track that expect a competency.
type UsageGroup struct {
	Track *site.Track
	Rows  []UsageRow
}

// UsageRow is one level's expectation of a competency.
type UsageRow struct {
	Level *site.Level
	site.Expectation
	Text *Words // the expectation in words; nil when none
}

// Teaching is a course that teaches a competency, and the point of the
// scale it brings a learner to.
type Teaching struct {
	Course *site.Course
	Level  int
}

// Usage is a competency across the site: the levels that expect it, by
// track, and the courses that teach it.
type Usage struct {
	Groups  []UsageGroup
	Courses []Teaching
}

// CompetencyUsage returns where competency c is expected, grouped by track
// in track order (levels by path, then rank), and the courses that teach it
// with the level they bring a learner to.
func (p *Page) CompetencyUsage(c *site.Competency) Usage {
	var u Usage
	by := map[*site.Track]*UsageGroup{}
	for _, l := range c.ExpectedBy {
		e := l.Expectation(c.ID)
		if e == nil || l.Track == nil {
			continue
		}
		g := by[l.Track]
		if g == nil {
			g = &UsageGroup{Track: l.Track}
			by[l.Track] = g
		}
		g.Rows = append(g.Rows, UsageRow{Level: l, Expectation: *e, Text: p.Words(*e, l.TrackID)})
	}
	for _, t := range p.Site.Tracks {
		if g := by[t]; g != nil {
			slices.SortStableFunc(g.Rows, func(a, b UsageRow) int {
				return slices.Index(t.Levels, a.Level) - slices.Index(t.Levels, b.Level)
			})
			u.Groups = append(u.Groups, *g)
		}
	}
	u.Courses = teachings(c)
	return u
}

// teachings lists the courses that teach competency c, with the level
// each brings a learner to.
func teachings(c *site.Competency) []Teaching {
	var out []Teaching
	for _, co := range c.TaughtBy {
		t := Teaching{Course: co}
		for _, s := range co.Skills {
			if s.CompetencyID == c.ID {
				t.Level = s.Level
			}
		}
		out = append(out, t)
	}
	return out
}

// CourseFilters holds the choices of the course catalogue's filter form.
type CourseFilters struct {
	Providers []string
	Formats   []string
	Skills    []*site.Competency // competencies some course teaches
}

// CourseFilters lists the providers, formats and skills of the site's
// courses, sorted, for the catalogue's filter form.
func (p *Page) CourseFilters() CourseFilters {
	var f CourseFilters
	taught := map[string]bool{}
	for _, c := range p.Site.Courses {
		if c.Provider != "" && !slices.Contains(f.Providers, c.Provider) {
			f.Providers = append(f.Providers, c.Provider)
		}
		if c.Format != "" && !slices.Contains(f.Formats, c.Format) {
			f.Formats = append(f.Formats, c.Format)
		}
		for _, s := range c.Skills {
			taught[s.CompetencyID] = true
		}
	}
	slices.Sort(f.Providers)
	slices.Sort(f.Formats)
	for _, c := range p.Site.Competencies {
		if taught[c.ID] {
			f.Skills = append(f.Skills, c)
		}
	}
	slices.SortStableFunc(f.Skills, func(a, b *site.Competency) int { return strings.Compare(a.Title, b.Title) })
	return f
}

// SkillIDs returns the ids of the competencies a course teaches, separated
// by spaces, for the catalogue's data attributes.
func (p *Page) SkillIDs(c *site.Course) string {
	ids := make([]string, len(c.Skills))
	for i, s := range c.Skills {
		ids[i] = s.CompetencyID
	}
	return strings.Join(ids, " ")
}

// PathName returns the display name of a ladder path (see PathName).
func (p *Page) PathName(path string) string { return p.r.pathName(path) }

// Excerpt returns a short description of an entity for lists: its summary,
// else the start of its body's text, cut at a word boundary near 160
// characters.
func (p *Page) Excerpt(x any) string {
	if s := summaryOf(x); s != "" {
		return s
	}
	var text string
	switch e := x.(type) {
	case *site.Course:
		text = e.Body.Text
	case *site.Program:
		text = e.Body.Text
	case *site.Competency:
		text = e.Body.Text
	case *site.Track:
		text = e.Body.Text
	case *site.Level:
		text = e.Body.Text
	}
	return excerpt(text)
}

// excerptLimit is the most bytes of text an excerpt keeps.
const excerptLimit = 160

// excerpt returns text with its runs of white space made single spaces,
// cut at a word boundary near excerptLimit bytes (see Excerpt). Only the
// start of the text is read.
func excerpt(text string) string {
	const limit = excerptLimit
	// The first limit+1 bytes of the text with its white space collapsed
	// decide the excerpt: whether it is cut, and where.
	var b strings.Builder
	for i := 0; i < len(text) && b.Len() <= limit; {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if unicode.IsSpace(r) {
			i += size
			continue
		}
		j := i + size
		for j < len(text) {
			r, size := rune(text[j]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[j:])
			}
			if unicode.IsSpace(r) {
				break
			}
			j += size
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(text[i:j])
		i = j
	}
	text = b.String()
	if len(text) <= limit {
		return text
	}
	cut := strings.LastIndexByte(text[:limit], ' ')
	if cut < limit/2 {
		cut = limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], ",;:.-—") + "…"
}
