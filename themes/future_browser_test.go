package themes_test

// Browser tests of a future-state map set against its current state, on
// the example site: "Buying a bike: future state" names "Buying a bike" as
// the map it improves on.

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestFutureStateOverlay(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike-future/"), chromedp.WaitVisible("[data-controls]"))

	// Today's line is drawn under this map's, with a point per matched stage.
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-emotion-curve] [data-series=today] [data-stage-id]").length`); n != 7 {
		t.Errorf("today's line has %d points, want 7", n)
	}
	legend := eval[string](t, ctx, `document.querySelector(".curve-legend").textContent`)
	if !strings.Contains(legend, "Future: this map") || !strings.Contains(legend, "Today: Buying a bike") {
		t.Errorf("legend = %q", legend)
	}
	changes := eval[string](t, ctx, `[...document.querySelectorAll("[data-timeline] .change strong")].map(e => e.textContent).join(" ")`)
	if changes != "+0.5 +0.5 +2.5 +1.5 +1 +0.5 +0.5" {
		t.Errorf("change row = %q", changes)
	}
	// The change row is part of the emotion lane: it hides with it.
	do(t, ctx, chromedp.Click(".lane-toggles summary"), chromedp.Click(`[data-lane-toggle="emotion"]`))
	if eval[bool](t, ctx, `getComputedStyle(document.querySelector("[data-timeline] .change")).display !== "none"`) {
		t.Error("the change row is shown with the emotion lane hidden")
	}
	do(t, ctx, chromedp.Click(`[data-lane-toggle="emotion"]`))

	resolved := eval[int](t, ctx, `document.querySelectorAll(".comparison .pains li").length`)
	takenUp := eval[int](t, ctx, `document.querySelectorAll(".comparison .opportunities li").length`)
	if resolved == 0 || takenUp == 0 {
		t.Errorf("%d pain points resolved, %d opportunities taken up; want some of each", resolved, takenUp)
	}
	// Stage controls mark the stage on both lines.
	do(t, ctx, chromedp.Click(`[data-timeline] button[data-stage-id="test-ride"]`))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-emotion-curve] [data-stage-id=test-ride][data-active]").length`); n != 2 {
		t.Errorf("%d points marked for the test ride, want 2 (this map's and today's)", n)
	}

	// The current map links to its future state, and back.
	do(t, ctx, chromedp.Click(`.comparison a[href$="buying-a-bike/"]`), chromedp.WaitVisible("[data-controls]"))
	if href := eval[string](t, ctx, `[...document.querySelectorAll(".meta a")].map(a => a.getAttribute("href")).find(h => h.includes("buying-a-bike-future")) || ""`); href == "" {
		t.Error("the current map does not link to its future state")
	}
}
