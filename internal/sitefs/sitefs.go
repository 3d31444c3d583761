// Package sitefs gives the files of a site directory as an fs.FS that never
// leads outside the site.
//
// os.DirFS follows symbolic links wherever they lead, so a link in static/
// to /etc/shadow would be copied into the published site, and a link in
// content/ to any file would be rendered and indexed. An FS resolves every
// link it meets against the real path of the site's root:
//
//   - a link that stays inside the site is followed, to a file or a folder
//     (a folder is listed like any other);
//   - a link that leads outside the site, a link that leads nowhere, a loop
//     of links, a link to a folder that holds the link (which would be
//     listed forever), and anything that is neither a file, a folder nor a
//     link (a named pipe, which would block a read for ever; a socket; a
//     device) are left out: ReadDir does not list them, and opening a path
//     through them fails with an error that matches fs.ErrNotExist.
//
// Problems walks a folder and says what was left out and why, so that the
// caller can report each at its path; whatever reads the site through the
// FS meanwhile sees the rest of it, as if the entries left out were absent.
//
// The checks are made when a path is opened or listed. They guard against
// what a site's files contain (a link committed to the repository, a
// careless copy), not against a process that swaps files on the same disk
// between the check and the read.
package sitefs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// FS is the files of one site directory. It implements fs.FS,
// fs.ReadDirFS, fs.ReadFileFS and fs.StatFS, and is safe for concurrent
// use.
type FS struct {
	root string // the directory, absolute
	real string // its real path, links resolved
}

// New returns the FS of the directory root.
func New(root string) (*FS, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("open site %s: %w", root, err)
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, fmt.Errorf("open site %s: %w", root, err)
	}
	return &FS{root: abs, real: real}, nil
}

// Kind says why an entry was left out.
type Kind uint8

const (
	// Outside is a link that leads outside the site.
	Outside Kind = iota + 1
	// Missing is a link to a file that does not exist.
	Missing
	// Loop is a link that leads to itself through other links.
	Loop
	// Cycle is a link to a folder that holds the link, which would be
	// listed inside itself without end.
	Cycle
	// Special is neither a file, a folder nor a link: a named pipe, a
	// socket, a device.
	Special
)

// Problem is an entry of the site that the FS leaves out.
type Problem struct {
	Path   string // slash path from the site root
	Kind   Kind
	Target string // where a link leads: its resolved path (Outside, Cycle) or its text (Missing)
}

// Error describes the problem; the position is the caller's to give.
func (p *Problem) Error() string {
	switch p.Kind {
	case Outside:
		return fmt.Sprintf("symbolic link leads outside the site (to %s)", p.Target)
	case Missing:
		return fmt.Sprintf("symbolic link leads to a file that does not exist (%s)", p.Target)
	case Loop:
		return "symbolic link loop: the link leads back to itself"
	case Cycle:
		return fmt.Sprintf("symbolic link leads to a folder that holds it (%s)", p.Target)
	case Special:
		return "not a regular file, folder or symbolic link"
	}
	return "unusable file"
}

// Is reports that a Problem means the entry is absent, for callers that
// read the site through the FS and treat a missing file as gone.
func (p *Problem) Is(target error) bool { return target == fs.ErrNotExist }

// join returns the native path of name, a valid slash path from the root.
func (f *FS) join(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	local, err := filepath.Localize(name)
	if err != nil {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(f.root, local), nil
}

// within reports whether the native path p is dir or lies inside it.
func within(dir, p string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// resolve returns the real path of name when it lies inside the site, or
// the error of a path that does not exist or leads outside. The error
// names name, the path asked for; Check finds the link at fault.
func (f *FS) resolve(op, name string) (string, error) {
	full, err := f.join(op, name)
	if err != nil {
		return "", err
	}
	real, err := filepath.EvalSymlinks(full)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	case errors.Is(err, syscall.ENOTDIR):
		return "", rename(op, name, err)
	case err != nil:
		// A loop, or a chain of links longer than EvalSymlinks follows.
		return "", &fs.PathError{Op: op, Path: name, Err: &Problem{Path: name, Kind: Loop}}
	case !within(f.real, real):
		return "", &fs.PathError{Op: op, Path: name, Err: &Problem{Path: name, Kind: Outside, Target: real}}
	}
	return real, nil
}

// Open opens the file or folder name.
func (f *FS) Open(name string) (fs.File, error) {
	real, info, err := f.stat("open", name)
	if err != nil {
		return nil, err
	}
	osf, err := os.Open(real)
	if err != nil {
		return nil, rename("open", name, err)
	}
	if info.IsDir() {
		return &dir{file: file{osf, name}, fsys: f}, nil
	}
	return &file{osf, name}, nil
}

// file is an open file under the name it was opened by, which for a link
// is the link's name rather than its target's.
type file struct {
	*os.File
	name string
}

// Stat describes the file under the name it was opened by.
func (f *file) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if err != nil {
		return nil, rename("stat", f.name, err)
	}
	return renamed{info, path.Base(f.name)}, nil
}

