package datafile

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/site"
)

// Framework is the schema of /data/framework.json (documented in the
// README). URLs are relative to the site root, without a leading slash
// ("tracks/sde/"), so that a client can join them to wherever the site is
// deployed. Levels are named by their full id, "<track>/<level>".
type Framework struct {
	Schema int `json:"schema"`
	// Version is the site's version (site.toml version, or the version a
	// release file was recorded as); empty when the site sets none.
	Version string `json:"version,omitempty"`
	// Hash identifies the framework's content: "sha256:" and the hex
	// digest of the file with today, version and hash left empty. Two
	// frameworks with the same hash have no differences.
	Hash     string   `json:"hash"`
	Title    string   `json:"title"`
	Language string   `json:"language"`
	Today    string   `json:"today"`
	Scale    []string `json:"scale"`
	// ScaleDescriptions says what each point of the scale means, one per
	// name ([scale] descriptions); absent when the site describes none.
	ScaleDescriptions []string          `json:"scale_descriptions,omitempty"`
	Tracks            []FrameworkTrack  `json:"tracks"`
	Levels            []FrameworkLevel  `json:"levels"`
	Competencies      []FrameworkComp   `json:"competencies"`
	Courses           []FrameworkCourse `json:"courses"`
	Programs          []FrameworkProg   `json:"programs"`
	Pages             []FrameworkPage   `json:"pages"`
}

// FrameworkTrack is a track in framework.json.
type FrameworkTrack struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Summary string   `json:"summary,omitempty"`
	Family  string   `json:"family,omitempty"`
	URL     string   `json:"url"`
	Paths   []string `json:"paths"`
	Levels  []string `json:"levels"`
	// Status is "legacy" for a track kept only for the people on it;
	// absent for an active track.
	Status string `json:"status,omitempty"`
	// Groups are the track's own groups of competencies ([groups] of the
	// track file), in the file's order; absent when the track uses the
	// competencies' categories.
	Groups []FrameworkGroup `json:"groups,omitempty"`
}

// FrameworkGroup is a named group of a track's competencies in
// framework.json.
type FrameworkGroup struct {
	Name         string   `json:"name"`
	Competencies []string `json:"competencies"`
}

// FrameworkLevel is a level in framework.json.
type FrameworkLevel struct {
	ID           string            `json:"id"`
	Track        string            `json:"track"`
	Title        string            `json:"title"`
	Code         string            `json:"code,omitempty"`
	Rank         int               `json:"rank"`
	Path         string            `json:"path"`
	Summary      string            `json:"summary,omitempty"`
	URL          string            `json:"url"`
	Next         []string          `json:"next"`
	Moves        []string          `json:"moves"`
	Required     []string          `json:"required_courses"`
	Optional     []string          `json:"optional_courses"`
	MinMonths    int               `json:"min_months,omitempty"`
	ONetSOC      string            `json:"onet_soc,omitempty"`
	Competencies []FrameworkExpect `json:"competencies"`
	Pay          *site.Pay         `json:"pay,omitempty"`
	Programs     []string          `json:"programs"`
}

// FrameworkExpect is an expectation (or a course's skill) in framework.json.
type FrameworkExpect struct {
	ID    string `json:"id"`
	Level int    `json:"level"`
	// Expect is the criteria as written: a string for one, an array of
	// strings for several (as in the TOML), absent for none.
	Expect   any      `json:"expect,omitempty"`
	Examples []string `json:"examples,omitempty"`
}

// Text returns the criteria of Expect one per line, whether it holds one
// string or several (as BuildFramework writes it, or as a JSON decoder
// reads it back: []any).
func (e FrameworkExpect) Text() string {
	switch x := e.Expect.(type) {
	case string:
		return x
	case []string:
		return strings.Join(x, "\n")
	case []any:
		parts := make([]string, 0, len(x))
		for _, p := range x {
			if s, ok := p.(string); ok {
				parts = append(parts, s)
			}
		}
		return strings.Join(parts, "\n")
	}
	return ""
}

// FrameworkComp is a competency in framework.json.
type FrameworkComp struct {
	ID       string            `json:"id"`
	Title    string            `json:"title"`
	Category string            `json:"category,omitempty"`
	Summary  string            `json:"summary,omitempty"`
	URL      string            `json:"url"`
	Levels   map[string]string `json:"levels,omitempty"`
}

// FrameworkCourse is a course in framework.json.
type FrameworkCourse struct {
	ID            string            `json:"id"`
	Title         string            `json:"title"`
	Provider      string            `json:"provider,omitempty"`
	Format        string            `json:"format,omitempty"`
	Hours         float64           `json:"hours"`
	Cost          float64           `json:"cost,omitempty"`
	Currency      string            `json:"currency,omitempty"`
	URL           string            `json:"url"`
	LMSURL        string            `json:"lms_url,omitempty"`
	Credential    string            `json:"credential,omitempty"`
	Prerequisites []string          `json:"prerequisites"`
	Skills        []FrameworkExpect `json:"skills"`
}

