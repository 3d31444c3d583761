package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Guard says which directories an output must stay clear of.
type Guard struct {
	// Source is the site's directory; "" when the site has none on disk.
	// The output may be neither this directory nor one that contains it.
	Source string
	// Inputs are directories the site is read from (its content, layouts,
	// static files and themes); the output may not be inside any of them,
	// where the next build would read it back.
	Inputs []string
}

// RefusedError means that a directory cannot be used as the output: it is
// the site, holds it, lies inside what the site reads, or is not an earlier
// build. Nothing was written or removed.
type RefusedError struct {
	Dir    string // the directory as given
	Reason string // why, lower case
	Hint   string // what to do
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to write the site into %s: %s", e.Dir, e.Reason)
}

// resolve returns the absolute form of p with every symbolic link in its
// existing part resolved, so that two names for one directory compare equal.
func resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	cur, rest := abs, ""
	for {
		real, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		if _, lerr := os.Lstat(cur); lerr == nil {
			return "", fmt.Errorf("%s is a symbolic link to a missing target", cur)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether p is dir or inside it; both are resolved paths.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// state is what check found at the destination.
type state struct {
	exists bool
	prev   marker // the marker of an earlier build, when exists and not empty
	empty  bool   // exists and holds nothing (or only lost+found)
}

// place decides whether real (the resolved form of dir, as the user gave
// it) is a place the output may go, by its path alone.
func (g Guard) place(dir, real string) error {
	refuse := func(reason, hint string) error {
		return &RefusedError{Dir: dir, Reason: reason, Hint: hint}
	}
	if g.Source != "" {
		src, err := resolve(g.Source)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", g.Source, err)
		}
		switch {
		case real == src:
			return refuse("it is the site's own folder, which holds site.toml and content/",
				"choose a folder of its own, such as the default build/ inside the site")
		case within(src, real):
			return refuse(fmt.Sprintf("it contains the site (%s)", g.Source),
				"choose a folder of its own, such as the default build/ inside the site")
		}
	}
	for _, in := range g.Inputs {
		r, err := resolve(in)
		if err != nil {
			return fmt.Errorf("resolve %s: %w", in, err)
		}
		if within(real, r) {
			return refuse(fmt.Sprintf("it is inside %s, which the site is read from", in),
				"choose a folder outside the site's content, layouts, static and themes folders, such as the default build/")
		}
		if within(r, real) {
			return refuse(fmt.Sprintf("it contains %s, which the site is read from", in),
				"choose a folder of its own, such as the default build/ inside the site")
		}
	}
	return nil
}

// inspect looks at what is at real (the resolved form of dir) and decides
// whether it may be replaced: nothing, an empty folder, or an earlier build
// holding only the files its marker lists.
func inspect(dir, real string) (state, error) {
	refuse := func(reason, hint string) (state, error) {
		return state{}, &RefusedError{Dir: dir, Reason: reason, Hint: hint}
	}
	info, err := os.Lstat(real)
	if errors.Is(err, fs.ErrNotExist) {
		return state{}, nil
	}
	if err != nil {
		return state{}, fmt.Errorf("open %s: %w", dir, err)
	}
	if !info.IsDir() {
		return refuse("it is not a folder", "choose a new or empty folder, or remove the file yourself")
	}
	entries, err := os.ReadDir(real)
	if err != nil {
		return state{}, fmt.Errorf("read %s: %w", dir, err)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if e.Name() != "lost+found" && e.Name() != lockName {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return state{exists: true, empty: true}, nil
	}
	m, err := readMarker(real)
	switch {
	case errors.Is(err, errNoMarker):
		if oldBuild(names) {
			return refuse("it looks like the output of an older ladder, which did not mark its output: it has no "+MarkerFile+" file, so nothing proves that ladder wrote it",
				fmt.Sprintf("if it is an old build, delete it once yourself (rm -r %s) and build again; from then on ladder replaces it safely", dir))
		}
		return refuse("it is not empty and is not an earlier ladder build (it has no "+MarkerFile+" file)",
			"choose a new or empty folder, or remove this one yourself if you no longer need it")
	case err != nil:
		return refuse(err.Error(), fmt.Sprintf("look at %s; if it is an old build, delete it yourself and build again", dir))
	case m.state != stateComplete:
		return refuse("it is a temporary folder of a ladder build that did not finish",
			"choose the output folder itself, not a temporary one")
	}
	s, err := strays(real, m, 3)
	if err != nil {
		return state{}, fmt.Errorf("read %s: %w", dir, err)
	}
	if len(s) > 0 {
		return refuse(fmt.Sprintf("it holds files that ladder did not write (%s)", strings.Join(s, ", ")),
			"files put into the output by hand would be lost: move them into the site's static/ folder to publish them with every build, or delete them")
	}
	return state{exists: true, prev: m}, nil
}

// oldBuild reports whether a folder holding names looks like the output of
// a ladder that wrote no marker: the pages and data files every build has,
// and no version-control folder.
func oldBuild(names []string) bool {
	for _, n := range []string{"index.html", "404.html", "sitemap.xml", "data"} {
		if !slices.Contains(names, n) {
			return false
		}
	}
	return !slices.Contains(names, ".git")
}

// strays returns up to max files under real that the marker m does not
// list (besides the marker and the lock), as slash paths.
func strays(real string, m marker, max int) ([]string, error) {
	listed := make(map[string]bool, len(m.files))
	for _, p := range m.files {
		listed[p] = true
	}
	var out []string
	err := filepath.WalkDir(real, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(real, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel == "lost+found" {
				return fs.SkipDir
			}
			return nil
		}
		if rel == MarkerFile || rel == markerTmp || rel == lockName || listed[rel] {
			return nil
		}
		out = append(out, rel)
		if len(out) >= max {
			return fs.SkipAll
		}
		return nil
	})
	return out, err
}
