package themes_test

// Accessibility: axe-core, pinned in testdata/a11y/package.json, runs in
// chromium on every page kind of the example site, with the script on, in
// the light and the dark colour scheme, at desktop width (and some pages at
// phone width), and after the script's controls have been used (a stage
// chosen, a channel filter on, the lane menu open). A serious or critical
// violation of the WCAG 2.1 A and AA rules fails the test, listing each
// element. axe does not check reflow (WCAG 1.4.10), so a test of its own
// does: at 320 CSS pixels no page scrolls sideways; wide tables scroll
// inside their own region.

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

var (
	axeOnce   sync.Once
	axeScript string
	axeErr    error
)

// axeSource reads axe.min.js, or skips (fails under require) saying how to
// install it.
func axeSource(t *testing.T) string {
	t.Helper()
	path := filepath.Join(toolsDir, "node_modules", "axe-core", "axe.min.js")
	axeOnce.Do(func() {
		b, err := os.ReadFile(path)
		axeScript, axeErr = string(b), err
	})
	if axeErr != nil {
		skipOrFail(t, fmt.Sprintf("axe-core is not installed (%s missing): run %s; accessibility not checked", path, toolsInstall))
	}
	return axeScript
}

// axeRun runs axe on the document and returns its serious and critical
// violations of the WCAG 2.1 A and AA rules.
const axeRun = `(async () => {
  const r = await axe.run(document, {
    runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    resultTypes: ["violations"],
  });
  return r.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ""})),
    }));
})()`

type axeViolation struct {
	ID      string `json:"id"`
	Impact  string `json:"impact"`
	Help    string `json:"help"`
	HelpURL string `json:"helpUrl"`
	Nodes   []struct {
		Target  []string `json:"target"`
		HTML    string   `json:"html"`
		Summary string   `json:"summary"`
	} `json:"nodes"`
}

// a11yPages are the pages checked, one or more of each kind; the journeys
// cover a map in review, a future-state map and an eleven-stage map.
var a11yPages = []string{
	"",
	"journeys/buying-a-bike/",
	"journeys/buying-a-bike-future/",
	"journeys/a-year-of-servicing/",
	"journeys/damaged-on-arrival/",
	"personas/dana-ortiz/",
	"channels/",
	"channels/web/",
	"404.html",
	// Later pages of lists, with their pagers (a build of two journeys
	// to a list page).
	"paged/page/2/",
	"paged/channels/page/2/",
	"paged/channels/web/page/2/",
}

// a11yPhonePages are also checked at a phone's width: the pages whose
// layout changes most there.
var a11yPhonePages = []string{"", "journeys/buying-a-bike/", "channels/"}

// a11yStates are what is done to a page before axe runs; "" is the page as
// loaded.
var a11yStates = map[string]string{
	"journeys/buying-a-bike/": `(() => {
  document.querySelector('[data-timeline] button[data-stage-id="research"]').click();
  document.querySelector('[data-channel-filter="web"]').click();
  document.querySelector('[data-persona-filter="priya-shah"]').click();
  localStorage.removeItem("waymark.persona"); // this page only: other tests share the storage
  document.querySelector(".lane-toggles").open = true;
  return true;
})()`,
}

func TestAccessibility(t *testing.T) {
	h := setup(t)
	script := axeSource(t)
	viewports := []struct {
		name          string
		width, height int64
		mobile        bool
		pages         []string
	}{
		{"desktop", 1280, 900, false, a11yPages},
		{"phone", 390, 844, true, a11yPhonePages},
	}
	for _, scheme := range []string{"light", "dark"} {
		for _, vp := range viewports {
			for _, page := range vp.pages {
				states := []string{"as loaded"}
				if a11yStates[page] != "" && !vp.mobile {
					states = append(states, "after using the controls")
				}
				for _, state := range states {
					name := fmt.Sprintf("%s/%s/%s/%s", scheme, vp.name, strings.TrimSuffix(page, "/"), state)
					t.Run(name, func(t *testing.T) {
						ctx := h.tab(t)
						if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
							Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
						}); err != nil {
							t.Fatal(err)
						}
						if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
							Width: vp.width, Height: vp.height, DeviceScaleFactor: 1, Mobile: vp.mobile,
						}); err != nil {
							t.Fatal(err)
						}
						do(t, ctx, chromedp.Navigate(h.url+page), chromedp.WaitReady("main"))
						if want := map[string]bool{"light": false, "dark": true}[scheme]; eval[bool](t, ctx, `matchMedia("(prefers-color-scheme: dark)").matches`) != want {
							t.Fatalf("the page does not see prefers-color-scheme: %s", scheme)
						}
						if state != "as loaded" {
							eval[bool](t, ctx, a11yStates[page])
						}
						eval[bool](t, ctx, script+";\ntrue")
						violations := run(t, ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
						for _, v := range violations {
							var b strings.Builder
							fmt.Fprintf(&b, "%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, v.HelpURL)
							for _, n := range v.Nodes {
								fmt.Fprintf(&b, "\n\t- %s\n\t  %s", strings.Join(n.Target, " "), n.HTML)
								if n.Summary != "" {
									fmt.Fprintf(&b, "\n\t  %s", strings.ReplaceAll(n.Summary, "\n", "\n\t  "))
								}
							}
							t.Error(b.String())
						}
					})
				}
			}
		}
	}
}

// TestReflowAtPhoneWidth: at 320 CSS pixels wide (WCAG 1.4.10) no page is
// wider than the screen, so none is zoomed out or scrolls sideways as a
// whole; the map and the tables scroll inside their own regions.
func TestReflowAtPhoneWidth(t *testing.T) {
	h := setup(t)
	for _, page := range a11yPages {
		t.Run(strings.TrimSuffix(page, "/"), func(t *testing.T) {
			ctx := h.tab(t)
			if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: 320, Height: 640, DeviceScaleFactor: 1, Mobile: true,
			}); err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.Navigate(h.url+page), chromedp.WaitReady("main"))
			const widths = `[innerWidth, document.documentElement.scrollWidth]`
			w := eval[[]float64](t, ctx, widths)
			if w[0] != 320 || w[1] > w[0] {
				// Absolutely positioned elements first: they escape a
				// scroller that is not itself positioned.
				wide := eval[[]string](t, ctx, `(() => {
				  const past = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > 321);
				  const abs = past.filter(e => ["absolute", "fixed"].includes(getComputedStyle(e).position));
				  return (abs.length ? abs : past).slice(0, 10).map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\s+/).join(".") : ""));
				})()`)
				t.Errorf("laid out %v CSS pixels wide, document %v, on a 320-pixel screen; past the edge: %s", w[0], w[1], strings.Join(wide, ", "))
			}
		})
	}
}
