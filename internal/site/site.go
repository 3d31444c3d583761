// Package site is the content model of a career framework: the site's
// configuration and its tracks, levels, competencies, courses, programs and
// free pages, and the development-plan templates offered to employees. It
// does no I/O.
//
// # Model
//
// A Site is produced by the load package from a directory (or any fs.FS):
// every entity holds the values decoded from its front matter, in typed
// fields, and a Source that remembers where every key and value sits in the
// file, so that later stages can report problems at file:line:col without
// re-reading or re-parsing anything.
//
// References between entities are kept twice. The raw form is what the author
// wrote ("software/sde-2", "secure-coding"), with the key path of the value
// (for example "required_courses[1]") so that an unknown id can be pointed at.
// The resolved form (pointer fields such as Level.Next, Course.Prereqs, and the
// reverse indexes such as Course.RequiredBy) is filled in by the check package,
// which is the only place that resolves ids; render reads only resolved
// pointers.
//
// # Immutability
//
// A Site is written twice, both times before anyone else can see it: the
// load package assembles it, from fresh copies of the entities it keeps
// cached per file, and check.Resolve fills in its indexes and resolved
// pointers. From then on nothing writes to it: no exported function of any
// package modifies a checked Site, and it is safe to read from many
// goroutines. A rebuild never updates a Site; it loads, checks and renders a
// new one. What rebuilds share are the values that depend on one file alone
// (its text, key locator and converted body), cached by the loader and never
// modified, as esbuild keeps the per-file results of its parser. This is why
// the dev server needs no lock between the site a request is reading and the
// one being built.
//
// # Identity
//
// Every entity's id is its file name without the extension, or its "id" key in
// a catalogue file ([[course]] tables in a .toml file). Ids are lower-case
// [a-z0-9-]+ and unique per kind. A level's id is unique within its track, and
// its full id, used in references from other tracks, is "<track>/<level>".
//
// # Order
//
// Lists in a Site are in a fixed order so that output is deterministic: tracks
// by (Order, Title, ID); levels by track, path and rank; competencies by
// (Category, Order, Title, ID), the entries of catalogue files after the
// others of the same Order, in the files' order; courses, programs and pages by (Title, ID) unless a
// page says otherwise with Order; plan templates by (Order, Title, ID).
package site

