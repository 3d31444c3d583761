// Package chart draws the pictures of a career-framework site as
// server-rendered, accessible inline SVG: a radar chart of competency
// expectations (or a bar chart when there are too few competencies for a
// radar), the ladder of a track, the prerequisite graph of courses, and the
// pathways and fan-outs that lead from a program or a level to others.
//
// Every drawing is plain markup with no scripts and no style attributes, so
// it passes a strict Content-Security-Policy. The SVG has a viewBox and its
// natural width in CSS pixels as width (Drawing.Width); a stylesheet that
// sets max-width: 100% and height: auto lets it shrink with its container. It has
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
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode"
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
	// Caption is the id of the table's caption, which names the chart,
	// for labelling the region that holds the table.
	Caption string
	// Note, when not empty, is a sentence to show under the chart: why
	// it is drawn as it is (a bar chart where a radar was asked for).
	Note string
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
// trailing ".0" and never writing "-0". NaN and infinities are written as
// "0".
func num(v float64) string {
	var a [32]byte
	return string(appendNum(a[:0], v))
}

// appendNum appends v to dst formatted as num formats it.
func appendNum(dst []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(dst, '0')
	}
	// The answer is ten times v rounded to a whole number of tenths, ties
	// to even, as strconv rounds. t, the product as computed, is within
	// half a unit in its last place of the exact product. Below 2^52 both
	// the fraction of t and one half are whole multiples of that unit, so
	// unless the fraction is exactly one half, t and the exact product lie
	// on the same side of the halfway point and round alike. When it is
	// exactly one half, the sign of the rounding error, which FMA gives
	// exactly, says which side the exact product is on; with no error it
	// is a true tie.
	if t := v * 10; t > -1<<52 && t < 1<<52 {
		a := math.Abs(t)
		m := math.Floor(a)
		switch f := a - m; {
		case f > 0.5:
			m++
		case f == 0.5:
			e := math.FMA(v, 10, -t)
			if t < 0 {
				e = -e
			}
			if e > 0 || e == 0 && math.Mod(m, 2) == 1 {
				m++
			}
		}
		if t < 0 && m != 0 {
			dst = append(dst, '-')
		}
		tenths := int64(m)
		dst = strconv.AppendInt(dst, tenths/10, 10)
		if d := tenths % 10; d != 0 {
			dst = append(dst, '.', byte('0'+d))
		}
		return dst
	}
	n := len(dst)
	dst = strconv.AppendFloat(dst, v, 'f', 1, 64)
	if l := len(dst); l-n >= 2 && dst[l-2] == '.' && dst[l-1] == '0' {
		dst = dst[:l-2]
	}
	if len(dst)-n == 2 && dst[n] == '-' && dst[n+1] == '0' {
		dst = append(dst[:n], '0')
	}
	return dst
}

// writer accumulates markup. Besides text it writes numbers as num formats
// them, escaped text and attributes, all without building intermediate
// strings. Writes collect in a small array inside the writer and reach the
// strings.Builder a chunk at a time, which keeps the cost of a write to a
// copy: appending to the Builder on every write would also store its
// buffer's pointer each time, which costs a write barrier while the garbage
// collector runs.
type writer struct {
	sb  strings.Builder
	n   int // bytes used in buf
	buf [1024]byte
}

// flush moves the buffered bytes to the Builder.
func (w *writer) flush() {
	if w.n > 0 {
		w.sb.Write(w.buf[:w.n])
		w.n = 0
	}
}

// room makes sure n more bytes fit in the buffer, and reports whether they
// do (they do not when n is more than the whole buffer).
func (w *writer) room(n int) bool {
	if n > len(w.buf)-w.n {
		w.flush()
	}
	return n <= len(w.buf)
}

// Grow makes room for n more bytes in the Builder.
func (w *writer) Grow(n int) { w.sb.Grow(n) }

// Len returns the number of bytes written.
func (w *writer) Len() int { return w.sb.Len() + w.n }

// String returns the bytes written.
func (w *writer) String() string {
	w.flush()
	return w.sb.String()
}

// WriteString writes s.
func (w *writer) WriteString(s string) {
	if !w.room(len(s)) {
		w.sb.WriteString(s)
		return
	}
	w.n += copy(w.buf[w.n:], s)
}

