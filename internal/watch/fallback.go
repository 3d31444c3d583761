package watch

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"syscall"
	"time"
)

// remoteError reports that the tree is on a network file system, where
// fsnotify only sees the changes made on this machine.
type remoteError struct {
	dir    string
	fstype string
}

func (e *remoteError) Error() string {
	return fmt.Sprintf("watch %s: on a network file system (%s)", e.dir, e.fstype)
}

// Unwrap makes a remoteError match errors.ErrUnsupported.
func (e *remoteError) Unwrap() error { return errors.ErrUnsupported }

// fatal reports whether err from adding a watch means that fsnotify cannot
// be used for this tree at all (a limit reached, no support, or anything
// unexpected), rather than that one directory vanished or is unreadable.
// Polling works everywhere, so when in doubt it is the safer choice.
func fatal(err error) bool {
	return !gone(err) && !errors.Is(err, fs.ErrPermission)
}

// fallbackMessage explains why fsnotify cannot be used, how to fix that, and
// that polling every interval takes over.
func fallbackMessage(err error, every time.Duration) string {
	var why string
	var remote *remoteError
	linux := runtime.GOOS == "linux" || runtime.GOOS == "android"
	switch {
	case errors.As(err, &remote):
		why = fmt.Sprintf("%s is on a network file system (%s), which does not report changes made on other machines; for instant reloads keep the site on a local disk",
			remote.dir, remote.fstype)
	case linux && errors.Is(err, syscall.ENOSPC):
		why = "inotify watch limit reached (fs.inotify.max_user_watches); raise it with: sudo sysctl fs.inotify.max_user_watches=524288"
	case linux && errors.Is(err, syscall.EMFILE):
		why = "inotify instance limit reached (fs.inotify.max_user_instances); raise it with: sudo sysctl fs.inotify.max_user_instances=1024"
	case errors.Is(err, syscall.EMFILE):
		why = "too many open files (each watched directory takes one); raise the limit with: ulimit -n 65536"
	case errors.Is(err, syscall.ENFILE):
		why = "the system-wide limit on open files is reached; close some programs, or raise the limit (on Linux: sudo sysctl fs.file-max=2097152)"
	case errors.Is(err, errors.ErrUnsupported):
		why = fmt.Sprintf("change notifications are not supported here (%v)", err)
	default:
		why = fmt.Sprintf("cannot watch for changes (%v)", err)
	}
	return fmt.Sprintf("watch: %s — falling back to polling every %v", why, every)
}
