package route

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/site"
)

// builder makes small resolved sites for the tests, the way check would
// resolve them.
type builder struct{ s *site.Site }

func newBuilder() *builder {
	return &builder{s: &site.Site{
		Config: site.Config{Scale: site.Scale{Names: []string{"Awareness", "Foundational", "Proficient", "Advanced", "Expert"}}},
		IDs: [site.NumKinds]map[string]int32{
			site.KindTrack: {}, site.KindLevel: {}, site.KindCompetency: {}, site.KindCourse: {}, site.KindProgram: {},
		},
	}}
}

func (b *builder) track(id string) *site.Track {
	if t := b.s.TrackByID(id); t != nil {
		return t
	}
	t := &site.Track{Common: site.Common{ID: id, Title: "Track " + id}}
	b.s.IDs[site.KindTrack][id] = int32(len(b.s.Tracks))
	b.s.Tracks = append(b.s.Tracks, t)
	return t
}

// level adds "track/id" at rank with min months and expectations written
// "competency=level".
func (b *builder) level(full string, rank, months int, expect ...string) *site.Level {
	tid, id, _ := strings.Cut(full, "/")
	t := b.track(tid)
	l := &site.Level{Common: site.Common{ID: id, Title: strings.ToUpper(full)}, TrackID: tid, Track: t, Rank: rank, Path: "ic", MinMonths: months}
	for _, e := range expect {
		c, n, _ := strings.Cut(e, "=")
		var v int
		fmt.Sscan(n, &v)
		l.Expectations = append(l.Expectations, site.Expectation{CompetencyID: c, Level: v})
		if b.s.CompetencyByID(c) == nil {
			comp := &site.Competency{Common: site.Common{ID: c, Title: "Comp " + c}}
			b.s.IDs[site.KindCompetency][c] = int32(len(b.s.Competencies))
			b.s.Competencies = append(b.s.Competencies, comp)
		}
	}
	t.Levels = append(t.Levels, l)
	b.s.IDs[site.KindLevel][full] = int32(len(b.s.Levels))
	b.s.Levels = append(b.s.Levels, l)
	return l
}

func (b *builder) course(id string, hours float64) *site.Course {
	c := &site.Course{Common: site.Common{ID: id, Title: "Course " + id}, Hours: hours}
	b.s.IDs[site.KindCourse][id] = int32(len(b.s.Courses))
	b.s.Courses = append(b.s.Courses, c)
	return c
}

func (b *builder) next(from string, to ...string) {
	l := b.s.LevelByID(from)
	for _, x := range to {
		n := b.s.LevelByID(x)
		l.Next = append(l.Next, n)
		n.Prev = append(n.Prev, l)
	}
}

func (b *builder) move(from string, to ...string) {
	l := b.s.LevelByID(from)
	for _, x := range to {
		n := b.s.LevelByID(x)
		l.Moves = append(l.Moves, n)
		n.MovesIn = append(n.MovesIn, l)
	}
}

// program adds a program admitting the tracks (or, written "t/l", the
// levels) in admits, and leading to leads.
func (b *builder) program(id string, admits []string, leads ...string) *site.Program {
	p := &site.Program{Common: site.Common{ID: id, Title: "Program " + id}}
	for _, a := range admits {
		if strings.Contains(a, "/") {
			p.Eligibility.Levels = append(p.Eligibility.Levels, b.s.LevelByID(a))
		} else {
			p.Eligibility.Tracks = append(p.Eligibility.Tracks, b.track(a))
		}
	}
	for _, x := range leads {
		l := b.s.LevelByID(x)
		p.LeadsTo = append(p.LeadsTo, l)
		l.LedBy = append(l.LedBy, p)
	}
	b.s.IDs[site.KindProgram][id] = int32(len(b.s.Programs))
	b.s.Programs = append(b.s.Programs, p)
	return p
}

