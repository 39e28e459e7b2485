package themes_test

// Browser tests of the persona filter (one curve per persona) on the
// example site: "Buying a bike" rates Dana and Priya apart on some stages.

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// personaView reports which persona filter is pressed, which personas'
// elements are shown, and what the curve says is shown.
const personaView = `(() => {
  const pressed = [...document.querySelectorAll("[data-persona-filter][aria-pressed=true]")].map(b => b.dataset.personaFilter || "all");
  const shown = new Set([...document.querySelectorAll("[data-persona]")].filter(e => getComputedStyle(e).display !== "none").map(e => e.dataset.persona));
  const curve = document.querySelector("[data-emotion-curve]").getAttribute("data-persona-shown") || "";
  return pressed.join(",") + "|" + [...shown].sort().join(",") + "|" + curve;
})()`

// financeCell is the matrix cell of the finance application on its first
// channel, which Priya rates -2 and Dana, who paid by card, does not rate:
// -2 for everyone, as the mean of the values given.
const financeCell = `(() => {
  const row = [...document.querySelectorAll("table[data-matrix] tr[data-channels]")].find(r => r.querySelector("th").textContent.startsWith("Finance application"));
  const c = row.querySelector("td.on");
  return [c.textContent, getComputedStyle(c, "::after").content.replace(/^"|"$/g, ""), (c.className.match(/emo-\S+/) || [""])[0]].join(" ");
})()`

func act(steps ...chromedp.Action[chromedp.Void]) []chromedp.Action[chromedp.Void] { return steps }

func TestPersonaFilter(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	page := h.url + "journeys/buying-a-bike/"
	do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible("[data-controls]"))
	// Leave the choice as found for the other tests: they share storage.
	t.Cleanup(func() { _, _ = chromedp.Run(ctx, chromedp.Evaluate[any](`localStorage.removeItem("waymark.persona")`)) })

	steps := []struct {
		name    string
		actions []chromedp.Action[chromedp.Void]
		view    string
		cell    string
	}{
		{"on load", nil, "all|dana-ortiz,priya-shah|", "-2 very negative emo-n2"},
		{"click Priya", act(chromedp.Click(`[data-persona-filter="priya-shah"]`)), "priya-shah|priya-shah|priya-shah", "-2 very negative emo-n2"},
		{"click Dana", act(chromedp.Click(`[data-persona-filter="dana-ortiz"]`)), "dana-ortiz|dana-ortiz|dana-ortiz", "● not rated emo-none"},
		{"Enter on All", act(chromedp.Focus(`[data-persona-filter=""]`), chromedp.KeyEvent(kb.Enter)), "all|dana-ortiz,priya-shah|", "-2 very negative emo-n2"},
		{"Space on Priya", act(chromedp.Focus(`[data-persona-filter="priya-shah"]`), chromedp.KeyEvent(" ")), "priya-shah|priya-shah|priya-shah", "-2 very negative emo-n2"},
	}
	for _, s := range steps {
		do(t, ctx, s.actions...)
		if got := eval[string](t, ctx, personaView); got != s.view {
			t.Errorf("%s: pressed|shown|curve = %q, want %q", s.name, got, s.view)
		}
		if got := eval[string](t, ctx, financeCell); got != s.cell {
			t.Errorf("%s: finance cell = %q, want %q", s.name, got, s.cell)
		}
	}
	// The legend stays whole, the other persona's entry marked as off.
	if got := eval[string](t, ctx, `[...document.querySelectorAll(".curve-legend [data-legend-off]")].map(l => l.dataset.legend).join(",")`); got != "dana-ortiz" {
		t.Errorf("legend entries off with Priya chosen: %q, want dana-ortiz", got)
	}
	// One persona shown: the values of their line are written on the curve.
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-emotion-curve] [data-persona=priya-shah] .series-value")].filter(e => getComputedStyle(e).display !== "none").length`); n != 7 {
		t.Errorf("%d of Priya's values shown on the curve, want 7", n)
	}

}

