package check_test

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/site"
)

// TestResolveWithCache checks that a check that reuses the last one's
// indexes and resolved references (a Cache, as the dev server keeps)
// resolves every edit as a fresh check does: the same diagnostics, and
// every reference and reverse index pointing at the same entities.
func TestResolveWithCache(t *testing.T) {
	fsys := fstest.MapFS{
		"site.toml":                       {Data: []byte("title = \"T\"\n")},
		"content/tracks/eng/_index.md":    {Data: []byte("+++\ntitle = \"Engineering\"\n+++\n")},
		"content/tracks/ops/_index.md":    {Data: []byte("+++\ntitle = \"Operations\"\n+++\n")},
		"content/tracks/eng/junior.md":    {Data: []byte("+++\ntitle = \"Junior\"\nrank = 1\nrequired_courses = [\"git\", \"go\"]\noptional_courses = [\"linux\"]\nmoves = [\"ops/tech\"]\n[competencies]\ncoding = 1\nwriting = 1\n+++\nBody.\n")},
		"content/tracks/eng/senior.md":    {Data: []byte("+++\ntitle = \"Senior\"\nrank = 2\nrequired_courses = [\"go\"]\n[competencies]\ncoding = 2\n+++\n")},
		"content/tracks/ops/tech.md":      {Data: []byte("+++\ntitle = \"Technician\"\nrank = 1\nrequired_courses = [\"linux\"]\nnext = [\"eng/senior\"]\n[competencies]\nwriting = 2\n+++\n")},
		"content/courses/git.md":          {Data: []byte("+++\ntitle = \"Git\"\n+++\n")},
		"content/courses/go.md":           {Data: []byte("+++\ntitle = \"Go\"\nprerequisites = [\"git\"]\n+++\n")},
		"content/courses/linux.md":        {Data: []byte("+++\ntitle = \"Linux\"\n+++\n")},
		"content/competencies/coding.md":  {Data: []byte("+++\ntitle = \"Coding\"\n+++\n")},
		"content/competencies/writing.md": {Data: []byte("+++\ntitle = \"Writing\"\n+++\n")},
	}
	edit := func(file, from, to string) func() []string {
		return func() []string {
			f := fsys[file]
			if !strings.Contains(string(f.Data), from) {
				t.Fatalf("%s has no %q", file, from)
			}
			fsys[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), from, to, 1))}
			return []string{file}
		}
	}
	write := func(file, text string) func() []string {
		return func() []string {
			if text == "" {
				delete(fsys, file)
			} else {
				fsys[file] = &fstest.MapFile{Data: []byte(text)}
			}
			return []string{file}
		}
	}
	steps := []struct {
		name string
		do   func() []string
	}{
		{"body", edit("content/tracks/eng/junior.md", "Body.", "Another body.")},
		{"course retitled, courses reordered", edit("content/courses/git.md", `"Git"`, `"Version control"`)},
		{"track retitled, levels reordered", edit("content/tracks/ops/_index.md", `"Operations"`, `"A first track"`)},
		{"level rank", edit("content/tracks/eng/senior.md", "rank = 2", "rank = 3")},
		{"course renamed away", write("content/courses/go.md", "")},
		{"course back", write("content/courses/go.md", "+++\ntitle = \"Go\"\nprerequisites = [\"git\"]\n+++\n")},
		{"competency added first", write("content/competencies/aaa.md", "+++\ntitle = \"Aaa\"\n+++\n")},
		{"unknown competency", edit("content/tracks/eng/senior.md", "coding = 2", "codng = 2")},
		{"other file meanwhile", edit("content/tracks/ops/tech.md", "+++\n", "+++\nMore.\n")},
		{"fixed", edit("content/tracks/eng/senior.md", "codng = 2", "coding = 2")},
		{"duplicate course id", write("content/courses/more.toml", "[[course]]\nid = \"git\"\ntitle = \"Git again\"\n")},
		{"body while duplicate", edit("content/tracks/eng/junior.md", "Another body.", "A third body.")},
		{"duplicate removed", write("content/courses/more.toml", "")},
		{"level removed while moved to", write("content/tracks/ops/tech.md", "")},
		{"level back", write("content/tracks/ops/tech.md", "+++\ntitle = \"Technician\"\nrank = 1\nrequired_courses = [\"linux\"]\n+++\n")},
		{"scale named", write("site.toml", "title = \"T\"\n[scale]\nnames = [\"Aware\", \"Able\", \"Expert\"]\n")},
		{"level by scale name", edit("content/tracks/eng/senior.md", "coding = 2", `coding = "able"`)},
		{"scale renamed", write("site.toml", "title = \"T\"\n[scale]\nnames = [\"Aware\", \"Capable\", \"Expert\"]\n")},
		{"scale reordered", write("site.toml", "title = \"T\"\n[scale]\nnames = [\"Able\", \"Aware\", \"Expert\"]\n")},
		{"scale shorter", write("site.toml", "title = \"T\"\n[scale]\nnames = [\"Able\"]\n")},
		{"title blank", edit("content/tracks/eng/junior.md", `title = "Junior"`, `title = " "`)},
		{"body while title blank", edit("content/tracks/eng/junior.md", "A third body.", "A fourth body.")},
		{"title back", edit("content/tracks/eng/junior.md", `title = " "`, `title = "Junior"`)},
	}
	loader := load.NewLoader()
	cache := check.NewCache()
	cached := func(changed []string) (string, string) {
		s, texts, _, err := loader.Load(fsys, load.Options{}, changed)
		if err != nil {
			t.Fatal(err)
		}
		errs, _ := check.Resolve(s, texts, cache)
		return fmt.Sprint(errs), dumpRefs(s)
	}
	cached(nil)
	for _, st := range steps {
		changed := st.do()
		gotDiags, got := cached(changed)
		s, texts, _, err := load.Dir(fsys, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		errs, _ := check.Resolve(s, texts, nil)
		if wantDiags, want := fmt.Sprint(errs), dumpRefs(s); gotDiags != wantDiags || got != want {
			t.Errorf("%s: with the cache:\n%s%s\nfresh:\n%s%s", st.name, gotDiags, got, wantDiags, want)
		}
	}
}

