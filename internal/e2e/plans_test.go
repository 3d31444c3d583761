package e2e

import (
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
