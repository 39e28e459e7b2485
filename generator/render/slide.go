package render

import "github.com/waymark-cx/waymark/generator/content"

// Slide is the layout of a journey's standalone map.svg: a column per
// stage with its name, touchpoints and pain points cut to fit, worked out
// here so that the layout only prints it. Arithmetic in a template is a
// reflective call per operation, and the slide was a quarter of the work
// of a journey's pages.
type Slide struct {
	Width   float64 // the picture's width; its height is fixed
	Left    float64 // where the stages and the curve start
	Summary string  // the journey's summary, cut to one line
	Columns []SlideColumn
}

// SlideColumn is one stage on a slide.
type SlideColumn struct {
	Stage       *content.Stage
	Number      int     // from 1
	X           float64 // the column's left edge
	TextX       float64 // where its text starts
	Name        []SlideLine
	Touchpoints []SlideLine
	PainPoints  []SlideLine
}

// SlideLine is a line of text and its baseline.
type SlideLine struct {
	Y    float64
	Text string
}

// The slide's grid, in SVG units.
const (
	slideLeft        = 150.0 // lane labels to the left of this
	slideColumn      = 200.0 // a stage's width
	slideMargin      = 20.0  // right of the last stage
	slideTouchpoints = 6     // touchpoints shown per stage
	slidePainPoints  = 3     // pain points shown per stage
)

func newSlide(j *content.Journey, c *Curve) *Slide {
	s := &Slide{Width: slideLeft + c.Width + slideMargin, Left: slideLeft}
	if lines := wrap(150, 1, j.Summary); len(lines) > 0 {
		s.Summary = lines[0]
	}
	for i, st := range j.Stages {
		x := slideLeft + slideColumn*float64(i)
		col := SlideColumn{Stage: st, Number: i + 1, X: x + 4, TextX: x + 14}
		for k, l := range wrap(22, 2, st.Name) {
			col.Name = append(col.Name, SlideLine{Y: 114 + 17*float64(k), Text: l})
		}
		for k, t := range st.Touchpoints[:min(len(st.Touchpoints), slideTouchpoints)] {
			for _, l := range wrap(26, 1, t.Name) {
				col.Touchpoints = append(col.Touchpoints, SlideLine{Y: 330 + 19*float64(k), Text: l})
			}
		}
		for k, p := range st.PainPoints[:min(len(st.PainPoints), slidePainPoints)] {
			for m, l := range wrap(28, 2, p) {
				col.PainPoints = append(col.PainPoints, SlideLine{Y: 470 + 40*float64(k) + 15*float64(m), Text: l})
			}
		}
		s.Columns = append(s.Columns, col)
	}
	return s
}
