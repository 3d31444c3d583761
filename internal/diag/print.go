package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Sources finds the text of a file for printing its lines; it returns nil
// when the file is unknown.
type Sources func(file string) *LineIndex

// TextOptions control the text printer.
type TextOptions struct {
	Color bool // ANSI colours, for a terminal that wants them (not NO_COLOR)
}

// ANSI escapes used when colour is on.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[1;31m"
	ansiYellow = "\x1b[1;33m"
	ansiGreen  = "\x1b[32m"
	ansiCyan   = "\x1b[36m"
)

// Format returns one diagnostic in clang style: the position and message,
// the source line with a caret under the offending bytes, the hint, then the
// notes, each the same way.
func Format(d Diagnostic, src Sources, opts TextOptions) string {
	var b strings.Builder
	format(&b, d, src, opts, false)
	return b.String()
}

func format(b *strings.Builder, d Diagnostic, src Sources, opts TextOptions, note bool) {
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	if s := d.Pos.String(); s != "" {
		b.WriteString(paint(ansiBold, Escape(s)+":"))
		b.WriteByte(' ')
	}
	switch {
	case note:
		b.WriteString(paint(ansiCyan, "note:"))
	case d.Severity == Warning:
		b.WriteString(paint(ansiYellow, "warning:"))
	default:
		b.WriteString(paint(ansiRed, "error:"))
	}
	b.WriteByte(' ')
	b.WriteString(paint(ansiBold, Escape(d.Msg)))
	b.WriteByte('\n')
	if d.Pos.Line > 0 && src != nil {
		if x := src(d.Pos.File); x != nil {
			if raw, ok := x.lineBytes(d.Pos.Line); ok && (len(raw) > 0 || d.Pos.Col == 1) {
				line, pad, width := caretLine(raw, d.Pos.Col-1, d.Pos.Len)
				num := fmt.Sprintf("%5d", d.Pos.Line)
				fmt.Fprintf(b, "%s | %s\n", num, line)
				fmt.Fprintf(b, "%s | %s%s\n", strings.Repeat(" ", len(num)), strings.Repeat(" ", pad), paint(ansiGreen, strings.Repeat("^", width)))
			}
		}
	}
	if d.Hint != "" {
		fmt.Fprintf(b, "  %s %s\n", paint(ansiCyan, "hint:"), Escape(d.Hint))
	}
	for _, n := range d.Notes {
		format(b, n, src, opts, true)
	}
}

// A source line of up to maxLine columns is printed in full; of a longer
// one (minified data, a value nested thousands deep), a window of
// lineWindow columns around the caret.
const (
	maxLine    = 400
	lineWindow = 120
)

// caretLine prepares a source line for printing under a diagnostic: a tab
// becomes one space, and a character that Escape escapes takes the columns
// of its escape, so that the caret stays under the character it means. It
// returns the text, the number of columns before byte col (0-based), and
// the number of columns of the n bytes from col (at least 1, so that a
// point or the end of a line gets a caret). A line longer than maxLine
// columns is cut to a window around the caret, marked with "…" where cut.
func caretLine(raw []byte, col, n int) (text string, pad, width int) {
	col = max(0, min(col, len(raw)))
	end := min(len(raw), col+max(0, n))
	// Each printed piece and the column it starts at.
	type piece struct {
		s   string
		col int
	}
	pieces := make([]piece, 0, len(raw))
	cols := 0
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		s := string(raw[i : i+size])
		switch {
		case r == '\t':
			s = " "
		case mustEscape(r, size):
			s = escapeRune(r, raw[i])
		}
		if i == col {
			pad = cols
		}
		if i >= col && i < end {
			width += utf8.RuneCountInString(s)
		}
		pieces = append(pieces, piece{s, cols})
		cols += utf8.RuneCountInString(s)
		i += size
	}
	if col == len(raw) {
		pad = cols
	}
	width = max(1, width)
	from, to := 0, cols
	if cols > maxLine {
		// Keep the caret with some context before it in the window.
		w := min(width, lineWindow/2)
		from = max(0, min(pad-(lineWindow-w)/3, cols-lineWindow))
		to = from + lineWindow
		width = w
	}
	var b strings.Builder
	if from > 0 {
		b.WriteString("…")
	}
	for _, p := range pieces {
		if p.col >= from && p.col < to {
			b.WriteString(p.s)
		}
	}
	if to < cols {
		b.WriteString("…")
	}
	if from > 0 {
		pad = pad - from + 1
	}
	return b.String(), pad, width
}

// WriteText prints every diagnostic of l in clang style, then a summary line
// such as "2 errors, 1 warning" when there is anything to report.
func WriteText(w io.Writer, l List, src Sources, opts TextOptions) error {
	var b strings.Builder
	for _, d := range l {
		format(&b, d, src, opts, false)
	}
	if len(l) > 0 {
		b.WriteString(Summary(l))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary returns "N errors, M warnings" with singulars where they belong.
func Summary(l List) string {
	plural := func(n int, s string) string {
		if n == 1 {
			return fmt.Sprintf("1 %s", s)
		}
		return fmt.Sprintf("%d %ss", n, s)
	}
	return plural(l.Errors(), "error") + ", " + plural(l.Warnings(), "warning")
}

// JSONDiagnostic is the JSON form of a Diagnostic, flat for tools: the
// position's fields at the top level, and the source line when known.
type JSONDiagnostic struct {
	File     string           `json:"file"`
	Line     int              `json:"line"`
	Col      int              `json:"col"`
	Len      int              `json:"len"`
	Severity string           `json:"severity"`
	Rule     string           `json:"rule,omitempty"`
	Message  string           `json:"message"`
	Hint     string           `json:"hint,omitempty"`
	Source   string           `json:"source,omitempty"`
	Notes    []JSONDiagnostic `json:"notes,omitempty"`
}

// ToJSON converts diagnostics to their JSON form.
func ToJSON(l List, src Sources) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(l))
	for _, d := range l {
		j := JSONDiagnostic{
			File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Len: d.Pos.Len,
			Severity: d.Severity.String(), Rule: d.Rule, Message: d.Msg, Hint: d.Hint,
		}
		if src != nil && d.Pos.Line > 0 {
			j.Source = src(d.Pos.File).Line(d.Pos.Line)
		}
		if len(d.Notes) > 0 {
			j.Notes = ToJSON(d.Notes, src)
			for i := range j.Notes {
				j.Notes[i].Severity = "note"
			}
		}
		out = append(out, j)
	}
	return out
}

// WriteJSON prints l as an indented JSON array (an empty array when l is
// empty). Characters such as < > & are written as they are, not escaped for
// HTML: messages hold "a -> b" and tools read them as text.
func WriteJSON(w io.Writer, l List, src Sources) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ToJSON(l, src)); err != nil {
		return err
	}
	_, err := io.WriteString(w, b.String())
	return err
}
