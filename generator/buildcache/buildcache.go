// Package buildcache keeps what a build made, for the next build of the
// same site to reuse: each content file decoded (keyed by its contents'
// hash) and each output file (keyed by a hash of everything it was made
// from). What the keys cover is the build's to say (package build); this
// package stores, finds and checks.
//
// The cache is a folder, by default .waymark-cache/ in the site folder:
//
//	CACHEDIR.TAG           tells backup tools to skip the folder
//	decoded                the decoded personas and journeys (content.Cache)
//	outputs-<profile>      the output files of the last build with those
//	                       options (minified or not, drafts or not, …)
//	fingerprint-<profile>  a key of that build's sources, and what it
//	                       reported (package build says what)
//	files/ab/abcd…         the output files themselves, by key
//	spare-site/            the site a `build` last replaced, for the next
//	                       one to make its new folder from (Spare)
//
// Each file starts with a header naming the format and the version of
// waymark that wrote it, a hash of its executable: a rebuilt waymark
// never trusts what another one stored. A file that is not the cache's,
// is damaged or was written by another version is ignored, with a note
// saying so, and written afresh.
//
// The cache is never trusted over the sources: decoded files are taken
// only when the file hashes the same, and an output file only when it is
// still the file that was kept (the same size, modification time and
// inode, as git's index checks), so that an output edited by hand is
// rendered again. Every file is written beside its place and renamed
// into it, so concurrent builds never see half a file; at worst one
// build's cleaning removes a file another just kept, and the next build
// renders it again.
package buildcache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// Dir is where a site's cache lives, relative to the site folder.
const Dir = ".waymark-cache"

// Key identifies what a stored thing was made from.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Hasher builds a Key from parts: each part is written with its length,
// so that ("ab", "c") and ("a", "bc") give different keys.
type Hasher struct {
	h interface {
		io.Writer
		Sum([]byte) []byte
	}
}

// NewHasher returns an empty Hasher.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

// Add writes parts to the key.
func (h *Hasher) Add(parts ...[]byte) *Hasher {
	var n [8]byte
	for _, p := range parts {
		l := uint64(len(p))
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.h.Write(n[:])
		h.h.Write(p)
	}
	return h
}

// AddString writes strings to the key.
func (h *Hasher) AddString(parts ...string) *Hasher {
	for _, p := range parts {
		h.Add([]byte(p))
	}
	return h
}

// Key is the key of what was added.
func (h *Hasher) Key() (k Key) {
	h.h.Sum(k[:0])
	return k
}

// ToolVersion identifies the running waymark: a hash of its executable,
// so that any change to the program (its code, its built-in theme, the
// Go it was built with) makes a new version.
func ToolVersion() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Cache is a build cache folder.
type Cache struct {
	dir     string
	version string

	mu          sync.Mutex
	notes       []string
	saidVersion bool
}

// Open opens the cache in dir, creating it, for the waymark of version
// (ToolVersion).
func Open(dir, version string) (*Cache, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(abs, filesDir), 0o755); err != nil {
		return nil, err
	}
	tag := filepath.Join(abs, "CACHEDIR.TAG")
	if _, err := os.Stat(tag); errors.Is(err, os.ErrNotExist) {
		writeFile(tag, []byte(cacheDirTag))
	}
	return &Cache{dir: abs, version: version}, nil
}

// The Cache Directory Tagging Specification's tag, which backup tools
// (tar --exclude-caches, restic, borg) know to skip.
const cacheDirTag = "Signature: 8a477f597d28d172789f06886806bc55\n# This file marks waymark's build cache (see https://bford.info/cachedir/).\n# Delete the folder to clear the cache: the next build makes it again.\n"

const filesDir = "files"

// Spare is where a build keeps the site it replaced rather than remove
// it, for the next build to recycle (output.PublishOptions.Spare).
func (c *Cache) Spare() string { return filepath.Join(c.dir, "spare-site") }

// Notes returns what the cache ignored since the last call, one line
// each ("the cache's decoded files were written by another version of
// waymark: decoding every file").
func (c *Cache) Notes() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := c.notes
	c.notes = nil
	return n
}

func (c *Cache) note(format string, args ...any) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.notes = append(c.notes, fmt.Sprintf(format, args...))
}

// The header of every file but the output files themselves: the format,
// then the version of waymark that wrote it, then the key of what it
// holds.
const magic = "waymark build cache 1\n"

