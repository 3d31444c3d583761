package chart

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// DAGInput describes a prerequisite graph: Nodes are courses, and each edge
// says From is a prerequisite of To. Focus is the optional key of the node
// the page is about, which is highlighted. ID must be unique on the page: it
// prefixes every id inside the drawing, including the arrowhead marker.
type DAGInput struct {
	ID, Title, Desc string
	Nodes           []DAGNode
	Edges           []DAGEdge
	Focus           string
}

// DAGNode is a course in a prerequisite graph: its key (used by edges and
// Focus), its label and the URL its box links to (optional).
type DAGNode struct {
	Key, Label, URL string
}

// DAGEdge says the node keyed From is a prerequisite of the node keyed To.
type DAGEdge struct {
	From, To string
}

// dagVert is a vertex of the layout graph: a real node or a dummy that
// carries a long edge through an intermediate layer.
type dagVert struct {
	node  int    // index into the input nodes, or -1 for a dummy
	key   string // sort key for ties
	layer int
	pos   int     // order within its layer
	x     float64 // centre
	w     float64
	up    []int // vertices in the layer above joined to this one
	down  []int // vertices in the layer below joined to this one
}

// dagEdge is an input edge as laid out: the chain of vertices from the upper
// end to the lower end, and whether it was reversed to break a cycle.
type dagEdge struct {
	from, to int // input node indices, original direction
	chain    []int
	reversed bool
}

