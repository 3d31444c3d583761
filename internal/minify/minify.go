// Package minify makes the theme's files smaller before they are used: the
// html/template layouts, whose whitespace between tags every page would
// otherwise repeat, and the stylesheets, scripts and SVG files of the
// theme's assets. Each file is minified once when a site is prepared, so the
// pages cost nothing more to draw; the markdown bodies, the site's own
// static files and any text inside <pre>, <code> and <textarea> are left as
// they are.
//
// Minifying is deterministic: the same input always gives the same bytes.
package minify

import (
	"bytes"
	"fmt"
	"path"
	"regexp"

	tdm "github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/svg"
)

// newMinifier returns the minifiers by media type. Each call makes its own:
// a site has a few dozen files to minify, once.
func newMinifier() *tdm.M {
	m := tdm.New()
	// Layouts keep quotes and end tags: an attribute value or an element
	// may be written by a template action, which the minifier cannot see
	// into, and a conditional end tag must stay where the layout puts it.
	m.Add("text/html", &html.Minifier{
		KeepDocumentTags:    true,
		KeepEndTags:         true,
		KeepQuotes:          true,
		KeepDefaultAttrVals: true,
		KeepSpecialComments: true,
		TemplateDelims:      html.GoTemplateDelims,
	})
	m.AddFunc("text/css", css.Minify)
	m.Add("application/javascript", &js.Minifier{})
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddRegexp(regexp.MustCompile("^(application|text)/(x-)?(java|ecma)script$"), &js.Minifier{})
	return m
}

// comment matches a template comment, {{/* ... */}}, with its trim markers.
var comment = regexp.MustCompile(`(?s)\{\{(-? *)/\*.*?\*/( *-?)\}\}`)

// Template minifies an html/template layout, leaving its actions as they
// are, and keeps its final newline. name is used in errors. Template
// comments are emptied first (their trim markers stay): the minifier reads
// quotes inside an action as the start of a string.
func Template(name string, src []byte) ([]byte, error) {
	src = comment.ReplaceAll(src, []byte("{{${1}/**/${2}}}"))
	out, err := newMinifier().Bytes("text/html", src)
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", name, err)
	}
	if bytes.HasSuffix(src, []byte("\n")) && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, '\n')
	}
	return out, nil
}

// Asset minifies a theme asset by its extension (.css, .js, .svg) and
// returns any other file, or one the minifier cannot read, as it is.
func Asset(name string, data []byte) []byte {
	var media string
	switch path.Ext(name) {
	case ".css":
		media = "text/css"
	case ".js":
		media = "application/javascript"
	case ".svg":
		media = "image/svg+xml"
	default:
		return data
	}
	var b bytes.Buffer
	b.Grow(len(data))
	if err := newMinifier().Minify(media, &b, bytes.NewReader(data)); err != nil {
		return data
	}
	return b.Bytes()
}
