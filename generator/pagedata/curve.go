package pagedata

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Curve is the geometry of an emotion curve: one point per stage that has
// an emotion, evenly spaced so that point i sits over stage column i, and
// smaller marks for touchpoints that carry their own emotion. Templates
// draw it as inline SVG; all numbers are in the viewBox's units.
//
// A map whose emotions are written per persona has one line per persona
// in Series instead (Points and Path still hold the overall line, for
// whatever wants one); a future-state map that names its current state
// also has Today, the current map's line matched to its stages by id.
type Curve struct {
	Width, Height float64
	Points        []CurvePoint
	Marks         []CurveMark
	Path          string  // the SVG path through the points
	Levels        []Level // horizontal guides, +2 at the top to -2 at the bottom

	Series []*CurveSeries // one per persona, in the journey's order; nil for one line
	Today  *CurveSeries   // the current-state map's line under a future state's

	// Worst rings the map's lowest point (Glance.Worst); nil when
	// nothing is rated.
	Worst *CurveWorst

	sz curveSize // with slot worked out
}

// CurvePoint is a stage's point on the curve.
type CurvePoint struct {
	X, Y    float64
	Stage   *content.Stage
	Emotion content.Emotion // the value drawn: the stage's, or one persona's
}

// CurveMark is a touchpoint's own emotion, drawn within its stage's column.
type CurveMark struct {
	X, Y       float64
	Touchpoint *content.Touchpoint
}

// CurveSeries is one line of a curve that has several: a persona's, or
// today's under a future state. Series are told apart by colour (Tone) and
// by the shape of their markers, so that they stay apart for readers who
// cannot tell the colours apart and on a black-and-white print.
type CurveSeries struct {
	Key    string // the persona's slug, or "today"
	Name   string // for the legend
	Shape  string // one of seriesShapes
	Tone   int    // 1 … len(seriesShapes): the series' colour, for CSS
	Points []SeriesPoint
	Path   string
	// Legend is a marker of the series' shape at (0, 0) in a 16 × 16 box
	// centred there, for legends and text beside values.
	Legend string
}

// SeriesPoint is a stage's point on one series.
type SeriesPoint struct {
	X, Y    float64
	Stage   *content.Stage // on today's line, the future map's stage it matches
	Emotion content.Emotion
	Marker  string // an SVG path of the series' shape around X, Y
}

// CurveWorst is where the ring around the lowest point goes: a circle of
// radius R around X, Y, wider than the point or mark it rings.
type CurveWorst struct {
	X, Y, R float64
	Moment  *WorstMoment
	Planned bool // on a future-state map: the planned journey's lowest point
}

// The rings' radii: around a stage's point (radius 8, or a series
// marker) and its moment-of-truth ring (13), and around a touchpoint's
// mark (4).
const (
	worstStageRing = 17.0
	worstMarkRing  = 9.0
)

// markWorst rings w on the curve: the stage's point (on the persona's
// line when w is one persona's), or the touchpoint's mark. A touchpoint
// rated per persona has no mark (journeyCurve drops them), so its ring
// sits at its value in its stage's column, on its persona's side.
func (c *Curve) markWorst(j *content.Journey, w *WorstMoment) {
	if w == nil {
		return
	}
	col := slices.Index(j.Stages, w.Stage)
	x, r := c.x(col), worstStageRing
	if w.Persona != nil {
		if i := slices.Index(j.Personas, w.Persona); i >= 0 {
			x += (float64(i) - float64(len(j.Personas)-1)/2) * c.sz.spread
		}
	}
	if w.Touchpoint != nil {
		r = worstMarkRing
		for _, m := range c.Marks {
			if m.Touchpoint == w.Touchpoint {
				x = m.X
			}
		}
	}
	c.Worst = &CurveWorst{X: round1(x), Y: c.y(w.Emotion.Value), R: r, Moment: w, Planned: j.State == "future"}
}

// Level is a guide line on the curve.
type Level struct {
	Y       float64
	Value   int
	Label   string
	Neutral bool
}

// Labelled reports whether the timeline names the level at its left edge
// ("+2 very positive"): the top, the bottom and neutral.
func (l Level) Labelled() bool {
	return l.Neutral || l.Value == content.MaxEmotion || l.Value == content.MinEmotion
}

