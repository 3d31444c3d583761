package output

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
)

// Writer writes a new output directory file by file and puts it in place
// in one step. Made by Create, it is safe for concurrent use by Write;
// Commit or Abort ends it.
//
// It fills a temporary sibling of the destination (".NAME.new-*"), whose
// marker says "partial" from the start, so that the leftovers of a killed
// build can be proven to be ladder's and removed by the next one. Commit
// lists every file in the marker and exchanges the two directories with
// renameat2(RENAME_EXCHANGE) on Linux, so that a reader sees the whole old
// output or the whole new one and never a missing directory; elsewhere, and
// on file systems without the exchange, two renames do it with a short
// moment between them. The previous output then holds the temporary name and
// is removed by its own marker.
//
// A file that the previous output holds with the same bytes, listed in its
// marker, is not written again: the new output links to it (see
// dirFD.linkSame), so a rebuild writes only what changed and unchanged
// files keep their modification times, which deploy tools such as rsync
// compare.
//
// When the destination cannot be swapped (a mount point, where rename fails
// with EBUSY) or its parent cannot hold a sibling, the files are written
// into the destination itself, and of the previous build's files only those
// that the new build no longer writes are removed.
type Writer struct {
	dir     string // the destination, as given
	real    string // the destination, resolved
	root    string // where Write puts files: the temporary directory, or real
	tmp     string // the temporary directory; "" when writing in place
	inPlace bool
	at      *dirFD // root, open, when it is the temporary directory; else nil
	prev    *dirFD // the previous output, open, when at is and it has one
	reused  atomic.Int64
	bufs    sync.Pool // *[]byte, for comparing files with the previous output
	st      state     // what was at the destination
	lock    *lock

	mu      sync.Mutex
	files   []string // written, in the order written
	journal *os.File // in place: the marker, appended to before each write
	dirs    sync.Map // directories made under root, by slash path
	over    bool     // committed or aborted

	warnings []string

	// swap puts tmp in place of dir and returns where the previous output
	// went; tests replace it to fail like a mount point.
	swap func(tmp, dir string) (string, error)
	// exchange swaps two directories in one step (see exchange); tests
	// replace it to take the two-rename path.
	exchange func(a, b string) error
	// stage is called at each step of Commit ("filled", "aside",
	// "swapped"); tests use it to kill the process there.
	stage func(name string)
}

// Create prepares to write an output into dir: it checks that dir may be
// used (see Guard and RefusedError), takes the lock (or returns a
// *LockedError), removes what killed builds left beside it, and makes the
// temporary directory.
func Create(dir string, g Guard) (*Writer, error) {
	real, err := resolve(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	if err := g.place(dir, real); err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(real), filepath.Base(real)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("create %s: %w", filepath.Dir(dir), err)
	}
	w := &Writer{dir: dir, real: real, stage: func(string) {}, exchange: exchange}
	w.swap = w.swapDirs
	lockFile := filepath.Join(parent, "."+base+".lock")
	w.lock, err = acquire(lockFile)
	if err != nil && !errors.Is(err, errLocked) && cannotWrite(err) {
		if info, serr := os.Stat(real); serr == nil && info.IsDir() {
			lockFile = filepath.Join(real, lockName)
			w.lock, err = acquire(lockFile)
		}
	}
	if errors.Is(err, errLocked) {
		return nil, &LockedError{Dir: dir, Lock: lockFile}
	}
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			w.lock.release()
		}
	}()
	if w.st, err = inspect(dir, real); err != nil {
		return nil, err
	}
	w.cleanLeftovers(parent, base)
	tmp, err := os.MkdirTemp(parent, "."+base+".new-")
	switch {
	case err == nil:
		w.tmp, w.root = tmp, tmp
		if err := writeMarker(tmp, marker{state: statePartial}); err != nil {
			os.RemoveAll(tmp)
			return nil, err
		}
		// Without the open directory, files are written by path.
		w.at, _ = openDir(tmp)
		if w.at != nil && w.st.prev.state == stateComplete {
			w.prev, _ = openDir(real)
		}
	case cannotWrite(err) && w.st.exists:
		if err := w.startInPlace(); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("create temporary directory: %w", err)
	}
	ok = true
	return w, nil
}

// cannotWrite reports whether err means that a directory cannot be written.
func cannotWrite(err error) bool {
	return errors.Is(err, fs.ErrPermission) || errors.Is(err, syscall.EROFS)
}

// cannotSwap reports whether err from a rename means that the destination
// cannot be replaced as a whole: it is a mount point, or on another device.
func cannotSwap(err error) bool {
	return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.EXDEV)
}

// cleanLeftovers removes the temporary directories that killed builds of
// this output left in parent, each proven by its marker; others stay, with
// a warning.
func (w *Writer) cleanLeftovers(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if !strings.HasPrefix(n, "."+base+".new-") && !strings.HasPrefix(n, "."+base+".old-") {
			continue
		}
		if !e.IsDir() {
			continue
		}
		if err := removeBuild(filepath.Join(parent, n)); err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("%v; it looks like a leftover of a ladder build, delete it yourself if it is", err))
		}
	}
}

