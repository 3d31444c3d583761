package cli

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/build"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// newKinds lists the kinds "ladder new" creates, in the order of its usage.
var newKinds = []string{"track", "level", "course", "program", "competency", "page"}

// runNew creates a content file with front matter that validates: the keys
// an author must fill in are set (title, and for a level its rank), every
// optional key is written out commented, and a new level starts with the
// competencies of the level below it, so that the matrix has no hole.
func runNew(e *env, args []string) int {
	fs := flags(e, "new")
	open := srcFlag(fs, false)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		errorf(e, "new takes a kind and an id, e.g. ladder new course secure-coding, or ladder new level software/sde-4")
		return ExitUsage
	}
	kind, id := fs.Arg(0), fs.Arg(1)
	if !contains(newKinds, kind) {
		errorf(e, "unknown kind %q: use one of %s", kind, strings.Join(newKinds, ", "))
		if s := diag.Suggest(kind, newKinds); s != "" {
			hintf(e, "did you mean %q?", s)
		}
		return ExitUsage
	}
	track := ""
	if kind == "level" {
		var ok bool
		track, id, ok = strings.Cut(id, "/")
		if !ok {
			errorf(e, "a level is named TRACK/ID, e.g. ladder new level <track>/%s", track)
			return ExitUsage
		}
		if !load.ValidID(track) {
			badID(e, "track", track)
			return ExitUsage
		}
	}
	if !load.ValidID(id) {
		badID(e, kind, id)
		return ExitUsage
	}
	if kind == "page" && contains(site.ReservedSlugs, id) {
		errorf(e, "page %q would replace the site's own /%s/ page; choose another id", id, id)
		return ExitUsage
	}

	proj, err := open()
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	// Drafts count: a new entity must not take the id of one.
	s, _, err := load.Dir(proj.FS, load.Options{Drafts: true})
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	check.Site(s)

	rel, exists := newPath(s, kind, track, id)
	if exists != "" {
		errorf(e, "%s %q already exists in %s", kind, fullID(track, id), exists)
		return ExitFailure
	}
	var text string
	switch kind {
	case "level":
		t := s.TrackByID[track]
		if t == nil {
			errorf(e, "unknown track %q", track)
			if sug := diag.Suggest(track, sortedKeys(s.TrackByID)); sug != "" {
				hintf(e, "did you mean %q?", sug)
			} else {
				hintf(e, "create it first: ladder new track %s", track)
			}
			return ExitContent
		}
		text = levelTemplate(s, t, id)
	case "track":
		text = trackTemplate(id)
	case "course":
		text = courseTemplate(id)
	case "program":
		text = programTemplate(id)
	case "competency":
		text = competencyTemplate(s, id)
	case "page":
		text = pageTemplate(id)
	}

	file := filepath.Join(proj.Dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		errorf(e, "create %s: %v", filepath.Dir(file), err)
		return ExitFailure
	}
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, os.ErrExist) {
		errorf(e, "%s already exists; not overwriting it", displayPath(proj, rel))
		return ExitFailure
	}
	if err != nil {
		errorf(e, "create %s: %v", displayPath(proj, rel), err)
		return ExitFailure
	}
	_, werr := f.WriteString(text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(file)
		errorf(e, "write %s: %v", displayPath(proj, rel), werr)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "created %s\n", displayPath(proj, rel))
	return ExitOK
}

// newPath returns the slash path (from the site root) of the file for a new
// entity, and where an entity of that kind and id is already defined, if it
// is: its file, or the file that would be overwritten.
func newPath(s *site.Site, kind, track, id string) (rel, exists string) {
	dir := s.Config.ContentDir
	var src *site.Source
	switch kind {
	case "track":
		rel = path.Join(dir, "tracks", id, "_index.md")
		if x := s.TrackByID[id]; x != nil {
			src = &x.Src
		}
	case "level":
		rel = path.Join(dir, "tracks", track, id+".md")
		if x := s.LevelByID[track+"/"+id]; x != nil {
			src = &x.Src
		}
	case "course":
		rel = path.Join(dir, "courses", id+".md")
		if x := s.CourseByID[id]; x != nil {
			src = &x.Src
		}
	case "program":
		rel = path.Join(dir, "programs", id+".md")
		if x := s.ProgramByID[id]; x != nil {
			src = &x.Src
		}
	case "competency":
		rel = path.Join(dir, "competencies", id+".md")
		if x := s.CompetencyByID[id]; x != nil {
			src = &x.Src
		}
	case "page":
		rel = path.Join(dir, "pages", id+".md")
		if x := s.PageByID[id]; x != nil {
			src = &x.Src
		}
	}
	switch {
	case src != nil && src.Prefix != "":
		return rel, src.Start().String() // an entry of a catalogue
	case src != nil:
		return rel, src.File
	}
	// A file that did not load (broken front matter) still exists.
	if _, ok := s.Files[rel]; ok {
		return rel, rel
	}
	return rel, ""
}

func fullID(track, id string) string {
	if track == "" {
		return id
	}
	return track + "/" + id
}

// displayPath returns the path of a site file as the user can type it.
func displayPath(proj *build.Project, rel string) string {
	return relToWd(filepath.Join(proj.Dir, filepath.FromSlash(rel)))
}

func badID(e *env, kind, id string) {
	errorf(e, "invalid %s id %q: use lower-case letters, digits and hyphens", kind, id)
	if s := load.SuggestID(id); s != "" && s != id {
		hintf(e, "did you mean %q?", s)
	}
}

