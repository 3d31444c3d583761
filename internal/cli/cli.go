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
	"runtime"
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

// Version, Commit and Date describe a release build; they are set at
// link time, e.g. -ldflags "-X github.com/ladder-ssg/ladder/internal/cli.Version=v1.2.3
// -X github.com/ladder-ssg/ladder/internal/cli.Commit=abc1234
// -X github.com/ladder-ssg/ladder/internal/cli.Date=2026-12-05T10:00:00Z".
// Left empty, they come from the binary's build information (the module
// version, and the VCS revision and time that go build records).
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

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
		{"new", "[--src DIR] track|level|course|program|competency|page|plan ID", "create a content file (a level: TRACK/ID)", runNew},
		{"init", "[--example] DIR", "create a new site: a small starter, or the full example", runInit},
		{"theme", "eject [--src DIR] [DIR]", "copy the built-in theme into the site (themes/default/) to customise it", runTheme},
		{"path", "[--src DIR] [--format text|json] [--by steps|time] FROM TO", "the route from one level to another", runPath},
		{"import", "[--src DIR] courses FILE.csv [--into content/courses/NAME.toml] [--map COLUMN=KEY,...] [--dry-run]", "turn an LMS course export into a catalogue of courses", runImport},
		{"export", "[--src DIR] --format csv|xlsx|case|rsd [--out PATH] [--base-url URL]", "write the framework as spreadsheets, or its competencies as skills standards", runExport},
		{"diff", "[--format text|markdown|json] [--exit-code] OLD NEW | --git REV [NEW]", "what changed between two versions of the framework (site folders, framework.json files, or a git revision)", runDiff},
		{"release", "[--src DIR] [--summary TEXT] [--date YYYY-MM-DD] VERSION", "record a release: keep the framework's data under releases/ and list it in site.toml", runRelease},
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
		if len(args) > 2 {
			errorf(e, "help takes at most one command, got %q", strings.Join(args[1:], " "))
			return ExitUsage
		}
		if len(args) == 2 {
			for _, c := range commands() {
				if c.name == args[1] {
					return c.run(e, []string{"--help"})
				}
			}
			return unknownCommand(e, args[1])
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
	if strings.HasPrefix(name, "-") {
		errorf(e, "unknown flag %s: flags come after the command", name)
		fmt.Fprintln(stderr, "Run 'ladder help' for usage.")
		return ExitUsage
	}
	return unknownCommand(e, name)
}

// unknownCommand reports a command name that is not one, with a
// suggestion, and returns the usage exit code.
func unknownCommand(e *env, name string) int {
	fmt.Fprintf(e.stderr, "ladder: unknown command %q\n", diag.Escape(name))
	if s := suggestCommand(name); s != "" {
		fmt.Fprintf(e.stderr, "ladder: hint: did you mean %q?\n", s)
	}
	fmt.Fprintln(e.stderr, "Run 'ladder help' for usage.")
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

// flags returns a FlagSet for a command. Its usage goes to stdout when
// asked for with -h or --help; parse reports a wrong flag on stderr.
func flags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("ladder "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, c := range commands() {
		if c.name == name {
			fs.Usage = func() {
				fmt.Fprintf(fs.Output(), "Usage: %s\n\n%s.\n", strings.TrimSpace("ladder "+c.name+" "+c.args), upperFirst(c.summary))
				if hasFlags(fs) {
					fmt.Fprint(fs.Output(), "\nFlags:\n")
					fs.PrintDefaults()
				}
			}
		}
	}
	return fs
}

// hasFlags reports whether fs defines any flag.
func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// flagAliases maps the flags of Hugo and Zola, and common guesses, to
// ladder's, for the hint on a wrong flag.
var flagAliases = map[string]string{
	"baseURL": "base-url", "baseurl": "base-url", "b": "base-url", "base_url": "base-url",
	"destination": "out", "d": "out", "output-dir": "out", "o": "out", "output": "out",
	"source": "src", "s": "src", "root": "src", "r": "src",
	"buildDrafts": "drafts", "D": "drafts",
	"port": "addr", "p": "addr", "bind": "addr", "interface": "addr", "i": "addr",
}

// suggestFlag returns the flag of fs that a wrong flag name most likely
// meant, or "".
func suggestFlag(fs *flag.FlagSet, name string) string {
	if a, ok := flagAliases[name]; ok && fs.Lookup(a) != nil {
		return a
	}
	var names []string
	fold := func(s string) string { return strings.ToLower(strings.NewReplacer("-", "", "_", "").Replace(s)) }
	found := ""
	fs.VisitAll(func(f *flag.Flag) {
		names = append(names, f.Name)
		if found == "" && fold(f.Name) == fold(name) {
			found = f.Name
		}
	})
	if found != "" {
		return found
	}
	return diag.Suggest(name, names)
}

// flagError reports a flag that parse refused, with a hint, on stderr.
func flagError(e *env, fs *flag.FlagSet, err error) {
	msg := err.Error()
	const undefined = "flag provided but not defined: -"
	if name, ok := strings.CutPrefix(msg, undefined); ok {
		errorf(e, "unknown flag --%s", name)
		if s := suggestFlag(fs, name); s != "" {
			hintf(e, "did you mean --%s?", s)
		}
	} else {
		errorf(e, "%s", strings.Replace(msg, ": -", ": --", 1))
	}
	fmt.Fprintf(e.stderr, "Run '%s --help' for its flags.\n", fs.Name())
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
			fs.SetOutput(e.stdout)
			fs.Usage()
			fs.SetOutput(io.Discard)
			return ExitOK, false
		}
		flagError(e, fs, err)
		return ExitUsage, false
	}
	rest := append(fs.Args(), pos...)
	if err := fs.Parse(append([]string{"--"}, rest...)); err != nil {
		flagError(e, fs, err)
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
	info := buildInfo()
	fmt.Fprintf(e.stdout, "ladder %s\ncommit: %s\nbuilt: %s\ngo: %s\n", info.version, info.commit, info.date, info.goVersion)
	return ExitOK
}

// binaryInfo is what "ladder version" prints.
type binaryInfo struct{ version, commit, date, goVersion string }

// buildInfo reads the version, commit and build date from the link-time
// variables, else from the binary's build information.
func buildInfo() binaryInfo {
	r := binaryInfo{version: Version, commit: Commit, date: Date, goVersion: runtime.Version()}
	if bi, ok := debug.ReadBuildInfo(); ok {
		if r.version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			r.version = bi.Main.Version
		}
		modified := false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				if r.commit == "" {
					r.commit = s.Value
				}
			case "vcs.time":
				if r.date == "" {
					r.date = s.Value
				}
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if modified && Commit == "" && r.commit != "" {
			r.commit += " (with uncommitted changes)"
		}
	}
	if r.version == "" {
		r.version = "devel"
	}
	if r.commit == "" {
		r.commit = "unknown"
	}
	if r.date == "" {
		r.date = "unknown"
	}
	return r
}

func version() string { return buildInfo().version }

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
