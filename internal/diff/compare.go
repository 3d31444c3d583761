package diff

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/site"
)

func itoa(n int) string { return strconv.Itoa(n) }

// num writes a number as TOML would: without a fraction when it has none.
func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func optNum(f float64) string {
	if f == 0 {
		return ""
	}
	return num(f)
}

func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return itoa(n)
}

// scope is the entity a group of changes is about.
type scope struct {
	entity    Entity
	id, title string
	track     string
	order     []int
	comparer  *comparer
}

// field records a change of a scalar field when old and new differ.
func (s scope) field(name, old, new string) { s.value(name, old, new, nil, nil) }

// value records a change of a field that is not text, when old and new
// (its values written out) differ: ov and nv are the values as data (a
// number, a bool, a *site.Pay, intakes), for Change.Values.
func (s scope) value(name, old, new string, ov, nv any) {
	if old == new {
		return
	}
	s.comparer.add(Change{Entity: s.entity, ID: s.id, Title: s.title, Track: s.track, Kind: Changed, Field: name, Old: old, New: new, oldV: ov, newV: nv}, s.order...)
}

// list records the items added to and removed from a list of references of
// kind k (old already mapped to new ids).
func (s scope) list(name string, k Entity, old, new []string) {
	removed, added := diffSet(old, new)
	for _, id := range removed {
		s.comparer.add(Change{Entity: s.entity, ID: s.id, Title: s.title, Track: s.track, Kind: Removed, Field: name, Item: id, ItemTitle: s.comparer.titles[k][id]}, s.order...)
	}
	for _, id := range added {
		s.comparer.add(Change{Entity: s.entity, ID: s.id, Title: s.title, Track: s.track, Kind: Added, Field: name, Item: id, ItemTitle: s.comparer.titles[k][id]}, s.order...)
	}
}

// whole records the entity itself added or removed, or renamed.
func (s scope) whole(kind Kind, oldID string) {
	s.comparer.add(Change{Entity: s.entity, ID: s.id, Title: s.title, Track: s.track, Kind: kind, OldID: oldID}, s.order...)
}

// expects compares expectations (or a course's skills): added, removed,
// raised, lowered, and reworded.
func (s scope) expects(name string, old, new []datafile.FrameworkExpect) {
	c := s.comparer
	byID := func(es []datafile.FrameworkExpect, mapID func(string) string) (map[string]datafile.FrameworkExpect, []string) {
		m := map[string]datafile.FrameworkExpect{}
		var ids []string
		for _, e := range es {
			id := mapID(e.ID)
			if _, dup := m[id]; !dup {
				ids = append(ids, id)
			}
			m[id] = e
		}
		return m, ids
	}
	om, oids := byID(old, func(id string) string { return c.ref(Competency, id) })
	nm, nids := byID(new, same)
	removed, added := diffSet(oids, nids)
	base := Change{Entity: s.entity, ID: s.id, Title: s.title, Track: s.track, Field: name}
	for _, id := range removed {
		ch := base
		ch.Kind, ch.Item, ch.ItemTitle = Removed, id, c.titles[Competency][id]
		ch.Old, ch.OldText = scaleName(c.old.Scale, om[id].Level), om[id].Text()
		c.add(ch, s.order...)
	}
	for _, id := range added {
		ch := base
		ch.Kind, ch.Item, ch.ItemTitle = Added, id, c.titles[Competency][id]
		ch.New, ch.NewText = scaleName(c.new.Scale, nm[id].Level), nm[id].Text()
		c.add(ch, s.order...)
	}
	for _, id := range nids {
		o, ok := om[id]
		if !ok {
			continue
		}
		n := nm[id]
		if o.Level == n.Level && o.Text() == n.Text() {
			continue
		}
		ch := base
		ch.Item, ch.ItemTitle = id, c.titles[Competency][id]
		ch.Old, ch.New = scaleName(c.old.Scale, o.Level), scaleName(c.new.Scale, n.Level)
		switch {
		case n.Level > o.Level:
			ch.Kind = Raised
		case n.Level < o.Level:
			ch.Kind = Lowered
		default:
			ch.Kind = Changed
		}
		if o.Text() != n.Text() {
			ch.OldText, ch.NewText = o.Text(), n.Text()
		}
		c.add(ch, s.order...)
	}
}

