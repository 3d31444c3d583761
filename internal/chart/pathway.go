package chart

import (
	"fmt"
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
// width edgeW.
func newStepBox(s PathStep, w, edgeW float64, class string) stepBox {
	bx := stepBox{step: s, w: w, class: class, edgeW: edgeW}
	var trunc bool
	bx.label, trunc = wrap(orDefault(s.Label, "—"), w-20, fontSize, true, 3)
	if trunc {
		bx.labelFull = s.Label
	}
	bx.sub, _ = wrap(s.Sub, w-16, smallSize, false, 2)
	bx.h = 20 + float64(len(bx.label))*lineHeight + float64(len(bx.sub))*smallLine
	bx.h = max(bx.h, 44)
	if edgeW <= 0 {
		return bx
	}
	bx.edge, trunc = wrap(s.Edge, edgeW, smallSize, false, 2)
	if trunc {
		bx.edgeFull = s.Edge
	}
	bx.edgeLines = float64(len(bx.edge))
	return bx
}

// draw writes the box at (x, y) with height h (which may exceed its own).
func (bx *stepBox) draw(b *strings.Builder, x, y, h float64) {
	opened := linkOpen(b, bx.step.URL, "")
	fmt.Fprintf(b, `<g class="%s">`+"\n", bx.class)
	fmt.Fprintf(b, `<rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="currentColor" fill-opacity="0.06" stroke="currentColor" stroke-opacity="0.5"/>`+"\n",
		num(x), num(y), num(bx.w), num(h))
	block := float64(len(bx.label))*lineHeight + float64(len(bx.sub))*smallLine
	first := y + h/2 - block/2 + fontSize*0.8
	textLines(b, x+bx.w/2, first, lineHeight, bx.label, ` class="step-label" text-anchor="middle" font-weight="600"`, bx.labelFull)
	if len(bx.sub) > 0 {
		sy := first + float64(len(bx.label)-1)*lineHeight + smallLine + 1
		textLines(b, x+bx.w/2, sy, smallLine, bx.sub, ` class="step-sub" text-anchor="middle" font-size="11" fill-opacity="0.75"`, "")
	}
	b.WriteString("</g>\n")
	linkClose(b, opened)
}

// edgeNote writes an arrow's note. (x, y) is the last baseline for notes
// that sit above an arrow (up true) or the first baseline otherwise.
func (bx *stepBox) edgeNote(b *strings.Builder, x, y float64, anchor string, up bool) {
	if len(bx.edge) == 0 {
		return
	}
	if up {
		y -= (bx.edgeLines - 1) * smallLine
	}
	textLines(b, x, y, smallLine, bx.edge, ` class="edge-label" font-size="11" fill-opacity="0.8" text-anchor="`+anchor+`"`, bx.edgeFull)
}

// arrow writes an edge path with an arrowhead.
func arrow(b *strings.Builder, id, d string) {
	fmt.Fprintf(b, `<path class="edge" d="%s" fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.5" marker-end="url(#%s-arrow)"/>`+"\n", d, id)
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
		var ls []string
		for _, s := range p.Steps {
			ls = append(ls, s.Label)
		}
		desc = fmt.Sprintf("Pathway of %d steps: %s.", len(p.Steps), strings.Join(ls, ", then "))
	}
	lead := len(p.Steps) > 0 && strings.TrimSpace(p.Steps[0].Edge) != ""

	var b strings.Builder
	arrowDefs(&b, id, false)
	var w, h float64
	if len(p.Steps) <= pathwayHorizontalMax {
		const nodeW, gap = 140.0, 104.0
		boxes := make([]stepBox, len(p.Steps))
		boxH, notes := 44.0, 0.0
		for i, s := range p.Steps {
			boxes[i] = newStepBox(s, nodeW, gap-12, "step")
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
				arrow(&b, id, fmt.Sprintf("M%sH%s", pt(x-gap+2, mid), num(x-2)))
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
		for i, s := range p.Steps {
			boxes[i] = newStepBox(s, nodeW, noteW, "step")
		}
		for i := range boxes {
			if i > 0 || lead {
				gap := max(34, boxes[i].edgeLines*smallLine+16)
				arrow(&b, id, fmt.Sprintf("M%sV%s", pt(ax, y+2), num(y+gap-2)))
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
	t.start(id, "pathway", title, []string{"Step", "Details", "From the previous step"})
	for i, s := range p.Steps {
		t.row("", strconv.Itoa(i+1)+". "+linkHTML(s.Label, s.URL), esc(s.Sub), esc(s.Edge))
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
		var ls []string
		for _, s := range p.Targets {
			ls = append(ls, s.Label)
		}
		desc = fmt.Sprintf("%s leads to %d destinations: %s.", orDefault(p.Source.Label, "The source"), len(p.Targets), strings.Join(ls, ", "))
	}
	src := newStepBox(p.Source, srcW, 0, "step step-source")
	tgts := make([]stepBox, len(p.Targets))
	total := 0.0
	for i, s := range p.Targets {
		tgts[i] = newStepBox(s, tgtW, gap-curve-16, "step")
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

	var b strings.Builder
	arrowDefs(&b, id, false)
	y := top + (height-total)/2
	for i := range tgts {
		ty := y + tgts[i].h/2
		arrow(&b, id, fmt.Sprintf("M%sC%s %s %sH%s", pt(sx+srcW, sy), pt(sx+srcW+curve*0.6, sy),
			pt(sx+srcW+curve*0.4, ty), pt(sx+srcW+curve, ty), num(tx-2)))
		tgts[i].edgeNote(&b, tx-10, ty-6, "end", true)
		tgts[i].draw(&b, tx, y, tgts[i].h)
		y += tgts[i].h + stack
	}
	src.draw(&b, sx, sy-src.h/2, src.h)
	w := tx + tgtW + margin
	h := top + height + margin

	var t htmlTable
	t.start(id, "fan", title, []string{"From", "To", "Details", "Route"})
	from := linkHTML(p.Source.Label, p.Source.URL)
	for _, s := range p.Targets {
		t.row("", from, linkHTML(s.Label, s.URL), esc(s.Sub), esc(s.Edge))
	}
	return finish("fan", id, title, desc, w, h, b.String(), t.end())
}
