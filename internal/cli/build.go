package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ladder-ssg/ladder/internal/build"
	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
)

// srcFlag registers --src and returns a function that opens the project;
// when --src was not given and the current directory holds no site, the
// example built into the binary is used if allowExample is set.
func srcFlag(fs interface {
	String(name, value, usage string) *string
}, allowExample bool) func() (*build.Project, error) {
	src := fs.String("src", "", "the site's directory (default: the current directory)")
	return func() (*build.Project, error) {
		if *src == "" {
			return build.Open(".", allowExample)
		}
		return build.Open(*src, false)
	}
}

// printDiags prints diagnostics to stderr in clang style.
func printDiags(e *env, l diag.List, src diag.Sources) {
	if len(l) == 0 {
		return
	}
	diag.WriteText(e.stderr, l, src, diag.TextOptions{Color: e.color})
}

func runBuild(e *env, args []string) int {
	fs := flags(e, "build")
	open := srcFlag(fs, true)
	out := fs.String("out", "", "the output directory (default: output_dir of site.toml, in the site's directory)")
	baseURL := fs.String("base-url", "", `override base_url, e.g. "/careers/" or "https://intranet.example.com/careers/"`)
	drafts := fs.Bool("drafts", false, "include entities marked draft = true")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "build takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	start := time.Now()
	proj, err := open()
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	res, err := proj.Compile(load.NewLoader(), build.Options{Drafts: *drafts, BaseURL: *baseURL, Generator: "ladder " + version()}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	printDiags(e, res.Diags, res.Site.Sources())
	if res.Renderer == nil {
		errorf(e, "build failed: %s; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}
	var progress func(done, total int)
	if e.tty {
		progress = progressPrinter(e, start)
	}
	o, err := res.Renderer.All(progress)
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\x1b[K")
	}
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	dir := *out
	if dir == "" {
		base := proj.Dir
		if base == "" {
			base = "."
		}
		dir = filepath.Join(base, filepath.FromSlash(res.Site.Config.OutputDir))
	}
	if err := o.Write(dir); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	pages := len(res.Renderer.Pages())
	fmt.Fprintf(e.stdout, "built %d pages and %d other files in %d ms into %s\n",
		pages, o.Len()-pages, time.Since(start).Milliseconds(), relToWd(dir))
	return ExitOK
}

// progressPrinter returns a progress callback that redraws one line on the
// terminal, at most ten times a second, once a build has run for 300 ms.
func progressPrinter(e *env, start time.Time) func(done, total int) {
	var last time.Time
	return func(done, total int) {
		now := time.Now()
		if now.Sub(start) < 300*time.Millisecond || now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		fmt.Fprintf(e.stderr, "\r\x1b[Krendering %d/%d pages", done, total)
	}
}

func runCheck(e *env, args []string) int {
	fs := flags(e, "check")
	open := srcFlag(fs, false)
	format := fs.String("format", "text", "output format: text or json")
	drafts := fs.Bool("drafts", false, "include entities marked draft = true")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if *format != "text" && *format != "json" {
		errorf(e, "unknown --format %q: use text or json", *format)
		return ExitUsage
	}
	proj, err := open()
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	res, err := proj.Compile(load.NewLoader(), build.Options{Drafts: *drafts}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if *format == "json" {
		if err := diag.WriteJSON(e.stdout, res.Diags, res.Site.Sources()); err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
	} else {
		printDiags(e, res.Diags, res.Site.Sources())
		if len(res.Diags) == 0 {
			s := res.Site
			fmt.Fprintf(e.stdout, "ok: %d tracks, %d levels, %d competencies, %d courses, %d programs, %d pages\n",
				len(s.Tracks), len(s.Levels), len(s.Competencies), len(s.Courses), len(s.Programs), len(s.Pages))
		}
	}
	if res.Diags.Errors() > 0 {
		return ExitContent
	}
	return ExitOK
}

// relToWd returns p relative to the working directory when that is shorter
// to read (p is at or below it, or close by), else p as it is.
func relToWd(p string) string {
	if !filepath.IsAbs(p) {
		return p
	}
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	r, err := filepath.Rel(wd, p)
	if err != nil || strings.HasPrefix(r, ".."+string(filepath.Separator)+"..") {
		return p
	}
	return r
}
