// Package catalogue turns a course export of a learning management system
// (a CSV file) into a catalogue of courses: a content file of [[course]]
// tables, as the loader reads them. It reads the CSV file into courses
// (ReadCSV), reports every bad row as a diagnostic at FILE.csv:LINE:COL,
// merges the courses with the catalogue already there (Merge), and writes
// the catalogue's TOML (Encode). It does no I/O of its own.
//
// # Columns
//
// Each column of the CSV file's header is a course key: the column named
// in Options.Map, else the column whose name is a key ("id", "Title",
// "Hours"; case, spaces and hyphens aside), else it is not imported. The
// keys are those of a course (see Keys); "id" and "title" must have a
// column. A file that ladder export wrote (courses.csv) reads without a
// map.
//
// # Values
//
// An id is the column's value in lower case, with every run of other
// characters than a-z and 0-9 made one "-" ("SEC 101" is "sec-101"). A
// format is one of site.Formats, case, spaces and underscores aside
// ("Self Paced" is "self-paced"). Hours and cost are numbers with a point.
// Prerequisites are course ids separated by ";" or ",". Skills are
// "competency=level" pairs separated by ";" or "," ("coding=2; linux=3").
// Draft is true, false, yes, no, 1 or 0. An empty cell leaves the key out.
// A leading apostrophe before =, +, - or @ (which spreadsheets and ladder
// export add so that text is not run as a formula) is removed.
package catalogue

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/urlcheck"
)

// Keys are the course keys a column can hold, in the order Encode writes
// them.
var Keys = []string{"id", "title", "summary", "provider", "format", "hours", "cost", "currency", "url", "credential", "prerequisites", "draft", "skills"}

// Course is one course of a catalogue: its id and the values of its other
// keys. A value is a string, a float64, a bool, a []string or, for skills,
// a map[string]float64. The Pos of a course read from CSV is its id's cell.
type Course struct {
	ID     string
	Values map[string]any
	Pos    diag.Pos
}

// Options control ReadCSV.
type Options struct {
	// Map names the key of a column: "Course Code" → "id". The columns
	// not in it are matched by name.
	Map map[string]string
	// MapOrder lists the columns of Map in the order they were given, for
	// reporting them in that order.
	MapOrder []string
	// URLs is the policy that a course's url must pass (the site's
	// [links] schemes).
	URLs urlcheck.Policy
}

// ParseMap parses a --map value: comma-separated "COLUMN=KEY" pairs, where
// KEY is one of Keys. It returns the map, its columns in order, and an
// error with a hint for a pair that is not one.
func ParseMap(spec string) (map[string]string, []string, error) {
	m := map[string]string{}
	var order []string
	if strings.TrimSpace(spec) == "" {
		return m, nil, nil
	}
	for _, pair := range strings.Split(spec, ",") {
		col, key, ok := strings.Cut(pair, "=")
		col, key = strings.TrimSpace(col), strings.ToLower(strings.TrimSpace(key))
		if !ok || col == "" {
			return nil, nil, &MapError{Msg: fmt.Sprintf("--map: %q is not COLUMN=KEY", strings.TrimSpace(pair)), Hint: `write pairs such as "Course Code=id,Duration (hours)=hours"`}
		}
		if !slices.Contains(Keys, key) {
			hint := "keys are " + strings.Join(Keys, ", ")
			if s := diag.Suggest(key, Keys); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			return nil, nil, &MapError{Msg: fmt.Sprintf("--map: %q is not a course key", key), Hint: hint}
		}
		if _, dup := m[col]; dup {
			return nil, nil, &MapError{Msg: fmt.Sprintf("--map: column %q is mapped twice", col), Hint: "map each column once"}
		}
		m[col] = key
		order = append(order, col)
	}
	return m, order, nil
}

// MapError is a --map value that cannot be parsed.
type MapError struct{ Msg, Hint string }

func (e *MapError) Error() string { return e.Msg }

