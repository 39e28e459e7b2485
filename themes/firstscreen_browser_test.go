package themes_test

// Browser tests of what a reviewer sees of a journey map without
// scrolling, on the example site and on the held-out site
// (testdata/heldout: 3 and 11 stages, two personas rated apart, a future
// state): every stage, the whole curve, the worst moment and the channel
// that hurts most, in light at 1440 × 900 and in dark at 1280 × 720; and
// on a 390 px phone, every stage readable without scrolling sideways.

import (
	"context"
	"fmt"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// heldoutJourneys are the held-out site's journey maps.
var heldoutJourneys = []string{
	"report-a-leak", "a-year-of-bills", "a-year-of-bills-future",
	"supply-cut-for-roadworks", "moving-in",
}

// screen is a browser window a reviewer opens a map in.
type screen struct {
	name          string
	width, height int64
	dark          bool
}

// worstMomentFromMapJSON works out, in the page, the name of the map's
// lowest point from its map.json, as the glance must name it: the lowest
// rating of a stage or of a touchpoint rated on its own (per persona
// where written so), of equals the first in map order.
const worstMomentFromMapJSON = `fetch("map.json").then(r => r.json()).then(({journey}) => {
  const ratings = (e, byPersona) => Object.keys(byPersona || {}).length ? Object.values(byPersona) : (e == null ? [] : [e]);
  let worst = null, name = "";
  const consider = (label, e, byPersona) => {
    for (const v of ratings(e, byPersona)) if (worst == null || v < worst) { worst = v; name = label; }
  };
  for (const s of journey.stages) {
    consider(s.name, s.emotion, s.emotion_by_persona);
    for (const t of s.touchpoints || []) consider(t.name, t.emotion, t.emotion_by_persona);
  }
  return name;
})`

// firstScreen measures the page as loaded, without scrolling: each stage
// head's box, the curve's, and the boxes of the elements that name the
// worst moment and the worst channel.
const firstScreen = `(() => {
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return {l: r.left, r: r.right, t: r.top, b: r.bottom, w: r.width, h: r.height}; };
  return {
    vw: document.documentElement.clientWidth, vh: window.innerHeight,
    stages: [...document.querySelectorAll("[data-evidence][id^=stage-]")].map(th => ({id: th.id, box: box(th), text: th.textContent.trim()})),
    curve: box(document.querySelector("svg[data-emotion-curve]")),
    worst: box(document.querySelector("svg[data-emotion-curve] [data-worst]")),
    worstName: box(document.querySelector(".glance-worst strong")),
    worstText: (document.querySelector(".glance-worst strong") || {}).textContent || "",
    channel: box(document.querySelector("[data-worst-channel]")),
  };
})()`

// emulate sets the tab's window to width × height CSS pixels and its
// colour scheme to "light" or "dark".
func emulate(t *testing.T, ctx context.Context, width, height int64, scheme string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: width, Height: height, DeviceScaleFactor: 1, Mobile: width < 600,
	}); err != nil {
		t.Fatal(err)
	}
}

type rect struct{ L, R, T, B, W, H float64 }

type firstScreenBoxes struct {
	VW, VH float64
	Stages []struct {
		ID   string
		Box  *rect
		Text string
	}
	Curve, Worst, WorstName, Channel *rect
	WorstText                        string
}

// onScreen reports whether r is wholly inside a vw × vh window at the top
// of the page, allowing half a pixel for rounding.
func onScreen(r *rect, vw, vh float64) bool {
	return r != nil && r.W > 0 && r.H > 0 && r.L >= -0.5 && r.T >= -0.5 && r.R <= vw+0.5 && r.B <= vh+0.5
}

