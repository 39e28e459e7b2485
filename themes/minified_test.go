package themes_test

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/waymark-cx/waymark/generator/build"
)

// Minifying must not change what a page shows or does: the example site,
// built with --minify, loads without script errors on every page kind,
// and its stage controls, channel filter and search work as they do
// unminified (browser_test.go and file_test.go test those in full).
func TestMinifiedSite(t *testing.T) {
	h := setup(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := buildExample(dest, build.Options{Minify: true}); err != nil {
		t.Fatal(err)
	}
	css, _ := os.ReadFile(filepath.Join(dest, "css", "waymark.css"))
	if strings.Count(string(css), "\n") > 5 {
		t.Fatal("the stylesheet does not look minified")
	}
	const base = "/cx/maps/"
	mux := http.NewServeMux()
	mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServerFS(os.DirFS(dest))))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	url := srv.URL + base

	for _, page := range []string{"", "journeys/a-year-of-servicing/", "personas/dana-ortiz/", "channels/", "channels/web/"} {
		ctx := h.tab(t)
		do(t, ctx, chromedp.Navigate(url+page), chromedp.WaitReady("main"))
	}

	ctx := h.tab(t)
	do(t, ctx, chromedp.Navigate(url+"journeys/buying-a-bike/"), chromedp.WaitVisible("[data-controls]"))
	if got := eval[string](t, ctx, openStages); got != "inspiration|inspiration" {
		t.Errorf("on load: %s, want the first stage open", got)
	}
	do(t, ctx, chromedp.Click(`[data-timeline] button[data-stage-id="research"]`))
	if got := eval[string](t, ctx, openStages); got != "research|research" {
		t.Errorf("after clicking Research: %s", got)
	}
	do(t, ctx, chromedp.Click(`[data-channel-filter="web"]`))
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-channels]")].filter(t =>
	  t.dataset.channels.split(" ").includes("web") === t.hasAttribute("data-dimmed")).length`); n != 0 {
		t.Errorf("%d touchpoints dimmed wrongly with the web filter on", n)
	}
	do(t, ctx, chromedp.SendKeys("#search-q", "jargon"), chromedp.WaitVisible("#search-results li a"))
	if first := eval[string](t, ctx, `document.querySelector("#search-results li a").textContent`); !strings.Contains(strings.ToLower(first), "jargon") {
		t.Errorf("first search result: %q", first)
	}
}
