package render

import (
	"strings"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// The small pieces the fragments written in Go share: each is the
// partial of the same name in the default theme's partials.html, written
// with a markup.Writer, and pieces_test.go holds them to the partial's
// output byte for byte. A layout still calls the partials; the fragments
// (a journey's lanes, the slide, the rows of list pages) call these.

// writeList is the "list" partial: a []string as a plain list, or
// nothing.
func writeList(w *markup.Writer, items []string) {
	if len(items) == 0 {
		return
	}
	w.Raw(`<ul class="plain">`)
	for _, s := range items {
		w.Raw(`<li>`)
		w.Text(s)
		w.Raw(`</li>`)
	}
	w.Raw(`</ul>`)
}

// writeEmotion is the "emotion" partial: a rating as its value and its
// colour class, whose words ("very negative") the stylesheet gives it
// (--emo-label), once for every page rather than in every rating.
func writeEmotion(w *markup.Writer, e content.Emotion) {
	if !e.Set {
		return
	}
	w.Raw(`<span class="emotion `)
	w.Attr(pagedata.EmotionClass(e))
	w.Raw(`">`)
	w.Text(e.String())
	w.Raw(`</span>`)
}

// writeEmotionValue writes a rating's value ("+0.5", "-1"), its sign as
// it is: the escaper's &#43; for a plus is four bytes more in every
// value of a page, for a character that is safe as it is.
func writeEmotionValue(w *markup.Writer, e content.Emotion) {
	s := e.String()
	if strings.HasPrefix(s, "+") {
		w.Raw("+")
		s = s[1:]
	}
	w.Text(s)
}

// writeChannels writes each channel as a chip, in a touchpoint's
// .tp-channels: its class is its kind, whose icon and name the
// stylesheet gives it (a chip is a chip by where it is, not by a class
// on each).
func writeChannels(w *markup.Writer, cs []*config.Channel) {
	for _, c := range cs {
		if c.Kind != "" {
			w.Raw(`<span class="k-`)
			w.Attr(c.Kind)
			w.Raw(`">`)
		} else {
			w.Raw(`<span>`)
		}
		w.Text(c.Name)
		w.Raw(`</span> `)
	}
}

// writeKind is the "kind" partial: a channel kind as a named chip.
func writeKind(w *markup.Writer, kind string) {
	if kind == "" {
		return
	}
	w.Raw(`<span class="chip kind k-`)
	w.Attr(kind)
	w.Raw(` named">`)
	w.Text(titleOf(kind))
	w.Raw(`</span>`)
}

// writeKindIcon is the "kind-icon" partial: a channel kind's icon.
func writeKindIcon(w *markup.Writer, kind string) {
	if kind == "" {
		return
	}
	w.Raw(`<span class="kind-icon k-`)
	w.Attr(kind)
	w.Raw(`"></span>`)
}

// writeBadges is the "badges" partial: a journey's state, status and
// type.
func writeBadges(w *markup.Writer, j *content.Journey) {
	w.Raw(`<span class="badge state-`)
	w.Attr(j.State)
	if j.State == "future" {
		w.Raw(`">Future state</span>`)
	} else {
		w.Raw(`">Current state</span>`)
	}
	if j.Status != "published" {
		w.Raw(` <span class="badge status-`)
		w.Attr(j.Status)
		w.Raw(`">`)
		w.Text(titleOf(j.Status))
		w.Raw(`</span>`)
	}
	if j.Type != "" {
		w.Raw(` <span class="badge type">`)
		w.Text(titleOf(j.Type))
		w.Raw(`</span>`)
	}
}

// writeApart is the "apart" partial: why a roll-up leaves a journey out.
func writeApart(w *markup.Writer, apart string) {
	switch apart {
	case "planned":
		w.Raw(`<span class="badge state-future">Planned: not counted</span>`)
	case "draft":
		w.Raw(`<span class="badge status-draft">Draft: not counted</span>`)
	}
}

// writeSparkline is the "sparkline" partial: a card's small emotion
// line.
func writeSparkline(w *markup.Writer, l *pagedata.CardLine) {
	w.Raw(`<svg class="sparkline" viewBox="0 0 `)
	w.Attr(l.Width)
	w.Raw(` `)
	w.Attr(l.Height)
	w.Raw(`" width="`)
	w.Attr(l.Width)
	w.Raw(`" height="`)
	w.Attr(l.Height)
	w.Raw(`" aria-hidden="true">`)
	if l.Neutral != "" {
		w.Raw(`<line class="level neutral" x1="0" x2="`)
		w.Attr(l.Width)
		w.Raw(`" y1="`)
		w.Attr(l.Neutral)
		w.Raw(`" y2="`)
		w.Attr(l.Neutral)
		w.Raw(`"/>`)
	}
	w.Raw(`<path class="curve-line" d="`)
	w.Attr(l.Path)
	w.Raw(`"/>`)
	for _, p := range l.Points {
		w.Raw(`<circle class="`)
		w.Attr(p.Class)
		w.Raw(`" cx="`)
		w.Attr(p.X)
		w.Raw(`" cy="`)
		w.Attr(p.Y)
		w.Raw(`" r="2.5"/>`)
	}
	w.Raw(`</svg>`)
}

// writeLegendMarker is a persona's marker, as in a curve's legend.
func writeLegendMarker(w *markup.Writer, tone int, legend string) {
	w.Raw(`<svg class="legend-marker tone-`)
	w.Int(tone)
	w.Raw(`" viewBox="-9 -9 18 18" aria-hidden="true"><path d="`)
	w.Attr(legend)
	w.Raw(`"/></svg>`)
}

// writePersonaEmotions is the "persona-emotions" partial: how each
// persona feels at a stage or touchpoint.
func writePersonaEmotions(w *markup.Writer, feelings []pagedata.PersonaFeeling) {
	w.Raw(`<ul class="persona-emotions">`)
	for _, f := range feelings {
		w.Raw("\n" + `<li data-persona="`)
		w.Attr(f.Persona.Slug)
		w.Raw(`">`)
		writeLegendMarker(w, f.Tone, f.Legend)
		w.Raw(`<span class="pe-name">`)
		w.Text(f.Persona.Name)
		w.Raw(`</span> `)
		if f.Emotion.Set {
			writeEmotion(w, f.Emotion)
		} else {
			w.Raw(`<span class="muted">not rated</span>`)
		}
		w.Raw(`</li>`)
	}
	w.Raw("\n</ul>")
}

// writeGap is the "gap" partial: a run of n empty matrix cells as one
// cell spanning them, or nothing for none.
func writeGap(w *markup.Writer, n int) {
	switch {
	case n == 1:
		w.Raw(`<td></td>`)
	case n != 0:
		w.Raw(`<td colspan="`)
		w.Int(n)
		w.Raw(`"></td>`)
	}
}

// writeLegend is the "legend" partial: the emotion scale.
func writeLegend(w *markup.Writer) {
	w.Raw(`<ul class="legend" aria-label="Emotion scale">
<li><span class="swatch emo-p2" aria-hidden="true"></span>+2 very positive</li>
<li><span class="swatch emo-p1" aria-hidden="true"></span>+1 positive</li>
<li><span class="swatch emo-0" aria-hidden="true"></span>0 neutral</li>
<li><span class="swatch emo-n1" aria-hidden="true"></span>−1 negative</li>
<li><span class="swatch emo-n2" aria-hidden="true"></span>−2 very negative</li>
</ul>`)
}

// writeEdit is the "edit" partial: the "Edit this page" link to url
// (Page.EditURL), or nothing when the site has none.
func writeEdit(w *markup.Writer, url string) {
	if url == "" {
		return
	}
	w.Raw(`<p class="edit-link"><a href="`)
	w.URL(url)
	w.Raw(`">Edit this page</a></p>`)
}

// writeStageEvidence writes what research backs a stage, as its
// heading says it (pagedata's StageEvidence), or that it is assumed.
func writeStageEvidence(w *markup.Writer, evidence string) {
	if evidence == "" {
		w.Raw(` <span class="stage-evidence assumed">Assumed: no research</span>`)
		return
	}
	w.Raw(` <span class="stage-evidence">`)
	w.Text(evidence)
	w.Raw(`</span>`)
}

// writeChannelIDs writes the ids of cs separated by spaces, as the
// layouts' channelIDs does, in an attribute.
func writeChannelIDs(w *markup.Writer, cs []*config.Channel) {
	for i, c := range cs {
		if i > 0 {
			w.Raw(` `)
		}
		w.Attr(c.ID)
	}
}

// writeNum writes a coordinate as the layouts' num does. The number is
// formatted on the stack: a curve has hundreds.
func writeNum(w *markup.Writer, f float64) {
	var b [32]byte
	w.Attr(string(pagedata.AppendNum(b[:0], f)))
}
