package chart

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// RadarInput describes a radar (spider) chart of competency expectations.
// Axes are the competencies in display order, clockwise from the top. Max is
// the top of the scale (for example 5) and Scale names the points 1..Max;
// the names appear in the data table and in the tooltips of the tick
// numbers. Series holds one or two sets of values, such as this level and the
// next; the second is drawn dashed. ID must be unique on the page: it
// prefixes every id inside the drawing.
type RadarInput struct {
	ID, Title, Desc string
	Axes            []RadarAxis
	Max             int
	Scale           []string
	Series          []RadarSeries
}

// RadarAxis is one spoke of a radar chart: a competency's label and the URL
// its label links to (optional).
type RadarAxis struct {
	Label, URL string
}

// RadarSeries is one polygon of a radar chart. Values has one entry per
// axis, in the same order; 0 means "not expected", and values above the top
// of the scale are drawn at the top. Missing entries count as 0.
type RadarSeries struct {
	Name   string
	Values []int
}

// radarGeom holds the normalized input shared by the radar and bar layouts.
type radarGeom struct {
	id, title, desc string
	axes            []RadarAxis
	top             int
	scale           []string
	names           []string
	vals            [][]int // [series][axis]
}

// Radar draws a radar chart of the series over the axes, with a concentric
// grid for each point of the scale, labels outside the plot linked to the
// axes' URLs, a point per value (carrying a data-value attribute), a legend
// and a key to the scale. With fewer than three axes a radar is meaningless,
// so Radar draws a horizontal bar chart of the same values instead. The table
// has a row per axis and a column per series, with cells such as
// "3 — Proficient".
func Radar(r RadarInput) Drawing {
	g := radarGeom{id: cleanID(r.ID), axes: r.Axes, scale: r.Scale}
	g.top = r.Max
	if g.top <= 0 {
		g.top = len(r.Scale)
		for _, s := range r.Series {
			for _, v := range s.Values {
				g.top = max(g.top, v)
			}
		}
		g.top = max(g.top, 1)
	}
	for i, s := range r.Series {
		g.names = append(g.names, orDefault(s.Name, "Series "+strconv.Itoa(i+1)))
		row := make([]int, len(r.Axes))
		for a := range row {
			if a < len(s.Values) {
				row[a] = min(max(s.Values[a], 0), g.top)
			}
		}
		g.vals = append(g.vals, row)
	}
	kind := "Radar chart"
	if len(r.Axes) < 3 {
		kind = "Bar chart"
	}
	g.title = orDefault(r.Title, kind)
	g.desc = r.Desc
	if strings.TrimSpace(g.desc) == "" {
		g.desc = autoRadarDesc(kind, len(r.Axes), g.top, g.names)
	}
	table := g.table()
	if len(r.Axes) < 3 {
		return g.bars(table)
	}
	return g.radar(table)
}

// autoRadarDesc describes a radar or bar chart when the caller gave no
// description.
func autoRadarDesc(kind string, axes, top int, names []string) string {
	unit := "competencies"
	if axes == 1 {
		unit = "competency"
	}
	s := fmt.Sprintf("%s of %d %s on a scale from 1 to %d", kind, axes, unit, top)
	switch len(names) {
	case 0:
	case 1:
		s += ", showing " + names[0]
	default:
		s += ", comparing " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
	}
	return s + ". The table that accompanies it lists every value."
}

// scaleName returns the name of point v of the scale, or "" if it has none.
func (g *radarGeom) scaleName(v int) string {
	if v == 0 {
		return "not expected"
	}
	if v >= 1 && v <= len(g.scale) {
		return strings.TrimSpace(g.scale[v-1])
	}
	return ""
}

// valueText formats a value with its scale name: "3 — Proficient".
func (g *radarGeom) valueText(v int) string {
	if n := g.scaleName(v); n != "" {
		return strconv.Itoa(v) + " — " + n
	}
	return strconv.Itoa(v)
}

// table renders the data table: a row per axis, a column per series.
func (g *radarGeom) table() string {
	var t htmlTable
	t.start(g.id, "radar", g.title, append([]string{"Competency"}, g.names...))
	for a, ax := range g.axes {
		cells := []string{linkHTML(ax.Label, ax.URL)}
		for s := range g.vals {
			cells = append(cells, esc(g.valueText(g.vals[s][a])))
		}
		t.row("", cells...)
	}
	return t.end()
}

