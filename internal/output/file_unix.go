//go:build unix

package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// dirFD is an open directory that files are created under by relative
// path, with the *at system calls: each file then costs an open, a write and
// a close, without the lookups of the directory's own path, the checks an
// *os.File makes of a new descriptor, or the stat calls of os.MkdirAll.
type dirFD struct{ fd int }

// openDir opens the directory name for dirFD.
func openDir(name string) (*dirFD, error) {
	for {
		fd, err := unix.Open(name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return nil, err
		}
		return &dirFD{fd: fd}, nil
	}
}

// mkdir makes the directory at the relative path name, whose parent
// exists; it is no error when name exists.
func (d *dirFD) mkdir(name string) error {
	for {
		err := unix.Mkdirat(d.fd, name, 0o755)
		switch {
		case errors.Is(err, unix.EINTR):
			continue
		case err == nil, errors.Is(err, unix.EEXIST):
			return nil
		}
		return err
	}
}

// isNotExist reports whether err from mkdir means that the parent is
// missing.
func isNotExist(err error) bool { return errors.Is(err, unix.ENOENT) }

// writeFile creates (or truncates) the file at the relative path name with
// data, never through a symbolic link.
func (d *dirFD) writeFile(name string, data []byte) error {
	var fd int
	for {
		var err error
		fd, err = unix.Openat(d.fd, name, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o644)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return err
		}
		break
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return err
		}
		data = data[n:]
	}
	return unix.Close(fd)
}

// close closes the directory.
func (d *dirFD) close() error { return unix.Close(d.fd) }
