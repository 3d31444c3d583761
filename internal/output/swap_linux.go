//go:build linux

package output

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the directories a and b in one step, with
// renameat2(RENAME_EXCHANGE): a reader sees one or the other at each name,
// never neither. It returns errNoExchange when the file system cannot.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errNoExchange
	}
	return err
}
