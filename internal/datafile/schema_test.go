package datafile_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"path"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/site"
)

// compile compiles the embedded schema called name, checking formats.
func compile(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	b, err := datafile.SchemaFile(name)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s.schema.json is not JSON: %v", name, err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///" + name + ".schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s.schema.json: %v", name, err)
	}
	return s
}

// TestFrameworkSchema validates framework.json of the example and of the
// small sites against /data/framework.schema.json, which is published
// with them.
func TestFrameworkSchema(t *testing.T) {
	s := compile(t, "framework")
	sites := smallSites()
	example, err := pipeline.Open(filepath.Join("..", ".."), false)
	if err != nil {
		t.Fatal(err)
	}
	sites["example"] = example
	for name, proj := range sites {
		t.Run(name, func(t *testing.T) {
			out := build(t, proj)
			b, _ := out.Get("data/framework.json")
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Validate(v); err != nil {
				t.Errorf("framework.json does not validate: %v", err)
			}
			published, _ := out.Get("data/framework.schema.json")
			want, _ := datafile.SchemaFile("framework")
			if !bytes.Equal(published, want) {
				t.Errorf("data/framework.schema.json is not the schema")
			}
			for _, k := range datafile.ContentSchemas {
				if _, ok := out.Get("data/schemas/" + k + ".schema.json"); !ok {
					t.Errorf("data/schemas/%s.schema.json is not published", k)
				}
			}
		})
	}
	// A document the schema must refuse: a null list.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"schema":1,"title":"","language":"en","today":"","scale":[],"tracks":null,"levels":[],"competencies":[],"courses":[],"programs":[],"pages":[]}`))
	if s.Validate(bad) == nil {
		t.Errorf("a null list validates")
	}
}

// frameworkKeys checks that the schema of framework.json names every JSON
// key of the Go types that write it, and no other, so that the two cannot
// drift apart.
func TestFrameworkSchemaKeys(t *testing.T) {
	b, _ := datafile.SchemaFile("framework")
	var sch map[string]any
	if err := json.Unmarshal(b, &sch); err != nil {
		t.Fatal(err)
	}
	defs := sch["$defs"].(map[string]any)
	for _, c := range []struct {
		name string
		typ  reflect.Type
		node map[string]any
	}{
		{"framework", reflect.TypeFor[datafile.Framework](), sch},
		{"track", reflect.TypeFor[datafile.FrameworkTrack](), defs["track"].(map[string]any)},
		{"level", reflect.TypeFor[datafile.FrameworkLevel](), defs["level"].(map[string]any)},
		{"expectation", reflect.TypeFor[datafile.FrameworkExpect](), defs["expectation"].(map[string]any)},
		{"competency", reflect.TypeFor[datafile.FrameworkComp](), defs["competency"].(map[string]any)},
		{"course", reflect.TypeFor[datafile.FrameworkCourse](), defs["course"].(map[string]any)},
		{"program", reflect.TypeFor[datafile.FrameworkProg](), defs["program"].(map[string]any)},
		{"page", reflect.TypeFor[datafile.FrameworkPage](), defs["page"].(map[string]any)},
	} {
		checkKeys(t, c.name, c.typ, c.node, "json")
	}
}

// TestContentSchemaKeys checks that the schema of each kind of content
// file names every key the loader accepts for that kind (the toml tags of
// its type in package site, and "id"), and no other, at every depth.
func TestContentSchemaKeys(t *testing.T) {
	kinds := map[string]reflect.Type{
		"site":       reflect.TypeFor[site.Config](),
		"track":      reflect.TypeFor[site.Track](),
		"level":      reflect.TypeFor[site.Level](),
		"competency": reflect.TypeFor[site.Competency](),
		"course":     reflect.TypeFor[site.Course](),
		"program":    reflect.TypeFor[site.Program](),
		"page":       reflect.TypeFor[site.Page](),
		"plan":       reflect.TypeFor[site.Plan](),
	}
	for _, name := range datafile.ContentSchemas {
		typ, ok := kinds[name]
		if !ok {
			t.Fatalf("no type for the %s schema", name)
		}
		compile(t, name)
		b, _ := datafile.SchemaFile(name)
		var sch map[string]any
		if err := json.Unmarshal(b, &sch); err != nil {
			t.Fatal(err)
		}
		if sch["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
			t.Errorf("%s: $schema = %v", name, sch["$schema"])
		}
		props := sch["properties"].(map[string]any)
		if name != "site" {
			if _, ok := props["id"]; !ok {
				t.Errorf("%s: no id", name)
			}
		}
		defs, _ := sch["$defs"].(map[string]any)
		if item, ok := defs[name].(map[string]any); ok {
			checkKeys(t, name+" catalogue entry", typ, item, "toml", "id")
		}
		checkKeys(t, name, typ, sch, "toml", "id", name)
	}
}

