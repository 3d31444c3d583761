package diag

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ciSample is a list with what the CI formats must get right: a hint,
// notes, a warning, no position, characters the GitHub format escapes, and
// two identical diagnostics in one file.
func ciSample() (List, Sources) {
	files := map[string]*LineIndex{
		"content/courses/loop-a.md": NewLineIndex("content/courses/loop-a.md", []byte("+++\ntitle = \"A\"\nprerequisites = [\"loop-b\"]\n+++\n")),
		"content/tracks/eng/senior.md": NewLineIndex("content/tracks/eng/senior.md",
			[]byte("+++\ntitle = \"Sénior\"\nrequired_courses = [\"secure-codng\"]\n+++\n")),
	}
	l := List{
		{Pos: Pos{"content/courses/loop-a.md", 3, 18, 8}, Severity: Error, Rule: "prerequisite-cycle",
			Msg: "course prerequisite cycle: loop-a -> loop-b -> loop-a", Hint: "remove one of these prerequisites",
			Notes: []Diagnostic{{Pos: Pos{"content/courses/loop-b.md", 3, 18, 8}, Msg: `"loop-b" requires "loop-a"`}}},
		{Pos: Pos{"content/tracks/eng/senior.md", 3, 21, 14}, Severity: Error, Rule: "unknown-reference",
			Msg: `unknown course "secure-codng"`, Hint: `did you mean "secure-coding"?`},
		{Pos: Pos{"content/pages/100%, a:b.md", 1, 1, 0}, Severity: Warning, Rule: "unused-course",
			Msg: "line one\r\nline two: 100%"},
		{Pos: Pos{"content/pages/100%, a:b.md", 7, 1, 0}, Severity: Warning, Rule: "unused-course",
			Msg: "line one\r\nline two: 100%"},
		{Severity: Error, Rule: "limit", Msg: "the site holds more entities than the limit of 100000"},
	}
	return l, func(f string) *LineIndex { return files[f] }
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

func TestWriteGitHub(t *testing.T) {
	l, _ := ciSample()
	var b bytes.Buffer
	if err := WriteGitHub(&b, l); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.github.txt", b.Bytes())

	// Each line is one workflow command: ::error or ::warning, properties
	// from the set the runner knows with no raw , : CR or LF in a value,
	// then the message with no raw CR or LF.
	cmd := regexp.MustCompile(`^::(error|warning)( (file|line|col|endColumn|title)=[^,:\r\n]*(,(file|line|col|endColumn|title)=[^,:\r\n]*)*)?::[^\r\n]*$`)
	lines := strings.Split(strings.TrimSuffix(b.String(), "\n"), "\n")
	if len(lines) != len(l) {
		t.Fatalf("%d lines for %d diagnostics", len(lines), len(l))
	}
	for _, ln := range lines {
		if !cmd.MatchString(ln) {
			t.Errorf("not a workflow command: %q", ln)
		}
	}
	// Unescaping gives the file name and message back.
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace
	if got := unescape(githubProperty(l[2].Pos.File)); got != l[2].Pos.File {
		t.Errorf("property round trip: %q", got)
	}
	if got := unescape(githubData(l[2].Msg)); got != l[2].Msg {
		t.Errorf("data round trip: %q", got)
	}
}

func TestGitHubEscape(t *testing.T) {
	for _, c := range []struct{ in, data, prop string }{
		{"plain", "plain", "plain"},
		{"100%", "100%25", "100%25"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"a:b,c", "a:b,c", "a%3Ab%2Cc"},
		{"%0A", "%250A", "%250A"},
	} {
		if got := githubData(c.in); got != c.data {
			t.Errorf("githubData(%q) = %q, want %q", c.in, got, c.data)
		}
		if got := githubProperty(c.in); got != c.prop {
			t.Errorf("githubProperty(%q) = %q, want %q", c.in, got, c.prop)
		}
	}
}

// compileSchema compiles a schema vendored in testdata.
func compileSchema(t *testing.T, name string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	s, err := c.Compile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("compile %s: %v", name, err)
	}
	return s
}

// validate checks doc against schema.
func validate(t *testing.T, s *jsonschema.Schema, doc []byte) {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	if err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if err := s.Validate(v); err != nil {
		t.Errorf("does not validate: %v", err)
	}
}

