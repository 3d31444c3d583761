package e2e

import (
	"io/fs"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// germanExample builds the example framework with language = "de" (and
// the default theme) and returns the output directory.
func germanExample(t *testing.T) string {
	t.Helper()
	return exampleWith(t, func(cfg []byte) []byte {
		cfg = regexp.MustCompile(`(?m)^language = .*$`).ReplaceAll(cfg, []byte(`language = "de"`))
		return regexp.MustCompile(`(?m)^theme = .*$`).ReplaceAll(cfg, []byte(`theme = "default"`))
	}, true)
}

// TestGermanTools builds the example in German and checks that the
// scripts of the compare, path finder and search pages write German: the
// texts they read from the page, numbers and amounts formatted with Intl
// for "de", plural forms chosen by Intl.PluralRules, and the path finder's
// reasons for finding no route.
func TestGermanTools(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found (install it with: apt-get install -y chromium, or set LADDER_CHROMIUM)")
	}
	root := serve(t, germanExample(t), "/")
	b := browsertest.New(t, 2*time.Minute)

	contains := func(name, expr string, wants ...string) {
		t.Helper()
		got := browsertest.Eval[string](t, b, expr)
		for _, w := range wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s = %q, want it to contain %q", name, got, w)
			}
		}
	}
	lacks := func(name, expr string, english ...string) {
		t.Helper()
		got := browsertest.Eval[string](t, b, expr)
		for _, w := range english {
			if strings.Contains(got, w) {
				t.Errorf("%s = %q: English %q left", name, got, w)
			}
		}
	}

	b.Navigate(t, root+"compare/?a=software/sde-2&b=software/sde-3")
	b.WaitFor(t, `document.querySelectorAll("#compare-table tbody tr").length > 0`, wait)
	contains("<html lang>", `document.documentElement.lang`, "de")
	contains("the status", `document.getElementById("compare-status").textContent`, "Vergleich von Software Development Engineer II mit Software Development Engineer III", "gemeinsame Kurse.")
	contains("the table's head", `document.querySelector("#compare-table thead").textContent`, "Kompetenz", "Unterschied")
	contains("the cards", `document.querySelector(".compare-a").textContent`, "Gehaltsband", "135.000 USD – 180.000 USD", "Übliche Zeit davor", "18 Monate")
	contains("the differences", `document.querySelector("#compare-table tbody").textContent`, "in B")
	contains("the courses", `document.querySelector("#cmp-courses-h").parentNode.textContent`, "Kurse", "In beiden", "Nur in A")
	lacks("the result", `document.getElementById("compare-result").textContent`, "Pay band", "Competencies", "Difference", "In both", "Only in", "months")
	contains("the chart", `document.querySelector(".compare-radar svg").textContent`, "im Vergleich mit", "auf einer Skala von 1 bis 5")
	lacks("the chart", `document.querySelector(".compare-radar svg").textContent`, "compared with", "on a scale", "not expected")
	noErrors(t, b)

	b.Navigate(t, root+"paths/?from=software/sde-1&to=software/sde-3")
	b.WaitFor(t, `document.getElementById("route-h") !== null`, wait)
	contains("the route", `document.getElementById("path-result").textContent`, "Kürzester Weg", "Schritte", "Beförderung")
	contains("the level picker", `document.getElementById("path-from-track").options[0].textContent`, "Laufbahn wählen")
	lacks("the route", `document.getElementById("path-result").textContent`, "Shortest route", "Promotion", "steps")
	noErrors(t, b)

	// A step through a program says what the program pays for in German.
	b.Navigate(t, root+"paths/?from=fulfillment/associate&to=it-support/associate")
	b.WaitFor(t, `document.querySelector(".step-facts") !== null`, wait)
	contains("the program's funding", `document.querySelector(".step-facts").textContent`, "Förderung", "95 % der Studiengebühren", "deckt ")
	lacks("the program's funding", `document.querySelector(".step-facts").textContent`, "of tuition", "covers", "paid while")

	// No route: a level below on the same path, and the level itself.
	b.Navigate(t, root+"paths/?from=healthcare/lpn&to=healthcare/medical-assistant")
	b.WaitFor(t, `document.getElementById("route-h") !== null && document.getElementById("path-status").textContent !== ""`, wait)
	contains("no route", `document.getElementById("path-result").textContent`, "Kein Weg gefunden", "Certified Clinical Medical Assistant liegt auf demselben Pfad unter Licensed Practical Nurse.")
	contains("the status", `document.getElementById("path-status").textContent`, "Kein Weg gefunden: Certified Clinical Medical Assistant liegt auf demselben Pfad unter Licensed Practical Nurse.")
	lacks("no route", `document.getElementById("path-result").textContent + document.getElementById("path-status").textContent`, "No route", "is below", "same path")
	b.Navigate(t, root+"paths/?from=software/sde-2&to=software/sde-2")
	b.WaitFor(t, `document.getElementById("route-h") !== null`, wait)
	contains("already there", `document.getElementById("path-result").textContent`, "Sie sind schon da", "Sie sind bereits auf der Stufe Software Development Engineer II.")
	noErrors(t, b)
	// Every reason the path finder gives for no route between two levels
	// of the example is German, and the example has each kind of reason.
	reasons := browsertest.Eval[[]string](t, b, `LadderTools.loadData().then(async d => {
		const ids = [], out = new Set();
		for (const t of d.tracks) { await d.loadTrack(t.id); for (const l of t.levels) ids.push(l.id); }
		for (const a of ids) for (const z of ids) {
			const doc = await d.route(a, z, 0, "steps");
			if (doc && doc.message) out.add(doc.message);
		}
		return Array.from(out).sort();
	})`)
	english := regexp.MustCompile(`\b(no route|nothing leads|is below|already at|no level|leads into|can reach)\b`)
	kinds := map[string]int{}
	for _, r := range reasons {
		if english.MatchString(r) {
			t.Errorf("the path finder explains in English: %q", r)
		}
		for _, k := range []string{"liegt auf demselben Pfad unter", "führt in die Laufbahn", "nichts führt zu", "Die Programme, die dorthin führen", "Von keiner Stufe", "Sie sind bereits auf der Stufe"} {
			if strings.Contains(r, k) {
				kinds[k]++
			}
		}
	}
	if len(kinds) != 6 {
		t.Errorf("the reasons for no route, by kind: %v; want all six", kinds)
	}
	t.Logf("%d reasons for no route, by kind: %v", len(reasons), kinds)

	b.Navigate(t, root+"search/?q=linux")
	b.WaitFor(t, `document.querySelectorAll("#search-results li").length > 0`, wait)
	contains("the search status", `document.getElementById("search-status").textContent`, "Treffer für „linux“")
	noErrors(t, b)
}

