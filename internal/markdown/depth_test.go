package markdown

import (
	"strings"
	"testing"
	"time"
)

var depthTests = []struct {
	name  string
	text  string
	depth int
}{
	{"empty", "", 0},
	{"paragraphs", "Some text.\n\nMore text.\n", 0},
	{"a list", "- a\n- b\n", 1},
	{"a nested list", "- a\n  - b\n    - c\n", 3},
	{"ordered lists", "1. a\n   1) b\n", 2},
	{"quotes", "> a\n> > b\n>>> c\n", 3},
	{"quotes and lists", "> - > - x\n", 4},
	{"a tab", "- a\n\t- b\n", 3},
	{"not markers", "-a\n*emphasis*\n1.5 litres\n+1\n", 0},
	{"a thematic break", "---\n", 0},
	{"fenced code is passed over", "```\n" + strings.Repeat("> ", 50) + "\n```\n- a\n", 1},
	{"a longer fence", "````\n```\n> > >\n````\n", 0},
	{"a tilde fence in a list", "- a\n  ~~~\n  > > > > > > > > > >\n  ~~~\n", 1},
	{"an unclosed fence", "```go\n> > > >\n", 0},
	{"crlf", "- a\r\n  - b\r\n", 2},
}

func TestDepth(t *testing.T) {
	for _, tt := range depthTests {
		t.Run(tt.name, func(t *testing.T) {
			if d, at := Depth([]byte(tt.text), 0); d != tt.depth || at != -1 {
				t.Errorf("Depth(%q) = %d, %d; want %d, -1", tt.text, d, at, tt.depth)
			}
		})
	}
}

func TestDepthLimit(t *testing.T) {
	var list strings.Builder
	for i := range 2000 {
		list.WriteString(strings.Repeat("  ", i) + "- x\n")
	}
	tests := []struct {
		name string
		text string
		at   int
	}{
		{"quotes", strings.Repeat(">", 10000) + " x\n", 0},
		{"a nested list", list.String(), 0}, // computed below
		{"quotes in a list", "intro\n\n  " + strings.Repeat("> - ", 40) + "x\n", 9},
	}
	// The 33rd line of the nested list is the first deeper than 32: it
	// is indented 64 columns and has one marker.
	for i := range 32 {
		tests[1].at += 2*i + len("- x\n")
	}
	tests[1].at += 64
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			d, at := Depth([]byte(tt.text), 32)
			if time.Since(start) > time.Second {
				t.Errorf("Depth took %v", time.Since(start))
			}
			if d != 33 || at != tt.at {
				t.Errorf("Depth = %d, %d; want 33, %d", d, at, tt.at)
			}
		})
	}
}

func FuzzDepth(f *testing.F) {
	for _, tt := range depthTests {
		f.Add([]byte(tt.text), 2)
	}
	badFiles(f, func(name string, data []byte) { f.Add(data, 32) })
	f.Fuzz(func(t *testing.T, text []byte, limit int) {
		limit = max(1, limit%40)
		full, fullAt := Depth(text, 0)
		d, at := Depth(text, limit)
		if fullAt != -1 {
			t.Fatalf("without a limit, at = %d", fullAt)
		}
		if (full > limit) != (d > limit) {
			t.Errorf("full depth %d, limited %d, limit %d", full, d, limit)
		}
		if d > limit && (at < 0 || at >= len(text)) {
			t.Errorf("at = %d outside %d bytes", at, len(text))
		}
		if d <= limit && (d != full || at != -1) {
			t.Errorf("under the limit: %d, %d; without a limit %d", d, at, full)
		}
	})
}