// Result is what ReadCSV read.
type Result struct {
	Courses []Course // in the file's order; nil when Diags holds an error
	// Ignored lists the header's columns that are not imported.
	Ignored []string
	Diags   diag.List
	// Lines is the file's text for printing diagnostics (without a byte
	// order mark, which editors do not count as a column either).
	Lines *diag.LineIndex

	starts []int    // offset of the first byte of each line
	keys   []string // the keys the header has columns for
	comma  rune     // the separator
}

// Imports reports whether the file has a column for key: Merge replaces
// the values of those keys only.
func (res *Result) Imports(key string) bool { return slices.Contains(res.keys, key) }

// offset returns the byte offset of line and col (1-based, col in bytes,
// as csv.Reader.FieldPos counts them).
func (res *Result) offset(line, col int) int {
	if line < 1 || line > len(res.starts) {
		return len(res.Lines.Text())
	}
	return min(res.starts[line-1]+col-1, len(res.Lines.Text()))
}

// ReadCSV reads the courses of an LMS export, data, named file in
// diagnostics. Every problem is a diagnostic; when one is an error,
// Courses is nil: nothing of a file with a bad row is imported.
func ReadCSV(file string, data []byte, opts Options) *Result {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	res := &Result{Lines: diag.NewLineIndex(file, data), starts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			res.starts = append(res.starts, i+1)
		}
	}
	if i := invalidUTF8(data); i >= 0 {
		res.Diags.Add("not-utf8", res.Lines.Pos(i, i+1), `save the file as "CSV UTF-8" (Excel) or convert it with iconv -f WINDOWS-1252 -t UTF-8`, "the file is not valid UTF-8")
		return res
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniffComma(data)
	res.comma = r.Comma
	r.FieldsPerRecord = -1
	header, err := r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			res.Diags.Add("csv-syntax", diag.Pos{File: file, Line: 1, Col: 1}, "the first line names the columns: id,title,...", "the file is empty")
			return res
		}
		res.addParseError(err)
		return res
	}
	cols := res.columns(header, r, opts)
	if res.Diags.Errors() > 0 {
		return res
	}
	seen := map[string]diag.Pos{}
	var courses []Course
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			res.addParseError(err)
			break
		}
		line, _ := r.FieldPos(0)
		if len(rec) != len(header) {
			res.Diags.Add("csv-syntax", res.Lines.Pos(res.offset(line, 1), res.offset(line, 1)+lineLen(res.Lines, line)),
				`quote a value that holds the separator ("a, b"), or give every row one value per column`,
				"the row has %d values, the header %d", len(rec), len(header))
			continue
		}
		c, ok := res.course(rec, r, cols, opts)
		if !ok {
			continue
		}
		if first, dup := seen[c.ID]; dup {
			res.Diags = append(res.Diags, diag.Diagnostic{
				Pos: c.Pos, Severity: diag.Error, Rule: "duplicate-id",
				Msg:   fmt.Sprintf("course %q is already on line %d", c.ID, first.Line),
				Hint:  "give each course its own id, or remove one of the rows",
				Notes: []diag.Diagnostic{{Pos: first, Msg: "the first row with this id"}},
			})
			continue
		}
		seen[c.ID] = c.Pos
		courses = append(courses, c)
	}
	if res.Diags.Errors() == 0 {
		res.Courses = courses
	}
	return res
}

// invalidUTF8 returns the offset of the first byte that is not UTF-8, or -1.
func invalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}

// sniffComma returns the separator of the header line: a comma, or the
// semicolon (Excel in much of Europe) or tab that the line holds more of.
func sniffComma(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	comma, best := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if n := bytes.Count(line, []byte(string(c))); n > best {
			comma, best = c, n
		}
	}
	return comma
}

