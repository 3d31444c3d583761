package diag

import "strings"

// Suggest returns the candidate closest to name, for a "did you mean" hint,
// or "" when none is close enough. Like esbuild's TypoDetector it allows
// about one edit per three characters (at least one), counting a swap of two
// neighbouring characters as one edit; ties go to the earliest candidate, so
// pass candidates in a fixed order. A candidate that differs only in case,
// or that ends with "/"+name (a level id given without its track), wins.
func Suggest(name string, candidates []string) string {
	if name == "" {
		return ""
	}
	best, bestDist := "", -1
	limit := max(1, len(name)/3)
	for _, c := range candidates {
		if c == name {
			continue
		}
		if strings.EqualFold(c, name) || strings.HasSuffix(c, "/"+name) {
			return c
		}
		if abs(len(c)-len(name)) > limit {
			continue
		}
		d := editDistance(name, c)
		if d <= limit && (bestDist < 0 || d < bestDist) {
			best, bestDist = c, d
		}
	}
	return best
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// editDistance is the optimal string alignment distance between a and b:
// insertions, deletions, substitutions and transpositions of neighbours.
func editDistance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
