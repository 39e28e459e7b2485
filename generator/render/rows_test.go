package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// rowsGoldenDir holds what the rows written in Go make of every list
// page of the test sites (the index, /channels/, each channel's and each
// persona's pages), one file per site; rowsOldDir keeps the partials the
// shared pieces and the avatar were written from.
const (
	rowsGoldenDir = "testdata/rows"
	rowsOldDir    = "testdata/rows"
)

// isListPage reports whether p is one of the pages whose rows are
// written in Go.
func isListPage(p *pagedata.Page) bool {
	switch p.Kind {
	case pagedata.Index, pagedata.Persona, pagedata.Channel, pagedata.Channels:
		return true
	}
	return false
}

// renderListRows is every list page of site through the rows written in
// Go, each page under a line naming it: the whole list on one page, and
// split into pages of one and of two journeys.
func renderListRows(t *testing.T, site *content.Site, now time.Time) string {
	t.Helper()
	r := defaultRenderer(t)
	var b strings.Builder
	for _, perPage := range []int{0, 1, 2} {
		site.Config.Pagination.PerPage = perPage
		for _, p := range pagedata.NewPlanner(now, false).Pages(site) {
			if !isListPage(p) {
				continue
			}
			p.Prepare()
			d := Dot{p, r}
			fmt.Fprintf(&b, "<!-- %s (%d a page) -->\n", pagedata.OutputPath(p), perPage)
			var parts []template.HTML
			switch p.Kind {
			case pagedata.Index:
				parts = append(parts, d.JourneyCards(), d.PersonaCards(), d.ChannelRanking())
			case pagedata.Channels:
				parts = append(parts, d.SummaryChannelHeads(), d.SummaryRows(), d.SummaryTotalCells())
			case pagedata.Channel:
				parts = append(parts, d.ChannelJourneyRows())
			case pagedata.Persona:
				g := p.PersonaJourneys
				parts = append(parts, d.Avatar(p.Persona, true), d.PersonaJourneyCards(g.Counted), d.PersonaJourneyCards(g.Planned), d.PersonaJourneyCards(g.Drafts))
			}
			parts = append(parts, d.PagerNav())
			for _, part := range parts {
				if part != "" {
					b.WriteString(string(part))
					b.WriteString("\n")
				}
			}
		}
	}
	return b.String()
}

// TestListRowsGolden holds the rows of the list pages to their golden
// files, testdata/rows/<site>.golden, on the example and held-out sites
// and on a site made of what they do not hold: text to escape, planned,
// draft and stale maps, sub-journeys, personas with and without photos,
// curves per persona. Run with -update to write them again, and read the
// diff.
func TestListRowsGolden(t *testing.T) {
	sites := map[string]*content.Site{
		"example": loadSite(t, testSites[0]),
		"heldout": loadSite(t, testSites[1]),
		"hostile": loadFS(t, hostileListSite(0), rowsOptions),
	}
	if s := sites["hostile"]; len(s.Journeys) != 6 || len(s.Personas) != 3 {
		t.Fatalf("hostile site: %d journeys, %d personas", len(s.Journeys), len(s.Personas))
	}
	all := map[string]string{}
	for name, site := range sites {
		all[name] = renderListRows(t, site, testNow)
	}
	checkGoldens(t, rowsGoldenDir, "the list rows", all, rowsCovered)
}

