package render

import (
	"fmt"
	"html/template"
)

// TrackFamilies returns a section per family of tracks (see Families),
// each track a card with its levels by path.
func (p *Page) TrackFamilies() template.HTML {
	b := newHTMLBuf(1024 + 700*len(p.Site.Tracks) + 100*len(p.Site.Levels))
	for i, f := range p.Families() {
		b.raw("\n<section aria-labelledby=\"family-")
		b.int(i)
		b.raw("\">\n  <h2 id=\"family-")
		b.int(i)
		b.raw(`">`)
		b.text(f.Name)
		b.raw("</h2>\n  <ul class=\"cards\">\n  ")
		for _, t := range f.Tracks {
			b.raw(`<li class="card"><h3>`)
			p.anchor(b, t, t.Title)
			b.raw(`</h3>`)
			p.excerpt(b, t)
			b.raw("\n    ")
			for _, path := range t.Paths {
				b.raw("<p class=\"meta path-levels\"><span class=\"path-name\">")
				b.text(PathName(path))
				b.raw(":</span></p>\n    <ol class=\"steps\">")
				for _, l := range t.Levels {
					if l.Path == path {
						b.raw(`<li>`)
						p.anchor(b, l, l.Title)
						b.raw(`</li>`)
					}
				}
				b.raw(`</ol>`)
			}
			b.raw(`</li>`)
		}
		b.raw("\n  </ul>\n</section>\n")
	}
	return b.HTML()
}

// excerpt writes <p>excerpt</p> (see Excerpt) when x has one.
func (p *Page) excerpt(b *htmlBuf, x any) {
	if e := p.Excerpt(x); e != "" {
		b.raw(`<p>`)
		b.text(e)
		b.raw(`</p>`)
	}
}

// HomeTracks returns the tracks by family (see Families) as the home page
// lists them: a heading per family and a card per track.
func (p *Page) HomeTracks() template.HTML {
	b := newHTMLBuf(1024 + 192*len(p.Site.Tracks))
	for i, f := range p.Families() {
		b.raw("\n  <h3 class=\"family\" id=\"family-")
		b.int(i)
		b.raw(`">`)
		b.text(f.Name)
		b.raw("</h3>\n  <ul class=\"cards\" aria-labelledby=\"family-")
		b.int(i)
		b.raw("\">\n    ")
		for _, t := range f.Tracks {
			b.raw(`<li class="card"><h4>`)
			p.anchor(b, t, t.Title)
			b.raw(`</h4>`)
			p.excerpt(b, t)
			b.raw(`<p class="meta">`)
			b.int(len(t.Levels))
			b.raw(` `)
			b.raw(pluralize(len(t.Levels), "level", "levels"))
			if len(t.Paths) > 1 {
				b.raw(` · `)
				b.int(len(t.Paths))
				b.raw(` paths`)
			}
			b.raw(`</p></li>`)
		}
		b.raw("\n  </ul>\n  ")
	}
	return b.HTML()
}

// FeaturedPrograms returns the home page's section of program cards, or ""
// when the site has no programs.
func (p *Page) FeaturedPrograms() template.HTML {
	if len(p.Site.Programs) == 0 {
		return ""
	}
	b := newHTMLBuf(256 + 256*len(p.Site.Programs))
	b.raw("\n<section aria-labelledby=\"programs-h\">\n  <h2 id=\"programs-h\">Featured programs</h2>\n  <ul class=\"cards\">\n    ")
	for _, pr := range p.Site.Programs {
		in := p.r.intakeStatus(pr)
		b.raw(`<li class="card"><h3>`)
		p.anchor(b, pr, pr.Title)
		b.raw(`</h3>`)
		p.excerpt(b, pr)
		b.raw(`<p class="meta">`)
		b.text(titleCase(pr.Kind))
		if pr.Paid {
			b.raw(` · paid while you learn`)
		}
		b.raw(`</p>`)
		intakeBadge(b, in)
		b.raw(`</li>`)
	}
	b.raw("\n  </ul>\n</section>\n")
	return b.HTML()
}

// intakeBadge writes when to apply to a program as a badge, when an intake
// is ahead.
func intakeBadge(b *htmlBuf, in Intakes) {
	if in.Label == "" {
		return
	}
	b.raw(`<p><span class="badge`)
	if in.Next.State == IntakeOpen {
		b.raw(` badge-open`)
	}
	b.raw(`">`)
	b.text(in.Label)
	b.raw(`</span></p>`)
}

