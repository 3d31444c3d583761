package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"html"
	"io"
	"maps"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// testSite is a small valid site served under /careers/.
var testSite = map[string]string{
	"site.toml": `title = "Test Co Careers"
base_url = "/careers/"
today = 2026-01-05
`,
	"content/_index.md":              "+++\ntitle = \"Welcome\"\n+++\nHome page text.\n",
	"content/tracks/eng/_index.md":   "+++\ntitle = \"Engineering\"\nsummary = \"Builds things.\"\n+++\nThe engineering track.\n",
	"content/tracks/eng/l1.md":       level("Engineer One", 1, "Level one body ALPHA."),
	"content/tracks/eng/l2.md":       level("Engineer Two", 2, "Level two body."),
	"content/competencies/coding.md": "+++\ntitle = \"Coding\"\ncategory = \"Craft\"\n+++\nWrites code.\n",
	"content/courses/basics.md":      "+++\ntitle = \"Basics\"\nformat = \"self-paced\"\nhours = 2\n[skills]\ncoding = 1\n+++\nThe basics.\n",
	"static/css/site.css":            "body { color: black; }\n",
}

// level returns the text of a level file.
func level(title string, rank int, body string) string {
	return "+++\ntitle = \"" + title + "\"\nrank = " + string(rune('0'+rank)) +
		"\nrequired_courses = [\"basics\"]\n\n[competencies]\ncoding = " + string(rune('0'+rank)) + "\n+++\n" + body + "\n"
}

// writeSite writes files into a new temporary directory and returns it.
func writeSite(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		writeFile(t, dir, name, text)
	}
	return dir
}

func writeFile(t testing.TB, dir, name, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// logBuf is a log that tests can read while the server writes to it.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func (l *logBuf) count(s string) int { return strings.Count(l.String(), s) }

// testServer is a Server running on a free port of 127.0.0.1.
type testServer struct {
	*Server
	dir  string
	site string // "http://127.0.0.1:PORT/careers/"
	log  *logBuf
}

// start serves the site in dir until the test ends.
func start(t testing.TB, dir string, opts Options) *testServer {
	t.Helper()
	ts, stop := startOn(t, dir, opts, "127.0.0.1:0")
	t.Cleanup(stop)
	return ts
}

// startOn serves the site in dir on addr until stop is called.
func startOn(t testing.TB, dir string, opts Options, addr string) (ts *testServer, stop func()) {
	t.Helper()
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	lb := &logBuf{}
	opts.Log = lb
	s := New(proj, opts)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(10 * time.Second):
			t.Errorf("Serve did not return after its context ended")
		}
	}
	ts = &testServer{Server: s, dir: dir, site: "http://" + ln.Addr().String() + s.BasePath(), log: lb}
	eventually(t, 10*time.Second, func() string {
		if !strings.Contains(lb.String(), "watching ") {
			return "the watcher did not start; log:\n" + lb.String()
		}
		return ""
	})
	return ts, stop
}

// eventually calls check until it returns "" and fails the test with its
// last message after timeout.
func eventually(t testing.TB, timeout time.Duration, check func() string) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		msg := check()
		if msg == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal(msg)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// get fetches a URL and returns the status and body.
