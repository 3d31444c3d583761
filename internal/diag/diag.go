// Package diag holds the diagnostics of a build: where a problem is (file, line,
// column), how bad it is, what is wrong and what to do about it.
//
// Positions are data, never text to re-parse: every stage that finds a problem
// creates a Diagnostic with a Pos it computed from byte offsets in the file
// (see LineIndex), and the printers in this package turn the list into the
// clang-style text a person reads or the JSON a tool reads:
//
//	content/tracks/sde/l5.md:12:22: error: unknown course "secure-codng"
//	   12 | required_courses = ["secure-codng"]
//	      |                      ^^^^^^^^^^^^^^
//	  hint: did you mean "secure-coding"?
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Pos is a place in a source file. File is a slash path relative to the site
// root; Line and Col are 1-based (Col counts bytes, as gcc and go vet do);
// Len is the number of bytes the problem spans on that line (0 for a point).
// The zero Pos means "no particular place" (for example a missing file).
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Len  int    `json:"len,omitempty"`
}

// String returns "file:line:col", "file" when the line is unknown, or "" for
// the zero Pos.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return ""
	case p.Line == 0:
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error is a problem that fails the build.
	Error Severity = iota
	// Warning is a problem worth fixing that does not fail the build.
	Warning
)

// String returns "error" or "warning".
func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// MarshalText encodes the severity as its name.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Diagnostic is one problem found in the content.
type Diagnostic struct {
	Pos      Pos          `json:"pos"`
	Severity Severity     `json:"severity"`
	Rule     string       `json:"rule,omitempty"`  // stable id of the check, e.g. "unknown-key"; see Rules
	Msg      string       `json:"message"`         // lower case, no final period
	Hint     string       `json:"hint,omitempty"`  // what to do, e.g. did you mean "secure-coding"?
	Notes    []Diagnostic `json:"notes,omitempty"` // related places, e.g. each edge of a cycle
}

// Error returns the diagnostic as one line, "file:line:col: error: message".
func (d Diagnostic) Error() string {
	var b strings.Builder
	if s := d.Pos.String(); s != "" {
		b.WriteString(s)
		b.WriteString(": ")
	}
	b.WriteString(d.Severity.String())
	b.WriteString(": ")
	b.WriteString(d.Msg)
	return b.String()
}

// List is a list of diagnostics, after go/scanner.ErrorList.
type List []Diagnostic

// Add appends an error of the given rule (an id listed by Rules) at pos.
func (l *List) Add(rule string, pos Pos, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Error, Rule: rule, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Warn appends a warning of the given rule (an id listed by Rules) at pos.
func (l *List) Warn(rule string, pos Pos, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Severity: Warning, Rule: rule, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Append appends diagnostics.
func (l *List) Append(ds ...Diagnostic) { *l = append(*l, ds...) }

// Sort orders the list by file, line, column, then severity and message, so
// that output is deterministic whatever order the checks ran in. Exact
// duplicates are removed.
func (l *List) Sort() {
	if !slices.IsSortedFunc(*l, compare) {
		slices.SortStableFunc(*l, compare)
	}
	*l = slices.CompactFunc(*l, func(a, b Diagnostic) bool {
		return a.Pos == b.Pos && a.Severity == b.Severity && a.Rule == b.Rule && a.Msg == b.Msg && a.Hint == b.Hint
	})
}

// compare orders two diagnostics as Sort does.
func compare(a, b Diagnostic) int {
	if a.Pos.File != b.Pos.File {
		return strings.Compare(a.Pos.File, b.Pos.File)
	}
	if a.Pos.Line != b.Pos.Line {
		return cmp.Compare(a.Pos.Line, b.Pos.Line)
	}
	if a.Pos.Col != b.Pos.Col {
		return cmp.Compare(a.Pos.Col, b.Pos.Col)
	}
	if a.Severity != b.Severity {
		return cmp.Compare(a.Severity, b.Severity)
	}
	return strings.Compare(a.Msg, b.Msg)
}

// Errors returns the number of errors (not warnings) in the list.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings returns the number of warnings in the list.
func (l List) Warnings() int { return len(l) - l.Errors() }

// Err returns nil when the list holds no error, and otherwise an error whose
// text is the first error followed by a count of the others.
func (l List) Err() error {
	n := l.Errors()
	if n == 0 {
		return nil
	}
	return &ListError{List: l}
}

// ListError is the error returned by List.Err.
type ListError struct{ List List }

// Error returns the first error and a count of the rest.
func (e *ListError) Error() string {
	var first Diagnostic
	for _, d := range e.List {
		if d.Severity == Error {
			first = d
			break
		}
	}
	if n := e.List.Errors(); n > 1 {
		return fmt.Sprintf("%s (and %d more errors)", first.Error(), n-1)
	}
	return first.Error()
}

// AsList returns the diagnostics carried by err, if err is (or wraps) a
// ListError.
func AsList(err error) (List, bool) {
	var le *ListError
	if errors.As(err, &le) {
		return le.List, true
	}
	return nil, false
}