// WriteByte writes c. It never fails.
func (w *writer) WriteByte(c byte) error {
	w.room(1)
	w.buf[w.n] = c
	w.n++
	return nil
}

// num writes v as num formats it.
func (w *writer) num(v float64) {
	if !(math.Abs(v) < 1e15) {
		// Up to hundreds of digits, or "0".
		w.WriteString(num(v))
		return
	}
	w.room(32)
	w.n += len(appendNum(w.buf[w.n:w.n], v))
}

// int writes i in decimal.
func (w *writer) int(i int) {
	w.room(20)
	w.n += len(strconv.AppendInt(w.buf[w.n:w.n], int64(i), 10))
}

// pt writes a point as "x,y".
func (w *writer) pt(x, y float64) {
	w.num(x)
	w.WriteByte(',')
	w.num(y)
}

// attr writes ` name="v"` with v formatted as num formats it.
func (w *writer) attr(name string, v float64) {
	w.WriteByte(' ')
	w.WriteString(name)
	w.WriteString(`="`)
	w.num(v)
	w.WriteByte('"')
}

// strs writes each of ss in turn.
func (w *writer) strs(ss ...string) {
	for _, s := range ss {
		w.WriteString(s)
	}
}

// escMask has a bit set for each ASCII character below 64 that esc
// changes: the control characters XML does not allow, which it drops, and
// the five it escapes. Every other ASCII character is written as it is.
const escMask = (1<<0x20-1)&^(1<<'\t'|1<<'\n'|1<<'\r') |
	1<<'"' | 1<<'&' | 1<<'\'' | 1<<'<' | 1<<'>'

// esc writes s escaped as esc escapes it.
func (w *writer) esc(s string) {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 64 || escMask>>c&1 == 0 {
				i++
				continue
			}
			w.WriteString(s[last:i])
			switch c {
			case '&':
				w.WriteString("&amp;")
			case '\'':
				w.WriteString("&#39;")
			case '<':
				w.WriteString("&lt;")
			case '>':
				w.WriteString("&gt;")
			case '"':
				w.WriteString("&#34;")
			}
			// Anything else is a control character XML does not allow:
			// dropped.
			i++
			last = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !xmlChar(r) {
			w.WriteString(s[last:i])
			last = i + size
		}
		i += size
	}
	w.WriteString(s[last:])
}

// series writes the series letter for index i: a, b, c, ...
func (w *writer) series(i int) {
	if i < 26 {
		w.WriteByte(byte('a' + i))
		return
	}
	w.WriteByte('z')
	w.int(i)
}

// link writes the escaped label, linked to href when href is usable.
func (w *writer) link(label, href string) {
	if u := safeURL(href); u != "" {
		w.WriteString(`<a href="`)
		w.esc(u)
		w.WriteString(`">`)
		w.esc(label)
		w.WriteString(`</a>`)
		return
	}
	w.esc(label)
}

