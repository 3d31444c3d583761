package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Describe returns the change as a short sentence about its entity, in
// plain text: "expects Coding at 4 Advanced (was 3 Proficient)".
func (c Change) Describe() string { return c.describe(plain) }

// quoting is how a sentence writes ids and values.
type quoting func(string) string

func plain(s string) string { return s }

func code(s string) string {
	if s == "" {
		return "(none)"
	}
	n := 1
	for strings.Contains(s, strings.Repeat("`", n)) {
		n++
	}
	q := strings.Repeat("`", n)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		return q + " " + s + " " + q
	}
	return q + s + q
}

// item names the element of a list a change is about: its title and id.
func (c Change) item(q quoting) string {
	if c.ItemTitle != "" && c.ItemTitle != c.Item {
		return c.ItemTitle + " (" + q(c.Item) + ")"
	}
	return q(c.Item)
}

// fieldNames are the readers' words for the fields of lists.
var fieldNames = map[string]string{
	"next":                "promotion to",
	"moves":               "move to",
	"prerequisites":       "prerequisite",
	"courses":             "course",
	"leads_to":            "leads to",
	"fields":              "field",
	"eligibility.tracks":  "eligible track",
	"eligibility.levels":  "eligible level",
	"eligibility.courses": "course required to join",
	"funding.covers":      "funding covers",
	"skills":              "teaches",
}

func (c Change) describe(q quoting) string {
	v := func(s string) string {
		if s == "" {
			return "(none)"
		}
		return q(s)
	}
	switch c.Kind {
	case Added, Removed:
		if c.Field == "" {
			return string(c.Kind)
		}
		if c.Field == "competencies" || c.Field == "skills" {
			verb := "expects"
			if c.Field == "skills" {
				verb = "teaches"
			}
			if c.Kind == Added {
				return "now " + verb + " " + c.item(q) + " at " + v(c.New)
			}
			return "no longer " + verb + " " + c.item(q) + " (was " + v(c.Old) + ")"
		}
		name := fieldNames[c.Field]
		if name == "" {
			name = c.Field
		}
		return name + " " + c.item(q) + " " + string(c.Kind)
	case Opened, Closed:
		return "program " + string(c.Kind)
	case Renamed:
		return "renamed from " + q(c.OldID)
	case Raised, Lowered:
		verb := "expects"
		if c.Field == "skills" {
			verb = "teaches"
		}
		dir := "up"
		if c.Kind == Lowered {
			dir = "down"
		}
		s := verb + " " + c.item(q) + " at " + v(c.New) + ", " + dir + " from " + v(c.Old)
		if c.OldText != "" || c.NewText != "" {
			s += "; reworded"
		}
		return s
	case Required, Optional:
		s := "course " + c.item(q) + " is now " + string(c.Kind)
		if c.Old != "" {
			s += " (was " + c.Old + ")"
		}
		return s
	case Dropped:
		return "course " + c.item(q) + " is no longer " + c.Old
	}
	if c.Field == "competencies" || c.Field == "skills" {
		return "expectation of " + c.item(q) + " reworded"
	}
	name := fieldLabels[c.Field]
	if name == "" {
		name = c.Field
	}
	return name + ": " + v(c.Old) + " → " + v(c.New)
}

// fieldLabels are the readers' words for some scalar fields.
var fieldLabels = map[string]string{
	"min_months":                    "typical months in the level before",
	"onet_soc":                      "O*NET-SOC code",
	"pay":                           "pay band",
	"eligibility.min_tenure_months": "eligibility: minimum tenure in months",
	"eligibility.approval":          "eligibility: approval",
	"eligibility.note":              "eligibility: note",
	"funding.tuition_percent":       "funding: tuition percent",
	"funding.cap":                   "funding: yearly cap",
	"funding.currency":              "funding: currency",
	"funding.payback":               "funding: payback",
	"outcomes.placement_rate":       "outcomes: placement rate",
	"outcomes.participants":         "outcomes: participants",
	"weekly_hours":                  "weekly hours",
}

// Group is the changes of one part of the framework: a track with its
// levels, or all competencies, courses, programs or pages.
type Group struct {
	Title string // "Track Software Development (sde)", "Courses"
	// Entity is the kind of the group's entities: Track for a track with
	// its levels, whose id and title are Track and TrackTitle.
	Entity     Entity
	Track      string
	TrackTitle string
	Changes    []Change // in the report's order
}

// Groups splits the report's changes into groups, in order.
func (r *Report) Groups() []Group {
	var out []Group
	for _, c := range r.Changes {
		t := r.groupTitle(c)
		if len(out) == 0 || out[len(out)-1].Title != t {
			g := Group{Title: t, Entity: c.Entity}
			if c.Entity == Track || c.Entity == Level {
				g.Entity, g.Track, g.TrackTitle = Track, c.Track, r.tracks[c.Track]
			}
			out = append(out, g)
		}
		g := &out[len(out)-1]
		g.Changes = append(g.Changes, c)
	}
	return out
}

