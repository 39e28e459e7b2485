package themes_test

// The journey map's layout in the browser: it fits the screen, a phone
// shows it stage after stage, and it prints on one landscape A4 page.

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The example site's 7-stage map shows every stage without scrolling
// sideways on common laptop screens.
func TestMapFitsTheScreen(t *testing.T) {
	h := setup(t)
	for _, size := range [][2]int64{{1440, 900}, {1280, 720}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			ctx := h.tab(t)
			if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: size[0], Height: size[1], DeviceScaleFactor: 1,
			}); err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitReady("main"))
			got := eval[[]float64](t, ctx, `(() => {
			  const s = document.querySelector(".timeline-scroll");
			  const heads = [...document.querySelectorAll("[data-timeline] .stage-head")];
			  return [heads.length, heads.filter(h => { const r = h.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth + 0.5; }).length, s.scrollWidth - s.clientWidth];
			})()`)
			if got[0] != 7 || got[1] != 7 || got[2] > 0 {
				t.Errorf("%v of %v stage heads within the screen, the map scrolls %vpx sideways; want all 7 and no scrolling", got[1], got[0], got[2])
			}
		})
	}
}

// At 390 pixels the map runs stage after stage: nothing scrolls sideways,
// and every stage's name is in view when scrolled to.
func TestMapOnAPhone(t *testing.T) {
	h := setup(t)
	for _, journey := range []string{"buying-a-bike", "a-year-of-servicing"} {
		t.Run(journey, func(t *testing.T) {
			ctx := h.tab(t)
			if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
				Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true,
			}); err != nil {
				t.Fatal(err)
			}
			do(t, ctx, chromedp.Navigate(h.url+"journeys/"+journey+"/"), chromedp.WaitReady("main"))
			w := eval[[]float64](t, ctx, `[innerWidth, document.documentElement.scrollWidth, document.querySelector(".timeline-scroll").scrollWidth - document.querySelector(".timeline-scroll").clientWidth]`)
			if w[1] > w[0] || w[2] > 0 {
				t.Errorf("the page is %vpx wide and the map scrolls %vpx sideways on a %vpx screen", w[1], w[2], w[0])
			}
			bad := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-timeline] .stage")].filter(s => {
			  const name = s.querySelector(".stage-name").getBoundingClientRect();
			  const lanes = s.querySelectorAll("[data-lane]:not(:empty)");
			  return name.width === 0 || name.left < 0 || name.right > innerWidth ||
			    [...lanes].some(l => { const r = l.getBoundingClientRect(); return r.left < 0 || r.right > innerWidth + 0.5; });
			}).map(s => s.dataset.stageId)`)
			if len(bad) > 0 {
				t.Errorf("stages not readable at 390px: %s", strings.Join(bad, ", "))
			}
			// Stage after stage: each stage's lanes lie between its head
			// and the next stage's.
			if !eval[bool](t, ctx, `(() => {
			  const heads = [...document.querySelectorAll("[data-timeline] .stage-head")].map(h => h.getBoundingClientRect().top);
			  return heads.every((y, i) => i === 0 || y > heads[i - 1]);
			})()`) {
				t.Error("the stages are not laid out one under another")
			}
		})
	}
}

// Printed with Chromium's print-to-PDF, page 1 of every example map of up
// to 7 stages holds every stage's name and every pain point.
func TestMapPrintsOnOnePage(t *testing.T) {
	h := setup(t)
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		skipOrFail(t, "pdftotext is not installed (apt-get install poppler-utils); the print test is skipped")
	}
	for _, journey := range []string{"buying-a-bike", "buying-a-bike-future", "a-day-on-the-bike", "damaged-on-arrival", "school-run-without-the-car"} {
		t.Run(journey, func(t *testing.T) {
			ctx := h.tab(t)
			do(t, ctx, chromedp.Navigate(h.url+"journeys/"+journey+"/"), chromedp.WaitReady("main"))
			want := eval[[]string](t, ctx, `[...document.querySelectorAll("[data-timeline] .stage-name, [data-timeline] [data-lane=pain_points] li")].map(e => e.textContent)`)
			if len(want) == 0 {
				t.Fatal("no stage names found")
			}
			yes := true
			pdf, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes})
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(pdftotext, "-f", "1", "-l", "1", "-", "-")
			cmd.Stdin = bytes.NewReader(pdf.Data)
			out, err := cmd.Output()
			if err != nil {
				t.Fatal(err)
			}
			// Wrapped text: compare without spaces and hyphens, which
			// pdftotext drops where a line breaks after one.
			flat := strings.NewReplacer(" ", "", "\n", "", "\t", "", "-", "")
			page1 := flat.Replace(string(out))
			for _, w := range want {
				if !strings.Contains(page1, flat.Replace(w)) {
					t.Errorf("page 1 lacks %q", w)
				}
			}
		})
	}
}
