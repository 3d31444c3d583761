package check

import (
	"maps"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Patch is a checked update in place of a resolved site: the entities of
// some files, read again, that keep their identity, and the entities of
// files of levels, competencies, courses, programs or pages that come or
// go (see site.Edit). The dev server uses it for the common edits — a
// body, an expectation, a list of courses, a title, a new course or level
// — so that the cost of a rebuild follows the size of the edit, not the
// size of the site.
//
// Applying a Patch leaves the site exactly as Resolve would leave a fresh
// load of the new files: the same values, the same references, the same
// reverse indexes in the same order. Prepare only accepts edits for which
// that holds without looking at the rest of the site again; anything else
// is refused, and the caller loads and resolves the whole site.
type Patch struct {
	s       *site.Site
	edits   []site.Edit
	changes []change
	errs    diag.List   // what the new versions break; such a Patch is never applied
	order   map[any]int // site order of levels, courses and programs; made on first use
}

// change replaces the fields of one entity of the site (target) with those
// of a resolved copy of its new version (fresh), or adds fresh to the site
// (target is nil).
type change struct {
	target, fresh any
	comps         []*site.Competency // levels: the competencies the new version expects
	reorder       bool               // the entity moves in its list (a new title, category or order)
	removed       bool               // target leaves the site (fresh is nil)
	// renext holds, for a level that comes or goes, the levels of its
	// track whose default promotion (the next rank on their path)
	// changes, with their new promotion.
	renext map[*site.Level][]*site.Level
}

// Prepare checks edits against s, a site that Resolve accepted without
// errors and that nothing but earlier Patches has changed since. It
// resolves copies of the new entities against s, applies to them every
// rule that looks at one entity at a time, and makes sure that no
// prerequisite cycle or promotion loop forms through them, that no level
// moves on its ladder (a new rank or path), that no track moves, that a
// new entity takes an id (and a new level a rank) of its own, and that
// nothing names an entity that goes. A level that comes or goes must be
// the only change, and so must any removal. drafts says whether the site
// was loaded with its drafts.
//
// Prepare does not change s. It returns false when the edits cannot be
// applied in place: the caller then checks the whole site. When they
// could be, but the new versions break a rule of their own — an unknown
// reference, a level off the scale, a missing title — the Patch holds
// those errors (see Errors), which are all the errors a check of the
// whole site would report, and must not be applied.
func Prepare(s *site.Site, edits []site.Edit, drafts bool) (*Patch, bool) {
	p, ok := prepare(s, edits, drafts, &checker{s: s})
	if ok && len(p.errs) > 0 {
		// Again, with the ids that hints suggest from, as a check of the
		// whole site has them.
		c := &checker{s: s,
			trackIDs: slices.Collect(maps.Keys(s.TrackByID)), levelIDs: slices.Collect(maps.Keys(s.LevelByID)),
			competencyIDs: slices.Collect(maps.Keys(s.CompetencyByID)), courseIDs: slices.Collect(maps.Keys(s.CourseByID)),
			programIDs: slices.Collect(maps.Keys(s.ProgramByID)), pageIDs: slices.Collect(maps.Keys(s.PageByID))}
		for _, e := range edits {
			if e.Old != nil {
				continue
			}
			for _, n := range e.New { // new entities are candidates too
				switch n := n.(type) {
				case *site.Level:
					c.levelIDs = append(c.levelIDs, n.FullID())
				case *site.Competency:
					c.competencyIDs = append(c.competencyIDs, n.ID)
				case *site.Course:
					c.courseIDs = append(c.courseIDs, n.ID)
				case *site.Program:
					c.programIDs = append(c.programIDs, n.ID)
				case *site.Page:
					c.pageIDs = append(c.pageIDs, n.ID)
				}
			}
		}
		for _, ids := range []*[]string{&c.trackIDs, &c.levelIDs, &c.competencyIDs, &c.courseIDs, &c.programIDs, &c.pageIDs} {
			slices.Sort(*ids)
		}
		p, ok = prepare(s, edits, drafts, c)
	}
	return p, ok
}

// prepare is Prepare with the checker c.
func prepare(s *site.Site, edits []site.Edit, drafts bool, c *checker) (*Patch, bool) {
	p := &Patch{s: s, edits: edits}
	added := map[string]bool{} // kind:id of the new entities
	for _, e := range edits {
		if e.New == nil && e.Old != nil {
			// A removed file: alone in its batch, so that nothing else
			// resolves against what goes.
			if len(edits) > 1 {
				return nil, false
			}
			for _, o := range e.Old {
				if site.CommonOf(o).Draft && !drafts {
					// Left out of the site, but remembered in
					// Site.Drafts, which another file may share.
					return nil, false
				}
				ch, ok := c.prepareRemoval(e, o)
				if !ok {
					return nil, false
				}
				p.changes = append(p.changes, ch)
			}
			continue
		}
		if e.Old != nil && len(e.Old) != len(e.New) {
			return nil, false
		}
		for i, n := range e.New {
			nc := site.CommonOf(n)
			if e.Old == nil {
				key := site.KindOf(n) + ":" + nc.ID
				if nc.Draft && !drafts || added[key] {
					return nil, false
				}
				added[key] = true
			} else if nc.Draft && !drafts {
				continue // left out of the site, before and after
			}
			var ch change
			ok := false
			if _, level := n.(*site.Level); level && e.Old == nil && len(edits) > 1 {
				// A new level changes its track's ladder: alone in its
				// batch, so that nothing else resolves against the old one.
				return nil, false
			}
			if e.Old == nil {
				ch, ok = c.prepareNew(n)
			} else {
				ch, ok = c.prepare(e, n, site.CommonOf(e.Old[i]))
			}
			if !ok {
				return nil, false
			}
			p.changes = append(p.changes, ch)
		}
	}
	if p.formsLoop() {
		return nil, false
	}
	if len(c.diags) > 0 {
		c.diags.Sort()
		p.errs = c.diags
	}
	return p, true
}

// Errors returns the errors the edits bring, sorted, or nil.
func (p *Patch) Errors() diag.List { return p.errs }

// Sources returns the text of the files, as edited, for printing the
// errors.
func (p *Patch) Sources() diag.Sources {
	return func(file string) *diag.LineIndex {
		for _, e := range p.edits {
			if e.File == file {
				return e.Lines
			}
		}
		return p.s.Files[file]
	}
}

// prepare finds the site's entity that n is a new version of, checks that
// it keeps its place on its ladder (a level) or its list (a track), and
// resolves a copy of n.
func (c *checker) prepare(e site.Edit, n any, old *site.Common) (change, bool) {
	s := c.s
	var target any
	switch x := n.(type) {
	case *site.Track:
		target = s.TrackByID[x.ID]
	case *site.Level:
		target = s.LevelByID[x.FullID()]
	case *site.Competency:
		target = s.CompetencyByID[x.ID]
	case *site.Course:
		target = s.CourseByID[x.ID]
	case *site.Program:
		target = s.ProgramByID[x.ID]
	case *site.Page:
		if e.Home {
			target = s.Home
		} else {
			target = s.PageByID[x.ID]
		}
	}
	tc, nc := site.CommonOf(target), site.CommonOf(n)
	if tc == nil || tc.Src.File != e.File || tc.Src.Prefix != nc.Src.Prefix || tc.ID != old.ID {
		return change{}, false
	}
	ch := change{target: target}
	switch t := target.(type) {
	case *site.Track:
		x := n.(*site.Track)
		if x.Order != t.Order || x.Title != t.Title {
			return change{}, false
		}
	case *site.Level:
		x := n.(*site.Level)
		if x.Path != t.Path || x.Rank != t.Rank {
			return change{}, false
		}
		ch.fresh, ch.comps = c.resolveCopy(n, t.Track, false)
		return ch, true
	case *site.Competency:
		x := n.(*site.Competency)
		ch.reorder = x.Category != t.Category || x.Title != t.Title
	case *site.Course:
		ch.reorder = n.(*site.Course).Title != t.Title
	case *site.Program:
		ch.reorder = n.(*site.Program).Title != t.Title
	case *site.Page:
		x := n.(*site.Page)
		ch.reorder = !e.Home && (x.Order != t.Order || x.Title != t.Title)
	}
	ch.fresh, _ = c.resolveCopy(n, nil, e.Home)
	return ch, true
}

// prepareNew checks that n, a new level, competency, course, program or
// page, takes an id of its own, and resolves a copy of it.
func (c *checker) prepareNew(n any) (change, bool) {
	s := c.s
	if l, ok := n.(*site.Level); ok {
		return c.prepareNewLevel(l)
	}
	id := site.CommonOf(n).ID
	var taken bool
	switch n.(type) {
	case *site.Competency:
		_, taken = s.CompetencyByID[id]
	case *site.Course:
		_, taken = s.CourseByID[id]
	case *site.Program:
		_, taken = s.ProgramByID[id]
	case *site.Page:
		_, taken = s.PageByID[id]
		taken = taken || contains(site.ReservedSlugs, id)
	default:
		return change{}, false
	}
	if taken || s.Drafts[site.KindOf(n)+":"+id] {
		return change{}, false
	}
	x, _ := c.resolveCopy(n, nil, false)
	return change{fresh: x}, true
}

// prepareNewLevel checks that n, a new level, has a track, an id of its
// own and a rank of its own on its path, resolves a copy of it, and finds
// the levels below it on its path that now promote to it by default.
func (c *checker) prepareNewLevel(n *site.Level) (change, bool) {
	s := c.s
	t := s.TrackByID[n.TrackID]
	if _, taken := s.LevelByID[n.FullID()]; taken || t == nil || s.Drafts["level:"+n.FullID()] {
		return change{}, false
	}
	for _, o := range t.Levels {
		if o.Path == n.Path && o.Rank == n.Rank {
			return change{}, false
		}
	}
	fresh, comps := c.resolveCopy(n, t, false)
	x := fresh.(*site.Level)
	ch := change{fresh: x, comps: comps, renext: map[*site.Level][]*site.Level{}}
	for _, o := range t.Levels {
		if len(o.NextIDs) == 0 && o.Path == x.Path && o.Rank < x.Rank && (len(o.Next) == 0 || o.Next[0].Rank > x.Rank) {
			ch.renext[o] = []*site.Level{x}
		}
	}
	return ch, true
}

// prepareLevelRemoval checks that nothing names level x but the levels
// below it that promote to it by default, and works out their new
// promotion.
func (c *checker) prepareLevelRemoval(x *site.Level) (change, bool) {
	s := c.s
	if len(x.MovesIn) > 0 || len(x.LedBy) > 0 || linkedTo(s, "level", x.FullID()) {
		return change{}, false
	}
	for _, p := range s.Programs {
		if slices.Contains(p.Eligibility.Levels, x) {
			return change{}, false
		}
	}
	ch := change{target: x, removed: true, renext: map[*site.Level][]*site.Level{}}
	for _, o := range x.Prev {
		if len(o.NextIDs) > 0 {
			return change{}, false // named in next
		}
		var best *site.Level
		for _, l := range x.Track.Levels {
			if l != x && l.Path == o.Path && l.Rank > o.Rank && (best == nil || l.Rank < best.Rank) {
				best = l
			}
		}
		ch.renext[o] = nil
		if best != nil {
			ch.renext[o] = []*site.Level{best}
		}
	}
	return ch, true
}

// prepareRemoval finds the site's entity o was loaded as, and checks that
// nothing refers to it: no reference in the front matter of another
// entity, no link in a body.
func (c *checker) prepareRemoval(e site.Edit, o any) (change, bool) {
	s := c.s
	id := site.CommonOf(o).ID
	var target any
	used := false
	switch o := o.(type) {
	case *site.Competency:
		if x := s.CompetencyByID[id]; x != nil {
			target, used = x, len(x.ExpectedBy) > 0 || len(x.TaughtBy) > 0
		}
	case *site.Course:
		if x := s.CourseByID[id]; x != nil {
			target = x
			used = len(x.RequiredBy) > 0 || len(x.OptionalBy) > 0 || len(x.Unlocks) > 0 || len(x.InPrograms) > 0
			for _, p := range s.Programs {
				used = used || slices.Contains(p.Eligibility.Courses, x)
			}
		}
	case *site.Program:
		target = s.ProgramByID[id]
	case *site.Page:
		target = s.PageByID[id]
	case *site.Level:
		if x := s.LevelByID[o.FullID()]; x != nil && x.Src.File == e.File {
			return c.prepareLevelRemoval(x)
		}
		return change{}, false
	}
	tc := site.CommonOf(target)
	if tc == nil || tc.Src.File != e.File || used || linkedTo(s, site.KindOf(o), id) {
		return change{}, false
	}
	return change{target: target, removed: true}, true
}

// linkedTo reports whether a body in the site links to the entity of kind
// with id (a level's full id).
func linkedTo(s *site.Site, kind, id string) bool {
	for x, track := range entities(s) {
		for _, ln := range x.Body.Links {
			if ln.Kind != kind {
				continue
			}
			target := linkID(ln.Target)
			if kind == "level" && track != "" && !strings.Contains(target, "/") {
				target = track + "/" + target
			}
			if target == id {
				return true
			}
		}
	}
	return false
}

// resolveCopy returns a copy of n, as loaded, with its references resolved
// against the site and the rules that look at one entity applied; track is
// a level's track, home says n is the home page. For a level it also
// returns the competencies it expects.
func (c *checker) resolveCopy(n any, track *site.Track, home bool) (any, []*site.Competency) {
	switch n := n.(type) {
	case *site.Track:
		x := *n
		c.linksOf(&x.Common, x.ID)
		return &x, nil
	case *site.Level:
		x := *n
		x.Track = track
		comps := c.resolveLevel(&x)
		c.scaleOf(&x.Src, x.Expectations)
		c.title(&x.Common, "level")
		c.linksOf(&x.Common, x.TrackID)
		return &x, comps
	case *site.Competency:
		x := *n
		c.title(&x.Common, "competency")
		c.linksOf(&x.Common, "")
		return &x, nil
	case *site.Course:
		x := *n
		c.resolveCourse(&x)
		c.scaleOf(&x.Src, x.Skills)
		c.format(&x)
		c.title(&x.Common, "course")
		c.linksOf(&x.Common, "")
		return &x, nil
	case *site.Program:
		x := *n
		c.resolveProgram(&x)
		c.kind(&x)
		c.title(&x.Common, "program")
		c.linksOf(&x.Common, "")
		return &x, nil
	case *site.Page:
		x := *n
		if home {
			if x.Title == "" {
				x.Title = c.s.Config.Title // as the loader does
			}
		} else {
			c.title(&x.Common, "page")
		}
		c.linksOf(&x.Common, "")
		return &x, nil
	}
	return nil, nil
}

// formsLoop reports whether the new versions make a course its own
// prerequisite or a level promote back to itself. Any new cycle passes
// through an edited entity, so looking from each of them is enough.
func (p *Patch) formsLoop() bool {
	nextOf := map[*site.Level][]*site.Level{}
	prereqsOf := map[*site.Course][]*site.Course{}
	for _, ch := range p.changes {
		for l, next := range ch.renext {
			nextOf[l] = next
		}
		if ch.removed {
			continue // nothing refers to it: it is in no cycle
		}
		if x, ok := ch.fresh.(*site.Level); ok && ch.target == nil {
			nextOf[x] = x.Next // a new level
		}
		switch t := ch.target.(type) {
		case *site.Level:
			nextOf[t] = ch.fresh.(*site.Level).Next
		case *site.Course:
			prereqsOf[t] = ch.fresh.(*site.Course).Prereqs
		}
	}
	for t, next := range nextOf {
		if reaches(next, t, func(l *site.Level) []*site.Level {
			if n, ok := nextOf[l]; ok {
				return n
			}
			return l.Next
		}) {
			return true
		}
	}
	for t, pre := range prereqsOf {
		if reaches(pre, t, func(x *site.Course) []*site.Course {
			if n, ok := prereqsOf[x]; ok {
				return n
			}
			return x.Prereqs
		}) {
			return true
		}
	}
	return false
}

// reaches reports whether goal can be reached from the nodes in from by
// following edges.
func reaches[T comparable](from []T, goal T, edges func(T) []T) bool {
	seen := map[T]bool{}
	stack := slices.Clone(from)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if x == goal {
			return true
		}
		if seen[x] {
			continue
		}
		seen[x] = true
		stack = append(stack, edges(x)...)
	}
	return false
}

