package chart

import (
	"cmp"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// LadderInput describes the ladder of a track. Paths are drawn as columns
// side by side (for example an individual-contributor path, then a manager
// path), with rungs of equal rank on the same row. Moves are lateral moves
// out to other tracks, drawn as arrows leaving the right edge towards the
// target's label; a move whose ToKey names a rung of the ladder (a
// promotion or move to another path of the same track) is drawn as an arrow
// between the two boxes instead. Current is the optional key of a rung to
// highlight. ID
// must be unique on the page: it prefixes every id inside the drawing.
//
// Style, when not empty, makes the drawing one to stand on its own as an
// SVG file, shown on pages with <img>: Style is written into a <style>
// element at its start (a drawing shown as an image sees no stylesheet of
// the page), and each rung gets its key, cleaned as IDs are, as its id, so
// that a style rule on :target highlights the rung a URL fragment names
// (ladder.svg#key).
type LadderInput struct {
	ID, Title, Desc string
	Text            Texts // the table's words; nil for English
	Paths           []LadderPath
	Moves           []LadderMove
	Current         string
	Style           string
}

// LadderPath is one column of a ladder: a name shown above it and its
// rungs, in any order.
type LadderPath struct {
	Name  string
	Rungs []Rung
}

// Rung is one level of a ladder. Key identifies it (for Current and
// LadderMove.FromKey), Label and Code are shown in its box, URL is where the
// box links to, and Rank places it on a row: rank 1 is at the bottom, and
// rungs of equal rank in different paths share a row.
type Rung struct {
	Key, Label, Code, URL string
	Rank                  int
}

// LadderMove is a move from the rung whose key is FromKey to another level.
// When ToKey is the key of a rung of the ladder, the move is drawn as a
// dashed arrow between the two boxes; otherwise the level is outside the
// ladder, shown as ToLabel and linked to ToURL beyond the columns. ToLabel
// and ToURL also name the target in the data table.
type LadderMove struct {
	FromKey, ToKey, ToLabel, ToURL string
}

// placedRung is a rung with its cell.
type placedRung struct {
	Rung
	col, row int
	lines    []string // wrapped label
	full     string   // the label, when lines cut it short
	code     string   // fitted code
}

// placedMove is a lateral move from a placed rung.
type placedMove struct {
	LadderMove
	from  int // index of the rung
	to    int // index of the target rung, or -1 for a level outside the ladder
	lines []string
	full  string
	y     float64 // centre of the label
}

// Ladder draws the rungs of a track as rounded boxes in one column per path,
// highest rank at the top, each box showing the rung's label and code and
// linking to its URL. Arrows join consecutive rungs of a path (promotions);
// lateral moves leave the rung's right side for a label beyond the columns.
// The current rung has the class rung-current and aria-current="page". The
// table has a row per rank and a column per path.
func Ladder(l LadderInput) Drawing {
	return ladder(l, true)
}

// LadderTable returns the data table of the ladder Ladder would draw, with
// the Current rung marked, without drawing the picture: for a page that
// shows the picture from a file drawn once.
func LadderTable(l LadderInput) template.HTML {
	return ladder(l, false).Table
}

// LadderCaption returns the id of the caption of the ladder's data table.
func LadderCaption(l LadderInput) string { return captionID(cleanID(l.ID)) }

// ladder draws the ladder, or only its table when svg is false.
func ladder(l LadderInput, svg bool) Drawing {
	const (
		gutter  = 32.0 // rank numbers
		rungW   = 156.0
		rowGap  = 30.0  // between the boxes of adjacent rows
		movesIn = 40.0  // from the last column to the move labels
		movesW  = 140.0 // width of move labels
	)
	id := cleanID(l.ID)
	title := orDefault(l.Title, "Career ladder")

	// Place rungs. Rungs of one path that share a rank take sub-rows, the
	// first at the bottom; a rank has as many sub-rows as the path that
	// has most rungs of that rank.
	nRungs := 0
	for _, p := range l.Paths {
		nRungs += len(p.Rungs)
	}
	// ranks holds the distinct ranks in ascending order; for each,
	// subs[i] is its number of sub-rows, first[i] the row of its top
	// sub-row and count[i] the rungs of that rank in the path being placed.
	ints := make([]int, 4*nRungs)
	ranks, subs, first, count := ints[:0:nRungs], ints[nRungs:2*nRungs], ints[2*nRungs:3*nRungs], ints[3*nRungs:]
	for _, p := range l.Paths {
		for _, r := range p.Rungs {
			ranks = append(ranks, r.Rank)
		}
	}
	slices.Sort(ranks)
	ranks = slices.Compact(ranks)
	rankIndex := func(rank int) int { i, _ := slices.BinarySearch(ranks, rank); return i }
	rungs := make([]placedRung, 0, nRungs)
	for p, path := range l.Paths {
		clear(count)
		for _, r := range path.Rungs {
			i := rankIndex(r.Rank)
			sub := count[i]
			count[i]++
			subs[i] = max(subs[i], sub+1)
			rungs = append(rungs, placedRung{Rung: r, col: p, row: sub})
		}
	}
	// Rows run from the highest rank down, and within a rank from its
	// last sub-row down.
	nRows := 0
	for i := len(ranks) - 1; i >= 0; i-- {
		first[i] = nRows
		nRows += subs[i]
	}
	rowRank := make([]int, nRows)
	for i := range ranks {
		for s := range subs[i] {
			rowRank[first[i]+s] = ranks[i]
		}
	}
	// Wrap labels; every box gets the height of the tallest. text holds
	// the lines of the labels of rungs and moves.
	text := make([]string, 0, 2*nRungs+2*len(l.Moves))
	rungH := 44.0
	for i := range rungs {
		r := &rungs[i]
		ri := rankIndex(r.Rank)
		r.row = first[ri] + subs[ri] - 1 - r.row
		if !svg {
			continue
		}
		start := len(text)
		var trunc bool
		text, trunc = appendWrap(text, r.Label, rungW-18, fontSize, true, 3)
		r.lines = text[start:len(text):len(text)]
		if trunc {
			r.full = r.Label
		}
		h := 16 + float64(len(r.lines))*lineHeight
		if code := strings.TrimSpace(r.Code); code != "" {
			r.code = fitLine(code, rungW-18, smallSize, false)
			h += smallLine
		}
		rungH = max(rungH, h)
	}
	rowH := rungH + rowGap
	// byKey finds the first rung with a key.
	byKey := func(key string) (int, bool) {
		if key == "" {
			return 0, false
		}
		for i := range rungs {
			if rungs[i].Key == key {
				return i, true
			}
		}
		return 0, false
	}

	// Moves whose rung exists, in input order.
	var moves []placedMove
	inner := 0 // moves between two rungs
	for _, m := range l.Moves {
		if i, ok := byKey(m.FromKey); ok {
			if j, ok := byKey(m.ToKey); ok && j != i {
				if moves == nil {
					moves = make([]placedMove, 0, len(l.Moves))
				}
				moves = append(moves, placedMove{LadderMove: m, from: i, to: j})
				inner++
				continue
			}
			if !svg {
				if ws, we := nextWord(m.ToLabel, 0); ws < we {
					moves = append(moves, placedMove{LadderMove: m, from: i, to: -1})
				}
				continue
			}
			start := len(text)
			var trunc bool
			text, trunc = appendWrap(text, m.ToLabel, movesW-4, fontSize, false, 3)
			lines := text[start:len(text):len(text)]
			if len(lines) == 0 {
				continue
			}
			mv := placedMove{LadderMove: m, from: i, to: -1, lines: lines}
			if trunc {
				mv.full = m.ToLabel
			}
			if moves == nil {
				moves = make([]placedMove, 0, len(l.Moves))
			}
			moves = append(moves, mv)
		}
	}

	if !svg {
		return Drawing{Table: template.HTML(ladderTable(l, id, title, nRows, rowRank, rungs, moves)), Caption: captionID(id)}
	}
	hasHeader := false
	for _, p := range l.Paths {
		if strings.TrimSpace(p.Name) != "" {
			hasHeader = true
		}
	}
	headerH := 8.0
	if hasHeader {
		headerH = 30
	}
	// The column pitch leaves a gap between the boxes wide enough for
	// the arrows between paths when there are any.
	colW := rungW + 18
	if inner > 0 {
		colW = rungW + 46
	}
	colsRight := margin + gutter + float64(len(l.Paths))*colW
	w := colsRight + margin
	if len(moves) > inner {
		w = colsRight + movesIn + movesW + margin
	}
	rowTop := func(i int) float64 { return margin + headerH + float64(i)*rowH }
	rungX := func(c int) float64 { return margin + gutter + float64(c)*colW + (colW-rungW)/2 }
	rungY := func(r int) float64 { return rowTop(r) + (rowH-rungH)/2 }
	h := rowTop(nRows) + margin

	desc := l.Desc
	if strings.TrimSpace(desc) == "" {
		desc = autoLadderDesc(l.Paths, len(rungs), len(moves)-inner, inner)
	}

	var b writer
	b.Grow(1200 + len(l.Paths)*220 + nRows*40 + len(rungs)*620 + len(moves)*560)
	if l.Style != "" {
		// Character data, so that the style needs no escaping.
		b.WriteString("<style><![CDATA[")
		b.WriteString(strings.ReplaceAll(l.Style, "]]>", "]]]]><![CDATA[>"))
		b.WriteString("]]></style>\n")
	}
	arrowDefs(&b, id, false)

	// Header and rank gutter.
	if hasHeader {
		b.WriteString(`<g class="chart-label ladder-path">` + "\n")
		for c, p := range l.Paths {
			var a [4]string
			lines, trunc := appendWrap(a[:0], p.Name, colW-8, fontSize, true, 1)
			full := ""
			if trunc {
				full = p.Name
			}
			textLines(&b, rungX(c)+rungW/2, margin+16, lineHeight, lines, "", full)
		}
		b.WriteString("</g>\n")
	}
	b.WriteString(`<g class="chart-axis">` + "\n")
	if hasHeader {
		b.WriteString(`<text`)
		b.attr("x", margin+gutter/2)
		b.attr("y", margin+16)
		b.WriteString(`>`)
		b.esc(l.Text.say("chart.rank", "Rank"))
		b.WriteString(`</text>` + "\n")
	}
	for i, rank := range rowRank {
		b.WriteString(`<text`)
		b.attr("x", margin+gutter/2)
		b.attr("y", rungY(i)+rungH/2+4)
		b.WriteByte('>')
		b.int(rank)
		b.WriteString("</text>\n")
	}
	b.WriteString("</g>\n")

	// Promotions: consecutive rungs of each path, by rank. The rungs of a
	// path are consecutive in rungs.
	b.WriteString(`<g class="promotion">` + "\n")
	col := make([]int, 0, nRungs)
	for c, start := 0, 0; c < len(l.Paths); c++ {
		col = col[:0]
		for i := start; i < start+len(l.Paths[c].Rungs); i++ {
			col = append(col, i)
		}
		start += len(l.Paths[c].Rungs)
		slices.SortStableFunc(col, func(a, b int) int { return cmp.Compare(rungs[b].row, rungs[a].row) })
		for i := 1; i < len(col); i++ {
			lo, hi := &rungs[col[i-1]], &rungs[col[i]]
			x := rungX(c) + rungW/2
			b.WriteString(`<path d="M`)
			b.pt(x, rungY(lo.row))
			b.WriteByte('V')
			b.num(rungY(hi.row) + rungH + 1)
			b.strs(`" marker-end="url(#`, id, `-arrow)"/>`+"\n")
		}
	}
	b.WriteString("</g>\n")

	// Moves between two rungs: dashed arrows from box to box through the
	// gaps between the columns and rows.
	if inner > 0 {
		g := ladderGeom{colW: colW, rungW: rungW, rungH: rungH, rowGap: rowGap, rungX: rungX, rungY: rungY}
		g.innerMoves(&b, id, rungs, moves)
	}

	// Lateral moves: place labels near their rung without overlapping,
	// then route each arrow out of the columns through the gap above the
	// rung's row.
	order := make([]int, 0, len(moves)-inner)
	for i := range moves {
		if moves[i].to >= 0 {
			continue
		}
		order = append(order, i)
		r := rungs[moves[i].from]
		moves[i].y = rungY(r.row) + rungH/2
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(moves[a].y, moves[b].y) })
	prev := margin + headerH - 6
	for _, i := range order {
		half := float64(len(moves[i].lines)) * lineHeight / 2
		moves[i].y = max(moves[i].y, prev+6+half)
		prev = moves[i].y + half
	}
	h = max(h, prev+margin)
	labelX := colsRight + movesIn
	for _, m := range moves {
		if m.to >= 0 {
			continue
		}
		r := &rungs[m.from]
		rx, ry := rungX(r.col)+rungW, rungY(r.row)+rungH/2
		ex := labelX - 6
		b.WriteString(`<g class="move">` + "\n" + `<path class="move-edge" d="M`)
		b.pt(rx, ry)
		if r.col == len(l.Paths)-1 {
			b.WriteByte('C')
			b.pt(rx+24, ry)
			b.WriteByte(' ')
			b.pt(ex-24, m.y)
			b.WriteByte(' ')
			b.pt(ex, m.y)
		} else {
			gx := rx + (colW-rungW)/2
			gy := rungY(r.row) - (rowH-rungH)/2
			b.WriteByte('H')
			b.num(gx)
			b.WriteByte('V')
			b.num(gy)
			b.WriteByte('H')
			b.num(colsRight)
			b.WriteByte('C')
			b.pt(colsRight+18, gy)
			b.WriteByte(' ')
			b.pt(ex-18, m.y)
			b.WriteByte(' ')
			b.pt(ex, m.y)
		}
		b.strs(`" marker-end="url(#`, id, `-arrow)"/>`+"\n")
		opened := linkOpen(&b, m.ToURL, "")
		first := m.y - float64(len(m.lines)-1)*lineHeight/2 + fontSize*0.35
		textLines(&b, labelX, first, lineHeight, m.lines, ` class="move-label"`, m.full)
		linkClose(&b, opened)
		b.WriteString("</g>\n")
	}

	// Rungs last, so they sit on top of any line.
	for i := range rungs {
		r := &rungs[i]
		x, y := rungX(r.col), rungY(r.row)
		cls := "rung"
		cur := r.Key != "" && r.Key == l.Current
		aria := ""
		if cur {
			cls = "rung rung-current"
			aria = ` aria-current="page"`
		}
		opened := linkOpen(&b, r.URL, aria)
		if opened {
			aria = ""
		}
		b.strs(`<g class="`, cls, `"`)
		if l.Style != "" && r.Key != "" {
			b.strs(` id="`, cleanID(r.Key), `"`)
		}
		b.strs(aria, ">\n<rect")
		b.attr("x", x)
		b.attr("y", y)
		b.attr("width", rungW)
		b.attr("height", rungH)
		b.WriteString(` rx="8"/>` + "\n")
		lines, full, code := r.lines, r.full, r.code
		blockH := float64(len(lines)) * lineHeight
		if code != "" {
			blockH += smallLine
		}
		first := y + rungH/2 - blockH/2 + fontSize*0.8
		textLines(&b, x+rungW/2, first, lineHeight, lines, ` class="rung-label"`, full)
		if code != "" {
			b.WriteString(`<text class="rung-code"`)
			b.attr("x", x+rungW/2)
			b.attr("y", first+float64(len(lines)-1)*lineHeight+smallLine+1)
			b.WriteByte('>')
			b.esc(code)
			b.WriteString("</text>\n")
		}
		b.WriteString("</g>\n")
		linkClose(&b, opened)
	}

	return finish("ladder", id, title, desc, w, h, b.String(), ladderTable(l, id, title, nRows, rowRank, rungs, moves))
}

