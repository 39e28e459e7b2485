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
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/themes"
)

// oldJourney is the default theme's journey.html as it was before its
// head and details were written in Go (JourneyTop, JourneyDetails), with
// the partials it called: the markup the fragments must reproduce byte
// for byte. Each define is executed with the page's Dot, as the layout
// was.
const oldJourney = `
{{define "old-top"}}{{with .Journey}}<div class="journey-top wrap">
<header class="page-head">
  <nav class="crumbs" aria-label="Breadcrumb">
    <ol>
      <li><a href="{{$.Rel ""}}#journeys">Journeys</a></li>
      {{- with .Parent}}
      <li><a href="{{$.Rel .URL}}">{{.Title}}</a></li>
      {{- end}}
      <li><span aria-current="page">{{.Title}}</span></li>
    </ol>
  </nav>
  <h1>{{.Title}}</h1>
  <p class="badges">{{template "badges" .}}</p>
  {{- with .Summary}}
  <p class="lede">{{.}}</p>
  {{- end}}
</header>

{{template "glance" $}}
{{- if or (eq .Status "review") (eq .State "future") ($.Stale .)}}
<div class="journey-notes">
  {{- if eq .Status "review"}}
  <p class="banner banner-review" role="note"><strong>In review.</strong> This map is being reviewed and may still change.</p>
  {{- end}}
  {{- if eq .State "future"}}
  <p class="banner banner-future" role="note"><strong>Future state.</strong> The journey as it is planned to be, not as it is today.</p>
  {{- end}}
  {{- if $.Stale .}}
  <p class="banner banner-stale" role="note"><strong>May be out of date.</strong> Last updated on {{date .Updated}}, more than {{$.Site.Config.Review.StaleAfterDays}} days ago. Check that it still matches what customers go through today, then update <code>updated</code>.</p>
  {{- end}}
</div>
{{- end}}

<details class="about-map">
  <summary>About this map<span class="muted">{{with .Owner}} · {{.}}{{end}}{{if not .Updated.IsZero}} · updated <time datetime="{{isodate .Updated}}">{{shortdate .Updated}}</time>{{end}}{{with .Version}} · version {{.}}{{end}} · details and downloads</span></summary>
  <dl class="meta">
    {{- with .Goal}}<div><dt>Customer goal</dt><dd>{{.}}</dd></div>{{end}}
    {{- with .Scenario}}<div><dt>Scenario</dt><dd>{{.}}</dd></div>{{end}}
    {{- with .Personas}}<div><dt>Personas</dt><dd>{{range $i, $p := .}}{{if $i}}, {{end}}<a href="{{$.Rel $p.URL}}">{{$p.Name}}</a>{{end}}</dd></div>{{end}}
    {{- with .Owner}}<div><dt>Owner</dt><dd>{{.}}</dd></div>{{end}}
    {{- if not .Updated.IsZero}}<div><dt>Updated</dt><dd><time datetime="{{isodate .Updated}}">{{date .Updated}}</time></dd></div>{{end}}
    {{- with .Version}}<div><dt>Version</dt><dd>{{.}}</dd></div>{{end}}
    {{- with .Parent}}<div><dt>Part of</dt><dd><a href="{{$.Rel .URL}}">{{.Title}}</a></dd></div>{{end}}
    {{- with .Children}}<div><dt>Sub-journeys</dt><dd>{{range $i, $c := .}}{{if $i}}, {{end}}<a href="{{$.Rel $c.URL}}">{{$c.Title}}</a>{{end}}</dd></div>{{end}}
    {{- with .Current}}<div><dt>Improves on</dt><dd><a href="{{$.Rel .URL}}">{{.Title}}</a> <span class="muted">(today)</span></dd></div>{{end}}
    {{- with .Futures}}<div><dt>Future state</dt><dd>{{range $i, $f := .}}{{if $i}}, {{end}}<a href="{{$.Rel $f.URL}}">{{$f.Title}}</a>{{end}}</dd></div>{{end}}
    {{- with .Tags}}<div><dt>Tags</dt><dd>{{range .}}<span class="tag">{{.}}</span> {{end}}</dd></div>{{end}}
  </dl>
  <p class="page-actions">{{if $.HasMap}}<a href="map.svg" download>Download the map as SVG</a> <span class="muted">for slides</span> · {{end}}<a href="map.mmd" download>Download as a Mermaid diagram</a> <span class="muted">for READMEs and wikis</span></p>
  {{template "edit" ($.EditURL .File)}}
</details>
</div>{{end}}{{end}}

{{define "old-details"}}{{with .Journey}}
{{- with $.Compare}}
<section class="comparison wrap" aria-labelledby="compare-title">
  <h2 id="compare-title">Against today's map</h2>
  <p>This map improves on <a href="{{$.Rel .Current.URL}}">{{.Current.Title}}</a>, the map of the journey as it is today. Stages are matched by id: the curve shows today's line dashed under this one, and the row <em>Change from today</em> gives the difference per stage.</p>
  {{- if .Improved}}
  <div class="table-scroll" tabindex="0" role="region" aria-label="What this map changes, stage by stage">
  <table class="data compare-table">
    <caption class="visually-hidden">Pain points resolved and opportunities taken up, by stage</caption>
    <thead><tr><th scope="col">Stage</th><th scope="col">Pain points it resolves</th><th scope="col">Opportunities it takes up</th></tr></thead>
    <tbody>
      {{- range .Improved}}
      <tr><th scope="row"><a href="#stage-{{.Stage.ID}}">{{.Stage.Name}}</a></th><td class="pains">{{template "list" .Resolved}}</td><td class="opportunities">{{template "list" .TakenUp}}</td></tr>
      {{- end}}
    </tbody>
  </table>
  </div>
  {{- else}}
  <p class="empty">No pain point of today's map is resolved here, and no opportunity taken up: every one is still listed.</p>
  {{- end}}
  {{- with .Dropped}}
  <p>Stages of today's map this one leaves out: {{range $i, $s := .}}{{if $i}}, {{end}}<a href="{{$.Rel $.Compare.Current.URL}}#stage-{{$s.ID}}">{{$s.Name}}</a>{{end}}.</p>
  {{- end}}
  <p class="muted">A pain point counts as resolved, and an opportunity as taken up, when today's stage lists it and this map's stage of the same id no longer does.</p>
</section>
{{- end}}

<section class="stage-details wrap" aria-labelledby="details-title">
  <h2 id="details-title">Stages in detail</h2>
  {{- range $i, $s := .Stages}}
  <section class="stage-panel{{if .MomentOfTruth}} mot{{end}}" id="stage-panel-{{.ID}}" data-stage-panel="{{.ID}}" aria-labelledby="stage-panel-title-{{.ID}}">
    <h3 id="stage-panel-title-{{.ID}}"><span class="stage-num">{{inc $i}}</span> {{.Name}}{{if .MomentOfTruth}} <span class="mot-badge">★ Moment of truth</span>{{end}}
        {{- with index $.StageEvidence $i}} <span class="stage-evidence">{{.}}</span>{{else}} <span class="stage-evidence assumed">Assumed: no research</span>{{end}}</h3>
    {{- with .Description}}
    <p class="lede">{{.}}</p>
    {{- end}}
    {{- with detailed .Touchpoints}}
    <h4>Touchpoints</h4>
    <dl class="touchpoint-details">
      {{- range .}}
      <div><dt>{{.Name}}</dt>{{with .Description}}<dd>{{.}}</dd>{{end}}{{with .Owner}}<dd class="muted">Owner: {{.}}</dd>{{end}}</div>
      {{- end}}
    </dl>
    {{- end}}
    {{- with sourced .Evidence}}
    <h4>Evidence</h4>
    <ul class="evidence-cards">
      {{- range .}}
      <li class="evidence">
        {{- with .Quote}}<blockquote><p>{{.}}</p></blockquote>{{end}}
        {{- /* Its kind and n are on the map: the source is named by its title. */}}
        <p>{{if .URL}}<a href="{{.URL}}">{{end}}{{if .Title}}{{.Title}}{{else}}{{title .Kind}}{{end}}{{if .URL}}</a>{{end}}</p>
      </li>
      {{- end}}
    </ul>
    {{- end}}
    {{- with .Notes}}
    <div class="notes prose">{{.}}</div>
    {{- else}}{{if not (or .Description (detailed .Touchpoints) (sourced .Evidence))}}
    <p class="muted">The map above shows everything written about this stage.</p>
    {{- end}}{{end}}
  </section>
  {{- end}}
</section>

{{- with .Narrative}}
<section class="narrative wrap" aria-labelledby="narrative-title">
  <h2 id="narrative-title">Narrative</h2>
  <div class="prose">{{.}}</div>
</section>
{{- end}}

{{- if $.Matrix.Groups}}
<section class="journey-matrix wrap" aria-labelledby="matrix-title">
  <h2 id="matrix-title">Touchpoints × channels</h2>
  {{template "matrix" $}}
</section>
{{- end}}{{end}}{{end}}

{{define "badges" -}}
<span class="badge state-{{.State}}">{{if eq .State "future"}}Future state{{else}}Current state{{end}}</span>
{{- if ne .Status "published"}} <span class="badge status-{{.Status}}">{{title .Status}}</span>{{end}}
{{- with .Type}} <span class="badge type">{{title .}}</span>{{end}}
{{- end}}

{{define "list" -}}
{{if .}}<ul class="plain">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{- end}}

{{define "emotion" -}}
{{if .Set}}<span class="emotion {{emo .}}">{{.}} <span class="emotion-label">{{.Label}}</span></span>{{end}}
{{- end}}

{{define "kind-icon" -}}
{{with .}}<span class="kind-icon k-{{.}}"></span>{{end}}
{{- end}}

{{define "glance" -}}
{{- with .Glance -}}
<section class="glance wrap" data-glance aria-labelledby="glance-title">
  <h2 id="glance-title" class="glance-title">At a glance</h2>
  <dl class="glance-facts">
    {{- with .Worst}}
    <div class="glance-worst"><dt>{{if $.Glance.Planned}}Planned lowest point{{else}}Lowest point{{end}}</dt><dd><a href="#stage-{{.Stage.ID}}"><strong>{{.Name}}</strong></a>{{if .Touchpoint}} <span class="muted">({{.Stage.Name}})</span>{{end}} {{template "emotion" .Emotion}}{{with .Persona}} <span class="glance-persona">for {{.Name}}</span>{{end}}</dd></div>
    {{- else}}
    <div class="glance-worst"><dt>Lowest point</dt><dd class="muted">No stage or touchpoint is rated.</dd></div>
    {{- end}}
    {{- with .Channel}}
    <div class="glance-channel"><dt>{{if lt .Average.Value 0.0}}Hurts most on{{else}}Lowest-rated channel{{end}}</dt><dd data-worst-channel="{{.Channel.ID}}"><a href="{{$.Rel (print "channels/" .Channel.ID "/")}}"><strong>{{.Channel.Name}}</strong></a> {{template "emotion" .Average}} <span class="muted">on average, {{plural .Count "touchpoint" "touchpoints"}}</span></dd></div>
    {{- end}}
    {{- if .Worst}}
    <div class="glance-ops"><dt>Opportunities at the dip</dt><dd>
      {{- if .Opportunities}}<ul>{{range .Opportunities}}<li>{{.}}</li>{{end}}{{with .MoreOpportunities}}<li class="muted"><a href="#stage-{{$.Glance.Worst.Stage.ID}}">and {{.}} more</a></li>{{end}}</ul>
      {{- else}}<span class="muted">None written for {{.Worst.Stage.Name}}.</span>{{end}}</dd></div>
    {{- end}}
    <div class="glance-evidence"><dt>Evidence</dt><dd>
      {{- with .Evidence}}{{if .Sources}}{{plural .Sources "source" "sources"}}{{if .N}}, n = {{thousands .N}} in all{{end}} <span class="muted">· {{.Backed}} of {{.Stages}} stages backed</span>
      {{- else}}<strong>No research:</strong> assumptions <span class="muted">· no stage names evidence</span>{{end}}{{end}}</dd></div>
  </dl>
</section>
{{- end}}
{{- end}}

{{define "matrix" -}}
{{$m := .Matrix}}
<div class="table-scroll" tabindex="0" role="region" aria-label="Touchpoint by channel matrix">
<table class="matrix" data-matrix>
<caption>Each filled cell is a touchpoint on that channel, with how it feels; an empty cell means the touchpoint does not use that channel. <span class="muted">A value in italics is the stage's, as the touchpoint has none of its own.</span></caption>
<thead>
<tr><th scope="col" class="corner">Touchpoint</th>{{range $m.Channels}}<th scope="col"><a href="{{$.Rel "channels/"}}{{.ID}}/">{{.Name}}</a>{{with .Kind}} <span class="kind-name">{{template "kind-icon" .}}{{.}}</span>{{end}}</th>{{end}}</tr>
</thead>
{{- range $m.Groups}}
<tbody>
<tr class="group"><th scope="rowgroup" colspan="{{inc (len $m.Channels)}}">{{.Stage.Name}}</th></tr>
{{- range .Rows}}
<tr data-touchpoint data-channels="{{channelIDs .Touchpoint.Channels}}">
<th scope="row">{{.Touchpoint.Name}}{{if .Touchpoint.MomentOfTruth}} <span class="mot-badge" title="Moment of truth">★<span class="visually-hidden"> moment of truth</span></span>{{end}}</th>
{{- $gap := 0}}{{range .Cells}}{{if .On}}{{template "gap" $gap}}{{$gap = 0}}<td class="on {{emo .Emotion}}{{if .Inherited}} inherited{{end}}"{{with .ByPersona}} data-by-persona="{{.}}"{{end}}>{{if .Emotion.Set}}<span class="value">{{.Emotion}}</span> <span class="cell-label">{{.Emotion.Label}}</span>{{else}}<span class="value">●</span> <span class="cell-label">not rated</span>{{end}}</td>{{else}}{{$gap = inc $gap}}{{end}}{{end}}{{template "gap" $gap}}
</tr>
{{- end}}
</tbody>
{{- end}}
</table>
</div>
{{template "legend"}}
{{- end}}

{{define "gap" -}}
{{if eq . 1}}<td></td>{{else if .}}<td colspan="{{.}}"></td>{{end}}
{{- end}}

{{define "legend" -}}
<ul class="legend" aria-label="Emotion scale">
<li><span class="swatch emo-p2" aria-hidden="true"></span>+2 very positive</li>
<li><span class="swatch emo-p1" aria-hidden="true"></span>+1 positive</li>
<li><span class="swatch emo-0" aria-hidden="true"></span>0 neutral</li>
<li><span class="swatch emo-n1" aria-hidden="true"></span>−1 negative</li>
<li><span class="swatch emo-n2" aria-hidden="true"></span>−2 very negative</li>
</ul>
{{- end}}

{{define "edit" -}}
{{with .}}<p class="edit-link"><a href="{{.}}">Edit this page</a></p>{{end}}
{{- end}}
`

