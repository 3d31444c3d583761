package chart

import (
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files")

// Fixtures shared by the tests.

var scale5 = []string{"Awareness", "Working", "Proficient", "Advanced", "Expert"}

func radarSix() RadarInput {
	return RadarInput{
		ID:    "radar-l5",
		Title: "Senior Engineer compared with Staff Engineer",
		Axes: []RadarAxis{
			{Label: "Technical Skills", URL: "/competencies/technical/"},
			{Label: "Delivery", URL: "/competencies/delivery/"},
			{Label: "Communication & Influence", URL: "/competencies/communication/"},
			{Label: "Collaboration", URL: "/competencies/collaboration/"},
			{Label: "Strategic Impact and Business Acumen Across the Organization", URL: "/competencies/strategy/"},
			{Label: "People Management", URL: "/competencies/people/"},
		},
		Max:   5,
		Scale: scale5,
		Series: []RadarSeries{
			{Name: "L5 Senior Engineer", Values: []int{4, 3, 3, 4, 2, 0}},
			{Name: "L6 Staff Engineer", Values: []int{5, 4, 4, 4, 3, 1}},
		},
	}
}

func radarTwo() RadarInput {
	return RadarInput{
		ID:    "radar-bars",
		Title: "Operations expectations",
		Axes: []RadarAxis{
			{Label: "System Design", URL: "/competencies/design/"},
			{Label: "Operational Excellence and On-call", URL: "/competencies/ops/"},
		},
		Max:   5,
		Scale: scale5,
		Series: []RadarSeries{
			{Name: "L4", Values: []int{2, 3}},
			{Name: "L5", Values: []int{3, 4}},
		},
	}
}

func ladderTwoPaths() LadderInput {
	return LadderInput{
		ID:    "ladder-sde",
		Title: "Software Development ladder",
		Paths: []LadderPath{
			{Name: "Individual contributor", Rungs: []Rung{
				{Key: "sde1", Label: "Software Development Engineer I", Code: "L4", URL: "/tracks/sde/l4/", Rank: 1},
				{Key: "sde2", Label: "Software Development Engineer II", Code: "L5", URL: "/tracks/sde/l5/", Rank: 2},
				{Key: "sde3", Label: "Senior Software Development Engineer", Code: "L6", URL: "/tracks/sde/l6/", Rank: 3},
				{Key: "pe", Label: "Principal Engineer", Code: "L7", URL: "/tracks/sde/l7/", Rank: 4},
				{Key: "spe", Label: "Senior Principal Engineer", Code: "L8", URL: "/tracks/sde/l8/", Rank: 5},
			}},
			{Name: "Manager", Rungs: []Rung{
				{Key: "sdm", Label: "Software Development Manager", Code: "L6", URL: "/tracks/sdm/l6/", Rank: 3},
				{Key: "ssdm", Label: "Senior Manager", Code: "L7", URL: "/tracks/sdm/l7/", Rank: 4},
				{Key: "dir", Label: "Director", Code: "L8", URL: "/tracks/sdm/l8/", Rank: 5},
			}},
		},
		Moves: []LadderMove{
			{FromKey: "sde2", ToLabel: "Technical Program Manager II", ToURL: "/tracks/tpm/l5/"},
			{FromKey: "sde3", ToLabel: "Solutions Architect", ToURL: "/tracks/sa/l6/"},
			{FromKey: "sdm", ToLabel: "Product Manager – Technical", ToURL: "/tracks/pmt/l6/"},
		},
		Current: "sde3",
	}
}

func dagSeven() DAGInput {
	return DAGInput{
		ID:    "dag-dist",
		Title: "Prerequisites of Distributed Systems",
		Nodes: []DAGNode{
			{Key: "intro", Label: "Introduction to Programming", URL: "/courses/intro/"},
			{Key: "ds", Label: "Data Structures", URL: "/courses/ds/"},
			{Key: "algo", Label: "Algorithms", URL: "/courses/algo/"},
			{Key: "db", Label: "Databases", URL: "/courses/db/"},
			{Key: "dist", Label: "Distributed Systems", URL: "/courses/dist/"},
			{Key: "design", Label: "System Design for Large-Scale Services in Practice", URL: "/courses/design/"},
			{Key: "secure", Label: "Secure Coding", URL: "/courses/secure/"},
		},
		Edges: []DAGEdge{
			{From: "intro", To: "ds"},
			{From: "ds", To: "algo"},
			{From: "intro", To: "db"},
			{From: "algo", To: "dist"},
			{From: "db", To: "dist"},
			{From: "dist", To: "design"},
			{From: "algo", To: "design"},
			{From: "secure", To: "design"},
			{From: "intro", To: "secure"},
		},
		Focus: "dist",
	}
}

func dagCycle() DAGInput {
	return DAGInput{
		ID:    "dag-cycle",
		Title: "A graph with cycles",
		Nodes: []DAGNode{
			{Key: "a", Label: "A"}, {Key: "b", Label: "B"}, {Key: "c", Label: "C"},
			{Key: "d", Label: "D"}, {Key: "e", Label: "E"}, {Key: "f", Label: "F"},
			{Key: "a", Label: "Duplicate A"},
		},
		Edges: []DAGEdge{
			{From: "a", To: "b"}, {From: "b", To: "c"}, {From: "c", To: "a"},
			{From: "c", To: "d"}, {From: "d", To: "d"}, {From: "e", To: "f"},
			{From: "f", To: "e"}, {From: "a", To: "b"}, {From: "x", To: "a"},
			{From: "a", To: "d"},
		},
		Focus: "c",
	}
}

func pathwayShort() PathwayInput {
	return PathwayInput{
		ID:    "path-short",
		Title: "From the warehouse floor to IT support",
		Steps: []PathStep{
			{Label: "IT Support Certificate", Sub: "Program", URL: "/programs/it-support/", Edge: "via Career Choice"},
			{Label: "IT Support Technician", Sub: "L3", URL: "/tracks/it/l3/", Edge: "12 months"},
		},
	}
}

func pathwayLong() PathwayInput {
	return PathwayInput{
		ID:    "path-long",
		Title: "Route to Solutions Architect",
		Steps: []PathStep{
			{Label: "Support Engineer", Sub: "L3", URL: "/tracks/support/l3/", Edge: "hired externally"},
			{Label: "Support Engineer II", Sub: "L4", URL: "/tracks/support/l4/", Edge: "about 18 months"},
			{Label: "Cloud Practitioner Certification", Sub: "Program", URL: "/programs/cloud/", Edge: "via Career Choice, part-time while working"},
			{Label: "Associate Solutions Architect", Sub: "L4", URL: "/tracks/sa/l4/", Edge: "internal transfer"},
			{Label: "Solutions Architect", Sub: "L5", URL: "/tracks/sa/l5/", Edge: "promotion"},
		},
	}
}

func fanProgram() FanInput {
	return FanInput{
		ID:     "fan-sdp",
		Title:  "Where the Software Development Program leads",
		Source: PathStep{Label: "Software Development Program", Sub: "Career Choice · 9 months", URL: "/programs/sdp/"},
		Targets: []PathStep{
			{Label: "Software Development Engineer I", Sub: "SDE · L4", URL: "/tracks/sde/l4/", Edge: "on completion"},
			{Label: "Systems Development Engineer I", Sub: "SysDE · L4", URL: "/tracks/sysde/l4/", Edge: "via interview loop"},
			{Label: "Support Engineer", Sub: "L3", URL: "/tracks/support/l3/", Edge: "direct placement"},
			{Label: "Quality Assurance Engineer", Sub: "QAE · L4", URL: "/tracks/qae/l4/"},
		},
	}
}

// ladderCrossPaths is a ladder whose levels also move between its two
// paths: those moves are drawn from box to box, the move to another track
// beyond the columns.
func ladderCrossPaths() LadderInput {
	in := ladderTwoPaths()
	in.ID = "ladder-cross"
	in.Current = "sdm"
	in.Moves = append(in.Moves,
		LadderMove{FromKey: "sde3", ToKey: "sdm", ToLabel: "Software Development Manager", ToURL: "/tracks/sdm/l6/"},
		LadderMove{FromKey: "sdm", ToKey: "pe", ToLabel: "Principal Engineer", ToURL: "/tracks/sde/l7/"},
		LadderMove{FromKey: "sde2", ToKey: "sdm", ToLabel: "Software Development Manager", ToURL: "/tracks/sdm/l6/"},
		LadderMove{FromKey: "ssdm", ToKey: "spe", ToLabel: "Senior Principal Engineer", ToURL: "/tracks/sde/l8/"},
	)
	return in
}

// radarMany has too many axes for a radar: 16 competencies in four
// categories.
func radarMany() RadarInput {
	in := RadarInput{ID: "radar-many", Title: "Senior Engineer compared with Staff Engineer", Max: 5, Scale: scale5}
	groups := []string{"Craft", "Delivery", "Leadership and strategic influence across the organisation", "Communication"}
	a := RadarSeries{Name: "L5 Senior Engineer"}
	b := RadarSeries{Name: "L6 Staff Engineer"}
	for i := range 16 {
		id := "c" + strconv.Itoa(i+1)
		in.Axes = append(in.Axes, RadarAxis{Label: "Competency " + strconv.Itoa(i+1), URL: "/competencies/" + id + "/", Group: groups[i%4]})
		a.Values = append(a.Values, 1+i%4)
		b.Values = append(b.Values, min(5, 2+i%5))
	}
	in.Series = []RadarSeries{a, b}
	return in
}

// fixtures renders every fixture, in a fixed order.
func fixtures() []struct {
	name string
	d    Drawing
} {
	return []struct {
		name string
		d    Drawing
	}{
		{"radar", Radar(radarSix())},
		{"radar-bars", Radar(radarTwo())},
		{"radar-many", Radar(radarMany())},
		{"ladder", Ladder(ladderTwoPaths())},
		{"ladder-cross", Ladder(ladderCrossPaths())},
		{"dag", DAG(dagSeven())},
		{"dag-cycle", DAG(dagCycle())},
		{"pathway", Pathway(pathwayShort())},
		{"pathway-long", Pathway(pathwayLong())},
		{"fan", Fan(fanProgram())},
	}
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			check := func(file, got string) {
				path := filepath.Join("testdata", file)
				if *update {
					if err := os.MkdirAll("testdata", 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(path)
				if err != nil {
					t.Fatalf("%v (run go test -update to create it)", err)
				}
				if got != string(want) {
					t.Errorf("%s differs from the golden file; run go test -update and review the diff", path)
				}
			}
			check(f.name+".golden.svg", string(f.d.SVG))
			check(f.name+".golden.html", string(f.d.Table))
		})
	}
}