// marker writes the point for a value: a circle for the first series and a
// diamond for the others, so the series differ by shape as well as colour.
func (g *radarGeom) marker(b *strings.Builder, s, a int, x, y float64) {
	v := g.vals[s][a]
	attrs := fmt.Sprintf(` class="chart-point chart-series-%s" data-series="%s" data-axis="%d" data-value="%d"`,
		seriesLetter(s), seriesLetter(s), a, v)
	tip := fmt.Sprintf("<title>%s, %s: %s</title>", esc(g.axes[a].Label), esc(g.names[s]), esc(g.valueText(v)))
	if s == 0 {
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4"%s>%s</circle>`+"\n", num(x), num(y), attrs, tip)
		return
	}
	d := 5.0
	fmt.Fprintf(b, `<path d="M%sL%sL%sL%sz"%s>%s</path>`+"\n",
		pt(x, y-d), pt(x+d, y), pt(x, y+d), pt(x-d, y), attrs, tip)
}

// legendSwatch writes the line-and-marker sample for series s centred
// vertically on y, starting at x, 28 units long.
func legendSwatch(b *strings.Builder, s int, x, y float64) {
	dash := ""
	if s > 0 {
		dash = ` stroke-dasharray="6 4"`
	}
	fmt.Fprintf(b, `<g class="chart-series-%s"><line x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-width="2"%s/>`,
		seriesLetter(s), num(x), num(y), num(x+28), num(y), dash)
	cx := x + 14
	if s == 0 {
		fmt.Fprintf(b, `<circle cx="%s" cy="%s" r="4"/>`, num(cx), num(y))
	} else {
		fmt.Fprintf(b, `<path d="M%sL%sL%sL%sz"/>`, pt(cx, y-5), pt(cx+5, y), pt(cx, y+5), pt(cx-5, y))
	}
	b.WriteString("</g>\n")
}

// legend writes the legend rows starting at baseline y, centred in width w,
// and returns the y just below it.
func (g *radarGeom) legend(b *strings.Builder, y, w float64) float64 {
	if len(g.names) == 0 {
		return y
	}
	type item struct {
		s     int
		label string
		w     float64
	}
	avail := w - 2*margin
	var rows [][]item
	var rowW []float64
	for s, n := range g.names {
		lines, _ := wrap(n, avail-40, smallSize, false, 1)
		label := strings.Join(lines, "")
		it := item{s, label, 34 + textWidth(label, smallSize, false)}
		if len(rows) == 0 || rowW[len(rowW)-1]+20+it.w > avail {
			rows = append(rows, nil)
			rowW = append(rowW, -20)
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], it)
		rowW[len(rowW)-1] += 20 + it.w
	}
	b.WriteString(`<g class="chart-legend" font-size="11">` + "\n")
	for r, row := range rows {
		x := (w - rowW[r]) / 2
		for _, it := range row {
			legendSwatch(b, it.s, x, y-4)
			fmt.Fprintf(b, `<text x="%s" y="%s">%s</text>`+"\n", num(x+34), num(y), esc(it.label))
			x += it.w + 20
		}
		y += 20
	}
	b.WriteString("</g>\n")
	return y
}

// scaleKey writes "Scale: 1 Aware · 2 Working · …" wrapped and centred,
// starting at baseline y, and returns the y below it.
func (g *radarGeom) scaleKey(b *strings.Builder, y, w float64) float64 {
	var parts []string
	for v := 1; v <= g.top; v++ {
		if n := g.scaleName(v); n != "" {
			parts = append(parts, strconv.Itoa(v)+"\u00a0"+strings.ReplaceAll(n, " ", "\u00a0"))
		}
	}
	if len(parts) == 0 {
		return y
	}
	lines := wrapParts("Scale: ", parts, " · ", w-2*margin, smallSize)
	textLines(b, w/2, y, smallLine, lines, ` class="chart-scale" font-size="11" text-anchor="middle"`, "")
	return y + float64(len(lines))*smallLine
}

// wrapParts joins parts with sep after a lead, breaking lines only between
// parts where possible.
func wrapParts(lead string, parts []string, sep string, maxW, size float64) []string {
	var lines []string
	cur := lead
	for i, p := range parts {
		next := cur
		if i > 0 {
			next += sep
		}
		next += p
		if i > 0 && textWidth(next, size, false) > maxW {
			lines = append(lines, cur)
			cur = p
			continue
		}
		cur = next
	}
	lines = append(lines, cur)
	// A single part wider than the line still has to be wrapped.
	var out []string
	for _, l := range lines {
		if textWidth(l, size, false) <= maxW {
			out = append(out, l)
			continue
		}
		ws, _ := wrap(strings.ReplaceAll(l, "\u00a0", " "), maxW, size, false, 0)
		out = append(out, ws...)
	}
	return out
}

