package load_test

import (
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// minimal is a small valid site.
func minimal() fstest.MapFS {
	return fstest.MapFS{
		"site.toml":                      {Data: []byte("title = \"Test\"\n")},
		"content/_index.md":              {Data: []byte("Welcome.\n")},
		"content/tracks/eng/_index.md":   {Data: []byte("+++\ntitle = \"Engineering\"\n+++\n")},
		"content/tracks/eng/junior.md":   {Data: []byte("+++\ntitle = \"Junior\"\nrank = 1\nrequired_courses = [\"linux\"]\n[competencies]\ncoding = 2\n+++\nBody.\n")},
		"content/competencies/coding.md": {Data: []byte("+++\ntitle = \"Coding\"\n+++\n")},
		"content/courses/linux.md":       {Data: []byte("+++\ntitle = \"Linux\"\n[skills]\ncoding = 1\n+++\n")},
		"content/programs/academy.md":    {Data: []byte("+++\ntitle = \"Academy\"\nleads_to = [\"eng/junior\"]\n+++\n")},
		"content/pages/about.md":         {Data: []byte("+++\ntitle = \"About\"\n+++\nSee [Linux](course:linux).\n")},
	}
}

func loadAndCheck(t testing.TB, fsys fs.FS) (*site.Site, site.Texts, diag.List) {
	t.Helper()
	s, texts, diags, err := load.Dir(fsys, load.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	diags = append(diags, check.Site(s, texts)...)
	diags.Sort()
	return s, texts, diags
}

func text(texts site.Texts, l diag.List) string {
	var b bytes.Buffer
	diag.WriteText(&b, l, texts.Sources(), diag.TextOptions{})
	return b.String()
}

func TestMinimal(t *testing.T) {
	s, texts, diags := loadAndCheck(t, minimal())
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", text(texts, diags))
	}
	if len(s.Tracks) != 1 || len(s.Levels) != 1 || len(s.Courses) != 1 || len(s.Programs) != 1 || len(s.Competencies) != 1 || len(s.Pages) != 1 {
		t.Fatalf("unexpected counts: %d tracks, %d levels, %d courses, %d programs, %d competencies, %d pages",
			len(s.Tracks), len(s.Levels), len(s.Courses), len(s.Programs), len(s.Competencies), len(s.Pages))
	}
	l := s.Levels[0]
	if l.FullID() != "eng/junior" || l.Path != "ic" || l.Rank != 1 || l.Track != s.Tracks[0] {
		t.Errorf("level = %s path %q rank %d", l.FullID(), l.Path, l.Rank)
	}
	if len(l.Required) != 1 || l.Required[0].ID != "linux" || len(s.Courses[0].RequiredBy) != 1 {
		t.Errorf("required course not resolved both ways")
	}
	if e := l.Expectation("coding"); e == nil || e.Level != 2 || e.Key != "competencies.coding" {
		t.Errorf("expectation = %+v", e)
	}
	if s.Home.Title != "Test" || !strings.Contains(string(s.Home.Body.HTML), "Welcome.") {
		t.Errorf("home = %q %q", s.Home.Title, s.Home.Body.HTML)
	}
	c := s.Config
	if c.BaseURL != "/" || c.Language != "en" || c.Theme != "default" || c.ContentDir != "content" || c.OutputDir != "build" || c.Scale.Max() != 5 {
		t.Errorf("config defaults = %+v", c)
	}
	if c.Today.IsZero() || c.Today.Location() != time.UTC || c.Today.Hour() != 0 {
		t.Errorf("today = %v", c.Today)
	}
}

func TestConfig(t *testing.T) {
	fsys := minimal()
	fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"T\"\nbase_url = \"/careers\"\ncontent_dir = \"src\"\ntoday = 2026-11-25\n[scale]\nnames = [\"a\", \"b\"]\n")}
	for p, f := range fsys {
		if strings.HasPrefix(p, "content/") {
			fsys["src/"+strings.TrimPrefix(p, "content/")] = f
			delete(fsys, p)
		}
	}
	s, texts, diags := loadAndCheck(t, fsys)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", text(texts, diags))
	}
	if s.Config.BaseURL != "/careers/" || s.Config.Scale.Max() != 2 || len(s.Levels) != 1 {
		t.Errorf("config = %+v, %d levels", s.Config, len(s.Levels))
	}
	if want := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC); !s.Config.Today.Equal(want) {
		t.Errorf("today = %v", s.Config.Today)
	}
}

