// Package datafile builds the machine-readable files of a site, which no
// template draws: /data/framework.json (the whole framework, for
// integrations), the data of the interactive tools under /data/tools/ (a
// small index and one file per track, so that the compare, path finder and
// plan pages load only what they show, the self-assessment the
// descriptors and courses of the tracks it shows, and the plan page the
// plan templates it offers), JSON Schemas of framework.json and
// of every kind of content file (/data/framework.schema.json,
// /data/schemas/<kind>.schema.json), and /sitemap.xml. docs/data.md describes every file.
//
// Files lists the files of a site before any is built, so that the dev
// server can list every output path without building them; Render builds
// one. Every list in every file is written as [] when empty, never null,
// and the bytes depend only on the site.
package datafile

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"path"
	"strings"
	"sync"

	"github.com/ladder-ssg/ladder/internal/assess"
	"github.com/ladder-ssg/ladder/internal/route"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Kind names what a File holds.
type Kind int

// The kinds of data file.
const (
	KindFramework  Kind = iota // data/framework.json
	KindSchema                 // data/framework.schema.json, data/schemas/<kind>.schema.json
	KindToolIndex              // data/tools/index.json
	KindToolTrack              // data/tools/tracks/<id>.json
	KindToolAssess             // data/tools/assess/<id>.json
	KindToolPlan               // data/tools/plans/<id>.json
)

// File is one data file of a site.
type File struct {
	Path  string // output path, "data/tools/tracks/sde.json"
	Kind  Kind
	Track *site.Track // for KindToolTrack and KindToolAssess
	Plan  *site.Plan  // for KindToolPlan
	// Schema names the embedded schema of a KindSchema file:
	// "framework", "site", "track", "level", ...
	Schema string
}

// Set holds the data files of one site. It is safe for concurrent use; what
// several files share (the tools' numbering of levels) is computed once, on
// first use.
type Set struct {
	site      *site.Site
	urlOf     func(entity any) string
	versioned bool
	funding   func(p *site.Program) string

	once  sync.Once
	tools *tools

	candidatesOnce sync.Once
	candidates     map[string]map[string]bool // see assess.Candidates

	hashOnce sync.Once
	hash     string // framework.json's Hash, for the tools' index

	// ready holds the files that a build encodes ahead of Render, to hash
	// them; see encoded.
	readyMu sync.Mutex
	ready   map[readyKey][]byte
}

// readyKey names a file in Set.ready.
type readyKey struct {
	kind  Kind
	track *site.Track
}

// encoded keeps b, the bytes of a file encoded before it is rendered (the
// tools' version is a hash of their files, and the index names
// framework.json's hash), for Render to hand out once instead of encoding
// the file again. Only a build, which renders every file once, keeps
// them: the dev server renders the files it is asked for, maybe never.
func (d *Set) encoded(k readyKey, b []byte) {
	if !d.versioned {
		return
	}
	d.readyMu.Lock()
	defer d.readyMu.Unlock()
	if d.ready == nil {
		d.ready = map[readyKey][]byte{}
	}
	d.ready[k] = b
}

// take returns, once, the bytes that encoded kept for k.
func (d *Set) take(k readyKey) ([]byte, bool) {
	d.readyMu.Lock()
	defer d.readyMu.Unlock()
	b, ok := d.ready[k]
	delete(d.ready, k)
	return b, ok
}

// frameworkHash returns framework.json's Hash, encoding the file once.
func (d *Set) frameworkHash() string {
	d.hashOnce.Do(func() {
		f := newFramework(d.site, d.rel)
		b, err := encodeFramework(f)
		if err != nil {
			return // the file itself fails to encode when it is rendered
		}
		d.hash = f.Hash
		d.encoded(readyKey{kind: KindFramework}, b)
	})
	return d.hash
}

// New returns the data files of s. urlOf gives the site-relative URL of an
// entity's page ("/tracks/sde/"). With versioned set, the tools' index
// names the track files with its version ("tracks/sde.<version>.json"),
// which is how a build publishes them (see ToolIndex.TrackFile); without
// it, with their plain names, as the dev server serves them. funding says
// in one line what a program pays for, in the site's language, for the
// path finder and the plan; nil writes route.FundingSummary's English.
func New(s *site.Site, urlOf func(entity any) string, versioned bool, funding func(p *site.Program) string) *Set {
	if funding == nil {
		funding = route.FundingSummary
	}
	return &Set{site: s, urlOf: urlOf, versioned: versioned, funding: funding}
}

