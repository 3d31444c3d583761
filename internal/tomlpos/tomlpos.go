// Package tomlpos locates keys and values in TOML text.
//
// The TOML decoder used by ladder reports positions only for syntax errors.
// Validation that happens after decoding (an unknown key, a bad reference
// inside an array, a value of the wrong type) needs to point at the exact
// place in the source, so this package scans TOML text once and records the
// byte offsets of every key and every value, addressed by a key path.
//
// A key path joins keys with "."; an element of an array, whether an array
// value or an array of tables, is addressed by appending "[i]" with no dot.
// Keys that are not bare keys (letters, digits, "_" and "-") are written
// double-quoted as by [strconv.Quote], using the unescaped key. For example:
//
//	title = "x"                   # title
//	tags = ["a", "b"]             # tags, tags[0], tags[1]
//	[pay]                         # pay
//	min = 1                       # pay.min
//	design = { level = 2 }        # pay.design, pay.design.level
//	a.b = 2                       # pay.a, pay.a.b
//	"odd key" = 1                 # pay."odd key"
//	[[intakes]]                   # intakes, intakes[0]
//	start = 2026-01-01            # intakes[0].start
//
// The scanner is lenient: it is meant for text that a TOML decoder has
// already accepted, and on any other input it never panics and always
// terminates, but the positions it reports are then only best effort.
package tomlpos

import (
	"bytes"
	"fmt"
	"strconv"
	"sync"
	"unicode/utf8"
)

// Span is a byte range [Start, End) in the scanned text.
type Span struct{ Start, End int }

// Entry is where one key path was found: the key's span (for tables, the
// header's key span) and its value's span (for a table header, the whole
// header `[a.b]`; for an inline table or array, from the opening bracket to
// the closing one, inclusive).
//
// The span of a quoted key, and of a string value, includes its quotes.
//
// A key split by dots (a.b.c = 1) creates an entry for each of its prefixes
// whose Key is that part of the key and whose Value is the final value; a
// table header [a.b.c] likewise creates entries for a and a.b whose Value is
// the header. Such an implied entry gives way to an earlier entry of the same
// path and to the table's own header, wherever it is. The elements of an
// array value have the Key of the array's key; the element of an array of
// tables, and the array itself, have the Key of the header's last key, and
// the array's entry is its first header.
type Entry struct {
	Key   Span
	Value Span
}

// Index maps key paths to their Entry.
type Index map[string]Entry

// Scan returns the Index of text.
//
// Scan makes a single pass over text. It accepts a leading UTF-8 byte order
// mark and both LF and CRLF line endings. On text that is not valid TOML it still returns,
// with every span inside text, but the result is unspecified.
func Scan(text []byte) Index {
	s := scannerPool.Get().(*scanner)
	s.reset(text)
	s.document()
	ix := s.index()
	s.text = nil
	if cap(s.arena) <= maxPooledBytes && cap(s.recs) <= maxPooledBytes/16 {
		scannerPool.Put(s)
	}
	return ix
}

// Lookup returns the entry of path, and of its nearest located ancestor when
// path itself is absent, and whether path itself was found.
//
// An ancestor is found by removing trailing "[i]" and ".key" segments from
// path, one at a time, until a located path remains. When none does, Lookup
// returns the zero Entry and false.
func (ix Index) Lookup(path string) (Entry, bool) {
	if e, ok := ix[path]; ok {
		return e, true
	}
	var buf [16]int
	ends := segmentEnds(path, buf[:0])
	for k := len(ends) - 2; k >= 0; k-- {
		if e, ok := ix[path[:ends[k]]]; ok {
			return e, false
		}
	}
	return Entry{}, false
}

