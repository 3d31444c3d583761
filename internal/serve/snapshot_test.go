package serve

import (
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/build"
)

// TestSnapshotSuccessor updates a site in place under a snapshot, as the
// dev server does after an edit: what the old snapshot drew before stays
// as it was (the browsers' pages, to compare with), and what it had not
// drawn comes from its successor, never from a Renderer whose site has
// changed under it.
func TestSnapshotSuccessor(t *testing.T) {
	dir := writeSite(t, testSite)
	p, err := build.Open(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	session := p.NewSession(build.Options{Drafts: true})
	res, err := session.Compile(nil)
	if err != nil || res.Renderer == nil {
		t.Fatalf("compile: %v %v", err, res.Diags.Err())
	}
	const l1, l2 = "tracks/eng/l1/index.html", "tracks/eng/l2/index.html"
	old := newSnapshot(res.Renderer, 1, nil)
	before, _ := old.get(l1)
	if !strings.Contains(string(before.body), "ALPHA") {
		t.Fatalf("l1 before the edit lacks its text:\n%s", before.body)
	}

	writeFile(t, dir, "content/tracks/eng/l1.md", level("Engineer One", 1, "Level one body BRAVO."))
	writeFile(t, dir, "content/tracks/eng/l2.md", level("Engineer Two", 2, "Level two body CHARLIE."))
	u, ok := session.Prepare([]string{"content/tracks/eng/l1.md", "content/tracks/eng/l2.md"})
	if !ok {
		t.Fatal("Prepare refused an edit of two bodies")
	}
	old.lock.Lock()
	next := newSnapshot(session.Apply(u).Renderer, 2, old)
	old.successor = next
	old.lock.Unlock()

	if next.lock != old.lock {
		t.Error("the successor does not share its predecessor's lock")
	}
	if e, _ := old.get(l1); e != before || !strings.Contains(string(e.body), "ALPHA") {
		t.Errorf("the old snapshot lost what it drew before the update:\n%s", e.body)
	}
	if e, _ := old.get(l2); !strings.Contains(string(e.body), "CHARLIE") {
		t.Errorf("the old snapshot drew l2 after the update without the new text:\n%s", e.body)
	}
	if e, _ := next.get(l1); !strings.Contains(string(e.body), "BRAVO") {
		t.Errorf("the new snapshot lacks the new text of l1:\n%s", e.body)
	}
	if ch := diff(old, next, []string{"/careers/tracks/eng/l1/"}, []string{l1}); len(ch.Updated) != 1 || ch.Updated[0] != "/careers/tracks/eng/l1/" {
		t.Errorf("diff = %+v, want l1 updated", ch)
	}
}
