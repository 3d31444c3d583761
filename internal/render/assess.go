package render

import (
	"net/url"

	"github.com/ladder-ssg/ladder/internal/site"
)

// The self-assessment has one interactive page, /assess/ (assess.html,
// driven by assess.js and the tools' data), and pages that work without
// JavaScript: /assess/<t>/ (assess-track.html) lists the printable forms
// of a track's levels, and /assess/<t>/<l>/ (assess-form.html) is the
// printable form of one level: a row per competency the track uses, the
// scale as checkboxes.

// AssessHref returns the link to the self-assessment page with level l
// preselected: assess/?level=<track/level>, the id query-escaped.
func (p *Page) AssessHref(l *site.Level) string {
	return p.Href("assess/?level=" + url.QueryEscape(l.FullID()))
}

// AssessFormHref returns the link to the printable self-assessment form
// of level l.
func (p *Page) AssessFormHref(l *site.Level) string {
	return p.Href("assess/" + l.TrackID + "/" + l.ID + "/")
}

// AssessTrackHref returns the link to the list of the printable forms of
// track t's levels.
func (p *Page) AssessTrackHref(t *site.Track) string {
	return p.Href("assess/" + t.ID + "/")
}

// AssessForm is the printable self-assessment form of a level.
type AssessForm struct {
	Points []AssessPoint // the points of the scale, 1 to N
	Groups []AssessGroup
}

// AssessPoint is a point of the scale, a column of the form.
type AssessPoint struct {
	N           int
	Name        string
	Description string // [scale] descriptions; "" when none
}

// AssessGroup is a category of the form's rows.
type AssessGroup struct {
	Category string
	Rows     []AssessRow
}

// AssessRow is one competency of the form and what the level expects of
// it (Level 0: nothing). It is a comparable value, the key of its row's
// markup (partials/assess-row.html), which the levels of a track that
// expect the same of a competency share.
type AssessRow struct {
	N          int // 1 for the form's first row, in the order of the groups
	Competency *site.Competency
	Level      int
}

// AssessCell is a point of the scale in a row of the form. Its checkbox
// is named by the row's competency and the column's point (the layout's
// aria-labelledby), which keeps a form of many rows light.
type AssessCell struct {
	N        int
	Expected bool   // the point the level expects
	Text     string // what the point means for the competency; "" when nothing says
}

// AssessForm returns the form of level l: the competencies its track
// uses, grouped as the track's matrix groups them, or nil when the track
// uses none.
func (p *Page) AssessForm(l *site.Level) *AssessForm {
	used := map[string]bool{}
	for _, x := range l.Track.Levels {
		for _, e := range x.Expectations {
			used[e.CompetencyID] = true
		}
	}
	if len(used) == 0 {
		return nil
	}
	var comps []*site.Competency
	for _, c := range p.Site.Competencies {
		if used[c.ID] {
			comps = append(comps, c)
		}
	}
	f := &AssessForm{}
	for n := 1; n <= p.Site.Config.Scale.Max(); n++ {
		f.Points = append(f.Points, AssessPoint{N: n, Name: p.ScaleName(n), Description: p.ScaleDescription(n)})
	}
	rows := 0
	for _, g := range trackGroups(l.Track, comps, used, p.r.tr("competency.general")) {
		ag := AssessGroup{Category: g.Category}
		for _, c := range g.Competencies {
			rows++
			r := AssessRow{N: rows, Competency: c}
			if e := l.Expectation(c.ID); e != nil {
				r.Level = e.Level
			}
			ag.Rows = append(ag.Rows, r)
		}
		f.Groups = append(f.Groups, ag)
	}
	return f
}

// AssessCells returns the cells of row r, one per point of the scale, each
// with the competency's descriptor of the point or the scale's description.
func (p *Page) AssessCells(r AssessRow) []AssessCell {
	top := p.Site.Config.Scale.Max()
	cells := make([]AssessCell, 0, top)
	for n := 1; n <= top; n++ {
		text := r.Competency.Descriptor(n)
		if text == "" {
			text = p.ScaleDescription(n)
		}
		cells = append(cells, AssessCell{N: n, Expected: n == r.Level, Text: text})
	}
	return cells
}
