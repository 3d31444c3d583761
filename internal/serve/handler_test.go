package serve

import (
	"context"
	"io"
	"maps"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// newHandler builds the site in files and returns its Server, without
// watching or listening.
func newHandler(t *testing.T, files map[string]string, opts Options) *Server {
	t.Helper()
	proj, err := pipeline.Open(writeSite(t, files), false)
	if err != nil {
		t.Fatal(err)
	}
	return New(proj, opts)
}

// newRequest returns a request for the handler, for host localhost.
func newRequest(method, target string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, target, body)
	r.Host = "localhost:1313"
	return r
}

func TestHandlerRoutes(t *testing.T) {
	s := newHandler(t, testSite, Options{Drafts: true})
	for _, tc := range []struct {
		method, path string
		status       int
		location     string   // for redirects
		ctype        string   // prefix of the Content-Type
		want         []string // in the body
		client       bool     // the live-reload client is injected
	}{
		{method: "GET", path: "/", status: 302, location: "/careers/"},
		{method: "GET", path: "/careers", status: 302, location: "/careers/"},
		{method: "GET", path: "/careers/tracks/eng", status: 302, location: "/careers/tracks/eng/"},
		{method: "GET", path: "/careers/tracks/eng?x=1", status: 302, location: "/careers/tracks/eng/?x=1"},
		{method: "GET", path: "/careers/tracks/../courses/basics/", status: 302, location: "/careers/courses/basics/"},
		{method: "GET", path: "/careers/", status: 200, ctype: "text/html; charset=utf-8", want: []string{"Home page text.", `data-path="/careers/" data-hash="`}, client: true},
		{method: "GET", path: "/careers/index.html", status: 200, ctype: "text/html", want: []string{"Home page text.", `data-path="/careers/" data-hash="`}, client: true},
		{method: "GET", path: "/careers/tracks/eng/l1/", status: 200, ctype: "text/html", want: []string{"Engineer One", "Level one body ALPHA.", `data-path="/careers/tracks/eng/l1/"`, `data-events="/careers/__ladder/events"`, `src="/careers/__ladder/client.js"`}, client: true},
		{method: "GET", path: "/careers/nope/", status: 404, ctype: "text/html", want: []string{`data-path="/careers/nope/" data-hash="404"`}, client: true},
		{method: "GET", path: "/elsewhere/", status: 404, ctype: "text/html", client: true},
		{method: "GET", path: "/careers/assets/style.css", status: 200, ctype: "text/css; charset=utf-8"},
		{method: "GET", path: "/careers/assets/app.js", status: 200, ctype: "text/javascript; charset=utf-8"},
		{method: "GET", path: "/careers/css/site.css", status: 200, ctype: "text/css", want: []string{"color: black"}},
		{method: "GET", path: "/careers/data/framework.json", status: 200, ctype: "application/json", want: []string{`"schema"`}},
		{method: "GET", path: "/careers/sitemap.xml", status: 200, ctype: "application/xml", want: []string{"/careers/tracks/eng/l1/"}},
		{method: "POST", path: "/careers/", status: 405},
	} {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, newRequest(tc.method, tc.path, nil))
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d; body:\n%.300s", res.StatusCode, tc.status, body)
			}
			if got := res.Header.Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control %q, want no-store", got)
			}
			if tc.location != "" && res.Header.Get("Location") != tc.location {
				t.Errorf("Location %q, want %q", res.Header.Get("Location"), tc.location)
			}
			if ct := res.Header.Get("Content-Type"); tc.ctype != "" && !strings.HasPrefix(ct, tc.ctype) {
				t.Errorf("Content-Type %q, want %q", ct, tc.ctype)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(body), w) {
					t.Errorf("body lacks %q", w)
				}
			}
			if got := strings.Contains(string(body), "__ladder/events"); got != tc.client {
				t.Errorf("client injected: %v, want %v", got, tc.client)
			}
			if tc.client && !strings.HasSuffix(strings.TrimSpace(string(body)), "</html>") {
				t.Errorf("the client is not inside the page:\n...%s", body[max(0, len(body)-200):])
			}
		})
	}
}

func TestHandlerHead(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, newRequest("HEAD", "/careers/tracks/eng/", nil))
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") == "" {
		t.Fatalf("HEAD: %d, %d bytes, Content-Length %q", rec.Code, rec.Body.Len(), rec.Header().Get("Content-Length"))
	}
}

func TestHandlerNotFoundIsTheSites(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, newRequest("GET", "/careers/tracks/eng/l9/", nil))
	want, _ := s.snap.Load().get("404.html")
	if rec.Code != 404 || !strings.HasPrefix(rec.Body.String(), string(want.body[:200])) {
		t.Fatalf("status %d, body does not start like 404.html:\n%.300s", rec.Code, rec.Body.String())
	}
}

func TestHandlerDrafts(t *testing.T) {
	files := maps.Clone(testSite)
	files["content/tracks/eng/l3.md"] = strings.Replace(level("Engineer Three", 3, "A draft."), "rank = 3", "rank = 3\ndraft = true", 1)
	for _, drafts := range []bool{true, false} {
		s := newHandler(t, files, Options{Drafts: drafts})
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, newRequest("GET", "/careers/tracks/eng/l3/", nil))
		switch {
		case drafts && (rec.Code != 200 || !strings.Contains(rec.Body.String(), "draft-banner")):
			t.Errorf("Drafts on: status %d, banner %v", rec.Code, strings.Contains(rec.Body.String(), "draft-banner"))
		case !drafts && rec.Code != 404:
			t.Errorf("Drafts off: status %d, want 404", rec.Code)
		}
	}
}

