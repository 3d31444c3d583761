package site

import (
	"testing"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/tomlpos"
)

func TestForgetSources(t *testing.T) {
	text := []byte("title = \"L1\"\n")
	lines := diag.NewLineIndex("content/tracks/t/l1.md", text)
	cfgLines := diag.NewLineIndex("site.toml", []byte("title = \"x\"\n"))
	lv := &Level{}
	lv.Src = Source{File: "content/tracks/t/l1.md", Lines: lines, Keys: tomlpos.Scan(text)}
	s := &Site{Levels: []*Level{lv}, Files: map[string]*diag.LineIndex{
		"content/tracks/t/l1.md": lines,
		"site.toml":              cfgLines,
	}}
	s.Config.Src = Source{File: "site.toml", Lines: cfgLines}
	s.ForgetSources()
	if lv.Src.Keys != nil || lv.Src.Lines != nil {
		t.Errorf("the level still holds its source")
	}
	if got := lv.Src.Value("title"); got.File != "" && got.File != lv.Src.File {
		t.Errorf("position after forgetting: %+v", got)
	}
	if len(s.Files) != 1 || s.Files["site.toml"] != cfgLines {
		t.Errorf("Files = %v, want only site.toml", s.Files)
	}
}
