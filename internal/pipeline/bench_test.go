package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ladder-ssg/ladder/internal/benchcorpus"
	"github.com/ladder-ssg/ladder/internal/check"
	"github.com/ladder-ssg/ladder/internal/i18n"
	"github.com/ladder-ssg/ladder/internal/load"
	"github.com/ladder-ssg/ladder/internal/render"
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
	opts := Options{DeferWarnings: true, Cache: check.NewCache(), Files: NewFileChecks()}
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

// BenchmarkRebuild measures the dev server's rebuild after one edit, from
// warm caches, with the dev server's options: the edited file is read and parsed again, and a
// new site is loaded, checked and given a Renderer (no page is drawn; the
// warnings are left for later, as the server does). Each edit is one the
// server used to take a slower way: a level's body, its track's title,
// the level's rank.
func BenchmarkRebuild(b *testing.B) {
	src := corpus(b)
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	p, err := Open(dir, false)
	if err != nil {
		b.Fatal(err)
	}
	l := load.NewLoader()
	opts := Options{DeferWarnings: true, Cache: check.NewCache(), Files: NewFileChecks(), StableNames: true, RenderCache: render.NewCache(), TextCache: &i18n.Cache{}}
	first, err := p.Compile(l, opts, nil)
	if err != nil || first.Renderer == nil {
		b.Fatalf("compile: %v %v", err, first.Diags.Err())
	}
	lv := first.Site.Levels[len(first.Site.Levels)/2]
	edits := []struct {
		name string
		file string
		edit func(text string, i int) string
	}{
		{"body", lv.Src.File, func(text string, i int) string { return fmt.Sprintf("%s\nEdit %d.\n", text, i) }},
		{"track title", lv.Track.Src.File, func(text string, i int) string {
			return strings.Replace(text, "title = \"", fmt.Sprintf("title = \"%d ", i), 1)
		}},
		{"level rank", lv.Src.File, func(text string, i int) string {
			return strings.Replace(text, fmt.Sprintf("rank = %d\n", lv.Rank), fmt.Sprintf("rank = %d\n", 100+i%2), 1)
		}},
	}
	for _, e := range edits {
		b.Run(e.name, func(b *testing.B) {
			path := filepath.Join(dir, filepath.FromSlash(e.file))
			orig, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			defer os.WriteFile(path, orig, 0o644)
			changed := []string{e.file}
			i := 0
			cpu := cpuTime()
			for b.Loop() {
				i++
				if err := os.WriteFile(path, []byte(e.edit(string(orig), i)), 0o644); err != nil {
					b.Fatal(err)
				}
				res, err := p.Compile(l, opts, changed)
				if err != nil || res.Renderer == nil {
					b.Fatalf("compile: %v %v", err, res.Diags.Err())
				}
			}
			if cpu := cpuTime() - cpu; cpu > 0 {
				b.ReportMetric(float64(cpu)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			}
		})
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
