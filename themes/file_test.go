package themes_test

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

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

// Search finds stages, pain points and personas as you type, over HTTP
// under the base path and from disk, and its results lead to pages.
func TestSearch(t *testing.T) {
	h := setup(t)
	dest := filepath.Join(t.TempDir(), "public")
	if err := buildExample(dest, build.Options{}); err != nil {
		t.Fatal(err)
	}
	fromDisk := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(dest, "journeys/buying-a-bike/index.html"))}).String()
	for name, start := range map[string]string{"served": h.url + "journeys/buying-a-bike/", "from disk": fromDisk} {
		t.Run(name, func(t *testing.T) {
			ctx := h.tab(t)
			do(t, ctx, chromedp.Navigate(start), chromedp.WaitVisible("#search-q"))
			do(t, ctx, chromedp.SendKeys("#search-q", "jargon"), chromedp.WaitVisible("#search-results li a"))
			results := eval[[]string](t, ctx, `[...document.querySelectorAll("#search-results li a")].map(a => a.textContent + " | " + a.href)`)
			if len(results) == 0 || !strings.Contains(strings.ToLower(results[0]), "jargon") {
				t.Fatalf("results for jargon: %q", results)
			}
			status := eval[string](t, ctx, `document.getElementById("search-status").textContent`)
			if !strings.Contains(status, "match") {
				t.Errorf("status = %q", status)
			}
			// Keyboard: down to the first result, Enter opens it.
			do(t, ctx, chromedp.KeyEvent(kb.ArrowDown))
			if focused := eval[string](t, ctx, `document.activeElement.closest("#search-results") ? "result" : document.activeElement.id`); focused != "result" {
				t.Errorf("ArrowDown moved focus to %q, want the first result", focused)
			}
			do(t, ctx, chromedp.KeyEvent(kb.Enter), chromedp.WaitReady("main"))
			if got := eval[string](t, ctx, `location.pathname + location.hash`); !strings.Contains(got, "#stage-") {
				t.Errorf("the result led to %q, want a stage of a map", got)
			}
			// A persona by name; no match says so.
			do(t, ctx, chromedp.WaitVisible("#search-q"), chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`), chromedp.SendKeys("#search-q", "priya"), chromedp.WaitVisible("#search-results li a"))
			if first := eval[string](t, ctx, `document.querySelector("#search-results li a").textContent`); !strings.Contains(first, "Persona") {
				t.Errorf("first result for priya: %q", first)
			}
			do(t, ctx, chromedp.Evaluate[chromedp.Void](`document.getElementById("search-q").value = ""`), chromedp.SendKeys("#search-q", "zzzqqq"))
			waitText(t, ctx, "#search-status", "No matches.")
		})
	}
}

func waitText(t *testing.T, ctx context.Context, sel, want string) {
	t.Helper()
	for range 200 {
		if got := eval[string](t, ctx, `(document.querySelector("`+sel+`") || {}).textContent || ""`); got == want {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Errorf("%s never said %q", sel, want)
}
