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

	"github.com/ladder-ssg/ladder/internal/colour"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/render"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/sitefs"
)

// staticDir is the folder of the site whose files are published as they
// are.
const staticDir = "static"

// wellKnown is the hidden folder of static/ that is always published: the
// place of security.txt, change-password and the like (RFC 8615).
const wellKnown = ".well-known"

// checkFiles reports what the site's FS leaves out of the folders a build
// reads (links that lead outside the site, loops, links to nothing; see
// package sitefs), each at its path, and checks the [static] include list
// of site.toml.
//
// Example: static/shadow -> /etc/shadow. Discussion: os.DirFS would
// follow the link and publish the file; a link that leaves the site is an
// error, so that nothing from outside is published unnoticed. A link that
// leads nowhere or back to where it is publishes nothing and leaks
// nothing: a warning, and the rest of the site builds.
func (p *Project) checkFiles(cfg site.Config, src site.Source) (diag.List, error) {
	var diags diag.List
	checkInclude(cfg, src, p.FS, &diags)
	checkBrand(cfg, src, p.FS, &diags)
	sfs, ok := p.FS.(*sitefs.FS)
	if !ok {
		return diags, nil
	}
	hiddenName := func(q string, _ bool) bool { return strings.HasPrefix(path.Base(q), ".") }
	include := includeSet(cfg)
	dirs := []struct {
		dir  string
		skip func(string, bool) bool
	}{
		{path.Clean(cfg.ContentDir), hiddenName},
		{staticDir, func(q string, _ bool) bool { return hidden(strings.TrimPrefix(q, staticDir+"/"), include) }},
		{"layouts", hiddenName},
		{path.Join("themes", cfg.Theme, "layouts"), hiddenName},
		{path.Join("themes", cfg.Theme, "assets"), hiddenName},
	}
	for _, d := range dirs {
		problems, err := sfs.Problems(d.dir, d.skip)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", d.dir, err)
		}
		for _, prob := range problems {
			diags.Append(problemDiag(prob))
		}
	}
	return diags, nil
}

// FileChecks keeps the problems that the last walk of a site's folders
// found (see checkFiles) between compilations of the same site, as the dev
// server makes after each change. A walk lists every folder of the site,
// which on a large site costs more than the rest of a rebuild; most
// changes cannot bring a new problem, so a compilation walks again only
// when a changed path is site.toml, lies outside the content folder, or is
// now a link, a folder or anything but a regular file. Otherwise the kept
// problems stand, less those at or under the changed paths. The kept list
// is never modified: each compilation gets its own copy. A FileChecks is
// safe for concurrent use.
type FileChecks struct {
	mu    sync.Mutex
	valid bool
	diags diag.List
}

// NewFileChecks returns an empty FileChecks: the next compilation walks.
func NewFileChecks() *FileChecks { return &FileChecks{} }