func TestHandlerServesErrorsBeforeFirstGoodBuild(t *testing.T) {
	files := maps.Clone(testSite)
	files["content/tracks/eng/l1.md"] = "+++\ntitle = \"<b>unterminated\nrank = 1\n+++\n"
	s := newHandler(t, files, Options{})
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, newRequest("GET", "/careers/tracks/eng/", nil))
	body := rec.Body.String()
	if rec.Code != 500 || !strings.Contains(body, `id="`+overlayID+`"`) || !strings.Contains(body, "content/tracks/eng/l1.md:2:") {
		t.Fatalf("status %d, body:\n%s", rec.Code, body)
	}
	if strings.Contains(body, "<b>unterminated") || !strings.Contains(body, "&lt;b&gt;unterminated") {
		t.Errorf("the source line is not escaped:\n%s", body)
	}
}

func TestInject(t *testing.T) {
	for _, tc := range []struct{ page, want string }{
		{"<html><body><p>x</p></body></html>", "<html><body><p>x</p>[X]</body></html>"},
		{"<HTML><BODY>x</BODY></HTML>", "<HTML><BODY>x[X]</BODY></HTML>"},
		{"<body><pre>&lt;/body&gt;</pre></body>", "<body><pre>&lt;/body&gt;</pre>[X]</body>"},
		{"<p>a fragment", "<p>a fragment[X]"},
		{"", "[X]"},
	} {
		if got := string(inject([]byte(tc.page), []byte("[X]"))); got != tc.want {
			t.Errorf("inject(%q) = %q, want %q", tc.page, got, tc.want)
		}
	}
}

func TestOverlayEscapesEverything(t *testing.T) {
	src := diag.NewLineIndex("content/x.md", []byte("+++\ntitle = \"</script><script>alert(1)</script>\"\n+++\n"))
	l := diag.List{{
		Pos: src.Pos(12, 21), Severity: diag.Error, Msg: `bad "<i>" value`, Hint: "use <em> & friends",
		Notes: []diag.Diagnostic{{Pos: src.Pos(4, 9), Msg: "note <here>"}},
	}}
	f := newFailure(l, func(string) *diag.LineIndex { return src })
	h := string(f.html)
	for _, bad := range []string{"<script>", "<i>", "<em>", "<here>"} {
		if strings.Contains(h, bad) {
			t.Errorf("overlay markup contains raw %q:\n%s", bad, h)
		}
	}
	for _, want := range []string{"content/x.md:2:9: ", "bad &#34;&lt;i&gt;&#34; value", "hint: use &lt;em&gt; &amp; friends", `class="note"`, "note &lt;here&gt;", "    2 | title = "} {
		if !strings.Contains(h, want) {
			t.Errorf("overlay markup lacks %q:\n%s", want, h)
		}
	}
	if strings.Contains(string(f.data), "<") {
		t.Errorf("event data has a raw <, which could end a script: %s", f.data)
	}
	// The caret sits under the problem: 8 spaces after the gutter.
	if !strings.Contains(h, "      |         ^^^^^^^^^") {
		t.Errorf("caret misplaced:\n%s", h)
	}
}

func TestSnippetCountsCharacters(t *testing.T) {
	j := diag.JSONDiagnostic{Line: 3, Col: 10, Len: 4, Source: "a\t\"é\" = \"ünï\""}
	want := "    3 | a \"é\" = \"ünï\"\n      |         ^^^"
	if got := snippet(j); got != want {
		t.Errorf("snippet =\n%s\nwant\n%s", got, want)
	}
}

func TestServeEmbeddedExample(t *testing.T) {
	proj, err := pipeline.Open(t.TempDir(), true)
	if err != nil {
		t.Fatal(err)
	}
	if !proj.Embedded {
		t.Fatal("an empty directory does not give the embedded example")
	}
	lb := &logBuf{}
	s := New(proj, Options{Drafts: true, Log: lb})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	code, body := get(t, "http://"+ln.Addr().String()+s.BasePath())
	if code != 200 || !strings.Contains(body, "__ladder/events") {
		t.Errorf("GET the example: %d", code)
	}
	if !strings.Contains(body, `<aside id="__ladder_example" role="note">This is the example framework built into ladder`) ||
		!strings.Contains(body, "__ladder/overlay.css") {
		t.Errorf("the example's page has no banner saying it is the example:\n%s", body)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(lb.String(), "no files to watch") {
		t.Errorf("log does not say there is nothing to watch:\n%s", lb.String())
	}
}

// TestServeShutdownClosesStreams checks that ending Serve's context ends
// the open event streams and returns promptly.
func TestServeShutdownClosesStreams(t *testing.T) {
	proj, err := pipeline.Open(writeSite(t, testSite), false)
	if err != nil {
		t.Fatal(err)
	}
	s := New(proj, Options{Log: io.Discard})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	resp, err := http.Get("http://" + ln.Addr().String() + "/careers/" + eventsPath + "?path=/careers/")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	buf := make([]byte, 1)
	if _, err := resp.Body.Read(buf); err != nil {
		t.Fatal(err)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return with a stream open")
	}
	if _, err := io.ReadAll(resp.Body); err != nil && !strings.Contains(err.Error(), "EOF") {
		t.Logf("stream ended with %v", err)
	}
	if n := s.clients.count(); n != 0 {
		t.Errorf("%d clients still registered", n)
	}
}
