package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/site"
)

// LevelHeader returns the head of level l's page: its title, track, path
// and rank, summary, pay band and links to compare it with its next levels.
func (p *Page) LevelHeader(l *site.Level) template.HTML {
	b := newHTMLBuf(768)
	b.raw("<header class=\"page-head\">\n  <h1>")
	b.text(l.Title)
	b.raw("</h1>\n  <p class=\"meta\">")
	if l.Code != "" {
		b.raw(`<span class="code">`)
		b.text(l.Code)
		b.raw(`</span> `)
	}
	p.anchor(b, l.Track, l.Track.Title)
	b.raw(` · `)
	b.text(PathName(l.Path))
	b.raw(` path · rank `)
	b.int(l.Rank)
	if l.MinMonths != 0 {
		b.raw(` · typically reached after `)
		b.int(l.MinMonths)
		b.raw(` months in the level before`)
	}
	b.raw("</p>\n  ")
	if l.Summary != "" {
		b.raw(`<p class="lead">`)
		b.text(l.Summary)
		b.raw(`</p>`)
	}
	b.raw("\n  ")
	if l.Pay != nil {
		b.raw(`<p class="pay"><span class="pay-label">Pay band</span> `)
		b.text(Money(float64(l.Pay.Min), l.Pay.Currency))
		b.raw(` – `)
		b.text(Money(float64(l.Pay.Max), l.Pay.Currency))
		b.raw(`</p>`)
	}
	b.raw("\n  ")
	if len(l.Next) > 0 {
		b.raw(`<p class="actions">`)
		for _, n := range l.Next {
			b.raw(`<a class="button" href="`)
			b.url(p.CompareHref(l, n))
			b.raw(`">Compare with `)
			b.text(n.Title)
			b.raw(`</a> `)
		}
		b.raw(`</p>`)
	}
	b.raw("\n</header>")
	return b.HTML()
}

// ExpectationList returns what level l expects (see ExpectationRows) as a
// list, or a sentence saying it expects nothing yet.
func (p *Page) ExpectationList(l *site.Level) template.HTML {
	if len(l.Expectations) == 0 {
		return `<p>This level lists no competencies yet.</p>`
	}
	b := newHTMLBuf(64 + 240*len(l.Expectations))
	b.raw("\n  <ul class=\"expectations\">\n  ")
	for _, e := range l.Expectations {
		c := p.CompetencyOf(e.CompetencyID)
		b.raw(`<li><div class="expect-head">`)
		p.anchor(b, c, c.Title)
		b.raw(` `)
		p.scale(b, e.Level)
		b.raw(`</div>`)
		text := e.Expect
		if text == "" {
			text = c.Descriptor(e.Level)
		}
		if text != "" {
			b.raw(`<p>`)
			b.text(text)
			b.raw(`</p>`)
		}
		b.raw("</li>\n  ")
	}
	b.raw("\n  </ul>\n  ")
	return b.HTML()
}

