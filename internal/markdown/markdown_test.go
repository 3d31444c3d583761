package markdown

import (
	stdhtml "html"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/urlcheck"
)

func convert(t testing.TB, c *Converter, src string) site.Body {
	t.Helper()
	b, err := c.Convert([]byte(src), diag.NewLineIndex("f.md", []byte(src)))
	if err != nil {
		t.Fatalf("Convert: %v", err)
	}
	return b
}

func TestLinks(t *testing.T) {
	// The front matter is blanked to spaces, as the loader does, so that
	// positions are the file's own.
	src := "   \n                  \n   \n" +
		"See [the course](course:secure-coding) and [SDE II](level:software/sde-2).\n" +
		"\n" +
		"- [tracks](/tracks/) and [Go](https://go.dev/) and [proto](//cdn.example.com/x)\n" +
		"- ![chart](competency:coding) [ref][r] [frag](program:academy#intakes)\n" +
		"\n" +
		"[r]: page:about\n"
	b := convert(t, New(Options{}), src)
	want := []site.Link{
		{Kind: site.KindCourse, Target: "secure-coding", Pos: diag.Pos{File: "f.md", Line: 4, Col: 18, Len: 20}},
		{Kind: site.KindLevel, Target: "software/sde-2", Pos: diag.Pos{File: "f.md", Line: 4, Col: 53, Len: 20}},
		{Kind: site.KindNone, Target: "/tracks/", Pos: diag.Pos{File: "f.md", Line: 6, Col: 12, Len: 8}},
		{Kind: site.KindCompetency, Target: "coding", Pos: diag.Pos{File: "f.md", Line: 7, Col: 12, Len: 17}},
		{Kind: site.KindPage, Target: "about", Pos: diag.Pos{File: "f.md", Line: 9, Col: 6, Len: 10}},
		{Kind: site.KindProgram, Target: "academy#intakes", Pos: diag.Pos{File: "f.md", Line: 7, Col: 47, Len: 23}},
	}
	if len(b.Links) != len(want) {
		t.Fatalf("got %d links %+v, want %d", len(b.Links), b.Links, len(want))
	}
	for i := range want {
		if b.Links[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, b.Links[i], want[i])
		}
	}
	html := string(b.HTML)
	for _, s := range []string{
		`href="ladder-ref:course/secure-coding"`,
		`href="ladder-ref:level/software/sde-2"`,
		`href="ladder-ref:/tracks/"`,
		`src="ladder-ref:competency/coding"`,
		`href="ladder-ref:page/about"`,
		`href="ladder-ref:program/academy#intakes"`,
		`href="https://go.dev/"`,
		`href="//cdn.example.com/x"`,
	} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s:\n%s", s, html)
		}
	}
}

// TestAutoLink checks that an autolink to an entity is checked and
// resolved like any entity link, and that other autolinks stay as they are.
func TestAutoLink(t *testing.T) {
	src := "See <course:linux> or <https://go.dev/> or <hr@example.com>.\n"
	b := convert(t, New(Options{}), src)
	want := []site.Link{{Kind: site.KindCourse, Target: "linux", Pos: diag.Pos{File: "f.md", Line: 1, Col: 6, Len: 12}}}
	if len(b.Links) != 1 || b.Links[0] != want[0] {
		t.Errorf("links = %+v, want %+v", b.Links, want)
	}
	html := string(b.HTML)
	for _, s := range []string{`<a href="ladder-ref:course/linux">course:linux</a>`, `<a href="https://go.dev/">https://go.dev/</a>`, `<a href="mailto:hr@example.com">hr@example.com</a>`} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s:\n%s", s, html)
		}
	}
}

// TestURLs checks that every link and image that is not internal is
// collected, with the destination as the renderer writes it and its
// position, for the URL check.
func TestURLs(t *testing.T) {
	src := "+++\n+++\nGo [x](javascript:alert(1)) and ![i](data:image/png;base64,AA)\n" +
		"<msteams://teams/x> or www.example.org and [e](java&#x09;script:y) [r][r]\n" +
		"[f](&#106;avascript:x)\n" +
		"\n[r]: #top\n"
	b := convert(t, New(Options{}), src)
	want := []site.Link{
		{Target: "javascript:alert(1)", Pos: diag.Pos{File: "f.md", Line: 3, Col: 8, Len: 19}},
		{Target: "data:image/png;base64,AA", Pos: diag.Pos{File: "f.md", Line: 3, Col: 38, Len: 24}},
		{Target: "msteams://teams/x", Pos: diag.Pos{File: "f.md", Line: 4, Col: 2, Len: 17}},
		{Target: "http://www.example.org", Pos: diag.Pos{File: "f.md", Line: 4, Col: 24, Len: 15}},
		{Target: "java%09script:y", Pos: diag.Pos{File: "f.md", Line: 4, Col: 48, Len: 18}},
		{Target: "#top", Pos: diag.Pos{File: "f.md", Line: 7, Col: 6, Len: 4}},
		{Target: "javascript:x", Pos: diag.Pos{File: "f.md", Line: 5, Col: 5, Len: 17}},
	}
	if len(b.URLs) != len(want) {
		t.Fatalf("got %d URLs %+v, want %d", len(b.URLs), b.URLs, len(want))
	}
	for i := range want {
		if b.URLs[i] != want[i] {
			t.Errorf("URL %d = %+v, want %+v", i, b.URLs[i], want[i])
		}
	}
	if len(b.Links) != 0 {
		t.Errorf("internal links = %+v, want none", b.Links)
	}
}

