package serve

import (
	_ "embed"
	"fmt"
	"html"
	"strings"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// clientJS is the live-reload client; see the package comment.
//
//go:embed client.js
var clientJS string

// overlayID is the id of the error overlay's element, in the markup and in
// the client.
const overlayID = "__ladder_overlay"

// overlayCSS styles the error overlay; it is served as overlayCSSPath. Every rule is scoped to the
// overlay's id, so that it neither takes from nor gives to the site's own
// stylesheet.
const overlayCSS = `#__ladder_overlay{position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;padding:32px 24px;background:rgba(22,22,26,.97);color:#eee;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left}` +
	`#__ladder_overlay .box{max-width:980px;margin:0 auto}` +
	`#__ladder_overlay h2{margin:0 0 6px;color:#ff7b72;font:bold 20px/1.3 system-ui,sans-serif}` +
	`#__ladder_overlay p{margin:0 0 16px;color:#c9c9c9;font:14px/1.4 system-ui,sans-serif}` +
	`#__ladder_overlay .d{padding:12px 0;border-top:1px solid #444}` +
	`#__ladder_overlay .d .d{padding:6px 0 0 20px;border:0}` +
	`#__ladder_overlay .loc{font-weight:bold;white-space:pre-wrap;word-break:break-word}` +
	`#__ladder_overlay .error{color:#ff7b72}#__ladder_overlay .note{color:#79c0ff}#__ladder_overlay .warning{color:#e3b341}` +
	`#__ladder_overlay pre{margin:6px 0;padding:0;overflow:auto;background:none;color:#ddd;font:inherit;white-space:pre}` +
	`#__ladder_overlay .hint{color:#7ee787}` +
	`#__ladder_example{position:sticky;bottom:0;z-index:2147483646;margin:0;padding:10px 16px;background:#fff8c5;color:#3b2300;border-top:2px solid #d4a72c;font:15px/1.4 system-ui,sans-serif;text-align:center}` +
	`#__ladder_example code{font:14px ui-monospace,Menlo,Consolas,monospace}`

// exampleBanner is added to every page when the server shows the example
// built into the binary, because no site was found: it says so, and how
// to start a site of one's own.
const exampleBanner = `<aside id="__ladder_example" role="note">This is the example framework built into ladder: there is no site.toml here or in any folder above. ` +
	`Start your own with <code>ladder init DIR</code> (or <code>ladder init --example DIR</code> for a copy of this one), then run <code>ladder serve</code> inside it.</aside>` + "\n"

// The dev server's own files, below the base path. They are files rather
// than inline code so that the Content-Security-Policy needs no
// 'unsafe-inline'.
const (
	clientPath     = "__ladder/client.js"
	overlayCSSPath = "__ladder/overlay.css"
)

// clientID is the id of the script element that loads the client.
const clientID = "__ladder_client"

// compactJS drops the comments, blank lines and indentation of the
// client.
func compactJS(src string) string {
	var b strings.Builder
	for line := range strings.Lines(src) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

// clientScript returns the script element injected into every HTML page
// of a site served under base: it loads the client and tells it the page's
// site path url and the hash sum it was served with.
func clientScript(base, url, sum string) []byte {
	e := html.EscapeString
	return []byte(`<script id="` + clientID + `" src="` + e(base+clientPath) + `" data-path="` + e(url) +
		`" data-hash="` + e(sum) + `" data-events="` + e(base+eventsPath) + `"></script>` + "\n")
}

// overlayLink returns the link element of the overlay's stylesheet, for a
// site served under base.
func overlayLink(base string) []byte {
	return []byte(`<link rel="stylesheet" id="` + overlayID + `_css" href="` + html.EscapeString(base+overlayCSSPath) + `">`)
}

// failure is a build that failed: its errors, ready to send and to show.
type failure struct {
	diags diag.List    // every diagnostic, for the terminal
	src   diag.Sources // the files' text, for the terminal
	data  []byte       // the "error" event's JSON
	html  []byte       // the overlay's markup, for pages served meanwhile
}

// overlay is the payload of an "error" event.
type overlay struct {
	Title  string        `json:"title"`
	Note   string        `json:"note"`
	Errors []overlayItem `json:"errors"`
}

// overlayItem is one diagnostic in the overlay: its JSON form (diag.ToJSON)
// with the location and the source excerpt already laid out as the
// terminal shows them.
type overlayItem struct {
	diag.JSONDiagnostic
	Loc     string        `json:"loc,omitempty"`     // "content/x.md:3:9"
	Snippet string        `json:"snippet,omitempty"` // the source line and a caret under the problem
	Notes   []overlayItem `json:"notes,omitempty"`
}

// newFailure prepares the errors of l (its warnings are only counted) for
// the browsers.
func newFailure(l diag.List, src diag.Sources) *failure {
	var errs diag.List
	for _, d := range l {
		if d.Severity == diag.Error {
			errs = append(errs, d)
		}
	}
	o := overlay{
		Title: "Build failed: " + plural(len(errs), "error"),
		Note:  "Fix the files and save: this page updates by itself. Until then the last good version of the site is served.",
	}
	if n := l.Warnings(); n > 0 {
		o.Note += fmt.Sprintf(" The terminal also lists %s.", plural(n, "warning"))
	}
	o.Errors = overlayItems(diag.ToJSON(errs, src))
	return &failure{diags: l, src: src, data: mustJSON(o), html: overlayHTML(o)}
}

func overlayItems(js []diag.JSONDiagnostic) []overlayItem {
	out := make([]overlayItem, 0, len(js))
	for _, j := range js {
		it := overlayItem{JSONDiagnostic: j, Snippet: snippet(j), Notes: overlayItems(j.Notes)}
		it.JSONDiagnostic.Notes = nil
		switch {
		case j.File == "":
		case j.Line == 0:
			it.Loc = j.File
		default:
			it.Loc = fmt.Sprintf("%s:%d:%d", j.File, j.Line, j.Col)
		}
		out = append(out, it)
	}
	return out
}

// snippet lays out the source line of a diagnostic with a caret under the
// offending bytes, as diag.Format does, counting columns in characters.
func snippet(j diag.JSONDiagnostic) string {
	if j.Line == 0 || (j.Source == "" && j.Col != 1) {
		return ""
	}
	line := strings.ReplaceAll(j.Source, "\t", " ")
	num := fmt.Sprintf("%5d", j.Line)
	col := min(max(j.Col-1, 0), len(line))
	n := max(1, min(j.Len, len(line)-col))
	carets := max(1, utf8.RuneCountInString(line[col:min(col+n, len(line))]))
	return num + " | " + line + "\n" +
		strings.Repeat(" ", len(num)) + " | " + strings.Repeat(" ", utf8.RuneCountInString(line[:col])) + strings.Repeat("^", carets)
}

// overlayHTML writes the overlay's markup: the same elements the client
// builds from an "error" event, every text escaped.
func overlayHTML(o overlay) []byte {
	var b strings.Builder
	b.WriteString(`<div id="` + overlayID + `" role="alert"><div class="box"><h2>`)
	b.WriteString(html.EscapeString(o.Title))
	b.WriteString("</h2><p>")
	b.WriteString(html.EscapeString(o.Note))
	b.WriteString("</p>")
	for _, it := range o.Errors {
		writeItem(&b, it)
	}
	b.WriteString("</div></div>\n")
	return []byte(b.String())
}

func writeItem(b *strings.Builder, it overlayItem) {
	e := html.EscapeString
	b.WriteString(`<div class="d"><div class="loc">`)
	if it.Loc != "" {
		b.WriteString(e(it.Loc) + ": ")
	}
	fmt.Fprintf(b, `<b class="%s">%s:</b> %s</div>`, e(it.Severity), e(it.Severity), e(it.Message))
	if it.Snippet != "" {
		b.WriteString("<pre>" + e(it.Snippet) + "</pre>")
	}
	if it.Hint != "" {
		b.WriteString(`<div class="hint">hint: ` + e(it.Hint) + "</div>")
	}
	for _, n := range it.Notes {
		writeItem(b, n)
	}
	b.WriteString("</div>")
}
