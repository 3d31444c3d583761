package render_test

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/ladder-ssg/ladder"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/render"
)

var filesBlockRE = regexp.MustCompile(`<script type="application/json" id="ladder-files">([^<]*)</script>`)

// dataFiles returns what the ladder-files block of page p holds.
func dataFiles(t *testing.T, out *output.Output, p string) map[string]any {
	t.Helper()
	b, ok := out.Get(p)
	if !ok {
		t.Fatalf("no %s", p)
	}
	m := filesBlockRE.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s: no ladder-files data block", p)
	}
	var files map[string]any
	if err := json.Unmarshal(m[1], &files); err != nil {
		t.Fatalf("%s: ladder-files: %v", p, err)
	}
	return files
}

// TestDataFilesExist checks, in every deployment of linkConfigs, that the
// data files every page names in its ladder-files block exist, that the
// tools' index names track files that exist, that with relative_urls
// each data file the tools read has its script beside it, holding the
// same JSON under its published path, and that the files whose names
// carry a hash are written only under that name. TestExamplePages checks
// every href and src.
func TestDataFilesExist(t *testing.T) {
	for _, cfg := range linkConfigs {
		t.Run(cfg.name, func(t *testing.T) {
			s, out := build(t, withConfig(t, ladder.Example(), cfg.set), render.Options{})
			var first map[string]any
			for _, p := range out.Paths() {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				files := dataFiles(t, out, p)
				if first == nil {
					first = files
				}
				for _, k := range []string{"tools", "search"} {
					name, _ := files[k].(string)
					if !hashedName.MatchString(name) {
						t.Errorf("%s: %s = %q, want a name with a hash", p, k, name)
					}
					if _, ok := out.Get(name); !ok {
						t.Errorf("%s: %s = %q, which is not in the output", p, k, name)
					}
				}
				if relative := files["relative"] == true; relative != (cfg.base == "") {
					t.Errorf("%s: relative = %v", p, relative)
				}
				if scripts := files["scripts"] == true; scripts != (cfg.base == "") {
					t.Errorf("%s: scripts = %v", p, scripts)
				}
			}
			for _, plain := range []string{"data/tools/index.json", "data/search.json", "assets/style.css", "assets/app.js"} {
				if _, ok := out.Get(plain); ok {
					t.Errorf("%s written under its plain name too", plain)
				}
			}
			for _, stable := range []string{"data/framework.json", "data/framework.schema.json", "data/schemas/level.schema.json"} {
				if _, ok := out.Get(stable); !ok {
					t.Errorf("no %s: its address must not change", stable)
				}
			}
			b, _ := out.Get(first["tools"].(string))
			var ix struct {
				TrackFile  string `json:"track_file"`
				AssessFile string `json:"assess_file"`
				Version    string `json:"version"`
			}
			if err := json.Unmarshal(b, &ix); err != nil {
				t.Fatal(err)
			}
			if ix.TrackFile != "data/tools/tracks/{id}."+ix.Version+".json" {
				t.Errorf("track_file = %q, want the version %s in it", ix.TrackFile, ix.Version)
			}
			var data []string
			data = append(data, first["tools"].(string), first["search"].(string))
			if ix.AssessFile != "data/tools/assess/{id}."+ix.Version+".json" {
				t.Errorf("assess_file = %q, want the version %s in it", ix.AssessFile, ix.Version)
			}
			for _, tr := range s.Tracks {
				for _, pattern := range []string{ix.TrackFile, ix.AssessFile} {
					p := strings.ReplaceAll(pattern, "{id}", tr.ID)
					if _, ok := out.Get(p); !ok {
						t.Errorf("no %s, which the tools' index names", p)
					}
					data = append(data, p)
				}
			}
			for _, p := range data {
				js := strings.TrimSuffix(p, ".json") + ".js"
				got, ok := out.Get(js)
				if cfg.base != "" {
					if ok {
						t.Errorf("%s written without relative_urls", js)
					}
					continue
				}
				if !ok {
					t.Errorf("no %s beside %s", js, p)
					continue
				}
				want, _ := out.Get(p)
				wrapped := `(self.LadderData=self.LadderData||{})["` + p + `"]=` + strings.TrimSuffix(string(want), "\n") + ";\n"
				if string(got) != wrapped {
					t.Errorf("%s does not hold %s: %.120s", js, p, got)
				}
			}
		})
	}
}

