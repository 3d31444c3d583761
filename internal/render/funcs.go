package render

import (
	"encoding/json"
	"html/template"
	"math"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/chart"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/site"
)

// funcs returns the template functions. They are pure: anything that
// depends on the page being drawn is a method of *Page. The texts and the
// formats of numbers and dates are those of the site's language (see
// package i18n).
func funcs(r *Renderer) template.FuncMap {
	c := r.texts
	return template.FuncMap{
		// T is the text of a key in the site's language, with its
		// arguments in place: {{T "nav.tracks"}}, {{T "count.courses" 3}}.
		"T":       c.HTML,
		"money":   c.Money,
		"hours":   func(h float64) string { return Hours(c, h) },
		"date":    c.Date,
		"isodate": func(t time.Time) string { return date(t) },
		"join":    strings.Join,
		"percent": func(f float64) string { return percent(c, f) },
		// kind is the name of a program kind, format that of a course
		// format, in the site's language.
		"kind":   r.kindName,
		"format": r.formatName,
		"plural": func(n int, one, many string) string {
			if n == 1 {
				return one
			}
			return many
		},
		"float": func(n int) float64 { return float64(n) },
		"add":   func(a, b int) int { return a + b },
		"sub":   func(a, b int) int { return a - b },
		"heat":  chart.HeatClass,
		// shared draws a partial once per value and link prefix (see
		// shared).
		"shared": shared,
		"jsonld": func(v any) (template.JS, error) {
			b, err := json.Marshal(v)
			return template.JS(b), err
		},
		"title": titleCase,
	}
}

// percent formats a share as a percentage as format.percent says: 0.85
// and 85 are both "85%" in English, "85 %" in German.
func percent(c *i18n.Catalog, f float64) string {
	if f <= 1 {
		f *= 100
	}
	n := c.Number(math.Round(f*10) / 10)
	if s, err := c.Text("format.percent", n); err == nil {
		return s
	}
	return n + "%"
}

// Hours formats a number of hours as format.hours says: "6 h", "1.5 h" in
// English, "1,5 Std." in German.
func Hours(c *i18n.Catalog, h float64) string {
	n := c.Number(h)
	if s, err := c.Text("format.hours", n); err == nil {
		return s
	}
	return n + " h"
}

// kindName returns the name of a program kind in the site's language
// (kind.<kind>), or the kind capitalised when the texts have none.
func (r *Renderer) kindName(k string) string {
	if k == "" {
		return ""
	}
	if s, err := r.texts.Text("kind." + k); err == nil {
		return s
	}
	return titleCase(k)
}

// formatName returns the name of a course format in the site's language
// (course_format.<format>), or the format as it is.
func (r *Renderer) formatName(f string) string {
	if f == "" {
		return ""
	}
	if s, err := r.texts.Text("course_format." + f); err == nil {
		return s
	}
	return f
}

// fundingText says in one line what a program pays for, in the site's
// language, for the tools' data (the path finder's steps and the plan):
// "95% of tuition, up to USD 5,250 a year; covers books, fees; paid while
// you learn" (the words of route.FundingSummary in English), or "" when
// the program publishes nothing.
func (r *Renderer) fundingText(p *site.Program) string {
	f := &p.Funding
	var parts []string
	if f.TuitionPercent > 0 {
		share := r.tr("format.percent", r.texts.Number(f.TuitionPercent))
		if f.Cap > 0 {
			parts = append(parts, r.tr("funding.tuition_cap", share, r.texts.Money(f.Cap, f.Currency)))
		} else {
			parts = append(parts, r.tr("funding.tuition", share))
		}
	}
	if len(f.Covers) > 0 {
		parts = append(parts, r.tr("funding.covers", strings.Join(f.Covers, r.tr("funding.list_sep"))))
	}
	if p.Paid {
		parts = append(parts, r.tr("funding.paid"))
	}
	return strings.Join(parts, r.tr("funding.sep"))
}
