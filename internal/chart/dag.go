package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"
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
	Text            Texts // the table's words; nil for English
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
	// The x of the port of each edge end on the box, in the order of
	// upPort and downPort: the vertices of up and down sorted by x.
	upPort, downPort []int
	upX, downX       []float64
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

	// Nodes, deduplicated by key (the first wins); edges between known,
	// distinct nodes.
	keys := newKeyIndex(g.Nodes)
	nodes := make([]DAGNode, 0, len(keys.ix))
	for i, n := range g.Nodes {
		if j, ok := keys.find(n.Key); ok && j == i {
			nodes = append(nodes, n)
		}
	}
	// Index by key into nodes rather than into the input.
	{
		pos := make([]int, len(g.Nodes))
		k := 0
		for i, n := range g.Nodes {
			if j, ok := keys.find(n.Key); ok && j == i {
				pos[i] = k
				k++
			}
		}
		for i := range keys.ix {
			keys.ix[i] = pos[keys.ix[i]]
		}
	}
	edges := make([]dagEdge, 0, len(g.Edges))
	for _, e := range g.Edges {
		f, okf := keys.find(e.From)
		t, okt := keys.find(e.To)
		if okf && okt && f != t {
			edges = append(edges, dagEdge{from: f, to: t})
		}
	}
	edges = dedupEdges(edges)
	// out[v] lists the edges leaving v, in input order.
	out := make([][]int, len(nodes))
	{
		count := make([]int, 2*len(nodes)+1+len(edges))
		start, fill, outBuf := count[:len(nodes)+1], count[len(nodes)+1:2*len(nodes)+1], count[2*len(nodes)+1:]
		for _, e := range edges {
			start[e.from+1]++
		}
		for v := range nodes {
			start[v+1] += start[v]
		}
		copy(fill, start)
		for ei, e := range edges {
			outBuf[fill[e.from]] = ei
			fill[e.from]++
		}
		for v := range nodes {
			out[v] = outBuf[start[v]:start[v+1]:start[v+1]]
		}
	}

	// Break cycles: a depth-first search in input order marks edges that
	// lead back to a vertex on the current path; those are laid out
	// reversed.
	state := make([]int8, len(nodes)) // 0 new, 1 on path, 2 done
	type frame struct{ v, next int }
	stack := make([]frame, 0, len(nodes))
	for s := range nodes {
		if state[s] != 0 {
			continue
		}
		stack = append(stack[:0], frame{s, 0})
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

	// Layers: longest path from the sources, in topological order. succ[u]
	// lists the lower ends of the edges whose upper end is u, in input
	// order.
	ints := make([]int, 4*len(nodes)+1+len(edges))
	indeg, layer, queue, succStart, succBuf := ints[:len(nodes)], ints[len(nodes):2*len(nodes)],
		ints[2*len(nodes):2*len(nodes):3*len(nodes)], ints[3*len(nodes):4*len(nodes)+1], ints[4*len(nodes)+1:]
	for _, e := range edges {
		u, _ := upper(e)
		succStart[u+1]++
	}
	for v := range nodes {
		succStart[v+1] += succStart[v]
	}
	for _, e := range edges {
		u, v := upper(e)
		succBuf[succStart[u]+indeg[u]] = v // indeg counts the filled slots for now
		indeg[u]++
	}
	clear(indeg)
	succ := func(u int) []int { return succBuf[succStart[u]:succStart[u+1]] }
	for _, v := range succBuf {
		indeg[v]++
	}
	for v := range nodes {
		if indeg[v] == 0 {
			queue = append(queue, v)
		}
	}
	for qi := 0; qi < len(queue); qi++ {
		u := queue[qi]
		for _, v := range succ(u) {
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
	for _, v := range succBuf {
		hasPred[v] = true
	}
	for u := range nodes {
		if hasPred[u] || len(succ(u)) == 0 {
			continue
		}
		l := math.MaxInt
		for _, v := range succ(u) {
			l = min(l, layer[v]-1)
		}
		layer[u] = l
	}
	nLayers := 0
	for _, l := range layer {
		nLayers = max(nLayers, l+1)
	}

	// Vertices: real nodes, then dummies for edges that skip layers. Each
	// edge is a chain of vertices, one per layer from its upper end to its
	// lower end.
	nVerts, nLinks := len(nodes), 0
	for _, e := range edges {
		u, v := upper(e)
		nVerts += layer[v] - layer[u] - 1
		nLinks += layer[v] - layer[u]
	}
	verts := make([]dagVert, len(nodes), nVerts)
	for i, n := range nodes {
		verts[i] = dagVert{node: i, key: n.Key, layer: layer[i], w: nodeW}
	}
	chains := make([]int, 0, nLinks+len(edges))
	// Dummies sort by a key made of the edge's ends, the layer and the
	// edge's index; the keys share one string.
	var dkeys []byte
	var dends []int
	for ei := range edges {
		u, v := upper(edges[ei])
		start := len(chains)
		chains = append(chains, u)
		for l := layer[u] + 1; l < layer[v]; l++ {
			dkeys = append(dkeys, nodes[u].Key...)
			dkeys = append(dkeys, 0)
			dkeys = append(dkeys, nodes[v].Key...)
			dkeys = append(dkeys, 0)
			dkeys = strconv.AppendInt(dkeys, int64(l), 10)
			dkeys = append(dkeys, 0)
			dkeys = strconv.AppendInt(dkeys, int64(ei), 10)
			dends = append(dends, len(dkeys))
			verts = append(verts, dagVert{node: -1, layer: l, w: dummyW})
			chains = append(chains, len(verts)-1)
		}
		chains = append(chains, v)
		edges[ei].chain = chains[start:len(chains):len(chains)]
	}
	if len(dends) > 0 {
		all, start := string(dkeys), 0
		for i, end := range dends {
			verts[len(nodes)+i].key = all[start:end]
			start = end
		}
	}
	// Links between the vertices of chains, in edge order: up and down
	// share one buffer, as do the ports.
	{
		nUp := make([]int, 2*len(verts))
		nDown := nUp[len(verts):]
		for _, e := range edges {
			for i := 1; i < len(e.chain); i++ {
				nDown[e.chain[i-1]]++
				nUp[e.chain[i]]++
			}
		}
		links := make([]int, 4*nLinks)
		xs := make([]float64, 2*nLinks)
		for v := range verts {
			vx := &verts[v]
			vx.up, links = links[:0:nUp[v]], links[nUp[v]:]
			vx.down, links = links[:0:nDown[v]], links[nDown[v]:]
			vx.upPort, links = links[:nUp[v]:nUp[v]], links[nUp[v]:]
			vx.downPort, links = links[:nDown[v]:nDown[v]], links[nDown[v]:]
			vx.upX, xs = xs[:nUp[v]:nUp[v]], xs[nUp[v]:]
			vx.downX, xs = xs[:nDown[v]:nDown[v]], xs[nDown[v]:]
		}
		for _, e := range edges {
			for i := 1; i < len(e.chain); i++ {
				a, b := e.chain[i-1], e.chain[i]
				verts[a].down = append(verts[a].down, b)
				verts[b].up = append(verts[b].up, a)
			}
		}
	}

	// Order within layers: start by key, then barycenter sweeps down and
	// up, keeping the ordering with the fewest crossings. order holds the
	// vertices layer by layer; layers[l] is the part of it for layer l.
	order := make([]int, 2*len(verts))
	order, best := order[:len(verts)], order[len(verts):]
	layers := make([][]int, nLayers)
	{
		off := make([]int, nLayers+1)
		for _, v := range verts {
			off[v.layer+1]++
		}
		for l := range nLayers {
			off[l+1] += off[l]
		}
		for v := range verts {
			l := verts[v].layer
			order[off[l]] = v
			off[l]++
		}
		start := 0
		for l := range nLayers {
			layers[l] = order[start:off[l]:off[l]]
			start = off[l]
		}
	}
	for _, ls := range layers {
		slices.SortFunc(ls, func(a, b int) int { return cmp.Compare(verts[a].key, verts[b].key) })
		for p, v := range ls {
			verts[v].pos = p
		}
	}
	copy(best, order)
	var segs [][2]int
	bestX := crossings(verts, layers, &segs)
	bary := make([]float64, len(verts))
	for iter := 0; iter < 6 && bestX > 0; iter++ {
		for l := 1; l < nLayers; l++ {
			sweep(verts, layers[l], true, bary)
		}
		for l := nLayers - 2; l >= 0; l-- {
			sweep(verts, layers[l], false, bary)
		}
		if x := crossings(verts, layers, &segs); x < bestX {
			bestX = x
			copy(best, order)
		}
	}
	copy(order, best)
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
	var scratch alignScratch
	for iter := 0; iter < 4; iter++ {
		for l := 1; l < nLayers; l++ {
			align(verts, layers[l], true, gapX, &scratch)
		}
		for l := nLayers - 2; l >= 0; l-- {
			align(verts, layers[l], false, gapX, &scratch)
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
	spread := func(v int, others, o []int, ports []float64) {
		copy(o, others)
		slices.SortStableFunc(o, func(a, b int) int { return cmp.Compare(verts[a].x, verts[b].x) })
		n := len(o)
		width := 0.0
		if verts[v].node >= 0 && n > 1 {
			width = min(verts[v].w-40, float64(n-1)*16)
		}
		for i := range o {
			x := verts[v].x
			if n > 1 {
				x += -width/2 + width*float64(i)/float64(n-1)
			}
			ports[i] = x
		}
	}
	for v := range verts {
		vx := &verts[v]
		spread(v, vx.down, vx.downPort, vx.downX)
		spread(v, vx.up, vx.upPort, vx.upX)
	}

	focus, hasFocus := keys.find(g.Focus)
	desc := g.Desc
	if strings.TrimSpace(desc) == "" {
		desc = "Prerequisite graph of " + strconv.Itoa(len(nodes)) + " courses and " + strconv.Itoa(len(edges)) +
			" prerequisite links, drawn top to bottom: each arrow points from a prerequisite to the course that needs it."
	}

	var b writer
	b.Grow(1000 + len(edges)*(260+2*len(id)) + nLinks*90 + len(nodes)*560)
	arrowDefs(&b, id, hasFocus)

	// Edges, in input order.
	b.WriteString(`<g class="edges">` + "\n")
	for _, e := range edges {
		focused := hasFocus && (e.from == focus || e.to == focus)
		b.WriteString(`<path class="edge`)
		if focused {
			b.WriteString(" edge-focus")
		}
		if e.reversed {
			b.WriteString(" edge-back")
		}
		b.WriteString(`" d="M`)
		c := e.chain
		x0 := port(verts[c[0]].downPort, verts[c[0]].downX, c[1])
		y0 := layerY(verts[c[0]].layer) + nodeH
		if e.reversed {
			y0 += 2
		}
		b.pt(x0, y0)
		for i := 1; i < len(c); i++ {
			v := c[i]
			top := layerY(verts[v].layer)
			var x1 float64
			if verts[v].node >= 0 {
				x1 = port(verts[v].upPort, verts[v].upX, c[i-1])
				if !e.reversed {
					top -= 1
				}
			} else {
				x1 = verts[v].x
			}
			my := (y0 + top) / 2
			b.WriteByte('C')
			b.pt(x0, my)
			b.WriteByte(' ')
			b.pt(x1, my)
			b.WriteByte(' ')
			b.pt(x1, top)
			y0 = top
			if verts[v].node < 0 {
				y0 = top + nodeH
				b.WriteByte('V')
				b.num(y0)
			}
			x0 = x1
		}
		b.WriteByte('"')
		marker := "-arrow"
		if focused {
			marker = "-arrow-focus"
		}
		if e.reversed {
			b.strs(` marker-start="url(#`, id, marker, `)"`)
		} else {
			b.strs(` marker-end="url(#`, id, marker, `)"`)
		}
		b.WriteString(`/>` + "\n")
	}
	b.WriteString("</g>\n")

	// Nodes, layer by layer, left to right.
	var lines []string
	tableOrder := make([]int, 0, len(nodes))
	for _, v := range order {
		if verts[v].node >= 0 {
			tableOrder = append(tableOrder, verts[v].node)
		}
	}
	for _, ni := range tableOrder {
		n := nodes[ni]
		v := &verts[ni]
		x, y := v.x-nodeW/2, layerY(v.layer)
		cls := "node"
		aria := ""
		if hasFocus && ni == focus {
			cls = "node node-focus"
			aria = ` aria-current="page"`
		}
		opened := linkOpen(&b, n.URL, aria)
		if opened {
			aria = ""
		}
		label := orDefault(n.Label, n.Key)
		var trunc bool
		lines, trunc = appendWrap(lines[:0], label, nodeW-16, fontSize, false, 2)
		b.strs(`<g class="`, cls, `" data-key="`)
		b.esc(n.Key)
		b.strs(`"`, aria, `>`)
		if trunc {
			b.WriteString("<title>")
			b.esc(label)
			b.WriteString("</title>")
		}
		b.WriteString("\n<rect")
		b.attr("x", x)
		b.attr("y", y)
		b.attr("width", nodeW)
		b.attr("height", nodeH)
		b.WriteString(` rx="6"/>` + "\n")
		first := y + nodeH/2 - float64(len(lines)-1)*lineHeight/2 + fontSize*0.35
		textLines(&b, v.x, first, lineHeight, lines, ` class="node-label"`, "")
		b.WriteString("</g>\n")
		linkClose(&b, opened)
	}

	// Table: each course with its prerequisites, in drawing order.
	rank := make([]int, len(nodes))
	for i, ni := range tableOrder {
		rank[ni] = i
	}
	var t htmlTable
	t.Grow(300 + len(nodes)*120 + len(edges)*90)
	t.start(id, "dag", title)
	t.col(g.Text.say("chart.course", "Course"))
	t.col(g.Text.say("chart.prerequisites", "Prerequisites"))
	t.body()
	pre := make([]int, 0, len(edges))
	for _, ni := range tableOrder {
		pre = pre[:0]
		for _, e := range edges {
			if e.to == ni {
				pre = append(pre, e.from)
			}
		}
		slices.SortFunc(pre, func(a, b int) int { return cmp.Compare(rank[a], rank[b]) })
		focused := hasFocus && ni == focus
		if focused {
			t.rowStart(` class="node-focus"`)
			t.WriteString("<strong>")
		} else {
			t.rowStart("")
		}
		t.link(orDefault(nodes[ni].Label, nodes[ni].Key), nodes[ni].URL)
		if focused {
			t.WriteString("</strong>")
		}
		t.cell(true)
		if len(pre) == 0 {
			t.esc(g.Text.say("chart.none", "None"))
		}
		for i, p := range pre {
			if i > 0 {
				t.WriteString(", ")
			}
			t.link(orDefault(nodes[p].Label, nodes[p].Key), nodes[p].URL)
		}
		t.rowEnd(false)
	}
	return finish("dag", id, title, desc, w, h, b.String(), t.end())
}

// dedupEdges removes the edges that repeat an earlier one, keeping the order
// of the others.
func dedupEdges(edges []dagEdge) []dagEdge {
	if len(edges) < 2 {
		return edges
	}
	// Sort the indices by ends, then by position, so the first of each run
	// of equal edges is the one to keep.
	ix := make([]int, len(edges))
	for i := range ix {
		ix[i] = i
	}
	slices.SortFunc(ix, func(a, b int) int {
		if c := cmp.Compare(edges[a].from, edges[b].from); c != 0 {
			return c
		}
		if c := cmp.Compare(edges[a].to, edges[b].to); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	dup := false
	for i, prev := 1, edges[ix[0]]; i < len(ix); i++ {
		if e := edges[ix[i]]; e.from == prev.from && e.to == prev.to {
			edges[ix[i]].from = -1
			dup = true
		} else {
			prev = e
		}
	}
	if !dup {
		return edges
	}
	return slices.DeleteFunc(edges, func(e dagEdge) bool { return e.from < 0 })
}

// keyIndex finds the first of a list of nodes with a given key, ignoring
// empty keys.
type keyIndex struct {
	keys []string // sorted, distinct
	ix   []int    // ix[i] is the index of the first node keyed keys[i]
}

// newKeyIndex indexes nodes by key.
func newKeyIndex(nodes []DAGNode) keyIndex {
	ix := make([]int, 0, len(nodes))
	for i, n := range nodes {
		if n.Key != "" {
			ix = append(ix, i)
		}
	}
	slices.SortStableFunc(ix, func(a, b int) int { return strings.Compare(nodes[a].Key, nodes[b].Key) })
	keys := make([]string, 0, len(ix))
	k := 0
	for _, i := range ix {
		if len(keys) > 0 && keys[len(keys)-1] == nodes[i].Key {
			continue
		}
		keys = append(keys, nodes[i].Key)
		ix[k] = i
		k++
	}
	return keyIndex{keys: keys, ix: ix[:k]}
}

// find returns the index of the first node keyed key.
func (k keyIndex) find(key string) (int, bool) {
	if key == "" {
		return 0, false
	}
	i, ok := slices.BinarySearch(k.keys, key)
	if !ok {
		return 0, false
	}
	return k.ix[i], true
}

// port returns the x of the port of the edge to vertex u among ports, the
// vertices at the other end of a box's edges as spread by x. When several
// edges join the same two vertices, the last port is theirs.
func port(ports []int, xs []float64, u int) float64 {
	for i := len(ports) - 1; i >= 0; i-- {
		if ports[i] == u {
			return xs[i]
		}
	}
	return 0
}

// sweep reorders one layer by the mean position of each vertex's neighbours
// in the adjacent layer (the layer above when up is true); a vertex without
// neighbours keeps its position. Ties are broken by key. bary is scratch
// space indexed by vertex.
func sweep(verts []dagVert, layer []int, up bool, bary []float64) {
	for _, v := range layer {
		ns := verts[v].down
		if up {
			ns = verts[v].up
		}
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

// crossings counts edge crossings between adjacent layers. segs is scratch
// space.
func crossings(verts []dagVert, layers [][]int, segs *[][2]int) int {
	total := 0
	for l := 0; l+1 < len(layers); l++ {
		s := (*segs)[:0]
		for _, v := range layers[l] {
			for _, u := range verts[v].down {
				s = append(s, [2]int{verts[v].pos, verts[u].pos})
			}
		}
		for i := range s {
			for j := i + 1; j < len(s); j++ {
				a, b := s[i], s[j]
				if (a[0] < b[0] && a[1] > b[1]) || (a[0] > b[0] && a[1] < b[1]) {
					total++
				}
			}
		}
		*segs = s
	}
	return total
}

// alignScratch is scratch space for align.
type alignScratch struct {
	o      []float64
	blocks []alignBlock
}

// alignBlock is a run of vertices that align moves together.
type alignBlock struct {
	sum, wt float64
	n       int
}

// align moves the vertices of one layer as close as it can to the mean x
// of their neighbours in the adjacent layer (the layer above when up is
// true), keeping their order and the gap between boxes. It is a
// least-squares fit under ordering constraints, solved by pooling adjacent
// violators.
func align(verts []dagVert, layer []int, up bool, gap float64, sc *alignScratch) {
	n := len(layer)
	if n == 0 {
		return
	}
	// With offsets o[i] (the packed distance from the first vertex),
	// x[i] = y[i] + o[i] and the constraint is y non-decreasing.
	o := slices.Grow(sc.o[:0], n)[:n]
	o[0] = 0
	for i := 1; i < n; i++ {
		o[i] = o[i-1] + (verts[layer[i-1]].w+verts[layer[i]].w)/2 + gap
	}
	blocks := sc.blocks[:0]
	for i, v := range layer {
		target, wt := verts[v].x, 0.25
		ns := verts[v].down
		if up {
			ns = verts[v].up
		}
		if len(ns) > 0 {
			s := 0.0
			for _, u := range ns {
				s += verts[u].x
			}
			target, wt = s/float64(len(ns)), 1
		}
		blocks = append(blocks, alignBlock{(target - o[i]) * wt, wt, 1})
		for len(blocks) > 1 {
			a, c := blocks[len(blocks)-2], blocks[len(blocks)-1]
			if a.sum/a.wt <= c.sum/c.wt {
				break
			}
			blocks = blocks[:len(blocks)-2]
			blocks = append(blocks, alignBlock{a.sum + c.sum, a.wt + c.wt, a.n + c.n})
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
	sc.o, sc.blocks = o, blocks
}
