// Package render turns a checked site into the files of a static website.
//
// # Pages
//
// Every page of the site is listed up front by Pages, each with its output
// path and the template that draws it; Render draws one page, and All draws
// every page in parallel into an output.Output. Listing first and drawing on
// demand lets the dev server draw only the pages a browser asks for. Each
// draws every page in parallel and hands each to a writer as soon as it is
// drawn, so that a build streams its output instead of holding it.
//
//	/                          home.html        tracks by family, featured programs, search box
//	/tracks/                   tracks.html      all tracks
//	/tracks/<t>/               track.html       the ladder and the competency matrix
//	/tracks/<t>/ladder.svg     the track's ladder, which its level pages show
//	/tracks/<t>/<l>/           level.html       expectations, courses, programs, what changes next
//	/competencies/             competencies.html
//	/competencies/<id>/        competency.html
//	/courses/                  courses.html     catalogue with filters
//	/courses/<id>/             course.html      prerequisites drawn as a graph
//	/programs/                 programs.html
//	/programs/<id>/            program.html
//	/plans/                    plans.html       development-plan templates (when the site has any)
//	/plans/<id>/               plan-template.html  a template's goals and actions
//	/compare/ /paths/ /plan/ /assess/ /search/   interactive pages, driven by /data/
//	/assess/<t>/               assess-track.html  the printable self-assessment forms of a track's levels
//	/assess/<t>/<l>/           assess-form.html   a level's printable form: a row per competency, the scale as checkboxes
//	/changes/                  changes.html     releases, newest first, with what changed (site.toml [[releases]])
//	/<slug>/                   page.html        free pages
//	/404.html                  404.html
//	/data/...                  framework.json and the tools' data (package datafile)
//	/data/search...            the search index (package search)
//	/sitemap.xml               every page but 404 (package datafile)
//	/robots.txt                with [publish] noindex: disallow everything
//
// plus the theme's assets under /assets/ and the site's static/ files, as is.
//
// # Templates
//
// Templates are html/template files in the theme's layouts/ directory: one
// file per page kind (above), which defines "main" (and may define "head"),
// and the shared "baseof.html" and "partials/*.html". A site overrides any of
// them with a file of the same relative path under its own layouts/. Each
// page kind's template is parsed once, from a clone of the shared set, and is
// executed in parallel.
//
// Templates receive a *Page: the site, the entity the page is about, and
// helpers. Links are written with {{.Href x}}, which accepts an entity or a
// site-relative path ("tracks/") and honours base_url and relative_urls, so
// that the output deploys under any sub-path or opens from disk.
//
// Every piece of markup is in the theme, so a site's override of a layout
// or partial applies on every page. An html/template action costs reflective
// calls (the value, then the escapers inserted after it), so fragments that
// many pages repeat (the header, a level's link, a point of the scale) are
// drawn once through the template function shared and reused, keyed by what they draw and by
// the prefix of the page's links. A track's ladder is drawn once, into
// /tracks/<t>/ladder.svg, which its level pages show as an image with their
// level highlighted.
//
// # Determinism
//
// Given the same site and options, every byte of the output is the same:
// lists come from the model in its fixed order, maps are never ranged over
// unsorted, and the only date used is the site's Today.
package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ladder-ssg/ladder/internal/chart"
	"github.com/ladder-ssg/ladder/internal/colour"
	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/minify"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/search"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Options control rendering.
type Options struct {
	// BaseURL overrides the site's base_url when not empty.
	BaseURL string
	// Drafts marks draft entities with a banner (the dev server shows them).
	Drafts bool
	// Generator is written in the generator meta tag, e.g. "ladder v0.1.0".
	Generator string
	// Archive, when not nil, marks every page as part of an earlier
	// release kept for reference (see Archive).
	Archive *Archive
	// Texts are the interface's texts in the site's language (see package
	// i18n). When nil, New reads them from the theme's i18n/ folder for
	// site.toml language.
	Texts *i18n.Catalog
	// StableNames keeps the plain names of the theme's stylesheets and
	// scripts and of the tools' data (see names.go), and links the assets
	// with a version query instead: the dev server serves every file with
	// no-store and swaps a stylesheet by its name.
	StableNames bool
	// Cache, when not nil, keeps the parsed templates and the minified
	// assets between Renderers of the same site (see Cache).
	Cache *Cache
}

