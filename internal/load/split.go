package load

import (
	"bytes"
)

// frontMatter is a content file cut into its TOML front matter and body,
// as byte ranges of the file so that positions stay the file's own.
type frontMatter struct {
	tomlStart, tomlEnd int // the TOML between the +++ lines
	bodyStart          int // first byte after the closing +++ line
	open               bool
}

// splitError is a front-matter problem at a byte offset of the file.
type splitError struct {
	start, end int
	msg, hint  string
}

// split finds the front matter of a markdown file: a first line "+++" and a
// closing line "+++" (trailing spaces and a CR allowed). A file that does not
// begin with "+++" has no front matter and is all body. A UTF-8 byte order
// mark before the opening line is skipped.
func split(text []byte) (frontMatter, *splitError) {
	start := 0
	if bytes.HasPrefix(text, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	first, next := lineAt(text, start)
	if !isDelim(first) {
		if bytes.HasPrefix(bytes.TrimSpace(first), []byte("---")) {
			return frontMatter{bodyStart: start}, &splitError{start: start, end: start + 3,
				msg:  "front matter must be TOML between +++ lines",
				hint: `replace the "---" lines with "+++" and write the keys as TOML (key = "value")`}
		}
		return frontMatter{bodyStart: start}, nil
	}
	fm := frontMatter{tomlStart: next, open: true}
	for pos := next; pos < len(text); {
		line, after := lineAt(text, pos)
		if isDelim(line) {
			fm.tomlEnd = pos
			fm.bodyStart = after
			return fm, nil
		}
		pos = after
	}
	return frontMatter{bodyStart: len(text)}, &splitError{start: start, end: start + 3,
		msg:  "front matter is not closed",
		hint: `add a line "+++" after the last key`}
}

// lineAt returns the line starting at pos without its line ending, and the
// offset of the next line.
func lineAt(text []byte, pos int) ([]byte, int) {
	i := bytes.IndexByte(text[pos:], '\n')
	if i < 0 {
		return text[pos:], len(text)
	}
	return text[pos : pos+i], pos + i + 1
}

// isDelim reports whether a line is the "+++" delimiter.
func isDelim(line []byte) bool {
	return string(bytes.TrimRight(line, " \t\r")) == "+++"
}

// blankExcept returns a copy of text with every byte outside [from, len)
// replaced by a space, except newlines, so that a markdown parser given the
// copy reports the file's own offsets.
func blankExcept(text []byte, from int) []byte {
	out := make([]byte, len(text))
	for i := 0; i < from && i < len(text); i++ {
		if text[i] == '\n' {
			out[i] = '\n'
		} else {
			out[i] = ' '
		}
	}
	if from < len(text) {
		copy(out[from:], text[from:])
	}
	return out
}
