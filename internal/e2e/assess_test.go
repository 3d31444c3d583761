package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/ladder-ssg/ladder/internal/assess"
	"github.com/ladder-ssg/ladder/internal/browsertest"
	"github.com/ladder-ssg/ladder/internal/site"
)

// assessURL is the self-assessment of the example's first level, aiming
// for the next one.
const assessURL = "assess/?level=fulfillment/associate&target=fulfillment/ambassador"

// rate clicks point n of competency id, as a person would.
func rate(t *testing.T, b *browsertest.Browser, id string, n int) {
	t.Helper()
	b.Do(t, chromedp.Click(chromedp.CSS("#rate-"+id+"-"+strconv.Itoa(n))))
}

// status returns the status of competency id in the table of gaps.
func gapStatus(t *testing.T, b *browsertest.Browser, id string) string {
	t.Helper()
	return browsertest.Eval[string](t, b, `(document.querySelector("#assess-gaps tr[data-id='`+id+`'] .gap-status") || {}).textContent || ""`)
}

func waitRated(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	b.WaitFor(t, `document.querySelector("fieldset.rate input[type=radio]")`, wait)
}

// TestAssess drives the self-assessment on the example: rating, keeping
// the ratings, sharing a link opened in a fresh browser profile, export
// and import, the check-in, the print layout, the keyboard, the page's
// width and, when LADDER_AXE names axe-core, its accessibility.
func TestAssess(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, _ := example(t, "/careers/")
	root := serve(t, dir, "/careers/")
	b := browsertest.New(t, 4*time.Minute)

	// Rate: the table of gaps and the courses follow at once.
	b.Navigate(t, root+assessURL)
	waitRated(t, b)
	if got := browsertest.Eval[int](t, b, `document.querySelectorAll("fieldset.rate").length`); got != 5 {
		t.Errorf("%d competencies to rate, want the 5 of the fulfillment track", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector("label[for=rate-safety-2] .rate-desc").textContent`); !strings.Contains(got, "Follows safe work practices") {
		t.Errorf("the descriptor beside safety 2 is %q", got)
	}
	rate(t, b, "safety", 1)
	rate(t, b, "operational-excellence", 2)
	if got := gapStatus(t, b, "safety"); got != "below" {
		t.Errorf("safety 1 against 3 is %q, want below", got)
	}
	if got := gapStatus(t, b, "operational-excellence"); got != "at the level" {
		t.Errorf("operational excellence 2 against 2 is %q", got)
	}
	if got := browsertest.Eval[string](t, b, `Array.from(document.querySelectorAll(".assess-close li[data-course]")).map(l => l.dataset.course).join(" ")`); got == "" {
		t.Errorf("no course suggested for the safety gap")
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("svg.chart-radar polygon.chart-series").length`); n != 3 {
		t.Errorf("the radar has %d series, want you, your level and the target", n)
	}
	browsertest.Eval[bool](t, b, `(() => { const d = document.querySelector("fieldset[data-id=safety] details"); d.open = true;
		const n = document.getElementById("rate-safety-note"); n.value = "Reported two near misses"; n.dispatchEvent(new Event("input", {bubbles: true}));
		const e = document.getElementById("rate-safety-evidence"); e.value = "https://wiki.example.com/near-miss"; e.dispatchEvent(new Event("input", {bubbles: true}));
		return true })()`)
	// Add to my plan writes an action into the plan page's own storage
	// (TestAssessAddsToPlan follows it onto the plan page).
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".assess-close .add-plan").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("assess-status").textContent.startsWith("Added to your plan")`, wait)
	plan := browsertest.Eval[string](t, b, `localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith("ladder-plan:") && k.endsWith(":fulfillment/associate>fulfillment/ambassador")))`)
	if !strings.Contains(plan, `"goals":[{"id":"assess","kind":"assess","actions":[{"id":"assess:course:`) || !strings.Contains(plan, `"notes":""`) {
		t.Errorf("the plan kept %s", plan)
	}

	// Reload: the ratings, the note and the link are kept.
	b.Navigate(t, root+"assess/")
	waitRated(t, b)
	if !browsertest.Eval[bool](t, b, `document.getElementById("rate-safety-1").checked && document.getElementById("rate-operational-excellence-2").checked`) {
		t.Errorf("the ratings were not kept")
	}
	if got := browsertest.Eval[string](t, b, `document.getElementById("rate-safety-note").value`); got != "Reported two near misses" {
		t.Errorf("note = %q", got)
	}
	if got := browsertest.Eval[string](t, b, `location.search`); got != "?level=fulfillment%2Fassociate&target=fulfillment%2Fambassador" {
		t.Errorf("address = %q", got)
	}

	// Keyboard only: an arrow key moves the rating to the next point.
	b.Do(t, chromedp.Focus(chromedp.CSS("#rate-safety-1")), chromedp.KeyEvent(kb.ArrowDown))
	b.WaitFor(t, `document.getElementById("rate-safety-2").checked`, wait)
	if got := gapStatus(t, b, "safety"); got != "below" {
		t.Errorf("safety 2 against 3 is %q", got)
	}
	b.Do(t, chromedp.KeyEvent(kb.ArrowDown))
	b.WaitFor(t, `document.getElementById("rate-safety-3").checked`, wait)
	if got := gapStatus(t, b, "safety"); got != "at the level" {
		t.Errorf("safety 3 against 3 is %q", got)
	}
	if got := browsertest.Eval[string](t, b, `document.activeElement.id`); got != "rate-safety-3" {
		t.Errorf("focus moved to %q", got)
	}

	// Share: the link carries the assessment in its fragment, never in
	// the query.
	press(t, b, "assess-share")
	b.WaitFor(t, `document.getElementById("assess-link").value`, wait)
	link := browsertest.Eval[string](t, b, `document.getElementById("assess-link").value`)
	if !regexp.MustCompile(`^` + regexp.QuoteMeta(root) + `assess/#a=[A-Za-z0-9_-]+$`).MatchString(link) {
		t.Errorf("share link = %q", link)
	}
	t.Run("shared", func(t *testing.T) {
		fresh := browsertest.New(t, 2*time.Minute)
		fresh.Navigate(t, link)
		waitRated(t, fresh)
		if fresh := browsertest.Eval[bool](t, fresh, `!document.getElementById("assess-shared").hidden && document.getElementById("rate-safety-3").checked && document.getElementById("rate-safety-3").disabled`); !fresh {
			t.Errorf("the shared link does not open read-only with the ratings")
		}
		if n := browsertest.Eval[int](t, fresh, `Object.keys(localStorage).length`); n != 0 {
			t.Errorf("opening a shared link stored %d entries", n)
		}
		press(t, fresh, "assess-mine")
		fresh.WaitFor(t, `document.getElementById("assess-shared").hidden && !document.getElementById("rate-safety-3").disabled`, wait)
		if got := browsertest.Eval[string](t, fresh, `location.hash`); got != "" {
			t.Errorf("after make this mine the address keeps %q", got)
		}
		if !browsertest.Eval[bool](t, fresh, `(JSON.parse(Object.entries(localStorage).find(e => e[0].startsWith("ladder-assess:"))[1]).ratings.safety.r === 3)`) {
			t.Errorf("make this mine kept nothing")
		}
		noErrors(t, fresh)
	})

	// Export JSON, forget everything, import it back.
	exported := func(button string) string {
		press(t, b, button)
		b.WaitFor(t, `document.querySelector("#assess-download a")`, wait)
		return browsertest.Eval[string](t, b, `fetch(document.querySelector("#assess-download a").href).then(r => r.text())`)
	}
	js := exported("assess-export-json")
	var a struct {
		Kind, Level, Target string
		Ratings             map[string]struct {
			R        *int
			Note     string
			Evidence []string
		}
		Framework struct{ Hash string }
		Snapshot  map[string]struct{ Title string }
	}
	if err := json.Unmarshal([]byte(js), &a); err != nil {
		t.Fatal(err)
	}
	if a.Kind != "ladder-assessment" || a.Level != "fulfillment/associate" || a.Ratings["safety"].R == nil || *a.Ratings["safety"].R != 3 ||
		a.Ratings["safety"].Evidence[0] != "https://wiki.example.com/near-miss" || !strings.HasPrefix(a.Framework.Hash, "sha256:") || a.Snapshot["safety"].Title != "Safety" {
		t.Errorf("exported %s", js)
	}
	md := exported("assess-export-md")
	for _, want := range []string{"# Self-assessment: Fulfillment Associate → Learning Ambassador\n", "| Safety | 3 Proficient | 2 Foundational | 3 Proficient | at the level |\n", "- **Safety**: Reported two near misses\n  - <https://wiki.example.com/near-miss>\n"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if got := exported("assess-export-csv"); !strings.Contains(got, "safety,Safety,3,Proficient,2,3,at,Reported two near misses,https://wiki.example.com/near-miss\r\n") {
		t.Errorf("csv:\n%s", got)
	}
	browsertest.Eval[bool](t, b, `(() => { localStorage.clear(); return true })()`)
	b.Navigate(t, root+assessURL)
	waitRated(t, b)
	if browsertest.Eval[bool](t, b, `document.getElementById("rate-safety-3").checked`) {
		t.Fatalf("the assessment was not forgotten")
	}
	importFile(t, b, "assess-import", js)
	b.WaitFor(t, `document.getElementById("assess-status").textContent.startsWith("Imported")`, wait)
	b.WaitFor(t, `document.getElementById("rate-safety-3").checked`, wait)
	if again := exported("assess-export-json"); again != js {
		t.Errorf("the round trip changed the file:\n%s\nthen\n%s", js, again)
	}

	// A framework changed since: the notice names what changed.
	old := strings.Replace(strings.Replace(js, a.Framework.Hash, "sha256:0000", 1), `"title": "Safety"`, `"title": "Workplace safety"`, 1)
	old = strings.Replace(old, `"level": 2,`, `"level": 1,`, 1)
	importFile(t, b, "assess-import", old)
	b.WaitFor(t, `document.getElementById("assess-changed")`, wait)
	notice := browsertest.Eval[string](t, b, `document.getElementById("assess-changed").textContent`)
	for _, want := range []string{"The framework has changed since this assessment was made", "Workplace safety was renamed Safety",
		"Safety: Fulfillment Associate now expects 2 Foundational (was 1 Awareness)"} {
		if !strings.Contains(notice, want) {
			t.Errorf("notice %q lacks %q", notice, want)
		}
	}
	press(t, b, "assess-accept")
	b.WaitFor(t, `!document.getElementById("assess-changed")`, wait)

	// Check-in: mine and a manager's, the differences first.
	manager := strings.Replace(strings.Replace(js, `"role": "self"`, `"role": "manager"`, 1), `"r": 2`, `"r": 1`, 1)
	press(t, b, "checkin-a-mine")
	importFile(t, b, "checkin-b-file", manager)
	b.WaitFor(t, `document.querySelector("#checkin-table tbody tr")`, wait)
	order := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#checkin-table tbody tr")).map(r => r.dataset.id + "=" + r.className)`)
	if len(order) != 5 || order[0] != "operational-excellence=row-differs" || order[1] == "" || !strings.HasSuffix(order[1], "row-same") {
		t.Errorf("check-in rows = %q, want operational excellence (2 and 1) first", order)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("#checkin-result svg.chart-radar polygon.chart-series").length`); n != 3 {
		t.Errorf("the check-in radar has %d series, want 3", n)
	}
	browsertest.Eval[bool](t, b, `(() => { const t = document.getElementById("checkin-actions"); t.value = "Shadow the safety coordinator"; t.dispatchEvent(new Event("input", {bubbles: true})); return true })()`)
	press(t, b, "checkin-export-md")
	b.WaitFor(t, `document.querySelector("#checkin-download a")`, wait)
	cmd := browsertest.Eval[string](t, b, `fetch(document.querySelector("#checkin-download a").href).then(r => r.text())`)
	for _, want := range []string{"# Check-in: Fulfillment Associate\n", "| Operational excellence | 2 Foundational | 1 Awareness | 1 Awareness | −1 |\n", "## Agreed actions\n\nShadow the safety coordinator\n"} {
		if !strings.Contains(cmd, want) {
			t.Errorf("check-in markdown lacks %q:\n%s", want, cmd)
		}
	}

	// Print: one A4 page.
	if n := pdfPages(t, b); n != 1 {
		t.Errorf("the assessment prints on %d pages, want 1", n)
	}
	b.Navigate(t, root+"assess/software/sde-2/")
	if n := pdfPages(t, b); n != 1 {
		t.Errorf("the printable form of software/sde-2 prints on %d pages, want 1", n)
	}
	// Each checkbox of the form is named by its competency, its point
	// and, for the point the level expects, "(expected)".
	names := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll(".assess-sheet input[type=checkbox]")).map(i =>
		i.getAttribute("aria-labelledby").split(" ").map(id => { const e = document.getElementById(id); return e ? e.textContent.replace(/\s+/g, " ").trim() : "#" + id + "?" }).join(" "))`)
	if len(names) == 0 {
		t.Fatal("the printable form of software/sde-2 has no checkboxes")
	}
	expected := 0
	for _, n := range names {
		if strings.Contains(n, "?") {
			t.Errorf("a checkbox of the form is labelled by an element that does not exist: %q", n)
		}
		if strings.HasSuffix(n, " (expected)") {
			expected++
		}
	}
	if !strings.Contains(names[0], " 1 Awareness") {
		t.Errorf("the first checkbox is named %q, want its competency and \"1 Awareness\"", names[0])
	}
	if want := browsertest.Eval[int](t, b, `document.querySelectorAll(".assess-sheet .sheet-expect").length - Array.from(document.querySelectorAll(".assess-sheet .sheet-expect")).filter(e => !/\d/.test(e.textContent)).length`); expected != want {
		t.Errorf("%d checkboxes are named as expected, want %d (one per competency the level expects)", expected, want)
	}

	// Widths and accessibility.
	axe := ""
	if p := os.Getenv("LADDER_AXE"); p == "" {
		t.Log("LADDER_AXE is not set: skipping the accessibility audit (npm install axe-core@4, then LADDER_AXE=$PWD/node_modules/axe-core/axe.min.js)")
	} else if src, err := os.ReadFile(p); err != nil {
		t.Logf("skipping the accessibility audit: %v", err)
	} else {
		axe = string(src)
	}
	for _, w := range []int64{1280, 390} {
		b.Do(t, chromedp.EmulateViewport(w, 900))
		for _, u := range []string{assessURL, "assess/fulfillment/associate/", "assess/fulfillment/"} {
			b.Navigate(t, root+u)
			settle(t, b)
			if strings.HasPrefix(u, "assess/?") {
				waitRated(t, b)
				b.WaitFor(t, `document.querySelector("#checkin-table")`, wait)
			}
			if over := browsertest.Eval[int](t, b, `document.documentElement.scrollWidth - window.innerWidth`); over > 1 {
				t.Errorf("%d px /%s: the page is %d px too wide", w, u, over)
			}
			if axe != "" {
				audit(t, b, axe, u)
			}
		}
	}
	noErrors(t, b)
}

// press clicks the button id from a script: the page's layout moves as
// it draws, and a click at a button's coordinates can land elsewhere.
func press(t *testing.T, b *browsertest.Browser, id string) {
	t.Helper()
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("`+id+`").click(); return true })()`)
}

// settle waits until the page has loaded, trying again when the page's
// JavaScript context is replaced under the poll.
func settle(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	var err error
	for range 3 {
		if _, err = chromedp.Run(b.Ctx, chromedp.Poll[chromedp.Void](`document.readyState === "complete"`, chromedp.WithPollingTimeout(wait))); err == nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("browser: waiting for the page: %v", err)
}

// importFile chooses a file holding text in the file input id.
func importFile(t *testing.T, b *browsertest.Browser, id, text string) {
	t.Helper()
	q, _ := json.Marshal(text)
	browsertest.Eval[bool](t, b, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([`+string(q)+`], "assessment.json", {type: "application/json"}));
		const input = document.getElementById("`+id+`");
		input.files = dt.files;
		input.dispatchEvent(new Event("change", {bubbles: true}));
		return true })()`)
}

