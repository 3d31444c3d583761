package render

import (
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestEscapeMatchesTemplates checks that htmlBuf escapes text, attribute
// values and URLs exactly as html/template does.
func TestEscapeMatchesTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<p title="{{.}}">{{.}}</p><a href="{{.}}">x</a><form action="{{.}}"></form>`))
	inputs := []string{
		"", "plain", `a & b <c> "d" 'e' +f`, "\x00nul", "é ü — …", "\xff\xfe bad utf-8 \xc3",
		"/tracks/sde/", "../../tracks/a/index.html", "compare/?a=x%2Fy&b=z", "100%", "%zz %2", "%2",
		"https://example.com/a b/?q=1&r=2#frag", "javascript:alert(1)", "JavaScript:x", "mailto:a@b.c",
		"tel:123", "a:b/c", "/a:b/", "data:,", "#main", "x y\tz\n", "[]@!$*,;=?~", "%41%4g%",
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "aZ09-._~!#$&'()*+,/:;=?@[]%\"<> \x00\x7f\xc3\xa9\xff"
	for range 2000 {
		n := r.IntN(12)
		var s strings.Builder
		for range n {
			s.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		inputs = append(inputs, s.String())
	}
	for _, in := range inputs {
		var want strings.Builder
		if err := tmpl.Execute(&want, in); err != nil {
			t.Fatal(err)
		}
		b := newHTMLBuf(0)
		b.raw(`<p title="`)
		b.text(in)
		b.raw(`">`)
		b.text(in)
		b.raw(`</p><a href="`)
		b.url(in)
		b.raw(`">x</a><form action="`)
		half := len(in) / 2
		b.url2(in[:half], in[half:])
		b.raw(`"></form>`)
		if got := b.String(); got != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want.String())
		}
	}
}

// TestHoursWriter checks that htmlBuf.hours writes what Hours returns.
func TestHoursWriter(t *testing.T) {
	for _, h := range []float64{0, 1, 1.5, 2.25, 40, 1e6, -3, 0.125, 1e21} {
		b := newHTMLBuf(0)
		b.hours(h)
		if got, want := b.String(), Hours(h); got != want {
			t.Errorf("hours(%v) = %q, want %q", h, got, want)
		}
	}
}

// TestTrustedURLMatchesTemplates checks that htmlBuf.trustedURL writes a
// URL attribute as html/template writes a template.URL: normalised and
// escaped, with its scheme kept.
func TestTrustedURLMatchesTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`<a href="{{.}}">x</a>`))
	for _, in := range []string{
		"", "https://example.com/a b/?q=1&r=2#frag", "msteams://teams.microsoft.com/l/x?a=1&b=2",
		"sip:help@example.com", "tel:+1 555 0100", "mailto:a@b.c?subject=Hi there", "%zz \"'<>", "é",
	} {
		var want strings.Builder
		if err := tmpl.Execute(&want, template.URL(in)); err != nil {
			t.Fatal(err)
		}
		b := newHTMLBuf(0)
		b.raw(`<a href="`)
		b.trustedURL(template.URL(in))
		b.raw(`">x</a>`)
		if got := b.String(); got != want.String() {
			t.Errorf("%q:\n got %q\nwant %q", in, got, want.String())
		}
	}
}
