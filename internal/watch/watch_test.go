package watch

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// timeout bounds every wait for a batch, so that a broken watcher fails the
// test instead of hanging it.
const timeout = 5 * time.Second

// quietFor is how long "nothing happens" is waited for: ten times the default
// debounce.
const quietFor = 200 * time.Millisecond

// logger collects what a Watcher logs.
type logger struct {
	t     *testing.T
	mu    sync.Mutex
	lines []string
}

func (lg *logger) logf(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	lg.t.Log(msg)
	lg.mu.Lock()
	lg.lines = append(lg.lines, msg)
	lg.mu.Unlock()
}

func (lg *logger) String() string {
	lg.mu.Lock()
	defer lg.mu.Unlock()
	return strings.Join(lg.lines, "\n")
}

// start starts a Watcher on dir, closed at the end of the test.
func start(t *testing.T, dir string, opts Options) (*Watcher, *logger) {
	t.Helper()
	return startHook(t, dir, opts, nil)
}

func startHook(t *testing.T, dir string, opts Options, failAdd func(string) error) (*Watcher, *logger) {
	t.Helper()
	lg := &logger{t: t}
	opts.Logf = lg.logf
	w, err := newWatcher(dir, opts, failAdd)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return w, lg
}

// startNotify starts a Watcher that must be using fsnotify.
func startNotify(t *testing.T, dir string, opts Options) *Watcher {
	t.Helper()
	w, lg := start(t, dir, opts)
	if w.Mode() != "fsnotify" {
		t.Skipf("fsnotify is not usable here: %s", lg)
	}
	return w
}

// next returns the next batch, failing the test after timeout. It checks
// what every batch promises: not empty, sorted, no duplicates.
func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b, ok := <-w.Batches():
		if !ok {
			t.Fatal("Batches closed")
		}
		checkBatch(t, b)
		return b
	case <-time.After(timeout):
		t.Fatalf("no batch within %v", timeout)
		return Batch{}
	}
}

