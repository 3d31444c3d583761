package check

import (
	"fmt"
	"slices"
	"sync"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// idTable is the index of one kind: its ids in the site's order, and the
// position in that order of the entity each id names. Once made it is
// never written, so the sites of successive checks share it while their
// ids stay the same.
type idTable struct {
	ids  []string
	pos  map[string]int32
	dups bool // some id is defined twice
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
	cs.once[k].Do(func() { cs.ids[k] = keys(cs.s.IDs[k]) })
	return cs.ids[k]
}

// keys returns the keys of m, sorted.
func keys[T any](m map[string]T) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// index fills the site's indexes by id and reports duplicate ids. With a
// cache, the index of a kind whose ids are those of the last check, in the
// same order, is the last one: a rebuild after an edit that adds, removes
// or reorders nothing hashes no id.
//
// Example: content/courses/linux.md and an entry id = "linux" in
// content/courses/catalogue.toml. Discussion: a reference must name exactly
// one entity. Of two definitions the one earlier in file order (path, then
// line) is kept; the later one is reported, with a note at the first, and
// left out of the warnings, which would only repeat the error.
func (c *checker) index(cache *Cache) {
	s := c.s
	c.dups = map[*site.Common]bool{}
	c.ids = &candidates{s: s}
	if cache != nil {
		c.last = cache.ids
		// The site's configuration is never written to: keeping its
		// list is enough. Before a first check there is nothing to
		// reuse, whatever sameScale says.
		c.sameScale = slices.Equal(cache.scale, s.Config.Scale.Names)
		cache.scale = s.Config.Scale.Names
	}
	var tables [site.NumKinds]idTable
	tables[site.KindTrack], c.same[site.KindTrack] = indexKind(c, s.Tracks, func(x *site.Track) string { return x.ID }, c.last[site.KindTrack])
	tables[site.KindLevel], c.same[site.KindLevel] = indexKind(c, s.Levels, (*site.Level).FullID, c.last[site.KindLevel])
	tables[site.KindCompetency], c.same[site.KindCompetency] = indexKind(c, s.Competencies, func(x *site.Competency) string { return x.ID }, c.last[site.KindCompetency])
	tables[site.KindCourse], c.same[site.KindCourse] = indexKind(c, s.Courses, func(x *site.Course) string { return x.ID }, c.last[site.KindCourse])
	tables[site.KindProgram], c.same[site.KindProgram] = indexKind(c, s.Programs, func(x *site.Program) string { return x.ID }, c.last[site.KindProgram])
	tables[site.KindPage], c.same[site.KindPage] = indexKind(c, s.Pages, func(x *site.Page) string { return x.ID }, c.last[site.KindPage])
	tables[site.KindPlan], c.same[site.KindPlan] = indexKind(c, s.Plans, func(x *site.Plan) string { return x.ID }, c.last[site.KindPlan])
	for k, t := range tables {
		s.IDs[k] = t.pos
	}
	if cache != nil {
		cache.ids = tables
	}
}

// indexKind indexes the entities of one kind by id: last, when it has the
// same ids in the same order and no duplicates, or else a new table that
// keeps of each id the definition first in file order and reports the
// others; it reports whether the table is last. The list is in the site's
// order, not in file order; duplicates are rare, so they are put in file
// order only when there are some.
func indexKind[T site.Entity](c *checker, list []T, id func(T) string, last idTable) (idTable, bool) {
	if last.pos != nil && !last.dups && len(last.ids) == len(list) {
		same := true
		for i, x := range list {
			if id(x) != last.ids[i] {
				same = false
				break
			}
		}
		if same {
			return last, true
		}
	}
	t := idTable{ids: make([]string, len(list)), pos: make(map[string]int32, len(list))}
	var again map[string][]int32 // the positions of duplicate ids, the kept one included
	for i, x := range list {
		k := id(x)
		t.ids[i] = k
		o, ok := t.pos[k]
		if !ok {
			t.pos[k] = int32(i)
			continue
		}
		if again == nil {
			again = map[string][]int32{}
		}
		if len(again[k]) == 0 {
			again[k] = append(again[k], o)
		}
		again[k] = append(again[k], int32(i))
	}
	order := inFileOrder[T](c)
	for k, defs := range again {
		t.dups = true
		slices.SortStableFunc(defs, func(a, b int32) int { return order(list[a], list[b]) })
		first := list[defs[0]].Base()
		t.pos[k] = defs[0]
		for _, i := range defs[1:] {
			dup := list[i].Base()
			c.dups[dup] = true
			c.diags = append(c.diags, diag.Diagnostic{
				Pos: c.at(&dup.Src).Start(), Severity: diag.Error, Rule: "duplicate-id",
				Msg:   fmt.Sprintf("duplicate %s id %q", list[i].EntityKind(), k),
				Hint:  "rename one of them; ids must be unique per kind",
				Notes: []diag.Diagnostic{{Pos: c.at(&first.Src).Start(), Msg: "first defined here"}},
			})
		}
	}
	return t, false
}
