package render

import (
	"encoding/json"
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/chart"
)

// funcs returns the template functions. They are pure: anything that
// depends on the page being drawn is a method of *Page.
func funcs(r *Renderer) template.FuncMap {
	return template.FuncMap{
		"money": Money,
		"hours": Hours,
		"date": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2 January 2006")
		},
		"isodate": func(t time.Time) string { return date(t) },
		"join":    strings.Join,
		"percent": percent,
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
		"title": func(s string) string {
			if s == "" {
				return s
			}
			return strings.ToUpper(s[:1]) + s[1:]
		},
	}
}

// percent formats a share as a percentage: 0.85 and 85 are both "85%".
func percent(f float64) string {
	if f <= 1 {
		f *= 100
	}
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', -1, 64) + "%"
}
