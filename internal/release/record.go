package release

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/site"
)

// Recorded is what Record did.
type Recorded struct {
	File     string // the release file written, relative to the site: "releases/2026.1.json"
	Appended bool   // a [[releases]] entry was added to site.toml
	Entry    string // the entry's TOML (appended, or what the site already lists)
	// SiteVersion is site.toml's version, when it is not the version
	// recorded.
	SiteVersion string
	// Rev is the git commit recorded as the release's rev: the commit the
	// site's repository is at; "" outside a repository or without git.
	Rev string
	// Uncommitted reports that the site's folder has changes git has not
	// committed, which Rev does not hold.
	Uncommitted bool
}

// RecordOptions are the choices of ladder release besides the version.
type RecordOptions struct {
	Summary string
	Date    time.Time
	// Keep publishes the release in full under releases/<version>/ of
	// later builds (keep = true), built from the git commit recorded.
	Keep bool
}

// Record keeps the project's current framework as release version: it
// writes releases/<version>.json (atomically; over an earlier release file
// only) and, when site.toml lists no release of that version, appends a
// [[releases]] entry to the end of site.toml, leaving the rest of the file
// as the author wrote it. When the site is in a git repository, the entry
// records the commit it is at as rev. A site with errors is a
// *ContentError; a version that cannot name a file, and keep without a
// git commit to record, are *UsageError values.
func Record(ctx context.Context, proj *pipeline.Project, version string, opts RecordOptions) (*Recorded, error) {
	if !load.ValidVersion(version) {
		return nil, &UsageError{Msg: fmt.Sprintf("version %q cannot name a release file: use letters, digits, dots, dashes and underscores, as in 2026.1", version)}
	}
	if proj.Dir == "" {
		return nil, &UsageError{Msg: "ladder release records a release of a site on disk: run it in a site's folder, or give --src DIR"}
	}
	f, s, err := Compile(proj, proj.Dir)
	if err != nil {
		return nil, err
	}
	rev, uncommitted := headOf(ctx, proj.Dir)
	if opts.Keep && rev == "" {
		return nil, &UsageError{Msg: "--keep publishes the release from its git commit, and the site is not in a git repository with a commit (or git is not installed): commit the site first"}
	}
	f.Version = version
	data, err := datafile.Encode(f)
	if err != nil {
		return nil, err
	}
	rec := &Recorded{File: "releases/" + version + ".json", Rev: rev, Uncommitted: uncommitted}
	if s.Config.Version != version {
		rec.SiteVersion = s.Config.Version
	}
	for _, r := range s.Config.Releases {
		if r.Version == version && r.File != "" {
			rec.File = r.File
		}
	}
	abs := filepath.Join(proj.Dir, filepath.FromSlash(rec.File))
	if err := os.MkdirAll(filepath.Dir(abs), 0o755); err != nil {
		return nil, fmt.Errorf("make %s: %w", filepath.Dir(abs), err)
	}
	owned := func(old []byte) bool { _, err := datafile.Decode(old); return err == nil }
	if err := output.WriteFile(abs, data, owned, "move the file away, or name another file in the release's entry"); err != nil {
		var refused *output.FileRefusedError
		if errors.As(err, &refused) {
			return nil, &UsageError{Msg: fmt.Sprintf("%v (it is not a framework.json): %s", err, refused.Hint)}
		}
		return nil, err
	}
	listed := false
	for _, r := range s.Config.Releases {
		if r.Version == version {
			listed = true
			r.File = cmp.Or(r.File, rec.File)
			rec.Entry = entry(r)
		}
	}
	if listed {
		return rec, nil
	}
	rec.Entry = entry(site.Release{Version: version, Date: opts.Date, Summary: opts.Summary, File: rec.File, Rev: rev, Keep: opts.Keep})
	cfgPath := filepath.Join(proj.Dir, load.ConfigFile)
	old, err := os.ReadFile(cfgPath)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", cfgPath, err)
	}
	text := string(old)
	if text != "" && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += "\n" + rec.Entry
	if err := output.WriteFile(cfgPath, []byte(text), func([]byte) bool { return true }, ""); err != nil {
		return nil, err
	}
	rec.Appended = true
	return rec, nil
}

// entry writes a [[releases]] table.
func entry(r site.Release) string {
	var b strings.Builder
	b.WriteString("[[releases]]\n")
	fmt.Fprintf(&b, "version = %s\n", tomlString(r.Version))
	if !r.Date.IsZero() {
		fmt.Fprintf(&b, "date = %s\n", r.Date.Format("2006-01-02"))
	}
	fmt.Fprintf(&b, "summary = %s\n", tomlString(r.Summary))
	fmt.Fprintf(&b, "file = %s\n", tomlString(r.File))
	if r.Rev != "" {
		fmt.Fprintf(&b, "rev = %s\n", tomlString(r.Rev))
	}
	if r.Keep {
		b.WriteString("keep = true\n")
	}
	return b.String()
}

// headOf returns the commit that the git repository holding dir is at,
// and whether dir has changes that are not committed; "" when dir is not
// in a repository with a commit, or git is not installed.
func headOf(ctx context.Context, dir string) (rev string, uncommitted bool) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", false
	}
	rev, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "HEAD^{commit}")
	if err != nil {
		return "", false
	}
	status, err := git(ctx, dir, "status", "--porcelain", "--untracked-files=normal", "--", ".")
	return rev, err != nil || status != ""
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
