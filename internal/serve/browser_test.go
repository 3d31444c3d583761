package serve

import (
	"fmt"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
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
	b := newBrowser(t)
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
	connected := func() { t.Helper(); ts.waitConnected(t) }
	page := ts.site + "tracks/eng/l1/"
	b.Navigate(t, page)
	connected()
	if got := browsertest.Eval[string](t, b, `document.querySelector("main").innerText`); !strings.Contains(got, "Level one body ALPHA.") {
		t.Fatalf("page text:\n%s", got)
	}

	// An edit to the page's file: the page shows the new text, patched in
	// place.
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body BRAVO."))
	waitJS(t, b, `document.body && document.body.innerText.includes("Level one body BRAVO.")`, 10*time.Second)
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Fatal("the page reloaded for an edit of its text")
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
	checkPolicy(t, b)
}

// newBrowser starts Chromium for a browser test, watching the pages it
// opens for Content-Security-Policy violations (see watchPolicy); it skips
// the test in short mode.
func newBrowser(t *testing.T) *browsertest.Browser {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the browser test in short mode")
	}
	b := browsertest.New(t, 120*time.Second)
	watchPolicy(t, b)
	return b
}

// watchPolicy records, in every page the browser opens from now on, the
// Content-Security-Policy violations, for checkPolicy.
func watchPolicy(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	const js = `window.__ladderViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__ladderViolations.push(e.effectiveDirective + " " + (e.blockedURI || "inline") + " " + (e.sourceFile || "") + ":" + e.lineNumber));`
	_, err := chromedp.Call(b.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js})
	if err != nil {
		t.Fatal(err)
	}
}

// checkPolicy fails the test when the open page broke its
// Content-Security-Policy. Inline style attributes of the theme
// (style-src-attr) are logged only: the theme, not the dev server, owns
// them.
func checkPolicy(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	for _, v := range browsertest.Eval[[]string](t, b, `window.__ladderViolations || []`) {
		if strings.HasPrefix(v, "style-src-attr ") {
			t.Logf("the theme's markup breaks the policy: %s", v)
			continue
		}
		t.Errorf("Content-Security-Policy violation: %s", v)
	}
}

// TestBrowserLivePatch edits the body of the open level page and checks
// that the page is patched in place: the new text shows, and the scroll
// position, an open <details>, the focus and what was typed into a field
// stay, with no navigation.
func TestBrowserLivePatch(t *testing.T) {
	b := newBrowser(t)
	body := func(word string) string {
		var s strings.Builder
		s.WriteString("First paragraph " + word + ".\n\n<input id=\"note\" aria-label=\"note\">\n\n")
		for i := range 80 {
			fmt.Fprintf(&s, "Paragraph %d of a long level description.\n\n", i)
		}
		return s.String()
	}
	files := maps.Clone(testSite)
	files["content/tracks/eng/l1.md"] = level("Engineer One", 1, body("ALPHA"))
	files["site.toml"] += "[markdown]\nunsafe_html = true\n" // for the field
	dir := writeSite(t, files)
	ts := start(t, dir, Options{Drafts: true})
	b.Navigate(t, ts.site+"tracks/eng/l1/")
	ts.waitConnected(t)
	setup := `(() => {
		window.ladderMarker = true;
		const d = document.querySelector("details");
		if (!d) return "no details element";
		d.open = true;
		const f = document.getElementById("note");
		f.value = "typed by hand";
		f.focus();
		scrollTo({ top: 1200, behavior: "instant" });
		return "";
	})()`
	if msg := browsertest.Eval[string](t, b, setup); msg != "" {
		t.Fatal(msg)
	}
	y := browsertest.Eval[float64](t, b, `scrollY`)
	if y < 1000 {
		t.Fatalf("the page does not scroll: scrollY %v", y)
	}
	navigations := browsertest.Eval[float64](t, b, `performance.getEntriesByType("navigation").length`)

	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, body("BRAVO")))
	waitJS(t, b, `document.body.innerText.includes("First paragraph BRAVO.")`, 10*time.Second)
	for expr, want := range map[string]any{
		`window.ladderMarker === true`:                              true,
		`document.querySelector("details").open`:                    true,
		`scrollY`:                                                   y,
		`document.getElementById("note").value`:                     "typed by hand",
		`document.activeElement && document.activeElement.id`:       "note",
		`document.body.innerText.includes("First paragraph ALPHA")`: false,
		`performance.getEntriesByType("navigation").length`:         navigations,
	} {
		got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after the edit, %s = %v, want %v", expr, got, want)
		}
	}
	// An error shows the overlay; the fix patches the page again, and the
	// overlay goes.
	writeFile(t, dir, "content/tracks/eng/l1.md", "+++\nrank = = 1\n+++\n")
	waitJS(t, b, `!!document.getElementById("__ladder_overlay")`, 10*time.Second)
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, body("CHARLIE")))
	waitJS(t, b, `!document.getElementById("__ladder_overlay") && document.body.innerText.includes("First paragraph CHARLIE.")`, 10*time.Second)
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Error("the page reloaded after an error was fixed")
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("errors in the page: %q", errs)
	}
	checkPolicy(t, b)
}