// ladder adds a track with n levels "t/1".."t/n", each promoted to the next,
// each taking months.
func (b *builder) ladder(t string, n, months int) {
	for i := 1; i <= n; i++ {
		b.level(fmt.Sprintf("%s/%d", t, i), i, months)
		if i > 1 {
			b.next(fmt.Sprintf("%s/%d", t, i-1), fmt.Sprintf("%s/%d", t, i))
		}
	}
}

// describe writes a route compactly: "a/1 -promotion-> a/2 =program p=> c/1".
func describe(r *Route) string {
	if r == nil {
		return "<none>"
	}
	if len(r.Steps) == 0 {
		return "<empty>"
	}
	var b strings.Builder
	b.WriteString(r.Steps[0].From.FullID())
	for _, s := range r.Steps {
		switch s.Kind {
		case Program:
			fmt.Fprintf(&b, " =%s=> ", s.Program.ID)
		default:
			fmt.Fprintf(&b, " -%s-> ", s.Kind)
		}
		b.WriteString(s.To.FullID())
	}
	fmt.Fprintf(&b, " (%dm)", r.Months)
	return b.String()
}

func TestFind(t *testing.T) {
	tests := []struct {
		name     string
		site     func(b *builder)
		from, to string
		alts     int
		want     string   // the shortest route
		wantAlts []string // the alternatives
		msg      string   // the message, when there is one
	}{
		{
			name: "promotions",
			site: func(b *builder) { b.ladder("a", 4, 12) },
			from: "a/1", to: "a/4",
			want: "a/1 -promotion-> a/2 -promotion-> a/3 -promotion-> a/4 (36m)",
		},
		{
			name: "move",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.ladder("b", 2, 6)
				b.move("a/2", "b/2")
			},
			from: "a/1", to: "b/2",
			want: "a/1 -promotion-> a/2 -move-> b/2 (18m)",
		},
		{
			name: "move that is also a promotion is the promotion",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.move("a/1", "a/2")
			},
			from: "a/1", to: "a/2",
			want: "a/1 -promotion-> a/2 (12m)",
		},
		{
			name: "program",
			site: func(b *builder) {
				b.ladder("a", 3, 12)
				b.ladder("c", 2, 24)
				b.program("p", []string{"a"}, "c/2")
			},
			from: "a/1", to: "c/2",
			want: "a/1 =p=> c/2 (24m)",
		},
		{
			name: "fewer steps beat fewer months",
			site: func(b *builder) {
				b.ladder("a", 4, 1)
				b.level("x/1", 1, 100)
				b.move("a/1", "x/1")
				b.move("x/1", "a/4")
			},
			from: "a/1", to: "a/4", alts: 1,
			want:     "a/1 -move-> x/1 -move-> a/4 (101m)",
			wantAlts: []string{"a/1 -promotion-> a/2 -promotion-> a/3 -promotion-> a/4 (3m)"},
		},
		{
			name: "program not admitting the level is not used",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.ladder("b", 2, 12)
				b.ladder("c", 1, 12)
				b.move("a/1", "b/1")
				b.program("only-b2", []string{"b/2"}, "c/1")
				b.program("only-b", []string{"b"}, "c/1")
			},
			from: "a/1", to: "c/1", alts: 5,
			want:     "a/1 -move-> b/1 =only-b=> c/1 (24m)",
			wantAlts: []string{"a/1 -move-> b/1 -promotion-> b/2 =only-b2=> c/1 (36m)", "a/1 -move-> b/1 -promotion-> b/2 =only-b=> c/1 (36m)"},
		},
		{
			name: "unreachable: program admits nobody on the way",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.ladder("c", 1, 12)
				b.ladder("d", 1, 12)
				b.program("p", []string{"d"}, "c/1")
			},
			from: "a/1", to: "c/1",
			want: "<none>",
			msg:  "no route from A/1 to C/1: the programs that lead there (Program p) admit no level you can reach, and no promotion or move leads there from one",
		},
		{
			name: "unreachable: below on the same path",
			site: func(b *builder) { b.ladder("a", 3, 12) },
			from: "a/3", to: "a/1",
			want: "<none>",
			msg:  "A/1 is below A/3 on the same path",
		},
		{
			name: "unreachable: nothing leads into the track",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.ladder("z", 2, 12)
			},
			from: "a/1", to: "z/2",
			want: "<none>",
			msg:  "no promotion, move or program leads into track Track z",
		},
		{
			name: "unreachable: nothing leads to the level",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.level("a/x", 9, 0)
				b.level("b/1", 1, 0)
				b.move("b/1", "a/1")
				b.move("a/1", "b/1")
			},
			from: "b/1", to: "a/x",
			want: "<none>",
			msg:  "nothing leads to A/X: no level promotes or moves to it and no program leads to it",
		},
		{
			name: "unreachable with a cycle of moves",
			site: func(b *builder) {
				b.ladder("a", 1, 12)
				b.ladder("b", 1, 12)
				b.level("c/1", 1, 12)
				b.level("c/2", 2, 12)
				b.next("c/1", "c/2")
				b.move("a/1", "b/1")
				b.move("b/1", "a/1")
				b.move("c/2", "a/1")
				b.level("d/1", 1, 12)
				b.move("d/1", "c/2")
			},
			from: "a/1", to: "c/2",
			want: "<none>",
			msg:  "no route from A/1 to C/2: no level you can reach is promoted or moved to it",
		},
		{
			name: "cycles: moves back and forth are not looped",
			site: func(b *builder) {
				b.ladder("a", 2, 12)
				b.ladder("b", 2, 12)
				b.move("a/1", "b/1")
				b.move("b/1", "a/1")
				b.move("a/2", "b/2")
				b.move("b/2", "a/2")
			},
			from: "a/1", to: "b/2", alts: 10,
			want:     "a/1 -promotion-> a/2 -move-> b/2 (24m)",
			wantAlts: []string{"a/1 -move-> b/1 -promotion-> b/2 (24m)"},
		},
		{
			name: "ties broken by months",
			site: func(b *builder) {
				b.level("a/1", 1, 0)
				b.level("x/1", 1, 12)
				b.level("y/1", 1, 6)
				b.level("z/1", 1, 1)
				b.move("a/1", "x/1", "y/1")
				b.move("x/1", "z/1")
				b.move("y/1", "z/1")
			},
			from: "a/1", to: "z/1",
			want:     "a/1 -move-> y/1 -move-> z/1 (7m)",
			wantAlts: []string{"a/1 -move-> x/1 -move-> z/1 (13m)"},
		},
		{
			name: "alternatives in order, bounded by K",
			site: func(b *builder) {
				b.level("s/1", 1, 0)
				b.level("t/1", 1, 0)
				for i, m := range []int{9, 3, 5, 7, 1} {
					id := fmt.Sprintf("m%d/1", i)
					b.level(id, 1, m)
					b.move("s/1", id)
					b.move(id, "t/1")
				}
				b.program("direct", []string{"s"}, "t/1")
			},
			from: "s/1", to: "t/1", alts: 3,
			want: "s/1 =direct=> t/1 (0m)",
			wantAlts: []string{
				"s/1 -move-> m4/1 -move-> t/1 (1m)",
				"s/1 -move-> m1/1 -move-> t/1 (3m)",
				"s/1 -move-> m2/1 -move-> t/1 (5m)",
			},
		},
		{
			name: "equal routes ordered by key",
			site: func(b *builder) {
				b.level("s/1", 1, 0)
				b.level("t/1", 1, 0)
				b.program("q", []string{"s"}, "t/1")
				b.program("p", []string{"s"}, "t/1")
			},
			from: "s/1", to: "t/1",
			want:     "s/1 =q=> t/1 (0m)",
			wantAlts: []string{"s/1 =p=> t/1 (0m)"},
		},
		{
			name: "same level",
			site: func(b *builder) { b.ladder("a", 2, 12) },
			from: "a/1", to: "a/1",
			want: "<empty>",
			msg:  "you are already at A/1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newBuilder()
			tt.site(b)
			res := Find(b.s, b.s.LevelByID(tt.from), b.s.LevelByID(tt.to), Options{Alternatives: tt.alts})
			if got := describe(res.Route); got != tt.want {
				t.Errorf("route = %s\n          want %s", got, tt.want)
			}
			var alts []string
			for _, a := range res.Alternatives {
				alts = append(alts, describe(a))
			}
			if tt.wantAlts != nil && !slices.Equal(alts, tt.wantAlts) {
				t.Errorf("alternatives =\n  %s\nwant\n  %s", strings.Join(alts, "\n  "), strings.Join(tt.wantAlts, "\n  "))
			}
			if res.Message != tt.msg {
				t.Errorf("message = %q\n     want %q", res.Message, tt.msg)
			}
		})
	}
}

