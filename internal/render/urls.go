package render

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/url"
	"strings"

	"github.com/ladder-ssg/ladder/internal/site"
)

// urls turns site-relative URLs ("/tracks/sde/") into the links written in
// pages, under the base URL.
type urls struct {
	origin   string // "https://intranet.example.com" or ""
	path     string // "/careers/", always with leading and trailing slash
	relative bool   // write links relative to the page
}

// parseBase reads a base_url: a path ("/careers/") or an absolute URL.
func parseBase(base string, relative bool) (urls, error) {
	u, err := url.Parse(base)
	if err != nil {
		return urls{}, fmt.Errorf("base_url %q: %w", base, err)
	}
	if u.Scheme != "" && u.Host == "" {
		return urls{}, fmt.Errorf("base_url %q: an absolute URL needs a host, e.g. https://intranet.example.com/careers/", base)
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	origin := ""
	if u.Scheme != "" {
		origin = u.Scheme + "://" + u.Host
	}
	return urls{origin: origin, path: p, relative: relative}, nil
}

// abs returns the absolute URL of a site-relative one, for the sitemap and
// canonical links (a path when the base URL has no host).
func (u urls) abs(rel string) string {
	return u.origin + u.path + strings.TrimPrefix(rel, "/")
}

// href returns the link to write in the page at site-relative URL from for
// the site-relative URL to. With relative_urls, links are relative to the
// page and point at index.html files, so the site opens from disk.
func (u urls) href(from, to string) string {
	if !u.relative {
		return u.path + strings.TrimPrefix(to, "/")
	}
	frag := ""
	if i := strings.IndexAny(to, "?#"); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	fromDir := from
	if !strings.HasSuffix(fromDir, "/") {
		fromDir = fromDir[:strings.LastIndex(fromDir, "/")+1]
	}
	depth := strings.Count(strings.Trim(fromDir, "/"), "/")
	if strings.Trim(fromDir, "/") != "" {
		depth++
	}
	rel := strings.Repeat("../", depth) + strings.TrimPrefix(to, "/")
	if strings.HasSuffix(rel, "/") || rel == "" {
		rel += "index.html"
	}
	return rel + frag
}

// depth returns what links from the page at site-relative URL from depend
// on: 0 for root-relative links, else the page's directory depth.
func (u urls) depth(from string) int {
	if !u.relative {
		return 0
	}
	dir := from
	if !strings.HasSuffix(dir, "/") {
		dir = dir[:strings.LastIndex(dir, "/")+1]
	}
	return strings.Count(dir, "/")
}

// resolveBody replaces the link placeholders the markdown package left in a
// body with links from the page at from.
func (r *Renderer) resolveBody(html, from, track string) string {
	const marker = `"ladder-ref:`
	if !strings.Contains(html, marker) {
		return html
	}
	var b strings.Builder
	b.Grow(len(html) + 64)
	for {
		i := strings.Index(html, marker)
		if i < 0 {
			b.WriteString(html)
			return b.String()
		}
		b.WriteString(html[:i+1])
		rest := html[i+len(marker):]
		end := strings.IndexByte(rest, '"')
		if end < 0 {
			b.WriteString(rest)
			return b.String()
		}
		b.WriteString(r.urls.href(from, r.refURL(rest[:end], track)))
		html = rest[end:]
	}
}

// refURL turns a placeholder target ("course/secure-coding", "/tracks/")
// into a site-relative URL.
func (r *Renderer) refURL(ref, track string) string {
	if strings.HasPrefix(ref, "/") {
		return ref
	}
	kind, id, _ := strings.Cut(ref, "/")
	frag := ""
	if i := strings.IndexByte(id, '#'); i >= 0 {
		id, frag = id[:i], id[i:]
	}
	s := r.site
	var u string
	switch site.ParseKind(kind) {
	case site.KindTrack:
		u = "/tracks/" + id + "/"
	case site.KindLevel:
		if !strings.Contains(id, "/") && track != "" {
			id = track + "/" + id
		}
		u = "/tracks/" + id + "/"
	case site.KindCompetency:
		u = "/competencies/" + id + "/"
	case site.KindCourse:
		u = "/courses/" + id + "/"
	case site.KindProgram:
		u = "/programs/" + id + "/"
	case site.KindPlan:
		u = "/plans/" + id + "/"
	case site.KindPage:
		if p := s.PageByID(id); p != nil {
			u = URLOf(p)
		} else {
			u = "/" + id + "/"
		}
	default:
		u = "/"
	}
	return u + frag
}

// hash accumulates a content hash.
type hash struct{ h []byte }

func newHash() *hash { return &hash{} }

func (h *hash) add(name string, data []byte) {
	s := sha256.New()
	s.Write(h.h)
	s.Write([]byte(name))
	s.Write([]byte{0})
	s.Write(data)
	h.h = s.Sum(nil)
}

func (h *hash) short() string { return hex.EncodeToString(h.h)[:10] }

// prefix returns what every link from the page at site-relative URL from
// to another page starts with: the base path, or with relative_urls "../"
// once per directory the page is in.
func (u urls) prefix(from string) string {
	return strings.TrimSuffix(u.href(from, "/x"), "x")
}

// listLinks fills r.links: for each entity that has a page, the link to it
// from the site root, less the root's prefix. Each lists them before it
// draws every page, so that the pages share one string per entity; a
// Renderer that draws a page or two (the dev server's, after an edit)
// works out each link as it is asked for, the same string, instead of
// listing every entity of a large site first.
func (r *Renderer) listLinks() {
	r.linksOnce.Do(func() {
		root := r.urls.prefix("/")
		links := make(map[any]string, len(r.pages))
		for _, p := range r.pages {
			if p.Entity != nil {
				links[p.Entity] = strings.TrimPrefix(r.urls.href("/", URLOf(p.Entity)), root)
			}
		}
		r.links = links
		r.linksReady.Store(true)
	})
}

// linkTail returns what follows a page's prefix in a link to entity x, so
// that Page.pre+linkTail(x) is the link to x from that page.
func (r *Renderer) linkTail(x any) string {
	if r.linksReady.Load() {
		switch x.(type) {
		case *site.Track, *site.Level, *site.Competency, *site.Course, *site.Program, *site.Plan, *site.Page:
			if s, ok := r.links[x]; ok {
				return s
			}
		}
	}
	return strings.TrimPrefix(r.urls.href("/", URLOf(x)), r.urls.prefix("/"))
}

// BaseURL returns the base URL the pages are drawn under: the origin, if
// any, and the path, with a trailing slash ("/careers/",
// "https://intranet.example.com/careers/").
func (r *Renderer) BaseURL() string { return r.urls.origin + r.urls.path }
