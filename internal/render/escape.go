package render

import (
	"html/template"
	"strconv"
	"strings"
)

// This file writes HTML from Go with the escaping html/template applies, so
// that blocks built here are byte for byte what the same markup written as
// a template would give. In text and in quoted attribute values,
// html/template replaces NUL " & ' + < > (see htmlEscaper and attrEscaper in
// html/template); a URL attribute value that an action starts is filtered
// (a scheme other than http, https or mailto gives "#ZgotmplZ", unless the
// value is a template.URL), normalised
// (bytes outside the URL alphabet are percent-encoded) and then escaped as
// an attribute.

// htmlBuf builds a block of HTML.
type htmlBuf struct {
	strings.Builder
}

// newHTMLBuf returns a buffer with room for n bytes.
func newHTMLBuf(n int) *htmlBuf {
	b := &htmlBuf{}
	b.Grow(n)
	return b
}

// HTML returns the block.
func (b *htmlBuf) HTML() template.HTML { return template.HTML(b.String()) }

// raw writes markup as is.
func (b *htmlBuf) raw(s string) { b.WriteString(s) }

// text writes s escaped for a text node or a quoted attribute value.
func (b *htmlBuf) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		if escapedByte[s[i]] == 0 {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(htmlEntity(s[i]))
		last = i + 1
	}
	b.WriteString(s[last:])
}

// int writes a number as templates print it.
func (b *htmlBuf) int(n int) {
	var a [24]byte
	b.Write(strconv.AppendInt(a[:0], int64(n), 10))
}

// hours writes Hours(h), escaped.
func (b *htmlBuf) hours(h float64) {
	if h == float64(int64(h)) {
		var a [24]byte
		b.Write(strconv.AppendInt(a[:0], int64(h), 10))
		b.WriteString(" h")
		return
	}
	b.text(Hours(h))
}

// url writes the value of a URL attribute (href, action, src) that a
// template action would fill from its start: s filtered, normalised and
// escaped.
func (b *htmlBuf) url(s string) {
	if plainURL(s) {
		b.WriteString(s)
		return
	}
	b.text(normalizeURL(filterURL(s)))
}

// trustedURL writes the value of a URL attribute that a template action
// would fill with a template.URL: normalised and escaped, but not filtered,
// so that a scheme the site allows ("msteams:") stays a link. Only values
// that the URL check has accepted are typed template.URL (see
// site.Course.Link).
func (b *htmlBuf) trustedURL(u template.URL) {
	s := string(u)
	if plainURL(s) {
		b.WriteString(s)
		return
	}
	b.text(normalizeURL(s))
}

// url2 writes the URL attribute value prefix+rest, as url(prefix+rest)
// would, without joining the two in the common case.
func (b *htmlBuf) url2(prefix, rest string) {
	if plainURL(prefix) && plainURL(rest) {
		b.WriteString(prefix)
		b.WriteString(rest)
		return
	}
	b.url(prefix + rest)
}

// escapedByte marks the bytes html/template replaces in text and quoted
// attribute values.
var escapedByte = [256]uint8{0: 1, '"': 1, '&': 1, '\'': 1, '+': 1, '<': 1, '>': 1}

// htmlEntity returns what html/template writes for an escaped byte.
func htmlEntity(c byte) string {
	switch c {
	case 0:
		return "\uFFFD"
	case '"':
		return "&#34;"
	case '&':
		return "&amp;"
	case '\'':
		return "&#39;"
	case '+':
		return "&#43;"
	case '<':
		return "&lt;"
	}
	return "&gt;"
}

// plainURLByte marks the bytes that pass URL filtering, normalisation and
// attribute escaping unchanged wherever they are (':' and '%' are left
// out: they depend on what surrounds them).
var plainURLByte = func() (t [256]bool) {
	for c := 'a'; c <= 'z'; c++ {
		t[c] = true
	}
	for c := 'A'; c <= 'Z'; c++ {
		t[c] = true
	}
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "-._~!#$*,/;=?@[]" {
		t[c] = true
	}
	return t
}()

// plainURL reports whether s is written unchanged as a URL attribute value.
func plainURL(s string) bool {
	for i := 0; i < len(s); i++ {
		if !plainURLByte[s[i]] {
			return false
		}
	}
	return true
}

// filterURL returns s, or "#ZgotmplZ" when s has a scheme other than http,
// https or mailto (html/template's urlFilter).
func filterURL(s string) string {
	if protocol, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(protocol, "/") {
		if !strings.EqualFold(protocol, "http") && !strings.EqualFold(protocol, "https") && !strings.EqualFold(protocol, "mailto") {
			return "#ZgotmplZ"
		}
	}
	return s
}

// normalizeURL percent-encodes the bytes of s that may not appear in a URL,
// keeping reserved characters and valid escapes (html/template's
// urlNormalizer).
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i, n := 0, len(s); i < n; i++ {
		c := s[i]
		switch c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']', '-', '.', '_', '~':
			continue
		case '%':
			if i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
				continue
			}
		default:
			if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' {
				continue
			}
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteByte('%')
		b.WriteByte(lowerHex[c>>4])
		b.WriteByte(lowerHex[c&15])
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