// addParseError reports a syntax error of the CSV reader at its place.
func (res *Result) addParseError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		res.Diags.Add("csv-syntax", diag.Pos{File: res.Lines.File()}, "", "%v", err)
		return
	}
	hint := `a quoted value ends with " and doubles every " inside it ("say ""hi""")`
	msg := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = `a " inside a value that is not quoted`
		hint = `quote the whole value and double the " inside it: "say ""hi"""`
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = `a quoted value that does not end with "`
	}
	off := res.offset(pe.Line, pe.Column)
	if errors.Is(pe.Err, csv.ErrQuote) {
		// The reader stops at the end of the file; the quote that is
		// not closed is the last one that opens a value on the line
		// where the record starts.
		off = res.offset(pe.StartLine, 1)
		line := res.Lines.Line(pe.StartLine)
		for i := len(line) - 1; i >= 0; i-- {
			if line[i] == '"' && (i == 0 || line[i-1] == byte(res.comma)) {
				off += i
				break
			}
		}
	}
	res.Diags.Add("csv-syntax", res.Lines.Pos(off, off+1), hint, "%s", msg)
}

// column is a header column that is imported.
type column struct {
	index int
	key   string
}

// columns resolves the header: the key of each column, every --map column
// found, and a column for id and title.
func (res *Result) columns(header []string, r *csv.Reader, opts Options) []column {
	var cols []column
	byKey := map[string]int{}
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = strings.TrimSpace(h)
	}
	headerPos := func(i int) diag.Pos {
		line, col := r.FieldPos(i)
		off := res.offset(line, col)
		return res.Lines.Pos(off, off+fieldLen(res.Lines.Text()[off:], r.Comma))
	}
	for _, col := range opts.MapOrder {
		if !slices.Contains(names, col) {
			hint := "the header's columns are " + quoteList(names)
			if s := diag.Suggest(col, names); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			res.Diags.Add("csv-column", res.Lines.Pos(0, lineLen(res.Lines, 1)), hint, "--map names column %q, which the header does not have", col)
		}
	}
	for i, name := range names {
		key, ok := opts.Map[name]
		if !ok {
			key = normalKey(name)
			if !slices.Contains(Keys, key) || mapsTo(opts.Map, key) {
				if name != "" {
					res.Ignored = append(res.Ignored, name)
				}
				continue
			}
		}
		if first, dup := byKey[key]; dup {
			res.Diags.Add("csv-column", headerPos(i), fmt.Sprintf("choose one with --map %q", names[first]+"="+key),
				"column %q holds %s, as column %q does", name, key, names[first])
			continue
		}
		byKey[key] = i
		cols = append(cols, column{i, key})
		res.keys = append(res.keys, key)
	}
	for _, key := range []string{"id", "title"} {
		if _, ok := byKey[key]; !ok && res.Diags.Errors() == 0 {
			res.Diags.Add("missing-key", res.Lines.Pos(0, lineLen(res.Lines, 1)),
				fmt.Sprintf(`name a column %q, or map one with --map "COLUMN=%s"`, key, key),
				"no column holds the course %s", map[string]string{"id": "id", "title": "title"}[key])
		}
	}
	return cols
}

// mapsTo reports whether m maps some column to key.
func mapsTo(m map[string]string, key string) bool {
	for _, k := range m {
		if k == key {
			return true
		}
	}
	return false
}

// normalKey is a column name as a key: lower case, spaces and hyphens as
// underscores.
func normalKey(name string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' {
			return '_'
		}
		return r
	}, strings.ToLower(strings.TrimSpace(name)))
}

func quoteList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// lineLen returns the length in bytes of line n of x.
func lineLen(x *diag.LineIndex, n int) int {
	return len(x.Line(n))
}

// fieldLen returns the length of the CSV field that starts text, on its
// first line: through its closing quote when quoted, else to the next
// separator.
func fieldLen(text []byte, comma rune) int {
	if len(text) > 0 && text[0] == '"' {
		for i := 1; i < len(text); i++ {
			switch text[i] {
			case '"':
				if i+1 < len(text) && text[i+1] == '"' {
					i++
					continue
				}
				return i + 1
			case '\n', '\r':
				return i
			}
		}
		return len(text)
	}
	for i, c := range string(text) {
		if c == comma || c == '\n' || c == '\r' {
			return i
		}
	}
	return len(text)
}

