package output

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
)

// lockName is the name of the lock file inside an output directory, used
// when the directory's parent cannot hold one (a mount point in a folder
// the user cannot write).
const lockName = ".ladder-build.lock"

// lockTag is the content of every lock file, so that ladder removes only
// lock files it wrote.
const lockTag = "ladder build lock\n"

// LockedError means that another build is writing the same output.
type LockedError struct {
	Dir  string // the output directory, as given
	Lock string // the lock file
}

func (e *LockedError) Error() string {
	return fmt.Sprintf("another ladder build is writing %s", e.Dir)
}

// Hint says what to do.
func (e *LockedError) Hint() string {
	return fmt.Sprintf("wait for it to finish, or build into another folder with --out; if no build is running, delete %s", e.Lock)
}

// errLocked is returned by acquire when another process holds the lock.
var errLocked = errors.New("locked")

// lock is a held lock file.
type lock struct {
	f    *os.File
	name string
}

// tagLock checks that a freshly locked file is a ladder lock file, writing
// the tag into it when it is empty.
func tagLock(f *os.File, name string) error {
	data, err := io.ReadAll(io.LimitReader(f, int64(len(lockTag))+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	if len(data) == 0 {
		if _, err := f.WriteAt([]byte(lockTag), 0); err != nil {
			return fmt.Errorf("write %s: %w", name, err)
		}
		return nil
	}
	if !bytes.Equal(data, []byte(lockTag)) {
		return fmt.Errorf("%s exists and is not a ladder lock file: move it away", name)
	}
	return nil
}

// release removes the lock file, then lets the lock go. Removing first
// means that a build waiting on this file finds, once it holds the lock,
// that the file is no longer at its name, and starts again with a new one.
func (l *lock) release() {
	if l == nil || l.f == nil {
		return
	}
	os.Remove(l.name)
	l.f.Close()
	l.f = nil
}