// DAG draws a prerequisite graph top to bottom, which suits narrow screens:
// prerequisites above the courses that need them, one layer per step of the
// longest chain of prerequisites from a course that has none (such a course
// is placed just above the first course that needs it). Nodes within a
// layer are ordered by a few barycenter sweeps to reduce crossings, ties
// broken by key; edges are curves with arrowheads (a marker whose id is
// derived from ID), routed between the boxes of layers they skip. Labels
// longer than two lines are cut short, with the full label in a <title>
// child. The Focus node has the class node-focus and aria-current="page",
// and its edges the class edge-focus. Cycles do not belong in a
// prerequisite graph, but if the input has them the edges that close them
// are drawn dashed with the arrowhead at the top (class edge-back) instead
// of making the layout loop. Unknown keys, self-edges and duplicate edges
// are ignored. The table lists each course with its prerequisites.
func DAG(g DAGInput) Drawing {
	const (
		nodeW  = 156.0
		nodeH  = 46.0
		dummyW = 14.0
		gapX   = 18.0
		layerH = 92.0 // pitch between layers
	)
	id := cleanID(g.ID)
	title := orDefault(g.Title, "Prerequisite graph")

	// Nodes, deduplicated by key; edges between known, distinct nodes.
	var nodes []DAGNode
	idx := map[string]int{}
	for _, n := range g.Nodes {
		if _, dup := idx[n.Key]; dup || n.Key == "" {
			continue
		}
		idx[n.Key] = len(nodes)
		nodes = append(nodes, n)
	}
	var edges []dagEdge
	seen := map[[2]int]bool{}
	out := make([][]int, len(nodes)) // edge indices by source
	for _, e := range g.Edges {
		f, okf := idx[e.From]
		t, okt := idx[e.To]
		if !okf || !okt || f == t || seen[[2]int{f, t}] {
			continue
		}
		seen[[2]int{f, t}] = true
		out[f] = append(out[f], len(edges))
		edges = append(edges, dagEdge{from: f, to: t})
	}

	// Break cycles: a depth-first search in input order marks edges that
	// lead back to a vertex on the current path; those are laid out
	// reversed.
	state := make([]int8, len(nodes)) // 0 new, 1 on path, 2 done
	type frame struct{ v, next int }
	for s := range nodes {
		if state[s] != 0 {
			continue
		}
		stack := []frame{{s, 0}}
		state[s] = 1
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next == len(out[top.v]) {
				state[top.v] = 2
				stack = stack[:len(stack)-1]
				continue
			}
			ei := out[top.v][top.next]
			top.next++
			switch t := edges[ei].to; state[t] {
			case 1:
				edges[ei].reversed = true
			case 0:
				state[t] = 1
				stack = append(stack, frame{t, 0})
			}
		}
	}
	upper := func(e dagEdge) (int, int) {
		if e.reversed {
			return e.to, e.from
		}
		return e.from, e.to
	}

	// Layers: longest path from the sources, in topological order.
	indeg := make([]int, len(nodes))
	succ := make([][]int, len(nodes))
	for _, e := range edges {
		u, v := upper(e)
		succ[u] = append(succ[u], v)
		indeg[v]++
	}
	layer := make([]int, len(nodes))
	var queue []int
	for v := range nodes {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		for _, v := range succ[u] {
			layer[v] = max(layer[v], layer[u]+1)
			if indeg[v]--; indeg[v] == 0 {
				queue = append(queue, v)
			}
		}
	}
	// A course with no prerequisites of its own sits just above the first
	// course that needs it rather than in the top row, which shortens its
	// edges without changing any other layer.
	hasPred := make([]bool, len(nodes))
	for u := range succ {
		for _, v := range succ[u] {
			hasPred[v] = true
		}
	}
	for u := range nodes {
		if hasPred[u] || len(succ[u]) == 0 {
			continue
		}
		l := math.MaxInt
		for _, v := range succ[u] {
			l = min(l, layer[v]-1)
		}
		layer[u] = l
	}
	nLayers := 0
	for _, l := range layer {
		nLayers = max(nLayers, l+1)
	}

	// Vertices: real nodes, then dummies for edges that skip layers.
	verts := make([]dagVert, len(nodes))
	for i, n := range nodes {
		verts[i] = dagVert{node: i, key: n.Key, layer: layer[i], w: nodeW}
	}
	for ei := range edges {
		u, v := upper(edges[ei])
		chain := []int{u}
		for l := layer[u] + 1; l < layer[v]; l++ {
			verts = append(verts, dagVert{
				node:  -1,
				key:   fmt.Sprintf("%s\x00%s\x00%d\x00%d", nodes[u].Key, nodes[v].Key, l, ei),
				layer: l,
				w:     dummyW,
			})
			chain = append(chain, len(verts)-1)
		}
		chain = append(chain, v)
		for i := 1; i < len(chain); i++ {
			a, b := chain[i-1], chain[i]
			verts[a].down = append(verts[a].down, b)
			verts[b].up = append(verts[b].up, a)
		}
		edges[ei].chain = chain
	}

	// Order within layers: start by key, then barycenter sweeps down and
	// up, keeping the ordering with the fewest crossings.
	layers := make([][]int, nLayers)
	for v := range verts {
		layers[verts[v].layer] = append(layers[verts[v].layer], v)
	}
	for _, ls := range layers {
		slices.SortFunc(ls, func(a, b int) int { return cmp.Compare(verts[a].key, verts[b].key) })
		for p, v := range ls {
			verts[v].pos = p
		}
	}
	best := cloneLayers(layers)
	bestX := crossings(verts, layers)
	for iter := 0; iter < 6 && bestX > 0; iter++ {
		for l := 1; l < nLayers; l++ {
			sweep(verts, layers[l], func(v int) []int { return verts[v].up })
		}
		for l := nLayers - 2; l >= 0; l-- {
			sweep(verts, layers[l], func(v int) []int { return verts[v].down })
		}
		if x := crossings(verts, layers); x < bestX {
			bestX, best = x, cloneLayers(layers)
		}
	}
	layers = best
	for _, ls := range layers {
		for p, v := range ls {
			verts[v].pos = p
		}
	}

	// Horizontal positions: pack each layer, then pull vertices towards
	// their neighbours' mean while keeping order and spacing.
	for _, ls := range layers {
		x := 0.0
		for i, v := range ls {
			if i > 0 {
				x += (verts[ls[i-1]].w+verts[v].w)/2 + gapX
			}
			verts[v].x = x
		}
		shift := x / 2
		for _, v := range ls {
			verts[v].x -= shift
		}
	}
	for iter := 0; iter < 4; iter++ {
		for l := 1; l < nLayers; l++ {
			align(verts, layers[l], func(v int) []int { return verts[v].up }, gapX)
		}
		for l := nLayers - 2; l >= 0; l-- {
			align(verts, layers[l], func(v int) []int { return verts[v].down }, gapX)
		}
	}
	minX, maxX := math.Inf(1), math.Inf(-1)
	for _, v := range verts {
		minX = min(minX, v.x-v.w/2)
		maxX = max(maxX, v.x+v.w/2)
	}
	if len(verts) == 0 {
		minX, maxX = 0, nodeW
	}
	off := margin - minX
	for i := range verts {
		verts[i].x += off
	}
	w := maxX - minX + 2*margin
	layerY := func(l int) float64 { return margin + float64(l)*layerH } // top of a layer's boxes
	h := layerY(max(nLayers-1, 0)) + nodeH + margin

	// Ports: spread the ends of edges along the bottom and top of a box,
	// ordered by where the other end lies, so arrowheads do not pile up.
	outPort := make(map[[2]int]float64) // (vertex, next vertex) -> x
	inPort := make(map[[2]int]float64)  // (vertex, previous vertex) -> x
	spread := func(v int, others []int, ports map[[2]int]float64) {
		o := slices.Clone(others)
		slices.SortStableFunc(o, func(a, b int) int { return cmp.Compare(verts[a].x, verts[b].x) })
		n := len(o)
		width := 0.0
		if verts[v].node >= 0 && n > 1 {
			width = min(verts[v].w-40, float64(n-1)*16)
		}
		for i, u := range o {
			x := verts[v].x
			if n > 1 {
				x += -width/2 + width*float64(i)/float64(n-1)
			}
			ports[[2]int{v, u}] = x
		}
	}
	for v := range verts {
		spread(v, verts[v].down, outPort)
		spread(v, verts[v].up, inPort)
	}

	focus, hasFocus := idx[g.Focus]
	desc := g.Desc
	if strings.TrimSpace(desc) == "" {
		desc = fmt.Sprintf("Prerequisite graph of %d courses and %d prerequisite links, drawn top to bottom: each arrow points from a prerequisite to the course that needs it.", len(nodes), len(edges))
	}

	var b strings.Builder
	arrowDefs(&b, id, hasFocus)

	// Edges, in input order.
	b.WriteString(`<g class="edges" fill="none" stroke="currentColor" stroke-width="1.5">` + "\n")
	for _, e := range edges {
		var d strings.Builder
		c := e.chain
		x0 := outPort[[2]int{c[0], c[1]}]
		y0 := layerY(verts[c[0]].layer) + nodeH
		if e.reversed {
			y0 += 2
		}
		fmt.Fprintf(&d, "M%s", pt(x0, y0))
		for i := 1; i < len(c); i++ {
			v := c[i]
			top := layerY(verts[v].layer)
			var x1 float64
			if verts[v].node >= 0 {
				x1 = inPort[[2]int{v, c[i-1]}]
				if !e.reversed {
					top -= 1
				}
			} else {
				x1 = verts[v].x
			}
			my := (y0 + top) / 2
			fmt.Fprintf(&d, "C%s %s %s", pt(x0, my), pt(x1, my), pt(x1, top))
			y0 = top
			if verts[v].node < 0 {
				y0 = top + nodeH
				fmt.Fprintf(&d, "V%s", num(y0))
			}
			x0 = x1
		}
		cls := "edge"
		marker, op := id+"-arrow", "0.55"
		if hasFocus && (e.from == focus || e.to == focus) {
			cls += " edge-focus"
			marker, op = id+"-arrow-focus", "1"
		}
		mk := fmt.Sprintf(` marker-end="url(#%s)"`, marker)
		if e.reversed {
			cls += " edge-back"
			mk = fmt.Sprintf(` marker-start="url(#%s)" stroke-dasharray="5 3"`, marker)
		}
		fmt.Fprintf(&b, `<path class="%s" d="%s" stroke-opacity="%s"%s data-from="%s" data-to="%s"/>`+"\n",
			cls, d.String(), op, mk, esc(nodes[e.from].Key), esc(nodes[e.to].Key))
	}
	b.WriteString("</g>\n")

	// Nodes, layer by layer, left to right.
	var tableOrder []int
	for _, ls := range layers {
		for _, v := range ls {
			if verts[v].node >= 0 {
				tableOrder = append(tableOrder, verts[v].node)
			}
		}
	}
	for _, ni := range tableOrder {
		n := nodes[ni]
		v := verts[ni]
		x, y := v.x-nodeW/2, layerY(v.layer)
		cls, fo, sw, so := "node", "0.06", "1", "0.5"
		aria := ""
		if hasFocus && ni == focus {
			cls, fo, sw, so = "node node-focus", "0.16", "2.5", "1"
			aria = ` aria-current="page"`
		}
		opened := linkOpen(&b, n.URL, aria)
		if opened {
			aria = ""
		}
		label := orDefault(n.Label, n.Key)
		lines, trunc := wrap(label, nodeW-16, fontSize, false, 2)
		fmt.Fprintf(&b, `<g class="%s" data-key="%s"%s>`, cls, esc(n.Key), aria)
		if trunc {
			fmt.Fprintf(&b, "<title>%s</title>", esc(label))
		}
		fmt.Fprintf(&b, "\n"+`<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="currentColor" fill-opacity="%s" stroke="currentColor" stroke-opacity="%s" stroke-width="%s"/>`+"\n",
			num(x), num(y), num(nodeW), num(nodeH), fo, so, sw)
		first := y + nodeH/2 - float64(len(lines)-1)*lineHeight/2 + fontSize*0.35
		textLines(&b, v.x, first, lineHeight, lines, ` class="node-label" text-anchor="middle"`, "")
		b.WriteString("</g>\n")
		linkClose(&b, opened)
	}

	// Table: each course with its prerequisites, in drawing order.
	rank := make([]int, len(nodes))
	for i, ni := range tableOrder {
		rank[ni] = i
	}
	var t htmlTable
	t.start(id, "dag", title, []string{"Course", "Prerequisites"})
	for _, ni := range tableOrder {
		var pre []int
		for _, e := range edges {
			if e.to == ni {
				pre = append(pre, e.from)
			}
		}
		slices.SortFunc(pre, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
		var cells []string
		for _, p := range pre {
			cells = append(cells, linkHTML(orDefault(nodes[p].Label, nodes[p].Key), nodes[p].URL))
		}
		pc := "None"
		if len(cells) > 0 {
			pc = strings.Join(cells, ", ")
		}
		course := linkHTML(orDefault(nodes[ni].Label, nodes[ni].Key), nodes[ni].URL)
		attrs := ""
		if hasFocus && ni == focus {
			course = "<strong>" + course + "</strong>"
			attrs = ` class="node-focus"`
		}
		t.row(attrs, course, pc)
	}
	return finish("dag", id, title, desc, w, h, b.String(), t.end())
}

