package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// maxQueued bounds the events read from fsnotify but not yet handled. Past it
// events are dropped and the next batch asks for a rescan, as when the
// kernel's own queue overflows.
const maxQueued = 1 << 16

// notifier is the part of the loop used in fsnotify mode.
type notifier struct {
	fsw    *fsnotify.Watcher // nil when not in fsnotify mode
	q      *queue
	pumped chan struct{} // closed when pump has returned

	// dirs holds the watched directories and skipped the ignored ones, as
	// slash paths relative to the root; skipped also holds ignored paths
	// that were gone before it could be known whether they were
	// directories. Their removal is not reported.
	dirs    map[string]bool
	skipped map[string]bool

	// rootGone ticks while the root itself is removed or renamed away: at
	// each tick the loop looks for a directory at the root's path again
	// (a converter that regenerates the site deletes and recreates it).
	rootGone *time.Ticker
}

// rootRetry is how often a removed root is looked for again.
const rootRetry = 200 * time.Millisecond

// item is an event or an error read from fsnotify.
type item struct {
	ev  fsnotify.Event
	err error
}

// queue carries items from pump to the loop. It lets pump read fsnotify's
// channels without ever waiting for the loop, which matters because the loop
// calls Watcher.Add, and on Windows Add waits for the goroutine that sends
// the events.
type queue struct {
	mu       sync.Mutex
	items    []item
	overflow bool
	signal   chan struct{} // holds a value when items were pushed since the last take
}

func (q *queue) push(it item) {
	q.mu.Lock()
	if len(q.items) < maxQueued {
		q.items = append(q.items, it)
	} else {
		q.overflow = true
	}
	q.mu.Unlock()
	select {
	case q.signal <- struct{}{}:
	default:
	}
}

func (q *queue) take() (items []item, overflow bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	items, overflow = q.items, q.overflow
	q.items, q.overflow = nil, false
	return items, overflow
}

// pump moves fsnotify's events and errors to q until fsw is closed.
func pump(fsw *fsnotify.Watcher, q *queue, done chan<- struct{}) {
	defer close(done)
	events, errs := fsw.Events, fsw.Errors
	for events != nil || errs != nil {
		select {
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			if ev.Op == fsnotify.Chmod {
				continue // permissions only, not content
			}
			q.push(item{ev: ev})
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			q.push(item{err: err})
		}
	}
}

// startNotify starts fsnotify and watches every directory of the tree. It
// returns an error, with nothing left running, when fsnotify cannot be used.
func (l *loop) startNotify() error {
	if fstype, ok := remoteFS(l.root); ok {
		return &remoteError{dir: l.root, fstype: fstype}
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch %s: %w", l.root, err)
	}
	l.fsw = fsw
	l.q = &queue{signal: make(chan struct{}, 1)}
	l.pumped = make(chan struct{})
	l.dirs = make(map[string]bool)
	l.skipped = make(map[string]bool)
	go pump(fsw, l.q, l.pumped)
	if err := l.addTree(".", false); err != nil {
		l.stopNotify()
		return err
	}
	return nil
}

// stopNotify closes fsnotify and waits for pump to return.
func (l *loop) stopNotify() error {
	if l.rootGone != nil {
		l.rootGone.Stop()
	}
	err := l.fsw.Close()
	<-l.pumped
	l.notifier = notifier{}
	if err != nil {
		return fmt.Errorf("watch %s: %w", l.root, err)
	}
	return nil
}

// runNotify is the loop in fsnotify mode. It returns when the Watcher is
// closed, with the error from closing fsnotify, or when fsnotify can no
// longer be used, with fallback set and the reason.
func (l *loop) runNotify() (fallback bool, err error) {
	for {
		select {
		case <-l.w.done:
			return false, l.stopNotify()
		case <-l.q.signal:
			items, overflow := l.q.take()
			if overflow {
				items = append(items, item{err: fsnotify.ErrEventOverflow})
			}
			for _, it := range items {
				if it.err != nil {
					err = l.handleError(it.err)
				} else {
					err = l.handleEvent(it.ev)
				}
				if err != nil {
					l.stopNotify()
					return true, err
				}
			}
		case <-l.rootC():
			if err := l.rootBack(); err != nil {
				l.stopNotify()
				return true, err
			}
		case <-l.timerC():
			l.fire()
		case l.outC() <- l.batch:
			l.delivered()
		}
	}
}

// rootC returns the channel of the ticker that looks for a removed root,
// or nil while the root is there.
func (l *loop) rootC() <-chan time.Time {
	if l.rootGone == nil {
		return nil
	}
	return l.rootGone.C
}

// rootBack watches the root again once a directory is back at its path:
// every old watch is dropped (they follow the inodes of the removed tree)
// and the new tree is watched and read from scratch. It returns an error
// only when fsnotify can no longer be used.
func (l *loop) rootBack() error {
	fi, err := os.Stat(l.root)
	if err != nil || !fi.IsDir() {
		return nil
	}
	l.rootGone.Stop()
	l.rootGone = nil
	for d := range l.dirs {
		// Errors only mean the watch went with the old tree already.
		_ = l.fsw.Remove(l.abs(d))
	}
	clear(l.dirs)
	clear(l.skipped)
	l.logf("watch: %s is back; watching it again", l.root)
	l.askRescan()
	l.arm()
	return l.addTree(".", false)
}

