// Package benchcorpus provides the generated sites that benchmarks run on:
// the synthetic career framework of the shared benchmark generator
// (shared/bench/gen_corpus.py, beside the repository), in ladder's layout or
// Hugo's, so that ladder and Hugo are measured on the same work.
package benchcorpus

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// Options choose a corpus.
type Options struct {
	Format string // "ladder" (default) or "hugo"
	Pages  int    // levels; default 1000, or LADDER_BENCH_PAGES
	Env    string // an environment variable naming an existing corpus to use instead; default LADDER_BENCH_CORPUS
}

// Dir returns the directory of a generated corpus. It uses the directory
// named by opts.Env when set; otherwise it runs the generator (found at
// LADDER_BENCH_GEN, or at shared/bench/gen_corpus.py beside the repository)
// into a directory under the system's temporary directory, reused by later
// runs with the same format and size. It skips b when python3 or the
// generator is missing.
func Dir(b testing.TB, opts Options) string {
	b.Helper()
	if opts.Format == "" {
		opts.Format = "ladder"
	}
	if opts.Env == "" {
		opts.Env = "LADDER_BENCH_CORPUS"
	}
	if dir := os.Getenv(opts.Env); dir != "" {
		return dir
	}
	if opts.Pages == 0 {
		opts.Pages = 1000
		if s := os.Getenv("LADDER_BENCH_PAGES"); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil {
				b.Fatalf("LADDER_BENCH_PAGES=%q: %v", s, err)
			}
			opts.Pages = n
		}
	}
	script := os.Getenv("LADDER_BENCH_GEN")
	if script == "" {
		script = findGenerator()
	}
	if _, err := os.Stat(script); err != nil {
		b.Skipf("skipping: corpus generator not found at %s (set LADDER_BENCH_GEN, or %s)", script, opts.Env)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		b.Skipf("skipping: python3 not found (or set %s)", opts.Env)
	}
	dir := filepath.Join(os.TempDir(), "ladder-bench-"+opts.Format+"-"+strconv.Itoa(opts.Pages))
	if _, err := os.Stat(filepath.Join(dir, "corpus.json")); err == nil {
		return dir
	}
	b.Logf("generating a %d-level %s corpus in %s (set %s to use another)", opts.Pages, opts.Format, dir, opts.Env)
	out, err := exec.Command(python, script, "--format", opts.Format, "--pages", strconv.Itoa(opts.Pages), "--out", dir).CombinedOutput()
	if err != nil {
		b.Fatalf("gen_corpus: %v\n%s", err, out)
	}
	return dir
}

// findGenerator looks for shared/bench/gen_corpus.py beside the repository,
// walking up from the working directory (a package directory in tests).
func findGenerator() string {
	dir, err := os.Getwd()
	if err != nil {
		return "gen_corpus.py"
	}
	for {
		p := filepath.Join(dir, "..", "shared", "bench", "gen_corpus.py")
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return p
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return p
		}
		dir = parent
	}
}
