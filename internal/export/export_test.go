package export_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/export"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// loadSite loads and checks the site in fsys, failing on any error.
func loadSite(t testing.TB, fsys fs.FS) *site.Site {
	t.Helper()
	s, texts, diags, err := load.Dir(fsys, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if diags.Errors() > 0 {
		t.Fatalf("site has errors:\n%v", diags.Err())
	}
	return s
}

func testSite(t testing.TB) *site.Site {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range a.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	return loadSite(t, m)
}

// golden compares got with testdata/golden/name, or writes it with -update.
// It records the name in used, so that TestGoldenUsed can find stale files.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run with -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; run with -update and read the diff\ngot:\n%q", name, got)
	}
}

// goldenNames are the golden files the tests compare against.
func goldenNames(s *site.Site) []string {
	names := []string{"site.xlsx", "xlsx.txt", "case.json"}
	for _, c := range s.Competencies {
		names = append(names, "rsd-"+c.ID+".json")
	}
	for _, t := range export.Tables(s) {
		names = append(names, t.Name+".csv")
	}
	return names
}

// TestCSV compares every CSV file of the test site with its golden file,
// byte for byte: BOM, CRLF, quoting, the apostrophe before a formula.
func TestCSV(t *testing.T) {
	for _, tab := range export.Tables(testSite(t)) {
		golden(t, tab.Name+".csv", export.CSV(tab))
	}
}

// TestCSVShape checks what Excel needs of every file: a BOM, CRLF line
// ends, and as many fields in each record as in the header.
func TestCSVShape(t *testing.T) {
	for _, tab := range export.Tables(testSite(t)) {
		b := export.CSV(tab)
		if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
			t.Errorf("%s: no byte order mark", tab.Name)
		}
		if bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
			t.Errorf("%s: a line ends without CR", tab.Name)
		}
		for i, row := range tab.Rows {
			if len(row) != len(tab.Header) {
				t.Errorf("%s: row %d has %d cells, header %d", tab.Name, i+1, len(row), len(tab.Header))
			}
		}
	}
}

// TestXLSX compares the workbook with its golden bytes, and reads it back
// with excelize to compare it with the tables cell by cell: values, types,
// comments, frozen panes, filters and widths.
func TestXLSX(t *testing.T) {
	s := testSite(t)
	tables := export.Tables(s)
	meta := export.Meta{Title: s.Config.Title, Created: s.Config.Today}
	data, err := export.XLSX(tables, meta)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "site.xlsx", data)
	golden(t, "xlsx.txt", dump(t, data))

	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sheets []string
	for _, tab := range tables {
		sheets = append(sheets, tab.Sheet)
	}
	if got := f.GetSheetList(); !slices.Equal(got, sheets) {
		t.Fatalf("sheets %q, want %q", got, sheets)
	}
	if !export.Owned(data) {
		t.Errorf("Owned does not recognise the workbook")
	}
	for _, tab := range tables {
		rows := append([][]export.Cell{nil}, tab.Rows...)
		for c, h := range tab.Header {
			rows[0] = append(rows[0], export.Text(h))
			_ = c
		}
		comments := map[string]string{}
		cs, err := f.GetComments(tab.Sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			comments[c.Cell] = c.Text
		}
		notes := 0
		for r, row := range rows {
			for c, want := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				got, err := f.GetCellValue(tab.Sheet, ref, excelize.Options{RawCellValue: true})
				if err != nil {
					t.Fatal(err)
				}
				if got != want.Text {
					t.Errorf("%s!%s = %q, want %q", tab.Sheet, ref, got, want.Text)
				}
				typ, err := f.GetCellType(tab.Sheet, ref)
				if err != nil {
					t.Fatal(err)
				}
				if want.IsNumber != (typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber) && want.Text != "" {
					t.Errorf("%s!%s: type %v, number %v", tab.Sheet, ref, typ, want.IsNumber)
				}
				if want.Note != "" {
					notes++
					if comments[ref] != want.Note {
						t.Errorf("%s!%s: comment %q, want %q", tab.Sheet, ref, comments[ref], want.Note)
					}
				}
			}
		}
		if notes != len(comments) {
			t.Errorf("%s: %d comments, want %d", tab.Sheet, len(comments), notes)
		}
		panes, err := f.GetPanes(tab.Sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !panes.Freeze || panes.YSplit != 1 || panes.XSplit != tab.Frozen {
			t.Errorf("%s: panes %+v, want the header row and %d columns frozen", tab.Sheet, panes, tab.Frozen)
		}
		for c := range tab.Header {
			col, _ := excelize.ColumnNumberToName(c + 1)
			w, err := f.GetColWidth(tab.Sheet, col)
			if err != nil {
				t.Fatal(err)
			}
			if w < 6 || w > 60 {
				t.Errorf("%s: column %s is %v wide", tab.Sheet, col, w)
			}
		}
	}
	p, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	if p.Creator != export.Creator || p.Created != "2026-11-25T00:00:00Z" || p.Modified != p.Created || p.Title != "Acme Careers" {
		t.Errorf("document properties %+v", p)
	}
}

