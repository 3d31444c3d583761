package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/chart"
	"github.com/ladder-ssg/ladder/internal/site"
)

// This file builds the repeated parts of the default theme's pages in Go:
// lists and tables with many links per page, which html/template would
// draw action by action through reflection. Each method returns a block of
// HTML that a layout places with one action, so that a theme still lays
// out its pages in templates, and may draw any block itself from the data
// methods (Nav, Crumbs, ExpectationRows, Changes, CompetencyUsage, ...)
// instead.

// HeadMeta returns the start of the page's <head>: charset, viewport,
// title, description, generator, canonical link, stylesheet and icon.
func (p *Page) HeadMeta() template.HTML {
	cfg := &p.Site.Config
	b := newHTMLBuf(640)
	b.raw("<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Kind == "home" {
		b.text(cfg.Title)
	} else {
		b.text(p.Title)
		b.raw(" · ")
		b.text(cfg.Title)
	}
	b.raw("</title>\n<meta name=\"description\" content=\"")
	b.text(p.Description())
	b.raw("\">\n<meta name=\"color-scheme\" content=\"light dark\">\n")
	if g := p.Generator(); g != "" {
		b.raw(`<meta name="generator" content="`)
		b.text(g)
		b.raw(`">`)
	}
	b.raw("\n")
	if c := p.Canonical(); c != "" {
		b.raw(`<link rel="canonical" href="`)
		b.url(c)
		b.raw("\">\n")
	}
	b.raw(`<link rel="stylesheet" href="`)
	b.url(p.Asset("style.css"))
	b.raw("\">\n<link rel=\"icon\" href=\"data:,\">")
	return b.HTML()
}

// SiteHeader returns the skip link, the site header (brand, search form
// and main navigation) and, on a draft shown by the dev server, the draft
// banner.
func (p *Page) SiteHeader() template.HTML {
	b := newHTMLBuf(1024)
	b.raw("<a class=\"skip\" href=\"#main\">Skip to content</a>\n<header class=\"site-header\">\n  <div class=\"wrap header-row\">\n    <a class=\"brand\" href=\"")
	b.url(p.Href("/"))
	b.raw(`">`)
	b.text(p.Site.Config.Title)
	b.raw("</a>\n    <form class=\"header-search\" role=\"search\" aria-label=\"Site\" action=\"")
	b.url(p.Href("search/"))
	b.raw("\" method=\"get\">\n      <label class=\"visually-hidden\" for=\"header-q\">Search the framework</label>\n      <input id=\"header-q\" name=\"q\" type=\"search\" placeholder=\"Search\" autocomplete=\"off\">\n      <button type=\"submit\">Search</button>\n    </form>\n  </div>\n  <nav class=\"wrap site-nav\" aria-label=\"Main\">\n    <ul>\n    ")
	p.navItems(b)
	b.raw("\n    </ul>\n  </nav>\n</header>\n")
	if p.ShowDrafts() && p.IsDraft() {
		b.raw(`<p class="draft-banner wrap" role="note"><strong>Draft:</strong> this page is not published yet.</p>`)
	}
	return b.HTML()
}

// SiteFooter returns the site footer and the theme's script.
func (p *Page) SiteFooter() template.HTML {
	b := newHTMLBuf(320)
	b.raw("<footer class=\"site-footer\">\n  <div class=\"wrap\">\n    <p>")
	b.text(p.Site.Config.Title)
	b.raw("</p>\n    <p class=\"footer-links\"><a href=\"")
	b.url(p.Href("data/framework.json"))
	b.raw("\">Framework data (JSON)</a> · <a href=\"")
	b.url(p.Href("sitemap.xml"))
	b.raw("\">Sitemap</a></p>\n  </div>\n</footer>\n<script src=\"")
	b.url(p.Asset("app.js"))
	b.raw(`" defer></script>`)
	return b.HTML()
}

