package render

import (
	"html/template"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// ProgramHeader returns the head of program pr's page, its title, summary
// and when to apply, followed by its facts: kind, duration, weekly hours,
// pay, tuition, fields and courses.
func (p *Page) ProgramHeader(pr *site.Program) template.HTML {
	in := p.r.intakeStatus(pr)
	b := newHTMLBuf(512)
	b.raw("<header class=\"page-head\">\n  <h1>")
	b.text(pr.Title)
	b.raw("</h1>\n  ")
	if pr.Summary != "" {
		b.raw(`<p class="lead">`)
		b.text(pr.Summary)
		b.raw(`</p>`)
	}
	b.raw("\n  ")
	if in.Label != "" {
		b.raw(`<p class="intake-banner`)
		if in.Next.State == IntakeOpen {
			b.raw(` is-open`)
		}
		b.raw(`"><a href="#intake-h">`)
		b.text(in.Label)
		b.raw(`</a></p>`)
	}
	b.raw("\n</header>\n<dl class=\"facts\">\n  ")
	fact := func(name, value string) {
		b.raw(`<div><dt>`)
		b.raw(name)
		b.raw(`</dt><dd>`)
		b.text(value)
		b.raw(`</dd></div>`)
	}
	if pr.Kind != "" {
		fact("Kind", titleCase(pr.Kind))
	}
	b.raw("\n  ")
	if pr.Duration != "" {
		fact("Duration", pr.Duration)
	}
	b.raw("\n  ")
	if pr.WeeklyHours != 0 {
		fact("Time each week", Hours(pr.WeeklyHours))
	}
	b.raw("\n  <div><dt>Paid while you learn</dt><dd>")
	if pr.Paid {
		b.raw(`Yes`)
	} else {
		b.raw(`No`)
	}
	b.raw("</dd></div>\n  ")
	if f := &pr.Funding; f.TuitionPercent != 0 {
		b.raw(`<div><dt>Tuition paid</dt><dd>`)
		b.text(percent(f.TuitionPercent))
		if f.Cap != 0 {
			b.raw(`, up to `)
			b.text(Money(f.Cap, f.Currency))
			b.raw(` a year`)
		}
		b.raw(`</dd></div>`)
	}
	b.raw("\n  ")
	if len(pr.Fields) > 0 {
		fact("Fields", strings.Join(pr.Fields, ", "))
	}
	b.raw("\n  ")
	if len(pr.Courses) > 0 {
		b.raw(`<div><dt>Courses</dt><dd>`)
		b.int(len(pr.Courses))
		b.raw(` · `)
		b.hours(p.TotalHours(pr.Courses))
		b.raw(`</dd></div>`)
	}
	b.raw("\n</dl>")
	return b.HTML()
}

// ProgramEligibility returns who may join program pr: in words (see
// Eligibility), then the courses to complete first and the levels, or
// else the tracks, that may join.
func (p *Page) ProgramEligibility(pr *site.Program) template.HTML {
	e := &pr.Eligibility
	b := newHTMLBuf(512 + 256*(len(e.Courses)+len(e.Levels)+len(e.Tracks)))
	b.raw(`<p>`)
	b.text(p.Eligibility(pr))
	b.raw("</p>\n  ")
	if len(e.Courses) > 0 {
		b.raw(`<p>Courses to complete first:</p><ul class="course-list">`)
		for _, c := range e.Courses {
			b.raw(`<li>`)
			p.anchor(b, c, c.Title)
			b.raw(` <span class="meta">`)
			b.hours(c.Hours)
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	if len(e.Levels) > 0 {
		b.raw(`<p>Levels that may join:</p><ul>`)
		for _, l := range e.Levels {
			b.raw(`<li>`)
			p.anchor(b, l, l.Title)
			b.raw(` <span class="meta">`)
			b.text(l.Track.Title)
			b.raw(`</span></li>`)
		}
		b.raw(`</ul>`)
	}
	b.raw("\n  ")
	if len(e.Levels) == 0 && len(e.Tracks) > 0 {
		b.raw(`<p>Tracks that may join:</p><ul>`)
		for _, t := range e.Tracks {
			b.raw(`<li>`)
			p.anchor(b, t, t.Title)
			b.raw(`</li>`)
		}
		b.raw(`</ul>`)
	}
	return b.HTML()
}

// ProgramIntakes returns program pr's intakes (see IntakeStatus), each
// with its state and dates, or a sentence saying it has no fixed intakes.
func (p *Page) ProgramIntakes(pr *site.Program) template.HTML {
	in := p.r.intakeStatus(pr)
	if len(in.Rows) == 0 {
		return `<p>This program has no fixed intakes: ask your manager or HR partner how to apply.</p>`
	}
	b := newHTMLBuf(256 + 256*len(in.Rows))
	b.raw("\n  <ol class=\"intakes\">\n  ")
	for _, r := range in.Rows {
		b.raw(`<li class="intake intake-`)
		b.text(string(r.State))
		b.raw("\">\n    <span class=\"intake-state\">")
		switch r.State {
		case IntakeOpen:
			b.raw(`Open now`)
		case IntakeNext:
			b.raw(`Next intake`)
		case IntakePast:
			b.raw(`Closed`)
		default:
			b.raw(`Upcoming`)
		}
		b.raw("</span>\n    <span class=\"intake-dates\">")
		if !r.ApplyFrom.IsZero() {
			b.raw(`Applications open `)
			b.text(longDate(r.ApplyFrom))
		}
		if !r.ApplyFrom.IsZero() && !r.ApplyBy.IsZero() {
			b.raw(`; `)
		}
		if !r.ApplyBy.IsZero() {
			b.raw(`apply by `)
			b.text(longDate(r.ApplyBy))
		}
		if !r.Start.IsZero() {
			b.raw(` · starts `)
			b.text(longDate(r.Start))
		}
		b.raw("</span>\n  </li>")
	}
	b.raw("\n  </ol>\n  <p class=\"meta\">As of ")
	b.text(longDate(p.Site.Config.Today))
	b.raw(".</p>\n  ")
	return b.HTML()
}

// ProgramCourses returns the section with the table of the courses
// program pr includes, or "" when it includes none.
func (p *Page) ProgramCourses(pr *site.Program) template.HTML {
	if len(pr.Courses) == 0 {
		return ""
	}
	b := newHTMLBuf(1024 + 256*len(pr.Courses))
	b.raw("\n<section aria-labelledby=\"pcourses-h\">\n  <h2 id=\"pcourses-h\">Courses included</h2>\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-labelledby=\"pcourses-caption\">\n  <table class=\"courses-table\">\n    <caption id=\"pcourses-caption\">Courses in ")
	b.text(pr.Title)
	b.raw("</caption>\n    <thead><tr><th scope=\"col\">Course</th><th scope=\"col\">Format</th><th scope=\"col\" class=\"num\">Hours</th></tr></thead>\n    <tbody>")
	for _, c := range pr.Courses {
		b.raw(`<tr><th scope="row">`)
		p.anchor(b, c, c.Title)
		b.raw(`</th><td>`)
		b.text(c.Format)
		b.raw(`</td><td class="num">`)
		b.hours(c.Hours)
		b.raw(`</td></tr>`)
	}
	b.raw("</tbody>\n    <tfoot><tr><th scope=\"row\">Total</th><td></td><td class=\"num\">")
	b.hours(p.TotalHours(pr.Courses))
	b.raw("</td></tr></tfoot>\n  </table>\n  </div>\n</section>\n")
	return b.HTML()
}
