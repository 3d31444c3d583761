package datafile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"github.com/ladder-ssg/ladder/internal/site"
)

// The tools' data is split so that a page loads what it shows: the index
// (ToolIndex) has every track and the graph of promotions, moves and
// programs, with no level's name or details, and each track's file
// (ToolTrack) has its levels' details and the courses they name. The path
// finder searches the graph of the index, then loads the tracks of the
// levels its routes pass.
//
// Levels are numbered in the index by their track, in the order of the
// index's tracks, then by their order in the track: the levels of track i
// are numbers first(i) to first(i)+count-1, where first(i) is the sum of
// the counts of the tracks before it. Programs follow the levels in the
// path finder's graph, in the index's order, as in internal/route.

// ToolIndex is /data/tools/index.json.
type ToolIndex struct {
	Schema int `json:"schema"`
	// Version is a hash of the track files, the assessment files, the
	// plan templates' files and the index, which a build puts in the names of the track and assessment
	// files (see TrackFile).
	Version string `json:"version"`
	// TrackFile is the path of a track's file from the site root, with
	// {id} in place of the track's id: "data/tools/tracks/{id}.json", or
	// in a build "data/tools/tracks/{id}.<version>.json", so that a file
	// cached for a long time is never one of another build.
	TrackFile string `json:"track_file"`
	// AssessFile is the path of a track's assessment file, as TrackFile.
	AssessFile string `json:"assess_file"`
	// PlanFile is the path of a plan template's file, as TrackFile.
	PlanFile string `json:"plan_file"`
	// Framework is the version and content hash of framework.json, which
	// a self-assessment records to tell when the framework has changed
	// since it was made.
	Framework ToolFramework `json:"framework"`
	Title     string        `json:"title"`
	Scale     []string      `json:"scale"`
	// ScaleDescriptions says what each point of the scale means ([scale]
	// descriptions); left out when the site gives none.
	ScaleDescriptions []string       `json:"scale_descriptions,omitempty"`
	Comps             [][]string     `json:"competencies"` // [id, title] or [id, title, category] of each competency, in site order
	Tracks            []ToolTrackRef `json:"tracks"`
	Programs          []ToolProgram  `json:"programs"`
	// Plans lists the plan templates, in site order.
	Plans []ToolPlanRef `json:"plans"`
}

// ToolFramework names the framework a build publishes: the site's version
// (left out when it sets none) and framework.json's content hash.
type ToolFramework struct {
	Version string `json:"version,omitempty"`
	Hash    string `json:"hash"`
}

// ToolTrackRef is a track in the tools' index: its name and the graph
// edges out of its levels.
type ToolTrackRef struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Family string `json:"family,omitempty"`
	Count  int    `json:"count"` // its levels
	// Legacy marks a track kept only for the people on it (status =
	// "legacy"), which the path finder leaves out unless asked.
	Legacy bool `json:"legacy,omitempty"`
	// Sort and Order give the rank of each level's full id among the
	// full ids of all levels and the ids of all programs with "@" before
	// them, in byte order: level j of the track has rank Sort+Order[j]
	// (Sort+j when Order is left out). The ids of a track's levels all
	// start with "<track>/", so they have consecutive ranks. The path
	// finder breaks ties between routes with these ranks, as
	// internal/route does with the routes' keys.
	Sort  int   `json:"sort"`
	Order []int `json:"order,omitempty"`
	// Next and Moves list, for each level, the numbers of the levels it
	// is promoted and moves to; Moves is left out when no level moves.
	Next  [][]int `json:"next"`
	Moves [][]int `json:"moves,omitempty"`
	// Months is each level's typical months in the previous level, left
	// out when all are 0.
	Months []int `json:"months,omitempty"`
}

// ToolProgram is a program in the tools' index.
type ToolProgram struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Kind     string `json:"kind,omitempty"`
	Duration string `json:"duration,omitempty"`
	// Months is the program's length, [min, max] in months, left out
	// when the program does not give it.
	Months  []int  `json:"months,omitempty"`
	Funding string `json:"funding,omitempty"` // what it pays for, in the site's language (route.FundingSummary in English)
	Sort    int    `json:"sort"`              // rank of "@<id>", see ToolTrackRef.Sort
	LeadsTo []int  `json:"leads_to"`          // level numbers
	// Tracks (indexes in the index's tracks), Levels (level numbers),
	// Courses, MinTenureMonths, Approval and Note are its eligibility.
	Tracks          []int        `json:"tracks"`
	Levels          []int        `json:"levels"`
	Courses         []ToolCourse `json:"courses"`
	MinTenureMonths int          `json:"min_tenure_months,omitempty"`
	Approval        string       `json:"approval,omitempty"`
	Note            string       `json:"note,omitempty"`
}

// ToolCourse is a course as the tools show it.
type ToolCourse struct {
	ID    string  `json:"id"`
	Title string  `json:"title"`
	Hours float64 `json:"hours"`
}

