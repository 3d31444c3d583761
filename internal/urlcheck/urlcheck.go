// Package urlcheck decides which links a site may publish.
//
// Every URL an author writes reaches a reader's browser: a course's url, a
// competency's esco, a link or image in a markdown body. Browsers run
// javascript: and vbscript: URLs, open data: and file: URLs as documents,
// and hand other schemes to whatever application registered them, so a
// link is published only when its scheme is known to be harmless or the
// site trusts it. The rules, in the order they are applied:
//
//   - A URL holding a control character (U+0000 to U+001F, U+007F) is
//     refused: browsers drop tabs and newlines inside a URL, so
//     "java\tscript:" is javascript: to them. So is a URL that starts or
//     ends with a space, which browsers strip.
//   - The scheme is read as browsers read it: an ASCII letter, then
//     letters, digits, "+", "-" or ".", up to the first ":". It is
//     compared without regard to case ("JaVaScRiPt:" is javascript:).
//   - http, https and mailto are allowed, and so is every scheme listed in
//     site.toml under [links] schemes (for trusted applications: msteams,
//     sip, tel). javascript, vbscript, data and file may never be listed.
//     Any other scheme is an error. An http or https URL must name a host.
//   - What looks like a scheme but is a host and port
//     ("lms.example.com:8080/x", "localhost:8080") is reported as a URL
//     without a scheme.
//   - A URL without a scheme is relative. In a markdown body that is fine
//     ("../x/", "#frag", "/tracks/"), except a protocol-relative one
//     ("//host/x", and "/\host" or "\\host", which browsers read the same
//     way): it leaves the site with whatever scheme the page was opened
//     with, and from a file that is file:; and one that starts with "www."
//     is reported as a URL without a scheme. In a URL field (a course's url)
//     a relative URL is an error, since the value is meant to point
//     outside the site and is published in framework.json for other tools;
//     a bare host ("lms.example.com/x", "www.x.org") gets the hint
//     `did you mean "https://lms.example.com/x"?`.
//   - A backslash before the query or fragment is refused: browsers read
//     it as "/" in web URLs, so it can turn a path into a host.
//   - What is left must parse with net/url.
//
// A URL that passes may be published as a template.URL, which html/template
// writes in an href as it is, instead of replacing an unknown scheme with
// "#ZgotmplZ".
package urlcheck

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
)

// Defaults lists the schemes every site allows.
var Defaults = []string{"http", "https", "mailto"}

// Forbidden lists the schemes a site may not allow: they run code in the
// page (javascript, vbscript) or open content that is not a web page under
// the author's control (data, file).
var Forbidden = []string{"data", "file", "javascript", "vbscript"}

// Policy is the set of schemes a site allows. The zero Policy allows the
// defaults only.
type Policy struct {
	extra []string // lower case, checked with ValidScheme
}

// NewPolicy returns the policy that allows the defaults and the schemes in
// extra (as listed in site.toml; they are compared without regard to case).
// Schemes that ValidScheme refuses are left out.
func NewPolicy(extra []string) Policy {
	var p Policy
	for _, s := range extra {
		s = strings.ToLower(s)
		if ValidScheme(s) == nil && !p.Allows(s) {
			p.extra = append(p.extra, s)
		}
	}
	return p
}

// Allows reports whether the policy allows scheme, which must be lower case.
func (p Policy) Allows(scheme string) bool {
	return slices.Contains(Defaults, scheme) || slices.Contains(p.extra, scheme)
}

// ValidScheme reports why s cannot be listed in [links] schemes, or nil.
func ValidScheme(s string) error {
	if !isScheme(s) {
		return fmt.Errorf("%q is not a URL scheme", s)
	}
	if slices.Contains(Forbidden, strings.ToLower(s)) {
		return fmt.Errorf("scheme %q cannot be allowed", strings.ToLower(s))
	}
	return nil
}

