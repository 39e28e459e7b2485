package gitfs

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"
)

// FS is a read-only tree of files held in memory, as Tree read it from a
// commit. Folders are implied by the files in them. It is safe for
// concurrent use: nothing in it changes once made.
type FS struct {
	files map[string]*file
	dirs  map[string][]fs.DirEntry // by folder, "." for the top; sorted by name
}

// file is one file of the tree. When it was not read, only its name and
// size are known.
type file struct {
	name string
	data []byte
	size int64
	read bool
}

// errNotRead is what reading a file whose contents were not asked for
// gives.
var errNotRead = errors.New("contents not read from git")

func newFS(files map[string]*file) *FS {
	fsys := &FS{files: files, dirs: map[string][]fs.DirEntry{".": nil}}
	seen := map[string]bool{}
	for name, f := range files {
		child := fs.FileInfoToDirEntry(f.info())
		for dir := path.Dir(name); ; dir = path.Dir(dir) {
			fsys.dirs[dir] = append(fsys.dirs[dir], child)
			if dir == "." || seen[dir] {
				break
			}
			seen[dir] = true
			child = fs.FileInfoToDirEntry(dirInfo(dir))
		}
	}
	for _, entries := range fsys.dirs {
		slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	}
	return fsys
}

// Open opens a file or a folder.
func (fsys *FS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	if f := fsys.files[name]; f != nil {
		return &openFile{f: f, r: bytes.NewReader(f.data)}, nil
	}
	if entries, ok := fsys.dirs[name]; ok {
		return &openDir{name: name, entries: entries}, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadFile reads a file's contents without copying them through an open
// file; the caller may change what it gets.
func (fsys *FS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	f := fsys.files[name]
	_, isDir := fsys.dirs[name]
	switch {
	case f == nil && isDir:
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	case f == nil:
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	case !f.read:
		return nil, &fs.PathError{Op: "read", Path: name, Err: errNotRead}
	}
	return bytes.Clone(f.data), nil
}

// ReadDir lists a folder, sorted by name.
func (fsys *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	entries, ok := fsys.dirs[name]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.Clone(entries), nil
}

// Stat describes a file or a folder.
func (fsys *FS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if f := fsys.files[name]; f != nil {
		return f.info(), nil
	}
	if _, ok := fsys.dirs[name]; ok {
		return dirInfo(name), nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// info describes a file in a commit: no time, and read-only.
type info struct {
	name string
	size int64
	dir  bool
}

func (f *file) info() info     { return info{name: path.Base(f.name), size: f.size} }
func dirInfo(name string) info { return info{name: path.Base(name), dir: true} }

func (i info) Name() string       { return i.name }
func (i info) Size() int64        { return i.size }
func (i info) ModTime() time.Time { return time.Time{} }
func (i info) IsDir() bool        { return i.dir }
func (i info) Sys() any           { return nil }
func (i info) Mode() fs.FileMode {
	if i.dir {
		return fs.ModeDir | 0o555
	}
	return 0o444
}

type openFile struct {
	f *file
	r *bytes.Reader
}

func (o *openFile) Stat() (fs.FileInfo, error) { return o.f.info(), nil }
func (o *openFile) Close() error               { return nil }

func (o *openFile) Read(p []byte) (int, error) {
	if !o.f.read {
		return 0, &fs.PathError{Op: "read", Path: o.f.name, Err: errNotRead}
	}
	return o.r.Read(p)
}

func (o *openFile) Seek(offset int64, whence int) (int64, error) {
	if !o.f.read {
		return 0, &fs.PathError{Op: "seek", Path: o.f.name, Err: errNotRead}
	}
	return o.r.Seek(offset, whence)
}

func (o *openFile) ReadAt(p []byte, off int64) (int, error) {
	if !o.f.read {
		return 0, &fs.PathError{Op: "read", Path: o.f.name, Err: errNotRead}
	}
	return o.r.ReadAt(p, off)
}

type openDir struct {
	name    string
	entries []fs.DirEntry
	offset  int
}

func (d *openDir) Stat() (fs.FileInfo, error) { return dirInfo(d.name), nil }
func (d *openDir) Close() error               { return nil }

func (d *openDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

// ReadDir lists the next n entries, as fs.ReadDirFile says.
func (d *openDir) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if n <= 0 {
		d.offset = len(d.entries)
		return slices.Clone(rest), nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.offset += n
	return slices.Clone(rest[:n]), nil
}