// Apply updates the site in place: every edited entity takes the fields of
// its new version, the reverse indexes of the entities it referred to
// before and refers to now are brought up to date, and the site's files
// hold the new text. Nothing may read the site while Apply runs; it may
// run once, and not on a Patch with errors.
func (p *Patch) Apply() {
	if len(p.errs) > 0 {
		panic("check: Apply on a patch with errors")
	}
	for _, e := range p.edits {
		if e.New == nil && e.Old != nil {
			delete(p.s.Files, e.File)
		} else {
			p.s.Files[e.File] = e.Lines
		}
	}
	for _, ch := range p.changes {
		if ch.removed {
			p.unlink(ch.target)
			p.remove(ch.target)
		}
	}
	for _, ch := range p.changes {
		if ch.target == nil {
			p.insert(ch.fresh)
		}
	}
	p.order = nil // the new entities moved those after them
	for _, ch := range p.changes {
		for l, next := range ch.renext {
			relink(p, l.Next, next, l, func(n *site.Level) *[]*site.Level { return &n.Prev })
			l.Next = next
		}
		if ch.target == nil {
			p.link(ch.fresh)
			continue
		}
		if ch.removed {
			continue
		}
		switch t := ch.target.(type) {
		case *site.Track:
			x := ch.fresh.(*site.Track)
			x.Levels, x.Paths = t.Levels, t.Paths
			*t = *x
		case *site.Level:
			x := ch.fresh.(*site.Level)
			before := *t
			x.Prev, x.MovesIn, x.LedBy = t.Prev, t.MovesIn, t.LedBy
			*t = *x
			relink(p, before.Next, t.Next, t, func(l *site.Level) *[]*site.Level { return &l.Prev })
			relink(p, before.Moves, t.Moves, t, func(l *site.Level) *[]*site.Level { return &l.MovesIn })
			relink(p, before.Required, t.Required, t, func(x *site.Course) *[]*site.Level { return &x.RequiredBy })
			relink(p, before.Optional, t.Optional, t, func(x *site.Course) *[]*site.Level { return &x.OptionalBy })
			relink(p, p.competencies(before.Expectations), ch.comps, t, func(x *site.Competency) *[]*site.Level { return &x.ExpectedBy })
		case *site.Competency:
			x := ch.fresh.(*site.Competency)
			x.ExpectedBy, x.TaughtBy = t.ExpectedBy, t.TaughtBy
			*t = *x
		case *site.Course:
			x := ch.fresh.(*site.Course)
			before := *t
			x.Unlocks, x.RequiredBy, x.OptionalBy, x.InPrograms = t.Unlocks, t.RequiredBy, t.OptionalBy, t.InPrograms
			*t = *x
			relink(p, before.Prereqs, t.Prereqs, t, func(x *site.Course) *[]*site.Course { return &x.Unlocks })
			relink(p, p.competencies(before.Skills), p.competencies(t.Skills), t, func(x *site.Competency) *[]*site.Course { return &x.TaughtBy })
		case *site.Program:
			x := ch.fresh.(*site.Program)
			before := *t
			*t = *x
			relink(p, before.Courses, t.Courses, t, func(x *site.Course) *[]*site.Program { return &x.InPrograms })
			relink(p, before.LeadsTo, t.LeadsTo, t, func(l *site.Level) *[]*site.Program { return &l.LedBy })
		case *site.Page:
			*t = *ch.fresh.(*site.Page)
		}
	}
	p.reorder()
}

