package render

import (
	"html/template"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// JourneyDetails is what a journey's page shows under its map in the
// default theme (its layout places it as {{$.JourneyDetails}}): the
// comparison of a future state with today's map, each stage in detail,
// the narrative, and the touchpoint × channel matrix.
//
// It is written in Go for speed (see package markup): it is the markup
// the layout had, byte for byte, and journey_test.go holds it to
// that. A theme that wants other details writes its own layout markup
// over the same page data.
func (p Dot) JourneyDetails() template.HTML {
	j := p.Journey
	var w markup.Writer
	w.Grow(p.detailsSize())
	if p.Compare != nil {
		p.writeComparison(&w)
	}
	p.writeStagePanels(&w)
	if j.Narrative != "" {
		w.Raw(`
<section class="narrative wrap" aria-labelledby="narrative-title">
  <h2 id="narrative-title">Narrative</h2>
  <div class="prose">`)
		w.HTML(j.Narrative)
		w.Raw("</div>\n</section>")
	}
	if p.Matrix != nil && len(p.Matrix.Groups) > 0 {
		w.Raw(`
<section class="journey-matrix wrap" aria-labelledby="matrix-title">
  <h2 id="matrix-title">Touchpoints × channels</h2>
  `)
		p.writeMatrix(&w)
		w.Raw("\n</section>")
	}
	return w.Result()
}

// detailsSize is a cheap estimate of JourneyDetails' length, to size its
// buffer once: the fixed markup, the text it places, and a share of
// markup per stage, touchpoint and matrix cell.
func (p Dot) detailsSize() int {
	j := p.Journey
	n := 512 + len(j.Narrative)
	for _, s := range j.Stages {
		n += 320 + len(s.Name) + len(s.Description) + len(s.Notes)
		for _, t := range s.Touchpoints {
			n += 2*len(t.Name) + len(t.Description) + len(t.Owner)
		}
		for _, e := range s.Evidence {
			n += 64 + len(e.Quote) + len(e.Title) + len(e.URL)
		}
	}
	if m := p.Matrix; m != nil && len(m.Groups) > 0 {
		n += 1280 + 128*len(m.Channels)
		for _, g := range m.Groups {
			n += 96 + len(g.Rows)*(96+48*len(m.Channels))
		}
	}
	if c := p.Compare; c != nil {
		n += 1024 + 192*len(c.Improved) + 96*len(c.Dropped)
	}
	return n
}

// writeComparison writes how a future state compares with today's map:
// the pain points it resolves and opportunities it takes up, stage by
// stage, and the stages of today's map it leaves out.
func (p Dot) writeComparison(w *markup.Writer) {
	c := p.Compare
	w.Raw(`
<section class="comparison wrap" aria-labelledby="compare-title">
  <h2 id="compare-title">Against today's map</h2>
  <p>This map improves on <a href="`)
	w.URL(p.Rel(c.Current.URL()))
	w.Raw(`">`)
	w.Text(c.Current.Title)
	w.Raw(`</a>, the map of the journey as it is today. Stages are matched by id: the curve shows today's line dashed under this one, and the row <em>Change from today</em> gives the difference per stage.</p>`)
	if len(c.Improved) > 0 {
		w.Raw(`
  <div class="table-scroll" tabindex="0" role="region" aria-label="What this map changes, stage by stage">
  <table class="data compare-table">
    <caption class="visually-hidden">Pain points resolved and opportunities taken up, by stage</caption>
    <thead><tr><th scope="col">Stage</th><th scope="col">Pain points it resolves</th><th scope="col">Opportunities it takes up</th></tr></thead>
    <tbody>`)
		for _, ch := range c.Improved {
			w.Raw("\n      <tr><th scope=\"row\"><a href=\"#stage-")
			w.URLQuery(ch.Stage.ID)
			w.Raw(`">`)
			w.Text(ch.Stage.Name)
			w.Raw(`</a></th><td class="pains">`)
			writeList(w, ch.Resolved)
			w.Raw(`</td><td class="opportunities">`)
			writeList(w, ch.TakenUp)
			w.Raw(`</td></tr>`)
		}
		w.Raw(`
    </tbody>
  </table>
  </div>`)
	} else {
		w.Raw("\n  <p class=\"empty\">No pain point of today's map is resolved here, and no opportunity taken up: every one is still listed.</p>")
	}
	if len(c.Dropped) > 0 {
		today := p.Rel(c.Current.URL())
		w.Raw("\n  <p>Stages of today's map this one leaves out: ")
		for i, s := range c.Dropped {
			if i > 0 {
				w.Raw(`, `)
			}
			w.Raw(`<a href="`)
			w.URL(today)
			w.Raw(`#stage-`)
			w.URLQuery(s.ID)
			w.Raw(`">`)
			w.Text(s.Name)
			w.Raw(`</a>`)
		}
		w.Raw(`.</p>`)
	}
	w.Raw(`
  <p class="muted">A pain point counts as resolved, and an opportunity as taken up, when today's stage lists it and this map's stage of the same id no longer does.</p>
</section>`)
}

// writeStagePanels writes each stage in detail: what the map above does
// not show (a stage's description, what its touchpoints are and who owns
// them, the research's quotes and sources, the notes). The lanes are not
// repeated: a panel's heading is the stage's number and name, without
// the evidence and moment of truth its head on the map shows, and its
// parts are named by the stylesheet (.touchpoint-details, .evidence-cards).
func (p Dot) writeStagePanels(w *markup.Writer) {
	w.Raw(`

<section class="stage-details wrap" aria-labelledby="details-title">
  <h2 id="details-title">Stages in detail</h2>`)
	for i, s := range p.Journey.Stages {
		if s.MomentOfTruth {
			w.Raw("\n<section class=\"stage-panel mot\" id=\"stage-panel-")
		} else {
			w.Raw("\n<section class=\"stage-panel\" id=\"stage-panel-")
		}
		w.Attr(s.ID)
		w.Raw(`" data-stage-panel="`)
		w.Attr(s.ID)
		w.Raw(`" aria-label="`)
		w.Attr(s.Name)
		w.Raw(`"><h3><span class="stage-num">`)
		w.Int(i + 1)
		w.Raw(`</span> `)
		w.Text(s.Name)
		w.Raw(`</h3>`)
		if s.Description != "" {
			w.Raw(`<p class="lede">`)
			w.Text(s.Description)
			w.Raw(`</p>`)
		}
		detailed := writeTouchpointDetails(w, s.Touchpoints)
		sourced := writeEvidenceCards(w, s.Evidence)
		if s.Notes != "" {
			w.Raw(`<div class="notes prose">`)
			w.HTML(s.Notes)
			w.Raw(`</div>`)
		} else if s.Description == "" && !detailed && !sourced {
			w.Raw(`<p class="muted">The map above shows everything written about this stage.</p>`)
		}
		w.Raw(`</section>`)
	}
	w.Raw("\n</section>")
}

// writeTouchpointDetails writes what a stage's panel adds about its
// touchpoints (pagedata.Detailed), and reports whether there was any.
func writeTouchpointDetails(w *markup.Writer, tps []*content.Touchpoint) bool {
	wrote := false
	for _, t := range tps {
		if !pagedata.Detailed(t) {
			continue
		}
		if !wrote {
			w.Raw(`<dl class="touchpoint-details">`)
			wrote = true
		}
		w.Raw(`<div><dt>`)
		w.Text(t.Name)
		w.Raw(`</dt>`)
		if t.Description != "" {
			w.Raw(`<dd>`)
			w.Text(t.Description)
			w.Raw(`</dd>`)
		}
		if t.Owner != "" {
			w.Raw(`<dd class="owner">`)
			w.Text(t.Owner)
			w.Raw(`</dd>`)
		}
		w.Raw(`</div>`)
	}
	if wrote {
		w.Raw(`</dl>`)
	}
	return wrote
}

// writeEvidenceCards writes the evidence a stage's panel shows
// (pagedata.Sourced): its quote, and its source by title, linked when it
// has a URL; its kind and n are on the map. It reports whether there was
// any.
func writeEvidenceCards(w *markup.Writer, ev []*content.Evidence) bool {
	wrote := false
	for _, e := range ev {
		if !pagedata.Sourced(e) {
			continue
		}
		if !wrote {
			w.Raw(`<ul class="evidence-cards">`)
			wrote = true
		}
		w.Raw(`<li>`)
		if e.Quote != "" {
			w.Raw(`<blockquote>`)
			w.Text(e.Quote)
			w.Raw(`</blockquote>`)
		}
		if e.URL != "" {
			w.Raw(`<a href="`)
			w.URL(e.URL)
			w.Raw(`">`)
		}
		if e.Title != "" {
			w.Text(e.Title)
		} else {
			w.Text(titleOf(e.Kind))
		}
		if e.URL != "" {
			w.Raw(`</a>`)
		}
		w.Raw(`</li>`)
	}
	if wrote {
		w.Raw(`</ul>`)
	}
	return wrote
}

// writeMatrix is the "matrix" partial: the journey's touchpoints by
// channel, rows grouped by stage.
func (p Dot) writeMatrix(w *markup.Writer) {
	m := p.Matrix
	w.Raw(`
<div class="table-scroll" tabindex="0" role="region" aria-label="Touchpoint by channel matrix">
<table class="matrix" data-matrix>
<caption>Each filled cell is a touchpoint on that channel, with how it feels; an empty cell means the touchpoint does not use that channel. <span class="muted">A value in italics is the stage's, as the touchpoint has none of its own.</span></caption>
<thead>
<tr><th class="corner">Touchpoint</th>`)
	// A column's kind is its class: the stylesheet draws its icon and
	// writes its name (--kind-name), once rather than in every column.
	// Its data-channel is what the script makes the channel filter's
	// buttons from, and marks each row with (data-channels), from the
	// columns of its filled cells.
	channels := p.Rel("channels/")
	for _, c := range m.Channels {
		if c.Kind != "" {
			w.Raw(`<th class="k-`)
			w.Attr(c.Kind)
			w.Raw(`" data-channel="`)
		} else {
			w.Raw(`<th data-channel="`)
		}
		w.Attr(c.ID)
		w.Raw(`"><a href="`)
		w.URL(channels)
		w.URLPath(c.ID)
		w.Raw(`/">`)
		w.Text(c.Name)
		w.Raw(`</a></th>`)
	}
	w.Raw("</tr>\n</thead>")
	for _, g := range m.Groups {
		w.Raw("\n<tbody>\n<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"")
		w.Int(len(m.Channels) + 1)
		w.Raw(`">`)
		w.Text(g.Stage.Name)
		w.Raw(`</th></tr>`)
		for _, r := range g.Rows {
			w.Raw("\n<tr><th scope=\"row\">")
			w.Text(r.Touchpoint.Name)
			if r.Touchpoint.MomentOfTruth {
				w.Raw(` <span class="mot-badge" title="Moment of truth">★<span class="visually-hidden"> moment of truth</span></span>`)
			}
			w.Raw(`</th>`)
			// A run of empty cells is one cell spanning them: it has
			// nothing to say, and the filled cells stand out the more.
			gap := 0
			for _, c := range r.Cells {
				if !c.On {
					gap++
					continue
				}
				writeGap(w, gap)
				gap = 0
				writeMatrixCell(w, c)
			}
			writeGap(w, gap)
			w.Raw("</tr>")
		}
		w.Raw("\n</tbody>")
	}
	w.Raw("\n</table>\n</div>\n")
	writeLegend(w)
}

// writeMatrixCell writes a filled cell of the matrix: how the touchpoint
// feels on that channel, its value and colour class (whose words the
// stylesheet gives, as for .emotion), and each persona's value for the
// persona filter.
func writeMatrixCell(w *markup.Writer, c pagedata.MatrixCell) {
	w.Raw(`<td class="on `)
	w.Attr(pagedata.EmotionClass(c.Emotion))
	if c.Inherited {
		w.Raw(` inherited`)
	}
	w.Raw(`"`)
	if c.ByPersona != "" {
		w.Raw(` data-by-persona="`)
		w.Attr(c.ByPersona)
		w.Raw(`"`)
	}
	w.Raw(`>`)
	if c.Emotion.Set {
		writeEmotionValue(w, c.Emotion)
	} else {
		w.Raw(`●`)
	}
	w.Raw(`</td>`)
}