func TestNoSite(t *testing.T) {
	_, _, _, err := load.Dir(fstest.MapFS{}, load.Options{})
	if err == nil || !strings.Contains(err.Error(), "site.toml") {
		t.Errorf("err = %v", err)
	}
	// A site without content is empty, not an error.
	s, _, diags, err := load.Dir(fstest.MapFS{"site.toml": {Data: []byte("")}}, load.Options{})
	if err != nil || len(diags) > 0 || s.Home == nil {
		t.Errorf("empty site: %v %v", err, diags)
	}
}

func TestUnexpectedPlace(t *testing.T) {
	fsys := minimal()
	fsys["content/notes/todo.md"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["content/tracks/eng/old/x.md"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["content/.hidden/x.md"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["content/courses/.draft.md"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["content/courses/linux.md~"] = &fstest.MapFile{Data: []byte("x\n")}
	fsys["content/courses/notes.txt"] = &fstest.MapFile{Data: []byte("x\n")}
	_, texts, diags := loadAndCheck(t, fsys)
	var got []string
	for _, d := range diags {
		got = append(got, d.Error())
	}
	want := []string{
		"content/notes/todo.md:1:1: error: content file in an unexpected place",
		"content/tracks/eng/old/x.md:1:1: error: content file in an unexpected place",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s", text(texts, diags))
	}
}

func TestDrafts(t *testing.T) {
	fsys := minimal()
	fsys["content/courses/git.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Git\"\ndraft = true\n+++\n")}
	s, texts, diags := loadAndCheck(t, fsys)
	if len(diags) > 0 || len(s.Courses) != 1 || !s.Drafts[site.DraftKey{Kind: site.KindCourse, ID: "git"}] {
		t.Errorf("without drafts: %d courses, drafts %v\n%s", len(s.Courses), s.Drafts, text(texts, diags))
	}
	s, _, _, err := load.Dir(fsys, load.Options{Drafts: true})
	if err != nil || len(s.Courses) != 2 || s.Drafts[site.DraftKey{Kind: site.KindCourse, ID: "git"}] {
		t.Errorf("with drafts: %d courses, drafts %v", len(s.Courses), s.Drafts)
	}
}

func TestCatalogue(t *testing.T) {
	fsys := minimal()
	fsys["content/courses/lms.toml"] = &fstest.MapFile{Data: []byte(`[[course]]
id = "git"
title = "Git"
hours = 2.5
[course.skills]
coding = 1

[[course]]
id = "go"
title = "Go"
prerequisites = ["git"]
`)}
	fsys["content/tracks/eng/junior.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Junior\"\nrank = 1\nrequired_courses = [\"linux\", \"go\"]\n[competencies]\ncoding = 2\n+++\n")}
	s, texts, diags := loadAndCheck(t, fsys)
	if len(diags) > 0 {
		t.Fatalf("diagnostics:\n%s", text(texts, diags))
	}
	git := s.CourseByID("git")
	if git == nil || git.Hours != 2.5 || len(git.Skills) != 1 || git.Src.Prefix != "course[0]" || len(git.Unlocks) != 1 {
		t.Fatalf("git = %+v", git)
	}
	if p := texts.Of(git.Src).Key("hours"); p.Line != 4 || p.Col != 1 || p.Len != 5 {
		t.Errorf("git hours at %+v", p)
	}
	if p := texts.Of(s.CourseByID("go").Src).Start(); p.Line != 8 || p.Col != 1 {
		t.Errorf("go starts at %+v", p)
	}
}

// TestLoaderCache checks that reloading with a list of changed paths gives
// the same site as loading from scratch: files edited, added (also in a new
// directory) and removed, and site.toml changed.
func TestLoaderCache(t *testing.T) {
	fsys := minimal()
	l := load.NewLoader()
	if _, _, _, err := l.Load(fsys, load.Options{}, nil); err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		change  func()
		changed []string
	}{
		{"edit a file", func() {
			fsys["content/courses/linux.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Linux 2\"\nformat = \"vidoe\"\n+++\n")}
		}, []string{"content/courses/linux.md"}},
		{"add a file", func() {
			fsys["content/courses/git.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Git\"\n+++\n")}
		}, []string{"content/courses/git.md"}},
		{"add a directory", func() {
			fsys["content/tracks/ops/_index.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Ops\"\n+++\n")}
			fsys["content/tracks/ops/lead.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Lead\"\nrank = 1\n+++\n")}
		}, []string{"content/tracks/ops"}},
		{"remove a file", func() {
			delete(fsys, "content/courses/git.md")
		}, []string{"content/courses/git.md"}},
		{"remove a directory", func() {
			delete(fsys, "content/tracks/ops/_index.md")
			delete(fsys, "content/tracks/ops/lead.md")
		}, []string{"content/tracks/ops"}},
		{"change site.toml", func() {
			fsys["site.toml"] = &fstest.MapFile{Data: []byte("title = \"Changed\"\n[markdown]\nunsafe_html = true\n")}
			fsys["content/pages/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\n<b>hi</b>\n")}
		}, []string{"site.toml"}},
		{"a path outside the content", func() {}, []string{"static/x.css"}},
		{"full reload", func() {
			fsys["content/courses/linux.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Linux 3\"\n+++\n")}
		}, nil},
	}
	for _, st := range steps {
		st.change()
		got, gotTexts, gotDiags, err := l.Load(fsys, load.Options{}, st.changed)
		if err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		gotDiags = append(gotDiags, check.Site(got, gotTexts)...)
		gotDiags.Sort()
		want, wantTexts, wantDiags := loadAndCheck(t, fsys)
		if g, w := summary(got, gotTexts, gotDiags), summary(want, wantTexts, wantDiags); g != w {
			t.Errorf("%s: cached load differs\n--- cached\n%s--- fresh\n%s", st.name, g, w)
		}
	}
}