// CompetencyCards returns a section per category of competencies (see
// CompetencyGroups), each competency a card.
func (p *Page) CompetencyCards() template.HTML {
	b := newHTMLBuf(1024 + 256*len(p.Site.Competencies))
	for i, g := range p.CompetencyGroups() {
		b.raw("\n<section aria-labelledby=\"cat-")
		b.int(i)
		b.raw("\">\n<h2 id=\"cat-")
		b.int(i)
		b.raw(`">`)
		b.text(g.Category)
		b.raw("</h2>\n<ul class=\"cards\">\n")
		for _, c := range g.Competencies {
			b.raw(`<li class="card"><h3>`)
			p.anchor(b, c, c.Title)
			b.raw(`</h3>`)
			p.excerpt(b, c)
			b.raw(`<p class="meta">`)
			p.usageCounts(b, c)
			b.raw(`</p></li>`)
		}
		b.raw("\n</ul>\n</section>\n")
	}
	return b.HTML()
}

// ProviderOptions returns the providers as <option> elements.
func (f CourseFilters) ProviderOptions() template.HTML { return options(f.Providers) }

// FormatOptions returns the formats as <option> elements.
func (f CourseFilters) FormatOptions() template.HTML { return options(f.Formats) }

func options(names []string) template.HTML {
	b := newHTMLBuf(64 * len(names))
	for _, n := range names {
		b.raw(`<option>`)
		b.text(n)
		b.raw(`</option>`)
	}
	return b.HTML()
}

// SkillOptions returns the skills as <option> elements whose values are
// the competency ids.
func (f CourseFilters) SkillOptions() template.HTML {
	b := newHTMLBuf(96 * len(f.Skills))
	for _, c := range f.Skills {
		b.raw(`<option value="`)
		b.text(c.ID)
		b.raw(`">`)
		b.text(c.Title)
		b.raw(`</option>`)
	}
	return b.HTML()
}

// CourseCatalogue returns every course of the site as an item of the
// catalogue, with the data attributes its filters read.
func (p *Page) CourseCatalogue() template.HTML {
	b := newHTMLBuf(1024 + 800*len(p.Site.Courses))
	for _, c := range p.Site.Courses {
		b.raw(`<li class="catalogue-item" data-title="`)
		b.text(c.Title)
		b.raw(`" data-provider="`)
		b.text(c.Provider)
		b.raw(`" data-format="`)
		b.text(c.Format)
		b.raw(`" data-hours="`)
		b.text(fmt.Sprint(c.Hours))
		b.raw(`" data-skills="`)
		for i, s := range c.Skills {
			if i > 0 {
				b.raw(" ")
			}
			b.text(s.CompetencyID)
		}
		b.raw("\">\n  <h2>")
		p.anchor(b, c, c.Title)
		b.raw("</h2>\n  <p class=\"meta\">")
		if c.Provider != "" {
			b.text(c.Provider)
			b.raw(` · `)
		}
		if c.Format != "" {
			b.text(c.Format)
			b.raw(` · `)
		}
		b.hours(c.Hours)
		if c.Cost != 0 {
			b.raw(` · `)
			b.text(Money(c.Cost, c.Currency))
		}
		if c.Credential != "" {
			b.raw(` · <span class="tag">`)
			b.text(c.Credential)
			b.raw(`</span>`)
		}
		b.raw("</p>\n  ")
		p.excerpt(b, c)
		b.raw("\n  ")
		if len(c.Skills) > 0 {
			b.raw(`<p class="skills">`)
			for _, s := range c.Skills {
				k := p.CompetencyOf(s.CompetencyID)
				b.raw(`<span class="scale `)
				b.text(p.Heat(s.Level))
				b.raw(`">`)
				b.text(k.Title)
				b.raw(` · `)
				b.text(p.ScaleName(s.Level))
				b.raw(`</span> `)
			}
			b.raw(`</p>`)
		}
		b.raw("\n</li>\n")
	}
	return b.HTML()
}

// ProgramCards returns every program of the site as a card: kind,
// duration, funding, excerpt and when to apply.
func (p *Page) ProgramCards() template.HTML {
	b := newHTMLBuf(256 * (1 + len(p.Site.Programs)))
	for _, pr := range p.Site.Programs {
		in := p.r.intakeStatus(pr)
		b.raw("<li class=\"card\">\n  <h2>")
		p.anchor(b, pr, pr.Title)
		b.raw("</h2>\n  <p class=\"meta\">")
		b.text(titleCase(pr.Kind))
		if pr.Duration != "" {
			b.raw(` · `)
			b.text(pr.Duration)
		}
		if pr.Paid {
			b.raw(` · paid while you learn`)
		}
		if f := pr.Funding.TuitionPercent; f != 0 {
			b.raw(` · `)
			b.text(percent(f))
			b.raw(` of tuition`)
		}
		b.raw("</p>\n  ")
		p.excerpt(b, pr)
		b.raw("\n  ")
		intakeBadge(b, in)
		b.raw("\n</li>\n")
	}
	return b.HTML()
}
