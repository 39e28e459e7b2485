package pagedata

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

func TestPaginate(t *testing.T) {
	for _, tc := range []struct {
		name    string
		base    string
		items   int
		perPage int
		want    []string // per page: "URL first-last items"
	}{
		{"empty list keeps its first page", "", 0, 3, []string{" 0-0 []"}},
		{"fits on one page", "channels/", 3, 3, []string{"channels/ 1-3 [0 1 2]"}},
		{"one over", "channels/", 4, 3, []string{"channels/ 1-3 [0 1 2]", "channels/page/2/ 4-4 [3]"}},
		{"index pages from the root", "", 5, 2, []string{" 1-2 [0 1]", "page/2/ 3-4 [2 3]", "page/3/ 5-5 [4]"}},
		{"per page 0 is all on one page", "channels/web/", 250, 0, []string{"channels/web/ 1-250 " + fmt.Sprint(seq(250))}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			list := seq(tc.items)
			first := &Page{Kind: "index", URL: tc.base, AllDeps: true}
			pages := paginate(first, list, tc.perPage)
			var got []string
			for i, p := range pages {
				pg := p.Pager
				got = append(got, fmt.Sprintf("%s %d-%d %v", p.URL, pg.First, pg.Last, pg.Items))
				if pg.Number != i+1 || pg.Pages() != len(pages) || pg.Total != tc.items {
					t.Errorf("page %d: Number %d, Pages %d, Total %d", i+1, pg.Number, pg.Pages(), pg.Total)
				}
				if !p.AllDeps || p.Kind != "index" {
					t.Errorf("page %d lost the first page's fields: %+v", i+1, p)
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("pages\n%q\nwant\n%q", got, tc.want)
			}
			if pages[0] != first {
				t.Errorf("the first page is a copy; want the page given")
			}
		})
	}
}

func TestPagerLinks(t *testing.T) {
	for _, tc := range []struct {
		pages, current int
		want           string // numbers, [current], … for gaps
	}{
		{1, 1, "[1]"},
		{2, 1, "[1] 2"},
		{5, 3, "1 2 [3] 4 5"},
		{10, 1, "[1] 2 3 … 10"},
		{10, 5, "1 … 3 4 [5] 6 7 … 10"},
		{10, 4, "1 2 3 [4] 5 6 … 10"},
		{10, 10, "1 … 8 9 [10]"},
		{100, 50, "1 … 48 49 [50] 51 52 … 100"},
	} {
		pages := paginate(&Page{URL: "channels/"}, make([]int, tc.pages), 1)
		pg := pages[tc.current-1].Pager
		var got []string
		for _, l := range pg.Links() {
			switch {
			case l.Number == 0:
				got = append(got, "…")
			case l.Current:
				got = append(got, fmt.Sprintf("[%d]", l.Number))
			default:
				got = append(got, fmt.Sprint(l.Number))
			}
			if l.Number > 0 && l.URL != pageURL("channels/", l.Number) {
				t.Errorf("link %d goes to %q", l.Number, l.URL)
			}
		}
		if s := strings.Join(got, " "); s != tc.want {
			t.Errorf("%d pages, on %d: %s; want %s", tc.pages, tc.current, s, tc.want)
		}
		prev, next := pg.Prev(), pg.Next()
		if (prev == nil) != (tc.current == 1) || (next == nil) != (tc.current == tc.pages) {
			t.Errorf("%d pages, on %d: prev %v, next %v", tc.pages, tc.current, prev, next)
		}
		if prev != nil && prev.Number != tc.current-1 || next != nil && next.Number != tc.current+1 {
			t.Errorf("%d pages, on %d: prev %d, next %d", tc.pages, tc.current, prev.Number, next.Number)
		}
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestPersonaPages checks a persona's list split across pages: the maps
// of today, then the plans, then the drafts; the persona's own pages
// listed again, all of them, for the files saved; and each page's cache
// key made of the files of the cards it shows, not the whole list's.
func TestPersonaPages(t *testing.T) {
	ana := &content.Persona{Slug: "ana", Name: "Ana", File: "content/personas/ana.md"}
	journey := func(slug, state, status string) *content.Journey {
		j := &content.Journey{Slug: slug, Title: slug, File: "content/journeys/" + slug + ".md", State: state, Status: status, Personas: []*content.Persona{ana}}
		ana.Journeys = append(ana.Journeys, j)
		return j
	}
	journey("draft", "current", "draft")
	journey("plan", "future", "published")
	journey("a", "current", "published")
	journey("b", "current", "published")
	journey("c", "current", "published")
	site := &content.Site{Config: &config.Config{Title: "Maps"}, Personas: []*content.Persona{ana}, Journeys: ana.Journeys}
	site.Config.Pagination.PerPage = 2

	pl := NewPlanner(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), false)
	var got []string
	for _, p := range pl.Pages(site) {
		if p.Kind != Persona {
			continue
		}
		p.Prepare()
		files, figures, ok := p.Shows()
		g := p.PersonaJourneys
		got = append(got, fmt.Sprintf("%s %d/%d %d+%d+%d %v %q %v", p.URL, p.Pager.Number, p.Pager.Pages(), len(g.Counted), len(g.Planned), len(g.Drafts), files, figures, ok))
	}
	want := []string{
		`personas/ana/ 1/3 2+0+0 [content/personas/ana.md content/journeys/a.md content/journeys/b.md] "1 3 1 2 5 " true`,
		`personas/ana/page/2/ 2/3 1+1+0 [content/personas/ana.md content/journeys/c.md content/journeys/plan.md] "2 3 3 4 5 " true`,
		`personas/ana/page/3/ 3/3 0+0+1 [content/personas/ana.md content/journeys/draft.md] "3 3 5 5 5 " true`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("persona pages\n%q\nwant\n%q", got, want)
	}

	own := pl.PagesOf(site, func(file string) bool { return file == ana.File })
	var urls []string
	for _, p := range own {
		urls = append(urls, p.URL)
	}
	if want := []string{"personas/ana/", "personas/ana/page/2/", "personas/ana/page/3/"}; !slices.Equal(urls, want) {
		t.Errorf("PagesOf the persona's file: %q, want %q", urls, want)
	}
}