// FrameworkProg is a program in framework.json.
type FrameworkProg struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Kind        string            `json:"kind,omitempty"`
	Summary     string            `json:"summary,omitempty"`
	Duration    string            `json:"duration,omitempty"`
	Months      []int             `json:"months,omitempty"` // [min, max]
	WeeklyHours float64           `json:"weekly_hours,omitempty"`
	Paid        bool              `json:"paid"`
	Fields      []string          `json:"fields"`
	URL         string            `json:"url"`
	Courses     []string          `json:"courses"`
	LeadsTo     []string          `json:"leads_to"`
	Intakes     []FrameworkIntake `json:"intakes"`
	Eligibility FrameworkElig     `json:"eligibility"`
	Funding     site.Funding      `json:"funding"`
	Outcomes    site.Outcomes     `json:"outcomes"`
}

// FrameworkIntake is an intake in framework.json, dates as YYYY-MM-DD.
type FrameworkIntake struct {
	ApplyFrom string `json:"apply_from,omitempty"`
	ApplyBy   string `json:"apply_by,omitempty"`
	Start     string `json:"start,omitempty"`
}

// FrameworkElig is a program's eligibility in framework.json.
type FrameworkElig struct {
	MinTenureMonths int      `json:"min_tenure_months,omitempty"`
	Tracks          []string `json:"tracks"`
	Levels          []string `json:"levels"`
	Courses         []string `json:"courses"`
	Approval        string   `json:"approval,omitempty"`
	Note            string   `json:"note,omitempty"`
}

// FrameworkPage is a free page in framework.json.
type FrameworkPage struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url"`
}

// Schema is the version of framework.json's format, bumped on incompatible
// changes.
const Schema = 1

func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// ids returns the id of each of xs, as an empty list (never nil) when there
// are none, so that every list of the data files is written as [].
func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, 0, len(xs))
	for _, x := range xs {
		out = append(out, id(x))
	}
	return out
}

func levelID(l *site.Level) string     { return l.FullID() }
func courseID(c *site.Course) string   { return c.ID }
func programID(p *site.Program) string { return p.ID }
func trackID(t *site.Track) string     { return t.ID }
func compID(c *site.Competency) string { return c.ID }
func self(s string) string             { return s }

func expects(es []site.Expectation) []FrameworkExpect {
	out := make([]FrameworkExpect, 0, len(es))
	for _, e := range es {
		fe := FrameworkExpect{ID: e.CompetencyID, Level: e.Level}
		switch len(e.Expect) {
		case 0:
		case 1:
			fe.Expect = e.Expect[0].Text
		default:
			list := make([]string, len(e.Expect))
			for i, x := range e.Expect {
				list[i] = x.Text
			}
			fe.Expect = list
		}
		for _, x := range e.Examples {
			fe.Examples = append(fe.Examples, x.Text)
		}
		out = append(out, fe)
	}
	return out
}

// BuildFramework returns the machine-readable model of the site. rel gives
// the URL of an entity's page relative to the site root ("tracks/sde/").
// Every list is empty rather than nil, so that a site with no tracks, or a
// program with no intakes, is written with [] and never null.
func BuildFramework(s *site.Site, rel func(entity any) string) *Framework {
	f := newFramework(s, rel)
	if _, err := hashFramework(f); err != nil {
		// Only a number that JSON cannot hold (nan, inf) gets here, and
		// the file itself then fails to encode.
		f.Hash = ""
	}
	return f
}

