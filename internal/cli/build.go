package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/ladder-ssg/ladder/internal/diag"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/output"
	"github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/release"
	"github.com/ladder-ssg/ladder/internal/site"
)

// srcFlag registers --src and returns a function that opens the project.
// Without --src, the site is the current directory or the nearest folder
// above it with a site.toml (see pipeline.Find); when there is none, the
// example built into the binary is used if allowExample is set.
func srcFlag(fs interface {
	String(name, value, usage string) *string
}, allowExample bool) func() (*pipeline.Project, error) {
	src := fs.String("src", "", "the site's directory (default: the current directory or the nearest folder above it with a site.toml)")
	return func() (*pipeline.Project, error) {
		if *src != "" {
			return pipeline.Open(*src, false)
		}
		dir, err := pipeline.Find(".")
		if errors.Is(err, pipeline.ErrNoSite) && allowExample {
			return pipeline.Open(".", true)
		}
		if err != nil {
			return nil, err
		}
		return pipeline.Open(dir, false)
	}
}

// openError prints why the site cannot be opened and returns the exit
// code: 2 when there is no site where the command line points.
func openError(e *env, err error) int {
	errorf(e, "%v", err)
	if errors.Is(err, pipeline.ErrNoSite) {
		return ExitUsage
	}
	return ExitFailure
}

// printDiags prints diagnostics to stderr in clang style.
func printDiags(e *env, l diag.List, src diag.Sources) {
	if len(l) == 0 {
		return
	}
	diag.WriteText(e.stderr, l, src, diag.TextOptions{Color: e.color})
}

// buildWarnings is how many warnings a build prints; check lists them all.
const buildWarnings = 20

// printBuildDiags prints every error of a build and its first warnings,
// with a count per rule of the warnings left out.
func printBuildDiags(e *env, l diag.List, src diag.Sources) {
	if len(l) == 0 {
		return
	}
	diag.WriteTextLimit(e.stderr, l, src, diag.TextOptions{Color: e.color}, buildWarnings)
}

func runBuild(e *env, args []string) int {
	fs := flags(e, "build")
	open := srcFlag(fs, false)
	var o buildOptions
	fs.StringVar(&o.out, "out", "", "the output directory (default: output_dir of site.toml, in the site's directory)")
	fs.StringVar(&o.baseURL, "base-url", "", `override base_url, e.g. "/careers/" or "https://intranet.example.com/careers/"`)
	fs.BoolVar(&o.drafts, "drafts", false, "include entities marked draft = true")
	fs.BoolVar(&o.strict, "strict", false, "fail (exit 1, nothing written) when there are warnings")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the build to `FILE`, for go tool pprof")
	fs.StringVar(&o.memProfile, "memprofile", "", "write a heap profile to `FILE` once every page is written, for go tool pprof")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "build takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			errorf(e, "create CPU profile: %v", err)
			return ExitFailure
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			errorf(e, "start CPU profile: %v", err)
			return ExitFailure
		}
		defer func() {
			pprof.StopCPUProfile()
			f.Close()
		}()
	}
	return buildSite(context.Background(), e, open, o)
}

// buildOptions are the flags of build that buildSite uses.
type buildOptions struct {
	out, baseURL, memProfile string
	drafts, strict           bool
}