// spills lists the elements of the page's main part whose text sticks out
// of their own box (a word too long for a narrow fact box or table cell),
// or out of the window, but for what scrolls on purpose (the scroll boxes
// of wide tables) and the charts.
const spills = `(function () {
  var out = [];
  var name = function (el) {
    return el.tagName.toLowerCase() + (el.className && el.className.baseVal === undefined && el.className ? "." + String(el.className).trim().split(/\s+/).join(".") : "");
  };
  document.querySelectorAll("main *").forEach(function (el) {
    if (el.closest(".table-scroll, svg, .chart-box, .visually-hidden, [hidden]") || el.getClientRects().length === 0) return;
    var cs = getComputedStyle(el);
    var r = el.getBoundingClientRect();
    var why = "";
    if (r.right > window.innerWidth + 1) why = "ends at " + Math.round(r.right) + "px";
    else if (cs.overflowX === "visible" && cs.display !== "inline" && el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1) why = el.scrollWidth + "px of text in " + el.clientWidth + "px";
    if (why && out.length < 8) out.push(name(el) + " “" + (el.textContent || "").trim().slice(0, 40) + "”: " + why);
  });
  return out;
})()`

// unhyphenated lists the narrow boxes of the page's main part (facts,
// table cells, cards, badges) whose words the browser would not hyphenate
// in German: hyphens is not auto, or the language is not German.
const unhyphenated = `(function () {
  var out = [];
  document.querySelectorAll("main .facts dt, main .facts dd, main th, main td, main .card, main .badge, main .step-facts dd, main .compare-card").forEach(function (el) {
    var cs = getComputedStyle(el), hy = cs.hyphens || cs.webkitHyphens;
    var lang = (el.closest("[lang]") || {}).lang || "";
    if ((hy !== "auto" || !/^de\b/.test(lang)) && out.length < 5) out.push(el.tagName.toLowerCase() + "." + String(el.className).trim().split(/\s+/).join(".") + " (hyphens " + hy + ", lang " + lang + ")");
  });
  return out;
})()`

