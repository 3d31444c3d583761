package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// excerptReference is excerpt written the obvious way: collapse all the
// white space of the text, then cut.
func excerptReference(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	const limit = excerptLimit
	if len(text) <= limit {
		return text
	}
	cut := strings.LastIndexByte(text[:limit], ' ')
	if cut < limit/2 {
		cut = limit
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return strings.TrimRight(text[:cut], ",;:.-—") + "…"
}

// TestExcerpt checks excerpt against excerptReference on texts of words,
// white space of every kind, punctuation and invalid UTF-8.
func TestExcerpt(t *testing.T) {
	parts := []string{"word", "a", "longerword", "é", "—", "…", ",", ".", "-", ";", " ", "  ", "\t", "\n", "\r\n",
		"\u00a0", "\u0085", "\u2003", "\u3000", "\xff", "\xc3", strings.Repeat("x", 90), strings.Repeat("é", 50)}
	r := rand.New(rand.NewPCG(3, 4))
	texts := []string{"", " ", strings.Repeat("a ", 80), strings.Repeat("a ", 81), strings.Repeat("b", 161), strings.Repeat("é", 81)}
	for range 5000 {
		var b strings.Builder
		for n := r.IntN(80); n > 0; n-- {
			b.WriteString(parts[r.IntN(len(parts))])
		}
		texts = append(texts, b.String())
	}
	for _, text := range texts {
		if got, want := excerpt(text), excerptReference(text); got != want {
			t.Errorf("excerpt(%q)\n got %q\nwant %q", text, got, want)
		}
	}
}
