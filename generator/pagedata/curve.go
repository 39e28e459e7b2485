package pagedata

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Curve is the geometry of an emotion curve: one point per stage that has
// an emotion, evenly spaced so that point i sits over stage column i, and
// smaller marks for touchpoints that carry their own emotion. Templates
// draw it as inline SVG; X runs in the viewBox's units (a slot per stage).
//
// A journey page's curve is fluid: it fills its stages' width while its
// text keeps one size. Its lines are drawn in the viewBox, stretched
// sideways (Y is in CSS pixels and never scaled); everything else sits at
// its stage column's centre as a percentage of the width (At), moved by
// DX pixels from it, so that it keeps its size. Each column's marks,
// markers and values stay within curveSize.minSlot pixels, the narrowest
// a stage column gets, so columns never reach into each other, and the
// values are written where they cover nothing in their column
// (placeLabels).
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
	// Backed and Assumed split Path by the research behind it: a piece
	// between two points is Assumed when either point's stage lists no
	// evidence, and drawn so (see Columns).
	Backed, Assumed string
	Columns         []CurveColumn // one per stage, in order

	Series []*CurveSeries // one per persona, in the journey's order; nil for one line
	Today  *CurveSeries   // the current-state map's line under a future state's

	// Worst rings the map's lowest point (Glance.Worst); nil when
	// nothing is rated.
	Worst *CurveWorst

	sz curveSize // with slot worked out
}

// Room is how far a journey page's curve reaches above Y = 0 and below
// Height, for values written there: its SVG is Height + 2 × Room high.
func (c *Curve) Room() float64 { return c.sz.room }

// PageHeight is the height of a journey page's curve, Room included.
func (c *Curve) PageHeight() float64 { return c.Height + 2*c.sz.room }

// CurvePoint is a stage's point on the curve.
type CurvePoint struct {
	X, Y    float64
	At      string // X as a percentage of the width
	Stage   *content.Stage
	Emotion content.Emotion // the value drawn: the stage's, or one persona's
	Label   CurveLabel      // where its value is written, on a journey page
}

// CurveLabel is where a value is written: the centre of its text, X in
// pixels from its stage column's centre, Y from the curve's top.
type CurveLabel struct{ X, Y float64 }

// CurveMark is a touchpoint's own emotion, drawn in its stage's column:
// X and At are the column's centre, DX how many pixels off it the mark
// sits, clear of the stage's point.
type CurveMark struct {
	X, Y       float64
	At         string
	DX         float64
	Touchpoint *content.Touchpoint
}

// CurveColumn is a stage's column on a journey page's curve: its left
// edge and width as percentages, and whether it is Assumed, its stage
// listing no evidence: the curve draws such a column hatched and the line
// through it dotted, so that readers tell findings from guesses.
type CurveColumn struct {
	Stage       *content.Stage
	Left, Width string
	Assumed     bool
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
	// DX is how many pixels off its columns' centres the line runs, so
	// that the personas' equal values do not hide each other; Backed and
	// Assumed split Path as Curve's do.
	DX              float64
	Backed, Assumed string
	// Legend is a marker of the series' shape at (0, 0) in a 16 × 16 box
	// centred there, for legends and text beside values.
	Legend string
}

// SeriesPoint is a stage's point on one series: X and At are its
// column's centre, the marker sits the series' DX off it.
type SeriesPoint struct {
	X, Y    float64
	At      string
	Stage   *content.Stage // on today's line, the future map's stage it matches
	Emotion content.Emotion
	Marker  string     // an SVG path of the series' shape around (DX, Y), its column's centre at 0
	Label   CurveLabel // where its value is written (not on today's line)
}

