package pipeline

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
)

// writeSite writes a small site to a temporary folder and returns it.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	all := map[string]string{
		"site.toml":          "title = \"Files Co\"\ntoday = 2026-01-05\n",
		"content/_index.md":  "+++\ntitle = \"Welcome\"\n+++\nHome.\n",
		"static/robots.txt":  "User-agent: *\n",
		"static/img/a.txt":   "a\n",
		"static/.env":        "SECRET=1\n",
		"static/.git/config": "[core]\n",
	}
	for p, text := range files {
		all[p] = text
	}
	for p, text := range all {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestStaticFileMode checks that static files are written with the mode
// of every output file, whatever their own: a private file of the site is
// not made executable, and its mode is not copied.
func TestStaticFileMode(t *testing.T) {
	root := writeSite(t, map[string]string{"static/private.txt": "p\n", "static/run.sh": "#!/bin/sh\n"})
	if err := os.Chmod(filepath.Join(root, "static", "private.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(root, "static", "run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	p, err := Open(root, false)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "out")
	if err := compileAll(t, p, Options{}).Write(out); err != nil {
		t.Fatal(err)
	}
	want, err := os.Stat(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"private.txt", "run.sh", "robots.txt"} {
		info, err := os.Stat(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode() != want.Mode() || info.Mode()&0o111 != 0 {
			t.Errorf("%s: mode %v, want %v like every output file", name, info.Mode(), want.Mode())
		}
	}
	for _, name := range []string{".env", ".git"} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s was published", name)
		}
	}
}

// TestRecompileFiles checks that compiling again after a change, as the
// dev server does, applies the rules of a build to the files that changed:
// a static or content link that leaves the site, and a static file that
// would replace a page, existing or new, are errors.
//
// It runs twice: walking every folder at each compilation, and with the
// walk's problems kept between compilations (FileChecks), as the dev server
// does; both must find the same.
func TestRecompileFiles(t *testing.T) {
	t.Run("walk", func(t *testing.T) { testRecompileFiles(t, nil) })
	t.Run("kept", func(t *testing.T) { testRecompileFiles(t, NewFileChecks()) })
}

func testRecompileFiles(t *testing.T, files *FileChecks) {
	root := writeSite(t, map[string]string{"content/pages/faq.md": "+++\ntitle = \"FAQ\"\n+++\nQuestions.\n"})
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	p, err := Open(root, false)
	if err != nil {
		t.Fatal(err)
	}
	l := load.NewLoader()
	opts := Options{DeferWarnings: true, Cache: check.NewCache(), Files: files}
	if res, err := p.Compile(l, opts, nil); err != nil || res.Renderer == nil {
		t.Fatalf("first compilation: %v, %v", err, res.Diags)
	}
	link := func(name string) {
		t.Helper()
		if err := os.Symlink(outside, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	errorsOf := func(changed ...string) string {
		t.Helper()
		res, err := p.Compile(l, opts, changed)
		if err != nil {
			t.Fatal(err)
		}
		if res.Diags.Errors() > 0 {
			return res.Diags[0].Error()
		}
		return ""
	}
	remove := func(name string) {
		t.Helper()
		if err := os.Remove(filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}

	link("static/shadow")
	want := "static/shadow:1:1: error: symbolic link leads outside the site (to " + realPath(t, outside) + ")"
	if got := errorsOf("static/shadow"); got != want {
		t.Errorf("static link:\n got %s\nwant %s", got, want)
	}
	remove("static/shadow")
	if got := errorsOf("static/shadow"); got != "" {
		t.Errorf("static link removed: %s", got)
	}

	remove("content/pages/faq.md")
	link("content/pages/faq.md")
	want = "content/pages/faq.md:1:1: error: symbolic link leads outside the site (to " + realPath(t, outside) + ")"
	if got := errorsOf("content/pages/faq.md"); got != want {
		t.Errorf("content link:\n got %s\nwant %s", got, want)
	}
	remove("content/pages/faq.md")
	if err := os.WriteFile(filepath.Join(root, "content", "pages", "faq.md"), []byte("+++\ntitle = \"FAQ\"\n+++\nAgain.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := errorsOf("content/pages/faq.md"); got != "" {
		t.Errorf("content link replaced by a file: %s", got)
	}

	if err := os.MkdirAll(filepath.Join(root, "static", "faq"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, "static", "faq", "index.html"), []byte("<p>x</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	want = "static/faq/index.html:1:1: error: static file would replace the generated page /faq/ (made from content/pages/faq.md)"
	if got := errorsOf("static/faq/index.html"); got != want {
		t.Errorf("static page:\n got %s\nwant %s", got, want)
	}
	if err := os.Rename(filepath.Join(root, "static", "faq"), filepath.Join(root, "static", "news")); err != nil {
		t.Fatal(err)
	}
	if got := errorsOf("static/faq", "static/news"); got != "" {
		t.Errorf("static page moved away: %s", got)
	}

	// A new page where a static file is.
	if err := os.WriteFile(filepath.Join(root, "content", "pages", "news.md"), []byte("+++\ntitle = \"News\"\n+++\nNews.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want = "static/news/index.html:1:1: error: static file would replace the generated page /news/ (made from content/pages/news.md)"
	if got := errorsOf("content/pages/news.md"); got != want {
		t.Errorf("new page:\n got %s\nwant %s", got, want)
	}
	remove("content/pages/news.md")
	if got := errorsOf("content/pages/news.md"); got != "" {
		t.Errorf("new page removed: %s", got)
	}

	// A new content folder that holds a link out of the site.
	if err := os.MkdirAll(filepath.Join(root, "content", "pages", "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	link("content/pages/sub/secret.md")
	want = "content/pages/sub/secret.md:1:1: error: symbolic link leads outside the site (to " + realPath(t, outside) + ")"
	if got := errorsOf("content/pages/sub"); got != want {
		t.Errorf("link in a new folder:\n got %s\nwant %s", got, want)
	}
	if err := os.RemoveAll(filepath.Join(root, "content", "pages", "sub")); err != nil {
		t.Fatal(err)
	}
	if got := errorsOf("content/pages/sub"); got != "" {
		t.Errorf("folder with the link removed: %s", got)
	}
}

// realPath returns p with every link resolved, as messages show it.
func realPath(t *testing.T, p string) string {
	t.Helper()
	r, err := filepath.EvalSymlinks(p)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
