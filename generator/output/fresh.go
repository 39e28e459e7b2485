package output

import (
	"fmt"
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
type freshDir struct {
	path string // the folder, absolute

	mu   sync.Mutex
	dirs map[string]*madeDir // slash-separated folder → its making
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
		if m.err = f.mkdir(path.Dir(dir)); m.err == nil {
			m.err = os.Mkdir(f.Path(dir), 0o755)
		}
	})
	return m.err
}

// WriteFile writes data to name, making its folders.
func (f *freshDir) WriteFile(name string, data []byte) error {
	name, err := local(name)
	if err != nil {
		return err
	}
	if err := f.mkdir(path.Dir(name)); err != nil {
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

// LinkFile puts the file at src at name (see Linker).
func (f *freshDir) LinkFile(name, src string) error {
	name, err := local(name)
	if err != nil {
		return err
	}
	if err := f.mkdir(path.Dir(name)); err != nil {
		return err
	}
	return linkOrCopy(src, f.Path(name))
}
