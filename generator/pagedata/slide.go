package pagedata

import (
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Slide is the layout of a journey's standalone map.svg: a column per
// stage with its name, touchpoints and pain points cut to fit, worked out
// here so that the layout only prints it. Arithmetic in a template is a
// reflective call per operation, and the slide was a quarter of the work
// of a journey's pages.
type Slide struct {
	Width   float64 // the picture's width
	Height  float64 // taller by the steps lane when a stage has steps
	Left    float64 // where the stages and the curve start
	Summary string  // the journey's summary, cut to one line
	Columns []SlideColumn
	// The lanes' label baselines; StepsY is 0 when no stage has steps.
	StepsY, TouchpointsY, PainPointsY float64
}

// SlideColumn is one stage on a slide.
type SlideColumn struct {
	Stage       *content.Stage
	Number      int     // from 1
	X           float64 // the column's left edge
	TextX       float64 // where its text starts
	Name        []SlideLine
	Steps       []SlideStep
	Touchpoints []SlideLine
	PainPoints  []SlideLine
}

// SlideStep is a step on a slide: its name, cut to fit, and how it felt
// ("+1 positive"; each persona's value in the journey's order, "0 / -1",
// when written per persona: a slide has no room for names, and a mean
// would hide who felt what).
type SlideStep struct {
	SlideLine
	Emotion content.Emotion
	Value   string
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
	slideSteps       = 4     // steps shown per stage
	slideHeight      = 600.0 // without steps
	slideStepsLane   = 110.0 // the height the steps lane adds
)

func newSlide(j *content.Journey, c *Curve) *Slide {
	s := &Slide{Width: slideLeft + c.Width + slideMargin, Height: slideHeight, Left: slideLeft, TouchpointsY: 330, PainPointsY: 470}
	if lines := Wrap(150, 1, j.Summary); len(lines) > 0 {
		s.Summary = lines[0]
	}
	for _, st := range j.Stages {
		if len(st.Steps) > 0 {
			// The steps lane goes where touchpoints were, above them, as
			// on the page: what the customer does, then where.
			s.StepsY, s.TouchpointsY, s.PainPointsY = 330, 330+slideStepsLane, 470+slideStepsLane
			s.Height += slideStepsLane
			break
		}
	}
	for i, st := range j.Stages {
		x := slideLeft + slideColumn*float64(i)
		col := SlideColumn{Stage: st, Number: i + 1, X: x + 4, TextX: x + 14}
		for k, l := range Wrap(22, 2, st.Name) {
			col.Name = append(col.Name, SlideLine{Y: 114 + 17*float64(k), Text: l})
		}
		for k, step := range st.Steps[:min(len(st.Steps), slideSteps)] {
			for _, l := range Wrap(26, 1, step.Name) {
				col.Steps = append(col.Steps, SlideStep{SlideLine: SlideLine{Y: s.StepsY + 26*float64(k), Text: l},
					Emotion: step.Emotion, Value: slideValue(step.Emotion)})
			}
		}
		for k, t := range st.Touchpoints[:min(len(st.Touchpoints), slideTouchpoints)] {
			for _, l := range Wrap(26, 1, t.Name) {
				col.Touchpoints = append(col.Touchpoints, SlideLine{Y: s.TouchpointsY + 19*float64(k), Text: l})
			}
		}
		for k, p := range st.PainPoints[:min(len(st.PainPoints), slidePainPoints)] {
			for m, l := range Wrap(28, 2, p) {
				col.PainPoints = append(col.PainPoints, SlideLine{Y: s.PainPointsY + 40*float64(k) + 15*float64(m), Text: l})
			}
		}
		s.Columns = append(s.Columns, col)
	}
	return s
}

// slideValue is a step's emotion as a slide writes it: its value and
// label, or each persona's value, in the journey's order; "" for none.
func slideValue(e content.Emotion) string {
	if !e.Set {
		return ""
	}
	if !e.PerPersona() {
		return e.String() + " " + e.Label()
	}
	values := make([]string, len(e.ByPersona))
	for i, pe := range e.ByPersona {
		values[i] = content.Emotion{Value: pe.Value, Set: true}.String()
	}
	return strings.Join(values, " / ")
}
