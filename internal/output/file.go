package output

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// FileRefusedError means that WriteFile found a file at its path that it
// cannot prove an earlier run wrote. Nothing was written.
type FileRefusedError struct {
	Path string
	Hint string
}

func (e *FileRefusedError) Error() string {
	return fmt.Sprintf("refusing to replace %s: ladder did not write it", e.Path)
}

// WriteFile writes data to the file name atomically: into a temporary
// file beside it, synced, then renamed over it, so that a reader (or an
// interrupted run) sees the old file or the new one, never a part. An
// existing file is replaced only when owned says it holds what an earlier
// run wrote; otherwise WriteFile returns a *FileRefusedError with hint and
// leaves the file as it is. The new file has mode 0644, less the umask.
func WriteFile(name string, data []byte, owned func(old []byte) bool, hint string) error {
	info, err := os.Lstat(name)
	switch {
	case err == nil && !info.Mode().IsRegular():
		return &FileRefusedError{Path: name, Hint: hint}
	case err == nil:
		old, err := os.ReadFile(name)
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if !owned(old) {
			return &FileRefusedError{Path: name, Hint: hint}
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("write %s: %w", name, err)
	}
	dir, base := filepath.Split(name)
	if dir == "" {
		dir = "."
	}
	tmp, err := createTemp(dir, base)
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name()) // the temporary file is ours: CreateTemp made it
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	done = true
	return nil
}

// createTemp creates a new file ".BASE.new-RANDOM" in dir with mode 0644
// less the umask (os.CreateTemp would make it 0600).
func createTemp(dir, base string) (*os.File, error) {
	for {
		var b [6]byte
		_, _ = rand.Read(b[:]) // crypto/rand does not fail
		f, err := os.OpenFile(filepath.Join(dir, "."+base+".new-"+hex.EncodeToString(b[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
}
