package render

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"

	"github.com/ladder-ssg/ladder/internal/site"
)

// The search index.
//
// The search page (which the header box submits to) searches an index
// written at build time; docs/search.md explains the choice. The index is
// inverted: every term maps to its postings, the documents that contain it
// with a score, so that the browser looks up the few terms of a query
// instead of scanning text.
//
// A term is a run of letters and digits, lower-cased, of at least two
// characters (Tokenize). A posting's score is 100·t + 10·s + b, where t, s
// and b are how often the term occurs in the document's title, summary and
// body, each capped at 9: any title match outranks any summary match, which
// outranks any body match, and frequency orders matches within a field.
//
// A small site's index is one file, /data/search.json:
//
//	{"v":1, "kinds":["track",...],
//	 "docs":[[kind, title, url, summary, text, keywords], ...],
//	 "terms":{"term":[doc, score, doc, score, ...], ...}}
//
// Document numbers in postings are deltas from the previous posting's (the
// first from 0); kind indexes "kinds"; url is relative to the site root;
// text is the body's plain text (cut at searchTextMax bytes), for snippets;
// keywords are the facts indexed with the summary (a level's code and track,
// a course's provider, format and credential, a program's kind and fields,
// a track's family, a competency's category).
//
// A large site's index (more than searchInlineMax bytes of text) is split so
// that a query loads a few small files instead of megabytes. search.json
// then holds only the layout:
//
//	{"v":1, "kinds":[...], "n":14070, "shards":64, "chunk":64, "textChunk":16}
//
// and the rest lives beside it in /data/search/: t<i>.json holds the terms
// of shard i (a term's shard is ShardOf(term, shards), which depends on its
// first two characters only, so that every term a prefix can match sits in
// one shard), d<j>.json the [kind, title, url] of documents j·chunk onwards,
// and x<j>.json the [summary, text, keywords] of documents j·textChunk
// onwards. The number of files follows from the number of documents alone,
// so the renderer lists them before it builds the index.
const (
	searchInlineMax = 512 << 10
	searchTextMax   = 5000
	searchChunk     = 64
	searchTextChunk = 16
)

// searchIndex is the search index of a site, built once, on first use, by
// whichever search file is rendered first.
type searchIndex struct {
	site    *site.Site
	n       int // documents
	sharded bool
	shards  int

	docsOnce sync.Once
	docs     []searchDoc

	once  sync.Once
	terms map[string][]int // term -> flat [doc, score, ...], doc ascending
}

// searchDoc is one document of the index.
type searchDoc struct {
	kind                         int
	title, url, summary, keyword string
	text                         string
}

// searchKinds are the kinds of document, in index order.
var searchKinds = []string{"track", "level", "competency", "course", "program", "page"}

// searchFile is the entity of a search file's PageSpec.
type searchFile struct {
	index *searchIndex
	part  byte // 'm' manifest, 't' term shard, 'd' documents, 'x' texts
	n     int
}

// listSearch adds the pages of the search index: search.json, and for a
// large site the shards beside it.
func (r *Renderer) listSearch(add func(url, kind, title string, ent any)) {
	if r.search == nil {
		r.search = newSearchIndex(r.site)
	}
	ix := r.search
	add("/data/search.json", "search.json", "", &searchFile{index: ix, part: 'm'})
	if !ix.sharded {
		return
	}
	for i := range ix.shards {
		add(fmt.Sprintf("/data/search/t%d.json", i), "search.json", "", &searchFile{index: ix, part: 't', n: i})
	}
	for j := 0; j*searchChunk < ix.n; j++ {
		add(fmt.Sprintf("/data/search/d%d.json", j), "search.json", "", &searchFile{index: ix, part: 'd', n: j})
	}
	for j := 0; j*searchTextChunk < ix.n; j++ {
		add(fmt.Sprintf("/data/search/x%d.json", j), "search.json", "", &searchFile{index: ix, part: 'x', n: j})
	}
}

