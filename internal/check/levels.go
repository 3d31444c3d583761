package check

import (
	"runtime"
	"sync"

	"github.com/ladder-ssg/ladder/internal/site"
)

// levelRefs are the references of one level resolved to positions in the
// site's lists, with the lists of ids they were resolved from.
//
// The id lists are those of the loader's parse of the level's file, which
// is never modified; a level copied from the same parse holds the very same
// lists, and the memo keeps them alive, so no other list can take their
// place in memory. Positions stay right as long as the ids of their kind
// are the same, in the same order. So while both hold, the next check reads
// the positions instead of looking the ids up again.
type levelRefs struct {
	nextIDs, moveIDs, requiredIDs, optionalIDs []string
	expectations                               []site.Expectation
	title                                      string
	scaled                                     []site.Expectation // expectations with scale names made points

	next, moves, required, optional []int32
	comps                           []int32 // the expected competencies that exist

	clean bool // resolved without a problem: only then is it reused
}

// sameList reports whether a and b are the same list: the same elements
// in memory, not merely equal ones.
func sameList[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// resolveLevels resolves the references of every level, then fills the
// reverse indexes (Prev, MovesIn, RequiredBy, OptionalBy, ExpectedBy).
//
// Resolving only reads the indexes and writes each level's own fields, so
// it runs in parallel over slices of the levels, each with its own
// diagnostics, merged in order; the reverse indexes are filled in order by
// one goroutine, so that they stay deterministic. The lists each worker
// makes are cut from a few arrays of its own, sized up front: a site of
// ten thousand levels would otherwise allocate some fifty thousand small
// slices on every build. With a cache, a level whose references are those
// of the last check reuses their positions (see levelRefs).
func (c *checker) resolveLevels(cache *Cache) {
	levels := c.s.Levels
	var last []levelRefs
	refs := make([]levelRefs, len(levels))
	if cache != nil {
		last = cache.levels
		if cap(cache.spare) >= len(levels) {
			refs = cache.spare[:len(levels)]
		}
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), len(levels)/512))
	subs := make([]checker, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*len(levels)/workers, (w+1)*len(levels)/workers
		subs[w] = *c
		sub := &subs[w]
		sub.diags = nil
		nl, nc := 0, 0
		for _, l := range levels[lo:hi] {
			nl += len(l.NextIDs) + len(l.MoveIDs) + 1
			nc += len(l.RequiredIDs) + len(l.OptionalIDs)
		}
		sub.levelArena = make([]*site.Level, 0, nl)
		sub.courseArena = make([]*site.Course, 0, nc)
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				refs[i] = sub.resolveLevel(i, sub.lastRefs(last, i))
			}
		})
	}
	wg.Wait()
	for w := range subs {
		c.diags = append(c.diags, subs[w].diags...)
		c.handWrittenNext = c.handWrittenNext || subs[w].handWrittenNext
	}
	reverse(levels, refs, levels, func(r *levelRefs) []int32 { return r.next },
		func(x *site.Level, ls []*site.Level) { x.Prev = ls })
	reverse(levels, refs, levels, func(r *levelRefs) []int32 { return r.moves },
		func(x *site.Level, ls []*site.Level) { x.MovesIn = ls })
	reverse(levels, refs, c.s.Courses, func(r *levelRefs) []int32 { return r.required },
		func(x *site.Course, ls []*site.Level) { x.RequiredBy = ls })
	reverse(levels, refs, c.s.Courses, func(r *levelRefs) []int32 { return r.optional },
		func(x *site.Course, ls []*site.Level) { x.OptionalBy = ls })
	reverse(levels, refs, c.s.Competencies, func(r *levelRefs) []int32 { return r.comps },
		func(x *site.Competency, ls []*site.Level) { x.ExpectedBy = ls })
	if cache != nil {
		clear(last) // let go of the lists of files that changed
		cache.levels, cache.spare = refs, last
	}
}

// lastRefs returns the references the last check resolved for level i,
// or nil.
func (c *checker) lastRefs(last []levelRefs, i int) *levelRefs {
	if last == nil {
		return nil
	}
	if c.same[site.KindLevel] {
		return &last[i]
	}
	// The levels are not those of the last check: find this one's place
	// in it, if it was there.
	if j, ok := c.last[site.KindLevel].pos[c.s.Levels[i].FullID()]; ok && int(j) < len(last) {
		return &last[j]
	}
	return nil
}

