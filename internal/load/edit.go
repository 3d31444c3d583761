package load

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Edits reads the changed paths again for an update in place of the last
// good site (the base recorded by Commit; changed must name every path
// changed since). It succeeds (ok is true) when every changed path under
// the content directory is either a content file of the base that still
// exists, reads without a problem, and defines the same entities as in the
// base (the same kinds, ids and draft flags, in the same order), or a new
// file of levels, competencies, courses, programs or pages that reads
// without a problem (an Edit without Old entities), or a file of those
// that was removed (an Edit without New entities). Paths that are not content
// files, such as an editor's temporary files, are passed over, and so are
// files as they were in the base. The edits are returned, and their
// results kept for the next load. Otherwise ok is false, nothing is kept,
// and Load(fsys, opts, changed) is the way to take in the change.
func (l *Loader) Edits(fsys fs.FS, changed []string) (edits []site.Edit, ok bool) {
	if l.conv == nil || l.base == nil || len(changed) == 0 {
		return nil, false
	}
	type update struct {
		file string
		r    *fileResult // nil: the file is gone
	}
	var updates []update
	for _, c := range changed {
		f := path.Clean(c)
		if !underDir(f, l.contentDir) {
			return nil, false
		}
		if !isContentFile(f) {
			// An editor's temporary file, gone after an atomic save, or
			// a file that is not content: nothing to load. A directory
			// is another matter: it may hold content.
			if l.holdsContent(fsys, f) {
				return nil, false
			}
			continue
		}
		text, err := fs.ReadFile(fsys, f)
		gone := errors.Is(err, fs.ErrNotExist)
		if err != nil && !gone {
			return nil, false
		}
		old, inBase := l.base[f]
		switch {
		case !inBase && gone:
			updates = append(updates, update{f, nil}) // came and went since
			continue
		case !inBase:
			r, ok := l.added(f, text)
			if !ok {
				return nil, false
			}
			updates = append(updates, update{f, r})
			edits = append(edits, site.Edit{File: f, Lines: r.lines, New: r.entities})
			continue
		case gone:
			if !l.removable(f) || len(old.entities) == 0 {
				return nil, false
			}
			updates = append(updates, update{f, nil})
			edits = append(edits, site.Edit{File: f, Old: old.entities})
			continue
		}
		r := old
		if !bytes.Equal(old.lines.Text(), text) {
			if cached, ok := l.cache[f]; ok && bytes.Equal(cached.lines.Text(), text) {
				r = cached
			} else {
				r = parseFile(l.conv, l.contentDir, f, text)
			}
			if len(r.diags) > 0 || r.home != old.home || !sameEntities(old.entities, r.entities) {
				return nil, false
			}
			edits = append(edits, site.Edit{File: f, Lines: r.lines, Home: r.home, Old: old.entities, New: r.entities})
		}
		updates = append(updates, update{f, r})
	}
	for _, u := range updates {
		i, found := slices.BinarySearch(l.files, u.file)
		switch {
		case u.r == nil:
			if found {
				l.files = slices.Delete(l.files, i, i+1)
			}
			delete(l.cache, u.file)
		default:
			if !found {
				l.files = slices.Insert(l.files, i, u.file)
			}
			l.cache[u.file] = u.r
		}
	}
	return edits, true
}

// removable reports whether content file f defines levels, competencies,
// courses, programs or pages, which may come and go in an update in
// place. A track, or the home page, is loaded again with the whole site.
func (l *Loader) removable(f string) bool {
	switch kind, _ := kindOf(strings.TrimPrefix(f, l.contentDir+"/")); kind {
	case "level", "competency", "course", "program", "page":
		return true
	}
	return false
}

// added parses a content file that is not in the base (see removable for
// the files that qualify).
func (l *Loader) added(f string, text []byte) (*fileResult, bool) {
	if !l.removable(f) {
		return nil, false
	}
	r := parseFile(l.conv, l.contentDir, f, text)
	if len(r.diags) > 0 {
		return nil, false
	}
	return r, true
}

// holdsContent reports whether p, a path that is not a content file's, is
// a directory now or held content files in the base or at the last load.
func (l *Loader) holdsContent(fsys fs.FS, p string) bool {
	if info, err := fs.Stat(fsys, p); err == nil && info.IsDir() {
		return true
	}
	for _, files := range [][]string{l.baseFiles, l.files} {
		i, _ := slices.BinarySearch(files, p+"/")
		if i < len(files) && strings.HasPrefix(files[i], p+"/") {
			return true
		}
	}
	return false
}

// underDir reports whether slash path p lies under dir.
func underDir(p, dir string) bool {
	return len(p) > len(dir)+1 && p[:len(dir)] == dir && p[len(dir)] == '/'
}

// sameEntities reports whether two lists of entities have the same kinds,
// ids and draft flags, in order.
func sameEntities(a, b []any) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if site.KindOf(a[i]) != site.KindOf(b[i]) {
			return false
		}
		ca, cb := common(a[i]), common(b[i])
		if ca.ID != cb.ID || ca.Draft != cb.Draft {
			return false
		}
		if la, ok := a[i].(*site.Level); ok && la.FullID() != b[i].(*site.Level).FullID() {
			return false
		}
	}
	return true
}
