package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/ladder-ssg/ladder/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the files that cmp compares against in testdata/script/*.txtar")

// TestMain makes the test binary double as the ladder command, so that
// scripts run it as a real process with its own working directory and exit
// code.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"ladder": func() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the command-line scripts in testdata/script. Each is named
// after the subcommand it tests first (build_atomic.txtar); run with
// -update to rewrite the expected files that cmp compares against.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// Tests must not depend on the terminal or the environment of
			// whoever runs them.
			env.Setenv("NO_COLOR", "")
			env.Setenv("TERM", "dumb")
			return nil
		},
		Condition: func(cond string) (bool, error) {
			if cond == "root" {
				// Permissions do not stop root: chmod 000 tests skip.
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode":  cmdExitcode,
			"nostale":   cmdNostale,
			"rootlinks": cmdRootlinks,
			"freeport":  cmdFreeport,
			"httpget":   cmdHTTPGet,
			"replace":   cmdReplace,
		},
	})
}

// cmdReplace replaces the first line of a file that matches a regular
// expression, so that a script can change one key of a large file such as
// the example's site.toml:
//
//	replace FILE REGEXP LINE
func cmdReplace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE REGEXP LINE")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	file := ts.MkAbs(args[0])
	b, err := os.ReadFile(file)
	ts.Check(err)
	lines := strings.Split(string(b), "\n")
	for i, l := range lines {
		if re.MatchString(l) {
			lines[i] = args[2]
			ts.Check(os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644))
			return
		}
	}
	ts.Fatalf("%s: no line matches %s", args[0], args[1])
}

// cmdExitcode runs a command and checks its exit status:
//
//	exitcode N command [args...]
//
// Its stdout and stderr are kept for the stdout, stderr and cmp commands
// that follow, as with exec.
func cmdExitcode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdNostale fails if a temporary directory of the atomic writer is left
// beside an output directory:
//
//	nostale DIR
//
// The writer fills .DIR.new-* and moves the previous output to .DIR.old-*;
// both must be gone once a build has finished, whether it succeeded or not.
func cmdNostale(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: nostale DIR")
	}
	dir := ts.MkAbs(args[0])
	entries, err := os.ReadDir(filepath.Dir(dir))
	ts.Check(err)
	base := filepath.Base(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".new-") || strings.HasPrefix(e.Name(), "."+base+".old-") {
			ts.Fatalf("left beside %s: %s", args[0], e.Name())
		}
	}
}

var linkAttr = regexp.MustCompile(`\b(?:href|src|action|content)="(/[^"]*)"`)

// cmdRootlinks checks that every root-relative link in the HTML, XML and
// JSON files under a directory starts with a prefix:
//
//	rootlinks PREFIX DIR
//
// so that a site built for a sub-path has no link that escapes it.
func cmdRootlinks(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: rootlinks PREFIX DIR")
	}
	prefix, root := args[0], ts.MkAbs(args[1])
	checked := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(p) != ".html" {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, m := range linkAttr.FindAllStringSubmatch(string(data), -1) {
			link := m[1]
			if strings.HasPrefix(link, "//") {
				continue
			}
			checked++
			if !strings.HasPrefix(link, prefix) {
				rel, _ := filepath.Rel(root, p)
				ts.Fatalf("%s: link %q does not start with %s", rel, link, prefix)
			}
		}
		return nil
	})
	ts.Check(err)
	if checked == 0 {
		ts.Fatalf("no root-relative links under %s", args[1])
	}
}

// cmdFreeport sets an environment variable to a TCP port of 127.0.0.1 that
// is free now, for a server started in the background:
//
//	freeport VAR
func cmdFreeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: freeport VAR")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	port := ln.Addr().(*net.TCPAddr).Port
	ts.Check(ln.Close())
	ts.Setenv(args[0], strconv.Itoa(port))
}

// cmdHTTPGet fetches a URL, without following redirects, until the answer
// has the status (200 unless given) and its body matches the regular
// expression, or, negated, until it has the status and its body does not
// match; it fails after 10 seconds of retries, so that it can wait for a
// server starting or rebuilding in the background:
//
//	[!] httpget [-status=N] [-host=HOST] URL REGEXP
//
// -host sends that Host header.
func cmdHTTPGet(ts *testscript.TestScript, neg bool, args []string) {
	status, host := 200, ""
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		switch opt, val, _ := strings.Cut(args[0], "="); opt {
		case "-status":
			n, err := strconv.Atoi(val)
			ts.Check(err)
			status = n
		case "-host":
			host = val
		default:
			ts.Fatalf("httpget: unknown option %s", args[0])
		}
		args = args[1:]
	}
	if len(args) != 2 {
		ts.Fatalf("usage: [!] httpget [-status=N] [-host=HOST] URL REGEXP")
	}
	re, err := regexp.Compile(args[1])
	ts.Check(err)
	client := &http.Client{
		Timeout:       5 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	deadline := time.Now().Add(10 * time.Second)
	var last string
	for {
		req, err := http.NewRequest(http.MethodGet, args[0], nil)
		ts.Check(err)
		if host != "" {
			req.Host = host
		}
		resp, err := client.Do(req)
		if err == nil {
			body, rerr := io.ReadAll(resp.Body)
			resp.Body.Close()
			switch {
			case rerr != nil:
				last = rerr.Error()
			case resp.StatusCode != status:
				last = fmt.Sprintf("status %d, want %d", resp.StatusCode, status)
			case re.Match(body) != neg:
				return
			default:
				last = fmt.Sprintf("body (%d bytes) matches %q: %v, want %v", len(body), args[1], !neg, neg)
			}
		} else {
			last = err.Error()
		}
		if time.Now().After(deadline) {
			ts.Fatalf("httpget %s: %s", args[0], last)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