// content is an entity's JSON without its id and URL (and the fields
// clear blanks), to find renames by equal content.
func content[T any](x T, clear func(*T)) string {
	clear(&x)
	b, _ := json.Marshal(x)
	return string(b)
}

func (c *comparer) framework() {
	s := scope{entity: Framework, title: c.new.Title, order: []int{secFramework}, comparer: c}
	s.field("title", c.old.Title, c.new.Title)
	for i := 0; i < max(len(c.old.Scale), len(c.new.Scale)); i++ {
		var o, n string
		if i < len(c.old.Scale) {
			o = c.old.Scale[i]
		}
		if i < len(c.new.Scale) {
			n = c.new.Scale[i]
		}
		s.field("scale."+itoa(i+1), o, n)
	}
}

func (c *comparer) tracks() {
	om := index(c.old.Tracks, func(t datafile.FrameworkTrack) string { return t.ID })
	nm := index(c.new.Tracks, func(t datafile.FrameworkTrack) string { return t.ID })
	gone, came := split(slices.Collect(maps.Keys(om)), slices.Collect(maps.Keys(nm)), same)
	slices.Sort(gone)
	slices.Sort(came)
	clear := func(t *datafile.FrameworkTrack) { t.ID, t.URL, t.Levels = "", "", nil }
	pairs := c.match(Track, gone, came,
		func(old bool, id string) string {
			if old {
				return content(om[id], clear)
			}
			return content(nm[id], clear)
		},
		func(old bool, id string) string {
			if old {
				return om[id].Title
			}
			return nm[id].Title
		}, nil)
	for _, p := range pairs {
		t := nm[p[1]]
		scope{entity: Track, id: t.ID, title: t.Title, track: t.ID, order: []int{secTrack, c.trackOrder[t.ID], 0}, comparer: c}.whole(Renamed, p[0])
	}
	for _, id := range gone {
		if _, ok := c.renamed[Track][id]; !ok {
			t := om[id]
			scope{entity: Track, id: t.ID, title: t.Title, track: t.ID, order: []int{secTrack, c.trackOrder[t.ID], 0}, comparer: c}.whole(Removed, "")
		}
	}
	for _, t := range c.new.Tracks {
		s := scope{entity: Track, id: t.ID, title: t.Title, track: t.ID, order: []int{secTrack, c.trackOrder[t.ID], 0}, comparer: c}
		oldID := t.ID
		for o, n := range c.renamed[Track] {
			if n == t.ID {
				oldID = o
			}
		}
		o, ok := om[oldID]
		if !ok {
			s.whole(Added, "")
			continue
		}
		s.field("title", o.Title, t.Title)
		s.field("summary", o.Summary, t.Summary)
		s.field("family", o.Family, t.Family)
		s.field("status", statusName(o.Status), statusName(t.Status))
	}
}

// statusName is a track's status in words: framework.json leaves out
// "active".
func statusName(s string) string {
	if s == "" {
		return "active"
	}
	return s
}

// levelOrder is the sort key of a level's changes: its track, then path
// (in the track's order), rank and id.
func (c *comparer) levelOrder(l datafile.FrameworkLevel, side *datafile.Framework) []int {
	path := 0
	for _, t := range side.Tracks {
		if t.ID == l.Track {
			path = slices.Index(t.Paths, l.Path)
		}
	}
	return []int{secTrack, c.trackOrder[c.ref(Track, l.Track)], 1, path, l.Rank}
}

