package render

import (
	"encoding/json"
	"html/template"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Page is what a template receives: the site, the page being drawn, the
// entity it is about (one of the typed fields is set, by kind) and helpers.
type Page struct {
	Site  *site.Site
	Spec  PageSpec
	Kind  string
	Title string

	Home       *site.Page
	Track      *site.Track
	Level      *site.Level
	Competency *site.Competency
	Course     *site.Course
	Program    *site.Program
	Plan       *site.Plan // a plan template's page
	FreePage   *site.Page

	r   *Renderer
	pre string // what links from this page start with (see urls.prefix)
}

// title returns the title of the page of spec: its entity's, or the
// interface's text for a page of the site's own; "" for a file that is not
// a page. It is worked out when the page is drawn, so that listing the
// pages of a site translates nothing.
func (r *Renderer) title(spec PageSpec) string {
	switch spec.Kind {
	case KindTracks, KindCompetencies, KindCourses, KindPrograms, KindPlans, KindCompare, KindPaths, KindPlan, KindAssess, KindSearch, KindChanges:
		return r.tr("title." + spec.Kind.String())
	case KindNotFound:
		return r.tr("title.notfound")
	case KindAssessTrack:
		return r.tr("title.assess_track", spec.Entity.Base().Title)
	case KindAssessForm:
		return r.tr("title.assess_form", spec.Entity.Base().Title)
	case KindHome, KindTrack, KindLevel, KindCompetency, KindCourse, KindProgram, KindPlanTemplate, KindFreePage:
		return spec.Entity.Base().Title
	}
	return ""
}

// newPage makes the view of the page of spec that its template receives,
// with the field of its entity's type set.
func (r *Renderer) newPage(spec PageSpec) *Page {
	p := &Page{Site: r.site, Spec: spec, Kind: spec.Kind.String(), Title: r.title(spec), r: r, pre: r.urls.prefix(spec.URL)}
	switch spec.Kind {
	case KindTrack, KindLadderSVG, KindAssessTrack:
		p.Track, _ = spec.Entity.(*site.Track)
	case KindLevel, KindAssessForm:
		p.Level, _ = spec.Entity.(*site.Level)
	case KindCompetency:
		p.Competency, _ = spec.Entity.(*site.Competency)
	case KindCourse:
		p.Course, _ = spec.Entity.(*site.Course)
	case KindProgram:
		p.Program, _ = spec.Entity.(*site.Program)
	case KindPlanTemplate:
		p.Plan, _ = spec.Entity.(*site.Plan)
	case KindHome:
		p.Home, _ = spec.Entity.(*site.Page)
	case KindFreePage:
		p.FreePage, _ = spec.Entity.(*site.Page)
	}
	return p
}

// Href returns the link to x from this page: x is an entity, or a
// site-relative path such as "tracks/" or "/courses/#filters".
func (p *Page) Href(x any) string {
	if v, ok := x.(string); ok {
		return p.r.urls.href(p.Spec.URL, "/"+strings.TrimPrefix(v, "/"))
	}
	return p.pre + p.r.linkTail(x)
}

// Canonical returns the canonical URL of the page, or "" when base_url has
// no scheme and host: a canonical link must be an absolute URL, and a path
// is reported as an error by crawlers and Lighthouse.
func (p *Page) Canonical() string {
	c := p.AbsURL(p.Spec.URL)
	if strings.HasPrefix(c, "/") {
		return ""
	}
	return c
}

// AbsURL returns the absolute URL (or absolute path, when base_url has no
// host) of a site-relative path, for canonical links.
func (p *Page) AbsURL(x any) string {
	switch v := x.(type) {
	case string:
		return p.r.urls.abs(v)
	}
	return p.r.urls.abs(URLOf(x))
}

// Asset returns the link to a theme asset ("style.css"): to its name with
// a hash of its content ("assets/style.<hash>.css", see names.go), or with
// Options.StableNames to its plain name with a version query that changes
// when the theme's assets change.
func (p *Page) Asset(name string) (string, error) {
	asset := "assets/" + name
	names, err := p.r.names()
	if err != nil {
		return "", err
	}
	if n, ok := names[asset]; ok {
		return p.Href(n), nil
	}
	return p.Href(asset) + "?v=" + p.r.assetVer, nil
}

// Root returns the link to the site root from this page, for scripts that
// build URLs at run time (always ends with "/", or is "" for relative URLs
// at the root).
func (p *Page) Root() string {
	h := p.Href("/")
	return strings.TrimSuffix(h, "index.html")
}

// Body returns the HTML of an entity's markdown body with its internal links
// resolved for this page.
func (p *Page) Body(x any) template.HTML {
	c := site.CommonOf(x)
	if c == nil {
		return ""
	}
	track := ""
	switch e := x.(type) {
	case *site.Track:
		track = e.ID
	case *site.Level:
		track = e.TrackID
	}
	return template.HTML(p.r.resolveBody(string(c.Body.HTML), p.Spec.URL, track))
}

// Archive returns the release this page belongs to when it is a page of
// an earlier release kept under releases/<version>/, else nil.
func (p *Page) Archive() *Archive { return p.r.opts.Archive }

// CurrentHome returns the link from a page of a kept release to the home
// page of the current site, which holds the release under
// releases/<version>/; "" on a page of the current site.
func (p *Page) CurrentHome() string {
	if p.r.opts.Archive == nil {
		return ""
	}
	root := p.Root()
	if root == "" || strings.HasPrefix(root, ".") {
		return root + "../../"
	}
	return strings.TrimSuffix(root, "releases/"+p.r.opts.Archive.Version+"/")
}

// ShowDrafts reports whether draft banners are shown.
func (p *Page) ShowDrafts() bool { return p.r.opts.Drafts }

// Generator returns the generator meta value.
func (p *Page) Generator() string { return p.r.opts.Generator }

// Lang returns the site's language, for <html lang> and the scripts'
// Intl formats ("en", "de").
func (p *Page) Lang() string { return p.r.texts.Lang() }

// ScriptTexts returns the texts of the theme's scripts as JSON, for a
// <script type="application/json" id="ladder-texts"> block of the pages of
// the tools (partials/texts.html): {"lang": "de", "texts": {...}}, the
// texts being those under [js] of the language file (English where the
// language lacks one), a text with plural forms as an object of its forms,
// which the scripts choose with Intl.PluralRules. It is made once per site.
func (p *Page) ScriptTexts() template.JS {
	r := p.r
	r.scriptTextsOnce.Do(func() {
		b, err := json.Marshal(struct {
			Lang  string         `json:"lang"`
			Texts map[string]any `json:"texts"`
		}{r.texts.Lang(), r.texts.Strings("js.")})
		if err != nil {
			b = []byte("{}")
		}
		r.scriptTexts = template.JS(b)
	})
	return r.scriptTexts
}

// ScaleName returns the name of a point on the scale.
func (p *Page) ScaleName(n int) string { return p.Site.Config.Scale.Name(n) }

// ScaleDescription returns what a point on the scale means ([scale]
// descriptions), or "".
func (p *Page) ScaleDescription(n int) string { return p.Site.Config.Scale.Description(n) }

// Nav lists the main navigation entries.
func (p *Page) Nav() []NavItem {
	tr := p.r.tr
	items := []NavItem{{Label: tr("nav.tracks"), Path: "tracks/"}, {Label: tr("nav.competencies"), Path: "competencies/"}}
	if p.HasCourses() {
		items = append(items, NavItem{Label: tr("nav.courses"), Path: "courses/"})
	}
	if p.HasPrograms() {
		items = append(items, NavItem{Label: tr("nav.programs"), Path: "programs/"})
	}
	items = append(items, NavItem{Label: tr("nav.compare"), Path: "compare/"}, NavItem{Label: tr("nav.paths"), Path: "paths/"}, NavItem{Label: tr("nav.plan"), Path: "plan/"}, NavItem{Label: tr("nav.assess"), Path: "assess/"})
	cur := strings.Trim(p.Spec.URL, "/")
	for i := range items {
		seg := strings.Trim(items[i].Path, "/")
		items[i].Current = cur == seg || strings.HasPrefix(cur, seg+"/")
	}
	return items
}

// HasCourses reports whether the site lists any course: a framework
// without a catalogue leaves out the Courses navigation and the pages'
// "no courses" lines, which would only repeat that it has none.
func (p *Page) HasCourses() bool { return len(p.Site.Courses) > 0 }

// HasPrograms reports whether the site lists any program (see
// HasCourses).
func (p *Page) HasPrograms() bool { return len(p.Site.Programs) > 0 }

// NavItem is a main navigation entry.
type NavItem struct {
	Label, Path string
	Current     bool
}

// Description returns a one-line description for the meta tag.
func (p *Page) Description() string {
	for _, s := range []string{summaryOf(p.Spec.Entity), p.Site.Home.Summary} {
		if s != "" {
			return s
		}
	}
	return p.Site.Config.Title
}

func summaryOf(x any) string {
	if c := site.CommonOf(x); c != nil {
		return c.Summary
	}
	return ""
}

// IsDraft reports whether the page's entity is a draft.
func (p *Page) IsDraft() bool {
	c := site.CommonOf(p.Spec.Entity)
	return c != nil && c.Draft
}
