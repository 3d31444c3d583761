package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladder-ssg/ladder/internal/pipeline"
)

// TestBuildInterrupted checks that a build interrupted while it writes
// stops, removes its temporary folder and leaves the previous output as it
// was.
func TestBuildInterrupted(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	open := func() (*pipeline.Project, error) { return pipeline.Open(t.TempDir(), true) }
	var stdout, stderr bytes.Buffer
	e := &env{stdout: &stdout, stderr: &stderr}
	if code := buildSite(context.Background(), e, open, buildOptions{out: out}); code != ExitOK {
		t.Fatalf("first build: exit %d\n%s", code, stderr.String())
	}
	before, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(out, "index.html"), append(before, "<!-- previous -->"...), 0o644)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stderr.Reset()
	if code := buildSite(ctx, e, open, buildOptions{out: out}); code != ExitFailure {
		t.Fatalf("interrupted build: exit %d, want %d", code, ExitFailure)
	}
	if !strings.Contains(stderr.String(), "ladder: error: interrupted; the previous output was left as it was") {
		t.Errorf("stderr = %q", stderr.String())
	}
	after, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !bytes.HasSuffix(after, []byte("<!-- previous -->")) {
		t.Error("the previous output changed")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	for _, en := range entries {
		if en.Name() != "out" {
			t.Errorf("left beside the output: %s", en.Name())
		}
	}
}