// insert adds a new entity to its list, at its place, and to its index.
func (p *Patch) insert(x any) {
	s := p.s
	switch x := x.(type) {
	case *site.Competency:
		s.Competencies = insertSorted(s.Competencies, x, site.CompareCompetencies)
		s.CompetencyByID[x.ID] = x
	case *site.Course:
		s.Courses = insertSorted(s.Courses, x, site.CompareCourses)
		s.CourseByID[x.ID] = x
	case *site.Program:
		s.Programs = insertSorted(s.Programs, x, site.ComparePrograms)
		s.ProgramByID[x.ID] = x
	case *site.Page:
		s.Pages = insertSorted(s.Pages, x, site.ComparePages)
		s.PageByID[x.ID] = x
	case *site.Level:
		p.insertLevel(x)
	}
}

// insertLevel adds a new level to its track and to the site's list, where
// a fresh load would put it: with the other levels of its track, which
// come in the order of the tracks.
func (p *Patch) insertLevel(x *site.Level) {
	s, t := p.s, x.Track
	i, _ := slices.BinarySearchFunc(t.Levels, x, site.CompareLevels)
	at := len(s.Levels)
	switch {
	case i < len(t.Levels):
		at = slices.Index(s.Levels, t.Levels[i])
	case len(t.Levels) > 0:
		at = slices.Index(s.Levels, t.Levels[len(t.Levels)-1]) + 1
	default:
		// The track's first level: before those of the tracks after it.
		for _, u := range s.Tracks[slices.Index(s.Tracks, t)+1:] {
			if len(u.Levels) > 0 {
				at = slices.Index(s.Levels, u.Levels[0])
				break
			}
		}
	}
	t.Levels = slices.Insert(t.Levels, i, x)
	s.Levels = slices.Insert(s.Levels, at, x)
	s.LevelByID[x.FullID()] = x
	if !slices.Contains(t.Paths, x.Path) {
		t.Paths = append(t.Paths, x.Path)
		slices.SortFunc(t.Paths, site.ComparePaths)
	}
}

