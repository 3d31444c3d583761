package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/ladder-ssg/ladder/internal/catalogue"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/urlcheck"
)

// runImport turns an LMS course export into a catalogue: "ladder import
// courses FILE.csv [--into content/courses/NAME.toml] [--map SPEC]
// [--dry-run]". A bad row is a diagnostic at FILE.csv:LINE:COL, and then
// nothing is written (exit 1).
func runImport(e *env, args []string) int {
	fs := flags(e, "import")
	open := srcFlag(fs, false)
	into := fs.String("into", "", "the catalogue to write, under the content's courses/ folder (default: content/courses/NAME.toml, after the CSV file)")
	mapSpec := fs.String("map", "", `the course key of CSV columns, e.g. "Course Code=id,Duration (hours)=hours"`)
	dryRun := fs.Bool("dry-run", false, "say what would change, and write nothing")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 2 || fs.Arg(0) != "courses" {
		if fs.NArg() > 0 && fs.Arg(0) != "courses" {
			errorf(e, "import knows courses only, got %q", fs.Arg(0))
		} else {
			errorf(e, "import takes what to import and a CSV file: ladder import courses FILE.csv")
		}
		return ExitUsage
	}
	file := fs.Arg(1)
	m, order, err := catalogue.ParseMap(*mapSpec)
	if err != nil {
		var me *catalogue.MapError
		errors.As(err, &me)
		errorf(e, "%s", me.Msg)
		hintf(e, "%s", me.Hint)
		return ExitUsage
	}
	data, err := os.ReadFile(file)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	s, texts, _, err := load.NewLoader().Load(proj.FS, load.Options{Drafts: true}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	courses := path.Join(path.Clean(s.Config.ContentDir), "courses")
	target := *into
	if target == "" {
		stem := catalogue.Slug(strings.TrimSuffix(filepath.Base(file), filepath.Ext(file)))
		if stem == "" {
			stem = "imported"
		}
		target = path.Join(courses, stem+".toml")
	}
	target = path.Clean(filepath.ToSlash(target))
	if !strings.HasPrefix(target, courses+"/") || path.Ext(target) != ".toml" {
		errorf(e, "--into %s: a catalogue of courses is a .toml file under %s/", *into, courses)
		hintf(e, "give --into %s/NAME.toml", courses)
		return ExitUsage
	}

	res := catalogue.ReadCSV(file, data, catalogue.Options{Map: m, MapOrder: order, URLs: urlcheck.NewPolicy(s.Config.Links.Schemes)})
	srcs := func(f string) *diag.LineIndex {
		if f == file {
			return res.Lines
		}
		return texts[f].Lines
	}
	for _, c := range res.Courses {
		for _, sc := range s.Courses {
			if sc.ID == c.ID && sc.Src.File != target {
				res.Diags = append(res.Diags, diag.Diagnostic{
					Pos: c.Pos, Severity: diag.Error, Rule: "duplicate-id",
					Msg:   fmt.Sprintf("course %q is already defined in %s", c.ID, sc.Src.File),
					Hint:  "remove the row, or the course from " + sc.Src.File,
					Notes: []diag.Diagnostic{{Pos: texts.Of(sc.Src).Start(), Msg: "the course is defined here"}},
				})
			}
		}
	}
	if len(res.Diags) > 0 {
		printDiags(e, res.Diags, srcs)
	}
	if res.Diags.Errors() > 0 {
		errorf(e, "import failed: %s; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}

	name := filepath.Join(projectDir(proj.Dir), filepath.FromSlash(target))
	var old []catalogue.Course
	prev, err := os.ReadFile(name)
	switch {
	case err == nil && !catalogue.Owned(prev):
		errorf(e, "refusing to rewrite %s: ladder import did not write it", target)
		hintf(e, "import into a new file with --into; ladder import rewrites only catalogues whose first line starts with %q", catalogue.Marker)
		return ExitFailure
	case err == nil:
		if old, err = catalogue.Decode(prev); err != nil {
			errorf(e, "%s: %v", target, err)
			hintf(e, "fix the catalogue (ladder check shows where), or import into a new file with --into")
			return ExitContent
		}
	case !errors.Is(err, os.ErrNotExist):
		errorf(e, "read %v", err)
		return ExitFailure
	}
	var imported []string
	for _, k := range catalogue.Keys {
		if res.Imports(k) {
			imported = append(imported, k)
		}
	}
	merged, changes := catalogue.Merge(old, res.Courses, imported)
	out := catalogue.Encode(filepath.Base(file), merged)

	w := lineWriter{e.stdout}
	if len(res.Ignored) > 0 {
		fmt.Fprintf(w, "not imported: the columns %s (map one with --map \"COLUMN=KEY\")\n", quoteAll(res.Ignored))
	}
	counts := map[string]int{}
	for _, c := range changes {
		counts[c.Kind]++
		switch c.Kind {
		case "changed":
			fmt.Fprintf(w, "%-8s %s: %s\n", c.Kind, c.ID, strings.Join(c.Keys, ", "))
		default:
			fmt.Fprintf(w, "%-8s %s %q\n", c.Kind, c.ID, c.Title)
		}
	}
	summary := fmt.Sprintf("%s: %d %s; %d added, %d changed, %d removed", target, len(merged), plural(len(merged), "course", "courses"), counts["added"], counts["changed"], counts["removed"])
	switch {
	case *dryRun:
		fmt.Fprintf(w, "%s (dry run: nothing was written)\n", summary)
		return ExitOK
	case bytes.Equal(prev, out):
		fmt.Fprintf(w, "%s: %d %s, unchanged\n", target, len(merged), plural(len(merged), "course", "courses"))
		return ExitOK
	}
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if err := output.WriteFile(name, out, catalogue.Owned, "import into a new file with --into"); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintln(w, summary)
	return ExitOK
}

// projectDir is the site's directory on disk, "." for the current one.
func projectDir(dir string) string {
	if dir == "" {
		return "."
	}
	return dir
}

func quoteAll(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return strings.Join(q, ", ")
}