// segmentEnds appends to ends the offset just past each segment of path.
func segmentEnds(path string, ends []int) []int {
	i := 0
	for i < len(path) {
		switch path[i] {
		case '.':
			i++
			continue
		case '[':
			if j := indexByteString(path[i:], ']'); j >= 0 {
				i += j + 1
			} else {
				i = len(path)
			}
		case '"':
			i++
			for i < len(path) {
				c := path[i]
				i++
				if c == '\\' {
					i++
				} else if c == '"' {
					break
				}
			}
			i = min(i, len(path))
		default:
			for i < len(path) && path[i] != '.' && path[i] != '[' {
				i++
			}
		}
		ends = append(ends, i)
	}
	return ends
}

func indexByteString(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// Join builds a key path from parts, quoting parts that are not bare keys; an
// int part becomes "[i]".
//
// Every integer type is treated as an int; a string is a key; any other part
// is formatted with [fmt.Sprint] and used as a key.
func Join(parts ...any) string {
	var b []byte
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			b = appendKey(b, v)
		case int:
			b = appendIndex(b, int64(v))
		case int8:
			b = appendIndex(b, int64(v))
		case int16:
			b = appendIndex(b, int64(v))
		case int32:
			b = appendIndex(b, int64(v))
		case int64:
			b = appendIndex(b, v)
		case uint:
			b = appendUindex(b, uint64(v))
		case uint8:
			b = appendUindex(b, uint64(v))
		case uint16:
			b = appendUindex(b, uint64(v))
		case uint32:
			b = appendUindex(b, uint64(v))
		case uint64:
			b = appendUindex(b, v)
		case uintptr:
			b = appendUindex(b, uint64(v))
		default:
			b = appendKey(b, fmt.Sprint(v))
		}
	}
	return string(b)
}

func appendIndex(b []byte, i int64) []byte {
	b = append(b, '[')
	b = strconv.AppendInt(b, i, 10)
	return append(b, ']')
}

func appendUindex(b []byte, i uint64) []byte {
	b = append(b, '[')
	b = strconv.AppendUint(b, i, 10)
	return append(b, ']')
}

// appendKey appends key k to the path b, preceded by a dot unless b is empty.
func appendKey[S ~string | ~[]byte](b []byte, k S) []byte {
	if len(b) > 0 {
		b = append(b, '.')
	}
	if isBare(k) {
		return append(b, k...)
	}
	return strconv.AppendQuote(b, string(k))
}

// isBare reports whether k is a non-empty bare key.
func isBare[S ~string | ~[]byte](k S) bool {
	if len(k) == 0 {
		return false
	}
	for i := 0; i < len(k); i++ {
		if !bareChar[k[i]] {
			return false
		}
	}
	return true
}

var (
	bareChar [256]bool // bytes of a bare key
	stopChar [256]bool // bytes that end a number, boolean or date-time
)

func init() {
	for c := 'A'; c <= 'Z'; c++ {
		bareChar[c] = true
		bareChar[c+'a'-'A'] = true
	}
	for c := '0'; c <= '9'; c++ {
		bareChar[c] = true
	}
	bareChar['_'] = true
	bareChar['-'] = true
	for _, c := range []byte(" \t\r\n,[]{}#\"'=") {
		stopChar[c] = true
	}
}

const (
	// maxDepth bounds the nesting of arrays and inline tables that are
	// indexed; deeper values are skipped without recursion.
	maxDepth = 512
	// maxPooledBytes bounds the buffers kept for reuse between scans.
	maxPooledBytes = 1 << 20
)

var scannerPool = sync.Pool{New: func() any { return new(scanner) }}

// part is one key of a dotted key being scanned.
type part struct {
	key     Span
	pathLen int // length of scanner.path just after this key, before any "[i]"
}

// record is one entry to store, in the order found: path is
// arena[start:end]; when !always, an earlier entry of the same path is kept.
type record struct {
	start, end int
	entry      Entry
	always     bool
}

type scanner struct {
	text    []byte
	pos     int
	depth   int
	path    []byte // key path being built
	table   []byte // key path of the current table header
	parts   []part // keys of the dotted keys being scanned (a stack)
	scratch []byte // an unescaped quoted key
	arena   []byte // paths of recs
	recs    []record
	aot     map[string]*int // number of headers of each array of tables
}

