package render_test

import (
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/benchcorpus"
	"github.com/ladder-ssg/ladder/internal/load"
	ladderbuild "github.com/ladder-ssg/ladder/internal/pipeline"
	"github.com/ladder-ssg/ladder/internal/render"
)

// benchCorpus returns the generated benchmark site (2,000 levels unless
// LADDER_BENCH_PAGES or LADDER_BENCH_CORPUS say otherwise).
func benchCorpus(b *testing.B) string {
	return benchcorpus.Dir(b, benchcorpus.Options{Pages: pagesOr(2000)})
}

// pagesOr returns LADDER_BENCH_PAGES as a number, or n.
func pagesOr(n int) int {
	if v, err := strconv.Atoi(os.Getenv("LADDER_BENCH_PAGES")); err == nil {
		return v
	}
	return n
}

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

// reportPerPage reports the CPU time per page (user and system, the
// collector's included: on a busy machine it measures the work better than
// ns/op) and the pages drawn per second of CPU.
func reportPerPage(b *testing.B, cpu time.Duration, pages int) {
	if cpu <= 0 || pages == 0 {
		return
	}
	b.ReportMetric(float64(cpu.Microseconds())/float64(pages), "cpu-µs/page")
	b.ReportMetric(float64(pages)/cpu.Seconds(), "pages/cpu-s")
}

// BenchmarkRenderKinds measures Render for each page kind of a generated
// site: one op is one page, the pages of the kind taken in turn. The
// bytes/page metric is the mean size of the pages drawn. The data files
// (framework.json, search.json, sitemap.xml), which no template draws, are
// left out unless LADDER_BENCH_KINDS is set.
func BenchmarkRenderKinds(b *testing.B) {
	r := benchRenderer(b)
	byKind := map[render.PageKind][]render.PageSpec{}
	var kinds []render.PageKind
	for _, s := range r.Pages() {
		if _, ok := byKind[s.Kind]; !ok {
			kinds = append(kinds, s.Kind)
		}
		byKind[s.Kind] = append(byKind[s.Kind], s)
	}
	if os.Getenv("LADDER_BENCH_KINDS") == "" {
		kinds = slices.DeleteFunc(kinds, func(k render.PageKind) bool {
			return k == render.KindData || k == render.KindSearchIndex || k == render.KindSitemap
		})
	}
	for _, k := range kinds {
		specs := byKind[k]
		b.Run(k.String(), func(b *testing.B) {
			size := 0
			n := 0
			cpu := cpuTime()
			for b.Loop() {
				out, err := r.Render(specs[n%len(specs)])
				if err != nil {
					b.Fatal(err)
				}
				size += len(out)
				n++
			}
			reportPerPage(b, cpuTime()-cpu, n)
			b.ReportMetric(float64(size)/float64(n), "bytes/page")
		})
	}
}

// BenchmarkRenderSite measures drawing every page of a generated site in
// turn, on one goroutine: one op is the whole site.
func BenchmarkRenderSite(b *testing.B) {
	r := benchRenderer(b)
	pages := r.Pages()
	cpu := cpuTime()
	for b.Loop() {
		for _, s := range pages {
			if _, err := r.Render(s); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportPerPage(b, cpuTime()-cpu, b.N*len(pages))
	b.ReportMetric(float64(len(pages)), "pages/op")
}
