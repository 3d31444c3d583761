package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/ladder-ssg/ladder/internal/browsertest"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/route"
	"github.com/ladder-ssg/ladder/internal/site"
)

// example builds the example framework at the repository root with the
// given base URL into a temporary directory, and returns the directory and
// the checked site.
func example(t *testing.T, baseURL string) (string, *site.Site) {
	t.Helper()
	proj, err := pipeline.Open(filepath.Join("..", ".."), false)
	if err != nil {
		t.Fatal(err)
	}
	return buildProject(t, proj, pipeline.Options{BaseURL: baseURL}, false)
}

// exampleWith copies the example framework at the repository root
// (site.toml, content/ and themes/) into a temporary site, lets edit change
// its site.toml, builds it and returns the output directory. With clean,
// a warning fails the test too.
func exampleWith(t *testing.T, edit func(cfg []byte) []byte, clean bool) string {
	t.Helper()
	root := filepath.Join("..", "..")
	src := filepath.Join(t.TempDir(), "src")
	for _, d := range []string{"content", "themes"} {
		if err := os.CopyFS(filepath.Join(src, d), os.DirFS(filepath.Join(root, d))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "site.toml"), edit(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	proj, err := pipeline.Open(src, false)
	if err != nil {
		t.Fatal(err)
	}
	dir, _ := buildProject(t, proj, pipeline.Options{}, clean)
	return dir
}

// buildProject compiles proj and writes its pages into a new temporary
// directory, which it returns with the checked site. Errors fail the
// test, and so do warnings when clean is set.
func buildProject(t *testing.T, proj *pipeline.Project, opts pipeline.Options, clean bool) (string, *site.Site) {
	t.Helper()
	res, err := proj.Compile(load.NewLoader(), opts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer == nil || clean && len(res.Diags) > 0 {
		t.Fatalf("the site has diagnostics: %v", res.Diags)
	}
	out, err := res.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := out.Write(dir); err != nil {
		t.Fatal(err)
	}
	return dir, res.Site
}

// serve serves dir under prefix ("/" or "/careers/") and returns the URL of
// the site's root.
func serve(t *testing.T, dir, prefix string) string {
	t.Helper()
	mux := http.NewServeMux()
	files := http.FileServer(http.Dir(dir))
	if prefix == "/" {
		mux.Handle("/", files)
	} else {
		mux.Handle(prefix, http.StripPrefix(strings.TrimSuffix(prefix, "/"), files))
	}
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv.URL + prefix
}

func noErrors(t *testing.T, b *browsertest.Browser) {
	t.Helper()
	time.Sleep(100 * time.Millisecond)
	if errs := b.Errors(); len(errs) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(errs, "\n"))
	}
}

const wait = 20 * time.Second

func TestToolPages(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	for _, base := range []string{"/", "/careers/"} {
		t.Run(strings.Trim(base, "/")+"root", func(t *testing.T) {
			dir, _ := example(t, base)
			root := serve(t, dir, base)
			b := browsertest.New(t, 3*time.Minute)
			t.Run("compare", func(t *testing.T) { testCompare(t, b, root) })
			t.Run("paths", func(t *testing.T) { testPaths(t, b, root) })
			t.Run("plan", func(t *testing.T) { testPlan(t, b, root) })
			t.Run("search", func(t *testing.T) { testSearch(t, b, root) })
			if base != "/" {
				t.Run("screenshots", func(t *testing.T) { screenshots(t, b, root) })
			}
		})
	}
}

func testCompare(t *testing.T, b *browsertest.Browser, root string) {
	b.Navigate(t, root+"compare/?a=it-support/associate&b=cloud-support/associate")
	b.WaitFor(t, `document.querySelectorAll("#compare-table tbody tr").length > 0`, wait)
	if got := browsertest.Eval[string](t, b, `document.querySelector(".compare-b h2 a").textContent`); got != "Cloud Support Associate" {
		t.Errorf("level B = %q", got)
	}
	diffs := browsertest.Eval[string](t, b, `Array.from(document.querySelectorAll("#compare-table tbody tr")).map(r => r.cells[0].textContent + "=" + r.className).join(" ")`)
	for _, want := range []string{"Linux=row-higher", "System design=row-new", "Windows administration=row-dropped", "Troubleshooting=row-same"} {
		if !strings.Contains(diffs, want) {
			t.Errorf("differences %q lack %q", diffs, want)
		}
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("svg.chart-radar[role=group] polygon.chart-series-a, svg.chart-radar[role=group] polygon.chart-series-b").length`); n != 2 {
		t.Errorf("radar has %d series polygons, want 2", n)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".only-b").textContent`); !strings.Contains(got, "Cloud fundamentals") {
		t.Errorf("only in B = %q, want Cloud fundamentals", got)
	}
	// Choosing another level updates the comparison and the address.
	pick(t, b, "compare-b", "it-support/engineer")
	b.WaitFor(t, `document.querySelector(".compare-b h2 a").textContent === "IT Support Engineer"`, wait)
	if got := browsertest.Eval[string](t, b, `location.search`); got != "?a=it-support%2Fassociate&b=it-support%2Fengineer" {
		t.Errorf("address = %q", got)
	}
	noErrors(t, b)
}

// pick chooses a level in the level picker whose level select has id
// select: first its track, then, once the track's levels are loaded, the
// level, as a person would.
func pick(t *testing.T, b *browsertest.Browser, sel, level string) {
	t.Helper()
	track, _, _ := strings.Cut(level, "/")
	browsertest.Eval[bool](t, b, `(() => { const s = document.getElementById("`+sel+`-track"); s.value = "`+track+`"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
	b.WaitFor(t, `document.querySelector("#`+sel+` option[value='`+level+`']")`, wait)
	browsertest.Eval[bool](t, b, `(() => { const s = document.getElementById("`+sel+`"); s.value = "`+level+`"; s.dispatchEvent(new Event("change", {bubbles: true})); return true })()`)
}

func testPaths(t *testing.T, b *browsertest.Browser, root string) {
	b.Navigate(t, root+"paths/?from=fulfillment/associate&to=cloud-support/associate")
	b.WaitFor(t, `document.querySelector(".route-step")`, wait)
	steps := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll("#path-result > .route-steps > .route-step .step-head")).map(h => h.textContent)`)
	if len(steps) != 2 || !strings.Contains(steps[0], "Career Choice") || !strings.Contains(steps[1], "Surge2IT") {
		t.Errorf("steps = %q, want Career Choice then Surge2IT", steps)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".route-step .step-facts").textContent`); !strings.Contains(got, "95% of tuition") {
		t.Errorf("funding = %q", got)
	}
	href := browsertest.Eval[string](t, b, `document.getElementById("make-plan").href`)
	if !strings.HasPrefix(href, root+"plan/?from=fulfillment%2Fassociate&to=cloud-support%2Fassociate") {
		t.Errorf("plan link = %q", href)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll("summary p, summary div, summary ol, summary ul").length`); n != 0 {
		t.Errorf("%d block elements inside <summary>, which allows only phrasing content", n)
	}
	if n := browsertest.Eval[int](t, b, `document.querySelectorAll(".alternatives > li").length`); n != 3 {
		t.Errorf("%d alternatives, want 3", n)
	}
	// Program time counts as a range; a program without months is said,
	// not counted as zero.
	if got := browsertest.Eval[string](t, b, `document.querySelector("#path-result > .route-totals").textContent`); got != "2 steps, typically 9–24 months plus program time, 33 h of required courses" {
		t.Errorf("totals = %q", got)
	}
	// Ranking by time prefers the route whose time is known.
	browsertest.Eval[bool](t, b, `(() => { document.getElementById("path-by-time").click(); return true })()`)
	b.WaitFor(t, `document.getElementById("route-h") && document.getElementById("route-h").textContent === "Quickest route"`, wait)
	if got := browsertest.Eval[string](t, b, `document.querySelector("#path-result > .route-totals").textContent`); got != "4 steps, typically 18 months, 66 h of required courses" {
		t.Errorf("quickest totals = %q", got)
	}
	if got := browsertest.Eval[string](t, b, `location.search`); !strings.HasSuffix(got, "&by=time") {
		t.Errorf("address = %q, want by=time in it", got)
	}
	// An unreachable target says why.
	b.Navigate(t, root+"paths/?from=healthcare/registered-nurse&to=healthcare/medical-assistant")
	b.WaitFor(t, `document.querySelector("#path-result h2")`, wait)
	if got := browsertest.Eval[string](t, b, `document.getElementById("path-result").textContent`); got != "No route foundCertified Clinical Medical Assistant is below Registered Nurse on the same path." {
		t.Errorf("unreachable: %q", got)
	}
	// Choosing levels updates the route and the address.
	pick(t, b, "path-to", "fulfillment/ambassador")
	b.WaitFor(t, `document.getElementById("path-status").textContent.startsWith("No route found: no promotion, move or program leads into track Fulfillment")`, wait)
	if got := browsertest.Eval[string](t, b, `location.search`); got != "?from=healthcare%2Fregistered-nurse&to=fulfillment%2Fambassador" {
		t.Errorf("address = %q", got)
	}
	noErrors(t, b)
}

