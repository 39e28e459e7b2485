package render

import (
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// tomlHostile is hostile as a TOML string.
const tomlHostile = `"<b>\"x\" & 'y' + z</b>"`

// oddSite is a site of maps the golden files and the example sites do
// not hold: hostile text in every field, emotions per persona (more
// personas than curve shapes) on stages, steps and touchpoints, future
// states compared with today's, KPIs measured or not, stale or met,
// stages with empty lanes, more than 8 stages, a map without emotions,
// a map of one bare stage, and a lowest point that is one persona's
// touchpoint.
func oddSite() fstest.MapFS {
	persona := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("+++\nname = " + strconv.Quote(name) + "\n+++\n")}
	}
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Odd maps"
base_url = "https://example.org/"

[review]
stale_after_days = 30

[[channels]]
id = "web"
name = ` + tomlHostile + `
kind = "digital"

[[channels]]
id = "plain"
name = "Plain"
kind = "partner"
`)},
		"content/personas/p1.md": persona(hostile),
		"content/personas/p2.md": persona("Two & two"),
		"content/personas/p3.md": persona("Three"),
		"content/personas/p4.md": persona("Four"),
		"content/personas/p5.md": persona("Five"),
		"content/personas/p6.md": persona("Six"),
		"content/personas/p7.md": persona("Seven"),
		"content/journeys/odd.md": {Data: []byte(`+++
title = ` + tomlHostile + `
personas = ["p1", "p2", "p3", "p4", "p5", "p6", "p7"]

[[stages]]
id = "one"
name = ` + tomlHostile + `
goal = ` + tomlHostile + `
doing = [` + tomlHostile + `, "plain"]
thinking = [` + tomlHostile + `]
feeling = ` + tomlHostile + `
emotion = { p1 = -2, p2 = 1.5, p3 = 0, p4 = -0.5, p5 = 2, p6 = -1, p7 = 1 }
moment_of_truth = true
pain_points = [` + tomlHostile + `]
opportunities = [` + tomlHostile + `]
frontstage = [` + tomlHostile + `]
backstage = [` + tomlHostile + `]
kpis = [` + tomlHostile + `, "Named only"]

  [[stages.steps]]
  name = ` + tomlHostile + `
  emotion = { p1 = 1, p3 = -1 }
  personas = ["p1", "p2"]

  [[stages.steps]]
  name = "Plain step"
  emotion = -1

  [[stages.touchpoints]]
  name = ` + tomlHostile + `
  channels = ["web", "plain"]
  emotion = { p2 = -2, p5 = 1 }
  moment_of_truth = true

  [[stages.touchpoints]]
  name = "No emotion"
  channels = ["plain"]

  [[stages.evidence]]
  kind = "observation"
  title = ` + tomlHostile + `
  n = 12345

  [[stages.evidence]]
  kind = "survey"
  title = "No n"

[[stages]]
id = "two"
name = "Empty"

[[stages]]
id = "three"
name = "Three"
emotion = 1
feeling = "Only a feeling"

  [[stages.touchpoints]]
  name = "Rated"
  channels = ["plain"]
  emotion = -2
` + manyStages(7) + `+++
`)},
		"content/journeys/odd-future.md": {Data: []byte(`+++
title = "Odd, planned"
state = "future"
current = "odd"
personas = ["p1", "p2"]

[[stages]]
id = "one"
name = "One"
emotion = { p1 = -1, p2 = 2 }

[[stages]]
id = "two"
name = "Two"
emotion = 1

[[stages]]
id = "new"
name = "New"
emotion = 0

[[stages]]
id = "three"
name = "Three"
emotion = 1
+++
`)},
		"content/journeys/odd-single.md": {Data: []byte(`+++
title = "Odd, one line"
state = "future"
current = "odd"

[[stages]]
id = "one"
name = "One"
emotion = -2
pain_points = ["Still"]

[[stages]]
id = "three"
name = "Three"
emotion = 1

  [[stages.touchpoints]]
  name = "Worse"
  channels = ["web"]
  emotion = -2
+++
`)},
		"content/journeys/unfelt.md": {Data: []byte(`+++
title = "Unfelt"

[[stages]]
name = "Front"
frontstage = ["Desk"]
kpis = ["Only named"]

[[stages]]
name = "Back"
goal = "A goal"
+++
`)},
		"content/journeys/touchpoint-worst.md": {Data: []byte(`+++
title = "Lowest at a touchpoint, for one persona"
personas = ["p1", "p2"]

[[stages]]
name = "Only"
emotion = { p1 = 0, p2 = 1 }

  [[stages.touchpoints]]
  name = "Counter"
  channels = ["plain"]
  emotion = { p1 = -2 }
+++
`)},
		"content/journeys/bare.md": {Data: []byte("+++\ntitle = \"Bare\"\n\n[[stages]]\nname = \"Only\"\n+++\n")},
		"data/kpis/odd.csv": {Data: []byte(`journey,stage,kpi,date,value,target,unit,better
odd,one,"` + strings.ReplaceAll(hostile, `"`, `""`) + `",2026-08-30,120,100,"<u>",higher
odd,one,"` + strings.ReplaceAll(hostile, `"`, `""`) + `",2026-09-30,90,100,"<u>",higher
odd,one,Measured only,2026-11-20,3.6,,%,
odd,one,Measured only,2026-11-01,3.6,,%,
odd,three,Lower,2026-11-01,5,4,s,lower
odd,three,Lower,2026-11-20,4,4,s,lower
odd,three,No direction,2026-11-20,7,,,
`)},
	}
	return fsys
}

// manyStages is n more stages, so that the map has more than 8.
func manyStages(n int) string {
	var b strings.Builder
	for i := range n {
		id := string(rune('a' + i))
		b.WriteString("\n[[stages]]\nid = \"x" + id + "\"\nname = \"Stage " + id + "\"\n")
		if i%2 == 0 {
			b.WriteString("emotion = { p1 = 1, p6 = -1 }\n")
		}
	}
	return b.String()
}

// around is s near offset i, for a failure message.
func around(s string, i int) string {
	return s[max(i-80, 0):min(i+80, len(s))]
}

// BenchmarkTimeline renders the maps of the example site's journeys.
func BenchmarkTimeline(b *testing.B) {
	dots := exampleDots(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range dots {
			d.Timeline()
		}
	}
}

// exampleDots are the example site's journey pages, prepared.
func exampleDots(b *testing.B) []Dot {
	var dots []Dot
	for _, p := range journeyPages(loadSite(b, "../.."), time.Now(), false) {
		dots = append(dots, Dot{Page: p})
	}
	return dots
}
