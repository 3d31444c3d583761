//go:build !linux

package watch

// remoteFS reports whether dir is on a network file system where change
// notifications are known to be missing. Only Linux is checked.
func remoteFS(dir string) (fstype string, ok bool) { return "", false }
