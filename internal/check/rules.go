package check

import (
	"fmt"
	"html/template"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
	"github.com/ladder-ssg/ladder/internal/urlcheck"
)

// ranks reports two levels with the same rank on the same path of a track.
// (A rank below 1, or one that is not an integer, is the loader's to
// report: it is wrong whatever the other levels say.)
//
// Example: sde-2.md and sde-3.md both say rank = 2 on the "ic" path.
// Discussion: the ladder is drawn and promotions default by rank; a tie
// leaves the order of the two levels to chance.
func (c *checker) ranks() {
	type pathRank struct {
		path string
		rank int
	}
	for _, t := range c.s.Tracks {
		var seen map[pathRank]*site.Level // made on the first level with a rank
		for _, l := range t.Levels {
			if l.Rank < 1 {
				continue
			}
			if seen == nil {
				seen = make(map[pathRank]*site.Level, len(t.Levels))
			}
			key := pathRank{l.Path, l.Rank}
			if o, ok := seen[key]; ok {
				c.diags = append(c.diags, diag.Diagnostic{
					Pos: c.at(&l.Src).Value("rank"), Severity: diag.Error, Rule: "duplicate-rank",
					Msg:   fmt.Sprintf("duplicate rank %d on path %q of track %q", l.Rank, l.Path, t.ID),
					Hint:  fmt.Sprintf("give %q and %q different ranks, or put one on another path", o.ID, l.ID),
					Notes: []diag.Diagnostic{{Pos: c.at(&o.Src).Value("rank"), Msg: fmt.Sprintf("level %q has rank %d", o.ID, o.Rank)}},
				})
				continue
			}
			seen[key] = l
		}
	}
}

// scaleNames sets the level of the expectations and skills written as a
// name on the scale (coding = "Proficient"), and reports the names that
// are not on it, leaving those expectations out. The slices are copied
// before they are written: the loader's cached entities share them.
//
// Example: coding = "Profficient". Discussion: a name reads better than a
// number in the file, and survives a scale that grows at the top; a
// misspelt one must not silently become 0.
//
// The levels' expectations are resolved with the rest of each level (see
// resolveLevel); this does the courses' skills.
func (c *checker) scaleNames() {
	for _, x := range c.s.Courses {
		x.Skills = c.scaleNamesOf(&x.Src, x.Skills)
	}
}

// scaleNamesOf resolves the scale names of one entity's expectations or
// skills, returning a new slice when any is written as a name.
func (c *checker) scaleNamesOf(src *site.Origin, es []site.Expectation) []site.Expectation {
	named := false
	for i := range es { // by index: an Expectation is too large to copy for one field
		if es[i].LevelName != "" {
			named = true
			break
		}
	}
	if !named {
		return es
	}
	scale := c.s.Config.Scale
	out := make([]site.Expectation, 0, len(es))
	for _, e := range es {
		if e.LevelName != "" {
			e.Level = scale.Point(e.LevelName)
			if e.Level == 0 {
				key := e.Key
				if c.at(src).Has(e.Key + ".level") {
					key += ".level"
				}
				var names []string
				for i, n := range scale.Names {
					names = append(names, fmt.Sprintf("%d %q", i+1, n))
				}
				hint := "use a number or a name of the scale in site.toml: " + strings.Join(names, ", ")
				if s := diag.Suggest(e.LevelName, scale.Names); s != "" {
					hint = fmt.Sprintf("did you mean %q? The scale is %s", s, strings.Join(names, ", "))
				}
				if _, err := strconv.Atoi(e.LevelName); err == nil {
					hint = fmt.Sprintf("write the number without quotes: %s", e.LevelName)
				}
				c.diags.Add("scale-range", c.at(src).Value(key), hint, "%q of %q is not a name on the scale", e.LevelName, e.CompetencyID)
				continue
			}
		}
		out = append(out, e)
	}
	return out
}

// scale reports competency levels outside the scale of site.toml.
//
// Example: coding = 6 with a five-point scale. Discussion: the page shows the
// scale's name for each level; a point off the scale has no name and no
// descriptor.
//
// The levels are checked with the rest of each level (see resolveLevel);
// this checks the courses.
func (c *checker) scale() {
	for _, x := range c.s.Courses {
		c.scaleOf(&x.Src, x.Skills)
	}
}

