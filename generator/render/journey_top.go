package render

import (
	"html/template"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markup"
)

// JourneyTop is the head of a journey's page in the default theme (its
// layout places it as {{$.JourneyTop}}): the breadcrumbs, title, badges
// and summary, the glance, the banners (in review, future state, out of
// date) and the map's details and downloads. The head and the glance
// sit side by side on a wide screen, so that the stages and the whole
// curve come on the first screen too.
//
// It is written in Go for speed (see package markup): it is the markup
// the layout had, byte for byte, and journey_test.go holds it to
// that. A theme that wants another head writes its own layout markup
// over the same page data.
func (p Dot) JourneyTop() template.HTML {
	j := p.Journey
	var w markup.Writer
	w.Grow(p.topSize())
	w.Raw(`<div class="journey-top wrap">
<header class="page-head">
  <nav class="crumbs" aria-label="Breadcrumb">
    <ol>
      <li><a href="`)
	w.URL(p.Rel(""))
	w.Raw(`#journeys">Journeys</a></li>`)
	if j.Parent != nil {
		w.Raw("\n      <li><a href=\"")
		w.URL(p.Rel(j.Parent.URL()))
		w.Raw(`">`)
		w.Text(j.Parent.Title)
		w.Raw(`</a></li>`)
	}
	w.Raw("\n      <li><span aria-current=\"page\">")
	w.Text(j.Title)
	w.Raw(`</span></li>
    </ol>
  </nav>
  <h1>`)
	w.Text(j.Title)
	w.Raw(`</h1>
  <p class="badges">`)
	writeBadges(&w, j)
	w.Raw(`</p>`)
	if j.Summary != "" {
		w.Raw("\n  <p class=\"lede\">")
		w.Text(j.Summary)
		w.Raw(`</p>`)
	}
	w.Raw("\n</header>\n\n")
	writeGlance(&w, p)
	p.writeJourneyNotes(&w)
	w.Raw("\n\n")
	p.writeAboutMap(&w)
	w.Raw("\n</div>")
	return w.Result()
}

// topSize is a cheap estimate of JourneyTop's length, to size its
// buffer once: the fixed markup, the text it places, and a share of
// markup per link and tag.
func (p Dot) topSize() int {
	j := p.Journey
	n := 2432 + 3*len(j.Title) + len(j.Summary) + len(j.Goal) + len(j.Scenario) + 2*len(j.Owner) + 2*len(j.Version)
	n += 64*len(j.Personas) + 96*(len(j.Children)+len(j.Futures)) + 48*len(j.Tags)
	if j.Parent != nil {
		n += 192
	}
	if j.Current != nil {
		n += 128
	}
	if g := p.Glance; g != nil {
		n += 64 * len(g.Opportunities)
	}
	return n
}

