// Package route finds how an employee gets from one level of a career
// framework to another: by promotions, lateral moves to other tracks, and the
// learning programs that lead into a level. It reads a checked site.Site (its
// resolved pointers) and does no I/O.
//
// # The graph
//
// Levels are the places an employee can be. From a level there are three
// kinds of step:
//
//   - a promotion to each level of Level.Next;
//   - a move to each level of Level.Moves (a move to a level that is also a
//     promotion target is the promotion);
//   - a program step through each program whose Eligibility.Admits the level,
//     to each level of Program.LeadsTo.
//
// Programs are nodes of their own in the graph that the search walks: a step
// into a program costs the step, and each way out of it costs the months of
// the level it leads to. So a program that admits every level of a large site
// and leads to three levels adds a few hundred edges, not millions, and a
// route never passes through the same program twice.
//
// # Order
//
// The shortest route has the fewest steps, then the least typical time (or,
// with Options.By = ByTime, the least time, then the fewest steps): a step
// takes the target level's MinMonths (its typical time in the previous
// level), and a program step adds the program's Months, a range. A program
// without Months counts as unknown time, never as zero: the route says so
// (ProgramTimeUnknown), and ranking by time puts the routes whose time is
// known first (and ranking by steps, among routes of as many steps).
// Ties are broken the same way every time: the search is Dijkstra's
// algorithm over (steps, unknowns, months, months at most), compared in
// the rank's order, with a stable priority queue and
// neighbours in site order.
// Alternatives are the next K loop-free routes in the same order, found with
// Yen's algorithm; when several candidates tie, the one with the least Key
// comes first. The theme's path finder
// (themes/default/assets/tools.js) implements the same algorithm over the
// tools' data (internal/datafile), and a browser test checks that both
// agree on every pair of levels of the example site.
//
// # Bounds
//
// One search visits each level and program at most once and stops when it
// reaches the target; Yen's algorithm runs at most K times the route's length
// searches. The work is thus bounded by O(K·L·(E + N·P)) for a route of L steps
// in a graph of N levels, E promotions and moves and P programs, whatever the
// shape of the graph.
package route

