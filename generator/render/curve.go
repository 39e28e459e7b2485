package render

import (
	"math"
	"strconv"
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Curve is the geometry of an emotion curve: one point per stage that has
// an emotion, evenly spaced so that point i sits over stage column i, and
// smaller marks for touchpoints that carry their own emotion. Templates
// draw it as inline SVG; all numbers are in the viewBox's units.
type Curve struct {
	Width, Height float64
	Points        []CurvePoint
	Marks         []CurveMark
	Path          string  // the SVG path through the points
	Levels        []Level // horizontal guides, +2 at the top to -2 at the bottom
}

// CurvePoint is a stage's point on the curve.
type CurvePoint struct {
	X, Y  float64
	Stage *content.Stage
}

// CurveMark is a touchpoint's own emotion, drawn within its stage's column.
type CurveMark struct {
	X, Y       float64
	Touchpoint *content.Touchpoint
}

// Level is a guide line on the curve.
type Level struct {
	Y       float64
	Value   int
	Label   string
	Neutral bool
}

// curveSize is the size of one stage's slot and the padding of a curve.
type curveSize struct {
	slot, height, padY float64
	width              float64 // when set, the whole curve's width: slots shrink to fit
	marks              bool
}

var (
	timelineCurve = curveSize{slot: 200, height: 150, padY: 18, marks: true}
	sparkCurve    = curveSize{width: 140, height: 36, padY: 5}
)

func newCurve(stages []*content.Stage, sz curveSize) *Curve {
	n := max(len(stages), 1)
	if sz.width > 0 {
		sz.slot = sz.width / float64(n)
	}
	c := &Curve{Width: sz.slot * float64(n), Height: sz.height}
	y := func(v float64) float64 {
		return round1(sz.padY + (content.MaxEmotion-v)/(content.MaxEmotion-content.MinEmotion)*(sz.height-2*sz.padY))
	}
	for v := content.MaxEmotion; v >= content.MinEmotion; v-- {
		e := content.Emotion{Value: float64(v), Set: true}
		c.Levels = append(c.Levels, Level{Y: y(float64(v)), Value: v, Label: e.String() + " " + e.Label(), Neutral: v == 0})
	}
	for i, s := range stages {
		cx := sz.slot*float64(i) + sz.slot/2
		if s.Emotion.Set {
			c.Points = append(c.Points, CurvePoint{X: round1(cx), Y: y(s.Emotion.Value), Stage: s})
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
			c.Marks = append(c.Marks, CurveMark{X: round1(x), Y: y(t.Emotion.Value), Touchpoint: t})
		}
	}
	c.Path = smoothPath(c.Points)
	return c
}

// smoothPath joins the points with cubic curves whose control points lie
// level with each end, which never overshoots the values it passes through.
func smoothPath(pts []CurvePoint) string {
	var b strings.Builder
	for i, p := range pts {
		if i == 0 {
			b.WriteString("M" + num(p.X) + " " + num(p.Y))
			continue
		}
		q := pts[i-1]
		mid := (q.X + p.X) / 2
		b.WriteString(" C" + num(mid) + " " + num(q.Y) + " " + num(mid) + " " + num(p.Y) + " " + num(p.X) + " " + num(p.Y))
	}
	return b.String()
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// num prints a coordinate compactly: 12, 12.5.
func num(f float64) string { return strconv.FormatFloat(round1(f), 'f', -1, 64) }
