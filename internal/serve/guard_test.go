package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// tcpAddr parses "host:port" into a net.Addr.
func tcpAddr(t *testing.T, s string) net.Addr {
	t.Helper()
	ap, err := netip.ParseAddrPort(s)
	if err != nil {
		t.Fatal(err)
	}
	return net.TCPAddrFromAddrPort(ap)
}

// startLimited serves testSite with limits on connections and streams
// (zero: the default) until the test ends.
func startLimited(t *testing.T, conns, streams int) *testServer {
	t.Helper()
	proj, err := pipeline.Open(writeSite(t, testSite), false)
	if err != nil {
		t.Fatal(err)
	}
	s := New(proj, Options{})
	if conns > 0 {
		s.maxConns = conns
	}
	if streams > 0 {
		s.streams = streams
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return &testServer{Server: s, site: "http://" + ln.Addr().String() + s.BasePath()}
}

func TestHostsAllows(t *testing.T) {
	ifaces := []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("192.0.2.2"), netip.MustParseAddr("fd00::2")}
	for _, tc := range []struct {
		bound string // "" before the server listens
		allow []string
		host  string
		want  bool
	}{
		{host: "localhost", want: true},
		{host: "localhost:1313", want: true},
		{host: "LocalHost.:1313", want: true},
		{host: "tab.localhost:1313", want: true},
		{host: "127.0.0.1:1313", want: true},
		{host: "127.9.8.7", want: true},
		{host: "[::1]:1313", want: true},
		{host: "[::ffff:127.0.0.1]:1313", want: true},
		{host: "", want: false},
		{host: "evil.example", want: false},
		{host: "evil.example:1313", want: false},
		{host: "localhost.evil.example", want: false},
		{host: "evillocalhost", want: false},
		{host: "192.0.2.2:1313", want: false},
		{bound: "127.0.0.1:1313", host: "192.0.2.2:1313", want: false},
		{bound: "192.0.2.2:1313", host: "192.0.2.2:1313", want: true},
		{bound: "192.0.2.2:1313", host: "192.0.2.3:1313", want: false},
		{bound: "0.0.0.0:1313", host: "192.0.2.2:1313", want: true},
		{bound: "[::]:1313", host: "[fd00::2]:1313", want: true},
		{bound: "[::]:1313", host: "198.51.100.7:1313", want: false},
		{bound: "[::]:1313", host: "evil.example:1313", want: false},
		{allow: []string{"dev.example.com"}, host: "DEV.example.com:1313", want: true},
		{allow: []string{"dev.example.com"}, host: "x.dev.example.com", want: false},
		{allow: []string{".corp.example"}, host: "a.b.corp.example", want: true},
		{allow: []string{".corp.example"}, host: "corp.example", want: true},
		{allow: []string{".corp.example"}, host: "evilcorp.example", want: false},
		{allow: []string{"198.51.100.7"}, host: "198.51.100.7:80", want: true},
	} {
		var bound net.Addr
		if tc.bound != "" {
			bound = tcpAddr(t, tc.bound)
		}
		h := newHosts(bound, tc.allow, ifaces)
		if got := h.allows(tc.host); got != tc.want {
			t.Errorf("bound %q, allow %q: allows(%q) = %v, want %v", tc.bound, tc.allow, tc.host, got, tc.want)
		}
	}
}

// TestHostCheck checks that the server answers 403 to a request for a
// host it does not know, saying how to allow it, and that --allow-host
// allows it.
func TestHostCheck(t *testing.T) {
	s := newHandler(t, testSite, Options{AllowHosts: []string{"preview.example"}})
	for _, tc := range []struct {
		host   string
		status int
		want   string
	}{
		{"localhost:1313", 200, "Level one body ALPHA."},
		{"127.0.0.1:1313", 200, "Level one body ALPHA."},
		{"[::1]:1313", 200, "Level one body ALPHA."},
		{"preview.example", 200, "Level one body ALPHA."},
		{"attacker.example:1313", 403, `host "attacker.example:1313"` + "[^\n]*\nTo allow this host, restart it with --allow-host attacker.example\n"},
		{"10.1.2.3", 403, "--allow-host 10.1.2.3"},
	} {
		for _, p := range []string{"/careers/tracks/eng/l1/", "/careers/data/framework.json", "/careers/" + eventsPath} {
			if tc.status == 200 && p != "/careers/tracks/eng/l1/" {
				continue // the stream would not end
			}
			r := newRequest("GET", p, nil)
			r.Host = tc.host
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, r)
			if rec.Code != tc.status || !matches(t, tc.want, rec.Body.String()) {
				t.Errorf("GET %s for host %q: %d, want %d with %q; body:\n%.400s", p, tc.host, rec.Code, tc.status, tc.want, rec.Body.String())
			}
			if tc.status == 403 && strings.Contains(rec.Body.String(), "framework") && strings.Contains(rec.Body.String(), `"schema"`) {
				t.Errorf("GET %s for host %q leaked the data", p, tc.host)
			}
		}
	}
}

