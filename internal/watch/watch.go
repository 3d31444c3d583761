// Package watch watches a site's directory tree for the dev server and
// delivers debounced batches of the paths that changed.
//
// A Watcher is started with New on the site root. It delivers a Batch on the
// channel returned by Batches once the tree has been quiet for a short while
// (Options.Debounce, 10ms by default), so that a burst of changes — an editor
// writing several files, a git checkout, a formatter rewriting a folder —
// gives one rebuild rather than many. The debounce timer restarts on every
// event, as in fsnotify's cmd/fsnotify/dedup.go, but a burst that never pauses
// is still delivered at most 500ms (or Debounce, if that is longer) after its
// first event, so that a process that keeps writing cannot starve the reload.
// A burst whose gaps are longer than the quiet period comes as several
// batches; ChangedSince tells the reader, which has just built from one, that
// another is on its way.
//
// Paths in a Batch are slash paths relative to the root, sorted and without
// duplicates. A file that was created, written, removed or renamed is listed
// under its name; a rename lists both the old and the new name. A directory
// that appears (created, or renamed into the tree) is listed as the files it
// contains; a directory that disappears is listed as the directory itself,
// possibly together with some of the files it held. A listed path may no
// longer exist by the time the batch is read: the caller reads the tree, not
// the batch, to learn what is there now. When a Batch has Rescan set, changes
// were lost and the caller must re-read everything.
//
// # Events
//
// The fsnotify backends do not watch trees, only directories, so the Watcher
// adds every directory under the root when it starts and each new directory
// as it appears, walking it at once so that files created in it before the
// watch was in place are reported too. It watches directories rather than
// files because editors save by writing a temporary file and renaming it over
// the original, which replaces the file a per-file watch would be attached to;
// the rename shows up in the directory as a create of the saved name. Chmod
// events are ignored (indexers, backup tools and some editors touch
// permissions without changing content), as are editors' temporary files and
// operating-system junk (see IsEditorTemp), hidden directories such as .git,
// and whatever Options.Ignore rejects, such as the output directory.
//
// # Polling
//
// Where change notifications cannot be used the Watcher polls instead: it walks
// the tree every interval and compares each file's size, modification time and
// mode with the previous walk. That happens when Options.Poll is set, and as a
// fallback when fsnotify cannot be started (an unsupported platform), when the
// site is on a network file system (NFS, SMB, 9p, ...) whose changes made
// elsewhere are never reported, or when a system limit is reached (the
// inotify watch or instance limit, the open-file limit). The fallback is
// reported through Options.Logf together with the fix, for example how to
// raise fs.inotify.max_user_watches. A fallback while running delivers a
// Batch with Rescan set, since events may have been lost on the way.
//
// Mode reports which of the two is in use.
package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Batch is one debounced group of changes.
type Batch struct {
	// Paths are slash paths relative to the root, sorted and deduplicated:
	// files created, written, removed or renamed (both the old and the new
	// name); for a directory created, every file inside it; for a directory
	// removed or renamed away, the directory path itself.
	Paths []string

	// Rescan is true when events were lost (an event-queue overflow, a
	// fallback to polling) or polling noticed changes it cannot attribute to
	// particular files: the caller must re-read everything.
	Rescan bool

	// Seq counts the changes the Watcher had seen when the batch was put
	// together; ChangedSince compares it with the changes seen since.
	Seq uint64
}

