package diag

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// LineIndex turns byte offsets in one file into positions. It is built once
// per file and is safe for concurrent use.
type LineIndex struct {
	file  string
	text  []byte
	lines []int // offset of the first byte of each line
}

// NewLineIndex indexes text, the content of file.
func NewLineIndex(file string, text []byte) *LineIndex {
	lines := make([]int, 1, 64)
	for i, c := range text {
		if c == '\n' {
			lines = append(lines, i+1)
		}
	}
	return &LineIndex{file: file, text: text, lines: lines}
}

// File returns the file's slash path.
func (x *LineIndex) File() string { return x.file }

// Text returns the file's content.
func (x *LineIndex) Text() []byte { return x.text }

// Pos returns the position of the byte range [start, end). The range is
// clipped to the file and to the line it starts on.
func (x *LineIndex) Pos(start, end int) Pos {
	if x == nil {
		return Pos{}
	}
	start = max(0, min(start, len(x.text)))
	end = max(start, min(end, len(x.text)))
	line := sort.Search(len(x.lines), func(i int) bool { return x.lines[i] > start }) - 1
	lineEnd := len(x.text)
	if line+1 < len(x.lines) {
		lineEnd = x.lines[line+1] - 1
	}
	end = min(end, lineEnd)
	return Pos{File: x.file, Line: line + 1, Col: start - x.lines[line] + 1, Len: end - start}
}

// Line returns the text of line n (1-based) without its line ending, or ""
// when the file has no such line. Each byte that is not valid UTF-8 is
// replaced by U+FFFD, so that the text can be printed or put in JSON.
func (x *LineIndex) Line(n int) string {
	raw, ok := x.lineBytes(n)
	if !ok {
		return ""
	}
	if utf8.Valid(raw) {
		return string(raw)
	}
	var b strings.Builder
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		b.WriteRune(r) // utf8.RuneError for an invalid byte
		i += size
	}
	return b.String()
}

// lineBytes returns the bytes of line n (1-based) without its line ending.
func (x *LineIndex) lineBytes(n int) ([]byte, bool) {
	if x == nil || n < 1 || n > len(x.lines) {
		return nil, false
	}
	start := x.lines[n-1]
	end := len(x.text)
	if n < len(x.lines) {
		end = x.lines[n] - 1
	}
	s := x.text[start:end]
	if len(s) > 0 && s[len(s)-1] == '\r' {
		s = s[:len(s)-1]
	}
	return s, true
}
