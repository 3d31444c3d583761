package minify

import (
	"bytes"
	"strings"
	"testing"
)

func TestTemplate(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"whitespace between blocks", "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n", "<ul><li>a</li><li>b</li></ul>\n"},
		{"actions kept", `<a href="{{.Href .}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a> <span class="x {{.Heat}}">{{.N}} · {{.Name}}</span>`,
			`<a href="{{.Href .}}"{{if .Current}} aria-current="page"{{end}}>{{.Title}}</a> <span class="x {{.Heat}}">{{.N}} · {{.Name}}</span>`},
		{"comment with a quote", "{{- /* The site's footer. */ -}}\n<footer>\n  <p>x</p>\n</footer>", "{{- /**/ -}}<footer><p>x</p></footer>"},
		{"pre kept", "<pre>\n  a\n    b\n</pre>", "<pre>\n  a\n    b\n</pre>"},
		{"quotes and end tags kept", `<p class="a">x</p><td class="{{.C}}">y</td>`, `<p class="a">x</p><td class="{{.C}}">y</td>`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Template(tc.name, []byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("Template(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			again, _ := Template(tc.name, []byte(tc.in))
			if !bytes.Equal(got, again) {
				t.Errorf("not deterministic: %q then %q", got, again)
			}
		})
	}
}

func TestAsset(t *testing.T) {
	css := Asset("a/style.css", []byte("body {\n  color: red;\n}\n"))
	if string(css) != "body{color:red}" {
		t.Errorf("css = %q", css)
	}
	js := Asset("app.js", []byte("function f(a) {\n  // comment\n  return a + 1;\n}\n"))
	if strings.Contains(string(js), "comment") || len(js) >= 40 {
		t.Errorf("js = %q", js)
	}
	other := []byte("{ \"a\": 1 }\n")
	if got := Asset("data.json", other); !bytes.Equal(got, other) {
		t.Errorf("json changed: %q", got)
	}
}

func FuzzTemplate(f *testing.F) {
	f.Add("<p>{{.X}}</p>\n")
	f.Add("{{/* it's */}}<ul>\n<li>{{range .}}{{.}}{{end}}</li></ul>")
	f.Fuzz(func(t *testing.T, s string) {
		a, errA := Template("f", []byte(s))
		b, errB := Template("f", []byte(s))
		if (errA == nil) != (errB == nil) || !bytes.Equal(a, b) {
			t.Fatalf("not deterministic for %q", s)
		}
	})
}