// buildSite compiles the site and streams its pages into the output
// directory, and returns the exit code. Once the output is being written,
// the end of ctx, Ctrl-C or a TERM stops the writing and leaves the
// previous output as it was.
func buildSite(ctx context.Context, e *env, open func() (*pipeline.Project, error), o buildOptions) int {
	if msg, hint := load.BaseURLProblem(o.baseURL); msg != "" {
		errorf(e, "--base-url%s: %q", strings.TrimPrefix(msg, "base_url"), o.baseURL)
		hintf(e, "%s", hint)
		return ExitUsage
	}
	start := time.Now()
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{Drafts: o.drafts, BaseURL: o.baseURL, Generator: "ladder " + version()}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if kept := release.CheckKept(ctx, proj.Dir, res.Site.Config, res.Texts); len(kept) > 0 {
		res.Diags = append(res.Diags, kept...)
		res.Diags.Sort()
		res.Renderer = nil
	}
	printBuildDiags(e, res.Diags, res.Texts.Sources())
	if res.Renderer == nil {
		errorf(e, "build failed: %s; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}
	if o.strict && res.Diags.Warnings() > 0 {
		errorf(e, "build failed: %s with --strict; nothing was written", diag.Summary(res.Diags))
		return ExitContent
	}
	// The diagnostics are printed: the texts of the content files are not
	// needed while the pages are written, only the configuration's, for an
	// error about the output folder.
	cfgText := res.Texts.Only(res.Site.Config.Src.File)
	res.Texts = nil
	// From here on, an interrupt stops the writing, so that the temporary
	// folder is removed before the build exits; until now, nothing was
	// written and the default of dying at once is right.
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	dir, guard := outputDir(proj, res.Site.Config, o.out)
	w, err := output.Create(dir, guard)
	if err != nil {
		return outputError(e, err, res.Site, cfgText, o.out == "")
	}
	defer func() {
		for _, msg := range w.Warnings() {
			warnf(e, "%s", msg)
		}
	}()
	var progress func(done, total int)
	if e.tty {
		progress = progressPrinter(e, start)
	}
	err = res.Renderer.Each(progress, interruptible(ctx, w.Write))
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\x1b[K")
	}
	if err != nil {
		w.Abort()
		errorf(e, "%v; the previous output was left as it was", err)
		return ExitFailure
	}
	if len(release.Kept(res.Site.Config)) > 0 {
		if proj.Dir == "" {
			warnf(e, "the example built into ladder has no git history: its kept releases are left out")
		} else if err := release.PublishKept(ctx, proj.Dir, res.Site.Config, res.Renderer.BaseURL(), "ladder "+version(), interruptible(ctx, w.Write)); err != nil {
			w.Abort()
			code, _ := sideError(e, err)
			hintf(e, "a release with keep = true is built from the site at its rev with this ladder: set keep = false, or release again from a commit that builds; the previous output was left as it was")
			if code == ExitUsage {
				code = ExitContent // the fault is site.toml's, not the command line's
			}
			return code
		}
	}
	if o.memProfile != "" {
		if err := writeHeapProfile(o.memProfile); err != nil {
			w.Abort()
			errorf(e, "%v", err)
			return ExitFailure
		}
	}
	if err := w.Commit(); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	pages := len(res.Renderer.Pages())
	unchanged := ""
	if n := w.Reused(); n > 0 {
		unchanged = fmt.Sprintf(" (%d unchanged)", n)
	}
	fmt.Fprintf(e.stdout, "built %d pages and %d other files in %d ms into %s%s\n",
		pages, w.Len()-pages, time.Since(start).Milliseconds(), relToWd(dir), unchanged)
	return ExitOK
}

// errInterrupted is returned by a write after an interrupt.
var errInterrupted = errors.New("interrupted")

// interruptible returns write, failing with errInterrupted once ctx is done.
func interruptible(ctx context.Context, write func(string, []byte) error) func(string, []byte) error {
	return func(p string, data []byte) error {
		if ctx.Err() != nil {
			return errInterrupted
		}
		return write(p, data)
	}
}

// outputDir returns the output directory of a build (out, else the
// site's output_dir) and what it must stay clear of: the site's folder and
// the folders it is read from.
func outputDir(proj *pipeline.Project, cfg site.Config, out string) (string, output.Guard) {
	base := proj.Dir
	if base == "" {
		base = "."
	}
	dir := out
	if dir == "" {
		dir = relToWd(filepath.Join(base, filepath.FromSlash(cfg.OutputDir)))
	}
	if proj.Dir == "" {
		return dir, output.Guard{}
	}
	g := output.Guard{Source: proj.Dir}
	for _, in := range []string{cfg.ContentDir, "layouts", "static", "themes"} {
		g.Inputs = append(g.Inputs, filepath.Join(proj.Dir, filepath.FromSlash(in)))
	}
	return dir, g
}

// outputError prints why the output directory cannot be used, at the
// output_dir line of site.toml when the directory came from there, and
// returns the exit code. texts hold the text of site.toml.
func outputError(e *env, err error, s *site.Site, texts site.Texts, fromConfig bool) int {
	var refused *output.RefusedError
	var locked *output.LockedError
	switch {
	case errors.As(err, &refused) && fromConfig && texts.Of(s.Config.Src).Has("output_dir"):
		d := diag.Diagnostic{Pos: texts.Of(s.Config.Src).Value("output_dir"), Severity: diag.Error, Rule: "output-dir", Msg: refused.Error(), Hint: refused.Hint}
		printDiags(e, diag.List{d}, texts.Sources())
	case errors.As(err, &refused):
		errorf(e, "%v", err)
		hintf(e, "%s", refused.Hint)
	case errors.As(err, &locked):
		errorf(e, "%v", err)
		hintf(e, "%s", locked.Hint())
	default:
		errorf(e, "%v", err)
	}
	return ExitFailure
}

// writeHeapProfile writes a heap profile to name, after a collection so
// that it shows what is live.
func writeHeapProfile(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("create heap profile: %w", err)
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return fmt.Errorf("write heap profile %s: %w", name, err)
	}
	return f.Close()
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
	format := fs.String("format", "text", "output format: "+strings.Join(diag.Formats, ", "))
	drafts := fs.Bool("drafts", false, "include entities marked draft = true")
	strict := fs.Bool("strict", false, "exit 1 when there are warnings, too")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "check takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	if !slices.Contains(diag.Formats, *format) {
		errorf(e, "unknown --format %q: use %s", *format, strings.Join(diag.Formats, ", "))
		return ExitUsage
	}
	proj, err := open()
	if err != nil {
		return openError(e, err)
	}
	res, err := proj.Compile(load.NewLoader(), pipeline.Options{Drafts: *drafts}, nil)
	if err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	res.Diags = append(res.Diags, release.CheckKept(context.Background(), proj.Dir, res.Site.Config, res.Texts)...)
	res.Diags.Sort()
	if *format != "text" {
		tool := diag.Tool{Name: "ladder", Version: version()}
		if err := diag.Write(e.stdout, *format, res.Diags, res.Texts.Sources(), tool); err != nil {
			errorf(e, "%v", err)
			return ExitFailure
		}
	} else {
		printDiags(e, res.Diags, res.Texts.Sources())
		if len(res.Diags) == 0 {
			s := res.Site
			plans := ""
			if n := len(s.Plans); n > 0 {
				plans = fmt.Sprintf(", %d plan %s", n, plural(n, "template", "templates"))
			}
			fmt.Fprintf(e.stdout, "ok: %d tracks, %d levels, %d competencies, %d courses, %d programs, %d pages%s\n",
				len(s.Tracks), len(s.Levels), len(s.Competencies), len(s.Courses), len(s.Programs), len(s.Pages), plans)
		}
	}
	if res.Diags.Errors() > 0 || *strict && res.Diags.Warnings() > 0 {
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