// ladderTable writes the data table of a ladder: a row per ladder row, a
// column per path.
func ladderTable(l LadderInput, id, title string, nRows int, rowRank []int, rungs []placedRung, moves []placedMove) string {
	var t htmlTable
	t.Grow(300 + len(l.Paths)*40 + nRows*40 + len(rungs)*160 + len(moves)*120)
	t.start(id, "ladder", title)
	t.col(l.Text.say("chart.rank", "Rank"))
	for i, p := range l.Paths {
		if strings.TrimSpace(p.Name) == "" {
			t.col(l.Text.say("chart.path_n", "Path "+strconv.Itoa(i+1), i+1))
		} else {
			t.col(p.Name)
		}
	}
	t.body()
	// cells[row*len(l.Paths)+col] is the rung in that cell, or -1.
	np := len(l.Paths)
	cells := make([]int, nRows*np)
	for i := range cells {
		cells[i] = -1
	}
	for ki := range rungs {
		cells[rungs[ki].row*np+rungs[ki].col] = ki
	}
	for ri, rank := range rowRank {
		t.rowStart("")
		t.int(rank)
		for c := range np {
			t.cell(c == 0)
			if ki := cells[ri*np+c]; ki >= 0 {
				ladderCell(&t.writer, &rungs[ki], ki, l.Current, moves, l.Text)
			}
		}
		t.rowEnd(np == 0)
	}
	return t.end()
}

