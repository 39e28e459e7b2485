//go:build !unix

package buildcache

import "io/fs"

// recordOf has no inode to record where the system has none to give: the
// size and modification time still catch a file edited by hand.
func recordOf(key Key, fi fs.FileInfo) record {
	return record{Key: key, Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
}