// Archive describes an earlier release of the framework published beside
// the current site, under releases/<version>/ of it: its pages carry a
// banner that points to the current framework, and ask search engines not
// to index them.
type Archive struct {
	Version string
	Date    time.Time
}

// Renderer draws the pages of one site. It is safe for concurrent use: once
// made it changes only to cache what it derives from the site, each thing
// computed once.
type Renderer struct {
	site     *site.Site
	opts     Options
	texts    *i18n.Catalog // the interface's texts, in the site's language
	urls     urls
	tmpls    [kindCount]*kindTemplate // by page kind; nil for a kind without a template
	pages    []PageSpec
	byPath   [2]map[string]int // index into pages by path, of two halves listed apart
	assets   map[string][]byte // theme assets and static files, by output path
	assetVer string            // short hash of the theme assets, for cache busting
	// themeAsset marks the output paths of r.assets that are the theme's
	// (not the site's static files).
	themeAsset map[string]bool
	namesOnce  sync.Once
	nameOf     map[string]string // output path -> published name (see names)
	namesErr   error
	ladders    sync.Map // track id and page depth -> *ladderInfo, worked out once
	sharedMu   sync.RWMutex
	shared     map[sharedKey]template.HTML // fragments drawn once (see shared)
	search     *search.Index               // the search index, sized when the pages are listed
	data       *datafile.Set               // framework.json, the tools' data
	// dataFiles and searchFiles are the files of data and search, listed
	// once with the pages: a PageSpec of KindData or KindSearchIndex holds
	// an index into them, which keeps every PageSpec small.
	dataFiles   []datafile.File
	searchFiles []search.File

	// links holds, for each entity with a page, the link to it from the
	// site root less the root's own prefix (see Page.pre): what follows a
	// page's prefix in a link to the entity.
	links      map[any]string
	linksOnce  sync.Once   // links is listed by Each
	linksReady atomic.Bool // links is listed

	bufs sync.Pool // *bytes.Buffer, reused by Render

	derived   sync.Once                 // fills the fields below on first use
	compIndex map[string]int            // competency id -> index in Site.Competencies
	intakes   map[*site.Program]Intakes // IntakeStatus of each program
	everyone  []*site.Program           // programs open to every employee, those open now first
	targeted  []*site.Program           // programs for some tracks or levels, in site order
	heats     []string                  // heat-map class of each point of the scale, 0 to max

	releasesOnce sync.Once
	releases     *releaseData // the site's releases (see releaseInfo)

	scriptTextsOnce sync.Once
	scriptTexts     template.JS // the texts of the theme's scripts (see Page.ScriptTexts)
}

// PageSpec is one page of the site: where it is written and what draws it.
// A large site lists tens of thousands, so it holds what a page is made
// from by reference: the entity, or the index of a generated file in a
// list that the Renderer keeps.
type PageSpec struct {
	// Path is the output path: "tracks/sde/index.html".
	Path string
	// URL is the site-relative URL: "/tracks/sde/".
	URL string
	// Entity is the entity the page is about: a *site.Track for the pages
	// of KindTrack, KindLadderSVG and KindAssessTrack, a *site.Level for
	// KindLevel and KindAssessForm, the *site.Competency, *site.Course,
	// *site.Program or *site.Plan of its kind's page, the *site.Page of
	// KindHome and KindFreePage; nil for every other kind.
	Entity site.Entity
	// Item is, for a generated file, which one: for KindData the index of
	// the file in the Renderer's data files (datafile.Set.Files), for
	// KindSearchIndex in the search index's files (search.Index.Files),
	// for KindDataScript the index in Pages of the data file the script
	// wraps; 0 for every other kind.
	Item int32
	// Kind says what draws the page.
	Kind PageKind
}

// New prepares a Renderer: parses the templates of theme (the theme's root,
// holding layouts/ and assets/) overridden by those of site layouts (may be
// nil), reads static (may be nil), and lists the pages.
func New(s *site.Site, theme, layouts, static fs.FS, opts Options) (*Renderer, error) {
	base := s.Config.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
	}
	u, err := parseBase(base, s.Config.RelativeURLs)
	if err != nil {
		return nil, err
	}
	r := &Renderer{site: s, opts: opts, urls: u, assets: map[string][]byte{}, themeAsset: map[string]bool{}, texts: opts.Texts}
	if r.texts == nil {
		if r.texts, err = themeTexts(theme, s.Config.Language); err != nil {
			return nil, err
		}
	}
	if err := r.parseTemplates(theme, layouts); err != nil {
		return nil, err
	}
	if err := r.readAssets(theme, static); err != nil {
		return nil, err
	}
	r.listPages()
	return r, nil
}

