// Package check validates a loaded site and resolves its references.
//
// Site is the only place where ids become pointers: it builds the indexes by
// id, resolves every reference an author wrote (promotions, moves, courses,
// prerequisites, competencies, program targets and eligibility, links in
// markdown bodies), fills the reverse indexes the pages need (the levels that
// require a course, the courses that teach a competency, the programs that
// lead to a level; the courses, programs and competencies of plan
// templates), and reports every problem it meets at the position of the
// offending key or value. It does no I/O.
//
// Each rule is a function below with a comment giving an Example of content
// that breaks it and a Discussion of why it matters, as html/template does for
// its error codes.
package check

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

// Site resolves s in place and returns its diagnostics, sorted. s and
// texts, the texts of its files, must come fresh from the load package. The
// result's errors mean the site must not be built; its warnings are for the
// author.
func Site(s *site.Site, texts site.Texts) diag.List {
	errs, warnings := Resolve(s, texts, nil)
	errs = append(errs, warnings()...)
	errs.Sort()
	return errs
}

// Resolve resolves s in place and returns its errors, sorted, and a function
// that computes its warnings. Warnings never stop a build, so the dev server
// computes them after it has sent the new page to the browser; the function
// only reads the resolved site and may run once, at any later time. cache,
// when not nil, keeps the ids' indexes, the levels' resolved references
// and per-track warnings from one call to the next (see Cache).
func Resolve(s *site.Site, texts site.Texts, cache *Cache) (diag.List, func() diag.List) {
	c := &checker{s: s, texts: texts}
	c.index(cache)
	c.scaleNames()
	c.resolveTracks()
	// The rules that only read what the author wrote, the indexes and the
	// tracks' levels run beside the resolution of the other references,
	// which writes only the resolved fields.
	rules := &checker{s: s, texts: texts, ids: c.ids, dups: c.dups}
	done := make(chan struct{})
	go func() {
		defer close(done)
		rules.ranks()
		rules.scale()
		rules.values()
		rules.links()
		rules.pageSlugs()
	}()
	c.resolveLevels(cache)
	c.resolveCourses()
	c.resolvePrograms()
	c.resolveCompetencies()
	c.resolvePlans()
	c.resolveGroups()
	c.prerequisiteCycles()
	c.promotionLoops()
	<-done
	errs := append(c.diags, rules.diags...)
	errs.Sort()
	return errs, func() diag.List { return warnings(s, texts, c.dups, cache) }
}

// warnings computes the warnings of a resolved site, sorted, leaving out
// the second definitions of ids in dups.
func warnings(s *site.Site, texts site.Texts, dups map[*site.Common]bool, cache *Cache) diag.List {
	w := &checker{s: s, texts: texts, dups: dups}
	w.warnUnreachable()
	w.warnUnusedCourses()
	w.warnProgramsLeadingNowhere()
	w.trackWarnings(cache)
	w.warnIntakes()
	w.warnEmptyPlans()
	w.diags.Sort()
	return w.diags
}

type checker struct {
	s     *site.Site
	texts site.Texts // what positions are worked out from
	diags diag.List

	ids  *candidates           // the ids of each kind, for did-you-mean hints
	dups map[*site.Common]bool // second definitions of an id

	// For each kind, the index of the last check (with a Cache), and
	// whether this one is the same: the same ids in the same order.
	last [site.NumKinds]idTable
	same [site.NumKinds]bool
	// sameScale is whether the scale's names are those of the last check.
	sameScale bool

	// Arrays that resolved lists are cut from (see resolveLevels).
	levelArena  []*site.Level
	courseArena []*site.Course
	posArena    []int32

	handWrittenNext bool // some level has a next key (see promotionLoops)
}

// at returns the Source of o, from which a position in it is worked out.
func (c *checker) at(o *site.Origin) site.Source { return c.texts.Of(*o) }

