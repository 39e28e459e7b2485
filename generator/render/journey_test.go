package render

import (
	"os"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/themes"
)

// hostileSite is a site whose maps take the branches the example sites
// do not: text to escape everywhere, a future state in review that is
// out of date, with a comparison that resolves nothing and stages it
// drops, evidence with and without a quote or a URL, a map with nothing
// rated and no touchpoint (an empty matrix), and a lowest point that is
// one persona's touchpoint.
func hostileSite() fstest.MapFS {
	const hostile = `<b>\"x\" & 'y' + z</b>`
	return fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Odd maps"
edit_url = "https://git.example/edit/main/{path}?a=1&b='2'"

[review]
stale_after_days = 30

[[channels]]
id = "web"
name = "` + hostile + `"
kind = "digital"

[[channels]]
id = "shop-floor"
name = "Shop & floor"
kind = "physical"

[[channels]]
id = "phone"
name = "Phone"
kind = "human"
`)},
		"content/personas/ana.md": {Data: []byte("+++\nname = \"" + hostile + "\"\n+++\n")},
		"content/personas/bo.md":  {Data: []byte("+++\nname = \"Bo\"\n+++\n")},
		"content/journeys/today.md": {Data: []byte(`+++
title = "` + hostile + `"
summary = "` + hostile + `"
goal = "` + hostile + `"
owner = "` + hostile + `"
version = "` + hostile + `"
tags = ["` + hostile + `", "two"]
updated = 2026-01-31
personas = ["ana", "bo"]

[[stages]]
id = "look"
name = "` + hostile + `"
description = "` + hostile + `"
emotion = { ana = -2, bo = 1 }
moment_of_truth = true
pain_points = ["` + hostile + `", "Slow"]
opportunities = ["One", "Two", "Three", "Four", "` + hostile + `"]

  [[stages.touchpoints]]
  name = "` + hostile + `"
  channels = ["web", "phone"]
  description = "` + hostile + `"
  owner = "` + hostile + `"
  moment_of_truth = true

  [[stages.touchpoints]]
  name = "Counter"
  channels = ["shop-floor"]
  owner = "Shop team"
  emotion = { bo = -2 }

  [[stages.evidence]]
  kind = "observation"
  quote = "` + hostile + `"

  [[stages.evidence]]
  kind = "survey"
  title = "` + hostile + `"
  n = 12345
  url = "https://research.example/a b?q=<x>&r='y'#frag"

  [[stages.evidence]]
  kind = "interview"
  title = "Bare"

[[stages]]
id = "gone"
name = "Gone & forgotten"
emotion = 1
pain_points = ["Queues"]

  [[stages.touchpoints]]
  name = "Ring"
  channels = ["phone"]

[[stages]]
id = "also-gone"
name = "Also gone"
+++

Intro with <b>raw</b> & "quotes".

## ` + hostile + `

Not a stage's notes: its name is not the stage's.

## Gone & forgotten

Notes with <b>raw</b> & "quotes".
`)},
		"content/journeys/plans/later.md": {Data: []byte(`+++
title = "Later"
state = "future"
status = "review"
current = "today"
parent = "today"
updated = 2025-05-05
scenario = "` + hostile + `"
personas = ["ana"]

[[stages]]
id = "look"
name = "Look again"
emotion = -1
pain_points = ["<B>\"x\"  & 'y' + z</b>", "slow"]
opportunities = ["one", "two", "three", "four", "` + hostile + `"]

  [[stages.touchpoints]]
  name = "Web"
  channels = ["web"]
  emotion = 1
+++
`)},
		"content/journeys/blank.md": {Data: []byte(`+++
title = "Blank"
state = "future"
current = "today"

[[stages]]
id = "new"
name = "New"

[[stages]]
id = "look"
name = "Look"
pain_points = ["Slow"]
+++
`)},
		"content/journeys/mixed.md": {Data: []byte(`+++
title = "Mixed"

[[stages]]
id = "ask"
name = "` + hostile + `"
emotion = 0

  [[stages.touchpoints]]
  name = "Call"
  channels = ["phone"]
  emotion = -1

  [[stages.evidence]]
  kind = "support"
  url = "https://support.example/tickets?q=a+b"

[[stages]]
name = "Wait"

  [[stages.touchpoints]]
  name = "Hold music"
  channels = ["phone", "web"]
+++
`)},
		"content/journeys/draft.md": {Data: []byte(`+++
title = "Draft"
status = "draft"

[[stages]]
name = "Only"
emotion = 1
opportunities = ["Later"]

  [[stages.touchpoints]]
  name = "Shop"
  channels = ["shop-floor"]
  emotion = 1
+++
`)},
	}
}

// journeyPages are the prepared journey pages of site, as a build at now
// lists them.
func journeyPages(site *content.Site, now time.Time, slides bool) []*pagedata.Page {
	var out []*pagedata.Page
	for _, p := range pagedata.NewPlanner(now, slides).Pages(site) {
		if p.Kind == pagedata.Journey {
			p.Prepare()
			out = append(out, p)
		}
	}
	return out
}

// testNow is when the differential tests build: some maps of the test
// sites are then out of date, others not.
var testNow = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// firstDifference is the offset of the first byte where a and b differ.
func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// BenchmarkJourneyFragments renders the head and details of every
// journey page of the example site.
func BenchmarkJourneyFragments(b *testing.B) {
	r, errs := New(&Theme{Name: "default", Dir: "(built-in default theme)", FS: themes.Default(), site: os.DirFS(b.TempDir())})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	pages := journeyPages(loadSite(b, "../.."), testNow, true)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range pages {
			d := Dot{p, r}
			d.JourneyTop()
			d.JourneyDetails()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
}
