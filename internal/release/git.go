package release

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"

	"github.com/ladder-ssg/ladder/internal/datafile"
	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// OpenGit returns the framework of the site in siteDir as it was at git
// revision rev: the files of the site's folder at that revision are
// written to a temporary folder (removed before OpenGit returns), then
// compiled as Open compiles a folder. It runs the git command; a missing
// git, a folder outside a repository and an unknown revision are
// *UsageError values with what to do.
func OpenGit(ctx context.Context, siteDir, rev string) (*datafile.Framework, error) {
	dir, cleanup, err := Checkout(ctx, siteDir, rev, "--git")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	proj, err := pipeline.Open(dir, false)
	if err != nil {
		return nil, err
	}
	f, _, err := Compile(proj, rev)
	var ce *ContentError
	if errors.As(err, &ce) {
		// Diagnostics name files from the site's root, which is the same
		// at the revision.
		ce.Label = "revision " + rev
	}
	return f, err
}

// Checkout writes the files of the site in siteDir as they were at git
// revision rev into a new temporary folder and returns the site's folder
// in it, with a function that removes the temporary folder. what names
// the setting that gave rev in the errors ("--git", "rev of release
// 2026.1"). A missing git, a folder outside a repository, an unknown
// revision and a revision without the site are *UsageError values with
// what to do.
func Checkout(ctx context.Context, siteDir, rev, what string) (dir string, cleanup func(), err error) {
	if _, err := exec.LookPath("git"); err != nil {
		return "", nil, &UsageError{Msg: what + " needs the git command, which is not installed or not on PATH: install git"}
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", nil, &UsageError{Msg: fmt.Sprintf("%s %q is not a revision: give a commit, branch or tag, e.g. HEAD~1 or v2026.1", what, rev)}
	}
	top, err := git(ctx, siteDir, "rev-parse", "--show-toplevel")
	if err != nil {
		return "", nil, &UsageError{Msg: fmt.Sprintf("%s is not in a git repository, so %s has no revisions to read: %v", siteDir, what, err)}
	}
	prefix, err := git(ctx, siteDir, "rev-parse", "--show-prefix")
	if err != nil {
		return "", nil, fmt.Errorf("find %s in its repository: %w", siteDir, err)
	}
	commit, err := git(ctx, top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || commit == "" {
		return "", nil, &UsageError{Msg: fmt.Sprintf("%s: unknown revision %q in the repository at %s: give a commit, branch or tag that git log lists (a shallow clone lacks older commits: fetch the whole history, e.g. fetch-depth: 0 in GitHub Actions)", what, rev, top)}
	}
	tmp, err := os.MkdirTemp("", "ladder-rev-")
	if err != nil {
		return "", nil, fmt.Errorf("make a folder for revision %s: %w", rev, err)
	}
	cleanup = func() { os.RemoveAll(tmp) } // the folder is ours: MkdirTemp made it
	args := []string{"archive", "--format=tar", commit}
	if prefix != "" {
		args = append(args, "--", prefix)
	}
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = top
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		cleanup()
		return "", nil, fmt.Errorf("git archive %s: %w", rev, err)
	}
	if err := cmd.Start(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("git archive %s: %w", rev, err)
	}
	xerr := extract(out, tmp)
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		cleanup()
		return "", nil, fmt.Errorf("git archive %s: %w: %s", rev, err, strings.TrimSpace(stderr.String()))
	}
	if xerr != nil {
		cleanup()
		return "", nil, fmt.Errorf("read revision %s: %w", rev, xerr)
	}
	dir = filepath.Join(tmp, filepath.FromSlash(prefix))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		cleanup()
		return "", nil, &UsageError{Msg: fmt.Sprintf("revision %s has no site at %s: the site.toml was added later, or moved", rev, path.Join(".", prefix))}
	}
	return dir, cleanup, nil
}

// resolve checks that git can read revision rev of the repository that
// holds dir.
func resolve(ctx context.Context, dir, rev string) error {
	if _, err := exec.LookPath("git"); err != nil {
		return errors.New("the git command is not installed or not on PATH")
	}
	if _, err := git(ctx, dir, "rev-parse", "--show-toplevel"); err != nil {
		return fmt.Errorf("%s is not in a git repository", dir)
	}
	if c, err := git(ctx, dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}"); err != nil || c == "" {
		return fmt.Errorf("the repository has no commit %q", rev)
	}
	return nil
}

// git runs a git command in dir and returns its output without the final
// newline.
func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		if msg := strings.TrimSpace(stderr.String()); msg != "" {
			return "", fmt.Errorf("git %s: %s", args[0], msg)
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return strings.TrimRight(string(out), "\n"), nil
}

// extract writes the regular files and folders of a tar stream under dir.
// Links are left out (a site may not link outside itself anyway), and so
// is any name that would land outside dir.
func extract(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if !filepath.IsLocal(filepath.FromSlash(name)) {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(name))
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}