// newFramework is BuildFramework without the hash.
func newFramework(s *site.Site, rel func(entity any) string) *Framework {
	f := &Framework{Schema: Schema, Version: s.Config.Version, Title: s.Config.Title, Language: s.Config.Language, Today: date(s.Config.Today),
		Scale:             ids(s.Config.Scale.Names, self),
		ScaleDescriptions: s.Config.Scale.Descriptions,
		Tracks:            make([]FrameworkTrack, 0, len(s.Tracks)),
		Levels:            make([]FrameworkLevel, 0, len(s.Levels)),
		Competencies:      make([]FrameworkComp, 0, len(s.Competencies)),
		Courses:           make([]FrameworkCourse, 0, len(s.Courses)),
		Programs:          make([]FrameworkProg, 0, len(s.Programs)),
		Pages:             make([]FrameworkPage, 0, len(s.Pages)),
	}
	for _, t := range s.Tracks {
		ft := FrameworkTrack{ID: t.ID, Title: t.Title, Summary: t.Summary, Family: t.Family,
			URL: rel(t), Paths: ids(t.Paths, self), Levels: ids(t.Levels, levelID)}
		if t.Legacy() {
			ft.Status = "legacy"
		}
		for _, g := range t.Groups {
			ft.Groups = append(ft.Groups, FrameworkGroup{Name: g.Name, Competencies: ids(g.Competencies, compID)})
		}
		f.Tracks = append(f.Tracks, ft)
	}
	for _, l := range s.Levels {
		f.Levels = append(f.Levels, FrameworkLevel{ID: l.FullID(), Track: l.TrackID, Title: l.Title, Code: l.Code,
			Rank: l.Rank, Path: l.Path, Summary: l.Summary, URL: rel(l),
			Next: ids(l.Next, levelID), Moves: ids(l.Moves, levelID),
			Required: ids(l.Required, courseID), Optional: ids(l.Optional, courseID),
			MinMonths: l.MinMonths, ONetSOC: l.ONetSOC, Competencies: expects(l.Expectations), Pay: l.Pay,
			Programs: ids(l.LedBy, programID)})
	}
	for _, c := range s.Competencies {
		f.Competencies = append(f.Competencies, FrameworkComp{ID: c.ID, Title: c.Title, Category: c.Category,
			Summary: c.Summary, URL: rel(c), Levels: c.Descriptors})
	}
	for _, c := range s.Courses {
		f.Courses = append(f.Courses, FrameworkCourse{ID: c.ID, Title: c.Title, Provider: c.Provider, Format: c.Format,
			Hours: c.Hours, Cost: c.Cost, Currency: c.Currency, URL: rel(c), LMSURL: string(c.Link), Credential: c.Credential,
			Prerequisites: ids(c.Prereqs, courseID), Skills: expects(c.Skills)})
	}
	for _, p := range s.Programs {
		fp := FrameworkProg{ID: p.ID, Title: p.Title, Kind: p.Kind, Summary: p.Summary, Duration: p.Duration, Months: p.Months.Range(),
			WeeklyHours: p.WeeklyHours, Paid: p.Paid, Fields: ids(p.Fields, self), URL: rel(p),
			Courses: ids(p.Courses, courseID), LeadsTo: ids(p.LeadsTo, levelID),
			Intakes: make([]FrameworkIntake, 0, len(p.Intakes)),
			Eligibility: FrameworkElig{MinTenureMonths: p.Eligibility.MinTenureMonths,
				Tracks: ids(p.Eligibility.Tracks, trackID), Levels: ids(p.Eligibility.Levels, levelID),
				Courses: ids(p.Eligibility.Courses, courseID), Approval: p.Eligibility.Approval, Note: p.Eligibility.Note},
			Funding: p.Funding, Outcomes: p.Outcomes}
		for _, in := range p.Intakes {
			fp.Intakes = append(fp.Intakes, FrameworkIntake{ApplyFrom: date(in.ApplyFrom), ApplyBy: date(in.ApplyBy), Start: date(in.Start)})
		}
		f.Programs = append(f.Programs, fp)
	}
	for _, p := range s.Pages {
		f.Pages = append(f.Pages, FrameworkPage{ID: p.ID, Title: p.Title, URL: rel(p)})
	}
	return f
}

// ContentHash returns the hash of a framework's content (see
// Framework.Hash): the same for two builds of the same content on
// different days or under different versions.
func ContentHash(f *Framework) string {
	c := *f
	if _, err := hashFramework(&c); err != nil {
		return ""
	}
	return c.Hash
}

// hashFramework sets f.Hash and returns the encoding it is the hash of:
// the framework with today, version and hash empty.
func hashFramework(f *Framework) ([]byte, error) {
	blank := *f
	blank.Today, blank.Version, blank.Hash = "", "", ""
	b, err := json.Marshal(&blank)
	if err != nil {
		return nil, fmt.Errorf("encode framework.json: %w", err)
	}
	sum := sha256.Sum256(b)
	f.Hash = "sha256:" + hex.EncodeToString(sum[:])
	return b, nil
}

// encodeFramework sets f.Hash and returns the bytes of framework.json,
// encoding the framework once. The hash is that of the encoding with
// today, version and hash empty; the file is the same encoding with the
// head's fields filled in, so only the head is encoded twice.
func encodeFramework(f *Framework) ([]byte, error) {
	b, err := hashFramework(f)
	if err != nil {
		return nil, err
	}
	if out, ok := withHead(b, f); ok {
		return out, nil
	}
	return marshal(f)
}

// withHead returns the file of f from blank, f's encoding with today,
// version and hash empty: the fields before the lists are the same in
// both, and blank is its head followed by ",\"scale\":..." and the other
// lists. It reports false when blank does not start that way; the file is
// then encoded whole.
func withHead(blank []byte, f *Framework) ([]byte, bool) {
	blankHead, ok := frameworkHead(&Framework{Schema: f.Schema, Title: f.Title, Language: f.Language})
	if !ok || !bytes.HasPrefix(blank, blankHead) {
		return nil, false
	}
	head, ok := frameworkHead(&Framework{Schema: f.Schema, Version: f.Version, Hash: f.Hash, Title: f.Title, Language: f.Language, Today: f.Today})
	if !ok {
		return nil, false
	}
	out := make([]byte, 0, len(head)+len(blank)-len(blankHead)+1)
	out = append(out, head...)
	out = append(out, blank[len(blankHead):]...)
	return append(out, '\n'), true
}

// frameworkHead returns the encoding of f's fields before its lists: f,
// whose lists are empty, encoded up to ",\"scale\":". Those fields are
// strings and numbers, whose encoding cannot hold that text.
func frameworkHead(f *Framework) ([]byte, bool) {
	b, err := json.Marshal(f)
	if err != nil {
		return nil, false
	}
	i := bytes.Index(b, []byte(`,"scale":`))
	return b[:max(i, 0)], i > 0
}
