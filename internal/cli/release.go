package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/release"
)

// runRelease records a release of the framework: "ladder release VERSION"
// keeps the current framework.json under releases/ and lists the release
// in site.toml.
func runRelease(e *env, args []string) int {
	fs := flags(e, "release")
	open := srcFlag(fs, false)
	summary := fs.String("summary", "", "what the release brings, for readers of /changes/")
	dateFlag := fs.String("date", "", "the release's date, YYYY-MM-DD (default: today)")
	keep := fs.Bool("keep", false, "publish the release in full under /releases/VERSION/ of later builds (keep = true), built from the git commit recorded")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		errorf(e, "release takes one argument, the VERSION (e.g. 2026.1), got %d", fs.NArg())
		return ExitUsage
	}
	date := load.Today()
	if *dateFlag != "" {
		d, err := time.Parse("2006-01-02", *dateFlag)
		if err != nil {
			errorf(e, "--date %q is not a date: give YYYY-MM-DD", *dateFlag)
			return ExitUsage
		}
		date = d
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	rec, err := release.Record(context.Background(), proj, fs.Arg(0), release.RecordOptions{Summary: *summary, Date: date, Keep: *keep})
	if code, ok := sideError(e, err); !ok {
		return code
	}
	w := lineWriter{e.stdout}
	fmt.Fprintf(w, "wrote %s\n", rec.File)
	if rec.Appended {
		fmt.Fprintf(w, "added to site.toml:\n\n%s", rec.Entry)
	} else {
		fmt.Fprintf(w, "site.toml already lists release %s\n", fs.Arg(0))
	}
	if rec.Uncommitted && rec.Rev != "" {
		warnf(e, "the site has changes that are not committed: rev records commit %.12s, without them; commit, then run ladder release again to record the right commit", rec.Rev)
	}
	if rec.SiteVersion != fs.Arg(0) && rec.SiteVersion != "" {
		hintf(e, "site.toml says version = %q: set it to the version you work on next", rec.SiteVersion)
	}
	return ExitOK
}
