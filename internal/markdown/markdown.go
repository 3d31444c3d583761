// Package markdown converts the markdown bodies of content files to HTML.
//
// One goldmark instance is configured per option set (GFM tables,
// strikethrough, task lists and autolinks, footnotes, heading ids and
// typographic punctuation; raw HTML is dropped unless unsafe_html is set) and
// reused for every file; goldmark is safe for concurrent use.
//
// Links into the site are not resolved here, so that a body's HTML depends on
// its own file only and can be cached by content: an AST transformer collects
// every entity link ("course:secure-coding", "level:software/sde-2", ...) and
// root-relative link ("/tracks/") with its position, and rewrites its
// destination to a placeholder (see Placeholder) that the render package
// replaces with the right URL for the page being written. Every other link
// and image destination is collected too, as the renderer writes it
// (entities resolved, then percent-escaped), for the check package to refuse schemes the site
// does not allow; it is left in the HTML as it is.
package markdown

import (
	"bytes"
	stdhtml "html"
	"html/template"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Placeholder is the scheme that marks an unresolved internal link in
// converted HTML: `href="ladder-ref:course/secure-coding"` for an entity link,
// `href="ladder-ref:/tracks/"` for a root-relative one. The characters used
// survive goldmark's URL escaping unchanged.
const Placeholder = "ladder-ref:"

// Kinds lists the entity kinds an entity link may name.
var Kinds = []string{"track", "level", "competency", "course", "program", "page", "plan"}

// Options selects a converter.
type Options struct {
	UnsafeHTML bool // keep raw HTML in markdown
}

// Converter converts markdown bodies with one set of options. It is safe for
// concurrent use.
type Converter struct {
	md goldmark.Markdown
}

// New returns a converter for opts. Build one per build and share it.
func New(opts Options) *Converter {
	rendererOpts := []goldmark.Option{
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkCollector{}, 100)),
		),
	}
	if opts.UnsafeHTML {
		rendererOpts = append(rendererOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	return &Converter{md: goldmark.New(rendererOpts...)}
}

// linksKey is the parser context key under which the collector stores links.
var linksKey = parser.NewContextKey()

type rawLink struct {
	kind, target string
	start, end   int  // byte range of the destination in the source
	other        bool // not an internal link: a destination for the URL check
}

// linkCollector rewrites internal link destinations to placeholders and
// records them in the parser context.
type linkCollector struct{}

// Transform implements parser.ASTTransformer.
func (linkCollector) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var links []rawLink
	var autoLinks []*ast.AutoLink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		case *ast.AutoLink:
			// <course:linux> is an autolink to an entity: it is checked
			// and resolved like [text](course:linux), and becomes a link
			// once the walk is done.
			if n.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkSkipChildren, nil // an e-mail address, written as mailto:
			}
			u := string(n.URL(src))
			if kind, target, ok := classify(u); ok && kind != "" {
				start, end := locate(src, n.Pos(), u)
				links = append(links, rawLink{kind: kind, target: target, start: start, end: end})
				autoLinks = append(autoLinks, n)
			} else {
				// An extended autolink ("www.x.org") gets its scheme
				// from the parser; the label is what the source holds.
				start, end := locate(src, n.Pos(), string(n.Label(src)))
				href := string(util.URLEscape([]byte(u), false)) // as the renderer writes it
				links = append(links, rawLink{target: href, start: start, end: end, other: true})
			}
			return ast.WalkSkipChildren, nil
		default:
			return ast.WalkContinue, nil
		}
		d := string(*dest)
		kind, target, ok := classify(d)
		start, end := locate(src, n.Pos(), d)
		if !ok {
			// What the check sees is what the renderer writes: entities
			// resolved ("&#106;avascript:" is javascript:), then
			// percent-escaped ("java&#9;script:" is a relative path).
			href := string(util.URLEscape(*dest, true))
			links = append(links, rawLink{target: href, start: start, end: end, other: true})
			return ast.WalkContinue, nil
		}
		links = append(links, rawLink{kind: kind, target: target, start: start, end: end})
		if kind == "" {
			*dest = []byte(Placeholder + target)
		} else {
			*dest = []byte(Placeholder + kind + "/" + target)
		}
		return ast.WalkContinue, nil
	})
	for _, a := range autoLinks {
		kind, target, _ := classify(string(a.URL(src)))
		l := ast.NewLink()
		l.Destination = []byte(Placeholder + kind + "/" + target)
		l.AppendChild(l, ast.NewString(a.Label(src)))
		a.Parent().ReplaceChild(a.Parent(), a, l)
	}
	pc.Set(linksKey, links)
}

// classify splits an internal link destination into kind and target.
// Root-relative links have kind "". Protocol-relative ("//host") and external
// links are not internal.
func classify(dest string) (kind, target string, ok bool) {
	if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
		return "", dest, true
	}
	k, t, found := strings.Cut(dest, ":")
	if !found {
		return "", "", false
	}
	for _, kind := range Kinds {
		if k == kind {
			return k, t, true
		}
	}
	return "", "", false
}

// locate finds the destination d in src at or after the node's position, so
// that a bad link is reported where its target is written.
func locate(src []byte, pos int, d string) (int, int) {
	if pos < 0 || pos > len(src) {
		pos = 0
	}
	if i := bytes.Index(src[pos:], []byte(d)); i >= 0 && i < 4096 {
		return pos + i, pos + i + len(d)
	}
	return pos, pos
}