func TestWriteGitLab(t *testing.T) {
	l, _ := ciSample()
	var b bytes.Buffer
	if err := WriteGitLab(&b, l); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.gitlab.json", b.Bytes())
	validate(t, compileSchema(t, "gitlab-codequality.schema.json"), b.Bytes())

	var issues []CodeQualityIssue
	if err := json.Unmarshal(b.Bytes(), &issues); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, is := range issues {
		if seen[is.Fingerprint] {
			t.Errorf("fingerprint %s twice", is.Fingerprint)
		}
		seen[is.Fingerprint] = true
	}
	// A diagnostic keeps its fingerprint when lines above it move.
	moved := slices.Clone(l)
	moved[1].Pos.Line += 5
	var b2 bytes.Buffer
	WriteGitLab(&b2, moved)
	var issues2 []CodeQualityIssue
	json.Unmarshal(b2.Bytes(), &issues2)
	if issues2[1].Fingerprint != issues[1].Fingerprint {
		t.Errorf("fingerprint changed with the line: %s, %s", issues[1].Fingerprint, issues2[1].Fingerprint)
	}
	// An empty list is an empty array.
	var empty bytes.Buffer
	WriteGitLab(&empty, nil)
	if empty.String() != "[]\n" {
		t.Errorf("empty report = %q", empty.String())
	}
}

func TestWriteSARIF(t *testing.T) {
	l, src := ciSample()
	var b bytes.Buffer
	if err := WriteSARIF(&b, l, src, Tool{Name: "ladder", Version: "v1.0.0"}); err != nil {
		t.Fatal(err)
	}
	golden(t, "ci.sarif.json", b.Bytes())
	schema := compileSchema(t, "sarif-schema-2.1.0.json")
	validate(t, schema, b.Bytes())
	var empty bytes.Buffer
	WriteSARIF(&empty, nil, nil, Tool{})
	validate(t, schema, empty.Bytes())

	// Columns are characters: "é" before the value is one column, not two.
	var log struct {
		Runs []struct {
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						Region struct{ StartColumn, EndColumn int }
					}
				}
			}
		}
	}
	json.Unmarshal(b.Bytes(), &log)
	r := log.Runs[0].Results[1].Locations[0].PhysicalLocation.Region
	if r.StartColumn != 21 || r.EndColumn != 35 {
		t.Errorf("region columns %d..%d, want 21..35", r.StartColumn, r.EndColumn)
	}
}

func TestRuneCol(t *testing.T) {
	line := []byte("é = \"x\"")
	for _, c := range []struct{ col, want int }{{1, 1}, {3, 2}, {4, 3}, {9, 8}, {12, 11}} {
		if got := runeCol(line, c.col); got != c.want {
			t.Errorf("runeCol(%d) = %d, want %d", c.col, got, c.want)
		}
	}
}

func TestWriteTextLimit(t *testing.T) {
	var l List
	l.Add("unknown-key", Pos{"a.md", 1, 1, 0}, "", "an error")
	for i := range 25 {
		rule := "unused-course"
		if i%5 == 0 {
			rule = "unreachable-level"
		}
		l.Warn(rule, Pos{"b.md", i + 1, 1, 0}, "", "warning %d", i)
	}
	var b bytes.Buffer
	WriteTextLimit(&b, l, nil, TextOptions{}, 3)
	want := `a.md:1:1: error: an error
b.md:1:1: warning: warning 0
b.md:2:1: warning: warning 1
b.md:3:1: warning: warning 2
22 more warnings not shown (ladder check lists them all): 18 unused-course, 4 unreachable-level
1 error, 25 warnings
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestRulesComplete keeps the catalogue, the code and the README in step:
// every rule id written where a diagnostic is made (the first argument of
// Add or Warn, a Rule field) is one of Rules, every rule of Rules is made
// somewhere, and the README lists each one.
func TestRulesComplete(t *testing.T) {
	known := map[string]bool{}
	for i, r := range Rules() {
		if i > 0 && Rules()[i-1].ID >= r.ID {
			t.Errorf("Rules not sorted at %q", r.ID)
		}
		if !regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`).MatchString(r.ID) || r.Summary == "" {
			t.Errorf("rule %q: id must be kebab-case with a summary", r.ID)
		}
		known[r.ID] = true
	}
	used := map[string]bool{}
	fset := token.NewFileSet()
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			return err
		}
		record := func(e ast.Expr) {
			if lit, ok := e.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				id, _ := strconv.Unquote(lit.Value)
				used[id] = true
				if !known[id] {
					t.Errorf("%s: rule %q is not in diag.Rules", fset.Position(lit.Pos()), id)
				}
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				if sel, ok := n.Fun.(*ast.SelectorExpr); ok && (sel.Sel.Name == "Add" || sel.Sel.Name == "Warn") && len(n.Args) >= 4 {
					record(n.Args[0])
				}
			case *ast.KeyValueExpr:
				if k, ok := n.Key.(*ast.Ident); ok && k.Name == "Rule" {
					record(n.Value)
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		if !used[r.ID] {
			t.Errorf("rule %q is in diag.Rules but no diagnostic is made with it", r.ID)
		}
		if !bytes.Contains(readme, []byte("`"+r.ID+"`")) {
			t.Errorf("README.md does not list rule `%s`", r.ID)
		}
	}
}
