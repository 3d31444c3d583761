package cli

import (
	"context"
	"errors"
	"flag"
	"strings"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/diff"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/release"
)

var diffFormats = []string{"text", "markdown", "json"}

// runDiff compares two frameworks: "ladder diff OLD NEW", each a site's
// folder or a framework.json file, or "ladder diff --git REV [NEW]" for the
// site at a revision against the working tree (or NEW). Exit 0 with or
// without changes; 1 with --exit-code when there are changes, or when a
// side has content errors.
func runDiff(e *env, args []string) int {
	fs := flags(e, "diff")
	format := fs.String("format", "text", "output format: text, markdown (for a pull-request comment) or json")
	exitCode := fs.Bool("exit-code", false, "exit 1 when there are changes")
	rev := fs.String("git", "", "compare the site at this git revision (OLD) with the working tree, or with NEW")
	src := fs.String("src", "", "with --git: the site's directory (default: the current directory or the nearest folder above it with a site.toml)")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	switch *format {
	case "text", "markdown", "json":
	default:
		errorf(e, "unknown --format %q: use %s", *format, strings.Join(diffFormats, ", "))
		if s := diag.Suggest(*format, diffFormats); s != "" {
			hintf(e, "did you mean %q?", s)
		}
		return ExitUsage
	}
	gitMode := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "git" {
			gitMode = true
		}
	})
	var (
		oldF, newF         *datafile.Framework
		oldLabel, newLabel string
		newPath            string // the side NEW: a folder or a file
	)
	if gitMode {
		if fs.NArg() > 1 {
			errorf(e, "diff --git REV takes at most one more argument, NEW, got %d", fs.NArg())
			return ExitUsage
		}
		siteDir := *src
		if siteDir == "" {
			d, err := pipeline.Find(".")
			if err != nil {
				return openError(e, err)
			}
			siteDir = d
		}
		oldLabel = *rev
		f, err := release.OpenGit(context.Background(), siteDir, *rev)
		if code, ok := sideError(e, err); !ok {
			return code
		}
		oldF = f
		newPath, newLabel = siteDir, "the working tree"
		if fs.NArg() == 1 {
			newPath, newLabel = fs.Arg(0), fs.Arg(0)
		}
	} else {
		if *src != "" {
			errorf(e, "--src goes with --git; give the two sides as arguments: ladder diff OLD NEW")
			return ExitUsage
		}
		if fs.NArg() != 2 {
			errorf(e, "diff takes two arguments, OLD and NEW (a site's folder or a framework.json file each), or --git REV, got %d", fs.NArg())
			return ExitUsage
		}
		oldLabel, newLabel = fs.Arg(0), fs.Arg(1)
		newPath = newLabel
		f, err := release.Open(oldLabel)
		if code, ok := sideError(e, err); !ok {
			return code
		}
		oldF = f
	}
	f, err := release.Open(newPath)
	if code, ok := sideError(e, err); !ok {
		return code
	}
	newF = f
	r := diff.Compare(oldF, newF)
	r.Old.Label, r.New.Label = oldLabel, newLabel
	w := lineWriter{e.stdout}
	switch *format {
	case "json":
		err = diff.WriteJSON(e.stdout, r)
	case "markdown":
		err = diff.WriteMarkdown(w, r)
	default:
		err = diff.WriteText(w, r)
	}
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if *exitCode && !r.Empty() {
		return ExitContent
	}
	return ExitOK
}

// sideError prints why a side of a diff cannot be read and returns the
// exit code; ok is true when there is no error.
func sideError(e *env, err error) (int, bool) {
	if err == nil {
		return ExitOK, true
	}
	var ce *release.ContentError
	var ue *release.UsageError
	switch {
	case errors.As(err, &ce):
		if ce.Diags != nil {
			printDiags(e, ce.Diags, ce.Sources)
		}
		errorf(e, "%v", err)
		return ExitContent, false
	case errors.As(err, &ue):
		errorf(e, "%v", err)
		return ExitUsage, false
	}
	return openError(e, err), false
}