func testPlan(t *testing.T, b *browsertest.Browser, root string) {
	u := root + "plan/?from=fulfillment/associate&to=cloud-support/associate"
	b.Navigate(t, u)
	b.WaitFor(t, `document.querySelector(".checklist input[type=checkbox]")`, wait)
	first := browsertest.Eval[string](t, b, `document.querySelector(".checklist label").textContent`)
	if first != "Join Career Choice: at least 3 months with the company" {
		t.Errorf("first item = %q", first)
	}
	browsertest.Eval[bool](t, b, `(() => { document.querySelector(".checklist input[type=checkbox]").click(); return true })()`)
	browsertest.Eval[bool](t, b, `(() => {
		const t = document.querySelector(".checklist .plan-note");
		t.value = "Ask HR about the next intake";
		t.dispatchEvent(new Event("input", {bubbles: true}));
		return true })()`)
	// Reload: the tick and the note are kept.
	b.Navigate(t, u)
	b.WaitFor(t, `document.querySelector(".checklist input[type=checkbox]")`, wait)
	if !browsertest.Eval[bool](t, b, `document.querySelector(".checklist input[type=checkbox]").checked`) {
		t.Errorf("the tick was not kept")
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".checklist .plan-note").value`); got != "Ask HR about the next intake" {
		t.Errorf("note = %q", got)
	}
	if got := browsertest.Eval[string](t, b, `document.getElementById("plan-progress").textContent`); !strings.HasPrefix(got, "1 of 15 done") {
		t.Errorf("progress = %q", got)
	}
	// Export as Markdown and as JSON.
	exported := func(button string) string {
		browsertest.Eval[bool](t, b, `(() => { document.getElementById("`+button+`").click(); return true })()`)
		b.WaitFor(t, `document.querySelector("#plan-download a")`, wait)
		return browsertest.Eval[string](t, b, `fetch(document.querySelector("#plan-download a").href).then(r => r.text())`)
	}
	md := exported("plan-export-md")
	for _, want := range []string{
		"# Development plan: Fulfillment Associate → Cloud Support Associate\n",
		"## 1. Program: Career Choice → IT Support Associate (typically 9–24 months)\n",
		"## 2. Program: Surge2IT → Cloud Support Associate (program time not given)\n",
		"- [x] Join Career Choice: at least 3 months with the company — 95% of tuition; covers tuition, books, fees\n  - Note: Ask HR about the next intake\n",
		"- [ ] Take Cloud fundamentals (24 h)\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	var plan struct {
		Kind, From, To string
		Items          []struct {
			ID   string
			Done bool
			Note string
		}
	}
	if err := json.Unmarshal([]byte(exported("plan-export-json")), &plan); err != nil {
		t.Fatal(err)
	}
	if plan.Kind != "ladder-plan" || plan.From != "fulfillment/associate" || len(plan.Items) != 15 ||
		plan.Items[0].ID != "program:career-choice" || !plan.Items[0].Done || plan.Items[1].Done {
		t.Errorf("exported plan = %+v", plan)
	}
	// The same plan imports back after the browser forgot it.
	browsertest.Eval[bool](t, b, `(() => { localStorage.clear(); return true })()`)
	b.Navigate(t, u)
	b.WaitFor(t, `document.querySelector(".checklist input[type=checkbox]")`, wait)
	if browsertest.Eval[bool](t, b, `document.querySelector(".checklist input[type=checkbox]").checked`) {
		t.Fatalf("the plan was not forgotten")
	}
	js, _ := json.Marshal(exportedJSON(plan.From, plan.To))
	browsertest.Eval[bool](t, b, `(() => {
		const dt = new DataTransfer();
		dt.items.add(new File([`+string(js)+`], "plan.json", {type: "application/json"}));
		const input = document.getElementById("plan-import");
		input.files = dt.files;
		input.dispatchEvent(new Event("change", {bubbles: true}));
		return true })()`)
	b.WaitFor(t, `document.getElementById("plan-status").textContent.startsWith("Imported")`, wait)
	if !browsertest.Eval[bool](t, b, `document.querySelector(".checklist input[type=checkbox]").checked`) {
		t.Errorf("the imported tick is not shown")
	}
	noErrors(t, b)
}

// exportedJSON is a plan file as the plan page exports it, with the first
// item done.
func exportedJSON(from, to string) string {
	return `{"schema":1,"kind":"ladder-plan","from":"` + from + `","to":"` + to + `","items":[{"id":"program:career-choice","done":true,"note":"imported"}],"notes":""}`
}

func testSearch(t *testing.T, b *browsertest.Browser, root string) {
	results := func(q string) []string {
		b.Navigate(t, root+"search/?q="+q)
		b.WaitFor(t, `document.getElementById("search-status").textContent.includes("result")`, wait)
		return browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll(".search-result .result-title")).map(e => e.textContent)`)
	}
	// A word that appears only in the body of one course.
	if got := results("convolutional"); len(got) != 1 || got[0] != "Computer vision" {
		t.Errorf("convolutional: %q, want Computer vision", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".search-result .snippet mark").textContent`); got != "convolutional" {
		t.Errorf("highlighted %q", got)
	}
	// A word that appears only in what a level expects: the result names
	// the level's track, and the snippet is that expectation.
	if got := results("understood"); len(got) != 1 || got[0] != "Learning Ambassador" {
		t.Errorf("understood: %q, want Learning Ambassador", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".search-result .result-link").textContent`); got != "Learning Ambassador — Fulfillment operations" {
		t.Errorf("the level's link reads %q, want its track too", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".search-result .snippet").textContent`); got != "Communication: Explains each step of a process clearly and checks that new colleagues have understood." {
		t.Errorf("snippet %q", got)
	}
	// A prefix, and the title match first.
	if got := results("surg"); len(got) == 0 || got[0] != "Surge2IT" {
		t.Errorf("surg: %q, want Surge2IT first", got)
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".search-result .result-title mark").textContent`); got != "Surge2IT" {
		t.Errorf("title highlight = %q", got)
	}
	// Every word must match.
	if got := results("linux%20command"); len(got) == 0 || got[0] != "Linux command line" {
		t.Errorf("linux command: %q", got)
	}
	if got := results("linux%20zzzz"); len(got) != 0 {
		t.Errorf("linux zzzz: %q, want nothing", got)
	}
	// Arrow keys move from the box through the results.
	results("cloud")
	key := func(target, k string) {
		browsertest.Eval[bool](t, b, `(() => { `+target+`.dispatchEvent(new KeyboardEvent("keydown", {key: "`+k+`", bubbles: true})); return true })()`)
	}
	key(`document.getElementById("search-q")`, "ArrowDown")
	key(`document.activeElement`, "ArrowDown")
	if got := browsertest.Eval[int](t, b, `Array.from(document.querySelectorAll("a.result-link")).indexOf(document.activeElement)`); got != 1 {
		t.Errorf("focus on result %d, want 1", got)
	}
	key(`document.activeElement`, "Escape")
	if got := browsertest.Eval[string](t, b, `document.activeElement.id`); got != "search-q" {
		t.Errorf("focus on %q after Escape, want the search box", got)
	}
	noErrors(t, b)
}

