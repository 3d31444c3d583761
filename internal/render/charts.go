package render

import (
	"html/template"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/chart"
	"github.com/ladder-ssg/ladder/internal/site"
)

// This file turns the model into the inputs of the chart package. Every link
// inside a drawing is written with Page.Href, so charts honour base_url and
// relative_urls like the rest of the page. A method returns the zero Drawing
// when there is nothing worth drawing; templates test {{with .SVG}}.

// pathName returns the display name of a ladder path: "ic" is
// "Individual contributor" (path.ic in the site's language), other names
// are capitalised with dashes as spaces ("people-manager" is "People
// manager").
func (r *Renderer) pathName(path string) string {
	switch path {
	case "", "ic":
		return r.tr("path.ic")
	}
	s := strings.ReplaceAll(path, "-", " ")
	return strings.ToUpper(s[:1]) + s[1:]
}

// levelLabel names a level with its code, for legends: "L5 Software
// Development Engineer II".
func levelLabel(l *site.Level) string {
	if l.Code != "" {
		return l.Code + " " + l.Title
	}
	return l.Title
}

// LadderChart draws the ladder of track t inline: one column per path,
// rungs of equal rank side by side, each rung linked to its level. Lateral
// moves to other tracks leave the rungs as dashed arrows to labels beside
// the columns; promotions and moves to another path of the track are dashed
// arrows between the two boxes. current, when not nil, is highlighted.
func (p *Page) LadderChart(t *site.Track, current *site.Level) chart.Drawing {
	if len(t.Levels) == 0 {
		return chart.Drawing{}
	}
	in := p.ladderInput(t)
	if current != nil {
		in.Current = current.ID
		in.Desc += " " + p.r.tr("chart.highlighted", current.Title)
	}
	return chart.Ladder(in)
}

// LadderImage is a track's ladder shown as an image: the track's
// ladder.svg, drawn once, with a level highlighted by the fragment of Src,
// and the data table of the ladder, which carries the links to the levels.
type LadderImage struct {
	Src, Alt      string
	Width, Height int
	Table         template.HTML
	Caption       string // the id of the table's caption
}

// ladderInfo is what the level pages of a track share about its ladder.
type ladderInfo struct {
	in            chart.LadderInput
	width, height int
}

// LadderImage returns the ladder of track t as an image, with level current
// highlighted (when not nil), for a page that is about one of its levels. It
// returns the zero LadderImage when the track has no level.
func (p *Page) LadderImage(t *site.Track, current *site.Level) LadderImage {
	if len(t.Levels) == 0 {
		return LadderImage{}
	}
	// The ladder is the same on every level page of the track (with
	// relative URLs, on every page at the same depth): its input and size
	// are worked out once.
	key := t.ID + "\x00" + strconv.Itoa(p.r.urls.depth(p.Spec.URL))
	v, ok := p.r.ladders.Load(key)
	if !ok {
		in := p.ladderInput(t)
		d := chart.Ladder(in)
		v, _ = p.r.ladders.LoadOrStore(key, &ladderInfo{in: in, width: d.Width, height: d.Height})
	}
	info := v.(*ladderInfo)
	img := LadderImage{
		Src:    p.Href(ladderFile(t)),
		Alt:    info.in.Title + ". " + info.in.Desc,
		Width:  info.width,
		Height: info.height,
	}
	in := info.in
	if current != nil {
		in.Current = current.ID
		img.Src += "#" + chart.CleanID(current.ID)
		img.Alt += " " + p.r.tr("chart.highlighted", current.Title)
	}
	img.Table = chart.LadderTable(in)
	img.Caption = chart.LadderCaption(in)
	return img
}

// ladderFile returns the site-relative path of the file that holds the
// ladder of track t.
func ladderFile(t *site.Track) string {
	return "tracks/" + t.ID + "/ladder.svg"
}

// ladderSVG draws the file of the ladder of track t: the drawing with the
// theme's chart-file.css inside it, each rung with its level's id.
func (p *Page) ladderSVG(t *site.Track) []byte {
	in := p.ladderInput(t)
	in.Style = string(p.r.assets["assets/chart-file.css"])
	if in.Style == "" {
		in.Style = "/* no chart-file.css in the theme */"
	}
	return []byte(chart.Ladder(in).SVG)
}