// dir is an open folder, listed as FS.ReadDir lists it.
type dir struct {
	file
	fsys    *FS
	entries []fs.DirEntry
	listed  bool
}

// ReadDir returns the next n entries of the folder (all the rest when n
// is 0 or less), as fs.ReadDirFile requires.
func (d *dir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.listed {
		entries, _, err := d.fsys.readDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.listed = entries, true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(d.entries))
	out := d.entries[:n:n]
	d.entries = d.entries[n:]
	return out, nil
}

// ReadFile reads the file name.
func (f *FS) ReadFile(name string) ([]byte, error) {
	real, info, err := f.stat("read", name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	b, err := os.ReadFile(real)
	if err != nil {
		return nil, rename("read", name, err)
	}
	return b, nil
}

// Stat describes the file or folder name, following links that stay in
// the site.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	_, info, err := f.stat("stat", name)
	if err != nil {
		return nil, err
	}
	return renamed{info, path.Base(name)}, nil
}

// stat resolves name and describes what it leads to, which must be a
// regular file or a folder: opening a named pipe would wait for a writer.
//
// The common path, with no link on the way, looks at each part of name
// below the root once, and needs nothing else.
func (f *FS) stat(op, name string) (string, fs.FileInfo, error) {
	full, err := f.join(op, name)
	if err != nil {
		return "", nil, err
	}
	var info fs.FileInfo
	if name == "." {
		info, err = os.Stat(full)
	} else {
		// i is the separator before each part: the one after the root,
		// unless the root ends with one ("/").
		i := len(f.root)
		if os.IsPathSeparator(f.root[i-1]) {
			i--
		}
		for {
			j := strings.IndexByte(full[i+1:], filepath.Separator)
			end := len(full)
			if j >= 0 {
				end = i + 1 + j
			}
			info, err = os.Lstat(full[:end])
			if err != nil || info.Mode()&fs.ModeSymlink != 0 || end == len(full) {
				break
			}
			i = end
		}
	}
	real := full
	switch {
	case err != nil:
		return "", nil, rename(op, name, err)
	case info.Mode()&fs.ModeSymlink != 0:
		if real, err = f.resolve(op, name); err != nil {
			return "", nil, err
		}
		if info, err = os.Stat(real); err != nil {
			return "", nil, rename(op, name, err)
		}
	}
	if !info.Mode().IsRegular() && !info.IsDir() {
		return "", nil, &fs.PathError{Op: op, Path: name, Err: &Problem{Path: name, Kind: Special}}
	}
	return real, info, nil
}

// rename gives an error of the os package the path name it was asked for,
// as os.DirFS does, so that no real path of the disk shows in messages.
func rename(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: op, Path: name, Err: pe.Err}
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// renamed is a FileInfo under the name it was asked for, which for a link
// is the link's name rather than its target's.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }

// ReadDir lists the folder name, sorted by file name, without the entries
// it leaves out (see the package comment). A link that stays in the site
// is listed as what it leads to, a file or a folder.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, _, err := f.readDir(name)
	return entries, err
}

// readDir is ReadDir, and the problems of the entries left out.
func (f *FS) readDir(name string) ([]fs.DirEntry, []Problem, error) {
	real, _, err := f.stat("readdir", name)
	if err != nil {
		return nil, nil, err
	}
	return f.list(name, real)
}

// list is readDir of the folder name, whose real path (or a path to it
// without links) is real.
func (f *FS) list(name, real string) ([]fs.DirEntry, []Problem, error) {
	entries, err := os.ReadDir(real)
	if err != nil {
		return nil, nil, rename("readdir", name, err)
	}
	out := entries[:0]
	var problems []Problem
	var chain []string // real paths of name and the folders above it, on first need
	for _, e := range entries {
		p := path.Join(name, e.Name())
		switch t := e.Type(); {
		case t.IsRegular() || t.IsDir():
			out = append(out, e)
		case t&fs.ModeSymlink != 0:
			if chain == nil {
				chain = f.chain(name)
			}
			d, prob := f.link(p, chain)
			if prob != nil {
				problems = append(problems, *prob)
				continue
			}
			out = append(out, d)
		default:
			problems = append(problems, Problem{Path: p, Kind: Special})
		}
	}
	return out, problems, nil
}

