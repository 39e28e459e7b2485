package render

import (
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// The emotion curve of a journey page's map, the first lane of
// Timeline: the "curve", "curve-series", "curve-evidence" and
// "curve-legend" partials of the default theme, written with a
// markup.Writer. Where each value goes was worked out in pagedata
// (curve.go); these only place it.

// writeCurve is the "curve" partial: the fluid SVG of a journey's
// curve, with its guides, its line or one line per persona, today's
// line under a future state, touchpoint marks and the lowest point's
// ring.
func writeCurve(w *markup.Writer, c *pagedata.Curve) {
	w.Raw(`<svg class="curve`)
	if len(c.Series) > 0 {
		w.Raw(` multi`)
	}
	if c.Today != nil {
		w.Raw(` compared`)
	}
	w.Raw(`" data-emotion-curve width="100%" height="`)
	writeNum(w, c.PageHeight())
	w.Raw(`" role="img" aria-label="`)
	w.Attr(c.Summary())
	w.Raw(`">`)
	for _, col := range c.Columns {
		if col.Assumed {
			w.Raw("\n" + `<rect class="assumed-band" x="`)
			w.Attr(col.Left)
			w.Raw(`" width="`)
			w.Attr(col.Width)
			w.Raw(`" height="100%"/>`)
		}
	}
	w.Raw("\n" + `<g transform="translate(0 `)
	writeNum(w, c.Room())
	w.Raw(`)">`)
	for _, l := range c.Levels {
		if l.Neutral {
			w.Raw("\n" + `<line class="level neutral" x1="0" x2="100%" y1="`)
		} else {
			w.Raw("\n" + `<line class="level" x1="0" x2="100%" y1="`)
		}
		writeNum(w, l.Y)
		w.Raw(`" y2="`)
		writeNum(w, l.Y)
		w.Raw(`"/>`)
		if l.Tick != "" {
			w.Raw(`<text class="level-label" x="3" y="`)
			writeNum(w, l.Y)
			w.Raw(`">`)
			w.Text(l.Tick)
			w.Raw(`</text>`)
		}
	}
	if c.Today != nil {
		writeCurveSeries(w, c.Today, c)
	}
	if len(c.Series) > 0 {
		for _, se := range c.Series {
			writeCurveSeries(w, se, c)
		}
	} else {
		writeCurveLine(w, c)
	}
	if wo := c.Worst; wo != nil {
		m := wo.Moment
		w.Raw("\n" + `<svg class="worst" x="`)
		w.Attr(wo.At)
		w.Raw(`">` + "\n" + `<circle class="worst-ring" data-worst`)
		writeWorstPersona(w, m.Persona)
		w.Raw(` cx="`)
		writeNum(w, wo.DX)
		w.Raw(`" cy="`)
		writeNum(w, wo.Y)
		w.Raw(`" r="`)
		writeNum(w, wo.R)
		w.Raw(`"><title>`)
		writeWorstName(w, wo)
		w.Raw(` (`)
		w.Text(m.Emotion.Label())
		w.Raw(`)`)
		if m.Persona != nil {
			w.Raw(`, for `)
			w.Text(m.Persona.Name)
		}
		w.Raw(`</title></circle>`)
		if l := wo.Label; l != nil {
			w.Raw(`<text class="value"`)
			writeWorstPersona(w, m.Persona)
			w.Raw(` x="`)
			writeNum(w, l.X)
			w.Raw(`" y="`)
			writeNum(w, l.Y)
			w.Raw(`">`)
			w.Text(m.Emotion.String())
			w.Raw(`</text>`)
		}
		w.Raw("\n</svg>")
	}
	w.Raw("\n</g>\n</svg>")
}

// writeCurveLine draws a curve of one line: the line, split where no
// research backs it, the touchpoints' own marks and the stages' points.
func writeCurveLine(w *markup.Writer, c *pagedata.Curve) {
	if c.Backed != "" || c.Assumed != "" {
		writeCurvePaths(w, c, false, 0, c.Backed, c.Assumed)
	}
	// A touchpoint's mark and a stage's point are each an svg placed at
	// their column's share of the width (x, a percentage), drawn in
	// pixels from there, and named by their title.
	for _, m := range c.Marks {
		t := m.Touchpoint
		w.Raw("\n" + `<svg class="mark `)
		w.Attr(pagedata.EmotionClass(t.Emotion))
		w.Raw(`" x="`)
		w.Attr(m.At)
		w.Raw(`"><title>`)
		w.Text(t.Name)
		w.Raw(`: `)
		writeEmotionValue(w, t.Emotion)
		w.Raw(` (`)
		w.Text(t.Emotion.Label())
		w.Raw(`), touchpoint</title><path d="M`)
		writeNum(w, m.DX)
		w.Raw(` `)
		writeNum(w, m.Y-5.5)
		w.Raw(`l5.5 5.5-5.5 5.5-5.5-5.5z"/></svg>`)
	}
	for _, pt := range c.Points {
		s := pt.Stage
		w.Raw("\n" + `<svg class="point `)
		w.Attr(pagedata.EmotionClass(s.Emotion))
		if s.MomentOfTruth {
			w.Raw(` mot`)
		}
		if len(s.Evidence) == 0 {
			w.Raw(` assumed`)
		}
		w.Raw(`" x="`)
		w.Attr(pt.At)
		w.Raw(`" data-stage-id="`)
		w.Attr(s.ID)
		w.Raw(`"><title>`)
		w.Text(s.Name)
		w.Raw(`: `)
		writeEmotionValue(w, s.Emotion)
		w.Raw(` (`)
		w.Text(s.Emotion.Label())
		w.Raw(`)`)
		if s.MomentOfTruth {
			w.Raw(`, moment of truth`)
		}
		w.Raw(`; `)
		writeCurveEvidence(w, s)
		w.Raw(`</title>`)
		if s.MomentOfTruth {
			w.Raw(`<circle class="mot-ring" cy="`)
			writeNum(w, pt.Y)
			w.Raw(`" r="13"/>`)
		}
		w.Raw(`<circle class="dot" cy="`)
		writeNum(w, pt.Y)
		w.Raw(`" r="8"/><text class="value" x="`)
		writeNum(w, pt.Label.X)
		w.Raw(`" y="`)
		writeNum(w, pt.Label.Y)
		w.Raw(`">`)
		writeEmotionValue(w, s.Emotion)
		w.Raw("</text></svg>")
	}
}

// writeCurveSeries is the "curve-series" partial: one line of a curve
// with several, a persona's or today's. Each point's value is written
// beside it, except on today's line, whose values the change row gives.
func writeCurveSeries(w *markup.Writer, se *pagedata.CurveSeries, c *pagedata.Curve) {
	today := se.Key == "today"
	w.Raw("\n" + `<g class="series`)
	if se.Tone != 0 {
		w.Raw(` tone-`)
		w.Int(se.Tone)
	}
	if today {
		w.Raw(` today" data-series="today">`)
	} else {
		w.Raw(`" data-persona="`)
		w.Attr(se.Key)
		w.Raw(`">`)
	}
	writeCurvePaths(w, c, true, se.DX, se.Backed, se.Assumed)
	for _, pt := range se.Points {
		s := pt.Stage
		w.Raw("\n" + `<g class="series-point`)
		if s.MomentOfTruth {
			w.Raw(` mot`)
		}
		w.Raw(`" data-stage-id="`)
		w.Attr(s.ID)
		w.Raw(`">` + "\n<title>")
		w.Text(se.Name)
		w.Raw(`, `)
		w.Text(s.Name)
		w.Raw(`: `)
		w.Text(pt.Emotion.String())
		w.Raw(` (`)
		w.Text(pt.Emotion.Label())
		w.Raw(`)`)
		if s.MomentOfTruth {
			w.Raw(`, moment of truth`)
		}
		if !today {
			w.Raw(`; `)
			writeCurveEvidence(w, s)
		}
		w.Raw(`</title>` + "\n" + `<svg x="`)
		w.Attr(pt.At)
		w.Raw(`">`)
		if s.MomentOfTruth && !today {
			w.Raw(`<circle class="mot-ring" cx="`)
			writeNum(w, se.DX)
			w.Raw(`" cy="`)
			writeNum(w, pt.Y)
			w.Raw(`" r="11.5"/>`)
		}
		w.Raw("\n" + `<path class="marker" d="`)
		w.Attr(pt.Marker)
		w.Raw(`"/>`)
		if !today {
			w.Raw(`<text class="series-value" x="`)
			writeNum(w, pt.Label.X)
			w.Raw(`" y="`)
			writeNum(w, pt.Label.Y)
			w.Raw(`">`)
			w.Text(pt.Emotion.String())
			w.Raw(`</text>`)
		}
		w.Raw("\n</svg>\n</g>")
	}
	w.Raw("\n</g>")
}

// writeCurveEvidence is the "curve-evidence" partial: whether research
// backs a stage, as its point's title says it.
func writeCurveEvidence(w *markup.Writer, s *content.Stage) {
	if len(s.Evidence) == 0 {
		w.Raw(`assumed: no research behind it`)
		return
	}
	w.Raw(`backed by research: `)
	w.Text(diag.Plural(len(s.Evidence), "source", "sources"))
}

// writeCurveLegend is the "curve-legend" partial: the curve's lines, its
// marks and rings, and how it draws assumptions. cmp is the map's
// comparison with today's, or nil.
func writeCurveLegend(w *markup.Writer, c *pagedata.Curve, cmp *pagedata.Comparison) {
	// An entry's drawing is 28 by 16 pixels (the stylesheet's
	// .legend-line), its origin in the middle.
	const line = `" viewBox="-14 -8 28 16" aria-hidden="true"><line x1="-14" x2="14" y1="0" y2="0"/>`
	w.Raw("\n" + `<ul class="curve-legend" aria-label="Lines and marks of the emotion curve">`)
	for _, se := range c.Series {
		w.Raw("\n" + `<li data-legend="`)
		w.Attr(se.Key)
		w.Raw(`"><svg class="legend-line tone-`)
		w.Int(se.Tone)
		w.Raw(line + `<path d="`)
		w.Attr(se.Legend)
		w.Raw(`"/></svg>`)
		w.Text(se.Name)
		w.Raw(`</li>`)
	}
	if today := c.Today; today != nil {
		if len(c.Series) == 0 {
			w.Raw("\n" + `<li><svg class="legend-line future` + line + `<circle r="5"/></svg>Future: this map</li>`)
		}
		w.Raw("\n" + `<li data-legend="today"><svg class="legend-line today` + line + `<path d="`)
		w.Attr(today.Legend)
		w.Raw(`"/></svg>Today`)
		if cmp != nil {
			w.Raw(`: `)
			w.Text(cmp.Current.Title)
		}
		w.Raw(`</li>`)
	}
	if len(c.Series) == 0 && c.Today == nil && len(c.Points) > 0 {
		w.Raw("\n" + `<li class="legend-stage"><svg class="legend-line` + line + `<circle class="dot" r="5"/></svg>Stage</li>`)
	}
	if len(c.Marks) > 0 {
		w.Raw("\n" + `<li class="legend-mark"><svg class="legend-line" viewBox="-14 -8 28 16" aria-hidden="true"><path class="mark-shape" d="M0 -5.5l5.5 5.5l-5.5 5.5l-5.5 -5.5Z"/></svg>Touchpoint rated on its own</li>`)
	}
	if c.HasMoment() {
		w.Raw("\n" + `<li class="legend-mot"><svg class="legend-line" viewBox="-14 -8 28 16" aria-hidden="true"><circle class="mot-ring" r="6.5"/></svg>Moment of truth</li>`)
	}
	if c.HasAssumed() {
		w.Raw("\n" + `<li class="legend-assumed"><svg class="legend-line" viewBox="-14 -8 28 16" aria-hidden="true"><rect class="assumed-band" x="-14" y="-8" width="28" height="16"/><line class="assumed" x1="-14" x2="14" y1="0" y2="0"/></svg>Assumed: no research behind the stage</li>`)
	}
	if wo := c.Worst; wo != nil {
		w.Raw("\n" + `<li class="legend-worst"`)
		writeWorstPersona(w, wo.Moment.Persona)
		w.Raw(`><svg class="legend-line" viewBox="-14 -8 28 16" aria-hidden="true"><circle class="worst-ring" r="6.5"/></svg>`)
		writeWorstName(w, wo)
		if p := wo.Moment.Persona; p != nil {
			w.Raw(` for `)
			w.Text(p.Name)
		}
		w.Raw(`</li>`)
	}
	w.Raw("\n</ul>")
}

// writeWorstName names the lowest point and its value: "Lowest point:
// Checkout, -1.5", or "Planned lowest point: …" on a future state.
func writeWorstName(w *markup.Writer, wo *pagedata.CurveWorst) {
	if wo.Planned {
		w.Raw(`Planned lowest point: `)
	} else {
		w.Raw(`Lowest point: `)
	}
	w.Text(wo.Moment.Name())
	w.Raw(`, `)
	w.Text(wo.Moment.Emotion.String())
}

// writeWorstPersona writes the data-persona attribute of what belongs to
// one persona's line (its ring and value hide with it), or nothing.
func writeWorstPersona(w *markup.Writer, p *content.Persona) {
	if p == nil {
		return
	}
	w.Raw(` data-persona="`)
	w.Attr(p.Slug)
	w.Raw(`"`)
}

// writeCurvePaths writes the svg that stretches a line's paths across
// the curve's width: the part research backs, then the assumed part
// (dashed), each of class curve-line, or series-line for one persona's
// line (a series), which dx shifts sideways so that where two personas'
// lines meet neither hides the other.
func writeCurvePaths(w *markup.Writer, c *pagedata.Curve, series bool, dx float64, backed, assumed string) {
	w.Raw("\n" + `<svg class="curve-lines"`)
	if series {
		w.Raw(` x="`)
		writeNum(w, dx)
		w.Raw(`"`)
	}
	w.Raw(` viewBox="0 0 `)
	writeNum(w, c.Width)
	w.Raw(` `)
	writeNum(w, c.Height)
	w.Raw(`" preserveAspectRatio="none" width="100%" height="`)
	writeNum(w, c.Height)
	w.Raw(`">`)
	if backed != "" {
		if series {
			w.Raw(`<path class="series-line" d="`)
		} else {
			w.Raw(`<path class="curve-line" d="`)
		}
		w.Attr(backed)
		w.Raw(`"/>`)
	}
	if assumed != "" {
		if series {
			w.Raw(`<path class="series-line assumed" d="`)
		} else {
			w.Raw(`<path class="curve-line assumed" d="`)
		}
		w.Attr(assumed)
		w.Raw(`"/>`)
	}
	w.Raw("\n</svg>")
}
