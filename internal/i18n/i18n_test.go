package i18n

import (
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladder-ssg/ladder/internal/diag"
)

const enTOML = `
[nav]
tracks = "Tracks"
plan = "Plan"
[count]
courses = { one = "{0} course", other = "{0} courses" }
[date]
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
long = "{0} {1} {2}"
[format]
money = "{1} {0}"
[x]
link = "see {0} & more"
`

const deTOML = `
[nav]
tracks = "Laufbahnen"
[count]
courses = { one = "{0} Kurs", other = "{0} Kurse" }
[date]
months = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
long = "{0}. {1} {2}"
[format]
money = "{0} {1}"
`

func theme() Layer {
	return Layer{FS: fstest.MapFS{
		"en.toml": {Data: []byte(enTOML)},
		"de.toml": {Data: []byte(deTOML)},
	}, Dir: "themes/default/i18n"}
}

func load(t *testing.T, lang string, layers ...Layer) (*Catalog, diag.List) {
	t.Helper()
	c, diags, err := Load(lang, diag.Pos{File: "site.toml", Line: 3, Col: 12}, layers...)
	if err != nil {
		t.Fatal(err)
	}
	return c, diags
}

func text(t *testing.T, c *Catalog, key string, args ...any) string {
	t.Helper()
	s, err := c.Text(key, args...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestPlurals(t *testing.T) {
	en, _ := load(t, "en", theme())
	de, _ := load(t, "de", theme())
	for _, tc := range []struct {
		c    *Catalog
		n    any
		want string
	}{
		{en, 1, "1 course"}, {en, 0, "0 courses"}, {en, 3, "3 courses"}, {en, 1234, "1,234 courses"},
		{de, 1, "1 Kurs"}, {de, 3, "3 Kurse"}, {de, 1234, "1.234 Kurse"}, {de, 1.5, "1,5 Kurse"},
	} {
		if got := text(t, tc.c, "count.courses", tc.n); got != tc.want {
			t.Errorf("%s count.courses %v = %q, want %q", tc.c.Lang(), tc.n, got, tc.want)
		}
	}
	if _, err := en.Text("count.courses"); err == nil {
		t.Error("a text with plural forms and no number: no error")
	}
	if _, err := en.Text("count.courses", "x"); err == nil {
		t.Error("a text with plural forms and a string first: no error")
	}
}

func TestMergeAndFallback(t *testing.T) {
	site := Layer{FS: fstest.MapFS{"de.toml": {Data: []byte("[nav]\ntracks = \"Berufswege\"\n")}}, Dir: "i18n", Site: true}
	de, diags := load(t, "de", theme(), site)
	if got := text(t, de, "nav.tracks"); got != "Berufswege" {
		t.Errorf("site override: %q", got)
	}
	if got := text(t, de, "count.courses", 2); got != "2 Kurse" {
		t.Errorf("theme text under the site's: %q", got)
	}
	if got := text(t, de, "nav.plan"); got != "Plan" {
		t.Errorf("English fallback: %q", got)
	}
	// The site's de.toml is the most specific file: the warning is there.
	want := `i18n/de.toml: warning: i18n/de.toml lacks 2 texts the theme uses: "nav.plan", "x.link"; they are shown in English`
	if len(diags) != 1 || diags[0].Error() != want || diags[0].Rule != "i18n-missing" {
		t.Errorf("diags = %v\nwant %s", diags, want)
	}
	if _, err := de.Text("no.such"); err == nil {
		t.Error("unknown key: no error")
	} else if _, ok := err.(*KeyError); !ok {
		t.Errorf("unknown key: %T", err)
	}
}

func TestMissingLanguage(t *testing.T) {
	fr, diags := load(t, "fr", theme())
	if got := text(t, fr, "nav.tracks"); got != "Tracks" {
		t.Errorf("fr falls back to English: %q", got)
	}
	if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), `site.toml:3:12: warning: no texts for language "fr"`) {
		t.Errorf("diags = %v", diags)
	}
	_, diags = load(t, "en", theme())
	if len(diags) != 0 {
		t.Errorf("English: %v", diags)
	}
}

func TestMoreThanFiveMissing(t *testing.T) {
	en := "a = \"A\"\nb = \"B\"\nc = \"C\"\nd = \"D\"\ne = \"E\"\nf = \"F\"\ng = \"G\"\n"
	l := Layer{FS: fstest.MapFS{"en.toml": {Data: []byte(en)}, "nl.toml": {Data: []byte("a = \"A\"\n")}}, Dir: "i18n"}
	_, diags := load(t, "nl", l)
	want := `i18n/nl.toml: warning: i18n/nl.toml lacks 6 texts the theme uses: "b", "c", "d", "e", "f" and 1 more; they are shown in English`
	if len(diags) != 1 || diags[0].Error() != want {
		t.Errorf("diags = %v\nwant %s", diags, want)
	}
}

func TestFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"syntax", "a = \n", "i18n/en.toml:1:"},
		{"number", "[nav]\ntracks = 3\n", `i18n/en.toml:2:10: error: nav.tracks is a int64, not a text`},
		{"no other", "n = { one = \"x\" }\n", `i18n/en.toml:1:5: error: n: plural forms without other`},
		{"list", "m = [1, 2]\n", `i18n/en.toml:1:5: error: m: a list of texts holds int64`},
	} {
		var diags diag.List
		Parse("i18n/en.toml", []byte(tc.text), &diags)
		if len(diags) != 1 || !strings.HasPrefix(diags[0].Error(), tc.want) || diags[0].Rule != "i18n-file" {
			t.Errorf("%s: %v, want %s", tc.name, diags, tc.want)
		}
	}
}

func TestFormats(t *testing.T) {
	en, _ := load(t, "en", theme())
	de, _ := load(t, "de", theme())
	day := time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct{ got, want string }{
		{en.Date(day), "5 March 2026"},
		{de.Date(day), "5. März 2026"},
		{en.Date(time.Time{}), ""},
		{en.Money(95000, "USD"), "USD 95,000"},
		{en.Money(1234.5, "EUR"), "EUR 1,234.50"},
		{de.Money(95000, "EUR"), "95.000 EUR"},
		{de.Money(1234.5, "EUR"), "1.234,50 EUR"},
		{de.Money(12, ""), "12"},
		{en.Number(1.5), "1.5"},
		{de.Number(1.5), "1,5"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestHTML(t *testing.T) {
	en, _ := load(t, "en", theme())
	h, err := en.HTML("x.link", template.HTML(`<a href="/">home</a>`))
	if err != nil || h != `see <a href="/">home</a> &amp; more` {
		t.Errorf("HTML = %q, %v", h, err)
	}
	h, err = en.HTML("x.link", "<b>")
	if err != nil || h != `see &lt;b&gt; &amp; more` {
		t.Errorf("HTML of a string argument = %q, %v", h, err)
	}
}

func TestStrings(t *testing.T) {
	de, _ := load(t, "de", theme())
	s := de.Strings("nav.")
	if s["tracks"] != "Laufbahnen" || s["plan"] != "Plan" || len(s) != 2 {
		t.Errorf("Strings = %v", s)
	}
}
