package i18n

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// jsString is a string literal of a script: its text (a template
// literal's ${...} parts left out), where it starts, and the code just
// before it (comments left out), which says how the string is used.
type jsString struct {
	Text   string
	Line   int
	Before string
}

// jsStrings returns the string literals of a script. It knows enough of
// JavaScript for the theme's scripts: comments, the three kinds of
// quotes, template literals with ${...}, and regular expression literals
// (a "/" where an operand is expected).
func jsStrings(src string) []jsString {
	var out []jsString
	var code strings.Builder // the code so far, without comments and strings
	line := 1
	operand := true // a "/" here starts a regular expression
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			code.WriteByte(c)
			i++
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				end = len(src) - i - 2
			}
			line += strings.Count(src[i:i+2+end], "\n")
			i += end + 4
		case c == '"' || c == '\'' || c == '`':
			startLine := line
			var b strings.Builder
			for i++; i < len(src) && src[i] != c; {
				if src[i] == '\\' && i+1 < len(src) {
					b.WriteByte(src[i+1])
					i += 2
					continue
				}
				if c == '`' && strings.HasPrefix(src[i:], "${") {
					i++ // the $
					for depth := 0; i < len(src); {
						if src[i] == '{' {
							depth++
						} else if src[i] == '}' {
							depth--
						}
						i++
						if depth == 0 {
							break
						}
					}
					b.WriteByte(' ')
					continue
				}
				if src[i] == '\n' {
					line++
				}
				b.WriteByte(src[i])
				i++
			}
			i++ // the closing quote
			before := code.String()
			if len(before) > 80 {
				before = before[len(before)-80:]
			}
			out = append(out, jsString{Text: b.String(), Line: startLine, Before: before})
			// The string stays in the code, quoted, for the strings after
			// it: a key ("aria-label": ...) says how they are used.
			code.WriteString(`"` + strings.NewReplacer(`"`, `'`, "\n", " ").Replace(b.String()) + `"`)
			operand = false
		case c == '/' && operand:
			// A regular expression literal, with its classes.
			i++
			for class := false; i < len(src) && (src[i] != '/' || class); i++ {
				switch src[i] {
				case '\\':
					i++
				case '[':
					class = true
				case ']':
					class = false
				}
			}
			i++
			code.WriteString("/re/")
			operand = false
		default:
			code.WriteByte(c)
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\r':
			case strings.ContainsRune("(,=:[!&|?{};+-*%<>~^", rune(c)):
				operand = true
			default:
				operand = false
				if w := lastWord(code.String()); w == "return" || w == "typeof" || w == "case" {
					operand = true
				}
			}
		}
	}
	return out
}

func lastWord(s string) string {
	i := len(s)
	for i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z') {
		i--
	}
	return s[i:]
}

var (
	// phrase is two words of letters: "No route", "could not load".
	phrase = regexp.MustCompile(`\b[A-Za-z][a-z]+ +[a-z]{2,}\b`)
	// word is a word of a sentence: a capitalised one standing alone
	// ("Promotion"), or one that a space joins to the text around it
	// (" to ", "below ").
	word = regexp.MustCompile(`^(?:[A-Z][a-z]{2,}|\s+[a-z]{2,}\s*|[a-z]{2,}\s+)$`)
	// markup is how a string is used when it is not text for readers:
	// the value of an attribute that holds names (class, id, ...), a
	// selector, an event, a field's name, a comparison with a value of
	// the data. Each pattern matches the code before the string.
	markup = []*regexp.Regexp{
		// Attributes: {class: "a b", "aria-labelledby": "x y"}, and an
		// expression that makes a class: class: "a " + (x ? " b" : "").
		regexp.MustCompile(`(?:\b|")(?:class|className)"?\s*[:=][^,;{}]*$`),
		regexp.MustCompile(`(?:\b|")(?:id|type|role|rel|name|for|method|fill|stroke|d|points|viewBox|xmlns|data-[a-z-]+|aria-(?:labelledby|describedby|controls|hidden|live)|text-anchor|stroke-[a-z]+|fill-[a-z]+|font-[a-z]+)"?\s*:\s*$`),
		// Calls that take names: selectors, events, attributes, tags,
		// properties, classes; field(obj, "key", "GoName").
		regexp.MustCompile(`\b(?:querySelector|querySelectorAll|closest|matches|getElementById|addEventListener|removeEventListener|setAttribute|getAttribute|removeAttribute|toggleAttribute|createElement|createElementNS|setProperty|add|remove|toggle|contains|el|svg)\(\s*$`),
		regexp.MustCompile(`\bfield\([^()]*$`),
		// Comparisons with data.
		regexp.MustCompile(`(?:===|!==|==|!=)\s*$|\bcase\s+$`),
	}
)

