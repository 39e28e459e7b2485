//go:build unix

package buildcache

import (
	"io/fs"
	"syscall"
)

func recordOf(key Key, fi fs.FileInfo) record {
	r := record{Key: key, Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		r.Ino = uint64(st.Ino)
	}
	return r
}