func (c *comparer) levels() {
	om := index(c.old.Levels, func(l datafile.FrameworkLevel) string { return l.ID })
	nm := index(c.new.Levels, func(l datafile.FrameworkLevel) string { return l.ID })
	oldIDs := ids(c.old.Levels, func(l datafile.FrameworkLevel) string { return l.ID })
	newIDs := ids(c.new.Levels, func(l datafile.FrameworkLevel) string { return l.ID })
	// A level of a renamed track is the same level under its new id.
	byMapped := map[string]string{}
	for _, id := range oldIDs {
		byMapped[c.trackedLevel(id)] = id
	}
	gone, came := split(oldIDs, newIDs, c.trackedLevel)
	clear := func(l *datafile.FrameworkLevel) { l.ID, l.URL, l.Track, l.Programs = "", "", "", nil }
	pairs := c.match(Level, gone, came,
		func(old bool, id string) string {
			if old {
				return content(om[id], clear)
			}
			return content(nm[id], clear)
		},
		func(old bool, id string) string {
			if old {
				return om[id].Title
			}
			return nm[id].Title
		},
		func(o, n string) bool { return c.ref(Track, om[o].Track) == nm[n].Track })
	for _, id := range oldIDs {
		if m := c.trackedLevel(id); m != id {
			if _, ok := nm[m]; ok {
				c.renamed[Level][id] = m
			}
		}
	}
	oldOf := map[string]string{}
	for _, p := range pairs {
		oldOf[p[1]] = p[0]
	}
	for _, id := range gone {
		if _, ok := c.renamed[Level][id]; ok {
			continue
		}
		l := om[id]
		scope{entity: Level, id: l.ID, title: l.Title, track: l.Track, order: append(c.levelOrder(l, c.old), 1), comparer: c}.whole(Removed, "")
	}
	for _, l := range c.new.Levels {
		s := scope{entity: Level, id: l.ID, title: l.Title, track: l.Track, order: c.levelOrder(l, c.new), comparer: c}
		oldID, renamed := oldOf[l.ID]
		if !renamed {
			oldID = byMapped[l.ID]
		}
		o, ok := om[oldID]
		if !ok {
			s.whole(Added, "")
			continue
		}
		if renamed {
			s.whole(Renamed, oldID)
		}
		c.level(s, o, l)
	}
}

// courseState is how a level lists a course.
func courseState(l datafile.FrameworkLevel, id string, mapID func(string) string) string {
	for _, x := range l.Required {
		if mapID(x) == id {
			return "required"
		}
	}
	for _, x := range l.Optional {
		if mapID(x) == id {
			return "optional"
		}
	}
	return ""
}

func (c *comparer) level(s scope, o, n datafile.FrameworkLevel) {
	s.field("title", o.Title, n.Title)
	s.field("code", o.Code, n.Code)
	s.value("rank", itoa(o.Rank), itoa(n.Rank), o.Rank, n.Rank)
	s.field("path", o.Path, n.Path)
	s.field("summary", o.Summary, n.Summary)
	s.value("min_months", optInt(o.MinMonths), optInt(n.MinMonths), o.MinMonths, n.MinMonths)
	s.field("onet_soc", o.ONetSOC, n.ONetSOC)
	s.expects("competencies", o.Competencies, n.Competencies)
	// Courses: each course either level lists, in the new side's order
	// and then the old's.
	mapCourse := func(id string) string { return c.ref(Course, id) }
	var courses []string
	seen := map[string]bool{}
	for _, list := range [][]string{n.Required, n.Optional, c.refs(Course, o.Required), c.refs(Course, o.Optional)} {
		for _, id := range list {
			if !seen[id] {
				seen[id] = true
				courses = append(courses, id)
			}
		}
	}
	for _, id := range courses {
		was, is := courseState(o, id, mapCourse), courseState(n, id, same)
		if was == is {
			continue
		}
		kind := Dropped
		switch is {
		case "required":
			kind = Required
		case "optional":
			kind = Optional
		}
		c.add(Change{Entity: Level, ID: s.id, Title: s.title, Track: s.track, Kind: kind, Field: "courses",
			Item: id, ItemTitle: c.titles[Course][id], Old: was, New: is}, s.order...)
	}
	s.list("next", Level, mapList(o.Next, c.levelRef), n.Next)
	s.list("moves", Level, mapList(o.Moves, c.levelRef), n.Moves)
	s.value("pay", pay(o.Pay), pay(n.Pay), o.Pay, n.Pay)
}

func mapList(ids []string, f func(string) string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = f(id)
	}
	return out
}

// pay writes a pay band as "95000–130000 USD".
func pay(p *site.Pay) string {
	if p == nil {
		return ""
	}
	var b strings.Builder
	switch {
	case p.Min != 0 && p.Max != 0:
		b.WriteString(itoa(p.Min) + "–" + itoa(p.Max))
	case p.Min != 0:
		b.WriteString("from " + itoa(p.Min))
	case p.Max != 0:
		b.WriteString("up to " + itoa(p.Max))
	}
	if p.Currency != "" {
		b.WriteString(" " + p.Currency)
	}
	return strings.TrimSpace(b.String())
}

