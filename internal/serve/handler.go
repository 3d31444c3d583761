package serve

import (
	"bytes"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// ServeHTTP answers a request from the current snapshot: the event stream,
// the live-reload client, a page (drawn on first use), an asset, a
// redirect or the site's 404 page. A request for a host the server does
// not answer gets 403 (see guard.go).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if !s.checkHost(w, r) {
		return
	}
	p := r.URL.Path
	switch {
	case strings.HasSuffix(p, "/"+eventsPath):
		s.serveEvents(w, r)
		return
	case strings.HasSuffix(p, "/"+clientPath):
		s.serveOwn(w, r, "client.js", s.js)
		return
	case strings.HasSuffix(p, "/"+overlayCSSPath):
		s.serveOwn(w, r, "overlay.css", overlayCSS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if clean := cleanPath(p); clean != p {
		redirect(w, r, clean)
		return
	}
	sn, f := s.snap.Load(), s.fail.Load()
	base := s.BasePath()
	rel, ok := strings.CutPrefix(p, base)
	switch {
	case !ok && (p == "/" || p+"/" == base):
		redirect(w, r, base)
		return
	case !ok:
		s.notFound(w, r, sn, f)
		return
	case sn == nil:
		// No good build yet: a page with the errors, which reloads once
		// they are fixed.
		doc := []byte("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ladder: build failed</title></head><body>\n</body></html>\n")
		s.write(w, r, http.StatusInternalServerError, "index.html", doc, p, "", f)
		return
	}
	file, dir := sn.resolve(rel)
	if dir {
		redirect(w, r, p+"/")
		return
	}
	if file == "" {
		s.notFound(w, r, sn, f)
		return
	}
	// A snapshot never changes: the file resolve found is there.
	e, _ := sn.get(file)
	if e.err != nil {
		s.logf("ladder: error: %v", e.err)
		doc := []byte("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ladder: page failed</title></head><body>\n</body></html>\n")
		s.write(w, r, http.StatusInternalServerError, "index.html", doc, sn.urlOf(file), "",
			newFailure(diag.List{{Severity: diag.Error, Msg: e.err.Error()}}, nil))
		return
	}
	s.write(w, r, http.StatusOK, file, e.body, sn.urlOf(file), e.sum, f)
}

// serveOwn answers a GET or HEAD of one of the dev server's own files
// (name says its type).
func (s *Server) serveOwn(w http.ResponseWriter, r *http.Request, name, body string) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s.write(w, r, http.StatusOK, name, []byte(body), "", "", nil)
}

// notFound answers with the site's 404 page and status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, sn *snapshot, f *failure) {
	body := []byte("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not found</title></head><body>\n<h1>Page not found</h1>\n</body></html>\n")
	if sn != nil {
		if e, ok := sn.get("404.html"); ok && e.err == nil {
			body = e.body
		}
	}
	s.write(w, r, http.StatusNotFound, "404.html", body, r.URL.Path, notFoundSum, f)
}

// write sends a file. An HTML file gets the error overlay (while the site
// has errors) and the live-reload client for the page at site path url,
// served with hash sum, before its </body>.
func (s *Server) write(w http.ResponseWriter, r *http.Request, status int, name string, body []byte, url, sum string, f *failure) {
	ct := contentType(name, body)
	h := w.Header()
	h.Set("Content-Type", ct)
	if strings.HasPrefix(ct, "text/html") {
		extra := clientScript(s.BasePath(), url, sum)
		if f != nil {
			extra = slices.Concat(overlayLink(s.BasePath()), f.html, extra)
		} else if s.proj.Embedded {
			extra = slices.Concat(overlayLink(s.BasePath()), []byte(exampleBanner), extra)
		}
		body = inject(body, extra)
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// inject inserts extra before the last </body> of page, or at its end
// when it has none.
func inject(page, extra []byte) []byte {
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(extra))
	out = append(out, page[:i]...)
	out = append(out, extra...)
	return append(out, page[i:]...)
}

// lastIndexFold returns the index of the last ASCII-case-insensitive match
// of the lower-case tag in b, or -1.
func lastIndexFold(b []byte, tag string) int {
	for i := len(b) - len(tag); i >= 0; i-- {
		if b[i] == '<' && bytes.EqualFold(b[i:i+len(tag)], []byte(tag)) {
			return i
		}
	}
	return -1
}

// cleanPath returns the canonical form of a request path: rooted, without
// "." or ".." segments or double slashes, keeping a final slash.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	c := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && c != "/" {
		c += "/"
	}
	return c
}

// redirect sends a temporary redirect to target, keeping the query. A
// temporary one, since the site's layout changes as it is edited.
func redirect(w http.ResponseWriter, r *http.Request, target string) {
	if r.URL.RawQuery != "" {
		target += "?" + r.URL.RawQuery
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// contentType returns the media type of a file by its extension, sniffing
// the bytes when the extension is unknown.
func contentType(name string, body []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json":
		return "application/json"
	case ".webmanifest":
		return "application/manifest+json"
	case ".xml":
		return "application/xml; charset=utf-8"
	case ".txt", ".text":
		return "text/plain; charset=utf-8"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".png":
		return "image/png"
	case ".jpg", ".jpeg":
		return "image/jpeg"
	case ".gif":
		return "image/gif"
	case ".webp":
		return "image/webp"
	case ".avif":
		return "image/avif"
	case ".ico":
		return "image/x-icon"
	case ".woff":
		return "font/woff"
	case ".woff2":
		return "font/woff2"
	case ".pdf":
		return "application/pdf"
	}
	if t := mime.TypeByExtension(ext); t != "" && ext != "" {
		return t
	}
	return http.DetectContentType(body)
}
