package render_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
	"github.com/ladder-ssg/ladder/internal/render"
)

// bigCategories are the categories of the competencies of bigSite.
var bigCategories = []string{"Craft", "Delivery", "Collaboration", "Leadership", "Operations", "Business and customer impact"}

// bigWord appears in one expectation of bigSite and nowhere else.
const bigWord = "quetzalcoatlite"

// bigSite returns a site of the shape of a real framework: 100 competencies
// in six categories, one track of 8 levels on two paths (an engineer
// promoted to the first manager level crosses paths), each level expecting
// most competencies with several long criteria and examples, some none, a
// described five-point scale, a course, a program and a free page.
func bigSite() fstest.MapFS {
	m := fstest.MapFS{}
	add := func(name, s string) { m[name] = &fstest.MapFile{Data: []byte(s), Mode: 0o644} }
	add("site.toml", `title = "Big Co — Careers"
today = 2026-03-10
[scale]
names = ["Learning", "Practitioner", "Skilled", "Expert", "Leader"]
descriptions = ["Learns it with help.", "Does it on their own in familiar situations.", "Does it well in new situations and helps others.", "Is a reference for the organisation.", "Sets the direction of the discipline across the company."]
`)
	add("content/_index.md", "+++\ntitle = \"Grow at Big Co\"\n+++\nStart with [platform engineering](track:platform).\n")
	add("content/pages/about.md", "+++\ntitle = \"About the framework\"\n+++\nHow to read the framework.\n")
	add("content/tracks/platform/_index.md", "+++\ntitle = \"Platform Engineering\"\nsummary = \"Build and run the platform the product teams stand on.\"\n+++\nThe platform track.\n")
	for i := 1; i <= 100; i++ {
		title := fmt.Sprintf("Competency %d", i)
		if i%7 == 0 {
			title = fmt.Sprintf("Designing for operability, observability and graceful degradation %d", i)
		}
		add(fmt.Sprintf("content/competencies/c%03d.md", i), fmt.Sprintf("+++\ntitle = %q\ncategory = %q\nsummary = \"What competency %d is about.\"\n+++\nCompetency %d.\n", title, bigCategories[(i-1)*len(bigCategories)/100], i, i))
	}
	type lv struct {
		id, title, path, next string
		rank                  int
	}
	levels := []lv{
		{"e1", "Associate Platform Engineer", "ic", "", 1},
		{"e2", "Platform Engineer", "ic", `["e3", "m3"]`, 2},
		{"e3", "Senior Platform Engineer", "ic", "", 3},
		{"e4", "Staff Platform Engineer", "ic", "", 4},
		{"e5", "Principal Platform Engineer and Distinguished Technical Lead", "ic", "", 5},
		{"m3", "Engineering Manager", "manager", "", 3},
		{"m4", "Senior Engineering Manager", "manager", "", 4},
		{"m5", "Director of Platform Engineering", "manager", "", 5},
	}
	for li, l := range levels {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = %q\ncode = \"P%d\"\nrank = %d\npath = %q\nsummary = \"Level %s of the platform track.\"\n", l.title, li+1, l.rank, l.path, l.id)
		if l.next != "" {
			fmt.Fprintf(&b, "next = %s\n", l.next)
		}
		if l.id == "e1" {
			b.WriteString("required_courses = [\"onboarding\"]\n")
		}
		for i := 1; i <= 100; i++ {
			// Every level leaves some competencies out: empty cells.
			if (i+li)%9 == 0 {
				continue
			}
			v := min(5, max(1, l.rank+(i%3)-1))
			fmt.Fprintf(&b, "[competencies.c%03d]\nlevel = %d\n", i, v)
			if i%4 == 0 {
				continue // no text: the scale's description stands in
			}
			word := "reliable"
			if i == 42 && l.id == "e3" {
				word = bigWord
			}
			fmt.Fprintf(&b, "expect = [%q, %q, %q]\n",
				fmt.Sprintf("Designs, builds and operates %s services for competency %d, choosing trade-offs between cost, latency and the time the team can spend on them, and writes them down for others.", word, i),
				fmt.Sprintf("Reviews the work of others on competency %d with care, explaining the reasons behind each comment so that the author learns rather than only fixes.", i),
				"Shares what they learn in writing, in talks and in pairing sessions with engineers of other teams and other sites.")
			if i%3 == 0 {
				fmt.Fprintf(&b, "examples = [%q, %q]\n", "Led the migration of the build system to remote caching, halving the time of a build.", "Ran the incident review of the storage outage and followed up on every action.")
			}
		}
		fmt.Fprintf(&b, "+++\nWhat %s does.\n", l.title)
		add("content/tracks/platform/"+l.id+".md", b.String())
	}
	add("content/courses/onboarding.md", "+++\ntitle = \"Platform onboarding\"\nformat = \"self-paced\"\nhours = 6\n[skills]\nc001 = 2\n+++\nOnboarding.\n")
	add("content/programs/academy.md", "+++\ntitle = \"Platform academy\"\nkind = \"academy\"\nsummary = \"Six months to learn the platform.\"\nduration = \"6 months\"\ncourses = [\"onboarding\"]\nleads_to = [\"platform/e2\"]\n+++\nThe academy.\n")
	return m
}

