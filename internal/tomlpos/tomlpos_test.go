package tomlpos

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
)

// loc is an expected entry: the texts of its key and value spans and the
// 1-based line on which its key starts.
type loc struct {
	path, key, value string
	line             int
}

var scanTests = []struct {
	name string
	doc  string
	want []loc
}{
	{
		name: "example",
		doc: `title = "x"
required_courses = ["a", "b"]
[competencies]
coding = 3
design = { level = 2, expect = "..." }
[pay]
min = 1
[[intakes]]
start = 2026-01-01
[[intakes]]
start = 2026-02-01
[levels]
1 = "Follows runbooks."
"odd key" = 1
a.b.c = 2
`,
		want: []loc{
			{"title", "title", `"x"`, 1},
			{"required_courses", "required_courses", `["a", "b"]`, 2},
			{"required_courses[0]", "required_courses", `"a"`, 2},
			{"required_courses[1]", "required_courses", `"b"`, 2},
			{"competencies", "competencies", "[competencies]", 3},
			{"competencies.coding", "coding", "3", 4},
			{"competencies.design", "design", `{ level = 2, expect = "..." }`, 5},
			{"competencies.design.level", "level", "2", 5},
			{"competencies.design.expect", "expect", `"..."`, 5},
			{"pay", "pay", "[pay]", 6},
			{"pay.min", "min", "1", 7},
			{"intakes", "intakes", "[[intakes]]", 8},
			{"intakes[0]", "intakes", "[[intakes]]", 8},
			{"intakes[0].start", "start", "2026-01-01", 9},
			{"intakes[1]", "intakes", "[[intakes]]", 10},
			{"intakes[1].start", "start", "2026-02-01", 11},
			{"levels", "levels", "[levels]", 12},
			{"levels.1", "1", `"Follows runbooks."`, 13},
			{`levels."odd key"`, `"odd key"`, "1", 14},
			{"levels.a", "a", "2", 15},
			{"levels.a.b", "b", "2", 15},
			{"levels.a.b.c", "c", "2", 15},
		},
	},
	{
		name: "empty",
		doc:  "",
	},
	{
		name: "blank and comments",
		doc:  "\n  \t\r\n# only a comment\n   # another = 1\n",
	},
	{
		name: "bom",
		doc:  "\uFEFFa = 1\n",
		want: []loc{{"a", "a", "1", 1}},
	},
	{
		name: "crlf",
		doc:  "a = 1\r\n[t]\r\nb = [\r\n  1,\r\n  'x' # c\r\n]\r\nc = \"\"\"\r\nz\r\n\"\"\"\r\n",
		want: []loc{
			{"a", "a", "1", 1},
			{"t", "t", "[t]", 2},
			{"t.b", "b", "[\r\n  1,\r\n  'x' # c\r\n]", 3},
			{"t.b[0]", "b", "1", 3},
			{"t.b[1]", "b", "'x'", 3},
			{"t.c", "c", "\"\"\"\r\nz\r\n\"\"\"", 7},
		},
	},
	{
		name: "comments in arrays",
		doc: `# leading comment
arr = [ # comment [
  1, # one ]
  2,
  # alone, "
  [3, 4], # nested
] # trailing
x = 1 # c = 2
`,
		want: []loc{
			{"arr", "arr", "[ # comment [\n  1, # one ]\n  2,\n  # alone, \"\n  [3, 4], # nested\n]", 2},
			{"arr[0]", "arr", "1", 2},
			{"arr[1]", "arr", "2", 2},
			{"arr[2]", "arr", "[3, 4]", 2},
			{"arr[2][0]", "arr", "3", 2},
			{"arr[2][1]", "arr", "4", 2},
			{"x", "x", "1", 8},
		},
	},
	{
		name: "strings",
		doc: `s = "a\"b\\" # c
l = 'C:\path'
h = "a # not ] a , comment = {"
e = ""
el = ''
m = """
line "quoted" \"""
x"""
q = """"a""""
q1 = """a"""""
ml = '''''x'''''
ml2 = '''
it's ''' # c
bs = """\
  folded \
  """
u = "\u00e9\U0001F600\t"
`,
		want: []loc{
			{"s", "s", `"a\"b\\"`, 1},
			{"l", "l", `'C:\path'`, 2},
			{"h", "h", `"a # not ] a , comment = {"`, 3},
			{"e", "e", `""`, 4},
			{"el", "el", `''`, 5},
			{"m", "m", "\"\"\"\nline \"quoted\" \\\"\"\"\nx\"\"\"", 6},
			{"q", "q", `""""a""""`, 9},
			{"q1", "q1", `"""a"""""`, 10},
			{"ml", "ml", `'''''x'''''`, 11},
			{"ml2", "ml2", "'''\nit's '''", 12},
			{"bs", "bs", "\"\"\"\\\n  folded \\\n  \"\"\"", 14},
			{"u", "u", `"\u00e9\U0001F600\t"`, 17},
		},
	},
	{
		name: "numbers booleans dates",
		doc: `i = +99
n = -17
f = -3.14e+10
g = 6.626e-34
hx = 0xDEAD_beef
oc = 0o755
bi = 0b1101
big = 1_000_000
t = true
fa = false
inf = -inf
nan = nan
odt = 1979-05-27T07:32:00Z
ods = 1979-05-27 07:32:00Z
odo = 1979-05-27 00:32:00.999999-07:00
ldt = 1979-05-27t07:32:00
ld = 1979-05-27 # comment
lt = 07:32:00.5
hm = 1979-05-27 07:32
d = [1979-05-27 07:32:00Z,1979-05-27, 07:32:00]
`,
		want: []loc{
			{"i", "i", "+99", 1},
			{"n", "n", "-17", 2},
			{"f", "f", "-3.14e+10", 3},
			{"g", "g", "6.626e-34", 4},
			{"hx", "hx", "0xDEAD_beef", 5},
			{"oc", "oc", "0o755", 6},
			{"bi", "bi", "0b1101", 7},
			{"big", "big", "1_000_000", 8},
			{"t", "t", "true", 9},
			{"fa", "fa", "false", 10},
			{"inf", "inf", "-inf", 11},
			{"nan", "nan", "nan", 12},
			{"odt", "odt", "1979-05-27T07:32:00Z", 13},
			{"ods", "ods", "1979-05-27 07:32:00Z", 14},
			{"odo", "odo", "1979-05-27 00:32:00.999999-07:00", 15},
			{"ldt", "ldt", "1979-05-27t07:32:00", 16},
			{"ld", "ld", "1979-05-27", 17},
			{"lt", "lt", "07:32:00.5", 18},
			{"hm", "hm", "1979-05-27 07:32", 19},
			{"d", "d", "[1979-05-27 07:32:00Z,1979-05-27, 07:32:00]", 20},
			{"d[0]", "d", "1979-05-27 07:32:00Z", 20},
			{"d[1]", "d", "1979-05-27", 20},
			{"d[2]", "d", "07:32:00", 20},
		},
	},
	{
		name: "inline tables",
		doc: `p = { a = 1, b = { c = [1, {d = 2}] }, "e f".g = 'x' }
e = {}
ea = []
tc = [1, 2,]
ml = {
  a = 1, # comment
  b = [
    2,
  ],
}
`,
		want: []loc{
			{"p", "p", `{ a = 1, b = { c = [1, {d = 2}] }, "e f".g = 'x' }`, 1},
			{"p.a", "a", "1", 1},
			{"p.b", "b", "{ c = [1, {d = 2}] }", 1},
			{"p.b.c", "c", "[1, {d = 2}]", 1},
			{"p.b.c[0]", "c", "1", 1},
			{"p.b.c[1]", "c", "{d = 2}", 1},
			{"p.b.c[1].d", "d", "2", 1},
			{`p."e f"`, `"e f"`, "'x'", 1},
			{`p."e f".g`, "g", "'x'", 1},
			{"e", "e", "{}", 2},
			{"ea", "ea", "[]", 3},
			{"tc", "tc", "[1, 2,]", 4},
			{"tc[0]", "tc", "1", 4},
			{"tc[1]", "tc", "2", 4},
			{"ml", "ml", "{\n  a = 1, # comment\n  b = [\n    2,\n  ],\n}", 5},
			{"ml.a", "a", "1", 6},
			{"ml.b", "b", "[\n    2,\n  ]", 7},
			{"ml.b[0]", "b", "2", 7},
		},
	},
	{
		name: "nested arrays",
		doc:  "x = [[1, 2], [3, [4]], [[]]]\n",
		want: []loc{
			{"x", "x", "[[1, 2], [3, [4]], [[]]]", 1},
			{"x[0]", "x", "[1, 2]", 1},
			{"x[0][0]", "x", "1", 1},
			{"x[0][1]", "x", "2", 1},
			{"x[1]", "x", "[3, [4]]", 1},
			{"x[1][0]", "x", "3", 1},
			{"x[1][1]", "x", "[4]", 1},
			{"x[1][1][0]", "x", "4", 1},
			{"x[2]", "x", "[[]]", 1},
			{"x[2][0]", "x", "[]", 1},
		},
	},
	{
		name: "arrays of tables",
		doc: `[[a]]
x = 1
[[a.b]]
y = 2
[[ a . b ]] # again
y = 3
[a.c]
z = 4
[[a]]
[[a.b]]
y = 5
q = [{r = 1}]
[[course]]
id = "x"
`,
		want: []loc{
			{"a", "a", "[[a]]", 1},
			{"a[0]", "a", "[[a]]", 1},
			{"a[0].x", "x", "1", 2},
			{"a[0].b", "b", "[[a.b]]", 3},
			{"a[0].b[0]", "b", "[[a.b]]", 3},
			{"a[0].b[0].y", "y", "2", 4},
			{"a[0].b[1]", "b", "[[ a . b ]]", 5},
			{"a[0].b[1].y", "y", "3", 6},
			{"a[0].c", "c", "[a.c]", 7},
			{"a[0].c.z", "z", "4", 8},
			{"a[1]", "a", "[[a]]", 9},
			{"a[1].b", "b", "[[a.b]]", 10},
			{"a[1].b[0]", "b", "[[a.b]]", 10},
			{"a[1].b[0].y", "y", "5", 11},
			{"a[1].b[0].q", "q", "[{r = 1}]", 12},
			{"a[1].b[0].q[0]", "q", "{r = 1}", 12},
			{"a[1].b[0].q[0].r", "r", "1", 12},
			{"course", "course", "[[course]]", 13},
			{"course[0]", "course", "[[course]]", 13},
			{"course[0].id", "id", `"x"`, 14},
		},
	},
	{
		name: "quoted keys",
		doc: `"a\"b" = 1
"\u00e9t\u00E9" = 2
'lit.key' = 3
"" = 4
"tab\tkey" = 5
"bare_ok" = 6
site . "x y" . z = 7
"\x41" = 8
[ "h.1" . 'h 2' ] # header
k = 9
`,
		want: []loc{
			{`"a\"b"`, `"a\"b"`, "1", 1},
			{`"été"`, `"\u00e9t\u00E9"`, "2", 2},
			{`"lit.key"`, `'lit.key'`, "3", 3},
			{`""`, `""`, "4", 4},
			{`"tab\tkey"`, `"tab\tkey"`, "5", 5},
			{"bare_ok", `"bare_ok"`, "6", 6},
			{"site", "site", "7", 7},
			{`site."x y"`, `"x y"`, "7", 7},
			{`site."x y".z`, "z", "7", 7},
			{"A", `"\x41"`, "8", 8},
			{`"h.1"`, `"h.1"`, `[ "h.1" . 'h 2' ]`, 9},
			{`"h.1"."h 2"`, `'h 2'`, `[ "h.1" . 'h 2' ]`, 9},
			{`"h.1"."h 2".k`, "k", "9", 10},
		},
	},
	{
		name: "super tables defined later",
		doc: `[x.y.z]
w = 1
[x]
v = 2
[fruit]
apple.color = "red"
apple.taste.sweet = true
[fruit.apple.texture]
smooth = true
`,
		want: []loc{
			{"x", "x", "[x]", 3},
			{"x.y", "y", "[x.y.z]", 1},
			{"x.y.z", "z", "[x.y.z]", 1},
			{"x.y.z.w", "w", "1", 2},
			{"x.v", "v", "2", 4},
			{"fruit", "fruit", "[fruit]", 5},
			{"fruit.apple", "apple", `"red"`, 6},
			{"fruit.apple.color", "color", `"red"`, 6},
			{"fruit.apple.taste", "taste", "true", 7},
			{"fruit.apple.taste.sweet", "sweet", "true", 7},
			{"fruit.apple.texture", "texture", "[fruit.apple.texture]", 8},
			{"fruit.apple.texture.smooth", "smooth", "true", 9},
		},
	},
	{
		name: "numeric keys",
		doc:  "[levels]\n1 = \"a\"\n3.14 = \"pi\"\n-1 = 0\n",
		want: []loc{
			{"levels", "levels", "[levels]", 1},
			{"levels.1", "1", `"a"`, 2},
			{"levels.3", "3", `"pi"`, 3},
			{"levels.3.14", "14", `"pi"`, 3},
			{"levels.-1", "-1", "0", 4},
		},
	},
	{
		name: "whitespace",
		doc:  "\t a\t=\t1\t\n  [ t ]  \n\tb =\"x\"   # c\n",
		want: []loc{
			{"a", "a", "1", 1},
			{"t", "t", "[ t ]", 2},
			{"t.b", "b", `"x"`, 3},
		},
	},
}