func TestAlternativesAreLoopFreeAndOrdered(t *testing.T) {
	b := newBuilder()
	// A dense little graph: everything moves to everything.
	var ids []string
	for i := range 6 {
		id := fmt.Sprintf("n%d/1", i)
		b.level(id, 1, i)
		ids = append(ids, id)
	}
	for _, x := range ids {
		for _, y := range ids {
			if x != y {
				b.move(x, y)
			}
		}
	}
	b.program("open", nil, "n5/1", "n3/1")
	res := Find(b.s, b.s.LevelByID("n0/1"), b.s.LevelByID("n5/1"), Options{Alternatives: MaxAlternatives})
	all := append([]*Route{res.Route}, res.Alternatives...)
	if len(all) != MaxAlternatives+1 {
		t.Fatalf("got %d routes, want %d", len(all), MaxAlternatives+1)
	}
	keys := map[string]bool{}
	for i, r := range all {
		k := r.Key()
		if keys[k] {
			t.Errorf("route %s found twice", k)
		}
		keys[k] = true
		seen := map[string]bool{}
		for _, part := range strings.Fields(k) {
			if seen[part] {
				t.Errorf("route %s passes %s twice", k, part)
			}
			seen[part] = true
		}
		if i > 0 {
			p := all[i-1]
			unknowns := func(r *Route) int {
				n := 0
				for _, st := range r.Steps {
					if st.ProgramTimeUnknown {
						n++
					}
				}
				return n
			}
			a, z := [3]int{len(p.Steps), unknowns(p), p.Months}, [3]int{len(r.Steps), unknowns(r), r.Months}
			if slices.Compare(z[:], a[:]) < 0 {
				t.Errorf("route %d (%s) is shorter than route %d (%s)", i, describe(r), i-1, describe(p))
			}
		}
	}
}

