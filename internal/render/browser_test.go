package render_test

import (
	"bytes"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/browsertest"
	"github.com/ladder-ssg/ladder/internal/render"
)

// browserPages are the pages the browser test opens: one of each kind that
// carries a chart, and the course catalogue with its filters.
var browserPages = []string{
	"",
	"tracks/software/",
	"tracks/software/sde-2/",
	"competencies/coding/",
	"courses/",
	"courses/technical-academy-capstone/",
	"programs/technical-academy/",
}

// viewports are the window sizes pages must fit: a laptop and a phone.
var viewports = []struct {
	name          string
	width, height int64
}{
	{"desktop", 1280, 900},
	{"phone", 390, 844},
}

// TestBrowser builds the example site, serves it, and opens pages in a
// headless Chromium at a laptop's and a phone's width, in light and dark
// mode: no page may scroll sideways or log an error, and, when LADDER_AXE
// names axe-core's axe.min.js, no page may have a serious or critical
// accessibility violation. Screenshots are written to a temporary
// directory (LADDER_SCREENSHOTS names one to keep them).
func TestBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	b := browsertest.New(t, 4*time.Minute)

	_, out := build(t, ladder.Example(), render.Options{})
	dir := t.TempDir()
	if err := out.Write(filepath.Join(dir, "site")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "site"))))
	defer srv.Close()

	shots := os.Getenv("LADDER_SCREENSHOTS")
	if shots == "" {
		shots = t.TempDir()
	} else if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}

	axe := browsertest.Axe(t)

	for _, scheme := range []string{"light", "dark"} {
		setColorScheme(t, b, scheme)
		for _, vp := range viewports {
			b.Do(t, chromedp.EmulateViewport(vp.width, vp.height))
			for _, page := range browserPages {
				name := fmt.Sprintf("%s %s /%s", vp.name, scheme, page)
				b.Navigate(t, srv.URL+"/"+page)
				b.WaitFor(t, `document.readyState === "complete"`, 10*time.Second)
				if over := browsertest.Eval[bool](t, b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
					w := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth`)
					wide := browsertest.Eval[string](t, b, widestElements)
					t.Errorf("%s: page is %dpx wide, wider than the %dpx window; widest elements: %s", name, w, vp.width, wide)
				}
				if errs := b.Errors(); len(errs) > 0 {
					t.Errorf("%s: errors in the console:\n%s", name, strings.Join(errs, "\n"))
				}
				if axe != "" {
					audit(t, b, axe, name)
				}
				slug := strings.Trim(strings.ReplaceAll(page, "/", "_"), "_")
				if slug == "" {
					slug = "home"
				}
				png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100)) // quality 100 is PNG
				if err != nil {
					t.Fatalf("%s: screenshot: %v", name, err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%s-%s.png", vp.name, scheme, slug)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	// The print layout, for review: no assertion beyond the absence of
	// errors.
	setMedia(t, b, "print", "light")
	b.Do(t, chromedp.EmulateViewport(800, 1100))
	for _, page := range []string{"tracks/software/", "tracks/software/sde-2/"} {
		b.Navigate(t, srv.URL+"/"+page)
		png, err := chromedp.Run(b.Ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("print %s: screenshot: %v", page, err)
		}
		if err := os.WriteFile(filepath.Join(shots, "print-"+strings.Trim(strings.ReplaceAll(page, "/", "_"), "_")+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
		if errs := b.Errors(); len(errs) > 0 {
			t.Errorf("print /%s: errors in the console:\n%s", page, strings.Join(errs, "\n"))
		}
	}
	t.Logf("screenshots in %s", shots)
}

// TestBrowserCourseFilters checks that the catalogue's filter form appears
// with JavaScript and hides the courses that do not match.
func TestBrowserCourseFilters(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	b := browsertest.New(t, time.Minute)
	s, out := build(t, ladder.Example(), render.Options{})
	dir := filepath.Join(t.TempDir(), "site")
	if err := out.Write(dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()

	b.Navigate(t, srv.URL+"/courses/?format=video")
	b.WaitFor(t, `!document.getElementById("course-filters").hidden`, 10*time.Second)
	want := 0
	for _, c := range s.Courses {
		if c.Format == "video" {
			want++
		}
	}
	shown := browsertest.Eval[int](t, b, `document.querySelectorAll("#course-list > li:not([hidden])").length`)
	if shown != want || want == 0 {
		t.Errorf("format=video shows %d courses, want %d", shown, want)
	}
	count := browsertest.Eval[string](t, b, `document.getElementById("course-count").textContent`)
	if wantCount := fmt.Sprintf("Showing %d of %d courses", want, len(s.Courses)); count != wantCount {
		t.Errorf("count says %q, want %q", count, wantCount)
	}
	browsertest.Eval[bool](t, b, `(function(){var f=document.getElementById("course-filters"); f.reset(); return true})()`)
	b.WaitFor(t, `document.querySelectorAll("#course-list > li[hidden]").length === 0`, 5*time.Second)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("errors in the console:\n%s", strings.Join(errs, "\n"))
	}
}

// setColorScheme makes the page see prefers-color-scheme: scheme.
func setColorScheme(t *testing.T, b *browsertest.Browser, scheme string) {
	t.Helper()
	setMedia(t, b, "", scheme)
}

// setMedia emulates a media type ("print"; "" for the screen) and a colour
// scheme.
func setMedia(t *testing.T, b *browsertest.Browser, media, scheme string) {
	t.Helper()
	b.Do(t, browsertest.EmulateMedia(media, scheme))
}

// widestElements lists the elements that stick out of the window, to say
// what made a page too wide.
const widestElements = `(function () {
  var out = [];
  document.querySelectorAll("body *").forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && out.length < 5) {
      out.push(el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined ? "." + String(el.className).split(" ").join(".") : "") + " (" + Math.round(r.right) + "px)");
    }
  });
  return out.join(", ");
})()`

// audit runs axe-core in the page (see browsertest.Browser.Audit).
func audit(t *testing.T, b *browsertest.Browser, axe, name string) {
	t.Helper()
	b.Audit(t, axe, name)
}

// TestBrowserCSP opens every page of the example site, the interactive
// tools included, in a headless Chromium: the page's Content-Security-Policy
// must not block anything it uses, which the browser would log as an error.
func TestBrowserCSP(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	b := browsertest.New(t, 4*time.Minute)
	_, out := build(t, ladder.Example(), render.Options{})
	dir := filepath.Join(t.TempDir(), "site")
	if err := out.Write(dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	pages := 0
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages++
		u := srv.URL + "/" + strings.TrimSuffix(p, "index.html")
		switch p {
		case "compare/index.html":
			u += "?a=software%2Fsde-2&b=software%2Fsde-3"
		case "search/index.html":
			u += "?q=engineer"
		}
		b.Navigate(t, u)                   // waits for the load event
		time.Sleep(100 * time.Millisecond) // for the deferred scripts' requests
		if errs := b.Errors(); len(errs) > 0 {
			t.Errorf("/%s: errors in the console:\n%s", p, strings.Join(errs, "\n"))
		}
	}
	if pages < 20 {
		t.Fatalf("only %d pages opened", pages)
	}
}

// TestBrowserNarrowEveryPage opens every page of a small site that has
// empty ("not expected") matrix cells in a phone-sized window: none may
// scroll sideways. The hidden text of an empty cell once escaped its
// table's scroll box and made the track page 877 px wide.
func TestBrowserNarrowEveryPage(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	fsys, _ := txtarFS(t, "testdata/narrow/site.txtar")
	_, out := build(t, fsys, render.Options{})
	var pages []string
	empty := false
	for _, p := range out.Paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pages = append(pages, strings.TrimSuffix(p, "index.html"))
		if b, _ := out.Get(p); bytes.Contains(b, []byte(`<span class="visually-hidden">not expected</span>`)) {
			empty = true
		}
	}
	if !empty {
		t.Fatal("the site has no empty matrix cell: the test would prove nothing")
	}
	dir := t.TempDir()
	if err := out.Write(filepath.Join(dir, "site")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(filepath.Join(dir, "site"))))
	defer srv.Close()
	b := browsertest.New(t, 3*time.Minute)
	for _, width := range []int64{390, 412} {
		b.Do(t, chromedp.EmulateViewport(width, 844))
		for _, page := range pages {
			b.Navigate(t, srv.URL+"/"+page)
			b.WaitFor(t, `document.readyState === "complete"`, 10*time.Second)
			if over := browsertest.Eval[bool](t, b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
				w := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth`)
				wide := browsertest.Eval[string](t, b, widestElements)
				t.Errorf("%dpx /%s: page is %dpx wide; widest elements: %s", width, page, w, wide)
			}
		}
	}
}
