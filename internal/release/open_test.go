package release

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/diff"
)

// copyExample writes the example site into a new folder, with edit applied
// to each file's text, and returns the folder.
func copyExample(t *testing.T, edit map[string][2]string) string {
	t.Helper()
	dir := t.TempDir()
	ex := ladder.Example()
	err := fs.WalkDir(ex, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ex, p)
		if err != nil {
			return err
		}
		if e, ok := edit[p]; ok {
			if !bytes.Contains(b, []byte(e[0])) {
				t.Fatalf("%s does not hold %q", p, e[0])
			}
			b = bytes.Replace(b, []byte(e[0]), []byte(e[1]), 1)
		}
		out := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestExampleChanges edits the example site as an author would for a
// release — one expectation raised, one course made required, one
// program's tenure rule changed — and requires exactly those three changes.
func TestExampleChanges(t *testing.T) {
	old := copyExample(t, nil)
	edited := copyExample(t, map[string][2]string{
		"content/tracks/data-center/technician-2.md": {
			"required_courses = [\"network-routing-infrastructure\"]\noptional_courses = [\"linux-command-line\"]\n",
			"required_courses = [\"network-routing-infrastructure\", \"linux-command-line\"]\n",
		},
		"content/tracks/data-center/technician-3.md": {"troubleshooting = 3", "troubleshooting = 4"},
		"content/programs/career-choice.md":          {"min_tenure_months = 3", "min_tenure_months = 6"},
	})
	a, err := Open(old)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(edited)
	if err != nil {
		t.Fatal(err)
	}
	if r := diff.Compare(a, a); !r.Empty() {
		t.Errorf("the example against itself: %d changes", len(r.Changes))
	}
	if a.Hash != copyHash(t, old) {
		t.Errorf("the hash of the same content differs between loads")
	}
	r := diff.Compare(a, b)
	var md bytes.Buffer
	if err := diff.WriteMarkdown(&md, r); err != nil {
		t.Fatal(err)
	}
	got := md.String()
	if len(r.Changes) != 3 {
		t.Fatalf("%d changes, want 3:\n%s", len(r.Changes), got)
	}
	for _, want := range []string{
		"**3 changes** in 2 parts.",
		"- level `data-center/technician-2` Data Center Technician II: course Linux command line (`linux-command-line`) is now required (was optional)\n",
		"- level `data-center/technician-3` Data Center Technician III: expects Troubleshooting (`troubleshooting`) at `4 Advanced`, up from `3 Proficient`\n",
		"- program `career-choice` Career Choice: eligibility: minimum tenure in months: `3` → `6`\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q:\n%s", want, got)
		}
	}
	if a.Hash == b.Hash {
		t.Errorf("different content, same hash %s", a.Hash)
	}
}

func copyHash(t *testing.T, dir string) string {
	t.Helper()
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	return f.Hash
}