// lineOf returns the 1-based line of offset i of text.
func lineOf(text []byte, i int) int {
	return bytes.Count(text[:i], []byte("\n")) + 1
}

func TestScan(t *testing.T) {
	for _, tt := range scanTests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.doc)
			ix := Scan(text)
			checkSpans(t, text, ix)
			want := make(map[string]bool)
			for _, w := range tt.want {
				want[w.path] = true
				e, ok := ix[w.path]
				if !ok {
					t.Errorf("%s: missing", w.path)
					continue
				}
				if got := string(text[e.Key.Start:e.Key.End]); got != w.key {
					t.Errorf("%s: key %q, want %q", w.path, got, w.key)
				}
				if got := string(text[e.Value.Start:e.Value.End]); got != w.value {
					t.Errorf("%s: value %q, want %q", w.path, got, w.value)
				}
				if got := lineOf(text, e.Key.Start); got != w.line {
					t.Errorf("%s: key on line %d, want %d", w.path, got, w.line)
				}
			}
			for p, e := range ix {
				if !want[p] {
					t.Errorf("unexpected path %s: %q = %q", p, text[e.Key.Start:e.Key.End], text[e.Value.Start:e.Value.End])
				}
			}
		})
	}
}

// checkSpans reports spans of ix that are not inside text.
func checkSpans(t testing.TB, text []byte, ix Index) {
	t.Helper()
	for p, e := range ix {
		for _, s := range []Span{e.Key, e.Value} {
			if s.Start < 0 || s.Start > s.End || s.End > len(text) {
				t.Fatalf("%s: span %v outside text of length %d", p, s, len(text))
			}
		}
	}
}

