package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// WriteTextLimit prints l as WriteText does, but at most maxWarnings
// warnings (every error is printed). When warnings are left out it says how
// many, with a count per rule, so that a large site's build stays readable
// while "ladder check" lists them all:
//
//	103441 more warnings not shown (ladder check lists them all): 90112 unused-course, 13329 unreachable-level
func WriteTextLimit(w io.Writer, l List, src Sources, opts TextOptions, maxWarnings int) error {
	var b strings.Builder
	shown := 0
	hidden := map[string]int{}
	for _, d := range l {
		if d.Severity == Warning {
			if shown >= maxWarnings {
				hidden[cmpOr(d.Rule, "other")]++
				continue
			}
			shown++
		}
		format(&b, d, src, opts, false)
	}
	if len(hidden) > 0 {
		b.WriteString(HiddenSummary(hidden))
		b.WriteByte('\n')
	}
	if len(l) > 0 {
		b.WriteString(Summary(l))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// HiddenSummary returns the line that says how many warnings of each rule
// were left out, the most frequent rule first.
func HiddenSummary(hidden map[string]int) string {
	type count struct {
		rule string
		n    int
	}
	var counts []count
	total := 0
	for r, n := range hidden {
		counts = append(counts, count{r, n})
		total += n
	}
	slices.SortFunc(counts, func(a, b count) int {
		if a.n != b.n {
			return cmp.Compare(b.n, a.n)
		}
		return strings.Compare(a.rule, b.rule)
	})
	parts := make([]string, len(counts))
	for i, c := range counts {
		parts[i] = fmt.Sprintf("%d %s", c.n, c.rule)
	}
	noun := "warnings"
	if total == 1 {
		noun = "warning"
	}
	return fmt.Sprintf("%d more %s not shown (ladder check lists them all): %s", total, noun, strings.Join(parts, ", "))
}
