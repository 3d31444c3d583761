// Package diff compares two versions of a career framework and says what
// changed, for whom: per track and level, the expectations raised or
// lowered, competencies added or removed, courses made required, optional
// or dropped, promotions and moves, pay bands; per program, whether it
// opened or closed and what changed in its eligibility, funding and
// intakes; and every entity added, removed or renamed.
//
// Both sides are the data of /data/framework.json (datafile.Framework), the
// one form that a site directory, a release file kept in the repository and
// a site at an old git revision can all be turned into. Compare is pure:
// the same two frameworks always give the same Report, with its changes in
// a fixed order (framework, then each track with its levels by path and
// rank, then competencies, courses, programs and pages by id).
//
// # Renames
//
// An id that disappears while an entity of the same kind appears with the
// same content (everything but its id and URL) or, failing that, with the
// same title is a rename, not a removal and an addition. References to the
// old id (a level's expectations, its courses, a program's leads_to, ...)
// are read as references to the new one, so a renamed competency does not
// show up as removed from every level that expects it. A level whose track
// is renamed keeps its own id under the new track.
package diff

import (
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/datafile"
)

// Entity is the kind of entity a change is about.
type Entity string

// The kinds of entity.
const (
	Framework  Entity = "framework" // the framework as a whole: its title, its scale
	Track      Entity = "track"
	Level      Entity = "level"
	Competency Entity = "competency"
	Course     Entity = "course"
	Program    Entity = "program"
	Page       Entity = "page"
)

// Kind is what happened.
type Kind string

// The kinds of change.
const (
	Added    Kind = "added"    // an entity, or an item of one of its lists
	Removed  Kind = "removed"  // an entity, or an item of one of its lists
	Renamed  Kind = "renamed"  // an entity's id; OldID holds the id before
	Changed  Kind = "changed"  // a field's value; Old and New hold it
	Raised   Kind = "raised"   // an expected (or taught) competency level went up
	Lowered  Kind = "lowered"  // an expected (or taught) competency level went down
	Required Kind = "required" // a course a level now requires (Old: "optional" or "")
	Optional Kind = "optional" // a course a level now lists as optional (Old: "required" or "")
	Dropped  Kind = "dropped"  // a course a level no longer lists (Old: "required" or "optional")
	Opened   Kind = "opened"   // a program that appeared
	Closed   Kind = "closed"   // a program that disappeared
)

// Change is one difference between two frameworks.
type Change struct {
	Entity Entity `json:"entity"`
	// ID is the entity's id: on the new side, or on the old one for a
	// removed entity. A level's is its full id, "track/level".
	ID    string `json:"id"`
	Title string `json:"title"`
	// Track is a level's track (and a track's own id).
	Track string `json:"track,omitempty"`
	Kind  Kind   `json:"kind"`
	// Field is the key that changed ("competencies", "required_courses",
	// "eligibility.min_tenure_months", ...); empty when the whole entity
	// was added, removed or renamed.
	Field string `json:"field,omitempty"`
	// Item is the id of the element of a list that changed: the
	// competency of an expectation, a course, a level of next or moves.
	Item      string `json:"item,omitempty"`
	ItemTitle string `json:"item_title,omitempty"`
	// Old and New are the values before and after, as shown to readers
	// ("3 Proficient", "12", "2026-03-02 to 2026-05-01").
	Old string `json:"old,omitempty"`
	New string `json:"new,omitempty"`
	// OldText and NewText are an expectation's own words, before and
	// after, when they changed.
	OldText string `json:"old_text,omitempty"`
	NewText string `json:"new_text,omitempty"`
	// OldID is a renamed entity's id before.
	OldID string `json:"old_id,omitempty"`

	order      []int // sort key: section, path rank, ...
	oldV, newV any   // Old and New as data, for Values
}

// Values returns the values before and after of a field that is not text,
// as data, for a reader that writes them its own way (in a language, with
// its number format): an int or float64 (a count, hours, an amount; 0 when
// not given), a bool (paid), a *site.Pay (nil when none) or a
// []datafile.FrameworkIntake. Both are nil for other changes, whose Old and
// New are text as they are.
func (c Change) Values() (old, new any) { return c.oldV, c.newV }

// Side names one of the two frameworks compared.
type Side struct {
	Label   string `json:"label"` // what the user gave: a folder, a file, a revision
	Version string `json:"version,omitempty"`
	Hash    string `json:"hash,omitempty"`
}

// Report is the result of Compare.
type Report struct {
	Old     Side     `json:"old"`
	New     Side     `json:"new"`
	Changes []Change `json:"changes"`

	tracks map[string]string // track titles, for the groups' headings
}

// Empty reports whether the frameworks are the same.
func (r *Report) Empty() bool { return len(r.Changes) == 0 }

// ForLevel returns the changes of the level with full id id.
func (r *Report) ForLevel(id string) []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Entity == Level && c.ID == id {
			out = append(out, c)
		}
	}
	return out
}