// journeyFragments are the fragments of a journey's page written in Go,
// each with the define of oldJourney it replaces.
var journeyFragments = []struct {
	old   string
	write func(Dot) template.HTML
}{
	{"old-top", Dot.JourneyTop},
	{"old-details", Dot.JourneyDetails},
}

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

func TestJourneyFragmentsMatchTheOldLayout(t *testing.T) {
	r := defaultRenderer(t)
	old := template.Must(template.New("old").Funcs(funcs).Parse(oldJourney))
	sites := map[string]*content.Site{"hostile": loadFS(t, hostileSite(), content.Options{})}
	for _, dir := range testSites {
		sites[dir] = loadSite(t, dir)
	}
	var hostileOut strings.Builder
	for name, site := range sites {
		for _, slides := range []bool{true, false} {
			for _, p := range journeyPages(site, testNow, slides) {
				for _, f := range journeyFragments {
					var want bytes.Buffer
					if err := old.ExecuteTemplate(&want, f.old, Dot{p, r}); err != nil {
						t.Fatalf("%s %s: %v", name, p.URL, err)
					}
					got := string(f.write(Dot{p, r}))
					if got != want.String() {
						t.Errorf("%s %s (slides %v): %s differs from the old layout at byte %d:\n got %s\nwant %s",
							name, p.URL, slides, f.old, firstDifference(got, want.String()), got, want.String())
					}
					if name == "hostile" {
						hostileOut.WriteString(got)
					}
					if p.Journey.Slug == "blank" && strings.Contains(got, "journey-matrix") {
						t.Errorf("hostile %s: a map without touchpoints shows a matrix", p.URL)
					}
				}
			}
		}
	}
	// The hostile site is there for the branches the other sites miss:
	// make sure it still takes them.
	for _, branch := range []string{
		"&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43; z&lt;/b&gt;", // text escaped
		"banner-review", "banner-future", "banner-stale",
		`<p class="empty">No pain point`, "this one leaves out: <a", `<td class="pains"><ul`,
		"No stage or touchpoint is rated.", "Planned lowest point", "Lowest-rated channel", "Hurts most on",
		`<span class="glance-persona">`, "None written for", "and 2 more", "1 source <span",
		`<blockquote><p>`, "<p>Observation</p>", `<a href="https://support.example/tickets?q=a&#43;b">Support</a>`,
		`<div class="notes prose">`, "The map above shows everything",
		`<td colspan="2"></td>`, "<td></td>", `data-by-persona="ana= bo=-2"`, " inherited", `<span class="value">●</span>`,
		`<a href="https://git.example/edit/main/content/journeys/today.md?a=1&amp;b=%272%27">`,
	} {
		if !strings.Contains(hostileOut.String(), branch) {
			t.Errorf("the hostile site no longer shows %s", branch)
		}
	}
}

// firstDifference is the offset of the first byte where a and b differ.
func firstDifference(a, b string) int {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	return i
}

// BenchmarkJourneyFragments renders the head and details of every
// journey page of the example site, with the old layout's markup and
// with the fragments written in Go: what writing them in Go saves.
func BenchmarkJourneyFragments(b *testing.B) {
	r, errs := New(&Theme{Name: "default", Dir: "(built-in default theme)", FS: themes.Default(), site: os.DirFS(b.TempDir())})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	pages := journeyPages(loadSite(b, "../.."), testNow, true)
	old := template.Must(template.New("old").Funcs(funcs).Parse(oldJourney))
	b.Run("template", func(b *testing.B) {
		var buf bytes.Buffer
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				for _, f := range journeyFragments {
					buf.Reset()
					if err := old.ExecuteTemplate(&buf, f.old, Dot{p, r}); err != nil {
						b.Fatal(err)
					}
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
	})
	b.Run("go", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, p := range pages {
				for _, f := range journeyFragments {
					f.write(Dot{p, r})
				}
			}
		}
		b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/page")
	})
}
