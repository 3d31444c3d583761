package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/export"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// exportFormats are the formats of ladder export.
var exportFormats = []string{"csv", "xlsx"}

// runExport writes the framework as spreadsheets: "ladder export --format
// csv|xlsx [--out PATH]". The site is compiled as build compiles it; a site
// with errors exports nothing (exit 1).
func runExport(e *env, args []string) int {
	fs := flags(e, "export")
	open := srcFlag(fs, false)
	format := fs.String("format", "", "what to write: csv (a folder of CSV files) or xlsx (one workbook)")
	out := fs.String("out", "", "where to write: a folder for csv (default framework-csv), a file for xlsx (default framework.xlsx)")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "export takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	switch *format {
	case "csv", "xlsx":
	case "":
		errorf(e, "export needs --format: use %s", strings.Join(exportFormats, " or "))
		return ExitUsage
	default:
		errorf(e, "unknown --format %q: use %s", *format, strings.Join(exportFormats, " or "))
		if s := diag.Suggest(*format, exportFormats); s != "" {
			hintf(e, "did you mean %q?", s)
		}
		return ExitUsage
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	printBuildDiags(e, res.Diags, res.Site.Sources())
	if res.Renderer == nil {
		errorf(e, "export failed: %s; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}
	s := res.Site
	tables := export.Tables(s)
	if *format == "xlsx" {
		path := *out
		if path == "" {
			path = "framework.xlsx"
		}
		data, err := export.XLSX(tables, export.Meta{Title: s.Config.Title, Created: s.Config.Today})
		if err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
		err = output.WriteFile(path, data, export.Owned, "give --out a file that does not exist yet, or move this one away")
		var refused *output.FileRefusedError
		if errors.As(err, &refused) {
			errorf(e, "%v (it is not a workbook that ladder export wrote)", err)
			hintf(e, "%s", refused.Hint)
			return ExitFailure
		}
		if err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "exported %d sheets to %s\n", len(tables), path)
		return ExitOK
	}
	dir := *out
	if dir == "" {
		dir = "framework-csv"
	}
	_, guard := outputDir(proj, s.Config, dir)
	w, err := output.Create(dir, guard)
	if err != nil {
		return outputError(e, err, s, false)
	}
	defer func() {
		for _, msg := range w.Warnings() {
			warnf(e, "%s", msg)
		}
	}()
	for _, t := range tables {
		if err := w.Write(t.Name+".csv", export.CSV(t)); err != nil {
			w.Abort()
			errorf(e, "%v", err)
			return ExitFailure
		}
	}
	if err := w.Commit(); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "exported %d CSV files to %s\n", len(tables), dir)
	return ExitOK
}