// Options configures a Watcher. The zero Options is ready to use.
type Options struct {
	// Debounce is the quiet period after the last event before a batch is
	// delivered; zero or less means 10ms. Keep it small: the target latency
	// from saving a file to reloading the page is under 50ms.
	Debounce time.Duration

	// Poll, when greater than zero, forces polling at this interval instead
	// of using fsnotify.
	Poll time.Duration

	// Ignore, when not nil, is an extra ignore rule, for example for the
	// output directory. It is given a slash path relative to the root and
	// whether that path is a directory (for a path that has just been
	// removed, whether it was a directory the Watcher knew about). An ignored
	// directory is neither watched nor walked. The built-in rules for hidden
	// directories and editors' temporary files always apply. Ignore is called
	// from the Watcher's own goroutine.
	Ignore func(rel string, isDir bool) bool

	// Hidden, when not nil, names the hidden directories (names that start
	// with a dot) that are watched all the same, given their slash path:
	// a site publishes static/.well-known/ and the hidden folders its
	// configuration lists, while .git/ and the like stay unwatched.
	Hidden func(rel string) bool

	// Logf, when not nil, receives the fallbacks to polling and the errors
	// met while watching, each with the fix to apply. It is called from the
	// Watcher's own goroutine.
	Logf func(format string, args ...any)
}

// Watcher watches a directory tree and delivers batches of changes. Create
// one with New and stop it with Close.
type Watcher struct {
	out      chan Batch
	done     chan struct{} // closed by Close
	finished chan struct{} // closed when the watching goroutine has returned
	once     sync.Once
	polling  atomic.Bool
	seen     atomic.Uint64 // changes seen so far; see ChangedSince
	closeErr error         // set by the watching goroutine before finished is closed
	l        *loop         // owned by the watching goroutine; kept here for tests
}

const (
	// defaultDebounce is the quiet period used when Options.Debounce is
	// unset. An atomic save's events come within a millisecond; saves
	// that come further apart (a formatter, a script) may be split into
	// two batches, which a reader can hold together with ChangedSince.
	defaultDebounce = 10 * time.Millisecond

	// maxWait caps how long an uninterrupted burst can hold back a batch.
	maxWait = 500 * time.Millisecond

	// fallbackPoll is the polling interval used after falling back from
	// fsnotify when Options.Poll is unset.
	fallbackPoll = 500 * time.Millisecond
)

// New starts watching root recursively: every directory that exists now,
// and each new one as it appears. It falls back to polling, and says so
// through opts.Logf, when change notifications cannot be used. It returns an
// error only when root cannot be found or is not a directory.
func New(root string, opts Options) (*Watcher, error) {
	return newWatcher(root, opts, nil)
}

// newWatcher is New with a hook that, when not nil, may fail the adding of a
// directory watch, so that tests can exercise the fallbacks.
func newWatcher(root string, opts Options, failAdd func(dir string) error) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err == nil {
		// The walks do not follow symbolic links, so a root that is one
		// must be resolved first.
		abs, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	fi, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", root, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("watch %s: not a directory", root)
	}

	w := &Watcher{
		out:      make(chan Batch),
		done:     make(chan struct{}),
		finished: make(chan struct{}),
	}
	l := newLoop(w, abs, opts)
	l.failAdd = failAdd
	w.l = l

	if opts.Poll > 0 {
		l.startPoll()
	} else if err := l.startNotify(); err != nil {
		l.logf("%s", fallbackMessage(err, l.interval))
		l.startPoll()
	}
	w.polling.Store(l.fsw == nil)
	go l.run()
	return w, nil
}

// Batches returns the channel on which batches are delivered. It is closed
// after Close. A batch waits for the reader: changes that happen meanwhile
// are merged into it or into the next one, and nothing is lost.
func (w *Watcher) Batches() <-chan Batch { return w.out }

// ChangedSince reports whether changes have been seen since b was put
// together: another batch that holds them is coming. A reader that has
// just built from b can hold its result back while it is true. The
// answer depends only on b and what the Watcher has seen, not on when
// the watching goroutine notes that b was taken.
func (w *Watcher) ChangedSince(b Batch) bool { return w.seen.Load() > b.Seq }

// Mode reports "fsnotify" while change notifications are in use and "poll"
// once the Watcher polls, whether forced by Options.Poll or as a fallback.
func (w *Watcher) Mode() string {
	if w.polling.Load() {
		return "poll"
	}
	return "fsnotify"
}

// Close stops watching, waits for the Watcher's goroutines to end and closes
// the Batches channel; batches not yet read are dropped. It returns the error,
// if any, from closing the fsnotify watcher. Calling it again does nothing
// more and returns the same error.
func (w *Watcher) Close() error {
	w.once.Do(func() { close(w.done) })
	<-w.finished
	return w.closeErr
}