func get(t testing.TB, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// waitPage waits until the page at u answers status with a body that
// contains want (or, for want starting with "!", does not contain it).
func waitPage(t testing.TB, u string, status int, want ...string) string {
	t.Helper()
	var body string
	eventually(t, 10*time.Second, func() string {
		var code int
		code, body = get(t, u)
		if code != status {
			return "GET " + u + ": status " + http.StatusText(code) + ", want " + http.StatusText(status)
		}
		for _, w := range want {
			if neg, ok := strings.CutPrefix(w, "!"); ok {
				if strings.Contains(body, neg) {
					return "GET " + u + ": body still contains " + neg
				}
			} else if !strings.Contains(body, w) {
				return "GET " + u + ": body lacks " + w
			}
		}
		return ""
	})
	return body
}

// sseEvent is one event read from a stream.
type sseEvent struct {
	name string
	data string
}

func (e sseEvent) change(t testing.TB) change {
	t.Helper()
	var c change
	if err := json.Unmarshal([]byte(e.data), &c); err != nil {
		t.Fatalf("change event %q: %v", e.data, err)
	}
	return c
}

// sseClient reads an event stream as a browser tab would.
type sseClient struct {
	ch     chan sseEvent
	cancel func()
}

// clientVars finds the page's site path, hash and event stream in the
// element that loads the client.
var clientVars = regexp.MustCompile(`data-path="([^"]*)" data-hash="([^"]*)" data-events="([^"]*)"`)

// openEvents loads the page at site path page (below the test server's
// base) and connects to the event stream with the page's own parameters,
// as the injected client does. It reads the opening events up to "ok" or
// "error".
func openEvents(t testing.TB, ts *testServer, page string) *sseClient {
	t.Helper()
	_, body := get(t, ts.site+page)
	m := clientVars.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("page %s has no live-reload client", page)
	}
	p, h, e := html.UnescapeString(m[1]), html.UnescapeString(m[2]), html.UnescapeString(m[3])
	u, _ := url.Parse(ts.site)
	u.Path, u.RawQuery = e, url.Values{"path": {p}, "h": {h}}.Encode()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "GET", u.String(), nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		cancel()
		t.Fatalf("event stream content type %q", ct)
	}
	c := &sseClient{ch: make(chan sseEvent, 64), cancel: cancel}
	go func() {
		defer resp.Body.Close()
		defer close(c.ch)
		r := bufio.NewReader(resp.Body)
		var ev sseEvent
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			line = strings.TrimSuffix(line, "\n")
			switch {
			case line == "":
				if ev.name != "" {
					c.ch <- ev
				}
				ev = sseEvent{}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
		}
	}()
	t.Cleanup(cancel)
	if ev := c.next(t, 5*time.Second); ev.name != "hello" {
		t.Fatalf("first event %+v, want hello", ev)
	}
	for {
		ev := c.next(t, 5*time.Second)
		if ev.name == "ok" || ev.name == "error" {
			break
		}
	}
	return c
}

// next returns the next event, failing after timeout.
func (c *sseClient) next(t testing.TB, timeout time.Duration) sseEvent {
	t.Helper()
	select {
	case ev, ok := <-c.ch:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(timeout):
		t.Fatalf("no event within %v", timeout)
	}
	return sseEvent{}
}

// waitFor returns the first event that satisfies match, failing after
// timeout; other events are logged and skipped.
func (c *sseClient) waitFor(t testing.TB, timeout time.Duration, what string, match func(sseEvent) bool) sseEvent {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case ev, ok := <-c.ch:
			if !ok {
				t.Fatalf("event stream closed while waiting for %s", what)
			}
			if match(ev) {
				return ev
			}
			t.Logf("skipped event %s %s while waiting for %s", ev.name, ev.data, what)
		case <-deadline:
			t.Fatalf("no %s within %v", what, timeout)
		}
	}
}

// quiet fails if an event arrives within d.
func (c *sseClient) quiet(t testing.TB, d time.Duration) {
	t.Helper()
	select {
	case ev := <-c.ch:
		t.Fatalf("unexpected event %s %s", ev.name, ev.data)
	case <-time.After(d):
	}
}

// changeNaming matches a "change" event whose lists name path in list
// ("added", "removed" or "updated").
func changeNaming(t testing.TB, list, path string) func(sseEvent) bool {
	return func(ev sseEvent) bool {
		if ev.name != "change" {
			return false
		}
		c := ev.change(t)
		l := map[string][]string{"added": c.Added, "removed": c.Removed, "updated": c.Updated}[list]
		return slices.Contains(l, path)
	}
}

// waitRebuilds waits until the log shows n rebuilds in all (successful
// or not).
func waitRebuilds(t testing.TB, ts *testServer, n int) {
	t.Helper()
	eventually(t, 10*time.Second, func() string {
		if got := ts.log.count("rebuilt in ") + ts.log.count("build failed: "); got < n {
			return "rebuilds: " + ts.log.String()
		}
		return ""
	})
}

func rebuilds(ts *testServer) int {
	return ts.log.count("rebuilt in ") + ts.log.count("build failed: ")
}

