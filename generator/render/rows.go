package render

import (
	"html/template"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// The list pages' rows and the pieces around them, written in Go: the
// index's journey and persona cards, a channel's touchpoints by journey,
// the journey × channel rows of /channels/, a persona's journey cards,
// the channel ranking, the pager and the avatar. They are the default
// theme's; a theme that wants other rows writes its own markup over the
// same page data, through CachedEach to keep them between rebuilds.
//
// A list page shows every journey of the site, so its rows were most of
// a big build's template work: html/template runs its escapers through
// reflection for every value. rows_test.go holds each method to golden
// files of every list page of the test sites.

// The slots the rows are kept in between rebuilds, per page (see
// fragmentSlot): apart from the partials' names, under which CachedEach
// keeps a theme's own rows.
const (
	journeyCardSlot    = "rows:journey-card"
	channelJourneySlot = "rows:channel-journey"
	summaryRowSlot     = "rows:channels-row"
	personaJourneySlot = "rows:persona-journey"
)

// writeRows writes each journey's row with write(i), or the copy kept
// from an earlier render of this page. As with CachedEach, a row is kept
// per page, since its links are relative to the page, and dropped when a
// file its journey's page depends on changes (Renderer.Forget); so a
// rebuild after one save writes one row again, not thousands.
func (p Dot) writeRows(w *markup.Writer, slot string, journeys []*content.Journey, write func(i int)) {
	if !p.r.KeepFragments {
		for i := range journeys {
			write(i)
		}
		return
	}
	slot = fragmentSlot(slot, p.URL)
	kept, found := p.r.fragments.GetAll(slot, journeys)
	for i, j := range journeys {
		if found[i] {
			w.HTML(kept[i])
			continue
		}
		start := w.Len()
		write(i)
		p.r.fragments.Put(slot, j, w.Since(start))
	}
}

// JourneyCards is the index's list of journeys, this page's part of it:
// each journey's card, as the journey-card partial wrote it.
func (p Dot) JourneyCards() template.HTML {
	if p.Pager == nil {
		return ""
	}
	journeys, _ := p.Pager.Items.([]*content.Journey)
	var w markup.Writer
	w.Grow(len(journeys) * 2048)
	p.writeRows(&w, journeyCardSlot, journeys, func(i int) { p.writeJourneyCard(&w, journeys[i]) })
	return w.Result()
}

func (p Dot) writeJourneyCard(w *markup.Writer, j *content.Journey) {
	card := p.Card(j)
	w.Raw(`<li class="card journey-card">` + "\n" + `      <h3><a href="`)
	w.URL(p.Rel(j.URL()))
	w.Raw(`">`)
	w.Text(j.Title)
	w.Raw(`</a></h3>` + "\n" + `      <p class="badges">`)
	writeBadges(w, j)
	if card.Stale {
		w.Raw(` <span class="badge stale">Out of date</span>`)
	}
	w.Raw(`</p>`)
	if parent := j.Parent; parent != nil {
		w.Raw("\n" + `      <p class="muted">Sub-journey of <a href="`)
		w.URL(p.Rel(parent.URL()))
		w.Raw(`">`)
		w.Text(parent.Title)
		w.Raw(`</a></p>`)
	}
	if j.Summary != "" {
		w.Raw("\n      <p>")
		w.Text(j.Summary)
		w.Raw(`</p>`)
	}
	w.Raw("\n" + `      <div class="card-curve">`)
	writeSparkline(w, card.Line)
	w.Raw(`<span class="muted">`)
	w.Text(card.Stages)
	w.Raw(` · `)
	w.Text(card.Touchpoints)
	w.Raw(`</span></div>`)
	if c := card.Coverage; c.Stages != 0 {
		w.Raw("\n" + `      <p class="coverage" data-coverage="`)
		w.Int(c.Backed)
		w.Raw(`/`)
		w.Int(c.Stages)
		w.Raw(`">`)
		w.Text(c.String())
		w.Raw(`</p>`)
	}
	if len(j.Personas) > 0 {
		w.Raw("\n" + `      <p class="card-personas"><span class="visually-hidden">Personas: </span>`)
		for i, per := range j.Personas {
			if i > 0 {
				w.Raw(`, `)
			}
			w.Raw(`<a href="`)
			w.URL(p.Rel(per.URL()))
			w.Raw(`">`)
			w.Text(per.Name)
			w.Raw(`</a>`)
		}
		w.Raw(`</p>`)
	}
	w.Raw("\n    </li>\n")
}

// ChannelJourneyRows is a channel's page's table body, this page's part
// of it: each journey's touchpoints on the channel, as the
// channel-journey partial wrote them.
func (p Dot) ChannelJourneyRows() template.HTML {
	if p.Pager == nil {
		return ""
	}
	list, _ := p.Pager.Items.([]pagedata.ChannelJourney)
	journeys := make([]*content.Journey, len(list))
	size := 0
	for i := range list {
		journeys[i] = list[i].Journey
		size += 256 + 320*len(list[i].Touchpoints)
	}
	var w markup.Writer
	w.Grow(size)
	p.writeRows(&w, channelJourneySlot, journeys, func(i int) { p.writeChannelJourney(&w, list[i]) })
	return w.Result()
}

// writeChannelJourney writes a journey's rows as a tbody whose first row
// names it for the rest (scope="rowgroup"), which is all the stylesheet
// needs to set it apart, where each once carried class="group". A
// touchpoint's th, first in a row of data cells, heads its row without
// scope="row": the row is what the HTML standard's and browsers' own
// rules take it to head. Each was 12 bytes of every row of a channel's
// page.
//
// The journey's name is not a link: each row links its stage, in the
// journey, and a link to the journey over those repeated its address
// in every group, a fifth of a channel's page.
func (p Dot) writeChannelJourney(w *markup.Writer, cj pagedata.ChannelJourney) {
	j := cj.Journey
	href := p.Rel(j.URL())
	w.Raw(`<tbody>` + "\n" + `<tr><th scope="rowgroup" colspan="4">`)
	w.Text(j.Title)
	if cj.Apart != "" {
		w.Raw(` `)
		writeApart(w, cj.Apart)
	}
	w.Raw(`</th></tr>`)
	for _, tp := range cj.Touchpoints {
		w.Raw("\n" + `<tr><th>`)
		w.Text(tp.Name)
		if tp.MomentOfTruth {
			w.Raw(` <span class="mot-badge">★<span class="visually-hidden"> moment of truth</span></span>`)
		}
		w.Raw(`</th><td><a href="`)
		if tp.Stage.Journey == j {
			w.URL(href)
		} else {
			w.URL(p.Rel(tp.Stage.Journey.URL()))
		}
		w.Raw(`#stage-`)
		w.URLQuery(tp.Stage.ID)
		w.Raw(`">`)
		w.Text(tp.Stage.Name)
		w.Raw(`</a></td><td>`)
		writeEmotion(w, tp.Emotion)
		w.Raw(`</td><td>`)
		w.Text(tp.Owner)
		w.Raw(`</td></tr>`)
	}
	w.Raw("\n</tbody>\n")
}

// SummaryRows is /channels/'s table body, this page's part of it: each
// journey's row of touchpoints per channel, as the channels-row partial
// wrote it.
func (p Dot) SummaryRows() template.HTML {
	if p.Pager == nil {
		return ""
	}
	list, _ := p.Pager.Items.([]pagedata.SummaryJourney)
	journeys := make([]*content.Journey, len(list))
	size := 0
	for i := range list {
		journeys[i] = list[i].Journey
		size += 256 + 160*len(list[i].Cells)
	}
	var w markup.Writer
	w.Grow(size)
	p.writeRows(&w, summaryRowSlot, journeys, func(i int) { p.writeSummaryRow(&w, list[i]) })
	return w.Result()
}

func (p Dot) writeSummaryRow(w *markup.Writer, sj pagedata.SummaryJourney) {
	w.Raw(`<tr`)
	if sj.Apart != "" {
		w.Raw(` data-apart="`)
		w.Attr(sj.Apart)
		w.Raw(`"`)
	}
	w.Raw(`><th scope="row"><a href="`)
	w.URL(p.Rel(sj.Journey.URL()))
	w.Raw(`">`)
	w.Text(sj.Journey.Title)
	w.Raw(`</a>`)
	if sj.Apart != "" {
		w.Raw(` `)
		writeApart(w, sj.Apart)
	}
	w.Raw(`</th>`)
	gap := 0
	for _, c := range sj.Cells {
		if c.Count == 0 {
			gap++
			continue
		}
		writeGap(w, gap)
		gap = 0
		writeSummaryValue(w, c)
		w.Raw(` <span class="cell-label">`)
		w.Text(c.Average.Label())
		w.Raw(`</span> <span class="count">`)
		w.Text(diag.Plural(c.Count, "touchpoint", "touchpoints"))
		w.Raw(`</span></td>`)
	}
	writeGap(w, gap)
	w.Raw("\n</tr>\n")
}

// writeSummaryValue opens a filled cell of /channels/'s table: its colour
// and its average, or a dot when none of its touchpoints is rated.
func writeSummaryValue(w *markup.Writer, c pagedata.SummaryCell) {
	w.Raw(`<td class="on `)
	w.Attr(pagedata.EmotionClass(c.Average))
	w.Raw(`"><span class="value">`)
	if c.Average.Set {
		w.Text(c.Average.String())
	} else {
		w.Raw(`●`)
	}
	w.Raw(`</span>`)
}

// SummaryChannelHeads are the column heads of /channels/'s table: each
// channel, linked to its page, with its kind.
func (p Dot) SummaryChannelHeads() template.HTML {
	if p.Summary == nil {
		return ""
	}
	var w markup.Writer
	w.Grow(len(p.Summary.Channels) * 192)
	channels := p.Rel("channels/")
	for _, c := range p.Summary.Channels {
		w.Raw(`<th scope="col"><a href="`)
		w.URL(channels)
		w.URLPath(c.ID)
		w.Raw(`/">`)
		w.Text(c.Name)
		w.Raw(`</a>`)
		if c.Kind != "" {
			w.Raw(` <span class="kind-name">`)
			writeKindIcon(&w, c.Kind)
			w.Text(c.Kind)
			w.Raw(`</span>`)
		}
		w.Raw(`</th>`)
	}
	return w.Result()
}

// SummaryTotalCells are the totals row's cells of /channels/'s table,
// one per channel: its touchpoints on the maps the figures count.
func (p Dot) SummaryTotalCells() template.HTML {
	if p.Summary == nil {
		return ""
	}
	var w markup.Writer
	w.Grow(len(p.Summary.Totals) * 128)
	for _, c := range p.Summary.Totals {
		if c.Count == 0 {
			w.Raw(`<td></td>`)
			continue
		}
		writeSummaryValue(&w, c)
		w.Raw(` <span class="count">`)
		w.Text(diag.Plural(c.Count, "touchpoint", "touchpoints"))
		w.Raw(`</span></td>`)
	}
	return w.Result()
}

// PersonaJourneyCards is a persona's page's cards of journeys (one of
// its groups: .PersonaJourneys.Counted, .Planned or .Drafts), as the
// persona-journey partial wrote them, each after a line break.
func (p Dot) PersonaJourneyCards(list []pagedata.PersonaJourney) template.HTML {
	journeys := make([]*content.Journey, len(list))
	for i := range list {
		journeys[i] = list[i].Journey
	}
	var w markup.Writer
	w.Grow(len(list) * 1536)
	p.writeRows(&w, personaJourneySlot, journeys, func(i int) { writePersonaJourney(&w, &list[i]) })
	return w.Result()
}

func writePersonaJourney(w *markup.Writer, pj *pagedata.PersonaJourney) {
	w.Raw("\n" + `    <li class="card journey-card">` + "\n" + `      <h3><a href="`)
	w.URL(pj.Href)
	w.Raw(`">`)
	w.Text(pj.Journey.Title)
	w.Raw(`</a></h3>` + "\n" + `      <p class="badges">`)
	writeBadges(w, pj.Journey)
	w.Raw(`</p>` + "\n" + `      <div class="card-curve">`)
	writeSparkline(w, pj.Line)
	w.Raw(`<span class="muted">`)
	w.Text(pj.Stages)
	if pj.OwnCurve {
		w.Raw(` · `)
		w.Text(pj.Persona.Name)
		w.Raw(`’s own curve`)
	}
	w.Raw(`</span></div>`)
	if len(pj.PainPoints) > 0 {
		if pj.Planned {
			w.Raw("\n      <h4>Pain points still expected</h4>")
		} else {
			w.Raw("\n      <h4>Pain points met</h4>")
		}
		w.Raw("\n" + `      <ul class="plain pains">`)
		for _, pp := range pj.PainPoints {
			w.Raw(`<li>`)
			w.Text(pp.Text)
			w.Raw(` <small>· `)
			w.Text(pp.Stage.Name)
			w.Raw(`</small></li>`)
		}
		if pj.MorePainPoints > 0 {
			w.Raw(`<li class="muted"><a href="`)
			w.URL(pj.Href)
			w.Raw(`">and `)
			w.Int(pj.MorePainPoints)
			w.Raw(` more</a></li>`)
		}
		w.Raw(`</ul>`)
	}
	w.Raw("\n    </li>")
}

// PersonaCards is the index's list of personas: each persona's card,
// with how many maps it is in, each after a line break.
func (p Dot) PersonaCards() template.HTML {
	var w markup.Writer
	w.Grow(len(p.Site.Personas) * 384)
	for _, per := range p.Site.Personas {
		w.Raw("\n" + `    <li class="card persona-card">` + "\n      ")
		p.writeAvatar(&w, per, false)
		w.Raw("\n      <div>\n" + `        <h3><a href="`)
		w.URL(p.Rel(per.URL()))
		w.Raw(`">`)
		w.Text(per.Name)
		w.Raw(`</a></h3>`)
		if per.Role != "" {
			w.Raw(`<p class="muted">`)
			w.Text(per.Role)
			w.Raw(`</p>`)
		}
		g := pagedata.GroupJourneys(per.Journeys)
		w.Raw("\n" + `        <p class="muted">`)
		w.Text(diag.Plural(len(g.Counted), "journey", "journeys"))
		if len(g.Planned) > 0 {
			w.Raw(`, `)
			w.Int(len(g.Planned))
			w.Raw(` planned`)
		}
		if len(g.Drafts) > 0 {
			w.Raw(`, `)
			w.Text(diag.Plural(len(g.Drafts), "draft", "drafts"))
		}
		w.Raw("</p>\n      </div>\n    </li>")
	}
	return w.Result()
}

// Avatar is a persona's photo, or their initials without one; large on
// the persona's own page.
func (p Dot) Avatar(per *content.Persona, large bool) template.HTML {
	var w markup.Writer
	p.writeAvatar(&w, per, large)
	return w.Result()
}

func (p Dot) writeAvatar(w *markup.Writer, per *content.Persona, large bool) {
	if per.Photo == "" {
		w.Raw(`<span class="avatar initials`)
		if large {
			w.Raw(` large`)
		}
		w.Raw(`" aria-hidden="true">`)
		w.Text(initials(per.Name))
		w.Raw(`</span>`)
		return
	}
	w.Raw(`<img class="avatar`)
	if large {
		w.Raw(` large`)
	}
	w.Raw(`" src="`)
	w.URL(p.Link(per.Photo))
	if large {
		w.Raw(`" alt="" width="96" height="96">`)
	} else {
		w.Raw(`" alt="" width="56" height="56">`)
	}
}

// ChannelRanking is every channel, most painful first, as a table with
// what the ranking counts in its caption.
func (p Dot) ChannelRanking() template.HTML {
	ranked := p.ChannelsByPain()
	var w markup.Writer
	w.Grow(1024 + len(ranked)*384)
	w.Raw(`<div class="table-scroll" tabindex="0" role="region" aria-label="Channels, most painful first">
<table class="data" data-channel-ranking>
  <caption>Most painful first: by average emotion, weighed by how many ratings back it (each channel counts as if it had two more neutral ratings, so one touchpoint at −2 ranks after six at −1); channels without ratings last. Current-state maps only: future-state (planned) and draft maps are left out.</caption>
  <thead><tr><th scope="col">Channel</th><th scope="col">Kind</th><th scope="col" class="num">Touchpoints</th><th scope="col">Average emotion</th></tr></thead>
  <tbody>`)
	channels := p.Rel("channels/")
	for _, u := range ranked {
		w.Raw("\n" + `    <tr data-channel="`)
		w.Attr(u.Channel.ID)
		w.Raw(`"><th scope="row"><a href="`)
		w.URL(channels)
		w.URLPath(u.Channel.ID)
		w.Raw(`/">`)
		w.Text(u.Channel.Name)
		w.Raw(`</a></th><td>`)
		writeKind(&w, u.Channel.Kind)
		w.Raw(`</td><td class="num">`)
		w.Int(u.Count)
		w.Raw(`</td><td>`)
		if u.Average.Set {
			writeEmotion(&w, u.Average)
		} else {
			w.Raw(`<span class="muted">not rated</span>`)
		}
		w.Raw(`</td></tr>`)
	}
	w.Raw("\n  </tbody>\n</table>\n</div>")
	return w.Result()
}

// PagerNav links to the other pages of the page's list, when it has any,
// after a line break.
func (p Dot) PagerNav() template.HTML {
	pg := p.Pager
	if pg == nil || !pg.Paged() {
		return ""
	}
	var w markup.Writer
	w.Grow(1024)
	w.Raw("\n" + `<nav class="pager" aria-label="Pages of this list">` + "\n  <ul>\n" + `    <li class="pager-prev">`)
	if prev := pg.Prev(); prev != nil {
		w.Raw(`<a href="`)
		w.URL(p.Rel(prev.URL))
		w.Raw(`" rel="prev">← Previous<span class="visually-hidden"> page</span></a>`)
	}
	w.Raw(`</li>`)
	for _, l := range pg.Links() {
		w.Raw("\n    <li>")
		switch {
		case l.Current:
			w.Raw(`<span class="current" aria-current="page"><span class="visually-hidden">Page </span>`)
			w.Int(l.Number)
			w.Raw(`</span>`)
		case l.Number != 0:
			w.Raw(`<a href="`)
			w.URL(p.Rel(l.URL))
			w.Raw(`"><span class="visually-hidden">Page </span>`)
			w.Int(l.Number)
			w.Raw(`</a>`)
		default:
			w.Raw(`<span class="gap" aria-hidden="true">…</span>`)
		}
		w.Raw(`</li>`)
	}
	w.Raw("\n" + `    <li class="pager-next">`)
	if next := pg.Next(); next != nil {
		w.Raw(`<a href="`)
		w.URL(p.Rel(next.URL))
		w.Raw(`" rel="next">Next<span class="visually-hidden"> page</span> →</a>`)
	}
	w.Raw("</li>\n  </ul>\n</nav>")
	return w.Result()
}
