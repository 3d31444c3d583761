package datafile

import (
	"github.com/ladder-ssg/ladder/internal/site"
)

// ToolPlanRef is a plan template in the tools' index: whom it is for, so
// that the plan page offers it at the levels it is for without loading it.
type ToolPlanRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Tracks (indexes in the index's tracks) and Levels (level numbers)
	// are the template's tracks and levels; a level in either is offered
	// it, and every level when both are empty.
	Tracks []int `json:"tracks"`
	Levels []int `json:"levels"`
}

// ToolPlan is /data/tools/plans/<id>.json: a plan template's goals and
// actions, which the plan page copies into a plan started from it.
type ToolPlan struct {
	ID      string     `json:"id"`
	Title   string     `json:"title"`
	Summary string     `json:"summary,omitempty"`
	Goals   []ToolGoal `json:"goals"`
}

// ToolGoal is a goal of a plan template: its title, its text as plain
// text, and its actions.
type ToolGoal struct {
	Title   string       `json:"title"`
	Text    string       `json:"text,omitempty"`
	Actions []ToolAction `json:"actions"`
}

// ToolAction is an action of a plan template's goal. Kind is "course",
// "program" or "competency", with the id and title of what it names (and a
// course's hours, a competency's level to reach), or "" for an action in
// words only; Text is the template's own words, when it gives them.
type ToolAction struct {
	Kind  string  `json:"kind,omitempty"`
	ID    string  `json:"id,omitempty"`
	Title string  `json:"title,omitempty"`
	Hours float64 `json:"hours,omitempty"`
	Level int     `json:"level,omitempty"`
	Text  string  `json:"text,omitempty"`
}

// BuildPlan returns the tool file of plan template p.
func BuildPlan(p *site.Plan) *ToolPlan {
	out := &ToolPlan{ID: p.ID, Title: p.Title, Summary: p.Summary, Goals: make([]ToolGoal, 0, len(p.Goals))}
	for _, g := range p.Goals {
		tg := ToolGoal{Title: g.Title, Text: g.Desc.Plain, Actions: make([]ToolAction, 0, len(g.Actions))}
		if tg.Text == "" {
			tg.Text = g.Text
		}
		for _, a := range g.Actions {
			ta := ToolAction{Text: a.Text}
			switch {
			case a.Course != nil:
				ta.Kind, ta.ID, ta.Title, ta.Hours = "course", a.Course.ID, a.Course.Title, a.Course.Hours
			case a.Program != nil:
				ta.Kind, ta.ID, ta.Title = "program", a.Program.ID, a.Program.Title
			case a.Competency != nil:
				ta.Kind, ta.ID, ta.Title, ta.Level = "competency", a.Competency.ID, a.Competency.Title, a.Level
			}
			tg.Actions = append(tg.Actions, ta)
		}
		out.Goals = append(out.Goals, tg)
	}
	return out
}