// checkKeys compares the keys of type typ (by struct tag tag, embedded
// structs flattened) with the properties of schema node, recursing into
// struct fields; extra names keys the schema may have besides.
func checkKeys(t *testing.T, at string, typ reflect.Type, node map[string]any, tag string, extra ...string) {
	t.Helper()
	for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice {
		typ = typ.Elem()
	}
	props, _ := node["properties"].(map[string]any)
	if props == nil {
		if items, ok := node["items"].(map[string]any); ok {
			props, _ = items["properties"].(map[string]any)
		}
	}
	if props == nil {
		t.Errorf("%s: the schema has no properties", at)
		return
	}
	keys := fieldsOf(typ, tag)
	for k, ft := range keys {
		p, ok := props[k].(map[string]any)
		if !ok {
			t.Errorf("%s: key %q is not in the schema", at, k)
			continue
		}
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() == reflect.Struct && ft != reflect.TypeFor[time.Time]() && ft != reflect.TypeFor[site.Expectation]() && ft != reflect.TypeFor[site.Months]() {
			if ref, ok := p["$ref"].(string); ok {
				_ = ref // a shared definition, checked on its own
				continue
			}
			if items, ok := p["items"].(map[string]any); ok {
				if _, ok := items["$ref"]; ok {
					continue
				}
			}
			checkKeys(t, at+"."+k, ft, p, tag)
		}
	}
	for k := range props {
		if _, ok := keys[k]; !ok && !slices.Contains(extra, k) {
			t.Errorf("%s: the schema has key %q, which the Go type does not", at, k)
		}
	}
}

// fieldsOf returns the keys of a struct type by tag, with their types.
func fieldsOf(typ reflect.Type, tag string) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get(tag), ",")
		if f.Anonymous && name == "" {
			for k, v := range fieldsOf(f.Type, tag) {
				out[k] = v
			}
			continue
		}
		if name == "" || name == "-" {
			continue
		}
		out[name] = f.Type
	}
	return out
}

// TestExampleContentValidates validates the front matter of every content
// file of the example, and its site.toml, against the schema of its kind,
// as an editor would.
func TestExampleContentValidates(t *testing.T) {
	proj, err := pipeline.Open(filepath.Join("..", ".."), false)
	if err != nil {
		t.Fatal(err)
	}
	compiled := map[string]*jsonschema.Schema{}
	for _, k := range datafile.ContentSchemas {
		compiled[k] = compile(t, k)
	}
	n := 0
	check := func(p, kind string, text []byte) {
		var m map[string]any
		if _, err := toml.Decode(string(text), &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if err := compiled[kind].Validate(jsonValue(m)); err != nil {
			t.Errorf("%s does not validate against %s.schema.json: %v", p, kind, err)
		}
		n++
	}
	site, err := fs.ReadFile(proj.FS, "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	check("site.toml", "site", site)
	err = fs.WalkDir(proj.FS, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		parts := strings.Split(p, "/")
		kind := map[string]string{"tracks": "level", "competencies": "competency", "courses": "course", "programs": "program", "pages": "page", "plans": "plan"}[parts[1]]
		switch {
		case len(parts) == 2:
			kind = "page"
		case path.Base(p) == "_index.md":
			kind = "track"
		}
		b, err := fs.ReadFile(proj.FS, p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".md") {
			rest, ok := bytes.CutPrefix(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n")), []byte("+++\n"))
			end := bytes.Index(rest, []byte("\n+++"))
			if !ok || end < 0 {
				t.Errorf("%s: no front matter", p)
				return nil
			}
			b = rest[:end+1]
		}
		check(p, kind, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 50 {
		t.Errorf("validated only %d files", n)
	}
}

// jsonValue turns decoded TOML into the values jsonschema validates: dates
// become strings, as editors treat them.
func jsonValue(x any) any {
	switch v := x.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = jsonValue(e)
		}
		return out
	case []map[string]any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = jsonValue(e)
		}
		return out
	case time.Time:
		return v.Format("2006-01-02")
	case int64:
		return json.Number(strings.TrimSpace(string(mustJSON(v))))
	case float64:
		return json.Number(strings.TrimSpace(string(mustJSON(v))))
	}
	return x
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestIgnoreEnum checks that the schema of site.toml offers exactly the
// rules [check] ignore accepts.
func TestIgnoreEnum(t *testing.T) {
	b, _ := datafile.SchemaFile("site")
	var sch struct {
		Properties struct {
			Check struct {
				Properties struct {
					Ignore struct {
						Items struct {
							Enum []string `json:"enum"`
						} `json:"items"`
					} `json:"ignore"`
				} `json:"properties"`
			} `json:"check"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &sch); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range diag.Rules() {
		if diag.Ignorable(r.ID) {
			want = append(want, r.ID)
		}
	}
	if got := sch.Properties.Check.Properties.Ignore.Items.Enum; !slices.Equal(got, want) {
		t.Errorf("check.ignore enum = %q, want %q", got, want)
	}
}