// writeGlance is the "glance" partial: the map in a few lines, above
// it: the worst moment, the channel that hurts most
// ([data-worst-channel], its id), the opportunities at the dip and the
// evidence the map stands on.
func writeGlance(w *markup.Writer, p Dot) {
	g := p.Glance
	if g == nil {
		return
	}
	w.Raw(`<section class="glance wrap" data-glance aria-labelledby="glance-title">
  <h2 id="glance-title" class="glance-title">At a glance</h2>
  <dl class="glance-facts">`)
	if wm := g.Worst; wm != nil {
		if g.Planned {
			w.Raw("\n    <div class=\"glance-worst\"><dt>Planned lowest point</dt><dd><a href=\"#stage-")
		} else {
			w.Raw("\n    <div class=\"glance-worst\"><dt>Lowest point</dt><dd><a href=\"#stage-")
		}
		w.URLQuery(wm.Stage.ID)
		w.Raw(`"><strong>`)
		w.Text(wm.Name())
		w.Raw(`</strong></a>`)
		if wm.Touchpoint != nil {
			w.Raw(` <span class="muted">(`)
			w.Text(wm.Stage.Name)
			w.Raw(`)</span>`)
		}
		w.Raw(` `)
		writeEmotion(w, wm.Emotion)
		if wm.Persona != nil {
			w.Raw(` <span class="glance-persona">for `)
			w.Text(wm.Persona.Name)
			w.Raw(`</span>`)
		}
		w.Raw(`</dd></div>`)
	} else {
		w.Raw("\n    <div class=\"glance-worst\"><dt>Lowest point</dt><dd class=\"muted\">No stage or touchpoint is rated.</dd></div>")
	}
	if c := g.Channel; c != nil {
		if c.Average.Value < 0 {
			w.Raw("\n    <div class=\"glance-channel\"><dt>Hurts most on</dt><dd data-worst-channel=\"")
		} else {
			w.Raw("\n    <div class=\"glance-channel\"><dt>Lowest-rated channel</dt><dd data-worst-channel=\"")
		}
		w.Attr(c.Channel.ID)
		w.Raw(`"><a href="`)
		w.URL(p.Rel("channels/" + c.Channel.ID + "/"))
		w.Raw(`"><strong>`)
		w.Text(c.Channel.Name)
		w.Raw(`</strong></a> `)
		writeEmotion(w, c.Average)
		w.Raw(` <span class="muted">on average, `)
		w.Text(diag.Plural(c.Count, "touchpoint", "touchpoints"))
		w.Raw(`</span></dd></div>`)
	}
	if wm := g.Worst; wm != nil {
		w.Raw("\n    <div class=\"glance-ops\"><dt>Opportunities at the dip</dt><dd>")
		if len(g.Opportunities) > 0 {
			w.Raw(`<ul>`)
			for _, o := range g.Opportunities {
				w.Raw(`<li>`)
				w.Text(o)
				w.Raw(`</li>`)
			}
			if g.MoreOpportunities != 0 {
				w.Raw(`<li class="muted"><a href="#stage-`)
				w.URLQuery(wm.Stage.ID)
				w.Raw(`">and `)
				w.Int(g.MoreOpportunities)
				w.Raw(` more</a></li>`)
			}
			w.Raw(`</ul>`)
		} else {
			w.Raw(`<span class="muted">None written for `)
			w.Text(wm.Stage.Name)
			w.Raw(`.</span>`)
		}
		w.Raw(`</dd></div>`)
	}
	w.Raw("\n    <div class=\"glance-evidence\"><dt>Evidence</dt><dd>")
	if ev := g.Evidence; ev.Sources != 0 {
		w.Text(diag.Plural(ev.Sources, "source", "sources"))
		if ev.N != 0 {
			w.Raw(`, n = `)
			w.Text(diag.Thousands(ev.N))
			w.Raw(` in all`)
		}
		w.Raw(` <span class="muted">· `)
		w.Int(ev.Backed)
		w.Raw(` of `)
		w.Int(ev.Stages)
		w.Raw(` stages backed</span>`)
	} else {
		w.Raw(`<strong>No research:</strong> assumptions <span class="muted">· no stage names evidence</span>`)
	}
	w.Raw(`</dd></div>
  </dl>
</section>`)
}

// writeJourneyNotes writes the banners over a map that is in review, a
// future state or out of date, or nothing for a map that is none of
// these.
func (p Dot) writeJourneyNotes(w *markup.Writer) {
	j := p.Journey
	review, future, stale := j.Status == "review", j.State == "future", p.Stale(j)
	if !review && !future && !stale {
		return
	}
	w.Raw("\n<div class=\"journey-notes\">")
	if review {
		w.Raw("\n  <p class=\"banner banner-review\" role=\"note\"><strong>In review.</strong> This map is being reviewed and may still change.</p>")
	}
	if future {
		w.Raw("\n  <p class=\"banner banner-future\" role=\"note\"><strong>Future state.</strong> The journey as it is planned to be, not as it is today.</p>")
	}
	if stale {
		w.Raw("\n  <p class=\"banner banner-stale\" role=\"note\"><strong>May be out of date.</strong> Last updated on ")
		w.Text(j.Updated.Format(dateLayout))
		w.Raw(`, more than `)
		w.Int(p.Site.Config.Review.StaleAfterDays)
		w.Raw(` days ago. Check that it still matches what customers go through today, then update <code>updated</code>.</p>`)
	}
	w.Raw("\n</div>")
}