// scaleOf checks the competency levels of one entity's expectations or
// skills.
func (c *checker) scaleOf(src *site.Origin, es []site.Expectation) {
	n := c.s.Config.Scale.Max()
	for i := range es {
		e := &es[i]
		if e.Level < 1 || e.Level > n {
			key := e.Key
			if c.at(src).Has(e.Key + ".level") {
				key += ".level"
			}
			c.diags.Add("scale-range", c.at(src).Value(key), fmt.Sprintf("use 1 (%s) to %d (%s), the scale in site.toml", c.s.Config.Scale.Name(1), n, c.s.Config.Scale.Name(n)),
				"competency level %d of %q is outside the scale 1..%d", e.Level, e.CompetencyID, n)
		}
	}
}

// values reports values outside their fixed lists: course formats and
// program kinds, and missing titles (a level's with the rest of the level,
// in resolveLevel).
//
// Example: format = "self paced". Discussion: the catalogue filters by
// format and kind; a value outside the list would form a filter of one.
func (c *checker) values() {
	for _, x := range c.s.Courses {
		c.format(x)
	}
	for _, p := range c.s.Programs {
		c.kind(p)
	}
	for _, x := range c.s.Tracks {
		c.title(&x.Common, site.KindTrack)
		c.oneOf(&x.Src, "status", x.Status, "track status", site.TrackStatuses)
	}
	for _, x := range c.s.Competencies {
		c.title(&x.Common, site.KindCompetency)
	}
	for _, x := range c.s.Courses {
		c.title(&x.Common, site.KindCourse)
	}
	for _, x := range c.s.Programs {
		c.title(&x.Common, site.KindProgram)
	}
	for _, x := range c.s.Pages {
		c.title(&x.Common, site.KindPage)
	}
	for _, x := range c.s.Plans {
		c.title(&x.Common, site.KindPlan)
	}
}

// format checks a course's format.
func (c *checker) format(x *site.Course) {
	c.oneOf(&x.Src, "format", x.Format, "course format", site.Formats)
}

// kind checks a program's kind.
func (c *checker) kind(p *site.Program) {
	c.oneOf(&p.Src, "kind", p.Kind, "program kind", site.ProgramKinds)
}

// oneOf reports a value that is not empty and not in allowed.
func (c *checker) oneOf(src *site.Origin, key, value, what string, allowed []string) {
	if value == "" || contains(allowed, value) {
		return
	}
	hint := fmt.Sprintf("use one of: %s", strings.Join(allowed, ", "))
	if s := diag.Suggest(value, allowed); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	c.diags.Add("unknown-value", c.at(src).Value(key), hint, "unknown %s %q", what, value)
}

// title reports an entity without a title.
func (c *checker) title(x *site.Common, kind site.Kind) {
	if strings.TrimSpace(x.Title) == "" {
		c.diags.Add("missing-key", c.at(&x.Src).Start(), `add title = "..." to the front matter`, "missing required key \"title\" in %s", kind)
	}
}

