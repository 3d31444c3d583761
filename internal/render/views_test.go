package render

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// basicRenderer prepares the renderer of testdata/render/basic.txtar, with
// site.toml lines replaced by those in cfg ("key = value", matched by key).
func basicRenderer(t *testing.T, cfg ...string) *Renderer {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", "render", "basic.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	m := fstest.MapFS{}
	for _, f := range a.Files {
		data := f.Data
		if f.Name == "site.toml" {
			lines := strings.Split(string(data), "\n")
			for _, c := range cfg {
				key, _, _ := strings.Cut(c, "=")
				lines = slices.DeleteFunc(lines, func(l string) bool {
					k, _, _ := strings.Cut(l, "=")
					return strings.TrimSpace(k) == strings.TrimSpace(key)
				})
				lines = append([]string{c}, lines...)
			}
			data = []byte(strings.Join(lines, "\n"))
		}
		m[f.Name] = &fstest.MapFile{Data: data}
	}
	s, texts, diags, err := load.Dir(m, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if diags.Errors() > 0 {
		t.Fatal(diags.Err())
	}
	r, err := New(s, ladder.DefaultTheme(), nil, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pageFor returns the Page that draws the page at output path p.
func pageFor(t *testing.T, r *Renderer, p string) *Page {
	t.Helper()
	spec, ok := r.Lookup(p)
	if !ok {
		t.Fatalf("no page %s", p)
	}
	return r.newPage(spec)
}

func TestIntakeStatus(t *testing.T) {
	day := func(s string) time.Time {
		d, err := time.Parse("2006-01-02", s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	in := func(from, by string) site.Intake {
		var x site.Intake
		if from != "" {
			x.ApplyFrom = day(from)
		}
		if by != "" {
			x.ApplyBy = day(by)
		}
		return x
	}
	r := basicRenderer(t)
	p := pageFor(t, r, "index.html")
	tests := []struct {
		name    string
		today   string
		intakes []site.Intake
		states  string // by deadline
		label   string
	}{
		{"none", "2026-03-10", nil, "", ""},
		{"open", "2026-03-10", []site.Intake{in("2026-03-01", "2026-03-20")}, "open", "Open now — apply by 20 March 2026"},
		{"opens today", "2026-03-01", []site.Intake{in("2026-03-01", "2026-03-20")}, "open", "Open now — apply by 20 March 2026"},
		{"closes today", "2026-03-20", []site.Intake{in("2026-03-01", "2026-03-20")}, "open", "Open now — apply by 20 March 2026"},
		{"closed yesterday", "2026-03-21", []site.Intake{in("2026-03-01", "2026-03-20")}, "past", ""},
		{"not yet open", "2026-02-28", []site.Intake{in("2026-03-01", "2026-03-20")}, "next", "Next intake: applications open 1 March 2026"},
		{"sorted by deadline", "2026-03-10", []site.Intake{
			in("2026-06-01", "2026-06-30"), in("2025-09-01", "2025-09-30"), in("2026-03-01", "2026-03-20"),
		}, "past open later", "Open now — apply by 20 March 2026"},
		{"next after past", "2026-04-10", []site.Intake{
			in("2026-06-01", "2026-06-30"), in("2026-03-01", "2026-03-20"), in("2026-09-01", "2026-09-30"),
		}, "past next later", "Next intake: applications open 1 June 2026"},
		{"no opening date", "2026-03-10", []site.Intake{in("", "2026-04-01")}, "open", "Open now — apply by 1 April 2026"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := *p.Site
			s.Config.Today = day(tt.today)
			q := *p
			q.Site = &s
			got := q.IntakeStatus(&site.Program{Intakes: tt.intakes})
			var states []string
			for _, row := range got.Rows {
				states = append(states, string(row.State))
			}
			if g := strings.Join(states, " "); g != tt.states || got.Label != tt.label {
				t.Errorf("states %q, label %q; want %q, %q", g, got.Label, tt.states, tt.label)
			}
		})
	}
}

func TestChanges(t *testing.T) {
	r := basicRenderer(t)
	p := pageFor(t, r, "tracks/eng/e2/index.html")
	got := p.Changes(p.Level)
	if len(got) != 2 {
		t.Fatalf("%d changes, want 2 (e3 and m1)", len(got))
	}
	e3, m1 := got[0], got[1]
	delta := func(ds []Delta) string {
		var out []string
		for _, d := range ds {
			out = append(out, d.Competency.ID+":"+d.FromName+"->"+d.ToName)
		}
		return strings.Join(out, " ")
	}
	if e3.To.ID != "e3" || e3.Months != 24 || delta(e3.Raised) != "code:Practising->Fluent people:Aware->Practising" || len(e3.New) != 0 || e3.Same != 0 {
		t.Errorf("e3: to %s after %d months, raised %q, new %d, same %d", e3.To.ID, e3.Months, delta(e3.Raised), len(e3.New), e3.Same)
	}
	if ids := courseIDs(e3.Courses); ids != "capstone" {
		t.Errorf("e3: new courses %q, want capstone", ids)
	}
	if m1.To.ID != "m1" || delta(m1.Raised) != "people:Aware->Fluent" || m1.Same != 1 {
		t.Errorf("m1: raised %q, same %d", delta(m1.Raised), m1.Same)
	}
	if ids := courseIDs(m1.Courses); ids != "mgmt" {
		t.Errorf("m1: new courses %q, want mgmt (not required at e2)", ids)
	}
	if w := e3.Raised[0].Expect; w == nil || w.One() != "Designs modules." {
		t.Errorf("expectation text %v, want the descriptor", w)
	}
}

func courseIDs(cs []*site.Course) string {
	var ids []string
	for _, c := range cs {
		ids = append(ids, c.ID)
	}
	return strings.Join(ids, " ")
}

// TestCourseGraph checks which courses a course's graph draws: every
// course before it, transitively, and the courses it opens directly.
func TestCourseGraph(t *testing.T) {
	r := basicRenderer(t)
	graph := func(path string) string {
		p := pageFor(t, r, path)
		return string(p.CourseGraph(p.Course).SVG)
	}
	for _, tt := range []struct {
		page      string
		want, not []string
	}{
		// advanced needs intro, and capstone needs advanced; mgmt is
		// capstone's other prerequisite, neither before nor after advanced.
		{"courses/advanced/index.html", []string{"intro", "advanced", "capstone"}, []string{"mgmt"}},
		// intro opens advanced and mgmt; capstone, two steps on, is on
		// their pages.
		{"courses/intro/index.html", []string{"intro", "advanced", "mgmt"}, []string{"capstone"}},
		// capstone needs advanced and mgmt, and through them intro.
		{"courses/capstone/index.html", []string{"intro", "advanced", "mgmt", "capstone"}, nil},
	} {
		svg := graph(tt.page)
		for _, key := range tt.want {
			if !strings.Contains(svg, `data-key="`+key+`"`) {
				t.Errorf("%s: graph lacks %s", tt.page, key)
			}
		}
		for _, key := range tt.not {
			if strings.Contains(svg, `data-key="`+key+`"`) {
				t.Errorf("%s: graph holds %s", tt.page, key)
			}
		}
	}
	// The table has a row per course, listing its prerequisites.
	p := pageFor(t, r, "courses/capstone/index.html")
	var capstone string
	for _, row := range strings.Split(string(p.CourseGraph(p.Course).Table), "</tr>") {
		if strings.Contains(row, `<a href="/courses/capstone/">Capstone</a></strong></th>`) {
			capstone = row
		}
	}
	if !strings.Contains(capstone, `href="/courses/mgmt/"`) || !strings.Contains(capstone, `href="/courses/advanced/"`) {
		t.Errorf("capstone's graph lacks the edges mgmt -> capstone and advanced -> capstone: %q", capstone)
	}
}

func TestEligiblePrograms(t *testing.T) {
	r := basicRenderer(t)
	for path, want := range map[string]string{
		"tracks/eng/e2/index.html": "lead",
		"tracks/ops/o1/index.html": "academy lead",
	} {
		p := pageFor(t, r, path)
		var ids []string
		for _, pr := range p.EligiblePrograms(p.Level) {
			ids = append(ids, pr.ID)
		}
		if got := strings.Join(ids, " "); got != want {
			t.Errorf("%s: eligible for %q, want %q", path, got, want)
		}
	}
}

func TestCompareHrefAndCrumbs(t *testing.T) {
	for _, tt := range []struct {
		cfg          []string
		href, crumb0 string
	}{
		{nil, "/compare/?a=eng%2Fe2&b=eng%2Fe3", "/"},
		{[]string{`base_url = "/careers/"`}, "/careers/compare/?a=eng%2Fe2&b=eng%2Fe3", "/careers/"},
		{[]string{`base_url = "/careers/"`, "relative_urls = true"}, "../../../compare/index.html?a=eng%2Fe2&b=eng%2Fe3", "../../../index.html"},
	} {
		r := basicRenderer(t, tt.cfg...)
		p := pageFor(t, r, "tracks/eng/e2/index.html")
		if got := p.CompareHref(p.Level, p.Level.Next[0]); got != tt.href {
			t.Errorf("%v: compare link %q, want %q", tt.cfg, got, tt.href)
		}
		var labels []string
		for _, c := range p.Crumbs() {
			labels = append(labels, c.Label)
		}
		if got := strings.Join(labels, " › "); got != "Home › Tracks › Engineering › Engineer II" {
			t.Errorf("crumbs %q", got)
		}
		if got := p.Crumbs()[0].Href; got != tt.crumb0 {
			t.Errorf("%v: home crumb links to %q, want %q", tt.cfg, got, tt.crumb0)
		}
	}
}

func TestCompetencyUsage(t *testing.T) {
	r := basicRenderer(t)
	p := pageFor(t, r, "competencies/people/index.html")
	u := p.CompetencyUsage(p.Competency)
	var got []string
	for _, g := range u.Groups {
		var ls []string
		for _, row := range g.Rows {
			ls = append(ls, row.Level.ID+"="+string(rune('0'+row.Level.Expectation("people").Level)))
		}
		got = append(got, g.Track.ID+":"+strings.Join(ls, ","))
	}
	if s := strings.Join(got, " "); s != "eng:e1=1,e2=1,e3=2,m1=3 ops:o1=1,o2=2" {
		t.Errorf("usage %q", s)
	}
	if len(u.Courses) != 1 || u.Courses[0].Course.ID != "mgmt" || u.Courses[0].Level != 3 {
		t.Errorf("taught by %+v, want mgmt to 3", u.Courses)
	}
}
