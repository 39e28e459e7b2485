package render

import (
	"bytes"
	"html/template"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// rowsOldDir holds the list pages' layouts and partials as they were
// before their rows were written in Go: the index, persona, channel and
// /channels/ layouts, and the partials they called (journey-card,
// channel-journey, channels-row, avatar, channel-ranking, pager, and
// the shared pieces under them).
const rowsOldDir = "testdata/rows"

// oldListRenderer is r with the list pages' old layouts and the partials
// they called parsed over its own, whose frame (base.html) they share.
func oldListRenderer(t *testing.T, r *Renderer) *Renderer {
	t.Helper()
	partials, err := os.ReadFile(rowsOldDir + "/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	old := &Renderer{theme: r.theme, templates: map[string]*template.Template{}, fragments: pagedata.NewCache[template.HTML]()}
	for kind, tmpl := range r.templates {
		old.templates[kind] = tmpl
	}
	for _, kind := range []pagedata.Kind{pagedata.Index, pagedata.Persona, pagedata.Channel, pagedata.Channels} {
		layout, err := os.ReadFile(rowsOldDir + "/" + string(kind) + ".html")
		if err != nil {
			t.Fatal(err)
		}
		tmpl := template.Must(r.templates[string(kind)].Clone())
		template.Must(tmpl.Parse(string(partials)))
		template.Must(tmpl.Parse(string(layout)))
		old.templates[string(kind)] = tmpl
	}
	return old
}

// isListPage reports whether p is one of the pages whose rows are
// written in Go.
func isListPage(p *pagedata.Page) bool {
	switch p.Kind {
	case pagedata.Index, pagedata.Persona, pagedata.Channel, pagedata.Channels:
		return true
	}
	return false
}

// sameListPages renders every list page of site with the old layouts and
// with the Go rows, and compares them byte for byte; it returns how many
// pages it compared.
func sameListPages(t *testing.T, name string, site *content.Site, now time.Time) int {
	t.Helper()
	r := defaultRenderer(t)
	old := oldListRenderer(t, r)
	n := 0
	for _, p := range pagedata.NewPlanner(now, false).Pages(site) {
		if !isListPage(p) {
			continue
		}
		p.Prepare()
		var want, got bytes.Buffer
		if err := old.Execute(p, &want); err != nil {
			t.Fatalf("%s: old layout: %v", name, err)
		}
		if err := r.Execute(p, &got); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: %s differs from the old layout's:\n%s", name, pagedata.OutputPath(p), differenceAround(got.String(), want.String()))
		}
		n++
	}
	return n
}

// differenceAround shows where got and want part.
func differenceAround(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-200, 0)
	return "got:  …" + got[from:min(i+200, len(got))] + "\nwant: …" + want[from:min(i+200, len(want))]
}

// TestListPagesMatchTheOldLayouts holds the list pages written in Go to
// what the layouts made of them before, on the example and held-out
// sites, whole and split into pages of two, and on a site made of what
// they do not hold: text to escape, planned, draft and stale maps,
// sub-journeys, personas with and without photos, curves per persona.
func TestListPagesMatchTheOldLayouts(t *testing.T) {
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, dir := range testSites {
		for _, perPage := range []int{0, 1, 2} {
			site := loadSite(t, dir)
			site.Config.Pagination.PerPage = perPage
			if n := sameListPages(t, dir, site, now); n == 0 {
				t.Errorf("%s: no list page compared", dir)
			}
		}
	}
	for _, perPage := range []int{0, 1, 2} {
		site := loadFS(t, hostileListSite(perPage), rowsOptions)
		if len(site.Journeys) != 6 || len(site.Personas) != 3 {
			t.Fatalf("hostile site: %d journeys, %d personas", len(site.Journeys), len(site.Personas))
		}
		sameListPages(t, "hostile site", site, now)
	}
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
			t.Errorf("%s: after Forget:\n%s", pagedata.OutputPath(p), differenceAround(third.String(), first.String()))
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

func TestWritePlural(t *testing.T) {
	for _, n := range []int{0, 1, 2, 21, -1} {
		var w markup.Writer
		writePlural(&w, n, "touchpoint", "touch<points>")
		if got, want := string(w.Result()), template.HTMLEscapeString(pagedata.Plural(n, "touchpoint", "touch<points>")); got != want {
			t.Errorf("writePlural(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestAvatarMatchesItsPartial holds the avatar to the old partial on
// photos the loader would refuse, which html/template still neutralises.
func TestAvatarMatchesItsPartial(t *testing.T) {
	r := defaultRenderer(t)
	old := oldListRenderer(t, r)
	site := loadFS(t, hostileListSite(0), rowsOptions)
	for _, url := range []string{"", "personas/x/"} {
		p := Dot{&pagedata.Page{Site: site, Kind: pagedata.Persona, URL: url}, r}
		for _, photo := range []string{"", "javascript:alert(1)", "img/a b.png", "/img/x.png", "https://x.example/a.png?b=<1>&c=\"2\"", "data:image/png;base64,AAAA"} {
			for _, large := range []bool{false, true} {
				per := &content.Persona{Name: hostile + " zoë", Photo: photo}
				var want bytes.Buffer
				if err := old.templates["persona"].ExecuteTemplate(&want, "avatar", map[string]any{"Page": p, "Persona": per, "Large": large}); err != nil {
					t.Fatal(err)
				}
				if got := string(p.Avatar(per, large)); got != want.String() {
					t.Errorf("avatar of photo %q, large %v, on %q:\n got %s\nwant %s", photo, large, url, got, want.String())
				}
			}
		}
	}
}
