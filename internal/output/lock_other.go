//go:build !unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// acquire takes the lock file name by creating it, which fails when it
// exists. Unlike flock(2) on Unix, a build that is killed leaves the file
// behind; the error then says to delete it.
func acquire(name string) (*lock, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, errLocked
	}
	if err != nil {
		return nil, fmt.Errorf("create lock %s: %w", name, err)
	}
	if err := tagLock(f, name); err != nil {
		f.Close()
		return nil, err
	}
	return &lock{f: f, name: name}, nil
}
