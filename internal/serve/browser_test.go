package serve

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// waitJS waits until a JavaScript expression is true in the page, across
// reloads (an evaluation that fails because the page is navigating is
// tried again).
func waitJS(t *testing.T, b *browsertest.Browser, expr string, timeout time.Duration) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(b.Ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		last = err
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("waiting for %s: not true after %v (last error: %v)", expr, timeout, last)
}

// TestBrowserLiveReload drives a real headless Chromium: an edit reloads
// the open page, a stylesheet edit restyles it without a reload, errors
// show an overlay that goes when they are fixed, and a restarted server
// reloads the page.
func TestBrowserLiveReload(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping the browser test in short mode")
	}
	b := browsertest.New(t, 120*time.Second)
	dir := writeSite(t, testSite)
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), ladder.DefaultTheme()); err != nil {
		t.Fatal(err)
	}
	ts, stop := startOn(t, dir, Options{Drafts: true}, "127.0.0.1:0")
	stopped := false
	defer func() {
		if !stopped {
			stop()
		}
	}()
	connected := func() {
		t.Helper()
		eventually(t, 10*time.Second, func() string {
			if ts.clients.count() != 1 {
				return "the page did not connect to the event stream"
			}
			return ""
		})
	}
	page := ts.site + "tracks/eng/l1/"
	b.Navigate(t, page)
	connected()
	if got := browsertest.Eval[string](t, b, `document.querySelector("main").innerText`); !strings.Contains(got, "Level one body ALPHA.") {
		t.Fatalf("page text:\n%s", got)
	}

	// An edit to the page's file: the page reloads and shows the new text.
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body BRAVO."))
	waitJS(t, b, `document.body && document.body.innerText.includes("Level one body BRAVO.")`, 10*time.Second)
	if browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Fatal("the new text appeared without a reload")
	}
	connected()

	// A stylesheet edit: the page restyles in place.
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)
	before := browsertest.Eval[string](t, b, `getComputedStyle(document.body).outlineColor`)
	css := filepath.Join(dir, "themes/default/assets/style.css")
	old, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "themes/default/assets/style.css", string(old)+"\nbody { outline: 3px solid rgb(1, 2, 3); }\n")
	waitJS(t, b, `getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)"`, 10*time.Second)
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Fatalf("the stylesheet change reloaded the page (outline color was %s)", before)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll('link[rel="stylesheet"]').length`); n != 1 {
		t.Errorf("%d stylesheets linked after the swap, want 1", n)
	}

	// Broken front matter: an overlay with the position, no reload.
	writeFile(t, dir, "content/tracks/eng/l1.md", "+++\ntitle = \"unterminated\nrank = 1\n+++\nLevel one body CHARLIE.\n")
	waitJS(t, b, `!!document.getElementById("__ladder_overlay")`, 10*time.Second)
	text := browsertest.Eval[string](t, b, `document.getElementById("__ladder_overlay").innerText`)
	if !strings.Contains(text, "content/tracks/eng/l1.md:2:") || !strings.Contains(text, "^") {
		t.Errorf("overlay text:\n%s", text)
	}
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Error("the error reloaded the page")
	}
	if z := browsertest.Eval[string](t, b, `getComputedStyle(document.getElementById("__ladder_overlay")).zIndex`); z != "2147483647" {
		t.Errorf("overlay z-index %s", z)
	}
	if os.Getenv("LADDER_SCREENSHOTS") != "" {
		os.WriteFile(filepath.Join(os.Getenv("LADDER_SCREENSHOTS"), "serve-overlay.png"), b.Screenshot(t, 1100, 700), 0o644)
	}
	// A tab opened now shows the overlay at once.
	b.Navigate(t, ts.site+"tracks/eng/")
	if !browsertest.Eval[bool](t, b, `!!document.getElementById("__ladder_overlay")`) {
		t.Error("a page opened while the site has errors has no overlay")
	}
	b.Navigate(t, page)
	connected()
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)

	// Fixed: the overlay goes.
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body DELTA."))
	waitJS(t, b, `!document.getElementById("__ladder_overlay") && document.body.innerText.includes("Level one body DELTA.")`, 10*time.Second)
	connected()

	// The server restarts: the page notices and reloads.
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)
	u, _ := url.Parse(ts.site)
	stop()
	stopped = true
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body ECHO."))
	ts2, stop2 := startOn(t, dir, Options{Drafts: true}, u.Host)
	defer stop2()
	waitJS(t, b, `document.body && document.body.innerText.includes("Level one body ECHO.")`, 15*time.Second)
	if browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Error("the page did not reload after the server restarted")
	}
	_ = ts2
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("errors in the page: %q", errs)
	}
}