// insertSorted inserts x into list, which is sorted by compare, at its
// place. (No two entities of a kind compare equal: their ids differ.)
func insertSorted[T any](list []T, x T, compare func(a, b T) int) []T {
	i, _ := slices.BinarySearchFunc(list, x, compare)
	return slices.Insert(list, i, x)
}

// remove takes an entity out of its list and its index.
func (p *Patch) remove(x any) {
	s := p.s
	switch x := x.(type) {
	case *site.Competency:
		s.Competencies = slices.DeleteFunc(s.Competencies, func(y *site.Competency) bool { return y == x })
		delete(s.CompetencyByID, x.ID)
	case *site.Course:
		s.Courses = slices.DeleteFunc(s.Courses, func(y *site.Course) bool { return y == x })
		delete(s.CourseByID, x.ID)
	case *site.Program:
		s.Programs = slices.DeleteFunc(s.Programs, func(y *site.Program) bool { return y == x })
		delete(s.ProgramByID, x.ID)
	case *site.Page:
		s.Pages = slices.DeleteFunc(s.Pages, func(y *site.Page) bool { return y == x })
		delete(s.PageByID, x.ID)
	case *site.Level:
		t := x.Track
		s.Levels = slices.DeleteFunc(s.Levels, func(y *site.Level) bool { return y == x })
		t.Levels = slices.DeleteFunc(t.Levels, func(y *site.Level) bool { return y == x })
		if len(t.Levels) == 0 {
			t.Levels = nil
		}
		delete(s.LevelByID, x.FullID())
		if !slices.ContainsFunc(t.Levels, func(y *site.Level) bool { return y.Path == x.Path }) {
			t.Paths = slices.DeleteFunc(t.Paths, func(path string) bool { return path == x.Path })
			if len(t.Paths) == 0 {
				t.Paths = nil
			}
		}
	}
}

