//go:build !unix

package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// dirFD is a directory that files are created under by relative path (see
// the Unix version, which uses the *at system calls).
type dirFD struct{ dir string }

// openDir returns the dirFD of the directory name.
func openDir(name string) (*dirFD, error) { return &dirFD{dir: name}, nil }

// mkdir makes the directory at the relative path name, whose parent
// exists; it is no error when name exists.
func (d *dirFD) mkdir(name string) error {
	err := os.Mkdir(filepath.Join(d.dir, filepath.FromSlash(name)), 0o755)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	return err
}

// isNotExist reports whether err from mkdir means that the parent is
// missing.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }

// writeFile creates (or truncates) the file at the relative path name with
// data.
func (d *dirFD) writeFile(name string, data []byte) error {
	return os.WriteFile(filepath.Join(d.dir, filepath.FromSlash(name)), data, 0o644)
}

// close releases the directory.
func (d *dirFD) close() error { return nil }
