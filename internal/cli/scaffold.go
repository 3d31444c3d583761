package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/scaffold"
	"github.com/ladder-ssg/ladder/internal/site"
)

// runInit creates a new site in a directory (see scaffold.Init).
func runInit(e *env, args []string) int {
	fs := flags(e, "init")
	example := fs.Bool("example", false, "copy the full example framework instead of the small starter")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		errorf(e, "init takes one directory, e.g. ladder init careers")
		return ExitUsage
	}
	dir := fs.Arg(0)
	if err := scaffold.Init(dir, *example); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	what := "a small starter framework (one track, two levels, a competency, a course and a program)"
	if *example {
		what = "the example framework"
	}
	fmt.Fprintf(e.stdout, `created a new site in %s from %s

Next steps:
  %-30s preview it, with live reload

Then, in %s:
  ladder new level TRACK/ID      add a level (or a track, course, program, competency or page)
  ladder check                   validate the content
  ladder build                   write the site into build/
`, dir, what, "cd "+dir+" && ladder serve", dir)
	return ExitOK
}

// runTheme runs the theme subcommands: eject copies the built-in theme
// into the site (see scaffold.EjectTheme).
func runTheme(e *env, args []string) int {
	fs := flags(e, "theme")
	open := srcFlag(fs, false)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() == 0 || fs.Arg(0) != "eject" {
		errorf(e, "theme takes a subcommand: ladder theme eject [DIR]")
		if fs.NArg() > 0 {
			if s := diag.Suggest(fs.Arg(0), []string{"eject"}); s != "" {
				hintf(e, "did you mean %q?", s)
			}
		}
		return ExitUsage
	}
	if fs.NArg() > 2 {
		errorf(e, "theme eject takes at most one directory, got %q", strings.Join(fs.Args()[1:], " "))
		return ExitUsage
	}
	dir := fs.Arg(1)
	inSite := dir == ""
	if inSite {
		proj, err := open()
		if err != nil {
			return openError(e, err)
		}
		dir = displayPath(proj, "themes/default")
	}
	if err := scaffold.EjectTheme(dir); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "copied the built-in theme into %s\n", dir)
	if inSite {
		fmt.Fprintln(e.stdout, `The site uses it from now on (theme = "default"): edit its layouts/ and assets/.
To change a few layouts only, copy them into the site's layouts/ instead.`)
	} else {
		fmt.Fprintf(e.stdout, "To use it, put it in the site's themes/NAME/ and set theme = \"NAME\" in site.toml.\n")
	}
	return ExitOK
}

// runNew creates the content file of a new entity (see scaffold.New).
func runNew(e *env, args []string) int {
	fs := flags(e, "new")
	open := srcFlag(fs, false)
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 {
		errorf(e, "new takes a kind and an id, e.g. ladder new course secure-coding, or ladder new level software/sde-4")
		return ExitUsage
	}
	name, id := fs.Arg(0), fs.Arg(1)
	kind := site.ParseKind(name)
	if !slices.Contains(scaffold.Kinds, kind) {
		names := scaffold.KindNames()
		errorf(e, "unknown kind %q: use one of %s", name, strings.Join(names, ", "))
		if s := diag.Suggest(name, names); s != "" {
			hintf(e, "did you mean %q?", s)
		}
		return ExitUsage
	}
	track := ""
	if kind == site.KindLevel {
		var ok bool
		track, id, ok = strings.Cut(id, "/")
		if !ok {
			errorf(e, "a level is named TRACK/ID, e.g. ladder new level <track>/%s", track)
			return ExitUsage
		}
		if !load.ValidID(track) {
			badID(e, "track", track)
			return ExitUsage
		}
	}
	if !load.ValidID(id) {
		badID(e, name, id)
		return ExitUsage
	}
	if kind == site.KindPage && slices.Contains(site.ReservedSlugs, id) {
		errorf(e, "page %q would replace the site's own /%s/ page; choose another id", id, id)
		return ExitUsage
	}

	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	// Drafts count: a new entity must not take the id of one.
	s, texts, _, err := load.Dir(proj.FS, load.Options{Drafts: true})
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	check.Site(s, texts)

	f, err := scaffold.New(s, texts, kind, track, id)
	var unknown *scaffold.UnknownTrackError
	switch {
	case errors.As(err, &unknown):
		errorf(e, "%v", err)
		hintf(e, "%s", unknown.Hint())
		return ExitContent
	case err != nil:
		errorf(e, "%v", err)
		return ExitFailure
	}
	if err := scaffold.Create(proj.Dir, f); err != nil {
		if errors.Is(err, os.ErrExist) {
			errorf(e, "%s already exists; not overwriting it", displayPath(proj, f.Path))
		} else {
			errorf(e, "%v", err)
		}
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "created %s\n", displayPath(proj, f.Path))
	return ExitOK
}

// displayPath returns the path of a site file as the user can type it.
func displayPath(proj *pipeline.Project, rel string) string {
	return relToWd(filepath.Join(proj.Dir, filepath.FromSlash(rel)))
}

func badID(e *env, kind, id string) {
	errorf(e, "invalid %s id %q: use lower-case letters, digits and hyphens", kind, id)
	if s := load.SuggestID(id); s != "" && s != id {
		hintf(e, "did you mean %q?", s)
	}
}

func hintf(e *env, format string, args ...any) {
	fmt.Fprintf(e.stderr, "ladder: hint: %s\n", diag.Escape(fmt.Sprintf(format, args...)))
}
