package serve

import (
	"bytes"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/ladder-ssg/ladder/internal/render"
)

// snapshot is one good build: its Renderer and the files drawn with it so
// far. It is immutable once published, apart from the cache, which only
// gains what the Renderer draws. Every build has a Site of its own, which
// nothing writes once it is checked, so snapshots share nothing that
// changes and need no lock between them.
type snapshot struct {
	r       *render.Renderer
	version int64
	base    string            // the base path, "/careers/"
	ver     []byte            // "?v=<asset version>", left out of comparisons
	cache   sync.Map          // output path -> *entry
	assets  map[string][]byte // theme assets and static files
}

// entry is one file of a snapshot, drawn (for a page) on first use.
type entry struct {
	once sync.Once
	body []byte // what is served, before the client is injected
	norm []byte // body without the asset version, for comparisons
	sum  string // hash of norm, sent to the client
	err  error  // drawing the page failed
	page bool   // drawn by the Renderer, not an asset
}

// newSnapshot makes the snapshot of Renderer r.
func newSnapshot(r *render.Renderer, version int64) *snapshot {
	sn := &snapshot{
		r:       r,
		version: version,
		base:    r.BasePath(),
		assets:  map[string][]byte{},
	}
	if v := r.AssetVersion(); v != "" {
		sn.ver = []byte("?v=" + v)
	}
	for _, p := range r.Assets() {
		b, _ := r.Asset(p)
		sn.assets[p] = b
	}
	return sn
}

// file reports whether output path p exists, and whether it is a page
// drawn by the Renderer (a page wins over a static file of the same path,
// as in a build).
func (sn *snapshot) file(p string) (page, ok bool) {
	if _, ok := sn.r.Lookup(p); ok {
		return true, true
	}
	_, ok = sn.assets[p]
	return false, ok
}

// paths returns every output path of the snapshot, pages and assets.
func (sn *snapshot) paths() map[string]bool {
	out := make(map[string]bool, len(sn.r.Pages())+len(sn.assets))
	for p := range sn.assets {
		out[p] = false
	}
	for _, p := range sn.r.Pages() {
		out[p.Path] = true
	}
	return out
}

// get returns the file at output path p, drawing it on first use.
func (sn *snapshot) get(p string) (*entry, bool) {
	page, ok := sn.file(p)
	if !ok {
		return nil, false
	}
	v, ok := sn.cache.Load(p)
	if !ok {
		v, _ = sn.cache.LoadOrStore(p, &entry{page: page})
	}
	e := v.(*entry)
	e.once.Do(func() {
		if !e.page {
			e.body = sn.assets[p]
		} else if spec, ok := sn.r.Lookup(p); ok {
			e.body, e.err = sn.r.Render(spec)
		}
		e.norm = e.body
		if e.page && len(sn.ver) > 0 && bytes.Contains(e.body, sn.ver) {
			e.norm = bytes.ReplaceAll(e.body, sn.ver, []byte("?v="))
		}
		h := fnv.New64a()
		h.Write(e.norm)
		e.sum = strconv.FormatUint(h.Sum64(), 36)
	})
	return e, true
}

// resolve finds the output path for rel, a request path below the base
// path ("" for the home page, "tracks/sde/" for a directory). It returns
// the output path, or, when rel names a directory without its final slash,
// redirect set to true.
func (sn *snapshot) resolve(rel string) (file string, redirect bool) {
	if rel == "" || strings.HasSuffix(rel, "/") {
		file = rel + "index.html"
		if _, ok := sn.file(file); ok {
			return file, false
		}
		return "", false
	}
	if _, ok := sn.file(rel); ok {
		return rel, false
	}
	if _, ok := sn.file(rel + "/index.html"); ok {
		return "", true
	}
	return "", false
}

// urlOf returns the site path of an output path: "/careers/tracks/sde/"
// for "tracks/sde/index.html", "/careers/assets/style.css" for an asset.
func (sn *snapshot) urlOf(file string) string {
	if file == "index.html" {
		return sn.base
	}
	if dir, ok := strings.CutSuffix(file, "/index.html"); ok {
		return sn.base + dir + "/"
	}
	return sn.base + file
}

// fileOf is the inverse of urlOf: the output path of a site path, or ""
// when the path is not under the base path or names no file.
func (sn *snapshot) fileOf(url string) string {
	rel, ok := strings.CutPrefix(url, sn.base)
	if !ok {
		return ""
	}
	file, _ := sn.resolve(rel)
	return file
}

// change is the payload of a "change" event: site paths, sorted.
type change struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Updated []string `json:"updated"`
}

