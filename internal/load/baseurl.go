package load

import (
	"errors"
	"net/url"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// BaseURLProblem returns what is wrong with a base URL, and what to do
// about it, or "" when it is a path ("/careers/") or an absolute http or
// https URL with a host ("https://intranet.example.com/careers/").
//
// Example: base_url = "https:///careers/". Discussion: every link of the
// site is made from the base URL; one that has lost its host, or has a
// host but no scheme, would quietly turn into a path.
func BaseURLProblem(s string) (msg, hint string) {
	if s == "" {
		return "", ""
	}
	const example = `write a path such as "/careers/" or a URL such as "https://intranet.example.com/careers/"`
	if strings.TrimSpace(s) != s || strings.ContainsAny(s, " \t\r\n") {
		return "base_url contains white space", example
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return "base_url contains a control character", example
		}
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		if ue, ok := errors.AsType[*url.Error](err); ok {
			err = ue.Err
		}
		return "base_url is not a URL: " + err.Error(), example
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return "base_url must be a path or an http or https URL, not " + u.Scheme, example
	case u.Scheme != "" && u.Host == "":
		return "base_url has no host", `write the host after "` + u.Scheme + `://", as in "https://intranet.example.com/careers/"`
	case u.Scheme == "" && u.Host != "":
		return "base_url has a host but no scheme", `begin it with "https:", as in "https:` + s + `"`
	case u.Scheme == "" && !strings.HasPrefix(s, "/") && strings.Contains(strings.Split(s, "/")[0], "."):
		return "base_url looks like a host without a scheme", `begin it with "https://", as in "https://` + s + `"`
	case u.User != nil:
		return "base_url must not hold a user name or password", example
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.Contains(s, "#"):
		return "base_url must not hold a query or fragment", example
	}
	return "", ""
}

// checkBaseURL reports a base_url that BaseURLProblem rejects, at its value
// in site.toml, quoting what the author wrote, and leaves the default in
// its place.
func checkBaseURL(cfg *site.Config, src site.Source, diags *diag.List) {
	if !src.Has("base_url") {
		return
	}
	if msg, hint := BaseURLProblem(cfg.BaseURL); msg != "" {
		diags.Add("base-url", src.Value("base_url"), hint, "%s: %q", msg, cfg.BaseURL)
		cfg.BaseURL = ""
	}
}
