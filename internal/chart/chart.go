// Package chart draws the pictures of a career-framework site as
// server-rendered, accessible inline SVG: a radar chart of competency
// expectations (or a bar chart when there are too few competencies for a
// radar), the ladder of a track, the prerequisite graph of courses, and the
// pathways and fan-outs that lead from a program or a level to others.
//
// Every drawing is plain markup with no scripts and no fixed pixel size. The
// SVG has a viewBox and width="100%", so it scales to its container; the page
// sets a max-width (Drawing.Width is the natural width in CSS pixels). It has
// role="img" (role="group" when it holds links, which must stay reachable)
// and aria-labelledby pointing at its <title> and <desc>, whose ids
// are derived from the ID the caller passes, so several charts can share a
// page as long as their IDs differ. Colours come from CSS classes (such as
// chart-axis, chart-series-a, chart-series-b, rung, rung-current, node, edge)
// and currentColor, so one stylesheet controls light mode, dark mode and
// print; text inherits the page's font.
//
// All text is escaped. Links are SVG 2 <a href> elements with the caller's
// URL; a URL with a scheme other than http, https or mailto is left out
// rather than linked. A blank Title or Desc is replaced by a generic one,
// since an image role needs both.
//
// Every drawing also comes with an HTML table of the same values (class
// chart-data, with a caption), for readers who cannot see the picture and for
// anyone who wants the exact numbers.
//
// Output is deterministic: the same input always gives the same bytes.
// Coordinates are written with one decimal at most, and nothing depends on
// map iteration order.
package chart

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Drawing is a rendered chart: the inline SVG and an HTML data table with the
// same values. Width and Height are the natural size of the SVG in CSS pixels
// (its viewBox); the SVG itself is 100% wide, so a page that wants it no
// larger than its natural size sets max-width from Width.
type Drawing struct {
	SVG    template.HTML
	Table  template.HTML
	Width  int
	Height int
}

// Font sizes and line heights shared by the charts, in SVG user units.
const (
	fontSize   = 13.0 // body text: labels of axes, rungs, nodes
	smallSize  = 11.0 // codes, annotations, legends
	tinySize   = 10.0 // tick numbers
	lineHeight = 15.0 // distance between baselines of fontSize text
	smallLine  = 13.0 // distance between baselines of smallSize text
	margin     = 12.0 // space kept free around every drawing
)

// num formats a coordinate or length with at most one decimal, dropping a
// trailing ".0" and never writing "-0".
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "0"
	}
	s := strconv.FormatFloat(v, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

// pt formats a point as "x,y".
func pt(x, y float64) string { return num(x) + "," + num(y) }

// esc escapes text for use in HTML or SVG element content and attribute
// values. Characters that XML 1.0 does not allow are dropped, so the output
// always parses as XML.
func esc(s string) string {
	clean := true
	for _, r := range s {
		if !xmlChar(r) {
			clean = false
			break
		}
	}
	if !clean {
		s = strings.Map(func(r rune) rune {
			if xmlChar(r) {
				return r
			}
			return -1
		}, s)
	}
	return html.EscapeString(s)
}

// xmlChar reports whether r may appear in an XML 1.0 document.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r == utf8.RuneError:
		return false
	case r >= 0xD800 && r <= 0xDFFF:
		return false
	case r == 0xFFFE || r == 0xFFFF:
		return false
	}
	return true
}

// safeURL returns u if it is a relative reference or uses a scheme that is
// harmless in a link (http, https, mailto), and "" otherwise, so a link is
// simply left out rather than pointing at javascript: or data:.
func safeURL(u string) string {
	u = strings.TrimSpace(u)
	if u == "" {
		return ""
	}
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	switch strings.ToLower(p.Scheme) {
	case "", "http", "https", "mailto":
		return u
	}
	return ""
}

