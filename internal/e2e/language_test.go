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
// for "de", plural forms chosen by Intl.PluralRules.
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
	noErrors(t, b)

	b.Navigate(t, root+"paths/?from=software/sde-1&to=software/sde-3")
	b.WaitFor(t, `document.getElementById("route-h") !== null`, wait)
	contains("the route", `document.getElementById("path-result").textContent`, "Kürzester Weg", "Schritte", "Beförderung")
	contains("the level picker", `document.getElementById("path-from-track").options[0].textContent`, "Laufbahn wählen")
	lacks("the route", `document.getElementById("path-result").textContent`, "Shortest route", "Promotion", "steps")
	noErrors(t, b)

	b.Navigate(t, root+"search/?q=linux")
	b.WaitFor(t, `document.querySelectorAll("#search-results li").length > 0`, wait)
	contains("the search status", `document.getElementById("search-status").textContent`, "Treffer für „linux“")
	noErrors(t, b)
}