// IsEditorTemp reports whether a file name (not a path) is an editor's
// temporary file or operating-system junk that must not trigger a rebuild:
//
//	*~  *.swp  *.swx  *.swo  4913    vim backups, swap files and its write test
//	.#*  #*#                         Emacs lock and auto-save files
//	*.tmp                            atomic saves by many tools (any case)
//	*.kate-swp                       Kate swap files
//	*___jb_tmp___  *___jb_old___     JetBrains safe writes
//	.goutputstream-*                 GNOME (gedit) safe writes
//	~$*                              Microsoft Office lock files
//	sed??????                        GNU sed -i (six letters or digits, not all lower case)
//	.DS_Store  Thumbs.db             macOS and Windows folder metadata
func IsEditorTemp(name string) bool {
	if name == "" {
		return false
	}
	switch name {
	case "4913", ".DS_Store":
		return true
	}
	if strings.EqualFold(name, "Thumbs.db") {
		return true
	}
	for _, p := range [...]string{".#", ".goutputstream-", "~$"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	if len(name) >= 2 && name[0] == '#' && name[len(name)-1] == '#' {
		return true
	}
	for _, s := range [...]string{"~", ".swp", ".swx", ".swo", ".kate-swp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(name, s) {
			return true
		}
	}
	if len(name) == 9 && strings.HasPrefix(name, "sed") && !strings.Contains(name, ".") &&
		strings.ContainsAny(name[3:], "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") {
		return true
	}
	return len(name) >= 4 && strings.EqualFold(name[len(name)-4:], ".tmp")
}

// loop is the state owned by the watching goroutine, apart from what New
// sets up before starting it.
type loop struct {
	w        *Watcher
	root     string // absolute, in the OS's form
	debounce time.Duration
	maxWait  time.Duration
	interval time.Duration // polling interval, forced or for a fallback
	ignore   func(rel string, isDir bool) bool
	hidden   func(rel string) bool
	logFn    func(format string, args ...any)
	failAdd  func(dir string) error // test hook; see newWatcher

	notifier // fsnotify mode
	poller   // polling mode

	// pending collects the changes of the current burst; the debounce timer
	// moves them to ready.
	pending map[string]struct{}
	rescan  bool
	timer   *time.Timer
	armed   bool
	first   time.Time // first event of the current burst

	// ready holds the changes waiting for the reader, and batch the same as
	// a Batch, valid when hasReady.
	ready       map[string]struct{}
	readyRescan bool
	batch       Batch
	hasReady    bool
}

func newLoop(w *Watcher, root string, opts Options) *loop {
	l := &loop{
		w:        w,
		root:     root,
		debounce: opts.Debounce,
		interval: opts.Poll,
		ignore:   opts.Ignore,
		hidden:   opts.Hidden,
		logFn:    opts.Logf,
		pending:  make(map[string]struct{}),
		ready:    make(map[string]struct{}),
		timer:    time.NewTimer(time.Hour),
	}
	l.timer.Stop()
	if l.debounce <= 0 {
		l.debounce = defaultDebounce
	}
	l.maxWait = max(maxWait, l.debounce)
	if l.interval <= 0 {
		l.interval = fallbackPoll
	}
	return l
}

// run is the watching goroutine.
func (l *loop) run() {
	defer close(l.w.finished)
	defer close(l.w.out)
	defer l.timer.Stop()
	if l.fsw != nil {
		fallback, err := l.runNotify()
		if !fallback {
			l.w.closeErr = err
			return
		}
		l.logf("%s", fallbackMessage(err, l.interval))
		l.startPoll()
		// Events may have been lost between the failure and the first walk.
		l.timer.Stop()
		l.armed = false
		l.askRescan()
		l.promote()
		l.w.polling.Store(true)
	}
	l.runPoll()
}

func (l *loop) logf(format string, args ...any) {
	if l.logFn != nil {
		l.logFn(format, args...)
	}
}