func (s *scanner) reset(text []byte) {
	s.text = text
	s.pos = 0
	s.depth = 0
	s.path = s.path[:0]
	s.table = s.table[:0]
	s.parts = s.parts[:0]
	s.arena = s.arena[:0]
	s.recs = s.recs[:0]
	s.aot = nil
}

func (s *scanner) record(path []byte, e Entry, always bool) {
	start := len(s.arena)
	s.arena = append(s.arena, path...)
	s.recs = append(s.recs, record{start, len(s.arena), e, always})
}

// index builds the Index of the records, with all paths in one string.
func (s *scanner) index() Index {
	all := string(s.arena)
	ix := make(Index, len(s.recs))
	for i := range s.recs {
		r := &s.recs[i]
		k := all[r.start:r.end]
		if !r.always {
			if _, ok := ix[k]; ok {
				continue
			}
		}
		ix[k] = r.entry
	}
	return ix
}

// document scans the whole text.
func (s *scanner) document() {
	t := s.text
	if len(t) >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF {
		s.pos = 3
	}
	for {
		s.skipBlank()
		if s.pos >= len(t) {
			return
		}
		if t[s.pos] == '[' {
			s.header()
		} else {
			s.path = append(s.path[:0], s.table...)
			if !s.keyValue() {
				s.pos++
			}
		}
		s.endLine()
	}
}

// endLine skips the rest of the line, up to but excluding its newline.
func (s *scanner) endLine() {
	if j := bytes.IndexByte(s.text[s.pos:], '\n'); j >= 0 {
		s.pos += j
	} else {
		s.pos = len(s.text)
	}
}

// skipSpace skips spaces and tabs.
func (s *scanner) skipSpace() {
	t := s.text
	for s.pos < len(t) && (t[s.pos] == ' ' || t[s.pos] == '\t') {
		s.pos++
	}
}

// skipBlank skips whitespace, newlines and comments.
func (s *scanner) skipBlank() {
	t := s.text
	for s.pos < len(t) {
		switch t[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		case '#':
			s.endLine()
		default:
			return
		}
	}
}

// header scans a table header [a.b] or an array of tables header [[a.b]].
func (s *scanner) header() {
	t := s.text
	start := s.pos
	s.pos++
	array := s.pos < len(t) && t[s.pos] == '['
	if array {
		s.pos++
	}
	s.path = s.path[:0]
	p0 := len(s.parts)
	s.skipSpace()
	s.key(true)
	s.skipSpace()
	if s.pos < len(t) && t[s.pos] == ']' {
		s.pos++
		if array && s.pos < len(t) && t[s.pos] == ']' {
			s.pos++
		}
	}
	hdr := Span{start, s.pos}
	if n := len(s.parts); n > p0 {
		for _, p := range s.parts[p0 : n-1] {
			s.record(s.path[:p.pathLen], Entry{p.key, hdr}, false)
		}
		last := s.parts[n-1].key
		if array {
			s.record(s.path, Entry{last, hdr}, false)
			if s.aot == nil {
				s.aot = make(map[string]*int)
			}
			c := s.aot[string(s.path)]
			if c == nil {
				c = new(int)
				s.aot[string(s.path)] = c
			}
			s.path = appendIndex(s.path, int64(*c))
			*c++
		}
		s.record(s.path, Entry{last, hdr}, true)
	}
	s.parts = s.parts[:p0]
	s.table = append(s.table[:0], s.path...)
}

// keyValue scans a key/value pair, whose path is appended to s.path, and
// records it. It reports whether there was a key.
func (s *scanner) keyValue() bool {
	base := len(s.path)
	p0 := len(s.parts)
	if !s.key(false) {
		s.path = s.path[:base]
		return false
	}
	s.skipSpace()
	var v Span
	if s.pos < len(s.text) && s.text[s.pos] == '=' {
		s.pos++
		s.skipSpace()
		v = s.value(s.parts[len(s.parts)-1].key)
	} else {
		v = Span{s.pos, s.pos}
	}
	n := len(s.parts)
	for i := p0; i < n; i++ {
		p := s.parts[i]
		s.record(s.path[:p.pathLen], Entry{p.key, v}, i == n-1)
	}
	s.parts = s.parts[:p0]
	s.path = s.path[:base]
	return true
}