// CurveWorst is where the ring around the lowest point goes: a circle of
// radius R around X (At), DX pixels off, and Y, wider than the point or
// mark it rings. Label is where its value is written when it rings what
// has no value written beside it: a touchpoint.
type CurveWorst struct {
	X, Y, R float64
	At      string
	DX      float64
	Moment  *WorstMoment
	Planned bool // on a future-state map: the planned journey's lowest point
	Label   *CurveLabel
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
// sits at its value in its stage's column, on its persona's side, with
// its value written beside it. Then it places the curve's values
// (placeLabels), clear of the ring too: call it, with w nil where nothing
// is rated, before a page draws the curve.
func (c *Curve) markWorst(j *content.Journey, w *WorstMoment) {
	defer c.placeLabels()
	if w == nil {
		return
	}
	x := c.x(slices.Index(j.Stages, w.Stage))
	dx, r := 0.0, worstStageRing
	if w.Persona != nil {
		if i := slices.Index(j.Personas, w.Persona); i >= 0 {
			dx = c.personaDX(i, len(j.Personas))
		}
	}
	if w.Touchpoint != nil {
		r = worstMarkRing
		for _, m := range c.Marks {
			if m.Touchpoint == w.Touchpoint {
				dx = m.DX
			}
		}
	}
	c.Worst = &CurveWorst{X: round1(x), At: c.at(x), DX: dx, Y: c.y(w.Emotion.Value), R: r, Moment: w, Planned: j.State == "future"}
}

// Level is a guide line on the curve.
type Level struct {
	Y       float64
	Value   int
	Label   string
	Neutral bool
	// Tick is the value written at the guide's left end on a journey
	// page ("+2"), for the top, the bottom and neutral; "" where a point
	// or mark of the first stage would cover it (placeLabels).
	Tick string
}

// Labelled reports whether the guide is named at its left edge: the top,
// the bottom and neutral.
func (l Level) Labelled() bool {
	return l.Neutral || l.Value == content.MaxEmotion || l.Value == content.MinEmotion
}

// The sizes a journey page's curve is drawn with, in CSS pixels; the
// curve's rules in waymark.css draw them so. Values are bold text of
// valueFont, ticks regular text of tickFont; the halo of a point or
// marker is half the width of its stroke in the page's colour.
const (
	valueFont  = 13.0
	tickFont   = 11.0
	tickX      = 3.0 // where a tick's text starts
	labelGap   = 2.0 // kept clear around a value
	pointR     = 8.0 // a stage's point
	pointHalo  = 1.5
	motRingR   = 13.0 // the moment-of-truth ring around a point
	ringHalo   = 1.25
	markR      = 5.5 // a touchpoint's mark, a diamond this far from its centre
	markHalo   = 1.0
	markerHalo = 1.0 // a persona's or today's marker
	markInset  = 1.0 // between a mark and the point beside it
)

// textHalfHeight is half the height a browser gives a line of text of the
// given size (DejaVu Sans' ascent and descent come to 1.164 em), which
// the page centres on its Y (dominant-baseline: central).
func textHalfHeight(size float64) float64 { return 0.6 * size }

// box is a rectangle in a stage column: X in pixels from the column's
// centre, Y from the curve's top.
type box struct{ x0, y0, x1, y1 float64 }

func around(x, y, rx, ry float64) box { return box{x - rx, y - ry, x + rx, y + ry} }

func (b box) hits(o box) bool { return b.x0 < o.x1 && o.x0 < b.x1 && b.y0 < o.y1 && o.y0 < b.y1 }

// curveSize is the size of one stage's slot and the padding of a curve.
type curveSize struct {
	slot, height, padY float64
	width              float64 // when set, the whole curve's width: slots shrink to fit
	marks              bool    // touchpoint marks and values written: a journey page's curve
	marker             float64 // the radius of a series' markers
	spread             float64 // how far apart series' points of one stage sit, so none hides another
	spreadMax          float64 // how far apart the outermost may sit
	// minSlot is the narrowest, in CSS pixels, a stage column gets on a
	// journey page (a 12-stage map printed on A4 landscape): what a
	// column draws stays within minSlot/2 of its centre.
	minSlot float64
	// room is what a journey page adds above and below the curve, for
	// values written beyond a ringed point at either end of the scale.
	room float64
}

var (
	timelineCurve = curveSize{slot: 200, height: 150, padY: 18, marks: true, marker: 6.5, spread: 14, spreadMax: 50, minSlot: 76, room: 12}
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

// markerReach is how far a series' marker of shape reaches from its
// centre, its halo included.
func markerReach(shape string, r float64) float64 {
	switch shape {
	case "triangle", "triangle-down":
		return 1.2*r + markerHalo
	case "diamond":
		return 1.25*r + markerHalo
	}
	return r + markerHalo
}

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
		l := Level{Y: c.y(float64(v)), Value: v, Label: e.String() + " " + e.Label(), Neutral: v == 0}
		if l.Labelled() {
			l.Tick = e.String()
		}
		c.Levels = append(c.Levels, l)
	}
	for i, s := range stages {
		cx := c.x(i)
		if sz.marks {
			c.Columns = append(c.Columns, CurveColumn{Stage: s, Left: c.at(sz.slot * float64(i)), Width: c.at(sz.slot), Assumed: assumed(s)})
		}
		if e := feel(s); e.Set {
			c.Points = append(c.Points, CurvePoint{X: round1(cx), At: c.at(cx), Y: c.y(e.Value), Stage: s, Emotion: e})
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
		inner := pointR + pointHalo + markR + markHalo + markInset
		if s.MomentOfTruth {
			inner = motRingR + ringHalo + markR + markHalo + markInset
		}
		for k, t := range own {
			c.Marks = append(c.Marks, CurveMark{X: round1(cx), At: c.at(cx), DX: markDX(k, len(own), inner, sz.minSlot/2-markR-markHalo, i == 0), Y: c.y(t.Emotion.Value), Touchpoint: t})
		}
	}
	c.Path = smoothPath(c.Points)
	c.Backed, c.Assumed = splitPath(c.Points)
	return c
}

// markDX is where the k-th of n marks of a stage sits, in pixels from its
// column's centre: in the touchpoints' order from left to right, the
// first half on the left of the stage's point and the rest on its right,
// inner to outer pixels away, closer together when many. The first
// stage's all go on the right, clear of the ticks at the left edge.
func markDX(k, n int, inner, outer float64, first bool) float64 {
	left := (n + 1) / 2
	if first {
		left = 0
	}
	step := 12.0
	if most := max(left, n-left); most > 1 {
		step = min(step, (outer-inner)/float64(most-1))
	}
	if k < left {
		return round1(-inner - step*float64(left-1-k))
	}
	return round1(inner + step*float64(k-left))
}

// assumed reports whether a stage is the team's assumption: it lists no
// evidence.
func assumed(s *content.Stage) bool { return s != nil && len(s.Evidence) == 0 }

// x is the centre of stage column i.
func (c *Curve) x(i int) float64 { return c.sz.slot*float64(i) + c.sz.slot/2 }

// col is the stage column x is in.
func (c *Curve) col(x float64) int { return int(x / c.sz.slot) }

// at is x as a percentage of the curve's width, for the fluid curve.
func (c *Curve) at(x float64) string {
	s := strconv.FormatFloat(x/c.Width*100, 'f', 3, 64)
	return strings.TrimSuffix(strings.TrimRight(s, "0"), ".") + "%"
}

// y is where value v sits: +2 on the top padding, -2 on the bottom one.
func (c *Curve) y(v float64) float64 {
	return round1(c.sz.padY + (content.MaxEmotion-v)/(content.MaxEmotion-content.MinEmotion)*(c.sz.height-2*c.sz.padY))
}

// personaDX is how far the i-th of n personas' points sit from their
// column's centre, in pixels.
func (c *Curve) personaDX(i, n int) float64 {
	spread := c.sz.spread
	if n > 1 {
		spread = min(spread, c.sz.spreadMax/float64(n-1))
	}
	return round1((float64(i) - float64(n-1)/2) * spread)
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
	// The values are placed by markWorst, which a journey page calls
	// with its lowest point or none: the ring is one more thing to clear.
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
		se := &CurveSeries{Key: p.Slug, Name: p.Name, Shape: st.shape, Tone: st.tone, Legend: st.legend, DX: c.personaDX(i, n)}
		for k, s := range j.Stages {
			if e := s.Emotion.For(p.Slug); e.Set {
				se.add(c, s, e, c.x(k))
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
	// Today's line is told apart by its dashes: not split by evidence.
	se.Backed, se.Assumed = se.Path, ""
	return se
}

func (se *CurveSeries) add(c *Curve, s *content.Stage, e content.Emotion, x float64) {
	p := SeriesPoint{X: round1(x), At: c.at(x), Y: c.y(e.Value), Stage: s, Emotion: e}
	p.Marker = marker(se.Shape, se.DX, p.Y, c.sz.marker)
	se.Points = append(se.Points, p)
}

func (se *CurveSeries) finish() {
	pts := make([]CurvePoint, len(se.Points))
	for i, p := range se.Points {
		pts[i] = CurvePoint{X: p.X, Y: p.Y, Stage: p.Stage}
	}
	se.Path = smoothPath(pts)
	se.Backed, se.Assumed = splitPath(pts)
}

// placeLabels works out where a journey page's curve writes its values:
// each stage's, each persona's at each stage, and the lowest point's
// when it is a touchpoint's. A value goes below a positive point and
// above the others, as the eye expects, unless something is there: a
// point, a mark, a marker, a ring, a tick or a value written before. Then
// it goes to the nearest place that is clear, a little further out, on
// the other side, or a little aside. Each column is worked out on its
// own (they never reach into each other, see Curve), in pixels. A tick
// that the first column's points or marks would cover is left out.
func (c *Curve) placeLabels() {
	if !c.sz.marks {
		return
	}
	clear := make([][]box, max(len(c.Columns), 1)) // what each column's values keep clear of
	keep := func(x float64, b box) {
		if k := c.col(x); k >= 0 && k < len(clear) {
			clear[k] = append(clear[k], b)
		}
	}
	type value struct {
		x, dx, y, reach float64
		text            string
		below           bool
		to              *CurveLabel
	}
	var values []value
	anchors := make([][][2]float64, len(clear)) // the points and markers of each column
	for _, m := range c.Marks {
		keep(m.X, around(m.DX, m.Y, markR+markHalo, markR+markHalo))
		if k := c.col(m.X); k >= 0 && k < len(anchors) {
			anchors[k] = append(anchors[k], [2]float64{m.DX, m.Y})
		}
	}
	if c.Series == nil {
		for i := range c.Points {
			p := &c.Points[i]
			reach := pointR + pointHalo
			if p.Stage.MomentOfTruth {
				reach = motRingR + ringHalo
			}
			keep(p.X, around(0, p.Y, reach, reach))
			values = append(values, value{p.X, 0, p.Y, reach, p.Emotion.String(), p.Emotion.Value > 0, &p.Label})
		}
	}
	if c.Today != nil {
		for _, p := range c.Today.Points {
			r := markerReach(c.Today.Shape, c.sz.marker) + ringHalo
			keep(p.X, around(0, p.Y, r, r))
			if k := c.col(p.X); k >= 0 && k < len(anchors) {
				anchors[k] = append(anchors[k], [2]float64{0, p.Y})
			}
		}
	}
	for _, se := range c.Series {
		for i := range se.Points {
			p := &se.Points[i]
			reach := markerReach(se.Shape, c.sz.marker)
			if p.Stage.MomentOfTruth {
				reach = max(reach, seriesMotRing+ringHalo)
			}
			keep(p.X, around(se.DX, p.Y, reach, reach))
			values = append(values, value{p.X, se.DX, p.Y, reach, p.Emotion.String(), p.Emotion.Value > 0, &p.Label})
		}
	}
	if w := c.Worst; w != nil {
		reach := w.R + ringHalo
		keep(w.X, around(w.DX, w.Y, reach, reach))
		w.Label = nil
		if w.Moment.Touchpoint != nil {
			w.Label = &CurveLabel{}
			values = append(values, value{w.X, w.DX, w.Y, reach, w.Moment.Emotion.String(), false, w.Label})
		}
	}
	// Ticks: the first column's centre is at least minSlot/2 from the
	// left edge; nearer, its things could only be further from the ticks.
	for i := range c.Levels {
		l := &c.Levels[i]
		if !l.Labelled() {
			continue
		}
		e := content.Emotion{Value: float64(l.Value), Set: true}
		tick := box{math.Inf(-1), l.Y - textHalfHeight(tickFont), tickX + textWidth(e.String(), tickFont, true) - c.sz.minSlot/2, l.Y + textHalfHeight(tickFont)}
		l.Tick = e.String()
		for _, b := range clear[0] {
			if b.hits(tick) {
				l.Tick = ""
			}
		}
		if l.Tick != "" {
			clear[0] = append(clear[0], tick)
		}
	}
	for _, v := range values {
		if k := c.col(v.x); k >= 0 && k < len(clear) {
			anchors[k] = append(anchors[k], [2]float64{v.dx, v.y})
		}
	}
	for _, v := range values {
		k := c.col(v.x)
		if k < 0 || k >= len(clear) {
			continue
		}
		var others [][2]float64
		for _, a := range anchors[k] {
			if a != [2]float64{v.dx, v.y} {
				others = append(others, a)
			}
		}
		*v.to = c.placeLabel(clear[k], others, v.dx, v.y, v.reach, v.below, textWidth(v.text, valueFont, true))
		clear[k] = append(clear[k], around(v.to.X, v.to.Y, textWidth(v.text, valueFont, true)/2+labelGap, textHalfHeight(valueFont)+labelGap))
	}
}

// seriesMotRing is the radius of the moment-of-truth ring around a
// persona's marker.
const seriesMotRing = 11.5

// A labelMove is one place a value may go, relative to what it is the
// value of: above or below it (Aside false; Side 1 is the side the value
// prefers), Out further than the nearest, DX aside; or beside it (Aside
// true; Side 1 on the right), Out further than the nearest, DY up or down.
// Cost says how much worse than the first it reads.
type labelMove struct {
	aside              bool
	side, out, d, cost float64
}

// labelMoves are every place placeLabel tries, cheapest first, worked out
// once: most values take the first, and none goes past the first clear
// one.
var labelMoves = func() []labelMove {
	var out []labelMove
	for o := 0.0; o <= 40; o += 2 {
		for _, side := range []float64{1, -1} {
			for _, dx := range []float64{0, -4, 4, -8, 8, -12, 12, -16, 16} {
				cost := o + math.Abs(dx)
				if side < 0 {
					cost += 8
				}
				out = append(out, labelMove{false, side, o, dx, cost})
			}
		}
	}
	for o := 0.0; o <= 24; o += 2 {
		for dy := -14.0; dy <= 14; dy += 2 {
			for _, side := range []float64{1, -1} {
				out = append(out, labelMove{true, side, o, dy, 6 + math.Abs(dy) + o})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b labelMove) int { return cmp.Compare(a.cost, b.cost) })
	return out
}()

// misread is what a value costs that sits nearer another point than its
// own: it reads as the other's.
const misread = 30.0

// placeLabel is where a value of width w goes beside what sits at (x, y)
// and reaches reach from it: the cheapest of labelMoves (nearest first, on
// the side the value prefers, below or above) that covers nothing of
// taken, stays on the curve (Room included) and in its column, and is no
// nearer to one of others, the column's other points, than to its own;
// where none is clear, the one that covers least.
func (c *Curve) placeLabel(taken []box, others [][2]float64, x, y, reach float64, below bool, w float64) CurveLabel {
	h := textHalfHeight(valueFont)
	half := c.sz.minSlot / 2
	near, aside := reach+labelGap+h, reach+labelGap+w/2
	prefer := -1.0
	if below {
		prefer = 1
	}
	best, bestCost, bestHits := CurveLabel{X: x, Y: y - near}, math.Inf(1), math.MaxInt
	for _, m := range labelMoves {
		if bestHits == 0 && m.cost >= bestCost {
			break // nothing further on is cheaper
		}
		var lx, ly float64
		if m.aside {
			lx, ly = x+m.side*(aside+m.out), y+m.d
		} else {
			lx, ly = x+m.d, y+m.side*prefer*(near+m.out)
		}
		text := around(lx, ly, w/2, h)
		if text.y0 < -c.sz.room || text.y1 > c.Height+c.sz.room || text.x0 < -half || text.x1 > half {
			continue
		}
		cost := m.cost
		own := math.Hypot(lx-x, ly-y)
		for _, o := range others {
			if math.Hypot(lx-o[0], ly-o[1]) < own {
				cost += misread
				break
			}
		}
		hits := 0
		room := around(lx, ly, w/2+labelGap, h+labelGap)
		for _, b := range taken {
			if room.hits(b) {
				hits++
			}
		}
		if hits < bestHits || (hits == bestHits && cost < bestCost) {
			best, bestCost, bestHits = CurveLabel{X: round1(lx), Y: round1(ly)}, cost, hits
		}
	}
	return best
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

// HasMoment reports whether a point of the curve is a moment of truth's,
// for the legend.
func (c *Curve) HasMoment() bool {
	if c.Series == nil {
		return slices.ContainsFunc(c.Points, func(p CurvePoint) bool { return p.Stage.MomentOfTruth })
	}
	for _, se := range c.Series {
		if slices.ContainsFunc(se.Points, func(p SeriesPoint) bool { return p.Stage.MomentOfTruth }) {
			return true
		}
	}
	return false
}

// HasAssumed reports whether the curve draws a stage as assumed, for the
// legend.
func (c *Curve) HasAssumed() bool {
	for _, col := range c.Columns {
		if col.Assumed {
			return true
		}
	}
	return false
}

// Summary is the curve in words, for the SVG's accessible name: each
// line's stages and values, and the stages that no research backs.
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
	var guesses []string
	for _, col := range c.Columns {
		if col.Assumed {
			guesses = append(guesses, col.Stage.Name)
		}
	}
	if len(guesses) > 0 {
		if len(c.Series) == 0 && c.Today == nil {
			b.WriteString(". ")
		}
		b.WriteString("Assumed, with no research behind them: " + strings.Join(guesses, ", ") + ".")
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
			b.WriteString(moveTo(p))
			continue
		}
		b.WriteString(curveTo(pts[i-1], p, i > 1, pts[max(i-2, 0)]))
	}
	return b.String()
}

func moveTo(p CurvePoint) string { return "M" + Num(p.X) + " " + Num(p.Y) }

// curveTo is smoothPath's piece from q to p. Its first control point,
// level with q, is the mirror image of the second of the piece before
// (from o to q, when after is set) where the points are evenly spaced, as
// a curve's stages are: the piece is then written short, as an S (every
// point of a card's sparkline, hundreds on a list page, is some 9 bytes
// less). Drawn from the coordinates as written, the mirror image is at
// most a tenth of a unit from the control point a C would write, where
// the spacing is a whole number of tenths only when rounded (23.3 or
// 23.4 between a sparkline's points): a curve that looks the same.
func curveTo(q, p CurvePoint, after bool, o CurvePoint) string {
	mid := (q.X + p.X) / 2
	if after && math.Abs(2*round1(q.X)-round1((o.X+q.X)/2)-round1(mid)) <= 0.1+1e-9 {
		return " S" + Num(mid) + " " + Num(p.Y) + " " + Num(p.X) + " " + Num(p.Y)
	}
	return " C" + Num(mid) + " " + Num(q.Y) + " " + Num(mid) + " " + Num(p.Y) + " " + Num(p.X) + " " + Num(p.Y)
}

// splitPath is smoothPath in two: the pieces between two points whose
// stages list evidence (backed), and those that touch a stage that lists
// none (assumed).
func splitPath(pts []CurvePoint) (backed, assumedPath string) {
	var out [2]strings.Builder
	end := [2]int{-1, -1} // the point each path has got to
	for i := 1; i < len(pts); i++ {
		q, p := pts[i-1], pts[i]
		k := 0
		if assumed(q.Stage) || assumed(p.Stage) {
			k = 1
		}
		after := end[k] == i-1 && i > 1
		if !after && end[k] != i-1 {
			if out[k].Len() > 0 {
				out[k].WriteString(" ")
			}
			out[k].WriteString(moveTo(q))
		}
		out[k].WriteString(curveTo(q, p, after, pts[max(i-2, 0)]))
		end[k] = i
	}
	return out[0].String(), out[1].String()
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// Num prints a coordinate compactly: 12, 12.5.
func Num(f float64) string {
	var b [24]byte
	return string(AppendNum(b[:0], f))
}

// AppendNum appends Num(f) to dst: round1(f) as its shortest decimal.
// Markup written in Go writes hundreds of coordinates a page with it,
// without a string for each.
func AppendNum(dst []byte, f float64) []byte {
	// A coordinate is a whole number of tenths, t, below 10^15: its
	// shortest decimal is t's digits with a point before the last (a
	// double holds every decimal of 15 digits apart from the others), so
	// it is written without strconv's search for the shortest.
	if t := math.Round(f * 10); t > -1e15 && t < 1e15 { // false for NaN
		if math.Signbit(t) { // -0 too, as strconv writes it
			dst = append(dst, '-')
			t = -t
		}
		n := int64(t)
		dst = strconv.AppendInt(dst, n/10, 10)
		if d := n % 10; d != 0 {
			dst = append(dst, '.', byte('0'+d))
		}
		return dst
	}
	return strconv.AppendFloat(dst, round1(f), 'f', -1, 64)
}

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