func TestServeEditCycle(t *testing.T) {
	dir := writeSite(t, testSite)
	ts := start(t, dir, Options{Drafts: true})
	const l1 = "/careers/tracks/eng/l1/"

	body := waitPage(t, ts.site+"tracks/eng/l1/", 200, "Engineer One", "Level one body ALPHA.", "__ladder/events")
	if strings.Contains(body, `id="`+overlayID+`"`) {
		t.Fatal("a good build's page carries the error overlay")
	}
	ev := openEvents(t, ts, "tracks/eng/l1/")

	// Requests keep being answered, from a whole snapshot, while the site
	// is rebuilt again and again.
	stop := make(chan struct{})
	var hammer sync.WaitGroup
	hammer.Add(1)
	go func() {
		defer hammer.Done()
		for {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := http.Get(ts.site + "tracks/eng/")
			if err != nil {
				t.Errorf("GET during rebuilds: %v", err)
				return
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || !bytes.Contains(b, []byte("</html>")) {
				t.Errorf("GET during rebuilds: %d, %d bytes", resp.StatusCode, len(b))
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()
	defer func() { close(stop); hammer.Wait() }()

	t.Run("edit", func(t *testing.T) {
		writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body BRAVO."))
		ev.waitFor(t, 10*time.Second, "change naming l1", changeNaming(t, "updated", l1))
		waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body BRAVO.", "!ALPHA")
	})

	t.Run("edit elsewhere", func(t *testing.T) {
		// The body of another level is not on this page: nothing to tell.
		n := rebuilds(ts)
		writeFile(t, dir, "content/tracks/eng/l2.md", level("Engineer Two", 2, "Level two body, revised."))
		waitRebuilds(t, ts, n+1)
		ev.quiet(t, 300*time.Millisecond)
		waitPage(t, ts.site+"tracks/eng/l2/", 200, "Level two body, revised.")
	})

	t.Run("create", func(t *testing.T) {
		writeFile(t, dir, "content/tracks/eng/l3.md", level("Engineer Three", 3, "Level three body."))
		ev.waitFor(t, 10*time.Second, "change adding l3", changeNaming(t, "added", "/careers/tracks/eng/l3/"))
		waitPage(t, ts.site+"tracks/eng/l3/", 200, "Engineer Three", "Level three body.")
		waitPage(t, ts.site+"tracks/eng/", 200, "Engineer Three")
	})

	t.Run("rename", func(t *testing.T) {
		if err := os.Rename(filepath.Join(dir, "content/tracks/eng/l3.md"), filepath.Join(dir, "content/tracks/eng/l4.md")); err != nil {
			t.Fatal(err)
		}
		ev.waitFor(t, 10*time.Second, "change removing l3", changeNaming(t, "removed", "/careers/tracks/eng/l3/"))
		waitPage(t, ts.site+"tracks/eng/l4/", 200, "Engineer Three")
		waitPage(t, ts.site+"tracks/eng/l3/", 404, "__ladder/events")
	})

	t.Run("delete", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "content/tracks/eng/l4.md")); err != nil {
			t.Fatal(err)
		}
		ev.waitFor(t, 10*time.Second, "change removing l4", changeNaming(t, "removed", "/careers/tracks/eng/l4/"))
		waitPage(t, ts.site+"tracks/eng/l4/", 404)
	})

	t.Run("atomic save", func(t *testing.T) {
		tmp := filepath.Join(dir, "content/tracks/eng/l1.md.tmp")
		if err := os.WriteFile(tmp, []byte(level("Engineer One", 1, "Level one body CHARLIE.")), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(dir, "content/tracks/eng/l1.md")); err != nil {
			t.Fatal(err)
		}
		ev.waitFor(t, 10*time.Second, "change naming l1", changeNaming(t, "updated", l1))
		waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body CHARLIE.")
	})

	t.Run("break front matter", func(t *testing.T) {
		writeFile(t, dir, "content/tracks/eng/l1.md", "+++\ntitle = \"unterminated\nrank = 1\n+++\nLevel one body DELTA.\n")
		e := ev.waitFor(t, 10*time.Second, "error event", func(e sseEvent) bool { return e.name == "error" })
		var o overlay
		if err := json.Unmarshal([]byte(e.data), &o); err != nil {
			t.Fatal(err)
		}
		if len(o.Errors) == 0 || !strings.HasPrefix(o.Errors[0].Loc, "content/tracks/eng/l1.md:2:") ||
			o.Errors[0].Line != 2 || o.Errors[0].Col < 9 || !strings.Contains(o.Errors[0].Snippet, "^") {
			t.Fatalf("error event %s: want the first error at content/tracks/eng/l1.md:2:col with a caret", e.data)
		}
		// The last good page, with the overlay on top.
		body := waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body CHARLIE.", `id="`+overlayID+`"`, "content/tracks/eng/l1.md:2:", "invalid TOML")
		if strings.Contains(body, "DELTA") {
			t.Fatal("the page shows the broken edit")
		}
		// The browsers hear of the errors first, the terminal just after.
		eventually(t, 5*time.Second, func() string {
			if !strings.Contains(ts.log.String(), "build failed: ") || !strings.Contains(ts.log.String(), "content/tracks/eng/l1.md:2:") {
				return "log lacks the failure:\n" + ts.log.String()
			}
			return ""
		})
		// A tab opened now learns about the errors at once.
		ev2 := openEvents(t, ts, "tracks/eng/")
		ev2.cancel()
	})

	t.Run("fix", func(t *testing.T) {
		writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body ECHO."))
		ev.waitFor(t, 10*time.Second, "change or ok", func(e sseEvent) bool {
			return e.name == "ok" || changeNaming(t, "updated", l1)(e)
		})
		waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body ECHO.", "!"+`id="`+overlayID+`"`)
	})

	t.Run("misspelt reference", func(t *testing.T) {
		// A front matter that parses, with a course id that does not
		// exist: found without checking the whole site, and shown with
		// its hint.
		writeFile(t, dir, "content/tracks/eng/l1.md", strings.Replace(level("Engineer One", 1, "Level one body FOXTROT."), `["basics"]`, `["basic"]`, 1))
		e := ev.waitFor(t, 10*time.Second, "error event", func(e sseEvent) bool { return e.name == "error" })
		var o overlay
		if err := json.Unmarshal([]byte(e.data), &o); err != nil {
			t.Fatal(err)
		}
		if len(o.Errors) != 1 || !strings.HasPrefix(o.Errors[0].Loc, "content/tracks/eng/l1.md:4:") ||
			!strings.Contains(o.Errors[0].Message, `unknown course "basic"`) || !strings.Contains(o.Errors[0].Hint, `"basics"`) {
			t.Fatalf("error event %s: want the unknown course at l1.md:4 with a hint", e.data)
		}
		waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body ECHO.", `id="`+overlayID+`"`)

		writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body GOLF."))
		ev.waitFor(t, 10*time.Second, "change naming l1", changeNaming(t, "updated", l1))
		waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body GOLF.", "!"+`id="`+overlayID+`"`)
	})

	t.Run("no visible change", func(t *testing.T) {
		n := rebuilds(ts)
		// Rewriting identical bytes rebuilds, and sends nothing. (In place,
		// without truncating first, so that the file is never empty.)
		f, err := os.OpenFile(filepath.Join(dir, "content/tracks/eng/l1.md"), os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.WriteString(level("Engineer One", 1, "Level one body GOLF."))
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			t.Fatal(err)
		}
		waitRebuilds(t, ts, n+1)
		ev.quiet(t, 300*time.Millisecond)
		if !strings.Contains(ts.log.String(), "no visible change") {
			t.Errorf("log does not say the rebuild changed nothing:\n%s", ts.log.String())
		}
		// Touching a file changes nothing either.
		now := time.Now().Add(time.Second)
		if err := os.Chtimes(filepath.Join(dir, "content/tracks/eng/l1.md"), now, now); err != nil {
			t.Fatal(err)
		}
		ev.quiet(t, 300*time.Millisecond)
	})
}

func TestServeBurstIsOneRebuild(t *testing.T) {
	dir := writeSite(t, testSite)
	// A longer quiet period than the default, so that a loaded machine is
	// less likely to split the burst.
	const debounce = 200 * time.Millisecond
	ts := start(t, dir, Options{Drafts: true, Debounce: debounce})
	ev := openEvents(t, ts, "tracks/eng/l2/")
	n := rebuilds(ts)
	began := time.Now()
	var longest time.Duration
	last := began
	for i := range 20 {
		writeFile(t, dir, "content/tracks/eng/l2.md", level("Engineer Two", 2, "Burst "+string(rune('A'+i))+"."))
		now := time.Now()
		longest = max(longest, now.Sub(last))
		last = now
	}
	ev.waitFor(t, 10*time.Second, "change naming l2", changeNaming(t, "updated", "/careers/tracks/eng/l2/"))
	ev.quiet(t, 500*time.Millisecond)
	waitPage(t, ts.site+"tracks/eng/l2/", 200, "Burst T.")
	got := rebuilds(ts) - n
	switch {
	case got == 1:
	case longest >= debounce/2:
		// The writer itself paused for about as long as the quiet period:
		// that is two bursts, not one.
		t.Logf("%d rebuilds, but the writes paused for %v (machine busy)", got, longest)
	default:
		t.Fatalf("%d rebuilds for a burst of 20 writes in %v, want 1; log:\n%s", got, time.Since(began), ts.log.String())
	}
}

func TestServeStylesheetChange(t *testing.T) {
	dir := writeSite(t, testSite)
	if err := os.CopyFS(filepath.Join(dir, "themes", "default"), ladder.DefaultTheme()); err != nil {
		t.Fatal(err)
	}
	ts := start(t, dir, Options{Drafts: true})
	ev := openEvents(t, ts, "tracks/eng/l1/")
	want := func(path string) {
		t.Helper()
		e := ev.waitFor(t, 10*time.Second, "change", func(e sseEvent) bool { return e.name == "change" })
		c := e.change(t)
		if len(c.Added) != 0 || len(c.Removed) != 0 || !slices.Equal(c.Updated, []string{path}) {
			t.Fatalf("change %s, want only %s updated", e.data, path)
		}
	}

	css := filepath.Join(dir, "themes/default/assets/style.css")
	old, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "themes/default/assets/style.css", string(old)+"\nbody { outline: 1px solid red; }\n")
	want("/careers/assets/style.css")
	waitPage(t, ts.site+"assets/style.css", 200, "outline:1px solid red")

	writeFile(t, dir, "static/css/site.css", "body { color: navy; }\n")
	want("/careers/css/site.css")
	resp, err := http.Get(ts.site + "css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/css; charset=utf-8" {
		t.Errorf("stylesheet content type %q", ct)
	}
}

func TestServeStartsWithErrors(t *testing.T) {
	files := maps.Clone(testSite)
	files["content/tracks/eng/l1.md"] = "+++\ntitle = \"unterminated\nrank = 1\n+++\nBroken.\n"
	dir := writeSite(t, files)
	ts := start(t, dir, Options{Drafts: true})
	if !strings.Contains(ts.log.String(), "build failed: ") {
		t.Fatalf("log:\n%s", ts.log.String())
	}
	body := waitPage(t, ts.site+"tracks/eng/l1/", 500, `id="`+overlayID+`"`, "content/tracks/eng/l1.md:2:")
	if strings.Contains(body, "Broken.") {
		t.Fatal("the error page shows the broken content")
	}
	ev := openEvents(t, ts, "tracks/eng/l1/")
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body FIXED."))
	ev.waitFor(t, 10*time.Second, "change naming l1", changeNaming(t, "updated", "/careers/tracks/eng/l1/"))
	waitPage(t, ts.site+"tracks/eng/l1/", 200, "Level one body FIXED.", "!"+`id="`+overlayID+`"`)
}

// TestServeCatchesUpOnConnect checks that a tab whose page changed between
// its load and its connection is told at once.
func TestServeCatchesUpOnConnect(t *testing.T) {
	dir := writeSite(t, testSite)
	ts := start(t, dir, Options{Drafts: true})
	_, body := get(t, ts.site+"tracks/eng/l1/")
	m := clientVars.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no client in the page")
	}
	n := rebuilds(ts)
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Changed before connecting."))
	waitRebuilds(t, ts, n+1)
	h := html.UnescapeString(m[2])
	resp, err := http.Get(ts.site + eventsPath + "?" + url.Values{"path": {"/careers/tracks/eng/l1/"}, "h": {h}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(resp.Body)
	var lines []string
	for len(lines) < 4 {
		line, err := r.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	if lines[2] != "event: change" || !strings.Contains(lines[3], `"updated":["/careers/tracks/eng/l1/"]`) {
		t.Fatalf("opening events %q, want hello then a change for the page", lines)
	}
}

// TestServeCatchesUpOnStart checks that a file saved after the first build
// read the site but before the watcher was ready, which no event reports,
// is in the pages once the server runs.
func TestServeCatchesUpOnStart(t *testing.T) {
	dir := writeSite(t, testSite)
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	s := New(proj, Options{Log: io.Discard})
	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body SAVED DURING START."))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		<-done
	}()
	waitPage(t, "http://"+ln.Addr().String()+s.BasePath()+"tracks/eng/l1/", 200, "SAVED DURING START")
}