// Warnings returns what the writer could not clean up and left alone.
func (w *Writer) Warnings() []string { return w.warnings }

// Dir returns the destination, as given to Create.
func (w *Writer) Dir() string { return w.dir }

// Len returns the number of files written so far.
func (w *Writer) Len() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.files)
}

// startInPlace switches to writing into the destination itself: the
// previous build's marker becomes a journal, listing its own files and then
// each new one before it is written, so that a build killed halfway leaves
// a marker that still covers every file it wrote.
func (w *Writer) startInPlace() error {
	w.inPlace, w.root = true, w.real
	w.dirs = sync.Map{}
	if err := writeMarker(w.real, marker{state: stateComplete, files: w.st.prev.files}); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(w.real, MarkerFile), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		return fmt.Errorf("open %s: %w", filepath.Join(w.dir, MarkerFile), err)
	}
	w.journal = f
	return nil
}

// Write writes one file of the output; p is a clean relative slash path.
// data is not kept after Write returns.
func (w *Writer) Write(p string, data []byte) error {
	if !isLocal(p) {
		return fmt.Errorf("write %s: not a local path", p)
	}
	if p == MarkerFile || p == markerTmp || p == lockName {
		return fmt.Errorf("write %s: the name is reserved for ladder's own marker", p)
	}
	if w.journal != nil {
		w.mu.Lock()
		_, err := w.journal.WriteString(p + "\n")
		w.mu.Unlock()
		if err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(w.dir, MarkerFile), err)
		}
	}
	if err := w.put(p, data); err != nil {
		return err
	}
	w.mu.Lock()
	w.files = append(w.files, p)
	w.mu.Unlock()
	return nil
}

// put writes data at p under the root, making its directories.
func (w *Writer) put(p string, data []byte) error {
	if w.at != nil && !w.inPlace {
		if d := path.Dir(p); d != "." {
			if err := w.mkdirAt(d); err != nil {
				return fmt.Errorf("create %s: %w", d, err)
			}
		}
		if w.prev != nil && w.wroteBefore(p) && w.linkSame(p, data) {
			w.reused.Add(1)
			return nil
		}
		if err := w.at.writeFile(p, data); err != nil {
			return fmt.Errorf("write %s: %w", p, err)
		}
		return nil
	}
	if d := path.Dir(p); d != "." {
		if _, ok := w.dirs.Load(d); !ok {
			if err := os.MkdirAll(filepath.Join(w.root, filepath.FromSlash(d)), 0o755); err != nil {
				return fmt.Errorf("create %s: %w", d, err)
			}
			w.dirs.Store(d, true)
		}
	}
	name := filepath.Join(w.root, filepath.FromSlash(p))
	if w.inPlace {
		// Never write through a link someone put where a page goes.
		if info, err := os.Lstat(name); err == nil && info.Mode()&fs.ModeSymlink != 0 {
			if err := os.Remove(name); err != nil {
				return fmt.Errorf("write %s: %w", p, err)
			}
		}
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", p, err)
	}
	return nil
}

// mkdirAt makes the directory d (a slash path) and its parents under the
// open root, once per directory.
func (w *Writer) mkdirAt(d string) error {
	if _, ok := w.dirs.Load(d); ok {
		return nil
	}
	err := w.at.mkdir(d)
	if err != nil && isNotExist(err) {
		if parent := path.Dir(d); parent != "." {
			if err := w.mkdirAt(parent); err != nil {
				return err
			}
		}
		err = w.at.mkdir(d)
	}
	if err != nil {
		return err
	}
	w.dirs.Store(d, true)
	return nil
}

// wroteBefore reports whether the previous output's marker lists p.
func (w *Writer) wroteBefore(p string) bool {
	_, ok := slices.BinarySearch(w.st.prev.files, p)
	return ok
}

// linkSame links p to the previous output's file when it holds data.
func (w *Writer) linkSame(p string, data []byte) bool {
	bp, _ := w.bufs.Get().(*[]byte)
	if bp == nil {
		b := make([]byte, 64<<10)
		bp = &b
	}
	defer w.bufs.Put(bp)
	return w.at.linkSame(w.prev, p, data, *bp)
}

// Reused returns the number of files taken unchanged from the previous
// output instead of being written.
func (w *Writer) Reused() int { return int(w.reused.Load()) }

// closeDir closes the open root and the previous output, if open.
func (w *Writer) closeDir() {
	if w.at != nil {
		w.at.close()
		w.at = nil
	}
	if w.prev != nil {
		w.prev.close()
		w.prev = nil
	}
}

// written returns the files written, sorted, without repeats.
func (w *Writer) written() []string {
	w.mu.Lock()
	files := slices.Clone(w.files)
	w.mu.Unlock()
	slices.Sort(files)
	return slices.Compact(files)
}

