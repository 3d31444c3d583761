package diag

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every character that a terminal would act on
// rather than show written as a visible escape: C0 and C1 control
// characters and DEL ("\x1b", "\u0085"), the bidirectional formatting
// characters that reorder what is shown ("\u202e"), the invisible ones
// (zero-width spaces and joiners, a byte order mark), and bytes that are not
// UTF-8 ("\xff"). Everything else is left as it is, so that text without
// such characters is returned unchanged.
//
// File names and values come from the content, and a diagnostic quotes
// them; printed raw, an escape sequence in a file name could recolour,
// clear or retitle the terminal, or hide the rest of the message.
func Escape(s string) string {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, size) {
			break
		}
		i += size
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if mustEscape(r, size) {
			b.WriteString(escapeRune(r, s[i]))
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// mustEscape reports whether the rune r, of size bytes, is written escaped.
func mustEscape(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size <= 1:
		return true
	case r < 0x20 || r == 0x7f || 0x80 <= r && r <= 0x9f:
		return true
	case 0x202a <= r && r <= 0x202e || 0x2066 <= r && r <= 0x2069 || 0x200b <= r && r <= 0x200f || r == 0xfeff:
		return true
	}
	return false
}

// escapeRune returns the escape of r, whose first byte is first.
func escapeRune(r rune, first byte) string {
	switch {
	case r == utf8.RuneError:
		return fmt.Sprintf(`\x%02x`, first)
	case r == '\t':
		return `\t`
	case r == '\r':
		return `\r`
	case r == '\n':
		return `\n`
	case r < 0x80:
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