// resolveLevel resolves the references of the level at position i,
// reusing those of last (the same level in the last check, or nil) where
// they still hold, and returns them.
func (c *checker) resolveLevel(i int, last *levelRefs) levelRefs {
	l := c.s.Levels[i]
	src := &l.Src
	problems := len(c.diags)
	r := levelRefs{nextIDs: l.NextIDs, moveIDs: l.MoveIDs, requiredIDs: l.RequiredIDs, optionalIDs: l.OptionalIDs, expectations: l.Expectations, title: l.Title}
	if last != nil && !last.clean {
		last = nil
	}
	// The rules of the level's own values run here, while the level is
	// at hand, rather than in passes of their own over every level. A
	// title that the last clean check saw passed the rule then. Strings
	// that share their bytes compare equal without reading them, and the
	// bytes of ten thousand titles are ten thousand trips to memory.
	if last == nil || last.title != l.Title {
		c.title(&l.Common, site.KindLevel)
	}
	// So did its expectations, on the same scale.
	if last != nil && c.sameScale && sameList(last.expectations, l.Expectations) {
		l.Expectations = last.scaled
	} else {
		l.Expectations = c.scaleNamesOf(src, l.Expectations)
		c.scaleOf(src, l.Expectations)
	}
	r.scaled = l.Expectations
	levelsSame := last != nil && c.same[site.KindLevel]
	switch {
	case len(l.NextIDs) == 0:
		// Computed every time: it depends on the other levels' ranks.
		r.next = c.defaultNext(i)
	case levelsSame && sameList(last.nextIDs, l.NextIDs):
		c.handWrittenNext = true
		r.next = last.next
	default:
		c.handWrittenNext = true
		r.next = c.levelRefs(src, "next", l.NextIDs, l.TrackID)
	}
	if levelsSame && sameList(last.moveIDs, l.MoveIDs) {
		r.moves = last.moves
	} else {
		r.moves = c.levelRefs(src, "moves", l.MoveIDs, l.TrackID)
	}
	coursesSame := last != nil && c.same[site.KindCourse]
	if coursesSame && sameList(last.requiredIDs, l.RequiredIDs) {
		r.required = last.required
	} else {
		r.required = c.refs(src, "required_courses", site.KindCourse, l.RequiredIDs)
	}
	if coursesSame && sameList(last.optionalIDs, l.OptionalIDs) {
		r.optional = last.optional
	} else {
		r.optional = c.refs(src, "optional_courses", site.KindCourse, l.OptionalIDs)
	}
	if last != nil && c.same[site.KindCompetency] && c.sameScale && sameList(last.expectations, r.expectations) {
		r.comps = last.comps
	} else {
		r.comps = c.competencyRefs(src, l.Expectations)
	}

	l.Next = c.levelList(r.next)
	l.Moves = c.levelList(r.moves)
	l.Required = c.courseList(r.required)
	l.Optional = c.courseList(r.optional)
	if l.Pay != nil && l.Pay.Max > 0 && l.Pay.Min > l.Pay.Max {
		c.diags.Add("pay-band", c.at(src).Value("pay.min"), "swap min and max", "pay band minimum %d is above its maximum %d", l.Pay.Min, l.Pay.Max)
	}
	if !c.s.Config.Publish.PayShown() {
		// Checked, never published: no later stage can show what is
		// not in the model.
		l.Pay = nil
	}
	r.clean = len(c.diags) == problems
	return r
}

// levelRefs resolves the level array at key, whose bare ids name levels
// of track from, to positions in the site's list.
func (c *checker) levelRefs(src *site.Origin, key string, ids []string, from string) []int32 {
	start := len(c.posArena)
	for i, id := range ids {
		if x := c.levelAt(src, key, i, id, from); x >= 0 {
			c.posArena = append(c.posArena, x)
		}
	}
	return cut(c.posArena, start)
}

// defaultNext returns the position of the level that the level at
// position i is promoted to when it names none: the next higher rank on
// its path. The site's levels are in order of track, path and rank, so it
// is the first level after i, on the same track and path, of a higher
// rank (nil when there is none).
func (c *checker) defaultNext(i int) []int32 {
	levels := c.s.Levels
	l := levels[i]
	if l.Track == nil {
		return nil
	}
	for j := i + 1; j < len(levels) && levels[j].Track == l.Track && levels[j].Path == l.Path; j++ {
		if levels[j].Rank > l.Rank {
			start := len(c.posArena)
			c.posArena = append(c.posArena, int32(j))
			return cut(c.posArena, start)
		}
	}
	return nil
}

// levelList returns the levels at positions, in c's arena, or nil.
func (c *checker) levelList(positions []int32) []*site.Level {
	start := len(c.levelArena)
	for _, i := range positions {
		c.levelArena = append(c.levelArena, c.s.Levels[i])
	}
	return cut(c.levelArena, start)
}

// courseList returns the courses at positions, in c's arena; the list is
// never nil, even when empty.
func (c *checker) courseList(positions []int32) []*site.Course {
	start := len(c.courseArena)
	for _, i := range positions {
		c.courseArena = append(c.courseArena, c.s.Courses[i])
	}
	if out := cut(c.courseArena, start); out != nil {
		return out
	}
	return []*site.Course{}
}

// reverse fills a reverse index: for each target, set gives it the levels
// whose references (of) name its position, in the levels' order. The lists
// are cut from one array, counted first, so that filling them allocates
// once; a target no level names gets no call.
func reverse[T any](levels []*site.Level, refs []levelRefs, targets []*T, of func(*levelRefs) []int32, set func(*T, []*site.Level)) {
	ends := make([]int32, len(targets)+1)
	for i := range refs {
		for _, j := range of(&refs[i]) {
			ends[j+1]++
		}
	}
	for j := range targets {
		ends[j+1] += ends[j]
	}
	arena := make([]*site.Level, ends[len(targets)])
	fill := make([]int32, len(targets))
	copy(fill, ends)
	for i, l := range levels {
		for _, j := range of(&refs[i]) {
			arena[fill[j]] = l
			fill[j]++
		}
	}
	for j, x := range targets {
		if lo, hi := ends[j], ends[j+1]; hi > lo {
			set(x, arena[lo:hi:hi])
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
