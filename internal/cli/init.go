package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/ladder-ssg/ladder"
)

// gitignore is written into a new site so that its output stays out of
// version control.
const gitignore = "/build/\n"

// runInit creates a new site in a directory from the example built into the
// binary: site.toml and content/, and a .gitignore for the output. The
// directory may exist but must be empty, so that nothing is overwritten.
func runInit(e *env, args []string) int {
	fs := flags(e, "init")
	if code, ok := parse(e, fs, args); !ok {
		return code
	}
	if fs.NArg() != 1 {
		errorf(e, "init takes one directory, e.g. ladder init careers")
		return ExitUsage
	}
	dir := fs.Arg(0)
	if err := checkEmpty(dir); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	if err := copySite(dir); err != nil {
		errorf(e, "%v", err)
		return ExitFailure
	}
	fmt.Fprintf(e.stdout, `created a new site in %s from the example framework

Next steps:
  %-30s preview it, with live reload

Then, in %s:
  ladder new level TRACK/ID      add a level (or a track, course, program, competency or page)
  ladder check                   validate the content
  ladder build                   write the site into build/
`, dir, "cd "+dir+" && ladder serve", dir)
	return ExitOK
}

// checkEmpty returns an error unless dir is missing or an empty directory.
func checkEmpty(dir string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		if info, serr := os.Stat(dir); serr == nil && !info.IsDir() {
			return fmt.Errorf("%s exists and is not a directory", dir)
		}
		return fmt.Errorf("read %s: %w", dir, err)
	case len(entries) > 0:
		return fmt.Errorf("%s is not empty; ladder init creates a site in a new or empty directory", dir)
	}
	return nil
}

// copySite copies the example site into dir.
func copySite(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.CopyFS(dir, ladder.Example()); err != nil {
		return fmt.Errorf("copy the example site into %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(gitignore), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", filepath.Join(dir, ".gitignore"), err)
	}
	return nil
}
