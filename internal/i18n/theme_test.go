package i18n

import (
	"io/fs"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// usedKey finds the keys of texts in the theme's layouts ({{T "key"}}) and
// scripts (t("key")), and in the Go code that writes texts into pages
// (tr("key"), say("key"), Text("key")).
var usedKey = regexp.MustCompile(`(?:\bT|\btr|\bsay|\.Text)\(?\s*"([a-z_]+\.[a-z_.-]+)"`)

// usedScriptKey finds the keys of texts in the theme's scripts (tr("key"),
// text("key")), which are under [js] of the language files; a key that a
// script completes at run time ("tools.empty." + what) ends with "." or "_"
// and is left out.
var usedScriptKey = regexp.MustCompile(`\b(?:tr|text)\("([a-z_]+\.[a-z_.]*[a-z])"`)

// TestThemeTexts checks the built-in theme's files: every key a layout,
// a script or the rendering code uses is in en.toml, and every other
// language has every key of en.toml (so a German site shows no English
// word of the interface), with the same plural shape.
func TestThemeTexts(t *testing.T) {
	root := os.DirFS("../..")
	theme, err := fs.Sub(root, "themes/default/i18n")
	if err != nil {
		t.Fatal(err)
	}
	en, diags, err := Load("en", diag.Pos{}, Layer{FS: theme, Dir: "themes/default/i18n"})
	if err != nil || len(diags) > 0 {
		t.Fatalf("en: %v %v", diags, err)
	}
	used := map[string][]string{}
	for _, dir := range []string{"themes/default/layouts", "themes/default/assets", "internal/render", "internal/chart"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasSuffix(p, "_test.go") {
				return err
			}
			if ext := path.Ext(p); ext != ".html" && ext != ".js" && ext != ".go" {
				return nil
			}
			b, err := fs.ReadFile(root, p)
			if err != nil {
				return err
			}
			if path.Ext(p) == ".js" {
				for _, m := range usedScriptKey.FindAllStringSubmatch(string(b), -1) {
					used["js."+m[1]] = append(used["js."+m[1]], p)
				}
				return nil
			}
			for _, m := range usedKey.FindAllStringSubmatch(string(b), -1) {
				used[m[1]] = append(used[m[1]], p)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d keys in use: the pattern no longer matches the code", len(used))
	}
	for k, files := range used {
		if _, ok := en.Lookup(k); !ok {
			t.Errorf("%s uses %q, which themes/default/i18n/en.toml lacks", files[0], k)
		}
	}
	entries, err := fs.ReadDir(theme, ".")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		lang, ok := strings.CutSuffix(e.Name(), ".toml")
		if !ok || lang == "en" {
			continue
		}
		c, diags, err := Load(lang, diag.Pos{}, Layer{FS: theme, Dir: "themes/default/i18n"})
		if err != nil || len(diags) > 0 {
			t.Errorf("%s: %v %v", lang, diags, err)
			continue
		}
		for _, k := range en.Keys() {
			if !c.Has(k) {
				t.Errorf("themes/default/i18n/%s.toml lacks %q", lang, k)
				continue
			}
			m, _ := en.Lookup(k)
			o, _ := c.Lookup(k)
			if (m.Forms == nil) != (o.Forms == nil) || (m.List == nil) != (o.List == nil) || len(m.List) != len(o.List) {
				t.Errorf("themes/default/i18n/%s.toml: %q is not of the shape of the English text", lang, k)
			}
			if m.Forms == nil && m.List == nil && placeholders(m.Text) != placeholders(o.Text) {
				t.Errorf("themes/default/i18n/%s.toml: %q uses %s, the English text %s", lang, k, placeholders(o.Text), placeholders(m.Text))
			}
		}
		for k := range c.msgs {
			if _, ok := en.Lookup(k); !ok {
				t.Errorf("themes/default/i18n/%s.toml has %q, which en.toml lacks", lang, k)
			}
		}
	}
}

var placeholder = regexp.MustCompile(`\{[0-9]\}`)

// placeholders lists the placeholders of a text, sorted.
func placeholders(s string) string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return strings.Join(slices.Compact(p), "")
}
