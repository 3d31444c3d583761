package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/site"
)

// CompetencyHeader returns the head of competency c's page: its title,
// summary, category, how many levels expect it and courses teach it, and
// its ESCO link.
func (p *Page) CompetencyHeader(c *site.Competency) template.HTML {
	b := newHTMLBuf(384)
	b.raw("<header class=\"page-head\">\n  <h1>")
	b.text(c.Title)
	b.raw("</h1>\n  ")
	if c.Summary != "" {
		b.raw(`<p class="lead">`)
		b.text(c.Summary)
		b.raw(`</p>`)
	}
	b.raw("\n  <p class=\"meta\">")
	if c.Category != "" {
		b.raw(`<span class="tag">`)
		b.text(c.Category)
		b.raw(`</span> `)
	}
	p.usageCounts(b, c)
	if c.ESCOLink != "" {
		b.raw(` · <a href="`)
		b.trustedURL(c.ESCOLink)
		b.raw(`">ESCO skill</a>`)
	}
	b.raw("</p>\n</header>")
	return b.HTML()
}

// usageCounts writes "Expected by N levels · taught by M courses".
func (p *Page) usageCounts(b *htmlBuf, c *site.Competency) {
	b.raw(`Expected by `)
	b.int(len(c.ExpectedBy))
	b.raw(` `)
	b.raw(pluralize(len(c.ExpectedBy), "level", "levels"))
	b.raw(` · taught by `)
	b.int(len(c.TaughtBy))
	b.raw(` `)
	b.raw(pluralize(len(c.TaughtBy), "course", "courses"))
}

// ScaleDescriptors returns the points of the scale with what each means
// for competency c, as the items of a description list.
func (p *Page) ScaleDescriptors(c *site.Competency) template.HTML {
	names := p.Site.Config.Scale.Names
	b := newHTMLBuf(128 * (1 + len(names)))
	for i := range names {
		n := i + 1
		b.raw("\n    <div><dt>")
		p.scale(b, n)
		b.raw(`</dt><dd>`)
		if d := c.Descriptor(n); d != "" {
			b.text(d)
		} else {
			b.raw(`<span class="meta">No descriptor.</span>`)
		}
		b.raw("</dd></div>\n  ")
	}
	return b.HTML()
}

// UsageTable returns the table of the levels that expect competency c, by
// track (see CompetencyUsage), or a sentence saying none does yet.
func (p *Page) UsageTable(c *site.Competency) template.HTML {
	u := p.CompetencyUsage(c)
	if len(u.Groups) == 0 {
		return `<p>No level expects this competency yet.</p>`
	}
	rows := 0
	for _, g := range u.Groups {
		rows += len(g.Rows)
	}
	b := newHTMLBuf(1024 + 256*len(u.Groups) + 400*rows)
	b.raw("\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"usage-caption\">\n  <table class=\"usage\">\n    <caption id=\"usage-caption\">The level of ")
	b.text(c.Title)
	b.raw(" each level expects, by track</caption>\n    <thead><tr><th scope=\"col\">Level</th><th scope=\"col\">Expected</th><th scope=\"col\">What it means there</th></tr></thead>\n    ")
	for _, g := range u.Groups {
		b.raw("\n    <tbody>\n      <tr class=\"group\"><th scope=\"rowgroup\" colspan=\"3\">")
		p.anchor(b, g.Track, g.Track.Title)
		b.raw("</th></tr>\n      ")
		for _, r := range g.Rows {
			b.raw(`<tr><th scope="row">`)
			p.anchor(b, r.Level, r.Level.Title)
			if r.Level.Code != "" {
				b.raw(` <span class="code">`)
				b.text(r.Level.Code)
				b.raw(`</span>`)
			}
			b.raw(`</th><td class="`)
			b.text(p.Heat(r.Expectation.Level))
			b.raw(`"><span class="cell-level">`)
			b.int(r.Expectation.Level)
			b.raw(`</span> <span class="cell-name">`)
			b.text(p.ScaleName(r.Expectation.Level))
			b.raw(`</span></td><td>`)
			b.text(r.Text)
			b.raw(`</td></tr>`)
		}
		b.raw("\n    </tbody>\n    ")
	}
	b.raw("\n  </table>\n  </div>\n  ")
	return b.HTML()
}

// TeachingList returns the courses that teach competency c, with the
// point of the scale each brings a learner to, or a sentence saying none
// does yet.
func (p *Page) TeachingList(c *site.Competency) template.HTML {
	ts := teachings(c)
	if len(ts) == 0 {
		return `<p>No course teaches it yet.</p>`
	}
	b := newHTMLBuf(64 + 400*len(ts))
	b.raw(`<ul class="course-list">`)
	for _, t := range ts {
		co := t.Course
		b.raw(`<li>`)
		p.anchor(b, co, co.Title)
		b.raw(` brings you to `)
		p.scale(b, t.Level)
		b.raw(` <span class="meta">`)
		b.hours(co.Hours)
		if co.Format != "" {
			b.raw(` · `)
			b.text(co.Format)
		}
		if co.Provider != "" {
			b.raw(` · `)
			b.text(co.Provider)
		}
		b.raw(`</span></li>`)
	}
	b.raw(`</ul>`)
	return b.HTML()
}