func (c *comparer) competencies() func() {
	om := index(c.old.Competencies, func(x datafile.FrameworkComp) string { return x.ID })
	nm := index(c.new.Competencies, func(x datafile.FrameworkComp) string { return x.ID })
	clear := func(x *datafile.FrameworkComp) { x.ID, x.URL = "", "" }
	return entities(c, Competency, secCompetency, om, nm, clear,
		func(x datafile.FrameworkComp) string { return x.Title },
		func(s scope, o, n datafile.FrameworkComp) {
			s.field("title", o.Title, n.Title)
			s.field("category", o.Category, n.Category)
			s.field("summary", o.Summary, n.Summary)
			points := slices.Sorted(maps.Keys(o.Levels))
			for k := range n.Levels {
				if _, ok := o.Levels[k]; !ok {
					points = append(points, k)
				}
			}
			slices.SortFunc(points, func(a, b string) int {
				ai, _ := strconv.Atoi(a)
				bi, _ := strconv.Atoi(b)
				if ai != bi {
					return ai - bi
				}
				return strings.Compare(a, b)
			})
			for _, k := range points {
				s.field("levels."+k, o.Levels[k], n.Levels[k])
			}
		})
}

func (c *comparer) courses() func() {
	om := index(c.old.Courses, func(x datafile.FrameworkCourse) string { return x.ID })
	nm := index(c.new.Courses, func(x datafile.FrameworkCourse) string { return x.ID })
	clear := func(x *datafile.FrameworkCourse) { x.ID, x.URL = "", "" }
	return entities(c, Course, secCourse, om, nm, clear,
		func(x datafile.FrameworkCourse) string { return x.Title },
		func(s scope, o, n datafile.FrameworkCourse) {
			s.field("title", o.Title, n.Title)
			s.field("provider", o.Provider, n.Provider)
			s.field("format", o.Format, n.Format)
			s.value("hours", num(o.Hours), num(n.Hours), o.Hours, n.Hours)
			s.value("cost", optNum(o.Cost), optNum(n.Cost), o.Cost, n.Cost)
			s.field("currency", o.Currency, n.Currency)
			s.field("url", o.LMSURL, n.LMSURL)
			s.field("credential", o.Credential, n.Credential)
			s.list("prerequisites", Course, c.refs(Course, o.Prerequisites), n.Prerequisites)
			s.expects("skills", o.Skills, n.Skills)
		})
}

func (c *comparer) programs() func() {
	om := index(c.old.Programs, func(x datafile.FrameworkProg) string { return x.ID })
	nm := index(c.new.Programs, func(x datafile.FrameworkProg) string { return x.ID })
	clear := func(x *datafile.FrameworkProg) { x.ID, x.URL = "", "" }
	return entities(c, Program, secProgram, om, nm, clear,
		func(x datafile.FrameworkProg) string { return x.Title },
		func(s scope, o, n datafile.FrameworkProg) {
			s.field("title", o.Title, n.Title)
			s.field("kind", o.Kind, n.Kind)
			s.field("summary", o.Summary, n.Summary)
			s.field("duration", o.Duration, n.Duration)
			s.value("weekly_hours", optNum(o.WeeklyHours), optNum(n.WeeklyHours), o.WeeklyHours, n.WeeklyHours)
			s.value("paid", strconv.FormatBool(o.Paid), strconv.FormatBool(n.Paid), o.Paid, n.Paid)
			s.list("fields", "", o.Fields, n.Fields)
			s.list("courses", Course, c.refs(Course, o.Courses), n.Courses)
			s.list("leads_to", Level, mapList(o.LeadsTo, c.levelRef), n.LeadsTo)
			s.value("intakes", intakes(o.Intakes), intakes(n.Intakes), o.Intakes, n.Intakes)
			oe, ne := o.Eligibility, n.Eligibility
			s.value("eligibility.min_tenure_months", optInt(oe.MinTenureMonths), optInt(ne.MinTenureMonths), oe.MinTenureMonths, ne.MinTenureMonths)
			s.list("eligibility.tracks", Track, c.refs(Track, oe.Tracks), ne.Tracks)
			s.list("eligibility.levels", Level, mapList(oe.Levels, c.levelRef), ne.Levels)
			s.list("eligibility.courses", Course, c.refs(Course, oe.Courses), ne.Courses)
			s.field("eligibility.approval", oe.Approval, ne.Approval)
			s.field("eligibility.note", oe.Note, ne.Note)
			of, nf := o.Funding, n.Funding
			s.value("funding.tuition_percent", optNum(of.TuitionPercent), optNum(nf.TuitionPercent), of.TuitionPercent, nf.TuitionPercent)
			s.value("funding.cap", optNum(of.Cap), optNum(nf.Cap), of.Cap, nf.Cap)
			s.field("funding.currency", of.Currency, nf.Currency)
			s.list("funding.covers", "", of.Covers, nf.Covers)
			s.field("funding.payback", of.Payback, nf.Payback)
			s.value("outcomes.placement_rate", optNum(o.Outcomes.PlacementRate), optNum(n.Outcomes.PlacementRate), o.Outcomes.PlacementRate, n.Outcomes.PlacementRate)
			s.value("outcomes.participants", optInt(o.Outcomes.Participants), optInt(n.Outcomes.Participants), o.Outcomes.Participants, n.Outcomes.Participants)
		})
}