// ladderInput describes the ladder of track t with no rung highlighted. A
// rung's key is its level's id, unique in the track.
func (p *Page) ladderInput(t *site.Track) chart.LadderInput {
	in := chart.LadderInput{ID: "ladder-" + t.ID, Title: p.r.tr("chart.ladder_title", t.Title)}
	for _, path := range t.Paths {
		lp := chart.LadderPath{Name: p.r.pathName(path)}
		for _, l := range t.Levels {
			if l.Path == path {
				lp.Rungs = append(lp.Rungs, chart.Rung{Key: l.ID, Label: l.Title, Code: l.Code, URL: p.Href(l), Rank: l.Rank})
			}
		}
		in.Paths = append(in.Paths, lp)
	}
	crossPath, otherTrack := 0, 0
	for _, l := range t.Levels {
		for _, n := range l.Next {
			switch {
			case n.Track != t:
				otherTrack++
				in.Moves = append(in.Moves, chart.LadderMove{FromKey: l.ID, ToLabel: n.Title + " (" + n.Track.Title + ")", ToURL: p.Href(n)})
			case n.Path != l.Path:
				crossPath++
				in.Moves = append(in.Moves, chart.LadderMove{FromKey: l.ID, ToKey: n.ID, ToLabel: n.Title, ToURL: p.Href(n)})
			}
		}
		for _, m := range l.Moves {
			if m.Track == t {
				crossPath++
				in.Moves = append(in.Moves, chart.LadderMove{FromKey: l.ID, ToKey: m.ID, ToLabel: m.Title, ToURL: p.Href(m)})
				continue
			}
			otherTrack++
			in.Moves = append(in.Moves, chart.LadderMove{FromKey: l.ID, ToLabel: m.Title + " (" + m.Track.Title + ")", ToURL: p.Href(m)})
		}
	}
	tr := p.r.tr
	var d strings.Builder
	d.WriteString(tr("chart.ladder_desc", len(t.Levels), t.Title))
	if len(in.Paths) > 1 {
		names := make([]string, len(in.Paths))
		for i, lp := range in.Paths {
			names[i] = lp.Name
		}
		d.WriteString(tr("chart.ladder_paths", len(in.Paths), strings.Join(names, ", ")))
	}
	d.WriteString(tr("chart.ladder_order"))
	if crossPath > 0 {
		d.WriteString(tr("chart.ladder_cross", crossPath))
	}
	if otherTrack > 0 {
		d.WriteString(tr("chart.ladder_other", otherTrack))
	}
	in.Desc = d.String()
	in.Text = tr
	return in
}

// Radar draws the competencies level l expects against those of its first
// next level (when it has one): one axis per competency either level
// expects, in the site's competency order; with more than
// chart.MaxRadarAxes, a bar per category of the level's track instead. It
// returns the zero Drawing when neither level expects any competency.
func (p *Page) Radar(l *site.Level) chart.Drawing {
	var next *site.Level
	if len(l.Next) > 0 {
		next = l.Next[0]
	}
	levels := []*site.Level{l}
	if next != nil {
		levels = append(levels, next)
	}
	n := 0
	for _, x := range levels {
		n += len(x.Expectations)
	}
	if n == 0 {
		return chart.Drawing{}
	}
	// The competencies either level expects, in site order.
	index := p.r.competencyIndex()
	order := make([]int, 0, n)
	for _, x := range levels {
		for _, e := range x.Expectations {
			if i, ok := index[e.CompetencyID]; ok && !slices.Contains(order, i) {
				order = append(order, i)
			}
		}
	}
	slices.Sort(order)
	comps := make([]*site.Competency, len(order))
	for k, i := range order {
		comps[k] = p.Site.Competencies[i]
	}
	in := chart.RadarInput{
		ID:    "radar-" + l.ID,
		Max:   p.Site.Config.Scale.Max(),
		Scale: p.Site.Config.Scale.Names,
	}
	// Each axis carries its group in the level's track (its [groups], or
	// the competency's category), by which a chart with too many axes for
	// a radar draws its bars.
	used := make(map[string]bool, len(comps))
	for _, c := range comps {
		used[c.ID] = true
	}
	group := make(map[*site.Competency]string, len(comps))
	for _, g := range trackGroups(l.Track, comps, used, p.r.tr("competency.general")) {
		for _, c := range g.Competencies {
			group[c] = g.Category
		}
	}
	for _, c := range comps {
		in.Axes = append(in.Axes, chart.RadarAxis{Label: c.Title, URL: p.Href(c), Group: group[c]})
	}
	for _, x := range levels {
		s := chart.RadarSeries{Name: levelLabel(x)}
		for _, c := range comps {
			v := 0
			if e := x.Expectation(c.ID); e != nil {
				v = e.Level
			}
			s.Values = append(s.Values, v)
		}
		in.Series = append(in.Series, s)
	}
	if next != nil {
		in.Title = p.r.tr("chart.radar_next", l.Title, next.Title)
	} else {
		in.Title = p.r.tr("chart.radar", l.Title)
	}
	in.Text = p.r.tr
	in.Desc = p.radarDesc(len(in.Axes), in.Max, in.Series)
	return chart.Radar(in)
}

