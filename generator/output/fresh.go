package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// freshDir writes into a folder that this build made and that only it
// writes: Publish's new folder. That makes os.Root's walk of every file's
// path, one open per folder on the way for each file and again to make
// its folders, unnecessary for keeping a name inside the folder, and it
// was a fifth of a cold build's time outside the templates (42,000 files
// at 10,000 journeys). Instead:
//
//   - a name must be local (filepath.IsLocal: no "..", not absolute, no
//     reserved name) before anything is made for it;
//   - each folder is made once, by Mkdir, after its parent: every folder
//     on a file's path is then a folder this build made, never a link
//     to elsewhere, and Mkdir fails on anything already in its place;
//   - a file is opened without following a link in its own place
//     (noFollow), so that even a link that came in as a file (a cache's
//     file hard-linked in, which would link the link) is not written
//     through.
//
// Nothing in the folder is renamed or removed while a build writes it,
// so what was checked stays true. A folder a user may have changed
// (watch mode's, OpenDir) goes through os.Root instead (Dir).
//
// A recycled folder (recycle.go: the site before last, taken over) is
// made of folders the build that wrote it made, in the build cache's
// folder; whatever is at a name the build writes is removed first, and
// nothing in it is followed.
type freshDir struct {
	path string // the folder, absolute

	mu   sync.Mutex
	dirs map[string]*madeDir // slash-separated folder → its making

	// spare, for a recycled folder, is what it held; nil for a new one.
	spare     *spareFiles
	spareOnce sync.Once
	spareErr  error
}

// madeDir is one folder's making, done once however many writers ask.
type madeDir struct {
	once sync.Once
	err  error
}

func newFreshDir(abs string) *freshDir {
	return &freshDir{path: abs, dirs: map[string]*madeDir{}}
}

// Path is where name is written.
func (f *freshDir) Path(name string) string {
	return filepath.Join(f.path, filepath.FromSlash(name))
}

// local returns name cleaned, or an error when it is not a path inside
// the folder.
func local(name string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return "", fmt.Errorf("output: %q is not a path inside the site", name)
	}
	return path.Clean(name), nil
}

// mkdir makes dir (slash-separated, cleaned) and its parents, each once.
func (f *freshDir) mkdir(dir string) error {
	if dir == "." {
		return nil
	}
	f.mu.Lock()
	m := f.dirs[dir]
	if m == nil {
		m = &madeDir{}
		f.dirs[dir] = m
	}
	f.mu.Unlock()
	m.once.Do(func() {
		if m.err = f.mkdir(path.Dir(dir)); m.err != nil {
			return
		}
		if f.spare != nil {
			var exists bool
			if exists, m.err = f.spare.takeDir(f.path, dir); exists || m.err != nil {
				return
			}
		}
		m.err = os.Mkdir(f.Path(dir), 0o755)
	})
	return m.err
}

// recycled waits until a recycled folder is listed. One that cannot be
// listed is emptied and written as a new folder.
func (f *freshDir) recycled() error {
	if f.spare == nil {
		return nil
	}
	f.spareOnce.Do(func() {
		if f.spare.wait() == nil {
			return
		}
		f.spare = nil
		if f.spareErr = removeTree(f.path); f.spareErr == nil {
			f.spareErr = os.Mkdir(f.path, 0o755)
		}
	})
	return f.spareErr
}

// place readies name for a file: checked local and cleaned, its
// folders made and, in a recycled folder, whatever the spare had at the
// name removed, unless keep (when given) reports that it is already the
// file to be there. It returns the cleaned name, and whether the file
// there was kept.
func (f *freshDir) place(name string, keep func(path string) bool) (string, bool, error) {
	name, err := local(name)
	if err != nil {
		return "", false, err
	}
	if err := f.recycled(); err != nil {
		return "", false, err
	}
	if err := f.mkdir(path.Dir(name)); err != nil {
		return "", false, err
	}
	if f.spare == nil {
		return name, false, nil
	}
	held, err := f.spare.takeFile(f.path, name)
	if err != nil || !held {
		return name, false, err
	}
	p := f.Path(name)
	if keep != nil && keep(p) {
		f.spare.kept.Add(1)
		return name, true, nil
	}
	// Never written into: it may be a link, or the cache's file.
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", false, err
	}
	return name, false, nil
}

// WriteFile writes data to name, making its folders.
func (f *freshDir) WriteFile(name string, data []byte) error {
	name, _, err := f.place(name, nil)
	if err != nil {
		return err
	}
	// O_TRUNC, not O_EXCL: a site's static file may take the name of a
	// page, and the last one written stays, as it always did.
	file, err := os.OpenFile(f.Path(name), os.O_WRONLY|os.O_CREATE|os.O_TRUNC|noFollow, 0o644)
	if err != nil {
		return err
	}
	_, err = file.Write(data)
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	return err
}

// LinkFile puts the file at src at name (see Linker). In a recycled
// folder, the spare's file at name stays when it is src's very file:
// most of a site after one edit.
func (f *freshDir) LinkFile(name, src string) error {
	name, kept, err := f.place(name, func(p string) bool { return sameFile(p, src) })
	if err != nil || kept {
		return err
	}
	return linkOrCopy(src, f.Path(name))
}
