package output

import (
	"bufio"
	"bytes"
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
)

// MarkerFile is the name of the file that ladder writes at the root of every
// output directory and of every temporary directory it fills. It is the only
// proof that a directory is an earlier build: ladder replaces or cleans a
// directory only when it holds this file, and removes only the files it
// lists.
const MarkerFile = ".ladder-build"

// markerTmp is the name a marker is written under before it is renamed
// into place.
const markerTmp = MarkerFile + ".tmp"

// markerHeader is the first line of a marker: its format and version.
const markerHeader = "ladder-build 1"

// Marker states, the second line of a marker.
const (
	// statePartial marks a temporary directory that ladder created and is
	// still filling: everything in it was written by ladder.
	statePartial = "partial"
	// stateComplete marks a finished output: the lines that follow list
	// every file that build wrote.
	stateComplete = "complete"
)

// marker is a parsed marker file.
type marker struct {
	state string
	files []string // sorted slash paths, for a complete marker
}

// isSet reports whether m was read from a file.
func (m marker) isSet() bool { return m.state != "" }

// encode returns the text of m.
func (m marker) encode() []byte {
	var b bytes.Buffer
	b.WriteString(markerHeader + "\n" + m.state + "\n")
	for _, p := range m.files {
		b.WriteString(p)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// errNoMarker means that a directory holds no marker file.
var errNoMarker = errors.New("no " + MarkerFile + " file")

// readMarker reads the marker of dir. It returns errNoMarker when there is
// none, and an error when the file is not a marker this version of ladder
// wrote.
func readMarker(dir string) (marker, error) {
	name := filepath.Join(dir, MarkerFile)
	info, err := os.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return marker{}, errNoMarker
	}
	if err != nil {
		return marker{}, fmt.Errorf("read %s: %w", name, err)
	}
	if !info.Mode().IsRegular() {
		return marker{}, fmt.Errorf("%s is not a regular file", name)
	}
	data, err := os.ReadFile(name)
	if err != nil {
		return marker{}, fmt.Errorf("read %s: %w", name, err)
	}
	return parseMarker(name, data)
}

// parseMarker parses the text of a marker file; name is for errors. A last
// line without its newline is ignored: it is a path that a build killed
// while writing in place had not finished recording, and had not written.
func parseMarker(name string, data []byte) (marker, error) {
	data = data[:bytes.LastIndexByte(data, '\n')+1]
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	line := 0
	var m marker
	for sc.Scan() {
		line++
		t := sc.Text()
		switch line {
		case 1:
			if t != markerHeader {
				return marker{}, fmt.Errorf("%s:1: not a marker written by this version of ladder (want %q)", name, markerHeader)
			}
		case 2:
			if t != statePartial && t != stateComplete {
				return marker{}, fmt.Errorf("%s:2: unknown state %q", name, t)
			}
			m.state = t
		default:
			if !isLocal(t) || t == MarkerFile {
				return marker{}, fmt.Errorf("%s:%d: %q is not a file of a build", name, line, t)
			}
			m.files = append(m.files, t)
		}
	}
	if err := sc.Err(); err != nil {
		return marker{}, fmt.Errorf("read %s: %w", name, err)
	}
	if line < 2 {
		return marker{}, fmt.Errorf("%s: truncated marker", name)
	}
	if m.state == statePartial && len(m.files) > 0 {
		return marker{}, fmt.Errorf("%s:3: a partial marker lists no files", name)
	}
	slices.Sort(m.files)
	m.files = slices.Compact(m.files)
	return m, nil
}

// writeMarker writes m into dir, through a temporary name so that a reader
// never sees half a list.
func writeMarker(dir string, m marker) error {
	name := filepath.Join(dir, MarkerFile)
	tmp := filepath.Join(dir, markerTmp)
	if err := os.WriteFile(tmp, m.encode(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp, name); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// removeBuild removes a directory that ladder wrote, proving each deletion
// by its marker: a partial one (a temporary directory ladder was filling)
// is removed whole; of a complete one, the listed files, the marker and the
// directories left empty are removed. A directory without a marker is not
// touched. It returns an error naming what was kept, if anything was.
func removeBuild(dir string) error {
	m, err := readMarker(dir)
	if err != nil {
		return fmt.Errorf("keep %s: %w", dir, err)
	}
	if m.state == statePartial {
		if err := os.RemoveAll(dir); err != nil {
			return fmt.Errorf("remove %s: %w", dir, err)
		}
		return nil
	}
	if err := inParallel(m.files, func(p string) error {
		if err := os.Remove(filepath.Join(dir, filepath.FromSlash(p))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", filepath.Join(dir, p), err)
		}
		return nil
	}); err != nil {
		return err
	}
	os.Remove(filepath.Join(dir, markerTmp))
	if err := os.Remove(filepath.Join(dir, MarkerFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove %s: %w", filepath.Join(dir, MarkerFile), err)
	}
	removeEmptyDirs(dir, m.files)
	if err := os.Remove(dir); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("keep %s: it holds files ladder did not write; look at them, then delete it yourself", dir)
	}
	return nil
}

// removeEmptyDirs removes the directories of files under root, deepest
// first, when they are empty; a directory that is not empty stays. The
// directories of one depth are removed side by side.
func removeEmptyDirs(root string, files []string) {
	seen := map[string]bool{}
	var byDepth [][]string
	for _, p := range files {
		for d := path.Dir(p); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			depth := strings.Count(d, "/")
			for len(byDepth) <= depth {
				byDepth = append(byDepth, nil)
			}
			byDepth[depth] = append(byDepth[depth], d)
		}
	}
	// Children before their parents.
	for _, dirs := range slices.Backward(byDepth) {
		inParallel(dirs, func(d string) error {
			os.Remove(filepath.Join(root, filepath.FromSlash(d))) // fails, as it should, when not empty
			return nil
		})
	}
}

// removers is how many files or directories are removed at once: each
// removal mostly waits for the file system, so more than the processors.
const removers = 8

// inParallel calls f for each item, removers at a time, and returns the
// first error.
func inParallel(items []string, f func(string) error) error {
	var (
		wg    sync.WaitGroup
		next  atomic.Int64
		once  sync.Once
		first error
	)
	for range min(removers, len(items)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(items) {
					return
				}
				if err := f(items[i]); err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	wg.Wait()
	return first
}