// TestHostCheckBoundAddress serves on 127.0.0.1 and asks for the page by
// the bound address, by localhost, and by a name pointing at it.
func TestHostCheckBoundAddress(t *testing.T) {
	ts := start(t, writeSite(t, testSite), Options{})
	u := strings.TrimPrefix(ts.site, "http://")
	addr, _, _ := strings.Cut(u, "/")
	_, port, _ := net.SplitHostPort(addr)
	for host, want := range map[string]int{addr: 200, "localhost:" + port: 200, "rebound.example:" + port: 403} {
		req, _ := http.NewRequest("GET", ts.site, nil)
		req.Host = host
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("Host %s: %d, want %d", host, res.StatusCode, want)
		}
	}
}

// matches reports whether s matches the regular expression re ("" matches
// everything).
func matches(t *testing.T, re, s string) bool {
	t.Helper()
	if re == "" {
		return true
	}
	return regexp.MustCompile(re).MatchString(s)
}

func TestEventsTakeGetOnly(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	for _, m := range []string{"POST", "PUT", "DELETE", "HEAD", "OPTIONS"} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, newRequest(m, "/careers/"+eventsPath+"?path=/careers/", strings.NewReader("x")))
		if rec.Code != http.StatusMethodNotAllowed || rec.Header().Get("Allow") != "GET" {
			t.Errorf("%s events: %d, Allow %q; want 405, GET", m, rec.Code, rec.Header().Get("Allow"))
		}
		if n := s.clients.count(); n != 0 {
			t.Errorf("%s events: %d clients registered", m, n)
		}
	}
}

// TestEventStreamCap opens as many event streams as allowed; the next
// gets 503 with Retry-After, and a slot freed is taken again.
func TestEventStreamCap(t *testing.T) {
	ts := startLimited(t, 0, 3)
	open := func() (*http.Response, error) {
		return http.Get(ts.site + eventsPath + "?path=/careers/")
	}
	var streams []*http.Response
	for range 3 {
		res, err := open()
		if err != nil || res.StatusCode != 200 {
			t.Fatalf("stream: %v %v", res, err)
		}
		streams = append(streams, res)
	}
	res, err := open()
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "too many live-reload connections") {
		t.Errorf("stream over the cap: %d, Retry-After %q, %s", res.StatusCode, res.Header.Get("Retry-After"), body)
	}
	streams[0].Body.Close()
	eventually(t, 5*time.Second, func() string {
		if ts.clients.count() != 2 {
			return "the closed stream is still counted"
		}
		return ""
	})
	res, err = open()
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("stream after one closed: %v %v", res, err)
	}
	res.Body.Close()
	for _, r := range streams[1:] {
		r.Body.Close()
	}
}

// TestEventStreamOutlivesTimeouts checks that the server's read and
// write timeouts, meant for ordinary requests, do not end an event stream
// (they are shortened to a second here).
func TestEventStreamOutlivesTimeouts(t *testing.T) {
	s := newHandler(t, testSite, Options{Heartbeat: 200 * time.Millisecond})
	hs := s.newHTTPServer(t.Context())
	hs.ReadTimeout, hs.WriteTimeout = time.Second, time.Second
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go hs.Serve(ln)
	defer hs.Close()
	res, err := http.Get("http://" + ln.Addr().String() + "/careers/" + eventsPath + "?path=/careers/")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	rd := bufio.NewReader(res.Body)
	deadline := time.Now().Add(hs.ReadTimeout + 2*time.Second)
	pings := 0
	for time.Now().Before(deadline) {
		line, err := rd.ReadString('\n')
		if err != nil {
			t.Fatalf("the stream ended after %d pings: %v", pings, err)
		}
		if line == ": ping\n" {
			pings++
		}
	}
}

// TestPolicyOnEveryResponse checks the Content-Security-Policy header on
// pages, assets, errors and the server's own files, and that nothing the
// server adds to a page is inline code or style.
func TestPolicyOnEveryResponse(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	s.publish(newFailure(nil, nil)) // the overlay, as after a failed build
	for _, tc := range []struct {
		method, path, host string
		status             int
	}{
		{"GET", "/careers/tracks/eng/l1/", "", 200},
		{"GET", "/careers/assets/style.css", "", 200},
		{"GET", "/careers/data/framework.json", "", 200},
		{"GET", "/careers/nope/", "", 404},
		{"GET", "/", "", 302},
		{"POST", "/careers/", "", 405},
		{"POST", "/careers/" + eventsPath, "", 405},
		{"GET", "/careers/", "attacker.example", 403},
		{"GET", "/careers/" + clientPath, "", 200},
		{"GET", "/careers/" + overlayCSSPath, "", 200},
	} {
		r := newRequest(tc.method, tc.path, nil)
		if tc.host != "" {
			r.Host = tc.host
		}
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, r)
		if rec.Code != tc.status {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, rec.Code, tc.status)
		}
		csp := rec.Header().Get("Content-Security-Policy")
		if csp != policy || strings.Contains(csp, "unsafe") {
			t.Errorf("%s %s: Content-Security-Policy %q", tc.method, tc.path, csp)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, newRequest("GET", "/careers/tracks/eng/l1/", nil))
	body := rec.Body.String()
	i := strings.Index(body, `<link rel="stylesheet" id="`+overlayID)
	if i < 0 || !strings.Contains(body, `id="`+overlayID+`"`) {
		t.Fatalf("no overlay in the page:\n%s", body)
	}
	added := body[i:]
	for _, bad := range []string{"<style", "style=", "<script>", " on"} {
		if strings.Contains(added, bad) {
			t.Errorf("the markup the server adds holds %q:\n%s", bad, added)
		}
	}
	if !strings.Contains(added, `<script id="__ladder_client" src="/careers/__ladder/client.js"`) {
		t.Errorf("the client is not loaded from its file:\n%s", added)
	}
}

