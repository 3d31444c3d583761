package check

import (
	"fmt"
	"testing"
)

func TestCycles(t *testing.T) {
	tests := []struct {
		name  string
		nodes []string
		edges map[string][]string
		want  string
	}{
		{"none", []string{"a", "b", "c"}, map[string][]string{"a": {"b"}, "b": {"c"}}, "[]"},
		{"empty", nil, nil, "[]"},
		{"self", []string{"a"}, map[string][]string{"a": {"a"}}, "[[a]]"},
		{"two", []string{"a", "b"}, map[string][]string{"a": {"b"}, "b": {"a"}}, "[[a b]]"},
		{"three, found from a later node", []string{"x", "c", "a", "b"},
			map[string][]string{"a": {"b"}, "b": {"c"}, "c": {"a"}}, "[[c a b]]"},
		{"diamond is no cycle", []string{"a", "b", "c", "d"},
			map[string][]string{"a": {"b", "c"}, "b": {"d"}, "c": {"d"}}, "[]"},
		{"two separate cycles", []string{"a", "b", "c", "d"},
			map[string][]string{"a": {"b"}, "b": {"a"}, "c": {"d"}, "d": {"c"}}, "[[a b] [c d]]"},
		{"tail into a cycle", []string{"t", "a", "b"},
			map[string][]string{"t": {"a"}, "a": {"b"}, "b": {"a"}}, "[[a b]]"},
		// One cycle per back edge: a->b->a and a->c->a share the node a.
		{"figure eight", []string{"a", "b", "c"},
			map[string][]string{"a": {"b", "c"}, "b": {"a"}, "c": {"a"}}, "[[a b] [a c]]"},
		{"edge to a node outside the list", []string{"a"}, map[string][]string{"a": {"z"}}, "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fmt.Sprint(cycles(tt.nodes, func(n string) []string { return tt.edges[n] }))
			if got != tt.want {
				t.Errorf("cycles = %s, want %s", got, tt.want)
			}
		})
	}
}

// TestCyclesLong checks that a long chain neither overflows nor slows down.
func TestCyclesLong(t *testing.T) {
	const n = 20000
	nodes := make([]int, n)
	for i := range nodes {
		nodes[i] = i
	}
	got := cycles(nodes, func(i int) []int { return []int{(i + 1) % n} })
	if len(got) != 1 || len(got[0]) != n || got[0][0] != 0 {
		t.Errorf("got %d cycles, want one of %d nodes", len(got), n)
	}
}