// cloneLayers copies a layering.
func cloneLayers(ls [][]int) [][]int {
	out := make([][]int, len(ls))
	for i, l := range ls {
		out[i] = slices.Clone(l)
	}
	return out
}

// sweep reorders one layer by the mean position of each vertex's neighbours
// in the adjacent layer; a vertex without neighbours keeps its position.
// Ties are broken by key.
func sweep(verts []dagVert, layer []int, nb func(int) []int) {
	bary := make(map[int]float64, len(layer))
	for _, v := range layer {
		ns := nb(v)
		if len(ns) == 0 {
			bary[v] = float64(verts[v].pos)
			continue
		}
		s := 0.0
		for _, u := range ns {
			s += float64(verts[u].pos)
		}
		bary[v] = s / float64(len(ns))
	}
	slices.SortFunc(layer, func(a, b int) int {
		if c := cmp.Compare(bary[a], bary[b]); c != 0 {
			return c
		}
		return cmp.Compare(verts[a].key, verts[b].key)
	})
	for p, v := range layer {
		verts[v].pos = p
	}
}

// crossings counts edge crossings between adjacent layers.
func crossings(verts []dagVert, layers [][]int) int {
	total := 0
	for l := 0; l+1 < len(layers); l++ {
		var segs [][2]int
		for _, v := range layers[l] {
			for _, u := range verts[v].down {
				segs = append(segs, [2]int{verts[v].pos, verts[u].pos})
			}
		}
		for i := range segs {
			for j := i + 1; j < len(segs); j++ {
				a, b := segs[i], segs[j]
				if (a[0] < b[0] && a[1] > b[1]) || (a[0] > b[0] && a[1] < b[1]) {
					total++
				}
			}
		}
	}
	return total
}

