package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// Marker is the file every waymark build leaves at the root of its
// output. Its presence is what allows the next build to replace the
// folder: waymark never wipes a folder it did not write.
const Marker = ".waymark-build"

const markerText = "This folder is written by waymark and replaced on every build; do not keep files here.\n"

// Dir writes files under a folder. Writes go through os.Root, so no name
// can reach outside it (no "..", no absolute path, no symlink out).
type Dir struct {
	root *os.Root
	path string // the folder, absolute
	// live is set for a folder that may be read while it is written
	// (watch mode's): each file is then written beside its place and
	// renamed over it, so a reader sees the old file or the new one,
	// never half of one.
	live bool
}

// OpenDir opens an earlier build in dest for watch mode to update in
// place, file by file. dest must hold a Marker: waymark changes only
// folders it wrote.
func OpenDir(dest string) (*Dir, error) {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, err
	}
	if _, err := root.Stat(Marker); err != nil {
		root.Close()
		return nil, &ForeignError{Dest: dest}
	}
	return &Dir{root: root, path: abs, live: true}, nil
}

// Close releases the folder.
func (d *Dir) Close() error { return d.root.Close() }

// WriteFile writes data to name under the folder, creating folders as
// needed.
func (d *Dir) WriteFile(name string, data []byte) error {
	if dir := path.Dir(name); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if !d.live {
		return d.root.WriteFile(name, data, 0o644)
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".waymark-tmp")
	if err := d.root.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	if err := d.root.Rename(tmp, name); err != nil {
		d.root.Remove(tmp)
		return err
	}
	return nil
}

// Remove deletes a file that a rebuild no longer writes, and the folders
// it leaves empty ("journeys/old/").
func (d *Dir) Remove(name string) error {
	if err := d.root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	for dir := path.Dir(name); dir != "."; dir = path.Dir(dir) {
		if d.root.Remove(dir) != nil {
			break // not empty: it still holds other pages
		}
	}
	return nil
}

// ForeignError reports a destination that holds files waymark did not
// write.
type ForeignError struct{ Dest string }

func (e *ForeignError) Error() string {
	return fmt.Sprintf("%s is not empty and was not written by waymark (no %s file), so it will not be replaced", e.Dest, Marker)
}

// Publish builds a site into dest atomically. build writes every file to
// the Target it is given, a new folder beside dest; when it returns nil
// the new folder takes dest's place and the old one is removed. When it
// fails, or anything before the swap fails, dest is left untouched. The
// Target writes files on several goroutines while build goes on; a
// failure to write one comes back from a later write or from Publish.
//
// A dest that exists, is not empty and has no Marker is refused with a
// *ForeignError unless force is set.
func Publish(dest string, force bool, build func(Target) error) error {
	return PublishWith(dest, PublishOptions{Force: force}, build)
}

// PublishOptions say how PublishWith replaces a site.
type PublishOptions struct {
	// Force replaces a folder that has no Marker.
	Force bool
	// Spare, when set, is a folder (in the build cache's) where the site
	// a publish replaces is kept rather than removed, and where the next
	// publish takes its new folder from (recycle.go). It must be on
	// dest's file system to be of use; elsewhere it is never made.
	Spare string
}

// PublishWith is Publish with options.
func PublishWith(dest string, opts PublishOptions, build func(Target) error) error {
	dest = filepath.Clean(dest)
	if err := checkDest(dest, opts.Force); err != nil {
		return err
	}
	parent := filepath.Dir(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	fresh, err := newFolder(dest, opts.Spare)
	if err != nil {
		return err
	}
	tmp := fresh.path
	swapped := false
	defer func() {
		if swapped {
			return
		}
		if fresh.spare != nil {
			fresh.spare.stop.Store(true)
			fresh.spare.wait()
		}
		// Whatever was written, the folder is still a spare: the next
		// build rewrites only what differs.
		keepSpare(tmp, opts.Spare)
	}()
	dir := newParallelDir(fresh, publishWriters)
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		dir.replaced, _ = filepath.Abs(dest)
	}
	err = build(dir)
	if werr := dir.Wait(); err == nil {
		err = werr
	}
	if errors.Is(err, ErrUnchanged) {
		return nil // dest is the site: the new folder is put back or removed
	}
	if err != nil {
		return err
	}
	// The marker is written as any file is, so a recycled folder is
	// listed (or, when it could not be, emptied) before it is cleared.
	if err := fresh.WriteFile(Marker, []byte(markerText)); err != nil {
		return err
	}
	if fresh.spare != nil {
		if err := fresh.spare.clear(tmp); err != nil {
			return err
		}
	}
	if err := swap(tmp, dest, opts.Spare); err != nil {
		return err
	}
	swapped = true
	return nil
}

// newFolder makes the folder a publish writes: the spare, when there is
// one to recycle, or a new empty folder beside dest.
func newFolder(dest, spare string) (*freshDir, error) {
	if tmp := takeSpare(spare, dest); tmp != "" {
		abs, err := filepath.Abs(tmp)
		if err == nil {
			f := newFreshDir(abs)
			f.spare = listSpare(abs)
			return f, nil
		}
		removeTree(tmp)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".new-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.Remove(tmp)
		return nil, err
	}
	abs, err := filepath.Abs(tmp)
	if err != nil {
		os.Remove(tmp)
		return nil, err
	}
	return newFreshDir(abs), nil
}

// ErrUnchanged, returned by Publish's build, says that the folder being
// replaced (Replacing) already holds the site, file for file: Publish
// then leaves it as it is, which is atomic too, and costs nothing.
var ErrUnchanged = errors.New("output: the destination holds this site already")

// Replacing is a Target that replaces a folder of an earlier build.
type Replacing interface {
	Target
	// Replaced is the folder, "" when there is none.
	Replaced() string
}

// Replaced is the folder of an earlier build that this one replaces.
func (p *parallelDir) Replaced() string { return p.replaced }

// checkDest refuses to replace a folder of someone else's files.
func checkDest(dest string, force bool) error {
	st, err := os.Stat(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s exists and is not a folder", dest)
	}
	if force {
		return nil
	}
	if _, err := os.Stat(filepath.Join(dest, Marker)); err == nil {
		return nil
	}
	entries, err := os.ReadDir(dest)
	if err != nil {
		return err
	}
	if len(entries) > 0 {
		return &ForeignError{Dest: dest}
	}
	return nil
}

// swap puts the new folder in place of dest, and keeps the old one as
// the spare or removes it.
// Where the system can, the two folders trade places in one atomic step
// (exchange, in disk_linux.go), so that dest never stops existing;
// elsewhere, and on file systems that cannot exchange (NFS, some FUSE),
// dest moves aside and the new folder takes its name: two renames, each
// atomic, with an instant between them when dest does not exist.
func swap(tmp, dest, spare string) error {
	if _, err := os.Stat(dest); err != nil {
		return os.Rename(tmp, dest) // nothing to replace
	}
	if err := exchange(tmp, dest); err == nil {
		// tmp now holds the previous site.
		return keepSpare(tmp, spare)
	}
	return renameAside(tmp, dest, spare)
}

// renameAside moves dest aside, renames tmp to dest, and keeps the old
// site as the spare or removes it; if the second rename fails, the old
// site is put back.
func renameAside(tmp, dest, spare string) error {
	aside, err := os.MkdirTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".old-")
	if err != nil {
		return err
	}
	defer removeTree(aside)
	old := filepath.Join(aside, "site")
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Rename(old, dest) // put the previous site back
		return err
	}
	return keepSpare(old, spare)
}
