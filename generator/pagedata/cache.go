package pagedata

import (
	"slices"
	"sync"

	"github.com/waymark-cx/waymark/generator/content"
)

// Cache keeps values worked out for one journey at a time (a journey's
// row on a list page, its piece of index.json, its share of the channel
// figures) from one build to the next, in named slots. List pages show
// every journey: with their rows kept, a rebuild after one journey
// changes works out one row again instead of thousands.
//
// A journey's values are dropped when any file its page depends on
// changes (Forget). It is safe for concurrent use.
type Cache[V any] struct {
	mu    sync.RWMutex // read on every row of every list page
	slots map[string]map[*content.Journey]V
	// deps are each journey's dependencies when its first value was
	// stored: a persona the journey no longer names is still in the old
	// value, so a change to it must still drop the value.
	deps map[*content.Journey][]string
}

// NewCache returns an empty Cache.
func NewCache[V any]() *Cache[V] {
	return &Cache[V]{slots: map[string]map[*content.Journey]V{}, deps: map[*content.Journey][]string{}}
}

// Get returns j's value in slot.
func (c *Cache[V]) Get(slot string, j *content.Journey) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.slots[slot][j]
	return v, ok
}

// GetAll returns the value of each journey in slot, and whether it has
// one: a list page looks its slot up once and then only journey
// pointers, which hash fast.
func (c *Cache[V]) GetAll(slot string, js []*content.Journey) ([]V, []bool) {
	vals, found := make([]V, len(js)), make([]bool, len(js))
	c.mu.RLock()
	defer c.mu.RUnlock()
	if m := c.slots[slot]; m != nil {
		for i, j := range js {
			vals[i], found[i] = m[j]
		}
	}
	return vals, found
}

// Put keeps v as j's value in slot.
func (c *Cache[V]) Put(slot string, j *content.Journey, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.deps[j]; !ok {
		c.deps[j] = pageDeps(j)
	}
	m := c.slots[slot]
	if m == nil {
		m = map[*content.Journey]V{}
		c.slots[slot] = m
	}
	m[j] = v
}

// Forget drops the values of every journey whose page depends on a file
// that changed.
func (c *Cache[V]) Forget(changed func(file string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for j, deps := range c.deps {
		// A data file that is new has rows about j, which the deps of
		// its values, stored before the file was, cannot name.
		if slices.ContainsFunc(deps, changed) || slices.ContainsFunc(j.KPIFiles, changed) {
			delete(c.deps, j)
			for _, m := range c.slots {
				delete(m, j)
			}
		}
	}
}