func TestMapOnTheFirstScreen(t *testing.T) {
	h := setup(t)
	screens := []screen{{"1440x900 light", 1440, 900, false}, {"1280x720 dark", 1280, 720, true}}
	type page struct{ site, url, slug string }
	var pages []page
	for _, slug := range exampleJourneys {
		pages = append(pages, page{"example", h.url, slug})
	}
	for _, slug := range heldoutJourneys {
		pages = append(pages, page{"heldout", h.heldout, slug})
	}
	for _, sc := range screens {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s/%s/%s", sc.name, p.site, p.slug), func(t *testing.T) {
				ctx := h.tab(t)
				scheme := "light"
				if sc.dark {
					scheme = "dark"
				}
				emulate(t, ctx, sc.width, sc.height, scheme)
				do(t, ctx, chromedp.Navigate(p.url+"journeys/"+p.slug+"/"), chromedp.WaitVisible("[data-controls]"))
				got := eval[firstScreenBoxes](t, ctx, firstScreen)
				if len(got.Stages) == 0 {
					t.Fatal("no stage heads ([data-evidence][id^=stage-]) on the page")
				}
				for _, s := range got.Stages {
					if !onScreen(s.Box, got.VW, got.VH) {
						t.Errorf("stage %s (%q) is not on the first screen: %+v in %v × %v", s.ID, s.Text, s.Box, got.VW, got.VH)
					}
				}
				if !onScreen(got.Curve, got.VW, got.VH) {
					t.Errorf("the curve is not wholly on the first screen: %+v in %v × %v", got.Curve, got.VW, got.VH)
				}
				if !onScreen(got.Worst, got.VW, got.VH) {
					t.Errorf("the worst point of the curve is not on the first screen: %+v", got.Worst)
				}
				if !onScreen(got.WorstName, got.VW, got.VH) {
					t.Errorf("the glance's worst moment is not on the first screen: %+v", got.WorstName)
				}
				if want := run(t, ctx, chromedp.Evaluate[string](worstMomentFromMapJSON, chromedp.EvalAwaitPromise)); got.WorstText != want {
					t.Errorf("the glance names %q as the lowest point; map.json says %q", got.WorstText, want)
				}
				if want := run(t, ctx, chromedp.Evaluate[string](worstChannelFromMapJSON, chromedp.EvalAwaitPromise)); want != "" {
					if !onScreen(got.Channel, got.VW, got.VH) {
						t.Errorf("the channel that hurts most (%s) is not named on the first screen: %+v", want, got.Channel)
					}
					if name := eval[string](t, ctx, `document.querySelector("[data-worst-channel]").dataset.worstChannel`); name != want {
						t.Errorf("[data-worst-channel] = %q, want %q", name, want)
					}
				}
			})
		}
	}
}

// At 390 px, a phone, the held-out maps need no sideways scrolling and
// every stage is there to read, one after another (TestMapOnAPhone holds
// the example site's to the same).
func TestHeldOutMapsOnAPhone(t *testing.T) {
	h := setup(t)
	for _, p := range []struct{ url, slug string }{
		{h.heldout, "a-year-of-bills"}, {h.heldout, "supply-cut-for-roadworks"}, {h.heldout, "report-a-leak"},
	} {
		t.Run(p.slug, func(t *testing.T) {
			ctx := h.tab(t)
			emulate(t, ctx, 390, 844, "light")
			do(t, ctx, chromedp.Navigate(p.url+"journeys/"+p.slug+"/"), chromedp.WaitVisible("[data-controls]"))
			res := eval[struct {
				ScrollWidth, Width float64
				Hidden             []string
			}](t, ctx, `(() => ({
			  scrollWidth: document.documentElement.scrollWidth,
			  width: document.documentElement.clientWidth,
			  hidden: [...document.querySelectorAll("[data-evidence][id^=stage-]")].filter(th => {
			    const r = th.getBoundingClientRect();
			    return r.width < 1 || r.height < 1 || r.left < 0 || r.right > document.documentElement.clientWidth + 0.5;
			  }).map(th => th.id),
			}))()`)
			if res.ScrollWidth > res.Width+0.5 {
				t.Errorf("the page scrolls sideways at 390 px: %v wide in a %v px window", res.ScrollWidth, res.Width)
			}
			if len(res.Hidden) > 0 {
				t.Errorf("stages not readable at 390 px (hidden or cut at an edge): %v", res.Hidden)
			}
		})
	}
}