// Convert converts a file's body. src is the whole file with everything that
// is not body (the front matter) blanked to spaces, so that positions are the
// file's own; lines locates them.
func (c *Converter) Convert(src []byte, lines *diag.LineIndex) (site.Body, error) {
	pc := parser.NewContext()
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	buf.Grow(len(src) + len(src)/4)
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return site.Body{}, err
	}
	body := site.Body{HTML: template.HTML(buf.String()), Text: plainText(doc, src)}
	raw, _ := pc.Get(linksKey).([]rawLink)
	for _, l := range raw {
		ln := site.Link{Kind: site.ParseKind(l.kind), Target: l.target, Pos: lines.Pos(l.start, l.end)}
		if l.other {
			body.URLs = append(body.URLs, ln)
		} else {
			body.Links = append(body.Links, ln)
		}
	}
	return body, nil
}

// plainText returns the text of a document, blocks separated by newlines,
// for search indexes and descriptions.
func plainText(doc ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				if v := n.Value(src); bytes.IndexByte(v, '&') >= 0 {
					b.WriteString(stdhtml.UnescapeString(string(v))) // entity references
				} else {
					b.Write(v)
				}
				if n.SoftLineBreak() || n.HardLineBreak() {
					b.WriteByte(' ')
				}
			}
		case *ast.String:
			if entering {
				// Typographer punctuation arrives as HTML entities (&rsquo;).
				b.WriteString(stdhtml.UnescapeString(string(n.Value)))
			}
		case *ast.CodeSpan, *ast.AutoLink:
			if entering {
				if a, ok := n.(*ast.AutoLink); ok {
					b.Write(a.URL(src))
					return ast.WalkSkipChildren, nil
				}
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			if entering {
				lines := n.Lines()
				for i := 0; i < lines.Len(); i++ {
					seg := lines.At(i)
					b.Write(seg.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		default:
			if n.Type() == ast.TypeBlock && !entering && b.Len() > 0 {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	out := strings.TrimSpace(b.String())
	if b.Cap() > len(out)+len(out)/8 {
		// The builder grew by doubling; the text is kept as long as its
		// site, so it keeps only its own bytes.
		out = strings.Clone(out)
	}
	return out
}

// Inline converts a short text of inline markdown (a criterion of an
// expectation, an example) to HTML, and to plain text: a text that is one paragraph is given
// without its <p>, anything else as its blocks. Its links are collected as
// Convert collects a body's, each at pos, the place of the text in its file
// (a TOML string's escapes make positions inside it unreliable).
func (c *Converter) Inline(s string, pos diag.Pos) (html template.HTML, plain string, links, urls []site.Link, err error) {
	if plainInline(s) {
		return template.HTML(s), s, nil, nil, nil
	}
	return c.parseInline(s, pos)
}

// parseInline is Inline through the markdown parser.
func (c *Converter) parseInline(s string, pos diag.Pos) (html template.HTML, plain string, links, urls []site.Link, err error) {
	src := []byte(s)
	pc := parser.NewContext()
	doc := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var buf bytes.Buffer
	if err := c.md.Renderer().Render(&buf, src, doc); err != nil {
		return "", "", nil, nil, err
	}
	out := buf.String()
	if doc.ChildCount() == 1 && doc.FirstChild().Kind() == ast.KindParagraph {
		out = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(out), "<p>"), "</p>")
	}
	raw, _ := pc.Get(linksKey).([]rawLink)
	for _, l := range raw {
		ln := site.Link{Kind: site.ParseKind(l.kind), Target: l.target, Pos: pos}
		if l.other {
			urls = append(urls, ln)
		} else {
			links = append(links, ln)
		}
	}
	return template.HTML(out), strings.TrimSpace(plainText(doc, src)), links, urls, nil
}

// plainInline reports whether the inline markdown s is plain prose that
// the converter would give back unchanged, as its HTML and as its plain
// text: letters, digits, single spaces and the punctuation , . ; ( ) / %
// + ? - that no markdown syntax, typographic replacement (quotes, dashes,
// ellipses) or autolink (www., a scheme's colon, an address's @) uses,
// with nothing at its start that opens a block (a list item, a numbered
// one, indented code). Most criteria and examples are such sentences, and
// parsing them is a good part of loading a large framework.
func plainInline(s string) bool {
	if s == "" {
		return false
	}
	switch c := s[0]; {
	case c == '-' || c == '+' || c >= '0' && c <= '9':
		return false
	}
	var prev rune
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
		case r == ' ':
			if prev == ' ' || prev == 0 {
				return false
			}
		case r == '.' || r == '-':
			if prev == r {
				return false // an ellipsis or a dash
			}
		case r == ',' || r == ';' || r == '(' || r == ')' || r == '/' || r == '%' || r == '+' || r == '?':
		case r >= 0x80 && unicode.IsLetter(r):
		default:
			return false
		}
		prev = r
	}
	if prev == ' ' {
		return false
	}
	return !containsFold(s, "www.")
}

// containsFold reports whether s holds sub, an ASCII lower-case string,
// in any case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return true
		}
	}
	return false
}
