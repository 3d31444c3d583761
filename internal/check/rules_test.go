package check_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/rules/*.txtar")

// compile loads and checks the site in fsys as a build does, and returns the
// site, the texts of its files and its sorted diagnostics.
func compile(t *testing.T, fsys fstest.MapFS) (*site.Site, site.Texts, diag.List) {
	t.Helper()
	s, texts, diags, err := load.Dir(fsys, load.Options{})
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	diags = append(diags, check.Site(s, texts)...)
	diags.Sort()
	return s, texts, diags
}

// readRule splits a rule archive into the site it holds and its want
// section.
func readRule(t *testing.T, file string) (*txtar.Archive, fstest.MapFS, int) {
	t.Helper()
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{}
	want := -1
	for i, f := range ar.Files {
		if f.Name == "want" {
			want = i
			continue
		}
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return ar, fsys, want
}

// TestRules checks the exact diagnostics of every validation rule: each
// testdata/rules/NAME.txtar holds a small site and, in its want section, the
// whole text "ladder check" prints for it (without colour). Run with -update
// to rewrite the want sections from the current output.
func TestRules(t *testing.T) {
	files, err := filepath.Glob("testdata/rules/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no rules in testdata/rules")
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, fsys, want := readRule(t, file)
			_, texts, diags := compile(t, fsys)
			var buf bytes.Buffer
			if err := diag.WriteText(&buf, diags, texts.Sources(), diag.TextOptions{}); err != nil {
				t.Fatal(err)
			}
			got := buf.String()
			if *update {
				if want < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					want = len(ar.Files) - 1
				}
				ar.Files[want].Data = []byte(got)
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if want < 0 {
				t.Fatalf("%s has no want section; run go test -update", file)
			}
			if w := string(ar.Files[want].Data); got != w {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", got, w)
			}
		})
	}
}