// rel turns an OS path under the root into a slash path relative to it.
func (l *loop) rel(name string) (string, bool) {
	r, err := filepath.Rel(l.root, name)
	if err != nil {
		return "", false
	}
	r = filepath.ToSlash(r)
	if r == ".." || strings.HasPrefix(r, "../") {
		return "", false
	}
	return r, true
}

// abs turns a slash path relative to the root into an OS path.
func (l *loop) abs(rel string) string {
	return filepath.Join(l.root, filepath.FromSlash(rel))
}

// ignored reports whether rel must neither be reported nor, for a directory,
// watched or walked. The root itself is never ignored.
func (l *loop) ignored(rel string, isDir bool) bool {
	if rel == "." || rel == "" {
		return false
	}
	base := path.Base(rel)
	if isDir {
		if strings.HasPrefix(base, ".") && !l.keepHidden(rel) {
			return true
		}
	} else if IsEditorTemp(base) {
		return true
	}
	// A path inside a hidden directory; normally never seen, since hidden
	// directories are not watched or walked.
	if dir := path.Dir(rel); dir != "." {
		parts := strings.Split(dir, "/")
		for i, part := range parts {
			if strings.HasPrefix(part, ".") && !l.keepHidden(strings.Join(parts[:i+1], "/")) {
				return true
			}
		}
	}
	return l.ignore != nil && l.ignore(rel, isDir)
}

// keepHidden reports whether the hidden directory rel is watched all the
// same (see Options.Hidden).
func (l *loop) keepHidden(rel string) bool {
	return l.hidden != nil && l.hidden(rel)
}

// add records a change to rel and restarts the debounce timer.
func (l *loop) add(rel string) {
	l.note(rel)
	l.arm()
}

// note records a change to rel, for the next batch.
func (l *loop) note(rel string) {
	l.pending[rel] = struct{}{}
	l.w.seen.Add(1)
}

// askRescan records that everything must be read again.
func (l *loop) askRescan() {
	l.rescan = true
	l.w.seen.Add(1)
}

// arm restarts the debounce timer, without letting it run past maxWait
// after the first event of the burst.
func (l *loop) arm() {
	now := time.Now()
	if !l.armed {
		l.armed = true
		l.first = now
	}
	d := l.debounce
	if left := l.first.Add(l.maxWait).Sub(now); left < d {
		d = max(left, 0)
	}
	l.timer.Reset(d)
}

// timerC returns the debounce timer's channel while a burst is pending, and
// nil (a case that never fires) otherwise.
func (l *loop) timerC() <-chan time.Time {
	if l.armed {
		return l.timer.C
	}
	return nil
}

// fire ends the current burst.
func (l *loop) fire() {
	l.armed = false
	l.promote()
}

// promote moves the pending changes to the batch waiting for the reader,
// merging them with it if the reader has not taken it yet.
func (l *loop) promote() {
	if len(l.pending) == 0 && !l.rescan {
		return
	}
	for p := range l.pending {
		l.ready[p] = struct{}{}
	}
	clear(l.pending)
	l.readyRescan = l.readyRescan || l.rescan
	l.rescan = false

	var paths []string
	if len(l.ready) > 0 {
		paths = make([]string, 0, len(l.ready))
		for p := range l.ready {
			paths = append(paths, p)
		}
		slices.Sort(paths)
	}
	l.batch = Batch{Paths: paths, Rescan: l.readyRescan, Seq: l.w.seen.Load()}
	l.hasReady = true
}

// outC returns the Batches channel while a batch is ready, and nil (a case
// that never fires) otherwise.
func (l *loop) outC() chan<- Batch {
	if l.hasReady {
		return l.w.out
	}
	return nil
}

// delivered forgets the batch the reader has just taken.
func (l *loop) delivered() {
	clear(l.ready)
	l.readyRescan = false
	l.batch = Batch{}
	l.hasReady = false
}

// gone reports whether err from reading or watching a path means that the
// path has simply disappeared, which is not worth mentioning.
func gone(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}
