package route

import "github.com/ladder-ssg/ladder/internal/site"

// Doc is the JSON form of a Result: what "ladder path --format json" prints
// and what the path finder computes in the browser from
// the tools' data under /data/tools/. Entities are named by id (levels by full id) and
// carry the titles and figures a reader needs, so that the document stands
// on its own.
type Doc struct {
	From         LevelRef   `json:"from"`
	To           LevelRef   `json:"to"`
	Found        bool       `json:"found"`
	Message      string     `json:"message,omitempty"`
	Route        *RouteDoc  `json:"route"`
	Alternatives []RouteDoc `json:"alternatives"`
}

// LevelRef names a level.
type LevelRef struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Track string `json:"track"`
}

// RouteDoc is a route in a Doc.
type RouteDoc struct {
	Key    string    `json:"key"`
	Steps  []StepDoc `json:"steps"`
	Months int       `json:"months"`
	Hours  float64   `json:"hours"`
}

// StepDoc is a step in a Doc.
type StepDoc struct {
	Kind       Kind           `json:"kind"`
	From       string         `json:"from"`
	To         LevelRef       `json:"to"`
	Program    *ProgramRef    `json:"program,omitempty"`
	Conditions *ConditionsDoc `json:"conditions,omitempty"`
	Gaps       []GapDoc       `json:"gaps"`
	Courses    []CourseRef    `json:"courses"`
	Hours      float64        `json:"hours"`
	Months     int            `json:"months"`
}

// ProgramRef is the program of a program step.
type ProgramRef struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     string `json:"kind,omitempty"`
	Duration string `json:"duration,omitempty"`
	Funding  string `json:"funding,omitempty"`
}

// ConditionsDoc is the Conditions of a program step.
type ConditionsDoc struct {
	MinTenureMonths int         `json:"min_tenure_months,omitempty"`
	Courses         []CourseRef `json:"courses"`
	Approval        string      `json:"approval,omitempty"`
	Note            string      `json:"note,omitempty"`
}

// GapDoc is a competency gap: from one point of the scale to another, with
// the points' names.
type GapDoc struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	From     int    `json:"from"`
	To       int    `json:"to"`
	FromName string `json:"from_name,omitempty"`
	ToName   string `json:"to_name"`
}

// CourseRef is a course with its hours.
type CourseRef struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Hours float64 `json:"hours"`
}

// NewDoc returns the JSON form of r; the site gives the scale's names.
func NewDoc(s *site.Site, r *Result) *Doc {
	d := &Doc{From: levelRef(r.From), To: levelRef(r.To), Found: r.Route != nil, Message: r.Message, Alternatives: []RouteDoc{}}
	if r.Route != nil {
		rd := routeDoc(s, r.Route)
		d.Route = &rd
	}
	for _, a := range r.Alternatives {
		d.Alternatives = append(d.Alternatives, routeDoc(s, a))
	}
	return d
}

func levelRef(l *site.Level) LevelRef {
	return LevelRef{ID: l.FullID(), Title: l.Title, Track: l.TrackID}
}

func courseRefs(cs []*site.Course) []CourseRef {
	out := make([]CourseRef, 0, len(cs))
	for _, c := range cs {
		out = append(out, CourseRef{ID: c.ID, Title: c.Title, Hours: c.Hours})
	}
	return out
}

func routeDoc(s *site.Site, r *Route) RouteDoc {
	rd := RouteDoc{Key: r.Key(), Steps: []StepDoc{}, Months: r.Months, Hours: r.Hours}
	for _, st := range r.Steps {
		sd := StepDoc{Kind: st.Kind, From: st.From.FullID(), To: levelRef(st.To), Gaps: []GapDoc{},
			Courses: courseRefs(st.Courses), Hours: st.Hours, Months: st.Months}
		if p := st.Program; p != nil {
			sd.Program = &ProgramRef{ID: p.ID, Title: p.Title, Kind: p.Kind, Duration: p.Duration, Funding: st.Funding}
		}
		if c := st.Conditions; c != nil {
			sd.Conditions = &ConditionsDoc{MinTenureMonths: c.MinTenureMonths, Courses: courseRefs(c.Courses), Approval: c.Approval, Note: c.Note}
		}
		for _, g := range st.Gaps {
			title := g.ID
			if g.Competency != nil {
				title = g.Competency.Title
			}
			sd.Gaps = append(sd.Gaps, GapDoc{ID: g.ID, Title: title, From: g.From, To: g.To,
				FromName: s.Config.Scale.Name(g.From), ToName: s.Config.Scale.Name(g.To)})
		}
		rd.Steps = append(rd.Steps, sd)
	}
	return rd
}
