package buildcache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// Outputs are the output files that builds with one set of options (a
// profile: minified or not, drafts or not, the base URL, …) kept: which
// file each output name had and from what key, and where it is. The
// files themselves are shared by all profiles, by key.
type Outputs struct {
	c       *Cache
	profile Key

	old    map[string]record // what the last build of the profile kept
	digest Key               // of the list as stored (Digest)

	mu  sync.Mutex
	new map[string]record // what this build keeps

	// made are the folders of kept files known to exist: a cold build
	// keeps tens of thousands of files in 256 folders, and asking for
	// each folder again was a path walk per file.
	made sync.Map
}

// record is one output file as kept: its key, and the file's size,
// modification time and inode when it was kept, which must still be its
// own for it to be used.
type record struct {
	Key   Key
	Size  int64
	MTime int64 // nanoseconds
	Ino   uint64
}

// Outputs returns the outputs kept for profile.
func (c *Cache) Outputs(profile Key) *Outputs {
	o := &Outputs{c: c, profile: profile, old: map[string]record{}, new: map[string]record{}}
	data, err := c.read(o.name(), profile)
	if err == nil && data != nil {
		o.digest = NewHasher().Add(data).Key()
		if gob.NewDecoder(bytes.NewReader(data)).Decode(&o.old) != nil {
			err = errors.New("their list is damaged")
		}
	}
	if err != nil {
		o.old = map[string]record{}
		c.ignored("the kept pages", err)
	}
	return o
}

func (o *Outputs) name() string { return "outputs-" + o.profile.String()[:16] }

// path is where the file of key is kept.
func (o *Outputs) path(k Key) string {
	s := k.String()
	return filepath.Join(o.c.dir, filesDir, s[:2], s[2:])
}

// Lookup returns the kept file of output name, when it was kept for key
// and is still as it was kept: its path, to link, and size.
func (o *Outputs) Lookup(name string, key Key) (path string, size int64, ok bool) {
	r, ok := o.old[name]
	if !ok || r.Key != key {
		return "", 0, false
	}
	path = o.path(key)
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || recordOf(key, fi) != r {
		return "", 0, false
	}
	o.mu.Lock()
	o.new[name] = r
	o.mu.Unlock()
	return path, r.Size, true
}

// Recorded reports whether the last build of the profile kept output
// name from key. Unlike Lookup it does not look at the kept file: a
// build that keeps the folder it replaces (every file in it the file
// kept, Is) has no use for it.
func (o *Outputs) Recorded(name string, key Key) bool {
	r, ok := o.old[name]
	return ok && r.Key == key
}

// Kept returns the name and key of every output file the last build of
// the profile kept.
func (o *Outputs) Kept() map[string]Key {
	out := make(map[string]Key, len(o.old))
	for name, r := range o.old {
		out[name] = r.Key
	}
	return out
}

// Keeping returns the name and key of every output file this build
// keeps so far.
func (o *Outputs) Keeping() map[string]Key {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make(map[string]Key, len(o.new))
	for name, r := range o.new {
		out[name] = r.Key
	}
	return out
}

// Digest is a key of the list of kept files as stored: as read, or as
// Save stored it; the zero Key when there is none. It is the hash of the
// list's bytes, so the list one build stored has its own digest, even
// when another stores the same names and keys again.
func (o *Outputs) Digest() Key { return o.digest }

// Carry keeps what the last build kept for names, as it was: for a
// build that writes nothing, its output folder being up to date.
func (o *Outputs) Carry(names []string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, name := range names {
		if r, ok := o.old[name]; ok {
			o.new[name] = r
		}
	}
}

// Is reports whether fi, a file of an earlier build's output, is the
// file kept for output name from key (the same file: hard-linked, the
// same size, time and inode), as Lookup found it.
func (o *Outputs) Is(name string, key Key, fi fs.FileInfo) bool {
	r, ok := o.old[name]
	return ok && r.Key == key && fi.Mode().IsRegular() && recordOf(key, fi) == r
}

