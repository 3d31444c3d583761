// Package export turns a checked site into the spreadsheets HR hands to
// managers: one competency matrix per track, the levels with their pay bands
// and courses, every expectation in words, the competencies, the course
// catalogue and the programs.
//
// The tables are built once, from the site model that check has resolved
// (Tables), and then written in one of two forms: a folder of CSV files
// (WriteCSV) or one XLSX workbook with a sheet per table (WriteXLSX). Both
// writers are deterministic: the same site gives the same bytes, so that an
// export can be committed or compared.
//
// Cells hold text or numbers. A number is written as a number (a spreadsheet
// can sum the pay bands); a missing value is an empty cell, never a zero. A
// list (the courses a level requires) is one cell with its items separated
// by "; ". A cell may carry a note, which the workbook shows as a comment
// (the expectation behind a scale name in a matrix); the CSV form puts the
// same text in a table of its own (expectations.csv).
package export

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Table is one sheet of the export.
type Table struct {
	// Name is the table's file name in a CSV export, without ".csv":
	// lower-case, [a-z0-9-] ("levels", "matrix-software").
	Name string
	// Sheet is the table's sheet name in a workbook: at most 31
	// characters, none of : \ / ? * [ ], unique in the workbook.
	Sheet string
	// Header names the columns.
	Header []string
	// Rows are the table's rows, each as long as Header.
	Rows [][]Cell
	// Frozen is how many columns stay in view when a reader scrolls
	// right (a matrix keeps its competency names); the header row always
	// stays in view.
	Frozen int
}

// Cell is one value of a table: text, or a number when IsNumber is set.
// Note is extra text the workbook shows as a comment on the cell.
type Cell struct {
	Text     string
	Number   float64
	IsNumber bool
	Note     string
}

// Text returns a text cell.
func Text(s string) Cell { return Cell{Text: s} }

// Number returns a number cell; its Text is the number as written in a CSV
// file (no exponent, no trailing zeros).
func Number(f float64) Cell {
	return Cell{Text: strconv.FormatFloat(f, 'f', -1, 64), Number: f, IsNumber: true}
}

// optNumber returns a number cell, or an empty cell for zero: a field that
// was not written (a course without a cost) must not read as 0.
func optNumber(f float64) Cell {
	if f == 0 {
		return Cell{}
	}
	return Number(f)
}

// Tables returns the tables of a checked site (one without errors: every
// reference resolved), in the order a workbook shows them: levels, one
// competency matrix per track that has expectations, every expectation in
// words, competencies, courses, programs.
func Tables(s *site.Site) []Table {
	tables := []Table{levels(s)}
	sheets := map[string]bool{"Levels": true}
	for _, t := range s.Tracks {
		if m, ok := matrix(s, t, sheets); ok {
			tables = append(tables, m)
		}
	}
	return append(tables, expectations(s), competencies(s), courses(s), programs(s))
}

// list joins the items of a list cell.
func list(items []string) string { return strings.Join(items, "; ") }

func courseIDs(cs []*site.Course) []string {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	return ids
}

func courseTitles(cs []*site.Course) []string {
	ts := make([]string, len(cs))
	for i, c := range cs {
		ts[i] = c.Title
	}
	return ts
}

func levelIDs(ls []*site.Level) []string {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.FullID()
	}
	return ids
}

// levels is the table of every level: where it sits, its pay band, its
// courses and the typical time before it.
func levels(s *site.Site) Table {
	t := Table{Name: "levels", Sheet: "Levels", Header: []string{
		"Track", "Path", "Rank", "Code", "Level ID", "Title", "Pay min", "Pay max", "Currency",
		"Required courses", "Optional courses", "Typical months", "Next", "Summary",
	}}
	for _, l := range s.Levels {
		pay := []Cell{{}, {}, {}}
		if l.Pay != nil {
			pay = []Cell{optNumber(float64(l.Pay.Min)), optNumber(float64(l.Pay.Max)), Text(l.Pay.Currency)}
		}
		row := []Cell{Text(l.Track.Title), Text(pathName(l.Path)), Number(float64(l.Rank)), Text(l.Code), Text(l.FullID()), Text(l.Title)}
		row = append(row, pay...)
		row = append(row,
			Text(list(courseTitles(l.Required))), Text(list(courseTitles(l.Optional))),
			optNumber(float64(l.MinMonths)), Text(list(levelIDs(l.Next))), Text(l.Summary))
		t.Rows = append(t.Rows, row)
	}
	return t
}

