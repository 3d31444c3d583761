package tomlpos

import (
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// badFiles calls add with every file of the bad-input corpus of the
// command line's tests (cmd/ladder/testdata/bad), to seed fuzz targets
// with what is known to be malformed.
func badFiles(tb testing.TB, add func(name string, data []byte)) {
	archives, err := filepath.Glob("../../cmd/ladder/testdata/bad/*.txtar")
	if err != nil || len(archives) == 0 {
		tb.Fatalf("no bad-input corpus: %v", err)
	}
	for _, a := range archives {
		ar, err := txtar.ParseFile(a)
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "want" {
				add(f.Name, f.Data)
			}
		}
	}
}