// node is a parsed XML element, enough to inspect the output.
type node struct {
	XMLName  xml.Name
	Attrs    []xml.Attr `xml:",any,attr"`
	Children []node     `xml:",any"`
	Text     string     `xml:",chardata"`
}

func (n *node) attr(name string) (string, bool) {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value, true
		}
	}
	return "", false
}

// walk calls fn for n and every descendant, depth first.
func (n *node) walk(fn func(*node)) {
	fn(n)
	for i := range n.Children {
		n.Children[i].walk(fn)
	}
}

// text returns all character data under n.
func (n *node) text() string {
	var b strings.Builder
	var rec func(*node)
	rec = func(m *node) {
		b.WriteString(m.Text)
		for i := range m.Children {
			rec(&m.Children[i])
		}
	}
	rec(n)
	return b.String()
}

// parse decodes markup strictly as XML and checks nothing follows the root.
func parse(t *testing.T, s string) *node {
	t.Helper()
	var n node
	dec := xml.NewDecoder(strings.NewReader(s))
	dec.Strict = true
	if err := dec.Decode(&n); err != nil {
		t.Fatalf("not well-formed: %v\n%s", err, s)
	}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("trailing garbage: %v", err)
		}
		if cd, ok := tok.(xml.CharData); !ok || len(bytes.TrimSpace(cd)) > 0 {
			t.Fatalf("unexpected token after root: %#v", tok)
		}
	}
	return &n
}

