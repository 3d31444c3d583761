// Package search builds the site's search index: the files under /data/
// that the search page (which the header box submits to) queries in the
// browser, with no server. docs/search.md explains why the index is
// prebuilt and how its size was chosen.
//
// The index is inverted: every term maps to its postings, the documents
// that contain it with a score, so that the browser looks up the few terms
// of a query instead of scanning text.
//
// A term is a run of letters and digits, lower-cased, of at least two
// characters (Tokenize). A posting's score is 100·t + 10·s + b, where t, s
// and b are how often the term occurs in the document's title, summary and
// body, each capped at 9: any title match outranks any summary match, which
// outranks any body match, and frequency orders matches within a field.
// What a level expects of each competency (its criteria and examples) and
// what a competency's descriptors say of each point of the scale count as
// body: most of a real framework's words are there, and only there.
//
// A small site's index is one file, data/search.json:
//
//	{"v":1, "kinds":["track",...],
//	 "docs":[[kind, title, url, summary, text, keywords, expect, track], ...],
//	 "terms":{"term":[doc, score, doc, score, ...], ...}}
//
// Document numbers in postings are deltas from the previous posting's (the
// first from 0); kind indexes "kinds"; url is relative to the site root;
// text is the body's plain text (cut at textMax bytes), for snippets;
// keywords are the facts indexed with the summary (a level's code and track,
// a course's provider, format and credential, a program's kind and fields,
// a track's family, a competency's category); expect is a level's
// expectations, one criterion or example a line after the competency's
// title ("Coding: Writes tests first."), or a competency's descriptors after
// the name of their scale point, cut at textMax bytes, for snippets; track is
// the title of a level's track, which results show beside the level's own
// so that two levels of one name in two tracks can be told apart. Trailing
// empty strings are left out of a document's array.
//
// A large site's index (more than inlineMax bytes of text) is split so that
// a query loads a few small files instead of megabytes. search.json then
// holds only the layout:
//
//	{"v":1, "kinds":[...], "n":14070, "shards":64, "chunk":64, "textChunk":16,
//	 "file":"data/search/{part}.json"}
//
// and the rest lives beside it in data/search/, at the path "file" gives
// with {part} replaced by the part's name ("t3"): a build publishes the
// parts as data/search/t3.<version>.json, where the version is a hash of
// every part (Version), so that a part cached for a long time never meets
// the layout of another build. t<i>.json holds the terms
// of shard i (a term's shard is ShardOf(term, shards), which depends on its
// first two characters only, so that every term a prefix can match sits in
// one shard), d<j>.json the [kind, title, url, track] of documents j·chunk
// onwards, and x<j>.json the [summary, text, keywords, expect] of documents
// j·textChunk onwards (trailing empty strings left out in both). The number of files follows from the number of documents alone,
// so Files lists them before the index is built.
package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/ladder-ssg/ladder/internal/site"
)

const (
	inlineMax = 512 << 10
	textMax   = 5000
	chunk     = 64
	textChunk = 16
)

// Index is the search index of one site. It is safe for concurrent use:
// its documents are listed and its terms counted once, on first use, by
// whichever file is rendered first, so that a dev server that never opens
// the search page does not pay for it.
type Index struct {
	site      *site.Site
	urlOf     func(entity any) string
	versioned bool // the parts' names carry Version
	n         int  // documents
	sharded   bool
	shards    int

	versionOnce sync.Once
	version     string
	versionErr  error

	docsOnce sync.Once
	docs     []doc

	once  sync.Once
	terms map[string][]int // term -> flat [doc, score, ...], doc ascending

	// ready holds the parts that Version encoded to hash them, for
	// Render to hand out once instead of encoding them again (a build
	// renders every part once; see Version).
	readyMu sync.Mutex
	ready   map[File][]byte
}

// doc is one document of the index.
type doc struct {
	kind                         int
	title, url, summary, keyword string
	text                         string
	expect                       string // expectations or descriptors, one a line
	track                        string // a level's track's title
}

// kinds are the kinds of document, in index order.
var kinds = []string{"track", "level", "competency", "course", "program", "page"}

// File is one file of the index, as listed by Files.
type File struct {
	Path string // slash path from the site root: "data/search.json"
	part byte   // 'm' layout (or the whole index), 't' term shard, 'd' documents, 'x' texts
	n    int
}

