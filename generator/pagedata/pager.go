package pagedata

import (
	"strconv"

	"github.com/waymark-cx/waymark/generator/config"
)

// Pager is where a list page stands in a list split across pages: the
// index's journeys, the rows of /channels/, a channel's journeys, a
// persona's journeys. Its
// first page keeps the list's own URL ("channels/web/"); the others are
// "page/2/", "page/3/", … under it, as Hugo does, so that a link to the
// list still lands on its start.
//
// Every page of a list depends on what the whole list depends on: a new
// journey moves every later row to another page.
type Pager struct {
	Number int // this page, from 1
	Total  int // items in the whole list
	First  int // the first item on this page, from 1; 0 when the list is empty
	Last   int // the last item on this page

	// Items is the part of the list this page shows, of the list's own
	// type: []*content.Journey on the index and on a persona's page
	// (the maps of today, then the plans, then the drafts),
	// []SummaryJourney on /channels/, []ChannelJourney on a channel's
	// page. Page.CachedEach takes each of them.
	Items any

	urls []string // every page's URL, from the site root
}

// Pages is how many pages the list takes.
func (p *Pager) Pages() int { return len(p.urls) }

// Paged reports whether the list takes more than one page.
func (p *Pager) Paged() bool { return len(p.urls) > 1 }

// Prev and Next link to the neighbouring pages, or are nil at either
// end.
func (p *Pager) Prev() *PagerLink { return p.link(p.Number - 1) }
func (p *Pager) Next() *PagerLink { return p.link(p.Number + 1) }

func (p *Pager) link(n int) *PagerLink {
	if n < 1 || n > len(p.urls) {
		return nil
	}
	return &PagerLink{Number: n, URL: p.urls[n-1], Current: n == p.Number}
}

// PagerLink is one entry of a pager's numbered links. A gap ("…") has
// Number 0; the first page of the index has URL "", the site root.
type PagerLink struct {
	Number  int
	URL     string // from the site root
	Current bool
}

// pagerWindow is how many numbered links a pager shows on each side of
// the current page, besides the first and the last.
const pagerWindow = 2

// Links are the numbered links to show: the first and last pages, the
// pages near this one, and a gap wherever pages are left out, so that a
// list of 100 pages reads "1 … 4 5 6 7 8 … 100".
func (p *Pager) Links() []PagerLink {
	var out []PagerLink
	for n := 1; n <= len(p.urls); n++ {
		near := n >= p.Number-pagerWindow && n <= p.Number+pagerWindow
		if n == 1 || n == len(p.urls) || near {
			out = append(out, *p.link(n))
			continue
		}
		if len(out) > 0 && out[len(out)-1].Number != 0 {
			out = append(out, PagerLink{})
		}
	}
	return out
}

// pageURL is the URL of page n of the list at base.
func pageURL(base string, n int) string {
	if n == 1 {
		return base
	}
	return base + config.PageDir + "/" + strconv.Itoa(n) + "/"
}

// paginate makes the pages of a list: first as given, for page 1, and a
// copy of it for each further page, each with its Pager. An empty list
// still has its first page, which says so; perPage 0 puts the whole list
// on it.
func paginate[T any](first *Page, list []T, perPage int) []*Page {
	if perPage < 1 {
		perPage = max(len(list), 1)
	}
	count := max((len(list)+perPage-1)/perPage, 1)
	urls := make([]string, count)
	for i := range urls {
		urls[i] = pageURL(first.URL, i+1)
	}
	pages := make([]*Page, count)
	for i := range pages {
		p := first
		if i > 0 {
			c := *first
			p = &c
			p.URL = urls[i]
		}
		lo, hi := min(i*perPage, len(list)), min((i+1)*perPage, len(list))
		p.Pager = &Pager{Number: i + 1, Total: len(list), Last: hi, Items: list[lo:hi], urls: urls}
		if hi > lo {
			p.Pager.First = lo + 1
		}
		pages[i] = p
	}
	return pages
}
