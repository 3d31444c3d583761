package serve

import (
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// TestPrintDiags checks what the terminal shows after each build: errors
// every time, warnings once — not again after a failed build in between.
func TestPrintDiags(t *testing.T) {
	var log strings.Builder
	s := &Server{opts: Options{Log: &log}}
	at := func(line int) diag.Pos { return diag.Pos{File: "content/x.md", Line: line, Col: 1} }
	w1 := diag.Diagnostic{Pos: at(1), Severity: diag.Warning, Msg: "first warning"}
	w2 := diag.Diagnostic{Pos: at(2), Severity: diag.Warning, Msg: "second warning"}
	e1 := diag.Diagnostic{Pos: at(3), Severity: diag.Error, Msg: "an error"}
	src := func(string) *diag.LineIndex { return nil }

	steps := []struct {
		name  string
		list  diag.List
		shown []string
	}{
		{"start", diag.List{w1}, []string{"first warning"}},
		{"same warnings", diag.List{w1}, nil},
		{"failed build", diag.List{e1}, []string{"an error"}},
		{"failed again", diag.List{e1}, []string{"an error"}},
		{"fixed", diag.List{w1}, nil},
		{"a new warning", diag.List{w1, w2}, []string{"second warning"}},
	}
	for _, st := range steps {
		log.Reset()
		s.printDiags(st.list, src)
		out := log.String()
		for _, want := range st.shown {
			if !strings.Contains(out, want) {
				t.Errorf("%s: the terminal lacks %q:\n%s", st.name, want, out)
			}
		}
		if n := strings.Count(out, ": warning: ") + strings.Count(out, ": error: "); n != len(st.shown) {
			t.Errorf("%s: %d diagnostics shown, want %d:\n%s", st.name, n, len(st.shown), out)
		}
	}
}
