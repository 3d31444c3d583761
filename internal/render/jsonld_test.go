package render

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
)

// exampleRenderer prepares the renderer of the example site; with odd set,
// its titles, summaries and providers end with characters that JSON and
// HTML escape.
func exampleRenderer(t *testing.T, odd bool) *Renderer {
	t.Helper()
	m := fstest.MapFS{}
	changed := 0
	field := regexp.MustCompile(`(?m)^((?:title|summary|provider|credential|code|duration|note) = ")(.*)"$`)
	err := fs.WalkDir(ladder.Example(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(ladder.Example(), p)
		if err != nil {
			return err
		}
		if odd && p != "site.toml" && field.Match(data) {
			data = field.ReplaceAll(data, []byte(`${1}${2} <b>&amp;</b> \"q\" 'a' +1 \t\n\u2028\u2029\u0001 é"`))
			changed++
		}
		m[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if odd && changed == 0 {
		t.Fatal("no field was changed")
	}
	s, texts, diags, err := load.Dir(m, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if diags.Errors() > 0 {
		t.Fatal(diags.Err())
	}
	r, err := New(s, ladder.DefaultTheme(), nil, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestStructuredDataMatchesJSONLD checks that StructuredData writes what
// json.Marshal writes for JSONLD, on every page of the basic site and of
// the example site, plain and with odd characters.
func TestStructuredDataMatchesJSONLD(t *testing.T) {
	for _, r := range []*Renderer{basicRenderer(t), exampleRenderer(t, false), exampleRenderer(t, true)} {
		described := 0
		for _, spec := range r.Pages() {
			p := r.newPage(spec)
			want, err := json.Marshal(p.JSONLD())
			if err != nil {
				t.Fatal(err)
			}
			if got := string(p.StructuredData()); got != string(want) {
				t.Errorf("%s:\n got %s\nwant %s", spec.Path, got, want)
			}
			if p.Level != nil || p.Course != nil || p.Program != nil {
				described++
			}
		}
		if described == 0 {
			t.Error("no page has structured data")
		}
	}
}

// TestAppendJSONString checks the JSON string escaping against
// encoding/json.
func TestAppendJSONString(t *testing.T) {
	for _, s := range []string{"", "plain", `"quoted" \back\`, "<a href='x'>&amp;</a>", "\x00\x01\b\f\n\r\t\x1f\x7f",
		"é ü — …", "\u2028\u2029", "\xff bad \xc3", "emoji 🙂"} {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := string(appendJSONString(nil, s)); got != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}