func TestStepDetails(t *testing.T) {
	b := newBuilder()
	safety := b.course("safety", 2)
	cloud := b.course("cloud", 24)
	linux := b.course("linux", 6.5)
	pre := b.course("pre", 3)
	a := b.level("a/1", 1, 0, "safety=2", "comm=1")
	a.Required = []*site.Course{safety}
	mid := b.level("it/1", 1, 0, "comm=2", "linux=1", "safety=2")
	mid.Required = []*site.Course{linux, safety}
	top := b.level("cloud/1", 1, 12, "linux=3", "comm=2", "design=1")
	top.Required = []*site.Course{cloud, linux}
	p := b.program("career", []string{"a"}, "it/1")
	p.Eligibility.MinTenureMonths = 3
	p.Eligibility.Courses = []*site.Course{safety, pre}
	p.Eligibility.Approval = "manager"
	p.Funding = site.Funding{TuitionPercent: 95, Cap: 5250, Currency: "USD", Covers: []string{"books", "fees"}}
	p.Paid = true
	b.move("it/1", "cloud/1")

	res := Find(b.s, a, top, Options{})
	if got, want := describe(res.Route), "a/1 =career=> it/1 -move-> cloud/1 (12m)"; got != want {
		t.Fatalf("route = %s, want %s", got, want)
	}
	s0, s1 := res.Route.Steps[0], res.Route.Steps[1]
	if want := "95% of tuition, up to USD 5,250 a year; covers books, fees; paid while you learn"; s0.Funding != want {
		t.Errorf("funding = %q, want %q", s0.Funding, want)
	}
	if c := s0.Conditions; c == nil || c.MinTenureMonths != 3 || c.Approval != "manager" || len(c.Courses) != 1 || c.Courses[0] != pre {
		t.Errorf("conditions = %+v, want 3 months, manager, course pre only (safety is required at the start)", c)
	}
	gaps := func(gs []Gap) string {
		var out []string
		for _, g := range gs {
			out = append(out, fmt.Sprintf("%s:%d>%d", g.ID, g.From, g.To))
		}
		return strings.Join(out, " ")
	}
	if got, want := gaps(s0.Gaps), "comm:1>2 linux:0>1"; got != want {
		t.Errorf("step 1 gaps = %s, want %s", got, want)
	}
	if got, want := gaps(s1.Gaps), "linux:1>3 design:0>1"; got != want {
		t.Errorf("step 2 gaps = %s, want %s", got, want)
	}
	if len(s0.Courses) != 1 || s0.Courses[0] != linux || s0.Hours != 6.5 {
		t.Errorf("step 1 courses = %v (%v h), want linux only (6.5 h)", s0.Courses, s0.Hours)
	}
	if len(s1.Courses) != 1 || s1.Courses[0] != cloud || s1.Hours != 24 {
		t.Errorf("step 2 courses = %v (%v h), want cloud only (24 h)", s1.Courses, s1.Hours)
	}
	if s1.Conditions != nil || s1.Program != nil || s1.Months != 12 {
		t.Errorf("step 2 = %+v, want a move of 12 months without program", s1)
	}
	if res.Route.Hours != 30.5 || res.Route.Months != 12 {
		t.Errorf("totals = %v h, %d months, want 30.5 h, 12 months", res.Route.Hours, res.Route.Months)
	}
	d := NewDoc(b.s, res)
	if g := d.Route.Steps[1].Gaps[0]; g.FromName != "Awareness" || g.ToName != "Proficient" || g.Title != "Comp linux" {
		t.Errorf("doc gap = %+v", g)
	}
	if d.Route.Key != "a/1 @career it/1 cloud/1" {
		t.Errorf("key = %q", d.Route.Key)
	}
}

