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
	var rows []int
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
		if need := 3 * (len(c) + 1); cap(rows) < need {
			rows = make([]int, need)
		}
		bound := limit
		if bestDist >= 0 {
			bound = bestDist - 1 // only a closer candidate can win
		}
		if d := distanceWithin(name, c, bound, rows); d <= bound {
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
	return distanceWithin(a, b, len(a)+len(b), make([]int, 3*(len(b)+1)))
}

// distanceWithin is editDistance(a, b) when that is at most limit, and
// limit+1 otherwise. It stops as soon as a row of the table exceeds limit,
// since the distance never falls again, so that hints for many unknown ids
// among many candidates cost little: most pairs stop after a few rows.
// rows holds at least 3*(len(b)+1) ints; it is scratch space.
func distanceWithin(a, b string, limit int, rows []int) int {
	n := len(b) + 1
	prev2, prev, cur := rows[:n], rows[n:2*n], rows[2*n:3*n]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit+1)
}
