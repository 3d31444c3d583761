package chart

import (
	"strconv"
	"strings"
)

// PathwayInput describes a route: a sequence of steps, each leading to the
// next. ID must be unique on the page: it prefixes every id inside the
// drawing.
type PathwayInput struct {
	ID, Title, Desc string
	Steps           []PathStep
}

// PathStep is one node of a pathway or fan: a label, an optional second line
// Sub (such as a level code), an optional URL, and Edge, an optional note on
// the arrow that leads into the step (such as "12 months" or "via Career
// Choice").
type PathStep struct {
	Label, Sub, URL, Edge string
}

// FanInput describes a fan-out: one source (such as a program) leading to
// several targets (such as the levels it prepares for). ID must be unique on
// the page: it prefixes every id inside the drawing.
type FanInput struct {
	ID, Title, Desc string
	Text            Texts // the table's words; nil for English
	Source          PathStep
	Targets         []PathStep
}

// pathwayHorizontalMax is the most steps a pathway draws left to right; a
// longer one is drawn top to bottom, which stays legible on a phone.
const pathwayHorizontalMax = 2

// stepBox is a laid-out step: wrapped label and sub lines and the box size.
type stepBox struct {
	step             PathStep
	label, sub       []string
	labelFull        string
	w, h             float64
	edge             []string
	edgeFull         string
	class            string
	edgeW, edgeLines float64
}

// newStepBox wraps a step's texts for a box of width w and an edge note of
// width edgeW. The lines are appended to text, which is returned.
func newStepBox(s PathStep, w, edgeW float64, class string, text []string) (stepBox, []string) {
	bx := stepBox{step: s, w: w, class: class, edgeW: edgeW}
	wrapped := func(s string, maxW, size float64, bold bool, maxLines int) ([]string, bool) {
		start := len(text)
		var trunc bool
		text, trunc = appendWrap(text, s, maxW, size, bold, maxLines)
		return text[start:len(text):len(text)], trunc
	}
	var trunc bool
	bx.label, trunc = wrapped(orDefault(s.Label, "—"), w-20, fontSize, true, 3)
	if trunc {
		bx.labelFull = s.Label
	}
	bx.sub, _ = wrapped(s.Sub, w-16, smallSize, false, 2)
	bx.h = 20 + float64(len(bx.label))*lineHeight + float64(len(bx.sub))*smallLine
	bx.h = max(bx.h, 44)
	if edgeW <= 0 {
		return bx, text
	}
	bx.edge, trunc = wrapped(s.Edge, edgeW, smallSize, false, 2)
	if trunc {
		bx.edgeFull = s.Edge
	}
	bx.edgeLines = float64(len(bx.edge))
	return bx, text
}

// draw writes the box at (x, y) with height h (which may exceed its own).
func (bx *stepBox) draw(b *writer, x, y, h float64) {
	opened := linkOpen(b, bx.step.URL, "")
	b.strs(`<g class="`, bx.class, `">`+"\n<rect")
	b.attr("x", x)
	b.attr("y", y)
	b.attr("width", bx.w)
	b.attr("height", h)
	b.WriteString(` rx="8"/>` + "\n")
	block := float64(len(bx.label))*lineHeight + float64(len(bx.sub))*smallLine
	first := y + h/2 - block/2 + fontSize*0.8
	textLines(b, x+bx.w/2, first, lineHeight, bx.label, ` class="step-label"`, bx.labelFull)
	if len(bx.sub) > 0 {
		sy := first + float64(len(bx.label)-1)*lineHeight + smallLine + 1
		textLines(b, x+bx.w/2, sy, smallLine, bx.sub, ` class="step-sub"`, "")
	}
	b.WriteString("</g>\n")
	linkClose(b, opened)
}

// edgeNote writes an arrow's note. (x, y) is the last baseline for notes
// that sit above an arrow (up true) or the first baseline otherwise.
func (bx *stepBox) edgeNote(b *writer, x, y float64, anchor string, up bool) {
	if len(bx.edge) == 0 {
		return
	}
	if up {
		y -= (bx.edgeLines - 1) * smallLine
	}
	const attrs = ` class="edge-label" text-anchor=`
	var a string
	switch anchor {
	case "start":
		a = attrs + `"start"`
	case "middle":
		a = attrs + `"middle"`
	case "end":
		a = attrs + `"end"`
	default:
		a = attrs + `"` + anchor + `"`
	}
	textLines(b, x, y, smallLine, bx.edge, a, bx.edgeFull)
}

