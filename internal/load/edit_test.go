package load_test

import (
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// TestEdits checks which changes the loader offers as edits in place: the
// content files that still define the same entities, and nothing else.
func TestEdits(t *testing.T) {
	const (
		linux = "content/courses/linux.md"
		lms   = "content/courses/lms.toml"
		sr    = "content/tracks/eng/senior.md"
		ops   = "content/tracks/ops/lead.md"
	)
	base := func() fstest.MapFS {
		fsys := minimal()
		fsys[linux] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Linux\"\n+++\nThe shell.\n")}
		fsys[lms] = &fstest.MapFile{Data: []byte("[[course]]\nid = \"go\"\ntitle = \"Go\"\n\n[[course]]\nid = \"git\"\ntitle = \"Git\"\n")}
		fsys["content/notes.txt"] = &fstest.MapFile{Data: []byte("not content\n")}
		return fsys
	}
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		change  func(fstest.MapFS)
		changed []string
		ok      bool
		edits   int
	}{
		{"body", func(f fstest.MapFS) { f[linux] = file("+++\ntitle = \"Linux\"\n+++\nThe shell, and more.\n") }, []string{linux}, true, 1},
		{"front matter", func(f fstest.MapFS) { f[linux] = file("+++\ntitle = \"Linux basics\"\nhours = 3\n+++\n") }, []string{linux}, true, 1},
		{"same bytes", func(fstest.MapFS) {}, []string{linux}, true, 0},
		{"catalogue entry", func(f fstest.MapFS) {
			f[lms] = file("[[course]]\nid = \"go\"\ntitle = \"Go!\"\n\n[[course]]\nid = \"git\"\ntitle = \"Git\"\n")
		}, []string{lms}, true, 1},
		{"temporary file gone", func(f fstest.MapFS) { f[linux] = file("+++\ntitle = \"Linux\"\n+++\nx\n") }, []string{linux, "content/courses/sedX1b2c3", "content/courses/.linux.md.swp"}, true, 1},
		{"file that is not content", func(fstest.MapFS) {}, []string{"content/notes.txt"}, true, 0},
		{"catalogue entry renamed", func(f fstest.MapFS) {
			f[lms] = file("[[course]]\nid = \"golang\"\ntitle = \"Go\"\n\n[[course]]\nid = \"git\"\ntitle = \"Git\"\n")
		}, []string{lms}, false, 0},
		{"catalogue entry added", func(f fstest.MapFS) {
			f[lms] = file("[[course]]\nid = \"go\"\ntitle = \"Go\"\n\n[[course]]\nid = \"git\"\ntitle = \"Git\"\n\n[[course]]\nid = \"vim\"\ntitle = \"Vim\"\n")
		}, []string{lms}, false, 0},
		{"draft", func(f fstest.MapFS) { f[linux] = file("+++\ntitle = \"Linux\"\ndraft = true\n+++\n") }, []string{linux}, false, 0},
		{"error", func(f fstest.MapFS) { f[linux] = file("+++\ntitle = \"Linux\n+++\n") }, []string{linux}, false, 0},
		{"new file", func(f fstest.MapFS) { f[sr] = file("+++\ntitle = \"Senior\"\nrank = 2\n+++\n") }, []string{sr}, true, 1},
		{"deleted file", func(f fstest.MapFS) { delete(f, linux) }, []string{linux}, true, 1},
		{"deleted level", func(f fstest.MapFS) { delete(f, "content/tracks/eng/junior.md") }, []string{"content/tracks/eng/junior.md"}, true, 1},
		{"deleted track", func(f fstest.MapFS) { delete(f, "content/tracks/eng/_index.md") }, []string{"content/tracks/eng/_index.md"}, false, 0},
		{"new directory", func(f fstest.MapFS) { f[ops] = file("+++\ntitle = \"Lead\"\nrank = 1\n+++\n") }, []string{"content/tracks/ops"}, false, 0},
		{"deleted directory", func(f fstest.MapFS) { delete(f, linux); delete(f, lms) }, []string{"content/courses"}, false, 0},
		{"site.toml", func(fstest.MapFS) {}, []string{"site.toml"}, false, 0},
		{"outside the content", func(fstest.MapFS) {}, []string{"layouts/level.html"}, false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := base()
			l := load.NewLoader()
			if _, diags, err := l.Load(fsys, load.Options{}, nil); err != nil || diags.Errors() > 0 {
				t.Fatalf("load: %v %v", err, diags.Err())
			}
			l.Commit()
			tt.change(fsys)
			edits, ok := l.Edits(fsys, tt.changed)
			if ok != tt.ok || len(edits) != tt.edits {
				t.Fatalf("Edits = %d edits, %v; want %d, %v", len(edits), ok, tt.edits, tt.ok)
			}
			for _, e := range edits {
				if e.New == nil || e.Old == nil {
					continue // a removed file, or a new one
				}
				if len(e.Old) != len(e.New) || len(e.New) == 0 {
					t.Errorf("%s: %d entities before, %d after", e.File, len(e.Old), len(e.New))
				}
				switch e.New[0].(type) {
				case *site.Course, *site.Level:
				default:
					t.Errorf("%s: new entity is a %T", e.File, e.New[0])
				}
			}
			// What was taken as an edit is what the next load sees.
			s, _, err := l.Load(fsys, load.Options{}, tt.changed)
			if err != nil {
				t.Fatal(err)
			}
			if fresh, _, _ := load.Dir(fsys, load.Options{}); len(fresh.Courses) != len(s.Courses) {
				t.Errorf("the next load has %d courses, a fresh one %d", len(s.Courses), len(fresh.Courses))
			}
		})
	}
}
