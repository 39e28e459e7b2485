package output

import "golang.org/x/sys/unix"

// exchange swaps two folders atomically with renameat2(RENAME_EXCHANGE):
// a reader of dest sees the old site or the new one, never neither. It
// fails on file systems that do not support it (NFS among them), and the
// caller falls back to renaming aside.
func exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
