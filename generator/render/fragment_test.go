package render

import (
	"sync"
	"testing"
	"testing/fstest"
)

// TestKeepFragments renders a site whose index lists its journeys through
// CachedEach: with KeepFragments the rows and export pieces stay for the
// next render; without, nothing is kept, and the pages are the same.
func TestKeepFragments(t *testing.T) {
	site := addTheme(fstest.MapFS{}, "themes/t", "t")
	site["themes/t/layouts/index.html"] = file(`{{define "main"}}<ul>{{.CachedEach "card" .Pager.Items}}</ul>{{end}}`)
	site["themes/t/layouts/partials.html"] = file(`{{define "foot"}}{{end}}{{define "card"}}<li><a href="{{.Page.Rel .Journey.URL}}">{{.Journey.Title}}</a></li>{{end}}`)
	th, errs := OpenTheme(site, "t", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	f := newFixture()
	index := map[bool]string{}
	for _, keep := range []bool{true, false} {
		r, errs := New(th)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		r.KeepFragments = keep
		var mu sync.Mutex
		err := r.Render(f.site, func(p string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			if p == "index.html" {
				index[keep] = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		all := len(f.site.Journeys)
		for _, c := range []struct {
			key  fragmentKey
			want int
		}{
			{fragmentKey{name: "card", page: ""}, map[bool]int{true: all, false: 0}[keep]},
			{fragmentKey{name: searchJS, page: exportKind}, map[bool]int{true: all, false: 0}[keep]},
			{fragmentKey{name: mapJSON, page: exportKind}, map[bool]int{true: all, false: 0}[keep]},
		} {
			if kept := len(r.fragments.pages[c.key]); kept != c.want {
				t.Errorf("KeepFragments %v: %d of %s kept, want %d", keep, kept, c.key.name, c.want)
			}
		}
	}
	if index[true] != index[false] || index[true] == "" {
		t.Errorf("index with rows kept:\n%s\nwithout:\n%s", index[true], index[false])
	}
}
