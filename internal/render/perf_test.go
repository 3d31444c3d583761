package render_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	ladderbuild "github.com/ladder-ssg/ladder/internal/build"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
)

// benchCorpus returns a generated benchmark site with the number of levels
// in LADDER_BENCH_PAGES (default 2000), made by the shared corpus
// generator, or LADDER_BENCH_CORPUS when that names an existing site. It
// skips the benchmark when neither is available.
func benchCorpus(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("LADDER_BENCH_CORPUS"); dir != "" {
		return dir
	}
	pages := 2000
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
	benchCorpusOnce.Do(func() {
		dir := filepath.Join(os.TempDir(), "ladder-bench-"+strconv.Itoa(pages))
		if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
			benchCorpusDir = dir
			return
		}
		out, err := exec.Command("python3", gen, "--format", "ladder", "--pages", strconv.Itoa(pages), "--out", dir).CombinedOutput()
		if err != nil {
			benchCorpusErr = err.Error() + ": " + string(out)
			return
		}
		benchCorpusDir = dir
	})
	if benchCorpusErr != "" {
		b.Fatal(benchCorpusErr)
	}
	return benchCorpusDir
}

var (
	benchCorpusOnce sync.Once
	benchCorpusDir  string
	benchCorpusErr  string
)

// benchRenderer compiles the benchmark site and returns its renderer.
func benchRenderer(b *testing.B) *render.Renderer {
	b.Helper()
	p, err := ladderbuild.Open(benchCorpus(b), false)
	if err != nil {
		b.Fatal(err)
	}
	res, err := p.Compile(load.NewLoader(), ladderbuild.Options{}, nil)
	if err != nil {
		b.Fatal(err)
	}
	if res.Renderer == nil {
		b.Fatalf("site has errors:\n%v", res.Diags.Err())
	}
	return res.Renderer
}

// BenchmarkRenderKinds measures Render for each page kind of a generated
// site: one op is one page, the pages of the kind taken in turn. The
// bytes/page metric is the mean size of the pages drawn. The data files
// (framework.json, search.json, sitemap.xml), which no template draws, are
// left out unless LADDER_BENCH_KINDS is set.
func BenchmarkRenderKinds(b *testing.B) {
	r := benchRenderer(b)
	byKind := map[string][]render.PageSpec{}
	var kinds []string
	for _, s := range r.Pages() {
		if _, ok := byKind[s.Kind]; !ok {
			kinds = append(kinds, s.Kind)
		}
		byKind[s.Kind] = append(byKind[s.Kind], s)
	}
	if os.Getenv("LADDER_BENCH_KINDS") == "" {
		kinds = slices.DeleteFunc(kinds, func(k string) bool {
			return k == "framework.json" || k == "search.json" || k == "sitemap.xml"
		})
	}
	for _, k := range kinds {
		specs := byKind[k]
		b.Run(k, func(b *testing.B) {
			size := 0
			n := 0
			for b.Loop() {
				out, err := r.Render(specs[n%len(specs)])
				if err != nil {
					b.Fatal(err)
				}
				size += len(out)
				n++
			}
			b.ReportMetric(float64(size)/float64(n), "bytes/page")
		})
	}
}

// BenchmarkRenderSite measures drawing every page of a generated site in
// turn, on one goroutine: one op is the whole site.
func BenchmarkRenderSite(b *testing.B) {
	r := benchRenderer(b)
	pages := r.Pages()
	for b.Loop() {
		for _, s := range pages {
			if _, err := r.Render(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(pages)), "pages/op")
}
