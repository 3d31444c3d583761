package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/site"
)

// CourseHeader returns the head of course c's page, its title and summary,
// followed by its facts: provider, format, time, cost, credential and link.
func (p *Page) CourseHeader(c *site.Course) template.HTML {
	b := newHTMLBuf(384)
	b.raw("<header class=\"page-head\">\n  <h1>")
	b.text(c.Title)
	b.raw("</h1>\n  ")
	if c.Summary != "" {
		b.raw(`<p class="lead">`)
		b.text(c.Summary)
		b.raw(`</p>`)
	}
	b.raw("\n</header>\n<dl class=\"facts\">\n  ")
	fact := func(name, value string) {
		if value != "" {
			b.raw(`<div><dt>`)
			b.raw(name)
			b.raw(`</dt><dd>`)
			b.text(value)
			b.raw(`</dd></div>`)
		}
		b.raw("\n  ")
	}
	fact("Provider", c.Provider)
	fact("Format", c.Format)
	b.raw(`<div><dt>Time</dt><dd>`)
	b.hours(c.Hours)
	b.raw("</dd></div>\n  ")
	if c.Cost != 0 {
		b.raw(`<div><dt>Cost</dt><dd>`)
		b.text(Money(c.Cost, c.Currency))
		b.raw(`</dd></div>`)
	}
	b.raw("\n  ")
	fact("Credential", c.Credential)
	if c.Link != "" {
		b.raw(`<div><dt>In the learning system</dt><dd><a class="external" href="`)
		b.trustedURL(c.Link)
		b.raw(`">Open the course</a></dd></div>`)
	}
	b.raw("\n</dl>")
	return b.HTML()
}

// CoursePrereqs returns the courses to complete before course c (or a
// sentence saying there are none) and the courses it opens the way to.
func (p *Page) CoursePrereqs(c *site.Course) template.HTML {
	b := newHTMLBuf(256 + 256*(len(c.Prereqs)+len(c.Unlocks)))
	if len(c.Prereqs) > 0 {
		b.raw(`<p>Complete these courses first:</p><ul class="course-list">`)
		p.courseItems(b, c.Prereqs, false)
		b.raw(`</ul>`)
	} else {
		b.raw(`<p>No prerequisites: anyone can start here.</p>`)
	}
	b.raw("\n  ")
	if len(c.Unlocks) > 0 {
		b.raw(`<p>This course opens the way to:</p><ul class="course-list">`)
		p.courseItems(b, c.Unlocks, false)
		b.raw(`</ul>`)
	}
	return b.HTML()
}

// CourseSkills returns the section on the competencies course c builds,
// or "" when it lists none.
func (p *Page) CourseSkills(c *site.Course) template.HTML {
	if len(c.Skills) == 0 {
		return ""
	}
	b := newHTMLBuf(256 + 256*len(c.Skills))
	b.raw("\n<section aria-labelledby=\"skills-h\">\n  <h2 id=\"skills-h\">Skills it builds</h2>\n  <ul class=\"course-list\">")
	for _, s := range c.Skills {
		k := p.CompetencyOf(s.CompetencyID)
		b.raw(`<li>`)
		p.anchor(b, k, k.Title)
		b.raw(` up to `)
		p.scale(b, s.Level)
		b.raw(`</li>`)
	}
	b.raw("</ul>\n</section>\n")
	return b.HTML()
}

// CourseLevels returns the levels that require course c and those that
// recommend it, or a sentence saying none does.
func (p *Page) CourseLevels(c *site.Course) template.HTML {
	b := newHTMLBuf(256 + 256*(len(c.RequiredBy)+len(c.OptionalBy)))
	list := func(head string, ls []*site.Level) {
		if len(ls) == 0 {
			return
		}
		b.raw(head)
		for _, l := range ls {
			b.raw(`<li>`)
			p.anchor(b, l, l.Title)
			b.raw(` <span class="meta">`)
			b.text(l.Track.Title)
			if l.Code != "" {
				b.raw(` · `)
				b.text(l.Code)
			}
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	list(`<h3>Required by</h3><ul>`, c.RequiredBy)
	b.raw("\n  ")
	list(`<h3>Recommended for</h3><ul>`, c.OptionalBy)
	b.raw("\n  ")
	if len(c.RequiredBy) == 0 && len(c.OptionalBy) == 0 {
		b.raw(`<p>No level requires or recommends it.</p>`)
	}
	return b.HTML()
}

// CoursePrograms returns the section on the programs that include course
// c, or "" when none does.
func (p *Page) CoursePrograms(c *site.Course) template.HTML {
	if len(c.InPrograms) == 0 {
		return ""
	}
	b := newHTMLBuf(256 + 256*len(c.InPrograms))
	b.raw("\n<section aria-labelledby=\"inprog-h\">\n  <h2 id=\"inprog-h\">Part of these programs</h2>\n  <ul class=\"program-list\">")
	for _, pr := range c.InPrograms {
		b.raw(`<li>`)
		p.anchor(b, pr, pr.Title)
		b.raw(` <span class="meta">`)
		b.text(titleCase(pr.Kind))
		if pr.Duration != "" {
			b.raw(` · `)
			b.text(pr.Duration)
		}
		b.raw(`</span></li>`)
	}
	b.raw("</ul>\n</section>\n")
	return b.HTML()
}