func checkBatch(t *testing.T, b Batch) {
	t.Helper()
	if len(b.Paths) == 0 && !b.Rescan {
		t.Errorf("empty batch %+v", b)
	}
	if !slices.IsSorted(b.Paths) || len(slices.Compact(slices.Clone(b.Paths))) != len(b.Paths) {
		t.Errorf("paths not sorted and unique: %q", b.Paths)
	}
	for _, p := range b.Paths {
		if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, `\`) || filepath.IsAbs(p) {
			t.Errorf("path %q is not a relative slash path", p)
		}
	}
}

// await reads batches until every path in want has been delivered, and
// returns every path seen.
func await(t *testing.T, w *Watcher, want ...string) map[string]bool {
	t.Helper()
	seen := make(map[string]bool)
	deadline := time.Now().Add(timeout)
	for {
		missing := 0
		for _, p := range want {
			if !seen[p] {
				missing++
			}
		}
		if missing == 0 {
			return seen
		}
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed")
			}
			checkBatch(t, b)
			if b.Rescan {
				t.Errorf("unexpected rescan: %+v", b)
			}
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-time.After(time.Until(deadline)):
			t.Fatalf("want %q within %v, got %v", want, timeout, keys(seen))
		}
	}
}

// settle reads batches until none has come for quietFor, and returns the
// paths seen, so that one step's late events do not satisfy the next.
func settle(t *testing.T, w *Watcher) map[string]bool {
	t.Helper()
	seen, _ := settleCount(t, w)
	return seen
}

// settleCount is settle that also counts the batches.
func settleCount(t *testing.T, w *Watcher) (map[string]bool, int) {
	t.Helper()
	seen := make(map[string]bool)
	n := 0
	deadline := time.After(timeout)
	for {
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("Batches closed")
			}
			checkBatch(t, b)
			n++
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-time.After(quietFor):
			return seen, n
		case <-deadline:
			t.Fatalf("still receiving batches after %v: %v", timeout, keys(seen))
		}
	}
}

// quiet fails the test if a batch arrives within quietFor.
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Fatalf("want no batch, got %+v", b)
	case <-time.After(quietFor):
	}
}

func keys(m map[string]bool) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func mkdir(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(rel)), 0o755); err != nil {
		t.Fatal(err)
	}
}

func remove(t *testing.T, dir, rel string) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
		t.Fatal(err)
	}
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	if err := os.Rename(filepath.Join(dir, filepath.FromSlash(from)), filepath.Join(dir, filepath.FromSlash(to))); err != nil {
		t.Fatal(err)
	}
}

// step is one action on the tree and what it must deliver.
type step struct {
	do     func(t *testing.T, dir string)
	want   []string // paths that must be delivered; none means no batch at all
	forbid []string // paths that must not be delivered
}

func TestScenarios(t *testing.T) {
	tests := []struct {
		name   string
		setup  []string // files that exist before the Watcher starts
		ignore func(rel string, isDir bool) bool
		steps  []step
	}{{
		name:  "write a file",
		setup: []string{"a.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { write(t, d, "a.md", "changed") },
			want: []string{"a.md"},
		}},
	}, {
		name: "create a file",
		steps: []step{{
			do:   func(t *testing.T, d string) { write(t, d, "new.md", "x") },
			want: []string{"new.md"},
		}},
	}, {
		name:  "create a file in an existing directory",
		setup: []string{"content/tracks/sde.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { write(t, d, "content/tracks/qa.md", "x") },
			want: []string{"content/tracks/qa.md"},
		}},
	}, {
		name:  "delete a file",
		setup: []string{"a.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { remove(t, d, "a.md") },
			want: []string{"a.md"},
		}},
	}, {
		name:  "rename a file",
		setup: []string{"a.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { rename(t, d, "a.md", "b.md") },
			want: []string{"a.md", "b.md"},
		}},
	}, {
		name:  "atomic save",
		setup: []string{"x.md"},
		steps: []step{{
			do: func(t *testing.T, d string) {
				write(t, d, "x.md.tmp", "saved")
				rename(t, d, "x.md.tmp", "x.md")
			},
			want:   []string{"x.md"},
			forbid: []string{"x.md.tmp"},
		}},
	}, {
		name:  "vim save",
		setup: []string{"x.md"},
		steps: []step{{
			do: func(t *testing.T, d string) {
				write(t, d, "4913", "")
				remove(t, d, "4913")
				rename(t, d, "x.md", "x.md~")
				write(t, d, "x.md", "saved")
				remove(t, d, "x.md~")
			},
			want:   []string{"x.md"},
			forbid: []string{"4913", "x.md~"},
		}},
	}, {
		name: "new directory then a file inside",
		steps: []step{{
			do: func(t *testing.T, d string) {
				mkdir(t, d, "dir")
				write(t, d, "dir/f.md", "x")
			},
			want: []string{"dir/f.md"},
		}, {
			do:   func(t *testing.T, d string) { write(t, d, "dir/f.md", "later") },
			want: []string{"dir/f.md"},
		}},
	}, {
		name: "nested directories created at once",
		steps: []step{{
			do:   func(t *testing.T, d string) { write(t, d, "a/b/c/f.md", "x") },
			want: []string{"a/b/c/f.md"},
		}, {
			do:   func(t *testing.T, d string) { write(t, d, "a/b/c/g.md", "x") },
			want: []string{"a/b/c/g.md"},
		}},
	}, {
		name: "directory moved in from outside",
		steps: []step{{
			do: func(t *testing.T, d string) {
				out := filepath.Join(t.TempDir(), "moved")
				write(t, out, "f.md", "x")
				write(t, out, "sub/g.md", "x")
				if err := os.Rename(out, filepath.Join(d, "moved")); err != nil {
					t.Fatal(err)
				}
			},
			want: []string{"moved/f.md", "moved/sub/g.md"},
		}, {
			do:   func(t *testing.T, d string) { write(t, d, "moved/sub/g.md", "later") },
			want: []string{"moved/sub/g.md"},
		}},
	}, {
		name:  "remove a directory",
		setup: []string{"dir/f.md", "dir/sub/g.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { remove(t, d, "dir") },
			want: []string{"dir"},
		}, {
			do:   func(t *testing.T, d string) { write(t, d, "dir/h.md", "again") },
			want: []string{"dir/h.md"},
		}},
	}, {
		name:  "rename a directory",
		setup: []string{"dir/f.md", "dir/sub/g.md"},
		steps: []step{{
			do:   func(t *testing.T, d string) { rename(t, d, "dir", "new") },
			want: []string{"dir", "new/f.md", "new/sub/g.md"},
		}, {
			do:     func(t *testing.T, d string) { write(t, d, "new/sub/g.md", "later") },
			want:   []string{"new/sub/g.md"},
			forbid: []string{"dir/sub/g.md", "dir"},
		}},
	}, {
		name: "editor temporary files alone",
		steps: []step{{
			do: func(t *testing.T, d string) {
				for _, name := range []string{
					"x.md~", ".x.md.swp", ".x.md.swx", ".x.md.swo", "4913", ".#x.md", "#x.md#",
					"x.md.tmp", ".DS_Store", "x.md.kate-swp", "x.md___jb_tmp___",
					"x.md___jb_old___", ".goutputstream-AB12CD", "~$report.docx",
				} {
					write(t, d, name, "junk")
					write(t, d, name, "more junk")
				}
				remove(t, d, "4913")
				rename(t, d, "x.md.tmp", "y.md.tmp")
			},
		}},
	}, {
		name:  "chmod only",
		setup: []string{"a.md"},
		steps: []step{{
			do: func(t *testing.T, d string) {
				if runtime.GOOS == "windows" {
					t.Skip("no chmod on Windows")
				}
				if err := os.Chmod(filepath.Join(d, "a.md"), 0o600); err != nil {
					t.Fatal(err)
				}
			},
		}},
	}, {
		name:  "hidden directories",
		setup: []string{".git/HEAD"},
		steps: []step{{
			do: func(t *testing.T, d string) {
				write(t, d, ".git/HEAD", "ref: refs/heads/other")
				write(t, d, ".git/refs/heads/other", "abc")
				write(t, d, ".cache/x", "x")
				write(t, d, ".quick/x", "x")
				remove(t, d, ".quick")
			},
		}, {
			do: func(t *testing.T, d string) { remove(t, d, ".cache") },
		}, {
			do:   func(t *testing.T, d string) { write(t, d, ".htaccess", "x") },
			want: []string{".htaccess"}, // hidden files are content
		}},
	}, {
		name:  "Ignore",
		setup: []string{"public/index.html", "a.md"},
		ignore: func(rel string, isDir bool) bool {
			return (isDir && (rel == "public" || rel == "out")) || strings.HasSuffix(rel, ".log")
		},
		steps: []step{{
			do: func(t *testing.T, d string) {
				write(t, d, "public/index.html", "rebuilt")
				write(t, d, "public/new/index.html", "rebuilt")
				write(t, d, "out/x.html", "x")
				remove(t, d, "out")
				write(t, d, "build.log", "x")
				write(t, d, "sub/build.log", "x")
			},
		}, {
			do:     func(t *testing.T, d string) { write(t, d, "a.md", "changed") },
			want:   []string{"a.md"},
			forbid: []string{"public/index.html", "sub/build.log", "out/x.html"},
		}},
	}}

	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.setup {
				write(t, dir, f, "before")
			}
			w := startNotify(t, dir, Options{Ignore: tt.ignore})
			for i, s := range tt.steps {
				s.do(t, dir)
				if len(s.want) == 0 {
					quiet(t, w)
					continue
				}
				seen := await(t, w, s.want...)
				for p := range settle(t, w) {
					seen[p] = true
				}
				for _, p := range s.forbid {
					if seen[p] {
						t.Errorf("step %d: %q delivered, got %v", i+1, p, keys(seen))
					}
				}
			}
		})
	}
}

// TestBurst checks that many changes in a row give one batch, two at most.
func TestBurst(t *testing.T) {
	dir := t.TempDir()
	w := startNotify(t, dir, Options{})
	var want []string
	for i := range 50 {
		p := fmt.Sprintf("content/p%02d.md", i)
		want = append(want, p)
	}
	mkdir(t, dir, "content")
	settle(t, w)

	for _, p := range want {
		write(t, dir, p, "x")
	}
	seen := make(map[string]bool)
	batches := 0
	for len(seen) < len(want) {
		b := next(t, w)
		batches++
		for _, p := range b.Paths {
			seen[p] = true
		}
	}
	late, n := settleCount(t, w)
	for p := range late {
		seen[p] = true
	}
	batches += n
	if batches > 2 {
		t.Errorf("50 writes gave %d batches, want 1 or 2", batches)
	}
	if got := keys(seen); !slices.Equal(got, want) {
		t.Errorf("paths = %q, want %q", got, want)
	}
}

// TestMaxWait checks that a burst that never pauses is still delivered.
func TestMaxWait(t *testing.T) {
	dir := t.TempDir()
	w := startNotify(t, dir, Options{Debounce: 100 * time.Millisecond})
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
			// Not write: t.Fatal must not be called from this goroutine.
			if err := os.WriteFile(filepath.Join(dir, "busy.md"), []byte(fmt.Sprint(i)), 0o644); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	begin := time.Now()
	b := next(t, w)
	elapsed := time.Since(begin)
	close(stop)
	<-done
	if !slices.Contains(b.Paths, "busy.md") {
		t.Errorf("batch %+v lacks busy.md", b)
	}
	if elapsed > 2*time.Second {
		t.Errorf("first batch after %v of continuous writes, want about %v", elapsed, maxWait)
	}
}

func TestOverflowRescan(t *testing.T) {
	dir := t.TempDir()
	w := startNotify(t, dir, Options{})
	w.l.q.push(item{err: fmt.Errorf("read: %w", fsnotify.ErrEventOverflow)})
	b := next(t, w)
	if !b.Rescan {
		t.Fatalf("after an overflow got %+v, want Rescan", b)
	}
	// Still watching afterwards.
	write(t, dir, "a.md", "x")
	await(t, w, "a.md")
}

func TestQueueOverflow(t *testing.T) {
	q := &queue{signal: make(chan struct{}, 1)}
	for range maxQueued + 1 {
		q.push(item{ev: fsnotify.Event{Name: "x", Op: fsnotify.Write}})
	}
	items, overflow := q.take()
	if len(items) != maxQueued || !overflow {
		t.Errorf("take() = %d items, overflow %v; want %d, true", len(items), overflow, maxQueued)
	}
	if items, overflow := q.take(); len(items) != 0 || overflow {
		t.Errorf("second take() = %d items, overflow %v; want 0, false", len(items), overflow)
	}
}

func TestPoll(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "old.md", "x")
	w, _ := start(t, dir, Options{Poll: 50 * time.Millisecond})
	if w.Mode() != "poll" {
		t.Fatalf("Mode() = %q, want poll", w.Mode())
	}
	steps := []step{{
		do:   func(t *testing.T, d string) { write(t, d, "a.md", "created") },
		want: []string{"a.md"},
	}, {
		do:   func(t *testing.T, d string) { write(t, d, "a.md", "written again") },
		want: []string{"a.md"},
	}, {
		do:   func(t *testing.T, d string) { remove(t, d, "a.md") },
		want: []string{"a.md"},
	}, {
		do:   func(t *testing.T, d string) { rename(t, d, "old.md", "new.md") },
		want: []string{"new.md", "old.md"},
	}, {
		do:   func(t *testing.T, d string) { write(t, d, "dir/sub/f.md", "x") },
		want: []string{"dir/sub/f.md"},
	}, {
		do:   func(t *testing.T, d string) { remove(t, d, "dir") },
		want: []string{"dir"},
	}, {
		do: func(t *testing.T, d string) {
			write(t, d, "x.md.tmp", "junk")
			write(t, d, ".git/HEAD", "x")
		},
	}}
	for _, s := range steps {
		s.do(t, dir)
		if len(s.want) == 0 {
			quiet(t, w)
			continue
		}
		await(t, w, s.want...)
		settle(t, w)
	}
}

func TestFallbackAtStart(t *testing.T) {
	dir := t.TempDir()
	w, lg := startHook(t, dir, Options{}, func(string) error { return syscall.ENOSPC })
	if w.Mode() != "poll" {
		t.Fatalf("Mode() = %q, want poll", w.Mode())
	}
	if log := lg.String(); !strings.Contains(log, "falling back to polling every 500ms") {
		t.Errorf("log %q does not announce the fallback", log)
	}
	write(t, dir, "a.md", "x")
	await(t, w, "a.md")
}

func TestFallbackWhileRunning(t *testing.T) {
	dir := t.TempDir()
	failAdd := func(dir string) error {
		if filepath.Base(dir) == "big" {
			return syscall.ENOSPC
		}
		return nil
	}
	w, lg := startHook(t, dir, Options{}, failAdd)
	if w.Mode() != "fsnotify" {
		t.Skipf("fsnotify is not usable here: %s", lg)
	}
	write(t, dir, "big/f.md", "x")
	b := next(t, w)
	if !b.Rescan {
		t.Errorf("first batch after the fallback is %+v, want Rescan", b)
	}
	if w.Mode() != "poll" {
		t.Errorf("Mode() = %q, want poll", w.Mode())
	}
	if log := lg.String(); !strings.Contains(log, "falling back to polling") {
		t.Errorf("log %q does not announce the fallback", log)
	}
	settle(t, w)
	write(t, dir, "big/f.md", "written by someone else")
	await(t, w, "big/f.md")
}

func TestFallbackMessage(t *testing.T) {
	linux := runtime.GOOS == "linux"
	tests := []struct {
		err   error
		want  string
		linux bool // the expected text is for Linux only
	}{
		{fmt.Errorf("watch /s/content: %w", syscall.ENOSPC), "sudo sysctl fs.inotify.max_user_watches=524288", true},
		{fmt.Errorf("watch /s: %w", syscall.EMFILE), "fs.inotify.max_user_instances", true},
		{fmt.Errorf("watch /s: %w", syscall.ENFILE), "limit on open files", false},
		{&remoteError{dir: "/mnt/site", fstype: "nfs"}, "/mnt/site is on a network file system (nfs)", false},
		{fmt.Errorf("watch /s: %w", syscall.ENOSYS), "not supported", false},
		{errors.New("fsnotify not supported on the current platform"), "cannot watch for changes (fsnotify not supported", false},
	}
	for _, tt := range tests {
		if tt.linux && !linux {
			continue
		}
		msg := fallbackMessage(tt.err, 500*time.Millisecond)
		if !strings.HasPrefix(msg, "watch: ") || !strings.Contains(msg, tt.want) ||
			!strings.HasSuffix(msg, "falling back to polling every 500ms") {
			t.Errorf("fallbackMessage(%v) = %q, want it to contain %q", tt.err, msg, tt.want)
		}
	}
}

func TestFatal(t *testing.T) {
	tests := []struct {
		err  error
		want bool
	}{
		{fmt.Errorf("watch x: %w", syscall.ENOSPC), true},
		{fmt.Errorf("watch x: %w", syscall.EMFILE), true},
		{fmt.Errorf("watch x: %w", syscall.ENOENT), false},
		{fmt.Errorf("watch x: %w", syscall.ENOTDIR), false},
		{fmt.Errorf("watch x: %w", syscall.EACCES), false},
	}
	for _, tt := range tests {
		if got := fatal(tt.err); got != tt.want {
			t.Errorf("fatal(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestClose(t *testing.T) {
	dir := t.TempDir()
	w, err := New(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// A batch nobody reads must not keep Close waiting.
	write(t, dir, "a.md", "x")
	time.Sleep(50 * time.Millisecond)
	closed := make(chan error, 1)
	go func() { closed <- w.Close() }()
	select {
	case err := <-closed:
		if err != nil {
			t.Errorf("Close: %v", err)
		}
	case <-time.After(timeout):
		t.Fatal("Close hangs")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	select {
	case b, ok := <-w.Batches():
		if ok {
			t.Errorf("batch %+v after Close", b)
		}
	case <-time.After(timeout):
		t.Fatal("Batches not closed after Close")
	}
}

func TestSymlinkRoot(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "site/content/a.md", "x")
	link := filepath.Join(dir, "link")
	if err := os.Symlink(filepath.Join(dir, "site"), link); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	w := startNotify(t, link, Options{})
	write(t, dir, "site/content/a.md", "changed")
	await(t, w, "content/a.md")
}

func TestNewErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "file", "x")
	for _, root := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "file")} {
		w, err := New(root, Options{})
		if err == nil {
			w.Close()
			t.Errorf("New(%q) succeeded, want an error", root)
			continue
		}
		if !strings.HasPrefix(err.Error(), "watch "+root+": ") {
			t.Errorf("New(%q) error %q lacks context", root, err)
		}
	}
}

func TestIsEditorTemp(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"page.md~", true},
		{".page.md.swp", true},
		{".page.md.swx", true},
		{".page.md.swo", true},
		{"4913", true},
		{".#page.md", true},
		{"#page.md#", true},
		{"page.md.tmp", true},
		{"PAGE.TMP", true},
		{".DS_Store", true},
		{"Thumbs.db", true},
		{"page.md.kate-swp", true},
		{"page.md___jb_tmp___", true},
		{"page.md___jb_old___", true},
		{".goutputstream-X1Y2Z3", true},
		{"~$report.docx", true},
		{"sedf0MgPx", true},

		{"page.md", false},
		{"site.toml", false},
		{"style.css", false},
		{".htaccess", false},
		{"#", false},
		{"#tag.md", false},
		{"4914", false},
		{"tmp", false},
		{"template.html", false},
		{"swp.md", false},
		{"~home.md", false},
		{"sed.md", false},
		{"sedation.md", false},
		{"sedations", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsEditorTemp(tt.name); got != tt.want {
			t.Errorf("IsEditorTemp(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// BenchmarkWriteToBatch measures the time from writing a file to receiving
// the batch that reports it, with the default debounce.
func BenchmarkWriteToBatch(b *testing.B) {
	dir := b.TempDir()
	w, err := New(dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	if w.Mode() != "fsnotify" {
		b.Skip("fsnotify is not usable here")
	}
	p := filepath.Join(dir, "page.md")
	data := []byte("+++\ntitle = \"x\"\n+++\nbody\n")
	for b.Loop() {
		if err := os.WriteFile(p, data, 0o644); err != nil {
			b.Fatal(err)
		}
		select {
		case batch := <-w.Batches():
			if !slices.Contains(batch.Paths, "page.md") {
				b.Fatalf("batch %+v lacks page.md", batch)
			}
		case <-time.After(timeout):
			b.Fatal("no batch")
		}
	}
}

// A root that is deleted and made again (a converter regenerating the
// site) is watched again: a rescan when it is back, then its new files and
// folders as usual.
func TestRootRecreated(t *testing.T) {
	parent := t.TempDir()
	root := filepath.Join(parent, "site")
	write(t, root, "content/a.md", "x")
	w, lg := start(t, root, Options{})
	if w.Mode() != "fsnotify" {
		t.Skipf("fsnotify is not usable here: %s", lg)
	}
	for round := range 2 {
		if err := os.RemoveAll(root); err != nil {
			t.Fatal(err)
		}
		write(t, root, "content/a.md", "regenerated")
		rescan := false
		deadline := time.After(timeout)
		for !rescan || strings.Count(lg.String(), "watching it again") <= round {
			select {
			case b := <-w.Batches():
				rescan = rescan || b.Rescan
			case <-time.After(10 * time.Millisecond):
			case <-deadline:
				t.Fatalf("round %d: the root was not watched again; log:\n%s", round, lg)
			}
		}
		drain(t, w)
		write(t, root, "content/b.md", "new")
		mkdir(t, root, "content/sub")
		write(t, root, "content/sub/c.md", "deeper")
		await(t, w, "content/b.md", "content/sub/c.md")
		settle(t, w)
	}
}

// drain reads batches until none has come for quietFor.
func drain(t *testing.T, w *Watcher) []Batch {
	t.Helper()
	var out []Batch
	for {
		select {
		case b := <-w.Batches():
			checkBatch(t, b)
			out = append(out, b)
		case <-time.After(quietFor):
			return out
		}
	}
}

// Hidden directories are not watched unless Options.Hidden names them.
func TestHiddenKept(t *testing.T) {
	dir := t.TempDir()
	mkdir(t, dir, "static/.well-known")
	mkdir(t, dir, ".git")
	w, lg := start(t, dir, Options{Hidden: func(rel string) bool { return strings.HasPrefix(rel, "static/") }})
	if w.Mode() != "fsnotify" {
		t.Skipf("fsnotify is not usable here: %s", lg)
	}
	write(t, dir, ".git/index", "x")
	write(t, dir, "static/.well-known/security.txt", "Contact: x")
	seen := await(t, w, "static/.well-known/security.txt")
	if seen[".git/index"] {
		t.Errorf(".git/ is watched: %v", keys(seen))
	}
	mkdir(t, dir, "static/.new")
	write(t, dir, "static/.new/a.txt", "y")
	await(t, w, "static/.new/a.txt")
}

// TestChangedSince checks that a batch taken with nothing after it reports
// no change at once, whenever the watching goroutine runs next, and that a
// change made after it was put together reports one until the batch that
// holds it is taken.
func TestChangedSince(t *testing.T) {
	for _, mode := range []string{"fsnotify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			opts := Options{}
			if mode == "poll" {
				opts.Poll = 20 * time.Millisecond
			}
			w, _ := start(t, dir, opts)
			if w.Mode() != mode {
				t.Skipf("mode is %s", w.Mode())
			}
			var b Batch
			for i := range 20 {
				write(t, dir, "a.md", fmt.Sprint(i))
				b = next(t, w)
				if w.ChangedSince(b) {
					// A late event of the same write may come: it must
					// bring a batch of its own.
					b = next(t, w)
					if w.ChangedSince(b) {
						t.Fatalf("write %d: a change is reported after the late batch %+v", i, b)
					}
				}
			}
			write(t, dir, "b.md", "x")
			if !w.ChangedSince(b) {
				deadline := time.Now().Add(timeout)
				for !w.ChangedSince(b) && time.Now().Before(deadline) {
					time.Sleep(time.Millisecond)
				}
				if !w.ChangedSince(b) {
					t.Fatal("a write after the batch is not reported")
				}
			}
			if got := await(t, w, "b.md"); !got["b.md"] {
				t.Fatalf("batch %v lacks b.md", keys(got))
			}
		})
	}
}
