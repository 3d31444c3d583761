//go:build unix

package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// acquire takes the lock file name without waiting: an flock(2) lock, which
// the kernel releases when the process ends, however it ends. It returns
// errLocked when another process holds it.
func acquire(name string) (*lock, error) {
	for {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, fmt.Errorf("create lock %s: %w", name, err)
		}
		if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, unix.EWOULDBLOCK) {
				return nil, errLocked
			}
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		// The holder before us removes the file before it lets go; when it
		// did so after we opened it, our lock is on a file no one else can
		// find: start again.
		held, err1 := f.Stat()
		now, err2 := os.Stat(name)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			if err := tagLock(f, name); err != nil {
				f.Close()
				return nil, err
			}
			return &lock{f: f, name: name}, nil
		}
		f.Close()
		if err2 != nil && !errors.Is(err2, fs.ErrNotExist) {
			return nil, fmt.Errorf("lock %s: %w", name, err2)
		}
	}
}
