// Package cli is the ladder command line: flags, subcommands, exit codes,
// colour and progress. It wires the stages together and holds no logic of
// its own beyond that.
//
// Exit codes: 0 success; 1 the content has errors (build, check, path) or a
// route does not exist; 2 the command line is wrong; 3 anything else failed
// (files that cannot be read or written, a broken theme, a port in use).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/ladder-ssg/ladder/internal/diag"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitContent = 1
	ExitUsage   = 2
	ExitFailure = 3
)

// Version is the version printed by "ladder version"; set at link time with
// -ldflags "-X github.com/ladder-ssg/ladder/internal/cli.Version=v1.2.3",
// else taken from the module's build information.
var Version = ""

// env is what a command needs from its surroundings.
type env struct {
	stdout, stderr io.Writer
	color          bool // diagnostics in colour (stderr is a terminal, NO_COLOR unset)
	tty            bool // stderr is a terminal: show progress
}

type command struct {
	name, args, summary string
	run                 func(e *env, args []string) int
}

func commands() []command {
	return []command{
		{"build", "[--src DIR] [--out DIR] [--base-url URL] [--drafts] [--strict] [--cpuprofile FILE] [--memprofile FILE]", "build the site into a directory", runBuild},
		{"serve", "[--src DIR] [--addr 127.0.0.1:PORT] [--allow-host NAME]... [--poll DURATION] [--drafts]", "preview the site with live reload, from memory", runServe},
		{"check", "[--src DIR] [--format text|json|github|gitlab|sarif] [--strict]", "validate the content; exit 1 on errors", runCheck},
		{"new", "[--src DIR] track|level|course|program|competency|page ID", "create a content file (a level: TRACK/ID)", runNew},
		{"init", "DIR", "create a new site from the example", runInit},
		{"path", "[--src DIR] [--format text|json] FROM TO", "the route from one level to another", runPath},
		{"import", "[--src DIR] courses FILE.csv [--into content/courses/NAME.toml] [--map COLUMN=KEY,...] [--dry-run]", "turn an LMS course export into a catalogue of courses", runImport},
		{"export", "[--src DIR] --format csv|xlsx [--out PATH]", "write the framework as spreadsheets for managers", runExport},
		{"version", "", "print the version", runVersion},
	}
}

// Run runs the ladder command line with args (without the program name) and
// returns the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr}
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		e.tty = true
		e.color = os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb"
	}
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	name := args[0]
	switch name {
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run(e, []string{"--help"})
				}
			}
		}
		usage(stdout)
		return ExitOK
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name {
			if os.Getenv("GOGC") == "" && c.name != "build" {
				// The other commands hold a whole site in memory and then
				// drop it; collecting garbage less often trades a little
				// memory for speed. build streams its pages to disk, so
				// its live heap is the site model alone, and the default
				// keeps its peak at about twice that (a quarter of 400's).
				// GOGC overrides this.
				defer debug.SetGCPercent(debug.SetGCPercent(400))
			}
			return c.run(e, args[1:])
		}
	}
	fmt.Fprintf(stderr, "ladder: unknown command %q\n", name)
	if s := suggestCommand(name); s != "" {
		fmt.Fprintf(stderr, "ladder: hint: did you mean %q?\n", s)
	}
	fmt.Fprintln(stderr, "Run 'ladder help' for usage.")
	return ExitUsage
}

// suggestCommand returns the command a mistyped name most likely meant: one
// it is a prefix of (or that is a prefix of it), else the closest by edits.
func suggestCommand(name string) string {
	if name == "" {
		return ""
	}
	var names []string
	for _, c := range commands() {
		if strings.HasPrefix(c.name, name) || strings.HasPrefix(name, c.name) {
			return c.name
		}
		names = append(names, c.name)
	}
	return diag.Suggest(name, names)
}

func usage(w io.Writer) {
	fmt.Fprint(w, `ladder builds career-framework websites from TOML and markdown.

Usage:
  ladder <command> [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run 'ladder <command> --help' for a command's flags.
With no site.toml around them, build and serve use the example site built
into the binary.

Exit codes: 0 success, 1 content errors, 2 usage errors, 3 other failures.
`)
}

// flags returns a FlagSet for a command that prints its usage on -h.
func flags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("ladder "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: ladder %s %s\n\n%s.\n\nFlags:\n", c.name, c.args, upperFirst(c.summary))
				fs.PrintDefaults()
			}
		}
	}
	return fs
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// parse parses flags; it returns an exit code and false when the command
// must stop (help asked for, or a usage error).
func parse(e *env, fs *flag.FlagSet, args []string) (int, bool) {
	// Accept flags after positional arguments too, as Hugo and Zola do.
	var flagArgs, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			flagArgs = append(flagArgs, a)
			name := strings.TrimLeft(a, "-")
			if !strings.Contains(name, "=") {
				if f := fs.Lookup(name); f != nil {
					if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
						if i+1 < len(args) {
							flagArgs = append(flagArgs, args[i+1])
							i++
						}
					}
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	// Parse the flags on their own first, so that a flag missing its value
	// at the end is reported rather than given the "--" that follows.
	if err := fs.Parse(flagArgs); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK, false
		}
		return ExitUsage, false
	}
	rest := append(fs.Args(), pos...)
	if err := fs.Parse(append([]string{"--"}, rest...)); err != nil {
		return ExitUsage, false
	}
	return ExitOK, true
}

// errorf prints an error of the command, with the characters a terminal
// would act on escaped: messages quote paths and values from the content.
func errorf(e *env, format string, args ...any) {
	msg := diag.Escape(fmt.Sprintf(format, args...))
	if e.color {
		fmt.Fprintf(e.stderr, "\x1b[1;31mladder: error:\x1b[0m %s\n", msg)
		return
	}
	fmt.Fprintf(e.stderr, "ladder: error: %s\n", msg)
}

// warnf prints a warning that is not about a file of the site.
func warnf(e *env, format string, args ...any) {
	fmt.Fprintf(e.stderr, "ladder: warning: %s\n", fmt.Sprintf(format, args...))
}

func runVersion(e *env, args []string) int {
	fs := flags(e, "version")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		errorf(e, "version takes no arguments, got %q", fs.Arg(0))
		return ExitUsage
	}
	fmt.Fprintf(e.stdout, "ladder %s\n", version())
	return ExitOK
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// isTerminal reports whether f is a character device (a terminal).
func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// lineWriter writes text made of content values line by line, with the
// characters a terminal would act on escaped (see diag.Escape).
type lineWriter struct{ w io.Writer }

// Write writes p with each line escaped. It reports len(p) written when
// the underlying writer took everything.
func (lw lineWriter) Write(p []byte) (int, error) {
	lines := strings.Split(string(p), "\n")
	for i := range lines {
		lines[i] = diag.Escape(lines[i])
	}
	if _, err := io.WriteString(lw.w, strings.Join(lines, "\n")); err != nil {
		return 0, err
	}
	return len(p), nil
}