// inFileOrder orders entities by where each is defined: its file, then
// its line (catalogues hold many entities).
func inFileOrder[T site.Entity](c *checker) func(a, b T) int {
	return func(a, b T) int {
		ca, cb := a.Base(), b.Base()
		if o := cmp.Compare(ca.Src.File, cb.Src.File); o != 0 || ca.Src.Prefix == "" {
			return o
		}
		// Entries of one catalogue: by line.
		return cmp.Compare(c.at(&ca.Src).Start().Line, c.at(&cb.Src).Start().Line)
	}
}

// unknown reports a reference to an id that does not exist.
//
// Example: required_courses = ["secure-codng"] when the course is
// "secure-coding". Discussion: a typo in a reference must not silently drop a
// requirement from the site; the hint offers the closest existing id.
func (c *checker) unknown(src *site.Origin, key string, kind site.Kind, id string) {
	hint := ""
	if s := diag.Suggest(id, c.ids.of(kind)); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	} else if kind == site.KindLevel && !strings.Contains(id, "/") {
		hint = `write a level of another track as "<track>/<level>"`
	}
	if c.s.Drafts[site.DraftKey{Kind: kind, ID: id}] {
		hint = "remove draft = true from it, or build with --drafts"
		c.diags.Add("draft-reference", c.at(src).Value(key), hint, "%s %q is a draft", kind, id)
		return
	}
	c.diags.Add("unknown-reference", c.at(src).Value(key), hint, "unknown %s %q", kind, id)
}

func (c *checker) track(src *site.Origin, key, id string) *site.Track {
	if x := c.s.TrackByID(id); x != nil {
		return x
	}
	c.unknown(src, key, site.KindTrack, id)
	return nil
}

// levelAt resolves element i of the level array at key to the level's
// position in the site's list, quickly when it exists; it reports an
// unknown level and returns -1.
func (c *checker) levelAt(src *site.Origin, key string, i int, id, from string) int32 {
	levels := c.s.IDs[site.KindLevel]
	if x, ok := levels[id]; ok {
		return x
	}
	if from != "" && !strings.Contains(id, "/") {
		if x, ok := levels[from+"/"+id]; ok {
			return x
		}
	}
	c.level(src, indexKey(key, i), id, from)
	return -1
}

// level resolves a level reference; a bare id is looked up in track from.
func (c *checker) level(src *site.Origin, key, id, from string) *site.Level {
	full := id
	if !strings.Contains(id, "/") && from != "" {
		full = from + "/" + id
	}
	if x := c.s.LevelByID(full); x != nil {
		return x
	}
	if c.s.Drafts[site.DraftKey{Kind: site.KindLevel, ID: full}] {
		c.diags.Add("draft-reference", c.at(src).Value(key), "remove draft = true from it, or build with --drafts", "level %q is a draft", id)
		return nil
	}
	if from != "" {
		// Offer bare ids of the same track first.
		local := []string{}
		if t := c.s.TrackByID(from); t != nil {
			for _, l := range t.Levels {
				local = append(local, l.ID)
			}
		}
		if s := diag.Suggest(id, local); s != "" {
			c.diags.Add("unknown-reference", c.at(src).Value(key), fmt.Sprintf("did you mean %q?", s), "unknown level %q", id)
			return nil
		}
	}
	c.unknown(src, key, site.KindLevel, id)
	return nil
}

// courses resolves a list of course ids, in c's arena. The list is never
// nil, even when empty.
func (c *checker) courses(src *site.Origin, key string, ids []string) []*site.Course {
	start := len(c.courseArena)
	for _, i := range c.refs(src, key, site.KindCourse, ids) {
		c.courseArena = append(c.courseArena, c.s.Courses[i])
	}
	if out := cut(c.courseArena, start); out != nil {
		return out
	}
	return []*site.Course{}
}

// indexKey returns the key path of element i of the array at key. It is
// only called on the way to a diagnostic: resolving the references that are
// fine must not pay for formatting.
func indexKey(key string, i int) string {
	return key + "[" + strconv.Itoa(i) + "]"
}