// The value label of a stage point, relative to the point: above it, or
// below it; and the room a level's label takes at the curve's left edge,
// from x = 6 and up to 4 above its line (11 px text, the longest being
// "-2 very negative").
const (
	labelAbove      = -16.0
	labelBelow      = 26.0
	levelLabelRight = 104.0 // where the longest level label ends
	labelHalfWidth  = 16.0  // half the width of a value such as "+1.5"
	labelHeight     = 10.0  // of 11 px text above its baseline
)

// LabelDY is where a stage point's value is written, as an offset from
// the point: below a positive value and above the others, as the eye
// expects; on a compared curve above, clear of today's line underneath;
// and on the other side where that sits better (labelCost): not cut off
// at an edge, not on the label of a level at the left edge (which only
// the first stage can reach), not over today's marker.
func (c *Curve) LabelDY(p CurvePoint) float64 {
	dy, other := labelAbove, labelBelow
	if p.Emotion.Value > 0 && c.Today == nil {
		dy, other = labelBelow, labelAbove
	}
	if c.labelCost(p, other) < c.labelCost(p, dy) {
		return other
	}
	return dy
}

// labelCost is how badly p's value, written at dy, sits: 0 in the clear;
// 1 over today's marker (the value has a halo, and the hollow circle
// shows through); 2 over a level's label, text on text; 4 outside the
// curve, cut off.
func (c *Curve) labelCost(p CurvePoint, dy float64) int {
	base := p.Y + dy
	if base-labelHeight < 0 || base > c.Height {
		return 4
	}
	if p.X-labelHalfWidth < levelLabelRight {
		for _, l := range c.Levels {
			// Each text spans [baseline - height, baseline]; a level's
			// label has its baseline 4 above the line.
			if l.Labelled() && base > l.Y-4-labelHeight && base-labelHeight < l.Y-4 {
				return 2
			}
		}
	}
	if c.Today != nil {
		// Today's marker in the same column, drawn with radius 8.
		for _, tp := range c.Today.Points {
			if math.Abs(tp.X-p.X) < labelHalfWidth+8 && base > tp.Y-8 && base-labelHeight < tp.Y+8 {
				return 1
			}
		}
	}
	return 0
}

// curveSize is the size of one stage's slot and the padding of a curve.
type curveSize struct {
	slot, height, padY float64
	width              float64 // when set, the whole curve's width: slots shrink to fit
	marks              bool
	marker             float64 // the radius of a series' markers
	spread             float64 // how far apart series' points of one stage sit, so none hides another
}

var (
	timelineCurve = curveSize{slot: 200, height: 150, padY: 18, marks: true, marker: 6.5, spread: 10}
	sparkCurve    = curveSize{width: 140, height: 36, padY: 5}
)

// seriesShapes are the markers of persona lines, in the journey's persona
// order; past six personas they repeat, colours and all.
var seriesShapes = []string{"circle", "square", "triangle", "diamond", "triangle-down", "cross"}

// seriesStyle is how the i-th persona line is told apart: its shape,
// colour and legend marker.
type seriesStyle struct {
	shape  string
	tone   int
	legend string
}

// seriesStyles are worked out once: a journey page shows each persona's
// legend marker beside every value written per persona.
var seriesStyles = func() []seriesStyle {
	out := make([]seriesStyle, len(seriesShapes))
	for i, shape := range seriesShapes {
		out[i] = seriesStyle{shape, i + 1, marker(shape, 0, 0, timelineCurve.marker)}
	}
	return out
}()

func styleOf(i int) seriesStyle { return seriesStyles[i%len(seriesStyles)] }

func newCurve(stages []*content.Stage, sz curveSize) *Curve {
	return newCurveOf(stages, sz, func(s *content.Stage) content.Emotion { return s.Emotion })
}

