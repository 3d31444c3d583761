package output

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

// TestReuseUnchanged checks that a rebuild takes the files whose bytes are
// unchanged from the previous output, and writes the rest afresh: a file
// changed by hand (same size, other bytes) and one replaced by a symbolic
// link are never adopted. (Files the previous build did not write make the
// guard refuse the folder: see TestStrays.)
func TestReuseUnchanged(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are taken from the previous output on Linux only")
	}
	dir := filepath.Join(t.TempDir(), "public")
	first := map[string]string{
		"index.html":        "home",
		"a/index.html":      "page a",
		"b/index.html":      "page b",
		"c/index.html":      "page c",
		"d/index.html":      "page d",
		"assets/style.css":  "body{}",
		"gone/index.html":   "removed by the rebuild",
		"linked/index.html": "the target of a link",
		"secret/index.html": "secret",
	}
	if err := write(dir, Guard{}, first); err != nil {
		t.Fatal(err)
	}
	old := time.Now().Add(-time.Hour)
	for p := range first {
		os.Chtimes(filepath.Join(dir, filepath.FromSlash(p)), old, old)
	}
	// Changed by hand, with the size kept.
	os.WriteFile(filepath.Join(dir, "c", "index.html"), []byte("PAGE C"), 0o644)
	os.Chtimes(filepath.Join(dir, "c", "index.html"), old, old)
	// Replaced by a link to a file outside the output with the same bytes.
	outside := filepath.Join(t.TempDir(), "same.html")
	os.WriteFile(outside, []byte("page d"), 0o644)
	os.Remove(filepath.Join(dir, "d", "index.html"))
	if err := os.Symlink(outside, filepath.Join(dir, "d", "index.html")); err != nil {
		t.Fatal(err)
	}

	second := map[string]string{
		"index.html":        "home",        // unchanged: reused
		"a/index.html":      "page a",      // unchanged: reused
		"b/index.html":      "page B, new", // changed: written
		"c/index.html":      "page c",      // changed by hand: written
		"d/index.html":      "page d",      // a link now: written
		"assets/style.css":  "body{}",      // unchanged: reused
		"new/index.html":    "a new page",  // new: written
		"secret/index.html": "secret",      // unchanged: reused
	}
	w, err := Create(dir, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	for p, s := range second {
		if err := w.Write(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if got, want := w.Reused(), 4; got != want {
		t.Errorf("Reused() = %d, want %d", got, want)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := all(t, dir)
	delete(got, MarkerFile)
	if !maps(got, second) {
		t.Errorf("output after the rebuild:\n%v\nwant\n%v", got, second)
	}
	for p := range second {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !info.Mode().IsRegular() {
			t.Errorf("%s: mode %v, want a regular file", p, info.Mode())
		}
		kept := info.ModTime().Equal(old)
		if want := second[p] == first[p] && p != "c/index.html" && p != "d/index.html"; kept != want {
			t.Errorf("%s: modification time kept = %v, want %v", p, kept, want)
		}
	}
	if data, _ := os.ReadFile(outside); string(data) != "page d" {
		t.Errorf("the file outside the output changed: %q", data)
	}
}