// cleanID turns the caller's ID into a prefix that is safe inside id and
// url(#...) references: letters, digits, '-' and '_' are kept, anything else
// becomes '-', and an empty or digit-led result is prefixed with "chart".
func cleanID(id string) string {
	var b strings.Builder
	for _, r := range id {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	s := b.String()
	if s == "" {
		return "chart"
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' {
		return "chart-" + s
	}
	return s
}

// orDefault returns s, or def when s is blank.
func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// runeWidth estimates the advance of r in ems for a proportional sans-serif
// font. The figures are close to DejaVu Sans, one of the widest common
// sans-serif faces, so labels fit in narrower fonts too.
func runeWidth(r rune) float64 {
	switch {
	case r == ' ':
		return 0.3
	case strings.ContainsRune("iljIt.,:;'|!()[]f", r):
		return 0.33
	case r == 'r':
		return 0.4
	case r == 'm' || r == 'w' || r == 'M' || r == 'W':
		return 0.88
	case r >= 'A' && r <= 'Z':
		return 0.68
	case r >= '0' && r <= '9':
		return 0.64
	case r == '—' || r == '…':
		return 0.9
	case r >= 0x1100 && (r <= 0x115F || r >= 0x2E80):
		return 1.0
	}
	return 0.6
}

// textWidth estimates the width of s set at size; bold text is a little
// wider.
func textWidth(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += runeWidth(r)
	}
	if bold {
		w *= 1.13
	}
	return w * size
}

// wrap breaks s into lines no wider than maxW at the given size, at most
// maxLines of them (0 means no limit). Words longer than a line are broken
// between characters. When the text does not fit, the last line ends in an
// ellipsis and truncated is true.
func wrap(s string, maxW, size float64, bold bool, maxLines int) (lines []string, truncated bool) {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil, false
	}
	fits := func(t string) bool { return textWidth(t, size, bold) <= maxW }
	var cur string
	flush := func() {
		lines = append(lines, cur)
		cur = ""
	}
	for _, w := range words {
		switch {
		case cur == "" && fits(w):
			cur = w
		case cur != "" && fits(cur+" "+w):
			cur += " " + w
		default:
			if cur != "" {
				flush()
			}
			// Break an over-long word between characters.
			for !fits(w) {
				rs := []rune(w)
				n := 1
				for n < len(rs) && fits(string(rs[:n+1])) {
					n++
				}
				lines = append(lines, string(rs[:n]))
				w = string(rs[n:])
			}
			cur = w
		}
	}
	if cur != "" {
		flush()
	}
	if maxLines > 0 && len(lines) > maxLines {
		rest := strings.Join(lines[maxLines-1:], " ")
		lines = append(lines[:maxLines-1], ellipsize(rest, maxW, size, bold))
		return lines, true
	}
	return lines, false
}

// ellipsize shortens s to fit maxW including a trailing ellipsis.
func ellipsize(s string, maxW, size float64, bold bool) string {
	rs := []rune(s)
	for n := len(rs); n > 0; n-- {
		t := strings.TrimRight(string(rs[:n]), " ,;:-—") + "…"
		if textWidth(t, size, bold) <= maxW {
			return t
		}
	}
	return "…"
}

// svgOpen writes the root element with its title and description. kind is
// the chart type, added as a class (chart-kind) and a data-chart attribute.
// A drawing with links is a group rather than an image: the children of
// role="img" are presentational, so links inside one would take keyboard
// focus yet be hidden from screen readers.
func svgOpen(b *strings.Builder, kind, id, title, desc string, w, h float64, links bool) {
	role := "img"
	if links {
		role = "group"
	}
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-%s" data-chart="%s" viewBox="0 0 %s %s" width="100%%" role="%s" aria-labelledby="%s-title %s-desc" font-size="%s" fill="currentColor">`+"\n",
		kind, kind, num(w), num(h), role, id, id, num(fontSize))
	fmt.Fprintf(b, `<title id="%s-title">%s</title>`+"\n", id, esc(title))
	fmt.Fprintf(b, `<desc id="%s-desc">%s</desc>`+"\n", id, esc(desc))
}

// arrowDefs writes the arrowhead marker used by edges, with id ID-arrow.
// With focus it also writes ID-arrow-focus, whose class edge-focus lets a
// stylesheet colour the arrowheads of highlighted edges (a marker takes its
// colour from where it is defined, not from the edge that uses it).
func arrowDefs(b *strings.Builder, id string, focus bool) {
	b.WriteString("<defs>\n")
	marker := func(suffix, class string) {
		fmt.Fprintf(b, `<marker id="%s-arrow%s" class="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,1L9,5L0,9z" fill="currentColor"/></marker>`+"\n", id, suffix, class)
	}
	marker("", "chart-arrow")
	if focus {
		marker("-focus", "chart-arrow edge-focus")
	}
	b.WriteString("</defs>\n")
}

