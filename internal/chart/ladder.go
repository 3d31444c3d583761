package chart

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
)

// LadderInput describes the ladder of a track. Paths are drawn as columns
// side by side (for example an individual-contributor path, then a manager
// path), with rungs of equal rank on the same row. Moves are lateral moves
// out to other tracks, drawn as arrows leaving the right edge towards the
// target's label. Current is the optional key of a rung to highlight. ID
// must be unique on the page: it prefixes every id inside the drawing.
type LadderInput struct {
	ID, Title, Desc string
	Paths           []LadderPath
	Moves           []LadderMove
	Current         string
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

// LadderMove is a lateral move from the rung whose key is FromKey to a level
// outside the ladder, shown as ToLabel and linked to ToURL.
type LadderMove struct {
	FromKey, ToLabel, ToURL string
}

// ladderRow is one row of the ladder: a rank, and which of the rungs of that
// rank it holds when a path has several (sub 0 is the lowest).
type ladderRow struct{ rank, sub int }

// placedRung is a rung with its cell.
type placedRung struct {
	Rung
	col, row int
	lines    []string // wrapped label
	full     string   // the label, when lines cut it short
	code     string   // fitted code
}

// Ladder draws the rungs of a track as rounded boxes in one column per path,
// highest rank at the top, each box showing the rung's label and code and
// linking to its URL. Arrows join consecutive rungs of a path (promotions);
// lateral moves leave the rung's right side for a label beyond the columns.
// The current rung has the class rung-current and aria-current="page". The
// table has a row per rank and a column per path.
func Ladder(l LadderInput) Drawing {
	const (
		gutter  = 32.0  // rank numbers
		colW    = 174.0 // column pitch
		rungW   = 156.0
		rowGap  = 30.0  // between the boxes of adjacent rows
		movesIn = 40.0  // from the last column to the move labels
		movesW  = 140.0 // width of move labels
	)
	id := cleanID(l.ID)
	title := orDefault(l.Title, "Career ladder")

	// Place rungs: count rungs of each rank per path to find sub-rows.
	var rungs []placedRung
	subCount := map[[2]int]int{} // (path, rank) -> rungs so far
	maxSub := map[int]int{}      // rank -> sub-rows needed
	for p, path := range l.Paths {
		for _, r := range path.Rungs {
			k := [2]int{p, r.Rank}
			sub := subCount[k]
			subCount[k] = sub + 1
			maxSub[r.Rank] = max(maxSub[r.Rank], sub+1)
			rungs = append(rungs, placedRung{Rung: r, col: p, row: sub})
		}
	}
	ranks := make([]int, 0, len(maxSub))
	for r := range maxSub {
		ranks = append(ranks, r)
	}
	slices.Sort(ranks)
	slices.Reverse(ranks)
	var rows []ladderRow
	rowOf := map[ladderRow]int{}
	for _, r := range ranks {
		for s := maxSub[r] - 1; s >= 0; s-- {
			rowOf[ladderRow{r, s}] = len(rows)
			rows = append(rows, ladderRow{r, s})
		}
	}
	// Wrap labels; every box gets the height of the tallest.
	rungH := 44.0
	for i := range rungs {
		r := &rungs[i]
		r.row = rowOf[ladderRow{r.Rank, r.row}]
		var trunc bool
		r.lines, trunc = wrap(r.Label, rungW-18, fontSize, true, 3)
		if trunc {
			r.full = r.Label
		}
		h := 16 + float64(len(r.lines))*lineHeight
		if code := strings.TrimSpace(r.Code); code != "" {
			cl, _ := wrap(code, rungW-18, smallSize, false, 1)
			r.code = strings.Join(cl, "")
			h += smallLine
		}
		rungH = max(rungH, h)
	}
	rowH := rungH + rowGap
	byKey := map[string]int{}
	for i, r := range rungs {
		if _, dup := byKey[r.Key]; !dup && r.Key != "" {
			byKey[r.Key] = i
		}
	}

	// Moves whose rung exists, in input order.
	type move struct {
		LadderMove
		from  int
		lines []string
		full  string
		y     float64 // centre of the label
	}
	var moves []move
	for _, m := range l.Moves {
		if i, ok := byKey[m.FromKey]; ok {
			lines, trunc := wrap(m.ToLabel, movesW-4, fontSize, false, 3)
			if len(lines) == 0 {
				continue
			}
			mv := move{LadderMove: m, from: i, lines: lines}
			if trunc {
				mv.full = m.ToLabel
			}
			moves = append(moves, mv)
		}
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
	colsRight := margin + gutter + float64(len(l.Paths))*colW
	w := colsRight + margin
	if len(moves) > 0 {
		w = colsRight + movesIn + movesW + margin
	}
	rowTop := func(i int) float64 { return margin + headerH + float64(i)*rowH }
	rungX := func(c int) float64 { return margin + gutter + float64(c)*colW + (colW-rungW)/2 }
	rungY := func(r int) float64 { return rowTop(r) + (rowH-rungH)/2 }
	h := rowTop(len(rows)) + margin

	desc := l.Desc
	if strings.TrimSpace(desc) == "" {
		desc = autoLadderDesc(l.Paths, len(rungs), len(moves))
	}

	var b strings.Builder
	arrowDefs(&b, id, false)

	// Header and rank gutter.
	if hasHeader {
		b.WriteString(`<g class="chart-label ladder-path" font-weight="600" text-anchor="middle">` + "\n")
		for c, p := range l.Paths {
			lines, trunc := wrap(p.Name, colW-8, fontSize, true, 1)
			full := ""
			if trunc {
				full = p.Name
			}
			textLines(&b, rungX(c)+rungW/2, margin+16, lineHeight, lines, "", full)
		}
		b.WriteString("</g>\n")
	}
	b.WriteString(`<g class="chart-axis" font-size="11" text-anchor="middle" fill-opacity="0.75">` + "\n")
	if hasHeader {
		fmt.Fprintf(&b, `<text x="%s" y="%s">Rank</text>`+"\n", num(margin+gutter/2), num(margin+16))
	}
	for i, r := range rows {
		fmt.Fprintf(&b, `<text x="%s" y="%s">%d</text>`+"\n", num(margin+gutter/2), num(rungY(i)+rungH/2+4), r.rank)
	}
	b.WriteString("</g>\n")

	// Promotions: consecutive rungs of each path, by rank.
	b.WriteString(`<g class="promotion" fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.5">` + "\n")
	for c := range l.Paths {
		var col []placedRung
		for _, r := range rungs {
			if r.col == c {
				col = append(col, r)
			}
		}
		slices.SortStableFunc(col, func(a, b placedRung) int { return cmp.Compare(b.row, a.row) })
		for i := 1; i < len(col); i++ {
			lo, hi := col[i-1], col[i]
			x := rungX(c) + rungW/2
			fmt.Fprintf(&b, `<path d="M%sV%s" marker-end="url(#%s-arrow)" data-from="%s" data-to="%s"/>`+"\n",
				pt(x, rungY(lo.row)), num(rungY(hi.row)+rungH+1), id, esc(lo.Key), esc(hi.Key))
		}
	}
	b.WriteString("</g>\n")

	// Lateral moves: place labels near their rung without overlapping,
	// then route each arrow out of the columns through the gap above the
	// rung's row.
	order := make([]int, len(moves))
	for i := range moves {
		order[i] = i
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
		r := rungs[m.from]
		rx, ry := rungX(r.col)+rungW, rungY(r.row)+rungH/2
		ex := labelX - 6
		var d string
		if r.col == len(l.Paths)-1 {
			d = fmt.Sprintf("M%sC%s %s %s", pt(rx, ry), pt(rx+24, ry), pt(ex-24, m.y), pt(ex, m.y))
		} else {
			gx := rx + (colW-rungW)/2
			gy := rungY(r.row) - (rowH-rungH)/2
			d = fmt.Sprintf("M%sH%sV%sH%sC%s %s %s", pt(rx, ry), num(gx), num(gy), num(colsRight),
				pt(colsRight+18, gy), pt(ex-18, m.y), pt(ex, m.y))
		}
		fmt.Fprintf(&b, `<g class="move" data-from="%s">`+"\n", esc(m.FromKey))
		fmt.Fprintf(&b, `<path class="move-edge" d="%s" fill="none" stroke="currentColor" stroke-opacity="0.6" stroke-width="1.5" stroke-dasharray="4 3" stroke-linejoin="round" marker-end="url(#%s-arrow)"/>`+"\n", d, id)
		opened := linkOpen(&b, m.ToURL, "")
		first := m.y - float64(len(m.lines)-1)*lineHeight/2 + fontSize*0.35
		textLines(&b, labelX, first, lineHeight, m.lines, ` class="move-label"`, m.full)
		linkClose(&b, opened)
		b.WriteString("</g>\n")
	}

	// Rungs last, so they sit on top of any line.
	for _, r := range rungs {
		x, y := rungX(r.col), rungY(r.row)
		cls, fo, sw, so := "rung", "0.06", "1", "0.5"
		cur := r.Key != "" && r.Key == l.Current
		aria := ""
		if cur {
			cls, fo, sw, so = "rung rung-current", "0.16", "2.5", "1"
			aria = ` aria-current="page"`
		}
		opened := linkOpen(&b, r.URL, aria)
		if opened {
			aria = ""
		}
		fmt.Fprintf(&b, `<g class="%s" data-key="%s"%s>`+"\n", cls, esc(r.Key), aria)
		fmt.Fprintf(&b, `<rect x="%s" y="%s" width="%s" height="%s" rx="8" fill="currentColor" fill-opacity="%s" stroke="currentColor" stroke-opacity="%s" stroke-width="%s"/>`+"\n",
			num(x), num(y), num(rungW), num(rungH), fo, so, sw)
		lines, full, code := r.lines, r.full, r.code
		blockH := float64(len(lines)) * lineHeight
		if code != "" {
			blockH += smallLine
		}
		first := y + rungH/2 - blockH/2 + fontSize*0.8
		textLines(&b, x+rungW/2, first, lineHeight, lines, ` class="rung-label" text-anchor="middle" font-weight="600"`, full)
		if code != "" {
			fmt.Fprintf(&b, `<text class="rung-code" x="%s" y="%s" text-anchor="middle" font-size="11" fill-opacity="0.75">%s</text>`+"\n",
				num(x+rungW/2), num(first+float64(len(lines)-1)*lineHeight+smallLine+1), esc(code))
		}
		b.WriteString("</g>\n")
		linkClose(&b, opened)
	}

	// Table: a row per ladder row, a column per path.
	var t htmlTable
	headers := []string{"Rank"}
	for i, p := range l.Paths {
		headers = append(headers, orDefault(p.Name, "Path "+strconv.Itoa(i+1)))
	}
	t.start(id, "ladder", title, headers)
	for ri, row := range rows {
		cells := make([]string, len(l.Paths)+1)
		cells[0] = strconv.Itoa(row.rank)
		for ki, r := range rungs {
			if r.row != ri {
				continue
			}
			var c strings.Builder
			c.WriteString(`<span data-key="` + esc(r.Key) + `">`)
			label := esc(r.Label)
			if u := safeURL(r.URL); u != "" {
				aria := ""
				if r.Key != "" && r.Key == l.Current {
					aria = ` aria-current="page"`
				}
				label = `<a href="` + esc(u) + `"` + aria + `>` + label + `</a>`
			}
			if r.Key != "" && r.Key == l.Current {
				label = "<strong>" + label + "</strong>"
			}
			c.WriteString(label)
			if code := strings.TrimSpace(r.Code); code != "" {
				c.WriteString(" (" + esc(code) + ")")
			}
			for _, m := range moves {
				if m.from == ki {
					c.WriteString(` <span class="chart-move">(lateral move to ` + linkHTML(m.ToLabel, m.ToURL) + `)</span>`)
				}
			}
			c.WriteString("</span>")
			cells[r.col+1] = c.String()
		}
		t.row("", cells...)
	}
	return finish("ladder", id, title, desc, w, h, b.String(), t.end())
}

// autoLadderDesc describes a ladder when the caller gave no description.
func autoLadderDesc(paths []LadderPath, rungs, moves int) string {
	var names []string
	for _, p := range paths {
		if n := strings.TrimSpace(p.Name); n != "" {
			names = append(names, n)
		}
	}
	s := fmt.Sprintf("Career ladder of %d levels", rungs)
	if len(paths) > 1 {
		s += fmt.Sprintf(" in %d parallel paths", len(paths))
		if len(names) == len(paths) {
			s += " (" + strings.Join(names, ", ") + ")"
		}
	}
	s += ", lowest rank at the bottom"
	if moves == 1 {
		s += ", with 1 lateral move to another track"
	} else if moves > 1 {
		s += fmt.Sprintf(", with %d lateral moves to other tracks", moves)
	}
	return s + "."
}

// Highlight returns d, a ladder drawn with no Current rung, as Ladder would
// have drawn it with Current set to key and note added to the end of its
// description (note may be empty). A track's ladder is the same on every
// level page of the track but for the highlighted rung, so a caller can draw
// it once and highlight it per page; a test holds the two ways to the same
// bytes. d is returned unchanged when it has no rung with that key.
func Highlight(d Drawing, key, note string) Drawing {
	svg, table := string(d.SVG), string(d.Table)
	k := esc(key)
	g := `<g class="rung" data-key="` + k + `">`
	i := strings.Index(svg, g)
	if key == "" || i < 0 {
		return d
	}
	var b strings.Builder
	b.Grow(len(svg) + 64)
	head := svg[:i]
	linked := strings.HasSuffix(head, ">\n") && strings.HasPrefix(head[strings.LastIndex(head[:len(head)-1], "\n")+1:], "<a href=")
	if linked {
		head = head[:len(head)-2] + ` aria-current="page">` + "\n"
		b.WriteString(head)
		b.WriteString(`<g class="rung rung-current" data-key="` + k + `">`)
	} else {
		b.WriteString(head)
		b.WriteString(`<g class="rung rung-current" data-key="` + k + `" aria-current="page">`)
	}
	rest := svg[i+len(g):]
	end := strings.Index(rest, "/>")
	if end >= 0 {
		rect := rest[:end]
		rect = strings.Replace(rect, `fill-opacity="0.06"`, `fill-opacity="0.16"`, 1)
		rect = strings.Replace(rect, `stroke-opacity="0.5" stroke-width="1"`, `stroke-opacity="1" stroke-width="2.5"`, 1)
		rest = rect + rest[end:]
	}
	b.WriteString(rest)
	svg = b.String()
	if note != "" {
		if j := strings.Index(svg, "</desc>"); j >= 0 {
			svg = svg[:j] + esc(note) + svg[j:]
		}
	}

	// The table cell: bold, and the link marked current.
	span := `<span data-key="` + k + `">`
	if j := strings.Index(table, span); j >= 0 {
		cell := table[j+len(span):]
		if strings.HasPrefix(cell, "<a href=") {
			if e := strings.Index(cell, "</a>"); e >= 0 {
				a := cell[:e+len("</a>")]
				gt := strings.IndexByte(a, '>')
				a = a[:gt] + ` aria-current="page"` + a[gt:]
				table = table[:j+len(span)] + "<strong>" + a + "</strong>" + cell[e+len("</a>"):]
			}
		} else if e := strings.Index(cell, " ("); e >= 0 || strings.Contains(cell, "</span>") {
			// An unlinked label: bold up to the code or the end of the cell.
			stop := strings.Index(cell, "</span>")
			if e >= 0 && e < stop {
				stop = e
			}
			if k := strings.Index(cell, " <span"); k >= 0 && k < stop {
				stop = k
			}
			table = table[:j+len(span)] + "<strong>" + cell[:stop] + "</strong>" + cell[stop:]
		}
	}
	return Drawing{SVG: template.HTML(svg), Table: template.HTML(table), Width: d.Width, Height: d.Height}
}