// rowsCovered is what the list pages of the test sites must show between
// them, so that the golden files keep covering each branch of the rows.
var rowsCovered = []covered{
	{"hostile", "&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43; z&lt;/b&gt;"}, {"hostile", `<span class="badge stale">Out of date</span>`},
	{"hostile", `Sub-journey of <a`}, {"hostile", `<img class="avatar large" src="../../img/ann%20one.jpg"`},
	{"hostile", `<span class="avatar initials" aria-hidden="true">`}, {"hostile", "’s own curve"},
	{"hostile", "Pain points still expected"}, {"hostile", "Pain points met"}, {"hostile", `<li class="muted"><a href="../../journeys/parent/#persona-ann">and 2 more</a></li>`}, {"hostile", `<span class="mot-badge">`},
	{"hostile", `data-apart="planned"`}, {"hostile", `<span class="muted">not rated</span>`}, {"hostile", `">●</span>`},
	{"hostile", `rel="prev"`}, {"hostile", `rel="next"`}, {"hostile", `aria-current="page"`},
	{"example", `<span class="gap" aria-hidden="true">…</span>`}, {"example", `<p class="coverage" data-coverage=`},
}

// rowSlots are the slots the rows written in Go are kept in.
var rowSlots = []string{journeyCardSlot, channelJourneySlot, summaryRowSlot, personaJourneySlot}

// TestRowsAreKept checks that a list page's rows come from the cache
// once kept, each journey's on its own: a rebuild after one save renders
// one row again.
func TestRowsAreKept(t *testing.T) {
	site := loadFS(t, hostileListSite(0), rowsOptions)
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	r := defaultRenderer(t)
	kinds := map[pagedata.Kind]bool{}
	for _, p := range pagedata.NewPlanner(now, false).Pages(site) {
		if !isListPage(p) {
			continue
		}
		p.Prepare()
		var first bytes.Buffer
		if err := r.Execute(p, &first); err != nil {
			t.Fatal(err)
		}
		// Mark every row kept for the page's first journey; a second
		// render shows the mark in place of the row.
		marked := 0
		for _, name := range rowSlots {
			slot := fragmentSlot(name, p.URL)
			for _, j := range site.Journeys {
				if _, ok := r.fragments.Get(slot, j); ok && j.Slug == "parent" {
					r.fragments.Put(slot, j, "<!--kept-->")
					marked++
				}
			}
		}
		if marked == 0 {
			continue // a page that does not list the journey
		}
		kinds[p.Kind] = true
		var second bytes.Buffer
		if err := r.Execute(p, &second); err != nil {
			t.Fatal(err)
		}
		if got := strings.Count(second.String(), "<!--kept-->"); got != marked {
			t.Errorf("%s: %d kept rows shown, want %d", pagedata.OutputPath(p), got, marked)
		}
		r.Forget(func(file string) bool { return strings.HasSuffix(file, "/parent.md") })
		var third bytes.Buffer
		if err := r.Execute(p, &third); err != nil {
			t.Fatal(err)
		}
		if third.String() != first.String() {
			i := firstDifference(third.String(), first.String())
			t.Errorf("%s: after Forget, at byte %d:\n got …%s…\nwant …%s…", pagedata.OutputPath(p), i, around(third.String(), i), around(first.String(), i))
		}
	}
	if len(kinds) != 4 {
		t.Errorf("rows kept on the pages of %v, want index, persona, channel and channels", kinds)
	}
}

// rowsOptions load the hostile list site with its drafts, on a date that
// puts some of its maps out of date.
var rowsOptions = content.Options{Drafts: true, Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}

