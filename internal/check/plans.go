package check

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/ladder-ssg/ladder/internal/site"
)

// resolvePlans resolves the references of every plan template.
func (c *checker) resolvePlans() {
	for _, p := range c.s.Plans {
		c.resolvePlan(p)
	}
}

// resolvePlan resolves whom a plan template is for and what its actions
// name, and checks its goals and actions. The goals are copied before their
// actions are resolved: the loader's cached entity shares them.
//
// Example: course = "fc-safety-onbording" in an action, or an action with
// both course = "..." and program = "...". Discussion: an action becomes one
// checklist item with one link; a typo must not turn it into a dead link,
// and an item that names two things would be ticked off for both.
func (c *checker) resolvePlan(p *site.Plan) {
	src := &p.Src
	for i, id := range p.TrackIDs {
		if t := c.track(src, indexKey("tracks", i), id); t != nil {
			p.Tracks = append(p.Tracks, t)
		}
	}
	for i, id := range p.LevelIDs {
		if l := c.level(src, indexKey("levels", i), id, ""); l != nil {
			p.Levels = append(p.Levels, l)
		}
	}
	p.Goals = slices.Clone(p.Goals)
	top := c.s.Config.Scale.Max()
	for i := range p.Goals {
		g := &p.Goals[i]
		gkey := indexKey("goals", i)
		if g.Title == "" {
			c.diags.Add("missing-key", c.at(src).Value(gkey), `add title = "..." to the goal`, "missing required key \"title\" in goal %d of plan template %q", i+1, p.ID)
		}
		g.Actions = slices.Clone(g.Actions)
		for j := range g.Actions {
			a := &g.Actions[j]
			akey := gkey + ".actions[" + strconv.Itoa(j) + "]"
			var named []string
			if a.CourseID != "" {
				named = append(named, "course")
				a.Course = resolveRef(c, src, akey+".course", site.KindCourse, a.CourseID, c.s.CourseByID)
			}
			if a.ProgramID != "" {
				named = append(named, "program")
				a.Program = resolveRef(c, src, akey+".program", site.KindProgram, a.ProgramID, c.s.ProgramByID)
			}
			if a.CompetencyID != "" {
				named = append(named, "competency")
				a.Competency = resolveRef(c, src, akey+".competency", site.KindCompetency, a.CompetencyID, c.s.CompetencyByID)
			}
			switch {
			case len(named) > 1:
				c.diags.Add("plan-action", c.at(src).Value(akey+"."+named[1]), "split it into one action per "+named[0]+" and "+named[1],
					"an action names a %s and a %s; an action is one checklist item and names one of them", named[0], named[1])
			case len(named) == 0 && a.Text == "" && !c.at(src).Has(akey+".level"):
				c.diags.Add("plan-action", c.at(src).Value(akey), `give the action text = "...", or name what it is about: course = "...", program = "..." or competency = "..."`,
					"empty action in goal %d of plan template %q", i+1, p.ID)
			}
			if c.at(src).Has(akey + ".level") {
				switch {
				case a.CompetencyID == "":
					c.diags.Add("plan-action", c.at(src).Value(akey+".level"), `add competency = "..." to say which competency the level is of`,
						"an action's level is a point of the scale of a competency, and the action names none")
				case a.Level < 1 || a.Level > top:
					c.diags.Add("scale-range", c.at(src).Value(akey+".level"), fmt.Sprintf("use 1 (%s) to %d (%s), the scale in site.toml", c.s.Config.Scale.Name(1), top, c.s.Config.Scale.Name(top)),
						"level %d of %q is outside the scale 1..%d", a.Level, a.CompetencyID, top)
				}
			}
		}
	}
}

// resolveRef returns the entity of kind named id in byID, or nil after
// reporting an unknown reference at key of src.
func resolveRef[T any](c *checker, src *site.Origin, key string, kind site.Kind, id string, byID func(string) *T) *T {
	if x := byID(id); x != nil {
		return x
	}
	c.unknown(src, key, kind, id)
	return nil
}

// warnEmptyPlans warns about a plan template without goals, and about a
// goal without actions.
//
// Example: a template written with ladder new plan whose [[goals]] are
// still commented out. Discussion: a template fills a plan with its goals'
// actions, the items a person ticks off; without any, starting from it adds
// nothing to do.
func (c *checker) warnEmptyPlans() {
	for _, p := range c.s.Plans {
		if c.dups[&p.Common] {
			continue
		}
		if len(p.Goals) == 0 {
			c.diags.Warn("empty-plan", c.at(&p.Src).Start(), "add a [[goals]] table with a title and its [[goals.actions]]",
				"plan template %q has no goals", p.ID)
			continue
		}
		for i, g := range p.Goals {
			if len(g.Actions) == 0 {
				c.diags.Warn("empty-plan", c.at(&p.Src).Value(indexKey("goals", i)), "add [[goals.actions]] tables under it: a course, program or competency, or a text",
					"goal %q of plan template %q has no actions", g.Title, p.ID)
			}
		}
	}
}