// screenshots saves pictures of the pages at desktop and phone widths when
// LADDER_SCREENSHOTS names a directory, for people to look at.
func screenshots(t *testing.T, b *browsertest.Browser, root string) {
	dir := os.Getenv("LADDER_SCREENSHOTS")
	if dir == "" {
		t.Skip("set LADDER_SCREENSHOTS=DIR to save screenshots")
	}
	pages := map[string]string{
		"compare": "compare/?a=it-support/associate&b=cloud-support/associate",
		"paths":   "paths/?from=fulfillment/associate&to=cloud-support/associate",
		"plan":    "plan/?from=fulfillment/associate&to=cloud-support/associate",
		"search":  "search/?q=cloud",
	}
	for name, u := range pages {
		for _, w := range []int64{1280, 390} {
			b.Navigate(t, root+u)
			time.Sleep(500 * time.Millisecond)
			png := b.Screenshot(t, w, 900)
			if err := os.WriteFile(filepath.Join(dir, name+"-"+strconv.FormatInt(w, 10)+".jpg"), png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

// TestRoutesAgree checks that the path finder in the browser and the route
// package find the same routes, with the same details and messages, for
// every pair of levels of the example site.
func TestRoutesAgree(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir, s := example(t, "/")
	root := serve(t, dir, "/")
	b := browsertest.New(t, 3*time.Minute)
	b.Navigate(t, root+"paths/")
	b.WaitFor(t, `document.querySelector("#path-from-track option[value='fulfillment']")`, wait)
	var ids []string
	for _, l := range s.Levels {
		ids = append(ids, l.FullID())
	}
	q, _ := json.Marshal(ids)
	g := route.NewGraph(s)
	ranges, unknown := 0, 0
	for _, by := range []route.Rank{route.BySteps, route.ByTime} {
		out := browsertest.Eval[string](t, b, `LadderTools.loadData().then(async d => {
			const ids = `+string(q)+`, docs = [];
			for (const a of ids) for (const b of ids) docs.push(await d.route(a, b, 3, "`+by.String()+`"));
			return JSON.stringify(docs);
		})`)
		var got []route.Doc
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		i, bad := 0, 0
		for _, a := range s.Levels {
			for _, z := range s.Levels {
				want := roundTrip(t, route.NewDoc(s, g.Find(a, z, route.Options{Alternatives: 3, By: by})))
				if !reflect.DeepEqual(got[i], want) && bad < 5 {
					bad++
					gj, _ := json.MarshalIndent(got[i], "", " ")
					wj, _ := json.MarshalIndent(want, "", " ")
					t.Errorf("by %s: %s → %s: the browser found\n%s\nthe route package\n%s", by, a.FullID(), z.FullID(), gj, wj)
				}
				if r := want.Route; r != nil {
					if r.MonthsMax > r.Months {
						ranges++
					}
					if r.ProgramTimeUnknown {
						unknown++
					}
				}
				i++
			}
		}
		t.Logf("by %s: compared %d pairs", by, i)
	}
	// The example must exercise what is compared: routes whose time is a
	// range, and routes through a program without months.
	if ranges == 0 || unknown == 0 {
		t.Errorf("%d routes with a range of months and %d with unknown program time; the example should have both", ranges, unknown)
	}
	noErrors(t, b)
}

func roundTrip(t *testing.T, d *route.Doc) route.Doc {
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	var out route.Doc
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestShardedSearch searches a site large enough for the index to be split
// into shards, so that the browser loads term shards and document chunks.
func TestShardedSearch(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	fsys := fstest.MapFS{
		"site.toml":                         {Data: []byte("title = \"Big\"\n[scale]\nnames = [\"One\", \"Two\"]\n")},
		"content/_index.md":                 {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
		"content/tracks/t/_index.md":        {Data: []byte("+++\ntitle = \"Track\"\n+++\n")},
		"content/tracks/t/l1.md":            {Data: []byte("+++\ntitle = \"Level one\"\nrank = 1\n[competencies]\nc = { level = 1, expect = [\"Quibbles over semicolons.\"] }\n+++\n")},
		"content/competencies/c.md":         {Data: []byte("+++\ntitle = \"Care\"\n+++\n")},
		"content/courses/kubernetes-101.md": {Data: []byte("+++\ntitle = \"Kubernetes primer\"\nhours = 3\n+++\nPods and services.\n")},
		"content/courses/birds.md":          {Data: []byte("+++\ntitle = \"Birds\"\nhours = 1\n+++\n" + strings.Repeat("Filler words here. ", 100) + "The zyzzyva is a weevil.\n")},
	}
	for i := range 150 {
		fsys[fmt.Sprintf("content/pages/p%03d.md", i)] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Page %d\"\n+++\n%s\n", i, strings.Repeat("Lorem ipsum dolor sit amet, budget and planning. ", 110)))}
	}
	proj := &pipeline.Project{FS: fsys}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer == nil {
		t.Fatalf("errors: %v", res.Diags)
	}
	out, err := res.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	if err := out.Write(dir); err != nil {
		t.Fatal(err)
	}
	if parts, _ := filepath.Glob(filepath.Join(dir, "data", "search", "t0.*.json")); len(parts) != 1 {
		t.Fatalf("the index is not sharded: data/search/t0.<version>.json is %q", parts)
	}
	root := serve(t, dir, "/")
	b := browsertest.New(t, 2*time.Minute)
	for _, c := range [][2]string{{"kube", "Kubernetes primer"}, {"zyzzyva", "Birds"}, {"quibbles", "Level one — Track"}, {"budget%20plan", "Page 0"}} {
		b.Navigate(t, root+"search/?q="+c[0])
		b.WaitFor(t, `document.getElementById("search-status").textContent.includes("result")`, wait)
		got := browsertest.Eval[[]string](t, b, `Array.from(document.querySelectorAll(".search-result .result-link")).map(e => e.textContent)`)
		if len(got) == 0 || got[0] != c[1] {
			t.Errorf("%s: %q, want %q first", c[0], got, c[1])
		}
	}
	if got := browsertest.Eval[string](t, b, `document.querySelector(".search-result .snippet mark").textContent`); got != "budget" {
		t.Errorf("snippet highlights %q", got)
	}
	// The page loaded the term shard and document chunks, not one big file.
	if got := browsertest.Eval[string](t, b, `performance.getEntriesByType("resource").map(e => e.name).filter(n => n.includes("/data/search")).map(n => n.replace(/^.*\/data\//, "").replace(/\.[0-9a-f]{8}\.json$/, ".json")).sort().join(" ")`); !strings.Contains(got, "search/t0.json") || !strings.Contains(got, "search/d0.json") || !strings.Contains(got, "search/x") {
		t.Errorf("loaded %s", got)
	}
	noErrors(t, b)
}

// buildFS builds the site in fsys into a temporary directory.
func buildFS(t *testing.T, fsys fstest.MapFS) string {
	t.Helper()
	dir, _ := buildProject(t, &pipeline.Project{FS: fsys}, pipeline.Options{}, false)
	return dir
}

// TestEmptySite opens the tools on a site with no tracks, levels, courses
// or programs: each says there is nothing to show, with no error.
func TestEmptySite(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	dir := buildFS(t, fstest.MapFS{
		"site.toml":         {Data: []byte("title = \"Empty\"\n")},
		"content/_index.md": {Data: []byte("+++\ntitle = \"Home\"\n+++\nNothing yet.\n")},
	})
	root := serve(t, dir, "/")
	b := browsertest.New(t, 2*time.Minute)
	for _, page := range []string{"compare", "paths", "plan"} {
		b.Navigate(t, root+page+"/?from=a/b&a=a/b")
		b.WaitFor(t, `document.querySelector(".tool-empty, .tool-error")`, wait)
		if got := browsertest.Eval[string](t, b, `document.querySelector(".tool-result").textContent`); !strings.Contains(got, "no levels yet") {
			t.Errorf("%s says %q", page, got)
		}
	}
	b.Navigate(t, root+"search/?q=anything")
	b.WaitFor(t, `document.getElementById("search-status").textContent.includes("result")`, wait)
	noErrors(t, b)
}

// chainSite is a site of n tracks of four levels each, where the top level
// of each track moves to the second level of the next: a route from the
// first track to the k-th passes k+1 tracks.
func chainSite(n int) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.toml":                 {Data: []byte("title = \"Chain\"\n")},
		"content/_index.md":         {Data: []byte("+++\ntitle = \"Home\"\n+++\n")},
		"content/courses/c.md":      {Data: []byte("+++\ntitle = \"A course\"\nhours = 2\n+++\n")},
		"content/competencies/x.md": {Data: []byte("+++\ntitle = \"Craft\"\n+++\n")},
	}
	for i := range n {
		tr := fmt.Sprintf("t%02d", i)
		fsys["content/tracks/"+tr+"/_index.md"] = &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\ntitle = \"Track %d\"\n+++\n", i))}
		for r := 1; r <= 4; r++ {
			extra := ""
			if r == 4 && i+1 < n {
				extra = fmt.Sprintf("moves = [\"t%02d/l2\"]\n", i+1)
			}
			fsys[fmt.Sprintf("content/tracks/%s/l%d.md", tr, r)] = &fstest.MapFile{Data: []byte(fmt.Sprintf(
				"+++\ntitle = \"Track %d level %d\"\nrank = %d\nrequired_courses = [\"c\"]\n%s[competencies]\nx = %d\n+++\n", i, r, r, extra, min(r, 5)))}
		}
	}
	return fsys
}

