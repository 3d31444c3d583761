package route

import (
	"fmt"

	"github.com/ladder-ssg/ladder/internal/site"
)

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
	Key   string    `json:"key"`
	Steps []StepDoc `json:"steps"`
	// Months to MonthsMax is the route's typical time; ProgramTimeUnknown
	// says that a program on it gives no months, so that it takes longer
	// by that program's time.
	Months             int     `json:"months"`
	MonthsMax          int     `json:"months_max"`
	ProgramTimeUnknown bool    `json:"program_time_unknown,omitempty"`
	Hours              float64 `json:"hours"`
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
	// Months to MonthsMax is the step's typical time: the level's, plus
	// the program's for a program step (see Step).
	Months             int  `json:"months"`
	MonthsMax          int  `json:"months_max"`
	ProgramTimeUnknown bool `json:"program_time_unknown,omitempty"`
}

// ProgramRef is the program of a program step.
type ProgramRef struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     string `json:"kind,omitempty"`
	Duration string `json:"duration,omitempty"`
	// Months is the program's length as [min, max], absent when the
	// program does not give it.
	Months  []int  `json:"months,omitempty"`
	Funding string `json:"funding,omitempty"`
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
	rd := RouteDoc{Key: r.Key(), Steps: []StepDoc{}, Months: r.Months, MonthsMax: r.MonthsMax, ProgramTimeUnknown: r.ProgramTimeUnknown, Hours: r.Hours}
	for _, st := range r.Steps {
		sd := StepDoc{Kind: st.Kind, From: st.From.FullID(), To: levelRef(st.To), Gaps: []GapDoc{},
			Courses: courseRefs(st.Courses), Hours: st.Hours, Months: st.Months, MonthsMax: st.MonthsMax, ProgramTimeUnknown: st.ProgramTimeUnknown}
		if p := st.Program; p != nil {
			sd.Program = &ProgramRef{ID: p.ID, Title: p.Title, Kind: p.Kind, Duration: p.Duration, Months: p.Months.Range(), Funding: st.Funding}
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

// TimeText says how long a route or step takes: "typically 18 months",
// "typically 18–24 months", "typically 12 months plus program time",
// "program time not given"; "" when it takes no time that is known.
func TimeText(months, monthsMax int, unknown bool) string {
	var s string
	switch {
	case monthsMax <= 0:
	case months == monthsMax:
		s = "typically " + MonthsText(months)
	default:
		s = fmt.Sprintf("typically %d–%d months", months, monthsMax)
	}
	if unknown {
		if s == "" {
			return "program time not given"
		}
		s += " plus program time"
	}
	return s
}

// MonthsText is "1 month" or "n months".
func MonthsText(n int) string {
	if n == 1 {
		return "1 month"
	}
	return fmt.Sprintf("%d months", n)
}

// RangeText is a program's months as a reader sees them: "9 months",
// "18–24 months", or "" when they are not given.
func RangeText(m site.Months) string {
	switch {
	case !m.Known():
		return ""
	case m.Min == m.Max:
		return MonthsText(m.Min)
	}
	return fmt.Sprintf("%d–%d months", m.Min, m.Max)
}
