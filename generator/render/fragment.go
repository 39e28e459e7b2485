package render

import (
	"bytes"
	"fmt"
	"html/template"
	"sync"

	"github.com/waymark-cx/waymark/generator/content"
)

// Part is the dot of a partial rendered through Page.Cached: the page it
// appears on, the journey it shows, and any data the caller passed along.
type Part struct {
	Page    *Page
	Journey *content.Journey
	Data    any
}

// Cached renders the partial name for journey j on this page, or returns
// the copy rendered before. List pages (the index, /channels/, a channel's
// page) show every journey; with their rows cached, a rebuild after one
// journey changes renders one row again instead of thousands.
//
// The copy is kept per page, since links in it are relative to the page,
// and dropped when any file j's page depends on changes (Forget). The
// partial must show only j, the page's own fields and the data passed
// in: what it shows of anything else would go stale. The result is the
// output of an html/template partial, already escaped, which is why it
// may be inserted as template.HTML.
func (p *Page) Cached(name string, j *content.Journey, data ...any) (template.HTML, error) {
	r := p.renderer
	key := fragmentKey{name: name, page: p.URL}
	if h, ok := r.fragments.get(j, key); ok {
		return h, nil
	}
	part := Part{Page: p, Journey: j}
	switch len(data) {
	case 0:
	case 1:
		part.Data = data[0]
	default:
		return "", fmt.Errorf("Cached %q: at most one data argument, got %d", name, len(data))
	}
	var buf bytes.Buffer
	if err := r.templates[p.Kind].ExecuteTemplate(&buf, name, part); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	r.fragments.put(j, key, h)
	return h, nil
}

// Forget drops the cached fragments of every journey whose page depends
// on a file that changed.
func (r *Renderer) Forget(changed func(file string) bool) {
	r.fragments.forget(changed)
}

type fragmentKey struct {
	name string // the partial
	page string // the URL of the page it is on
}

// fragmentCache holds fragments by journey, so that forgetting walks the
// journeys once rather than every fragment.
type fragmentCache struct {
	mu        sync.Mutex
	byJourney map[*content.Journey]*journeyFragments
}

type journeyFragments struct {
	deps []string // journeyDeps when the first fragment was stored
	html map[fragmentKey]template.HTML
}

func (c *fragmentCache) get(j *content.Journey, key fragmentKey) (template.HTML, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.byJourney[j]; f != nil {
		h, ok := f.html[key]
		return h, ok
	}
	return "", false
}

func (c *fragmentCache) put(j *content.Journey, key fragmentKey, h template.HTML) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := c.byJourney[j]
	if f == nil {
		// The dependencies are those of the moment the fragment was made:
		// a persona the journey no longer names is still in the old
		// fragment, so a change to it must still drop the fragment.
		f = &journeyFragments{deps: journeyDeps(j), html: map[fragmentKey]template.HTML{}}
		c.byJourney[j] = f
	}
	f.html[key] = h
}

func (c *fragmentCache) forget(changed func(string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for j, f := range c.byJourney {
		for _, d := range f.deps {
			if changed(d) {
				delete(c.byJourney, j)
				break
			}
		}
	}
}