// Site returns the site being rendered.
func (r *Renderer) Site() *site.Site { return r.site }

// Pages returns the pages of the site in a fixed order.
func (r *Renderer) Pages() []PageSpec { return r.pages }

// Assets returns the output paths of the theme assets and static files,
// sorted.
func (r *Renderer) Assets() []string {
	out := make([]string, 0, len(r.assets))
	for p := range r.assets {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// Asset returns the bytes of a theme asset or static file.
func (r *Renderer) Asset(p string) ([]byte, bool) {
	b, ok := r.assets[p]
	return b, ok
}

// Lookup returns the page written at output path p.
func (r *Renderer) Lookup(p string) (PageSpec, bool) {
	i, ok := r.byPath[1][p] // the later page, should two share a path
	if !ok {
		if i, ok = r.byPath[0][p]; !ok {
			return PageSpec{}, false
		}
	}
	return r.pages[i], true
}

// BasePath returns the path part of the base URL, e.g. "/careers/".
func (r *Renderer) BasePath() string { return r.urls.path }

// AssetVersion returns the version query that links to theme assets carry
// with Options.StableNames ("style.css?v=<version>"): a short hash of the
// theme's assets. The dev server leaves it out when it compares two
// renderings of a page, so that a stylesheet change swaps the stylesheet
// instead of reloading every page.
func (r *Renderer) AssetVersion() string { return r.assetVer }

// Render draws one page.
func (r *Renderer) Render(spec PageSpec) ([]byte, error) {
	buf := r.getBuf()
	defer r.bufs.Put(buf)
	b, err := r.renderTo(buf, spec)
	if err != nil {
		return nil, err
	}
	return bytes.Clone(b), nil
}

// getBuf returns an empty buffer from the pool.
func (r *Renderer) getBuf() *bytes.Buffer {
	buf, _ := r.bufs.Get().(*bytes.Buffer)
	if buf == nil {
		buf = new(bytes.Buffer)
	}
	buf.Reset()
	return buf
}

// renderTo draws one page, into buf for the pages drawn by a template; the
// bytes returned are valid until buf is next used.
func (r *Renderer) renderTo(buf *bytes.Buffer, spec PageSpec) ([]byte, error) {
	if !spec.Kind.templated() {
		return r.renderFile(buf, spec)
	}
	t, ok, err := r.template(spec.Kind)
	if !ok {
		return nil, fmt.Errorf("render %s: no template for page kind %q", spec.Path, spec.Kind)
	}
	if err != nil {
		return nil, fmt.Errorf("render %s: %w", spec.Path, err)
	}
	p := r.newPage(spec)
	if err := t.ExecuteTemplate(buf, "baseof.html", p); err != nil {
		return nil, fmt.Errorf("render %s: %w", spec.Path, err)
	}
	return buf.Bytes(), nil
}

// renderFile draws a file that no template draws (see renderTo).
func (r *Renderer) renderFile(buf *bytes.Buffer, spec PageSpec) ([]byte, error) {
	switch spec.Kind {
	case KindData:
		f, ok := r.dataFile(spec)
		if !ok {
			return nil, fmt.Errorf("render %s: not a data file", spec.Path)
		}
		return r.data.Render(f)
	case KindSearchIndex:
		f, ok := r.searchFile(spec)
		if !ok {
			return nil, fmt.Errorf("render %s: not a file of the search index", spec.Path)
		}
		return r.search.Render(f)
	case KindDataScript:
		src, ok := r.scriptSource(spec)
		if !ok {
			return nil, fmt.Errorf("render %s: not the script of a data file", spec.Path)
		}
		b, err := r.renderTo(buf, src)
		if err != nil {
			return nil, err
		}
		name, err := r.OutputPath(src.Path)
		if err != nil {
			return nil, err
		}
		return dataScript(name, b), nil
	case KindSitemap:
		return datafile.Sitemap(r.sitemapURLs()), nil
	case KindRobots:
		return datafile.Robots(), nil
	case KindLadderSVG:
		t, ok := spec.Entity.(*site.Track)
		if !ok {
			return nil, fmt.Errorf("render %s: not a track's ladder", spec.Path)
		}
		return r.newPage(spec).ladderSVG(t), nil
	}
	return nil, fmt.Errorf("render %s: no template for page kind %q", spec.Path, spec.Kind)
}

// dataFile returns the data file that a page of KindData writes.
func (r *Renderer) dataFile(spec PageSpec) (datafile.File, bool) {
	if spec.Kind != KindData || spec.Item < 0 || int(spec.Item) >= len(r.dataFiles) {
		return datafile.File{}, false
	}
	return r.dataFiles[spec.Item], true
}

// searchFile returns the file of the search index that a page of
// KindSearchIndex writes.
func (r *Renderer) searchFile(spec PageSpec) (search.File, bool) {
	if spec.Kind != KindSearchIndex || spec.Item < 0 || int(spec.Item) >= len(r.searchFiles) {
		return search.File{}, false
	}
	return r.searchFiles[spec.Item], true
}

// scriptSource returns the data file that a page of KindDataScript wraps.
func (r *Renderer) scriptSource(spec PageSpec) (PageSpec, bool) {
	if spec.Kind != KindDataScript || spec.Item < 0 || int(spec.Item) >= len(r.pages) {
		return PageSpec{}, false
	}
	src := r.pages[spec.Item]
	// A script wraps a data file, never another script, so that drawing
	// one cannot recurse without end.
	return src, src.Kind == KindData || src.Kind == KindSearchIndex
}

// All draws every page and copies every asset into a new Output, in
// parallel over all cores. progress, when not nil, is called after each page
// with the number done and the total.
func (r *Renderer) All(progress func(done, total int)) (*output.Output, error) {
	out := output.New()
	err := r.Each(progress, func(p string, data []byte) error {
		out.Put(p, bytes.Clone(data))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Each draws every page and hands it, with every asset, to write, in
// parallel over all cores: each worker draws a page into a buffer of its
// own and calls write with it, so that no more than one page per worker is
// held at once. write is called concurrently and must not keep data after
// it returns. progress, when not nil, is called after each page with the
// number done and the total, never concurrently.
//
// Every page is drawn even when some fail, and the first error in sorted
// order is returned, so that the error does not depend on scheduling; an
// error from write stops the drawing.
//
// Files are handed to write under the names they are published with (see
// OutputPath).
func (r *Renderer) Each(progress func(done, total int), write func(path string, data []byte) error) error {
	names, err := r.names()
	if err != nil {
		return fmt.Errorf("name the files of the build: %w", err)
	}
	outPath := func(p string) string {
		if n, ok := names[p]; ok {
			return n
		}
		return p
	}
	r.listLinks()
	for _, p := range r.Assets() {
		if err := write(outPath(p), r.assets[p]); err != nil {
			return err
		}
	}
	order := r.drawOrder()
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		errs     []error
		writeErr error
		done     int
		next     int
		total    = len(order)
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := r.getBuf()
			defer r.bufs.Put(buf)
			for {
				mu.Lock()
				i := next
				next++
				stop := writeErr != nil
				mu.Unlock()
				if i >= total || stop {
					return
				}
				spec := r.pages[order[i]]
				buf.Reset()
				b, err := r.renderTo(buf, spec)
				if err == nil {
					if werr := write(outPath(spec.Path), b); werr != nil {
						mu.Lock()
						if writeErr == nil {
							writeErr = werr
						}
						mu.Unlock()
						return
					}
				}
				mu.Lock()
				if err != nil {
					errs = append(errs, err)
				}
				done++
				if progress != nil {
					progress(done, total)
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if writeErr != nil {
		return writeErr
	}
	if len(errs) > 0 {
		slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
		return errs[0]
	}
	return nil
}

// drawOrder returns the indices of r.pages in the order Each draws them:
// the search index, the data files, the sitemap and the pages that list a
// whole kind first, because each is large and drawn by one worker alone, so
// that none is left running on one core at the end while the others have
// nothing more to draw (and the data files encoded early, to name them,
// are let go of soon); then the others, in their order. The output does
// not depend on it.
func (r *Renderer) drawOrder() []int {
	order := make([]int, 0, len(r.pages))
	for i, p := range r.pages {
		if drawnFirst(p.Kind) {
			order = append(order, i)
		}
	}
	for i, p := range r.pages {
		if !drawnFirst(p.Kind) {
			order = append(order, i)
		}
	}
	return order
}

// drawnFirst reports whether pages of a kind are drawn before the others
// (see drawOrder).
func drawnFirst(kind PageKind) bool {
	switch kind {
	case KindSearchIndex, KindData, KindDataScript, KindSitemap, KindHome, KindTracks, KindCompetencies, KindCourses, KindPrograms:
		return true
	}
	return false
}

// listPages fills r.pages in a fixed order.
func (r *Renderer) listPages() {
	s := r.site
	// The pages of the tracks, levels and catalogues are listed on another
	// core, each half with its own index by path: on a large site listing
	// is a good part of a dev server's rebuild.
	// Both halves are listed into one array: the first half's size is
	// known, the second's is at most restMax.
	laddered := 0
	for _, t := range s.Tracks {
		if len(t.Levels) > 0 {
			laddered++
		}
	}
	n1 := 2 + len(s.Tracks) + laddered + len(s.Levels) + 1 + len(s.Competencies) + 1 + len(s.Courses) + 1 + len(s.Programs)
	restMax := 2048 + 3*len(s.Tracks) + len(s.Levels) + 2*len(s.Plans) + len(s.Pages)
	all := make([]PageSpec, n1, n1+restMax)
	first := pageList{pages: all[:0:n1]}
	var wg sync.WaitGroup
	wg.Go(func() {
		first.add("/", KindHome, s.Home)
		first.add("/tracks/", KindTracks, nil)
		for _, t := range s.Tracks {
			first.addDir("tracks", t.ID, "", KindTrack, t)
			if len(t.Levels) > 0 {
				first.add("/"+ladderFile(t), KindLadderSVG, t)
			}
		}
		for _, l := range s.Levels {
			first.addDir("tracks", l.TrackID, l.ID, KindLevel, l)
		}
		first.add("/competencies/", KindCompetencies, nil)
		for _, c := range s.Competencies {
			first.addDir("competencies", c.ID, "", KindCompetency, c)
		}
		first.add("/courses/", KindCourses, nil)
		for _, c := range s.Courses {
			first.addDir("courses", c.ID, "", KindCourse, c)
		}
		first.add("/programs/", KindPrograms, nil)
		for _, p := range s.Programs {
			first.addDir("programs", p.ID, "", KindProgram, p)
		}
		first.index(0)
	})
	// A track has its forms page and two data files, a level its form, a
	// plan template its page and data file; the search index has up to a
	// few thousand files.
	rest := pageList{pages: all[n1:n1]}
	if len(s.Plans) > 0 {
		rest.add("/plans/", KindPlans, nil)
		for _, p := range s.Plans {
			rest.addDir("plans", p.ID, "", KindPlanTemplate, p)
		}
	}
	rest.add("/compare/", KindCompare, nil)
	rest.add("/paths/", KindPaths, nil)
	rest.add("/plan/", KindPlan, nil)
	rest.add("/assess/", KindAssess, nil)
	for _, t := range s.Tracks {
		if len(t.Levels) > 0 {
			rest.addDir("assess", t.ID, "", KindAssessTrack, t)
		}
	}
	for _, l := range s.Levels {
		rest.addDir("assess", l.TrackID, l.ID, KindAssessForm, l)
	}
	rest.add("/search/", KindSearch, nil)
	if len(s.Config.Releases) > 0 {
		rest.add("/changes/", KindChanges, nil)
	}
	for _, p := range s.Pages {
		rest.add(URLOf(p), KindFreePage, p)
	}
	rest.add("/404.html", KindNotFound, nil)
	if r.data == nil {
		r.data = datafile.New(r.site, URLOf, !r.opts.StableNames, r.fundingText)
	}
	r.dataFiles = r.data.Files()
	for i, f := range r.dataFiles {
		rest.addFile("/"+f.Path, KindData, i)
	}
	if r.search == nil {
		r.search = search.New(r.site, func(x any) string { return URLOf(x) }, !r.opts.StableNames)
	}
	r.searchFiles = r.search.Files()
	for i, f := range r.searchFiles {
		rest.addFile("/"+f.Path, KindSearchIndex, i)
	}
	wg.Wait()
	if r.site.Config.RelativeURLs && !r.opts.StableNames {
		r.addScripts(&first, &rest)
	}
	rest.add("/sitemap.xml", KindSitemap, nil)
	if r.site.Config.Publish.NoIndex {
		rest.add("/robots.txt", KindRobots, nil)
	}
	rest.index(len(first.pages))
	// A half that kept to its size was appended in place; one that did
	// not (the sizes above are out of date with the list) was moved, and
	// the halves are joined.
	if len(first.pages) == n1 && len(rest.pages) <= restMax {
		r.pages = all[:n1+len(rest.pages)]
	} else {
		r.pages = slices.Concat(first.pages, rest.pages)
	}
	r.byPath = [2]map[string]int{first.byPath, rest.byPath}
}

// addScripts adds to rest, with relative_urls, the script beside each data
// file that the tools read (see names.go), in the order of the files: the
// pages of first, then those of rest, numbered as they are in r.pages.
func (r *Renderer) addScripts(first, rest *pageList) {
	n := len(rest.pages)
	for i, spec := range first.pages {
		if r.scriptData(spec) {
			rest.addFile(scriptPath(spec.URL), KindDataScript, i)
		}
	}
	for i, spec := range rest.pages[:n] {
		if r.scriptData(spec) {
			rest.addFile(scriptPath(spec.URL), KindDataScript, len(first.pages)+i)
		}
	}
}

// pageList is a list of pages being made, and its index by path.
type pageList struct {
	pages  []PageSpec
	byPath map[string]int
	buf    []byte
}

// add adds the page at url about entity ent (may be nil).
func (l *pageList) add(url string, kind PageKind, ent site.Entity) {
	p := strings.TrimPrefix(url, "/")
	switch {
	case strings.HasSuffix(url, "/"):
		p += "index.html"
	case p == "":
		p = "index.html"
	}
	l.pages = append(l.pages, PageSpec{Path: p, URL: url, Kind: kind, Entity: ent})
}

// addFile adds the generated file at url, the item-th of its kind (see
// PageSpec.Item).
func (l *pageList) addFile(url string, kind PageKind, item int) {
	l.add(url, kind, nil)
	l.pages[len(l.pages)-1].Item = int32(item)
}

// addDir adds the page of an entity at /<a>/<b>/<c>/ (c may be empty),
// making one string for both its path and its URL.
func (l *pageList) addDir(a, b, c string, kind PageKind, ent site.Entity) {
	buf := append(l.buf[:0], '/')
	for _, part := range [...]string{a, b, c} {
		if part != "" {
			buf = append(buf, part...)
			buf = append(buf, '/')
		}
	}
	buf = append(buf, "index.html"...)
	l.buf = buf
	full := string(buf)
	url := full[:len(full)-len("index.html")]
	l.pages = append(l.pages, PageSpec{Path: full[1:], URL: url, Kind: kind, Entity: ent})
}

// index indexes the pages by path, numbering them from offset.
func (l *pageList) index(offset int) {
	l.byPath = make(map[string]int, len(l.pages))
	for i, p := range l.pages {
		l.byPath[p.Path] = offset + i
	}
}

// sitemapURLs returns the absolute URL of every page but the 404 page and
// the data files, for the sitemap.
func (r *Renderer) sitemapURLs() []string {
	var out []string
	for _, p := range r.pages {
		if strings.HasSuffix(p.Path, "index.html") {
			out = append(out, r.urls.abs(p.URL))
		}
	}
	return out
}

// URLOf returns the site-relative URL of an entity's page ("/courses/x/").
func URLOf(x any) string {
	switch e := x.(type) {
	case *site.Track:
		return "/tracks/" + e.ID + "/"
	case *site.Level:
		return "/tracks/" + e.TrackID + "/" + e.ID + "/"
	case *site.Competency:
		return "/competencies/" + e.ID + "/"
	case *site.Course:
		return "/courses/" + e.ID + "/"
	case *site.Program:
		return "/programs/" + e.ID + "/"
	case *site.Plan:
		return "/plans/" + e.ID + "/"
	case *site.Page:
		if e.ID == "" {
			return "/"
		}
		return "/" + e.ID + "/"
	}
	return ""
}

// parseTemplates reads the layouts of the theme and of the site and takes
// their templates from the cache when they have the same bytes as last
// time, else parses them (see parseKinds).
func (r *Renderer) parseTemplates(theme, layouts fs.FS) error {
	files := map[string][]byte{}
	read := func(fsys fs.FS) error {
		if fsys == nil {
			return nil
		}
		return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					return nil
				}
				return err
			}
			if d.IsDir() || path.Ext(p) != ".html" {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return fmt.Errorf("read template %s: %w", p, err)
			}
			files[p] = b
			return nil
		})
	}
	themeLayouts, err := fs.Sub(theme, "layouts")
	if err != nil {
		return fmt.Errorf("theme layouts: %w", err)
	}
	if err := read(themeLayouts); err != nil {
		return err
	}
	if err := read(layouts); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%d:%s%d:", len(n), n, len(files[n]))
		h.Write(files[n])
	}
	var key [sha256.Size]byte
	h.Sum(key[:0])
	kinds, err := r.opts.Cache.templates(key, func() (map[string]*template.Template, error) {
		return parseKinds(names, files)
	})
	if err != nil {
		return err
	}
	// A top-level layout named after no templated page kind draws no
	// page, so it gets no entry.
	for k := range kindCount {
		if t, ok := kinds[k.String()]; ok && k.templated() {
			r.tmpls[k] = &kindTemplate{src: t}
		}
	}
	return nil
}

// parseKinds minifies and parses the layouts in files (names sorted): the
// shared templates once, then one clone per page kind with that kind's
// file. The templates' functions are placeholders, bound to no Renderer:
// each Renderer executes a clone with its own (see kindTemplate).
func parseKinds(names []string, files map[string][]byte) (map[string]*template.Template, error) {
	min := make(map[string][]byte, len(files))
	for _, n := range names {
		b, err := minify.Template(n, files[n])
		if err != nil {
			return nil, err
		}
		min[n] = b
	}
	shared := template.New("").Funcs(funcs(&Renderer{}))
	var kinds []string
	for _, n := range names {
		if n == "baseof.html" || strings.HasPrefix(n, "partials/") {
			if _, err := shared.New(n).Parse(string(min[n])); err != nil {
				return nil, fmt.Errorf("parse template %s: %w", n, err)
			}
		} else if !strings.Contains(n, "/") {
			kinds = append(kinds, n)
		}
	}
	if shared.Lookup("baseof.html") == nil {
		return nil, fmt.Errorf("theme has no layouts/baseof.html")
	}
	out := map[string]*template.Template{}
	for _, n := range kinds {
		t, err := shared.Clone()
		if err != nil {
			return nil, fmt.Errorf("clone templates: %w", err)
		}
		if _, err := t.New(n).Parse(string(min[n])); err != nil {
			return nil, fmt.Errorf("parse template %s: %w", n, err)
		}
		out[strings.TrimSuffix(n, ".html")] = t
	}
	return out, nil
}

// kindTemplate is the template of a page kind, as parsed (never executed,
// so that it can be cloned), and the clone that the Renderer executes,
// with the Renderer's functions, made when it first draws a page of the
// kind.
type kindTemplate struct {
	src  *template.Template
	once sync.Once
	t    *template.Template
	err  error
}

// template returns the template that draws pages of kind k, and false
// when there is none.
func (r *Renderer) template(k PageKind) (*template.Template, bool, error) {
	if k >= kindCount || r.tmpls[k] == nil {
		return nil, false, nil
	}
	kt := r.tmpls[k]
	kt.once.Do(func() {
		t, err := kt.src.Clone()
		if err != nil {
			kt.err = fmt.Errorf("clone the templates of %s: %w", k, err)
			return
		}
		kt.t = t.Funcs(funcs(r))
	})
	return kt.t, true, kt.err
}

// readAssets reads the theme's assets/ to /assets/, without its hidden
// files and folders (a theme copied from a repository brings its .git/ and
// the desktop's .DS_Store), and static/ to the root (static is already
// filtered by [static] include).
func (r *Renderer) readAssets(theme, static fs.FS) error {
	copyTree := func(fsys fs.FS, prefix string) error {
		return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "." {
					return nil
				}
				return err
			}
			if prefix == "assets" && p != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return fmt.Errorf("read %s: %w", p, err)
			}
			r.assets[path.Join(prefix, p)] = b
			if prefix == "assets" {
				r.themeAsset[path.Join(prefix, p)] = true
			}
			return nil
		})
	}
	if a, err := fs.Sub(theme, "assets"); err == nil {
		if err := copyTree(a, "assets"); err != nil {
			return err
		}
	}
	if c, err := colour.Parse(r.site.Config.Brand.Color); err == nil {
		// The theme's stylesheet draws its accent from --brand when a
		// site sets it (see [brand] color).
		r.assets["assets/brand.css"] = []byte(":root{--brand:" + c.String() + "}\n")
		r.themeAsset["assets/brand.css"] = true
	}
	r.opts.Cache.minifyAssets(r.assets)
	h := newHash()
	for _, p := range r.Assets() {
		h.add(p, r.assets[p])
	}
	r.assetVer = h.short()
	if static != nil {
		if err := copyTree(static, ""); err != nil {
			return err
		}
	}
	return nil
}

