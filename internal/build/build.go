// Package build wires the stages together for one site: it finds the site's
// files (a directory, or the example built into the binary), then loads,
// checks and prepares the renderer. The CLI's build, check and path commands
// and the dev server all compile a site through Project.Compile, so they see
// exactly the same content and the same diagnostics.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Project is a site's files: its root, and the theme, layout overrides and
// static files that go with it.
type Project struct {
	Dir      string // the site's directory on disk; "" for the embedded example
	FS       fs.FS  // the site root: site.toml, content/, layouts/, static/, themes/
	Embedded bool   // the example built into the binary
}

// Open returns the project in dir. When dir holds no site.toml and
// allowExample is set, the example built into the binary is used instead.
func Open(dir string, allowExample bool) (*Project, error) {
	if _, err := os.Stat(filepath.Join(dir, load.ConfigFile)); err != nil {
		if errors.Is(err, fs.ErrNotExist) && allowExample {
			return &Project{FS: ladder.Example(), Embedded: true}, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no %s in %s: run ladder in a site directory, give --src DIR, or create a site with ladder init DIR", load.ConfigFile, displayDir(dir))
		}
		return nil, fmt.Errorf("open site %s: %w", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open site %s: %w", dir, err)
	}
	return &Project{Dir: abs, FS: os.DirFS(abs)}, nil
}

func displayDir(dir string) string {
	if dir == "." || dir == "" {
		return "the current directory"
	}
	return dir
}

// Theme returns the theme named in the configuration: themes/<name>/ in the
// site when it exists, else the built-in default theme.
func (p *Project) Theme(name string) (fs.FS, error) {
	if name == "" {
		name = "default"
	}
	dir := path.Join("themes", name)
	if info, err := fs.Stat(p.FS, dir); err == nil && info.IsDir() && !p.Embedded {
		return fs.Sub(p.FS, dir)
	}
	if name == "default" {
		return ladder.DefaultTheme(), nil
	}
	return nil, fmt.Errorf("theme %q not found: create themes/%s/ with layouts/ and assets/, or set theme = \"default\" in site.toml", name, name)
}

// sub returns the subdirectory dir of the site, or nil when it is absent.
func (p *Project) sub(dir string) fs.FS {
	if info, err := fs.Stat(p.FS, dir); err != nil || !info.IsDir() {
		return nil
	}
	s, err := fs.Sub(p.FS, dir)
	if err != nil {
		return nil
	}
	return s
}

// Options control a compilation.
type Options struct {
	Drafts    bool   // include drafts (and mark them)
	BaseURL   string // overrides base_url when not empty
	Generator string // the generator meta tag
	// DeferWarnings leaves the warnings out of Result.Diags and gives
	// Result.Warnings to compute them later, so that the dev server can send
	// a new page to the browser first.
	DeferWarnings bool
	// Cache, when not nil, keeps per-track warnings between compilations
	// of the same site (see check.Cache).
	Cache *check.Cache
}

// Result is a compiled site. Renderer is nil when the diagnostics hold
// errors.
type Result struct {
	Site     *site.Site
	Renderer *render.Renderer
	Diags    diag.List
	// Warnings computes the warnings when Options.DeferWarnings was set (nil
	// otherwise). Call it at most once.
	Warnings func() diag.List
}

// Compile loads and checks the site with l (which caches per-file results;
// changed lists the paths that changed since l's last load, or nil), and
// when it has no errors prepares its renderer. The error is for failures
// that are not the content's: unreadable files, broken templates.
func (p *Project) Compile(l *load.Loader, opts Options, changed []string) (*Result, error) {
	s, diags, err := l.Load(p.FS, load.Options{Drafts: opts.Drafts}, changed)
	if err != nil {
		return nil, err
	}
	errs, warnings := check.Resolve(s, opts.Cache)
	diags = append(diags, errs...)
	res := &Result{Site: s}
	if opts.DeferWarnings {
		res.Warnings = warnings
	} else {
		diags = append(diags, warnings()...)
	}
	diags.Sort()
	res.Diags = diags
	if diags.Errors() > 0 {
		return res, nil
	}
	r, err := p.renderer(s, opts)
	if err != nil {
		return nil, err
	}
	res.Renderer = r
	return res, nil
}

// renderer prepares the Renderer of s with the project's theme, layouts
// and static files.
func (p *Project) renderer(s *site.Site, opts Options) (*render.Renderer, error) {
	theme, err := p.Theme(s.Config.Theme)
	if err != nil {
		return nil, err
	}
	return render.New(s, theme, p.sub("layouts"), p.sub("static"), render.Options{
		BaseURL: opts.BaseURL, Drafts: opts.Drafts, Generator: opts.Generator,
	})
}

// Update is a rebuild in place of a good result, checked and ready to
// apply (see Session.Prepare).
type Update struct {
	prev     *Result
	opts     Options
	patch    *check.Patch     // content edits; nil when only templates, assets or static files changed
	renderer *render.Renderer // the new Renderer of the same site when patch is nil
	paths    []string         // the paths changed since prev
}

// Errors returns the errors the update brings, sorted, or nil: an edit
// that breaks a rule of its own (see check.Prepare). An update with errors
// must not be applied; Session.Reject takes it as a failed build.
func (u *Update) Errors() diag.List {
	if u.patch == nil {
		return nil
	}
	return u.patch.Errors()
}

// Sources returns the text of the site's files with the update's edits,
// for printing its errors.
func (u *Update) Sources() diag.Sources {
	if u.patch == nil {
		return u.prev.Site.Sources()
	}
	return u.patch.Sources()
}

// prepare readies a rebuild in place of prev, a good result made of l's
// base (see load.Loader.Commit), after the changes in changed, which must
// name every path changed since: see Session.Prepare.
func (p *Project) prepare(l *load.Loader, prev *Result, opts Options, changed []string) (*Update, bool) {
	if prev == nil || prev.Renderer == nil || prev.Diags.Errors() > 0 || len(changed) == 0 {
		return nil, false
	}
	if cfg := prev.Site.Config; !cfg.Src.Has("today") && !cfg.Today.Equal(load.Today()) {
		return nil, false // a new day: intakes open and close
	}
	if !touchesContent(changed, prev.Site.Config.ContentDir) {
		r, err := p.renderer(prev.Site, opts)
		if err != nil {
			return nil, false
		}
		return &Update{prev: prev, opts: opts, renderer: r, paths: changed}, true
	}
	edits, ok := l.Edits(p.FS, changed)
	if !ok {
		return nil, false
	}
	patch, ok := check.Prepare(prev.Site, edits, opts.Drafts)
	if !ok {
		return nil, false
	}
	return &Update{prev: prev, opts: opts, patch: patch, paths: changed}, true
}

// touchesContent reports whether a changed path is site.toml or lies in
// the content directory.
func touchesContent(changed []string, contentDir string) bool {
	contentDir = path.Clean(contentDir)
	for _, c := range changed {
		c = path.Clean(c)
		if c == load.ConfigFile || c == contentDir || strings.HasPrefix(c, contentDir+"/") || contentDir == "." {
			return true
		}
	}
	return false
}

// Apply updates the previous result's site in place and returns the new
// result, whose Renderer replaces the previous one. Nothing may read the
// site while Apply runs, and the previous Renderer must not draw anything
// afterwards. Apply may run once, and only on an update without errors.
func (u *Update) Apply() *Result {
	s := u.prev.Site
	res := &Result{Site: s, Renderer: u.renderer}
	if u.patch != nil {
		u.patch.Apply()
		res.Renderer = u.prev.Renderer.Refresh()
	}
	warnings := func() diag.List { return check.Warnings(s, u.opts.Cache) }
	if u.opts.DeferWarnings {
		res.Warnings = warnings
	} else {
		res.Diags = warnings()
	}
	return res
}

// Session compiles one project again after each change, as the dev server
// does: in place when it can (see Session.Prepare), else whole. It keeps
// the last result without errors and every path changed since, so that
// the edit that fixes the errors of the builds in between is taken in
// place too. A Session is used by one goroutine at a time.
type Session struct {
	p     *Project
	l     *load.Loader
	opts  Options
	good  *Result         // the last result without errors; nil when none can be updated
	dirty map[string]bool // the paths changed since good
}

// NewSession returns a Session that compiles p with opts.
func (p *Project) NewSession(opts Options) *Session {
	return &Session{p: p, l: load.NewLoader(), opts: opts, dirty: map[string]bool{}}
}

// Prepare readies an update in place of the last good result after the
// changes in changed and in the builds with errors since. It succeeds in
// two cases:
//
//   - every changed path is a content file that keeps its entities, or a
//     file of levels, competencies, courses, programs or pages that comes
//     or goes (see load.Loader.Edits), and check.Prepare accepts the
//     edits: Apply updates the site in place, unless the edits break
//     rules of their own (see Update.Errors, and Reject);
//   - no changed path is content or site.toml (only layouts, themes,
//     static files): the site stays as it is, and Apply gives it a new
//     Renderer, prepared here.
//
// Otherwise it returns false, and Compile takes in the change, and reports
// the errors that only a check of the whole site finds (a file that does
// not parse, a promotion loop, a broken template). Nothing is changed
// until Apply: the last good result stays usable meanwhile.
func (s *Session) Prepare(changed []string) (*Update, bool) {
	if s.good == nil || len(changed) == 0 {
		return nil, false
	}
	paths := changed
	if len(s.dirty) > 0 {
		set := maps.Clone(s.dirty)
		for _, c := range changed {
			set[c] = true
		}
		paths = slices.Sorted(maps.Keys(set))
	}
	return s.p.prepare(s.l, s.good, s.opts, paths)
}

// Reject takes an update from Prepare that brings errors as a failed
// build: the last good result stays, and the update's changes wait for the
// edit that fixes them.
func (s *Session) Reject(u *Update) {
	for _, p := range u.paths {
		s.dirty[p] = true
	}
}

// Apply applies an update from Prepare (see Update.Apply, whose rules
// hold) and returns its result, the new last good one.
func (s *Session) Apply(u *Update) *Result {
	res := u.Apply()
	s.good = res
	clear(s.dirty)
	s.l.Commit(u.paths...)
	return res
}

// Compile loads and checks the whole site after the changes in changed
// (nil when any file may have changed), as Project.Compile does.
func (s *Session) Compile(changed []string) (*Result, error) {
	res, err := s.p.Compile(s.l, s.opts, changed)
	switch {
	case err != nil || res.Renderer == nil && changed == nil:
		// The loader may have missed part of the change, or what changed
		// since the last good result is not known: only a whole
		// compilation can follow.
		s.good = nil
		clear(s.dirty)
	case res.Renderer == nil:
		for _, c := range changed {
			s.dirty[c] = true
		}
	default:
		s.good = res
		clear(s.dirty)
		s.l.Commit()
	}
	return res, err
}