// course reads one record. It reports every bad value of the row, and
// returns false when there was one.
func (res *Result) course(rec []string, r *csv.Reader, cols []column, opts Options) (Course, bool) {
	c := Course{Values: map[string]any{}}
	ok := true
	for _, col := range cols {
		line, cn := r.FieldPos(col.index)
		off := res.offset(line, cn)
		pos := res.Lines.Pos(off, off+fieldLen(res.Lines.Text()[off:], r.Comma))
		bad := func(rule, hint, format string, args ...any) {
			res.Diags.Add(rule, pos, hint, format, args...)
			ok = false
		}
		v := undefuse(strings.TrimSpace(rec[col.index]))
		if col.key == "id" {
			c.Pos = pos
		}
		if v == "" {
			switch col.key {
			case "id":
				bad("missing-key", "every course needs an id: the course code of the LMS", "the row has no course id")
			case "title":
				bad("missing-key", "every course needs a title", "the row has no course title")
			}
			continue
		}
		switch col.key {
		case "id":
			id := Slug(v)
			if id == "" {
				bad("invalid-id", "an id is made of the letters a-z and digits, with - between words", "course id %q has no letter or digit", v)
				continue
			}
			c.ID = id
		case "format":
			f := strings.Map(func(r rune) rune {
				if r == ' ' || r == '_' {
					return '-'
				}
				return r
			}, strings.ToLower(v))
			if !slices.Contains(site.Formats, f) {
				hint := "use one of: " + strings.Join(site.Formats, ", ")
				if s := diag.Suggest(f, site.Formats); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				bad("unknown-value", hint, "unknown course format %q", v)
				continue
			}
			c.Values["format"] = f
		case "hours", "cost":
			n, err := strconv.ParseFloat(v, 64)
			if err != nil || n != n || n > 1e12 || n < -1e12 {
				bad("type-mismatch", fmt.Sprintf("write %s as a number with a point, such as 1.5", col.key), "%s %q is not a number", col.key, v)
				continue
			}
			if n < 0 {
				bad("type-mismatch", fmt.Sprintf("%s is 0 or more", col.key), "%s %s is below zero", col.key, v)
				continue
			}
			c.Values[col.key] = n
		case "url":
			if p := opts.URLs.Field(v); p != nil {
				bad(p.Rule, p.Hint, "%s", p.Msg)
				continue
			}
			c.Values["url"] = v
		case "prerequisites":
			var ids []string
			for _, s := range splitList(v) {
				if id := Slug(s); id != "" && !slices.Contains(ids, id) {
					ids = append(ids, id)
				}
			}
			c.Values["prerequisites"] = ids
		case "skills":
			skills := map[string]float64{}
			for _, s := range splitList(v) {
				k, lv, found := strings.Cut(s, "=")
				if !found {
					k, lv, found = strings.Cut(s, ":")
				}
				n, err := strconv.Atoi(strings.TrimSpace(lv))
				if !found || err != nil || n < 1 || Slug(k) == "" {
					bad("type-mismatch", `write skills as competency=level pairs: "coding=2; linux=3"`, "skill %q is not competency=level", s)
					break
				}
				skills[Slug(k)] = float64(n)
			}
			c.Values["skills"] = skills
		case "draft":
			switch strings.ToLower(v) {
			case "true", "yes", "1":
				c.Values["draft"] = true
			case "false", "no", "0":
				c.Values["draft"] = false
			default:
				bad("type-mismatch", "write true or false", "draft %q is not true or false", v)
			}
		default:
			c.Values[col.key] = v
		}
	}
	return c, ok
}

// splitList splits a list cell at ";" or ",", trimming the items and
// leaving out empty ones.
func splitList(s string) []string {
	var out []string
	for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' }) {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// undefuse removes the apostrophe that keeps a spreadsheet from running a
// value as a formula (see export.Defuse).
func undefuse(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.ContainsRune("=+-@\t\r", rune(s[1])) {
		return s[1:]
	}
	return s
}

// Slug returns s as an id: lower case, every run of characters other than
// a-z and 0-9 one "-", none at either end.
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if 'a' <= r && r <= 'z' || '0' <= r && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