// summary describes a site in enough detail to compare two loads.
func summary(s *site.Site, texts site.Texts, l diag.List) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %s\n", s.Config.Title)
	for _, t := range s.Tracks {
		fmt.Fprintf(&b, "track %s %q\n", t.ID, t.Title)
	}
	for _, x := range s.Levels {
		fmt.Fprintf(&b, "level %s %q\n", x.FullID(), x.Title)
	}
	for _, x := range s.Courses {
		fmt.Fprintf(&b, "course %s %q\n", x.ID, x.Title)
	}
	for _, x := range s.Pages {
		fmt.Fprintf(&b, "page %s %q %q\n", x.ID, x.Title, x.Body.HTML)
	}
	b.WriteString(text(texts, l))
	return b.String()
}

// fuzzPaths are the places a fuzzed file is put in the minimal site; the
// first byte of the input picks one.
var fuzzPaths = []string{
	"content/tracks/eng/junior.md",
	"content/tracks/eng/fuzz.md",
	"content/tracks/eng/_index.md",
	"content/courses/fuzz.md",
	"content/courses/fuzz.toml",
	"content/competencies/fuzz.md",
	"content/competencies/fuzz.toml",
	"content/programs/fuzz.md",
	"content/programs/fuzz.toml",
	"content/pages/fuzz.md",
	"content/_index.md",
	"site.toml",
}

// checkSpan checks that a diagnostic about a key or a reference points at
// that key or at the string that holds the reference, not merely somewhere
// in the file.
func checkSpan(t *testing.T, file []byte, d diag.Diagnostic) {
	t.Helper()
	line := bytes.Split(file, []byte("\n"))[d.Pos.Line-1]
	span := string(line[d.Pos.Col-1 : d.Pos.Col-1+d.Pos.Len])
	var name string
	_, errKey := fmt.Sscanf(d.Msg, "unknown key %q", &name)
	_, errCompetency := fmt.Sscanf(d.Msg, "unknown competency %q", &name)
	if errKey == nil || errCompetency == nil {
		if decoded, ok := tomlKey(span); !ok || decoded != name {
			t.Fatalf("%v: %s: the caret is under %q", d.Pos, d.Msg, span)
		}
		return
	}
	for _, kind := range []string{"course", "level", "track"} {
		if _, err := fmt.Sscanf(d.Msg, "unknown "+kind+" %q", &name); err == nil {
			var v struct{ V string }
			if _, err := toml.Decode("V = "+span, &v); err != nil || v.V != name {
				t.Fatalf("%v: %s: the caret is under %q", d.Pos, d.Msg, span)
			}
			return
		}
	}
}

// tomlKey decodes a bare or quoted TOML key.
func tomlKey(span string) (string, bool) {
	var m map[string]any
	if _, err := toml.Decode(span+" = 1", &m); err != nil || len(m) != 1 {
		return "", false
	}
	for k := range m {
		return k, true
	}
	return "", false
}