func TestWellFormedAndAccessible(t *testing.T) {
	for _, f := range fixtures() {
		t.Run(f.name, func(t *testing.T) {
			svg := parse(t, string(f.d.SVG))
			if svg.XMLName.Local != "svg" {
				t.Fatalf("root is %q", svg.XMLName.Local)
			}
			wantRole := "img"
			if strings.Contains(string(f.d.SVG), "<a href=") {
				wantRole = "group" // links inside role="img" would be hidden from screen readers
			}
			if v, _ := svg.attr("role"); v != wantRole {
				t.Errorf("role = %q, want %s", v, wantRole)
			}
			if v, _ := svg.attr("width"); v != strconv.Itoa(f.d.Width) {
				t.Errorf("width = %q, want %d", v, f.d.Width)
			}
			if _, ok := svg.attr("height"); ok {
				t.Errorf("svg has a fixed height")
			}
			vb, _ := svg.attr("viewBox")
			if !regexp.MustCompile(`^0 0 \d+ \d+$`).MatchString(vb) {
				t.Errorf("viewBox = %q", vb)
			}
			if vb != "0 0 "+strconv.Itoa(f.d.Width)+" "+strconv.Itoa(f.d.Height) {
				t.Errorf("viewBox %q does not match Width %d, Height %d", vb, f.d.Width, f.d.Height)
			}
			labelled, _ := svg.attr("aria-labelledby")
			ids := strings.Fields(labelled)
			if len(ids) != 2 {
				t.Fatalf("aria-labelledby = %q, want two ids", labelled)
			}
			if len(svg.Children) < 2 || svg.Children[0].XMLName.Local != "title" || svg.Children[1].XMLName.Local != "desc" {
				t.Fatalf("svg does not start with <title> and <desc>")
			}
			for i, want := range []string{"title", "desc"} {
				el := svg.Children[i]
				if id, _ := el.attr("id"); id != ids[i] {
					t.Errorf("<%s> id = %q, aria-labelledby names %q", want, id, ids[i])
				}
				if strings.TrimSpace(el.text()) == "" {
					t.Errorf("<%s> is empty", want)
				}
			}
			// Ids are unique and carry the chart's prefix; references
			// point at ids that exist.
			seen := map[string]bool{}
			prefix := strings.TrimSuffix(ids[0], "-title")
			svg.walk(func(n *node) {
				if id, ok := n.attr("id"); ok {
					if seen[id] {
						t.Errorf("duplicate id %q", id)
					}
					seen[id] = true
					if !strings.HasPrefix(id, prefix+"-") {
						t.Errorf("id %q lacks prefix %q", id, prefix)
					}
				}
			})
			svg.walk(func(n *node) {
				for _, a := range n.Attrs {
					for _, m := range regexp.MustCompile(`url\(#([^)]*)\)`).FindAllStringSubmatch(a.Value, -1) {
						if !seen[m[1]] {
							t.Errorf("%s refers to missing id %q", a.Name.Local, m[1])
						}
					}
				}
			})
			table := parse(t, string(f.d.Table))
			if table.XMLName.Local != "table" {
				t.Fatalf("table root is %q", table.XMLName.Local)
			}
			if c, _ := table.attr("class"); !strings.Contains(" "+c+" ", " chart-data ") {
				t.Errorf("table class = %q", c)
			}
			if len(table.Children) == 0 || table.Children[0].XMLName.Local != "caption" || strings.TrimSpace(table.Children[0].text()) == "" {
				t.Errorf("table lacks a caption")
			}
		})
	}
}