// align moves the vertices of one layer as close as it can to the mean x
// of their neighbours in the adjacent layer, keeping their order and the
// gap between boxes. It is a least-squares fit under ordering constraints,
// solved by pooling adjacent violators.
func align(verts []dagVert, layer []int, nb func(int) []int, gap float64) {
	n := len(layer)
	if n == 0 {
		return
	}
	// With offsets o[i] (the packed distance from the first vertex),
	// x[i] = y[i] + o[i] and the constraint is y non-decreasing.
	o := make([]float64, n)
	for i := 1; i < n; i++ {
		o[i] = o[i-1] + (verts[layer[i-1]].w+verts[layer[i]].w)/2 + gap
	}
	type block struct {
		sum, wt float64
		n       int
	}
	var blocks []block
	for i, v := range layer {
		target, wt := verts[v].x, 0.25
		if ns := nb(v); len(ns) > 0 {
			s := 0.0
			for _, u := range ns {
				s += verts[u].x
			}
			target, wt = s/float64(len(ns)), 1
		}
		blocks = append(blocks, block{(target - o[i]) * wt, wt, 1})
		for len(blocks) > 1 {
			a, c := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.wt <= c.sum/c.wt {
				break
			}
			blocks = blocks[:len(blocks)-2]
			blocks = append(blocks, block{a.sum + c.sum, a.wt + c.wt, a.n + c.n})
		}
	}
	i := 0
	for _, bl := range blocks {
		y := bl.sum / bl.wt
		for k := 0; k < bl.n; k++ {
			verts[layer[i]].x = y + o[i]
			i++
		}
	}
}