// arrowStart starts an edge path with an arrowhead; the caller writes the
// path data and ends it with arrowEnd.
func arrowStart(b *writer) {
	b.WriteString(`<path class="edge" d="`)
}

// arrowEnd ends an edge path started by arrowStart.
func arrowEnd(b *writer, id string) {
	b.strs(`" marker-end="url(#`, id, `-arrow)"/>`+"\n")
}

// stepsDesc joins the labels of steps with sep.
func stepsDesc(b *strings.Builder, steps []PathStep, sep string) {
	for i, s := range steps {
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s.Label)
	}
}

// Pathway draws a route of steps joined by arrows, each arrow carrying the
// note of the step it leads into. One or two steps run left to right; a
// longer route runs top to bottom, because a row of three or more boxes
// would have to shrink to half size or less on a phone. A
// note on the first step is drawn on a short arrow leading into it. The
// table lists the steps in order with their details and notes.
func Pathway(p PathwayInput) Drawing {
	id := cleanID(p.ID)
	title := orDefault(p.Title, "Pathway")
	desc := p.Desc
	if strings.TrimSpace(desc) == "" {
		var d strings.Builder
		d.Grow(40 + len(p.Steps)*40)
		d.WriteString("Pathway of ")
		d.WriteString(strconv.Itoa(len(p.Steps)))
		d.WriteString(" steps: ")
		stepsDesc(&d, p.Steps, ", then ")
		d.WriteString(".")
		desc = d.String()
	}
	lead := len(p.Steps) > 0 && strings.TrimSpace(p.Steps[0].Edge) != ""

	var b writer
	b.Grow(600 + len(p.Steps)*900)
	arrowDefs(&b, id, false)
	var w, h float64
	if len(p.Steps) <= pathwayHorizontalMax {
		const nodeW, gap = 140.0, 104.0
		boxes := make([]stepBox, len(p.Steps))
		text := make([]string, 0, 4*len(p.Steps))
		boxH, notes := 44.0, 0.0
		for i, s := range p.Steps {
			boxes[i], text = newStepBox(s, nodeW, gap-12, "step", text)
			boxH = max(boxH, boxes[i].h)
			notes = max(notes, boxes[i].edgeLines)
		}
		top := margin + max(0, notes*smallLine+8-boxH/2)
		mid := top + boxH/2
		x := margin
		if lead {
			x += gap
		}
		for i := range boxes {
			if i > 0 || lead {
				arrowStart(&b)
				b.WriteByte('M')
				b.pt(x-gap+2, mid)
				b.WriteByte('H')
				b.num(x - 2)
				arrowEnd(&b, id)
				boxes[i].edgeNote(&b, x-gap/2, mid-7, "middle", true)
			}
			boxes[i].draw(&b, x, top, boxH)
			x += nodeW + gap
		}
		w = max(x-gap+margin, 2*margin)
		h = top + boxH + margin
	} else {
		const nodeW, noteW = 240.0, 220.0
		w = margin + nodeW/2 + 10 + noteW + margin
		ax := margin + nodeW/2
		y := margin
		boxes := make([]stepBox, len(p.Steps))
		text := make([]string, 0, 4*len(p.Steps))
		for i, s := range p.Steps {
			boxes[i], text = newStepBox(s, nodeW, noteW, "step", text)
		}
		for i := range boxes {
			if i > 0 || lead {
				gap := max(34, boxes[i].edgeLines*smallLine+16)
				arrowStart(&b)
				b.WriteByte('M')
				b.pt(ax, y+2)
				b.WriteByte('V')
				b.num(y + gap - 2)
				arrowEnd(&b, id)
				first := y + gap/2 - (boxes[i].edgeLines-1)*smallLine/2 + smallSize*0.35
				boxes[i].edgeNote(&b, ax+10, first, "start", false)
				y += gap
			}
			boxes[i].draw(&b, margin, y, boxes[i].h)
			y += boxes[i].h
		}
		h = y + margin
	}

	var t htmlTable
	t.Grow(300 + len(p.Steps)*160)
	t.start(id, "pathway", title)
	t.col("Step")
	t.col("Details")
	t.col("From the previous step")
	t.body()
	for i, s := range p.Steps {
		t.rowStart("")
		t.int(i + 1)
		t.WriteString(". ")
		t.link(s.Label, s.URL)
		t.cell(true)
		t.esc(s.Sub)
		t.cell(false)
		t.esc(s.Edge)
		t.rowEnd(false)
	}
	return finish("pathway", id, title, desc, w, h, b.String(), t.end())
}