// radar lays out and draws the radar chart.
func (g *radarGeom) radar(table string) Drawing {
	const (
		w  = 500.0
		R  = 115.0
		lr = R + 14 // radius at which axis labels start
	)
	n := len(g.axes)
	ang := func(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(n) }

	// Lay out the axis labels around a centre at (0, 0) to find how much
	// room they need above and below the plot.
	type label struct {
		x, y   float64 // first baseline
		anchor string
		lines  []string
		full   string
	}
	labels := make([]label, n)
	minY, maxY := -R, R
	for i, ax := range g.axes {
		c, s := math.Cos(ang(i)), math.Sin(ang(i))
		lx, ly := lr*c, lr*s
		var l label
		avail := 0.0
		switch {
		case c > 0.25:
			l.anchor = "start"
			avail = w/2 - margin - lx
		case c < -0.25:
			l.anchor = "end"
			avail = w/2 - margin + lx
		default:
			l.anchor = "middle"
			avail = 2 * (w/2 - margin - math.Abs(lx))
			// Keep clear of the neighbouring labels when spokes are dense.
			avail = min(avail, 240, 2*lr*math.Sin(math.Pi/float64(n))+40)
		}
		lines, trunc := wrap(ax.Label, avail, fontSize, false, 2)
		if len(lines) == 0 {
			lines = []string{""}
		}
		if trunc {
			l.full = ax.Label
		}
		k := float64(len(lines) - 1)
		switch {
		case math.Abs(c) <= 0.25 && s < 0: // top
			ly = -R - 8
			l.y = ly - k*lineHeight
		case math.Abs(c) <= 0.25: // bottom
			ly = R + 8
			l.y = ly + fontSize*0.8
		default:
			l.y = ly - k*lineHeight/2 + fontSize*0.35 + 4*s
		}
		l.x = lx
		if l.anchor == "middle" {
			l.x = lx
		}
		l.lines = lines
		labels[i] = l
		minY = min(minY, l.y-fontSize*0.85)
		maxY = max(maxY, l.y+k*lineHeight+fontSize*0.3)
	}
	cx := w / 2
	cy := margin + 4 - minY

	var b strings.Builder
	// Grid: one polygon per point of the scale, then the spokes.
	b.WriteString(`<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.25">` + "\n")
	for k := 1; k <= g.top; k++ {
		rk := R * float64(k) / float64(g.top)
		var ps []string
		for i := range n {
			ps = append(ps, pt(cx+rk*math.Cos(ang(i)), cy+rk*math.Sin(ang(i))))
		}
		fmt.Fprintf(&b, `<polygon points="%s"/>`+"\n", strings.Join(ps, " "))
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g class="chart-axis" stroke="currentColor" stroke-opacity="0.45">` + "\n")
	for i := range n {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n",
			num(cx), num(cy), num(cx+R*math.Cos(ang(i))), num(cy+R*math.Sin(ang(i))))
	}
	b.WriteString("</g>\n")

	// Tick numbers on the bisector of the first two spokes, just inside
	// each ring, so they sit clear of the spokes and of the points. With
	// three spokes the rings are too close together there, so the numbers
	// go beside the first spoke instead.
	half := math.Pi / float64(n)
	b.WriteString(`<g class="chart-tick" font-size="10" text-anchor="middle" fill-opacity="0.7">` + "\n")
	for k := 1; k <= g.top; k++ {
		rk := R * float64(k) / float64(g.top)
		tx, ty := cx+rk*math.Cos(ang(0)+half)*math.Cos(half), cy+rk*math.Sin(ang(0)+half)*math.Cos(half)
		// Move a little towards the centre, along the bisector.
		tx, ty = tx-7*math.Cos(ang(0)+half), ty-7*math.Sin(ang(0)+half)
		if n == 3 {
			tx, ty = cx+9, cy-rk+9
		}
		tip := ""
		if nm := g.scaleName(k); nm != "" {
			tip = "<title>" + esc(nm) + "</title>"
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s%d</text>`+"\n", num(tx), num(ty+3.5), tip, k)
	}
	b.WriteString("</g>\n")

	// Series polygons, then their points on top.
	for s := range g.vals {
		var ps []string
		for a := range n {
			rv := R * float64(g.vals[s][a]) / float64(g.top)
			ps = append(ps, pt(cx+rv*math.Cos(ang(a)), cy+rv*math.Sin(ang(a))))
		}
		dash, op := "", "0.18"
		if s > 0 {
			dash, op = ` stroke-dasharray="6 4"`, "0.08"
		}
		fmt.Fprintf(&b, `<polygon class="chart-series chart-series-%s" points="%s" fill="currentColor" fill-opacity="%s" stroke="currentColor" stroke-width="2" stroke-linejoin="round"%s/>`+"\n",
			seriesLetter(s), strings.Join(ps, " "), op, dash)
	}
	for s := range g.vals {
		for a := range n {
			rv := R * float64(g.vals[s][a]) / float64(g.top)
			g.marker(&b, s, a, cx+rv*math.Cos(ang(a)), cy+rv*math.Sin(ang(a)))
		}
	}

	// Axis labels.
	b.WriteString(`<g class="chart-label">` + "\n")
	for i, l := range labels {
		opened := linkOpen(&b, g.axes[i].URL, "")
		textLines(&b, cx+l.x, cy+l.y, lineHeight, l.lines, ` text-anchor="`+l.anchor+`"`, l.full)
		linkClose(&b, opened)
	}
	b.WriteString("</g>\n")

	y := cy + maxY + 26
	y = g.legend(&b, y, w)
	y = g.scaleKey(&b, y+4, w)
	return finish("radar", g.id, g.title, g.desc, w, y-smallLine+margin+4, b.String(), table)
}

