package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/ladder-ssg/ladder/internal/cli"
)

// TestBadInput runs ladder check on every malformed site of testdata/bad
// and compares its exit code and output, whole, with the archive's "want"
// file: "exit N" on the first line, then what check wrote to stderr and
// stdout. It then builds the same site and requires the same exit code and
// no output folder. A panic fails the test. Run with -update to rewrite the
// want files from what ladder prints now (and read the diff).
//
// The archive's comment says what is wrong with the site; every other file
// is written into a fresh directory, which stands for $SITE in the output.
func TestBadInput(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Errorf("the corpus holds %d sites, want at least 40", len(files))
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".txtar")
		t.Run(name, func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			var want []byte
			wantAt := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					want, wantAt = f.Data, i
					continue
				}
				p := filepath.Join(dir, filepath.FromSlash(f.Name))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			code, out := runLadder(t, dir, "check", "--src", dir)
			got := fmt.Appendf(nil, "exit %d\n%s", code, out)
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = got
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantAt < 0 {
				t.Fatalf("no want file; run with -update to write one")
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ladder check printed\n%s\nwant\n%s", got, want)
			}
			if code == 0 {
				t.Errorf("ladder check accepted a malformed site")
			}
			out2 := filepath.Join(dir, "out")
			if bcode, bout := runLadder(t, dir, "build", "--src", dir, "--out", out2); bcode != code {
				t.Errorf("ladder build exited %d, check %d:\n%s", bcode, code, bout)
			}
			if _, err := os.Stat(out2); err == nil {
				t.Errorf("ladder build wrote %s", out2)
			}
		})
	}
}

// runLadder runs the command line in-process (so that a panic fails the
// test) and returns its exit code and its stderr followed by its stdout,
// with dir written as $SITE.
func runLadder(t *testing.T, dir string, args ...string) (code int, out string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("ladder %s panicked: %v", strings.Join(args, " "), r)
			}
		}()
		code = cli.Run(args, &stdout, &stderr)
	}()
	return code, strings.ReplaceAll(stderr.String()+stdout.String(), dir, "$SITE")
}