func TestClassify(t *testing.T) {
	tests := []struct {
		dest, kind, target string
		ok                 bool
	}{
		{"course:linux", "course", "linux", true},
		{"level:software/sde-2", "level", "software/sde-2", true},
		{"track:software", "track", "software", true},
		{"page:about", "page", "about", true},
		{"/tracks/", "", "/tracks/", true},
		{"//host/x", "", "", false},
		{"https://go.dev/", "", "", false},
		{"mailto:hr@example.com", "", "", false},
		{"courses/linux", "", "", false},
		{"#top", "", "", false},
		{"", "", "", false},
		{"Course:linux", "", "", false},
	}
	for _, tt := range tests {
		kind, target, ok := classify(tt.dest)
		if kind != tt.kind || target != tt.target || ok != tt.ok {
			t.Errorf("classify(%q) = %q, %q, %v; want %q, %q, %v", tt.dest, kind, target, ok, tt.kind, tt.target, tt.ok)
		}
	}
}

func TestRawHTML(t *testing.T) {
	src := "Hello <b>bold</b>\n\n<script>alert(1)</script>\n"
	safe := string(convert(t, New(Options{}), src).HTML)
	if strings.Contains(safe, "<script>") || strings.Contains(safe, "<b>") {
		t.Errorf("raw HTML kept without unsafe_html:\n%s", safe)
	}
	unsafe := string(convert(t, New(Options{UnsafeHTML: true}), src).HTML)
	if !strings.Contains(unsafe, "<script>") || !strings.Contains(unsafe, "<b>bold</b>") {
		t.Errorf("raw HTML dropped with unsafe_html:\n%s", unsafe)
	}
}

func TestExtensions(t *testing.T) {
	src := "## Growing from here\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~ \"quoted\"\n\n- [x] done\n\nnote[^1]\n\n[^1]: the note\n"
	html := string(convert(t, New(Options{}), src).HTML)
	for _, s := range []string{`<h2 id="growing-from-here">`, "<table>", "<del>old</del>", "&ldquo;quoted&rdquo;", `type="checkbox"`, "footnote"} {
		if !strings.Contains(html, s) {
			t.Errorf("HTML lacks %s:\n%s", s, html)
		}
	}
}

func TestPlainText(t *testing.T) {
	src := "# Title\n\nSome *emphasis* and `code`\nand a [link](course:x).\n\n```\nfenced\n```\n\n<https://go.dev/>\n"
	got := convert(t, New(Options{}), src).Text
	want := "Title\nSome emphasis and code and a link.\nfenced\nhttps://go.dev/"
	if got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// FuzzMarkdown converts arbitrary input: it must not panic, every link
// position must lie inside the input, and the plain text must be UTF-8 when
// the input is. It is seeded with the bodies of the example site.
func FuzzMarkdown(f *testing.F) {
	ex := ladder.Example()
	_ = fs.WalkDir(ex, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if data, err := fs.ReadFile(ex, p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	f.Add([]byte("[x](course:a) [y][r]\n\n[r]: level:b\n"))
	f.Add([]byte("![i](/a.png \"t\") <course:x> [z](<page:a b>)\n"))
	c := New(Options{})
	unsafe := New(Options{UnsafeHTML: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := diag.NewLineIndex("f.md", src)
		for _, conv := range []*Converter{c, unsafe} {
			b, err := conv.Convert(src, lines)
			if err != nil {
				continue
			}
			for _, l := range append(b.Links, b.URLs...) {
				if l.Pos.Line < 1 || l.Pos.Col < 1 {
					t.Fatalf("link %+v has no position", l)
				}
				line := lines.Line(l.Pos.Line)
				if l.Pos.Line > strings.Count(string(src), "\n")+1 || l.Pos.Col > len(line)+1 {
					t.Fatalf("link %+v lies outside the input", l)
				}
			}
			if utf8.Valid(src) && !utf8.ValidString(b.Text) {
				t.Fatalf("plain text is not UTF-8: %q", b.Text)
			}
		}
	})
}

// hrefAttr matches the URL attributes goldmark writes.
var hrefAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)

// FuzzBodyURLs checks the collector against the renderer: when every
// destination collected for the URL check passes it, every href and src
// in the HTML (without raw HTML, which unsafe_html alone keeps) is
// relative, an internal placeholder, or has an allowed scheme. A link the
// collector missed, or saw differently from the renderer, fails here.
func FuzzBodyURLs(f *testing.F) {
	for _, s := range []string{
		"[a](javascript:alert(1)) [b](&#106;avascript:x) <vbscript:x> ![c](data:text/html,x)",
		"[a](java&#x09;script:x) [b](JaVaScRiPt:x) [c][r]\n\n[r]: javascript:x\n",
		"www.example.org https://go.dev/ <hr@example.com> [d](//evil.com) [e](/\\evil.com)",
		"[x](<java script:x>) [y](course:linux) [z](/tracks/) [w](msteams://x)",
	} {
		f.Add(s)
	}
	c := New(Options{})
	p := urlcheck.NewPolicy([]string{"msteams"})
	f.Fuzz(func(t *testing.T, src string) {
		b := convert(t, c, src)
		for _, u := range b.URLs {
			if p.Link(u.Target) != nil {
				return
			}
		}
		for _, m := range hrefAttr.FindAllStringSubmatch(string(b.HTML), -1) {
			href := stdhtml.UnescapeString(m[1])
			if href == "" || strings.HasPrefix(href, Placeholder) {
				continue
			}
			u, err := url.Parse(href)
			if err != nil {
				t.Fatalf("%q: the body passed, but the HTML holds %q, which net/url refuses: %v", src, href, err)
			}
			if u.Scheme != "" && !p.Allows(u.Scheme) {
				t.Fatalf("%q: the body passed, but the HTML holds %q", src, href)
			}
			if u.Scheme == "" && strings.HasPrefix(href, "//") {
				t.Fatalf("%q: the body passed, but the HTML holds protocol-relative %q", src, href)
			}
		}
	})
}