// check returns the problems of p's files after the changes in changed
// (nil when any file may have changed); src is the configuration's Source,
// for the positions of its keys. A nil FileChecks always walks.
func (c *FileChecks) check(p *Project, cfg site.Config, src site.Source, changed []string) (diag.List, error) {
	if c == nil {
		return p.checkFiles(cfg, src)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.valid && changed != nil && !p.mayBringProblems(cfg, changed) {
		kept := slices.DeleteFunc(slices.Clone(c.diags), func(d diag.Diagnostic) bool {
			for _, ch := range changed {
				if d.Pos.File == ch || strings.HasPrefix(d.Pos.File, ch+"/") {
					return true
				}
			}
			return false
		})
		c.diags = kept
		return slices.Clone(kept), nil
	}
	diags, err := p.checkFiles(cfg, src)
	if err != nil {
		c.valid = false
		return nil, err
	}
	c.valid, c.diags = true, diags
	return slices.Clone(diags), nil
}

// mayBringProblems reports whether a change in changed could bring a
// problem that checkFiles finds or settle one of the [static] include
// list: see FileChecks.
func (p *Project) mayBringProblems(cfg site.Config, changed []string) bool {
	if p.Dir == "" {
		return true
	}
	content := path.Clean(cfg.ContentDir)
	for _, ch := range changed {
		ch = path.Clean(ch)
		if content == "." || ch == content || !strings.HasPrefix(ch, content+"/") {
			return true // site.toml, static/, layouts/, themes/, or the folder itself
		}
		info, err := os.Lstat(filepath.Join(p.Dir, filepath.FromSlash(ch)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Removed: its problems, if any, go with it.
		case err != nil || !info.Mode().IsRegular():
			return true
		}
	}
	return false
}

// problemDiag turns a problem of the site's FS into a diagnostic at the
// path of the entry.
func problemDiag(prob sitefs.Problem) diag.Diagnostic {
	d := diag.Diagnostic{Pos: diag.Pos{File: prob.Path, Line: 1, Col: 1}, Severity: diag.Warning, Rule: "site-file", Msg: prob.Error() + "; it is left out"}
	switch prob.Kind {
	case sitefs.Outside:
		d.Severity, d.Msg = diag.Error, prob.Error()
		d.Hint = "copy the file or folder into the site instead of linking to it: nothing from outside the site is published"
	case sitefs.Missing:
		d.Hint = "fix the link, or remove it"
	case sitefs.Loop:
		d.Hint = "remove the link, or point it at a file"
	case sitefs.Cycle:
		d.Hint = "remove the link, or point it at a folder that does not hold it"
	default:
		d.Hint = "remove it from the site"
	}
	return d
}

// includeSet returns the paths of static/ that [static] include lists.
func includeSet(cfg site.Config) map[string]bool {
	set := map[string]bool{wellKnown: true}
	for _, p := range cfg.Static.Include {
		set[strings.Trim(p, "/")] = true
	}
	return set
}

// hidden reports whether the path p under static/ is left out of the
// published site: it, or a folder on its way, has a name that starts with
// a dot and is not listed in include.
//
// Example: static/.git/config, static/.env, static/img/.DS_Store.
// Discussion: a static folder is often a copy of another project's files,
// with its repository, secrets and the desktop's litter; publishing them by
// default would expose them on the intranet.
func hidden(p string, include map[string]bool) bool {
	if p == "." || p == "" {
		return false
	}
	for i := 0; i < len(p); {
		j := strings.IndexByte(p[i:], '/')
		end := len(p)
		if j >= 0 {
			end = i + j
		}
		if p[i] == '.' && !include[p[:end]] {
			return true
		}
		i = end + 1
	}
	return false
}

// checkInclude reports entries of [static] include that cannot do
// anything.
//
// Example: include = ["../secrets"], include = [".htacess"]. Discussion:
// a typo must not silently leave a file out; a path that leaves static/
// would publish what was never meant to be.
func checkInclude(cfg site.Config, src site.Source, fsys fs.FS, diags *diag.List) {
	for i, p := range cfg.Static.Include {
		key := fmt.Sprintf("static.include[%d]", i)
		clean := strings.Trim(p, "/")
		switch {
		case clean == "" || !fs.ValidPath(clean) || clean == "." || strings.Contains(p, "\\"):
			diags.Add("static-include", src.Value(key), `write a slash path under static/, such as ".htaccess" or "docs/.nojekyll"`,
				"invalid path %q in [static] include", p)
		case !hidden(clean, map[string]bool{}):
			diags.Warn("static-include", src.Value(key), "list only hidden files and folders (names that start with a dot): the others are published anyway",
				"static/%s is not hidden", clean)
		default:
			if _, err := fs.Stat(fsys, path.Join(staticDir, clean)); err != nil {
				diags.Warn("static-include", src.Value(key), "check the spelling, or remove the entry", "static/%s does not exist", clean)
			}
		}
	}
}

// brandImages are the extensions of the images that [brand] logo and
// favicon may name: the ones browsers show as an icon and in <img>.
var brandImages = []string{".svg", ".png", ".ico", ".jpg", ".jpeg", ".gif", ".webp", ".avif"}

// themeLight are the light backgrounds of the default theme that brand
// text is drawn on (--bg, --surface), and the text drawn on the brand
// colour (--accent-text).
var themeLight = []colour.RGB{{R: 0xff, G: 0xff, B: 0xff}, {R: 0xf5, G: 0xf7, B: 0xfa}}

// checkBrand reports a [brand] logo or favicon that is not an image under
// static/, and a colour that is not one or is too light to read.
//
// Example: logo = "img/logo.svg" with no static/img/logo.svg; color =
// "#ffcc00". Discussion: a missing logo is a broken image on every page;
// links and buttons drawn in a pale colour fail WCAG AA for every reader,
// so the hint gives the nearest darker shade that passes.
func checkBrand(cfg site.Config, src site.Source, fsys fs.FS, diags *diag.List) {
	include := includeSet(cfg)
	for _, f := range []struct{ key, val string }{{"brand.logo", cfg.Brand.Logo}, {"brand.favicon", cfg.Brand.Favicon}} {
		if f.val == "" {
			continue
		}
		pos := src.Value(f.key)
		clean := strings.TrimPrefix(f.val, "/")
		ext := strings.ToLower(path.Ext(clean))
		switch {
		case !fs.ValidPath(clean) || clean == "." || strings.Contains(f.val, "\\"):
			diags.Add("brand-file", pos, `write a slash path under static/, such as "logo.svg" or "img/logo.png"`, "invalid path %q in %s", f.val, f.key)
		case !slices.Contains(brandImages, ext):
			diags.Add("brand-file", pos, "use one of "+strings.Join(brandImages, " "), "%s %q is not an image file", f.key, f.val)
		case hidden(clean, include):
			diags.Add("brand-file", pos, "move it out of the hidden folder, or list it in [static] include", "static/%s is hidden and not published", clean)
		default:
			if info, err := fs.Stat(fsys, path.Join(staticDir, clean)); err != nil || info.IsDir() {
				diags.Add("brand-file", pos, "put the image in static/, or correct the path", "static/%s does not exist", clean)
			}
		}
	}
	if cfg.Brand.Color == "" {
		return
	}
	pos := src.Value("brand.color")
	c, err := colour.Parse(cfg.Brand.Color)
	if err != nil {
		diags.Add("brand-color", pos, `for example "#0a58a8"`, "%v", err)
		return
	}
	worst := colour.Contrast(c, themeLight[0])
	for _, bg := range themeLight[1:] {
		worst = min(worst, colour.Contrast(c, bg))
	}
	if worst < 4.5 {
		hint := "choose a darker shade"
		if d, ok := colour.Darken(c, 4.5, themeLight...); ok {
			hint = fmt.Sprintf("the nearest darker shade that passes is %q", d.String())
		}
		diags.Warn("brand-color", pos, hint,
			"brand color %s has a contrast of %.2f:1 with the theme's light backgrounds and white button text; WCAG AA needs 4.5:1 for text", c, worst)
	}
}

// static returns the site's static/ folder as it is published: without
// the hidden files and folders that site.toml does not include; nil when
// the site has none.
func (p *Project) static(cfg site.Config) fs.FS {
	sub := p.sub(staticDir)
	if sub == nil {
		return nil
	}
	return publishedFS{sub, includeSet(cfg)}
}

// publishedFS is a static folder without its hidden entries (see hidden).
type publishedFS struct {
	fsys    fs.FS
	include map[string]bool
}

func (f publishedFS) check(op, name string) error {
	if hidden(name, f.include) {
		return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return nil
}

// Open opens name, unless it is hidden.
func (f publishedFS) Open(name string) (fs.File, error) {
	if err := f.check("open", name); err != nil {
		return nil, err
	}
	return f.fsys.Open(name)
}

// ReadFile reads name, unless it is hidden.
func (f publishedFS) ReadFile(name string) ([]byte, error) {
	if err := f.check("read", name); err != nil {
		return nil, err
	}
	return fs.ReadFile(f.fsys, name)
}

// Stat describes name, unless it is hidden.
func (f publishedFS) Stat(name string) (fs.FileInfo, error) {
	if err := f.check("stat", name); err != nil {
		return nil, err
	}
	return fs.Stat(f.fsys, name)
}

// ReadDir lists name without its hidden entries.
func (f publishedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := f.check("readdir", name); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(f.fsys, name)
	out := entries[:0]
	for _, e := range entries {
		if !hidden(path.Join(name, e.Name()), f.include) {
			out = append(out, e)
		}
	}
	return out, err
}

// collisions reports the files of static (as published) whose output
// path is that of a page the site generates or of a theme asset.
//
// Example: static/index.html, static/data/framework.json,
// static/assets/style.css. Discussion: one of the two would silently
// replace the other in the output; which one the author meant cannot be
// guessed.
func collisions(r *render.Renderer, theme, static fs.FS, themeName string) diag.List {
	if static == nil {
		return nil
	}
	var diags diag.List
	fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		pos := diag.Pos{File: path.Join(staticDir, p), Line: 1, Col: 1}
		if spec, ok := r.Lookup(p); ok {
			what, hint := "file "+spec.URL, "rename or move the static file: ladder writes this file itself"
			if path.Ext(p) == ".html" {
				what = "page " + spec.URL
				hint = "rename or move the static file: ladder writes this page itself (to change it, edit its content or override its template under layouts/)"
			}
			if c := site.CommonOf(spec.Entity); c != nil && c.Src.File != "" {
				what += " (made from " + c.Src.File + ")"
			}
			diags.Add("static-clash", pos, hint, "static file would replace the generated %s", what)
			return nil
		}
		if rest, ok := strings.CutPrefix(p, "assets/"); ok {
			if _, err := fs.Stat(theme, path.Join("assets", rest)); err == nil {
				diags.Add("static-clash", pos, fmt.Sprintf("rename or move the static file; to change the theme's files, copy the theme to themes/%s/ and edit it there", themeName),
					"static file would replace the theme's asset %s", p)
			}
		}
		return nil
	})
	return diags
}