// dump writes a workbook as text: every sheet with its non-empty cells,
// comments, panes and filters, so that a change to the workbook shows in a
// readable diff.
func dump(t *testing.T, data []byte) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		fmt.Fprintf(&b, "== %s\n", sh)
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if v == "" {
					continue
				}
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				fmt.Fprintf(&b, "%s %q\n", ref, v)
			}
		}
		cs, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			fmt.Fprintf(&b, "comment %s %q\n", c.Cell, c.Text)
		}
		panes, err := f.GetPanes(sh)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "panes freeze=%v x=%d y=%d top-left=%s\n", panes.Freeze, panes.XSplit, panes.YSplit, panes.TopLeftCell)
	}
	return []byte(b.String())
}

// TestDeterministic exports the test site and the example site twice and
// requires the same bytes.
func TestDeterministic(t *testing.T) {
	for name, s := range map[string]func() *site.Site{
		"test":    func() *site.Site { return testSite(t) },
		"example": func() *site.Site { return loadSite(t, ladder.Example()) },
	} {
		var prev []byte
		for range 2 {
			st := s()
			data, err := export.XLSX(export.Tables(st), export.Meta{Title: st.Config.Title, Created: st.Config.Today})
			if err != nil {
				t.Fatal(err)
			}
			var all []byte
			for _, tab := range export.Tables(st) {
				all = append(all, export.CSV(tab)...)
			}
			data = append(data, all...)
			if prev != nil && !bytes.Equal(prev, data) {
				t.Errorf("%s: two exports of the same site differ", name)
			}
			prev = data
		}
	}
}

// TestGoldenUsed fails on golden files that no test compares against.
func TestGoldenUsed(t *testing.T) {
	files, err := os.ReadDir(filepath.Join("testdata", "golden"))
	if err != nil {
		t.Fatal(err)
	}
	names := goldenNames(testSite(t))
	for _, f := range files {
		if !slices.Contains(names, f.Name()) {
			t.Errorf("testdata/golden/%s is not used by any test; remove it", f.Name())
		}
	}
}

// TestSheetNames checks the names a workbook accepts: at most 31
// characters, no forbidden character, unique (case aside).
func TestSheetNames(t *testing.T) {
	seen := map[string]bool{}
	for _, tab := range export.Tables(testSite(t)) {
		if len([]rune(tab.Sheet)) > 31 || strings.ContainsAny(tab.Sheet, `:\/?*[]`) {
			t.Errorf("sheet name %q is not allowed", tab.Sheet)
		}
		if seen[strings.ToLower(tab.Sheet)] {
			t.Errorf("sheet name %q twice", tab.Sheet)
		}
		seen[strings.ToLower(tab.Sheet)] = true
	}
}