// TestHashedNamesFollowContent checks that a name with a hash changes
// exactly when the file's content does: a change in the stylesheet renames
// the stylesheet only; a change in a level renames the tools' index, the
// track files (whose names carry the index's version) and the search
// index, and leaves the assets alone.
func TestHashedNamesFollowContent(t *testing.T) {
	names := func(fsys fs.FS, theme fs.FS) map[string]string {
		t.Helper()
		r := compileTheme(t, fsys, theme)
		out := map[string]string{}
		for _, p := range append(r.Assets(), "data/tools/index.json", "data/tools/tracks/software.json", "data/search.json", "data/framework.json") {
			n, err := r.OutputPath(p)
			if err != nil {
				t.Fatal(err)
			}
			out[p] = n
		}
		return out
	}
	theme := fstest.MapFS{}
	if err := fs.WalkDir(ladder.DefaultTheme(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(ladder.DefaultTheme(), p)
		theme[p] = &fstest.MapFile{Data: b}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	example := ladder.Example()
	base := names(example, theme)
	for p, n := range base {
		if p == "data/framework.json" {
			if n != p {
				t.Errorf("%s published as %s: its address must not change", p, n)
			}
			continue
		}
		if !hashedName.MatchString(n) {
			t.Errorf("%s published as %s, without a hash", p, n)
		}
	}
	if again := names(example, theme); !mapsEqual(again, base) {
		t.Errorf("names differ between two builds of the same site:\n%v\n%v", base, again)
	}

	restyled := fstest.MapFS{}
	for p, f := range theme {
		restyled[p] = f
	}
	restyled["assets/style.css"] = &fstest.MapFile{Data: append(append([]byte{}, theme["assets/style.css"].Data...), "\nbody{outline:1px solid red}\n"...)}
	for p, n := range names(example, restyled) {
		if changed := n != base[p]; changed != (p == "assets/style.css") {
			t.Errorf("after a stylesheet edit %s is %s (was %s)", p, n, base[p])
		}
	}

	edited := withFile(t, example, "content/tracks/software/sde-2.md", func(s string) string {
		return strings.Replace(s, `summary = "`, `summary = "Edited. `, 1)
	})
	for p, n := range names(edited, theme) {
		data := strings.HasPrefix(p, "data/") && p != "data/framework.json"
		if changed := n != base[p]; changed != data {
			t.Errorf("after a level's edit %s is %s (was %s)", p, n, base[p])
		}
	}
}

// compileTheme loads and checks the site in fsys and prepares its
// renderer with theme.
func compileTheme(t *testing.T, fsys, theme fs.FS) *render.Renderer {
	t.Helper()
	s, texts, diags, err := load.Dir(fsys, load.Options{})
	if err != nil {
		t.Fatal(err)
	}
	diags = append(diags, check.Site(s, texts)...)
	if diags.Errors() > 0 {
		t.Fatalf("site has errors:\n%v", diags.Err())
	}
	r, err := render.New(s, theme, nil, nil, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// withFile returns a copy of fsys with the file p changed by edit, which
// must change it.
func withFile(t *testing.T, fsys fs.FS, p string, edit func(string) string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	if err := fs.WalkDir(fsys, ".", func(q string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, q)
		m[q] = &fstest.MapFile{Data: b, Mode: 0o644}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f, ok := m[p]
	if !ok {
		t.Fatalf("no %s", p)
	}
	after := edit(string(f.Data))
	if after == string(f.Data) {
		t.Fatalf("the edit left %s as it was", p)
	}
	m[p] = &fstest.MapFile{Data: []byte(after), Mode: 0o644}
	return m
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestStableNames checks that with StableNames (the dev server) assets and
// data files keep their plain names, assets are linked with a version
// query, and no script is written beside the data.
func TestStableNames(t *testing.T) {
	_, r := compile(t, withConfig(t, ladder.Example(), map[string]string{"relative_urls": "true"}), render.Options{StableNames: true})
	for _, p := range []string{"assets/style.css", "data/tools/index.json", "data/search.json"} {
		if n, err := r.OutputPath(p); err != nil || n != p {
			t.Errorf("OutputPath(%s) = %s, %v", p, n, err)
		}
	}
	for _, spec := range r.Pages() {
		if strings.HasSuffix(spec.Path, ".js") {
			t.Errorf("%s listed with StableNames", spec.Path)
		}
	}
	spec, _ := r.Lookup("compare/index.html")
	b, err := r.Render(spec)
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, want := range []string{`assets/style.css?v=` + r.AssetVersion(), `"tools":"data/tools/index.json"`, `"search":"data/search.json"`} {
		if !strings.Contains(page, want) {
			t.Errorf("compare page lacks %s", want)
		}
	}
	if strings.Contains(page, `"scripts"`) {
		t.Error("compare page says the data is published as scripts")
	}
}