// intakes writes a program's intakes, one per line: "apply 2026-01-05 to
// 2026-02-15, start 2026-03-02".
func intakes(in []datafile.FrameworkIntake) string {
	var lines []string
	for _, x := range in {
		var parts []string
		switch {
		case x.ApplyFrom != "" && x.ApplyBy != "":
			parts = append(parts, "apply "+x.ApplyFrom+" to "+x.ApplyBy)
		case x.ApplyBy != "":
			parts = append(parts, "apply by "+x.ApplyBy)
		case x.ApplyFrom != "":
			parts = append(parts, "apply from "+x.ApplyFrom)
		}
		if x.Start != "" {
			parts = append(parts, "start "+x.Start)
		}
		lines = append(lines, strings.Join(parts, ", "))
	}
	return strings.Join(lines, "; ")
}

func (c *comparer) pages() func() {
	om := index(c.old.Pages, func(x datafile.FrameworkPage) string { return x.ID })
	nm := index(c.new.Pages, func(x datafile.FrameworkPage) string { return x.ID })
	clear := func(x *datafile.FrameworkPage) { x.ID, x.URL = "", "" }
	return entities(c, Page, secPage, om, nm, clear,
		func(x datafile.FrameworkPage) string { return x.Title },
		func(s scope, o, n datafile.FrameworkPage) { s.field("title", o.Title, n.Title) })
}

// entities compares one kind of entity that has no track: renames, then
// removals, additions and the changes of each entity in both, by id.
//
// It finds the renames at once and returns the function that records the
// changes, so that the renames of every kind are known before any
// reference is compared.
func entities[T any](c *comparer, k Entity, sec int, om, nm map[string]T, clear func(*T), title func(T) string, fields func(s scope, o, n T)) func() {
	gone, came := split(slices.Sorted(maps.Keys(om)), slices.Sorted(maps.Keys(nm)), same)
	pairs := c.match(k, gone, came,
		func(old bool, id string) string {
			if old {
				return content(om[id], clear)
			}
			return content(nm[id], clear)
		},
		func(old bool, id string) string {
			if old {
				return title(om[id])
			}
			return title(nm[id])
		}, nil)
	oldOf := map[string]string{}
	for _, p := range pairs {
		oldOf[p[1]] = p[0]
	}
	return func() { emit(c, k, sec, om, nm, gone, oldOf, title, fields) }
}

func emit[T any](c *comparer, k Entity, sec int, om, nm map[string]T, gone []string, oldOf map[string]string, title func(T) string, fields func(s scope, o, n T)) {
	added, removed := Added, Removed
	if k == Program {
		added, removed = Opened, Closed
	}
	var all []string
	for id := range nm {
		all = append(all, id)
	}
	for _, id := range gone {
		if _, ok := c.renamed[k][id]; !ok {
			all = append(all, id)
		}
	}
	slices.Sort(all)
	for i, id := range all {
		n, inNew := nm[id]
		if !inNew {
			o := om[id]
			scope{entity: k, id: id, title: title(o), order: []int{sec, i}, comparer: c}.whole(removed, "")
			continue
		}
		s := scope{entity: k, id: id, title: title(n), order: []int{sec, i}, comparer: c}
		oldID, renamed := oldOf[id]
		if !renamed {
			oldID = id
		}
		o, ok := om[oldID]
		if !ok {
			s.whole(added, "")
			continue
		}
		if renamed {
			s.whole(Renamed, oldID)
		}
		fields(s, o, n)
	}
}

func index[T any](xs []T, id func(T) string) map[string]T {
	m := make(map[string]T, len(xs))
	for _, x := range xs {
		m[id(x)] = x
	}
	return m
}

func ids[T any](xs []T, id func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = id(x)
	}
	return out
}