// link adds a new entity to the reverse indexes of what it refers to.
func (p *Patch) link(x any) { p.relinkAll(x, true) }

// unlink takes an entity that leaves the site out of the reverse indexes
// of what it refers to.
func (p *Patch) unlink(x any) { p.relinkAll(x, false) }

// relinkAll adds x to the reverse indexes of what it refers to (in), or
// takes it out of them.
func (p *Patch) relinkAll(x any, in bool) {
	switch x := x.(type) {
	case *site.Course:
		b, a := beforeAfter(x.Prereqs, in)
		relink(p, b, a, x, func(y *site.Course) *[]*site.Course { return &y.Unlocks })
		cb, ca := beforeAfter(p.competencies(x.Skills), in)
		relink(p, cb, ca, x, func(y *site.Competency) *[]*site.Course { return &y.TaughtBy })
	case *site.Program:
		b, a := beforeAfter(x.Courses, in)
		relink(p, b, a, x, func(y *site.Course) *[]*site.Program { return &y.InPrograms })
		lb, la := beforeAfter(x.LeadsTo, in)
		relink(p, lb, la, x, func(l *site.Level) *[]*site.Program { return &l.LedBy })
	case *site.Level:
		nb, na := beforeAfter(x.Next, in)
		relink(p, nb, na, x, func(l *site.Level) *[]*site.Level { return &l.Prev })
		mb, ma := beforeAfter(x.Moves, in)
		relink(p, mb, ma, x, func(l *site.Level) *[]*site.Level { return &l.MovesIn })
		rb, ra := beforeAfter(x.Required, in)
		relink(p, rb, ra, x, func(y *site.Course) *[]*site.Level { return &y.RequiredBy })
		ob, oa := beforeAfter(x.Optional, in)
		relink(p, ob, oa, x, func(y *site.Course) *[]*site.Level { return &y.OptionalBy })
		cb, ca := beforeAfter(p.competencies(x.Expectations), in)
		relink(p, cb, ca, x, func(y *site.Competency) *[]*site.Level { return &y.ExpectedBy })
	}
}