// bigPages are one page of every kind of bigSite (the interactive ones
// with parameters that make them draw results).
var bigPages = []string{
	"",
	"about/",
	"tracks/",
	"tracks/platform/",
	"tracks/platform/e3/",
	"tracks/platform/m3/",
	"competencies/",
	"competencies/c007/",
	"courses/",
	"courses/onboarding/",
	"programs/",
	"programs/academy/",
	"compare/?a=platform%2Fe2&b=platform%2Fe3",
	"paths/?from=platform%2Fe1&to=platform%2Fm4",
	"plan/?from=platform%2Fe2&to=platform%2Fe3",
	"search/?q=platform",
	"404.html",
}

// TestBrowserBigSite opens every kind of page of a site with 100
// competencies and 8 levels in a phone-sized window: no page may scroll
// sideways or have a serious accessibility violation (when LADDER_AXE names
// axe-core), the matrix keeps its header row in view when it is scrolled,
// and search finds a word that only an expectation holds. LADDER_SCREENSHOTS
// names a directory for screenshots of a few pages at 390 and 1280 px.
func TestBrowserBigSite(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	_, out := build(t, bigSite(), render.Options{})
	dir := filepath.Join(t.TempDir(), "site")
	if err := out.Write(dir); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(dir)))
	defer srv.Close()
	b := browsertest.New(t, 5*time.Minute)
	axe := browsertest.Axe(t)

	b.Do(t, chromedp.EmulateViewport(390, 844))
	for _, page := range bigPages {
		name := "390px /" + page
		b.Navigate(t, srv.URL+"/"+page)
		b.WaitFor(t, `document.readyState === "complete"`, 10*time.Second)
		if strings.Contains(page, "?") {
			b.WaitFor(t, `!document.querySelector(".tool-status") || document.querySelector(".tool-result, #search-results") && (document.querySelector(".tool-result, #search-results").children.length > 0)`, 10*time.Second)
		}
		if over := browsertest.Eval[bool](t, b, `document.documentElement.scrollWidth > window.innerWidth + 1`); over {
			w := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth`)
			t.Errorf("%s: page is %dpx wide; widest elements: %s", name, w, browsertest.Eval[string](t, b, widestElements))
		}
		if errs := b.Errors(); len(errs) > 0 && true {
			t.Errorf("%s: errors in the console:\n%s", name, strings.Join(errs, "\n"))
		}
		if axe != "" {
			b.Audit(t, axe, name)
		}
	}

	// The matrix scrolls in its box with its header row in view, and the
	// category select shows one category's rows.
	b.Navigate(t, srv.URL+"/tracks/platform/")
	b.WaitFor(t, `document.readyState === "complete" && !document.getElementById("matrix-filter").hidden`, 10*time.Second)
	gap := browsertest.Eval[float64](t, b, `(function(){var box=document.querySelector(".matrix-scroll"); box.scrollTop=1500; var h=document.querySelector(".matrix thead").getBoundingClientRect(); return box.scrollTop > 0 ? Math.abs(h.top - box.getBoundingClientRect().top) : -1})()`)
	if gap < 0 || gap > 3 {
		t.Errorf("after scrolling the matrix, its header row is %.0fpx from the top of its box (-1: the box did not scroll)", gap)
	}
	shown := browsertest.Eval[int](t, b, `(function(){var s=document.getElementById("matrix-cat"); s.value=s.options[2].value; s.dispatchEvent(new Event("change")); return document.querySelectorAll("#matrix-table tbody:not([hidden])").length})()`)
	if shown != 1 {
		t.Errorf("choosing a category shows %d groups of rows, want 1", shown)
	}

	if shots := os.Getenv("LADDER_SCREENSHOTS"); shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
		// Views of the window (not the whole page), each scrolled to a
		// part worth looking at.
		views := []struct{ page, name, scroll string }{
			{"tracks/platform/", "track-top", ""},
			{"tracks/platform/", "track-matrix", `document.getElementById("matrix-h").scrollIntoView({behavior: "instant"})`},
			{"tracks/platform/", "track-matrix-scrolled", `document.getElementById("matrix-h").scrollIntoView({behavior: "instant"}); document.querySelector(".matrix-scroll").scrollTop = 900`},
			{"tracks/platform/e3/", "level-top", ""},
			{"tracks/platform/e3/", "level-radar", `document.getElementById("radar-h").scrollIntoView({behavior: "instant"})`},
			{"tracks/platform/e3/", "level-expect", `document.getElementById("expect-h").scrollIntoView({behavior: "instant"})`},
			{"competencies/c007/", "competency-usage", `document.getElementById("expected-h").scrollIntoView({behavior: "instant"})`},
			{"compare/?a=platform%2Fe2&b=platform%2Fe3", "compare", `document.getElementById("cmp-comp-h").scrollIntoView({behavior: "instant"})`},
			{"search/?q=" + bigWord, "search", ""},
		}
		for _, w := range []int64{390, 1280} {
			b.Do(t, chromedp.EmulateViewport(w, 900))
			for _, v := range views {
				b.Navigate(t, srv.URL+"/"+v.page)
				b.WaitFor(t, `document.readyState === "complete"`, 10*time.Second)
				time.Sleep(300 * time.Millisecond)
				if v.scroll != "" {
					browsertest.Eval[bool](t, b, "(function(){"+v.scroll+"; return true})()")
					time.Sleep(100 * time.Millisecond)
				}
				png, err := chromedp.Run(b.Ctx, chromedp.CaptureScreenshot())
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("big-%d-%s.png", w, v.name)), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
}
