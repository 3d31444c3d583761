package serve

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder"
)

// TestServeContentMovedAwayAndBack moves the content directory away and
// back, then edits a file: the server keeps serving, and the page shows
// the edit. Each rebuild loads a new site, so nothing of the site built
// while the folder was away lingers.
func TestServeContentMovedAwayAndBack(t *testing.T) {
	t.Run("example", func(t *testing.T) {
		dir := t.TempDir()
		if err := os.CopyFS(dir, ladder.Example()); err != nil {
			t.Fatal(err)
		}
		ts := start(t, dir, Options{Drafts: true})
		page := ts.site + "tracks/software/sde-2/"
		waitPage(t, page, 200, "</html>")
		// Away means out of the site, where the watcher does not look.
		content, away := filepath.Join(dir, "content"), filepath.Join(t.TempDir(), "content")
		n := rebuilds(ts)
		if err := os.Rename(content, away); err != nil {
			t.Fatal(err)
		}
		waitRebuilds(t, ts, n+1)
		waitPage(t, page, 404)
		if err := os.Rename(away, content); err != nil {
			t.Fatal(err)
		}
		waitPage(t, page, 200, "</html>")
		f := filepath.Join(content, "tracks", "software", "sde-2.md")
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, append(text, "\nA line written after the move.\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		waitPage(t, page, 200, "A line written after the move.")
	})
	t.Run("small", func(t *testing.T) { contentMoved(t) })
}

func contentMoved(t *testing.T) {
	dir := writeSite(t, testSite)
	ts := start(t, dir, Options{Drafts: true})
	page := ts.site + "tracks/eng/l1/"
	waitPage(t, page, 200, "Level one body ALPHA.")

	content, away := filepath.Join(dir, "content"), filepath.Join(dir, "content.away")
	n := rebuilds(ts)
	if err := os.Rename(content, away); err != nil {
		t.Fatal(err)
	}
	waitRebuilds(t, ts, n+1)
	waitPage(t, page, 404)
	time.Sleep(50 * time.Millisecond)
	if err := os.Rename(away, content); err != nil {
		t.Fatal(err)
	}
	waitPage(t, page, 200, "Level one body ALPHA.")

	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body BRAVO."))
	waitPage(t, page, 200, "Level one body BRAVO.")
	writeFile(t, dir, "content/tracks/eng/_index.md", "+++\ntitle = \"Engineering, moved\"\n+++\nThe engineering track.\n")
	waitPage(t, page, 200, "Engineering, moved", "Level one body BRAVO.")

	// A track's folder renamed and back.
	tracks := filepath.Join(dir, "content", "tracks")
	if err := os.Rename(filepath.Join(tracks, "eng"), filepath.Join(tracks, "engineering")); err != nil {
		t.Fatal(err)
	}
	waitPage(t, ts.site+"tracks/engineering/l1/", 200, "Level one body BRAVO.")
	if err := os.Rename(filepath.Join(tracks, "engineering"), filepath.Join(tracks, "eng")); err != nil {
		t.Fatal(err)
	}
	writeFile(t, dir, "content/tracks/eng/l2.md", level("Engineer Two", 2, "Level two body CHARLIE."))
	waitPage(t, ts.site+"tracks/eng/l2/", 200, "Level two body CHARLIE.")
	waitPage(t, page, 200, "Level one body BRAVO.")
}