// TestGermanNarrow opens the level, program and compare pages of the
// German example on a phone, 390 pixels wide: long German words
// ("Kostenübernahme", "Teilnahmevoraussetzungen") must be hyphenated (the
// narrow boxes say hyphens: auto, in German) or wrapped inside their fact
// boxes and table cells, never stick out of them or make the page scroll
// sideways. (Debian's headless Chromium has no hyphenation dictionaries,
// so here the words wrap; browsers with them hyphenate.)
func TestGermanNarrow(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found (install it with: apt-get install -y chromium, or set LADDER_CHROMIUM)")
	}
	dir := germanExample(t)
	root := serve(t, dir, "/")
	var pages []string
	for _, kind := range []string{"tracks", "programs"} {
		err := filepath.WalkDir(filepath.Join(dir, kind), func(p string, d fs.DirEntry, err error) error {
			if err == nil && d.Name() == "index.html" {
				rel, _ := filepath.Rel(dir, filepath.Dir(p))
				if strings.Count(filepath.ToSlash(rel), "/") >= map[string]int{"tracks": 2, "programs": 1}[kind] {
					pages = append(pages, filepath.ToSlash(rel)+"/")
				}
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(pages) < 20 {
		t.Fatalf("only %d level and program pages: %v", len(pages), pages)
	}
	b := browsertest.New(t, 3*time.Minute)
	b.Do(t, chromedp.EmulateViewport(390, 844))
	boxes := 0
	check := func(page string) {
		t.Helper()
		if over := browsertest.Eval[[]string](t, b, spills); len(over) > 0 {
			t.Errorf("390px /%s: %s", page, strings.Join(over, "; "))
		}
		if w := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth`); w > 391 {
			t.Errorf("390px /%s: the page is %dpx wide", page, w)
		}
		if bad := browsertest.Eval[[]string](t, b, unhyphenated); len(bad) > 0 {
			t.Errorf("390px /%s: narrow boxes not hyphenated in German: %s", page, strings.Join(bad, "; "))
		}
		boxes += browsertest.Eval[int](t, b, `document.querySelectorAll("main .facts dd, main td, main .card").length`)
	}
	for _, p := range pages {
		b.Navigate(t, root+p)
		b.WaitFor(t, `document.readyState === "complete"`, wait)
		check(p)
	}
	for _, q := range []string{"a=software/sde-2&b=software/sde-3", "a=fulfillment/associate&b=healthcare/lpn", "a=it-support/associate&b=data-center/technician-1"} {
		b.Navigate(t, root+"compare/?"+q)
		b.WaitFor(t, `document.querySelectorAll("#compare-table tbody tr").length > 0`, wait)
		check("compare/?" + q)
	}
	b.Navigate(t, root+"paths/?from=fulfillment/associate&to=healthcare/lpn")
	b.WaitFor(t, `document.getElementById("route-h") !== null`, wait)
	check("paths/?from=fulfillment/associate&to=healthcare/lpn")
	noErrors(t, b)
	if boxes < 100 {
		t.Errorf("only %d fact boxes, table cells and cards: the pages do not have what the test checks", boxes)
	}
	t.Logf("%d pages at 390px, %d fact boxes, table cells and cards", len(pages)+4, boxes)
}