import (
	"cmp"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

// Site is a whole career framework.
type Site struct {
	Config       Config
	Home         *Page // content/_index.md; never nil after loading
	Tracks       []*Track
	Levels       []*Level // every level of every track
	Competencies []*Competency
	Courses      []*Course
	Programs     []*Program
	Plans        []*Plan // development-plan templates
	Pages        []*Page

	// Drafts holds the entities left out because they are drafts (a
	// level's id is its full id), so that a reference to one can say why
	// it does not resolve.
	Drafts map[DraftKey]bool

	// IDs maps the ids of each kind to the positions of their entities in
	// the lists above (a level by its full id), filled by check. Of two
	// entities with one id it names the one defined first. A map holds
	// positions, not pointers, so that the sites of successive builds whose
	// ids did not change share it: once made, it is never written. Read it
	// through TrackByID and the other lookups below.
	IDs [NumKinds]map[string]int32
}

// byID returns the entity of list at the position ids gives id, or nil.
func byID[T any](list []*T, ids map[string]int32, id string) *T {
	if i, ok := ids[id]; ok {
		return list[i]
	}
	return nil
}

// TrackByID returns the track with the id, or nil.
func (s *Site) TrackByID(id string) *Track { return byID(s.Tracks, s.IDs[KindTrack], id) }

// LevelByID returns the level with the full id ("<track>/<level>"), or nil.
func (s *Site) LevelByID(id string) *Level { return byID(s.Levels, s.IDs[KindLevel], id) }

// CompetencyByID returns the competency with the id, or nil.
func (s *Site) CompetencyByID(id string) *Competency {
	return byID(s.Competencies, s.IDs[KindCompetency], id)
}

// CourseByID returns the course with the id, or nil.
func (s *Site) CourseByID(id string) *Course { return byID(s.Courses, s.IDs[KindCourse], id) }

// ProgramByID returns the program with the id, or nil.
func (s *Site) ProgramByID(id string) *Program { return byID(s.Programs, s.IDs[KindProgram], id) }

// PlanByID returns the development-plan template with the id, or nil.
func (s *Site) PlanByID(id string) *Plan { return byID(s.Plans, s.IDs[KindPlan], id) }

// PageByID returns the free page with the id, or nil.
func (s *Site) PageByID(id string) *Page { return byID(s.Pages, s.IDs[KindPage], id) }

// ByID returns the entity of kind k with the id (a level's full id), or
// nil.
func (s *Site) ByID(k Kind, id string) Entity {
	i, ok := s.IDs[k][id]
	if !ok {
		return nil
	}
	switch k {
	case KindTrack:
		return s.Tracks[i]
	case KindLevel:
		return s.Levels[i]
	case KindCompetency:
		return s.Competencies[i]
	case KindCourse:
		return s.Courses[i]
	case KindProgram:
		return s.Programs[i]
	case KindPage:
		return s.Pages[i]
	case KindPlan:
		return s.Plans[i]
	}
	return nil
}

// Has reports whether the site has an entity of kind k with the id (a
// level's full id).
func (s *Site) Has(k Kind, id string) bool {
	_, ok := s.IDs[k][id]
	return ok
}

// Config is the site configuration, from site.toml.
type Config struct {
	Title        string         `toml:"title"`
	BaseURL      string         `toml:"base_url"`
	Language     string         `toml:"language"`
	Theme        string         `toml:"theme"`
	ContentDir   string         `toml:"content_dir"`
	OutputDir    string         `toml:"output_dir"`
	RelativeURLs bool           `toml:"relative_urls"`
	Today        time.Time      `toml:"today"`
	Scale        Scale          `toml:"scale"`
	Markdown     MarkdownConfig `toml:"markdown"`
	Links        LinksConfig    `toml:"links"`
	Static       StaticConfig   `toml:"static"`
	Publish      PublishConfig  `toml:"publish"`
	Brand        BrandConfig    `toml:"brand"`
	Params       map[string]any `toml:"params"`
	Limits       Limits         `toml:"limits"`
	Check        CheckConfig    `toml:"check"`
	// Acronyms are words that titles made from ids (ladder new) write in
	// capitals, besides ladder's own short list.
	Acronyms []string `toml:"acronyms"`
	// Version is the version of the framework the site publishes
	// ("2026.2"), recorded in framework.json.
	Version string `toml:"version"`
	// Releases are the earlier versions of the framework whose data is
	// kept in the repository, oldest first as written (see Release).
	Releases []Release `toml:"releases"`
	Src      Origin    `toml:"-"`
}

// Release is a [[releases]] entry of site.toml: a version of the framework,
// its date, a summary for readers, and the framework.json of that version
// kept in the site (written by ladder release). The site's /changes/ page
// lists each release with what changed since the one before it.
type Release struct {
	Version string    `toml:"version"`
	Date    time.Time `toml:"date"`
	Summary string    `toml:"summary"`
	File    string    `toml:"file"` // slash path from the site root: "releases/2026.1.json"
	// Rev is the git commit the release was made from (ladder release
	// records it when the site is in a git repository).
	Rev string `toml:"rev"`
	// Keep publishes the whole site as it was at Rev under
	// /releases/<version>/, so that links to it keep working.
	Keep bool `toml:"keep"`
	// Data is the release file's framework.json, read and checked by the
	// loader; nil for the entry of the site's own version without a file.
	Data []byte `toml:"-"`
}

// Limits bound what the loader reads, so that a broken or hostile file is
// refused with an error instead of taking minutes and gigabytes: a decoder's
// cost can grow much faster than its input (an inline table nested ten
// thousand deep is 60 KB of text). Each is checked before the file is
// decoded. A zero field means the default (see load.DefaultLimits).
type Limits struct {
	FileSize      ByteSize `toml:"file_size"`      // bytes of one content file
	BodySize      ByteSize `toml:"body_size"`      // bytes of one markdown body
	Depth         int      `toml:"depth"`          // nesting of TOML tables and arrays
	MarkdownDepth int      `toml:"markdown_depth"` // nesting of markdown lists and block quotes
	Entities      int      `toml:"entities"`       // entities (and content files) in the site
	Tables        int      `toml:"tables"`         // TOML tables and arrays in one file
}

// ByteSize is a number of bytes, written in site.toml as an integer or as a
// string with a unit: "512KiB", "16MiB", "2MB".
type ByteSize int64

// String returns the size in the largest binary unit that divides it
// ("8 MiB"), or in bytes.
func (b ByteSize) String() string {
	for _, u := range []struct {
		name string
		n    ByteSize
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if b >= u.n && b%u.n == 0 {
			return strconv.FormatInt(int64(b/u.n), 10) + " " + u.name
		}
	}
	return strconv.FormatInt(int64(b), 10) + " bytes"
}

// Scale is the proficiency scale that competency levels 1..N refer to.
type Scale struct {
	Names []string `toml:"names"`
	// Descriptions says what each point means, one per name; shown
	// wherever a point is shown.
	Descriptions []string `toml:"descriptions"`
}

// Description returns the description of scale point n, or "".
func (s Scale) Description(n int) string {
	if n < 1 || n > len(s.Descriptions) {
		return ""
	}
	return s.Descriptions[n-1]
}

// Point returns the point of the scale called name (compared without
// regard to case), or 0.
func (s Scale) Point(name string) int {
	for i, n := range s.Names {
		if strings.EqualFold(n, name) {
			return i + 1
		}
	}
	return 0
}

// Max returns the top of the scale.
func (s Scale) Max() int { return len(s.Names) }

// Name returns the name of scale point n, or "" outside the scale.
func (s Scale) Name(n int) string {
	if n < 1 || n > len(s.Names) {
		return ""
	}
	return s.Names[n-1]
}

// MarkdownConfig holds the markdown options of site.toml.
type MarkdownConfig struct {
	UnsafeHTML bool `toml:"unsafe_html"`
}

// CheckConfig holds the [check] options of site.toml.
type CheckConfig struct {
	// Ignore lists the rules (diag.Rules ids) whose warnings are left out
	// of check, build and serve. Errors cannot be ignored: the loader
	// refuses an entry that names a rule reporting only errors.
	Ignore []string `toml:"ignore"`
}

// LinksConfig holds the link options of site.toml.
type LinksConfig struct {
	// Schemes lists the URL schemes links may use besides http, https and
	// mailto, for applications the readers trust ("msteams", "sip"). The
	// loader refuses names that are not schemes and the schemes that can
	// never be allowed (see the urlcheck package).
	Schemes []string `toml:"schemes"`
}

// StaticConfig holds the [static] options of site.toml.
type StaticConfig struct {
	// Include lists hidden files and folders of static/ (names that start
	// with a dot, as slash paths under static/: ".htaccess",
	// "docs/.nojekyll") to publish; the others are left out, and so is
	// everything under a hidden folder not listed. ".well-known" is
	// always published.
	Include []string `toml:"include"`
}

// BrandConfig carries the organisation's look into the theme.
type BrandConfig struct {
	// Name is the organisation's name, shown in the footer.
	Name string `toml:"name"`
	// Logo is an image under static/ ("logo.svg"), shown in the header
	// beside the site's title.
	Logo string `toml:"logo"`
	// Favicon is an image under static/ ("favicon.svg"), the pages' icon.
	Favicon string `toml:"favicon"`
	// Color is the primary colour, "#rrggbb": links, buttons and the
	// current navigation entry in the light colour scheme. It must reach
	// WCAG AA contrast (4.5:1) with the theme's light backgrounds.
	Color string `toml:"color"`
}

// PublishConfig says what a build shows to the people who can reach the
// site, for frameworks published on an intranet.
type PublishConfig struct {
	// NoIndex asks search engines and intranet crawlers to leave the site
	// alone: a robots.txt that disallows everything and a robots meta
	// element on every page.
	NoIndex bool `toml:"noindex"`
	// ShowPay publishes levels' pay bands (the default). When false, pay
	// bands are still checked but appear on no page and in no data file.
	ShowPay *bool `toml:"show_pay"`
}

// PayShown reports whether levels' pay bands are published.
func (p PublishConfig) PayShown() bool { return p.ShowPay == nil || *p.ShowPay }

// Origin is where an entity was read from: the file, Base the byte offset
// of its TOML text in the file (front matter starts after the opening +++
// line), and Prefix the key path of the entity inside the file
// ("course[3]" for the fourth entry of a catalogue, "" for a file that
// holds one entity). Positions are worked out from an Origin and the
// file's text, which the model does not hold: see Texts.
type Origin struct {
	File   string
	Base   int
	Prefix string
}

// Source is an Origin with the text of its file and the positions of the
// file's TOML keys: what the position of a key of the entity is worked out
// from.
type Source struct {
	Origin
	Lines *diag.LineIndex
	Keys  tomlpos.Index
}

// FileText is the text of a file and the positions of its TOML keys.
type FileText struct {
	Lines *diag.LineIndex
	Keys  tomlpos.Index
}

// Texts holds the FileText of every file a load read, by slash path from
// the site root. It lives beside the Site and not in it: the check and the
// printing of diagnostics need it, the pages do not, so a build lets go of
// it before it writes them. A Texts is not changed once made.
type Texts map[string]FileText

// Of returns the Source of o: o with its file's text. A file the Texts do
// not hold gives a Source whose positions name the file alone.
func (t Texts) Of(o Origin) Source {
	f := t[o.File]
	return Source{Origin: o, Lines: f.Lines, Keys: f.Keys}
}

// Only returns the Texts of the files given, for a caller that needs to
// keep a few of them after letting go of the rest.
func (t Texts) Only(files ...string) Texts {
	out := make(Texts, len(files))
	for _, f := range files {
		if ft, ok := t[f]; ok {
			out[f] = ft
		}
	}
	return out
}

// Sources returns a diag.Sources over the texts, for printing diagnostics
// with their source lines.
func (t Texts) Sources() diag.Sources {
	return func(file string) *diag.LineIndex { return t[file].Lines }
}

// path joins the entity's prefix and a key path relative to the entity.
func (s Source) path(key string) string {
	switch {
	case s.Prefix == "":
		return key
	case key == "":
		return s.Prefix
	case key[0] == '[':
		return s.Prefix + key
	}
	return s.Prefix + "." + key
}

// Key returns the position of the key at path (relative to the entity), or of
// its nearest ancestor, or the start of the entity when none is found.
func (s Source) Key(path string) diag.Pos {
	e, ok := s.Keys.Lookup(s.path(path))
	if !ok {
		return s.Start()
	}
	return s.Lines.Pos(s.Base+e.Key.Start, s.Base+e.Key.End)
}

// Value returns the position of the value at path (relative to the entity),
// falling back like Key. For a missing path under an existing table, the
// table's key is returned, which is where a missing key belongs.
func (s Source) Value(path string) diag.Pos {
	e, ok := s.Keys.Lookup(s.path(path))
	if !ok {
		if s.Prefix == "" && path != "" {
			return s.Start()
		}
		return s.Lines.Pos(s.Base+e.Key.Start, s.Base+e.Key.End)
	}
	return s.Lines.Pos(s.Base+e.Value.Start, s.Base+e.Value.End)
}

// Has reports whether the key at path was written in the source.
func (s Source) Has(path string) bool {
	_, ok := s.Keys.Lookup(s.path(path))
	return ok
}

// Start returns the position where the entity begins: its header in a
// catalogue, else the first line of the file.
func (s Source) Start() diag.Pos {
	if s.Prefix != "" {
		if e, ok := s.Keys.Lookup(s.Prefix); ok {
			return s.Lines.Pos(s.Base+e.Value.Start, s.Base+e.Value.End)
		}
	}
	if s.Lines == nil {
		return diag.Pos{File: s.File}
	}
	return s.Lines.Pos(0, 0)
}

// Body is an entity's markdown body, converted to HTML by the markdown
// package. Internal links are left as placeholders that render resolves
// (see markdown.Placeholder), so that the conversion depends on the file
// alone and can be cached.
type Body struct {
	HTML  template.HTML
	Text  string // plain text, for search and descriptions
	Links []Link

	// URLs holds the destination of every other link and image (external
	// or relative, as the markdown parser gives it, with KindNone) so that
	// check can refuse a scheme the site does not allow.
	URLs []Link
}

// Link is a link in a markdown body that points into the site: an entity link
// ("course:secure-coding") or a root-relative one ("/tracks/").
type Link struct {
	Kind   Kind   // KindNone for a root-relative link
	Target string // the id, or the root-relative path
	Pos    diag.Pos
}

// Ref is a reference to another entity as written: the id and the key path of
// the value that holds it, relative to the entity.
type Ref struct {
	ID  string
	Key string
}

// Common holds the fields every entity has.
type Common struct {
	ID      string `toml:"-"`
	Title   string `toml:"title"`
	Summary string `toml:"summary"`
	Draft   bool   `toml:"draft"`
	Src     Origin `toml:"-"`
	Body    Body   `toml:"-"`
}

// Kind is the kind of an entity. References and links name kinds by
// their String ("course:secure-coding").
type Kind uint8

// The kinds of entity. KindNone is no entity: a root-relative link.
const (
	KindNone Kind = iota
	KindTrack
	KindLevel
	KindCompetency
	KindCourse
	KindProgram
	KindPage
	KindPlan
	numKinds
)

// NumKinds is the number of kinds, KindNone included, for tables indexed
// by Kind.
const NumKinds = int(numKinds)

// String returns the name of the kind as references write it: "track",
// "level", "competency", "course", "program", "page", "plan", or "" for
// KindNone.
func (k Kind) String() string {
	switch k {
	case KindNone:
		return ""
	case KindTrack:
		return "track"
	case KindLevel:
		return "level"
	case KindCompetency:
		return "competency"
	case KindCourse:
		return "course"
	case KindProgram:
		return "program"
	case KindPage:
		return "page"
	case KindPlan:
		return "plan"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ParseKind returns the kind of a name as references write it, or KindNone
// for any other name.
func ParseKind(name string) Kind {
	for k := KindTrack; k < numKinds; k++ {
		if k.String() == name {
			return k
		}
	}
	return KindNone
}

// Entity is an entity of any kind: *Track, *Level, *Competency, *Course,
// *Program, *Plan or *Page.
type Entity interface {
	// EntityKind returns the entity's kind. (Program has a field named
	// Kind, the kind of program.)
	EntityKind() Kind
	// Base returns the fields every entity has.
	Base() *Common
}

// Base returns the fields every entity has; every entity type has it
// through its Common.
func (c *Common) Base() *Common { return c }

// EntityKind returns KindTrack.
func (*Track) EntityKind() Kind { return KindTrack }

// EntityKind returns KindLevel.
func (*Level) EntityKind() Kind { return KindLevel }

// EntityKind returns KindCompetency.
func (*Competency) EntityKind() Kind { return KindCompetency }

// EntityKind returns KindCourse.
func (*Course) EntityKind() Kind { return KindCourse }

// EntityKind returns KindProgram.
func (*Program) EntityKind() Kind { return KindProgram }

// EntityKind returns KindPage.
func (*Page) EntityKind() Kind { return KindPage }

// EntityKind returns KindPlan.
func (*Plan) EntityKind() Kind { return KindPlan }

// CommonOf returns the fields every entity has, for an Entity, or nil for
// anything else (templates pass entities as values of any type).
func CommonOf(x any) *Common {
	if e, ok := x.(Entity); ok && e != nil {
		return e.Base()
	}
	return nil
}

// DraftKey names an entity left out because it is a draft (see
// Site.Drafts): its kind and id (a level's full id).
type DraftKey struct {
	Kind Kind
	ID   string
}

// Page is a free page (content/pages/<slug>.md) or the home page.
type Page struct {
	Common
	Order int `toml:"order"`
}

// Track is a job family: a set of levels on one or more parallel paths.
type Track struct {
	Common
	Family string `toml:"family"`
	Order  int    `toml:"order"`
	// Status is "active" (the default, also when empty) or "legacy": a
	// track kept for the people still on it, which pages mark and the
	// path finder leaves out unless asked.
	Status string `toml:"status"`
	// GroupIDs groups the track's competencies under names of its own
	// ([groups] "Craft" = ["coding", "design"]), in place of their
	// category, for this track's matrix.
	GroupIDs map[string][]string `toml:"groups"`

	Levels []*Level // resolved: the track's levels by path, then rank
	Groups []Group  // resolved: GroupIDs in the file's order
	Paths  []string // resolved: the track's paths, "ic" first, then by name
}

// Group is a named group of competencies of a track.
type Group struct {
	Name         string
	Competencies []*Competency // in the order written
}

// TrackStatuses lists the statuses a track may have.
var TrackStatuses = []string{"active", "legacy"}

// Legacy reports whether the track is kept only for the people on it.
func (t *Track) Legacy() bool { return t.Status == "legacy" }

// Level is a role level in a track.
type Level struct {
	Common
	Full         string        `toml:"-"` // "<track>/<level>", set by the loader (see FullID)
	TrackID      string        `toml:"-"`
	Code         string        `toml:"code"`
	Rank         int           `toml:"rank,required"`
	Path         string        `toml:"path"`
	NextIDs      []string      `toml:"next"`
	MoveIDs      []string      `toml:"moves"`
	RequiredIDs  []string      `toml:"required_courses"`
	OptionalIDs  []string      `toml:"optional_courses"`
	MinMonths    int           `toml:"min_months"`
	ONetSOC      string        `toml:"onet_soc"`
	Expectations []Expectation `toml:"competencies"`
	Pay          *Pay          `toml:"pay"`

	Track    *Track     // resolved
	Next     []*Level   // resolved promotions (explicit, or the next rank on the path)
	Prev     []*Level   // resolved: levels whose Next holds this one
	Moves    []*Level   // resolved lateral moves
	MovesIn  []*Level   // resolved: levels whose Moves hold this one
	Required []*Course  // resolved
	Optional []*Course  // resolved
	LedBy    []*Program // resolved: programs whose leads_to holds this level
}

// FullID returns "<track>/<level>".
func (l *Level) FullID() string {
	if l.Full != "" {
		return l.Full
	}
	return l.TrackID + "/" + l.ID
}

// Expectation returns the level's expectation for a competency, or nil.
func (l *Level) Expectation(competency string) *Expectation {
	for i := range l.Expectations {
		if l.Expectations[i].CompetencyID == competency {
			return &l.Expectations[i]
		}
	}
	return nil
}

// Expectation is what a level expects of one competency.
type Expectation struct {
	CompetencyID string
	Level        int
	// LevelName is the level as written when it is a name on the scale
	// (level = "Proficient"); check sets Level from it.
	LevelName string
	// Expect holds the criteria in the level's own words (expect = "..."
	// or expect = ["...", "..."]), each inline markdown; when there are
	// none, the competency's descriptor of Level says what is expected.
	Expect []Inline
	// Examples holds examples of the expected behaviour, each inline
	// markdown.
	Examples []Inline
	Key      string // key path, e.g. "competencies.coding"
}

// ExpectText returns the criteria as written, one per line, for plain
// text outputs (spreadsheets, search).
func (e *Expectation) ExpectText() string {
	var b strings.Builder
	for i, x := range e.Expect {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(x.Text)
	}
	return b.String()
}

// Inline is a short text of inline markdown (a criterion, an example): as
// written, and converted to HTML by the loader, with internal links left as
// placeholders that render resolves, as in a Body.
type Inline struct {
	Text  string
	HTML  template.HTML
	Plain string // the text without its markup, for the tools' data
}

// Pay is a level's pay band.
type Pay struct {
	Min      int    `toml:"min" json:"min,omitempty"`
	Max      int    `toml:"max" json:"max,omitempty"`
	Currency string `toml:"currency" json:"currency,omitempty"`
}

// Competency is a skill or behaviour that levels expect at a point of the
// scale.
type Competency struct {
	Common
	Category    string            `toml:"category"`
	Order       int               `toml:"order"` // sort key within its category
	ESCO        string            `toml:"esco"`
	Descriptors map[string]string `toml:"levels"` // scale point ("1".."N") -> descriptor

	// ESCOLink is ESCO once check has accepted it as a link, typed so that
	// html/template writes it as it is; "" when there is none.
	ESCOLink template.URL

	// Seq is the entity's place in its catalogue file ([[competency]]
	// tables), so that a catalogue keeps its order; 0 in a file of its own.
	Seq int

	ExpectedBy []*Level  // resolved: levels that expect it, in site order
	TaughtBy   []*Course // resolved: courses whose skills include it
}

// Descriptor returns the descriptor of scale point n, or "".
func (c *Competency) Descriptor(n int) string {
	return c.Descriptors[strconv.Itoa(n)]
}

// Course is a course in the catalogue.
type Course struct {
	Common
	Provider   string        `toml:"provider"`
	Format     string        `toml:"format"`
	Hours      float64       `toml:"hours"`
	Cost       float64       `toml:"cost"`
	CostGiven  bool          `toml:"-"` // cost is written, even as 0 (free)
	Currency   string        `toml:"currency"`
	URL        string        `toml:"url"`
	Credential string        `toml:"credential"`
	PrereqIDs  []string      `toml:"prerequisites"`
	Skills     []Expectation `toml:"skills"` // competency -> level the course brings a learner to

	// Link is URL once check has accepted it (see the urlcheck package),
	// typed so that html/template writes an allowed custom scheme
	// ("msteams:") as it is instead of "#ZgotmplZ"; "" when there is none.
	// Templates and the render package write Link, never URL.
	Link template.URL

	Prereqs    []*Course  // resolved
	Unlocks    []*Course  // resolved: courses that have this one as a prerequisite
	RequiredBy []*Level   // resolved
	OptionalBy []*Level   // resolved
	InPrograms []*Program // resolved
}

// ReservedSlugs are the first path segments of the pages the site makes
// itself; a free page may not take one as its slug.
var ReservedSlugs = []string{"404.html", "assess", "assets", "compare", "competencies", "courses", "data", "paths", "plan", "plans", "programs", "search", "sitemap.xml", "tracks"}

// Formats lists the course formats the SPEC allows.
var Formats = []string{"self-paced", "instructor-led", "on-the-job", "blended", "video", "classroom"}

// ProgramKinds lists the program kinds the SPEC allows.
var ProgramKinds = []string{"tuition", "academy", "apprenticeship", "on-the-job", "leadership", "university"}

// Program is a learning program: a tuition plan, an academy, an
// apprenticeship, a leadership track.
type Program struct {
	Common
	Kind     string `toml:"kind"`
	Duration string `toml:"duration"`
	// Months is how long the program takes, in whole months, as a range
	// (months = [18, 24]) or one number (months = 9); the zero value when
	// the program does not say. Routes count it as a range.
	Months      Months      `toml:"months"`
	WeeklyHours float64     `toml:"weekly_hours"`
	Paid        bool        `toml:"paid"`
	Fields      []string    `toml:"fields"`
	CourseIDs   []string    `toml:"courses"`
	LeadsToIDs  []string    `toml:"leads_to"`
	Intakes     []Intake    `toml:"intakes"`
	Eligibility Eligibility `toml:"eligibility"`
	Funding     Funding     `toml:"funding"`
	Outcomes    Outcomes    `toml:"outcomes"`

	Courses []*Course // resolved
	LeadsTo []*Level  // resolved
}

// Months is a length of time in whole months, from Min to Max (equal for
// a fixed length). The zero value means unknown.
type Months struct {
	Min, Max int
}

// Known reports whether the length is given.
func (m Months) Known() bool { return m.Max > 0 }

// Range returns the length as [min, max], or nil when it is unknown, as
// the data files write it.
func (m Months) Range() []int {
	if !m.Known() {
		return nil
	}
	return []int{m.Min, m.Max}
}

// ISO8601 returns the length as an ISO 8601 duration of its upper end
// ("P24M"), or "" when it is unknown: schema.org's timeToComplete names
// the time a program takes at most.
func (m Months) ISO8601() string {
	if !m.Known() {
		return ""
	}
	return "P" + strconv.Itoa(m.Max) + "M"
}

// Intake is an application window of a program.
type Intake struct {
	ApplyFrom time.Time `toml:"apply_from"`
	ApplyBy   time.Time `toml:"apply_by"`
	Start     time.Time `toml:"start"`
}

// Eligibility says who may join a program.
type Eligibility struct {
	MinTenureMonths int      `toml:"min_tenure_months"`
	TrackIDs        []string `toml:"tracks"`
	LevelIDs        []string `toml:"levels"`
	CourseIDs       []string `toml:"courses"`
	Approval        string   `toml:"approval"`
	Note            string   `toml:"note"`

	Tracks  []*Track  // resolved
	Levels  []*Level  // resolved
	Courses []*Course // resolved
}

// Admits reports whether an employee at level l meets the program's track
// and level conditions (tenure, courses and approval are for the employee to
// meet).
func (e *Eligibility) Admits(l *Level) bool {
	if len(e.Tracks) > 0 {
		ok := false
		for _, t := range e.Tracks {
			ok = ok || t == l.Track
		}
		if !ok {
			return false
		}
	}
	if len(e.Levels) > 0 {
		ok := false
		for _, x := range e.Levels {
			ok = ok || x == l
		}
		if !ok {
			return false
		}
	}
	return true
}

// Funding says what a program pays for.
type Funding struct {
	TuitionPercent float64  `toml:"tuition_percent" json:"tuition_percent,omitempty"`
	Cap            float64  `toml:"cap" json:"cap,omitempty"`
	Currency       string   `toml:"currency" json:"currency,omitempty"`
	Covers         []string `toml:"covers" json:"covers,omitempty"`
	Payback        string   `toml:"payback" json:"payback,omitempty"`
}

// Outcomes holds a program's published figures.
type Outcomes struct {
	PlacementRate float64 `toml:"placement_rate" json:"placement_rate,omitempty"`
	Participants  int     `toml:"participants" json:"participants,omitempty"`
}

// Plan is a development-plan template (content/plans/<id>.md): goals, each
// with actions that name a course to take, a program to join or a
// competency to grow, offered to the people of some tracks or levels as the
// start of their own plan on /plan/. Its markdown body introduces it.
type Plan struct {
	Common
	Order int `toml:"order"`
	// TrackIDs and LevelIDs say whom the template is for: every level of
	// the tracks, and the levels (full ids); a level in either is offered
	// the template. With neither, every level is.
	TrackIDs []string `toml:"tracks"`
	LevelIDs []string `toml:"levels"`
	Goals    []Goal   `toml:"goals"`

	Tracks []*Track // resolved
	Levels []*Level // resolved
}

// For reports whether the template is offered at level l: l's track is one
// of its tracks, or l one of its levels, or it names neither.
func (p *Plan) For(l *Level) bool {
	if len(p.TrackIDs) == 0 && len(p.LevelIDs) == 0 {
		return true
	}
	for _, t := range p.Tracks {
		if t == l.Track {
			return true
		}
	}
	for _, x := range p.Levels {
		if x == l {
			return true
		}
	}
	return false
}

// Goal is one goal of a plan template: what to reach, why, and the actions
// that get there.
type Goal struct {
	Title string `toml:"title"`
	// Text says more, in inline markdown; Desc is it converted by the
	// loader, with internal links left as placeholders, as in an Inline.
	Text    string   `toml:"text"`
	Actions []Action `toml:"actions"`
	Desc    Inline   `toml:"-"`
}

// Action is one step towards a goal, a checklist item of the plan: a course
// to take, a program to join or a competency to grow (to Level, a point of
// the scale, when given), or only Text. Text, when given, is what the
// checklist item says, with the course, program or competency linked beside
// it; without it, the item's words are made from what it names ("Take
// Linux command line (6 h)").
type Action struct {
	Text         string `toml:"text"`
	CourseID     string `toml:"course"`
	ProgramID    string `toml:"program"`
	CompetencyID string `toml:"competency"`
	Level        int    `toml:"level"`

	Course     *Course     // resolved
	Program    *Program    // resolved
	Competency *Competency // resolved
}

// The orders of a Site's lists (see Order above); levels are ordered by the
// loader, by track, path and rank.

// byTitle orders entities of one kind by title, then id, then file.
func byTitle(a, b *Common) int {
	if c := cmp.Compare(a.Title, b.Title); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Src.File, b.Src.File)
}

// CompareTracks orders tracks by Order, then title.
func CompareTracks(a, b *Track) int {
	if c := cmp.Compare(a.Order, b.Order); c != 0 {
		return c
	}
	return byTitle(&a.Common, &b.Common)
}

// ComparePaths orders the paths of a track: "ic" first, then by name.
func ComparePaths(a, b string) int {
	switch {
	case a == b:
		return 0
	case a == "ic":
		return -1
	case b == "ic":
		return 1
	}
	return cmp.Compare(a, b)
}

// CompareLevels orders the levels of one track by path, rank, id and file.
// (The site's list of all levels holds the levels of each track together,
// the tracks in their order.)
func CompareLevels(a, b *Level) int {
	if c := ComparePaths(a.Path, b.Path); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Rank, b.Rank); c != 0 {
		return c
	}
	if c := cmp.Compare(a.ID, b.ID); c != 0 {
		return c
	}
	return cmp.Compare(a.Src.File, b.Src.File)
}

// CompareCompetencies orders competencies by category, then Order, then
// title; entries of catalogue files keep the file's order instead, after
// the competencies of files of their own with the same Order.
func CompareCompetencies(a, b *Competency) int {
	if c := cmp.Compare(a.Category, b.Category); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Order, b.Order); c != 0 {
		return c
	}
	ac, bc := a.Src.Prefix != "", b.Src.Prefix != ""
	switch {
	case ac && bc:
		if c := cmp.Compare(a.Src.File, b.Src.File); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	case ac != bc:
		if ac {
			return 1
		}
		return -1
	}
	return byTitle(&a.Common, &b.Common)
}

// CompareCourses orders courses by title.
func CompareCourses(a, b *Course) int { return byTitle(&a.Common, &b.Common) }

// ComparePrograms orders programs by title.
func ComparePrograms(a, b *Program) int { return byTitle(&a.Common, &b.Common) }

// ComparePlans orders plan templates by Order, then title.
func ComparePlans(a, b *Plan) int {
	if c := cmp.Compare(a.Order, b.Order); c != 0 {
		return c
	}
	return byTitle(&a.Common, &b.Common)
}

// ComparePages orders free pages by Order, then title.
func ComparePages(a, b *Page) int {
	if c := cmp.Compare(a.Order, b.Order); c != 0 {
		return c
	}
	return byTitle(&a.Common, &b.Common)
}