// ChangesSection returns the section on what changes from level l to each
// of its next levels (see Changes), or "" when it has none.
func (p *Page) ChangesSection(l *site.Level) template.HTML {
	chs := p.changes(l, false)
	if len(chs) == 0 {
		return ""
	}
	b := newHTMLBuf(5120 * len(chs))
	b.raw("\n<section aria-labelledby=\"changes-h\">\n  <h2 id=\"changes-h\">What changes at the next level</h2>\n  ")
	for _, ch := range chs {
		n := ch.To
		b.raw("\n  <article class=\"change card\">\n    <h3>")
		p.anchor(b, n, n.Title)
		if n.Code != "" {
			b.raw(` <span class="code">`)
			b.text(n.Code)
			b.raw(`</span>`)
		}
		b.raw("</h3>\n    <p class=\"meta\">")
		if n.Track != l.Track {
			b.text(n.Track.Title)
			b.raw(` · `)
		}
		if n.Path != l.Path {
			b.text(PathName(n.Path))
			b.raw(` path · `)
		}
		if ch.Months != 0 {
			b.raw(`typically after `)
			b.int(ch.Months)
			b.raw(` months here`)
		} else {
			b.raw(`no typical time is given`)
		}
		b.raw("</p>\n    ")
		if len(ch.Raised) > 0 {
			b.raw("<h4>Raised expectations</h4>\n    <ul class=\"deltas\">")
			for _, d := range ch.Raised {
				p.deltaHead(b, d)
				deltaFrom(b, d)
				deltaTo(b, d)
				deltaExpect(b, d)
				b.raw(`</li>`)
			}
			b.raw(`</ul>`)
		}
		b.raw("\n    ")
		if len(ch.New) > 0 {
			b.raw("<h4>New competencies</h4>\n    <ul class=\"deltas\">")
			for _, d := range ch.New {
				p.deltaHead(b, d)
				deltaTo(b, d)
				deltaExpect(b, d)
				b.raw(`</li>`)
			}
			b.raw(`</ul>`)
		}
		b.raw("\n    ")
		if len(ch.Lowered) > 0 {
			b.raw("<h4>Less emphasis</h4>\n    <ul class=\"deltas\">")
			for _, d := range ch.Lowered {
				p.deltaHead(b, d)
				deltaFrom(b, d)
				if d.To != 0 {
					deltaTo(b, d)
				} else {
					b.raw(`not listed`)
				}
				b.raw(`</li>`)
			}
			b.raw(`</ul>`)
		}
		b.raw("\n    ")
		if ch.Same != 0 {
			b.raw(`<p class="meta">`)
			b.int(ch.Same)
			b.raw(` other `)
			b.raw(pluralize(ch.Same, "competency stays", "competencies stay"))
			b.raw(` at the same level.</p>`)
		}
		b.raw("\n    ")
		if len(ch.Courses) > 0 {
			b.raw("<h4>Newly required courses</h4>\n    <ul class=\"course-list\">")
			p.courseItems(b, ch.Courses, false)
			b.raw(`</ul>`)
		}
		b.raw("\n    <p><a href=\"")
		b.url(p.CompareHref(l, n))
		b.raw(`">Compare `)
		b.text(l.Title)
		b.raw(` with `)
		b.text(n.Title)
		b.raw(" side by side</a></p>\n  </article>\n  ")
	}
	b.raw("\n</section>\n")
	return b.HTML()
}

// deltaHead writes the start of a Delta's list item: the competency's link
// and a colon.
func (p *Page) deltaHead(b *htmlBuf, d Delta) {
	b.raw(`<li><a href="`)
	p.link(b, d.Competency)
	b.raw(`">`)
	b.text(d.Competency.Title)
	b.raw(`</a>: `)
}

// deltaTo writes the point a Delta rises or falls to.
func deltaTo(b *htmlBuf, d Delta) { scaleBadge(b, d.ToHeat, d.To, d.ToName) }

// deltaFrom writes the point a Delta starts from and the arrow after it.
func deltaFrom(b *htmlBuf, d Delta) {
	scaleBadge(b, d.FromHeat, d.From, d.FromName)
	b.raw(` <span aria-hidden="true">→</span><span class="visually-hidden">to</span> `)
}

// scaleBadge writes a point on the scale: `<span class="scale heat-3">3 · Proficient</span>`.
func scaleBadge(b *htmlBuf, heat string, n int, name string) {
	b.raw(`<span class="scale `)
	b.text(heat)
	b.raw(`">`)
	b.int(n)
	b.raw(` · `)
	b.text(name)
	b.raw(`</span>`)
}

// deltaExpect writes what the next level expects of a Delta's competency.
func deltaExpect(b *htmlBuf, d Delta) {
	if d.Expect != "" {
		b.raw(`<br><span class="expect">`)
		b.text(d.Expect)
		b.raw(`</span>`)
	}
}

// LevelCourses returns the courses level l requires and those it
// recommends, each list with its count and hours, or a sentence saying it
// lists none.
func (p *Page) LevelCourses(l *site.Level) template.HTML {
	b := newHTMLBuf(160 * (1 + len(l.Required) + len(l.Optional)))
	list := func(name string, cs []*site.Course) {
		b.raw(`<h3>`)
		b.raw(name)
		b.raw(` <span class="count">`)
		b.int(len(cs))
		b.raw(` · `)
		b.hours(p.TotalHours(cs))
		b.raw(" in all</span></h3>\n  <ul class=\"course-list\">")
		p.courseItems(b, cs, true)
		b.raw(`</ul>`)
	}
	if len(l.Required) > 0 {
		list("Required", l.Required)
	}
	b.raw("\n  ")
	if len(l.Optional) > 0 {
		list("Optional", l.Optional)
	}
	b.raw("\n  ")
	if len(l.Required) == 0 && len(l.Optional) == 0 {
		b.raw(`<p>No courses are listed for this level.</p>`)
	}
	return b.HTML()
}