// Files lists the files of the index: data/search.json, and for a large
// site the shards beside it.
func (ix *Index) Files() []File {
	out := []File{{Path: "data/search.json", part: 'm'}}
	if !ix.sharded {
		return out
	}
	for i := range ix.shards {
		out = append(out, File{Path: fmt.Sprintf("data/search/t%d.json", i), part: 't', n: i})
	}
	for j := 0; j*chunk < ix.n; j++ {
		out = append(out, File{Path: fmt.Sprintf("data/search/d%d.json", j), part: 'd', n: j})
	}
	for j := 0; j*textChunk < ix.n; j++ {
		out = append(out, File{Path: fmt.Sprintf("data/search/x%d.json", j), part: 'x', n: j})
	}
	return out
}

// New sizes the index of s: whether it is sharded, and how many documents
// it has. urlOf gives the site-relative URL of an entity ("/courses/x/").
// The documents themselves are listed on first use. With versioned set,
// the layout names the parts of a sharded index with Version in their
// names, as a build publishes them.
func New(s *site.Site, urlOf func(entity any) string, versioned bool) *Index {
	ix := &Index{site: s, urlOf: urlOf, versioned: versioned}
	ix.n = len(s.Tracks) + len(s.Levels) + len(s.Competencies) + len(s.Courses) + len(s.Programs) + len(s.Pages)
	if indexSize(s) > inlineMax {
		ix.sharded = true
		ix.shards = min(max(ix.n/200, 1), 64)
	}
	return ix
}

// indexSize estimates the bytes of the index of s from the text of its
// entities, counting no further than inlineMax: whether the index is
// split is all that it decides.
func indexSize(s *site.Site) int {
	size := 0
	count := func(c *site.Common, more int) bool {
		size += len(c.Title) + len(c.Summary) + min(len(c.Body.Text), textMax) + more
		return size > inlineMax
	}
	for _, x := range s.Tracks {
		if count(&x.Common, 0) {
			return size
		}
	}
	for _, x := range s.Levels {
		if count(&x.Common, min(levelExpectSize(s, x), textMax)) {
			return size
		}
	}
	for _, x := range s.Competencies {
		if count(&x.Common, min(len(descriptors(s, x)), textMax)) {
			return size
		}
	}
	for _, x := range s.Courses {
		if count(&x.Common, 0) {
			return size
		}
	}
	for _, x := range s.Programs {
		if count(&x.Common, 0) {
			return size
		}
	}
	for _, x := range s.Pages {
		if count(&x.Common, 0) {
			return size
		}
	}
	return size
}

// documents lists the documents of the index, once.
func (ix *Index) documents() []doc {
	ix.docsOnce.Do(func() {
		s := ix.site
		docs := make([]doc, 0, ix.n)
		add := func(kind int, c *site.Common, url, keyword string) *doc {
			docs = append(docs, doc{kind: kind, title: c.Title, url: strings.TrimPrefix(url, "/"), summary: c.Summary,
				keyword: strings.Join(strings.Fields(keyword), " "), text: c.Body.Text})
			return &docs[len(docs)-1]
		}
		for _, x := range s.Tracks {
			add(0, &x.Common, ix.urlOf(x), x.Family)
		}
		for _, x := range s.Levels {
			kw := x.Code
			if x.Track != nil {
				kw += " " + x.Track.Title
			}
			d := add(1, &x.Common, ix.urlOf(x), kw)
			d.expect = levelExpect(s, x)
			if x.Track != nil {
				d.track = x.Track.Title
			}
		}
		for _, x := range s.Competencies {
			add(2, &x.Common, ix.urlOf(x), x.Category).expect = descriptors(s, x)
		}
		for _, x := range s.Courses {
			add(3, &x.Common, ix.urlOf(x), strings.Join([]string{x.Provider, x.Format, x.Credential}, " "))
		}
		for _, x := range s.Programs {
			add(4, &x.Common, ix.urlOf(x), x.Kind+" "+strings.Join(x.Fields, " "))
		}
		for _, x := range s.Pages {
			add(5, &x.Common, ix.urlOf(x), "")
		}
		ix.docs = docs
	})
	return ix.docs
}