// key scans a possibly dotted key, appending its path to s.path and its
// parts to s.parts. In a header, a key naming an array of tables is followed
// by the index of its last element. key reports whether there was a key.
func (s *scanner) key(header bool) bool {
	t := s.text
	found := false
	for {
		start := s.pos
		if !s.keyPart() {
			return found
		}
		found = true
		s.parts = append(s.parts, part{Span{start, s.pos}, len(s.path)})
		s.skipSpace()
		if s.pos >= len(t) || t[s.pos] != '.' {
			return true
		}
		s.pos++
		s.skipSpace()
		if header && s.aot != nil {
			if c := s.aot[string(s.path)]; c != nil && *c > 0 {
				s.path = appendIndex(s.path, int64(*c-1))
			}
		}
	}
}

// keyPart scans one bare or quoted key and appends it to s.path.
func (s *scanner) keyPart() bool {
	t := s.text
	if s.pos >= len(t) {
		return false
	}
	start := s.pos
	switch c := t[s.pos]; {
	case bareChar[c]:
		s.pos++
		for s.pos < len(t) && bareChar[t[s.pos]] {
			s.pos++
		}
		s.path = appendKey(s.path, t[start:s.pos])
	case c == '\'':
		s.pos++
		for s.pos < len(t) && t[s.pos] != '\'' && t[s.pos] != '\n' {
			s.pos++
		}
		name := t[start+1 : s.pos]
		if s.pos < len(t) && t[s.pos] == '\'' {
			s.pos++
		}
		s.path = appendKey(s.path, name)
	case c == '"':
		s.path = appendKey(s.path, s.quotedKey())
	default:
		return false
	}
	return true
}

// quotedKey scans a basic string key and returns it unescaped.
func (s *scanner) quotedKey() []byte {
	t := s.text
	b := s.scratch[:0]
	s.pos++
	for s.pos < len(t) {
		c := t[s.pos]
		if c == '"' {
			s.pos++
			break
		}
		if c == '\n' {
			break
		}
		if c != '\\' || s.pos+1 >= len(t) {
			b = append(b, c)
			s.pos++
			continue
		}
		s.pos += 2
		switch e := t[s.pos-1]; e {
		case 'b':
			b = append(b, '\b')
		case 't':
			b = append(b, '\t')
		case 'n':
			b = append(b, '\n')
		case 'f':
			b = append(b, '\f')
		case 'r':
			b = append(b, '\r')
		case 'e':
			b = append(b, 0x1B)
		case 'x':
			b = s.appendHex(b, e, 2)
		case 'u':
			b = s.appendHex(b, e, 4)
		case 'U':
			b = s.appendHex(b, e, 8)
		default: // '"', '\\' and anything invalid
			b = append(b, e)
		}
	}
	s.scratch = b
	return b
}

// appendHex appends the character of the n hexadecimal digits at s.pos,
// which follow the escape \e, or the escape itself if they are not there.
func (s *scanner) appendHex(b []byte, e byte, n int) []byte {
	t := s.text
	if s.pos+n > len(t) {
		return append(b, '\\', e)
	}
	var r rune
	for _, c := range t[s.pos : s.pos+n] {
		switch {
		case '0' <= c && c <= '9':
			r = r<<4 | rune(c-'0')
		case 'a' <= c && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case 'A' <= c && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return append(b, '\\', e)
		}
	}
	s.pos += n
	return utf8.AppendRune(b, r)
}