// Fan draws a source on the left with an arrow to each target, the targets
// stacked on the right in the order given. Each target's Edge note sits on
// the straight end of its arrow. The table has a row per target.
func Fan(p FanInput) Drawing {
	const (
		srcW  = 150.0
		tgtW  = 170.0
		gap   = 160.0
		curve = 60.0 // horizontal run of the curved part of each arrow
		stack = 14.0 // vertical space between targets
	)
	id := cleanID(p.ID)
	title := orDefault(p.Title, "Pathway")
	desc := p.Desc
	if strings.TrimSpace(desc) == "" {
		var d strings.Builder
		d.Grow(60 + len(p.Targets)*40)
		d.WriteString(orDefault(p.Source.Label, "The source"))
		d.WriteString(" leads to ")
		d.WriteString(strconv.Itoa(len(p.Targets)))
		d.WriteString(" destinations: ")
		stepsDesc(&d, p.Targets, ", ")
		d.WriteString(".")
		desc = d.String()
	}
	text := make([]string, 0, 3+4*len(p.Targets))
	src, text := newStepBox(p.Source, srcW, 0, "step step-source", text)
	tgts := make([]stepBox, len(p.Targets))
	total := 0.0
	for i, s := range p.Targets {
		tgts[i], text = newStepBox(s, tgtW, gap-curve-16, "step", text)
		if i > 0 {
			total += stack
		}
		total += tgts[i].h
	}
	// The first target's note sits above its arrow, inside the space of the
	// box's top half; make room if it is taller.
	extra := 0.0
	if len(tgts) > 0 {
		extra = max(0, tgts[0].edgeLines*smallLine+10-tgts[0].h/2)
	}
	top := margin + extra
	height := max(total, src.h)
	sx := margin
	tx := margin + srcW + gap
	sy := top + height/2

	var b writer
	b.Grow(1000 + len(p.Targets)*1100)
	arrowDefs(&b, id, false)
	y := top + (height-total)/2
	for i := range tgts {
		ty := y + tgts[i].h/2
		arrowStart(&b)
		b.WriteByte('M')
		b.pt(sx+srcW, sy)
		b.WriteByte('C')
		b.pt(sx+srcW+curve*0.6, sy)
		b.WriteByte(' ')
		b.pt(sx+srcW+curve*0.4, ty)
		b.WriteByte(' ')
		b.pt(sx+srcW+curve, ty)
		b.WriteByte('H')
		b.num(tx - 2)
		arrowEnd(&b, id)
		tgts[i].edgeNote(&b, tx-10, ty-6, "end", true)
		tgts[i].draw(&b, tx, y, tgts[i].h)
		y += tgts[i].h + stack
	}
	src.draw(&b, sx, sy-src.h/2, src.h)
	w := tx + tgtW + margin
	h := top + height + margin

	var t htmlTable
	t.Grow(300 + len(p.Targets)*(220+len(p.Source.Label)+len(p.Source.URL)))
	t.start(id, "fan", title)
	for _, h := range [...][2]string{{"chart.from", "From"}, {"chart.to", "To"}, {"chart.details", "Details"}, {"chart.route", "Route"}} {
		t.col(p.Text.say(h[0], h[1]))
	}
	t.body()
	for _, s := range p.Targets {
		t.rowStart("")
		t.link(p.Source.Label, p.Source.URL)
		t.cell(true)
		t.link(s.Label, s.URL)
		t.cell(false)
		t.esc(s.Sub)
		t.cell(false)
		t.esc(s.Edge)
		t.rowEnd(false)
	}
	return finish("fan", id, title, desc, w, h, b.String(), t.end())
}
