package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// slowServe serves dir at the root and holds back scripts and the tools'
// data by delay, as a slow network does, so that the page is painted before
// its script fills it in.
func slowServe(t *testing.T, dir string, delay time.Duration) string {
	t.Helper()
	files := http.FileServer(http.Dir(dir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, ".js") || strings.Contains(r.URL.Path, "/data/") {
			time.Sleep(delay)
		}
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/"
}

// TestLayoutShift opens the tools with the parameters of a result (a link
// someone shared) at desktop and phone widths, and fails when the result
// arriving moves the page: a cumulative layout shift of 0.1 or more, the
// limit of a "good" page in Core Web Vitals.
func TestLayoutShift(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, _ := example(t, "/")
	root := slowServe(t, dir, 300*time.Millisecond)
	b := browsertest.New(t, 3*time.Minute)
	pages := []struct{ name, url, ready string }{
		{"compare", "compare/?a=it-support/associate&b=cloud-support/associate", `document.querySelector("#compare-table tbody tr")`},
		{"paths", "paths/?from=fulfillment/associate&to=cloud-support/associate", `document.querySelector(".route-step")`},
		{"plan", "plan/?from=fulfillment/associate&to=cloud-support/associate", `document.querySelector(".checklist input[type=checkbox]")`},
		{"search", "search/?q=cloud", `document.getElementById("search-status").textContent.includes("result")`},
	}
	for _, w := range []int64{1280, 390} {
		b.Do(t, chromedp.EmulateViewport(w, 900))
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s-%d", p.name, w), func(t *testing.T) {
				b.Navigate(t, root+p.url)
				b.WaitFor(t, p.ready, wait)
				time.Sleep(300 * time.Millisecond)
				s := browsertest.LayoutShift(t, b)
				t.Logf("%s at %d px: CLS %.3f", p.name, w, s.CLS)
				if s.CLS >= 0.1 {
					t.Errorf("%s at %d px: cumulative layout shift %.3f, want < 0.1; moved:\n  %s", p.name, w, s.CLS, strings.Join(s.Moved, "\n  "))
				}
			})
		}
	}
	noErrors(t, b)
}
