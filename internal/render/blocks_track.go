package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/site"
)

// TrackHeader returns the head of track t's page: its title, summary,
// family and how many levels and paths it has.
func (p *Page) TrackHeader(t *site.Track) template.HTML {
	b := newHTMLBuf(256)
	b.raw("<header class=\"page-head\">\n  <h1>")
	b.text(t.Title)
	b.raw("</h1>\n  ")
	if t.Summary != "" {
		b.raw(`<p class="lead">`)
		b.text(t.Summary)
		b.raw(`</p>`)
	}
	b.raw("\n  <p class=\"meta\">")
	if t.Family != "" {
		b.raw(`<span class="tag">`)
		b.text(t.Family)
		b.raw(`</span> `)
	}
	b.int(len(t.Levels))
	b.raw(` `)
	b.raw(pluralize(len(t.Levels), "level", "levels"))
	if len(t.Paths) > 1 {
		b.raw(` on `)
		b.int(len(t.Paths))
		b.raw(` paths`)
	}
	b.raw("</p>\n</header>")
	return b.HTML()
}

// CompetencyMatrix returns the section with the competency matrix of track
// t (see Matrix), or "" when its levels expect no competency.
func (p *Page) CompetencyMatrix(t *site.Track) template.HTML {
	m := p.Matrix(t)
	if m == nil {
		return ""
	}
	rows := 0
	for _, g := range m.Groups {
		rows += len(g.Rows)
	}
	b := newHTMLBuf(2048 + 256*len(m.Levels) + (128+192*len(m.Levels))*rows)
	b.raw("\n<section aria-labelledby=\"matrix-h\">\n  <h2 id=\"matrix-h\">Competency matrix</h2>\n  <p class=\"hint\">What each level expects, on the scale ")
	for i, name := range p.Site.Config.Scale.Names {
		if i != 0 {
			b.raw(` · `)
		}
		b.raw(`<span class="scale `)
		b.text(p.Heat(i + 1))
		b.raw(`">`)
		b.int(i + 1)
		b.raw(` `)
		b.text(name)
		b.raw(`</span>`)
	}
	b.raw(". Open a cell to read the expectation in words.</p>\n  <div class=\"table-scroll matrix-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"matrix-caption\">\n  <table class=\"matrix\">\n    <caption id=\"matrix-caption\">")
	b.text(t.Title)
	b.raw(": expected level of each competency, by level</caption>\n    <thead>\n      ")
	if len(m.Paths) > 1 {
		b.raw(`<tr class="path-row"><td></td>`)
		for _, mp := range m.Paths {
			b.raw(`<th scope="colgroup" colspan="`)
			b.int(mp.Span)
			b.raw(`">`)
			b.text(mp.Name)
			b.raw(`</th>`)
		}
		b.raw(`</tr>`)
	}
	b.raw("\n      <tr><th scope=\"col\" class=\"corner\">Competency</th>")
	for _, l := range m.Levels {
		b.raw(`<th scope="col">`)
		p.anchor(b, l, l.Title)
		if l.Code != "" {
			b.raw(` <span class="code">`)
			b.text(l.Code)
			b.raw(`</span>`)
		}
		b.raw(`</th>`)
	}
	b.raw("</tr>\n    </thead>\n    ")
	for _, g := range m.Groups {
		b.raw("\n    <tbody>\n      <tr class=\"group\"><th scope=\"rowgroup\" colspan=\"")
		b.int(len(m.Levels) + 1)
		b.raw(`">`)
		b.text(g.Category)
		b.raw("</th></tr>\n      ")
		for _, r := range g.Rows {
			b.raw("\n      <tr><th scope=\"row\">")
			p.anchor(b, r.Competency, r.Competency.Title)
			b.raw("</th>\n        ")
			for _, c := range r.Cells {
				b.raw(`<td class="`)
				b.text(p.Heat(c.Level))
				b.raw(`">`)
				switch {
				case c.Level == 0:
					b.raw(`<span class="none"><span aria-hidden="true">–</span><span class="visually-hidden">not expected</span></span>`)
				case c.Text != "":
					b.raw(`<details class="cell"><summary>`)
					p.cellLevel(b, c.Level)
					b.raw(`</summary><p>`)
					b.text(c.Text)
					b.raw(`</p></details>`)
				default:
					p.cellLevel(b, c.Level)
				}
				b.raw(`</td>`)
			}
			b.raw("\n      </tr>\n      ")
		}
		b.raw("\n    </tbody>\n    ")
	}
	b.raw("\n  </table>\n  </div>\n</section>\n")
	return b.HTML()
}

// cellLevel writes a point of the scale as a table cell shows it.
func (p *Page) cellLevel(b *htmlBuf, n int) {
	b.raw(`<span class="cell-level">`)
	b.int(n)
	b.raw(`</span> <span class="cell-name">`)
	b.text(p.ScaleName(n))
	b.raw(`</span>`)
}
