package render

import (
	"html/template"

	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// SlideBody draws a journey's slide (.Slide, laid out by pagedata) inside
// the default theme's map.svg: everything between the layout's head (the
// <svg> element, its <title>, <desc> and styles, and the background) and
// its closing tag. It is written in Go because the slide is hundreds of
// values, each an html/template action paying for reflection and an
// escaper call, about a quarter of a journey's rendering; a theme that
// draws its slide otherwise writes its own markup over the same .Slide.
// Empty when the page has no slide.
func (p Dot) SlideBody() template.HTML {
	s := p.Slide
	if s == nil {
		return ""
	}
	var w markup.Writer
	w.Grow(slideSize(s))
	writeSlideText(&w, &s.Title, "title")
	for i := range s.Meta {
		m := &s.Meta[i]
		switch {
		case m.Marker != "":
			w.Raw("\n" + `<path class="marker tone-`)
			w.Int(m.Tone)
			w.Raw(`" transform="translate(`)
			writeNum(&w, m.X+9)
			w.Raw(` `)
			writeNum(&w, m.Y-6)
			w.Raw(`)" d="`)
			w.Attr(m.Marker)
			w.Raw(`"/>`)
		case m.Today:
			w.Raw("\n" + `<line class="today-line" x1="`)
			writeNum(&w, m.X)
			w.Raw(`" x2="`)
			writeNum(&w, m.X+20)
			w.Raw(`" y1="`)
			writeNum(&w, m.Y-6)
			w.Raw(`" y2="`)
			writeNum(&w, m.Y-6)
			w.Raw(`"/>`)
		case m.Star:
			w.Raw("\n" + `<text class="mot-label" x="`)
			writeNum(&w, m.X)
			w.Raw(`" y="`)
			writeNum(&w, m.Y)
			w.Raw(`" font-size="18">★</text>`)
		}
		w.Raw("\n" + `<text class="muted" x="`)
		writeNum(&w, m.TextX)
		w.Raw(`" y="`)
		writeNum(&w, m.Y)
		w.Raw(`" font-size="18">`)
		w.Text(m.Text)
		w.Raw(`</text>`)
	}
	for i := range s.Columns {
		c := &s.Columns[i]
		if c.Stage.MomentOfTruth {
			w.Raw("\n<g>\n" + `<rect class="mot" x="`)
		} else {
			w.Raw("\n<g>\n" + `<rect class="col" x="`)
		}
		writeNum(&w, c.X+3)
		w.Raw(`" y="`)
		writeNum(&w, s.StageTop)
		w.Raw(`" width="`)
		writeNum(&w, c.W-6)
		w.Raw(`" height="`)
		writeNum(&w, s.StageHeight)
		w.Raw(`" rx="8"/>` + "\n" + `<text class="num" x="`)
		writeNum(&w, c.Name.X)
		w.Raw(`" y="`)
		writeNum(&w, s.NumberY)
		w.Raw(`" font-size="`)
		writeNum(&w, s.LabelSize)
		w.Raw(`">`)
		w.Int(c.Number)
		if c.Stage.MomentOfTruth {
			w.Raw(` <tspan class="mot-label">★</tspan>`)
		}
		w.Raw(`</text>`)
		writeSlideText(&w, &c.Name, "stage")
		w.Raw("\n</g>")
	}
	if s.Curve != nil {
		// The ring before the words repeats the one round the point.
		w.Raw("\n" + `<circle class="worst-ring" cx="`)
		writeNum(&w, s.Worst.X-16)
		w.Raw(`" cy="`)
		writeNum(&w, s.Worst.Y+float64(s.Worst.Size*0.62))
		w.Raw(`" r="9"/>`)
		writeSlideText(&w, &s.Worst, "worst")
		writeSlideCurve(&w, s)
	} else {
		writeSlideText(&w, &s.Worst, "muted")
	}
	writeSlideText(&w, &s.PainHeading, "heading")
	writeSlideText(&w, &s.OpportunityHeading, "heading")
	for i := range s.Columns {
		c := &s.Columns[i]
		if len(c.Stage.PainPoints) > 0 {
			writeSlideText(&w, &c.Pain, "pain")
		} else {
			writeSlideText(&w, &c.Pain, "none")
		}
		writeSlideText(&w, &c.MorePains, "more")
		if len(c.Stage.Opportunities) > 0 {
			writeSlideText(&w, &c.Opportunity, "opportunity")
		} else {
			writeSlideText(&w, &c.Opportunity, "none")
		}
		writeSlideText(&w, &c.MoreOpportunities, "more")
	}
	writeSlideText(&w, &s.Site, "muted")
	writeSlideText(&w, &s.Note, "muted")
	return w.Result()
}

// writeSlideCurve draws the slide's emotion curve (s.Curve, not nil) in
// its band: the lowest point's column shaded, the scale's guides, today's
// line under a future state's, then a line per persona or the stages'
// line with its values, and the ring round the lowest point.
func writeSlideCurve(w *markup.Writer, s *pagedata.Slide) {
	c := s.Curve
	w.Raw("\n" + `<g transform="translate(`)
	writeNum(w, s.CurveX)
	w.Raw(` `)
	writeNum(w, s.CurveY)
	w.Raw(`)">`)
	for i := range s.Columns {
		col := &s.Columns[i]
		if !col.Worst {
			continue
		}
		w.Raw("\n" + `<rect class="worst-col" x="`)
		writeNum(w, col.X-s.CurveX)
		w.Raw(`" y="0" width="`)
		writeNum(w, col.W)
		w.Raw(`" height="`)
		writeNum(w, c.Height)
		w.Raw(`"/>`)
	}
	for _, l := range s.Levels {
		if l.Neutral {
			w.Raw("\n" + `<line class="level neutral" x1="0" x2="`)
		} else {
			w.Raw("\n" + `<line class="level" x1="0" x2="`)
		}
		writeNum(w, c.Width)
		w.Raw(`" y1="`)
		writeNum(w, l.Y)
		w.Raw(`" y2="`)
		writeNum(w, l.Y)
		w.Raw(`"/>` + "\n" + `<text class="scale" x="-8" y="`)
		writeNum(w, l.Y+5)
		w.Raw(`" font-size="14" text-anchor="end">`)
		w.Text(l.Label)
		w.Raw(`</text>`)
	}
	if t := c.Today; t != nil {
		w.Raw("\n<g>\n" + `<path class="today-line" d="`)
		w.Attr(t.Path)
		w.Raw(`"/>`)
		for i := range t.Points {
			w.Raw("\n" + `<path class="today-marker" d="`)
			w.Attr(t.Points[i].Marker)
			w.Raw(`"/>`)
		}
		w.Raw("\n</g>")
	}
	if len(c.Series) > 0 {
		for _, sr := range c.Series {
			w.Raw("\n<g>\n" + `<path class="series-line tone-`)
			w.Int(sr.Tone)
			w.Raw(`" d="`)
			w.Attr(sr.Path)
			w.Raw(`"/>`)
			for i := range sr.Points {
				w.Raw("\n" + `<path class="marker tone-`)
				w.Int(sr.Tone)
				w.Raw(`" d="`)
				w.Attr(sr.Points[i].Marker)
				w.Raw(`"/>`)
			}
			w.Raw("\n</g>")
		}
	} else {
		w.Raw("\n" + `<path class="curve-line" d="`)
		w.Attr(c.Path)
		w.Raw(`"/>`)
		for i := range c.Points {
			pt := &c.Points[i]
			w.Raw("\n" + `<circle class="`)
			w.Attr(pagedata.EmotionClass(pt.Emotion))
			w.Raw(`" cx="`)
			writeNum(w, pt.X)
			w.Raw(`" cy="`)
			writeNum(w, pt.Y)
			w.Raw(`" r="9"/>`)
		}
		for _, v := range s.Values {
			w.Raw("\n" + `<text class="value" x="`)
			writeNum(w, v.X)
			w.Raw(`" y="`)
			writeNum(w, v.Y)
			w.Raw(`" font-size="`)
			writeNum(w, s.ValueSize)
			w.Raw(`">`)
			w.Text(v.Text)
			w.Raw(`</text>`)
		}
	}
	if r := c.Worst; r != nil {
		if r.Moment != nil && r.Moment.Touchpoint != nil {
			// A touchpoint has no point of its own on the stages' lines.
			w.Raw("\n" + `<circle class="worst" cx="`)
			writeNum(w, r.X)
			w.Raw(`" cy="`)
			writeNum(w, r.Y)
			w.Raw(`" r="5"/>`)
		}
		w.Raw("\n" + `<circle class="worst-ring" cx="`)
		writeNum(w, r.X)
		w.Raw(`" cy="`)
		writeNum(w, r.Y)
		w.Raw(`" r="`)
		writeNum(w, r.R)
		w.Raw(`"/>`)
	}
	w.Raw("\n</g>")
}

// writeSlideText draws a SlideText on a line of its own, each of its
// lines a <text> of class class, in a group with its whole text as a
// <title> (a tooltip, and what a screen reader reads) when it was cut;
// nothing when it has no lines. class is one of the theme's constants.
func writeSlideText(w *markup.Writer, t *pagedata.SlideText, class string) {
	if len(t.Lines) == 0 {
		return
	}
	w.Raw("\n")
	if t.Cut {
		w.Raw(`<g><title>`)
		w.Attr(t.Text) // <title> is RCDATA to html/template
		w.Raw(`</title>`)
	}
	for _, l := range t.Lines {
		w.Raw(`<text class="`)
		w.Attr(class)
		w.Raw(`" x="`)
		writeNum(w, t.X)
		w.Raw(`" y="`)
		writeNum(w, l.Y)
		w.Raw(`" font-size="`)
		writeNum(w, t.Size)
		w.Raw(`">`)
		w.Text(l.Text)
		w.Raw(`</text>`)
	}
	if t.Cut {
		w.Raw(`</g>`)
	}
}

// slideSize is a generous guess at the size of s's markup, so that its
// Writer grows once: the markup of each piece, from what the test
// slides take, and the text it holds, with an eighth to spare for
// escaping.
func slideSize(s *pagedata.Slide) int {
	n := 256 + slideTextSize(&s.Title) + slideTextSize(&s.Worst) + slideTextSize(&s.PainHeading) +
		slideTextSize(&s.OpportunityHeading) + slideTextSize(&s.Site) + slideTextSize(&s.Note)
	for i := range s.Meta {
		n += 130 + len(s.Meta[i].Text) + len(s.Meta[i].Marker)
	}
	for i := range s.Columns {
		c := &s.Columns[i]
		n += 180 + slideTextSize(&c.Name) + slideTextSize(&c.Pain) + slideTextSize(&c.MorePains) +
			slideTextSize(&c.Opportunity) + slideTextSize(&c.MoreOpportunities)
	}
	if c := s.Curve; c != nil {
		n += 150 + 150*len(s.Levels) + len(c.Path) + 60*len(c.Points) + 70*len(s.Values)
		for _, sr := range c.Series {
			n += slideSeriesSize(sr)
		}
		if c.Today != nil {
			n += slideSeriesSize(c.Today)
		}
	}
	return n + n/8
}

// slideTextSize is what writeSlideText writes for t, about.
func slideTextSize(t *pagedata.SlideText) int {
	n := 60*len(t.Lines) + len(t.Text)
	if t.Cut {
		n += 30 + len(t.Text)
	}
	return n
}

// slideSeriesSize is what a line of the curve takes, about.
func slideSeriesSize(sr *pagedata.CurveSeries) int {
	n := 100 + len(sr.Path)
	for i := range sr.Points {
		n += 40 + len(sr.Points[i].Marker)
	}
	return n
}
