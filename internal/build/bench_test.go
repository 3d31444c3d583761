package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
)

// corpus returns a generated benchmark site with the number of levels in
// LADDER_BENCH_PAGES (default 1000), made by the shared corpus generator,
// or LADDER_BENCH_CORPUS when that names an existing site. It skips the
// benchmark when neither is available.
func corpus(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("LADDER_BENCH_CORPUS"); dir != "" {
		return dir
	}
	pages := 1000
	if s := os.Getenv("LADDER_BENCH_PAGES"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatalf("LADDER_BENCH_PAGES=%q: %v", s, err)
		}
		pages = n
	}
	gen, err := filepath.Abs("../../../shared/bench/gen_corpus.py")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(gen); err != nil {
		b.Skipf("skipping: corpus generator not found at %s (or set LADDER_BENCH_CORPUS)", gen)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		b.Skip("skipping: python3 not found (or set LADDER_BENCH_CORPUS)")
	}
	corpusOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), "ladder-bench-"+strconv.Itoa(pages))
		if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
			corpusDir = dir
			return
		}
		out, err := exec.Command("python3", gen, "--format", "ladder", "--pages", strconv.Itoa(pages), "--out", dir).CombinedOutput()
		if err != nil {
			corpusErr = err.Error() + ": " + string(out)
			return
		}
		corpusDir = dir
	})
	if corpusErr != "" {
		b.Fatal(corpusErr)
	}
	return corpusDir
}

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  string
)

// BenchmarkCompile measures loading and checking a whole site from disk.
func BenchmarkCompile(b *testing.B) {
	p, err := Open(corpus(b), false)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		res, err := p.Compile(load.NewLoader(), Options{}, nil)
		if err != nil || res.Renderer == nil {
			b.Fatalf("compile: %v %v", err, res.Diags.Err())
		}
	}
}

// BenchmarkRecompile measures the dev server's path: one file changed,
// everything else cached, warnings left for later.
func BenchmarkRecompile(b *testing.B) {
	p, err := Open(corpus(b), false)
	if err != nil {
		b.Fatal(err)
	}
	l := load.NewLoader()
	opts := Options{DeferWarnings: true, Cache: check.NewCache()}
	if _, err := p.Compile(l, opts, nil); err != nil {
		b.Fatal(err)
	}
	changed := []string{"content/_index.md"}
	for b.Loop() {
		if _, err := p.Compile(l, opts, changed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild measures a whole build in memory: compile and render every
// page (writing is measured by the CLI against Hugo; see the README).
func BenchmarkBuild(b *testing.B) {
	p, err := Open(corpus(b), false)
	if err != nil {
		b.Fatal(err)
	}
	var pages int
	for b.Loop() {
		res, err := p.Compile(load.NewLoader(), Options{}, nil)
		if err != nil || res.Renderer == nil {
			b.Fatalf("compile: %v", err)
		}
		o, err := res.Renderer.All(nil)
		if err != nil {
			b.Fatal(err)
		}
		pages = o.Len()
	}
	b.ReportMetric(float64(pages), "files/op")
}