// pathName names a path of a track for a reader.
func pathName(p string) string {
	switch p {
	case "", "ic":
		return "Individual contributor"
	}
	s := strings.ReplaceAll(p, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// sheetName returns a sheet name for title: the characters a workbook
// refuses replaced, cut to 31 characters, and made unique among taken.
func sheetName(title string, taken map[string]bool) string {
	r := strings.NewReplacer(":", " ", `\`, " ", "/", " ", "?", " ", "*", " ", "[", "(", "]", ")")
	base := strings.Join(strings.Fields(r.Replace(title)), " ")
	name := cut(base, 31)
	for i := 2; taken[strings.ToLower(name)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		name = cut(base, 31-len(suffix)) + suffix
	}
	taken[strings.ToLower(name)] = true
	return name
}

// cut returns s cut to at most n runes, trimmed of spaces at the end.
func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		s = string(r[:n])
	}
	return strings.TrimRight(s, " ")
}

// matrix is a track's competency matrix: a row per competency its levels
// expect (by category, then title), a column per level (by path, then
// rank), and in each cell the scale name of the expected point, with the
// expectation's text as the cell's note. A track whose levels expect
// nothing has no matrix.
func matrix(s *site.Site, t *site.Track, taken map[string]bool) (Table, bool) {
	used := map[string]bool{}
	for _, l := range t.Levels {
		for _, e := range l.Expectations {
			used[e.CompetencyID] = true
		}
	}
	if len(used) == 0 {
		return Table{}, false
	}
	m := Table{Name: "matrix-" + t.ID, Sheet: sheetName("Matrix "+t.Title, taken), Header: []string{"Category", "Competency"}, Frozen: 2}
	paths := len(t.Paths) > 1
	for _, l := range t.Levels {
		h := l.Title
		if l.Code != "" {
			h += " (" + l.Code + ")"
		}
		if paths {
			h = pathName(l.Path) + ": " + h
		}
		m.Header = append(m.Header, h)
	}
	for _, c := range s.Competencies {
		if !used[c.ID] {
			continue
		}
		row := []Cell{Text(c.Category), Text(c.Title)}
		for _, l := range t.Levels {
			cell := Cell{}
			if e := l.Expectation(c.ID); e != nil {
				cell = Text(scaleName(s, e.Level))
				cell.Note = expectText(c, e)
			}
			row = append(row, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m, true
}

// scaleName names point n of the site's scale, or gives the number when
// the scale has no name for it.
func scaleName(s *site.Site, n int) string {
	if name := s.Config.Scale.Name(n); name != "" {
		return name
	}
	return strconv.Itoa(n)
}

// expectText is what a level expects of a competency in words: its own
// words, else the competency's descriptor of the point.
func expectText(c *site.Competency, e *site.Expectation) string {
	if len(e.Expect) > 0 {
		return e.ExpectText()
	}
	return c.Descriptor(e.Level)
}

// expectations is every expectation of every level, one per row, with its
// text: the matrices' notes as a table that filters and reads in CSV too.
func expectations(s *site.Site) Table {
	t := Table{Name: "expectations", Sheet: "Expectations", Header: []string{
		"Track", "Level ID", "Level", "Competency ID", "Competency", "Point", "Scale", "Expectation",
	}}
	for _, l := range s.Levels {
		for _, c := range s.Competencies {
			e := l.Expectation(c.ID)
			if e == nil {
				continue
			}
			t.Rows = append(t.Rows, []Cell{
				Text(l.Track.Title), Text(l.FullID()), Text(l.Title), Text(c.ID), Text(c.Title),
				Number(float64(e.Level)), Text(scaleName(s, e.Level)), Text(expectText(c, e)),
			})
		}
	}
	return t
}

// competencies is the table of competencies, with a column per point of
// the scale for their descriptors.
func competencies(s *site.Site) Table {
	t := Table{Name: "competencies", Sheet: "Competencies", Header: []string{"ID", "Title", "Category", "Summary", "ESCO"}}
	for n := 1; n <= s.Config.Scale.Max(); n++ {
		t.Header = append(t.Header, strconv.Itoa(n)+" "+s.Config.Scale.Name(n))
	}
	for _, c := range s.Competencies {
		row := []Cell{Text(c.ID), Text(c.Title), Text(c.Category), Text(c.Summary), Text(c.ESCO)}
		for n := 1; n <= s.Config.Scale.Max(); n++ {
			row = append(row, Text(c.Descriptor(n)))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// CourseColumns are the columns of the courses table that hold a course's
// own keys, in order: ladder import reads a file with these headers
// without a --map. The table's other columns say where a course is used.
var CourseColumns = []string{"ID", "Title", "Provider", "Format", "Hours", "Cost", "Currency", "URL", "Credential", "Prerequisites", "Skills", "Summary"}

// courses is the course catalogue.
func courses(s *site.Site) Table {
	t := Table{Name: "courses", Sheet: "Courses", Header: append(slices.Clone(CourseColumns), "Required by", "Optional for", "Programs")}
	for _, c := range s.Courses {
		var skills []string
		for _, k := range c.Skills {
			skills = append(skills, k.CompetencyID+"="+strconv.Itoa(k.Level))
		}
		var programs []string
		for _, p := range c.InPrograms {
			programs = append(programs, p.Title)
		}
		t.Rows = append(t.Rows, []Cell{
			Text(c.ID), Text(c.Title), Text(c.Provider), Text(c.Format), optNumber(c.Hours),
			costCell(c), Text(c.Currency), Text(c.URL), Text(c.Credential),
			Text(list(c.PrereqIDs)), Text(list(skills)), Text(c.Summary),
			Text(list(levelIDs(c.RequiredBy))), Text(list(levelIDs(c.OptionalBy))), Text(list(programs)),
		})
	}
	return t
}

// costCell is a course's cost: a course that states a currency and no cost
// is free (0), one that states neither has no cost to show.
func costCell(c *site.Course) Cell {
	if c.Cost == 0 && c.Currency == "" && !c.CostGiven {
		return Cell{}
	}
	return Number(c.Cost)
}

// programs is the table of programs, with who may join, what is paid and
// when to apply in words.
func programs(s *site.Site) Table {
	t := Table{Name: "programs", Sheet: "Programs", Header: []string{
		"ID", "Title", "Kind", "Summary", "Duration", "Weekly hours", "Paid while learning", "Fields",
		"Eligibility", "Funding", "Intakes", "Courses", "Leads to",
	}}
	for _, p := range s.Programs {
		paid := "no"
		if p.Paid {
			paid = "yes"
		}
		t.Rows = append(t.Rows, []Cell{
			Text(p.ID), Text(p.Title), Text(p.Kind), Text(p.Summary), Text(p.Duration),
			optNumber(p.WeeklyHours), Text(paid), Text(list(p.Fields)),
			Text(eligibility(&p.Eligibility)), Text(funding(&p.Funding)), Text(intakes(p.Intakes)),
			Text(list(courseTitles(p.Courses))), Text(list(levelIDs(p.LeadsTo))),
		})
	}
	return t
}

// eligibility says in words who may join a program.
func eligibility(e *site.Eligibility) string {
	var parts []string
	if e.MinTenureMonths > 0 {
		parts = append(parts, fmt.Sprintf("at least %d %s with the company", e.MinTenureMonths, plural(e.MinTenureMonths, "month")))
	}
	if len(e.Tracks) > 0 {
		var ts []string
		for _, t := range e.Tracks {
			ts = append(ts, t.Title)
		}
		parts = append(parts, "in "+orList(ts))
	}
	if len(e.Levels) > 0 {
		var ls []string
		for _, l := range e.Levels {
			ls = append(ls, l.Title)
		}
		parts = append(parts, "at "+orList(ls))
	}
	if len(e.Courses) > 0 {
		parts = append(parts, "after "+andList(courseTitles(e.Courses)))
	}
	if e.Approval != "" {
		parts = append(parts, "approved by: "+e.Approval)
	}
	if e.Note != "" {
		parts = append(parts, strings.TrimSuffix(e.Note, "."))
	}
	if len(parts) == 0 {
		return "Everyone."
	}
	return upperFirst(strings.Join(parts, "; ")) + "."
}

// funding says in words what a program pays for.
func funding(f *site.Funding) string {
	var parts []string
	if f.TuitionPercent > 0 {
		s := strconv.FormatFloat(f.TuitionPercent, 'f', -1, 64) + "% of tuition"
		if f.Cap > 0 {
			s += ", up to " + money(f.Cap, f.Currency) + " a year"
		}
		parts = append(parts, s)
	} else if f.Cap > 0 {
		parts = append(parts, "up to "+money(f.Cap, f.Currency)+" a year")
	}
	if len(f.Covers) > 0 {
		parts = append(parts, "covers "+andList(f.Covers))
	}
	if f.Payback != "" {
		parts = append(parts, "payback: "+strings.TrimSuffix(f.Payback, "."))
	}
	if len(parts) == 0 {
		return ""
	}
	return upperFirst(strings.Join(parts, "; ")) + "."
}

// intakes lists a program's application windows.
func intakes(in []site.Intake) string {
	const day = "2006-01-02"
	var parts []string
	for _, i := range in {
		var p []string
		switch {
		case !i.ApplyFrom.IsZero() && !i.ApplyBy.IsZero():
			p = append(p, "apply "+i.ApplyFrom.Format(day)+" to "+i.ApplyBy.Format(day))
		case !i.ApplyFrom.IsZero():
			p = append(p, "apply from "+i.ApplyFrom.Format(day))
		case !i.ApplyBy.IsZero():
			p = append(p, "apply by "+i.ApplyBy.Format(day))
		}
		if !i.Start.IsZero() {
			p = append(p, "starts "+i.Start.Format(day))
		}
		if len(p) > 0 {
			parts = append(parts, strings.Join(p, ", "))
		}
	}
	return list(parts)
}

// money writes an amount with thousands separators and its currency.
func money(f float64, currency string) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	if currency != "" {
		b.WriteString(" " + currency)
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func orList(items []string) string  { return joinLast(items, "or") }
func andList(items []string) string { return joinLast(items, "and") }

// joinLast joins "a, b or c".
func joinLast(items []string, last string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + last + " " + items[len(items)-1]
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}