func (r *Report) groupTitle(c Change) string {
	switch c.Entity {
	case Framework:
		return "Framework"
	case Track, Level:
		if t := r.tracks[c.Track]; t != "" && t != c.Track {
			return "Track " + t + " (" + c.Track + ")"
		}
		return "Track " + c.Track
	case Competency:
		return "Competencies"
	case Course:
		return "Courses"
	case Program:
		return "Programs"
	}
	return "Pages"
}

// Subject names a change's entity, in plain text: "level sde/l5 Engineer II".
func (c Change) Subject() string { return c.subject(plain) }

// subject names a change's entity: "level sde/l5 Engineer II".
func (c Change) subject(q quoting) string {
	if c.Entity == Framework {
		return "framework"
	}
	s := string(c.Entity) + " " + q(c.ID)
	if c.Title != "" && c.Title != c.ID {
		s += " " + c.Title
	}
	return s
}

func (s Side) name() string {
	switch {
	case s.Version != "" && s.Label != "":
		return s.Label + " (" + s.Version + ")"
	case s.Version != "":
		return s.Version
	}
	return s.Label
}

// WriteText writes the report for a terminal: one line per change, under
// a heading per group.
func WriteText(w io.Writer, r *Report) error {
	var b strings.Builder
	if r.Empty() {
		fmt.Fprintf(&b, "No changes from %s to %s.\n", r.Old.name(), r.New.name())
		_, err := io.WriteString(w, b.String())
		return err
	}
	fmt.Fprintf(&b, "%s from %s to %s\n", count(len(r.Changes), "change", "changes"), r.Old.name(), r.New.name())
	for _, g := range r.Groups() {
		fmt.Fprintf(&b, "\n%s\n", g.Title)
		for _, c := range g.Changes {
			fmt.Fprintf(&b, "  %s: %s\n", c.subject(plain), c.describe(plain))
			if c.OldText != "" || c.NewText != "" {
				fmt.Fprintf(&b, "    before: %s\n    after:  %s\n", orNone(c.OldText), orNone(c.NewText))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// WriteJSON writes the report as indented JSON.
func WriteJSON(w io.Writer, r *Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("encode diff: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteMarkdown writes the report for a pull-request comment: a heading, a
// summary table with the number of changes per group and kind, and the
// details of each group in a <details> block.
func WriteMarkdown(w io.Writer, r *Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "### Framework changes: %s → %s\n\n", mdText(r.Old.name()), mdText(r.New.name()))
	if r.Empty() {
		b.WriteString("No changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	groups := r.Groups()
	fmt.Fprintf(&b, "**%s** in %s.\n\n", count(len(r.Changes), "change", "changes"), count(len(groups), "part", "parts"))
	b.WriteString("| Part | Changes | Kinds |\n|---|---:|---|\n")
	for _, g := range groups {
		fmt.Fprintf(&b, "| %s | %d | %s |\n", mdCell(g.Title), len(g.Changes), kinds(g.Changes))
	}
	for _, g := range groups {
		fmt.Fprintf(&b, "\n<details><summary>%s: %s</summary>\n\n", htmlText(g.Title), count(len(g.Changes), "change", "changes"))
		for _, c := range g.Changes {
			fmt.Fprintf(&b, "- %s: %s\n", mdText(c.subject(code)), mdText(c.describe(code)))
			if c.OldText != "" || c.NewText != "" {
				fmt.Fprintf(&b, "  - before: %s\n  - after: %s\n", mdText(orNone(c.OldText)), mdText(orNone(c.NewText)))
			}
		}
		b.WriteString("\n</details>\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// kinds lists the kinds of change in a group with their counts, in the
// order they first appear: "2 raised, 1 required".
func kinds(cs []Change) string {
	var order []Kind
	n := map[Kind]int{}
	for _, c := range cs {
		if n[c.Kind] == 0 {
			order = append(order, c.Kind)
		}
		n[c.Kind]++
	}
	parts := make([]string, len(order))
	for i, k := range order {
		parts[i] = fmt.Sprintf("%d %s", n[k], k)
	}
	return strings.Join(parts, ", ")
}

// mdText keeps text from the content from starting markdown or HTML of
// its own in a comment: angle brackets become entities, and a line break
// a space. Code spans are left to code().
func mdText(s string) string {
	s = strings.ReplaceAll(s, "\r", " ")
	s = strings.ReplaceAll(s, "\n", " ")
	s = strings.ReplaceAll(s, "<", "&lt;")
	return strings.ReplaceAll(s, ">", "&gt;")
}

func mdCell(s string) string { return strings.ReplaceAll(mdText(s), "|", `\|`) }

func htmlText(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}
