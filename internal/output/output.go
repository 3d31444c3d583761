// Package output writes a built site to disk safely, and holds one in
// memory for tests.
//
// A Writer streams files into a fresh sibling of the destination and swaps
// it in at the end in one step, so that a reader of the destination sees
// either the whole previous site or the whole new one, and a failed or
// killed build leaves the previous site untouched. It writes only where it
// may: never into the site's own folder, a folder holding it or one the site
// is read from, and never over a folder that is not an earlier build, which
// a marker file (MarkerFile) proves. It deletes only files that a marker
// lists, and a lock keeps two builds of one output apart.
//
// An Output maps slash paths ("tracks/sde/index.html") to bytes, for tests
// and tools that want a whole site in memory.
package output

import (
	"crypto/sha256"
	"fmt"
	"path"
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

// Write writes the output to dir through a Writer, with no guard beyond
// Writer's own: dir must be new, empty or an earlier build.
func (o *Output) Write(dir string) error {
	w, err := Create(dir, Guard{})
	if err != nil {
		return err
	}
	for _, p := range o.Paths() {
		data, _ := o.Get(p)
		if err := w.Write(p, data); err != nil {
			w.Abort()
			return err
		}
	}
	return w.Commit()
}

// isLocal reports whether p is a clean relative slash path inside the root.
func isLocal(p string) bool {
	return p != "" && path.Clean(p) == p && !path.IsAbs(p) && p != ".." && !strings.HasPrefix(p, "../")
}