// value scans the value at s.pos, recording what it contains, and returns
// its span. key is the key that the value and its elements belong to.
func (s *scanner) value(key Span) Span {
	t := s.text
	start := s.pos
	if s.pos >= len(t) {
		return Span{start, start}
	}
	switch t[s.pos] {
	case '"':
		s.skipString('"')
	case '\'':
		s.skipString('\'')
	case '[':
		if s.depth >= maxDepth {
			s.skipNested()
		} else {
			s.depth++
			s.array(key)
			s.depth--
		}
	case '{':
		if s.depth >= maxDepth {
			s.skipNested()
		} else {
			s.depth++
			s.inlineTable(key)
			s.depth--
		}
	default:
		s.scalar()
	}
	return Span{start, s.pos}
}

// skipString skips the string at s.pos, single-line or multi-line: a basic
// string when q is a double quote, a literal string when q is a single quote.
func (s *scanner) skipString(q byte) {
	t := s.text
	n := len(t)
	if s.pos+2 < n && t[s.pos+1] == q && t[s.pos+2] == q {
		s.pos += 3
		for s.pos < n {
			c := t[s.pos]
			if c == '\\' && q == '"' {
				s.pos += 2
				continue
			}
			if c == q && s.pos+2 < n && t[s.pos+1] == q && t[s.pos+2] == q {
				// The closing delimiter is the last three quotes of the
				// run: up to two quotes may precede it.
				s.pos += 3
				for s.pos < n && t[s.pos] == q {
					s.pos++
				}
				return
			}
			s.pos++
		}
		s.pos = n
		return
	}
	s.pos++
	for s.pos < n {
		c := t[s.pos]
		switch {
		case c == q:
			s.pos++
			return
		case c == '\n':
			return
		case c == '\\' && q == '"' && s.pos+1 < n && t[s.pos+1] != '\n':
			s.pos += 2
		default:
			s.pos++
		}
	}
	s.pos = n
}

// scalar skips a number, boolean or date-time, including a date-time whose
// date and time are separated by a space.
func (s *scanner) scalar() {
	t := s.text
	start := s.pos
	for s.pos < len(t) && !stopChar[t[s.pos]] {
		s.pos++
	}
	p := s.pos
	if p-start == 10 && t[start+4] == '-' && t[start+7] == '-' &&
		p+3 < len(t) && t[p] == ' ' && isDigit(t[p+1]) && isDigit(t[p+2]) && t[p+3] == ':' {
		s.pos = p + 1
		for s.pos < len(t) && !stopChar[t[s.pos]] {
			s.pos++
		}
	}
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// array scans an array value and records its elements.
func (s *scanner) array(key Span) {
	t := s.text
	s.pos++
	base := len(s.path)
	i := int64(0)
	for {
		s.skipBlank()
		if s.pos >= len(t) {
			return
		}
		switch t[s.pos] {
		case ']':
			s.pos++
			return
		case ',':
			s.pos++
			continue
		}
		s.path = appendIndex(s.path, i)
		v := s.value(key)
		if v.End == v.Start {
			s.pos++ // not a value
		} else {
			s.record(s.path, Entry{key, v}, true)
			i++
		}
		s.path = s.path[:base]
	}
}

// inlineTable scans an inline table and records its keys and values.
func (s *scanner) inlineTable(key Span) {
	t := s.text
	s.pos++
	for {
		s.skipBlank()
		if s.pos >= len(t) {
			return
		}
		switch t[s.pos] {
		case '}':
			s.pos++
			return
		case ',':
			s.pos++
			continue
		}
		if !s.keyValue() {
			s.pos++ // not a key
		}
	}
}

// skipNested skips the array or inline table at s.pos without recursion.
func (s *scanner) skipNested() {
	t := s.text
	open := 0
	for s.pos < len(t) {
		switch t[s.pos] {
		case '[', '{':
			open++
		case ']', '}':
			open--
			if open == 0 {
				s.pos++
				return
			}
		case '"', '\'':
			s.skipString(t[s.pos])
			continue
		case '#':
			s.endLine()
			continue
		}
		s.pos++
	}
}
