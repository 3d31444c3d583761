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
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &UsageError{Msg: "--git needs the git command, which is not installed or not on PATH: install git, or compare two folders or framework.json files"}
	}
	if rev == "" || strings.HasPrefix(rev, "-") {
		return nil, &UsageError{Msg: fmt.Sprintf("--git %q is not a revision: give a commit, branch or tag, e.g. --git HEAD~1 or --git v2026.1", rev)}
	}
	top, err := git(ctx, siteDir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("%s is not in a git repository, so --git has no revisions to read: %v", siteDir, err)}
	}
	prefix, err := git(ctx, siteDir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, fmt.Errorf("find %s in its repository: %w", siteDir, err)
	}
	commit, err := git(ctx, top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil || commit == "" {
		return nil, &UsageError{Msg: fmt.Sprintf("unknown revision %q in the repository at %s: give a commit, branch or tag that git log lists", rev, top)}
	}
	tmp, err := os.MkdirTemp("", "ladder-diff-")
	if err != nil {
		return nil, fmt.Errorf("make a folder for revision %s: %w", rev, err)
	}
	defer os.RemoveAll(tmp) // the folder is ours: MkdirTemp made it
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
		return nil, fmt.Errorf("git archive %s: %w", rev, err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("git archive %s: %w", rev, err)
	}
	xerr := extract(out, tmp)
	_, _ = io.Copy(io.Discard, out)
	if err := cmd.Wait(); err != nil {
		return nil, fmt.Errorf("git archive %s: %w: %s", rev, err, strings.TrimSpace(stderr.String()))
	}
	if xerr != nil {
		return nil, fmt.Errorf("read revision %s: %w", rev, xerr)
	}
	dir := filepath.Join(tmp, filepath.FromSlash(prefix))
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		return nil, &UsageError{Msg: fmt.Sprintf("revision %s has no site at %s: the site.toml was added later, or moved", rev, path.Join(".", prefix))}
	}
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
