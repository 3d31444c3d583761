package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

func TestSuggest(t *testing.T) {
	courses := []string{"linux", "secure-coding", "system-design-fundamentals", "cloud-fundamentals"}
	levels := []string{"cloud-support/associate", "software/sde-1", "software/sde-2", "software/sde-3"}
	tests := []struct {
		name       string
		candidates []string
		want       string
	}{
		{"secure-codng", courses, "secure-coding"},       // deletion
		{"secure-cdoing", courses, "secure-coding"},      // transposition
		{"secure-coding-", courses, "secure-coding"},     // insertion
		{"secure-c0ding", courses, "secure-coding"},      // substitution
		{"lniux", courses, "linux"},                      // transposition, short name
		{"Linux", courses, "linux"},                      // case only
		{"SECURE-CODING", courses, "secure-coding"},      // case only, long
		{"linux", courses, ""},                           // itself: nothing to suggest
		{"cooking", courses, ""},                         // nothing close
		{"", courses, ""},                                // empty name
		{"lin", courses, ""},                             // too short to be a typo of linux
		{"sde-2", levels, "software/sde-2"},              // a level without its track
		{"associate", levels, "cloud-support/associate"}, // the same, another track
		{"software/sde-4", levels, "software/sde-1"},     // ties go to the first candidate
		{"software/sed-2", levels, "software/sde-2"},     // transposition in a full id
		{"cloud-fundamental", courses, "cloud-fundamentals"},
		{"x", []string{"y"}, "y"},  // one edit is always allowed
		{"xy", []string{"ab"}, ""}, // two edits in two characters are not
		{"secure-coding", nil, ""}, // no candidates
	}
	for _, tt := range tests {
		if got := Suggest(tt.name, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"abc", "abc", 0},
		{"abc", "acb", 1},
		{"abcd", "badc", 2},
		{"kitten", "sitting", 3},
		{"ca", "abc", 3}, // optimal string alignment, not full Damerau
	}
	for _, tt := range tests {
		if got := editDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestLineIndexPos(t *testing.T) {
	text := []byte("ab\ncdé\n\nlast")
	x := NewLineIndex("f.md", text)
	tests := []struct {
		start, end int
		want       Pos
	}{
		{0, 0, Pos{"f.md", 1, 1, 0}},
		{0, 2, Pos{"f.md", 1, 1, 2}},
		{1, 2, Pos{"f.md", 1, 2, 1}},
		{2, 3, Pos{"f.md", 1, 3, 0}},   // the newline: the span stops at the end of the line
		{0, 8, Pos{"f.md", 1, 1, 2}},   // a span is clipped to the line it starts on
		{3, 4, Pos{"f.md", 2, 1, 1}},   // first byte of line 2
		{5, 7, Pos{"f.md", 2, 3, 2}},   // é is two bytes; columns count bytes
		{8, 8, Pos{"f.md", 3, 1, 0}},   // an empty line
		{9, 13, Pos{"f.md", 4, 1, 4}},  // the last line has no newline
		{13, 13, Pos{"f.md", 4, 5, 0}}, // end of file
		{-5, 1, Pos{"f.md", 1, 1, 1}},  // clipped to the file
		{20, 30, Pos{"f.md", 4, 5, 0}}, // clipped to the file
		{4, 2, Pos{"f.md", 2, 2, 0}},   // end before start
	}
	for _, tt := range tests {
		if got := x.Pos(tt.start, tt.end); got != tt.want {
			t.Errorf("Pos(%d, %d) = %+v, want %+v", tt.start, tt.end, got, tt.want)
		}
	}
	var nilIndex *LineIndex
	if got := nilIndex.Pos(1, 2); got != (Pos{}) {
		t.Errorf("nil index: Pos = %+v, want the zero Pos", got)
	}
	empty := NewLineIndex("e.md", nil)
	if got := empty.Pos(0, 5); got != (Pos{"e.md", 1, 1, 0}) {
		t.Errorf("empty file: Pos = %+v", got)
	}
}

func TestLineIndexLine(t *testing.T) {
	x := NewLineIndex("f.md", []byte("one\r\ntwo\n\nbad \xff byte\nlast"))
	tests := []struct {
		n    int
		want string
	}{
		{0, ""},
		{1, "one"}, // CR dropped
		{2, "two"},
		{3, ""},
		{4, "bad \uFFFD byte"},
		{5, "last"},
		{6, ""},
	}
	for _, tt := range tests {
		if got := x.Line(tt.n); got != tt.want {
			t.Errorf("Line(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

func TestPosString(t *testing.T) {
	tests := []struct {
		p    Pos
		want string
	}{
		{Pos{}, ""},
		{Pos{File: "site.toml"}, "site.toml"},
		{Pos{File: "a.md", Line: 3, Col: 7, Len: 2}, "a.md:3:7"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("%+v.String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}

// TestFormat checks the clang-style printer: the caret sits under the exact
// bytes of the span, whatever tabs and multi-byte characters come before it.
func TestFormat(t *testing.T) {
	src := func(text string) Sources {
		x := NewLineIndex("f.md", []byte(text))
		return func(file string) *LineIndex {
			if file == "f.md" {
				return x
			}
			return nil
		}
	}
	tests := []struct {
		name string
		text string
		d    Diagnostic
		want string
	}{{
		name: "span",
		text: "required_courses = [\"secure-codng\"]\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 21, 14}, Msg: `unknown course "secure-codng"`, Hint: `did you mean "secure-coding"?`},
		want: `f.md:1:21: error: unknown course "secure-codng"
    1 | required_courses = ["secure-codng"]
      |                     ^^^^^^^^^^^^^^
  hint: did you mean "secure-coding"?
`,
	}, {
		name: "point",
		text: "a\nrank = x\n",
		d:    Diagnostic{Pos: Pos{"f.md", 2, 8, 0}, Severity: Warning, Msg: "m"},
		want: `f.md:2:8: warning: m
    2 | rank = x
      |        ^
`,
	}, {
		name: "tabs",
		text: "\t\tcost = \"free\"\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 10, 6}, Msg: "m"},
		want: `f.md:1:10: error: m
    1 |   cost = "free"
      |          ^^^^^^
`,
	}, {
		name: "multi-byte characters before and inside the span",
		text: "title = \"Café\" # é\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 9, 7}, Msg: "m"},
		want: `f.md:1:9: error: m
    1 | title = "Café" # é
      |         ^^^^^^
`,
	}, {
		name: "after the multi-byte character",
		text: "a = \"é\" b\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 10, 1}, Msg: "m"},
		want: `f.md:1:10: error: m
    1 | a = "é" b
      |         ^
`,
	}, {
		name: "invalid byte",
		text: "Caf\xe9 au lait\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 4, 1}, Msg: "file is not valid UTF-8"},
		want: "f.md:1:4: error: file is not valid UTF-8\n    1 | Caf\\xe9 au lait\n      |    ^^^^\n",
	}, {
		name: "a control character takes the columns of its escape",
		text: "title = \"Bad\x1b[31mRed\"\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 13, 1}, Msg: "control character U+001B in TOML"},
		want: `f.md:1:13: error: control character U+001B in TOML
    1 | title = "Bad\x1b[31mRed"
      |             ^^^^
`,
	}, {
		name: "after control characters",
		text: "a\x07\x7f = \u202e1\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 6, 4}, Msg: "m"},
		want: `f.md:1:6: error: m
    1 | a\x07\x7f = \u202e1
      |            ^^^^^^^
`,
	}, {
		name: "control characters in the file name, message and hint",
		text: "x\n",
		d:    Diagnostic{Pos: Pos{"e\x1b]0;pwned\x07.md", 1, 1, 1}, Msg: "unknown \x1b[2Jid", Hint: "h\u009b1m \xff"},
		want: `e\x1b]0;pwned\x07.md:1:1: error: unknown \x1b[2Jid
  hint: h\u009b1m \xff
`,
	}, {
		name: "a long line is cut around the caret",
		text: "x = " + strings.Repeat("{a = ", 100) + "1\n", // 505 columns
		d:    Diagnostic{Pos: Pos{"f.md", 1, 165, 1}, Msg: "m"},
		want: "f.md:1:165: error: m\n    1 | …" + strings.Repeat("a = {", 24) + "…\n      |                                         ^\n",
	}, {
		name: "a long line is cut at its start",
		text: strings.Repeat("a", 401) + "\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 2, 2}, Msg: "m"},
		want: "f.md:1:2: error: m\n    1 | " + strings.Repeat("a", 120) + "…\n      |  ^^\n",
	}, {
		name: "end of line",
		text: "summary = \"x\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 13, 1}, Msg: "m"},
		want: `f.md:1:13: error: m
    1 | summary = "x
      |             ^
`,
	}, {
		name: "span past the end of the line",
		text: "ab\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 2, 40}, Msg: "m"},
		want: `f.md:1:2: error: m
    1 | ab
      |  ^
`,
	}, {
		name: "column past the end of the line",
		text: "ab\n",
		d:    Diagnostic{Pos: Pos{"f.md", 1, 9, 1}, Msg: "m"},
		want: `f.md:1:9: error: m
    1 | ab
      |   ^
`,
	}, {
		name: "line past the end of the file",
		text: "ab\n",
		d:    Diagnostic{Pos: Pos{"f.md", 7, 1, 1}, Msg: "m"},
		want: "f.md:7:1: error: m\n",
	}, {
		name: "unknown file",
		text: "ab\n",
		d:    Diagnostic{Pos: Pos{"other.md", 1, 1, 1}, Msg: "m"},
		want: "other.md:1:1: error: m\n",
	}, {
		name: "no position",
		text: "",
		d:    Diagnostic{Msg: "m", Hint: "h"},
		want: "error: m\n  hint: h\n",
	}, {
		name: "file only",
		text: "",
		d:    Diagnostic{Pos: Pos{File: "f.md"}, Msg: "m"},
		want: "f.md: error: m\n",
	}, {
		name: "notes",
		text: "prerequisites = [\"b\"]\nx\n",
		d: Diagnostic{Pos: Pos{"f.md", 1, 18, 3}, Msg: "cycle", Hint: "h",
			Notes: []Diagnostic{{Pos: Pos{"f.md", 2, 1, 1}, Msg: "here"}}},
		want: `f.md:1:18: error: cycle
    1 | prerequisites = ["b"]
      |                  ^^^
  hint: h
f.md:2:1: note: here
    2 | x
      | ^
`,
	}, {
		name: "wide line numbers",
		text: strings.Repeat("\n", 123455) + "key = 1\n",
		d:    Diagnostic{Pos: Pos{"f.md", 123456, 1, 3}, Msg: "m"},
		want: `f.md:123456:1: error: m
123456 | key = 1
       | ^^^
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Format(tt.d, src(tt.text), TextOptions{}); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestFormatColor(t *testing.T) {
	d := Diagnostic{Pos: Pos{"f.md", 1, 1, 1}, Msg: "m"}
	x := NewLineIndex("f.md", []byte("a\n"))
	src := func(string) *LineIndex { return x }
	if got := Format(d, src, TextOptions{}); strings.Contains(got, "\x1b") {
		t.Errorf("escape codes without colour: %q", got)
	}
	if got := Format(d, src, TextOptions{Color: true}); !strings.Contains(got, "\x1b[1;31merror:\x1b[0m") {
		t.Errorf("no red error with colour: %q", got)
	}
}

func TestListSortAndErr(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list: Err() != nil")
	}
	l.Warn("test", Pos{"b.md", 1, 1, 0}, "", "w")
	if l.Err() != nil {
		t.Fatal("warnings only: Err() != nil")
	}
	l.Add("test", Pos{"b.md", 2, 1, 0}, "", "second %d", 2)
	l.Add("test", Pos{"a.md", 9, 1, 0}, "", "first")
	l.Add("test", Pos{"b.md", 1, 1, 0}, "", "same place")
	l.Add("test", Pos{"a.md", 9, 1, 0}, "", "first") // an exact duplicate
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.Error())
	}
	want := []string{
		"a.md:9:1: error: first",
		"b.md:1:1: error: same place",
		"b.md:1:1: warning: w",
		"b.md:2:1: error: second 2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sorted:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if l.Errors() != 3 || l.Warnings() != 1 {
		t.Errorf("Errors, Warnings = %d, %d; want 3, 1", l.Errors(), l.Warnings())
	}
	err := l.Err()
	if err == nil || err.Error() != "a.md:9:1: error: first (and 2 more errors)" {
		t.Errorf("Err() = %v", err)
	}
	back, ok := AsList(err)
	if !ok || len(back) != len(l) {
		t.Errorf("AsList: %v, %v", back, ok)
	}
	if Summary(l) != "3 errors, 1 warning" {
		t.Errorf("Summary = %q", Summary(l))
	}
	if Summary(List{{Severity: Error}}) != "1 error, 0 warnings" {
		t.Errorf("Summary of one error = %q", Summary(List{{Severity: Error}}))
	}
}

func TestWriteText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteText(&buf, nil, nil, TextOptions{}); err != nil || buf.Len() != 0 {
		t.Errorf("empty list printed %q, %v", buf.String(), err)
	}
	l := List{{Pos: Pos{"a.md", 1, 1, 0}, Msg: "m"}}
	if err := WriteText(&buf, l, nil, TextOptions{}); err != nil {
		t.Fatal(err)
	}
	if want := "a.md:1:1: error: m\n1 error, 0 warnings\n"; buf.String() != want {
		t.Errorf("got %q, want %q", buf.String(), want)
	}
}

// TestWriteJSON pins the JSON shape that tools read: a flat array, the
// position's fields at the top level, the source line, notes with severity
// "note", hint and notes left out when empty.
func TestWriteJSON(t *testing.T) {
	x := NewLineIndex("content/courses/a.md", []byte("+++\nprerequisites = [\"b\"]\n+++\n"))
	src := func(f string) *LineIndex {
		if f == x.File() {
			return x
		}
		return nil
	}
	l := List{
		{Pos: Pos{"content/courses/a.md", 2, 18, 3}, Msg: "course prerequisite cycle: a -> b -> a", Hint: "remove one",
			Notes: []Diagnostic{{Pos: Pos{"content/courses/a.md", 2, 18, 3}, Msg: `"a" requires "b"`}}},
		{Pos: Pos{"content/courses/a.md", 1, 1, 0}, Severity: Warning, Msg: "w"},
		{Pos: Pos{"gone.md", 3, 1, 0}, Msg: "unknown file"},
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, l, src); err != nil {
		t.Fatal(err)
	}
	want := `[
  {
    "file": "content/courses/a.md",
    "line": 2,
    "col": 18,
    "len": 3,
    "severity": "error",
    "message": "course prerequisite cycle: a -> b -> a",
    "hint": "remove one",
    "source": "prerequisites = [\"b\"]",
    "notes": [
      {
        "file": "content/courses/a.md",
        "line": 2,
        "col": 18,
        "len": 3,
        "severity": "note",
        "message": "\"a\" requires \"b\"",
        "source": "prerequisites = [\"b\"]"
      }
    ]
  },
  {
    "file": "content/courses/a.md",
    "line": 1,
    "col": 1,
    "len": 0,
    "severity": "warning",
    "message": "w",
    "source": "+++"
  },
  {
    "file": "gone.md",
    "line": 3,
    "col": 1,
    "len": 0,
    "severity": "error",
    "message": "unknown file"
  }
]
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	buf.Reset()
	if err := WriteJSON(&buf, nil, src); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty list: %q, %v", buf.String(), err)
	}
	var back []JSONDiagnostic
	if err := json.Unmarshal([]byte(want), &back); err != nil || len(back) != 3 {
		t.Errorf("round trip: %v, %d", err, len(back))
	}
}

// BenchmarkSuggestMany is the cost of "did you mean" hints on a site with
// many unknown ids: each name is compared with every candidate.
func BenchmarkSuggestMany(b *testing.B) {
	candidates := make([]string, 15000)
	for i := range candidates {
		candidates[i] = fmt.Sprintf("course-%05d-intro", i)
	}
	for b.Loop() {
		for i := range 100 {
			Suggest(fmt.Sprintf("cuorse-%05d-intor", i*7), candidates)
		}
	}
}