// derive fills the fields that are computed from the site once, on first
// use.
func (r *Renderer) derive() {
	r.derived.Do(func() {
		s := r.site
		r.compIndex = make(map[string]int, len(s.Competencies))
		for i, c := range s.Competencies {
			if _, ok := r.compIndex[c.ID]; !ok {
				r.compIndex[c.ID] = i
			}
		}
		r.intakes = make(map[*site.Program]Intakes, len(s.Programs))
		for _, pr := range s.Programs {
			in := intakeStatus(pr, s.Config.Today, r.texts)
			r.intakes[pr] = in
			if e := &pr.Eligibility; len(e.Tracks) == 0 && len(e.Levels) == 0 {
				r.everyone = append(r.everyone, pr)
			} else {
				r.targeted = append(r.targeted, pr)
			}
		}
		open := func(pr *site.Program) bool {
			n := r.intakes[pr].Next
			return n != nil && n.State == IntakeOpen
		}
		slices.SortStableFunc(r.everyone, func(a, b *site.Program) int {
			switch oa, ob := open(a), open(b); {
			case oa == ob:
				return 0
			case oa:
				return -1
			}
			return 1
		})
		top := s.Config.Scale.Max()
		r.heats = make([]string, top+1)
		for n := range r.heats {
			r.heats[n] = chart.HeatClass(n, top)
		}
	})
}