// CourseGraph draws the prerequisite graph of course c: every course it
// needs first, transitively (through Prereqs), the courses it opens the
// way to directly (its Unlocks), and the prerequisite links among them,
// with c highlighted. It returns the zero Drawing when c stands alone.
// What lies beyond the courses c opens is on their own pages: followed
// transitively, a first course of a catalogue opens onto most of it, and
// its page drew a graph of a hundred courses, thousands of pixels wide.
func (p *Page) CourseGraph(c *site.Course) chart.Drawing {
	in := map[*site.Course]bool{c: true}
	var walk func(x *site.Course, next func(*site.Course) []*site.Course)
	walk = func(x *site.Course, next func(*site.Course) []*site.Course) {
		for _, y := range next(x) {
			if !in[y] {
				in[y] = true
				walk(y, next)
			}
		}
	}
	walk(c, func(x *site.Course) []*site.Course { return x.Prereqs })
	for _, y := range c.Unlocks {
		in[y] = true
	}
	if len(in) == 1 {
		return chart.Drawing{}
	}
	g := chart.DAGInput{ID: "prereqs-" + c.ID, Title: p.r.tr("chart.dag_title", c.Title), Focus: c.ID, Text: p.r.tr}
	for _, x := range p.Site.Courses { // site order, so the layout is stable
		if !in[x] {
			continue
		}
		g.Nodes = append(g.Nodes, chart.DAGNode{Key: x.ID, Label: x.Title, URL: p.Href(x)})
		for _, pre := range x.Prereqs {
			if in[pre] {
				g.Edges = append(g.Edges, chart.DAGEdge{From: pre.ID, To: x.ID})
			}
		}
	}
	g.Desc = p.r.tr("chart.dag_desc", len(g.Nodes), c.Title)
	return chart.DAG(g)
}

// ProgramPathway draws where program pr leads: the program on the left, an
// arrow to each level it prepares for. It returns the zero Drawing when the
// program leads to no level.
func (p *Page) ProgramPathway(pr *site.Program) chart.Drawing {
	if len(pr.LeadsTo) == 0 {
		return chart.Drawing{}
	}
	sub := strings.TrimSpace(p.r.tr("program.chart_sub", p.r.kindName(pr.Kind)))
	in := chart.FanInput{
		ID:     "pathway-" + pr.ID,
		Desc:   p.r.tr("chart.fan_desc", len(pr.LeadsTo), pr.Title, titles(pr.LeadsTo, func(l *site.Level) string { return l.Title }, ", ", ", ")),
		Text:   p.r.tr,
		Title:  p.r.tr("chart.fan_title", pr.Title),
		Source: chart.PathStep{Label: pr.Title, Sub: sub, URL: p.Href(pr)},
	}
	for _, l := range pr.LeadsTo {
		s := l.Track.Title
		if l.Code != "" {
			s += " · " + l.Code
		}
		in.Targets = append(in.Targets, chart.PathStep{Label: l.Title, Sub: s, URL: p.Href(l)})
	}
	return chart.Fan(in)
}

// titleCase capitalises the first letter of s.
func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// radarDesc describes a radar chart of axes competencies on a scale from 1
// to top (a bar chart below three), and the levels it shows.
func (p *Page) radarDesc(axes, top int, series []chart.RadarSeries) string {
	tr := p.r.tr
	key := "chart.radar_desc"
	if axes < 3 || axes > chart.MaxRadarAxes {
		key = "chart.bar_desc"
	}
	d := tr(key, axes, top)
	switch len(series) {
	case 0:
	case 1:
		d += tr("chart.showing", series[0].Name)
	default:
		d += tr("chart.comparing", titles(series, func(s chart.RadarSeries) string { return s.Name }, tr("program.list_sep"), tr("program.list_and")))
	}
	return d + tr("chart.table_note")
}