// seedPath returns the index in fuzzPaths of the place that suits the
// example file p, or -1.
func seedPath(p string) int {
	want := ""
	switch parts := strings.Split(p, "/"); {
	case p == "site.toml":
		want = "site.toml"
	case p == "content/_index.md":
		want = "content/_index.md"
	case len(parts) == 4 && parts[1] == "tracks" && parts[3] == "_index.md":
		want = "content/tracks/eng/_index.md"
	case len(parts) == 4 && parts[1] == "tracks":
		want = "content/tracks/eng/fuzz.md"
	case len(parts) == 3:
		want = "content/" + parts[1] + "/fuzz" + path.Ext(p)
	}
	for i, fp := range fuzzPaths {
		if fp == want {
			return i
		}
	}
	return -1
}

// FuzzLoad puts a fuzzed file into a small site and loads and checks it:
// nothing may panic, every diagnostic (and note) must lie inside its file
// (its line within the line count, its column within the line's length + 1,
// its span within the line), and printing the diagnostics as text and JSON
// must not panic. It is seeded with every file of the example site.
func FuzzLoad(f *testing.F) {
	ex := ladder.Example()
	_ = fs.WalkDir(ex, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(ex, p)
		if err != nil {
			return nil
		}
		if i := seedPath(p); i >= 0 {
			f.Add(uint8(i), data)
		}
		return nil
	})
	for p, file := range minimal() {
		for i, fp := range fuzzPaths {
			if fp == p {
				f.Add(uint8(i), file.Data)
			}
		}
	}
	load.BadFiles(f, func(name string, data []byte) {
		if i := seedPath(name); i >= 0 {
			f.Add(uint8(i), data)
		}
	})
	f.Add(uint8(0), []byte("+++\ntitle = \"J\"\nrank = \"x\"\nnext = [\"nope\", 3]\n[competencies]\ncoding = { level = 9, x = 1 }\n[pay]\nmni = 1\n+++\n[a](level:zz)\n"))
	f.Add(uint8(4), []byte("[[course]]\nid = \"A\"\n[[course]]\nid = 3\nprerequisites = [\"a\"]\n"))
	f.Add(uint8(len(fuzzPaths)-1), []byte("titel = 1\n[scale]\nnames = []\n[params]\nx = { y = [1, 2] }\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		fsys := minimal()
		name := fuzzPaths[int(which)%len(fuzzPaths)]
		fsys[name] = &fstest.MapFile{Data: data}
		s, texts, diags, err := load.Dir(fsys, load.Options{})
		if err != nil {
			t.Fatalf("load: %v", err)
		}
		diags = append(diags, check.Site(s, texts)...)
		diags.Sort()
		var check func(d diag.Diagnostic)
		check = func(d diag.Diagnostic) {
			if d.Msg == "" {
				t.Fatalf("diagnostic without a message at %v", d.Pos)
			}
			if d.Pos.File != "" && d.Pos.Line > 0 {
				f, ok := fsys[d.Pos.File]
				if !ok {
					t.Fatalf("%v: no such file", d.Pos)
				}
				lines := bytes.Split(f.Data, []byte("\n"))
				if d.Pos.Line > len(lines) {
					t.Fatalf("%v: line beyond the %d lines of the file (%s)", d.Pos, len(lines), d.Msg)
				}
				n := len(lines[d.Pos.Line-1])
				if d.Pos.Col < 1 || d.Pos.Col > n+1 {
					t.Fatalf("%v: column outside the line of %d bytes (%s)", d.Pos, n, d.Msg)
				}
				if d.Pos.Len < 0 || d.Pos.Col-1+d.Pos.Len > n {
					t.Fatalf("%v: span of %d bytes past the end of the line of %d bytes (%s)", d.Pos, d.Pos.Len, n, d.Msg)
				}
			}
			for _, n := range d.Notes {
				check(n)
			}
			if d.Pos.File != "" && d.Pos.Line > 0 {
				checkSpan(t, fsys[d.Pos.File].Data, d)
			}
		}
		for _, d := range diags {
			check(d)
		}
		var buf bytes.Buffer
		if err := diag.WriteText(&buf, diags, texts.Sources(), diag.TextOptions{Color: true}); err != nil {
			t.Fatal(err)
		}
		if err := diag.WriteJSON(&buf, diags, texts.Sources()); err != nil {
			t.Fatal(err)
		}
	})
}