// newCurveOf is a curve of the emotion feel gives each stage: the stage's
// own, or one persona's.
func newCurveOf(stages []*content.Stage, sz curveSize, feel func(*content.Stage) content.Emotion) *Curve {
	n := max(len(stages), 1)
	if sz.width > 0 {
		sz.slot = sz.width / float64(n)
	}
	c := &Curve{Width: sz.slot * float64(n), Height: sz.height, sz: sz}
	for v := content.MaxEmotion; v >= content.MinEmotion; v-- {
		e := content.Emotion{Value: float64(v), Set: true}
		c.Levels = append(c.Levels, Level{Y: c.y(float64(v)), Value: v, Label: e.String() + " " + e.Label(), Neutral: v == 0})
	}
	for i, s := range stages {
		cx := c.x(i)
		if e := feel(s); e.Set {
			c.Points = append(c.Points, CurvePoint{X: round1(cx), Y: c.y(e.Value), Stage: s, Emotion: e})
		}
		if !sz.marks {
			continue
		}
		var own []*content.Touchpoint
		for _, t := range s.Touchpoints {
			if t.Emotion.Set {
				own = append(own, t)
			}
		}
		// Spread the marks across the middle half of the slot.
		step := sz.slot / 2 / float64(max(len(own), 1))
		for k, t := range own {
			x := cx - sz.slot/4 + step*(float64(k)+0.5)
			c.Marks = append(c.Marks, CurveMark{X: round1(x), Y: c.y(t.Emotion.Value), Touchpoint: t})
		}
	}
	c.Path = smoothPath(c.Points)
	return c
}

// x is the centre of stage column i.
func (c *Curve) x(i int) float64 { return c.sz.slot*float64(i) + c.sz.slot/2 }

// y is where value v sits: +2 on the top padding, -2 on the bottom one.
func (c *Curve) y(v float64) float64 {
	return round1(c.sz.padY + (content.MaxEmotion-v)/(content.MaxEmotion-content.MinEmotion)*(c.sz.height-2*c.sz.padY))
}

// journeyCurve is a journey page's curve: one line, or one per persona
// when any of its emotions is written per persona, and today's line under
// a future-state map that names its current state (cmp, its comparison
// with it; nil when it names none).
func journeyCurve(j *content.Journey, cmp *Comparison) *Curve {
	c := newCurve(j.Stages, timelineCurve)
	if j.PerPersona() {
		// The touchpoints' own values are in their lane, per persona: a
		// mark per touchpoint and persona would bury the lines.
		c.Marks = nil
		c.addPersonaSeries(j)
	}
	if cmp != nil {
		c.Today = c.todaySeries(cmp)
	}
	return c
}

// personaCurve is the small curve of one persona's emotions.
func personaCurve(stages []*content.Stage, persona string) *Curve {
	return newCurveOf(stages, sparkCurve, func(s *content.Stage) content.Emotion { return s.Emotion.For(persona) })
}

func (c *Curve) addPersonaSeries(j *content.Journey) {
	n := len(j.Personas)
	for i, p := range j.Personas {
		st := styleOf(i)
		se := &CurveSeries{Key: p.Slug, Name: p.Name, Shape: st.shape, Tone: st.tone, Legend: st.legend}
		dx := (float64(i) - float64(n-1)/2) * c.sz.spread
		for k, s := range j.Stages {
			if e := s.Emotion.For(p.Slug); e.Set {
				se.add(c, s, e, c.x(k)+dx)
			}
		}
		se.finish()
		c.Series = append(c.Series, se)
	}
}

// todaySeries places the current map's emotions over the stages of the
// future map that the comparison matched them with; its stages that the
// future map does not have are left out.
func (c *Curve) todaySeries(cmp *Comparison) *CurveSeries {
	se := &CurveSeries{Key: "today", Name: "Today", Shape: "circle", Legend: marker("circle", 0, 0, c.sz.marker)}
	for k, ch := range cmp.Stages {
		if ch.Was != nil && ch.Was.Emotion.Set {
			se.add(c, ch.Stage, ch.Was.Emotion, c.x(k))
		}
	}
	se.finish()
	return se
}

func (se *CurveSeries) add(c *Curve, s *content.Stage, e content.Emotion, x float64) {
	p := SeriesPoint{X: round1(x), Y: c.y(e.Value), Stage: s, Emotion: e}
	p.Marker = marker(se.Shape, p.X, p.Y, c.sz.marker)
	se.Points = append(se.Points, p)
}

func (se *CurveSeries) finish() {
	pts := make([]CurvePoint, len(se.Points))
	for i, p := range se.Points {
		pts[i] = CurvePoint{X: p.X, Y: p.Y}
	}
	se.Path = smoothPath(pts)
}

