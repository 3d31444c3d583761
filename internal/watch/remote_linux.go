package watch

import "syscall"

// remoteFS reports whether dir is on a network or host-shared file system,
// where inotify sees only the changes made on this machine, and which one.
func remoteFS(dir string) (fstype string, ok bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return "", false
	}
	// Magic numbers from linux/magic.h and statfs(2).
	switch uint32(st.Type) {
	case 0x6969:
		return "nfs", true
	case 0x517b:
		return "smb", true
	case 0xff534d42:
		return "cifs", true
	case 0xfe534d42:
		return "smb2", true
	case 0x01021997:
		return "9p", true
	case 0x5346414f:
		return "afs", true
	case 0x73757245:
		return "coda", true
	case 0x786f4256:
		return "vboxsf", true
	}
	return "", false
}