// isScheme reports whether s is a scheme: an ASCII letter followed by
// letters, digits, "+", "-" or ".".
func isScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !isSchemeByte(s[i]) {
			return false
		}
	}
	return true
}

func isAlpha(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isSchemeByte(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.'
}

// Problem is why a URL is refused: a message and a hint saying what to do,
// in the form diagnostics take (lower case, no final period).
type Problem struct {
	Rule string // the diagnostic rule id: "url-scheme" for a scheme the site does not allow, else "url-syntax"
	Msg  string
	Hint string
}

// Error implements error.
func (p *Problem) Error() string { return p.Msg }

// Field checks the value of a URL field, such as a course's url: it must
// be an absolute URL with an allowed scheme. An empty value means no link
// and passes.
func (p Policy) Field(s string) *Problem {
	if s == "" {
		return nil
	}
	return p.check(s, true)
}

// Link checks the destination of a link or image in a markdown body, as
// the markdown parser gives it (entities and escapes resolved): an allowed
// scheme, or a relative URL that stays on the site.
func (p Policy) Link(s string) *Problem {
	return p.check(s, false)
}

func (p Policy) check(s string, absolute bool) *Problem {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return &Problem{
				Rule: "url-syntax",
				Msg:  fmt.Sprintf("link %s contains the control character U+%04X", quote(s), r),
				Hint: "remove it; browsers drop tabs and newlines inside a URL, so the link would not be what it seems",
			}
		}
	}
	if strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s starts or ends with a space", quote(s)), Hint: "remove the space"}
	}
	scheme, rest, ok := splitScheme(s)
	if ok && hostPort(scheme, rest) {
		ok = false // "localhost:8080/x" is a host and port, not a scheme
		if !absolute {
			return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s has no scheme", quote(s)), Hint: fmt.Sprintf("did you mean %q?", "https://"+s)}
		}
	}
	if ok {
		return p.absolute(s, strings.ToLower(scheme), rest)
	}
	if len(s) >= 2 && isSlash(s[0]) && isSlash(s[1]) {
		host := strings.TrimLeft(s, `/\`)
		return &Problem{
			Rule: "url-syntax",
			Msg:  fmt.Sprintf("link %s is protocol-relative", quote(s)),
			Hint: fmt.Sprintf("write the scheme: %q", "https://"+host),
		}
	}
	if absolute {
		if bareHost(s) {
			return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s has no scheme", quote(s)), Hint: fmt.Sprintf("did you mean %q?", "https://"+s)}
		}
		return &Problem{
			Rule: "url-syntax",
			Msg:  fmt.Sprintf("link %s is not an absolute URL", quote(s)),
			Hint: `write the whole address, starting with "https://"`,
		}
	}
	if len(s) > 4 && strings.EqualFold(s[:4], "www.") && bareHost(s) {
		// In a body, only the unmistakable case: "docs.html" and
		// "v1.2" are relative paths.
		return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s has no scheme", quote(s)), Hint: fmt.Sprintf("did you mean %q?", "https://"+s)}
	}
	if pr := backslash(s); pr != nil {
		return pr
	}
	if _, err := url.Parse(s); err != nil {
		return invalid(s, err)
	}
	return nil
}

// absolute checks a URL that has a scheme.
func (p Policy) absolute(s, scheme, rest string) *Problem {
	if !p.Allows(scheme) {
		return &Problem{Rule: "url-scheme", Msg: fmt.Sprintf("link scheme %q is not allowed", scheme), Hint: schemeHint(scheme)}
	}
	if scheme == "http" || scheme == "https" {
		if pr := backslash(s); pr != nil {
			return pr
		}
	}
	u, err := url.Parse(s)
	if err != nil {
		return invalid(s, err)
	}
	if (scheme == "http" || scheme == "https") && u.Host == "" {
		hint := `write the host after "` + scheme + `://"`
		if h := strings.TrimLeft(rest, "/"); h != "" {
			hint = fmt.Sprintf("did you mean %q?", scheme+"://"+h)
		}
		return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s has no host", quote(s)), Hint: hint}
	}
	return nil
}

// schemeHint says what to do about a scheme the site does not allow.
func schemeHint(scheme string) string {
	switch scheme {
	case "javascript", "vbscript":
		return "links may not run scripts; link to a page instead"
	case "data":
		return "put the file in static/ and link to it by its path"
	case "file":
		return "a file on the author's computer is not on the reader's; put it in static/ and link to it by its path"
	}
	return fmt.Sprintf("if it opens an application your readers trust, add it to site.toml: [links] schemes = [%q]", scheme)
}

// splitScheme returns the scheme of s and what follows its ":", read as
// browsers read it, and whether s has one.
func splitScheme(s string) (scheme, rest string, ok bool) {
	if s == "" || !isAlpha(s[0]) {
		return "", s, false
	}
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == ':':
			return s[:i], s[i+1:], true
		case !isSchemeByte(c):
			return "", s, false
		}
	}
	return "", s, false
}

// hostPort reports whether a scheme and the rest of a URL are a host name
// and a port: digits, then the end, a "/", a "?" or a "#". A real scheme
// is followed by "//" or by an address, never by a bare number.
func hostPort(scheme, rest string) bool {
	n := 0
	for n < len(rest) && isDigit(rest[n]) {
		n++
	}
	if n == 0 || n > 5 {
		return false
	}
	if n < len(rest) && !strings.ContainsRune("/?#", rune(rest[n])) {
		return false
	}
	return scheme == "localhost" || strings.Contains(scheme, ".")
}

// bareHost reports whether s, a URL without a scheme, starts with what
// looks like a host name ("www.x.org", "lms.example.com/x").
func bareHost(s string) bool {
	host := s
	if i := strings.IndexAny(host, "/?#"); i >= 0 {
		host = host[:i]
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		for i := 0; i < len(port); i++ {
			if !isDigit(port[i]) {
				return false
			}
		}
		host = h
	}
	if host == "localhost" {
		return true
	}
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") || strings.Contains(host, "..") {
		return false
	}
	for i := 0; i < len(host); i++ {
		if c := host[i]; !isAlpha(c) && !isDigit(c) && c != '-' && c != '.' {
			return false
		}
	}
	// The last label of a host name is not a number or a file extension
	// ("index.html" is a page, not a host).
	tld := host[strings.LastIndexByte(host, '.')+1:]
	return isAlpha(tld[0]) && !fileExtension(tld)
}

// fileExtension reports whether the last part of a would-be host name is
// more likely a file extension.
func fileExtension(s string) bool {
	switch strings.ToLower(s) {
	case "html", "htm", "md", "pdf", "png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "json", "txt", "xml", "csv", "zip", "docx", "xlsx", "pptx":
		return true
	}
	return false
}

// backslash refuses a backslash before the query or fragment of s.
func backslash(s string) *Problem {
	end := len(s)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		end = i
	}
	if strings.Contains(s[:end], `\`) {
		return &Problem{
			Rule: "url-syntax",
			Msg:  fmt.Sprintf("link %s contains a backslash", quote(s)),
			Hint: `write "/" instead; browsers read "\" as "/", which can turn a path into a host`,
		}
	}
	return nil
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// invalid reports a URL that net/url does not parse.
func invalid(s string, err error) *Problem {
	msg := err.Error()
	if ue, ok := err.(*url.Error); ok {
		msg = ue.Err.Error()
	}
	return &Problem{Rule: "url-syntax", Msg: fmt.Sprintf("link %s is not a valid URL: %s", quote(s), msg), Hint: "percent-encode characters that may not appear in a URL (a space is %20, a percent sign %25)"}
}

// quote quotes a URL for a message, shortened when long.
func quote(s string) string {
	const max = 80
	if len(s) > max {
		i := max
		for i > 0 && s[i]&0xc0 == 0x80 {
			i--
		}
		return fmt.Sprintf("%q…", s[:i])
	}
	return fmt.Sprintf("%q", s)
}