// dumpRefs writes out every resolved reference and reverse index of s by
// id.
func dumpRefs(s *site.Site) string {
	var b strings.Builder
	levels := func(ls []*site.Level) string {
		ids := make([]string, len(ls))
		for i, l := range ls {
			ids[i] = l.FullID()
		}
		return strings.Join(ids, ",")
	}
	courses := func(cs []*site.Course) string {
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID + "/" + c.Title
		}
		return strings.Join(ids, ",")
	}
	for _, l := range s.Levels {
		track := ""
		if l.Track != nil {
			track = l.Track.Title
		}
		var expects []string
		for _, e := range l.Expectations {
			expects = append(expects, fmt.Sprintf("%s:%d", e.CompetencyID, e.Level))
		}
		fmt.Fprintf(&b, "level %s track=%s next=%s prev=%s moves=%s in=%s required=%s optional=%s expects=%s\n", l.FullID(), track,
			levels(l.Next), levels(l.Prev), levels(l.Moves), levels(l.MovesIn), courses(l.Required), courses(l.Optional), strings.Join(expects, ","))
	}
	for _, c := range s.Courses {
		fmt.Fprintf(&b, "course %s/%s prereqs=%s requiredBy=%s optionalBy=%s\n", c.ID, c.Title, courses(c.Prereqs), levels(c.RequiredBy), levels(c.OptionalBy))
	}
	for _, c := range s.Competencies {
		fmt.Fprintf(&b, "competency %s expectedBy=%s\n", c.ID, levels(c.ExpectedBy))
	}
	for k := site.KindTrack; int(k) < site.NumKinds; k++ {
		for _, id := range slices.Sorted(maps.Keys(s.IDs[k])) {
			fmt.Fprintf(&b, "%s %s=%d\n", k, id, s.IDs[k][id])
		}
	}
	return b.String()
}
