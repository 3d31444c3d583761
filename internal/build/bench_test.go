package build

import (
	"testing"

	"github.com/ladder-ssg/ladder/internal/benchcorpus"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/load"
)

// corpus returns the generated benchmark site (see benchcorpus.Dir).
func corpus(b *testing.B) string {
	return benchcorpus.Dir(b, benchcorpus.Options{})
}

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