// beforeAfter returns refs as the references after a change that adds
// them (in), or as those before a change that takes them away.
func beforeAfter[T any](refs []T, in bool) (before, after []T) {
	if in {
		return nil, refs
	}
	return refs, nil
}

// reorder sorts again the lists in which an edited entity moved, and fills
// again the reverse indexes kept in the order of those lists.
func (p *Patch) reorder() {
	var comps, courses, programs, pages bool
	for _, ch := range p.changes {
		if !ch.reorder {
			continue
		}
		switch ch.target.(type) {
		case *site.Competency:
			comps = true
		case *site.Course:
			courses = true
		case *site.Program:
			programs = true
		case *site.Page:
			pages = true
		}
	}
	s := p.s
	if comps {
		slices.SortStableFunc(s.Competencies, site.CompareCompetencies)
	}
	if pages {
		slices.SortStableFunc(s.Pages, site.ComparePages)
	}
	if courses {
		slices.SortStableFunc(s.Courses, site.CompareCourses)
		for _, x := range s.Courses {
			x.Unlocks = nil
		}
		for _, x := range s.Competencies {
			x.TaughtBy = nil
		}
		linkUnlocks(s)
		linkTaughtBy(s)
	}
	if programs {
		slices.SortStableFunc(s.Programs, site.ComparePrograms)
		for _, x := range s.Courses {
			x.InPrograms = nil
		}
		for _, l := range s.Levels {
			l.LedBy = nil
		}
		linkPrograms(s)
	}
	p.order = nil
}

