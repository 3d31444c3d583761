package e2e

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/browsertest"
)

// TestPlanTemplate starts a plan from a template in Chromium: at
// fulfillment/associate the plan page offers the template for associates
// and no other, adds its goals as checklist items linked to their course,
// competency and program, keeps them and their ticks over a reload, and
// does not add them twice. The template's page links to the plan page with
// the template chosen.
func TestPlanTemplate(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, _ := example(t, "/careers/")
	root := serve(t, dir, "/careers/")
	b := browsertest.New(t, 3*time.Minute)

	// The template's page, without JavaScript's help, links to the plan
	// page with the template chosen.
	b.Navigate(t, root+"plans/fulfillment-first-year/")
	href := browsertest.Eval[string](t, b, `document.querySelector(".page-head .actions a").href`)
	if !strings.HasSuffix(href, "/careers/plan/?template=fulfillment-first-year") {
		t.Errorf("start link = %q", href)
	}

	u := root + "plan/?from=fulfillment/associate&to=fulfillment/ambassador&template=fulfillment-first-year"
	b.Navigate(t, u)
	b.WaitFor(t, `document.getElementById("plan-h") && !document.getElementById("plan-templates").hidden`, wait)
	offered := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll("#plan-template option")].map(o => o.value)`)
	if strings.Join(offered, " ") != "fulfillment-first-year" {
		t.Errorf("templates offered at fulfillment/associate = %q, want only fulfillment-first-year", offered)
	}
	if got := browsertest.Eval[string](t, b, `document.getElementById("plan-template").value`); got != "fulfillment-first-year" {
		t.Errorf("template chosen = %q", got)
	}
	before := browsertest.Eval[int](t, b, `document.querySelectorAll(".checklist input[type=checkbox]").length`)
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("plan-template-use").click(); return true })()`)
	b.WaitFor(t, `document.querySelector("[data-goal='tpl:fulfillment-first-year:0']")`, wait)
	if got := browsertest.Eval[string](t, b, `document.getElementById("plan-status").textContent`); !strings.HasPrefix(got, "Added the goals of Your first year as a fulfillment associate to your plan: 8 actions.") {
		t.Errorf("status = %q", got)
	}
	after := browsertest.Eval[int](t, b, `document.querySelectorAll(".checklist input[type=checkbox]").length`)
	if after != before+8 {
		t.Errorf("checklist has %d items after the template, %d before; want 8 more", after, before)
	}
	goals := browsertest.Eval[[]string](t, b, `[...document.querySelectorAll(".plan-goal h3")].map(h => h.textContent)`)
	if len(goals) != 3 || goals[0] != "Work safely from day one · from Your first year as a fulfillment associate" {
		t.Errorf("goals = %q", goals)
	}
	// Each action is a checklist item with its words, linked to what it
	// names.
	item := func(id string) (label, link string) {
		label = browsertest.Eval[string](t, b, `(() => { const b = document.querySelector("[data-id='`+id+`']"); return b ? document.querySelector("label[for='" + b.id + "']").textContent : "" })()`)
		link = browsertest.Eval[string](t, b, `(() => { const a = document.querySelector("[data-id='`+id+`']").closest("li").querySelector("a.check-link"); return a ? a.href : "" })()`)
		return label, link
	}
	for _, c := range []struct{ id, label, link string }{
		{"tpl:fulfillment-first-year:0:0", "Take Fulfillment safety and onboarding (8 h)", root + "courses/fc-safety-onboarding/"},
		{"tpl:fulfillment-first-year:0:1", "Grow Safety to 2 Foundational", root + "competencies/safety/"},
		{"tpl:fulfillment-first-year:0:2", "Report every hazard and near miss to your area manager straight away.", ""},
		{"tpl:fulfillment-first-year:2:2", "Study for a certificate or degree in an in-demand field, from three months with the company.", root + "programs/career-choice/"},
	} {
		label, link := item(c.id)
		if label != c.label || link != c.link {
			t.Errorf("item %s = %q linking to %q, want %q linking to %q", c.id, label, link, c.label, c.link)
		}
	}
	// Tick the first action and reload: the goals and the tick are kept.
	browsertest.Eval[bool](t, b, `(() => { document.querySelector("[data-id='tpl:fulfillment-first-year:0:0']").click(); return true })()`)
	b.Navigate(t, root+"plan/?from=fulfillment/associate&to=fulfillment/ambassador")
	b.WaitFor(t, `document.querySelector("[data-goal='tpl:fulfillment-first-year:0']")`, wait)
	if !browsertest.Eval[bool](t, b, `document.querySelector("[data-id='tpl:fulfillment-first-year:0:0']").checked`) {
		t.Errorf("the tick of the template's action was not kept")
	}
	if got := browsertest.Eval[int](t, b, `document.querySelectorAll(".checklist input[type=checkbox]").length`); got != after {
		t.Errorf("after a reload the checklist has %d items, want %d", got, after)
	}
	if got := browsertest.Eval[string](t, b, `document.getElementById("plan-progress").textContent`); !strings.HasPrefix(got, "1 of ") {
		t.Errorf("progress = %q", got)
	}
	// Starting from the same template again adds nothing.
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("plan-template-use").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("plan-status").textContent.includes("already in your plan")`, wait)
	if got := browsertest.Eval[int](t, b, `document.querySelectorAll(".plan-goal").length`); got != 3 {
		t.Errorf("%d goals after starting from the template twice, want 3", got)
	}
	// A goal can be removed.
	browsertest.Eval[bool](t, b, `(() => { document.querySelector("[data-goal='tpl:fulfillment-first-year:1'] .goal-remove").click(); return true })()`)
	b.WaitFor(t, `document.querySelectorAll(".plan-goal").length === 2`, wait)

	// Another level is offered its own templates: an IT support associate
	// the template of the track, not the associate's.
	b.Navigate(t, root+"plan/?from=it-support/associate&to=it-support/engineer")
	b.WaitFor(t, `document.getElementById("plan-h") && !document.getElementById("plan-templates").hidden`, wait)
	offered = browsertest.Eval[[]string](t, b, `[...document.querySelectorAll("#plan-template option")].map(o => o.value)`)
	if strings.Join(offered, " ") != "it-support-to-technical-roles" {
		t.Errorf("templates offered at it-support/associate = %q", offered)
	}
	noErrors(t, b)
}

// TestAssessAddsToPlan follows "Add to my plan" of the self-assessment onto
// the plan page, in Chromium: a plan started from a template, with a tick
// and notes, gets the suggested course and program as actions of a goal of
// their own; the template's goals, the tick and the notes stay as they
// were; on the plan page the actions are checklist items linked to their
// course and program, and a second click adds nothing.
func TestAssessAddsToPlan(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, _ := example(t, "/")
	root := serve(t, dir, "/")
	b := browsertest.New(t, 3*time.Minute)
	planURL := root + "plan/?from=fulfillment/associate&to=fulfillment/ambassador"
	stored := func() string {
		return browsertest.Eval[string](t, b, `localStorage.getItem(Object.keys(localStorage).find(k => k.startsWith("ladder-plan:") && k.endsWith(":fulfillment/associate>fulfillment/ambassador")))`)
	}

	// A plan from a template, with a tick and notes.
	b.Navigate(t, planURL)
	b.WaitFor(t, `document.getElementById("plan-h") && !document.getElementById("plan-templates").hidden`, wait)
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("plan-template-use").click(); return true })()`)
	b.WaitFor(t, `document.querySelector("[data-goal='tpl:fulfillment-first-year:0']")`, wait)
	browsertest.Eval[bool](t, b, `(() => { document.querySelector("[data-id='tpl:fulfillment-first-year:0:0']").click();
		const n = document.getElementById("plan-notes"); n.value = "Talk to HR"; n.dispatchEvent(new Event("input", {bubbles: true}));
		return true })()`)
	var before struct {
		Items map[string]struct{ Done bool }
		Notes string
		Goals []json.RawMessage
	}
	if err := json.Unmarshal([]byte(stored()), &before); err != nil {
		t.Fatal(err)
	}
	if len(before.Goals) != 3 || !before.Items["tpl:fulfillment-first-year:0:0"].Done || before.Notes != "Talk to HR" {
		t.Fatalf("the plan before the assessment: %+v", before)
	}

	// The self-assessment adds a course and a program.
	b.Navigate(t, root+assessURL)
	waitRated(t, b)
	rate(t, b, "safety", 1)
	b.WaitFor(t, `document.querySelector(".assess-close li[data-course] .add-plan")`, wait)
	course := browsertest.Eval[string](t, b, `document.querySelector(".assess-close li[data-course]").dataset.course`)
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".assess-close li[data-course] .add-plan").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("assess-status").textContent.startsWith("Added to your plan: Take ")`, wait)
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".assess-close li[data-program='career-choice'] .add-plan").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("assess-status").textContent === "Added to your plan: Join Career Choice."`, wait)
	if got, want := browsertest.Eval[string](t, b, `document.querySelector("#assess-download a").href`), root+"plan/?from=fulfillment%2Fassociate&to=fulfillment%2Fambassador"; got != want {
		t.Errorf("open my plan links to %q, want %q", got, want)
	}
	// After a reload the same course is offered again, and not added twice.
	b.Navigate(t, root+assessURL)
	waitRated(t, b)
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".assess-close li[data-course='`+course+`'] .add-plan").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("assess-status").textContent.startsWith("Already in your plan: Take ")`, wait)

	var after struct {
		Items map[string]struct{ Done bool }
		Notes string
		Goals []json.RawMessage
	}
	if err := json.Unmarshal([]byte(stored()), &after); err != nil {
		t.Fatal(err)
	}
	if len(after.Goals) != 4 || after.Notes != "Talk to HR" || !after.Items["tpl:fulfillment-first-year:0:0"].Done {
		t.Fatalf("the plan after the assessment: %s", stored())
	}
	for i := range before.Goals {
		if string(after.Goals[i]) != string(before.Goals[i]) {
			t.Errorf("goal %d changed:\n%s\nto\n%s", i, before.Goals[i], after.Goals[i])
		}
	}
	var mine struct {
		ID, Kind string
		Actions  []struct {
			ID, Kind, Ref, Title string
			Hours                float64
			Why                  *struct {
				Title    string
				From, To int
			}
		}
	}
	if err := json.Unmarshal(after.Goals[3], &mine); err != nil {
		t.Fatal(err)
	}
	if mine.ID != "assess" || mine.Kind != "assess" || len(mine.Actions) != 2 ||
		mine.Actions[0].ID != "assess:course:"+course || mine.Actions[0].Kind != "course" || mine.Actions[0].Ref != course ||
		mine.Actions[0].Why == nil || mine.Actions[0].Why.Title != "Safety" || mine.Actions[0].Why.From != 1 || mine.Actions[0].Why.To != 3 ||
		mine.Actions[1].ID != "assess:program:career-choice" || mine.Actions[1].Kind != "program" {
		t.Errorf("the assessment's goal = %s", after.Goals[3])
	}

	// The plan page shows them as checklist items of their own goal.
	b.Navigate(t, planURL)
	b.WaitFor(t, `document.querySelector("[data-goal='assess']")`, wait)
	if got := browsertest.Eval[string](t, b, `document.querySelector("[data-goal='assess'] h3").textContent`); got != "From my self-assessment" {
		t.Errorf("the goal's title = %q", got)
	}
	id := "assess:course:" + course
	label := browsertest.Eval[string](t, b, `(() => { const b = document.querySelector("[data-id='`+id+`']"); return document.querySelector("label[for='" + b.id + "']").textContent })()`)
	if !strings.HasPrefix(label, "Take ") {
		t.Errorf("the course's item says %q", label)
	}
	detail := browsertest.Eval[string](t, b, `document.querySelector("[data-id='`+id+`']").closest("li").querySelector(".check-detail").textContent`)
	if !strings.HasSuffix(detail, " · for Safety: 1 → 3") {
		t.Errorf("the course's item details %q", detail)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector("[data-id='`+id+`']").closest("li").querySelector("a.check-link").href`); got != root+"courses/"+course+"/" {
		t.Errorf("the course's item links to %q", got)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll(".plan-goal").length`); n != 4 {
		t.Errorf("the plan shows %d goals, want the template's 3 and the assessment's", n)
	}
	if !browsertest.Eval[bool](t, b, `document.querySelector("[data-id='tpl:fulfillment-first-year:0:0']").checked`) {
		t.Errorf("the template's tick was lost")
	}
	if got := browsertest.Eval[string](t, b, `document.getElementById("plan-notes").value`); got != "Talk to HR" {
		t.Errorf("the notes are %q", got)
	}
	// Its items tick like any other, and stay ticked.
	browsertest.Eval[bool](t, b, `(() => { document.querySelector("[data-id='`+id+`']").click(); return true })()`)
	b.Navigate(t, planURL)
	b.WaitFor(t, `document.querySelector("[data-goal='assess']")`, wait)
	if !browsertest.Eval[bool](t, b, `document.querySelector("[data-id='`+id+`']").checked`) {
		t.Errorf("the tick of the assessment's action was not kept")
	}
	noErrors(t, b)
}

// TestGermanAssessAndPlan checks that the self-assessment and the plan
// speak German on a German site: their scripts' texts come from de.toml.
func TestGermanAssessAndPlan(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping browser test in short mode")
	}
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	root := serve(t, germanExample(t), "/")
	b := browsertest.New(t, 2*time.Minute)
	text := func(expr string) string { return browsertest.Eval[string](t, b, expr) }

	b.Navigate(t, root+assessURL)
	waitRated(t, b)
	rate(t, b, "safety", 1)
	b.WaitFor(t, `document.querySelector(".assess-close .add-plan")`, wait)
	page := text(`document.getElementById("assess-result").textContent`)
	for _, want := range []string{"Schätzen Sie sich ein", "Wo Sie stehen", "Die Lücken schließen", "Zu meinem Plan hinzufügen", "darunter", "Notiz und Nachweise", "Programme, die Ihnen offenstehen", "Studienförderung"} {
		if !strings.Contains(page, want) {
			t.Errorf("the assessment lacks %q", want)
		}
	}
	for _, english := range []string{"Rate yourself", "Where you stand", "Closing the gaps", "Add to my plan", "below", "not rated", "Note and evidence", "your level", "Programs open to you", "after 3 months"} {
		if strings.Contains(page, english) {
			t.Errorf("the assessment says %q in English", english)
		}
	}
	if got := text(`document.getElementById("checkin-status").textContent`); got != "Laden Sie zwei Einschätzungen, um sie zu vergleichen." {
		t.Errorf("check-in status = %q", got)
	}
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".assess-close .add-plan").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("assess-status").textContent.startsWith("Zu Ihrem Plan hinzugefügt: ")`, wait)
	if got := text(`document.getElementById("assess-status").textContent`); !regexp.MustCompile(` belegen \([0-9]+ Std\.\)\.$`).MatchString(got) {
		t.Errorf("status = %q", got)
	}

	b.Navigate(t, root+"plan/?from=fulfillment/associate&to=fulfillment/ambassador")
	b.WaitFor(t, `document.querySelector("[data-goal='assess']") && !document.getElementById("plan-templates").hidden`, wait)
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("plan-template-use").click(); return true })()`)
	b.WaitFor(t, `document.querySelector("[data-goal='tpl:fulfillment-first-year:0']")`, wait)
	if got := text(`document.getElementById("plan-status").textContent`); !strings.HasPrefix(got, "Die Ziele von Your first year as a fulfillment associate wurden Ihrem Plan hinzugefügt: 8 Schritte.") {
		t.Errorf("status = %q", got)
	}
	plan := text(`document.getElementById("plan-result").textContent`)
	for _, want := range []string{"Aus meiner Selbsteinschätzung", "Fulfillment safety and onboarding belegen (8 Std.)", "Safety auf 2 ", "Dieses Ziel entfernen", "Kurs: "} {
		if !strings.Contains(plan, want) {
			t.Errorf("the plan lacks %q", want)
		}
	}
	for _, english := range []string{"From my self-assessment", "Take ", "Grow ", "Remove this goal", "Course: "} {
		if strings.Contains(plan, english) {
			t.Errorf("the plan says %q in English", english)
		}
	}
	noErrors(t, b)
}
