package output

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// write writes files into dir through a Writer made with g, and commits.
func write(dir string, g Guard, files map[string]string) error {
	w, err := Create(dir, g)
	if err != nil {
		return err
	}
	for p, s := range files {
		if err := w.Write(p, []byte(s)); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit()
}

// mkfiles creates files (slash paths relative to root) with their content.
func mkfiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for p, s := range files {
		name := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// all returns every file under dir, the marker included.
func all(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(data)
		return nil
	})
	return out
}

// TestGuard checks every kind of folder that must not become the output,
// that each is refused with a hint and left exactly as it was, and that
// the folders that may be used are accepted.
func TestGuard(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	siteFiles := map[string]string{
		"site.toml":           "title = 'x'\n",
		"content/_index.md":   "+++\n+++\n",
		"content/index.html":  "x",
		"static/logo.svg":     "<svg/>",
		"layouts/.keep":       "",
		"themes/t/style.css":  "",
		"build/.placeholder":  "",
		"../mine/index.html":  "my own site",
		"../mine/.git/HEAD":   "ref: refs/heads/main",
		"../mine/src/main.go": "package main",
		"../old/index.html":   "built by an older ladder",
		"../old/404.html":     "",
		"../old/sitemap.xml":  "",
		"../old/data/f.json":  "{}",
		"../file":             "a file",
		"../notes/a.txt":      "notes",
	}
	mkfiles(t, site, siteFiles)
	os.Remove(filepath.Join(site, "build/.placeholder"))
	if err := os.Symlink(site, filepath.Join(root, "link-to-site")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(site, "content"), filepath.Join(root, "link-to-content")); err != nil {
		t.Fatal(err)
	}
	g := Guard{Source: site, Inputs: []string{
		filepath.Join(site, "content"), filepath.Join(site, "layouts"),
		filepath.Join(site, "static"), filepath.Join(site, "themes"),
	}}
	for _, tc := range []struct {
		dir  string // relative to site
		want string // in the error; "" for accepted
	}{
		{".", "it is the site's own folder"},
		{"./", "it is the site's own folder"},
		{"content/..", "it is the site's own folder"},
		{"../link-to-site", "it is the site's own folder"},
		{"..", "it contains the site"},
		{"/", "it contains the site"},
		{"content", "it is inside"},
		{"content/out", "it is inside"},
		{"static/build", "it is inside"},
		{"themes", "it is inside"},
		{"../link-to-content/x", "it is inside"},
		{"../mine", "it is not empty and is not an earlier ladder build"},
		{"../notes", "it is not empty and is not an earlier ladder build"},
		{"../old", "it looks like the output of an older ladder"},
		{"../file", "it is not a folder"},
		{"build", ""},
		{"../new/deep/out", ""},
	} {
		t.Run(tc.dir, func(t *testing.T) {
			dir := tc.dir
			if !filepath.IsAbs(dir) {
				dir = filepath.Join(site, dir)
			}
			before := all(t, root)
			err := write(dir, g, map[string]string{"index.html": "new"})
			if tc.want == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got := tree(t, dir); !equal(got, map[string]string{"index.html": "new"}) {
					t.Errorf("wrote %v", got)
				}
				return
			}
			var re *RefusedError
			if !errors.As(err, &re) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want a refusal saying %q", err, tc.want)
			}
			if re.Hint == "" {
				t.Error("no hint")
			}
			if after := all(t, root); !maps(before, after) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
	// The older ladder's output: the hint says to delete it once by hand.
	err := write(filepath.Join(root, "old"), g, nil)
	var re *RefusedError
	if !errors.As(err, &re) || !strings.Contains(re.Hint, "delete it once yourself") {
		t.Errorf("old build: %v", err)
	}
}

func maps(a, b map[string]string) bool { return equal(a, b) }

// TestStrays checks that an earlier build holding a file that its marker
// does not list is refused, so that the file is not lost with the build.
func TestStrays(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	if err := write(dir, Guard{}, map[string]string{"index.html": "1", "a/b.html": "b"}); err != nil {
		t.Fatal(err)
	}
	mkfiles(t, dir, map[string]string{"a/CNAME": "example.com"})
	before := all(t, dir)
	err := write(dir, Guard{}, map[string]string{"index.html": "2"})
	if err == nil || !strings.Contains(err.Error(), "files that ladder did not write (a/CNAME)") {
		t.Fatalf("err = %v", err)
	}
	if after := all(t, dir); !equal(before, after) {
		t.Errorf("changed: %v", after)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
	// A marker that is not one.
	os.Remove(filepath.Join(dir, "a/CNAME"))
	os.WriteFile(filepath.Join(dir, MarkerFile), []byte("something else\n"), 0o644)
	if err := write(dir, Guard{}, nil); err == nil || !strings.Contains(err.Error(), "not a marker written by this version") {
		t.Errorf("bad marker: %v", err)
	}
}

// TestLeftovers checks that a build removes the temporary folders that
// killed builds left, when their marker proves them ladder's, and leaves
// others with a warning.
func TestLeftovers(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "build")
	partial := filepath.Join(root, ".build.new-111")
	mkfiles(t, partial, map[string]string{"index.html": "half", "a/b.html": "b"})
	writeMarker(partial, marker{state: statePartial})
	old := filepath.Join(root, ".build.old-222")
	mkfiles(t, old, map[string]string{"index.html": "old", "x/y.html": "y"})
	writeMarker(old, marker{state: stateComplete, files: []string{"index.html", "x/y.html"}})
	foreign := filepath.Join(root, ".build.new-333")
	mkfiles(t, foreign, map[string]string{"keep.txt": "not ours"})
	other := filepath.Join(root, ".docs.new-444")
	mkfiles(t, other, map[string]string{"index.html": "another output's"})
	writeMarker(other, marker{state: statePartial})

	w, err := Create(dir, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	w.Write("index.html", []byte("new"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	got := siblings(t, dir)
	want := []string{".build.new-333", ".docs.new-444"}
	if !slices.Equal(got, want) {
		t.Errorf("beside the output: %v, want %v", got, want)
	}
	if data, _ := os.ReadFile(filepath.Join(foreign, "keep.txt")); string(data) != "not ours" {
		t.Error("a folder without a marker was changed")
	}
	if ws := w.Warnings(); len(ws) != 1 || !strings.Contains(ws[0], ".build.new-333") {
		t.Errorf("warnings = %q", ws)
	}
}

// TestLock checks that a second build of the same output is refused while
// the first runs, with a *LockedError, and goes ahead once it is done.
func TestLock(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	first, err := Create(dir, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	first.Write("index.html", []byte("first"))
	_, err = Create(dir, Guard{})
	var le *LockedError
	if !errors.As(err, &le) || !strings.Contains(err.Error(), "another ladder build is writing") || !strings.Contains(le.Hint(), "wait for it") {
		t.Fatalf("second build: %v", err)
	}
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
	if err := write(dir, Guard{}, map[string]string{"index.html": "second"}); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); got["index.html"] != "second" {
		t.Errorf("got %v", got)
	}
	// A file of the lock's name that ladder did not write is not taken.
	os.WriteFile(filepath.Join(filepath.Dir(dir), ".build.lock"), []byte("mine"), 0o644)
	if err := write(dir, Guard{}, nil); err == nil || !strings.Contains(err.Error(), "not a ladder lock file") {
		t.Errorf("foreign lock file: %v", err)
	}
}

// TestMountPoint checks the path taken when the output cannot be swapped
// (a mount point: rename fails with EBUSY): the files go into the folder
// itself, and only the previous build's files that are no longer written
// are removed.
func TestMountPoint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	first := map[string]string{"index.html": "1", "old/index.html": "old", "a/keep.html": "k"}
	if err := write(dir, Guard{}, first); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(dir)
	w, err := Create(dir, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	w.swap = func(tmp, dir string) (string, error) {
		return "", &os.LinkError{Op: "rename", Old: tmp, New: dir, Err: syscall.EBUSY}
	}
	second := map[string]string{"index.html": "2", "a/keep.html": "k2", "new/index.html": "n"}
	for p, s := range second {
		w.Write(p, []byte(s))
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !equal(got, second) {
		t.Errorf("got %v", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "old")); err == nil {
		t.Error("the emptied folder of a removed page stays")
	}
	after, _ := os.Stat(dir)
	if !os.SameFile(before, after) {
		t.Error("the folder was replaced, not written in place")
	}
	if m, err := readMarker(dir); err != nil || !slices.Equal(m.files, []string{"a/keep.html", "index.html", "new/index.html"}) {
		t.Errorf("marker = %v, %v", m, err)
	}
	if s := siblings(t, dir); len(s) != 0 {
		t.Errorf("left beside the output: %v", s)
	}
}

// TestInPlaceJournal checks that a build writing in place that stops
// halfway leaves a marker covering what it wrote, so that the next build
// accepts the folder and removes what is stale.
func TestInPlaceJournal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "build")
	if err := write(dir, Guard{}, map[string]string{"index.html": "1", "gone.html": "g"}); err != nil {
		t.Fatal(err)
	}
	w, err := Create(dir, Guard{})
	if err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(w.tmp)
	w.tmp = ""
	if err := w.startInPlace(); err != nil {
		t.Fatal(err)
	}
	w.Write("half.html", []byte("h"))
	w.journal.WriteString("unfinished/na") // a record cut short by a kill
	w.journal.Close()
	w.lock.release() // the process dies here
	if err := write(dir, Guard{}, map[string]string{"index.html": "3"}); err != nil {
		t.Fatal(err)
	}
	if got := tree(t, dir); !equal(got, map[string]string{"index.html": "3"}) {
		t.Errorf("got %v", got)
	}
}

// TestReadersNeverSeeNoOutput checks that, on Linux where the swap is one
// exchange, the output directory exists at every moment of a rebuild.
func TestReadersNeverSeeNoOutput(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the swap is atomic on Linux only")
	}
	dir := filepath.Join(t.TempDir(), "build")
	if err := write(dir, Guard{}, map[string]string{"index.html": "0"}); err != nil {
		t.Fatal(err)
	}
	var stop, missing atomic.Bool
	done := make(chan struct{})
	go func() {
		defer close(done)
		for !stop.Load() {
			if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
				missing.Store(true)
			}
		}
	}()
	for i := range 30 {
		if err := write(dir, Guard{}, map[string]string{"index.html": fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	stop.Store(true)
	<-done
	if missing.Load() {
		t.Error("a reader found no output during a rebuild")
	}
}

// killEnv names the stage at which the helper process kills itself.
const killEnv = "LADDER_OUTPUT_TEST_KILL_AT"

// TestKillHelper is not a test: run by TestKill as a child process, it
// builds the "new" output into the folder named by the environment and
// kills itself with SIGKILL at the stage named there.
func TestKillHelper(t *testing.T) {
	stage := os.Getenv(killEnv)
	if stage == "" {
		t.Skip("run by TestKill")
	}
	w, err := Create(os.Getenv("LADDER_OUTPUT_TEST_DIR"), Guard{})
	if err != nil {
		t.Fatal(err)
	}
	if os.Getenv("LADDER_OUTPUT_TEST_RENAMES") != "" {
		w.exchange = func(a, b string) error { return errNoExchange }
	}
	w.stage = func(name string) {
		if name == stage {
			syscall.Kill(os.Getpid(), syscall.SIGKILL)
			select {}
		}
	}
	for p, s := range killFiles("new") {
		if err := w.Write(p, []byte(s)); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
}

// killFiles returns the files of one version of the output used by
// TestKill.
func killFiles(version string) map[string]string {
	files := map[string]string{}
	for i := range 50 {
		files[fmt.Sprintf("p%d/index.html", i)] = version
	}
	files["index.html"] = version
	files[version+".html"] = version
	return files
}

// TestKill kills a build at each step of its swap and checks that the old
// output is intact or the new one complete, and that the next build cleans
// up what the killed one left.
func TestKill(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGKILL")
	}
	for _, tc := range []struct {
		stage, renames string
	}{
		{"filled", ""},
		{"swapped", ""},
		{"filled", "1"},
		{"aside", "1"},
		{"swapped", "1"},
	} {
		t.Run(tc.stage+map[string]string{"": "", "1": "-renames"}[tc.renames], func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "build")
			oldFiles, newFiles := killFiles("old"), killFiles("new")
			if err := write(dir, Guard{}, oldFiles); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillHelper$")
			cmd.Env = append(os.Environ(), killEnv+"="+tc.stage, "LADDER_OUTPUT_TEST_DIR="+dir, "LADDER_OUTPUT_TEST_RENAMES="+tc.renames)
			out, err := cmd.CombinedOutput()
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
				t.Fatalf("helper was not killed: %v\n%s", err, out)
			}
			// What a reader finds now: the whole old output or the whole
			// new one; between two renames, neither at the name, but both
			// whole beside it.
			got := tree(t, dir)
			switch {
			case tc.stage == "aside":
				if len(got) != 0 {
					t.Fatalf("output present after the first rename: %v", got)
				}
				var whole []string
				for _, s := range siblings(t, dir) {
					if g := tree(t, filepath.Join(filepath.Dir(dir), s)); equal(g, oldFiles) || equal(g, newFiles) {
						whole = append(whole, s)
					}
				}
				if len(whole) != 2 {
					t.Errorf("beside the output, whole: %v of %v", whole, siblings(t, dir))
				}
			case !equal(got, oldFiles) && !equal(got, newFiles):
				t.Fatalf("output is neither the old nor the new one: %v", got)
			case tc.stage == "swapped" && !equal(got, newFiles):
				t.Fatalf("after the swap, output is not the new one")
			}
			if len(siblings(t, dir)) == 0 {
				t.Fatal("the killed build left nothing behind: the test kills too late")
			}
			// The next build cleans up.
			if err := write(dir, Guard{}, map[string]string{"index.html": "next"}); err != nil {
				t.Fatal(err)
			}
			if got := tree(t, dir); !equal(got, map[string]string{"index.html": "next"}) {
				t.Errorf("next build: %v", got)
			}
			if s := siblings(t, dir); len(s) != 0 {
				t.Errorf("left beside the output after the next build: %v", s)
			}
		})
	}
}

// TestOutputRemovedDuringBuild checks that a build whose previous output
// was deleted while it ran still puts the new one in place, by either swap.
func TestOutputRemovedDuringBuild(t *testing.T) {
	for _, renames := range []bool{false, true} {
		dir := filepath.Join(t.TempDir(), "build")
		if err := write(dir, Guard{}, map[string]string{"index.html": "old"}); err != nil {
			t.Fatal(err)
		}
		w, err := Create(dir, Guard{})
		if err != nil {
			t.Fatal(err)
		}
		if renames {
			w.exchange = func(a, b string) error { return errNoExchange }
		}
		w.Write("index.html", []byte("new"))
		os.RemoveAll(dir)
		if err := w.Commit(); err != nil {
			t.Fatalf("renames %v: %v", renames, err)
		}
		if got := tree(t, dir); !equal(got, map[string]string{"index.html": "new"}) {
			t.Errorf("renames %v: got %v", renames, got)
		}
		if s := siblings(t, dir); len(s) != 0 {
			t.Errorf("renames %v: left beside the output: %v", renames, s)
		}
	}
}