// ladderCell writes the table cell of rung r, the ki-th rung placed: its
// label, linked and marked when it is the current rung, its code and its
// lateral moves, in the words of text.
func ladderCell(b *writer, r *placedRung, ki int, current string, moves []placedMove, text Texts) {
	cur := r.Key != "" && r.Key == current
	if cur {
		b.WriteString("<strong>")
	}
	if u := safeURL(r.URL); u != "" {
		b.WriteString(`<a href="`)
		b.esc(u)
		b.WriteByte('"')
		if cur {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteByte('>')
		b.esc(r.Label)
		b.WriteString(`</a>`)
	} else {
		b.esc(r.Label)
	}
	if cur {
		b.WriteString("</strong>")
	}
	if code := strings.TrimSpace(r.Code); code != "" {
		b.WriteString(" (")
		b.esc(code)
		b.WriteString(")")
	}
	for i := range moves {
		if m := &moves[i]; m.from == ki {
			b.WriteString(` <span class="chart-move">(`)
			if m.to >= 0 {
				b.esc(text.say("chart.moves_on_to", "moves on to"))
			} else {
				b.esc(text.say("chart.lateral_move", "lateral move to"))
			}
			b.WriteByte(' ')
			b.link(m.ToLabel, m.ToURL)
			b.WriteString(`)</span>`)
		}
	}
}

// autoLadderDesc describes a ladder when the caller gave no description:
// moves are those to other tracks, inner those between two of its rungs.
func autoLadderDesc(paths []LadderPath, rungs, moves, inner int) string {
	var b strings.Builder
	b.Grow(160 + len(paths)*24)
	b.WriteString("Career ladder of ")
	b.WriteString(strconv.Itoa(rungs))
	b.WriteString(" levels")
	if len(paths) > 1 {
		b.WriteString(" in ")
		b.WriteString(strconv.Itoa(len(paths)))
		b.WriteString(" parallel paths")
		named := 0
		for _, p := range paths {
			if strings.TrimSpace(p.Name) != "" {
				named++
			}
		}
		if named == len(paths) {
			b.WriteString(" (")
			for i, p := range paths {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(strings.TrimSpace(p.Name))
			}
			b.WriteString(")")
		}
	}
	b.WriteString(", lowest rank at the bottom")
	if moves == 1 {
		b.WriteString(", with 1 lateral move to another track")
	} else if moves > 1 {
		b.WriteString(", with ")
		b.WriteString(strconv.Itoa(moves))
		b.WriteString(" lateral moves to other tracks")
	}
	if inner == 1 {
		b.WriteString(", and 1 dashed arrow from a level to one on another path")
	} else if inner > 1 {
		b.WriteString(", and ")
		b.WriteString(strconv.Itoa(inner))
		b.WriteString(" dashed arrows from a level to one on another path")
	}
	b.WriteString(".")
	return b.String()
}

// ladderGeom is the geometry of a drawn ladder that the arrows between
// rungs follow.
type ladderGeom struct {
	colW, rungW, rungH, rowGap float64
	rungX                      func(col int) float64 // left of the boxes of a column
	rungY                      func(row int) float64 // top of the boxes of a row
}

// innerMoves draws the moves between two rungs as dashed arrows: out of the
// side of the first box that faces the second, along the gap between the
// columns (and, when the columns are not neighbours, along the gap above
// the target's row), and into the facing side of the second box. Arrows
// that share a gap between columns take lanes side by side, so that they
// stay apart.
func (g ladderGeom) innerMoves(b *writer, id string, rungs []placedRung, moves []placedMove) {
	gap := g.colW - g.rungW
	// A gap between columns is known by the column on its right (0 is
	// the gap left of the first column). lane[i] is the lane of move i in
	// the gap it runs along at the target, lanes[gap] the number of lanes.
	gapOf := func(col, side int) int {
		if side > 0 {
			return col + 1
		}
		return col
	}
	type route struct{ sideA, sideB, gapA, gapB int }
	routes := make([]route, len(moves))
	lane := make([]int, len(moves))
	lanes := map[int]int{}
	for i := range moves {
		m := &moves[i]
		if m.to < 0 {
			continue
		}
		a, t := &rungs[m.from], &rungs[m.to]
		r := route{sideA: 1, sideB: -1}
		switch {
		case t.col < a.col:
			r.sideA, r.sideB = -1, 1
		case t.col == a.col:
			r.sideA, r.sideB = 1, 1
		}
		r.gapA, r.gapB = gapOf(a.col, r.sideA), gapOf(t.col, r.sideB)
		routes[i] = r
		lane[i] = lanes[r.gapB]
		lanes[r.gapB]++
	}
	// gapX is the x of lane k of n in gap c.
	gapX := func(c, k, n int) float64 {
		x := g.rungX(c) - gap/2
		step := min(7.0, (gap-12)/float64(max(n-1, 1)))
		return x + (float64(k)-float64(n-1)/2)*step
	}
	b.WriteString(`<g class="move move-inner">` + "\n")
	for i := range moves {
		m := &moves[i]
		if m.to < 0 {
			continue
		}
		r := routes[i]
		a, t := &rungs[m.from], &rungs[m.to]
		ax := g.rungX(a.col)
		if r.sideA > 0 {
			ax += g.rungW
		}
		tx := g.rungX(t.col)
		if r.sideB > 0 {
			tx += g.rungW
		}
		// Arrows that share a gap also leave and reach the boxes at
		// different heights, so that arrows in both directions between
		// two boxes do not meet.
		off := (float64(lane[i]) - float64(lanes[r.gapB]-1)/2) * min(8, (g.rungH-16)/float64(max(lanes[r.gapB]-1, 1)))
		ay, ty := g.rungY(a.row)+g.rungH/2+off, g.rungY(t.row)+g.rungH/2+off
		xb := gapX(r.gapB, lane[i], lanes[r.gapB])
		b.WriteString(`<path class="move-edge" d="M`)
		b.pt(ax, ay)
		if r.gapA == r.gapB {
			b.WriteByte('H')
			b.num(xb)
			if ty != ay {
				b.WriteByte('V')
				b.num(ty)
			}
		} else {
			// Along the gap beside the first box to the gap above the
			// target's row, across, and down beside the target.
			xa := gapX(r.gapA, 0, 1)
			gy := g.rungY(t.row) - g.rowGap/2
			b.WriteByte('H')
			b.num(xa)
			b.WriteByte('V')
			b.num(gy)
			b.WriteByte('H')
			b.num(xb)
			b.WriteByte('V')
			b.num(ty)
		}
		b.WriteByte('H')
		b.num(tx)
		b.strs(`" marker-end="url(#`, id, `-arrow)"><title>`)
		b.esc(a.Label)
		b.WriteString(" → ")
		b.esc(orDefault(m.ToLabel, t.Label))
		b.WriteString("</title></path>\n")
	}
	b.WriteString("</g>\n")
}
