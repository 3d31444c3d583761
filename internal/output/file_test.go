package output

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "book.xlsx")
	mine := func(old []byte) bool { return string(old) == "v1" }
	if err := WriteFile(name, []byte("v1"), mine, "hint"); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("v2"), mine, "hint"); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(name); string(b) != "v2" {
		t.Fatalf("file holds %q, want v2", b)
	}
	// v2 is not what mine recognises: refused, and left as it was.
	err := WriteFile(name, []byte("v3"), mine, "move it away")
	var refused *FileRefusedError
	if !errors.As(err, &refused) || refused.Hint != "move it away" {
		t.Fatalf("got %v, want a FileRefusedError", err)
	}
	if b, _ := os.ReadFile(name); string(b) != "v2" {
		t.Fatalf("file holds %q after a refusal", b)
	}
	// A folder in the way is refused too.
	if err := WriteFile(dir, []byte("x"), mine, ""); !errors.As(err, &refused) {
		t.Fatalf("got %v for a folder, want a FileRefusedError", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("left %d entries, want the file alone", len(entries))
	}
	info, err := os.Stat(name)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm()&0o044 == 0 && info.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", info.Mode())
	}
}