// newSearchIndex sizes the index of s: whether it is sharded, and how many
// documents it has. The documents themselves are listed on first use (see
// documents), so that a renderer that never writes the index, as the dev
// server's until a search page is opened, does not pay for it.
func newSearchIndex(s *site.Site) *searchIndex {
	ix := &searchIndex{site: s}
	size := 0
	count := func(c *site.Common) {
		ix.n++
		size += len(c.Title) + len(c.Summary) + min(len(c.Body.Text), searchTextMax)
	}
	for _, x := range s.Tracks {
		count(&x.Common)
	}
	for _, x := range s.Levels {
		count(&x.Common)
	}
	for _, x := range s.Competencies {
		count(&x.Common)
	}
	for _, x := range s.Courses {
		count(&x.Common)
	}
	for _, x := range s.Programs {
		count(&x.Common)
	}
	for _, x := range s.Pages {
		count(&x.Common)
	}
	if size > searchInlineMax {
		ix.sharded = true
		ix.shards = min(max(ix.n/200, 1), 64)
	}
	return ix
}

// documents lists the documents of the index, once.
func (ix *searchIndex) documents() []searchDoc {
	ix.docsOnce.Do(func() {
		s := ix.site
		docs := make([]searchDoc, 0, ix.n)
		add := func(kind int, c *site.Common, url, keyword string) {
			docs = append(docs, searchDoc{kind: kind, title: c.Title, url: rel(url), summary: c.Summary,
				keyword: strings.Join(strings.Fields(keyword), " "), text: c.Body.Text})
		}
		for _, x := range s.Tracks {
			add(0, &x.Common, URLOf(x), x.Family)
		}
		for _, x := range s.Levels {
			kw := x.Code
			if x.Track != nil {
				kw += " " + x.Track.Title
			}
			add(1, &x.Common, URLOf(x), kw)
		}
		for _, x := range s.Competencies {
			add(2, &x.Common, URLOf(x), x.Category)
		}
		for _, x := range s.Courses {
			add(3, &x.Common, URLOf(x), strings.Join([]string{x.Provider, x.Format, x.Credential}, " "))
		}
		for _, x := range s.Programs {
			add(4, &x.Common, URLOf(x), x.Kind+" "+strings.Join(x.Fields, " "))
		}
		for _, x := range s.Pages {
			add(5, &x.Common, URLOf(x), "")
		}
		ix.docs = docs
	})
	return ix.docs
}

// build counts the terms of every document, once.
func (ix *searchIndex) build() {
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

// searchJSON writes one file of the search index.
func (r *Renderer) searchJSON(spec PageSpec) ([]byte, error) {
	f, ok := spec.Entity.(*searchFile)
	if !ok {
		return nil, fmt.Errorf("render %s: not a search file", spec.Path)
	}
	ix := f.index
	all := ix.documents()
	switch f.part {
	case 'm':
		if ix.sharded {
			return marshal(map[string]any{"v": 1, "kinds": searchKinds, "n": ix.n, "shards": ix.shards,
				"chunk": searchChunk, "textChunk": searchTextChunk})
		}
		ix.build()
		docs := make([][]any, len(all))
		for i, d := range all {
			docs[i] = []any{d.kind, d.title, d.url, d.summary, cut(d.text, searchTextMax), d.keyword}
		}
		return marshalIndex(docs, ix.terms, nil)
	case 't':
		ix.build()
		return marshalIndex(nil, ix.terms, func(t string) bool { return ShardOf(t, ix.shards) == f.n })
	case 'd':
		lo, hi := f.n*searchChunk, min((f.n+1)*searchChunk, len(all))
		out := make([][]any, 0, hi-lo)
		for _, d := range all[lo:hi] {
			out = append(out, []any{d.kind, d.title, d.url})
		}
		return marshal(out)
	case 'x':
		lo, hi := f.n*searchTextChunk, min((f.n+1)*searchTextChunk, len(all))
		out := make([][]string, 0, hi-lo)
		for _, d := range all[lo:hi] {
			out = append(out, []string{d.summary, cut(d.text, searchTextMax), d.keyword})
		}
		return marshal(out)
	}
	return nil, fmt.Errorf("render %s: unknown search file", spec.Path)
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
		kinds, err := json.Marshal(searchKinds)
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