// Commit puts the new output in place and removes the previous one, then
// lets the lock go. After a failed Commit the previous output is in place.
func (w *Writer) Commit() error {
	if w.over {
		return errors.New("output already committed or aborted")
	}
	w.over = true
	defer w.lock.release()
	w.closeDir()
	files := w.written()
	if w.inPlace {
		return w.finishInPlace(files)
	}
	if err := writeMarker(w.tmp, marker{state: stateComplete, files: files}); err != nil {
		os.RemoveAll(w.tmp)
		return err
	}
	if err := os.Chmod(w.tmp, 0o755); err != nil {
		os.RemoveAll(w.tmp)
		return fmt.Errorf("chmod %s: %w", w.tmp, err)
	}
	w.stage("filled")
	if !w.st.exists {
		if err := os.Rename(w.tmp, w.real); err != nil {
			os.RemoveAll(w.tmp)
			return fmt.Errorf("move new output into place: %w", err)
		}
		return nil
	}
	old, err := w.swap(w.tmp, w.real)
	if errors.Is(err, fs.ErrNotExist) {
		// The previous output was removed while this build ran.
		if err := os.Rename(w.tmp, w.real); err != nil {
			os.RemoveAll(w.tmp)
			return fmt.Errorf("move new output into place: %w", err)
		}
		return nil
	}
	if cannotSwap(err) {
		return w.moveInPlace(files)
	}
	if err != nil {
		os.RemoveAll(w.tmp)
		return fmt.Errorf("move new output into place: %w", err)
	}
	w.stage("swapped")
	if !w.st.prev.isSet() {
		// The destination was an empty folder: nothing to prove.
		if err := os.Remove(old); err != nil {
			w.warnings = append(w.warnings, fmt.Sprintf("keep %s: %v", old, err))
		}
		return nil
	}
	if err := removeBuild(old); err != nil {
		// The new output is in place; what is left of the old one is
		// removed by the next build, or by hand.
		w.warnings = append(w.warnings, fmt.Sprintf("previous output: %v", err))
	}
	return nil
}

// swapDirs puts tmp in place of dir, by an exchange where the system has
// one, else by two renames. It returns where the previous output is now.
func (w *Writer) swapDirs(tmp, dir string) (string, error) {
	err := w.exchange(tmp, dir)
	if err == nil {
		return tmp, nil
	}
	if !errors.Is(err, errNoExchange) {
		return "", &os.LinkError{Op: "exchange", Old: tmp, New: dir, Err: err}
	}
	old := filepath.Join(filepath.Dir(tmp), strings.Replace(filepath.Base(tmp), ".new-", ".old-", 1))
	if err := os.Rename(dir, old); err != nil {
		return "", err
	}
	w.stage("aside")
	if err := os.Rename(tmp, dir); err != nil {
		os.Rename(old, dir)
		return "", err
	}
	return old, nil
}

// moveInPlace is Commit for a destination that cannot be swapped: the
// files written to the temporary directory are copied into it.
func (w *Writer) moveInPlace(files []string) error {
	tmp := w.tmp
	defer removeBuild(tmp)
	if err := w.startInPlace(); err != nil {
		return err
	}
	w.mu.Lock()
	w.files = nil
	w.mu.Unlock()
	for _, p := range files {
		data, err := os.ReadFile(filepath.Join(tmp, filepath.FromSlash(p)))
		if err != nil {
			w.journal.Close()
			return fmt.Errorf("read %s: %w", p, err)
		}
		if err := w.Write(p, data); err != nil {
			w.journal.Close()
			return err
		}
	}
	return w.finishInPlace(files)
}

// finishInPlace removes the previous build's files that the new one did not
// write, and lists the new files in the marker.
func (w *Writer) finishInPlace(files []string) error {
	w.journal.Close()
	w.journal = nil
	var stale []string
	for _, p := range w.st.prev.files {
		if _, found := slices.BinarySearch(files, p); found {
			continue
		}
		name := filepath.Join(w.real, filepath.FromSlash(p))
		if info, err := os.Lstat(name); err != nil || info.IsDir() {
			continue
		}
		if err := os.Remove(name); err != nil {
			return fmt.Errorf("remove %s: %w", p, err)
		}
		stale = append(stale, p)
	}
	removeEmptyDirs(w.real, stale)
	return writeMarker(w.real, marker{state: stateComplete, files: files})
}

// Abort gives up the new output: the temporary directory is removed and the
// previous output stays as it was (when writing in place, the files written
// so far stay, listed in the marker). It lets the lock go.
func (w *Writer) Abort() {
	if w.over {
		return
	}
	w.over = true
	defer w.lock.release()
	w.closeDir()
	if w.journal != nil {
		w.journal.Close()
	}
	if w.tmp != "" && !w.inPlace {
		os.RemoveAll(w.tmp)
	}
}

// errNoExchange means that the system cannot exchange two directories.
var errNoExchange = errors.New("exchange not supported")
