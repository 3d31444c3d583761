package load

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name, text string
		toml, body string // the TOML and the body cut out of text
		open       bool
		err        string
	}{
		{name: "plain", text: "+++\na = 1\n+++\nbody\n", toml: "a = 1\n", body: "body\n", open: true},
		{name: "no front matter", text: "just body\n", body: "just body\n"},
		{name: "empty file", text: "", body: ""},
		{name: "empty front matter", text: "+++\n+++\n", toml: "", body: "", open: true},
		{name: "no newline at the end", text: "+++\na = 1\n+++", toml: "a = 1\n", body: "", open: true},
		{name: "CRLF", text: "+++\r\na = 1\r\n+++\r\nbody\r\n", toml: "a = 1\r\n", body: "body\r\n", open: true},
		{name: "trailing spaces on delimiters", text: "+++  \na = 1\n+++\t\nbody", toml: "a = 1\n", body: "body", open: true},
		{name: "byte order mark", text: "\xef\xbb\xbf+++\na = 1\n+++\nbody", toml: "a = 1\n", body: "body", open: true},
		{name: "+++ inside a string is a delimiter", text: "+++\ns = \"\"\"\n+++\n\"\"\"\n+++\n", toml: "s = \"\"\"\n", body: "\"\"\"\n+++\n", open: true},
		{name: "++++ is not a delimiter", text: "+++\na = 1\n++++\n+++\nb", toml: "a = 1\n++++\n", body: "b", open: true},
		{name: "indented +++ is body", text: " +++\na = 1\n", body: " +++\na = 1\n"},
		{name: "not closed", text: "+++\na = 1\nbody\n", err: "front matter is not closed"},
		{name: "YAML", text: "---\ntitle: x\n---\n", err: "front matter must be TOML between +++ lines"},
		{name: "YAML after a BOM", text: "\xef\xbb\xbf---\n", err: "front matter must be TOML between +++ lines"},
		{name: "a rule is not YAML", text: "text\n---\n", body: "text\n---\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			fm, err := split(text)
			if tt.err != "" {
				if err == nil || err.msg != tt.err {
					t.Fatalf("err = %+v, want %q", err, tt.err)
				}
				if err.start < 0 || err.end > len(text) || err.start > err.end {
					t.Errorf("error span [%d, %d) outside the file", err.start, err.end)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %+v", err)
			}
			if fm.open != tt.open {
				t.Errorf("open = %v, want %v", fm.open, tt.open)
			}
			if got := string(text[fm.tomlStart:fm.tomlEnd]); got != tt.toml {
				t.Errorf("TOML = %q, want %q", got, tt.toml)
			}
			if got := string(text[fm.bodyStart:]); got != tt.body {
				t.Errorf("body = %q, want %q", got, tt.body)
			}
		})
	}
}

func TestBlankExcept(t *testing.T) {
	got := string(blankExcept([]byte("+++\r\na = 1\n+++\nbody\n"), 15))
	if want := "    \n     \n   \nbody\n"; got != want {
		t.Errorf("blankExcept = %q, want %q", got, want)
	}
	if got := string(blankExcept([]byte("ab"), 5)); got != "  " {
		t.Errorf("blankExcept past the end = %q", got)
	}
}

// FuzzSplit checks that the front-matter splitter never panics and always
// returns offsets inside the file, in order.
func FuzzSplit(f *testing.F) {
	ex := ladder.Example()
	_ = fs.WalkDir(ex, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := fs.ReadFile(ex, p); err == nil {
				f.Add(data)
			}
		}
		return nil
	})
	badFiles(f, func(name string, data []byte) { f.Add(data) })
	for _, s := range []string{"", "+++", "+++\n", "+++\r\n+++", "\xef\xbb\xbf", "\xef\xbb\xbf+++\n+++\n", "---\n", "+++\n+++ \n+++\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		orig := bytes.Clone(text)
		fm, err := split(text)
		if !bytes.Equal(text, orig) {
			t.Fatal("split modified its input")
		}
		n := len(text)
		if err != nil {
			if err.start < 0 || err.start > err.end || err.end > n {
				t.Fatalf("error span [%d, %d) outside a file of %d bytes", err.start, err.end, n)
			}
			if err.msg == "" || strings.HasSuffix(err.msg, ".") {
				t.Fatalf("bad message %q", err.msg)
			}
		}
		if fm.bodyStart < 0 || fm.bodyStart > n {
			t.Fatalf("bodyStart %d outside a file of %d bytes", fm.bodyStart, n)
		}
		if fm.open {
			if fm.tomlStart < 0 || fm.tomlStart > fm.tomlEnd || fm.tomlEnd > fm.bodyStart {
				t.Fatalf("offsets out of order: toml [%d, %d), body %d, size %d", fm.tomlStart, fm.tomlEnd, fm.bodyStart, n)
			}
			if !isDelim(bytes.TrimSuffix(text[fm.tomlEnd:fm.bodyStart], []byte("\n"))) {
				t.Fatalf("the closing delimiter is %q", text[fm.tomlEnd:fm.bodyStart])
			}
		} else if fm.tomlStart != 0 || fm.tomlEnd != 0 {
			t.Fatalf("no front matter, but TOML at [%d, %d)", fm.tomlStart, fm.tomlEnd)
		}
		out := blankExcept(text, fm.bodyStart)
		if len(out) != n || !bytes.Equal(out[fm.bodyStart:], text[fm.bodyStart:]) || bytes.Count(out, []byte("\n")) != bytes.Count(text, []byte("\n")) {
			t.Fatal("blankExcept changed the body or the line count")
		}
	})
}
