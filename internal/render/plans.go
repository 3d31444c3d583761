package render

import (
	"html/template"

	"github.com/ladder-ssg/ladder/internal/site"
)

// GoalText returns the HTML of a plan template's goal text, with its
// internal links resolved for this page.
func (p *Page) GoalText(g site.Goal) template.HTML {
	return p.inline(g.Desc, "")
}

// PlanActions counts the actions of a plan template's goals.
func (p *Page) PlanActions(pl *site.Plan) int {
	n := 0
	for _, g := range pl.Goals {
		n += len(g.Actions)
	}
	return n
}

// PlanHours adds up the hours of the courses a plan template's actions
// name, each course once.
func (p *Page) PlanHours(pl *site.Plan) float64 {
	seen := map[*site.Course]bool{}
	h := 0.0
	for _, g := range pl.Goals {
		for _, a := range g.Actions {
			if a.Course != nil && !seen[a.Course] {
				seen[a.Course] = true
				h += a.Course.Hours
			}
		}
	}
	return h
}

// LevelPlans returns the plan templates offered at level l (see
// site.Plan.For), in site order.
func (p *Page) LevelPlans(l *site.Level) []*site.Plan {
	var out []*site.Plan
	for _, pl := range p.Site.Plans {
		if pl.For(l) {
			out = append(out, pl)
		}
	}
	return out
}

// PlanStartHref returns the link to the plan page with a template chosen:
// plan/?template=<id>.
func (p *Page) PlanStartHref(pl *site.Plan) string {
	return p.Href("plan/?template=" + pl.ID)
}

// Audience is one of the tracks or levels a plan template is for, as its
// pages list them: the entity, its title, and for a level its track's
// title.
type Audience struct {
	Of    any
	Title string
	Track string
}

// PlanFor lists whom a plan template is for: its tracks, then its levels;
// none when it is for every level.
func (p *Page) PlanFor(pl *site.Plan) []Audience {
	out := make([]Audience, 0, len(pl.Tracks)+len(pl.Levels))
	for _, t := range pl.Tracks {
		out = append(out, Audience{Of: t, Title: t.Title})
	}
	for _, l := range pl.Levels {
		a := Audience{Of: l, Title: l.Title}
		if l.Track != nil {
			a.Track = l.Track.Title
		}
		out = append(out, a)
	}
	return out
}