func TestDefuse(t *testing.T) {
	for in, want := range map[string]string{
		"":             "",
		"=SUM(A1)":     "'=SUM(A1)",
		"+1":           "'+1",
		"-x":           "'-x",
		"@cmd":         "'@cmd",
		"\tx":          "'\tx",
		"plain text":   "plain text",
		"a=b":          "a=b",
		"'already":     "'already",
		"100% of fees": "100% of fees",
	} {
		if got := export.Defuse(in); got != want {
			t.Errorf("Defuse(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCASE compares the CASE package of the test site with its golden
// file, and checks its structure: unique UUIDs, every item in the
// document, every association between the document, its items and
// outside URIs (ESCO, O*NET), every competency a child of its category and
// every level descriptor a child of its competency.
func TestCASE(t *testing.T) {
	s := testSite(t)
	base, err := export.BaseURL("https://acme.example.com/careers")
	if err != nil {
		t.Fatal(err)
	}
	data, err := export.CASE(s, base)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "case.json", data)
	if again, _ := export.CASE(testSite(t), base); !bytes.Equal(again, data) {
		t.Errorf("two CASE exports of the same site differ")
	}
	if !export.OwnedCASE(data) || export.OwnedCASE([]byte(`{"CFDocument":{}}`)) {
		t.Errorf("OwnedCASE does not tell its packages from others")
	}
	var p export.CASEPackage
	if err := json.Unmarshal(data, &p); err != nil {
		t.Fatal(err)
	}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	ids := map[string]string{p.CFDocument.Identifier: "document"}
	for _, it := range p.CFItems {
		if !uuid.MatchString(it.Identifier) || ids[it.Identifier] != "" {
			t.Errorf("item %s: identifier %q not a new UUID", it.URI, it.Identifier)
		}
		ids[it.Identifier] = it.CFItemType
		if it.CFDocumentURI.Identifier != p.CFDocument.Identifier || it.FullStatement == "" || !strings.HasPrefix(it.URI, base) {
			t.Errorf("item %+v", it)
		}
	}
	children, related := map[string]int{}, 0
	for _, a := range p.CFAssociations {
		if !uuid.MatchString(a.Identifier) || ids[a.Identifier] != "" {
			t.Errorf("association %s: identifier %q not a new UUID", a.URI, a.Identifier)
		}
		ids[a.Identifier] = "association"
		from, to := ids[a.OriginNodeURI.Identifier], ids[a.DestinationNodeURI.Identifier]
		switch a.AssociationType {
		case "isChildOf":
			if !(from == "Category" && to == "document" || from == "Competency" && to == "Category" || from == "Proficiency Level" && to == "Competency") {
				t.Errorf("%s (%s) isChildOf %s (%s)", a.OriginNodeURI.URI, from, a.DestinationNodeURI.URI, to)
			}
			children[from]++
		case "exactMatchOf":
			if from != "Competency" || a.DestinationNodeURI.URI != "http://data.europa.eu/esco/skill/example" {
				t.Errorf("exactMatchOf %+v", a)
			}
		case "isRelatedTo":
			if from != "Competency" || a.DestinationNodeURI.URI != export.ONetURL+"15-1252.00" {
				t.Errorf("isRelatedTo %+v", a)
			}
			related++
		default:
			t.Errorf("association type %q", a.AssociationType)
		}
	}
	if children["Category"] != 1 || children["Competency"] != 2 || children["Proficiency Level"] != 5 {
		t.Errorf("children %v, want 1 category, 2 competencies, 5 level descriptors", children)
	}
	if related != 2 {
		t.Errorf("%d occupations, want 2 (coding and design at eng/senior)", related)
	}
}

// TestRSD compares the Rich Skill Descriptors of the test site with their
// golden files.
func TestRSD(t *testing.T) {
	s := testSite(t)
	rsds, err := export.RSDs(s, "https://acme.example.com/")
	if err != nil {
		t.Fatal(err)
	}
	if len(rsds) != len(s.Competencies) {
		t.Fatalf("%d descriptors for %d competencies", len(rsds), len(s.Competencies))
	}
	for id, b := range rsds {
		golden(t, "rsd-"+id+".json", b)
		var r export.RSD
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		if r.Type != "RichSkillDescriptor" || r.ID != "https://acme.example.com/competencies/"+id+"/" || r.SkillName == "" || r.SkillStatement == "" {
			t.Errorf("descriptor %s: %+v", id, r)
		}
	}
	if _, err := export.BaseURL("/careers/"); err == nil {
		t.Errorf("BaseURL accepts a path")
	}
}
