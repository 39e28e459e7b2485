package build

import (
	"io/fs"
	"path"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// siteFiles is the site as one build reads it: site.toml and every file
// under layouts/, themes/ and static/ as they were when the build began,
// held in memory, and the rest (content and KPI data) from the site
// folder. A full build reads those files once, first, and takes its
// configuration, its theme, the static files it copies and the build
// cache's keys all from these bytes. A layout or a static file saved
// again while the build runs is the next build's change: it can neither
// make pages from one version that the cache then keeps under the key
// of another, nor have a build that finds nothing changed keep a
// fingerprint of the one it did not copy. What this holds in memory for
// the length of a build is the static folder's size, which a build read
// whole anyway, one file at a time.
type siteFiles struct {
	// FS is the site: a heldFS, whose ReadFile, ReadDir and Stat an
	// embedding would hide.
	FS fs.FS
	// key is over site.toml's and the layouts' and themes' paths and
	// contents: what every page depends on (siteKey). The static files
	// are the fingerprint's to hash, apart.
	key buildcache.Key
}

// readSiteFiles reads the site's own files from root. What it cannot
// hold (a link to a folder, which no walk follows, or a file it cannot
// read) is left to root, which says why when the build reads it.
func readSiteFiles(root fs.FS) siteFiles {
	held := heldFS{files: fstest.MapFS{}, unheld: map[string][]fs.DirEntry{}, root: root}
	h := buildcache.NewHasher()
	hold := func(name string, d fs.DirEntry, keyed bool) {
		data, err := fs.ReadFile(root, name)
		if err != nil {
			held.unheld[path.Dir(name)] = append(held.unheld[path.Dir(name)], d)
			if keyed {
				h.AddString(name) // the key still tells a missing file from an empty one
			}
			return
		}
		held.files[name] = &fstest.MapFile{Data: data, Mode: 0o444}
		if keyed {
			h.Add([]byte(name), data)
		}
	}
	if data, err := fs.ReadFile(root, config.File); err == nil {
		held.files[config.File] = &fstest.MapFile{Data: data, Mode: 0o444}
		h.Add([]byte(config.File), data)
	} else {
		h.AddString(config.File)
	}
	for _, dir := range []string{"layouts", "themes", content.StaticDir} {
		keyed := dir != content.StaticDir
		fs.WalkDir(root, dir, func(name string, d fs.DirEntry, err error) error {
			switch {
			case err != nil:
				return nil // left to root, as the folder is
			case d.IsDir():
				held.files[name] = &fstest.MapFile{Mode: fs.ModeDir | 0o555}
			default:
				hold(name, d, keyed)
			}
			return nil
		})
	}
	return siteFiles{FS: held, key: h.Key()}
}

// heldFS is root with some of its files held in memory: a held file or
// folder is read from files (a folder lists too what could not be held,
// unheld), anything else from root, through
// root's own ReadFile, ReadDir and Stat where it has them (os.DirFS
// does). testing/fstest's MapFS is the standard library's file system
// in memory; it is only a map, and fine outside tests.
type heldFS struct {
	files  fstest.MapFS
	unheld map[string][]fs.DirEntry // by folder
	root   fs.FS
}

func (h heldFS) held(name string) bool {
	_, ok := h.files[name]
	return ok
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
	if !h.held(name) {
		return fs.ReadDir(h.root, name)
	}
	entries, err := h.files.ReadDir(name)
	if unheld := h.unheld[name]; len(unheld) > 0 {
		entries = append(entries, unheld...)
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return entries, err
}

func (h heldFS) Stat(name string) (fs.FileInfo, error) {
	if h.held(name) {
		return h.files.Stat(name)
	}
	return fs.Stat(h.root, name)
}
