package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"sync"

	"github.com/waymark-cx/waymark/generator/config"
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
func (p *Page) Cached(name string, j *content.Journey) (template.HTML, error) {
	return p.CachedWith(name, j, nil)
}

// CachedWith is Cached with data for the partial, as its .Data: a row of
// figures about j that the page computed, say. It is not a variadic form
// of Cached because html/template calls variadic methods much more slowly.
func (p *Page) CachedWith(name string, j *content.Journey, data any) (template.HTML, error) {
	key := fragmentKey{name: name, page: p.URL}
	if h, ok := p.renderer.fragments.get(key, j); ok {
		return h, nil
	}
	return p.renderFragment(key, j, data)
}

// CachedEach renders the partial name for every journey of list and
// joins the results, one per line: the whole list of a list page in one
// call, where a {{range}} around Cached would pay html/template's
// reflection and escaping once per row (at 2,000 journeys, most of the
// page's cost). list is a []*content.Journey (each partial's .Data is
// nil), or a []ChannelJourney or []SummaryJourney (.Data is the element).
func (p *Page) CachedEach(name string, list any) (template.HTML, error) {
	var journeys []*content.Journey
	var data func(i int) any
	switch l := list.(type) {
	case []*content.Journey:
		journeys, data = l, func(int) any { return nil }
	case []ChannelJourney:
		journeys = make([]*content.Journey, len(l))
		for i := range l {
			journeys[i] = l[i].Journey
		}
		data = func(i int) any { return l[i] }
	case []SummaryJourney:
		journeys = make([]*content.Journey, len(l))
		for i := range l {
			journeys[i] = l[i].Journey
		}
		data = func(i int) any { return l[i] }
	default:
		return "", fmt.Errorf("CachedEach %q: cannot list %T; want journeys, channel journeys or summary journeys", name, list)
	}
	key := fragmentKey{name: name, page: p.URL}
	parts := p.renderer.fragments.getAll(key, journeys)
	size := 0
	for i, h := range parts {
		if h == "" {
			var err error
			if h, err = p.renderFragment(key, journeys[i], data(i)); err != nil {
				return "", err
			}
			parts[i] = h
		}
		size += len(h) + 1
	}
	var b strings.Builder
	b.Grow(size)
	for _, h := range parts {
		b.WriteString(string(h))
		b.WriteByte('\n')
	}
	return template.HTML(b.String()), nil
}

func (p *Page) renderFragment(key fragmentKey, j *content.Journey, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := p.renderer.templates[p.Kind].ExecuteTemplate(&buf, key.name, Part{Page: p, Journey: j, Data: data}); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	if p.renderer.KeepFragments {
		p.renderer.fragments.put(key, j, h)
	}
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

// fragmentCache holds fragments by page and partial, then by journey: a
// list page looks its key up once and then only journey pointers, which
// hash fast; forgetting walks the journeys once.
type fragmentCache struct {
	mu    sync.RWMutex // read on every row of every list page
	pages map[fragmentKey]map[*content.Journey]template.HTML
	// deps are each journey's dependencies when its first fragment was
	// stored: a persona the journey no longer names is still in the old
	// fragment, so a change to it must still drop the fragment.
	deps map[*content.Journey][]string
	// uses are each journey's contributions to the channel views, kept
	// and dropped with its fragments.
	uses map[*content.Journey]*journeyUse
}

func newFragmentCache() fragmentCache {
	return fragmentCache{pages: map[fragmentKey]map[*content.Journey]template.HTML{}, deps: map[*content.Journey][]string{}, uses: map[*content.Journey]*journeyUse{}}
}

func (c *fragmentCache) get(key fragmentKey, j *content.Journey) (template.HTML, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	h, ok := c.pages[key][j]
	return h, ok
}

// getAll returns the cached fragment of each journey, "" where there is
// none yet.
func (c *fragmentCache) getAll(key fragmentKey, js []*content.Journey) []template.HTML {
	out := make([]template.HTML, len(js))
	c.mu.RLock()
	defer c.mu.RUnlock()
	if m := c.pages[key]; m != nil {
		for i, j := range js {
			out[i] = m[j]
		}
	}
	return out
}

func (c *fragmentCache) put(key fragmentKey, j *content.Journey, h template.HTML) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.deps[j]; !ok {
		c.deps[j] = pageDeps(j)
	}
	m := c.pages[key]
	if m == nil {
		m = map[*content.Journey]template.HTML{}
		c.pages[key] = m
	}
	m[j] = h
}

// use returns j's contribution to the channel views, working it out the
// first time.
func (c *fragmentCache) use(cfg *config.Config, j *content.Journey) *journeyUse {
	c.mu.Lock()
	defer c.mu.Unlock()
	if u := c.uses[j]; u != nil {
		return u
	}
	u := computeUse(cfg, j)
	c.uses[j] = u
	if _, ok := c.deps[j]; !ok {
		c.deps[j] = pageDeps(j)
	}
	return u
}

func (c *fragmentCache) forget(changed func(string) bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for j, deps := range c.deps {
		// A data file that is new has rows about j, which the deps of
		// its fragments, stored before the file was, cannot name.
		if slices.ContainsFunc(deps, changed) || slices.ContainsFunc(j.KPIFiles, changed) {
			delete(c.deps, j)
			delete(c.uses, j)
			for _, m := range c.pages {
				delete(m, j)
			}
		}
	}
}