// TestCrossCheck compares the index of valid documents with what the TOML
// decoder reports.
func TestCrossCheck(t *testing.T) {
	docs := map[string]string{"bench": benchDoc}
	for _, tt := range scanTests {
		docs[tt.name] = tt.doc
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			var v map[string]any
			if _, err := toml.Decode(doc, &v); err != nil {
				t.Fatalf("invalid test document: %v", err)
			}
			if err := crossCheck([]byte(doc)); err != nil {
				t.Error(err)
			}
		})
	}
}

// crossCheck decodes text and checks that every key the decoder reports and
// every value in the decoded data is in the index, and that the text of each
// value span decodes to the same value. It returns nil when text does not
// decode.
func crossCheck(text []byte) error {
	var data map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(text)).Decode(&data)
	if err != nil {
		return nil
	}
	ix := Scan(text)
	if extendsInline(text, ix) {
		// The decoder accepts a header or a dotted key that adds to an
		// inline table ("e = {}" then "[e.x]"), which TOML 1.0 forbids:
		// the inline table's text then no longer holds the whole value,
		// and there is nothing to compare.
		return nil
	}

	// Keys of the metadata, with arrays of tables numbered in order of
	// their headers. Keys under arrays values are not numbered and so are
	// skipped.
	count := make(map[string]int)
