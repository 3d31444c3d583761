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
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

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
// when not nil, keeps per-track warnings from one call to the next.
func Resolve(s *site.Site, texts site.Texts, cache *Cache) (diag.List, func() diag.List) {
	c := &checker{s: s, texts: texts}
	c.index()
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
	c.resolveLevels()
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

	// Arrays that resolved lists are cut from (see resolveLevels).
	levelArena  []*site.Level
	courseArena []*site.Course
	compArena   []*site.Competency
}

// candidates lists the ids of each kind, sorted, for did-you-mean hints.
// Only a diagnostic needs them, so each list is made on first use; the
// checkers of parallel workers share one.
type candidates struct {
	s    *site.Site
	once [site.NumKinds]sync.Once
	ids  [site.NumKinds][]string
}

// of returns the ids of kind k, sorted.
func (cs *candidates) of(k site.Kind) []string {
	cs.once[k].Do(func() {
		s := cs.s
		var ids []string
		switch k {
		case site.KindTrack:
			ids = keys(s.TrackByID)
		case site.KindLevel:
			ids = keys(s.LevelByID)
		case site.KindCompetency:
			ids = keys(s.CompetencyByID)
		case site.KindCourse:
			ids = keys(s.CourseByID)
		case site.KindProgram:
			ids = keys(s.ProgramByID)
		case site.KindPage:
			ids = keys(s.PageByID)
		case site.KindPlan:
			ids = keys(s.PlanByID)
		}
		cs.ids[k] = ids
	})
	return cs.ids[k]
}

// keys returns the keys of m, sorted.
func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// index builds the by-id maps and reports duplicate ids.
//
// Example: content/courses/linux.md and an entry id = "linux" in
// content/courses/catalogue.toml. Discussion: a reference must name exactly
// one entity. Of two definitions the one earlier in file order (path, then
// line) is kept; the later one is reported, with a note at the first, and
// left out of the warnings, which would only repeat the error.
func (c *checker) index() {
	s := c.s
	c.dups = map[*site.Common]bool{}
	c.ids = &candidates{s: s}
	s.TrackByID = indexKind(c, s.Tracks, func(x *site.Track) string { return x.ID })
	s.LevelByID = indexKind(c, s.Levels, (*site.Level).FullID)
	s.CompetencyByID = indexKind(c, s.Competencies, func(x *site.Competency) string { return x.ID })
	s.CourseByID = indexKind(c, s.Courses, func(x *site.Course) string { return x.ID })
	s.ProgramByID = indexKind(c, s.Programs, func(x *site.Program) string { return x.ID })
	s.PageByID = indexKind(c, s.Pages, func(x *site.Page) string { return x.ID })
	s.PlanByID = indexKind(c, s.Plans, func(x *site.Plan) string { return x.ID })
}

// indexKind maps the entities of one kind by id, keeping of each id the
// definition first in file order and reporting the others. The list is in
// the site's order, not in file order; duplicates are rare, so they are
// put in file order only when there are some.
func indexKind[T site.Entity](c *checker, list []T, id func(T) string) map[string]T {
	byID := make(map[string]T, len(list))
	var again map[string][]T // the definitions of duplicate ids, the kept one included
	for _, x := range list {
		k := id(x)
		o, ok := byID[k]
		if !ok {
			byID[k] = x
			continue
		}
		if again == nil {
			again = map[string][]T{}
		}
		if len(again[k]) == 0 {
			again[k] = append(again[k], o)
		}
		again[k] = append(again[k], x)
	}
	for k, defs := range again {
		slices.SortStableFunc(defs, inFileOrder[T](c))
		first := defs[0].Base()
		byID[k] = defs[0]
		for _, x := range defs[1:] {
			dup := x.Base()
			c.dups[dup] = true
			c.diags = append(c.diags, diag.Diagnostic{
				Pos: c.at(&dup.Src).Start(), Severity: diag.Error, Rule: "duplicate-id",
				Msg:   fmt.Sprintf("duplicate %s id %q", x.EntityKind(), k),
				Hint:  "rename one of them; ids must be unique per kind",
				Notes: []diag.Diagnostic{{Pos: c.at(&first.Src).Start(), Msg: "first defined here"}},
			})
		}
	}
	return byID
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
	if x, ok := c.s.TrackByID[id]; ok {
		return x
	}
	c.unknown(src, key, site.KindTrack, id)
	return nil
}

// levelAt resolves element i of the level array at key, quickly when it
// exists.
func (c *checker) levelAt(src *site.Origin, key string, i int, id, from string) *site.Level {
	if x, ok := c.s.LevelByID[id]; ok {
		return x
	}
	if from != "" && !strings.Contains(id, "/") {
		if x, ok := c.s.LevelByID[from+"/"+id]; ok {
			return x
		}
	}
	return c.level(src, indexKey(key, i), id, from)
}