// tableRows returns the text of each cell of each body row.
func tableRows(t *testing.T, table string) [][]string {
	t.Helper()
	root := parse(t, table)
	var rows [][]string
	root.walk(func(n *node) {
		if n.XMLName.Local != "tbody" {
			return
		}
		for _, tr := range n.Children {
			var cells []string
			for _, c := range tr.Children {
				cells = append(cells, strings.TrimSpace(c.text()))
			}
			rows = append(rows, cells)
		}
	})
	return rows
}

func TestRadarTableMatchesChart(t *testing.T) {
	for _, in := range []RadarInput{radarSix(), radarTwo()} {
		t.Run(in.ID, func(t *testing.T) {
			d := Radar(in)
			rows := tableRows(t, string(d.Table))
			if len(rows) != len(in.Axes) {
				t.Fatalf("table has %d rows, want %d", len(rows), len(in.Axes))
			}
			// A radar's series carry their values in data-values; bars
			// carry one each, series by series within an axis.
			var drawn [][]string // [series][axis]
			var bars []string
			parse(t, string(d.SVG)).walk(func(n *node) {
				if v, ok := n.attr("data-values"); ok {
					drawn = append(drawn, strings.Fields(v))
				}
				if v, ok := n.attr("data-value"); ok {
					bars = append(bars, v)
				}
			})
			if bars != nil {
				drawn = make([][]string, len(in.Series))
				for i, v := range bars {
					drawn[i%len(in.Series)] = append(drawn[i%len(in.Series)], v)
				}
			}
			count := 0
			for si, vals := range drawn {
				for ai, v := range vals {
					count++
					cell := rows[ai][si+1]
					num, _, _ := strings.Cut(cell, " ")
					if num != v {
						t.Errorf("axis %d series %d: chart %s, table %q", ai, si, v, cell)
					}
					if want := strconv.Itoa(in.Series[si].Values[ai]); v != want {
						t.Errorf("axis %d series %d: chart %s, input %s", ai, si, v, want)
					}
				}
			}
			if want := len(in.Axes) * len(in.Series); count != want {
				t.Errorf("%d values drawn, want %d", count, want)
			}
			v := in.Series[0].Values[0]
			if want := strconv.Itoa(v) + " — " + in.Scale[v-1]; rows[0][1] != want {
				t.Errorf("cell = %q, want %q", rows[0][1], want)
			}
		})
	}
}

