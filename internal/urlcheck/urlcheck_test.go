package urlcheck

import (
	"net/url"
	"strings"
	"testing"
)

func TestField(t *testing.T) {
	p := NewPolicy([]string{"msteams", "SIP"})
	for _, tt := range []struct {
		in, msg, hint string
	}{
		{"", "", ""},
		{"https://lms.example.com/linux", "", ""},
		{"HTTP://lms.example.com", "", ""},
		{"mailto:learning@example.com", "", ""},
		{"msteams://teams.microsoft.com/l/channel/x", "", ""},
		{"sip:help@example.com", "", ""},
		{"javascript:alert(1)", `link scheme "javascript" is not allowed`, "links may not run scripts; link to a page instead"},
		{"JaVaScRiPt:alert(1)", `link scheme "javascript" is not allowed`, "links may not run scripts; link to a page instead"},
		{"vbscript:msgbox", `link scheme "vbscript" is not allowed`, "links may not run scripts; link to a page instead"},
		{"data:text/html,<script>", `link scheme "data" is not allowed`, "put the file in static/ and link to it by its path"},
		{"file:///etc/passwd", `link scheme "file" is not allowed`, "a file on the author's computer is not on the reader's; put it in static/ and link to it by its path"},
		{"zoommtg://zoom.us/join", `link scheme "zoommtg" is not allowed`, `if it opens an application your readers trust, add it to site.toml: [links] schemes = ["zoommtg"]`},
		{"lms.example.com/x", `link "lms.example.com/x" has no scheme`, `did you mean "https://lms.example.com/x"?`},
		{"www.x.org", `link "www.x.org" has no scheme`, `did you mean "https://www.x.org"?`},
		{"lms.example.com:8080/x", `link "lms.example.com:8080/x" has no scheme`, `did you mean "https://lms.example.com:8080/x"?`},
		{"localhost:8080", `link "localhost:8080" has no scheme`, `did you mean "https://localhost:8080"?`},
		{"/courses/linux", `link "/courses/linux" is not an absolute URL`, `write the whole address, starting with "https://"`},
		{"index.html", `link "index.html" is not an absolute URL`, `write the whole address, starting with "https://"`},
		{"//evil.com/x", `link "//evil.com/x" is protocol-relative`, `write the scheme: "https://evil.com/x"`},
		{`\\evil.com`, `link "\\\\evil.com" is protocol-relative`, `write the scheme: "https://evil.com"`},
		{"https:///x", `link "https:///x" has no host`, `did you mean "https://x"?`},
		{"https:lms.example.com", `link "https:lms.example.com" has no host`, `did you mean "https://lms.example.com"?`},
		{`https:\\evil.com`, `link "https:\\\\evil.com" contains a backslash`, `write "/" instead; browsers read "\" as "/", which can turn a path into a host`},
		{"java\tscript:alert(1)", `link "java\tscript:alert(1)" contains the control character U+0009`, "remove it; browsers drop tabs and newlines inside a URL, so the link would not be what it seems"},
		{"\x01javascript:alert(1)", `link "\x01javascript:alert(1)" contains the control character U+0001`, "remove it; browsers drop tabs and newlines inside a URL, so the link would not be what it seems"},
		{" https://x.org", `link " https://x.org" starts or ends with a space`, "remove the space"},
		{"https://x.org/%zz", `link "https://x.org/%zz" is not a valid URL: invalid URL escape "%zz"`, "percent-encode characters that may not appear in a URL (a space is %20, a percent sign %25)"},
	} {
		pr := p.Field(tt.in)
		var msg, hint string
		if pr != nil {
			msg, hint = pr.Msg, pr.Hint
		}
		if msg != tt.msg || hint != tt.hint {
			t.Errorf("Field(%q) = %q, %q; want %q, %q", tt.in, msg, hint, tt.msg, tt.hint)
		}
	}
}

func TestLink(t *testing.T) {
	var p Policy // the defaults only
	for _, tt := range []struct {
		in, msg string
	}{
		{"", ""},
		{"#frag", ""},
		{"../x/", ""},
		{"/tracks/", ""},
		{"docs.html", ""},
		{"v1.2", ""},
		{"?q=1", ""},
		{"https://example.com/a b", ""},
		{"mailto:x@example.com", ""},
		{"javascript:alert(1)", `link scheme "javascript" is not allowed`},
		{"msteams://x", `link scheme "msteams" is not allowed`},
		{"www.x.org/a", `link "www.x.org/a" has no scheme`},
		{"localhost:8080/x", `link "localhost:8080/x" has no scheme`},
		{"//evil.com", `link "//evil.com" is protocol-relative`},
		{`/\evil.com`, `link "/\\evil.com" is protocol-relative`},
		{`a\b`, `link "a\\b" contains a backslash`},
		{`a?b\c`, ""},
		{"%zz", `link "%zz" is not a valid URL: invalid URL escape "%zz"`},
		{"java\nscript:x", `link "java\nscript:x" contains the control character U+000A`},
	} {
		pr := p.Link(tt.in)
		var msg string
		if pr != nil {
			msg = pr.Msg
		}
		if msg != tt.msg {
			t.Errorf("Link(%q) = %q; want %q", tt.in, msg, tt.msg)
		}
	}
}

