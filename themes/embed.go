// Package themes holds the themes that ship inside the waymark binary, so
// that waymark builds a site in any folder without a themes/ of its own.
package themes

import (
	"embed"
	"io/fs"
)

//go:embed default/layouts default/static
var files embed.FS

// Default is the default theme: layouts/ and static/ at its root.
func Default() fs.FS {
	sub, err := fs.Sub(files, "default")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder
	}
	return sub
}