// esc escapes text for use in HTML or SVG element content and attribute
// values. Characters that XML 1.0 does not allow are dropped, so the output
// always parses as XML.
func esc(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || c < 64 && escMask>>c&1 != 0 {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var w writer
	w.Grow(len(s) + 16)
	w.esc(s)
	return w.String()
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
	if plainPath(u) {
		return u
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

// plainPath reports whether u is a path from the root, such as
// "/tracks/sde/l5/", that url.Parse is sure to accept without a scheme: it
// starts with one slash (two would start an authority) and holds no percent
// sign (which might start a malformed escape) and no control character.
func plainPath(u string) bool {
	if len(u) == 0 || u[0] != '/' || len(u) > 1 && u[1] == '/' {
		return false
	}
	for i := 0; i < len(u); i++ {
		if c := u[i]; c < ' ' || c == 0x7f || c == '%' {
			return false
		}
	}
	return true
}

// CleanID returns id as the charts write it in id attributes, as cleanID
// has it: for a URL fragment that names an element of a drawing.
func CleanID(id string) string { return cleanID(id) }

// cleanID turns the caller's ID into a prefix that is safe inside id and
// url(#...) references: letters, digits, '-' and '_' are kept, anything else
// becomes '-', and an empty or digit-led result is prefixed with "chart".
func cleanID(id string) string {
	s := id
	if !idClean(id) {
		var b strings.Builder
		b.Grow(len(id))
		for _, r := range id {
			if idByte(r) {
				b.WriteRune(r)
			} else {
				b.WriteByte('-')
			}
		}
		s = b.String()
	}
	if s == "" {
		return "chart"
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' {
		return "chart-" + s
	}
	return s
}

// idByte reports whether r is kept as it is by cleanID.
func idByte(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'
}

// idClean reports whether cleanID keeps every character of id.
func idClean(id string) bool {
	for i := 0; i < len(id); i++ {
		if !idByte(rune(id[i])) {
			return false
		}
	}
	return true
}

// Texts gives the words a chart writes in its data table (column heads,
// "None") in the page's language: the text of key with args in place. A
// nil Texts writes English.
type Texts func(key string, args ...any) string

// say returns the text of key, or english when t is nil.
func (t Texts) say(key, english string, args ...any) string {
	if t == nil {
		return english
	}
	return t(key, args...)
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
	switch r {
	case ' ':
		return 0.3
	case 'i', 'l', 'j', 'I', 't', '.', ',', ':', ';', '\'', '|', '!', '(', ')', '[', ']', 'f':
		return 0.33
	case 'r':
		return 0.4
	case 'm', 'w', 'M', 'W':
		return 0.88
	case '—', '…':
		return 0.9
	}
	switch {
	case r >= 'A' && r <= 'Z':
		return 0.68
	case r >= '0' && r <= '9':
		return 0.64
	case r >= 0x1100 && (r <= 0x115F || r >= 0x2E80):
		return 1.0
	}
	return 0.6
}

// addWidth adds the advances of the characters of s, in order, to w (a sum
// of advances in ems). Summing in order keeps the result of a line built
// piece by piece equal to that of the whole line.
func addWidth(w float64, s string) float64 {
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

// scaled turns a sum of advances into a width at size; bold text is a
// little wider.
func scaled(w, size float64, bold bool) float64 {
	if bold {
		w *= 1.13
	}
	return w * size
}

// textWidth estimates the width of s set at size; bold text is a little
// wider.
func textWidth(s string, size float64, bold bool) float64 {
	return scaled(addWidth(0, s), size, bold)
}

// isSpace reports whether r separates words, as strings.Fields has it.
func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		switch r {
		case ' ', '\t', '\n', '\v', '\f', '\r':
			return true
		}
		return false
	}
	return unicode.IsSpace(r)
}

// nextWord returns the bounds of the first word of s at or after byte i,
// or len(s), len(s) when there is none.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if !isSpace(r) {
			break
		}
		i += size
	}
	start = i
	for i < len(s) {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			break
		}
		i += size
	}
	return start, i
}

// singleSpaced returns s, which starts and ends with a word, with its words
// joined by single spaces: s itself when they already are.
func singleSpaced(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
				ok = false
				break
			}
			continue
		}
		if isSpace(rune(c)) && (c != ' ' || i+1 < len(s) && s[i+1] == ' ') {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; ; {
		ws, we := nextWord(s, i)
		if ws == we {
			break
		}
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[ws:we])
		i = we
	}
	return b.String()
}

// wrap breaks s into lines no wider than maxW at the given size, at most
// maxLines of them (0 means no limit). Words longer than a line are broken
// between characters. When the text does not fit, the last line ends in an
// ellipsis and truncated is true.
func wrap(s string, maxW, size float64, bold bool, maxLines int) (lines []string, truncated bool) {
	return appendWrap(nil, s, maxW, size, bold, maxLines)
}