// Compare returns the changes from old to new.
func Compare(old, new *datafile.Framework) *Report {
	c := newComparer(old, new)
	c.framework()
	c.tracks()
	rest := []func(){c.competencies(), c.courses(), c.programs(), c.pages()}
	c.levels()
	for _, f := range rest {
		f()
	}
	slices.SortStableFunc(c.out, func(a, b Change) int { return slices.Compare(a.order, b.order) })
	if c.out == nil {
		c.out = []Change{}
	}
	return &Report{Old: Side{Version: old.Version, Hash: old.Hash}, New: Side{Version: new.Version, Hash: new.Hash}, Changes: c.out,
		tracks: c.titles[Track]}
}

// Sections of the order of changes.
const (
	secFramework = iota
	secTrack
	secCompetency
	secCourse
	secProgram
	secPage
)

type comparer struct {
	old, new *datafile.Framework
	// renamed maps an old id to its new one, per kind.
	renamed map[Entity]map[string]string
	// titles of the new side, else the old, per kind and id, to name items.
	titles map[Entity]map[string]string
	// trackOrder is the position of each track (new side first).
	trackOrder map[string]int
	out        []Change
}

func newComparer(old, new *datafile.Framework) *comparer {
	c := &comparer{old: old, new: new, renamed: map[Entity]map[string]string{}, titles: map[Entity]map[string]string{}, trackOrder: map[string]int{}}
	for _, k := range []Entity{Track, Level, Competency, Course, Program, Page} {
		c.titles[k] = map[string]string{}
		c.renamed[k] = map[string]string{}
	}
	for _, f := range []*datafile.Framework{old, new} {
		for _, t := range f.Tracks {
			c.titles[Track][t.ID] = t.Title
		}
		for _, l := range f.Levels {
			c.titles[Level][l.ID] = l.Title
		}
		for _, x := range f.Competencies {
			c.titles[Competency][x.ID] = x.Title
		}
		for _, x := range f.Courses {
			c.titles[Course][x.ID] = x.Title
		}
		for _, x := range f.Programs {
			c.titles[Program][x.ID] = x.Title
		}
	}
	for i, t := range new.Tracks {
		c.trackOrder[t.ID] = i
	}
	n := len(new.Tracks)
	for _, t := range old.Tracks {
		if _, ok := c.trackOrder[t.ID]; !ok {
			c.trackOrder[t.ID] = n
			n++
		}
	}
	return c
}

func (c *comparer) add(ch Change, order ...int) {
	ch.order = order
	c.out = append(c.out, ch)
}

// ref returns the id on the new side of an old reference of kind k.
func (c *comparer) ref(k Entity, id string) string {
	if n, ok := c.renamed[k][id]; ok {
		return n
	}
	return id
}

func (c *comparer) refs(k Entity, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = c.ref(k, id)
	}
	return out
}

// levelRef maps an old level id through the renames of tracks and levels.
func (c *comparer) levelRef(id string) string {
	if n, ok := c.renamed[Level][id]; ok {
		return n
	}
	return c.trackedLevel(id)
}

// trackedLevel maps an old level id through the rename of its track only.
func (c *comparer) trackedLevel(id string) string {
	t, l, ok := strings.Cut(id, "/")
	if !ok {
		return id
	}
	return c.ref(Track, t) + "/" + l
}

// match pairs the ids that disappear with those that appear: first by equal
// content, then by equal title (when sameGroup allows the pair), each old
// id with at most one new one, in the order given. It records the pairs in
// c.renamed[k] and returns them.
func (c *comparer) match(k Entity, gone, came []string, content, title func(old bool, id string) string, sameGroup func(o, n string) bool) [][2]string {
	var pairs [][2]string
	used := map[string]bool{}
	taken := map[string]bool{}
	for pass := 0; pass < 2; pass++ {
		for _, o := range gone {
			if taken[o] {
				continue
			}
			for _, n := range came {
				if used[n] {
					continue
				}
				var same bool
				if pass == 0 {
					same = content(true, o) == content(false, n)
				} else {
					ot := title(true, o)
					same = ot != "" && ot == title(false, n) && (sameGroup == nil || sameGroup(o, n))
				}
				if same {
					used[n], taken[o] = true, true
					c.renamed[k][o] = n
					pairs = append(pairs, [2]string{o, n})
					break
				}
			}
		}
	}
	return pairs
}

// split returns the ids only in old (after mapping through mapOld) and
// only in new, each in its side's order.
func split(oldIDs, newIDs []string, mapOld func(string) string) (gone, came []string) {
	inNew := map[string]bool{}
	for _, id := range newIDs {
		inNew[id] = true
	}
	inOld := map[string]bool{}
	for _, id := range oldIDs {
		m := mapOld(id)
		inOld[m] = true
		if !inNew[m] {
			gone = append(gone, id)
		}
	}
	for _, id := range newIDs {
		if !inOld[id] {
			came = append(came, id)
		}
	}
	return gone, came
}

func same(s string) string { return s }

// scaleName returns "3 Proficient" for point 3 of scale.
func scaleName(scale []string, n int) string {
	if n >= 1 && n <= len(scale) {
		return itoa(n) + " " + scale[n-1]
	}
	return itoa(n)
}

// diffSet compares two lists as sets, in a stable order: removed items in
// old's order, then added ones in new's.
func diffSet(old, new []string) (removed, added []string) {
	return split(old, new, same)
}