func TestValidScheme(t *testing.T) {
	for _, tt := range []struct {
		in, err string
	}{
		{"msteams", ""},
		{"web+app", ""},
		{"tel", ""},
		{"JavaScript", `scheme "javascript" cannot be allowed`},
		{"data", `scheme "data" cannot be allowed`},
		{"msteams:", `"msteams:" is not a URL scheme`},
		{"1x", `"1x" is not a URL scheme`},
		{"", `"" is not a URL scheme`},
	} {
		err := ValidScheme(tt.in)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.err {
			t.Errorf("ValidScheme(%q) = %q; want %q", tt.in, got, tt.err)
		}
	}
	if p := NewPolicy([]string{"javascript", "MSTEAMS", "msteams", "bad scheme"}); p.Allows("javascript") || !p.Allows("msteams") || len(p.extra) != 1 {
		t.Errorf("NewPolicy kept %q", p.extra)
	}
}

// hostile are strings meant to slip a scheme past a check: mixed case,
// whitespace and control characters that browsers strip or drop, entities,
// protocol-relative and backslashed hosts.
var hostile = []string{
	"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "\x00javascript:alert(1)",
	"\x1fjavascript:alert(1)", "java\tscript:alert(1)", "java\nscript:alert(1)", "java\rscript:alert(1)",
	"javascript&colon;alert(1)", "javascript&#58;alert(1)", "&#106;avascript:alert(1)", "javascript%3Aalert(1)",
	"//evil.com", "///evil.com", `\\evil.com`, `/\evil.com`, `\/evil.com`, `https:\\evil.com`, `http:/\evil.com`,
	"data:text/html;base64,PHNjcmlwdD4=", "vbscript:msgbox(1)", "file:///etc/passwd", "jav&#x09;ascript:alert(1)",
	"ｊavascript:alert(1)", "javascript\u00a0:alert(1)", "https://evil.com\x7f", "msteams://x", "lms.example.com/x",
	"localhost:80", "https:", "http://[::1", "mailto:", ":foo", "a:b", "#x", "../x/", "?q", "",
}

// FuzzField checks that whatever Field and Link accept parses with net/url
// to an allowed scheme, or (for Link) to a relative URL that is not
// protocol-relative, and reads the same to a browser, which strips leading
// and trailing spaces and control characters and drops tabs and newlines.
func FuzzField(f *testing.F) {
	for _, s := range hostile {
		f.Add(s)
	}
	p := NewPolicy([]string{"msteams"})
	f.Fuzz(func(t *testing.T, s string) {
		for _, absolute := range []bool{true, false} {
			var pr *Problem
			if absolute {
				pr = p.Field(s)
			} else {
				pr = p.Link(s)
			}
			if pr != nil {
				if pr.Msg == "" || pr.Hint == "" {
					t.Fatalf("%q: problem without message or hint: %+v", s, pr)
				}
				continue
			}
			if s == "" {
				continue
			}
			browser := strings.Map(func(r rune) rune {
				if r == '\t' || r == '\n' || r == '\r' {
					return -1
				}
				return r
			}, strings.TrimFunc(s, func(r rune) bool { return r <= ' ' }))
			for _, v := range []string{s, browser} {
				u, err := url.Parse(v)
				if err != nil {
					t.Fatalf("accepted %q (absolute %v), which net/url refuses: %v", s, absolute, err)
				}
				switch {
				case u.Scheme != "":
					if !p.Allows(u.Scheme) {
						t.Fatalf("accepted %q (absolute %v) with scheme %q", s, absolute, u.Scheme)
					}
				case absolute:
					t.Fatalf("accepted %q as a URL field without a scheme", s)
				case strings.HasPrefix(strings.ReplaceAll(v, `\`, "/"), "//"):
					t.Fatalf("accepted protocol-relative %q", s)
				}
				if (u.Scheme == "http" || u.Scheme == "https") && u.Host == "" {
					t.Fatalf("accepted %q without a host", s)
				}
			}
		}
	})
}
