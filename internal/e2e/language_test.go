package e2e

import (
	"regexp"
	"strings"
	"testing"
	"time"

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
