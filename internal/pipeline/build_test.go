package pipeline

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
)

// compileAll compiles p and renders every page.
func compileAll(t *testing.T, p *Project, opts Options) *output.Output {
	t.Helper()
	res, err := p.Compile(load.NewLoader(), opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer == nil {
		var b strings.Builder
		diag.WriteText(&b, res.Diags, res.Texts.Sources(), diag.TextOptions{})
		t.Fatalf("the site has errors:\n%s", b.String())
	}
	o, err := res.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

// TestDeterministic builds the example site three times, the last on one
// core, and requires byte-identical output.
func TestDeterministic(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site three times")
	}
	p := &Project{FS: ladder.Example(), Embedded: true}
	opts := Options{Generator: "ladder test"}
	first := compileAll(t, p, opts)
	if first.Len() == 0 {
		t.Fatal("empty output")
	}
	second := compileAll(t, p, opts)
	if first.Digest() != second.Digest() {
		t.Error("two builds of the same site differ")
		diff(t, first, second)
	}
	prev := runtime.GOMAXPROCS(1)
	defer runtime.GOMAXPROCS(prev)
	third := compileAll(t, p, opts)
	if first.Digest() != third.Digest() {
		t.Error("a build on one core differs")
		diff(t, first, third)
	}
}

// diff reports the first paths at which two outputs differ.
func diff(t *testing.T, a, b *output.Output) {
	t.Helper()
	n := 0
	for _, p := range a.Paths() {
		x, _ := a.Get(p)
		y, ok := b.Get(p)
		if !ok || string(x) != string(y) {
			t.Errorf("differs: %s", p)
			if n++; n == 5 {
				return
			}
		}
	}
	if a.Len() != b.Len() {
		t.Errorf("%d files against %d", a.Len(), b.Len())
	}
}

// TestExampleIsClean requires the embedded example to build without errors
// or warnings: it is the first site a new user sees.
func TestExampleIsClean(t *testing.T) {
	p := &Project{FS: ladder.Example(), Embedded: true}
	res, err := p.Compile(load.NewLoader(), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Diags) > 0 {
		var b strings.Builder
		diag.WriteText(&b, res.Diags, res.Texts.Sources(), diag.TextOptions{})
		t.Errorf("the example site has diagnostics:\n%s", b.String())
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	if _, err := Open(dir, false); err == nil || !strings.Contains(err.Error(), "no site.toml in "+dir) {
		t.Errorf("no site: err = %v", err)
	}
	p, err := Open(dir, true)
	if err != nil || !p.Embedded || p.Dir != "" {
		t.Fatalf("no site, example allowed: %+v, %v", p, err)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), []byte("title = \"x\"\n"), 0o644)
	p, err = Open(dir, true)
	if err != nil || p.Embedded || p.Dir != dir {
		t.Fatalf("a site: %+v, %v", p, err)
	}
	if _, err := Open(filepath.Join(dir, "missing"), false); err == nil {
		t.Error("a missing directory: no error")
	}
}

func TestTheme(t *testing.T) {
	p := &Project{FS: fstest.MapFS{
		"themes/plain/layouts/baseof.html": {Data: []byte("x")},
	}}
	th, err := p.Theme("plain")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := th.Open("layouts/baseof.html"); err != nil {
		t.Errorf("site theme: %v", err)
	}
	th, err = p.Theme("")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := th.Open("layouts/baseof.html"); err != nil {
		t.Errorf("default theme: %v", err)
	}
	if _, err := p.Theme("fancy"); err == nil || !strings.Contains(err.Error(), `theme "fancy" not found`) {
		t.Errorf("missing theme: err = %v", err)
	}
}

// TestCompileErrors checks that a site with errors compiles to diagnostics
// and no renderer, and a site with warnings only to both.
func TestCompileErrors(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                    {Data: []byte("title = \"T\"\n")},
		"content/tracks/eng/_index.md": {Data: []byte("+++\ntitle = \"Eng\"\n+++\n")},
		"content/tracks/eng/junior.md": {Data: []byte("+++\ntitle = \"Junior\"\nrank = 1\nrequired_courses = [\"nope\"]\n+++\n")},
	}
	p := &Project{FS: fsys}
	res, err := p.Compile(load.NewLoader(), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer != nil || res.Diags.Errors() != 1 {
		t.Errorf("errors: renderer %v, %d errors", res.Renderer != nil, res.Diags.Errors())
	}
	fsys["content/tracks/eng/junior.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Junior\"\nrank = 1\n+++\n")}
	fsys["content/programs/p.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"P\"\n+++\n")}
	res, err = p.Compile(load.NewLoader(), Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer == nil || res.Diags.Errors() != 0 || res.Diags.Warnings() != 1 {
		t.Errorf("warnings: renderer %v, %d errors, %d warnings", res.Renderer != nil, res.Diags.Errors(), res.Diags.Warnings())
	}
}

// TestCompileIgnore checks that [check] ignore leaves its rules' warnings
// out both of Result.Diags and of the deferred warnings the dev server
// computes after sending a page.
func TestCompileIgnore(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                  {Data: []byte("title = \"T\"\n[check]\nignore = [\"program-leads-nowhere\"]\n")},
		"content/programs/p.md":      {Data: []byte("+++\ntitle = \"P\"\n+++\n")},
		"content/courses/c.md":       {Data: []byte("+++\ntitle = \"C\"\n+++\n")},
		"content/tracks/t/_index.md": {Data: []byte("+++\ntitle = \"T\"\n+++\n")},
	}
	p := &Project{FS: fsys}
	for _, deferred := range []bool{false, true} {
		res, err := p.Compile(load.NewLoader(), Options{DeferWarnings: deferred}, nil)
		if err != nil {
			t.Fatal(err)
		}
		diags := res.Diags
		if deferred {
			diags = append(diags, res.Warnings()...)
		}
		var rules []string
		for _, d := range diags {
			rules = append(rules, d.Rule)
		}
		if want := []string{"unused-course"}; !slices.Equal(rules, want) {
			t.Errorf("deferred %v: rules %q, want %q", deferred, rules, want)
		}
	}
}