// ToolTrack is /data/tools/tracks/<id>.json: the details of a track's
// levels, in the track's order, and the courses they name.
type ToolTrack struct {
	ID      string       `json:"id"`
	Levels  []ToolLevel  `json:"levels"`
	Courses []ToolCourse `json:"courses"`
}

// ToolLevel is a level in a track's tool file.
type ToolLevel struct {
	ID           string       `json:"id"` // full id, "<track>/<level>"
	Title        string       `json:"title"`
	Code         string       `json:"code,omitempty"`
	Rank         int          `json:"rank"`
	Path         string       `json:"path"`
	Summary      string       `json:"summary,omitempty"`
	MinMonths    int          `json:"min_months,omitempty"`
	Pay          *site.Pay    `json:"pay,omitempty"`
	Competencies []ToolExpect `json:"competencies"`
	Required     []string     `json:"required_courses"`
	Optional     []string     `json:"optional_courses"`
}

// ToolExpect is the point of the scale a level expects of a competency.
type ToolExpect struct {
	ID    string `json:"id"`
	Level int    `json:"level"`
	// Expect and Examples are the level's own criteria and examples, as
	// plain text; left out when there are none.
	Expect   []string `json:"expect,omitempty"`
	Examples []string `json:"examples,omitempty"`
}

// tools is what the index and the track files share, computed once.
type tools struct {
	indexFile []byte
	version   string
	err       error
}

func (d *Set) toolData() *tools {
	d.once.Do(func() {
		t := &tools{}
		t.indexFile, t.version, t.err = d.buildIndex()
		d.tools = t
	})
	return d.tools
}

func (t *tools) index() ([]byte, error) { return t.indexFile, t.err }

// track returns the tool file of track tr.
func (t *tools) track(tr *site.Track) ([]byte, error) {
	if t.err != nil {
		return nil, t.err
	}
	return marshal(buildTrack(tr))
}

// buildTrack returns the tool file of a track.
func buildTrack(tr *site.Track) *ToolTrack {
	out := &ToolTrack{ID: tr.ID, Levels: make([]ToolLevel, 0, len(tr.Levels)), Courses: []ToolCourse{}}
	seen := map[*site.Course]bool{}
	addCourses := func(cs []*site.Course) {
		for _, c := range cs {
			if !seen[c] {
				seen[c] = true
				out.Courses = append(out.Courses, ToolCourse{ID: c.ID, Title: c.Title, Hours: c.Hours})
			}
		}
	}
	for _, l := range tr.Levels {
		tl := ToolLevel{ID: l.FullID(), Title: l.Title, Code: l.Code, Rank: l.Rank, Path: l.Path, Summary: l.Summary,
			MinMonths: l.MinMonths, Pay: l.Pay, Competencies: make([]ToolExpect, 0, len(l.Expectations)),
			Required: ids(l.Required, courseID), Optional: ids(l.Optional, courseID)}
		for _, e := range l.Expectations {
			te := ToolExpect{ID: e.CompetencyID, Level: e.Level}
			for _, x := range e.Expect {
				te.Expect = append(te.Expect, x.Plain)
			}
			for _, x := range e.Examples {
				te.Examples = append(te.Examples, x.Plain)
			}
			tl.Competencies = append(tl.Competencies, te)
		}
		addCourses(l.Required)
		addCourses(l.Optional)
		out.Levels = append(out.Levels, tl)
	}
	return out
}

