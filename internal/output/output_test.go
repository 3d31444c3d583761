package output

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// tree returns every file under dir with its content, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	if _, err := os.Stat(dir); os.IsNotExist(err) {
		return out
	}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == MarkerFile {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// siblings returns the names in the parent of dir other than dir itself.
func siblings(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dir))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.Name() != filepath.Base(dir) {
			out = append(out, e.Name())
		}
	}
	return out
}

func build(files map[string]string) *Output {
	o := New()
	for p, s := range files {
		o.Put(p, []byte(s))
	}
	return o
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site", "build")
	first := map[string]string{
		"index.html":                   "home",
		"404.html":                     "not found",
		"courses/old/index.html":       "old course",
		"courses/linux/index.html":     "linux",
		"assets/style.css":             "css",
		"tracks/eng/junior/index.html": "junior",
	}
	if err := build(first).Write(dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !equal(got, first) {
		t.Fatalf("first write: %v", got)
	}
	if m, err := readMarker(dir); err != nil || m.state != stateComplete || !slices.Equal(m.files, []string{
		"404.html", "assets/style.css", "courses/linux/index.html", "courses/old/index.html", "index.html", "tracks/eng/junior/index.html",
	}) {
		t.Errorf("marker = %v, %v", m, err)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output directory mode = %v, %v", info.Mode(), err)
	}

	// A second build without the old course leaves no stale page.
	second := map[string]string{
		"index.html":               "home 2",
		"courses/linux/index.html": "linux 2",
	}
	if err := build(second).Write(dir); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !equal(got, second) {
		t.Errorf("second write: %v", got)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
}

// TestWriteFailure checks that a write that fails leaves the previous output
// as it was, and no temporary directory behind.
func TestWriteFailure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	good := map[string]string{"index.html": "good", "a/b.html": "b"}
	if err := build(good).Write(dir); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"../escape.html", "/abs.html", "a/../../x", ""} {
		o := build(map[string]string{"index.html": "bad"})
		o.Put(bad, []byte("x"))
		err := o.Write(dir)
		if err == nil || !strings.Contains(err.Error(), "not a local path") {
			t.Errorf("Put(%q): err = %v", bad, err)
		}
		if got := tree(t, dir); !equal(got, good) {
			t.Errorf("Put(%q): previous output changed: %v", bad, got)
		}
		if s := siblings(t, dir); len(s) != 0 {
			t.Errorf("Put(%q): left beside the output: %v", bad, s)
		}
	}
	// A file where a directory must go fails too.
	o := build(map[string]string{"index.html": "bad", "a": "file", "a/c.html": "c"})
	if err := o.Write(dir); err == nil {
		t.Error("a file and a directory of the same name: no error")
	}
	if got := tree(t, dir); !equal(got, good) {
		t.Errorf("previous output changed: %v", got)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
}

func TestOutput(t *testing.T) {
	o := build(map[string]string{"b": "2", "a/x": "1", "c": ""})
	if got := o.Paths(); !slices.Equal(got, []string{"a/x", "b", "c"}) {
		t.Errorf("Paths = %v", got)
	}
	if o.Len() != 3 {
		t.Errorf("Len = %d", o.Len())
	}
	if b, ok := o.Get("a/x"); !ok || string(b) != "1" {
		t.Errorf("Get = %q, %v", b, ok)
	}
	if _, ok := o.Get("nope"); ok {
		t.Error("Get of a missing path")
	}
	same := build(map[string]string{"c": "", "a/x": "1", "b": "2"})
	if o.Digest() != same.Digest() {
		t.Error("same files, different digests")
	}
	for _, other := range []map[string]string{
		{"b": "2", "a/x": "1"},
		{"b": "2", "a/x": "1", "c": "3"},
		{"b": "2", "a/y": "1", "c": ""},
		{"b": "2", "a/x": "1", "c": "", "d": ""},
		// Boundaries between path and content are part of the digest.
		{"b": "2", "a/x": "1", "c\x00": ""},
	} {
		if build(other).Digest() == o.Digest() {
			t.Errorf("%v: same digest as %v", other, o.Paths())
		}
	}
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
