package tomlpos

// Shape is what a cheap pass over TOML text finds before it is decoded:
// how deeply it nests, how many top-level arrays of tables it holds, and
// the first character TOML forbids.
//
// A decoder's time and memory can grow much faster than the text: an
// inline table nested ten thousand deep in 60 KB, or a table header with
// twenty thousand dotted keys, takes a general decoder gigabytes. Measure
// finds such text in one linear pass, without recursion and without
// allocating, so that it can be refused before a decoder sees it.
type Shape struct {
	// Depth is the deepest nesting found: the number of tables and arrays
	// around a value. In [a.b] x = {y = [1]}, the 1 is inside the tables
	// a, a.b and x and the array y: depth 4. A dotted key counts as the
	// tables it names (a.b.c = 1 is depth 2). When the text nests deeper
	// than the limit given to Measure, Depth is limit+1 and DeepAt is the
	// place where the limit is crossed (an opening bracket or a key).
	Depth  int
	DeepAt Span
	// Tables counts the headers of arrays of tables with a single key
	// ([[course]]), each of which begins one entry of a catalogue.
	Tables int
	// Containers counts the table headers, inline tables and arrays: a
	// decoder's memory grows with them (BurntSushi/toml takes about 2 KB
	// for each inline table), whatever their depth. It is exact only when
	// Depth is within the limit.
	Containers int
	// Control is the offset of the first control character outside what
	// TOML allows (tab, and a line ending of LF or CRLF), or -1. TOML
	// forbids them everywhere, inside strings and comments too.
	Control int
}

// IsControl reports whether c is a control character that TOML text may
// not hold (every one but tab, LF and CR, which is checked with what
// follows it).
func IsControl(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f
}

// Measure returns the Shape of text, stopping at the first place that
// nests deeper than limit (a limit of 0 or less means no limit). Like Scan
// it is lenient: on text that is not valid TOML it returns, with spans
// inside text, but counts are only best effort; the decoder reports the
// syntax error.
func Measure(text []byte, limit int) Shape {
	sh := Shape{Control: -1}
	for i, c := range text {
		if IsControl(c) || c == '\r' && (i+1 == len(text) || text[i+1] != '\n') {
			sh.Control = i
			break
		}
	}
	m := measurer{text: text, limit: limit, shape: &sh}
	m.run()
	return sh
}

// measurer is the state of one Measure.
type measurer struct {
	text  []byte
	pos   int
	limit int
	shape *Shape
	stack []frame // the open arrays and inline tables
	over  bool
}

// deeper records a container at depth d that begins at start; it reports
// false when d is over the limit.
func (m *measurer) deeper(d, start, end int) bool {
	if m.limit > 0 && d > m.limit {
		m.shape.Depth = m.limit + 1
		m.shape.DeepAt = Span{start, min(end, len(m.text))}
		m.over = true
		return false
	}
	m.shape.Depth = max(m.shape.Depth, d)
	return true
}

// skipBlank skips spaces, tabs, line endings and comments.
func (m *measurer) skipBlank() {
	t := m.text
	for m.pos < len(t) {
		switch t[m.pos] {
		case ' ', '\t', '\r', '\n':
			m.pos++
		case '#':
			for m.pos < len(t) && t[m.pos] != '\n' {
				m.pos++
			}
		default:
			return
		}
	}
}

// skipSpace skips spaces and tabs.
func (m *measurer) skipSpace() {
	for m.pos < len(m.text) && (m.text[m.pos] == ' ' || m.text[m.pos] == '\t') {
		m.pos++
	}
}

// skipLine skips to the start of the next line.
func (m *measurer) skipLine() {
	for m.pos < len(m.text) && m.text[m.pos] != '\n' {
		m.pos++
	}
}

// key skips a dotted key and returns the number of its parts, each of
// which is checked against the limit as depth base+1, base+2, ...; it
// returns 0 when there is no key at m.pos.
func (m *measurer) key(base int) int {
	t := m.text
	parts := 0
	for {
		m.skipSpace()
		if m.pos >= len(t) {
			return parts
		}
		start := m.pos
		switch c := t[m.pos]; {
		case c == '"' || c == '\'':
			m.skipString(c)
		case bareChar[c]:
			for m.pos < len(t) && bareChar[t[m.pos]] {
				m.pos++
			}
		default:
			return parts
		}
		parts++
		if !m.deeper(base+parts, start, m.pos) {
			return parts
		}
		m.skipSpace()
		if m.pos >= len(t) || t[m.pos] != '.' {
			return parts
		}
		m.pos++
	}
}

