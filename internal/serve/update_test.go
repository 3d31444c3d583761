package serve

import (
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/watch"
)

// TestServeUpdatesUnderLoad answers requests from many goroutines while
// the building goroutine rebuilds the site again and again: new
// course titles (the catalogue is sorted again), a page that goes and
// comes back, level bodies. Every answer must be a whole page, or the 404
// page for the page that is gone, and nothing may panic.
func TestServeUpdatesUnderLoad(t *testing.T) {
	files := maps.Clone(testSite)
	for i := range 6 {
		files[fmt.Sprintf("content/courses/c%d.md", i)] = course(i, fmt.Sprintf("Course %d", i))
	}
	files["content/pages/extra.md"] = "+++\ntitle = \"Extra\"\n+++\nAn extra page.\n"
	dir := writeSite(t, files)
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	s := New(proj, Options{Drafts: true})
	urls := []string{"/careers/", "/careers/courses/", "/careers/extra/", "/careers/tracks/eng/l1/",
		"/careers/data/search.json", "/careers/data/framework.json", "/careers/competencies/coding/"}
	for i := range 6 {
		urls = append(urls, fmt.Sprintf("/careers/courses/c%d/", i))
	}

	var stop atomic.Bool
	var served atomic.Int64
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; !stop.Load(); i++ {
				u := urls[(i+g)%len(urls)]
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, newRequest(http.MethodGet, u, nil))
				body := rec.Body.String()
				switch {
				case rec.Code == http.StatusNotFound && u == "/careers/extra/":
				case rec.Code != http.StatusOK:
					t.Errorf("GET %s: status %d", u, rec.Code)
					return
				case strings.HasSuffix(u, "/") && !strings.Contains(body, "</html>"):
					t.Errorf("GET %s: not a whole page (%d bytes)", u, len(body))
					return
				}
				served.Add(1)
			}
		}()
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(text), 0o644); err != nil {
			t.Error(err)
		}
	}
	for step := range 120 {
		var name string
		switch step % 4 {
		case 0:
			name = fmt.Sprintf("content/courses/c%d.md", step%6)
			write(name, course(step%6, fmt.Sprintf("Course %d, take %d", step%6, step)))
		case 1:
			name = "content/pages/extra.md"
			os.Remove(filepath.Join(dir, filepath.FromSlash(name)))
		case 2:
			name = "content/pages/extra.md"
			write(name, fmt.Sprintf("+++\ntitle = \"Extra\"\n+++\nAn extra page, take %d.\n", step))
		case 3:
			name = "content/tracks/eng/l1.md"
			write(name, level("Engineer One", 1, fmt.Sprintf("Level one body, take %d.", step)))
		}
		if f := s.rebuild(watch.Batch{Paths: []string{name}}, false); f != nil {
			t.Fatalf("step %d: the build failed: %s", step, f.data)
		}
	}
	stop.Store(true)
	wg.Wait()
	if served.Load() == 0 {
		t.Fatal("no request was answered")
	}
	if c := s.snap.Load().r.Site().CourseByID("c0"); c == nil || !strings.Contains(c.Title, "take 108") {
		t.Errorf("the last updates did not reach the site: course c0 is %+v", c)
	}
}

// course returns the text of a course file.
func course(i int, title string) string {
	return fmt.Sprintf("+++\ntitle = %q\nformat = \"video\"\n[skills]\ncoding = 1\n+++\nBody %d.\n", title, i)
}

// TestServeHoldsBackWhileChanging: a good build made while more changes
// came is not published, since the batch with those changes follows; at
// most maxHeldBack in a row are, and the build that is published holds
// the changes of those held back.
func TestServeHoldsBackWhileChanging(t *testing.T) {
	dir := writeSite(t, testSite)
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	s := New(proj, Options{Drafts: true})
	if f := s.rebuild(watch.Batch{Rescan: true}, true); f != nil {
		t.Fatalf("first build: %s", f.data)
	}
	changing := true
	s.changing = func(watch.Batch) bool { return changing }
	const name = "content/tracks/eng/l1.md"
	edit := func(take int) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(name)), []byte(level("Engineer One", 1, fmt.Sprintf("Take %d.", take))), 0o644); err != nil {
			t.Fatal(err)
		}
		if f := s.rebuild(watch.Batch{Paths: []string{name}}, false); f != nil {
			t.Fatalf("take %d: the build failed: %s", take, f.data)
		}
	}
	body := func() string {
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, newRequest(http.MethodGet, "/careers/tracks/eng/l1/", nil))
		return rec.Body.String()
	}
	v := s.snap.Load().version
	for take := 1; take <= maxHeldBack; take++ {
		edit(take)
		if got := s.snap.Load().version; got != v {
			t.Fatalf("take %d was published (version %d, was %d) while changes kept coming", take, got, v)
		}
	}
	if strings.Contains(body(), "Take 1.") {
		t.Fatal("a held-back build is served")
	}
	edit(maxHeldBack + 1)
	if got := s.snap.Load().version; got != v+1 || !strings.Contains(body(), fmt.Sprintf("Take %d.", maxHeldBack+1)) {
		t.Fatalf("after %d builds held back, the next was not published (version %d, was %d)", maxHeldBack, got, v)
	}
	changing = false
	edit(10)
	if got := s.snap.Load().version; got != v+2 || !strings.Contains(body(), "Take 10.") {
		t.Fatalf("a build with no changes coming was not published (version %d)", got)
	}
}