// handleEvent records the change an fsnotify event stands for, and watches
// the directories it brings. It returns an error only when fsnotify can no
// longer be used.
func (l *loop) handleEvent(ev fsnotify.Event) error {
	rel, ok := l.rel(ev.Name)
	if !ok {
		return nil
	}
	if rel == "." {
		if (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) && l.rootGone == nil {
			l.logf("watch: %s was removed or renamed; waiting for it to come back", l.root)
			l.askRescan()
			l.arm()
			l.rootGone = time.NewTicker(rootRetry)
		}
		return nil
	}
	switch {
	case ev.Has(fsnotify.Create):
		// A new name: a file created or renamed in (an editor's atomic save
		// ends here), or a directory, whose files are reported as it is
		// walked.
		delete(l.skipped, rel) // whatever was there before is gone
		fi, err := os.Lstat(ev.Name)
		switch {
		case err == nil && fi.IsDir():
			if l.ignored(rel, true) {
				l.skipped[rel] = true
				return nil
			}
			return l.addTree(rel, true)
		case err == nil:
			if !l.ignored(rel, false) {
				l.add(rel)
			}
		default:
			// Gone again already, and whether it was a file or a directory
			// is no longer known: drop it, and its removal, if either
			// would be ignored; otherwise a needless rebuild is better
			// than a missed one.
			if l.ignored(rel, false) || l.ignored(rel, true) {
				l.skipped[rel] = true
				return nil
			}
			l.add(rel)
		}
	case ev.Has(fsnotify.Remove), ev.Has(fsnotify.Rename):
		// An old name. A directory's watches must go now: if it was renamed
		// within the tree, the Create for its new name adds them again, and
		// a stale watch on the same inode would keep the old path.
		if l.skipped[rel] {
			l.forget(rel)
			return nil
		}
		isDir := l.dirs[rel]
		if isDir {
			l.forget(rel)
		}
		if !l.ignored(rel, isDir) {
			l.add(rel)
		}
	case ev.Has(fsnotify.Write):
		if !l.dirs[rel] && !l.ignored(rel, false) {
			l.add(rel)
		}
	}
	return nil
}

// handleError deals with an error from fsnotify. After an overflow it asks
// for a rescan and watches any directory whose creation went unseen. It
// returns an error only when fsnotify can no longer be used.
func (l *loop) handleError(err error) error {
	l.askRescan()
	l.arm()
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		l.logf("watch: %v; rereading everything", err)
		return nil
	}
	l.logf("watch: too many changes at once, some were lost; rereading everything")
	old := l.dirs
	l.dirs = make(map[string]bool, len(old))
	clear(l.skipped)
	if err := l.addTree(".", false); err != nil {
		return err
	}
	for d := range old {
		if !l.dirs[d] {
			_ = l.fsw.Remove(l.abs(d)) // usually gone with the directory already
		}
	}
	return nil
}

// forget drops the watches on the directory rel and everything below it.
func (l *loop) forget(rel string) {
	prefix := rel + "/"
	for d := range l.dirs {
		if d == rel || strings.HasPrefix(d, prefix) {
			// Errors only mean the watch went with the directory already.
			_ = l.fsw.Remove(l.abs(d))
			delete(l.dirs, d)
		}
	}
	for d := range l.skipped {
		if d == rel || strings.HasPrefix(d, prefix) {
			delete(l.skipped, d)
		}
	}
}

// addTree watches the directory rel and every directory below it that is not
// ignored; with report set it also records every file found as a change. The
// watch on a directory is added before the directory is read, so a file
// created meanwhile is either read or seen as an event. addTree returns an
// error only when fsnotify can no longer be used.
func (l *loop) addTree(rel string, report bool) error {
	return filepath.WalkDir(l.abs(rel), func(p string, d fs.DirEntry, err error) error {
		r, ok := l.rel(p)
		if !ok {
			return nil
		}
		if err != nil {
			if !gone(err) {
				l.logf("watch: %v; changes there will not be seen until it can be read", err)
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if report && !l.ignored(r, false) {
				l.add(r)
			}
			return nil
		}
		if r != rel && l.ignored(r, true) {
			l.skipped[r] = true
			return filepath.SkipDir
		}
		if err := l.addWatch(p); err != nil {
			if fatal(err) {
				return err
			}
			if !gone(err) {
				l.logf("watch: %v; changes there will not be seen until its permissions allow reading", err)
			}
			return filepath.SkipDir
		}
		l.dirs[r] = true
		return nil
	})
}

// addWatch adds an fsnotify watch on the directory dir.
func (l *loop) addWatch(dir string) error {
	var err error
	if l.failAdd != nil {
		err = l.failAdd(dir)
	}
	if err == nil {
		err = l.fsw.Add(dir)
	}
	if err != nil {
		return fmt.Errorf("watch %s: %w", dir, err)
	}
	return nil
}
