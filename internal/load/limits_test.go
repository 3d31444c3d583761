package load_test

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder/internal/load"
)

// failFS is an fs.FS in which one file cannot be opened, or opens and
// then fails to read: the unreadable file, whoever runs the test.
type failFS struct {
	fs.FS
	name   string
	onRead bool
}

func (f failFS) Open(name string) (fs.File, error) {
	if name != f.name {
		return f.FS.Open(name)
	}
	if !f.onRead {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	file, err := f.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return failFile{file}, nil
}

type failFile struct{ fs.File }

func (failFile) Read([]byte) (int, error) { return 0, errors.New("input/output error") }

// TestUnreadable: a content file that cannot be read fails the load with
// one error naming it, not a diagnostic and a cascade of unknown references.
func TestUnreadable(t *testing.T) {
	tests := []struct {
		name   string
		onRead bool
		want   string
	}{
		{"open", false, "read content/courses/linux.md: permission denied (give ladder permission to read it, or move it out of the content directory)"},
		{"read", true, "read content/courses/linux.md: input/output error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := failFS{FS: minimal(), name: "content/courses/linux.md", onRead: tt.onRead}
			l := load.NewLoader()
			s, _, diags, err := l.Load(fsys, load.Options{}, nil)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("Load error = %v, want %q", err, tt.want)
			}
			if s != nil || diags != nil {
				t.Errorf("Load returned a site and %d diagnostics with its error", len(diags))
			}
			// Readable again, the same loader loads the whole site.
			s, _, diags, err = l.Load(minimal(), load.Options{}, []string{"content/courses/linux.md"})
			if err != nil || len(diags) > 0 || len(s.Courses) != 1 {
				t.Errorf("after the fix: err %v, %d diagnostics, %d courses", err, len(diags), len(s.Courses))
			}
		})
	}
}

// TestVanished: a file removed between listing and reading yields nothing
// (its removal is a change of its own), not an error.
func TestVanished(t *testing.T) {
	fsys := failFS{FS: minimal(), name: "content/pages/about.md"}
	fsys.FS.(fstest.MapFS)["content/pages/about.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"About\"\n+++\n")}
	gone := goneFS{fsys.FS, "content/pages/about.md"}
	s, _, diags, err := load.Dir(gone, load.Options{})
	if err != nil || len(diags) > 0 || len(s.Pages) != 0 {
		t.Errorf("err %v, %d diagnostics, %d pages", err, len(diags), len(s.Pages))
	}
}

// goneFS lists a file that can no longer be opened.
type goneFS struct {
	fs.FS
	name string
}

