package themes_test

// Browser tests of a journey page's emotion curve, on the example site and
// on held-out maps made to crowd it (3 and 11 stages, a future state over
// today's line, two personas, a lowest point that is a moment of truth, a
// -2 touchpoint in a -1 stage): at 1440 and 1280 px wide, no value or tick
// is written over a point, mark, marker, ring or another value, or off the
// curve; text keeps one size whatever the width; the curve stays low;
// the lowest point is ringed; assumed stages are drawn so; and the stage
// selected by default is not marked in an alarm colour.

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/waymark-cx/waymark/generator/build"
)

// crowdedCurves is a site whose maps crowd the curve.
func crowdedCurves() fstest.MapFS {
	site := fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Crowded curves"
[[channels]]
id = "web"
name = "Website"
kind = "digital"
[[channels]]
id = "phone"
name = "Phone"
kind = "human"
`)},
		"content/personas/dana.md":  {Data: []byte("+++\nname = \"Dana Ortiz\"\n+++\n")},
		"content/personas/priya.md": {Data: []byte("+++\nname = \"Priya Shah\"\n+++\n")},
	}
	add := func(slug, front string, stages ...string) {
		site["content/journeys/"+slug+".md"] = &fstest.MapFile{Data: []byte("+++\n" + front + "\n" + strings.Join(stages, "\n") + "+++\n")}
	}
	// stage writes a stage: its emotion (TOML), whether it is a moment of
	// truth, whether research backs it, and its touchpoints' emotions.
	stage := func(name, emotion string, mot, backed bool, touchpoints ...string) string {
		var b strings.Builder
		fmt.Fprintf(&b, "[[stages]]\nname = %q\n", name)
		if emotion != "" {
			fmt.Fprintf(&b, "emotion = %s\n", emotion)
		}
		if mot {
			b.WriteString("moment_of_truth = true\n")
		}
		for i, e := range touchpoints {
			fmt.Fprintf(&b, "  [[stages.touchpoints]]\n  name = \"%s touchpoint %d\"\n  channels = [\"web\"]\n", name, i+1)
			if e != "" {
				fmt.Fprintf(&b, "  emotion = %s\n", e)
			}
		}
		if backed {
			b.WriteString("  [[stages.evidence]]\n  kind = \"survey\"\n  title = \"Survey\"\n  n = 120\n")
		}
		return b.String()
	}
	add("three", `title = "Three stages"`,
		stage("Hear of it", "2", false, true, "2", "1.5"),
		stage("Pay", "-2", true, false, "-2", "-1.5", "-1"),
		stage("Ride", "0.5", false, true, "0", "1"))
	var eleven []string
	for i, v := range []string{"0", "1", "-1", "2", "-2", "0.5", "-0.5", "1.5", "-1.5", "0", "1"} {
		eleven = append(eleven, stage(fmt.Sprintf("Step %d", i+1), v, i%4 == 1, i%3 != 0, v, "-2", "2", "0"))
	}
	add("eleven", `title = "Eleven stages"`, eleven...)
	add("today", `title = "Today"`,
		stage("Look", "1", false, true),
		stage("Choose", "-0.5", false, true),
		stage("Pay", "-1.5", true, true),
		stage("Wait", "-1", false, true),
		stage("Ride", "1.5", false, true))
	add("future", "title = \"Future\"\nstate = \"future\"\ncurrent = \"today\"",
		stage("Look", "1", false, false, "0.5", "1.5"),
		stage("Choose", "0", false, true, "-0.5"),
		stage("Pay", "-1", true, false, "-1.5", "0"),
		stage("Wait", "-0.5", false, false, "-1"),
		stage("Ride", "1.5", false, true, "2"))
	add("personas", `title = "Two personas"
personas = ["dana", "priya"]`,
		stage("Look", "{ dana = 1, priya = 1 }", false, true),
		stage("Choose", "{ dana = -0.5, priya = -1.5 }", true, false),
		stage("Pay", "{ dana = -1, priya = -2 }", false, true),
		stage("Wait", "{ dana = 2, priya = -2 }", true, false),
		stage("Ride", "{ dana = 0 }", false, true))
	add("lowest-moment", `title = "Lowest at a moment of truth"`,
		stage("Start", "0", false, true, "0", "-1"),
		stage("Break", "-2", true, false, "-2", "-1.5", "-2"),
		stage("Mend", "-1", false, true, "-1.5"))
	add("touchpoint-lowest", `title = "A -2 touchpoint in a -1 stage"`,
		stage("Start", "1", false, true, "1"),
		stage("Call", "-1", false, false, "-2", "-1", "0"),
		stage("End", "0", true, true))
	return site
}

// curveProblems lists, in the page, what the curve writes over something
// else or off itself: each value and tick (a text) against every other
// text and every point, mark, marker and ring, by their boxes on screen.
// The last line describes the curve.
const curveProblems = `(() => {
  const svg = document.querySelector("svg[data-emotion-curve]");
  if (!svg) return ["no curve on the page"];
  const shown = e => { for (let n = e; n; n = n.parentElement) { if (getComputedStyle(n).display === "none") return false; if (n === svg) break; } return true; };
  const name = e => {
    const g = e.closest("[data-stage-id]"), p = e.closest("[data-persona]");
    const mark = e.closest(".mark");
    return (e.tagName === "text" ? "“" + e.textContent + "”" : mark ? "the mark of " + mark.querySelector("title").textContent : (e.getAttribute("class") || e.tagName)) + (g ? " at " + g.dataset.stageId : "") + (p ? " for " + p.dataset.persona : "");
  };
  const texts = [...svg.querySelectorAll("text")].filter(shown);
  const things = [...svg.querySelectorAll(".dot, .mot-ring, .marker, .mark path, .worst-ring")].filter(shown);
  const hit = (a, b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5;
  const s = svg.getBoundingClientRect();
  const out = [];
  texts.forEach((t, i) => {
    const a = t.getBoundingClientRect();
    if (a.left < s.left - 0.5 || a.right > s.right + 0.5 || a.top < s.top - 0.5 || a.bottom > s.bottom + 0.5) out.push(name(t) + " is off the curve");
    texts.slice(i + 1).forEach(u => { if (hit(a, u.getBoundingClientRect())) out.push(name(t) + " over " + name(u)); });
    things.forEach(u => { if (hit(a, u.getBoundingClientRect())) out.push(name(t) + " over " + name(u)); });
  });
  const values = texts.filter(t => !t.classList.contains("level-label")).map(t => t.getBoundingClientRect().height);
  out.push(JSON.stringify({height: s.height, texts: texts.length, things: things.length, minText: Math.min(...values), maxText: Math.max(...values)}));
  return out;
})()`

// curveShape is the last line of curveProblems.
type curveShape struct {
	Height           float64
	Texts, Things    int
	MinText, MaxText float64
}

// lowestRinged reports whether the ring marked data-worst circles the
// lowest point drawn: a stage's point, a touchpoint's mark or a persona's
// marker, whichever sits lowest on screen.
const lowestRinged = `(() => {
  const svg = document.querySelector("svg[data-emotion-curve]");
  const rings = svg.querySelectorAll("[data-worst]");
  if (rings.length !== 1) return rings.length + " rings marked data-worst";
  const centre = e => { const r = e.getBoundingClientRect(); return [(r.left + r.right) / 2, (r.top + r.bottom) / 2]; };
  const [rx, ry] = centre(rings[0]);
  let low = null;
  for (const e of svg.querySelectorAll(".point .dot, .mark path, .series:not(.today) .marker")) {
    const [x, y] = centre(e);
    if (!low || y > low[1] + 0.5) low = [x, y, e];
  }
  if (!low) return "nothing drawn";
  return Math.abs(low[1] - ry) <= 1 ? "" : "the ring is at y " + ry.toFixed(1) + ", the lowest point at y " + low[1].toFixed(1);
})()`

// assumedDrawn lists the stages whose drawing on the curve disagrees with
// their header's evidence count: a stage without evidence has its column
// shaded and, on a one-line curve, a hollow point; the legend says so.
const assumedDrawn = `(() => {
  const svg = document.querySelector("svg[data-emotion-curve]");
  const heads = [...document.querySelectorAll("[data-evidence][id^=stage-]")];
  const assumed = heads.filter(h => h.dataset.evidence === "0").map(h => h.id.replace(/^stage-/, ""));
  const bad = [];
  if (svg.querySelectorAll(".assumed-band").length !== assumed.length) bad.push(svg.querySelectorAll(".assumed-band").length + " shaded columns for " + assumed.length + " assumed stages");
  for (const p of svg.querySelectorAll(".point[data-stage-id]")) {
    if (p.classList.contains("assumed") !== assumed.includes(p.dataset.stageId)) bad.push(p.dataset.stageId);
  }
  const legend = document.querySelector(".curve-legend .legend-assumed");
  if (assumed.length && !legend) bad.push("no legend for assumed stages");
  return bad.join(", ");
})()`

// alarmOnDefault reports the colour of the default stage's point when it
// is an alarm's: red to orange, saturated.
const alarmOnDefault = `(() => {
  const dot = document.querySelector("svg[data-emotion-curve] [data-active] .dot, svg[data-emotion-curve] [data-active] .marker");
  if (!dot) return "";
  const probe = document.createElement("canvas").getContext("2d");
  probe.fillStyle = getComputedStyle(dot).stroke;
  const m = probe.fillStyle.match(/^#(..)(..)(..)$/);
  if (!m) return "";
  const [r, g, b] = m.slice(1).map(h => parseInt(h, 16) / 255);
  const max = Math.max(r, g, b), min = Math.min(r, g, b);
  if (max === min || max !== r) return "";
  const hue = 60 * (((g - b) / (max - min)) % 6);
  const sat = (max - min) / max;
  return hue >= -15 && hue <= 50 && sat > 0.4 ? probe.fillStyle : "";
})()`

func TestCurveLabelsClearInTheBrowser(t *testing.T) {
	h := setup(t)
	dir := t.TempDir()
	if err := buildExample(filepath.Join(dir, "public"), build.Options{Root: crowdedCurves()}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServerFS(os.DirFS(filepath.Join(dir, "public"))))
	defer srv.Close()

	var pages []string
	for _, slug := range exampleJourneys {
		pages = append(pages, h.url+"journeys/"+slug+"/")
	}
	for _, slug := range []string{"three", "eleven", "future", "personas", "lowest-moment", "touchpoint-lowest"} {
		pages = append(pages, srv.URL+"/journeys/"+slug+"/")
	}
	var textHeights []float64
	for _, page := range pages {
		name := strings.TrimSuffix(page[strings.Index(page, "journeys/")+len("journeys/"):], "/")
		if strings.HasPrefix(page, srv.URL) {
			name = "held-out/" + name
		}
		t.Run(name, func(t *testing.T) {
			ctx := h.tab(t)
			// At 1440 and 1280 px as the theme lays the map out, and once
			// more with the stage columns at their narrowest, the 76 px
			// the curve is made for (generator/render: minSlot).
			for _, size := range [][3]int64{{1440, 900, 0}, {1280, 720, 0}, {1280, 720, 76}} {
				if _, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
					Width: size[0], Height: size[1], DeviceScaleFactor: 1,
				}); err != nil {
					t.Fatal(err)
				}
				do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible("[data-controls]"))
				if size[2] > 0 {
					eval[bool](t, ctx, fmt.Sprintf(`(() => {
					  const s = document.createElement("style");
					  s.textContent = ".timeline-scroll { max-width: none !important } .lanes { --stage-min: 0px !important; min-width: 0 !important; width: calc(var(--lane-w) + var(--stages) * %dpx) !important }";
					  document.head.append(s);
					  return true;
					})()`, size[2]))
					slot := eval[float64](t, ctx, `(() => { const c = document.querySelector(".curve-cell"); return c.getBoundingClientRect().width / document.querySelectorAll("[data-evidence][id^=stage-]").length; })()`)
					t.Logf("stage columns %.1f px wide", slot)
				}
				got := eval[[]string](t, ctx, curveProblems)
				for _, p := range got[:len(got)-1] {
					t.Errorf("at %d px: %s", size[0], p)
				}
				var shape curveShape
				if err := json.Unmarshal([]byte(got[len(got)-1]), &shape); err != nil {
					t.Fatal(err)
				}
				t.Logf("at %d px: %+v", size[0], shape)
				if shape.Height > 220 {
					t.Errorf("at %d px the curve is %v px high, want at most 220", size[0], shape.Height)
				}
				if shape.Texts == 0 {
					t.Errorf("at %d px the curve writes no value", size[0])
				}
				textHeights = append(textHeights, shape.MinText, shape.MaxText)
				if msg := eval[string](t, ctx, lowestRinged); msg != "" {
					t.Errorf("at %d px: %s", size[0], msg)
				}
				if bad := eval[string](t, ctx, assumedDrawn); bad != "" {
					t.Errorf("assumed stages drawn wrong: %s", bad)
				}
				if c := eval[string](t, ctx, alarmOnDefault); c != "" {
					t.Errorf("the default stage's point is ringed in %s, an alarm's colour", c)
				}
			}
		})
	}
	// Text keeps one size on every map, at every width: a 3-stage map's
	// values are as large as an 11-stage map's.
	for _, th := range textHeights {
		if math.Abs(th-textHeights[0]) > 0.1 {
			t.Errorf("values are %v px high on one curve and %v px on another, want one size", textHeights[0], th)
			break
		}
	}
}