// TestLargeSiteIsBounded runs searches on a site of 10,000 levels with
// programs open to everyone, which would give millions of routes to a
// search that enumerated them.
func TestLargeSiteIsBounded(t *testing.T) {
	b := newBuilder()
	const tracks, per = 1250, 8
	for i := range tracks {
		b.ladder(fmt.Sprintf("t%d", i), per, 6+i%7)
		if i > 0 {
			b.move(fmt.Sprintf("t%d/3", i-1), fmt.Sprintf("t%d/2", i))
		}
	}
	for i := range 200 {
		b.program(fmt.Sprintf("p%d", i), nil, fmt.Sprintf("t%d/4", (i*37)%tracks), fmt.Sprintf("t%d/1", (i*91)%tracks))
	}
	g := NewGraph(b.s)
	start := time.Now()
	for _, pair := range [][2]string{{"t0/1", "t1249/8"}, {"t5/8", "t900/3"}, {"t17/2", "t17/1"}} {
		res := g.Find(b.s.LevelByID(pair[0]), b.s.LevelByID(pair[1]), Options{Alternatives: 3})
		if res.Route == nil && pair[1] != "t17/1" {
			t.Errorf("%s → %s: no route: %s", pair[0], pair[1], res.Message)
		}
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("three searches took %v", d)
	}
	t.Logf("three searches on %d levels took %v", len(b.s.Levels), time.Since(start))
}

