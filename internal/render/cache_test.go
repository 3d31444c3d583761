package render_test

import (
	"bytes"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/render"
)

// TestCacheSameBytes draws the example with one Cache, as the dev server
// rebuilds: a Renderer whose templates and assets come from the cache
// draws the same bytes as one made without it, and an edit of a layout or
// an asset is drawn, not the cached one.
func TestCacheSameBytes(t *testing.T) {
	theme := fstest.MapFS{}
	if err := fs.WalkDir(ladder.DefaultTheme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ladder.DefaultTheme(), p)
		theme[p] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	s, texts, diags, err := load.Dir(ladder.Example(), load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if diags = append(diags, check.Site(s, texts)...); diags.Errors() > 0 {
		t.Fatalf("site has errors:\n%v", diags.Err())
	}
	cache := render.NewCache()
	draw := func(c *render.Cache) *output.Output {
		t.Helper()
		r, err := render.New(s, theme, nil, nil, render.Options{StableNames: true, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		out, err := r.All(nil)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	same := func(step string, want string) {
		t.Helper()
		miss, hit := draw(cache), draw(cache)
		fresh := draw(nil)
		if miss.Digest() != fresh.Digest() || hit.Digest() != fresh.Digest() {
			t.Fatalf("%s: a Renderer made with the cache draws other bytes than one made without it", step)
		}
		if want == "" {
			return
		}
		for _, p := range fresh.Paths() {
			if b, _ := fresh.Get(p); bytes.Contains(b, []byte(want)) {
				return
			}
		}
		t.Fatalf("%s: %q is drawn nowhere", step, want)
	}
	same("first", "")
	theme["layouts/partials/footer.html"] = &fstest.MapFile{Data: []byte("<footer>A footer of our own</footer>\n")}
	same("layout edited", "A footer of our own")
	css := theme["assets/style.css"].Data
	theme["assets/style.css"] = &fstest.MapFile{Data: append(append([]byte{}, css...), "\n.cache-test { color: red; }\n"...)}
	same("stylesheet edited", ".cache-test{color:red}")
}
