package content

import (
	"strings"
	"sync"
)

// Cache keeps decoded files from one Load to the next. Watch mode names
// each file that changes on disk to Forget; every other file is taken from
// the cache as it was, without being read again. It is safe for
// concurrent use, and a nil *Cache keeps nothing.
//
// A cache belongs to one configuration: a file's decoded form depends on
// site.toml (its channels) and on static/ (a persona's photo), so a change
// to either calls for a new Cache.
type Cache struct {
	mu    sync.Mutex
	files map[string]*decoded
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]*decoded{}} }

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

func (c *Cache) get(file string) *decoded {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.files[file]
}

func (c *Cache) put(file string, d *decoded) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.files[file] = d
}
