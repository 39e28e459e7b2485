package content

import (
	"crypto/sha256"
	"strings"
	"sync"
)

// Cache keeps decoded files from one Load to the next. Watch mode names
// each file that changes on disk to Forget; every other file is taken from
// the cache as it was, without being read again. It is safe for
// concurrent use, and a nil *Cache keeps nothing.
//
// A cache can also start from what an earlier run stored (ReadCache, and
// Save to store it): those files are read again, and each is taken from
// the store only when its contents hash to what they did then, so that a
// build with nothing changed parses no TOML and no Markdown.
//
// A cache belongs to one configuration: a file's decoded form depends on
// site.toml (its channels), on static/ (a persona's photo) and on the
// Markdown options, so a change to any of them calls for a new Cache, and
// whoever stores one keys it by them (see build's decodeKey).
type Cache struct {
	mu    sync.Mutex
	files map[string]*entry
	// fromStore are the files ReadCache found; stored entries that no
	// load asked for are dropped by the next Save.
	fromStore map[string]*storedFile
	changed   bool // something was decoded, or a stored file dropped
	// chunks are the chunks ReadCache read, as stored: Save writes a
	// chunk of the same files, unchanged, as it was rather than encode
	// it again (after one edit, 63 of 64).
	chunks []storedChunk
}

// Hash is the SHA-256 of a file's contents.
type Hash [sha256.Size]byte

// HashOf hashes a file's contents.
func HashOf(data []byte) Hash { return sha256.Sum256(data) }

// entry is one file as the cache keeps it.
type entry struct {
	d    *decoded
	hash Hash // of the contents d was decoded from; zero when unreadable
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*entry{}} }

// Forget drops a file, so that the next Load reads it again. name is its
// path from the site root, with slashes ("content/journeys/buy.md"); a
// folder's path drops every file under it, for a folder that was renamed
// or deleted as a whole.
func (c *Cache) Forget(name string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.files, name)
	dir := strings.TrimSuffix(name, "/") + "/"
	for f := range c.files {
		if strings.HasPrefix(f, dir) {
			delete(c.files, f)
		}
	}
}

// Hash returns the hash of a file as the last Load read it: a content
// file or a KPI data file. ok is false for a file it did not read.
func (c *Cache) Hash(file string) (h Hash, ok bool) {
	if c == nil {
		return Hash{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.files[file]
	if e == nil || e.hash == (Hash{}) {
		return Hash{}, false
	}
	return e.hash, true
}

func (c *Cache) get(file string) *decoded {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.files[file]; e != nil {
		return e.d
	}
	return nil
}

// take returns the stored form of file when it was stored from contents
// with hash h, and drops it from the store: its objects become the
// site's, so it can be taken once.
func (c *Cache) take(file string, h Hash) *storedFile {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.fromStore[file]
	if s == nil || s.Hash != h {
		return nil
	}
	delete(c.fromStore, file)
	return s
}

// put keeps d, decoded from contents that hash to h; restored says it
// came from the store rather than from decoding.
func (c *Cache) put(file string, d *decoded, h Hash, restored bool) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !restored && stored(file) {
		c.changed = true
	}
	c.files[file] = &entry{d: d, hash: h}
}

// stored reports whether Save keeps a file: the personas and journeys,
// which cost TOML and Markdown to decode. KPI data files are read afresh
// each time: their rows are quick to read and can be many.
func stored(file string) bool { return strings.HasPrefix(file, Dir+"/") }

// Hashes returns the hash of every file the last Load read (content
// files and KPI data files), by path.
func (c *Cache) Hashes() map[string]Hash {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make(map[string]Hash, len(c.files))
	for f, e := range c.files {
		if e.hash != (Hash{}) {
			out[f] = e.hash
		}
	}
	return out
}
