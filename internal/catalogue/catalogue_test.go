package catalogue_test

import (
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladder-ssg/ladder/internal/catalogue"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/export"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// siteFS returns the export package's test site, with extra files.
func siteFS(t testing.TB, extra map[string]string) fstest.MapFS {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("..", "export", "testdata", "site.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range a.Files {
		m[f.Name] = &fstest.MapFile{Data: f.Data, Mode: 0o644}
	}
	for name, data := range extra {
		if data == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(data), Mode: 0o644}
	}
	return m
}

func loadSite(t testing.TB, fsys fstest.MapFS) *site.Site {
	t.Helper()
	s, texts, diags, err := load.Dir(fsys, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if diags.Errors() > 0 {
		t.Fatalf("site has errors:\n%s", format(diags, texts.Sources()))
	}
	return s
}

func format(l diag.List, src diag.Sources) string {
	var b strings.Builder
	diag.WriteText(&b, l, src, diag.TextOptions{})
	return b.String()
}

// TestRoundTrip exports the courses of a site as CSV, imports the file
// into a catalogue, replaces the site's courses with it, and requires
// every course to come back with the same values.
func TestRoundTrip(t *testing.T) {
	before := loadSite(t, siteFS(t, nil))
	var csv []byte
	for _, tab := range export.Tables(before) {
		if tab.Name == "courses" {
			csv = export.CSV(tab)
		}
	}
	res := catalogue.ReadCSV("courses.csv", csv, catalogue.Options{})
	if len(res.Diags) > 0 {
		t.Fatalf("import of the export:\n%s", format(res.Diags, func(string) *diag.LineIndex { return res.Lines }))
	}
	if want := []string{"Required by", "Optional for", "Programs"}; !slices.Equal(res.Ignored, want) {
		t.Errorf("ignored columns %q, want %q", res.Ignored, want)
	}
	var keys []string
	for _, k := range catalogue.Keys {
		if res.Imports(k) {
			keys = append(keys, k)
		}
	}
	merged, _ := catalogue.Merge(nil, res.Courses, keys)
	toml := catalogue.Encode("courses.csv", merged)
	after := loadSite(t, siteFS(t, map[string]string{
		"content/courses/secure-coding.md": "",
		"content/courses/catalogue.toml":   "",
		"content/courses/lms.toml":         string(toml),
	}))
	if len(after.Courses) != len(before.Courses) {
		t.Fatalf("%d courses after the round trip, want %d", len(after.Courses), len(before.Courses))
	}
	for i, b := range before.Courses {
		a := after.Courses[i]
		type fields struct {
			ID, Title, Summary, Provider, Format, Currency, URL, Credential string
			Hours, Cost                                                     float64
			Prereqs                                                         []string
			Skills                                                          string
		}
		get := func(c *site.Course) fields {
			var skills []string
			for _, s := range c.Skills {
				skills = append(skills, fmt.Sprintf("%s=%d", s.CompetencyID, s.Level))
			}
			slices.Sort(skills)
			return fields{c.ID, c.Title, c.Summary, c.Provider, c.Format, c.Currency, c.URL, c.Credential, c.Hours, c.Cost, c.PrereqIDs, strings.Join(skills, ";")}
		}
		if !reflect.DeepEqual(get(a), get(b)) {
			t.Errorf("course %s:\n got %+v\nwant %+v", b.ID, get(a), get(b))
		}
	}
}

func TestParseMap(t *testing.T) {
	for _, tc := range []struct {
		spec  string
		want  map[string]string
		order []string
		err   string
	}{
		{"", map[string]string{}, nil, ""},
		{"Course Code=id, Duration (hours)=hours", map[string]string{"Course Code": "id", "Duration (hours)": "hours"}, []string{"Course Code", "Duration (hours)"}, ""},
		{"Name=TITLE", map[string]string{"Name": "title"}, []string{"Name"}, ""},
		{"Name", nil, nil, `--map: "Name" is not COLUMN=KEY`},
		{"=title", nil, nil, `--map: "=title" is not COLUMN=KEY`},
		{"Name=titel", nil, nil, `--map: "titel" is not a course key`},
		{"A=id,A=title", nil, nil, `--map: column "A" is mapped twice`},
	} {
		m, order, err := catalogue.ParseMap(tc.spec)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("ParseMap(%q) error %v, want %s", tc.spec, err, tc.err)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(m, tc.want) || !slices.Equal(order, tc.order) {
			t.Errorf("ParseMap(%q) = %v, %q, %v", tc.spec, m, order, err)
		}
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"SEC-101":       "sec-101",
		"  Intro to X ": "intro-to-x",
		"a__b..c":       "a-b-c",
		"---":           "",
		"Café 2":        "caf-2",
		"x":             "x",
	} {
		if got := catalogue.Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMerge checks the changes and the merged values: columns replace
// what they hold, keys without a column stay, courses not in the file go.
func TestMerge(t *testing.T) {
	old := []catalogue.Course{
		{ID: "a", Values: map[string]any{"title": "A", "hours": 2.0, "skills": map[string]float64{"coding": 2}}},
		{ID: "b", Values: map[string]any{"title": "B"}},
	}
	in := []catalogue.Course{
		{ID: "c", Values: map[string]any{"title": "C"}},
		{ID: "a", Values: map[string]any{"title": "A2"}},
	}
	got, changes := catalogue.Merge(old, in, []string{"id", "title", "hours"})
	want := []catalogue.Course{
		{ID: "a", Values: map[string]any{"title": "A2", "skills": map[string]float64{"coding": 2}}},
		{ID: "c", Values: map[string]any{"title": "C"}},
	}
	for i := range got {
		got[i].Pos = diag.Pos{}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merged %+v, want %+v", got, want)
	}
	wantChanges := []catalogue.Change{
		{ID: "c", Title: "C", Kind: "added"},
		{ID: "a", Title: "A2", Kind: "changed", Keys: []string{"title", "hours"}},
		{ID: "b", Title: "B", Kind: "removed"},
	}
	if !reflect.DeepEqual(changes, wantChanges) {
		t.Errorf("changes %+v, want %+v", changes, wantChanges)
	}
	// Encode, then Decode, gives the values back.
	back, err := catalogue.Decode(catalogue.Encode("x.csv", got))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("decoded %+v, want %+v", back, want)
	}
}

// FuzzReadCSV reads arbitrary CSV files: no panic; every diagnostic is
// at a line of the file; a file without errors gives courses with valid,
// unique ids and titles, whose catalogue decodes to the same courses.
func FuzzReadCSV(f *testing.F) {
	for _, seed := range []string{
		"id,title\nx,Y\n",
		"\ufeffID;Title;Hours\nsec-101;Secure;2.5\n",
		"id,title,format,hours,cost,url,skills,draft,prerequisites\nok,Fine,video,2,0,https://x.example/1,coding=2,false,a;b\n",
		"id,title\n\"a\"\"b\",\"multi\nline\"\n",
		"id,title\nbad,Say \"hi\"\n",
		"id,title\nok,\"never closed\n",
		"id,title\n,\n,,\n",
		"Course Code,Name\nX,Y\n",
		"id,title\nx,Caf\xe9\n",
		"",
	} {
		f.Add([]byte(seed), "Course Code=id")
	}
	f.Fuzz(func(t *testing.T, data []byte, spec string) {
		m, order, err := catalogue.ParseMap(spec)
		if err != nil {
			m, order = nil, nil
		}
		res := catalogue.ReadCSV("f.csv", data, catalogue.Options{Map: m, MapOrder: order})
		lines := strings.Count(string(data), "\n") + 1
		for _, d := range res.Diags {
			if d.Pos.File != "f.csv" || d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Fatalf("diagnostic at %v: %s", d.Pos, d.Msg)
			}
			_ = diag.Format(d, func(string) *diag.LineIndex { return res.Lines }, diag.TextOptions{})
		}
		if res.Diags.Errors() > 0 {
			if res.Courses != nil {
				t.Fatalf("courses returned with errors")
			}
			return
		}
		seen := map[string]bool{}
		for _, c := range res.Courses {
			if !load.ValidID(c.ID) || seen[c.ID] {
				t.Fatalf("id %q invalid or repeated", c.ID)
			}
			seen[c.ID] = true
			if title, _ := c.Values["title"].(string); title == "" {
				t.Fatalf("course %q has no title", c.ID)
			}
		}
		merged, _ := catalogue.Merge(nil, res.Courses, catalogue.Keys)
		back, err := catalogue.Decode(catalogue.Encode("f.csv", merged))
		if err != nil {
			t.Fatalf("the catalogue does not decode: %v", err)
		}
		for i := range merged {
			merged[i].Pos = diag.Pos{}
		}
		if len(back) != len(merged) || len(back) > 0 && !reflect.DeepEqual(back, merged) {
			t.Fatalf("decoded %+v, want %+v", back, merged)
		}
	})
}
