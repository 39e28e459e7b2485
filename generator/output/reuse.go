package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
)

// A build cache keeps the files of earlier builds, and a build reuses
// those that would come out the same rather than render and write them
// again. The interfaces here are how a Target takes such a file, and how
// one hands its files over to be kept.

// Linker is a Target that can take a file that is already on disk:
// LinkFile puts the file at src (an absolute path) at name, hard-linked
// where the file system allows (no bytes copied), copied elsewhere. src
// must not change afterwards: waymark never writes into a file it
// linked, it replaces files.
type Linker interface {
	Target
	LinkFile(name, src string) error
}

// OnDisk is a Target whose files are on disk: once Sync returns, every
// file written so far is at Path(name), for a build cache to link to.
type OnDisk interface {
	Target
	Sync() error
	Path(name string) string
}

// Reuse writes the file at src, kept by an earlier build as name's
// contents, size bytes long, as Write writes what it renders: linked
// when the target can link, read and stored otherwise. It is counted
// as written.
func (w *Writer) Reuse(name, src string, size int64) error {
	var err error
	if l, ok := w.target.(Linker); ok {
		err = l.LinkFile(name, src)
	} else {
		var data []byte
		if data, err = os.ReadFile(src); err == nil {
			err = w.target.WriteFile(name, data)
		}
	}
	if err != nil {
		return err
	}
	w.mu.Lock()
	w.files++
	w.bytes += size
	w.mu.Unlock()
	return nil
}

// Path is where name is on disk.
func (d *Dir) Path(name string) string { return filepath.Join(d.path, filepath.FromSlash(name)) }

// Sync does nothing: a Dir writes each file before WriteFile returns.
func (d *Dir) Sync() error { return nil }

// LinkFile puts the file at src at name (see Linker). In a live folder
// the link is made beside its place and renamed over it, as WriteFile
// does.
func (d *Dir) LinkFile(name, src string) error {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return fmt.Errorf("output: %q is not a path inside the site", name)
	}
	if dir := path.Dir(name); dir != "." {
		if err := d.root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	if !d.live {
		return linkOrCopy(src, d.Path(name))
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".waymark-tmp")
	d.root.Remove(tmp)
	if err := linkOrCopy(src, d.Path(tmp)); err != nil {
		return err
	}
	if err := d.root.Rename(tmp, name); err != nil {
		d.root.Remove(tmp)
		return err
	}
	return nil
}

// linkOrCopy hard-links src to dst, a path that does not exist, or
// copies it where links cannot be made (another file system, one without
// hard links).
func linkOrCopy(src, dst string) error {
	err := os.Link(src, dst)
	if err == nil || errors.Is(err, os.ErrExist) || errors.Is(err, os.ErrNotExist) {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	return out.Close()
}

// LinkFile notes the file at src as name's, to be read when it is
// first asked for (see Memory).
func (m *Memory) LinkFile(name, src string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
	m.linked[name] = src
	return nil
}

// LinkFile queues a link to src, made by the pool of writers.
func (p *parallelDir) LinkFile(name, src string) error {
	return p.queue(writeJob{name: name, src: src})
}

// Sync waits until every file queued so far is written, and returns the
// first failure.
func (p *parallelDir) Sync() error {
	p.pending.Wait()
	return p.failed()
}

// Path is where name is written.
func (p *parallelDir) Path(name string) string { return p.dir.Path(name) }