func TestOwnFiles(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	for p, want := range map[string]string{
		"/careers/" + clientPath:     "text/javascript; charset=utf-8",
		"/careers/" + overlayCSSPath: "text/css; charset=utf-8",
	} {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, newRequest("GET", p, nil))
		if rec.Code != 200 || rec.Header().Get("Content-Type") != want || rec.Body.Len() < 100 {
			t.Errorf("GET %s: %d %q, %d bytes", p, rec.Code, rec.Header().Get("Content-Type"), rec.Body.Len())
		}
	}
}

func TestHTTPServerLimits(t *testing.T) {
	s := newHandler(t, testSite, Options{})
	hs := s.newHTTPServer(t.Context())
	if hs.ReadHeaderTimeout <= 0 || hs.ReadTimeout <= 0 || hs.WriteTimeout <= 0 || hs.IdleTimeout <= 0 || hs.ConnState == nil {
		t.Errorf("limits missing: %+v", hs)
	}
}

// TestIdleConnectionsDoNotStarve opens many more idle connections than
// the server keeps (connections that never send a request, and keep-alive
// connections left idle), then asks for pages: they answer at once, and
// the server never holds more connections than its limit.
func TestIdleConnectionsDoNotStarve(t *testing.T) {
	const limit, idle = 50, 1000
	ts2 := startLimited(t, limit, 0)
	host := strings.TrimPrefix(ts2.site, "http://")
	host, _, _ = strings.Cut(host, "/")

	var conns []net.Conn
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range idle {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatalf("after %d connections: %v", len(conns), err)
		}
		conns = append(conns, c)
	}
	// Keep-alive connections that asked once and went idle.
	for range 20 {
		c, err := net.Dial("tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(c, "GET /careers/ HTTP/1.1\r\nHost: %s\r\n\r\n", host)
		conns = append(conns, c)
	}
	var times []time.Duration
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
	for range 20 {
		t0 := time.Now()
		res, err := client.Get(ts2.site + "tracks/eng/l1/")
		if err != nil {
			t.Fatalf("a page with %d idle connections open: %v", len(conns), err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		times = append(times, time.Since(t0))
		if n := ts2.conns.Load().count(); n > limit {
			t.Errorf("%d connections open, limit %d", n, limit)
		}
	}
	slices.Sort(times)
	t.Logf("%d idle connections opened; page answered in %v (median), %v (slowest)", len(conns), times[len(times)/2], times[len(times)-1])
	if times[len(times)/2] > time.Second {
		t.Errorf("pages answer slowly with idle connections open: median %v", times[len(times)/2])
	}
}

func TestListenURLs(t *testing.T) {
	ifaces := func() []netip.Addr {
		return []netip.Addr{netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("192.0.2.2"), netip.MustParseAddr("::1"), netip.MustParseAddr("fd00::2")}
	}
	for _, tc := range []struct {
		addr    string
		urls    []string
		exposed bool
	}{
		{"127.0.0.1:1313", []string{"http://127.0.0.1:1313/careers/"}, false},
		{"[::1]:1313", []string{"http://[::1]:1313/careers/"}, false},
		{"192.0.2.2:1313", []string{"http://192.0.2.2:1313/careers/"}, true},
		{"[::]:1313", []string{"http://localhost:1313/careers/", "http://127.0.0.1:1313/careers/", "http://192.0.2.2:1313/careers/", "http://[::1]:1313/careers/", "http://[fd00::2]:1313/careers/"}, true},
		{"0.0.0.0:1313", []string{"http://localhost:1313/careers/", "http://127.0.0.1:1313/careers/", "http://192.0.2.2:1313/careers/"}, true},
	} {
		urls, exposed := listenURLs(tcpAddr(t, tc.addr), "/careers/", ifaces)
		if !slices.Equal(urls, tc.urls) || exposed != tc.exposed {
			t.Errorf("listenURLs(%s) = %q, %v; want %q, %v", tc.addr, urls, exposed, tc.urls, tc.exposed)
		}
	}
}