// KeepFile keeps the file at src, just written as output name from key:
// hard-linked into the cache where it can be, copied where not.
func (o *Outputs) KeepFile(name string, key Key, src string) error {
	// Most files are new to the cache: linked straight to their place.
	// Where a file of the key is there already (another build's, kept
	// at the same time, or an older copy of it) or the folder cannot
	// take links, the careful way below replaces it.
	path := o.path(key)
	if err := o.mkdir(filepath.Dir(path)); err != nil {
		return err
	}
	if os.Link(src, path) == nil {
		return o.record(name, key, path)
	}
	return o.keep(name, key, func(tmp string) error {
		if err := os.Link(src, tmp); err == nil {
			return nil
		}
		in, err := os.Open(src)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(tmp)
		if err != nil {
			return err
		}
		_, err = io.Copy(out, in)
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// KeepData keeps data, just rendered as output name from key.
func (o *Outputs) KeepData(name string, key Key, data []byte) error {
	return o.keep(name, key, func(tmp string) error { return os.WriteFile(tmp, data, 0o644) })
}

func (o *Outputs) keep(name string, key Key, put func(tmp string) error) error {
	path := o.path(key)
	if err := o.mkdir(filepath.Dir(path)); err != nil {
		return err
	}
	// A name of its own, as another build may keep the same file at the
	// same time.
	tmp := fmt.Sprintf("%s.tmp-%d-%d", path, os.Getpid(), tmpCount.Add(1))
	if err := put(tmp); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return o.record(name, key, path)
}

// record notes that output name is kept at path, from key.
func (o *Outputs) record(name string, key Key, path string) error {
	fi, err := os.Lstat(path)
	if err != nil {
		return err
	}
	o.mu.Lock()
	o.new[name] = recordOf(key, fi)
	o.mu.Unlock()
	return nil
}

// mkdir makes the folder dir of kept files, once per build.
func (o *Outputs) mkdir(dir string) error {
	if _, ok := o.made.Load(dir); ok {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	o.made.Store(dir, true)
	return nil
}

var tmpCount atomic.Int64

// Save stores the list of what this build kept, and removes the files
// of the last build of the profile that no profile keeps any more.
func (o *Outputs) Save() error {
	if maps.Equal(o.old, o.new) {
		return nil // as stored: at 10,000 journeys, 5 MB not written
	}
	var list bytes.Buffer
	if err := gob.NewEncoder(&list).Encode(o.new); err != nil {
		return err
	}
	err := o.c.write(o.name(), o.profile, func(w io.Writer) error { _, err := w.Write(list.Bytes()); return err })
	if err != nil {
		return err
	}
	o.digest = NewHasher().Add(list.Bytes()).Key()
	dropped := map[Key]bool{}
	for name, r := range o.old {
		if n, ok := o.new[name]; !ok || n.Key != r.Key {
			dropped[r.Key] = true
		}
	}
	if len(dropped) == 0 {
		return nil
	}
	for _, r := range o.new {
		delete(dropped, r.Key)
	}
	// Another profile may keep the same file (a page whose key does not
	// depend on the option that differs).
	others, _ := filepath.Glob(filepath.Join(o.c.dir, "outputs-*"))
	for _, f := range others {
		if len(dropped) == 0 || filepath.Base(f) == o.name() {
			continue
		}
		for _, r := range o.c.otherOutputs(filepath.Base(f)) {
			delete(dropped, r.Key)
		}
	}
	for k := range dropped {
		if err := os.Remove(o.path(k)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// otherOutputs reads another profile's list, whatever its key.
func (c *Cache) otherOutputs(name string) map[string]record {
	raw, err := os.ReadFile(filepath.Join(c.dir, name))
	if err != nil {
		return nil
	}
	rest, ok := bytes.CutPrefix(raw, []byte(magic))
	for i := 0; ok && i < 2; i++ {
		_, rest, ok = bytes.Cut(rest, []byte("\n"))
	}
	var m map[string]record
	if !ok || gob.NewDecoder(bytes.NewReader(rest)).Decode(&m) != nil {
		return nil
	}
	return m
}
