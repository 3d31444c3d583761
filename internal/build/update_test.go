package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
)

// TestUpdateMatchesCompile edits a copy of the example site step by step,
// as a person at the dev server would, and takes in each change the way
// the dev server does: in place when Prepare accepts it, else by
// compiling again with the same loader. After every step the site must
// draw exactly what a fresh compilation of the files draws, page for page,
// with the same warnings; and Prepare must accept exactly the edits that
// keep every id and every order.
func TestUpdateMatchesCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site once per step")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, ladder.Example()); err != nil {
		t.Fatal(err)
	}
	p, err := Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{Generator: "ladder test", DeferWarnings: true, Cache: check.NewCache(), Drafts: true}
	l := load.NewLoader()
	prev, err := p.Compile(l, opts, nil)
	if err != nil || prev.Renderer == nil {
		t.Fatalf("first compile: %v %v", err, prev.Diags.Err())
	}
	prev.Warnings()

	const (
		sde2    = "content/tracks/software/sde-2.md"
		sde3    = "content/tracks/software/sde-3.md"
		secure  = "content/courses/secure-coding.md"
		surge   = "content/programs/surge2it.md"
		coding  = "content/competencies/coding.md"
		catalog = "content/courses/surge2it-catalogue.toml"
		home    = "content/_index.md"
		about   = "content/pages/about.md"
		track   = "content/tracks/software/_index.md"
		newFile = "content/courses/new-course.md"
	)
	steps := []struct {
		name    string
		file    string
		edit    func(string) string // nil deletes the file
		inPlace bool
		errors  bool // the change leaves the site with errors
	}{
		{"level body", sde2, appendText("\nA new closing line.\n"), true, false},
		{"same bytes", sde2, func(s string) string { return s }, true, false},
		{"level requires another course", sde2, replace(`required_courses = ["system-design-fundamentals"]`, `required_courses = ["secure-coding", "system-design-fundamentals", "secure-coding"]`), true, false},
		{"level promotes to one level only", sde2, replace(`next = ["sde-3", "sdm-1"]`, `next = ["sde-3"]`), true, false},
		{"level drops a competency", sde2, replace("leadership = 2\n", ""), true, false},
		{"level title", sde2, replace(`title = "Software Development Engineer II"`, `title = "Software Engineer II"`), true, false},
		{"level default promotion", sde2, replace(`next = ["sde-3"]`+"\n", ""), true, false},
		{"course prerequisite and skill", secure, replace("coding = 2", "coding = 3\nsystem-design = 1").then(replace(`currency = "USD"`, `currency = "USD"`+"\n"+`prerequisites = ["cloud-fundamentals"]`)), true, false},
		{"program targets and courses", surge, replace(`, "cloud-support/associate"]`, `]`).then(replace(`"interviewing"]`, `"interviewing", "secure-coding"]`)), true, false},
		{"program eligibility", surge, replace(`tracks = ["it-support"]`, `tracks = ["it-support", "software"]`), true, false},
		{"competency descriptor", coding, replace("Reads simple code", "Reads and explains simple code"), true, false},
		{"catalogue entry", catalog, replace("hours = 5\n", "hours = 7\n"), true, false},
		{"home page", home, replace("Welcome!", "Welcome to your careers site!"), true, false},
		{"free page", about, appendText("\nOne more paragraph.\n"), true, false},
		{"track summary", track, appendText("\nMore about the track.\n"), true, false},
		{"course title", secure, replace(`title = "Secure coding"`, `title = "Secure coding basics"`), false, false},
		{"level rank", sde3, replace("rank = 3", "rank = 4"), false, false},
		{"unknown course", sde2, replace(`required_courses = [`, `required_courses = ["no-such-course", `), false, true},
		{"fixed", sde2, replace(`"no-such-course", `, ``), false, false},
		{"promotion loop", sde3, replace("min_months = 24", "min_months = 24\nnext = [\"sde-2\"]"), false, true},
		{"loop removed", sde3, replace("\nnext = [\"sde-2\"]", ""), false, false},
		{"level draft", sde3, replace("rank = 4", "rank = 4\ndraft = true"), false, false},
		{"level body again", sde2, appendText("\nAnother line.\n"), true, false},
		{"new course", newFile, func(string) string { return "+++\ntitle = \"New course\"\n+++\nBody.\n" }, false, false},
		{"course removed", newFile, nil, false, false},
	}
	for _, st := range steps {
		path := filepath.Join(dir, filepath.FromSlash(st.file))
		if st.edit == nil {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
		} else {
			old, _ := os.ReadFile(path)
			text := st.edit(string(old))
			if st.name != "same bytes" && text == string(old) {
				t.Fatalf("%s: the edit changed nothing", st.name)
			}
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		changed := []string{st.file}
		var res *Result
		u, ok := p.Prepare(l, prev, opts, changed)
		if ok != st.inPlace {
			t.Fatalf("%s: Prepare accepted the change: %v, want %v", st.name, ok, st.inPlace)
		}
		if ok {
			res = u.Apply()
		} else if res, err = p.Compile(l, opts, changed); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		fresh, err := p.Compile(load.NewLoader(), Options{Generator: opts.Generator, Drafts: true}, nil)
		if err != nil {
			t.Fatalf("%s: fresh compile: %v", st.name, err)
		}
		if got, want := res.Diags.Errors() > 0, fresh.Diags.Errors() > 0; got != want || got != st.errors {
			t.Fatalf("%s: errors after the change: %v, fresh compile: %v, want %v\n%s", st.name, got, want, st.errors, fresh.Diags.Err())
		}
		prev = res
		if st.errors {
			continue
		}
		warnings := append(res.Diags, res.Warnings()...)
		warnings.Sort()
		if got, want := formatDiags(warnings, res.Site.Sources()), formatDiags(fresh.Diags, fresh.Site.Sources()); got != want {
			t.Errorf("%s: warnings differ\n--- after the change:\n%s--- fresh:\n%s", st.name, got, want)
		}
		a, err := res.Renderer.All(nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := fresh.Renderer.All(nil)
		if err != nil {
			t.Fatal(err)
		}
		if a.Digest() != b.Digest() {
			t.Errorf("%s: the site differs from a fresh build", st.name)
			diff(t, a, b)
		}
	}
}

// edit is a change to a file's text.
type edit func(string) string

// then chains two edits.
func (e edit) then(f edit) edit { return func(s string) string { return f(e(s)) } }

// replace replaces the first old with new.
func replace(old, new string) edit {
	return func(s string) string { return strings.Replace(s, old, new, 1) }
}

// appendText adds text at the end.
func appendText(text string) edit {
	return func(s string) string { return s + text }
}

// formatDiags prints diagnostics as the terminal shows them.
func formatDiags(l diag.List, src diag.Sources) string {
	var b strings.Builder
	diag.WriteText(&b, l, src, diag.TextOptions{})
	return b.String()
}
