package sitefs

import (
	"io/fs"
	"os"
	"testing"
)

// BenchmarkReadAll reads every file under LADDER_BENCH_CORPUS through an
// FS and through os.DirFS, for the cost of the checks.
func BenchmarkReadAll(b *testing.B) {
	dir := os.Getenv("LADDER_BENCH_CORPUS")
	if dir == "" {
		b.Skip("LADDER_BENCH_CORPUS is not set")
	}
	f, err := New(dir)
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		fsys fs.FS
	}{{"DirFS", os.DirFS(dir)}, {"sitefs", f}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				fs.WalkDir(c.fsys, ".", func(p string, d fs.DirEntry, err error) error {
					if err == nil && !d.IsDir() {
						_, err = fs.ReadFile(c.fsys, p)
					}
					return err
				})
			}
		})
	}
}

// BenchmarkProblems walks LADDER_BENCH_CORPUS for problems, as every
// compilation does.
func BenchmarkProblems(b *testing.B) {
	dir := os.Getenv("LADDER_BENCH_CORPUS")
	if dir == "" {
		b.Skip("LADDER_BENCH_CORPUS is not set")
	}
	f, err := New(dir)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := f.Problems("content", nil); err != nil {
			b.Fatal(err)
		}
	}
}
