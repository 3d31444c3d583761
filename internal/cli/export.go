package cli

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/export"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/site"
)

// exportFormats are the formats of ladder export.
var exportFormats = []string{"csv", "xlsx", "case", "rsd"}

// runExport writes the framework as spreadsheets: "ladder export --format
// csv|xlsx [--out PATH]". The site is compiled as build compiles it; a site
// with errors exports nothing (exit 1).
func runExport(e *env, args []string) int {
	fs := flags(e, "export")
	open := srcFlag(fs, false)
	format := fs.String("format", "", "what to write: csv (a folder of CSV files), xlsx (one workbook), case (a 1EdTech CASE 1.1 package) or rsd (a folder of Open Skills Network Rich Skill Descriptors)")
	out := fs.String("out", "", "where to write: a folder for csv and rsd (default framework-csv, framework-rsd), a file for xlsx and case (default framework.xlsx, framework-case.json)")
	baseURL := fs.String("base-url", "", "override base_url, the absolute URL that case and rsd name every item by")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "export takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	switch *format {
	case "csv", "xlsx", "case", "rsd":
	case "":
		errorf(e, "export needs --format: use %s", strings.Join(exportFormats, ", "))
		return ExitUsage
	default:
		errorf(e, "unknown --format %q: use %s", *format, strings.Join(exportFormats, ", "))
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
	printBuildDiags(e, res.Diags, res.Texts.Sources())
	if res.Renderer == nil {
		errorf(e, "export failed: %s; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}
	s := res.Site
	if *format == "case" || *format == "rsd" {
		return exportSkills(e, proj, s, *format, *out, *baseURL)
	}
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
		return outputError(e, err, s, nil, false)
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

// exportSkills writes the competencies as a CASE package (one file) or as
// Rich Skill Descriptors (a folder, one file per competency).
func exportSkills(e *env, proj *pipeline.Project, s *site.Site, format, out, baseURL string) int {
	base := s.Config.BaseURL
	if baseURL != "" {
		base = baseURL
	}
	base, err := export.BaseURL(base)
	if err != nil {
		errorf(e, "%v", err)
		hintf(e, `set base_url = "https://careers.example.com/" in site.toml, or give --base-url`)
		return ExitUsage
	}
	if format == "case" {
		path := out
		if path == "" {
			path = "framework-case.json"
		}
		data, err := export.CASE(s, base)
		if err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
		err = output.WriteFile(path, data, export.OwnedCASE, "give --out a file that does not exist yet, or move this one away")
		var refused *output.FileRefusedError
		if errors.As(err, &refused) {
			errorf(e, "%v (it is not a CASE package that ladder export wrote)", err)
			hintf(e, "%s", refused.Hint)
			return ExitFailure
		}
		if err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
		fmt.Fprintf(e.stdout, "exported %d %s as a CASE package to %s\n", len(s.Competencies), plural(len(s.Competencies), "competency", "competencies"), path)
		return ExitOK
	}
	dir := out
	if dir == "" {
		dir = "framework-rsd"
	}
	rsds, err := export.RSDs(s, base)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	_, guard := outputDir(proj, s.Config, dir)
	w, err := output.Create(dir, guard)
	if err != nil {
		return outputError(e, err, s, nil, false)
	}
	defer func() {
		for _, msg := range w.Warnings() {
			warnf(e, "%s", msg)
		}
	}()
	for _, id := range slices.Sorted(maps.Keys(rsds)) {
		if err := w.Write(id+".json", rsds[id]); err != nil {
			w.Abort()
			errorf(e, "%v", err)
			return ExitFailure
		}
	}
	if err := w.Commit(); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, "exported %d Rich Skill %s to %s\n", len(rsds), plural(len(rsds), "Descriptor", "Descriptors"), dir)
	return ExitOK
}