// appendWrap appends the lines wrap breaks s into to dst, so that the
// lines of several texts can share one slice.
func appendWrap(dst []string, s string, maxW, size float64, bold bool, maxLines int) (lines []string, truncated bool) {
	fits := func(w float64) bool { return scaled(w, size, bold) <= maxW }
	base := len(dst)
	add := func(l string) {
		if dst == nil {
			dst = make([]string, 0, max(maxLines, 2))
		}
		dst = append(dst, l)
	}
	// The current line runs from the word at cs to the word ending at ce;
	// cw is its width in ems.
	has, cs, ce, cw := false, 0, 0, 0.0
	for i := 0; ; {
		ws, we := nextWord(s, i)
		if ws == we {
			break
		}
		i = we
		ww := -1.0 // width of the word, once known
		if !has {
			ww = addWidth(0, s[ws:we])
			if fits(ww) {
				has, cs, ce, cw = true, ws, we, ww
				continue
			}
		} else if nw := addWidth(cw+runeWidth(' '), s[ws:we]); fits(nw) {
			ce, cw = we, nw
			continue
		}
		if has {
			add(singleSpaced(s[cs:ce]))
			has = false
		}
		if ww < 0 {
			ww = addWidth(0, s[ws:we])
		}
		// Break an over-long word between characters.
		for ws < we && !fits(ww) {
			r, n := utf8.DecodeRuneInString(s[ws:we])
			p, pw := ws+n, runeWidth(r)
			for p < we {
				r, n := utf8.DecodeRuneInString(s[p:we])
				nw := pw + runeWidth(r)
				if !fits(nw) {
					break
				}
				p, pw = p+n, nw
			}
			add(s[ws:p])
			ws = p
			ww = addWidth(0, s[ws:we])
		}
		if ws < we {
			has, cs, ce, cw = true, ws, we, ww
		}
	}
	if has {
		add(singleSpaced(s[cs:ce]))
	}
	if last := base + maxLines - 1; maxLines > 0 && len(dst)-base > maxLines {
		// The lines from the last one allowed on, joined, cut short.
		var b strings.Builder
		n := len(dst) - last - 1
		for _, l := range dst[last:] {
			n += len(l)
		}
		b.Grow(n)
		for i, l := range dst[last:] {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(l)
		}
		dst = append(dst[:last], ellipsize(b.String(), maxW, size, bold))
		return dst, true
	}
	return dst, false
}

// fitLine returns s fitted on one line no wider than maxW, as wrap would
// fit it with maxLines 1.
func fitLine(s string, maxW, size float64, bold bool) string {
	var a [4]string
	lines, _ := appendWrap(a[:0], s, maxW, size, bold, 1)
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

// ellipsize shortens s to fit maxW including a trailing ellipsis.
func ellipsize(s string, maxW, size float64, bold bool) string {
	// The longest prefix of s that fits once trailing punctuation and
	// spaces are trimmed and the ellipsis added. Widths only grow as the
	// prefix does, so the first prefix that does not fit ends the search.
	fit := -1 // end of the trimmed prefix that fits
	keep, w, keepW := 0, 0.0, 0.0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		w += runeWidth(r)
		switch r {
		case ' ', ',', ';', ':', '-', '—':
		default:
			keep, keepW = i, w
		}
		if scaled(keepW+runeWidth('…'), size, bold) > maxW {
			break
		}
		fit = keep
	}
	if fit < 0 {
		return "…"
	}
	return s[:fit] + "…"
}

// svgOpen writes the root element with its title and description. kind is
// the chart type, added as a class (chart-kind) and a data-chart attribute.
// A drawing with links is a group rather than an image: the children of
// role="img" are presentational, so links inside one would take keyboard
// focus yet be hidden from screen readers.
func svgOpen(b *writer, kind, id, title, desc string, w, h float64, links bool) {
	role := "img"
	if links {
		role = "group"
	}
	b.strs(`<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-`, kind, `" viewBox="0 0 `)
	b.num(w)
	b.WriteByte(' ')
	b.num(h)
	b.WriteString(`" width="`)
	b.num(w)
	b.strs(`" role="`, role, `" aria-labelledby="`, id, `-title `, id, `-desc">`+"\n")
	b.strs(`<title id="`, id, `-title">`)
	b.esc(title)
	b.WriteString("</title>\n")
	b.strs(`<desc id="`, id, `-desc">`)
	b.esc(desc)
	b.WriteString("</desc>\n")
}

