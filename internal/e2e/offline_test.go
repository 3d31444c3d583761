package e2e

import (
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// relativeExample builds the example framework with relative_urls = true
// and returns the output directory.
func relativeExample(t *testing.T) string {
	t.Helper()
	return exampleWith(t, func(cfg []byte) []byte { return append([]byte("relative_urls = true\n"), cfg...) }, false)
}

// TestOpenedFromDisk opens a build with relative_urls from disk (file://)
// in Chromium and uses the search, compare, path finder, plan and
// self-assessment pages:
// browsers refuse fetch() there, so the tools load the data files'
// scripts instead. The same build served over HTTP still fetches the JSON.
func TestOpenedFromDisk(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found (install it with: apt-get install -y chromium, or set LADDER_CHROMIUM)")
	}
	dir := relativeExample(t)
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	disk := (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs) + "/"}).String()
	b := browsertest.New(t, 3*time.Minute)

	// loaded says how the page loaded the tools' data: "js" when through
	// the scripts beside the data files (which fill window.LadderData),
	// else "json".
	loaded := func() string {
		return browsertest.Eval[string](t, b, `typeof window.LadderData === "object" ? "js" : "json"`)
	}

	t.Run("search", func(t *testing.T) {
		b.Navigate(t, disk+"search/index.html?q=convolutional")
		b.WaitFor(t, `document.getElementById("search-status").textContent.includes("result")`, wait)
		got := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll(".search-result .result-title")).map(e => e.textContent)`)
		if len(got) != 1 || got[0] != "Computer vision" {
			t.Errorf("convolutional: %q, want Computer vision", got)
		}
		href := browsertest.Eval[string](t, b, `document.querySelector("a.result-link").href`)
		if !strings.HasPrefix(href, disk) || !strings.HasSuffix(href, "/index.html") {
			t.Errorf("result links to %q, want a file under %s ending in index.html", href, disk)
		}
		if l := loaded(); l != "js" {
			t.Errorf("loaded data as %q, want js (the scripts beside the data files)", l)
		}
		noErrors(t, b)
	})

	t.Run("compare", func(t *testing.T) {
		b.Navigate(t, disk+"compare/index.html?a=it-support/associate&b=cloud-support/associate")
		b.WaitFor(t, `document.querySelectorAll("#compare-table tbody tr").length > 0`, wait)
		if got := browsertest.Eval[string](t, b, `document.querySelector(".compare-b h2 a").textContent`); got != "Cloud Support Associate" {
			t.Errorf("level B = %q", got)
		}
		diffs := browsertest.Eval[string](t, b, `Array.from(document.querySelectorAll("#compare-table tbody tr")).map(r => r.cells[0].textContent + "=" + r.className).join(" ")`)
		if !strings.Contains(diffs, "Linux=row-higher") {
			t.Errorf("differences %q lack Linux=row-higher", diffs)
		}
		if href := browsertest.Eval[string](t, b, `document.querySelector(".compare-b h2 a").href`); href != disk+"tracks/cloud-support/associate/index.html" {
			t.Errorf("level B links to %q, want its index.html", href)
		}
		pick(t, b, "compare-b", "it-support/engineer")
		b.WaitFor(t, `document.querySelector(".compare-b h2 a").textContent === "IT Support Engineer"`, wait)
		noErrors(t, b)
	})

	t.Run("paths", func(t *testing.T) {
		b.Navigate(t, disk+"paths/index.html?from=fulfillment/associate&to=cloud-support/associate")
		b.WaitFor(t, `document.querySelector(".route-step")`, wait)
		steps := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#path-result > .route-steps > .route-step .step-head")).map(h => h.textContent)`)
		if len(steps) != 2 || !strings.Contains(steps[0], "Career Choice") || !strings.Contains(steps[1], "Surge2IT") {
			t.Errorf("steps = %q, want Career Choice then Surge2IT", steps)
		}
		noErrors(t, b)
	})

	t.Run("plan", func(t *testing.T) {
		b.Navigate(t, disk+"plan/index.html?from=fulfillment/associate&to=cloud-support/associate")
		b.WaitFor(t, `document.querySelector(".checklist input[type=checkbox]")`, wait)
		if got := browsertest.Eval[string](t, b, `document.querySelector(".checklist label").textContent`); got != "Join Career Choice: at least 3 months with the company" {
			t.Errorf("first item = %q", got)
		}
		noErrors(t, b)
	})

	t.Run("assess", func(t *testing.T) {
		b.Navigate(t, disk+"assess/index.html?level=fulfillment/associate&target=fulfillment/ambassador")
		waitRated(t, b)
		if got := browsertest.Eval[int](t, b, `document.querySelectorAll("fieldset.rate").length`); got != 5 {
			t.Errorf("%d competencies to rate, want the 5 of the fulfillment track", got)
		}
		rate(t, b, "safety", 1)
		if got := gapStatus(t, b, "safety"); got != "below" {
			t.Errorf("safety 1 against 3 is %q, want below", got)
		}
		noErrors(t, b)
	})

	t.Run("served", func(t *testing.T) {
		root := serve(t, dir, "/")
		b.Navigate(t, root+"search/?q=convolutional")
		b.WaitFor(t, `document.getElementById("search-status").textContent.includes("result")`, wait)
		if n := browsertest.Eval[int](t, b, `document.querySelectorAll(".search-result").length`); n != 1 {
			t.Errorf("%d results, want 1", n)
		}
		if l := loaded(); l != "json" {
			t.Errorf("loaded data as %q over HTTP, want json (fetched)", l)
		}
		noErrors(t, b)
	})
}