// writeAboutMap writes the map's details: who owns it, when it was
// updated, what it belongs to and improves on, and its downloads.
func (p Dot) writeAboutMap(w *markup.Writer) {
	j := p.Journey
	w.Raw(`<details class="about-map">
  <summary>About this map<span class="muted">`)
	if j.Owner != "" {
		w.Raw(` · `)
		w.Text(j.Owner)
	}
	if !j.Updated.IsZero() {
		w.Raw(` · updated <time datetime="`)
		w.Attr(j.Updated.Format(isoDateLayout))
		w.Raw(`">`)
		w.Text(j.Updated.Format(shortDateLayout))
		w.Raw(`</time>`)
	}
	if j.Version != "" {
		w.Raw(` · version `)
		w.Text(j.Version)
	}
	w.Raw(` · details and downloads</span></summary>
  <dl class="meta">`)
	if j.Goal != "" {
		w.Raw(`<div><dt>Customer goal</dt><dd>`)
		w.Text(j.Goal)
		w.Raw(`</dd></div>`)
	}
	if j.Scenario != "" {
		w.Raw(`<div><dt>Scenario</dt><dd>`)
		w.Text(j.Scenario)
		w.Raw(`</dd></div>`)
	}
	if len(j.Personas) > 0 {
		w.Raw(`<div><dt>Personas</dt><dd>`)
		for i, pe := range j.Personas {
			if i > 0 {
				w.Raw(`, `)
			}
			w.Raw(`<a href="`)
			w.URL(p.Rel(pe.URL()))
			w.Raw(`">`)
			w.Text(pe.Name)
			w.Raw(`</a>`)
		}
		w.Raw(`</dd></div>`)
	}
	if j.Owner != "" {
		w.Raw(`<div><dt>Owner</dt><dd>`)
		w.Text(j.Owner)
		w.Raw(`</dd></div>`)
	}
	if !j.Updated.IsZero() {
		w.Raw(`<div><dt>Updated</dt><dd><time datetime="`)
		w.Attr(j.Updated.Format(isoDateLayout))
		w.Raw(`">`)
		w.Text(j.Updated.Format(dateLayout))
		w.Raw(`</time></dd></div>`)
	}
	if j.Version != "" {
		w.Raw(`<div><dt>Version</dt><dd>`)
		w.Text(j.Version)
		w.Raw(`</dd></div>`)
	}
	if j.Parent != nil {
		w.Raw(`<div><dt>Part of</dt><dd>`)
		p.writeJourneyLink(w, j.Parent)
		w.Raw(`</dd></div>`)
	}
	if len(j.Children) > 0 {
		w.Raw(`<div><dt>Sub-journeys</dt><dd>`)
		p.writeJourneyLinks(w, j.Children)
		w.Raw(`</dd></div>`)
	}
	if j.Current != nil {
		w.Raw(`<div><dt>Improves on</dt><dd>`)
		p.writeJourneyLink(w, j.Current)
		w.Raw(` <span class="muted">(today)</span></dd></div>`)
	}
	if len(j.Futures) > 0 {
		w.Raw(`<div><dt>Future state</dt><dd>`)
		p.writeJourneyLinks(w, j.Futures)
		w.Raw(`</dd></div>`)
	}
	if len(j.Tags) > 0 {
		w.Raw(`<div><dt>Tags</dt><dd>`)
		for _, t := range j.Tags {
			w.Raw(`<span class="tag">`)
			w.Text(t)
			w.Raw(`</span> `)
		}
		w.Raw(`</dd></div>`)
	}
	w.Raw("\n  </dl>\n  <p class=\"page-actions\">")
	if p.HasMap() {
		w.Raw(`<a href="map.svg" download>Download the map as SVG</a> <span class="muted">for slides</span> · `)
	}
	w.Raw(`<a href="map.mmd" download>Download as a Mermaid diagram</a> <span class="muted">for READMEs and wikis</span></p>
  `)
	writeEdit(w, p.EditURL(j.File))
	w.Raw("\n</details>")
}

// writeJourneyLink writes a link to journey j's page, by its title.
func (p Dot) writeJourneyLink(w *markup.Writer, j *content.Journey) {
	w.Raw(`<a href="`)
	w.URL(p.Rel(j.URL()))
	w.Raw(`">`)
	w.Text(j.Title)
	w.Raw(`</a>`)
}

// writeJourneyLinks writes links to the pages of js, by their titles,
// separated by commas.
func (p Dot) writeJourneyLinks(w *markup.Writer, js []*content.Journey) {
	for i, j := range js {
		if i > 0 {
			w.Raw(`, `)
		}
		p.writeJourneyLink(w, j)
	}
}