// competencies returns the site's competencies named by es, in order,
// skipping unknown ones, as resolution lists them.
func (p *Patch) competencies(es []site.Expectation) []*site.Competency {
	out := make([]*site.Competency, 0, len(es))
	for _, e := range es {
		if x, ok := p.s.CompetencyByID[e.CompetencyID]; ok {
			out = append(out, x)
		}
	}
	return out
}

// position returns the place of a level, course or program in the site's
// list of its kind, which is the order of every reverse index.
func (p *Patch) position(x any) int {
	if p.order == nil {
		p.order = make(map[any]int, len(p.s.Levels)+len(p.s.Courses)+len(p.s.Programs))
		for i, l := range p.s.Levels {
			p.order[l] = i
		}
		for i, x := range p.s.Courses {
			p.order[x] = i
		}
		for i, x := range p.s.Programs {
			p.order[x] = i
		}
	}
	return p.order[x]
}

// relink brings up to date the reverse index list(r) of every entity r
// that who referred to before or refers to after: who appears in it once
// per reference, at its place in site order, as resolution would put it.
func relink[R comparable, W comparable](p *Patch, before, after []R, who W, list func(R) *[]W) {
	if slices.Equal(before, after) {
		return
	}
	count := map[R]int{}
	var refs []R
	for _, r := range slices.Concat(before, after) {
		if _, ok := count[r]; !ok {
			refs = append(refs, r)
			count[r] = 0
		}
	}
	for _, r := range after {
		count[r]++
	}
	for _, r := range refs {
		l := list(r)
		kept := make([]W, 0, len(*l)+count[r])
		for _, w := range *l {
			if w != who {
				kept = append(kept, w)
			}
		}
		if count[r] > 0 {
			at, i := p.position(who), len(kept)
			for j, w := range kept {
				if p.position(w) > at {
					i = j
					break
				}
			}
			kept = slices.Insert(kept, i, slices.Repeat([]W{who}, count[r])...)
		}
		if len(kept) == 0 {
			kept = nil
		}
		*l = kept
	}
}

// Warnings computes the warnings of a site that Resolve accepted, as the
// function Resolve returns does. cache, when not nil, keeps per-track
// warnings from one call to the next.
func Warnings(s *site.Site, cache *Cache) diag.List {
	return warnings(s, map[*site.Common]bool{}, cache)
}
