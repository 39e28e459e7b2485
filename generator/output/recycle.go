package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Recycling the site a publish replaces. An atomic publish writes a
// whole new folder and removes the old one, and with a build cache most
// of the new folder is hard links to files the old one linked too:
// after one edit at 10,000 journeys, 42,000 links made and 42,000 files
// unlinked to change a handful of pages, a third of the build. Kept as
// a spare (in the build cache's folder) instead of removed, the old site
// becomes the next publish's new folder: each file that is already the
// one the build would link is left as it is, each other one is replaced,
// and what the build does not write is removed at the end. The folder is
// still written in full before it is swapped in, so the publish stays
// atomic; only the work changes.
//
// Nothing in a spare is trusted. A file is kept only when it is the very
// file (the same inode) the build links at its name, and anything else
// in its place, a file, a folder or a link, is removed before the name
// is written, so that nothing is ever written through a link or into a
// file that is also the cache's.

// spareFiles are what a recycled folder held when the build took it
// over, less what the build has written over since.
type spareFiles struct {
	listed chan struct{} // closed when the listing is done
	stop   atomic.Bool   // ends the listing early: nothing will be written
	err    error         // why the folder could not be listed, if it could not

	mu    sync.Mutex
	files map[string]bool // file (or link) → true; names the build has written are deleted
	dirs  map[string]bool // folder → whether this build writes under it

	kept atomic.Int64 // files left as they were, being the file linked
}

// listSpare starts listing the folder at root in the background: the
// build reads its content meanwhile.
func listSpare(root string) *spareFiles {
	s := &spareFiles{listed: make(chan struct{}), files: map[string]bool{}, dirs: map[string]bool{}}
	go func() {
		defer close(s.listed)
		s.err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if s.stop.Load() {
				return fs.SkipAll
			}
			rel, err := filepath.Rel(root, p)
			if err != nil || rel == "." {
				return err
			}
			name := filepath.ToSlash(rel)
			if d.IsDir() { // a folder itself: WalkDir reports a link to one as a link
				s.dirs[name] = false
			} else {
				s.files[name] = true
			}
			return nil
		})
	}()
	return s
}

// wait waits for the listing; it is done before the first file is
// written, and the build's loading hides it.
func (s *spareFiles) wait() error {
	<-s.listed
	return s.err
}

// takeDir notes that the build writes under dir, and reports whether
// the folder is there already (a folder of the spare); otherwise
// whatever file the spare had at that name is removed, for mkdir.
func (s *spareFiles) takeDir(root, dir string) (exists bool, err error) {
	s.mu.Lock()
	_, isDir := s.dirs[dir]
	held := s.files[dir]
	if isDir {
		s.dirs[dir] = true
	}
	delete(s.files, dir)
	s.mu.Unlock()
	if held {
		err = removeEntry(filepath.Join(root, filepath.FromSlash(dir)))
	}
	return isDir, err
}

// takeFile notes that the build writes name, and clears the way for it:
// it returns whether the spare held a file or link there, which the
// caller replaces (or keeps, if it is the file it links); a folder in
// its place is removed.
func (s *spareFiles) takeFile(root, name string) (held bool, err error) {
	s.mu.Lock()
	held = s.files[name]
	delete(s.files, name)
	_, isDir := s.dirs[name]
	if isDir {
		delete(s.dirs, name)
		for n := range s.files { // what the folder held goes with it
			if strings.HasPrefix(n, name+"/") {
				delete(s.files, n)
			}
		}
		for d := range s.dirs {
			if strings.HasPrefix(d, name+"/") {
				delete(s.dirs, d)
			}
		}
	}
	s.mu.Unlock()
	if isDir {
		err = os.RemoveAll(filepath.Join(root, filepath.FromSlash(name)))
	}
	return held, err
}

// clear removes what the spare held and the build did not write: the
// files, then the folders nothing was written under, deepest first.
func (s *spareFiles) clear(root string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	files := make([]string, 0, len(s.files))
	for name := range s.files {
		files = append(files, filepath.Join(root, filepath.FromSlash(name)))
	}
	inParallel(files, os.Remove)
	var dirs []string
	for name, used := range s.dirs {
		if !used {
			dirs = append(dirs, name)
		}
	}
	slices.SortFunc(dirs, func(a, b string) int { return strings.Count(b, "/") - strings.Count(a, "/") })
	var errs []error
	for _, d := range dirs {
		errs = append(errs, os.RemoveAll(filepath.Join(root, filepath.FromSlash(d))))
	}
	for _, f := range files {
		if _, err := os.Lstat(f); err == nil {
			errs = append(errs, os.Remove(f)) // says why it is still there
		}
	}
	s.files, s.dirs = nil, nil
	return errors.Join(errs...)
}

// removeEntry removes a file or link, or a folder and all it holds.
func removeEntry(p string) error {
	err := os.Remove(p)
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return os.RemoveAll(p)
}

// sameFile reports whether the files at a and b are one file: the
// spare's file at a name is the cache's file the build links there.
func sameFile(a, b string) bool {
	fa, err := os.Lstat(a)
	if err != nil || !fa.Mode().IsRegular() {
		return false
	}
	fb, err := os.Lstat(b)
	return err == nil && os.SameFile(fa, fb)
}

// takeSpare moves the spare folder beside dest, named as a new folder
// of Publish's, for this publish to recycle; "" when there is no spare,
// or it cannot be moved there (on another file system; another build
// took it first).
func takeSpare(spare, dest string) string {
	if spare == "" {
		return ""
	}
	if st, err := os.Lstat(spare); err != nil || !st.IsDir() {
		return ""
	}
	// A name of Publish's kind that nothing else holds: made, then
	// removed for the rename to take.
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".new-")
	if err != nil {
		return ""
	}
	if err := os.Remove(tmp); err != nil {
		return ""
	}
	if err := os.Rename(spare, tmp); err != nil {
		return ""
	}
	return tmp
}

// keepSpare puts a folder the publish no longer needs (the site it
// replaced, or the new folder of a build that wrote nothing or failed)
// where the next publish takes its spare from, or removes it when it
// cannot go there.
func keepSpare(dir, spare string) error {
	if spare != "" {
		if err := os.MkdirAll(filepath.Dir(spare), 0o755); err == nil && os.Rename(dir, spare) == nil {
			return nil
		}
	}
	return removeTree(dir)
}