// userText reports whether s, used as before says, is text for readers
// written in English.
func userText(s jsString) bool {
	if s.Text == "use strict" {
		return false
	}
	for _, m := range markup {
		if m.MatchString(s.Before) {
			return false
		}
	}
	return phrase.MatchString(s.Text) || word.MatchString(s.Text)
}

// pendingScripts are scripts whose texts are still being moved into the
// language files, with the number of English strings each had left: the
// test fails when one gains a string, so that the count only goes down
// (lower it, and remove the script once it has none).
var pendingScripts = map[string]int{}

// TestScriptsHaveNoEnglish checks that the theme's scripts write no text
// for readers of their own: every word a script shows comes from the
// language file through text("key") (tools.js), so that a German site's
// tools speak German. A string literal that reads as English (two words,
// or a capitalised word standing alone, or a word joined to other text
// by a space) is an error unless it is markup (a class, an id, a
// selector, an attribute's value) or compared with data.
func TestScriptsHaveNoEnglish(t *testing.T) {
	files, err := filepath.Glob("../../themes/default/assets/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("no scripts: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)
		var found []string
		for _, s := range jsStrings(string(b)) {
			if userText(s) {
				found = append(found, fmt.Sprintf("themes/default/assets/%s:%d: %q", name, s.Line, s.Text))
			}
		}
		want, pending := pendingScripts[name]
		switch {
		case !pending && len(found) > 0:
			t.Errorf("%d English texts in %s: put them in themes/default/i18n/en.toml and de.toml under [js] and write text(\"key\"):\n%s", len(found), name, strings.Join(found, "\n"))
		case pending && len(found) > want:
			t.Errorf("%s has %d English texts, %d more than before: put them in the language files under [js] and write text(\"key\"):\n%s", name, len(found), len(found)-want, strings.Join(found, "\n"))
		case pending && len(found) < want:
			t.Logf("%s has %d English texts left, fewer than %d: lower its number in pendingScripts", name, len(found), want)
		}
	}
}

// TestJSStrings checks the reading of string literals, and that the test
// above can fail: it finds English texts where a script would show them.
func TestJSStrings(t *testing.T) {
	src := "// a \"comment\"\n" +
		"var re = /[\"']x/g, a = b / 2, s = 'it\\'s';\n" +
		"el(\"p\", { class: \"facts compact\" }, \"No route found\", `at ${x.title} now`);\n" +
		"if (e.key === \"Escape\") msg = \"Funding\"; else msg = \" to \" + y;\n" +
		"out.append(el(\"p\", null, tr(\"paths.no_route\")));\n"
	var got []string
	var english []string
	for _, s := range jsStrings(src) {
		got = append(got, fmt.Sprintf("%d:%s", s.Line, s.Text))
		if userText(s) {
			english = append(english, s.Text)
		}
	}
	want := []string{"2:it's", "3:p", "3:facts compact", "3:No route found", "3:at   now", "4:Escape", "4:Funding", "4: to ", "5:p", "5:paths.no_route"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("strings:\n got %q\nwant %q", got, want)
	}
	wantEnglish := []string{"No route found", "at   now", "Funding", " to "}
	if strings.Join(english, "|") != strings.Join(wantEnglish, "|") {
		t.Errorf("English:\n got %q\nwant %q", english, wantEnglish)
	}
}