// chain returns the real paths of the folder name and of every folder
// above it up to the root, as reached through name.
func (f *FS) chain(name string) []string {
	var out []string
	for {
		if full, err := f.join("readdir", name); err == nil {
			if real, err := filepath.EvalSymlinks(full); err == nil {
				out = append(out, real)
			}
		}
		if name == "." {
			return out
		}
		name = path.Dir(name)
	}
}

// link resolves the link p, an entry of a folder whose chain (see
// FS.chain) is given, to the entry it is listed as, or to the problem that
// leaves it out.
func (f *FS) link(p string, chain []string) (fs.DirEntry, *Problem) {
	full, err := f.join("readdir", p)
	if err != nil {
		return nil, &Problem{Path: p, Kind: Missing}
	}
	real, err := filepath.EvalSymlinks(full)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			text, _ := os.Readlink(full)
			return nil, &Problem{Path: p, Kind: Missing, Target: text}
		}
		return nil, &Problem{Path: p, Kind: Loop}
	}
	if !within(f.real, real) {
		return nil, &Problem{Path: p, Kind: Outside, Target: real}
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, &Problem{Path: p, Kind: Missing, Target: real}
	}
	switch {
	case info.IsDir():
		for _, c := range chain {
			if within(real, c) {
				return nil, &Problem{Path: p, Kind: Cycle, Target: f.display(real)}
			}
		}
	case !info.Mode().IsRegular():
		return nil, &Problem{Path: p, Kind: Special}
	}
	return linkEntry{fs.FileInfoToDirEntry(renamed{info, path.Base(p)}), real}, nil
}

// linkEntry is a link listed as what it leads to, whose real path it
// keeps.
type linkEntry struct {
	fs.DirEntry
	real string
}

// display returns a real path inside the site as a slash path from the
// root ("." for the root itself).
func (f *FS) display(real string) string {
	rel, err := filepath.Rel(f.real, real)
	switch {
	case err != nil:
		return real
	case rel == ".":
		return "the site's folder"
	}
	return filepath.ToSlash(rel)
}

// Check returns the problem of the path name, found at the first link (or
// other entry) on the way that the FS leaves out, or nil when name can be
// read or simply does not exist.
func (f *FS) Check(name string) *Problem {
	if !fs.ValidPath(name) || name == "." {
		return nil
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		p := strings.Join(parts[:i+1], "/")
		full, err := f.join("lstat", p)
		if err != nil {
			return nil
		}
		info, err := os.Lstat(full)
		if err != nil {
			return nil // gone, or not a folder on the way: nothing to read
		}
		switch t := info.Mode().Type(); {
		case t.IsRegular() || t.IsDir():
		case t&fs.ModeSymlink != 0:
			if _, prob := f.link(p, f.chain(path.Dir(p))); prob != nil {
				return prob
			}
		default:
			return &Problem{Path: p, Kind: Special}
		}
	}
	return nil
}

// Problems walks the folder dir and returns the problems of every entry
// left out under it (dir itself included), sorted by path. skip, when not
// nil, leaves out a path, and everything under a folder, from the walk.
// A dir that does not exist has no problems.
func (f *FS) Problems(dir string, skip func(p string, isDir bool) bool) ([]Problem, error) {
	if prob := f.Check(dir); prob != nil {
		return []Problem{*prob}, nil
	}
	info, err := f.Stat(dir)
	if errors.Is(err, fs.ErrNotExist) || err == nil && !info.IsDir() {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []Problem
	var walk func(dir, real string) error
	walk = func(dir, real string) error {
		entries, problems, err := f.list(dir, real)
		if err != nil {
			return err
		}
		for _, prob := range problems {
			if skip == nil || !skip(prob.Path, false) {
				out = append(out, prob)
			}
		}
		for _, e := range entries {
			p := path.Join(dir, e.Name())
			if !e.IsDir() || skip != nil && skip(p, true) {
				continue
			}
			sub := filepath.Join(real, e.Name())
			if l, ok := e.(linkEntry); ok {
				sub = l.real
			}
			if err := walk(p, sub); err != nil {
				return err
			}
		}
		return nil
	}
	real, _, err := f.stat("readdir", dir)
	if err != nil {
		return nil, err
	}
	if err := walk(dir, real); err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b Problem) int { return strings.Compare(a.Path, b.Path) })
	return out, nil
}