// pdfPages prints the page to PDF on A4, as the page's @page rule asks,
// and counts the pages. With LADDER_SCREENSHOTS set, it also saves a
// picture of the print layout at A4's printable width there.
func pdfPages(t *testing.T, b *browsertest.Browser) int {
	t.Helper()
	var pdf []byte
	yes := true
	slug := strings.Trim(strings.ReplaceAll(browsertest.Eval[string](t, b, "location.pathname"), "/", "_"), "_")
	b.Do(t, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			return err
		}
		res, err := cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PaperWidth: 8.27, PaperHeight: 11.69})
		if err != nil {
			return err
		}
		pdf = res.Data
		if dir := os.Getenv("LADDER_SCREENSHOTS"); dir != "" {
			// A picture of the print layout at A4's printable width.
			if _, err := chromedp.EmulateViewport(703, 1032)(ctx, tg); err != nil {
				return err
			}
			png, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			_ = os.WriteFile(filepath.Join(dir, "print-"+slug+".png"), png, 0o644)
		}
		_, err = cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// audit runs axe-core in the page and fails on serious or critical
// violations.
func audit(t *testing.T, b *browsertest.Browser, axe, name string) {
	t.Helper()
	if !browsertest.Eval[bool](t, b, `typeof axe !== "undefined"`) {
		browsertest.Eval[bool](t, b, axe+"\n;true")
	}
	res := browsertest.Eval[string](t, b, `axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(" "))}))))`)
	var vs []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(res), &vs); err != nil {
		t.Fatalf("%s: axe result: %v", name, err)
	}
	for _, v := range vs {
		if v.Impact == "serious" || v.Impact == "critical" {
			t.Errorf("/%s: axe (%s) %s: %s\n  %s", name, v.Impact, v.ID, v.Help, strings.Join(v.Nodes, "\n  "))
		} else {
			t.Logf("/%s: axe (%s) %s: %s", name, v.Impact, v.ID, v.Help)
		}
	}
}