// refs resolves a list of ids of kind k, written at key, to the positions
// of their entities in the site's list, cut from c's arena, and reports
// the unknown ones. The result is nil when none resolve.
func (c *checker) refs(src *site.Origin, key string, k site.Kind, ids []string) []int32 {
	byID := c.s.IDs[k]
	start := len(c.posArena)
	for i, id := range ids {
		if x, ok := byID[id]; ok {
			c.posArena = append(c.posArena, x)
			continue
		}
		c.unknown(src, indexKey(key, i), k, id)
	}
	return cut(c.posArena, start)
}

// competencyRefs resolves the competency ids of expectations or skills to
// positions in the site's list, as refs does, reporting the unknown ones
// at their keys.
func (c *checker) competencyRefs(src *site.Origin, es []site.Expectation) []int32 {
	byID := c.s.IDs[site.KindCompetency]
	start := len(c.posArena)
	for _, e := range es {
		if x, ok := byID[e.CompetencyID]; ok {
			c.posArena = append(c.posArena, x)
			continue
		}
		c.unknownKey(src, e.Key, site.KindCompetency, e.CompetencyID)
	}
	return cut(c.posArena, start)
}

// unknownKey is unknown for ids written as keys (competency tables).
func (c *checker) unknownKey(src *site.Origin, key string, kind site.Kind, id string) {
	hint := ""
	if s := diag.Suggest(id, c.ids.of(kind)); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	c.diags.Add("unknown-reference", c.at(src).Key(key), hint, "unknown %s %q", kind, id)
}

// resolveTracks gives each level its track and each track its levels. The
// loader keeps the levels of a track together in the site's list, so a
// track's list is a part of the site's, with no copy.
func (c *checker) resolveTracks() {
	levels := c.s.Levels
	for lo := 0; lo < len(levels); {
		id := levels[lo].TrackID
		hi := lo + 1
		for hi < len(levels) && levels[hi].TrackID == id {
			hi++
		}
		group := levels[lo:hi:hi]
		lo = hi
		t := c.s.TrackByID(id)
		if t == nil {
			for _, l := range group {
				c.diags.Add("missing-track", c.at(&l.Src).Start(), fmt.Sprintf("create content/tracks/%s/_index.md with the track's title", l.TrackID),
					"level in track %q, which has no _index.md", l.TrackID)
			}
			continue
		}
		if t.Levels == nil {
			t.Levels = group
		} else {
			t.Levels = append(t.Levels, group...)
		}
		for _, l := range group {
			l.Track = t
			if !contains(t.Paths, l.Path) {
				t.Paths = append(t.Paths, l.Path)
			}
		}
	}
	for _, t := range c.s.Tracks {
		slices.SortFunc(t.Paths, site.ComparePaths)
	}
}

func (c *checker) resolveCourses() {
	for _, x := range c.s.Courses {
		c.resolveCourse(x)
	}
	linkUnlocks(c.s)
}

// linkUnlocks fills Course.Unlocks, in site order, from the prerequisites.
func linkUnlocks(s *site.Site) {
	for _, x := range s.Courses {
		for _, p := range x.Prereqs {
			p.Unlocks = append(p.Unlocks, x)
		}
	}
}

// resolveCourse resolves one course's prerequisites and checks its skills
// and its url.
func (c *checker) resolveCourse(x *site.Course) {
	x.Prereqs = c.courses(&x.Src, "prerequisites", x.PrereqIDs)
	c.competencyRefs(&x.Src, x.Skills)
	x.Link = c.urlField(&x.Src, "url", x.URL)
}

func (c *checker) resolvePrograms() {
	for _, p := range c.s.Programs {
		c.resolveProgram(p)
	}
	linkPrograms(c.s)
}