// arrowDefs writes the arrowhead marker used by edges, with id ID-arrow.
// With focus it also writes ID-arrow-focus, whose class edge-focus lets a
// stylesheet colour the arrowheads of highlighted edges (a marker takes its
// colour from where it is defined, not from the edge that uses it).
func arrowDefs(b *writer, id string, focus bool) {
	b.WriteString("<defs>\n")
	marker := func(suffix, class string) {
		b.strs(`<marker id="`, id, `-arrow`, suffix, `" class="`, class,
			`" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,1L9,5L0,9z"/></marker>`+"\n")
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
func textLines(b *writer, x, y, lh float64, lines []string, attrs, full string) {
	b.WriteString(`<text`)
	b.attr("x", x)
	b.attr("y", y)
	b.WriteString(attrs)
	b.WriteByte('>')
	if full != "" {
		b.WriteString(`<title>`)
		b.esc(full)
		b.WriteString(`</title>`)
	}
	for i, l := range lines {
		if len(lines) == 1 {
			b.esc(l)
			break
		}
		// The first line starts where the text does; each other goes
		// back to x, one line lower.
		b.WriteString(`<tspan`)
		if i > 0 {
			b.attr("x", x)
			b.attr("dy", lh)
		}
		b.WriteByte('>')
		b.esc(l)
		b.WriteString(`</tspan>`)
	}
	b.WriteString("</text>\n")
}

// linkOpen starts an <a> element when href is a usable URL and reports
// whether it did; extra is written verbatim into the start tag.
func linkOpen(b *writer, href, extra string) bool {
	u := safeURL(href)
	if u == "" {
		return false
	}
	b.WriteString(`<a href="`)
	b.esc(u)
	b.strs(`"`, extra, ">\n")
	return true
}

// linkClose ends an element started by linkOpen.
func linkClose(b *writer, opened bool) {
	if opened {
		b.WriteString("</a>\n")
	}
}

// finish wraps the body in the root element and returns the drawing.
func finish(kind, id, title, desc string, w, h float64, body string, table string) Drawing {
	w, h = math.Ceil(w), math.Ceil(h)
	var b writer
	b.Grow(len(body) + 400 + 2*len(id) + len(title) + len(desc) + len(desc)/8)
	svgOpen(&b, kind, id, title, desc, w, h, strings.Contains(body, "<a href="))
	b.WriteString(body)
	b.WriteString("</svg>\n")
	return Drawing{
		SVG:     template.HTML(b.String()),
		Table:   template.HTML(table),
		Width:   int(w),
		Height:  int(h),
		Caption: captionID(id),
	}
}

// htmlTable accumulates the data table that accompanies a chart. After
// start, the caller writes the column headers with col, then calls body,
// then writes rows: rowStart, the first cell's content, then cell before
// each further cell's content, and rowEnd.
type htmlTable struct {
	writer
}

// captionID returns the id of the caption of the data table of the chart
// with the given id.
func captionID(id string) string { return id + "-caption" }

// start writes the table element, caption and the start of the header row.
func (t *htmlTable) start(id, kind, caption string) {
	t.strs(`<table class="chart-data chart-data-`, kind, `" id="`, id, `-data">`+"\n<caption id=\"", captionID(id), `">`)
	t.esc(caption)
	t.WriteString("</caption>\n<thead><tr>")
}

// col writes a column header; h is plain text.
func (t *htmlTable) col(h string) {
	t.WriteString(`<th scope="col">`)
	t.esc(h)
	t.WriteString(`</th>`)
}

// body ends the header and starts the body.
func (t *htmlTable) body() {
	t.WriteString("</tr></thead>\n<tbody>\n")
}

// rowStart starts a body row with attrs in its start tag, and its first
// cell, a row header.
func (t *htmlTable) rowStart(attrs string) {
	t.strs("<tr", attrs, `><th scope="row">`)
}

// cell ends the previous cell of a row and starts a data cell.
func (t *htmlTable) cell(first bool) {
	if first {
		t.WriteString(`</th><td>`)
	} else {
		t.WriteString(`</td><td>`)
	}
}

// rowEnd ends a row whose last cell is a data cell (header false) or its
// row header.
func (t *htmlTable) rowEnd(header bool) {
	if header {
		t.WriteString("</th></tr>\n")
	} else {
		t.WriteString("</td></tr>\n")
	}
}

// end closes the table and returns its markup.
func (t *htmlTable) end() string {
	t.WriteString("</tbody>\n</table>\n")
	return t.String()
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