func (c change) empty() bool {
	return len(c.Added) == 0 && len(c.Removed) == 0 && len(c.Updated) == 0
}

// describe says what changed in a few words, for the terminal.
func (c change) describe() string {
	if c.empty() {
		return "no visible change"
	}
	var parts []string
	pages, other := 0, 0
	for _, u := range c.Updated {
		if isPageURL(u) {
			pages++
		} else {
			other++
		}
	}
	if pages > 0 {
		parts = append(parts, plural(pages, "page")+" updated")
	}
	if other > 0 {
		parts = append(parts, plural(other, "file")+" updated")
	}
	if len(c.Added) > 0 {
		parts = append(parts, strconv.Itoa(len(c.Added))+" added")
	}
	if len(c.Removed) > 0 {
		parts = append(parts, strconv.Itoa(len(c.Removed))+" removed")
	}
	return strings.Join(parts, ", ")
}

// isPageURL reports whether a site path is an HTML page.
func isPageURL(u string) bool { return strings.HasSuffix(u, "/") || strings.HasSuffix(u, ".html") }

// watched returns the output paths of the drawn files whose change a
// browser would notice: the open pages (site paths), and the non-HTML
// files that scripts fetched (data files).
func (sn *snapshot) watched(open []string) []string {
	want := map[string]bool{}
	for _, u := range open {
		if p := sn.fileOf(u); p != "" {
			want[p] = true
		}
	}
	if len(want) == 0 {
		return nil // with no page open there is nobody to tell
	}
	sn.cache.Range(func(k, v any) bool {
		p := k.(string)
		if v.(*entry).page && !strings.HasSuffix(p, ".html") {
			want[p] = true
		}
		return true
	})
	out := make([]string, 0, len(want))
	for p := range want {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

// diff works out what a browser would see change from old to next: the
// files added and removed, the assets whose bytes differ, and, among the
// drawn files, those at the output paths watched (see snapshot.watched:
// what the open pages show), drawn in both snapshots and compared without
// the asset version. When old is nil (no good build before: the open
// pages show the errors), every open page counts as updated.
func diff(old, next *snapshot, open, watched []string) change {
	var c change
	if old == nil {
		for _, u := range open {
			if next.fileOf(u) != "" {
				c.Updated = append(c.Updated, u)
			} else {
				c.Removed = append(c.Removed, u)
			}
		}
		return c.sorted()
	}
	if !samePaths(old, next) {
		oldPaths, nextPaths := old.paths(), next.paths()
		for p := range nextPaths {
			if _, ok := oldPaths[p]; !ok {
				c.Added = append(c.Added, next.urlOf(p))
			}
		}
		for p := range oldPaths {
			if _, ok := nextPaths[p]; !ok {
				c.Removed = append(c.Removed, old.urlOf(p))
			}
		}
	}
	for p, b := range next.assets {
		if ob, ok := old.assets[p]; ok && !bytes.Equal(ob, b) {
			c.Updated = append(c.Updated, next.urlOf(p))
		}
	}
	var todo []string
	for _, p := range watched {
		oldPage, _ := old.file(p)
		nextPage, _ := next.file(p)
		if oldPage && nextPage {
			todo = append(todo, p)
		}
	}
	changed := make([]bool, len(todo))
	var wg sync.WaitGroup
	for i, p := range todo {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var a, b *entry
			var inner sync.WaitGroup
			inner.Add(1)
			go func() { defer inner.Done(); a, _ = old.get(p) }()
			b, _ = next.get(p)
			inner.Wait()
			changed[i] = a == nil || b == nil || a.err != nil || b.err != nil || !bytes.Equal(a.norm, b.norm)
		}()
	}
	wg.Wait()
	for i, p := range todo {
		if changed[i] {
			c.Updated = append(c.Updated, next.urlOf(p))
		}
	}
	return c.sorted()
}

func (c change) sorted() change {
	for _, l := range []*[]string{&c.Added, &c.Removed, &c.Updated} {
		if *l == nil {
			*l = []string{}
		}
		slices.Sort(*l)
	}
	return c
}

// samePaths reports whether two snapshots have the same pages and assets,
// which is the common case after an edit: the page lists come in a fixed
// order, so comparing them in order is enough and needs no map.
func samePaths(a, b *snapshot) bool {
	pa, pb := a.r.Pages(), b.r.Pages()
	if len(pa) != len(pb) || len(a.assets) != len(b.assets) {
		return false
	}
	for i := range pa {
		if pa[i].Path != pb[i].Path {
			return false
		}
	}
	for p := range a.assets {
		if _, ok := b.assets[p]; !ok {
			return false
		}
	}
	return true
}