// LevelProgramList returns what level l's page says about programs (see
// LevelPrograms): those that lead to it, those meant for it, and those
// open to every employee.
func (p *Page) LevelProgramList(l *site.Level) template.HTML {
	pr := p.LevelPrograms(l)
	b := newHTMLBuf(128 * (1 + len(pr.LedBy) + len(pr.Targeted) + len(pr.Everyone)))
	if len(pr.LedBy) > 0 {
		b.raw("<h3>Programs that lead here</h3>\n  <ul class=\"program-list\">")
		for _, x := range pr.LedBy {
			b.raw(`<li><a href="`)
			b.url(x.URL)
			b.raw(`">`)
			b.text(x.Title)
			b.raw(`</a> <span class="meta">`)
			b.text(titleCase(x.Kind))
			if x.Duration != "" {
				b.raw(` · `)
				b.text(x.Duration)
			}
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	if len(pr.Targeted) > 0 {
		b.raw("<h3>Programs for this level</h3>\n  <ul class=\"program-list\">")
		for _, x := range pr.Targeted {
			b.raw(`<li><a href="`)
			b.url(x.URL)
			b.raw(`">`)
			b.text(x.Title)
			b.raw(`</a> <span class="meta">`)
			b.text(titleCase(x.Kind))
			if x.Paid {
				b.raw(` · paid while you learn`)
			}
			b.raw(`</span>`)
			if x.Intake.Label != "" {
				b.raw(` <span class="badge`)
				if x.Open {
					b.raw(` badge-open`)
				}
				b.raw(`">`)
				b.text(x.Intake.Label)
				b.raw(`</span>`)
			}
			b.raw(`</li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	if len(pr.Everyone) > 0 {
		b.raw("<h3>Open to every employee</h3>\n  <ul class=\"inline-list\">")
		for _, x := range pr.Everyone {
			b.raw(`<li><a href="`)
			b.url(x.URL)
			b.raw(`">`)
			b.text(x.Title)
			b.raw(`</a>`)
			if x.Open {
				b.raw(` <span class="badge badge-open">open now</span>`)
			}
			b.raw(`</li>`)
		}
		if n := pr.EveryoneMore; n != 0 {
			b.raw(`<li><a href="`)
			b.url(p.Href("programs/"))
			b.raw(`">`)
			b.int(n)
			b.raw(` more `)
			b.raw(pluralize(n, "program", "programs"))
			b.raw(`</a></li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	if len(pr.LedBy) == 0 && len(pr.Targeted) == 0 && len(pr.Everyone) == 0 {
		b.raw(`<p>No program is listed for this level.</p>`)
	}
	return b.HTML()
}

// LevelMoves returns where level l leads and where it comes from:
// promotions, moves to and from other tracks, and the levels before it.
func (p *Page) LevelMoves(l *site.Level) template.HTML {
	b := newHTMLBuf(256 * (1 + len(l.Next) + len(l.Moves) + len(l.Prev) + len(l.MovesIn)))
	if len(l.Next) > 0 {
		b.raw(`<h3>Promotions</h3><ul>`)
		for _, n := range l.Next {
			b.raw(`<li>`)
			p.anchor(b, n, n.Title)
			if n.Code != "" {
				b.raw(` <span class="code">`)
				b.text(n.Code)
				b.raw(`</span>`)
			}
			b.raw(` <span class="meta">`)
			b.text(PathName(n.Path))
			b.raw(` path`)
			if n.MinMonths != 0 {
				b.raw(` · typically after `)
				b.int(n.MinMonths)
				b.raw(` months`)
			}
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	levelsWithTrack := func(head string, ls []*site.Level) {
		if len(ls) == 0 {
			return
		}
		b.raw(head)
		for _, x := range ls {
			b.raw(`<li>`)
			p.anchor(b, x, x.Title)
			b.raw(` <span class="meta">`)
			b.text(x.Track.Title)
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	levelsWithTrack(`<h3>Moves to other tracks</h3><ul>`, l.Moves)
	b.raw("\n  ")
	if len(l.Prev) > 0 {
		b.raw(`<h3>Comes after</h3><ul>`)
		for _, x := range l.Prev {
			b.raw(`<li>`)
			p.anchor(b, x, x.Title)
			if x.Track != l.Track {
				b.raw(` <span class="meta">`)
				b.text(x.Track.Title)
				b.raw(`</span>`)
			}
			b.raw(`</li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	levelsWithTrack(`<h3>Moves in from other tracks</h3><ul>`, l.MovesIn)
	b.raw("\n  ")
	if len(l.Next) == 0 && len(l.Moves) == 0 {
		b.raw(`<p>This is the top of its path.</p>`)
	}
	return b.HTML()
}