// bars lays out and draws the horizontal bar chart used when there are too
// few axes for a radar: a group of bars per axis, one bar per series.
func (g *radarGeom) bars(table string) Drawing {
	const (
		w      = 440.0
		labelW = 130.0
		barH   = 16.0
		barGap = 5.0
		groupG = 16.0
	)
	x0 := margin + labelW + 12
	x1 := w - margin - 24
	scale := func(v int) float64 { return x0 + (x1-x0)*float64(v)/float64(g.top) }
	ns := max(len(g.vals), 1)
	groupH := float64(ns)*barH + float64(ns-1)*barGap

	var b strings.Builder
	top := margin + 16 // below the tick numbers
	bottom := top + groupG/2 + float64(len(g.axes))*(groupH+groupG)

	// Scale: a vertical line per point, numbered at the top.
	b.WriteString(`<g class="chart-grid" fill="none" stroke="currentColor" stroke-opacity="0.25">` + "\n")
	for k := 0; k <= g.top; k++ {
		fmt.Fprintf(&b, `<line x1="%s" y1="%s" x2="%s" y2="%s"/>`+"\n", num(scale(k)), num(top), num(scale(k)), num(bottom))
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g class="chart-tick" font-size="10" text-anchor="middle" fill-opacity="0.7">` + "\n")
	for k := 1; k <= g.top; k++ {
		tip := ""
		if nm := g.scaleName(k); nm != "" {
			tip = "<title>" + esc(nm) + "</title>"
		}
		fmt.Fprintf(&b, `<text x="%s" y="%s">%s%d</text>`+"\n", num(scale(k)), num(top-5), tip, k)
	}
	b.WriteString("</g>\n")
	fmt.Fprintf(&b, `<line class="chart-axis" x1="%s" y1="%s" x2="%s" y2="%s" stroke="currentColor" stroke-opacity="0.6"/>`+"\n",
		num(x0), num(top), num(x0), num(bottom))

	y := top + groupG/2
	for a, ax := range g.axes {
		mid := y + groupH/2
		lines, trunc := wrap(ax.Label, labelW, fontSize, false, 2)
		full := ""
		if trunc {
			full = ax.Label
		}
		first := mid - float64(len(lines)-1)*lineHeight/2 + fontSize*0.35
		opened := linkOpen(&b, ax.URL, "")
		textLines(&b, x0-10, first, lineHeight, lines, ` class="chart-label" text-anchor="end"`, full)
		linkClose(&b, opened)
		for s := range g.vals {
			v := g.vals[s][a]
			by := y + float64(s)*(barH+barGap)
			dash, op := "", "0.35"
			if s > 0 {
				dash, op = ` stroke-dasharray="6 4"`, "0.12"
			}
			fmt.Fprintf(&b, `<rect class="chart-bar chart-series-%s" x="%s" y="%s" width="%s" height="%s" fill="currentColor" fill-opacity="%s" stroke="currentColor" stroke-width="1.5"%s data-series="%s" data-axis="%d" data-value="%d"><title>%s, %s: %s</title></rect>`+"\n",
				seriesLetter(s), num(x0), num(by), num(scale(v)-x0), num(barH), op, dash, seriesLetter(s), a, v,
				esc(ax.Label), esc(g.names[s]), esc(g.valueText(v)))
			fmt.Fprintf(&b, `<text class="chart-value" x="%s" y="%s" font-size="11">%d</text>`+"\n",
				num(scale(v)+5), num(by+barH/2+4), v)
		}
		y += groupH + groupG
	}
	y = bottom + 26
	y = g.legend(&b, y, w)
	y = g.scaleKey(&b, y+4, w)
	return finish("bars", g.id, g.title, g.desc, w, y-smallLine+margin+4, b.String(), table)
}