// TestProgramTime checks that a program's months count in a route as a
// range, that a program without months makes the time unknown rather
// than short, and that ranking by time prefers a longer but quicker
// route.
func TestProgramTime(t *testing.T) {
	b := newBuilder()
	b.ladder("a", 4, 12) // a/1 → a/4: three promotions, 36 months
	b.level("b/1", 1, 6)
	b.next("b/1", "a/4")
	quick := b.program("quick", []string{"a/1"}, "b/1")
	quick.Months = site.Months{Min: 3, Max: 6}
	slow := b.program("slow", []string{"a/1"}, "a/4")
	slow.Months = site.Months{Min: 48, Max: 60}
	b.program("vague", []string{"a/2"}, "a/4")
	from, to := b.s.LevelByID("a/1"), b.s.LevelByID("a/4")

	type want struct {
		route    string
		lo, hi   int
		unknown  bool
		timeText string
	}
	check := func(name string, r *Route, w want) {
		t.Helper()
		if got := describe(r); got != w.route {
			t.Errorf("%s: route %s, want %s", name, got, w.route)
			return
		}
		if r.Months != w.lo || r.MonthsMax != w.hi || r.ProgramTimeUnknown != w.unknown {
			t.Errorf("%s: months %d–%d unknown %v, want %d–%d unknown %v", name, r.Months, r.MonthsMax, r.ProgramTimeUnknown, w.lo, w.hi, w.unknown)
		}
		if got := TimeText(r.Months, r.MonthsMax, r.ProgramTimeUnknown); got != w.timeText {
			t.Errorf("%s: time %q, want %q", name, got, w.timeText)
		}
	}
	res := Find(b.s, from, to, Options{Alternatives: 3})
	// By steps the slow program (one step) wins; among the two-step
	// routes the unknown one is not counted as quicker than it is.
	check("steps", res.Route, want{"a/1 =slow=> a/4 (60m)", 60, 72, false, "typically 60–72 months"})
	var alts []string
	for _, a := range res.Alternatives {
		alts = append(alts, fmt.Sprintf("%s %s", describe(a), TimeText(a.Months, a.MonthsMax, a.ProgramTimeUnknown)))
	}
	wantAlts := []string{
		"a/1 =quick=> b/1 -promotion-> a/4 (21m) typically 21–24 months",
		"a/1 -promotion-> a/2 =vague=> a/4 (24m) typically 24 months plus program time",
		"a/1 -promotion-> a/2 -promotion-> a/3 -promotion-> a/4 (36m) typically 36 months",
	}
	if !slices.Equal(alts, wantAlts) {
		t.Errorf("alternatives by steps:\n%s\nwant\n%s", strings.Join(alts, "\n"), strings.Join(wantAlts, "\n"))
	}
	res = Find(b.s, from, to, Options{Alternatives: 3, By: ByTime})
	check("time", res.Route, want{"a/1 =quick=> b/1 -promotion-> a/4 (21m)", 21, 24, false, "typically 21–24 months"})
	alts = alts[:0]
	for _, a := range res.Alternatives {
		alts = append(alts, describe(a))
	}
	// Known times first, quickest first; the route through the program
	// without months comes last, however few months it shows.
	wantAlts = []string{
		"a/1 -promotion-> a/2 -promotion-> a/3 -promotion-> a/4 (36m)",
		"a/1 =slow=> a/4 (60m)",
		"a/1 -promotion-> a/2 =vague=> a/4 (24m)",
	}
	if !slices.Equal(alts, wantAlts) {
		t.Errorf("alternatives by time:\n%s\nwant\n%s", strings.Join(alts, "\n"), strings.Join(wantAlts, "\n"))
	}
	d := NewDoc(b.s, res)
	if st := d.Route.Steps[0]; st.Program == nil || !slices.Equal(st.Program.Months, []int{3, 6}) || st.Months != 9 || st.MonthsMax != 12 {
		t.Errorf("first step of the doc: %+v", st)
	}
}

func TestTimeText(t *testing.T) {
	for _, c := range []struct {
		lo, hi  int
		unknown bool
		want    string
	}{
		{0, 0, false, ""},
		{0, 0, true, "program time not given"},
		{1, 1, false, "typically 1 month"},
		{18, 24, false, "typically 18–24 months"},
		{12, 12, true, "typically 12 months plus program time"},
	} {
		if got := TimeText(c.lo, c.hi, c.unknown); got != c.want {
			t.Errorf("TimeText(%d, %d, %v) = %q, want %q", c.lo, c.hi, c.unknown, got, c.want)
		}
	}
}
