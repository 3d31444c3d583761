// Package output holds a built site in memory and writes it to disk
// atomically.
//
// An Output maps slash paths ("tracks/sde/index.html") to bytes. Write fills
// a fresh sibling directory of the destination, then swaps it in with two
// renames, so that a reader of the destination sees either the whole previous
// site or the whole new one, a failed write leaves the previous site
// untouched, and nothing of an earlier build lingers. The previous tree is
// renamed aside and removed after the swap.
package output

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
)

// Output is a built site: file contents by slash path. It is safe for
// concurrent reads once built; Put is safe for concurrent use.
type Output struct {
	mu    sync.Mutex
	files map[string][]byte
}

// New returns an empty Output.
func New() *Output { return &Output{files: map[string][]byte{}} }

// Put stores a file. p must be a clean, relative slash path.
func (o *Output) Put(p string, data []byte) {
	o.mu.Lock()
	o.files[p] = data
	o.mu.Unlock()
}

// Get returns the bytes of a file.
func (o *Output) Get(p string) ([]byte, bool) {
	o.mu.Lock()
	b, ok := o.files[p]
	o.mu.Unlock()
	return b, ok
}

// Paths returns every path, sorted.
func (o *Output) Paths() []string {
	o.mu.Lock()
	out := make([]string, 0, len(o.files))
	for p := range o.files {
		out = append(out, p)
	}
	o.mu.Unlock()
	slices.Sort(out)
	return out
}

// Len returns the number of files.
func (o *Output) Len() int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.files)
}

// Digest returns a hash of every path and its bytes, in path order, for
// determinism tests and change detection.
func (o *Output) Digest() [32]byte {
	h := sha256.New()
	for _, p := range o.Paths() {
		b, _ := o.Get(p)
		fmt.Fprintf(h, "%s\x00%d\x00", p, len(b))
		h.Write(b)
	}
	var sum [32]byte
	copy(sum[:], h.Sum(nil))
	return sum
}

// Write writes the output to dir atomically: it fills a temporary sibling
// directory, then renames it into place. When dir exists and is not empty, it
// must look like an earlier output (hold an index.html or a 404.html), so
// that a mistyped --out never replaces an unrelated directory.
func (o *Output) Write(dir string) error {
	dir = filepath.Clean(dir)
	if err := guard(dir); err != nil {
		return err
	}
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", parent, err)
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".new-")
	if err != nil {
		return fmt.Errorf("create temporary directory: %w", err)
	}
	if err := o.fill(tmp); err != nil {
		os.RemoveAll(tmp)
		return err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return fmt.Errorf("chmod %s: %w", tmp, err)
	}
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp[:len(tmp)-len(filepath.Base(tmp))] + "." + filepath.Base(dir) + ".old-" + strings.TrimPrefix(filepath.Base(tmp), "."+filepath.Base(dir)+".new-")
		if err := os.Rename(dir, old); err != nil {
			os.RemoveAll(tmp)
			return fmt.Errorf("move previous output aside: %w", err)
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		os.RemoveAll(tmp)
		return fmt.Errorf("move new output into place: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("remove previous output %s: %w", old, err)
		}
	}
	return nil
}

// guard refuses to replace a directory that does not look like a build.
func guard(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", dir, err)
	}
	if len(entries) == 0 {
		return nil
	}
	for _, e := range entries {
		if e.Name() == "index.html" || e.Name() == "404.html" {
			return nil
		}
	}
	return fmt.Errorf("%s is not empty and does not look like a ladder build (no index.html); refusing to replace it: choose another --out", dir)
}

// fill writes every file under root, in parallel.
func (o *Output) fill(root string) error {
	paths := o.Paths()
	dirs := map[string]bool{}
	for _, p := range paths {
		if !isLocal(p) {
			return fmt.Errorf("write %s: not a local path", p)
		}
		for d := path.Dir(p); d != "." && !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	sorted := make([]string, 0, len(dirs))
	for d := range dirs {
		sorted = append(sorted, d)
	}
	slices.Sort(sorted) // parents before children
	for _, d := range sorted {
		if err := os.Mkdir(filepath.Join(root, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return fmt.Errorf("create %s: %w", d, err)
		}
	}
	var wg sync.WaitGroup
	var once sync.Once
	var firstErr error
	work := make(chan string, 256)
	for range runtime.GOMAXPROCS(0) * 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				data, _ := o.Get(p)
				if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(p)), data, 0o644); err != nil {
					once.Do(func() { firstErr = fmt.Errorf("write %s: %w", p, err) })
				}
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	return firstErr
}

// isLocal reports whether p is a clean relative slash path inside the root.
func isLocal(p string) bool {
	return p != "" && path.Clean(p) == p && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../")
}
