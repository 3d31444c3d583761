// Package scaffold writes the first files of new content: a whole site
// copied from the example built into the binary (Init), and one entity with
// front matter that validates (New, then Create).
//
// A new entity's file sets the keys an author must fill in (title, and for
// a level its rank), writes every optional key out commented, and starts a
// new level with the competencies of the level below it, so that the matrix
// has no hole. Nothing here overwrites a file: Create and Init refuse when
// something is already in the way.
package scaffold

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Kinds lists the kinds of entity New creates, in the order a usage
// message names them.
var Kinds = []site.Kind{site.KindTrack, site.KindLevel, site.KindCourse, site.KindProgram, site.KindCompetency, site.KindPage, site.KindPlan}

// KindNames returns the names of Kinds, as a command line writes them.
func KindNames() []string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = k.String()
	}
	return names
}

// folders holds the folder under the content directory that the files of
// each kind go in.
var folders = [site.NumKinds]string{
	site.KindTrack: "tracks", site.KindLevel: "tracks", site.KindCourse: "courses", site.KindProgram: "programs",
	site.KindCompetency: "competencies", site.KindPage: "pages", site.KindPlan: "plans",
}

// File is the content file of a new entity: its slash path from the site
// root and its text.
type File struct {
	Path string
	Text string
}

// ExistsError reports that an entity of the same kind and id is already
// defined, at Where: its file, or its place in a catalogue.
type ExistsError struct {
	Kind      site.Kind
	ID, Where string
}

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s %q already exists in %s", e.Kind, e.ID, e.Where)
}

// UnknownTrackError reports a new level in a track that does not exist.
// Suggestion is the closest track id, or "".
type UnknownTrackError struct {
	Track, Suggestion string
}

func (e *UnknownTrackError) Error() string { return fmt.Sprintf("unknown track %q", e.Track) }

// Hint says how to go on.
func (e *UnknownTrackError) Hint() string {
	if e.Suggestion != "" {
		return fmt.Sprintf("did you mean %q?", e.Suggestion)
	}
	return "create it first: ladder new track " + e.Track
}

// New returns the file of a new entity of kind (one of Kinds) with id in
// the loaded and checked site s, whose files' texts are texts; track is the
// level's track, "" for other kinds. Ids must be valid already. The error is
// an *ExistsError or an *UnknownTrackError.
func New(s *site.Site, texts site.Texts, kind site.Kind, track, id string) (File, error) {
	rel, exists := filePath(s, texts, kind, track, id)
	if exists != "" {
		return File{}, &ExistsError{Kind: kind, ID: fullID(track, id), Where: exists}
	}
	f := File{Path: rel}
	title := Title(id, s.Config.Acronyms)
	switch kind {
	case site.KindLevel:
		t := s.TrackByID(track)
		if t == nil {
			return File{}, &UnknownTrackError{Track: track, Suggestion: diag.Suggest(track, sortedKeys(s.IDs[site.KindTrack]))}
		}
		f.Text = levelTemplate(s, t, id, title)
	case site.KindTrack:
		f.Text = trackTemplate(id, title)
	case site.KindCourse:
		f.Text = courseTemplate(id, title)
	case site.KindProgram:
		f.Text = programTemplate(id, title)
	case site.KindCompetency:
		f.Text = competencyTemplate(s, id, title)
	case site.KindPage:
		f.Text = pageTemplate(id, title)
	case site.KindPlan:
		f.Text = planTemplate(s, title)
	default:
		return File{}, fmt.Errorf("unknown kind %q", kind)
	}
	return f, nil
}

// Create writes f under the site directory dir, creating its folders. It
// never overwrites: when the file exists, the error wraps fs.ErrExist.
func Create(dir string, f File) error {
	file := filepath.Join(dir, filepath.FromSlash(f.Path))
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return fmt.Errorf("create %s: %w", filepath.Dir(file), err)
	}
	out, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w", f.Path, err)
	}
	_, werr := out.WriteString(f.Text)
	if cerr := out.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(file) // the file is ours: O_EXCL created it just now
		return fmt.Errorf("write %s: %w", f.Path, werr)
	}
	return nil
}

// gitignore is written into a new site so that its output stays out of
// version control.
const gitignore = "/build/\n"

// starter is the small framework that ladder init writes: one track with
// two levels on one path, one competency, course and program, and a home
// page, with every key explained in a comment.
//
//go:embed all:starter
var starter embed.FS

// Starter returns the files of the small framework that Init writes.
func Starter() fs.FS {
	sub, err := fs.Sub(starter, "starter")
	if err != nil {
		panic(err) // the embedded folder is part of the binary
	}
	return sub
}

// Init creates a new site in dir: the small starter framework, or with
// example set the full example built into the binary, and a .gitignore
// for the output. The directory may exist but must be empty, so that
// nothing is overwritten.
func Init(dir string, example bool) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	from, what := Starter(), "the starter site"
	if example {
		from, what = ladder.Example(), "the example site"
	}
	if err := os.CopyFS(dir, from); err != nil {
		return fmt.Errorf("copy %s into %s: %w", what, dir, err)
	}
	if example {
		if err := unpinToday(filepath.Join(dir, "site.toml")); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(gitignore), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(dir, ".gitignore"), err)
	}
	return nil
}