// loadedData returns the files under /data/ that the page loaded, sorted,
// without the hashes in their names.
func loadedData(t *testing.T, b *browsertest.Browser) []string {
	return browsertest.Eval[[]string](t, b, `performance.getEntriesByType("resource").map(e => e.name).filter(n => n.includes("/data/")).map(n => n.replace(/^.*\/data\//, "").replace(/\?.*$/, "").replace(/\.[0-9a-f]{8}\.json$/, ".json")).sort()`)
}

// TestShardedTools checks that the tools load the index and only the
// tracks they show: compare the two levels' tracks, the path finder the
// tracks its routes pass, and none of them framework.json.
func TestShardedTools(t *testing.T) {
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	root := serve(t, buildFS(t, chainSite(30)), "/")
	b := browsertest.New(t, 2*time.Minute)

	b.Navigate(t, root+"compare/?a=t03/l2&b=t07/l3")
	b.WaitFor(t, `document.querySelectorAll("#compare-table tbody tr").length > 0`, wait)
	if got := strings.Join(loadedData(t, b), " "); got != "tools/index.json tools/tracks/t03.json tools/tracks/t07.json" {
		t.Errorf("compare loaded %s", got)
	}

	b.Navigate(t, root+"paths/?from=t02/l1&to=t05/l3")
	b.WaitFor(t, `document.querySelector(".route-step")`, wait)
	if got := strings.Join(loadedData(t, b), " "); got != "tools/index.json tools/tracks/t02.json tools/tracks/t03.json tools/tracks/t04.json tools/tracks/t05.json" {
		t.Errorf("paths loaded %s", got)
	}
	steps := browsertest.Eval[int](t, b, `document.querySelectorAll("#path-result > .route-steps > .route-step").length`)
	if steps != 3+3+3+2 {
		t.Errorf("%d steps, want 11", steps)
	}
	// Picking another target loads its track.
	pick(t, b, "path-to", "t09/l1")
	b.WaitFor(t, `document.getElementById("path-status").textContent.startsWith("No route found")`, wait)

	b.Navigate(t, root+"plan/?from=t10/l4&to=t11/l4")
	b.WaitFor(t, `document.querySelector(".checklist input[type=checkbox]")`, wait)
	if got := strings.Join(loadedData(t, b), " "); got != "tools/index.json tools/tracks/t10.json tools/tracks/t11.json" {
		t.Errorf("plan loaded %s", got)
	}
	noErrors(t, b)
}