// cycles finds the cycles of a directed graph given by its nodes in a fixed
// order and an edge function, each cycle reported once, starting at its
// earliest node.
func cycles[T comparable](nodes []T, edges func(T) []T) [][]T {
	const (
		white = iota
		grey
		black
	)
	color := map[T]int{}
	var stack []T
	var found [][]T
	var visit func(n T)
	visit = func(n T) {
		color[n] = grey
		stack = append(stack, n)
		for _, m := range edges(n) {
			switch color[m] {
			case white:
				visit(m)
			case grey:
				for i := len(stack) - 1; i >= 0; i-- {
					if stack[i] == m {
						found = append(found, append([]T(nil), stack[i:]...))
						break
					}
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[n] = black
	}
	for _, n := range nodes {
		if color[n] == white {
			visit(n)
		}
	}
	return found
}

// prerequisiteCycles reports courses that are, through their prerequisites,
// their own prerequisite.
//
// Example: linux requires it-basics, which requires linux. Discussion: nobody
// could ever start either course; the cycle is printed edge by edge.
func (c *checker) prerequisiteCycles() {
	for _, cyc := range cycles(c.s.Courses, func(x *site.Course) []*site.Course { return x.Prereqs }) {
		var names []string
		var notes []diag.Diagnostic
		for i, x := range cyc {
			next := cyc[(i+1)%len(cyc)]
			names = append(names, x.ID)
			notes = append(notes, diag.Diagnostic{Pos: c.at(&x.Src).Value(prereqKey(x, next.ID)), Msg: fmt.Sprintf("%q requires %q", x.ID, next.ID)})
		}
		names = append(names, cyc[0].ID)
		first := cyc[0]
		c.diags = append(c.diags, diag.Diagnostic{
			Pos: c.at(&first.Src).Value(prereqKey(first, cyc[1%len(cyc)].ID)), Severity: diag.Error, Rule: "prerequisite-cycle",
			Msg:   "course prerequisite cycle: " + strings.Join(names, " -> "),
			Hint:  "remove one of these prerequisites",
			Notes: notes,
		})
	}
}

func prereqKey(x *site.Course, id string) string {
	for i, p := range x.PrereqIDs {
		if p == id {
			return fmt.Sprintf("prerequisites[%d]", i)
		}
	}
	return "prerequisites"
}

// promotionLoops reports levels that promote, through next, back to
// themselves.
//
// Example: sde-2 says next = ["sde-3"] and sde-3 says next = ["sde-2"].
// Discussion: a promotion goes up; a loop makes the ladder undrawable and
// the path finder's typical times meaningless.
func (c *checker) promotionLoops() {
	if !c.handWrittenNext {
		// A promotion by rank leads to a higher rank on the same
		// path: only a next written in a file can close a loop.
		return
	}
	for _, cyc := range cycles(c.s.Levels, func(l *site.Level) []*site.Level { return l.Next }) {
		var names []string
		var notes []diag.Diagnostic
		for i, l := range cyc {
			next := cyc[(i+1)%len(cyc)]
			names = append(names, l.FullID())
			notes = append(notes, diag.Diagnostic{Pos: c.at(&l.Src).Value(c.nextKey(l, next)), Msg: fmt.Sprintf("%q promotes to %q", l.FullID(), next.FullID())})
		}
		names = append(names, cyc[0].FullID())
		c.diags = append(c.diags, diag.Diagnostic{
			Pos: c.at(&cyc[0].Src).Value(c.nextKey(cyc[0], cyc[1%len(cyc)])), Severity: diag.Error, Rule: "promotion-loop",
			Msg:   "promotion loop: " + strings.Join(names, " -> "),
			Hint:  "a promotion leads to a higher level; remove one of these next entries",
			Notes: notes,
		})
	}
}

func (c *checker) nextKey(l, to *site.Level) string {
	for i, id := range l.NextIDs {
		if id == to.ID || id == to.FullID() {
			return fmt.Sprintf("next[%d]", i)
		}
	}
	if c.at(&l.Src).Has("next") {
		return "next"
	}
	return "rank"
}

// linksOf checks the links in one entity's body; track is the track of a
// level, against which bare level ids are resolved.
func (c *checker) linksOf(x *site.Common, track string) {
	for _, ln := range x.Body.Links {
		if ln.Kind == site.KindNone {
			continue
		}
		id := linkID(ln.Target)
		target := id
		if ln.Kind == site.KindLevel && !strings.Contains(target, "/") && track != "" {
			target = track + "/" + target
		}
		if c.s.Has(ln.Kind, target) {
			continue
		}
		if c.s.Drafts[site.DraftKey{Kind: ln.Kind, ID: target}] {
			c.diags.Add("draft-reference", ln.Pos, "remove draft = true from it, or build with --drafts", "link to %s %q, which is a draft", ln.Kind, id)
			continue
		}
		hint := ""
		if s := diag.Suggest(id, c.ids.of(ln.Kind)); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		c.diags.Add("unknown-reference", ln.Pos, hint, "link to unknown %s %q", ln.Kind, id)
	}
	c.bodyURLs(x)
}

// bodyURLs reports links and images in one entity's body whose URL the
// site does not allow (see the urlcheck package for the rules).
//
// Example: [the form](javascript:alert(1)), ![logo](data:text/html,...),
// [chat](msteams://...) without msteams in [links] schemes, or
// [x](//cdn.example.com/x). Discussion: the body is published as it is; a
// javascript: link runs in the reader's browser (with unsafe_html, even
// when written with entities), and an unknown scheme hands the reader to
// an application the site never meant to open.
func (c *checker) bodyURLs(x *site.Common) {
	if len(x.Body.URLs) == 0 {
		return
	}
	p := c.policy()
	for _, ln := range x.Body.URLs {
		if pr := p.Link(ln.Target); pr != nil {
			hint := pr.Hint
			if k, rest, ok := strings.Cut(ln.Target, ":"); ok && slices.Contains(entityKinds, strings.ToLower(k)) {
				hint = fmt.Sprintf("entity links are lower case: did you mean %q?", strings.ToLower(k)+":"+rest)
			}
			c.diags.Add(pr.Rule, ln.Pos, hint, "%s", pr.Msg)
		}
	}
}

// entityKinds are the kinds an entity link names ("course:linux").
var entityKinds = []string{"competency", "course", "level", "page", "plan", "program", "track"}

// urlField checks the value of a URL field (a course's url, a
// competency's esco) and returns it as a template.URL when it passes, ""
// when it does not or is empty.
//
// Example: url = "javascript:alert(1)", url = "lms.example.com/linux"
// (the hint offers "https://lms.example.com/linux"), or
// url = "msteams://..." without msteams in [links] schemes. Discussion:
// the value is written into an href on the page and, as it is, into
// framework.json for other tools; a host without a scheme would become a
// link inside the site, and a scheme outside the allow-list could run
// script or open an application nobody chose. Only a value that passed is
// typed as a template.URL, which html/template then writes unfiltered.
func (c *checker) urlField(src *site.Origin, key, value string) template.URL {
	if value == "" {
		return ""
	}
	if pr := c.policy().Field(value); pr != nil {
		c.diags.Add(pr.Rule, c.at(src).Value(key), pr.Hint, "%s", pr.Msg)
		return ""
	}
	return template.URL(value)
}

// policy returns the URL policy of the site: the default schemes and
// those of [links] schemes.
func (c *checker) policy() urlcheck.Policy {
	return urlcheck.NewPolicy(c.s.Config.Links.Schemes)
}

// linkID returns the id an entity link's target names: a fragment or query
// names a place in the page, not the entity.
func linkID(target string) string {
	id, _, _ := strings.Cut(target, "#")
	id, _, _ = strings.Cut(id, "?")
	return id
}

// links reports links in markdown bodies to entities that do not exist.
//
// Example: [the course](course:secure-codng). Discussion: an entity link is
// checked like a reference in the front matter, so a renamed course cannot
// leave a dead link behind.
func (c *checker) links() {
	for x, track := range entities(c.s) {
		c.linksOf(x, track)
	}
}

// entities yields every entity of the site with a body, in a fixed order,
// with the track that bare level ids in its links are resolved against
// ("" for none).
func entities(s *site.Site) iter.Seq2[*site.Common, string] {
	return func(yield func(*site.Common, string) bool) {
		if !yield(&s.Home.Common, "") {
			return
		}
		for _, x := range s.Tracks {
			if !yield(&x.Common, x.ID) {
				return
			}
		}
		for _, x := range s.Levels {
			if !yield(&x.Common, x.TrackID) {
				return
			}
		}
		for _, x := range s.Competencies {
			if !yield(&x.Common, "") {
				return
			}
		}
		for _, x := range s.Courses {
			if !yield(&x.Common, "") {
				return
			}
		}
		for _, x := range s.Programs {
			if !yield(&x.Common, "") {
				return
			}
		}
		for _, x := range s.Pages {
			if !yield(&x.Common, "") {
				return
			}
		}
		for _, x := range s.Plans {
			if !yield(&x.Common, "") {
				return
			}
		}
	}
}

// warnUnreachable warns about a level that no path reaches: not the bottom
// of its path, and no promotion, move or program leads to it.
//
// Example: a rank-3 level whose rank-2 level says next = ["other"].
// Discussion: nobody can plan a move to a level nothing leads to.
func (c *checker) warnUnreachable() {
	for _, l := range c.s.Levels {
		if len(l.Prev) > 0 || len(l.MovesIn) > 0 || len(l.LedBy) > 0 || l.Track == nil || c.dups[&l.Common] {
			continue
		}
		bottom := true
		for _, o := range l.Track.Levels {
			if o.Path == l.Path && o.Rank < l.Rank {
				bottom = false
				break
			}
		}
		if !bottom {
			c.diags.Warn("unreachable-level", c.at(&l.Src).Start(), "add it to the next of a lower level, to a move, or to a program's leads_to",
				"no promotion, move or program leads to level %q", l.FullID())
		}
	}
}

// warnUnusedCourses warns about a course that no level requires or
// recommends, no program includes or asks for, and no course builds on.
//
// Example: a course kept in the catalogue after its level was removed.
// Discussion: such a course appears only in the catalogue; often a forgotten
// reference.
func (c *checker) warnUnusedCourses() {
	asked := map[*site.Course]bool{}
	for _, p := range c.s.Programs {
		for _, x := range p.Eligibility.Courses {
			asked[x] = true
		}
	}
	for _, x := range c.s.Courses {
		if len(x.RequiredBy) == 0 && len(x.OptionalBy) == 0 && len(x.InPrograms) == 0 && len(x.Unlocks) == 0 && !asked[x] && !c.dups[&x.Common] {
			c.diags.Warn("unused-course", c.at(&x.Src).Start(), "add it to a level's required_courses or optional_courses, or to a program's courses",
				"no level or program requires course %q", x.ID)
		}
	}
}

// warnProgramsLeadingNowhere warns about a program with no leads_to.
//
// Example: a program without leads_to. Discussion: the path finder and the
// level pages connect programs to careers through leads_to; without it the
// program is an island.
func (c *checker) warnProgramsLeadingNowhere() {
	for _, p := range c.s.Programs {
		if len(p.LeadsToIDs) == 0 && !c.dups[&p.Common] {
			c.diags.Warn("program-leads-nowhere", c.at(&p.Src).Start(), `add leads_to = ["<track>/<level>"] with the levels it prepares for`,
				"program %q leads to no level", p.ID)
		}
	}
}

// Cache keeps what one check of a site can give the next: the indexes by
// id (see index), the levels' references resolved to positions (see
// levelRefs), and the warnings that depend on the level files of one track
// alone (dropping expectations, left-out competencies), so that a rebuild
// after an edit resolves again, and recomputes those warnings, only for
// what the edit touched. It is for the dev server, which checks the same
// site again and again; a nil *Cache computes everything. A Cache is used
// by one goroutine at a time, and no site can reach it: what it holds is
// never part of a checked Site.
type Cache struct {
	tracks map[string]trackWarnings
	ids    [site.NumKinds]idTable
	scale  []string    // the scale's names in the last check
	levels []levelRefs // by position in ids[site.KindLevel]
	spare  []levelRefs // the array of the check before, cleared, for the next
}

// NewCache returns an empty Cache.
func NewCache() *Cache { return &Cache{tracks: map[string]trackWarnings{}} }

// trackWarnings are the cached warnings of one track and the files they were
// computed from (the loader keeps a file's LineIndex while its bytes stay
// the same).
type trackWarnings struct {
	files []*diag.LineIndex
	diags diag.List
}

// trackWarnings adds the warnings of each track's own levels, from cache
// when the track's level files are unchanged.
func (c *checker) trackWarnings(cache *Cache) {
	next := map[string]trackWarnings{}
	for _, t := range c.s.Tracks {
		files := make([]*diag.LineIndex, len(t.Levels))
		for i, l := range t.Levels {
			files[i] = c.texts[l.Src.File].Lines
		}
		if cache != nil {
			if e, ok := cache.tracks[t.ID]; ok && slices.Equal(e.files, files) {
				c.diags = append(c.diags, e.diags...)
				next[t.ID] = e
				continue
			}
		}
		w := &checker{s: c.s, texts: c.texts}
		w.warnDroppingExpectations(t)
		w.warnMissingCompetencies(t)
		c.diags = append(c.diags, w.diags...)
		next[t.ID] = trackWarnings{files: files, diags: w.diags}
	}
	if cache != nil {
		cache.tracks = next
	}
}

// warnDroppingExpectations warns when a promotion on the same path of track
// t expects less of a competency than the level before it.
//
// Example: sde-2 has coding = 3 and sde-3 has coding = 2. Discussion: a
// promotion that lowers an expectation is usually a typo.
func (c *checker) warnDroppingExpectations(t *site.Track) {
	for _, l := range t.Levels {
		for _, n := range l.Next {
			if n.Track != l.Track || n.Path != l.Path {
				continue
			}
			for _, e := range l.Expectations {
				ne := n.Expectation(e.CompetencyID)
				if ne == nil || ne.Level >= e.Level || ne.Level < 1 || e.Level > c.s.Config.Scale.Max() {
					// A level off the scale is an error already (see
					// scale); a drop to or from it would say it twice.
					continue
				}
				key := ne.Key
				if c.at(&n.Src).Has(key + ".level") {
					key += ".level"
				}
				c.diags.Warn("expectation-drop", c.at(&n.Src).Value(key), fmt.Sprintf("%q expects %d; raise this to at least %d", l.ID, e.Level, e.Level),
					"expectation of %q drops from %d at %q to %d at %q", e.CompetencyID, e.Level, l.ID, ne.Level, n.ID)
			}
		}
	}
}

// warnMissingCompetencies warns about a level of track t that leaves a gap:
// a competency that a lower and a higher level of its path expect, but it
// does not.
//
// Example: sde-1 and sde-3 list "coding" but sde-2 does not. Discussion:
// the track's matrix would show a hole in a row, and the radar charts of
// neighbouring levels would not compare. A competency that starts at a
// higher level, or that the top levels no longer list, is a choice of the
// framework, not a gap, and is not reported.
func (c *checker) warnMissingCompetencies(t *site.Track) {
	for lo := 0; lo < len(t.Levels); {
		hi := lo + 1
		for hi < len(t.Levels) && t.Levels[hi].Path == t.Levels[lo].Path {
			hi++
		}
		path := t.Levels[lo:hi]
		lo = hi
		for i, l := range path {
			var missing []string
			seen := map[string]bool{}
			for _, below := range path[:i] {
				for _, e := range below.Expectations {
					id := e.CompetencyID
					if seen[id] || l.Expectation(id) != nil {
						continue
					}
					seen[id] = true
					if slices.ContainsFunc(path[i+1:], func(above *site.Level) bool { return above.Expectation(id) != nil }) {
						missing = append(missing, id)
					}
				}
			}
			switch len(missing) {
			case 0:
			case 1:
				c.diags.Warn("missing-competency", c.at(&l.Src).Key("competencies"), fmt.Sprintf("add %s = <level> under [competencies]", missing[0]),
					"level %q leaves out competency %q, which the levels below and above it expect", l.ID, missing[0])
			default:
				c.diags.Warn("missing-competency", c.at(&l.Src).Key("competencies"), fmt.Sprintf("add %s = <level> (and the others) under [competencies]", missing[0]),
					"level %q leaves out %d competencies that the levels below and above it expect: %s", l.ID, len(missing), quoteAtMost(missing, 5))
			}
		}
	}
}

// quoteAtMost is quoteList of the first n ids, then "and N more".
func quoteAtMost(ids []string, n int) string {
	if len(ids) <= n {
		return quoteList(ids)
	}
	q := make([]string, n)
	for i, id := range ids[:n] {
		q[i] = strconv.Quote(id)
	}
	return strings.Join(q, ", ") + fmt.Sprintf(" and %d more", len(ids)-n)
}

// warnIntakes warns about an intake whose dates are out of order.
//
// Example: apply_by = 2026-02-15 and start = 2026-02-01. Discussion: the
// "next intake" shown on the program page depends on these dates.
func (c *checker) warnIntakes() {
	for _, p := range c.s.Programs {
		for i, in := range p.Intakes {
			key := fmt.Sprintf("intakes[%d]", i)
			switch {
			case !in.ApplyFrom.IsZero() && !in.ApplyBy.IsZero() && in.ApplyBy.Before(in.ApplyFrom):
				c.diags.Warn("intake-order", c.at(&p.Src).Value(key+".apply_by"), "apply_from ≤ apply_by ≤ start", "intake closes (apply_by) before it opens (apply_from)")
			case !in.ApplyBy.IsZero() && !in.Start.IsZero() && in.Start.Before(in.ApplyBy):
				c.diags.Warn("intake-order", c.at(&p.Src).Value(key+".start"), "apply_from ≤ apply_by ≤ start", "intake starts before applications close (apply_by)")
			case in.ApplyBy.IsZero() && !in.ApplyFrom.IsZero() && !in.Start.IsZero() && in.Start.Before(in.ApplyFrom):
				c.diags.Warn("intake-order", c.at(&p.Src).Value(key+".start"), "apply_from ≤ apply_by ≤ start", "intake starts before applications open (apply_from)")
			}
		}
	}
}

// quoteList writes ids as "a", "b" and "c".
func quoteList(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = strconv.Quote(id)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// pageSlugs reports free pages whose slug is taken by a page the site makes
// itself.
//
// Example: content/pages/courses.md. Discussion: the free page would be
// published at /courses/, where the course catalogue is.
func (c *checker) pageSlugs() {
	for _, p := range c.s.Pages {
		if contains(site.ReservedSlugs, p.ID) {
			c.diags.Add("page-clash", c.at(&p.Src).Start(), fmt.Sprintf("rename the file, e.g. %q", "about-"+p.ID+".md"),
				"page %q would replace the site's own /%s/ page", p.ID, p.ID)
		}
	}
}
