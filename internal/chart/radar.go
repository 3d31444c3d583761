package chart

import (
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
	Text            Texts // the table's words; nil for English
	Axes            []RadarAxis
	Max             int
	Scale           []string
	Series          []RadarSeries
}

// RadarAxis is one spoke of a radar chart: a competency's label, the URL
// its label links to (optional) and the group (category) it belongs to
// (optional), by which a chart with too many axes for a radar is drawn.
type RadarAxis struct {
	Label, URL, Group string
}

// MaxRadarAxes is the most axes Radar draws as a radar. With more, the
// spokes are too close together and the labels overlap, so Radar draws a
// bar per group of axes (the average of each series over the group), or,
// when the axes have no groups, a bar per axis.
const MaxRadarAxes = 12

// RadarSeries is one polygon of a radar chart. Values has one entry per
// axis, in the same order; 0 means "not expected", and values above the top
// of the scale are drawn at the top. Missing entries count as 0.
type RadarSeries struct {
	Name   string
	Values []int
}

// radarGeom holds the normalized input shared by the radar and bar layouts.
type radarGeom struct {
	text            Texts // the table's and the key's words
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
// so Radar draws a horizontal bar chart of the same values instead; with
// more than MaxRadarAxes it is unreadable, so Radar draws the bars of
// manyAxes, and the drawing's Note says why. The table has a row per axis
// and a column per series, with cells such as "3 — Proficient".
func Radar(r RadarInput) Drawing {
	g := radarGeom{id: cleanID(r.ID), axes: r.Axes, scale: r.Scale, text: r.Text}
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
	if len(r.Series) > 0 {
		g.names = make([]string, len(r.Series))
		g.vals = make([][]int, len(r.Series))
		cells := make([]int, len(r.Series)*len(r.Axes))
		for i, s := range r.Series {
			g.names[i] = orDefault(s.Name, "Series "+strconv.Itoa(i+1))
			row := cells[i*len(r.Axes) : (i+1)*len(r.Axes) : (i+1)*len(r.Axes)]
			for a := range row {
				if a < len(s.Values) {
					row[a] = min(max(s.Values[a], 0), g.top)
				}
			}
			g.vals[i] = row
		}
	}
	kind := "Radar chart"
	if len(r.Axes) < 3 || len(r.Axes) > MaxRadarAxes {
		kind = "Bar chart"
	}
	g.title = orDefault(r.Title, kind)
	g.desc = r.Desc
	table := g.table()
	if len(r.Axes) > MaxRadarAxes {
		return g.manyAxes(table, strings.TrimSpace(g.desc) == "")
	}
	if strings.TrimSpace(g.desc) == "" {
		g.desc = autoRadarDesc(kind, len(r.Axes), g.top, g.names)
	}
	if len(r.Axes) < 3 {
		return g.bars(table, g.axisBars(), "")
	}
	return g.radar(table)
}

// barRow is one group of bars of a bar chart: its label and link, and a
// value per series.
type barRow struct {
	label, url string
	vals       []float64
}

// axisBars returns a bar row per axis.
func (g *radarGeom) axisBars() []barRow {
	rows := make([]barRow, len(g.axes))
	vals := make([]float64, len(g.axes)*len(g.vals))
	for a, ax := range g.axes {
		v := vals[a*len(g.vals) : (a+1)*len(g.vals) : (a+1)*len(g.vals)]
		for s := range g.vals {
			v[s] = float64(g.vals[s][a])
		}
		rows[a] = barRow{label: ax.Label, url: ax.URL, vals: v}
	}
	return rows
}

// groupBars returns a bar row per group of axes, in the order the groups
// first appear, labelled with the group's name and its number of axes,
// each value the average of the series over the group's axes. It returns
// nil unless there are at least two groups and no more than MaxRadarAxes.
func (g *radarGeom) groupBars() []barRow {
	var names []string
	index := map[string]int{}
	for _, ax := range g.axes {
		name := strings.TrimSpace(ax.Group)
		if name == "" {
			name = g.text.say("competency.general", "General")
		}
		if _, ok := index[name]; !ok {
			index[name] = len(names)
			names = append(names, name)
		}
	}
	if len(names) < 2 || len(names) > MaxRadarAxes {
		return nil
	}
	rows := make([]barRow, len(names))
	count := make([]int, len(names))
	for i := range rows {
		rows[i].vals = make([]float64, len(g.vals))
	}
	for a, ax := range g.axes {
		name := strings.TrimSpace(ax.Group)
		if name == "" {
			name = g.text.say("competency.general", "General")
		}
		i := index[name]
		count[i]++
		for s := range g.vals {
			rows[i].vals[s] += float64(g.vals[s][a])
		}
	}
	for i := range rows {
		for s := range rows[i].vals {
			rows[i].vals[s] /= float64(count[i])
		}
		rows[i].label = names[i] + " (" + strconv.Itoa(count[i]) + ")"
	}
	return rows
}

// manyAxes draws a chart with too many axes for a radar: a bar per group
// of axes when they fall into groups, else a bar per axis. The note says
// why there is no radar; auto is whether to write the description too.
func (g *radarGeom) manyAxes(table string, auto bool) Drawing {
	n := strconv.Itoa(len(g.axes))
	rows := g.groupBars()
	var note string
	if rows != nil {
		note = g.text.say("chart.many_axes_groups", n+" competencies are too many to read on a radar chart, so each bar shows the average expected level of one category (the number of its competencies in brackets). The table lists every competency.", len(g.axes))
	} else {
		rows = g.axisBars()
		note = g.text.say("chart.many_axes", n+" competencies are too many to read on a radar chart, so each competency has a bar instead. The table lists every value.", len(g.axes))
	}
	if auto {
		var b strings.Builder
		b.WriteString("Bar chart of ")
		if len(rows) < len(g.axes) {
			b.WriteString("the average expected level in each of " + strconv.Itoa(len(rows)) + " categories of " + n + " competencies")
		} else {
			b.WriteString(n + " competencies")
		}
		b.WriteString(" on a scale from 1 to " + strconv.Itoa(g.top))
		switch len(g.names) {
		case 0:
		case 1:
			b.WriteString(", showing " + g.names[0])
		default:
			b.WriteString(", comparing " + strings.Join(g.names[:len(g.names)-1], ", ") + " and " + g.names[len(g.names)-1])
		}
		b.WriteString(". " + note)
		g.desc = b.String()
	}
	return g.bars(table, rows, note)
}

// autoRadarDesc describes a radar or bar chart when the caller gave no
// description.
func autoRadarDesc(kind string, axes, top int, names []string) string {
	unit := "competencies"
	if axes == 1 {
		unit = "competency"
	}
	var b strings.Builder
	b.Grow(160 + len(names)*24)
	b.WriteString(kind)
	b.WriteString(" of ")
	b.WriteString(strconv.Itoa(axes))
	b.WriteString(" " + unit + " on a scale from 1 to ")
	b.WriteString(strconv.Itoa(top))
	switch len(names) {
	case 0:
	case 1:
		b.WriteString(", showing " + names[0])
	default:
		b.WriteString(", comparing ")
		for i, n := range names[:len(names)-1] {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(n)
		}
		b.WriteString(" and " + names[len(names)-1])
	}
	b.WriteString(". The table that accompanies it lists every value.")
	return b.String()
}

// scaleName returns the name of point v of the scale, or "" if it has none.
func (g *radarGeom) scaleName(v int) string {
	if v == 0 {
		return g.text.say("chart.not_expected", "not expected")
	}
	if v >= 1 && v <= len(g.scale) {
		return strings.TrimSpace(g.scale[v-1])
	}
	return ""
}

// valueText writes a value with its scale name, escaped: "3 — Proficient".
func (g *radarGeom) valueText(b *writer, v int) {
	b.int(v)
	if n := g.scaleName(v); n != "" {
		b.WriteString(" — ")
		b.esc(n)
	}
}

// valuesAttr writes the data-values attribute of series s: its value on
// each axis, in axis order, separated by spaces, for scripts and tests that
// read the chart.
func (g *radarGeom) valuesAttr(b *writer, s int) {
	b.WriteString(` data-values="`)
	for a, v := range g.vals[s] {
		if a > 0 {
			b.WriteByte(' ')
		}
		b.int(v)
	}
	b.WriteByte('"')
}

// seriesTitle writes the tooltip of series s: its name. The values are in
// the data table beside the chart, so points carry no tooltip of their own.
func (g *radarGeom) seriesTitle(b *writer, s int) {
	b.WriteString("<title>")
	b.esc(g.names[s])
	b.WriteString("</title>")
}

// table renders the data table: a row per axis, a column per series.
func (g *radarGeom) table() string {
	var t htmlTable
	t.Grow(320 + len(g.axes)*(80+len(g.vals)*40))
	t.start(g.id, "radar", g.title)
	t.col(g.text.say("chart.competency", "Competency"))
	for _, n := range g.names {
		t.col(n)
	}
	t.body()
	for a, ax := range g.axes {
		t.rowStart("")
		t.link(ax.Label, ax.URL)
		for s := range g.vals {
			t.cell(s == 0)
			g.valueText(&t.writer, g.vals[s][a])
		}
		t.rowEnd(len(g.vals) == 0)
	}
	return t.end()
}

// markerDefs writes the markers that draw the points of the series: a
// circle for the first series and a diamond for the others, so the series
// differ by shape as well as colour. A marker takes its colour from where
// it is defined, so each sits in its series' class. The points are the
// vertices of the series' polygon, drawn with marker-start and marker-mid.
func (g *radarGeom) markerDefs(b *writer) {
	b.WriteString("<defs>")
	for s := range g.vals {
		b.strs(`<marker id="`, g.id, `-pt-`)
		b.series(s)
		b.WriteString(`" class="chart-series-`)
		b.series(s)
		b.WriteString(`" viewBox="-5 -5 10 10" markerWidth="10" markerHeight="10" markerUnits="userSpaceOnUse">`)
		if s == 0 {
			b.WriteString(`<circle r="4"/>`)
		} else {
			b.WriteString(`<path d="M0-5 5 0 0 5-5 0z"/>`)
		}
		b.WriteString(`</marker>`)
	}
	b.WriteString("</defs>\n")
}

// legendSwatch writes the line-and-marker sample for series s centred
// vertically on y, starting at x, 28 units long.
func legendSwatch(b *writer, s int, x, y float64) {
	b.WriteString(`<g class="chart-series-`)
	b.series(s)
	b.WriteString(`"><line`)
	b.attr("x1", x)
	b.attr("y1", y)
	b.attr("x2", x+28)
	b.attr("y2", y)
	b.WriteString(`/>`)
	cx := x + 14
	if s == 0 {
		b.WriteString(`<circle`)
		b.attr("cx", cx)
		b.attr("cy", y)
		b.WriteString(` r="4"/>`)
	} else {
		b.WriteString(`<path d="M`)
		b.pt(cx, y-5)
		b.WriteByte('L')
		b.pt(cx+5, y)
		b.WriteByte('L')
		b.pt(cx, y+5)
		b.WriteByte('L')
		b.pt(cx-5, y)
		b.WriteString(`z"/>`)
	}
	b.WriteString("</g>\n")
}

// legend writes the legend rows starting at baseline y, centred in width w,
// and returns the y just below it.
func (g *radarGeom) legend(b *writer, y, w float64) float64 {
	if len(g.names) == 0 {
		return y
	}
	type item struct {
		label string
		w     float64
		row   int
	}
	avail := w - 2*margin
	items := make([]item, len(g.names))
	rowW := make([]float64, 0, 2)
	for s, n := range g.names {
		label := fitLine(n, avail-40, smallSize, false)
		it := item{label, 34 + textWidth(label, smallSize, false), len(rowW) - 1}
		if len(rowW) == 0 || rowW[len(rowW)-1]+20+it.w > avail {
			rowW = append(rowW, -20)
			it.row++
		}
		rowW[it.row] += 20 + it.w
		items[s] = it
	}
	b.WriteString(`<g class="chart-legend">` + "\n")
	s := 0
	for r := range rowW {
		x := (w - rowW[r]) / 2
		for ; s < len(items) && items[s].row == r; s++ {
			it := items[s]
			legendSwatch(b, s, x, y-4)
			b.WriteString(`<text`)
			b.attr("x", x+34)
			b.attr("y", y)
			b.WriteByte('>')
			b.esc(it.label)
			b.WriteString("</text>\n")
			x += it.w + 20
		}
		y += 20
	}
	b.WriteString("</g>\n")
	return y
}

// scaleKey writes "Scale: 1 Aware · 2 Working · …" wrapped and centred,
// starting at baseline y, and returns the y below it.
func (g *radarGeom) scaleKey(b *writer, y, w float64) float64 {
	lines := g.scaleKeyLines(w - 2*margin)
	if len(lines) == 0 {
		return y
	}
	textLines(b, w/2, y, smallLine, lines, ` class="chart-scale"`, "")
	return y + float64(len(lines))*smallLine
}

// scaleKeyLines lays out the scale key in lines no wider than maxW: the
// named points of the scale, each a number and a name joined by no-break
// spaces, after "Scale: " and separated by " · ", broken only between points
// where possible. It returns no lines when no point has a name.
func (g *radarGeom) scaleKeyLines(maxW float64) []string {
	const sep = " · "
	lead := g.text.say("chart.scale", "Scale") + ": "
	// The key on one line; ends[i] is where the i-th point ends.
	var b strings.Builder
	var ends []int
	for v := 1; v <= g.top; v++ {
		n := g.scaleName(v)
		if n == "" {
			continue
		}
		if ends == nil {
			b.Grow(len(lead) + g.top*(len(sep)+len(n)+8))
			ends = make([]int, 0, g.top)
			b.WriteString(lead)
		} else {
			b.WriteString(sep)
		}
		b.WriteString(strconv.Itoa(v))
		b.WriteString("\u00a0")
		for {
			i := strings.IndexByte(n, ' ')
			if i < 0 {
				break
			}
			b.WriteString(n[:i])
			b.WriteString("\u00a0")
			n = n[i+1:]
		}
		b.WriteString(n)
		ends = append(ends, b.Len())
	}
	if ends == nil {
		return nil
	}
	key := b.String()
	// Break between points: a line runs from start to the end of a point,
	// the next one starts after the separator.
	var lines []string
	var widths []float64
	start, pstart := 0, len(lead)
	cw := 0.0 // width of the line so far, in ems
	for i, e := range ends {
		if i == 0 {
			cw = addWidth(0, key[:e])
			pstart = e + len(sep)
			continue
		}
		nw := addWidth(addWidth(cw, sep), key[pstart:e])
		if scaled(nw, smallSize, false) > maxW {
			lines = append(lines, key[start:ends[i-1]])
			widths = append(widths, cw)
			start = pstart
			cw = addWidth(0, key[pstart:e])
		} else {
			cw = nw
		}
		pstart = e + len(sep)
	}
	lines = append(lines, key[start:])
	widths = append(widths, cw)
	// A single part wider than the line still has to be wrapped.
	var out []string // nil while every line fits
	for i, l := range lines {
		if scaled(widths[i], smallSize, false) <= maxW {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		if out == nil {
			out = append(make([]string, 0, len(lines)+2), lines[:i]...)
		}
		ws, _ := wrap(strings.ReplaceAll(l, "\u00a0", " "), maxW, smallSize, false, 0)
		out = append(out, ws...)
	}
	if out == nil {
		return lines
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
	// The direction of each spoke.
	cos, sin := make([]float64, n), make([]float64, n)
	for i := range n {
		cos[i], sin[i] = math.Cos(ang(i)), math.Sin(ang(i))
	}

	// Lay out the axis labels around a centre at (0, 0) to find how much
	// room they need above and below the plot.
	type label struct {
		x, y  float64 // first baseline
		attrs string  // text-anchor
		lines []string
		full  string
	}
	labels := make([]label, n)
	text := make([]string, 0, 2*n) // the lines of all labels
	minY, maxY := -R, R
	for i, ax := range g.axes {
		c, s := cos[i], sin[i]
		lx, ly := lr*c, lr*s
		var l label
		avail := 0.0
		switch {
		case c > 0.25:
			l.attrs = ` text-anchor="start"`
			avail = w/2 - margin - lx
		case c < -0.25:
			l.attrs = ` text-anchor="end"`
			avail = w/2 - margin + lx
		default:
			l.attrs = ` text-anchor="middle"`
			avail = 2 * (w/2 - margin - math.Abs(lx))
			// Keep clear of the neighbouring labels when spokes are dense.
			avail = min(avail, 240, 2*lr*math.Sin(math.Pi/float64(n))+40)
		}
		start := len(text)
		var trunc bool
		text, trunc = appendWrap(text, ax.Label, avail, fontSize, false, 2)
		lines := text[start:len(text):len(text)]
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
		l.lines = lines
		labels[i] = l
		minY = min(minY, l.y-fontSize*0.85)
		maxY = max(maxY, l.y+k*lineHeight+fontSize*0.3)
	}
	cx := w / 2
	cy := margin + 4 - minY

	var b writer
	b.Grow(2200 + n*(g.top*14+190+len(g.vals)*(150+2*26)) + len(g.vals)*(320+n*14))
	// Grid: the outer ring, drawn once around the centre, and a scaled
	// copy of it for every other point of the scale (its stroke keeps its
	// width), then the spokes as one path.
	b.WriteString(`<g class="chart-grid" transform="translate(`)
	b.num(cx)
	b.WriteByte(' ')
	b.num(cy)
	b.strs(`)"><polygon id="`, g.id, `-ring" vector-effect="non-scaling-stroke" points="`)
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.pt(R*cos[i], R*sin[i])
	}
	b.WriteString(`"/>`)
	for k := 1; k < g.top; k++ {
		b.strs(`<use href="#`, g.id, `-ring" transform="scale(`)
		b.WriteString(strconv.FormatFloat(float64(k)/float64(g.top), 'g', 4, 64))
		b.WriteString(`)"/>`)
	}
	b.WriteString(`<path class="chart-axis" d="`)
	for i := range n {
		b.WriteString(`M0 0L`)
		b.num(R * cos[i])
		if y := R * sin[i]; num(y)[0] != '-' {
			b.WriteByte(' ')
		}
		b.num(R * sin[i])
	}
	b.WriteString(`"/></g>` + "\n")

	// Tick numbers on the bisector of the first two spokes, just inside
	// each ring, so they sit clear of the spokes and of the points. With
	// three spokes the rings are too close together there, so the numbers
	// go beside the first spoke instead.
	half := math.Pi / float64(n)
	b.WriteString(`<g class="chart-tick">` + "\n")
	for k := 1; k <= g.top; k++ {
		rk := R * float64(k) / float64(g.top)
		tx, ty := cx+rk*math.Cos(ang(0)+half)*math.Cos(half), cy+rk*math.Sin(ang(0)+half)*math.Cos(half)
		// Move a little towards the centre, along the bisector.
		tx, ty = tx-7*math.Cos(ang(0)+half), ty-7*math.Sin(ang(0)+half)
		if n == 3 {
			tx, ty = cx+9, cy-rk+9
		}
		g.tick(&b, k, tx, ty+3.5)
	}
	b.WriteString("</g>\n")

	// Series polygons, with a point on each vertex.
	g.markerDefs(&b)
	for s := range g.vals {
		b.WriteString(`<polygon class="chart-series chart-series-`)
		b.series(s)
		b.WriteByte('"')
		g.valuesAttr(&b, s)
		b.WriteString(` points="`)
		for a := range n {
			if a > 0 {
				b.WriteByte(' ')
			}
			rv := R * float64(g.vals[s][a]) / float64(g.top)
			b.pt(cx+rv*cos[a], cy+rv*sin[a])
		}
		b.strs(`" marker-start="url(#`, g.id, `-pt-`)
		b.series(s)
		b.strs(`)" marker-mid="url(#`, g.id, `-pt-`)
		b.series(s)
		b.WriteString(`)">`)
		g.seriesTitle(&b, s)
		b.WriteString("</polygon>\n")
	}

	// Axis labels.
	b.WriteString(`<g class="chart-label">` + "\n")
	for i, l := range labels {
		opened := linkOpen(&b, g.axes[i].URL, "")
		textLines(&b, cx+l.x, cy+l.y, lineHeight, l.lines, l.attrs, l.full)
		linkClose(&b, opened)
	}
	b.WriteString("</g>\n")

	y := cy + maxY + 26
	y = g.legend(&b, y, w)
	y = g.scaleKey(&b, y+4, w)
	return finish("radar", g.id, g.title, g.desc, w, y-smallLine+margin+4, b.String(), table)
}

// tick writes the number of point k of the scale at (x, y), with the
// point's name as its tooltip.
func (g *radarGeom) tick(b *writer, k int, x, y float64) {
	b.WriteString(`<text`)
	b.attr("x", x)
	b.attr("y", y)
	b.WriteByte('>')
	if nm := g.scaleName(k); nm != "" {
		b.WriteString("<title>")
		b.esc(nm)
		b.WriteString("</title>")
	}
	b.int(k)
	b.WriteString("</text>\n")
}

// bars lays out and draws the horizontal bar chart used when there are too
// few or too many axes for a radar: a group of bars per row, one bar per
// series. note, when not empty, becomes the drawing's Note.
func (g *radarGeom) bars(table string, rows []barRow, note string) Drawing {
	const (
		w      = 440.0
		labelW = 130.0
		barH   = 16.0
		barGap = 5.0
		groupG = 16.0
	)
	x0 := margin + labelW + 12
	x1 := w - margin - 24
	scale := func(v float64) float64 { return x0 + (x1-x0)*v/float64(g.top) }
	ns := max(len(g.vals), 1)
	groupH := float64(ns)*barH + float64(ns-1)*barGap

	var b writer
	b.Grow(2400 + g.top*150 + len(rows)*(260+len(g.vals)*560))
	top := margin + 16 // below the tick numbers
	bottom := top + groupG/2 + float64(len(rows))*(groupH+groupG)

	// Scale: a vertical line per point, numbered at the top.
	b.WriteString(`<g class="chart-grid">` + "\n")
	for k := 0; k <= g.top; k++ {
		b.WriteString(`<line`)
		b.attr("x1", scale(float64(k)))
		b.attr("y1", top)
		b.attr("x2", scale(float64(k)))
		b.attr("y2", bottom)
		b.WriteString(`/>` + "\n")
	}
	b.WriteString("</g>\n")
	b.WriteString(`<g class="chart-tick">` + "\n")
	for k := 1; k <= g.top; k++ {
		g.tick(&b, k, scale(float64(k)), top-5)
	}
	b.WriteString("</g>\n")
	b.WriteString(`<line class="chart-axis"`)
	b.attr("x1", x0)
	b.attr("y1", top)
	b.attr("x2", x0)
	b.attr("y2", bottom)
	b.WriteString(`/>` + "\n")

	y := top + groupG/2
	for _, row := range rows {
		mid := y + groupH/2
		lines, trunc := wrap(row.label, labelW, fontSize, false, 2)
		full := ""
		if trunc {
			full = row.label
		}
		first := mid - float64(len(lines)-1)*lineHeight/2 + fontSize*0.35
		opened := linkOpen(&b, row.url, "")
		textLines(&b, x0-10, first, lineHeight, lines, ` class="chart-label" text-anchor="end"`, full)
		linkClose(&b, opened)
		for s, v := range row.vals {
			by := y + float64(s)*(barH+barGap)
			b.WriteString(`<rect class="chart-bar chart-series-`)
			b.series(s)
			b.WriteByte('"')
			b.attr("x", x0)
			b.attr("y", by)
			b.attr("width", scale(v)-x0)
			b.attr("height", barH)
			b.WriteString(` data-value="`)
			b.num(v)
			b.WriteString(`"/>` + "\n")
			b.WriteString(`<text class="chart-value"`)
			b.attr("x", scale(v)+5)
			b.attr("y", by+barH/2+4)
			b.WriteByte('>')
			b.num(v)
			b.WriteString("</text>\n")
		}
		y += groupH + groupG
	}
	y = bottom + 26
	y = g.legend(&b, y, w)
	y = g.scaleKey(&b, y+4, w)
	d := finish("bars", g.id, g.title, g.desc, w, y-smallLine+margin+4, b.String(), table)
	d.Note = note
	return d
}