func TestRadarKind(t *testing.T) {
	if d := Radar(radarSix()); !strings.Contains(string(d.SVG), `class="chart chart-radar"`) {
		t.Error("six axes should draw a radar")
	}
	if d := Radar(radarTwo()); !strings.Contains(string(d.SVG), `class="chart chart-bars"`) {
		t.Error("two axes should draw bars")
	}
	if d := Radar(radarSix()); !strings.Contains(string(d.SVG), `class="chart-series chart-series-b"`) {
		t.Error("second series should have its own class, which draws it dashed")
	}
}

func TestLadderTableHasEveryRung(t *testing.T) {
	in := ladderTwoPaths()
	d := Ladder(in)
	rows := tableRows(t, string(d.Table))
	text := parse(t, string(d.Table)).text()
	for _, p := range in.Paths {
		for _, r := range p.Rungs {
			if !strings.Contains(text, r.Label) {
				t.Errorf("rung %q missing from table", r.Label)
			}
			found := false
			for _, row := range rows {
				if row[0] == strconv.Itoa(r.Rank) {
					for _, c := range row[1:] {
						found = found || strings.Contains(c, r.Label)
					}
				}
			}
			if !found {
				t.Errorf("rung %q not in the row of rank %d", r.Label, r.Rank)
			}
		}
	}
	for _, m := range in.Moves {
		if !strings.Contains(text, m.ToLabel) {
			t.Errorf("move to %q missing from table", m.ToLabel)
		}
	}
	if rows[0][0] != "5" || rows[len(rows)-1][0] != "1" {
		t.Errorf("rows should run from the highest rank down: %v", rows)
	}
	svg := string(d.SVG)
	if n := strings.Count(svg, "rung-current"); n != 1 {
		t.Errorf("rung-current appears %d times", n)
	}
	if !strings.Contains(svg, `href="/tracks/sde/l6/" aria-current="page"`) {
		t.Error("current rung link lacks aria-current")
	}
	if n := strings.Count(svg, `class="move"`); n != len(in.Moves) {
		t.Errorf("%d moves drawn, want %d", n, len(in.Moves))
	}
	// 4 promotions in the first path, 2 in the second.
	if n := strings.Count(svg, `marker-end="url(#ladder-sde-arrow)"/>`) - strings.Count(svg, `<path class="move-edge"`); n != 6 {
		t.Errorf("%d promotions drawn, want 6", n)
	}
}

func TestDAGTableHasEveryEdge(t *testing.T) {
	in := dagSeven()
	d := DAG(in)
	rows := tableRows(t, string(d.Table))
	if len(rows) != len(in.Nodes) {
		t.Fatalf("%d rows, want %d", len(rows), len(in.Nodes))
	}
	label := map[string]string{}
	for _, n := range in.Nodes {
		label[n.Key] = n.Label
	}
	for _, e := range in.Edges {
		ok := false
		for _, r := range rows {
			if r[0] == label[e.To] && strings.Contains(r[1], label[e.From]) {
				ok = true
			}
		}
		if !ok {
			t.Errorf("edge %s -> %s missing from table", e.From, e.To)
		}
	}
	svg := string(d.SVG)
	if n := strings.Count(svg, `<path class="edge`); n != len(in.Edges) {
		t.Errorf("%d edges drawn, want %d", n, len(in.Edges))
	}
	if !strings.Contains(svg, `<title>System Design for Large-Scale Services in Practice</title>`) {
		t.Error("truncated label lacks its full <title>")
	}
	if !strings.Contains(svg, `<marker id="dag-dist-arrow"`) {
		t.Error("marker id not derived from ID")
	}
	// Prerequisites are drawn above the courses that need them.
	ys := map[string]float64{}
	re := regexp.MustCompile(`data-key="([^"]+)">(?:<title>[^<]*</title>)?\n<rect x="[^"]+" y="([^"]+)"`)
	for _, m := range re.FindAllStringSubmatch(svg, -1) {
		ys[m[1]], _ = strconv.ParseFloat(m[2], 64)
	}
	if len(ys) != len(in.Nodes) {
		t.Fatalf("found %d node boxes, want %d", len(ys), len(in.Nodes))
	}
	for _, e := range in.Edges {
		if ys[e.From] >= ys[e.To] {
			t.Errorf("%s (y %v) is not above %s (y %v)", e.From, ys[e.From], e.To, ys[e.To])
		}
	}
}

