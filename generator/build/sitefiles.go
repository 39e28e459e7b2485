package build

import (
	"io/fs"
	"path"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
)

// siteFiles is the site as one build reads it: site.toml and every file
// under layouts/ and themes/ as they were when the build began, held in
// memory, and the rest (content, KPI data, static files) from the site
// folder. A full build reads those files once, first, and takes its
// configuration, its theme and the build cache's keys all from these
// bytes. A layout saved again while the build runs is the next build's
// change: it can neither make pages from one version that the cache then
// keeps under the key of another, nor have a build that finds nothing
// changed keep a fingerprint of the one it did not render.
type siteFiles struct {
	// FS is the site: a heldFS, whose ReadFile, ReadDir and Stat an
	// embedding would hide.
	FS fs.FS
	// key is over the held files' paths and contents.
	key buildcache.Key
}

// readSiteFiles reads the site's own files from root. A file it cannot
// read is left to root, which says why when the build reads it.
func readSiteFiles(root fs.FS) siteFiles {
	held := heldFS{files: fstest.MapFS{}, dirs: map[string]bool{}, root: root}
	h := buildcache.NewHasher()
	add := func(name string) {
		data, err := fs.ReadFile(root, name)
		if err != nil {
			h.AddString(name) // the key still tells a missing file from an empty one
			return
		}
		held.files[name] = &fstest.MapFile{Data: data, Mode: 0o444}
		for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
			held.dirs[dir] = true
		}
		h.Add([]byte(name), data)
	}
	add(config.File)
	for _, dir := range []string{"layouts", "themes"} {
		for _, name := range filesUnder(root, dir) {
			add(name)
		}
	}
	return siteFiles{FS: held, key: h.Key()}
}

// heldFS is root with some of its files held in memory: a held file,
// or a folder that holds one, is read from files, anything else from
// root, through root's own ReadFile, ReadDir and Stat where it has them
// (os.DirFS does). testing/fstest's MapFS is the standard library's file
// system in memory; it is only a map, and fine outside tests.
type heldFS struct {
	files fstest.MapFS
	dirs  map[string]bool
	root  fs.FS
}

func (h heldFS) held(name string) bool {
	_, ok := h.files[name]
	return ok || h.dirs[name]
}

func (h heldFS) Open(name string) (fs.File, error) {
	if h.held(name) {
		return h.files.Open(name)
	}
	return h.root.Open(name)
}

func (h heldFS) ReadFile(name string) ([]byte, error) {
	if h.held(name) {
		return h.files.ReadFile(name)
	}
	return fs.ReadFile(h.root, name)
}

func (h heldFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if h.held(name) {
		return h.files.ReadDir(name)
	}
	return fs.ReadDir(h.root, name)
}

func (h heldFS) Stat(name string) (fs.FileInfo, error) {
	if h.held(name) {
		return h.files.Stat(name)
	}
	return fs.Stat(h.root, name)
}