import (
	"fmt"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Kind is the kind of a step.
type Kind string

// The kinds of step.
const (
	Promotion Kind = "promotion"
	Move      Kind = "move"
	Program   Kind = "program"
)

// DefaultAlternatives is the number of alternatives Find looks for when
// Options.Alternatives is 0.
const DefaultAlternatives = 3

// MaxAlternatives bounds Options.Alternatives.
const MaxAlternatives = 10

// Options control a search.
type Options struct {
	// Alternatives is how many routes besides the shortest to look for:
	// 0 means DefaultAlternatives, a negative number none. At most
	// MaxAlternatives are returned.
	Alternatives int
	// By is what "shortest" means: the fewest steps (the default) or the
	// least time.
	By Rank
}

// Rank is the order of routes. A program without months is never taken
// for a quick one: of two routes that are otherwise equal, the one with
// fewer such programs comes first.
type Rank uint8

// The orders of routes. BySteps puts the fewest steps first, then the
// fewest programs without months, then the least time; ByTime puts the routes whose time is known first (no
// program on them without months), then the least time (the low end of
// the range, then the high end), then the fewest steps.
const (
	BySteps Rank = iota
	ByTime
)

// ParseRank returns the Rank named "steps" or "time".
func ParseRank(name string) (Rank, bool) {
	switch name {
	case "steps", "":
		return BySteps, true
	case "time":
		return ByTime, true
	}
	return BySteps, false
}

// String returns "steps" or "time".
func (r Rank) String() string {
	if r == ByTime {
		return "time"
	}
	return "steps"
}

// Gap is a competency that the level a step leads to expects above what the
// level it starts from expects.
type Gap struct {
	ID         string           // the competency's id
	Competency *site.Competency // nil when the site does not define it
	From, To   int              // points on the scale; From is 0 when not expected
}

// Conditions are what an employee must still meet to join a program: the
// tenure, the courses that no level earlier on the route requires, and who
// approves.
type Conditions struct {
	MinTenureMonths int
	Courses         []*site.Course
	Approval        string
	Note            string
}

// Step is one move along a route.
type Step struct {
	Kind     Kind
	From, To *site.Level
	// Program is the program taken, for program steps.
	Program *site.Program
	// Funding summarises what the program pays for (see FundingSummary).
	Funding string
	// Conditions are the program's eligibility conditions still to meet,
	// or nil when there are none or the step is not a program.
	Conditions *Conditions
	// Gaps are the competencies To expects above what From expects, in the
	// order To lists them.
	Gaps []Gap
	// Courses are the courses To requires that no level earlier on the
	// route (the start included) requires, and Hours their hours.
	Courses []*site.Course
	Hours   float64
	// Months and MonthsMax are the typical time of the step, as a range:
	// To's MinMonths, plus the program's months for a program step.
	// ProgramTimeUnknown says that the step's program gives no months,
	// so that the step takes longer than Months by the program's time.
	Months, MonthsMax  int
	ProgramTimeUnknown bool
}

// Route is a sequence of steps from one level to another.
type Route struct {
	Steps []Step
	// Months and MonthsMax are the sums of the steps' ranges;
	// ProgramTimeUnknown says that a program on the route gives no months,
	// so that the route takes longer than Months by the program's time.
	Months, MonthsMax  int
	ProgramTimeUnknown bool
	Hours              float64 // the sum of the steps' course hours
}

// Key identifies a route by the levels and programs it passes through:
// "a/x @prog b/y c/z". Routes with the same steps and months are ordered by
// their keys.
func (r *Route) Key() string {
	if len(r.Steps) == 0 {
		return ""
	}
	parts := []string{r.Steps[0].From.FullID()}
	for _, s := range r.Steps {
		if s.Program != nil {
			parts = append(parts, "@"+s.Program.ID)
		}
		parts = append(parts, s.To.FullID())
	}
	return strings.Join(parts, " ")
}

// Result is the answer to a search.
type Result struct {
	From, To *site.Level
	// Route is the shortest route, or nil when there is none. From and To
	// being the same level gives an empty route with a Message.
	Route *Route
	// Alternatives are other loop-free routes, shortest first.
	Alternatives []*Route
	// Message says why there is no route, or that From and To are the same
	// level; it is empty when a route was found.
	Message string
}

// Graph is the graph of a site's levels and programs, ready for searches. It
// is immutable once made and safe for concurrent use.
type Graph struct {
	site   *site.Site
	levels []*site.Level
	index  map[*site.Level]int32
	progs  []*site.Program
	// out holds each level's promotion and move edges, in site order.
	out [][]edge
	// leads holds each program's leads_to as nodes; open tells the programs
	// that admit every level.
	leads     [][]int32
	open      []bool
	withLeads []int32 // the programs that lead somewhere
	// by is the order of the search in progress (see cost.less); a Graph
	// shared between goroutines is copied per search.
	by Rank
}

type edge struct {
	to   int32
	kind Kind
}

// NewGraph prepares the graph of a checked site.
func NewGraph(s *site.Site) *Graph {
	g := &Graph{site: s, levels: s.Levels, progs: s.Programs, index: make(map[*site.Level]int32, len(s.Levels))}
	for i, l := range s.Levels {
		g.index[l] = int32(i)
	}
	g.out = make([][]edge, len(s.Levels))
	for i, l := range s.Levels {
		var es []edge
		seen := map[int32]bool{}
		add := func(to *site.Level, k Kind) {
			j, ok := g.index[to]
			if !ok || int(j) == i || seen[j] {
				return
			}
			seen[j] = true
			es = append(es, edge{j, k})
		}
		for _, n := range l.Next {
			add(n, Promotion)
		}
		for _, m := range l.Moves {
			add(m, Move)
		}
		g.out[i] = es
	}
	g.leads = make([][]int32, len(s.Programs))
	g.open = make([]bool, len(s.Programs))
	for i, p := range s.Programs {
		for _, l := range p.LeadsTo {
			if j, ok := g.index[l]; ok {
				g.leads[i] = append(g.leads[i], j)
			}
		}
		g.open[i] = len(p.Eligibility.Tracks) == 0 && len(p.Eligibility.Levels) == 0
		if len(g.leads[i]) > 0 {
			g.withLeads = append(g.withLeads, int32(i))
		}
	}
	return g
}

// Find returns the shortest route from one level to another and up to
// opts.Alternatives others. It is NewGraph(s).Find(from, to, opts).
func Find(s *site.Site, from, to *site.Level, opts Options) *Result {
	return NewGraph(s).Find(from, to, opts)
}

// Find returns the shortest route from one level to another, and other
// loop-free routes in the same order.
func (g *Graph) Find(from, to *site.Level, opts Options) *Result {
	res := &Result{From: from, To: to}
	if from == to {
		res.Route = &Route{}
		res.Message = fmt.Sprintf("you are already at %s", from.Title)
		return res
	}
	src, ok1 := g.index[from]
	dst, ok2 := g.index[to]
	if !ok1 || !ok2 {
		res.Message = "the level is not part of this site"
		return res
	}
	k := opts.Alternatives
	if k == 0 {
		k = DefaultAlternatives
	}
	k = min(max(k, 0), MaxAlternatives)
	if opts.By != g.by {
		c := *g
		c.by = opts.By
		g = &c
	}
	paths := g.yen(src, dst, k+1)
	if len(paths) == 0 {
		res.Message = g.why(from, to)
		return res
	}
	res.Route = g.build(paths[0])
	for _, p := range paths[1:] {
		res.Alternatives = append(res.Alternatives, g.build(p))
	}
	return res
}

// A node is a level (0..N-1) or a program (N..N+P-1).

func (g *Graph) isProgram(n int32) bool { return int(n) >= len(g.levels) }

// cost is the cost of a path: its steps, the low and high ends of its
// months, and the number of programs on it that give no months. Costs add
// up component by component and are compared in the order of a Rank
// (see cost.less), so that Dijkstra's and Yen's algorithms work as they do
// on numbers.
type cost struct {
	steps, months, monthsMax, unknown int
	by                                Rank
}

func (a cost) less(b cost) bool {
	x := [4]int{a.steps, a.unknown, a.months, a.monthsMax}
	y := [4]int{b.steps, b.unknown, b.months, b.monthsMax}
	if a.by == ByTime {
		x = [4]int{a.unknown, a.months, a.monthsMax, a.steps}
		y = [4]int{b.unknown, b.months, b.monthsMax, b.steps}
	}
	for i := range x {
		if x[i] != y[i] {
			return x[i] < y[i]
		}
	}
	return false
}

func (a cost) add(b cost) cost {
	return cost{a.steps + b.steps, a.months + b.months, a.monthsMax + b.monthsMax, a.unknown + b.unknown, a.by}
}

func (a cost) sub(b cost) cost {
	return cost{a.steps - b.steps, a.months - b.months, a.monthsMax - b.monthsMax, a.unknown - b.unknown, a.by}
}

// stepCost is the cost of a promotion or move to level j.
func (g *Graph) stepCost(j int32) cost {
	m := g.levels[j].MinMonths
	return cost{1, m, m, 0, g.by}
}

// leadCost is the cost of leaving program i for level j: the level's
// months and the program's.
func (g *Graph) leadCost(i int, j int32) cost {
	m, pm := g.levels[j].MinMonths, g.progs[i].Months
	c := cost{0, m + pm.Min, m + pm.Max, 0, g.by}
	if !pm.Known() {
		c.unknown = 1
	}
	return c
}

// neighbours calls f for each edge out of node n, in a fixed order: a
// level's promotions, moves, then the programs that admit it, in site
// order; a program's leads_to. pending lists the programs not reached yet,
// in site order; neighbours drops those that reached reports as reached,
// because a level is popped no earlier than the one that reached them and so
// could not reach them at a lower cost. This keeps a search over many levels
// and programs open to everyone linear.
func (g *Graph) neighbours(n int32, pending *[]int32, reached func(int32) bool, f func(to int32, c cost)) {
	nl := int32(len(g.levels))
	if n >= nl {
		for _, j := range g.leads[n-nl] {
			f(j, g.leadCost(int(n-nl), j))
		}
		return
	}
	for _, e := range g.out[n] {
		f(e.to, g.stepCost(e.to))
	}
	l := g.levels[n]
	keep := (*pending)[:0]
	for _, i := range *pending {
		pn := nl + i
		if reached(pn) {
			continue
		}
		if g.open[i] || g.progs[i].Eligibility.Admits(l) {
			f(pn, cost{steps: 1, by: g.by})
		}
		if !reached(pn) {
			keep = append(keep, i)
		}
	}
	*pending = keep
}

// removed holds what a spur search of Yen's algorithm may not use.
type removed struct {
	nodes map[int32]bool
	edges map[[2]int32]bool
}

// shortest runs Dijkstra's algorithm from src to dst, avoiding rm, and
// returns the path as nodes, or nil. Ties are broken by the order in which
// nodes were first reached, which the neighbour order fixes. When limit is
// not nil, the search gives up on paths that cost more than it: Yen's
// algorithm does not need them.
func (g *Graph) shortest(src, dst int32, rm removed, limit *cost) []int32 {
	n := len(g.levels) + len(g.progs)
	dist := make([]cost, n)
	prev := make([]int32, n)
	state := make([]uint8, n) // 0 unreached, 1 reached, 2 done
	var q queue
	state[src] = 1
	q.push(item{src, cost{by: g.by}, 0})
	seq := 1
	reached := func(x int32) bool { return state[x] != 0 }
	pending := slices.Clone(g.withLeads)
	for q.len() > 0 {
		it := q.pop()
		if state[it.node] == 2 {
			continue
		}
		if limit != nil && limit.less(it.c) {
			break
		}
		state[it.node] = 2
		if it.node == dst {
			break
		}
		g.neighbours(it.node, &pending, reached, func(to int32, c cost) {
			if state[to] == 2 || rm.nodes[to] || rm.edges[[2]int32{it.node, to}] {
				return
			}
			nc := it.c.add(c)
			if state[to] == 1 && !nc.less(dist[to]) {
				return
			}
			state[to] = 1
			dist[to] = nc
			prev[to] = it.node
			q.push(item{to, nc, seq})
			seq++
		})
	}
	if state[dst] != 2 {
		return nil
	}
	path := []int32{dst}
	for cur := dst; cur != src; {
		cur = prev[cur]
		path = append(path, cur)
	}
	slices.Reverse(path)
	return path
}

// pathCost is the cost of a path of nodes.
func (g *Graph) pathCost(p []int32) cost {
	c := cost{by: g.by}
	nl := int32(len(g.levels))
	for i := 1; i < len(p); i++ {
		switch {
		case g.isProgram(p[i]):
			c = c.add(cost{steps: 1, by: g.by})
		case g.isProgram(p[i-1]):
			c = c.add(g.leadCost(int(p[i-1]-nl), p[i]))
		default:
			c = c.add(g.stepCost(p[i]))
		}
	}
	return c
}

// key is the Key of the route a path of nodes gives.
func (g *Graph) key(p []int32) string {
	parts := make([]string, len(p))
	for i, n := range p {
		if g.isProgram(n) {
			parts[i] = "@" + g.progs[int(n)-len(g.levels)].ID
		} else {
			parts[i] = g.levels[n].FullID()
		}
	}
	return strings.Join(parts, " ")
}

// yen returns up to k loop-free paths from src to dst, shortest first
// (Yen's algorithm).
func (g *Graph) yen(src, dst int32, k int) [][]int32 {
	first := g.shortest(src, dst, removed{}, nil)
	if first == nil {
		return nil
	}
	type cand struct {
		path []int32
		c    cost
		key  string
	}
	found := [][]int32{first}
	seen := map[string]bool{g.key(first): true}
	var pool []cand
	for len(found) < k {
		last := found[len(found)-1]
		for i := 0; i < len(last)-1; i++ {
			root := last[:i+1]
			rm := removed{nodes: map[int32]bool{}, edges: map[[2]int32]bool{}}
			for _, p := range found {
				if len(p) > i+1 && slices.Equal(p[:i+1], root) {
					rm.edges[[2]int32{p[i], p[i+1]}] = true
				}
			}
			for _, n := range root[:i] {
				rm.nodes[n] = true
			}
			// With enough candidates in the pool, a spur path that costs
			// more than the worst of the ones still needed is useless.
			var limit *cost
			if need := k - len(found); len(pool) >= need {
				cs := make([]cost, len(pool))
				for j, c := range pool {
					cs[j] = c.c
				}
				slices.SortFunc(cs, func(a, b cost) int {
					if a.less(b) {
						return -1
					}
					if b.less(a) {
						return 1
					}
					return 0
				})
				l := cs[need-1].sub(g.pathCost(root))
				limit = &l
			}
			spur := g.shortest(last[i], dst, rm, limit)
			if spur == nil {
				continue
			}
			p := append(slices.Clone(root[:i]), spur...)
			key := g.key(p)
			if seen[key] {
				continue
			}
			seen[key] = true
			pool = append(pool, cand{p, g.pathCost(p), key})
		}
		if len(pool) == 0 {
			break
		}
		best := 0
		for j := 1; j < len(pool); j++ {
			a, b := pool[j], pool[best]
			if a.c.less(b.c) || (a.c == b.c && a.key < b.key) {
				best = j
			}
		}
		found = append(found, pool[best].path)
		pool = slices.Delete(pool, best, best+1)
	}
	return found
}

// build turns a path of nodes into a Route with the details of each step.
func (g *Graph) build(p []int32) *Route {
	r := &Route{}
	from := g.levels[p[0]]
	required := map[*site.Course]bool{}
	for _, c := range from.Required {
		required[c] = true
	}
	for i := 1; i < len(p); i++ {
		st := Step{From: from}
		if g.isProgram(p[i]) {
			st.Kind = Program
			st.Program = g.progs[int(p[i])-len(g.levels)]
			st.Funding = FundingSummary(st.Program)
			st.Conditions = conditions(st.Program, required)
			i++
		} else if slices.Contains(from.Next, g.levels[p[i]]) {
			st.Kind = Promotion
		} else {
			st.Kind = Move
		}
		st.To = g.levels[p[i]]
		st.Gaps = g.gaps(from, st.To)
		for _, c := range st.To.Required {
			if !required[c] {
				required[c] = true
				st.Courses = append(st.Courses, c)
				st.Hours += c.Hours
			}
		}
		st.Months, st.MonthsMax = st.To.MinMonths, st.To.MinMonths
		if p := st.Program; p != nil {
			st.Months += p.Months.Min
			st.MonthsMax += p.Months.Max
			st.ProgramTimeUnknown = !p.Months.Known()
		}
		r.Steps = append(r.Steps, st)
		r.Months += st.Months
		r.MonthsMax += st.MonthsMax
		r.ProgramTimeUnknown = r.ProgramTimeUnknown || st.ProgramTimeUnknown
		r.Hours += st.Hours
		from = st.To
	}
	return r
}

// gaps lists the competencies to expects above what from expects.
func (g *Graph) gaps(from, to *site.Level) []Gap {
	var out []Gap
	for _, e := range to.Expectations {
		cur := 0
		if x := from.Expectation(e.CompetencyID); x != nil {
			cur = x.Level
		}
		if e.Level > cur {
			out = append(out, Gap{ID: e.CompetencyID, Competency: g.site.CompetencyByID(e.CompetencyID), From: cur, To: e.Level})
		}
	}
	return out
}

// conditions returns the eligibility conditions of p still to meet, given
// the courses required so far on the route, or nil when there are none.
func conditions(p *site.Program, required map[*site.Course]bool) *Conditions {
	e := &p.Eligibility
	c := &Conditions{MinTenureMonths: e.MinTenureMonths, Approval: e.Approval, Note: e.Note}
	for _, x := range e.Courses {
		if !required[x] {
			c.Courses = append(c.Courses, x)
		}
	}
	if c.MinTenureMonths == 0 && len(c.Courses) == 0 && c.Approval == "" && c.Note == "" {
		return nil
	}
	return c
}

// FundingSummary summarises what a program pays for in one line:
// "95% of tuition, up to USD 5,250 a year; covers books, fees; paid while
// you learn". It is "" when the program publishes nothing.
func FundingSummary(p *site.Program) string {
	f := &p.Funding
	var parts []string
	if f.TuitionPercent > 0 {
		s := trimFloat(f.TuitionPercent) + "% of tuition"
		if f.Cap > 0 {
			s += ", up to " + money(f.Cap, f.Currency) + " a year"
		}
		parts = append(parts, s)
	}
	if len(f.Covers) > 0 {
		parts = append(parts, "covers "+strings.Join(f.Covers, ", "))
	}
	if p.Paid {
		parts = append(parts, "paid while you learn")
	}
	return strings.Join(parts, "; ")
}

// trimFloat formats f with at most two decimals and no trailing zeros.
func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// money formats a whole amount with thousands separators and its currency.
func money(f float64, currency string) string {
	s := fmt.Sprintf("%d", int64(f))
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if currency != "" {
		return currency + " " + b.String()
	}
	return b.String()
}

// why explains why no route leads from one level to another.
func (g *Graph) why(from, to *site.Level) string {
	if from.Track == to.Track && from.Path == to.Path && to.Rank < from.Rank {
		return fmt.Sprintf("%s is below %s on the same path", to.Title, from.Title)
	}
	if from.Track != to.Track {
		into := false
		for _, l := range to.Track.Levels {
			for _, x := range slices.Concat(l.Prev, l.MovesIn) {
				into = into || x.Track != to.Track
			}
			into = into || len(l.LedBy) > 0
		}
		if !into {
			return fmt.Sprintf("no promotion, move or program leads into track %s", to.Track.Title)
		}
	}
	if len(to.Prev) == 0 && len(to.MovesIn) == 0 && len(to.LedBy) == 0 {
		return fmt.Sprintf("nothing leads to %s: no level promotes or moves to it and no program leads to it", to.Title)
	}
	if len(to.LedBy) > 0 {
		names := make([]string, len(to.LedBy))
		for i, p := range to.LedBy {
			names[i] = p.Title
		}
		return fmt.Sprintf("no route from %s to %s: the programs that lead there (%s) admit no level you can reach, and no promotion or move leads there from one",
			from.Title, to.Title, strings.Join(names, ", "))
	}
	return fmt.Sprintf("no route from %s to %s: no level you can reach is promoted or moved to it", from.Title, to.Title)
}

// item is an entry of the priority queue.
type item struct {
	node int32
	c    cost
	seq  int
}

func (a item) less(b item) bool {
	if a.c != b.c {
		return a.c.less(b.c)
	}
	return a.seq < b.seq
}

// queue is a binary min-heap of items, ordered by cost, then by the order in
// which they were pushed, so that any two implementations pop the same
// sequence.
type queue struct{ h []item }

func (q *queue) len() int { return len(q.h) }

func (q *queue) push(x item) {
	q.h = append(q.h, x)
	i := len(q.h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.h[i].less(q.h[p]) {
			break
		}
		q.h[i], q.h[p] = q.h[p], q.h[i]
		i = p
	}
}

func (q *queue) pop() item {
	top := q.h[0]
	last := len(q.h) - 1
	q.h[0] = q.h[last]
	q.h = q.h[:last]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(q.h) && q.h[l].less(q.h[m]) {
			m = l
		}
		if r < len(q.h) && q.h[r].less(q.h[m]) {
			m = r
		}
		if m == i {
			break
		}
		q.h[i], q.h[m] = q.h[m], q.h[i]
		i = m
	}
	return top
}