keys:
	for _, k := range md.Keys() {
		var parts []any
		for i := range k {
			parts = append(parts, k[i])
			if i == len(k)-1 {
				break
			}
			switch md.Type(k[:i+1]...) {
			case "ArrayHash":
				parts = append(parts, count[Join(parts...)]-1)
			case "Array":
				continue keys
			}
		}
		p := Join(parts...)
		if md.Type(k...) == "ArrayHash" {
			count[p]++
		}
		if _, ok := ix[p]; !ok {
			return fmt.Errorf("key %s (%s) of the decoder is not in the index", p, k)
		}
	}
	return checkData(text, ix, "", data)
}

// extendsInline reports whether a key of ix lies under an inline table
// of ix but is written outside its braces.
func extendsInline(text []byte, ix Index) bool {
	for p, e := range ix {
		if !bytes.HasPrefix(text[e.Value.Start:e.Value.End], []byte("{")) {
			continue
		}
		for q, f := range ix {
			under := strings.HasPrefix(q, p+".") || strings.HasPrefix(q, p+"[")
			if under && (f.Key.Start < e.Value.Start || f.Key.Start >= e.Value.End) {
				return true
			}
		}
	}
	return false
}

// checkData checks that the path of v and everything within it is in the
// index with the value text decoding to v.
func checkData(text []byte, ix Index, path string, v any) error {
	if path != "" {
		e, ok := ix[path]
		if !ok {
			return fmt.Errorf("path %s of the decoded data is not in the index", path)
		}
		val := string(text[e.Value.Start:e.Value.End])
		_, isTable := v.(map[string]any)
		// A header's value is the header; the value of a dotted key's
		// prefix (a in a.b = 1) is the value of the whole key.
		header := e.Value.Start <= e.Key.Start && e.Key.End <= e.Value.End
		prefix := bytes.HasPrefix(bytes.TrimLeft(text[e.Key.End:], " \t"), []byte("."))
		if !header && !prefix && (!isTable || strings.HasPrefix(val, "{")) {
			var got map[string]any
			if _, err := toml.Decode("v = "+val, &got); err != nil {
				return fmt.Errorf("%s: value %q: %v", path, val, err)
			}
			if !reflect.DeepEqual(normalize(got["v"]), normalize(v)) {
				return fmt.Errorf("%s: value %q decodes to %#v, want %#v", path, val, got["v"], v)
			}
		}
	}
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if err := checkData(text, ix, join(path, k), v[k]); err != nil {
				return err
			}
		}
	case []map[string]any:
		for i, x := range v {
			if err := checkData(text, ix, path+Join(i), x); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range v {
			if err := checkData(text, ix, path+Join(i), x); err != nil {
				return err
			}
		}
	}
	return nil
}