// TestToolBytes reports the bytes each tool page downloads (its HTML,
// scripts, styles and data, as served, uncompressed) on the built site in
// the folder that LADDER_TOOLS_SITE names, and fails when one downloads
// 1 MB or more. Build a large site first, e.g.
//
//	python3 ../shared/bench/gen_corpus.py --format ladder --pages 10000 --out /tmp/l10k
//	ladder build --src /tmp/l10k --out /tmp/l10k-out
//	LADDER_TOOLS_SITE=/tmp/l10k-out go test ./internal/e2e -run TestToolBytes -v
func TestToolBytes(t *testing.T) {
	dir := os.Getenv("LADDER_TOOLS_SITE")
	if dir == "" {
		t.Skip("set LADDER_TOOLS_SITE to a built site to measure what the tools download")
	}
	if browsertest.Path() == "" {
		t.Skip("skipping browser test: Chromium not found")
	}
	var fw struct {
		Levels []struct {
			ID    string   `json:"id"`
			Next  []string `json:"next"`
			Moves []string `json:"moves"`
		} `json:"levels"`
		Programs []struct {
			LeadsTo []string `json:"leads_to"`
		} `json:"programs"`
	}
	raw, err := os.ReadFile(filepath.Join(dir, "data", "framework.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(raw, &fw); err != nil {
		t.Fatal(err)
	}
	// A route across tracks: from the first level to a level a program leads to in another track.
	first := fw.Levels[0].ID
	far := ""
	for _, p := range fw.Programs {
		for _, l := range p.LeadsTo {
			if far == "" && !strings.HasPrefix(l, strings.SplitN(first, "/", 2)[0]+"/") {
				far = l
			}
		}
	}
	if far == "" {
		far = fw.Levels[len(fw.Levels)-1].ID
	}
	second := first
	if len(fw.Levels[0].Next) > 0 {
		second = fw.Levels[0].Next[0]
	}
	root := serve(t, dir, "/")
	b := browsertest.New(t, 5*time.Minute)
	t.Logf("framework.json: %d bytes", len(raw))
	pages := []struct{ name, url, ready string }{
		{"compare", "compare/?a=" + first + "&b=" + far, `document.querySelector("#compare-table")`},
		{"paths", "paths/?from=" + first + "&to=" + far, `document.querySelector("#route-h")`},
		{"plan", "plan/?from=" + first + "&to=" + second, `document.querySelector("#plan-h, .tool-empty")`},
		{"paths (empty form)", "paths/", `!document.getElementById("path-form").hidden`},
		{"assess", "assess/?level=" + first + "&target=" + far, `document.querySelector("#assess-gaps")`},
	}
	for _, p := range pages {
		b.Navigate(t, root+p.url)
		b.WaitFor(t, p.ready, time.Minute)
		total := browsertest.Eval[int](t, b, `performance.getEntriesByType("navigation").concat(performance.getEntriesByType("resource")).reduce((s, e) => s + e.encodedBodySize, 0)`)
		data := loadedData(t, b)
		t.Logf("%-20s %8d bytes in all; data files: %s", p.name, total, strings.Join(data, " "))
		if total >= 1e6 {
			t.Errorf("%s downloads %d bytes, want less than 1 MB", p.name, total)
		}
	}
	noErrors(t, b)
}