// skipString skips the string at m.pos (see scanner.skipString).
func (m *measurer) skipString(q byte) {
	s := scanner{text: m.text, pos: m.pos}
	s.skipString(q)
	m.pos = max(s.pos, m.pos+1)
}

// run measures the whole text, statement by statement.
func (m *measurer) run() {
	t := m.text
	if len(t) >= 3 && t[0] == 0xef && t[1] == 0xbb && t[2] == 0xbf {
		m.pos = 3
	}
	table := 0 // the depth of the current table
	for !m.over {
		m.skipBlank()
		if m.pos >= len(t) {
			return
		}
		if t[m.pos] == '[' {
			array := m.pos+1 < len(t) && t[m.pos+1] == '['
			m.pos++
			if array {
				m.pos++
			}
			table = m.key(0)
			m.shape.Containers++
			if array && table == 1 {
				m.shape.Tables++
			}
			m.skipLine()
			continue
		}
		before := m.pos
		parts := m.key(table - 1)
		if m.over {
			return
		}
		m.skipSpace()
		if parts == 0 || m.pos >= len(t) || t[m.pos] != '=' {
			// Not a key/value line: leave it to the decoder to report.
			m.pos = max(m.pos, before+1)
			m.skipLine()
			continue
		}
		m.pos++
		m.value(table + parts)
	}
}

// frame is an open array or inline table: its bracket, and the depth of
// what it holds.
type frame struct {
	kind  byte
	depth int
}

// value skips one value, with everything nested in it, iteratively; d is
// the depth of what the value holds if it is an array or an inline table.
func (m *measurer) value(d int) {
	t := m.text
	m.stack = m.stack[:0]
	var ok bool
	for !m.over {
		m.skipBlank()
		if m.pos >= len(t) {
			return
		}
		start := m.pos
		switch c := t[m.pos]; c {
		case '[', '{':
			if !m.deeper(d, start, start+1) {
				return
			}
			m.shape.Containers++
			m.stack = append(m.stack, frame{c, d})
			m.pos++
			m.skipBlank()
			if m.pos < len(t) && (c == '[' && t[m.pos] == ']' || c == '{' && t[m.pos] == '}') {
				break // empty: closed below
			}
			if c == '[' {
				d++
				continue
			}
			if d, ok = m.tableKey(d); !ok {
				return
			}
			continue
		case '"', '\'':
			m.skipString(c)
		default:
			for m.pos < len(t) && !stopChar[t[m.pos]] {
				m.pos++
			}
			if m.pos == start {
				return // not a value: leave it to the decoder
			}
			if m.pos-start == 10 && m.pos+1 < len(t) && t[m.pos] == ' ' && isDigit(t[m.pos+1]) {
				m.pos++ // a date and time separated by a space
				for m.pos < len(t) && !stopChar[t[m.pos]] {
					m.pos++
				}
			}
		}
		// After a value: close what ends here, then find the next value
		// of the innermost array or the next key of the inline table.
		next := false
		for !next {
			if len(m.stack) == 0 {
				return
			}
			m.skipBlank()
			if m.pos >= len(t) {
				return
			}
			top := m.stack[len(m.stack)-1]
			c := t[m.pos]
			switch {
			case c == ']' && top.kind == '[' || c == '}' && top.kind == '{':
				m.pos++
				m.stack = m.stack[:len(m.stack)-1]
				continue
			case c != ',':
				return // not TOML: leave it to the decoder
			}
			m.pos++
			m.skipBlank()
			if m.pos < len(t) && (t[m.pos] == ']' || t[m.pos] == '}') {
				continue // a trailing comma
			}
			if top.kind == '[' {
				d = top.depth + 1
			} else if d, ok = m.tableKey(top.depth); !ok {
				return
			}
			next = true
		}
	}
}

// tableKey skips a key and its "=" inside an inline table whose keys are
// at depth d, and returns the depth of what the key's value holds; ok is
// false when there is no key, or it nests too deep.
func (m *measurer) tableKey(d int) (int, bool) {
	parts := m.key(d - 1)
	if m.over || parts == 0 {
		return 0, false
	}
	m.skipSpace()
	if m.pos >= len(m.text) || m.text[m.pos] != '=' {
		return 0, false
	}
	m.pos++
	return d + parts, true
}