func join(path, key string) string {
	if path == "" {
		return Join(key)
	}
	return path + "." + Join(key)
}

// normalize makes decoded values comparable: times by their text, NaN by a
// string.
func normalize(v any) any {
	switch v := v.(type) {
	case time.Time:
		return v.Format(time.RFC3339Nano) + v.Location().String()
	case float64:
		if v != v {
			return "NaN"
		}
	case []any:
		out := make([]any, len(v))
		for i := range v {
			out[i] = normalize(v[i])
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(v))
		for k := range v {
			out[k] = normalize(v[k])
		}
		return out
	}
	return v
}

// TestContent scans the TOML of the site's content: every path must have
// spans inside the text, and valid files must agree with the decoder.
func TestContent(t *testing.T) {
	root := filepath.Join("..", "..", "content")
	var files []string
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(p, ".toml") || strings.HasSuffix(p, ".md")) {
			files = append(files, p)
		}
		return nil
	})
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		if strings.HasSuffix(f, ".md") {
			if b = frontMatter(b); b == nil {
				continue
			}
		}
		n++
		ix := Scan(b)
		checkSpans(t, b, ix)
		if err := crossCheck(b); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if n == 0 {
		t.Skip("no TOML under", root)
	}
}

// frontMatter returns the TOML front matter between "+++" lines at the start
// of a Markdown file, or nil.
func frontMatter(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if !bytes.HasPrefix(b, []byte("+++\n")) && !bytes.HasPrefix(b, []byte("+++\r\n")) {
		return nil
	}
	b = b[bytes.IndexByte(b, '\n')+1:]
	for i := 0; i < len(b); {
		j := bytes.IndexByte(b[i:], '\n')
		end := len(b)
		if j >= 0 {
			end = i + j
		}
		if string(bytes.TrimRight(b[i:end], "\r")) == "+++" {
			return b[:i]
		}
		i = end + 1
	}
	return nil
}