// Version returns the version of the tools' data: a hash of the track
// files and the index, which a build puts in the names of the track files.
func (d *Set) Version() (string, error) {
	t := d.toolData()
	return t.version, t.err
}

// VersionedName returns the name a build publishes the data file at path
// p under with version v: "data/tools/tracks/sde.<v>.json".
func VersionedName(p, v string) string {
	ext := path.Ext(p)
	return strings.TrimSuffix(p, ext) + "." + v + ext
}

// Files lists the data files, in a fixed order.
func (d *Set) Files() []File {
	out := make([]File, 0, 3+len(ContentSchemas)+2*len(d.site.Tracks)+len(d.site.Plans))
	out = append(out,
		File{Path: "data/framework.json", Kind: KindFramework},
		File{Path: "data/framework.schema.json", Kind: KindSchema, Schema: "framework"})
	for _, k := range ContentSchemas {
		out = append(out, File{Path: "data/schemas/" + k + ".schema.json", Kind: KindSchema, Schema: k})
	}
	out = append(out,
		File{Path: "data/tools/index.json", Kind: KindToolIndex})
	for _, t := range d.site.Tracks {
		out = append(out, File{Path: "data/tools/tracks/" + t.ID + ".json", Kind: KindToolTrack, Track: t})
	}
	for _, t := range d.site.Tracks {
		out = append(out, File{Path: "data/tools/assess/" + t.ID + ".json", Kind: KindToolAssess, Track: t})
	}
	for _, p := range d.site.Plans {
		out = append(out, File{Path: "data/tools/plans/" + p.ID + ".json", Kind: KindToolPlan, Plan: p})
	}
	return out
}

// Render returns the bytes of a data file.
func (d *Set) Render(f File) ([]byte, error) {
	switch f.Kind {
	case KindFramework:
		if b, ok := d.take(readyKey{kind: KindFramework}); ok {
			return b, nil
		}
		return encodeFramework(newFramework(d.site, d.rel))
	case KindSchema:
		return SchemaFile(f.Schema)
	case KindToolIndex:
		return d.toolData().index()
	case KindToolTrack:
		t := d.toolData()
		if b, ok := d.take(readyKey{kind: KindToolTrack, track: f.Track}); ok && t.err == nil {
			return b, nil
		}
		return t.track(f.Track) // the index's error, if it has one
	case KindToolAssess:
		if b, ok := d.take(readyKey{kind: KindToolAssess, track: f.Track}); ok {
			return b, nil
		}
		return marshal(BuildAssess(d.site, f.Track, d.assessCandidates()))
	case KindToolPlan:
		if err := d.toolData().err; err != nil {
			return nil, err
		}
		return marshal(BuildPlan(f.Plan))
	}
	return nil, fmt.Errorf("data file %s: unknown kind %d", f.Path, f.Kind)
}

// assessCandidates returns the courses that may teach each competency
// (see assess.Candidates), worked out once.
func (d *Set) assessCandidates() map[string]map[string]bool {
	d.candidatesOnce.Do(func() { d.candidates = assess.Candidates(d.site) })
	return d.candidates
}

// rel returns the URL of an entity's page relative to the site root,
// without a leading slash.
func (d *Set) rel(x any) string {
	u := d.urlOf(x)
	if len(u) > 0 && u[0] == '/' {
		return u[1:]
	}
	return u
}

// marshal encodes v as compact JSON with a final newline, escaping <, >
// and & so that the files are safe to inline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("encode data file: %w", err)
	}
	return buf.Bytes(), nil
}

// Robots returns the robots.txt of a site published with [publish]
// noindex: every crawler is asked to stay out.
func Robots() []byte {
	return []byte("User-agent: *\nDisallow: /\n")
}

// Sitemap returns /sitemap.xml listing locs, the absolute URLs of the
// site's pages, in the order given.

func Sitemap(locs []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, l := range locs {
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(l))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return b.Bytes()
}