// Why a cache file was ignored.
var (
	errForeign = errors.New("the file is not one of waymark's")
	errVersion = errors.New("the file was written by another version of waymark")
	errKey     = errors.New("the file was made from other settings")
)

// read reads the cache file name, checking its header; data is what
// follows the header. A file that does not exist is no error and no
// data.
func (c *Cache) read(name string, key Key) (data []byte, err error) {
	raw, err := os.ReadFile(filepath.Join(c.dir, name))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	rest, ok := bytes.CutPrefix(raw, []byte(magic))
	if !ok {
		return nil, errForeign
	}
	version, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, errForeign
	}
	if string(version) != c.version {
		return nil, errVersion
	}
	k, rest, ok := bytes.Cut(rest, []byte("\n"))
	if !ok {
		return nil, errForeign
	}
	if string(k) != key.String() {
		return nil, errKey
	}
	return rest, nil
}

// write writes the cache file name: the header, then what body writes.
func (c *Cache) write(name string, key Key, body func(io.Writer) error) error {
	path := filepath.Join(c.dir, name)
	tmp, err := os.CreateTemp(c.dir, "."+name+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	w := bufio.NewWriterSize(tmp, 1<<20)
	fmt.Fprintf(w, "%s%s\n%s\n", magic, c.version, key)
	err = body(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// writeFile writes a file beside its place and renames it into it.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ignored notes that the cache file what (a description) was ignored
// because of err, and that the build makes them afresh. A cache
// written by another version of waymark is said once, for all its
// files.
func (c *Cache) ignored(what string, err error) {
	c.ignoredThen(what, "building them afresh", err)
}

// ignoredThen is ignored, then saying what the build does instead.
func (c *Cache) ignoredThen(what, then string, err error) {
	switch {
	case err == errKey:
		// Made from other settings (site.toml changed): not a
		// problem, and nothing to say.
	case err == errVersion:
		c.mu.Lock()
		said := c.saidVersion
		c.saidVersion = true
		c.mu.Unlock()
		if !said {
			c.note("ignored: it was written by another version of waymark, so everything is built afresh (and kept for the next build)")
		}
	default:
		c.note("ignored %s: %v; %s", what, err, then)
	}
}

// Failed notes that the cache could not keep something (err says what):
// the build itself is not the worse for it.
func (c *Cache) Failed(err error) {
	c.note("not kept: %v", err)
}

// Decoded returns the decoded files stored for key (see content.Cache),
// or nil when there are none or they cannot be used, saying why in a
// note.
func (c *Cache) Decoded(key Key) []byte {
	data, err := c.read("decoded", key)
	if err != nil {
		c.ignored("the decoded files", err)
		return nil
	}
	return data
}

// Undecodable notes that the stored decoded files for key could not be
// read (err says why): they are ignored.
func (c *Cache) Undecodable(err error) {
	c.ignored("the decoded files", err)
}

// SaveDecoded stores the decoded files for key, written by save.
func (c *Cache) SaveDecoded(key Key, save func(io.Writer) error) error {
	return c.write("decoded", key, save)
}

// DecodedStamp identifies the stored decoded files as they are on disk
// (their size, modification time and inode), "" when there are none: a
// build that does not read them can still tell that they are as an
// earlier build left them.
func (c *Cache) DecodedStamp() string {
	fi, err := os.Lstat(filepath.Join(c.dir, "decoded"))
	if err != nil {
		return ""
	}
	r := recordOf(Key{}, fi)
	return fmt.Sprint(r.Size, " ", r.MTime, " ", r.Ino)
}

func fingerprintName(profile Key) string { return "fingerprint-" + profile.String()[:16] }

// Fingerprint reads into v (with encoding/gob) what the last build of
// profile stored with SaveFingerprint, and reports whether it did. One
// that is damaged, not the cache's or another version's is ignored,
// with a note saying so.
func (c *Cache) Fingerprint(profile Key, v any) bool {
	data, err := c.read(fingerprintName(profile), profile)
	if err == nil && data == nil {
		return false
	}
	if err == nil && gob.NewDecoder(bytes.NewReader(data)).Decode(v) != nil {
		err = errors.New("it is damaged")
	}
	if err != nil {
		c.ignoredThen("the fingerprint of the last build", "checking the site file by file", err)
		return false
	}
	return true
}

// SaveFingerprint stores v (with encoding/gob) for the next build of
// profile.
func (c *Cache) SaveFingerprint(profile Key, v any) error {
	return c.write(fingerprintName(profile), profile, func(w io.Writer) error { return gob.NewEncoder(w).Encode(v) })
}