// NavList returns the items of the main navigation (see Nav) as <li>
// elements, the current section marked with aria-current.
func (p *Page) NavList() template.HTML {
	b := newHTMLBuf(1024)
	p.navItems(b)
	return b.HTML()
}

func (p *Page) navItems(b *htmlBuf) {
	for _, it := range p.Nav() {
		b.raw(`<li><a href="`)
		b.url(p.Href(it.Path))
		b.raw(`"`)
		if it.Current {
			b.raw(` aria-current="page"`)
		}
		b.raw(`>`)
		b.text(it.Label)
		b.raw(`</a></li>`)
	}
}

// Breadcrumbs returns the breadcrumb trail (see Crumbs) as a navigation
// landmark, or "" on the home page.
func (p *Page) Breadcrumbs() template.HTML {
	cs := p.Crumbs()
	if len(cs) == 0 {
		return ""
	}
	b := newHTMLBuf(320)
	b.raw(`<nav class="crumbs" aria-label="Breadcrumb"><ol>`)
	for _, c := range cs {
		b.raw(`<li>`)
		if c.Href != "" {
			b.raw(`<a href="`)
			b.url(c.Href)
			b.raw(`">`)
			b.text(c.Label)
			b.raw(`</a>`)
		} else {
			b.raw(`<span aria-current="page">`)
			b.text(c.Label)
			b.raw(`</span>`)
		}
		b.raw(`</li>`)
	}
	b.raw(`</ol></nav>`)
	return b.HTML()
}

// Canonical returns the canonical URL of the page, or "" when it has none
// worth writing (relative URLs under a base URL without a host).
func (p *Page) Canonical() string {
	c := p.AbsURL(p.Spec.URL)
	if p.Site.Config.RelativeURLs && c[:1] == "/" {
		return ""
	}
	return c
}

// scale writes a point of the scale as a heat-map badge:
// <span class="scale heat-N">N · Name</span>.
func (p *Page) scale(b *htmlBuf, n int) {
	b.raw(`<span class="scale `)
	b.text(p.Heat(n))
	b.raw(`">`)
	b.int(n)
	b.raw(` · `)
	b.text(p.ScaleName(n))
	b.raw(`</span>`)
}

// courseItems writes courses as <li> elements: a link, then the hours, the
// format and, with provider set, the provider.
func (p *Page) courseItems(b *htmlBuf, cs []*site.Course, provider bool) {
	for _, c := range cs {
		b.raw(`<li><a href="`)
		p.link(b, c)
		b.raw(`">`)
		b.text(c.Title)
		b.raw(`</a> <span class="meta">`)
		b.hours(c.Hours)
		if c.Format != "" {
			b.raw(` · `)
			b.text(c.Format)
		}
		if provider && c.Provider != "" {
			b.raw(` · `)
			b.text(c.Provider)
		}
		b.raw(`</span></li>`)
	}
}

// anchor writes <a href="link to x">title</a>.
func (p *Page) anchor(b *htmlBuf, x any, title string) {
	b.raw(`<a href="`)
	p.link(b, x)
	b.raw(`">`)
	b.text(title)
	b.raw(`</a>`)
}

// figure returns a chart.Drawing as a figure: the SVG at no more than its
// natural width, and its data table behind a disclosure.
func figure(d chart.Drawing) template.HTML {
	b := newHTMLBuf(len(d.SVG) + len(d.Table) + 512)
	b.raw(`<figure class="chart-figure">
  <div class="chart-box" style="max-width: `)
	b.int(d.Width)
	b.raw(`px; --chart-w: `)
	b.int(d.Width)
	b.raw(`">`)
	b.raw(string(d.SVG))
	b.raw(`</div>
  <details class="chart-table">
    <summary>Show the chart as a table</summary>
    <div class="table-scroll" tabindex="0" role="region" aria-label="Chart data">`)
	b.raw(string(d.Table))
	b.raw(`</div>
  </details>
</figure>`)
	return b.HTML()
}