// TestBrowserLivePatchKeepsScriptChanges opens the course catalogue, whose
// filter form the theme's script reveals and whose rows it hides, filters
// it, then edits a course: the patch brings the new title and keeps what
// the script did (the form shown, the rows hidden, the count it wrote, the
// typed filter), since only what the server changed is applied.
func TestBrowserLivePatchKeepsScriptChanges(t *testing.T) {
	b := newBrowser(t)
	files := maps.Clone(testSite)
	files["content/courses/advanced.md"] = "+++\ntitle = \"Advanced\"\nformat = \"self-paced\"\nhours = 20\n+++\nThe advanced course.\n"
	dir := writeSite(t, files)
	ts := start(t, dir, Options{Drafts: true})
	b.Navigate(t, ts.site+"courses/")
	ts.waitConnected(t)
	waitJS(t, b, `!document.getElementById("course-filters").hidden`, 10*time.Second)
	filter := `(() => {
		window.ladderMarker = true;
		const q = document.querySelector("#course-filters [name=q]");
		if (!q) return "no search field in the filter form";
		q.value = "basics";
		q.dispatchEvent(new Event("input", { bubbles: true }));
		document.documentElement.classList.add("from-script");
		return "";
	})()`
	if msg := browsertest.Eval[string](t, b, filter); msg != "" {
		t.Fatal(msg)
	}
	hidden := `[...document.querySelectorAll("#course-list li[data-title]")].filter((li) => li.hidden).map((li) => li.dataset.title).join(",")`
	if got := browsertest.Eval[string](t, b, hidden); got != "Advanced" {
		t.Fatalf("before the edit, the hidden courses are %q, want %q", got, "Advanced")
	}
	count := browsertest.Eval[string](t, b, `document.getElementById("course-count").textContent`)
	navigations := browsertest.Eval[float64](t, b, `performance.getEntriesByType("navigation").length`)

	writeFile(t, dir, "content/courses/basics.md", strings.Replace(files["content/courses/basics.md"], `"Basics"`, `"Basics Renamed"`, 1))
	waitJS(t, b, `document.getElementById("course-list").innerText.includes("Basics Renamed")`, 10*time.Second)
	for expr, want := range map[string]any{
		`window.ladderMarker === true`:                     true,
		`document.getElementById("course-filters").hidden`: false,
		hidden: "Advanced",
		`document.getElementById("course-count").textContent`:             count,
		`document.querySelector("#course-filters [name=q]").value`:        "basics",
		`document.documentElement.classList.contains("from-script")`:      true,
		`performance.getEntriesByType("navigation").length`:               navigations,
		`document.querySelectorAll("#course-list li[data-title]").length`: float64(2),
	} {
		got, err := chromedp.Run(b.Ctx, chromedp.Evaluate[any](expr))
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("after the edit, %s = %v, want %v", expr, got, want)
		}
	}

	// A second edit is compared with the page of the first, not with the
	// first page: the title changes again, and a new course shows.
	writeFile(t, dir, "content/courses/basics.md", strings.Replace(files["content/courses/basics.md"], `"Basics"`, `"Basics Again"`, 1))
	writeFile(t, dir, "content/courses/cooking.md", "+++\ntitle = \"Cooking\"\nformat = \"video\"\nhours = 3\n+++\nA new course.\n")
	waitJS(t, b, `document.getElementById("course-list").innerText.includes("Basics Again") && document.getElementById("course-list").innerText.includes("Cooking")`, 10*time.Second)
	if got := browsertest.Eval[string](t, b, `document.getElementById("course-list").innerText`); strings.Contains(got, "Basics Renamed") {
		t.Errorf("the old title is still in the list: %q", got)
	}
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true && !document.getElementById("course-filters").hidden`) {
		t.Error("the page reloaded, or the filter form was hidden again, after the second edit")
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("errors in the page: %q", errs)
	}
	checkPolicy(t, b)
}

// TestBrowserLiveTrackTitle edits the title of the open level's track,
// which its page and its ladder image show: the page is patched in place,
// and the image is loaded again with a new query instead of a reload.
func TestBrowserLiveTrackTitle(t *testing.T) {
	b := newBrowser(t)
	dir := writeSite(t, testSite)
	ts := start(t, dir, Options{Drafts: true})
	b.Navigate(t, ts.site+"tracks/eng/l1/")
	ts.waitConnected(t)
	ladder := `[...document.images].filter((i) => new URL(i.src).pathname === "/careers/tracks/eng/ladder.svg")`
	if n := browsertest.Eval[int](t, b, ladder+`.length`); n == 0 {
		t.Fatal("the level page shows no ladder image")
	}
	browsertest.Eval[bool](t, b, `window.ladderMarker = true`)
	writeFile(t, dir, "content/tracks/eng/_index.md", "+++\ntitle = \"Engineering Renamed\"\nsummary = \"Builds things.\"\n+++\nThe engineering track.\n")
	waitJS(t, b, `document.body.innerText.includes("Engineering Renamed")`, 10*time.Second)
	waitJS(t, b, ladder+`.every((i) => new URL(i.src).searchParams.has("v") && i.complete && i.naturalWidth > 0)`, 10*time.Second)
	if !browsertest.Eval[bool](t, b, `window.ladderMarker === true`) {
		t.Error("the page reloaded for an edit of its track's title")
	}
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("errors in the page: %q", errs)
	}
	checkPolicy(t, b)
}

// waitConnected waits until exactly one page is connected to the server's
// event stream.
func (ts *testServer) waitConnected(t *testing.T) {
	t.Helper()
	eventually(t, 10*time.Second, func() string {
		if ts.clients.count() != 1 {
			return "the page did not connect to the event stream"
		}
		return ""
	})
}