// buildIndex returns the bytes of the tools' index and its version.
func (d *Set) buildIndex() ([]byte, string, error) {
	s := d.site
	num := map[*site.Level]int{}
	trackNum := map[*site.Track]int{}
	for i, t := range s.Tracks {
		trackNum[t] = i
		for _, l := range t.Levels {
			num[l] = len(num)
		}
	}
	// Ranks of the routes' key parts: full level ids and "@" program ids.
	keys := make([]string, 0, len(num)+len(s.Programs))
	for _, t := range s.Tracks {
		for _, l := range t.Levels {
			keys = append(keys, l.FullID())
		}
	}
	for _, p := range s.Programs {
		keys = append(keys, "@"+p.ID)
	}
	slices.Sort(keys)
	rank := make(map[string]int, len(keys))
	for i, k := range keys {
		rank[k] = i
	}
	nums := func(ls []*site.Level) []int {
		out := make([]int, 0, len(ls))
		for _, l := range ls {
			if n, ok := num[l]; ok {
				out = append(out, n)
			}
		}
		return out
	}
	ix := &ToolIndex{Schema: Schema, Title: s.Config.Title, Scale: ids(s.Config.Scale.Names, self),
		ScaleDescriptions: s.Config.Scale.Descriptions,
		Framework:         ToolFramework{Version: s.Config.Version, Hash: d.frameworkHash()},
		Comps:             make([][]string, 0, len(s.Competencies)), Tracks: make([]ToolTrackRef, 0, len(s.Tracks)),
		Programs: make([]ToolProgram, 0, len(s.Programs)), Plans: make([]ToolPlanRef, 0, len(s.Plans))}
	for _, c := range s.Competencies {
		if c.Category != "" {
			ix.Comps = append(ix.Comps, []string{c.ID, c.Title, c.Category})
		} else {
			ix.Comps = append(ix.Comps, []string{c.ID, c.Title})
		}
	}
	h := sha256.New()
	for _, t := range s.Tracks {
		ref := ToolTrackRef{ID: t.ID, Title: t.Title, Family: t.Family, Legacy: t.Legacy(), Count: len(t.Levels), Next: make([][]int, 0, len(t.Levels))}
		moves := make([][]int, 0, len(t.Levels))
		months := make([]int, 0, len(t.Levels))
		anyMove, anyMonths := false, false
		for _, l := range t.Levels {
			ref.Next = append(ref.Next, nums(l.Next))
			moves = append(moves, nums(l.Moves))
			months = append(months, l.MinMonths)
			anyMove = anyMove || len(l.Moves) > 0
			anyMonths = anyMonths || l.MinMonths != 0
		}
		ref.Sort, ref.Order = sortRanks(t.Levels, rank)
		if anyMove {
			ref.Moves = moves
		}
		if anyMonths {
			ref.Months = months
		}
		ix.Tracks = append(ix.Tracks, ref)
		b, err := marshal(buildTrack(t))
		if err != nil {
			return nil, "", fmt.Errorf("tool data of track %s: %w", t.ID, err)
		}
		h.Write(b)
		d.encoded(readyKey{kind: KindToolTrack, track: t}, b)
		if b, err = marshal(BuildAssess(s, t, d.assessCandidates())); err != nil {
			return nil, "", fmt.Errorf("assessment data of track %s: %w", t.ID, err)
		}
		h.Write(b)
		d.encoded(readyKey{kind: KindToolAssess, track: t}, b)
	}
	for _, p := range s.Programs {
		e := &p.Eligibility
		tp := ToolProgram{ID: p.ID, Title: p.Title, Kind: p.Kind, Duration: p.Duration, Months: p.Months.Range(), Funding: d.funding(p),
			Sort: rank["@"+p.ID], LeadsTo: nums(p.LeadsTo), Tracks: make([]int, 0, len(e.Tracks)), Levels: nums(e.Levels),
			Courses: make([]ToolCourse, 0, len(e.Courses)), MinTenureMonths: e.MinTenureMonths, Approval: e.Approval, Note: e.Note}
		for _, t := range e.Tracks {
			if i, ok := trackNum[t]; ok {
				tp.Tracks = append(tp.Tracks, i)
			}
		}
		for _, c := range e.Courses {
			tp.Courses = append(tp.Courses, ToolCourse{ID: c.ID, Title: c.Title, Hours: c.Hours})
		}
		ix.Programs = append(ix.Programs, tp)
	}
	for _, p := range s.Plans {
		ref := ToolPlanRef{ID: p.ID, Title: p.Title, Tracks: make([]int, 0, len(p.Tracks)), Levels: nums(p.Levels)}
		for _, t := range p.Tracks {
			if i, ok := trackNum[t]; ok {
				ref.Tracks = append(ref.Tracks, i)
			}
		}
		ix.Plans = append(ix.Plans, ref)
		b, err := marshal(BuildPlan(p))
		if err != nil {
			return nil, "", fmt.Errorf("tool data of plan template %s: %w", p.ID, err)
		}
		h.Write(b)
	}
	idx, err := marshal(ix)
	if err != nil {
		return nil, "", err
	}
	h.Write(idx)
	ix.Version = hex.EncodeToString(h.Sum(nil))[:8]
	ix.TrackFile, ix.AssessFile, ix.PlanFile = "data/tools/tracks/{id}.json", "data/tools/assess/{id}.json", "data/tools/plans/{id}.json"
	if d.versioned {
		ix.TrackFile = VersionedName(ix.TrackFile, ix.Version)
		ix.AssessFile = VersionedName(ix.AssessFile, ix.Version)
		ix.PlanFile = VersionedName(ix.PlanFile, ix.Version)
	}
	b, err := marshal(ix)
	return b, ix.Version, err
}

// sortRanks returns the least rank of the full ids of levels and each
// level's rank less that one, or nil when those are 0, 1, 2, ...
func sortRanks(levels []*site.Level, rank map[string]int) (int, []int) {
	if len(levels) == 0 {
		return 0, nil
	}
	least := rank[levels[0].FullID()]
	for _, l := range levels {
		least = min(least, rank[l.FullID()])
	}
	order := make([]int, len(levels))
	identity := true
	for j, l := range levels {
		order[j] = rank[l.FullID()] - least
		identity = identity && order[j] == j
	}
	if identity {
		return least, nil
	}
	return least, order
}