func (g goneFS) Open(name string) (fs.File, error) {
	if name == g.name {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return g.FS.Open(name)
}

// TestLimits: each limit refuses what is over it with one error at its
// place, before decoding, and site.toml can raise it.
func TestLimits(t *testing.T) {
	deep := func(n int) string { return "x = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n" }
	tests := []struct {
		name   string
		limits string // the [limits] table of site.toml
		file   string // content/pages/p.md
		want   string // the one diagnostic, or "" for none
	}{
		{"under the file size", `file_size = "1KiB"`, "+++\ntitle = \"P\"\n+++\n" + strings.Repeat("x", 900),
			""},
		{"over the file size", `file_size = "1KiB"`, "+++\ntitle = \"P\"\n+++\n" + strings.Repeat("x", 1100),
			`content/pages/p.md:1:1: error: file is larger than the limit of 1 KiB`},
		{"file size as bytes", `file_size = 100`, "+++\ntitle = \"P\"\n+++\n" + strings.Repeat("x", 100),
			`content/pages/p.md:1:1: error: file is larger than the limit of 100 bytes`},
		{"file size in MB", `file_size = "1 MB"`, "+++\ntitle = \"P\"\n+++\n" + strings.Repeat("x", 1_000_001),
			`content/pages/p.md:1:1: error: file is larger than the limit of 1000000 bytes`},
		{"over the body size", `body_size = 10`, "+++\ntitle = \"P\"\n+++\n" + strings.Repeat("x", 11),
			`content/pages/p.md:4:1: error: markdown body is larger than the limit of 10 bytes`},
		// Under the depth limit the TOML is decoded: x is then reported as
		// a key that pages do not have.
		{"at the depth", `depth = 4`, "+++\ntitle = \"P\"\n" + deep(3) + "+++\n",
			`content/pages/p.md:3:1: error: unknown key "x" in page`},
		{"over the depth", `depth = 4`, "+++\ntitle = \"P\"\n" + deep(5) + "+++\n",
			`content/pages/p.md:3:9: error: TOML nested deeper than the limit of 4`},
		{"deep by default", ``, "+++\ntitle = \"P\"\n" + deep(10000) + "+++\n",
			`content/pages/p.md:3:37: error: TOML nested deeper than the limit of 32`},
		{"raised depth", `depth = 100`, "+++\ntitle = \"P\"\n" + deep(99) + "+++\n",
			`content/pages/p.md:3:1: error: unknown key "x" in page`},
		{"markdown depth", `markdown_depth = 2`, "+++\ntitle = \"P\"\n+++\n- a\n  - b\n    - c\n",
			`content/pages/p.md:6:5: error: markdown nested deeper than the limit of 2`},
		{"tables", `tables = 3`, "+++\ntitle = \"P\"\nx = [[1], [2], [3]]\n+++\n",
			`content/pages/p.md:2:1: error: TOML holds more than the limit of 3 tables and arrays`},
		{"control character", ``, "+++\ntitle = \"P\x1b[2J\"\n+++\n",
			`content/pages/p.md:2:11: error: control character U+001B in TOML`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"site.toml":          {Data: []byte("title = \"T\"\n[limits]\n" + tt.limits + "\n")},
				"content/pages/p.md": {Data: []byte(tt.file)},
			}
			_, _, diags, err := load.Dir(fsys, load.Options{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Error())
			}
			if want := []string{tt.want}; tt.want == "" && len(got) > 0 || tt.want != "" && strings.Join(got, "\n") != tt.want {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestConfigLimits: site.toml is read up to its own limit, and checked
// for depth before it is decoded.
func TestConfigLimits(t *testing.T) {
	big := "title = \"T\"\n" + strings.Repeat("# padding\n", load.ConfigSize/10+1)
	deep := "[params]\nx = " + strings.Repeat("{a = ", 10000) + "1" + strings.Repeat("}", 10000) + "\n"
	for _, tt := range []struct{ text, want string }{
		{big, "site.toml:1:1: error: site.toml is larger than the limit of 1 MiB"},
		{deep, "site.toml:2:160: error: TOML nested deeper than the limit of 32"},
	} {
		_, _, diags, err := load.Dir(fstest.MapFS{"site.toml": {Data: []byte(tt.text)}}, load.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(diags) != 1 || diags[0].Error() != tt.want {
			t.Errorf("got %v, want %s", diags, tt.want)
		}
	}
}

// TestReadLimited: a file over the limit is read no further than one byte
// past it, whatever its reader returns at a time.
func TestReadLimited(t *testing.T) {
	data := strings.Repeat("x", 10_000)
	fsys := fstest.MapFS{"site.toml": {Data: []byte("title = \"T\"\n[limits]\nfile_size = 1000\n")},
		"content/pages/p.md": {Data: []byte(data)}}
	counted := countFS{FS: fsys}
	_, _, diags, err := load.Dir(&counted, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != 1 {
		t.Errorf("diagnostics: %v", diags)
	}
	if counted.read > 1001 {
		t.Errorf("read %d bytes of a file over a limit of 1000", counted.read)
	}
}

// countFS counts the bytes read from content/pages/p.md.
type countFS struct {
	fs.FS
	read int
}

func (c *countFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err != nil || name != "content/pages/p.md" {
		return f, err
	}
	return &countFile{f, c}, nil
}

type countFile struct {
	fs.File
	c *countFS
}

func (f *countFile) Read(p []byte) (int, error) {
	n, err := f.File.Read(p)
	f.c.read += n
	if err == nil && n == 0 {
		err = io.EOF
	}
	return n, err
}
