package sitefs

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"testing/fstest"
)

// tree makes a site in a temporary folder: files (path -> text), then
// links (path -> target, written as given), and returns the site's root
// and a folder outside it.
func tree(t *testing.T, files, links map[string]string) (root, outside string) {
	t.Helper()
	base := t.TempDir()
	root, outside = filepath.Join(base, "site"), filepath.Join(base, "outside")
	for _, d := range []string{root, outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "secret.txt"), []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for p, target := range links {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if target == "OUTSIDE" {
			target = filepath.Join(outside, "secret.txt")
		} else if target == "OUTSIDEDIR" {
			target = outside
		}
		if err := os.Symlink(target, full); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	return root, outside
}

func TestProblems(t *testing.T) {
	root, _ := tree(t, map[string]string{
		"static/a.txt":       "a",
		"static/sub/b.txt":   "b",
		"shared/c.txt":       "c",
		"shared/docs/d.txt":  "d",
		"static/.git/config": "hidden",
	}, map[string]string{
		"static/shadow":      "OUTSIDE",
		"static/etc":         "OUTSIDEDIR",
		"static/c.txt":       "../shared/c.txt",
		"static/docs":        "../shared/docs",
		"static/loop":        "loop",
		"static/up":          "..",
		"static/self":        ".",
		"static/gone":        "nothing",
		"static/sub/back":    "../../static",
		"static/.git/leak":   "OUTSIDE",
		"shared/docs/static": "../../static", // a cycle through two links
	})
	f, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	skipHidden := func(p string, _ bool) bool { return filepath.Base(p)[0] == '.' }
	got, err := f.Problems("static", skipHidden)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		path string
		kind Kind
	}
	var rows []row
	for _, p := range got {
		rows = append(rows, row{p.Path, p.Kind})
	}
	want := []row{
		{"static/docs/static", Cycle},
		{"static/etc", Outside},
		{"static/gone", Missing},
		{"static/loop", Loop},
		{"static/self", Cycle},
		{"static/shadow", Outside},
		{"static/sub/back", Cycle},
		{"static/up", Cycle},
	}
	if !slices.Equal(rows, want) {
		t.Errorf("Problems:\n got %v\nwant %v", rows, want)
	}

	// What is left is a tree without end or escape: every file can be
	// read, and nothing from outside is there.
	var files []string
	err = fs.WalkDir(f, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := []string{"static/.git/config", "static/a.txt", "static/c.txt", "static/docs/d.txt", "static/sub/b.txt"}
	if !slices.Equal(files, wantFiles) {
		t.Errorf("files:\n got %v\nwant %v", files, wantFiles)
	}
	if err := fstest.TestFS(f, "static/a.txt", "static/c.txt", "static/docs/d.txt", "static/sub/b.txt"); err != nil {
		t.Error(err)
	}
}

func TestOpenRefuses(t *testing.T) {
	root, _ := tree(t, map[string]string{"static/a.txt": "a"}, map[string]string{
		"static/shadow": "OUTSIDE",
		"static/etc":    "OUTSIDEDIR",
		"static/loop":   "loop",
		"static/in.txt": "a.txt",
	})
	f, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"static/shadow", "static/etc/secret.txt", "static/loop"} {
		if _, err := f.ReadFile(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("ReadFile(%s) = %v, want an error that is fs.ErrNotExist", name, err)
		}
		if _, err := f.Stat(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(%s) = %v, want an error that is fs.ErrNotExist", name, err)
		}
		if _, err := f.Open(name); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%s) = %v, want an error that is fs.ErrNotExist", name, err)
		}
	}
	var prob *Problem
	if _, err := f.ReadFile("static/shadow"); !errors.As(err, &prob) || prob.Kind != Outside {
		t.Errorf("ReadFile(static/shadow) = %v, want an Outside problem", err)
	}
	if p := f.Check("static/etc/secret.txt"); p == nil || p.Path != "static/etc" || p.Kind != Outside {
		t.Errorf("Check(static/etc/secret.txt) = %+v, want Outside at static/etc", p)
	}
	if p := f.Check("static/in.txt"); p != nil {
		t.Errorf("Check(static/in.txt) = %+v, want nil", p)
	}
	if p := f.Check("static/nothing.txt"); p != nil {
		t.Errorf("Check(static/nothing.txt) = %+v, want nil", p)
	}
	b, err := f.ReadFile("static/in.txt")
	if err != nil || string(b) != "a" {
		t.Errorf("ReadFile(static/in.txt) = %q, %v; want \"a\"", b, err)
	}
	info, err := f.Stat("static/in.txt")
	if err != nil || info.Name() != "in.txt" || !info.Mode().IsRegular() {
		t.Errorf("Stat(static/in.txt) = %v, %v; want a regular file named in.txt", info, err)
	}
	if _, err := f.ReadFile("../outside/secret.txt"); err == nil {
		t.Error("ReadFile(../outside/secret.txt) succeeded")
	}
}

// TestRootBehindLink checks that a site reached through a link (a home
// folder on another disk) is one site, links to it by its real path
// included.
func TestRootBehindLink(t *testing.T) {
	root, _ := tree(t, map[string]string{"static/a.txt": "a"}, nil)
	alias := filepath.Join(filepath.Dir(root), "alias")
	if err := os.Symlink(root, alias); err != nil {
		t.Skipf("symbolic links: %v", err)
	}
	if err := os.Symlink(filepath.Join(root, "static", "a.txt"), filepath.Join(root, "static", "abs.txt")); err != nil {
		t.Fatal(err)
	}
	f, err := New(alias)
	if err != nil {
		t.Fatal(err)
	}
	if probs, err := f.Problems("static", nil); err != nil || len(probs) > 0 {
		t.Errorf("Problems = %v, %v; want none", probs, err)
	}
	if b, err := f.ReadFile("static/abs.txt"); err != nil || string(b) != "a" {
		t.Errorf("ReadFile(static/abs.txt) = %q, %v; want \"a\"", b, err)
	}
}

func TestSpecial(t *testing.T) {
	root, _ := tree(t, map[string]string{"static/a.txt": "a"}, nil)
	if err := mkfifo(filepath.Join(root, "static", "pipe")); err != nil {
		t.Skipf("named pipes: %v", err)
	}
	f, err := New(root)
	if err != nil {
		t.Fatal(err)
	}
	probs, err := f.Problems("static", nil)
	if err != nil || len(probs) != 1 || probs[0].Path != "static/pipe" || probs[0].Kind != Special {
		t.Errorf("Problems = %+v, %v; want Special at static/pipe", probs, err)
	}
	// Opening it would wait for a writer for ever.
	if _, err := f.ReadFile("static/pipe"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("ReadFile(static/pipe) = %v, want an error that is fs.ErrNotExist", err)
	}
}