// level resolves a level reference; a bare id is looked up in track from.
func (c *checker) level(src *site.Origin, key, id, from string) *site.Level {
	full := id
	if !strings.Contains(id, "/") && from != "" {
		full = from + "/" + id
	}
	if x, ok := c.s.LevelByID[full]; ok {
		return x
	}
	if c.s.Drafts[site.DraftKey{Kind: site.KindLevel, ID: full}] {
		c.diags.Add("draft-reference", c.at(src).Value(key), "remove draft = true from it, or build with --drafts", "level %q is a draft", id)
		return nil
	}
	if from != "" {
		// Offer bare ids of the same track first.
		local := []string{}
		if t := c.s.TrackByID[from]; t != nil {
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
	for i, id := range ids {
		if x, ok := c.s.CourseByID[id]; ok {
			c.courseArena = append(c.courseArena, x)
			continue
		}
		c.unknown(src, indexKey(key, i), site.KindCourse, id)
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

// competencyRefs checks the competency ids of expectations or skills.
func (c *checker) competencyRefs(src *site.Origin, es []site.Expectation) {
	for _, e := range es {
		if _, ok := c.s.CompetencyByID[e.CompetencyID]; !ok {
			c.unknownKey(src, e.Key, site.KindCompetency, e.CompetencyID)
		}
	}
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
		t, ok := c.s.TrackByID[id]
		if !ok {
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

// resolveLevels resolves the references of every level, then fills the
// reverse indexes (Prev, MovesIn, RequiredBy, OptionalBy, ExpectedBy).
// Resolving only reads the indexes and writes each level's own fields, so
// it runs in parallel over slices of the levels, each with its own
// diagnostics, merged in order; the reverse indexes are filled in order by
// one goroutine, so that they stay deterministic. The lists each worker
// makes are cut from a few arrays of its own, sized up front: a site of
// ten thousand levels would otherwise allocate some fifty thousand small
// slices on every build.
func (c *checker) resolveLevels() {
	levels := c.s.Levels
	comps := make([][]*site.Competency, len(levels))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(levels)/512))
	subs := make([]checker, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(levels)/workers, (w+1)*len(levels)/workers
		subs[w] = *c
		sub := &subs[w]
		sub.diags = nil
		nl, nc, ne := 0, 0, 0
		for _, l := range levels[lo:hi] {
			nl += len(l.NextIDs) + len(l.MoveIDs) + 1
			nc += len(l.RequiredIDs) + len(l.OptionalIDs)
			ne += len(l.Expectations)
		}
		sub.levelArena = make([]*site.Level, 0, nl)
		sub.courseArena = make([]*site.Course, 0, nc)
		sub.compArena = make([]*site.Competency, 0, ne)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				comps[i] = sub.resolveLevel(levels[i])
			}
		}()
	}
	wg.Wait()
	for w := range subs {
		c.diags = append(c.diags, subs[w].diags...)
	}
	for i, l := range levels {
		for _, n := range l.Next {
			n.Prev = append(n.Prev, l)
		}
		for _, m := range l.Moves {
			m.MovesIn = append(m.MovesIn, l)
		}
		for _, x := range l.Required {
			x.RequiredBy = append(x.RequiredBy, l)
		}
		for _, x := range l.Optional {
			x.OptionalBy = append(x.OptionalBy, l)
		}
		for _, x := range comps[i] {
			x.ExpectedBy = append(x.ExpectedBy, l)
		}
	}
}

// cut returns the elements of arena from start on, as a slice that an
// append cannot extend into the rest of the arena, or nil when there are
// none.
func cut[T any](arena []T, start int) []T {
	if len(arena) == start {
		return nil
	}
	return arena[start:len(arena):len(arena)]
}

// resolveLevel resolves one level's references and returns the competencies
// it expects that exist.
func (c *checker) resolveLevel(l *site.Level) []*site.Competency {
	src := &l.Src
	start := len(c.levelArena)
	for i, id := range l.NextIDs {
		if x := c.levelAt(src, "next", i, id, l.TrackID); x != nil {
			c.levelArena = append(c.levelArena, x)
		}
	}
	if len(l.NextIDs) == 0 && l.Track != nil {
		// Default: the next rank on the same path.
		var best *site.Level
		for _, o := range l.Track.Levels {
			if o.Path == l.Path && o.Rank > l.Rank && (best == nil || o.Rank < best.Rank) {
				best = o
			}
		}
		if best != nil {
			c.levelArena = append(c.levelArena, best)
		}
	}
	l.Next = cut(c.levelArena, start)
	start = len(c.levelArena)
	for i, id := range l.MoveIDs {
		if x := c.levelAt(src, "moves", i, id, l.TrackID); x != nil {
			c.levelArena = append(c.levelArena, x)
		}
	}
	l.Moves = cut(c.levelArena, start)
	l.Required = c.courses(src, "required_courses", l.RequiredIDs)
	l.Optional = c.courses(src, "optional_courses", l.OptionalIDs)
	start = len(c.compArena)
	for _, e := range l.Expectations {
		if x, ok := c.s.CompetencyByID[e.CompetencyID]; ok {
			c.compArena = append(c.compArena, x)
		} else {
			c.unknownKey(src, e.Key, site.KindCompetency, e.CompetencyID)
		}
	}
	comps := cut(c.compArena, start)
	if l.Pay != nil && l.Pay.Max > 0 && l.Pay.Min > l.Pay.Max {
		c.diags.Add("pay-band", c.at(src).Value("pay.min"), "swap min and max", "pay band minimum %d is above its maximum %d", l.Pay.Min, l.Pay.Max)
	}
	if !c.s.Config.Publish.PayShown() {
		// Checked, never published: no later stage can show what is
		// not in the model.
		l.Pay = nil
	}
	return comps
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
			if x, ok := s.CompetencyByID[e.CompetencyID]; ok {
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
				comp, ok := c.s.CompetencyByID[id]
				if !ok {
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
