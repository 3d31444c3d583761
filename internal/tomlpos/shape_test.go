package tomlpos

import (
	"strings"
	"testing"
	"time"
)

var shapeTests = []struct {
	name   string
	doc    string
	depth  int
	tables int
}{
	{"empty", "", 0, 0},
	{"scalars", "a = 1\nb = \"x\"\nc = 2026-01-01 10:00:00\n", 0, 0},
	{"dotted key", "a.b.c = 1\n", 2, 0},
	{"header", "[a.b]\nx = 1\n", 2, 0},
	{"the doc example", "[a.b]\nx = {y = [1]}\n", 4, 0},
	{"array of arrays", "x = [[1, 2], [3, [4]]]\n", 3, 0},
	{"empty containers", "x = [[], {}, [ ]]\ny = {}\n", 2, 0},
	{"trailing comma", "x = [1, [2,],\n]\n", 2, 0},
	{"inline table dotted", "x = {a.b = 1, c = {d = 2}}\n", 2, 0},
	{"sibling keys do not add up", "x = {a = 1, b = 2, c = 3}\n", 1, 0},
	{"brackets in strings", "x = \"[[[{{{\"\ny = '''\n[[[\n'''\nz = \"\"\"{{\"\"\"\n", 0, 0},
	{"brackets in comments", "# [[[[\nx = 1 # {{{{\n", 0, 0},
	{"multi-line array with comments", "x = [\n  1, # [\n  [2],\n]\n", 2, 0},
	{"catalogue", "[[course]]\nid = \"a\"\n[[course]]\nid = \"b\"\n[[course.x]]\n", 2, 2},
	{"quoted keys", "\"a.b\".'c' = 1\n", 1, 0},
	{"bom and crlf", "\ufeffa = [1]\r\n[b]\r\nc = 2\r\n", 1, 0},
	{"after a closed value", "x = [[1]]\ny = 2\n[t]\nz = {a = 1}\n", 2, 0},
	{"not toml", "= = [[[\n}}}\n[", 0, 0},
}

func TestMeasure(t *testing.T) {
	containers := map[string]int{"the doc example": 3, "catalogue": 3, "array of arrays": 4, "empty containers": 5, "after a closed value": 4}
	for _, tt := range shapeTests {
		t.Run(tt.name, func(t *testing.T) {
			sh := Measure([]byte(tt.doc), 0)
			if want, ok := containers[tt.name]; ok && sh.Containers != want {
				t.Errorf("Containers = %d, want %d", sh.Containers, want)
			}
			if sh.Depth != tt.depth || sh.Tables != tt.tables || sh.Control != -1 {
				t.Errorf("Measure(%q) = depth %d, tables %d, control %d; want depth %d, tables %d, control -1",
					tt.doc, sh.Depth, sh.Tables, sh.Control, tt.depth, tt.tables)
			}
		})
	}
}

func TestMeasureLimit(t *testing.T) {
	deep := func(open, close string, n int) string {
		return "x = " + strings.Repeat(open, n) + "1" + strings.Repeat(close, n) + "\n"
	}
	tests := []struct {
		name  string
		doc   string
		limit int
		at    int // DeepAt.Start
	}{
		{"inline tables", deep("{a = ", "}", 10000), 32, 4 + 32*5},
		{"arrays", deep("[", "]", 10000), 32, 4 + 32},
		{"header", "[" + strings.Repeat("a.", 20000) + "a]\n", 32, 1 + 32*2},
		{"dotted key", strings.Repeat("a.", 40) + "a = 1\n", 32, 33 * 2},
		{"dotted keys in a table", "x = {" + strings.Repeat("a.", 40) + "a = 1}\n", 32, 5 + 32*2},
		{"just over", deep("[", "]", 3), 2, 4 + 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.doc)
			start := time.Now()
			sh := Measure(text, tt.limit)
			if d := time.Since(start); d > time.Second {
				t.Errorf("Measure took %v", d)
			}
			if sh.Depth != tt.limit+1 {
				t.Fatalf("Depth = %d, want %d", sh.Depth, tt.limit+1)
			}
			if sh.DeepAt.Start != tt.at {
				t.Errorf("DeepAt = %v (%.10q), want it at %d (%.10q)", sh.DeepAt, text[sh.DeepAt.Start:], tt.at, text[tt.at:])
			}
		})
	}
	if sh := Measure([]byte(deep("[", "]", 2)), 2); sh.Depth != 2 {
		t.Errorf("at the limit: Depth = %d, want 2", sh.Depth)
	}
}

func TestMeasureControl(t *testing.T) {
	tests := []struct {
		doc  string
		want int
	}{
		{"a = \"x\x1by\"\n", 6},
		{"a = 1 # \x07\n", 8},
		{"a = 1\r\nb = 2\r\n", -1},
		{"a = 1\rb = 2\n", 5},
		{"a = \"\x7f\"", 5},
		{"a = \"\t\"\n", -1},
		{"a = 1\r", 5},
	}
	for _, tt := range tests {
		if got := Measure([]byte(tt.doc), 0).Control; got != tt.want {
			t.Errorf("Measure(%q).Control = %d, want %d", tt.doc, got, tt.want)
		}
	}
}

func FuzzMeasure(f *testing.F) {
	for _, tt := range shapeTests {
		f.Add([]byte(tt.doc), 2)
	}
	for _, tt := range scanTests {
		f.Add([]byte(tt.doc), 1)
	}
	f.Add([]byte(benchDoc), 3)
	badFiles(f, func(name string, data []byte) { f.Add(data, 32) })
	f.Fuzz(func(t *testing.T, text []byte, limit int) {
		limit = max(1, limit%40)
		done := make(chan [2]Shape, 1)
		go func() { done <- [2]Shape{Measure(text, 0), Measure(text, limit)} }()
		var sh [2]Shape
		select {
		case sh = <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Measure did not return")
		}
		full, limited := sh[0], sh[1]
		if full.Control != limited.Control || full.Control >= len(text) {
			t.Errorf("Control = %d and %d in %d bytes", full.Control, limited.Control, len(text))
		}
		// The limit only stops the count early: the text is over it
		// exactly when its full depth is.
		if (full.Depth > limit) != (limited.Depth > limit) {
			t.Errorf("full depth %d, limited depth %d, limit %d", full.Depth, limited.Depth, limit)
		}
		if limited.Depth > limit {
			if s := limited.DeepAt; s.Start < 0 || s.Start >= s.End || s.End > len(text) {
				t.Errorf("DeepAt %v outside the text of %d bytes", s, len(text))
			}
		} else if limited != full {
			t.Errorf("under the limit: %+v, without a limit: %+v", limited, full)
		}
	})
}
