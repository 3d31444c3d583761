package site

import (
	"testing"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

func TestTextsOf(t *testing.T) {
	text := []byte("[[course]]\nid = \"a\"\n[[course]]\nid = \"b\"\ntitle = \"B\"\n")
	texts := Texts{"content/courses.toml": {Lines: diag.NewLineIndex("content/courses.toml", text), Keys: tomlpos.Scan(text)}}
	o := Origin{File: "content/courses.toml", Prefix: "course[1]"}
	tests := []struct {
		name string
		got  diag.Pos
		line int
	}{
		{"value", texts.Of(o).Value("title"), 5},
		{"key", texts.Of(o).Key("title"), 5},
		{"start", texts.Of(o).Start(), 3},
		{"missing key falls back to the entry", texts.Of(o).Value("summary"), 3},
	}
	for _, tt := range tests {
		if tt.got.File != o.File || tt.got.Line != tt.line {
			t.Errorf("%s: %+v, want %s:%d", tt.name, tt.got, o.File, tt.line)
		}
	}
	if !texts.Of(o).Has("title") || texts.Of(o).Has("summary") {
		t.Errorf("Has: title %v, summary %v", texts.Of(o).Has("title"), texts.Of(o).Has("summary"))
	}
	// A file the texts do not hold: the position names the file alone.
	other := Origin{File: "content/tracks/t/l1.md"}
	if got := texts.Of(other).Value("title"); got != (diag.Pos{File: other.File}) {
		t.Errorf("position without the text: %+v", got)
	}
	kept := texts.Only("content/courses.toml", "missing.toml")
	if len(kept) != 1 || kept.Sources()("content/courses.toml") == nil || kept.Sources()("missing.toml") != nil {
		t.Errorf("Only: %v", kept)
	}
}