func TestLookup(t *testing.T) {
	text := []byte(scanTests[0].doc)
	ix := Scan(text)
	tests := []struct {
		path  string
		value string
		found bool
	}{
		{"title", `"x"`, true},
		{"required_courses[1]", `"b"`, true},
		{"required_courses[7]", `["a", "b"]`, false},
		{"required_courses[7][2].x", `["a", "b"]`, false},
		{"competencies.design.nope", `{ level = 2, expect = "..." }`, false},
		{"intakes[1].start", "2026-02-01", true},
		{"intakes[5].start", "[[intakes]]", false},
		{`levels."odd key"`, "1", true},
		{`levels."odd.key[0]"`, "[levels]", false},
		{`levels."odd \" key".x`, "[levels]", false},
		{"levels.a.b.c", "2", true},
		{"levels.a.b.z", "2", false},
		{"nope", "", false},
		{"nope.title", "", false},
		{"", "", false},
		{`"unterminated`, "", false},
		{"x[", "", false},
	}
	for _, tt := range tests {
		e, found := ix.Lookup(tt.path)
		if found != tt.found {
			t.Errorf("Lookup(%q) found %v, want %v", tt.path, found, tt.found)
		}
		if got := string(text[e.Value.Start:e.Value.End]); got != tt.value {
			t.Errorf("Lookup(%q) value %q, want %q", tt.path, got, tt.value)
		}
		if tt.value == "" && e != (Entry{}) {
			t.Errorf("Lookup(%q) = %v, want zero Entry", tt.path, e)
		}
	}
}

func TestJoin(t *testing.T) {
	tests := []struct {
		parts []any
		want  string
	}{
		{nil, ""},
		{[]any{"a"}, "a"},
		{[]any{"a", "b_c", "D-1"}, "a.b_c.D-1"},
		{[]any{"a", 0}, "a[0]"},
		{[]any{"a", 1, 2, "b"}, "a[1][2].b"},
		{[]any{"odd key", "x"}, `"odd key".x`},
		{[]any{"", "a.b", `q"`}, `"".` + `"a.b".` + `"q\""`},
		{[]any{"été"}, `"été"`},
		{[]any{"a", int64(3), uint8(4)}, "a[3][4]"},
		{[]any{1.5}, `"1.5"`},
	}
	for _, tt := range tests {
		if got := Join(tt.parts...); got != tt.want {
			t.Errorf("Join(%#v) = %s, want %s", tt.parts, got, tt.want)
		}
	}
}

