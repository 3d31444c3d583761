package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// themedExample builds the example framework with theme set to theme (one
// of its themes/ folder) and returns the output directory.
func themedExample(t *testing.T, theme string) string {
	t.Helper()
	return exampleWith(t, func(cfg []byte) []byte {
		return regexp.MustCompile(`(?m)^theme = .*$`).ReplaceAll(cfg, []byte(fmt.Sprintf("theme = %q", theme)))
	}, true)
}

// TestHandbookTheme builds the example with the handbook theme of its
// themes/ folder, which extends the built-in theme and changes the page's
// frame: the navigation is a sidebar beside the page on a laptop and above
// it on a phone. Every page kind must fit both widths in both colour
// schemes without errors or serious accessibility violations, and the
// tools must still work.
func TestHandbookTheme(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found (install it with: apt-get install -y chromium, or set LADDER_CHROMIUM)")
	}
	dir := themedExample(t, "handbook")
	home, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`class="hb-sidebar"`, `handbook\.[0-9a-f]{8}\.css`, `class="wrap hb-main"`} {
		if !regexp.MustCompile(want).Match(home) {
			t.Errorf("the home page lacks %s: the theme's layouts were not used", want)
		}
	}
	root := serve(t, dir, "/")
	b := browsertest.New(t, 4*time.Minute)
	axe := browsertest.Axe(t)
	pages := []string{"", "tracks/", "tracks/software/", "tracks/software/sde-2/", "competencies/coding/",
		"courses/", "programs/technical-academy/", "compare/?a=software/sde-1&b=software/sde-2", "paths/", "search/?q=linux"}
	for _, scheme := range []string{"light", "dark"} {
		b.Do(t, browsertest.EmulateMedia("", scheme))
		for _, vp := range []struct {
			w, h int64
		}{{1280, 900}, {390, 844}} {
			b.Do(t, chromedp.EmulateViewport(vp.w, vp.h))
			for _, page := range pages {
				name := fmt.Sprintf("%dpx %s /%s", vp.w, scheme, page)
				b.Navigate(t, root+page)
				b.WaitFor(t, `document.readyState === "complete"`, wait)
				if over := browsertest.Eval[bool](t, b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
					t.Errorf("%s: the page scrolls sideways (%dpx wide)", name, browsertest.Eval[int](t, b, `document.documentElement.scrollWidth`))
				}
				beside := browsertest.Eval[bool](t, b, `(function () {
  var s = document.querySelector(".hb-sidebar").getBoundingClientRect(), m = document.querySelector("main").getBoundingClientRect();
  return s.right <= m.left + 1 && s.height >= window.innerHeight - 1;
})()`)
				if want := vp.w >= 960; beside != want {
					t.Errorf("%s: sidebar beside the page = %v, want %v", name, beside, want)
				}
				noErrors(t, b)
				if axe != "" && scheme == "light" || axe != "" && page == "tracks/software/sde-2/" {
					b.Audit(t, axe, name)
				}
			}
		}
	}
	// The tools work in the theme's frame.
	b.Do(t, chromedp.EmulateViewport(1280, 900))
	t.Run("compare", func(t *testing.T) { testCompare(t, b, root) })
	t.Run("search", func(t *testing.T) { testSearch(t, b, root) })
}