// The choice is kept across maps and can be made by the URL hash. (A test
// of its own: a tab has a minute for everything it does.)
func TestPersonaFilterKeptAndLinked(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	page := h.url + "journeys/buying-a-bike/"
	do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible("[data-controls]"))
	t.Cleanup(func() { _, _ = chromedp.Run(ctx, chromedp.Evaluate[any](`localStorage.removeItem("waymark.persona")`)) })
	do(t, ctx, chromedp.Click(`[data-persona-filter="priya-shah"]`))

	// Kept across maps: another map with Priya shows her; a map without
	// persona values has no filter and no error.
	do(t, ctx, chromedp.Navigate(h.url+"journeys/a-year-of-servicing/"), chromedp.WaitVisible("[data-controls]"))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-persona-filter]").length`); n != 0 {
		t.Errorf("a map without persona values has %d persona filters", n)
	}
	do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible("[data-controls]"))
	if got := eval[string](t, ctx, personaView); got != "priya-shah|priya-shah|priya-shah" {
		t.Errorf("back on the map: %q, want Priya still chosen", got)
	}

	// A hash #persona-<slug> chooses that persona, on this page or when
	// a link (as on a persona's page) opens it; the stage controls still
	// open the first stage.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`location.hash = "persona-all-of-them"; location.hash = "persona-"`))
	if got := eval[string](t, ctx, personaView); got != "all|dana-ortiz,priya-shah|" {
		t.Errorf("after #persona-: %q, want everyone", got)
	}
	do(t, ctx, chromedp.Navigate(h.url+"journeys/a-year-of-servicing/"), chromedp.Navigate(page+"#persona-dana-ortiz"), chromedp.WaitVisible("[data-controls]"))
	if got := eval[string](t, ctx, personaView); got != "dana-ortiz|dana-ortiz|dana-ortiz" {
		t.Errorf("opened with #persona-dana-ortiz: %q", got)
	}
	if got := eval[string](t, ctx, openStages); got != "inspiration|inspiration" {
		t.Errorf("opened with #persona-dana-ortiz, stages: %s", got)
	}
	// Choosing a stage marks the stage's point on every line.
	do(t, ctx, chromedp.Click(`[data-timeline] button[data-stage-id="research"]`))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-emotion-curve] [data-stage-id=research][data-active]").length`); n != 2 {
		t.Errorf("%d points marked for Research, want one per persona (2)", n)
	}
}

func TestPersonaPageLinksToItsCurve(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	t.Cleanup(func() { _, _ = chromedp.Run(ctx, chromedp.Evaluate[any](`localStorage.removeItem("waymark.persona")`)) })
	do(t, ctx, chromedp.Navigate(h.url+"personas/priya-shah/"), chromedp.WaitReady("main"))
	href := eval[string](t, ctx, `[...document.querySelectorAll(".persona-journeys h3 a")].map(a => a.getAttribute("href")).find(h => h.includes("buying-a-bike/")) || ""`)
	if !strings.HasSuffix(href, "buying-a-bike/#persona-priya-shah") {
		t.Fatalf("link to Buying a bike = %q, want one to Priya's curve", href)
	}
	do(t, ctx, chromedp.Click(`.persona-journeys h3 a[href$="buying-a-bike/#persona-priya-shah"]`), chromedp.WaitVisible("[data-controls]"))
	if got := eval[string](t, ctx, personaView); got != "priya-shah|priya-shah|priya-shah" {
		t.Errorf("after following the link: %q", got)
	}
}

func TestPersonaLinesWithoutJavaScript(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitReady("main"))
	lines := eval[int](t, ctx, `[...document.querySelectorAll("[data-emotion-curve] g[data-persona]")].filter(g => getComputedStyle(g).display !== "none").length`)
	if lines != 2 {
		t.Errorf("without JavaScript %d persona lines are shown, want both", lines)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-persona-hidden]").length`); n != 0 {
		t.Errorf("%d elements hidden by the persona filter without JavaScript", n)
	}
	if eval[bool](t, ctx, `document.querySelector("[data-persona-filter]").closest("[data-controls]").offsetParent !== null`) {
		t.Error("the persona filter is shown without the script that runs it")
	}
}
