package render

import (
	"bytes"
	"fmt"
	"html/template"

	"strings"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// Part is the dot of a partial rendered through Page.Cached: the page it
// appears on, the journey it shows, and any data the caller passed along.
type Part struct {
	Page    Dot
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
func (p Dot) Cached(name string, j *content.Journey) (template.HTML, error) {
	return p.CachedWith(name, j, nil)
}

// CachedWith is Cached with data for the partial, as its .Data: a row of
// figures about j that the page computed, say. It is not a variadic form
// of Cached because html/template calls variadic methods much more slowly.
func (p Dot) CachedWith(name string, j *content.Journey, data any) (template.HTML, error) {
	slot := fragmentSlot(name, p.URL)
	if h, ok := p.r.fragments.Get(slot, j); ok {
		return h, nil
	}
	return p.renderFragment(slot, name, j, data)
}

// CachedEach renders the partial name for every journey of list and
// joins the results, one per line: the whole list of a list page in one
// call, where a {{range}} around Cached would pay html/template's
// reflection and escaping once per row (at 2,000 journeys, most of the
// page's cost). list is a []*content.Journey (each partial's .Data is
// the journey's *pagedata.Card), or a []ChannelJourney or []SummaryJourney (.Data is the element).
func (p Dot) CachedEach(name string, list any) (template.HTML, error) {
	var journeys []*content.Journey
	var data func(i int) any
	switch l := list.(type) {
	case []*content.Journey:
		journeys, data = l, func(i int) any { return p.Card(l[i]) }
	case []pagedata.ChannelJourney:
		journeys = make([]*content.Journey, len(l))
		for i := range l {
			journeys[i] = l[i].Journey
		}
		data = func(i int) any { return l[i] }
	case []pagedata.SummaryJourney:
		journeys = make([]*content.Journey, len(l))
		for i := range l {
			journeys[i] = l[i].Journey
		}
		data = func(i int) any { return l[i] }
	default:
		return "", fmt.Errorf("CachedEach %q: cannot list %T; want journeys, channel journeys or summary journeys", name, list)
	}
	slot := fragmentSlot(name, p.URL)
	parts, found := p.r.fragments.GetAll(slot, journeys)
	size := 0
	for i, h := range parts {
		if !found[i] {
			var err error
			if h, err = p.renderFragment(slot, name, journeys[i], data(i)); err != nil {
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

func (p Dot) renderFragment(slot, name string, j *content.Journey, data any) (template.HTML, error) {
	var buf bytes.Buffer
	if err := p.r.templates[string(p.Kind)].ExecuteTemplate(&buf, name, Part{Page: p, Journey: j, Data: data}); err != nil {
		return "", err
	}
	h := template.HTML(buf.String())
	if p.r.KeepFragments {
		p.r.fragments.Put(slot, j, h)
	}
	return h, nil
}

// fragmentSlot is where a partial's rows on one page are kept: by page,
// since links in them are relative to the page.
func fragmentSlot(name, pageURL string) string { return name + "\x00" + pageURL }
