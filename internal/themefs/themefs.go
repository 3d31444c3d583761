// Package themefs lays one theme over another: a theme that extends a
// parent ships only the layouts and assets it changes, and every other
// file comes from the parent, as Hugo's theme components do.
package themefs

import (
	"errors"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// Overlay returns a file system that holds top's files and, where top has
// no file or folder of that name, base's. Folders present in both list
// the entries of both, top's winning on a name clash. A file in top hides
// a folder of the same name in base, and a folder in top is merged with a
// folder in base.
func Overlay(top, base fs.FS) fs.FS { return overlay{top: top, base: base} }

type overlay struct{ top, base fs.FS }

// Open opens name in top, else in base. A folder is opened as the merged
// listing of both (see ReadDir).
func (o overlay) Open(name string) (fs.File, error) {
	f, err := o.top.Open(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		f, err = o.base.Open(name)
		if err != nil {
			return nil, err
		}
	}
	info, err := f.Stat()
	if err != nil || !info.IsDir() {
		return f, err
	}
	f.Close()
	entries, err := o.ReadDir(name)
	if err != nil {
		return nil, err
	}
	return &dir{info: info, entries: entries}, nil
}

// dir is an open folder of an overlay: its merged listing.
type dir struct {
	info    fs.FileInfo
	entries []fs.DirEntry
	read    int
}

func (d *dir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dir) Close() error               { return nil }
func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.Name(), Err: errors.New("is a directory")}
}

// ReadDir follows fs.ReadDirFile: n <= 0 returns the rest at once.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.read:]
	if n <= 0 {
		d.read = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.read += n
	return rest[:n], nil
}

// ReadFile reads name from top, else from base.
func (o overlay) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(o.top, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return b, err
	}
	return fs.ReadFile(o.base, name)
}

// Stat returns the FileInfo of name in top, else in base.
func (o overlay) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(o.top, name)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return info, err
	}
	return fs.Stat(o.base, name)
}

// ReadDir lists the folder name of both file systems, sorted by name,
// top's entry winning when both have one of the same name.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	top, terr := fs.ReadDir(o.top, name)
	base, berr := fs.ReadDir(o.base, name)
	switch {
	case terr != nil && !errors.Is(terr, fs.ErrNotExist):
		return nil, terr
	case berr != nil && !errors.Is(berr, fs.ErrNotExist):
		return nil, berr
	case terr != nil && berr != nil:
		return nil, terr
	}
	if info, err := fs.Stat(o.top, name); err == nil && !info.IsDir() {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	seen := make(map[string]bool, len(top))
	out := make([]fs.DirEntry, 0, len(top)+len(base))
	for _, e := range top {
		seen[e.Name()] = true
		out = append(out, e)
	}
	for _, e := range base {
		if !seen[e.Name()] {
			out = append(out, e)
		}
	}
	slices.SortFunc(out, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return out, nil
}