// programsByReach returns the programs open to every employee, those open
// for applications now first, and the programs meant for some tracks or
// levels, in site order.
func (r *Renderer) programsByReach() (everyone, targeted []*site.Program) {
	r.derive()
	return r.everyone, r.targeted
}

// heat returns the heat-map class of point n of the scale.
func (r *Renderer) heat(n int) string {
	r.derive()
	if n >= 0 && n < len(r.heats) {
		return r.heats[n]
	}
	return chart.HeatClass(n, r.site.Config.Scale.Max())
}

// competencyIndex returns the index of each competency in
// Site.Competencies, by id.
func (r *Renderer) competencyIndex() map[string]int {
	r.derive()
	return r.compIndex
}

// intakeStatus returns the IntakeStatus of program pr, computed once per
// program of the site. The result is shared: callers must not modify it.
func (r *Renderer) intakeStatus(pr *site.Program) Intakes {
	r.derive()
	if in, ok := r.intakes[pr]; ok {
		return in
	}
	return intakeStatus(pr, r.site.Config.Today, r.texts)
}

// themeTexts reads the texts of language lang from the theme's i18n/
// folder alone, for a Renderer made without Options.Texts: the files'
// errors fail, and missing texts fall back to English silently (the
// pipeline reports them as warnings).
func themeTexts(theme fs.FS, lang string) (*i18n.Catalog, error) {
	var layer i18n.Layer
	if sub, err := fs.Sub(theme, "i18n"); err == nil {
		layer = i18n.Layer{FS: sub, Dir: "i18n"}
	}
	c, diags, err := i18n.Load(lang, diag.Pos{}, layer)
	if err != nil {
		return nil, err
	}
	if diags.Errors() > 0 {
		return nil, diags.Err()
	}
	return c, nil
}

// tr returns the text of key in the site's language with args in place
// (see i18n.Catalog.Text), or the key itself when no file has it: every
// key the Go code uses is in the theme's i18n/en.toml, which a test
// checks.
func (r *Renderer) tr(key string, args ...any) string {
	s, err := r.texts.Text(key, args...)
	if err != nil {
		return key
	}
	return s
}