func TestDAGCycleTerminates(t *testing.T) {
	done := make(chan Drawing, 1)
	go func() { done <- DAG(dagCycle()) }()
	select {
	case d := <-done:
		svg := string(d.SVG)
		parse(t, svg)
		if !strings.Contains(svg, "edge-back") {
			t.Error("no edge marked as closing a cycle")
		}
		// a->b, b->c, c->a, c->d, e->f, f->e, a->d: duplicates, the
		// self-edge and the unknown node are dropped.
		if n := strings.Count(svg, `<path class="edge`); n != 7 {
			t.Errorf("%d edges drawn, want 7", n)
		}
		if n := strings.Count(svg, `<g class="node`); n != 6 {
			t.Errorf("%d nodes drawn, want 6", n)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("DAG did not return on a cyclic graph")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := fixtures(), fixtures()
	for i := range a {
		if a[i].d != b[i].d {
			t.Errorf("%s: two renderings differ", a[i].name)
		}
	}
}

func TestEmptyInputs(t *testing.T) {
	for _, d := range []Drawing{
		Radar(RadarInput{}), Radar(RadarInput{Axes: []RadarAxis{{Label: "x"}}}),
		Ladder(LadderInput{}), DAG(DAGInput{}), Pathway(PathwayInput{}), Fan(FanInput{}),
	} {
		parse(t, string(d.SVG))
		parse(t, string(d.Table))
		if d.Width <= 0 || d.Height <= 0 {
			t.Errorf("size %dx%d", d.Width, d.Height)
		}
	}
}

func TestEscapingAndUnsafeURLs(t *testing.T) {
	d := DAG(DAGInput{
		ID:    `x" onload="evil`,
		Title: `<script>alert(1)</script>`,
		Nodes: []DAGNode{
			{Key: "a", Label: `A & "B" <i>`, URL: "javascript:alert(1)"},
			{Key: "b", Label: "B\x00\x01", URL: "https://example.com/?a=1&b=2"},
		},
		Edges: []DAGEdge{{From: "a", To: "b"}},
	})
	for _, s := range []string{string(d.SVG), string(d.Table)} {
		parse(t, s)
		if strings.Contains(s, "<script>") || strings.Contains(s, "<i>") {
			t.Error("text not escaped")
		}
		if strings.Contains(s, "javascript:") {
			t.Error("javascript: URL kept")
		}
		if !strings.Contains(s, `href="https://example.com/?a=1&amp;b=2"`) {
			t.Error("safe URL not kept or not escaped")
		}
	}
	if !strings.Contains(string(d.SVG), `id="x--onload--evil-title"`) {
		t.Error("ID not sanitized")
	}
}

func TestHeatClass(t *testing.T) {
	for _, c := range []struct {
		level, max int
		want       string
	}{
		{0, 5, "heat-0"}, {-1, 5, "heat-0"}, {3, 0, "heat-0"},
		{1, 5, "heat-1"}, {3, 5, "heat-3"}, {5, 5, "heat-5"}, {7, 5, "heat-5"},
		{1, 4, "heat-1"}, {2, 4, "heat-3"}, {3, 4, "heat-4"}, {4, 4, "heat-5"},
		{1, 3, "heat-2"}, {2, 3, "heat-3"}, {3, 3, "heat-5"},
		{1, 10, "heat-1"}, {5, 10, "heat-3"}, {9, 10, "heat-5"}, {10, 10, "heat-5"},
		{1, 1, "heat-5"},
	} {
		if got := HeatClass(c.level, c.max); got != c.want {
			t.Errorf("HeatClass(%d, %d) = %q, want %q", c.level, c.max, got, c.want)
		}
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{
		0: "0", 1: "1", 1.25: "1.2", 1.26: "1.3", -0.01: "0", -3.5: "-3.5", 100.04: "100", 12.96: "13",
	} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestWrap(t *testing.T) {
	lines, trunc := wrap("Strategic Impact and Business Acumen Across the Organization", 120, 13, false, 2)
	if len(lines) != 2 || !trunc || !strings.HasSuffix(lines[1], "…") {
		t.Errorf("wrap = %q, %v", lines, trunc)
	}
	for _, l := range lines {
		if w := textWidth(l, 13, false); w > 120 {
			t.Errorf("line %q is %v wide", l, w)
		}
	}
	lines, trunc = wrap("Delivery", 120, 13, false, 2)
	if len(lines) != 1 || trunc {
		t.Errorf("wrap short = %q, %v", lines, trunc)
	}
	lines, _ = wrap("Supercalifragilisticexpialidocious", 60, 13, false, 0)
	if len(lines) < 2 {
		t.Errorf("long word not broken: %q", lines)
	}
}

func TestOddShapes(t *testing.T) {
	axes := func(n int) []RadarAxis {
		var a []RadarAxis
		for i := range n {
			a = append(a, RadarAxis{Label: "Competency number " + strconv.Itoa(i+1)})
		}
		return a
	}
	var ds []Drawing
	for _, n := range []int{1, 3, 4, 5, 9, 12} {
		ds = append(ds, Radar(RadarInput{ID: "r", Axes: axes(n), Series: []RadarSeries{{Values: []int{1, 9, -2}}}}))
	}
	ds = append(ds,
		Ladder(LadderInput{Paths: []LadderPath{{Rungs: []Rung{{Key: "a", Label: "A", Rank: 2}, {Key: "b", Label: "B", Rank: 2}, {Key: "c", Label: "C", Rank: 7}}}},
			Moves: []LadderMove{{FromKey: "zz", ToLabel: "nowhere"}, {FromKey: "a", ToLabel: "X"}, {FromKey: "a", ToLabel: "Y"}}}),
		Pathway(PathwayInput{Steps: []PathStep{{Label: "Only"}}}),
		Fan(FanInput{Source: PathStep{Label: "S"}}),
		DAG(DAGInput{Nodes: []DAGNode{{Key: "lonely"}}}),
	)
	for _, d := range ds {
		parse(t, string(d.SVG))
		parse(t, string(d.Table))
	}
}

func TestRandomGraphs(t *testing.T) {
	seed := uint64(1)
	next := func(n int) int { // a small deterministic generator
		seed = seed*6364136223846793005 + 1442695040888963407
		return int((seed >> 33) % uint64(n))
	}
	for g := 0; g < 200; g++ {
		n := 1 + next(12)
		var in DAGInput
		for i := range n {
			in.Nodes = append(in.Nodes, DAGNode{Key: strconv.Itoa(i), Label: "Course " + strconv.Itoa(i)})
		}
		for range next(3 * n) {
			in.Edges = append(in.Edges, DAGEdge{From: strconv.Itoa(next(n)), To: strconv.Itoa(next(n))})
		}
		in.Focus = strconv.Itoa(next(n))
		d := DAG(in)
		parse(t, string(d.SVG))
		if d2 := DAG(in); d2 != d {
			t.Fatalf("graph %d: not deterministic", g)
		}
	}
}

// TestLadderTableMatchesLadder holds LadderTable to the table Ladder draws
// with the same Current, for every rung, linked and unlinked.
func TestLadderTableMatchesLadder(t *testing.T) {
	unlinked := ladderTwoPaths()
	for i := range unlinked.Paths {
		for j := range unlinked.Paths[i].Rungs {
			if j%2 == 0 {
				unlinked.Paths[i].Rungs[j].URL = ""
			}
		}
	}
	for name, in := range map[string]LadderInput{"linked": ladderTwoPaths(), "partly-unlinked": unlinked} {
		for _, p := range in.Paths {
			for _, r := range append(p.Rungs, Rung{}) {
				in.Current = r.Key
				if got, want := LadderTable(in), Ladder(in).Table; got != want {
					t.Errorf("%s: LadderTable with Current %q differs from Ladder's table:\n got: %s\nwant: %s", name, r.Key, got, want)
				}
			}
		}
	}
}

// TestLadderStandalone checks a ladder drawn to stand on its own: its style
// inside, character data that cannot end early, and an id on every rung.
func TestLadderStandalone(t *testing.T) {
	in := ladderTwoPaths()
	in.Current = ""
	in.Style = ".rung:target rect { stroke-width: 2.5px } /* ]]> */"
	svg := string(Ladder(in).SVG)
	parse(t, svg)
	if !strings.Contains(svg, "<style><![CDATA[.rung:target rect") {
		t.Errorf("no style in the drawing:\n%s", svg)
	}
	for _, p := range in.Paths {
		for _, r := range p.Rungs {
			if !strings.Contains(svg, `<g class="rung" id="`+CleanID(r.Key)+`"`) {
				t.Errorf("rung %q has no id", r.Key)
			}
		}
	}
	in.Style = ""
	if svg := string(Ladder(in).SVG); strings.Contains(svg, " id=\"") && strings.Contains(svg, `class="rung" id=`) {
		t.Error("an inline ladder gives its rungs ids")
	}
}

// TestLadderMovesBetweenPaths checks that moves to a rung of the same ladder
// are drawn from box to box, with no label beside the columns, and are
// still named in the table.
func TestLadderMovesBetweenPaths(t *testing.T) {
	in := ladderCrossPaths()
	d := Ladder(in)
	svg := string(d.SVG)
	inner := svg[strings.Index(svg, `<g class="move move-inner">`):]
	inner = inner[:strings.Index(inner, "</g>")]
	if n := strings.Count(inner, `class="move-edge"`); n != 4 {
		t.Errorf("%d arrows between rungs, want 4", n)
	}
	if n := strings.Count(svg, `class="move-label"`); n != 3 {
		t.Errorf("%d move labels, want 3 (the moves to other tracks only)", n)
	}
	if strings.Contains(svg, ">Principal Engineer</tspan></text>\n</a>\n</g>\n<g class=\"move\"") {
		t.Error("a move inside the ladder got a label")
	}
	if !strings.Contains(string(d.Table), `(moves on to <a href="/tracks/sde/l7/">Principal Engineer</a>)`) {
		t.Errorf("the table does not name the move to another path:\n%s", d.Table)
	}
	// Without moves between paths the columns keep their narrow gap.
	plain := Ladder(ladderTwoPaths())
	if plain.Width >= d.Width {
		t.Errorf("width %d without moves between paths, %d with: want narrower", plain.Width, d.Width)
	}
}

// TestRadarManyAxes checks that a radar with more than MaxRadarAxes axes
// is drawn as bars, one per category when the axes have categories, one
// per axis when not, that the note says why, and that the table still
// lists every axis.
func TestRadarManyAxes(t *testing.T) {
	in := radarMany()
	d := Radar(in)
	svg := string(d.SVG)
	if !strings.Contains(svg, "chart-bars") || strings.Contains(svg, "chart-radar") {
		t.Fatalf("16 axes: want a bar chart, got:\n%.300s", svg)
	}
	if n := strings.Count(svg, `class="chart-bar `); n != 4*2 {
		t.Errorf("%d bars, want 8 (4 categories, 2 series)", n)
	}
	// Craft holds axes 1, 5, 9, 13: the first series is 1 on each.
	if !strings.Contains(svg, `data-value="1"`) || !strings.Contains(d.Note, "too many to read on a radar") || !strings.Contains(svg, d.Note) {
		t.Errorf("note %q, svg:\n%s", d.Note, svg)
	}
	if n := strings.Count(string(d.Table), "<tr>"); n < 16 {
		t.Errorf("the table has %d rows, want one per axis (16)", n)
	}
	for i := range in.Axes {
		in.Axes[i].Group = ""
	}
	flat := Radar(in)
	if n := strings.Count(string(flat.SVG), `class="chart-bar `); n != 16*2 {
		t.Errorf("without categories: %d bars, want 32", n)
	}
	if !strings.Contains(flat.Note, "each competency has a bar") {
		t.Errorf("without categories: note %q", flat.Note)
	}
	in.Axes = in.Axes[:MaxRadarAxes]
	for s := range in.Series {
		in.Series[s].Values = in.Series[s].Values[:MaxRadarAxes]
	}
	if d := Radar(in); !strings.Contains(string(d.SVG), "chart-radar") || d.Note != "" {
		t.Errorf("%d axes: want a radar without a note", MaxRadarAxes)
	}
}
