package themes_test

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-cx/waymark/generator/build"
)

// Opened from disk (a file share), every link of every kind of page must
// lead to a file, not a folder: browsers show a folder listing for
// file:///…/journeys/buy/. The theme's script points folder links at
// their index.html.
func TestLinksFromDisk(t *testing.T) {
	h := setup(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := buildExample(dest, build.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx := h.tab(t)
	checked := 0
	for _, page := range []string{"index.html", "journeys/buying-a-bike/index.html", "personas/dana-ortiz/index.html", "channels/index.html", "channels/web/index.html"} {
		u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dest, page))}).String()
		do(t, ctx, chromedp.Navigate(u), chromedp.WaitReady("body"))
		hrefs := eval[[]string](t, ctx, `[...document.querySelectorAll("a[href]")].map(a => a.href)`)
		for _, href := range hrefs {
			l, err := url.Parse(href)
			if err != nil || l.Scheme != "file" {
				continue // external links
			}
			st, err := os.Stat(l.Path)
			switch {
			case err != nil:
				t.Errorf("%s: link %s leads nowhere", page, strings.TrimPrefix(href, "file://"+dest))
			case st.IsDir():
				t.Errorf("%s: link %s leads to a folder, which a browser lists instead of showing its page", page, strings.TrimPrefix(href, "file://"+dest))
			}
			checked++
		}
	}
	if checked < 50 {
		t.Errorf("checked only %d links", checked)
	}
}
