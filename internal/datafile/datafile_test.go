package datafile_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	ladder "github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/assess"
	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// build builds a site and returns its output.
func build(t *testing.T, proj *pipeline.Project) *output.Output {
	t.Helper()
	// The data files under their plain names: render's tests check the
	// names with hashes.
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{StableNames: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Renderer == nil {
		t.Fatalf("the site has errors: %v", res.Diags)
	}
	out, err := res.Renderer.All(nil)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mapSite(files map[string]string) *pipeline.Project {
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	return &pipeline.Project{FS: fsys}
}

const home = "+++\ntitle = \"Home\"\n+++\nNothing yet.\n"

// smallSites are sites with little or nothing in them, where lists are
// empty.
func smallSites() map[string]*pipeline.Project {
	return map[string]*pipeline.Project{
		"empty": mapSite(map[string]string{
			"site.toml":         "title = \"Empty\"\n",
			"content/_index.md": home,
		}),
		"track without levels": mapSite(map[string]string{
			"site.toml":                  "title = \"T\"\n",
			"content/_index.md":          home,
			"content/tracks/t/_index.md": "+++\ntitle = \"T\"\n+++\n",
		}),
		"levels only": mapSite(map[string]string{
			"site.toml":                  "title = \"L\"\n",
			"content/_index.md":          home,
			"content/tracks/t/_index.md": "+++\ntitle = \"T\"\n+++\n",
			"content/tracks/t/a.md":      "+++\ntitle = \"A\"\nrank = 1\n+++\n",
			"content/tracks/t/b.md":      "+++\ntitle = \"B\"\nrank = 2\n+++\n",
		}),
		"program without anything": mapSite(map[string]string{
			"site.toml":                  "title = \"P\"\n",
			"content/_index.md":          home,
			"content/programs/p.md":      "+++\ntitle = \"P\"\n+++\n",
			"content/courses/c.md":       "+++\ntitle = \"C\"\n+++\n",
			"content/competencies/x.md":  "+++\ntitle = \"X\"\n+++\n",
			"content/pages/about.md":     "+++\ntitle = \"About\"\n+++\n",
			"content/tracks/t/_index.md": "+++\ntitle = \"T\"\n+++\n",
		}),
	}
}

// nulls returns the JSON paths of the nulls in v.
func nulls(v any, at string) []string {
	switch x := v.(type) {
	case nil:
		return []string{at}
	case []any:
		var out []string
		for i, e := range x {
			out = append(out, nulls(e, at+"["+itoa(i)+"]")...)
		}
		return out
	case map[string]any:
		var out []string
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			out = append(out, nulls(x[k], at+"."+k)...)
		}
		return out
	}
	return nil
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestNoNulls checks that no data file of a small site, or of the example,
// holds a null: every list is [] when empty, so that the tools never meet
// null where they expect a list.
func TestNoNulls(t *testing.T) {
	sites := smallSites()
	example, err := pipeline.Open(filepath.Join("..", ".."), false)
	if err != nil {
		t.Fatal(err)
	}
	sites["example"] = example
	for name, proj := range sites {
		t.Run(name, func(t *testing.T) {
			out := build(t, proj)
			n := 0
			for _, p := range out.Paths() {
				if !strings.HasPrefix(p, "data/") || !strings.HasSuffix(p, ".json") {
					continue
				}
				n++
				b, _ := out.Get(p)
				var v any
				if err := json.Unmarshal(b, &v); err != nil {
					t.Fatalf("%s: %v", p, err)
				}
				if ns := nulls(v, ""); len(ns) > 0 {
					t.Errorf("%s has null at %s", p, strings.Join(ns, ", "))
				}
			}
			if n < 3 {
				t.Errorf("only %d data files", n)
			}
		})
	}
}

// TestToolData checks the tools' index and track files of the example
// against framework.json: every track and level is there, each level's
// number names the level framework.json gives, the edges and months are
// the same, and the ranks order the ids as bytes.
func TestToolData(t *testing.T) {
	proj, err := pipeline.Open(filepath.Join("..", ".."), false)
	if err != nil {
		t.Fatal(err)
	}
	out := build(t, proj)
	get := func(p string, v any) {
		t.Helper()
		b, ok := out.Get(p)
		if !ok {
			t.Fatalf("no %s", p)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
	}
	var fw datafile.Framework
	get("data/framework.json", &fw)
	var ix datafile.ToolIndex
	get("data/tools/index.json", &ix)
	if len(ix.Version) != 8 || ix.TrackFile != "data/tools/tracks/{id}.json" || len(ix.Tracks) != len(fw.Tracks) || len(ix.Programs) != len(fw.Programs) || len(ix.Comps) != len(fw.Competencies) {
		t.Fatalf("index: version %q, %d tracks, %d programs, %d competencies; framework.json has %d, %d, %d",
			ix.Version, len(ix.Tracks), len(ix.Programs), len(ix.Comps), len(fw.Tracks), len(fw.Programs), len(fw.Competencies))
	}
	levels := map[string]datafile.FrameworkLevel{}
	for _, l := range fw.Levels {
		levels[l.ID] = l
	}
	// Number the levels as the tools do, from the track files.
	var ids []string
	var ranks []int
	for i, tr := range ix.Tracks {
		var f datafile.ToolTrack
		get("data/tools/tracks/"+tr.ID+".json", &f)
		if f.ID != tr.ID || len(f.Levels) != tr.Count || tr.ID != fw.Tracks[i].ID || tr.Title != fw.Tracks[i].Title {
			t.Fatalf("track %d: %s with %d levels, index says %s with %d", i, f.ID, len(f.Levels), tr.ID, tr.Count)
		}
		for j, l := range f.Levels {
			if l.ID != fw.Tracks[i].Levels[j] {
				t.Errorf("track %s level %d is %s, framework.json says %s", tr.ID, j, l.ID, fw.Tracks[i].Levels[j])
			}
			ids = append(ids, l.ID)
			r := tr.Sort + j
			if tr.Order != nil {
				r = tr.Sort + tr.Order[j]
			}
			ranks = append(ranks, r)
		}
	}
	n := 0
	for _, tr := range ix.Tracks {
		for j := range tr.Count {
			want := levels[ids[n]]
			months := 0
			if tr.Months != nil {
				months = tr.Months[j]
			}
			var moves []int
			if tr.Moves != nil {
				moves = tr.Moves[j]
			}
			if got := named(ids, tr.Next[j]); !slices.Equal(got, want.Next) {
				t.Errorf("%s: next %v, want %v", ids[n], got, want.Next)
			}
			if got := named(ids, moves); !slices.Equal(got, want.Moves) {
				t.Errorf("%s: moves %v, want %v", ids[n], got, want.Moves)
			}
			if months != want.MinMonths {
				t.Errorf("%s: months %d, want %d", ids[n], months, want.MinMonths)
			}
			n++
		}
	}
	// Ranks order the keys' parts as bytes.
	keys := map[int]string{}
	for i, id := range ids {
		keys[ranks[i]] = id
	}
	for i, p := range ix.Programs {
		fp := fw.Programs[i]
		keys[p.Sort] = "@" + p.ID
		if got := named(ids, p.LeadsTo); p.ID != fp.ID || !slices.Equal(got, fp.LeadsTo) {
			t.Errorf("program %s leads to %v, want %v", p.ID, got, fp.LeadsTo)
		}
		if got := named(ids, p.Levels); !slices.Equal(got, fp.Eligibility.Levels) {
			t.Errorf("program %s admits levels %v, want %v", p.ID, got, fp.Eligibility.Levels)
		}
	}
	if len(keys) != len(ids)+len(ix.Programs) {
		t.Fatalf("%d distinct ranks for %d levels and programs", len(keys), len(ids)+len(ix.Programs))
	}
	for r := 1; r < len(keys); r++ {
		if !(keys[r-1] < keys[r]) {
			t.Errorf("rank %d is %q, rank %d is %q", r-1, keys[r-1], r, keys[r])
		}
	}
}

func named(ids []string, nums []int) []string {
	out := []string{}
	for _, n := range nums {
		out = append(out, ids[n])
	}
	return out
}

// TestBuildAssessCandidates checks that a track's assessment file, which
// goes through the candidate courses of its competencies, lists the same
// courses in the same order, with the same skills, as a pass over every
// course of the site kept to the candidates.
func TestBuildAssessCandidates(t *testing.T) {
	proj := &pipeline.Project{FS: ladder.Example()}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{}, nil)
	if err != nil || res.Renderer == nil {
		t.Fatalf("the example site: %v %v", err, res.Diags.Err())
	}
	s := res.Site
	candidates := assess.Candidates(s)
	courses := 0
	for _, tr := range s.Tracks {
		all := datafile.BuildAssess(s, tr, nil)
		want := []datafile.ToolSkillful{}
		for _, c := range all.Courses {
			skills := map[string]int{}
			for id, n := range c.Skills {
				if candidates[id][c.ID] {
					skills[id] = n
				}
			}
			if len(skills) > 0 {
				c.Skills = skills
				want = append(want, c)
			}
		}
		got := datafile.BuildAssess(s, tr, candidates)
		if g, w := mustMarshal(t, got.Courses), mustMarshal(t, want); g != w {
			t.Errorf("track %s: courses\n%s\nwant\n%s", tr.ID, g, w)
		}
		courses += len(got.Courses)
	}
	if courses == 0 {
		t.Fatal("no track of the example has courses to suggest: the test compares nothing")
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
