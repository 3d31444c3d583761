package watch

import (
	"io/fs"
	"path/filepath"
	"strings"
	"time"
)

// poller is the part of the loop used in polling mode.
type poller struct {
	snap   map[string]entry // the last walk, by slash path relative to the root
	failed map[string]error // what the last walk could not read
}

// entry is what polling compares from one walk to the next.
type entry struct {
	size  int64
	mtime int64 // nanoseconds since the Unix epoch
	mode  fs.FileMode
}

// startPoll takes the first snapshot, against which the first poll compares.
func (l *loop) startPoll() {
	l.snap, l.failed = l.scan()
	for _, err := range l.failed {
		l.logf("watch: %v; changes there will not be seen until it can be read", err)
	}
}

// runPoll is the loop in polling mode. It returns when the Watcher is closed.
func (l *loop) runPoll() {
	t := time.NewTicker(l.interval)
	defer t.Stop()
	for {
		select {
		case <-l.w.done:
			return
		case <-t.C:
			l.pollOnce()
		case l.outC() <- l.batch:
			l.delivered()
		}
	}
}

// pollOnce walks the tree and records what differs from the last walk. A
// path that could be read last time and cannot now asks for a rescan, since
// what changed there is unknown.
func (l *loop) pollOnce() {
	snap, failed := l.scan()
	for r, err := range failed {
		if _, ok := l.failed[r]; !ok {
			l.logf("watch: %v; changes there will not be seen until it can be read", err)
			l.askRescan()
		}
	}
	diff(l.snap, snap, l.note)
	l.snap, l.failed = snap, failed
	l.promote()
}

// diff calls changed for every file that was added, removed or modified
// between old and cur, and for every directory that was removed. A directory
// that appeared shows up as the files it holds.
func diff(old, cur map[string]entry, changed func(rel string)) {
	for r, e := range cur {
		o, ok := old[r]
		switch {
		case e.mode.IsDir():
			if ok && !o.mode.IsDir() {
				changed(r) // a file replaced by a directory
			}
		case !ok || o != e:
			changed(r)
		}
	}
	for r := range old {
		if _, ok := cur[r]; !ok {
			changed(r)
		}
	}
}

// scan walks the tree, skipping what is ignored. Below a path it cannot
// read it keeps the entries of the last walk, so that they do not look
// removed; the paths are returned with their errors.
func (l *loop) scan() (map[string]entry, map[string]error) {
	snap := make(map[string]entry, len(l.snap))
	failed := make(map[string]error)
	_ = filepath.WalkDir(l.root, func(p string, d fs.DirEntry, err error) error {
		r, ok := l.rel(p)
		if !ok {
			return nil
		}
		if err != nil {
			if !gone(err) {
				failed[r] = err
			}
			if d != nil && d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if l.ignored(r, d.IsDir()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if r == "." {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			if !gone(err) {
				failed[r] = err
			}
			return nil
		}
		snap[r] = entry{size: info.Size(), mtime: info.ModTime().UnixNano(), mode: info.Mode()}
		return nil
	})
	for r := range failed {
		for k, e := range l.snap {
			if _, ok := snap[k]; !ok && under(k, r) {
				snap[k] = e
			}
		}
	}
	return snap, failed
}

// under reports whether the slash path p is dir or lies below it.
func under(p, dir string) bool {
	return dir == "." || p == dir || strings.HasPrefix(p, dir+"/")
}
