package render_test

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/render"
)

// TestAllowedSchemeLinks checks that a URL whose scheme site.toml allows
// ([links] schemes) is published as a link, on the page and in
// framework.json, instead of html/template's "#ZgotmplZ".
func TestAllowedSchemeLinks(t *testing.T) {
	fsys, _ := txtarFS(t, filepath.Join("testdata", "render", "basic.txtar"))
	m := fsys.(fstest.MapFS)
	const teams = "msteams://teams.microsoft.com/l/channel/19%3Ax?tenantId=1&groupId=2"
	cfg := string(m["site.toml"].Data) + "\n[links]\nschemes = [\"MSTeams\"]\n"
	m["site.toml"] = &fstest.MapFile{Data: []byte(cfg)}
	course := string(m["content/courses/advanced.md"].Data)
	course = strings.Replace(course, `url = "https://lms.example.com/advanced"`, `url = "`+teams+`"`, 1)
	course = strings.Replace(course, "Deeper work.", "Deeper work. Ask [the channel]("+teams+").", 1)
	m["content/courses/advanced.md"] = &fstest.MapFile{Data: []byte(course)}
	comp := string(m["content/competencies/code.md"].Data)
	comp = strings.Replace(comp, `esco = "http://data.europa.eu/esco/skill/example-coding"`, `esco = "`+teams+`"`, 1)
	m["content/competencies/code.md"] = &fstest.MapFile{Data: []byte(comp)}

	_, out := build(t, m, render.Options{})
	const href = `href="msteams://teams.microsoft.com/l/channel/19%3Ax?tenantId=1&amp;groupId=2"`
	for _, p := range []string{"courses/advanced/index.html", "competencies/code/index.html"} {
		b, ok := out.Get(p)
		if !ok {
			t.Fatalf("no %s", p)
		}
		page := string(b)
		if strings.Contains(page, "ZgotmplZ") {
			t.Errorf("%s: the allowed scheme was filtered out", p)
		}
		want := 1
		if p == "courses/advanced/index.html" {
			want = 2 // the course's url and the link in its body
		}
		if n := strings.Count(page, href); n != want {
			t.Errorf("%s holds %s %d times, want %d", p, href, n, want)
		}
	}
	b, _ := out.Get("data/framework.json")
	var f datafile.Framework
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, c := range f.Courses {
		if c.ID == "advanced" && c.LMSURL != teams {
			t.Errorf("framework.json: lms_url = %q, want %q", c.LMSURL, teams)
		}
	}
}