// TestInvalid checks that invalid documents are scanned without trouble.
func TestInvalid(t *testing.T) {
	docs := []string{
		"[", "[[", "]", "[a", "[[a]", "[a.]", "[.]", "[\"a", "a", "a =", "a = [", "a = {", "a = {b",
		"a = \"", "a = '", `a = """`, "a = '''", "a = \"\\", "a = \"\"\"\\", "=", "= 1", "a = 1 b = 2",
		"a = [1 2 3}", "a = {b = 1 ]", "a = [\"x", "a = 1979-05-27 ", "a = 1979-05-27 0", "\"\\u12",
		"\"\\U0000", "\"\\x4", "a.\"b", "a..b = 1", "}]{[", "\xff\xfe = 1", "\uFEFF", "\xEF\xBB",
		strings.Repeat("[", 10000), "a = " + strings.Repeat("[", 10000), "a = " + strings.Repeat("{b=", 10000),
		"a = " + strings.Repeat("[{x=[", 2000) + "1",
	}
	for _, d := range docs {
		ix := Scan([]byte(d))
		checkSpans(t, []byte(d), ix)
	}
}

// TestNesting checks that deep nesting is scanned, indexed up to a limit.
func TestNesting(t *testing.T) {
	for _, n := range []int{maxDepth - 1, maxDepth, maxDepth + 1, 3 * maxDepth} {
		doc := "a = " + strings.Repeat("[", n) + "1" + strings.Repeat("]", n) + "\nb = 2\n"
		ix := Scan([]byte(doc))
		if _, ok := ix["b"]; !ok {
			t.Errorf("depth %d: b missing", n)
		}
		deep := "a" + strings.Repeat("[0]", min(n, maxDepth))
		if _, ok := ix[deep]; !ok {
			t.Errorf("depth %d: %s missing", n, deep)
		}
	}
}

func FuzzScan(f *testing.F) {
	for _, tt := range scanTests {
		f.Add([]byte(tt.doc))
	}
	f.Add([]byte(benchDoc))
	badFiles(f, func(name string, data []byte) { f.Add(data) })
	f.Fuzz(func(t *testing.T, text []byte) {
		done := make(chan Index, 1)
		go func() { done <- Scan(text) }()
		var ix Index
		select {
		case ix = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Scan did not return")
		}
		checkSpans(t, text, ix)
		if err := crossCheck(text); err != nil {
			t.Error(err)
		}
	})
}

const benchDoc = `# Course description.
title = "Site Reliability Engineering, Level 2"
slug = "sre-2"
draft = false
weight = 20
date = 2026-01-15T09:00:00Z
updated = 2026-03-02 10:30:00+01:00
summary = """
Operate production services: on-call, incident response, \
capacity planning and "boring" automation."""
tags = ["operations", "on-call", "automation", 'linux']
required_courses = ["sre-1", "networking-1"] # prerequisites
aliases = [
  "/courses/sre2/",   # old URL
  "/sre/level-2/",
]

[competencies]
coding = 3
operations = 4
design = { level = 2, expect = "Designs small services with clear SLOs." }
communication = { level = 3, expect = "Writes incident reviews." }

[pay]
min = 85_000
max = 110_000
currency = "EUR"

[[intakes]]
start = 2026-01-01
seats = 12
location = { city = "Berlin", remote = true }

[[intakes]]
start = 2026-02-01
seats = 8
location = { city = "Lisbon", remote = false }

[levels]
1 = "Follows runbooks."
2 = "Improves runbooks."
3 = "Writes new runbooks and reviews others' work."
"4 (senior)" = "Owns a service end to end."

[meta.seo]
description = "SRE level 2 course"
image = "/img/sre-2.png"
`

func BenchmarkScan(b *testing.B) {
	text := []byte(benchDoc)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		Scan(text)
	}
}