// hostileListSite is a site of what the example maps do not hold, listed
// perPage journeys a page.
func hostileListSite(perPage int) fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	q := func(s string) string { return `'''` + s + `'''` }
	return fstest.MapFS{
		"site.toml": file(`title = ` + q(hostile) + `
description = ` + q(hostile) + `
base_url = "https://x.example/a/"
[review]
stale_after_days = 30
[pagination]
per_page = ` + string(rune('0'+perPage)) + `
[[channels]]
id = "web"
name = ` + q(hostile) + `
kind = "digital"
[[channels]]
id = "desk"
name = "Desk"
kind = "physical"
[[channels]]
id = "call"
name = "Call"
kind = "human"
[[channels]]
id = "unused"
name = "Unused"
kind = "partner"
`),
		"content/personas/ann.md": file(`+++
name = ` + q(hostile) + `
role = ` + q(hostile) + `
photo = "img/ann one.jpg"
channels = ["web", "desk"]
+++
`),
		"content/personas/bo.md": file(`+++
name = "Bo Li Chen"
photo = "https://img.example/bo.png?size=56&x=1"
+++
`),
		"content/personas/cy.md": file(`+++
name = "cy"
channels = ["call"]
+++
`),
		"static/img/ann one.jpg": file("jpg"),
		"content/journeys/parent.md": file(`+++
title = ` + q(hostile) + `
summary = ` + q(hostile) + `
personas = ["ann", "bo"]
type = "day-in-the-life"
updated = 2026-01-01
[[stages]]
name = "One"
emotion = { ann = -2, bo = 1 }
pain_points = ["first", "second", "third"]
  [[stages.touchpoints]]
  name = ` + q(hostile) + `
  channels = ["web", "call"]
  owner = ` + q(hostile) + `
  moment_of_truth = true
  emotion = { ann = -1 }
  [[stages.evidence]]
  kind = "survey"
  title = "s"
  n = 3
[[stages]]
name = ` + q(hostile) + `
pain_points = [` + q(hostile) + `, "late"]
  [[stages.touchpoints]]
  name = "Desk"
  channels = ["desk"]
+++
`),
		"content/journeys/child.md": file(`+++
title = "Child"
parent = "parent"
personas = ["cy"]
status = "review"
updated = 2026-11-20
[[stages]]
name = "Only"
emotion = 0
  [[stages.touchpoints]]
  name = "Call back"
  channels = ["call", "web", "desk"]
  emotion = 2
+++
`),
		"content/journeys/planned.md": file(`+++
title = "Planned"
state = "future"
current = "parent"
personas = ["ann"]
[[stages]]
name = "One"
emotion = 1
pain_points = ["still"]
  [[stages.touchpoints]]
  name = "Web"
  channels = ["web"]
+++
`),
		"content/journeys/draft.md": file(`+++
title = "Draft"
status = "draft"
personas = ["ann", "cy"]
[[stages]]
name = "One"
emotion = -1.5
pain_points = ["p"]
  [[stages.touchpoints]]
  name = "Desk"
  channels = ["desk"]
  emotion = -0.25
+++
`),
		"content/journeys/empty.md": file(`+++
title = "Empty"
[[stages]]
name = "Nothing rated"
+++
`),
		"content/journeys/zz.md": file(`+++
title = "Zz"
personas = ["bo"]
[[stages]]
name = "A"
[[stages]]
name = "B"
emotion = 1.75
  [[stages.touchpoints]]
  name = "W"
  channels = ["web"]
+++
`),
	}
}

// TestAvatarMatchesItsPartial holds the avatar to the old partial on
// photos the loader would refuse, which html/template still neutralises.
func TestAvatarMatchesItsPartial(t *testing.T) {
	r := defaultRenderer(t)
	old := oldPartials(t, r)
	site := loadFS(t, hostileListSite(0), rowsOptions)
	for _, url := range []string{"", "personas/x/"} {
		p := Dot{&pagedata.Page{Site: site, Kind: pagedata.Persona, URL: url}, r}
		for _, photo := range []string{"", "javascript:alert(1)", "img/a b.png", "/img/x.png", "https://x.example/a.png?b=<1>&c=\"2\"", "data:image/png;base64,AAAA"} {
			for _, large := range []bool{false, true} {
				per := &content.Persona{Name: hostile + " zoë", Photo: photo}
				var want bytes.Buffer
				if err := old.ExecuteTemplate(&want, "avatar", map[string]any{"Page": p, "Persona": per, "Large": large}); err != nil {
					t.Fatal(err)
				}
				if got := string(p.Avatar(per, large)); got != want.String() {
					t.Errorf("avatar of photo %q, large %v, on %q:\n got %s\nwant %s", photo, large, url, got, want.String())
				}
			}
		}
	}
}