// build counts the terms of every document, once.
func (ix *Index) build() {
	ix.once.Do(func() {
		ix.terms = map[string][]int{}
		title, summary, body := map[string]int{}, map[string]int{}, map[string]int{}
		for i, d := range ix.documents() {
			clear(title)
			clear(summary)
			clear(body)
			for _, t := range Tokenize(d.title) {
				title[t]++
			}
			for _, t := range Tokenize(d.summary + " " + d.keyword) {
				summary[t]++
			}
			for _, t := range Tokenize(d.text) {
				body[t]++
			}
			for _, t := range Tokenize(d.expect) {
				body[t]++
			}
			post := func(t string) {
				score := 100*min(title[t], 9) + 10*min(summary[t], 9) + min(body[t], 9)
				ix.terms[t] = append(ix.terms[t], i, score)
			}
			for t := range title {
				post(t)
			}
			for t := range summary {
				if title[t] == 0 {
					post(t)
				}
			}
			for t := range body {
				if title[t] == 0 && summary[t] == 0 {
					post(t)
				}
			}
		}
	})
}

// levelExpect returns what level l expects, one criterion or example a
// line, each after its competency's title.
func levelExpect(s *site.Site, l *site.Level) string {
	var b strings.Builder
	for _, e := range l.Expectations {
		if len(e.Expect) == 0 && len(e.Examples) == 0 {
			continue
		}
		name := e.CompetencyID
		if c := s.CompetencyByID(e.CompetencyID); c != nil {
			name = c.Title
		}
		for _, x := range slices.Concat(e.Expect, e.Examples) {
			line(&b, name, x.Plain)
		}
	}
	return b.String()
}

// levelExpectSize returns about the length of levelExpect(s, l), without
// building it: New runs on every rebuild of the dev server, and needs the
// size only to choose whether to shard.
func levelExpectSize(s *site.Site, l *site.Level) int {
	n := 0
	for _, e := range l.Expectations {
		if len(e.Expect) == 0 && len(e.Examples) == 0 {
			continue
		}
		name := len(e.CompetencyID)
		if c := s.CompetencyByID(e.CompetencyID); c != nil {
			name = len(c.Title)
		}
		for _, x := range e.Expect {
			n += name + 3 + len(x.Plain)
		}
		for _, x := range e.Examples {
			n += name + 3 + len(x.Plain)
		}
	}
	return n
}

// descriptors returns what competency c says of each point of the scale,
// one a line, each after the point's name.
func descriptors(s *site.Site, c *site.Competency) string {
	points := make([]int, 0, len(c.Descriptors))
	for k := range c.Descriptors {
		if n, err := strconv.Atoi(k); err == nil {
			points = append(points, n)
		}
	}
	slices.Sort(points)
	var b strings.Builder
	for _, n := range points {
		name := s.Config.Scale.Name(n)
		if name == "" {
			name = strconv.Itoa(n)
		}
		line(&b, name, c.Descriptor(n))
	}
	return b.String()
}

// line appends "name: text" to b as a line of its own, with the text's
// own line breaks and runs of spaces made single spaces.
func line(b *strings.Builder, name, text string) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	b.WriteString(name)
	b.WriteString(": ")
	b.WriteString(text)
}

