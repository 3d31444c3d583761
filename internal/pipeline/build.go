// Package pipeline wires the stages together for one site: it finds the site's
// files (a directory, or the example built into the binary), then loads,
// checks and prepares the renderer. The CLI's build, check and path commands
// and the dev server all compile a site through Project.Compile, so they see
// exactly the same content and the same diagnostics.
package pipeline

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

	"github.com/BurntSushi/toml"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/sitefs"
	"github.com/ladder-ssg/ladder/internal/themefs"
)

// Project is a site's files: its root, and the theme, layout overrides and
// static files that go with it.
//
// A project on disk reads its files through a sitefs.FS, which leaves out
// links that lead outside the site and other entries that cannot be read
// safely; every compilation reports them (see checkFiles). Hidden files of
// static/ are not published unless site.toml includes them, and a static
// file may not replace a generated one (see collisions).
type Project struct {
	Dir      string // the site's directory on disk; "" for the embedded example
	FS       fs.FS  // the site root: site.toml, content/, layouts/, static/, themes/
	Embedded bool   // the example built into the binary
}

// ErrNoSite is the error of Find and Open when there is no site.toml where
// they look: a mistake in the command line, not a failure.
var ErrNoSite = errors.New("no site")

// NoSiteError says where no site was found and how to start one.
type NoSiteError struct {
	Where string // "the current directory or any folder above it", or a directory
}

func (e *NoSiteError) Error() string {
	return fmt.Sprintf("no %s in %s: run ladder in a site's folder (or any folder inside it), give --src DIR, or create a site with ladder init DIR", load.ConfigFile, e.Where)
}

// Is makes a NoSiteError match ErrNoSite.
func (e *NoSiteError) Is(target error) bool { return target == ErrNoSite }

// Find returns the site's directory that holds dir: dir itself or the
// nearest folder above it with a site.toml, as git finds a repository from
// any folder inside it. The error is a *NoSiteError when there is none.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find the site from %s: %w", dir, err)
	}
	for d := abs; ; {
		if info, err := os.Stat(filepath.Join(d, load.ConfigFile)); err == nil && !info.IsDir() {
			if d == abs {
				return dir, nil
			}
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			where := "the current directory or any folder above it"
			if dir != "." && dir != "" {
				where = dir + " or any folder above it"
			}
			return "", &NoSiteError{Where: where}
		}
		d = parent
	}
}

