package load

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/site"
)

// ReleaseFileSize is the largest release file read: a framework.json of a
// very large site.
const ReleaseFileSize = 256 << 20

// validVersion is what a version may look like: it names a file under
// releases/ and a URL, so no slashes, spaces or leading dots.
var validVersion = regexp.MustCompile(`^[0-9A-Za-z][0-9A-Za-z._-]*$`)

// validRev is what a git revision in site.toml may look like: no leading
// dash (it would read as an option) and no spaces.
var validRev = regexp.MustCompile(`^[^-\s]\S*$`)

// ValidVersion reports whether v may be a version: letters, digits, dots,
// dashes and underscores, starting with a letter or digit.
func ValidVersion(v string) bool { return validVersion.MatchString(v) }

// checkReleases checks site.toml's version and [[releases]] and reads each
// release's framework.json into its Data.
//
// Example:
//
//	[[releases]]
//	version = "2026.1"
//	date = 2026-01-15
//	file = "releases/2026.1.json"
//
// Discussion: a release names the framework.json that ladder release
// kept of that version, so that /changes/ can say what changed since. A
// missing version or date, a version used twice, and a file that is
// absent, outside the site or not a framework.json are errors at the key.
// The entry of the site's own version (site.toml version) may leave out
// file: its framework is the site's content.
func checkReleases(fsys fs.FS, cfg *site.Config, src site.Source, diags *diag.List) {
	const hint = "a version is letters, digits, dots, dashes and underscores, as in \"2026.1\""
	if cfg.Version != "" && !validVersion.MatchString(cfg.Version) {
		diags.Add("release", src.Value("version"), hint, "version %q cannot name a release file or page", cfg.Version)
	}
	seen := map[string]bool{}
	for i := range cfg.Releases {
		r := &cfg.Releases[i]
		at := func(key string) string { return fmt.Sprintf("releases[%d].%s", i, key) }
		switch {
		case r.Version == "":
			diags.Add("release", src.Key(fmt.Sprintf("releases[%d]", i)), `add version = "2026.1"`, "[[releases]] entry without a version")
		case !validVersion.MatchString(r.Version):
			diags.Add("release", src.Value(at("version")), hint, "release version %q cannot name a release file or page", r.Version)
		case seen[r.Version]:
			diags.Add("release", src.Value(at("version")), "each release is listed once; remove or renumber this one", "release %q is listed twice", r.Version)
		}
		seen[r.Version] = true
		switch {
		case r.Rev != "" && !validRev.MatchString(r.Rev):
			diags.Add("release", src.Value(at("rev")), "give the commit of the release, as git log prints it, or a tag", "release %q: rev %q is not a git revision", r.Version, r.Rev)
		case r.Keep && r.Rev == "":
			diags.Add("release", src.Value(at("keep")),
				"add rev = \"<commit>\" (the git commit of that release, as git log prints it): the kept pages are built from the site at that commit",
				"release %q has keep = true but no rev", r.Version)
		}
		if r.Date.IsZero() {
			diags.Add("release", src.Key(fmt.Sprintf("releases[%d]", i)), "add date = 2026-01-15 (a TOML date, without quotes)", "release %q has no date", r.Version)
		}
		if r.File == "" {
			if r.Version != cfg.Version || r.Version == "" {
				diags.Add("release", src.Key(fmt.Sprintf("releases[%d]", i)),
					fmt.Sprintf("run ladder release %s to keep its framework.json, or add file = \"releases/%s.json\"", r.Version, r.Version),
					"release %q has no file (only the site's own version may leave it out)", r.Version)
			}
			continue
		}
		name := path.Clean(r.File)
		if !fs.ValidPath(name) || name == "." {
			diags.Add("release", src.Value(at("file")), "give a slash path inside the site, such as \"releases/2026.1.json\"", "release file %q is outside the site", r.File)
			continue
		}
		data, err := readLimited(fsys, name, ReleaseFileSize)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			diags.Add("release", src.Value(at("file")), fmt.Sprintf("restore the file from git, or run ladder release %s at the commit of that release", r.Version), "release file %s does not exist", r.File)
			continue
		case err != nil:
			diags.Add("release", src.Value(at("file")), "", "release file %s cannot be read: %v", r.File, err)
			continue
		case len(data) > ReleaseFileSize:
			diags.Add("release", src.Value(at("file")), "", "release file %s is larger than %s", r.File, site.ByteSize(ReleaseFileSize))
			continue
		}
		if _, err := datafile.Decode(data); err != nil {
			diags.Add("release", src.Value(at("file")), "keep the framework.json that ladder release wrote", "release file %s: %v", r.File, err)
			continue
		}
		r.Data = data
	}
}