// linkPrograms fills Course.InPrograms and Level.LedBy, in site order, from
// the programs.
func linkPrograms(s *site.Site) {
	for _, p := range s.Programs {
		for _, x := range p.Courses {
			x.InPrograms = append(x.InPrograms, p)
		}
		for _, l := range p.LeadsTo {
			l.LedBy = append(l.LedBy, p)
		}
	}
}

// resolveProgram resolves one program's courses, targets and eligibility.
func (c *checker) resolveProgram(p *site.Program) {
	src := &p.Src
	p.Courses = c.courses(src, "courses", p.CourseIDs)
	for i, id := range p.LeadsToIDs {
		if l := c.level(src, fmt.Sprintf("leads_to[%d]", i), id, ""); l != nil {
			p.LeadsTo = append(p.LeadsTo, l)
		}
	}
	e := &p.Eligibility
	for i, id := range e.TrackIDs {
		if t := c.track(src, fmt.Sprintf("eligibility.tracks[%d]", i), id); t != nil {
			e.Tracks = append(e.Tracks, t)
		}
	}
	for i, id := range e.LevelIDs {
		if l := c.level(src, fmt.Sprintf("eligibility.levels[%d]", i), id, ""); l != nil {
			e.Levels = append(e.Levels, l)
		}
	}
	e.Courses = c.courses(src, "eligibility.courses", e.CourseIDs)
}

// resolveCompetencies checks each competency's esco link and fills the
// courses that teach it (the levels that expect it are filled by
// resolveLevels).
func (c *checker) resolveCompetencies() {
	for _, x := range c.s.Competencies {
		c.resolveCompetency(x)
	}
	linkTaughtBy(c.s)
}

// resolveCompetency checks one competency's esco link.
func (c *checker) resolveCompetency(x *site.Competency) {
	x.ESCOLink = c.urlField(&x.Src, "esco", x.ESCO)
}

// linkTaughtBy fills Competency.TaughtBy, in site order, from the courses'
// skills.
func linkTaughtBy(s *site.Site) {
	for _, co := range s.Courses {
		for _, e := range co.Skills {
			if x := s.CompetencyByID(e.CompetencyID); x != nil {
				x.TaughtBy = append(x.TaughtBy, co)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// resolveGroups resolves the [groups] of each track, in the order the file
// writes them, and reports unknown competencies and competencies put in
// two groups of one track.
//
// Example: [groups] Craft = ["coding", "desing"]. Discussion: a group
// replaces the competencies' categories in the track's matrix; an unknown
// id would silently drop a row.
func (c *checker) resolveGroups() {
	for _, t := range c.s.Tracks {
		if len(t.GroupIDs) == 0 {
			continue
		}
		names := make([]string, 0, len(t.GroupIDs))
		for name := range t.GroupIDs {
			names = append(names, name)
		}
		keyOf := func(name string) string { return "groups." + tomlpos.Join(name) }
		slices.SortFunc(names, func(a, b string) int {
			pa, pb := c.at(&t.Src).Key(keyOf(a)), c.at(&t.Src).Key(keyOf(b))
			if pa.Line != pb.Line {
				return pa.Line - pb.Line
			}
			if pa.Col != pb.Col {
				return pa.Col - pb.Col
			}
			return strings.Compare(a, b)
		})
		seen := map[*site.Competency]string{}
		for _, name := range names {
			g := site.Group{Name: name}
			for i, id := range t.GroupIDs[name] {
				key := fmt.Sprintf("%s[%d]", keyOf(name), i)
				comp := c.s.CompetencyByID(id)
				if comp == nil {
					c.unknown(&t.Src, key, site.KindCompetency, id)
					continue
				}
				if other, dup := seen[comp]; dup {
					c.diags.Add("duplicate-id", c.at(&t.Src).Value(key), "put each competency in one group",
						"competency %q is in group %q already", id, other)
					continue
				}
				seen[comp] = name
				g.Competencies = append(g.Competencies, comp)
			}
			t.Groups = append(t.Groups, g)
		}
	}
}