// textLines writes a <text> element with one <tspan> per line. x and y are
// the position of the first baseline; lines are lh apart. attrs is written
// verbatim into the <text> start tag and full, when not empty, becomes a
// <title> child (the untruncated label).
func textLines(b *strings.Builder, x, y, lh float64, lines []string, attrs, full string) {
	fmt.Fprintf(b, `<text x="%s" y="%s"%s>`, num(x), num(y), attrs)
	if full != "" {
		fmt.Fprintf(b, `<title>%s</title>`, esc(full))
	}
	for i, l := range lines {
		if len(lines) == 1 {
			b.WriteString(esc(l))
			break
		}
		fmt.Fprintf(b, `<tspan x="%s" y="%s">%s</tspan>`, num(x), num(y+float64(i)*lh), esc(l))
	}
	b.WriteString("</text>\n")
}

// linkOpen starts an <a> element when href is a usable URL and reports
// whether it did; extra is written verbatim into the start tag.
func linkOpen(b *strings.Builder, href, extra string) bool {
	u := safeURL(href)
	if u == "" {
		return false
	}
	fmt.Fprintf(b, `<a href="%s"%s>`+"\n", esc(u), extra)
	return true
}

// linkClose ends an element started by linkOpen.
func linkClose(b *strings.Builder, opened bool) {
	if opened {
		b.WriteString("</a>\n")
	}
}

// finish wraps the body in the root element and returns the drawing.
func finish(kind, id, title, desc string, w, h float64, body string, table string) Drawing {
	w, h = math.Ceil(w), math.Ceil(h)
	var b strings.Builder
	b.Grow(len(body) + 512)
	svgOpen(&b, kind, id, title, desc, w, h, strings.Contains(body, "<a href="))
	b.WriteString(body)
	b.WriteString("</svg>\n")
	return Drawing{
		SVG:    template.HTML(b.String()),
		Table:  template.HTML(table),
		Width:  int(w),
		Height: int(h),
	}
}

// htmlTable accumulates the data table that accompanies a chart.
type htmlTable struct {
	b strings.Builder
}

// start writes the table element, caption and header row; headers are plain
// text.
func (t *htmlTable) start(id, kind, caption string, headers []string) {
	fmt.Fprintf(&t.b, `<table class="chart-data chart-data-%s" id="%s-data">`+"\n", kind, id)
	fmt.Fprintf(&t.b, "<caption>%s</caption>\n<thead><tr>", esc(caption))
	for _, h := range headers {
		fmt.Fprintf(&t.b, `<th scope="col">%s</th>`, esc(h))
	}
	t.b.WriteString("</tr></thead>\n<tbody>\n")
}

// row writes a body row. The first cell is a row header. Cells are HTML.
func (t *htmlTable) row(attrs string, cells ...string) {
	fmt.Fprintf(&t.b, "<tr%s>", attrs)
	for i, c := range cells {
		if i == 0 {
			fmt.Fprintf(&t.b, `<th scope="row">%s</th>`, c)
		} else {
			fmt.Fprintf(&t.b, "<td>%s</td>", c)
		}
	}
	t.b.WriteString("</tr>\n")
}

// end closes the table and returns its markup.
func (t *htmlTable) end() string {
	t.b.WriteString("</tbody>\n</table>\n")
	return t.b.String()
}

// linkHTML returns the escaped label, linked to href when href is usable.
func linkHTML(label, href string) string {
	if u := safeURL(href); u != "" {
		return `<a href="` + esc(u) + `">` + esc(label) + `</a>`
	}
	return esc(label)
}

// seriesLetter names the series class for index i: a, b, c, ...
func seriesLetter(i int) string {
	if i < 26 {
		return string(rune('a' + i))
	}
	return "z" + strconv.Itoa(i)
}

// HeatClass returns the CSS class for a competency-matrix cell showing level
// on a scale whose top is max: "heat-0" for no expectation, then "heat-1" to
// "heat-5", with the scale mapped onto five buckets so any max gives the
// same range of classes and the top of the scale is always "heat-5".
func HeatClass(level, max int) string {
	if level <= 0 || max <= 0 {
		return "heat-0"
	}
	if level >= max {
		return "heat-5"
	}
	b := (level*5 + max/2) / max
	if b < 1 {
		b = 1
	}
	if b > 5 {
		b = 5
	}
	return "heat-" + strconv.Itoa(b)
}
