package markdown

import (
	"testing"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// TestPlainInline checks which texts skip the parser, and that each one
// that does is what the parser makes of it: the same HTML and plain text,
// and no links.
func TestPlainInline(t *testing.T) {
	tests := []struct {
		in    string
		plain bool
	}{
		{"Coordinates budget forecasts in ambiguous situations.", true},
		{"Plans end-to-end api contracts (with rationale); 90% of the time/most weeks, or more?", true},
		{"Übernimmt Verantwortung für Kundenfälle.", true},
		{"Keeps customers' cases", false},      // a typographic apostrophe
		{`Says "no"`, false},                   // typographic quotes
		{"Waits... then acts.", false},         // an ellipsis
		{"Before -- after", false},             // an en dash
		{"- a list item", false},               // a list
		{"+ a list item", false},               // a list
		{"1. first", false},                    // a numbered list
		{"2) second", false},                   // a numbered list
		{"    indented code", false},           // a code block
		{"Reads www.example.com daily", false}, // an autolink
		{"Reads WWW.example.com daily", false}, // an autolink, in capitals
		{"Mails jo@example.com", false},        // an address
		{"See https://example.com", false},     // a scheme
		{"Uses *emphasis*", false},             // emphasis
		{"Uses [a link](course:x)", false},     // a link
		{"Tom & Jerry", false},                 // an entity
		{"a <b> tag", false},                   // HTML
		{"two  spaces", false},                 // kept, but not worth the risk
		{"trailing space ", false},             // a hard break's start
		{"", false},
	}
	c := New(Options{})
	for _, tt := range tests {
		if got := plainInline(tt.in); got != tt.plain {
			t.Errorf("plainInline(%q) = %v, want %v", tt.in, got, tt.plain)
		}
		if tt.plain {
			samePlain(t, c, tt.in)
		}
	}
}

// samePlain fails when the parser's result for the plain text s is not s.
func samePlain(t *testing.T, c *Converter, s string) {
	t.Helper()
	html, plain, links, urls, err := c.parseInline(s, diag.Pos{File: "x.md", Line: 1, Col: 1})
	if err != nil || string(html) != s || plain != s || len(links) > 0 || len(urls) > 0 {
		t.Errorf("%q: the parser gives HTML %q, plain %q, links %v %v, error %v", s, html, plain, links, urls, err)
	}
}

// FuzzPlainInline checks that a text that skips the parser is what the
// parser would have made of it.
func FuzzPlainInline(f *testing.F) {
	for _, s := range []string{"Plans api contracts with clear written rationale.", "a-b c.d (e) f/g 5% h+i j?", "Ärger; ok", "x.y.z", "A 1. B"} {
		f.Add(s)
	}
	c := New(Options{})
	f.Fuzz(func(t *testing.T, s string) {
		if plainInline(s) {
			samePlain(t, c, s)
		}
	})
}