// Open returns the project in dir. When dir holds no site.toml and
// allowExample is set, the example built into the binary is used instead.
func Open(dir string, allowExample bool) (*Project, error) {
	if _, err := os.Stat(filepath.Join(dir, load.ConfigFile)); err != nil {
		if errors.Is(err, fs.ErrNotExist) && allowExample {
			return &Project{FS: ladder.Example(), Embedded: true}, nil
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &NoSiteError{Where: displayDir(dir)}
		}
		return nil, fmt.Errorf("open site %s: %w", dir, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open site %s: %w", dir, err)
	}
	fsys, err := sitefs.New(abs)
	if err != nil {
		return nil, err
	}
	return &Project{Dir: abs, FS: fsys}, nil
}

func displayDir(dir string) string {
	if dir == "." || dir == "" {
		return "the current directory"
	}
	return dir
}

// Theme returns the theme named in the configuration: themes/<name>/ in the
// site when it exists, else the built-in default theme. A theme whose
// theme.toml says extends = "<parent>" holds only what it changes: its
// files are laid over its parent's (see package themefs), and a parent may
// extend another, up to the built-in default.
func (p *Project) Theme(name string) (fs.FS, error) {
	return p.theme(name, nil)
}

// maxThemeDepth bounds a chain of themes that extend each other.
const maxThemeDepth = 8

func (p *Project) theme(name string, chain []string) (fs.FS, error) {
	if name == "" {
		name = "default"
	}
	if slices.Contains(chain, name) || len(chain) > maxThemeDepth {
		return nil, fmt.Errorf("themes extend each other in a loop: %s → %s: make one of them extend \"default\"", strings.Join(chain, " → "), name)
	}
	dir := path.Join("themes", name)
	info, err := fs.Stat(p.FS, dir)
	if err != nil || !info.IsDir() || p.Embedded {
		if name == "default" {
			return ladder.DefaultTheme(), nil
		}
		if len(chain) > 0 {
			return nil, fmt.Errorf("themes/%s/theme.toml: extends = %q, which is neither a folder under themes/ nor \"default\"", chain[len(chain)-1], name)
		}
		return nil, fmt.Errorf("theme %q not found: create themes/%s/ with layouts/ and assets/, or set theme = \"default\" in site.toml", name, name)
	}
	own, err := fs.Sub(p.FS, dir)
	if err != nil {
		return nil, err
	}
	parent, err := themeParent(own, name)
	if err != nil || parent == "" {
		return own, err
	}
	if parent == name && name == "default" {
		// A site's themes/default extending the built-in default theme:
		// an ejected theme trimmed to the files it changes.
		return themefs.Overlay(own, ladder.DefaultTheme()), nil
	}
	base, err := p.theme(parent, append(chain, name))
	if err != nil {
		return nil, err
	}
	return themefs.Overlay(own, base), nil
}

// ThemeConfig is a theme's theme.toml.
type ThemeConfig struct {
	// Extends names the theme this one changes: a folder under themes/, or
	// "default" for the built-in theme.
	Extends string `toml:"extends"`
}

// themeParent reads the extends key of a theme's theme.toml; "" when the
// theme has no theme.toml or extends nothing.
func themeParent(theme fs.FS, name string) (string, error) {
	data, err := fs.ReadFile(theme, "theme.toml")
	if errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read themes/%s/theme.toml: %w", name, err)
	}
	var cfg ThemeConfig
	md, err := toml.Decode(string(data), &cfg)
	if err != nil {
		return "", fmt.Errorf("themes/%s/theme.toml: %w", name, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		return "", fmt.Errorf("themes/%s/theme.toml: unknown key %q: a theme.toml knows only extends", name, keys[0].String())
	}
	return cfg.Extends, nil
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
	// Archive marks the pages as those of an earlier release published
	// beside the current site (see render.Archive); nil for a current site.
	Archive *render.Archive
	// DeferWarnings leaves the warnings out of Result.Diags and gives
	// Result.Warnings to compute them later, so that the dev server can send
	// a new page to the browser first.
	DeferWarnings bool
	// Cache, when not nil, keeps per-track warnings between compilations
	// of the same site (see check.Cache).
	Cache *check.Cache
	// Files, when not nil, keeps the problems of the site's files between
	// compilations of the same site (see FileChecks).
	Files *FileChecks
	// StableNames keeps the plain names of assets and data files (see
	// render.Options): for the dev server.
	StableNames bool
	// RenderCache, when not nil, keeps the parsed templates and the
	// minified assets between compilations of the same site (see
	// render.Cache).
	RenderCache *render.Cache
	// TextCache, when not nil, keeps the parse of the interface's
	// language files between compilations (see i18n.Cache).
	TextCache *i18n.Cache
}

// Result is a compiled site. Renderer is nil when the diagnostics hold
// errors.
type Result struct {
	Site *site.Site
	// Texts are the texts of the site's files, for printing Diags and
	// Warnings with their source lines. The Site does not hold them, so
	// that a caller done with the diagnostics can let go of them.
	Texts    site.Texts
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
	s, srcs, diags, err := l.Load(p.FS, load.Options{Drafts: opts.Drafts}, changed)
	if err != nil {
		return nil, err
	}
	cfgSrc := srcs.Of(s.Config.Src)
	files, err := opts.Files.check(p, s.Config, cfgSrc, changed)
	if err != nil {
		return nil, err
	}
	diags = append(diags, files...)
	// The interface's texts depend on the configuration alone: read them
	// on another core while the site is checked.
	var (
		catalog *i18n.Catalog
		tdiags  diag.List
		terr    error
		read    sync.WaitGroup
	)
	cfg := s.Config
	read.Go(func() { catalog, tdiags, terr = p.texts(cfg, cfgSrc.Value("language"), opts.TextCache) })
	errs, warnings := check.Resolve(s, srcs, opts.Cache)
	read.Wait()
	if terr != nil {
		return nil, terr
	}
	diags = append(diags, tdiags...)
	diags = append(diags, errs...)
	res := &Result{Site: s, Texts: srcs}
	ignore := s.Config.Check.Ignore
	if opts.DeferWarnings {
		res.Warnings = func() diag.List { return warnings().Ignore(ignore) }
	} else {
		diags = append(diags, warnings()...)
	}
	diags = diags.Ignore(ignore)
	diags.Sort()
	res.Diags = diags
	if diags.Errors() > 0 {
		return res, nil
	}
	r, clashes, err := p.renderer(s, opts, catalog)
	if err != nil {
		return nil, err
	}
	if len(clashes) > 0 {
		res.Diags = append(res.Diags, clashes...)
		res.Diags.Sort()
		return res, nil
	}
	res.Renderer = r
	return res, nil
}

// renderer prepares the Renderer of s with the project's theme, layouts
// and static files, and reports the static files that would replace a
// generated file (errors: the Renderer must not be used then).
func (p *Project) renderer(s *site.Site, opts Options, texts *i18n.Catalog) (*render.Renderer, diag.List, error) {
	theme, err := p.Theme(s.Config.Theme)
	if err != nil {
		return nil, nil, err
	}
	static := p.static(s.Config)
	r, err := render.New(s, theme, p.sub("layouts"), static, render.Options{
		BaseURL: opts.BaseURL, Drafts: opts.Drafts, Generator: opts.Generator, Texts: texts, Archive: opts.Archive,
		StableNames: opts.StableNames, Cache: opts.RenderCache,
	})
	if err != nil {
		return nil, nil, err
	}
	return r, collisions(r, theme, static, s.Config.Theme), nil
}

// texts reads the interface's texts in the site's language (see package
// i18n): the built-in theme's i18n/ files, under those of the site's theme
// (when it is not the built-in one), under the site's own i18n/, key by
// key. The diagnostics are the files' errors and the texts the language
// lacks; the error is for a theme that cannot be found or files that
// cannot be read. lang is the position of the configuration's language.
func (p *Project) texts(cfg site.Config, lang diag.Pos, cache *i18n.Cache) (*i18n.Catalog, diag.List, error) {
	builtin, err := fs.Sub(ladder.DefaultTheme(), "i18n")
	if err != nil {
		return nil, nil, err
	}
	layers := []i18n.Layer{{FS: builtin, Dir: "themes/default/i18n"}}
	if theme, err := p.Theme(cfg.Theme); err == nil {
		if sub, err := fs.Sub(theme, "i18n"); err == nil {
			if _, err := fs.Stat(sub, "."); err == nil {
				layers = append(layers, i18n.Layer{FS: sub, Dir: path.Join("themes", cfg.Theme, "i18n")})
			}
		}
	}
	layers = append(layers, i18n.Layer{FS: p.sub("i18n"), Dir: "i18n", Site: true})
	return cache.Load(cfg.Language, lang, layers...)
}