func hintf(e *env, format string, args ...any) {
	fmt.Fprintf(e.stderr, "ladder: hint: %s\n", fmt.Sprintf(format, args...))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// titleFromID turns an id into a first title: "senior-engineer" becomes
// "Senior engineer".
func titleFromID(id string) string {
	t := strings.ReplaceAll(id, "-", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

func trackTemplate(id string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# family = ""                # optional grouping on the home page, e.g. "Technology"
# order = 10                 # optional sort key
+++
<!-- Who works in this track and what they do. Add levels with: ladder new level %s/ID -->
`, titleFromID(id), id)
}

// levelTemplate returns a level one rank above the highest on the "ic" path
// of t, expecting the competencies of that level.
func levelTemplate(s *site.Site, t *site.Track, id string) string {
	var top *site.Level
	for _, l := range t.Levels {
		if l.Path == "ic" && (top == nil || l.Rank > top.Rank) {
			top = l
		}
	}
	rank := 1
	if top != nil {
		rank = top.Rank + 1
	}
	var b strings.Builder
	fmt.Fprintf(&b, `+++
title = %q
%-29s# position on the ladder, unique on its path
summary = ""
# code = ""                  # optional display code, e.g. "L5"
# path = "ic"                # parallel ladders in one track: "ic", "manager", ...
# next = []                  # promotions; default: the next rank on the same path
# moves = []                 # lateral moves to other tracks: ["<track>/<level>"]
# required_courses = []      # course ids
# optional_courses = []
# min_months = 12            # typical time in the previous level
# onet_soc = ""              # O*NET-SOC code, e.g. "15-1252.00"
`, titleFromID(id), fmt.Sprintf("rank = %d", rank))
	b.WriteString("\n")
	if ids, levels := trackExpectations(t); len(ids) > 0 {
		fmt.Fprintf(&b, "%-29s# competency id -> expected level, 1..%d\n", "[competencies]", s.Config.Scale.Max())
		for _, c := range ids {
			fmt.Fprintf(&b, "%s = %d\n", c, levels[c])
		}
	} else {
		fmt.Fprintf(&b, "# [competencies]             # competency id -> expected level, 1..%d\n# coding = 3\n# design = { level = 2, expect = \"Designs components with guidance.\" }\n", s.Config.Scale.Max())
	}
	b.WriteString(`
# [pay]                      # optional band
# min = 0
# max = 0
# currency = "USD"
+++
<!-- Responsibilities, examples of impact, what promotion looks like. -->
`)
	return b.String()
}

// trackExpectations returns the competencies the levels of t expect, in the
// order they first appear, each with the highest level expected of it on the
// "ic" path (or anywhere in the track when the path does not expect it): a
// new top level that starts from these neither leaves a competency out nor
// expects less than the level below it.
func trackExpectations(t *site.Track) ([]string, map[string]int) {
	var ids []string
	onPath, anywhere := map[string]int{}, map[string]int{}
	for _, l := range t.Levels {
		for _, x := range l.Expectations {
			if _, seen := anywhere[x.CompetencyID]; !seen {
				ids = append(ids, x.CompetencyID)
			}
			anywhere[x.CompetencyID] = max(anywhere[x.CompetencyID], x.Level)
			if l.Path == "ic" {
				onPath[x.CompetencyID] = max(onPath[x.CompetencyID], x.Level)
			}
		}
	}
	for _, c := range ids {
		if _, ok := onPath[c]; !ok {
			onPath[c] = anywhere[c]
		}
	}
	return ids, onPath
}

func courseTemplate(id string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# provider = ""
# format = "self-paced"      # %s
# hours = 0
# cost = 0
# currency = "USD"
# url = ""                   # link to the course in the LMS
# credential = ""            # certificate earned
# prerequisites = []         # course ids

# [skills]                   # competency id -> level the course brings a learner to
# coding = 2
+++
<!-- What the course covers and who it is for. -->
`, titleFromID(id), strings.Join(site.Formats, " | "))
}

func programTemplate(id string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# kind = "academy"           # %s
# duration = ""              # free text, e.g. "12 weeks"
# weekly_hours = 0
# paid = true                # participants paid while they learn
# fields = []
# courses = []               # course ids
# leads_to = []              # levels it prepares for: ["<track>/<level>"]

# [[intakes]]                # application windows
# apply_from = 2026-01-05
# apply_by = 2026-02-15
# start = 2026-03-02

# [eligibility]
# min_tenure_months = 3
# tracks = []                # who may join (empty: everyone)
# levels = []
# courses = []               # courses to complete first
# approval = "manager"
# note = ""

# [funding]
# tuition_percent = 100
# cap = 0
# currency = "USD"
# covers = []
# payback = ""

# [outcomes]
# placement_rate = 0.9
# participants = 0
+++
<!-- Who the program is for, what it pays for, how to apply. -->
`, titleFromID(id), strings.Join(site.ProgramKinds, " | "))
}

func competencyTemplate(s *site.Site, id string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `+++
title = %q
summary = ""
# category = ""              # groups rows in the matrix
# esco = ""                  # ESCO skill URI

# [levels]                   # optional descriptor per point of the scale
`, titleFromID(id))
	for i, name := range s.Config.Scale.Names {
		fmt.Fprintf(&b, "%-29s# %s\n", fmt.Sprintf("# %d = \"\"", i+1), name)
	}
	b.WriteString("+++\n<!-- What the competency means in practice. -->\n")
	return b.String()
}

func pageTemplate(id string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# order = 0                  # optional sort key
+++
<!-- The page's text, in markdown. -->
`, titleFromID(id))
}