// Tokenize splits text into search terms: runs of letters and digits,
// lower-cased, of at least two characters. The search page's script
// (themes/default/assets/search.js) splits queries the same way.
func Tokenize(text string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 {
			w := strings.ToLower(text[start:end])
			if len([]rune(w)) >= 2 {
				out = append(out, w)
			}
			start = -1
		}
	}
	for i, c := range text {
		if unicode.IsLetter(c) || unicode.IsNumber(c) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// ShardOf returns the shard of a term among n: a hash of its first two
// characters (code points), so that all the terms a query prefix of two or
// more characters can match are in one shard. The search page's script
// computes the same.
func ShardOf(term string, n int) int {
	var h uint32 = 0
	k := 0
	for _, c := range term {
		if k == 2 {
			break
		}
		h = h*31 + uint32(c)
		k++
	}
	return int(h % uint32(n))
}

// Sharded reports whether the index is split into parts beside
// data/search.json.
func (ix *Index) Sharded() bool { return ix.sharded }

// Part reports whether f is a part of a sharded index, which a build
// publishes with Version in its name.
func (f File) Part() bool { return f.part != 'm' }

// Version returns a hash of the parts of a sharded index (of every file
// but data/search.json), computed once; "" for an index in one file. An
// index whose parts are published under versioned names keeps the parts
// it encoded to hash them until Render hands each out, once.
func (ix *Index) Version() (string, error) {
	ix.versionOnce.Do(func() {
		if !ix.sharded {
			return
		}
		h := sha256.New()
		ready := map[File][]byte{}
		for _, f := range ix.Files() {
			if !f.Part() {
				continue
			}
			b, err := ix.Render(f)
			if err != nil {
				ix.versionErr = err
				return
			}
			h.Write([]byte(f.Path))
			h.Write([]byte{0})
			h.Write(b)
			if ix.versioned {
				ready[f] = b
			}
		}
		ix.readyMu.Lock()
		ix.ready = ready
		ix.readyMu.Unlock()
		ix.version = hex.EncodeToString(h.Sum(nil))[:8]
	})
	return ix.version, ix.versionErr
}

// Render returns the bytes of one file of the index.
func (ix *Index) Render(f File) ([]byte, error) {
	ix.readyMu.Lock()
	b, ok := ix.ready[f]
	delete(ix.ready, f)
	ix.readyMu.Unlock()
	if ok {
		return b, nil
	}
	all := ix.documents()
	switch f.part {
	case 'm':
		if ix.sharded {
			file := "data/search/{part}.json"
			if ix.versioned {
				v, err := ix.Version()
				if err != nil {
					return nil, err
				}
				file = "data/search/{part}." + v + ".json"
			}
			return marshal(map[string]any{"v": 1, "kinds": kinds, "n": ix.n, "shards": ix.shards,
				"chunk": chunk, "textChunk": textChunk, "file": file})
		}
		ix.build()
		docs := make([][]any, len(all))
		for i, d := range all {
			docs[i] = trim([]any{d.kind, d.title, d.url, d.summary, cut(d.text, textMax), d.keyword, cut(d.expect, textMax), d.track}, 3)
		}
		return marshalIndex(docs, ix.terms, nil)
	case 't':
		ix.build()
		return marshalIndex(nil, ix.terms, func(t string) bool { return ShardOf(t, ix.shards) == f.n })
	case 'd':
		lo, hi := f.n*chunk, min((f.n+1)*chunk, len(all))
		out := make([][]any, 0, hi-lo)
		for _, d := range all[lo:hi] {
			out = append(out, trim([]any{d.kind, d.title, d.url, d.track}, 3))
		}
		return marshal(out)
	case 'x':
		lo, hi := f.n*textChunk, min((f.n+1)*textChunk, len(all))
		out := make([][]any, 0, hi-lo)
		for _, d := range all[lo:hi] {
			out = append(out, trim([]any{d.summary, cut(d.text, textMax), d.keyword, cut(d.expect, textMax)}, 0))
		}
		return marshal(out)
	}
	return nil, fmt.Errorf("render %s: not a file of the search index", f.Path)
}

// marshalIndex writes {"v":1,"kinds":[...],"docs":docs,"terms":{...}} (docs
// left out when nil) with the terms that keep accepts (all when nil) in
// sorted order and their postings delta-encoded. It writes the terms by hand
// because they are most of the bytes and encoding/json would box every
// number.
func marshalIndex(docs [][]any, terms map[string][]int, keep func(string) bool) ([]byte, error) {
	names := make([]string, 0, len(terms))
	for t := range terms {
		if keep == nil || keep(t) {
			names = append(names, t)
		}
	}
	slices.Sort(names)
	var b strings.Builder
	if docs != nil {
		kinds, err := json.Marshal(kinds)
		if err != nil {
			return nil, err
		}
		d, err := marshal(docs)
		if err != nil {
			return nil, err
		}
		b.WriteString(`{"v":1,"kinds":`)
		b.Write(kinds)
		b.WriteString(`,"docs":`)
		b.Write(d[:len(d)-1])
		b.WriteString(`,"terms":{`)
	} else {
		b.WriteString(`{`)
	}
	for i, t := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(t)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteString(":[")
		prev := 0
		p := terms[t]
		for j := 0; j < len(p); j += 2 {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(p[j] - prev))
			b.WriteByte(',')
			b.WriteString(strconv.Itoa(p[j+1]))
			prev = p[j]
		}
		b.WriteByte(']')
	}
	if docs != nil {
		b.WriteString("}}\n")
	} else {
		b.WriteString("}\n")
	}
	return []byte(b.String()), nil
}

// trim leaves the trailing empty strings after its first keep elements
// out of a document's array, which the search page reads as empty.
func trim(a []any, keep int) []any {
	for len(a) > keep && a[len(a)-1] == "" {
		a = a[:len(a)-1]
	}
	return a
}

// cut shortens s to at most n bytes, at a word boundary, without splitting
// a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && s[i]&0xC0 == 0x80 {
		i--
	}
	if j := strings.LastIndexAny(s[:i], " \n\t"); j > n/2 {
		i = j
	}
	return s[:i]
}

// marshal encodes v as JSON with a final newline, escaping <, > and & so
// that the files are safe to inline.
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