// EjectTheme copies the theme built into ladder (layouts/ and assets/)
// into dir, which may exist but must be empty, so that a site can change
// any of its files. A site uses themes/<theme>/ instead of the built-in
// theme as soon as the folder exists.
func EjectTheme(dir string) error {
	if err := checkEmpty(dir); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.CopyFS(dir, ladder.DefaultTheme()); err != nil {
		return fmt.Errorf("copy the built-in theme into %s: %w", dir, err)
	}
	return nil
}

// unpinToday comments out the today key of the site.toml at file, which
// the built-in example pins so that its pages never change, so that a new
// site computes its next intakes from the day of each build.
func unpinToday(file string) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read %s: %w", file, err)
	}
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, "today = ") {
			lines[i] = "# " + l + "   # set a date for builds that must not change from day to day"
		}
	}
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// checkEmpty returns an error unless dir is missing or an empty directory.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return fmt.Errorf("%s exists and is not a directory", dir)
		}
		return fmt.Errorf("read %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty; choose a new or empty directory, so that nothing is overwritten", dir)
	}
	return nil
}

// filePath returns the slash path (from the site root) of the file for a
// new entity, and where an entity of that kind and id is already defined,
// if it is: its file, or the file that would be overwritten.
func filePath(s *site.Site, texts site.Texts, kind site.Kind, track, id string) (rel, exists string) {
	dir := path.Join(s.Config.ContentDir, folders[kind])
	key := id
	switch kind {
	case site.KindTrack:
		rel = path.Join(dir, id, "_index.md")
	case site.KindLevel:
		rel = path.Join(dir, track, id+".md")
		key = track + "/" + id
	default:
		rel = path.Join(dir, id+".md")
	}
	var src *site.Origin
	if x := s.ByID(kind, key); x != nil {
		src = &x.Base().Src
	}
	switch {
	case src != nil && src.Prefix != "":
		return rel, texts.Of(*src).Start().String() // an entry of a catalogue
	case src != nil:
		return rel, src.File
	}
	// A file that did not load (broken front matter) still exists.
	if _, ok := texts[rel]; ok {
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

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// Acronyms are the words that Title writes in capitals, besides those a
// site lists in site.toml (acronyms = ["hrbp", "sre"]).
var Acronyms = []string{"ai", "api", "aws", "cdl", "ceo", "cfo", "cto", "hr", "hrbp", "it", "ml", "qa", "sde", "sdm", "seo", "sql", "sre", "ui", "ux"}

// Title turns an id into a first title: "senior-engineer" becomes "Senior
// engineer", "hr-law" "HR law" and "hrbp-1" "HRBP 1": words listed in
// Acronyms or in acronyms are written in capitals, numbers as they are,
// and only the first word starts with a capital otherwise.
func Title(id string, acronyms []string) string {
	words := strings.FieldsFunc(id, func(r rune) bool { return r == '-' || r == '_' })
	for i, w := range words {
		switch {
		case slices.Contains(Acronyms, w) || slices.ContainsFunc(acronyms, func(a string) bool { return strings.EqualFold(a, w) }):
			words[i] = strings.ToUpper(w)
		case i == 0:
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}

func trackTemplate(id string, title string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# family = ""                # optional grouping on the home page, e.g. "Technology"
# order = 10                 # optional sort key
+++
<!-- Who works in this track and what they do. Add levels with: ladder new level %s/ID -->
`, title, id)
}

// levelTemplate returns a level one rank above the highest on the "ic" path
// of t, expecting the competencies of that level.
func levelTemplate(s *site.Site, t *site.Track, id string, title string) string {
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
`, title, fmt.Sprintf("rank = %d", rank))
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

func courseTemplate(id string, title string) string {
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
`, title, strings.Join(site.Formats, " | "))
}

func programTemplate(id string, title string) string {
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
`, title, strings.Join(site.ProgramKinds, " | "))
}

func competencyTemplate(s *site.Site, id string, title string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `+++
title = %q
summary = ""
# category = ""              # groups rows in the matrix
# esco = ""                  # ESCO skill URI

# [levels]                   # optional descriptor per point of the scale
`, title)
	for i, name := range s.Config.Scale.Names {
		fmt.Fprintf(&b, "%-29s# %s\n", fmt.Sprintf("# %d = \"\"", i+1), name)
	}
	b.WriteString("+++\n<!-- What the competency means in practice. -->\n")
	return b.String()
}

func pageTemplate(id string, title string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# order = 0                  # optional sort key
+++
<!-- The page's text, in markdown. -->
`, title)
}

// planTemplate returns a plan template whose goals are written out
// commented, one action of each sort.
func planTemplate(s *site.Site, title string) string {
	return fmt.Sprintf(`+++
title = %q
summary = ""
# tracks = []                # whom it is for: track ids, and
# levels = []                # levels, ["<track>/<level>"]; with neither, every level
# order = 0                  # optional sort key

# [[goals]]                  # one table per goal
# title = ""
# text = ""                  # why or how, in markdown
#
# [[goals.actions]]          # the goal's checklist items: each names one
# course = ""                # course, program or competency, or is only a text
#
# [[goals.actions]]
# competency = ""
# level = %-19d# the point of the scale to reach, 1..%d
#
# [[goals.actions]]
# text = ""
+++
<!-- Who the template is for and how to use it. -->
`, title, s.Config.Scale.Max(), s.Config.Scale.Max())
}
