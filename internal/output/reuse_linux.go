package output

import (
	"bytes"
	"errors"

	"golang.org/x/sys/unix"
)

// linkSame makes name under d a hard link to the file name under prev when
// that file holds exactly data, and reports whether it did; when it did
// not, nothing was made under d. buf is scratch space for reading.
//
// An unchanged page then costs a comparison and a link instead of a new
// file: no new blocks, no writeback, and removing the previous output
// later only drops a name. The file is read beneath prev without following
// any symbolic link, and the link is checked to name the file that was
// read, so a previous output changed by hand or while the build runs is
// never adopted: what differs is written afresh. The previous output is
// never written to.
func (d *dirFD) linkSame(prev *dirFD, name string, data, buf []byte) bool {
	how := unix.OpenHow{
		Flags:   unix.O_RDONLY | unix.O_CLOEXEC | unix.O_NOFOLLOW,
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_SYMLINKS,
	}
	fd, err := retry(func() (int, error) { return unix.Openat2(prev.fd, name, &how) })
	if err != nil {
		return false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return false
	}
	if !sameContent(fd, data, buf) {
		return false
	}
	if _, err := retry(func() (int, error) { return 0, unix.Linkat(prev.fd, name, d.fd, name, 0) }); err != nil {
		return false
	}
	var made unix.Stat_t
	if err := unix.Fstatat(d.fd, name, &made, unix.AT_SYMLINK_NOFOLLOW); err != nil || made.Ino != st.Ino || made.Dev != st.Dev {
		// The previous output changed between the read and the link:
		// drop the link just made, and write the file instead.
		unix.Unlinkat(d.fd, name, 0)
		return false
	}
	return true
}

// sameContent reports whether the open file fd, read from its start, holds
// exactly data.
func sameContent(fd int, data, buf []byte) bool {
	for {
		n, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if err != nil {
			return false
		}
		if n == 0 {
			return len(data) == 0
		}
		if n > len(data) || !bytes.Equal(buf[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
}

// retry calls f again while it fails with EINTR.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