// marker is an SVG path of shape centred on (x, y), of about radius r;
// the shapes are sized to look equally heavy.
func marker(shape string, x, y, r float64) string {
	p := func(parts ...float64) string {
		var b strings.Builder
		for i := 0; i < len(parts); i += 2 {
			if i == 0 {
				b.WriteString("M")
			} else {
				b.WriteString("L")
			}
			b.WriteString(Num(parts[i]) + " " + Num(parts[i+1]))
		}
		b.WriteString("Z")
		return b.String()
	}
	switch shape {
	case "square":
		s := r * 0.88
		return p(x-s, y-s, x+s, y-s, x+s, y+s, x-s, y+s)
	case "triangle":
		return p(x, y-r*1.2, x+r*1.1, y+r*0.8, x-r*1.1, y+r*0.8)
	case "triangle-down":
		return p(x, y+r*1.2, x+r*1.1, y-r*0.8, x-r*1.1, y-r*0.8)
	case "diamond":
		d := r * 1.25
		return p(x, y-d, x+d, y, x, y+d, x-d, y)
	case "cross":
		w := r * 0.42
		return p(x-w, y-r, x+w, y-r, x+w, y-w, x+r, y-w, x+r, y+w, x+w, y+w, x+w, y+r, x-w, y+r, x-w, y+w, x-r, y+w, x-r, y-w, x-w, y-w)
	}
	return "M" + Num(x-r) + " " + Num(y) + "a" + Num(r) + " " + Num(r) + " 0 1 0 " + Num(2*r) + " 0a" + Num(r) + " " + Num(r) + " 0 1 0 " + Num(-2*r) + " 0Z"
}

// Summary is the curve in words, for the SVG's accessible name: each
// line's stages and values.
func (c *Curve) Summary() string {
	var b strings.Builder
	if len(c.Series) == 0 {
		b.WriteString("Emotion curve: ")
		for i, p := range c.Points {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(p.Stage.Name + " " + p.Stage.Emotion.String())
		}
	} else {
		b.WriteString("Emotion curves, one per persona. ")
		for _, se := range c.Series {
			se.describe(&b)
		}
	}
	if c.Today != nil {
		if len(c.Series) == 0 {
			b.WriteString(". ")
		}
		b.WriteString("Today's map, for comparison. ")
		c.Today.describe(&b)
	}
	return strings.TrimSpace(b.String())
}

func (se *CurveSeries) describe(b *strings.Builder) {
	b.WriteString(se.Name + ": ")
	if len(se.Points) == 0 {
		b.WriteString("not rated")
	}
	for i, p := range se.Points {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Stage.Name + " " + p.Emotion.String())
	}
	b.WriteString(". ")
}

// smoothPath joins the points with cubic curves whose control points lie
// level with each end, which never overshoots the values it passes through.
func smoothPath(pts []CurvePoint) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M" + Num(p.X) + " " + Num(p.Y))
			continue
		}
		q := pts[i-1]
		mid := (q.X + p.X) / 2
		b.WriteString(" C" + Num(mid) + " " + Num(q.Y) + " " + Num(mid) + " " + Num(p.Y) + " " + Num(p.X) + " " + Num(p.Y))
	}
	return b.String()
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// Num prints a coordinate compactly: 12, 12.5.
func Num(f float64) string { return strconv.FormatFloat(round1(f), 'f', -1, 64) }

// PersonaFeeling is how one of a journey's personas feels at a stage or
// touchpoint, with the marker of their line on the curve.
type PersonaFeeling struct {
	Persona *content.Persona
	Emotion content.Emotion // unset when the persona is not rated there
	Shape   string
	Tone    int
	Legend  string // the marker, as CurveSeries.Legend
}

// Feelings lists how each of j's personas feels where e was written, in
// the journey's persona order; nil unless e was written per persona, so
// that an emotion everyone shares is shown once.
func Feelings(e content.Emotion, j *content.Journey) []PersonaFeeling {
	if !e.PerPersona() {
		return nil
	}
	out := make([]PersonaFeeling, len(j.Personas))
	for i, p := range j.Personas {
		st := styleOf(i)
		out[i] = PersonaFeeling{Persona: p, Emotion: e.For(p.Slug), Shape: st.shape, Tone: st.tone, Legend: st.legend}
	}
	return out
}