// TestAssessAgrees checks that the self-assessment in the browser and the
// assess package find the same gaps, courses and programs for every pair of
// levels of the example (and every level with no target), rating each
// competency at what the first level expects.
func TestAssessAgrees(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, s := example(t, "/")
	root := serve(t, dir, "/")
	b := browsertest.New(t, 4*time.Minute)
	b.Navigate(t, root+"assess/")
	b.WaitFor(t, `window.LadderAssess && document.querySelector("#assess-level-track option[value='fulfillment']")`, wait)
	type pair struct {
		From, To string
		Ratings  map[string]int
	}
	var pairs []pair
	targets := append([]*site.Level{nil}, s.Levels...)
	for _, a := range s.Levels {
		ratings := map[string]int{}
		for _, c := range s.Competencies {
			ratings[c.ID] = 0
			if e := a.Expectation(c.ID); e != nil {
				ratings[c.ID] = e.Level
			}
		}
		for _, z := range targets {
			p := pair{From: a.FullID(), Ratings: ratings}
			if z != nil {
				p.To = z.FullID()
			}
			pairs = append(pairs, p)
		}
	}
	q, _ := json.Marshal(pairs)
	out := browsertest.Eval[string](t, b, `(async () => {
		const ps = `+string(q)+`, out = [];
		for (const p of ps) out.push(await LadderAssess.result(p.From, p.To, p.Ratings));
		return JSON.stringify(out);
	})()`)
	var got []assess.Result
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pairs) {
		t.Fatalf("the browser answered %d pairs of %d", len(got), len(pairs))
	}
	bad, courses := 0, 0
	for i, p := range pairs {
		want := assess.Compute(s, s.LevelByID(p.From), s.LevelByID(p.To), p.Ratings)
		wb, _ := json.Marshal(want)
		var w assess.Result
		_ = json.Unmarshal(wb, &w)
		for _, r := range w.Rows {
			courses += len(r.Courses)
		}
		if !reflect.DeepEqual(got[i], w) && bad < 5 {
			bad++
			gj, _ := json.MarshalIndent(got[i], "", " ")
			wj, _ := json.MarshalIndent(w, "", " ")
			t.Errorf("%s → %q: the browser found\n%s\nthe assess package\n%s", p.From, p.To, gj, wj)
		}
	}
	if courses == 0 {
		t.Errorf("no pair suggests a course: the comparison proves nothing")
	}
	t.Logf("compared %d pairs, %d course suggestions", len(pairs), courses)
	noErrors(t, b)
}
