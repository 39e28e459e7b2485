package pagedata

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// wantY is where value v belongs on a curve of size sz: +2 on the top
// padding, -2 on the bottom one, linear between.
func wantY(sz curveSize, v float64) float64 {
	top, bottom := sz.padY, sz.height-sz.padY
	return top + (2-v)/4*(bottom-top)
}

func near(a, b float64) bool { return math.Abs(a-b) <= 0.051 } // coordinates are rounded to 0.1

func TestNewCurveTimeline(t *testing.T) {
	web := &config.Channel{ID: "web"}
	j := &content.Journey{}
	own1, own2 := tp("Product page", emo(1), web), tp("Chat", emo(-1), web)
	plain := tp("Reviews", content.Emotion{}, web)
	late := tp("Courier", emo(-2), web)
	s0 := stage(j, "research", emo(2), own1, plain, own2)
	s1 := stage(j, "compare", emo(0))
	s2 := stage(j, "checkout", emo(-2))
	stage(j, "wait", content.Emotion{}, late) // no point, keeps its slot
	s4 := stage(j, "ride", emo(1))

	sz := timelineCurve
	c := newCurve(j.Stages, sz)

	if c.Width != sz.slot*5 || c.Height != sz.height {
		t.Errorf("size = %v×%v, want %v×%v", c.Width, c.Height, sz.slot*5, sz.height)
	}
	wantPts := []struct {
		slot int
		v    float64
		s    *content.Stage
	}{{0, 2, s0}, {1, 0, s1}, {2, -2, s2}, {4, 1, s4}}
	if len(c.Points) != len(wantPts) {
		t.Fatalf("got %d points, want %d: %+v", len(c.Points), len(wantPts), c.Points)
	}
	for i, w := range wantPts {
		p := c.Points[i]
		x := sz.slot*float64(w.slot) + sz.slot/2
		if !near(p.X, x) || !near(p.Y, wantY(sz, w.v)) || p.Stage != w.s {
			t.Errorf("point %d = (%v, %v, %s), want (%v, %v, %s)", i, p.X, p.Y, p.Stage.ID, x, wantY(sz, w.v), w.s.ID)
		}
	}
	// The scale's ends sit exactly on the padding, the middle halfway.
	if c.Points[0].Y != sz.padY {
		t.Errorf("+2 at y=%v, want the top padding %v", c.Points[0].Y, sz.padY)
	}
	if c.Points[2].Y != sz.height-sz.padY {
		t.Errorf("-2 at y=%v, want the bottom padding %v", c.Points[2].Y, sz.height-sz.padY)
	}
	if c.Points[1].Y != sz.height/2 {
		t.Errorf("0 at y=%v, want the middle %v", c.Points[1].Y, sz.height/2)
	}

	// Marks: only touchpoints with their own emotion, in their stage's
	// column, in order from left to right, clear of the stage's point and
	// within the narrowest column, even where the stage has no point.
	wantMarks := []struct {
		t    *content.Touchpoint
		slot int
	}{{own1, 0}, {own2, 0}, {late, 3}}
	if len(c.Marks) != len(wantMarks) {
		t.Fatalf("got %d marks, want %d", len(c.Marks), len(wantMarks))
	}
	for i, w := range wantMarks {
		m := c.Marks[i]
		x := sz.slot*float64(w.slot) + sz.slot/2
		clear := pointR + pointHalo + markR
		if m.Touchpoint != w.t || m.X != x || math.Abs(m.DX) < clear || math.Abs(m.DX)+markR > sz.minSlot/2 || !near(m.Y, wantY(sz, w.t.Emotion.Value)) {
			t.Errorf("mark %d = (%v%+v px, %v, %s), want %s at x %v, %v to %v px off, at y %v", i, m.X, m.DX, m.Y, m.Touchpoint.Name, w.t.Name, x, clear, sz.minSlot/2-markR, wantY(sz, w.t.Emotion.Value))
		}
	}
	if c.Marks[0].DX >= c.Marks[1].DX {
		t.Errorf("marks of one stage overlap or are out of order: %v, %v", c.Marks[0].DX, c.Marks[1].DX)
	}

	// Evenly spaced, a piece is an S, its first control point the mirror
	// image of the one before; after a gap (an unrated stage), a C again.
	wantPath := "M100 18 C200 18 200 75 300 75 S400 132 500 132 C700 132 700 46.5 900 46.5"
	if c.Path != wantPath {
		t.Errorf("Path = %q, want %q", c.Path, wantPath)
	}
}

func TestCurvePath(t *testing.T) {
	tests := []struct {
		name     string
		emotions []content.Emotion
		want     string
	}{
		{"no stages", nil, ""},
		{"no emotions", []content.Emotion{{}, {}}, ""},
		{"one point", []content.Emotion{emo(0)}, "M100 75"},
		{"two points", []content.Emotion{emo(-1), emo(1)}, "M100 103.5 C200 103.5 200 46.5 300 46.5"},
		{"gap between points", []content.Emotion{emo(1), {}, emo(1)}, "M100 46.5 C300 46.5 300 46.5 500 46.5"},
		{"fractional value", []content.Emotion{emo(0.5)}, "M100 60.8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			for i, e := range tt.emotions {
				stage(j, fmt.Sprint("s", i), e)
			}
			c := newCurve(j.Stages, timelineCurve)
			if c.Path != tt.want {
				t.Errorf("Path = %q, want %q", c.Path, tt.want)
			}
			if len(c.Points) > 0 {
				if !strings.HasPrefix(c.Path, "M") {
					t.Errorf("Path %q does not start with M", c.Path)
				}
				if n := strings.Count(c.Path, "C") + strings.Count(c.Path, "S"); n != len(c.Points)-1 {
					t.Errorf("Path has %d C segments for %d points", n, len(c.Points))
				}
			}
		})
	}
}

func TestCurveLevels(t *testing.T) {
	for _, sz := range []curveSize{timelineCurve, sparkCurve} {
		c := newCurve(nil, sz)
		var vals []int
		neutral := 0
		for i, l := range c.Levels {
			vals = append(vals, l.Value)
			if l.Neutral {
				neutral++
				if l.Value != 0 {
					t.Errorf("level %d is neutral", l.Value)
				}
			}
			if !near(l.Y, wantY(sz, float64(l.Value))) {
				t.Errorf("level %d at y=%v, want %v", l.Value, l.Y, wantY(sz, float64(l.Value)))
			}
			if i > 0 && l.Y <= c.Levels[i-1].Y {
				t.Errorf("levels not top to bottom: %v after %v", l.Y, c.Levels[i-1].Y)
			}
		}
		if !reflect.DeepEqual(vals, []int{2, 1, 0, -1, -2}) {
			t.Errorf("level values = %v", vals)
		}
		if neutral != 1 {
			t.Errorf("%d neutral levels, want 1", neutral)
		}
		var labels []string
		for _, l := range c.Levels {
			labels = append(labels, l.Label)
		}
		want := []string{"+2 very positive", "+1 positive", "0 neutral", "-1 negative", "-2 very negative"}
		if !reflect.DeepEqual(labels, want) {
			t.Errorf("labels = %q, want %q", labels, want)
		}
	}
}

func TestSparkCurveFitsItsWidth(t *testing.T) {
	web := &config.Channel{ID: "web"}
	for _, n := range []int{0, 1, 2, 3, 7, 11, 40} {
		t.Run(fmt.Sprint(n, " stages"), func(t *testing.T) {
			j := &content.Journey{}
			for i := range n {
				// Alternate the extremes; touchpoints never make marks on a sparkline.
				v := 2.0
				if i%2 == 1 {
					v = -2
				}
				stage(j, fmt.Sprint("s", i), emo(v), tp("t", emo(-v), web))
			}
			c := newCurve(j.Stages, sparkCurve)
			if math.Abs(c.Width-sparkCurve.width) > 1e-9 || c.Height != sparkCurve.height {
				t.Errorf("size = %v×%v, want %v×%v", c.Width, c.Height, sparkCurve.width, sparkCurve.height)
			}
			if len(c.Points) != n {
				t.Fatalf("%d points for %d stages", len(c.Points), n)
			}
			if len(c.Marks) != 0 {
				t.Errorf("sparkline has %d marks", len(c.Marks))
			}
			slot := sparkCurve.width / float64(n)
			for i, p := range c.Points {
				if p.X < 0 || p.X > c.Width || p.Y < 0 || p.Y > c.Height {
					t.Errorf("point %d (%v, %v) outside %v×%v", i, p.X, p.Y, c.Width, c.Height)
				}
				if !near(p.X, slot*float64(i)+slot/2) {
					t.Errorf("point %d at x=%v, want %v", i, p.X, slot*float64(i)+slot/2)
				}
			}
			if n > 0 && (c.Points[0].Y != sparkCurve.padY) {
				t.Errorf("+2 at y=%v, want %v", c.Points[0].Y, sparkCurve.padY)
			}
			if n > 1 && (c.Points[1].Y != sparkCurve.height-sparkCurve.padY) {
				t.Errorf("-2 at y=%v, want %v", c.Points[1].Y, sparkCurve.height-sparkCurve.padY)
			}
		})
	}
}

func TestNewCurveEmpty(t *testing.T) {
	for _, stages := range [][]*content.Stage{nil, {}} {
		for _, sz := range []curveSize{timelineCurve, sparkCurve} {
			c := newCurve(stages, sz)
			if len(c.Points) != 0 || len(c.Marks) != 0 || c.Path != "" {
				t.Errorf("empty curve has points %v, marks %v, path %q", c.Points, c.Marks, c.Path)
			}
			if c.Width <= 0 || len(c.Levels) != 5 {
				t.Errorf("empty curve: width %v, %d levels", c.Width, len(c.Levels))
			}
		}
	}
}

func TestNum(t *testing.T) {
	tests := []struct {
		f    float64
		want string
	}{{12, "12"}, {12.5, "12.5"}, {12.04, "12"}, {12.06, "12.1"}, {0, "0"}, {-3.25, "-3.3"}, {46.66666, "46.7"},
		{-0.04, "-0"}, {math.Copysign(0, -1), "-0"}, {-12.34, "-12.3"}, {99999999999999.9, "99999999999999.9"},
		{1e15, "1000000000000000"}, {-2.5e20, "-250000000000000000000"}, {math.Inf(1), "+Inf"}, {math.NaN(), "NaN"}}
	for _, tt := range tests {
		if got := Num(tt.f); got != tt.want {
			t.Errorf("Num(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// AppendNum writes a tenth without strconv; it must write what strconv
// writes of round1(f), the shortest decimal, whatever f.
func FuzzAppendNum(f *testing.F) {
	for _, v := range []float64{0, -0.04, 0.05, 0.15, -0.05, 12.34, -1e15 + 0.5, 1e15 - 0.05, 999999999999999.9, 1e300, 5e-324, math.MaxFloat64} {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, v float64) {
		want := strconv.FormatFloat(round1(v), 'f', -1, 64)
		if got := string(AppendNum([]byte("x"), v)); got != "x"+want {
			t.Errorf("AppendNum(%v) = %q, want x%q", v, got, want)
		}
	})
}

// A value goes below a positive point and above the others where that is
// clear, as the eye expects.
func TestCurveLabelSide(t *testing.T) {
	j := &content.Journey{}
	for i, v := range []float64{1, -1, 0, 2, -2} {
		stage(j, fmt.Sprint("s", i), emo(v))
	}
	c := journeyCurve(j, nil)
	c.markWorst(j, worstMoment(j))
	for _, p := range c.Points {
		below := p.Label.Y > p.Y
		if below != (p.Emotion.Value > 0) || p.Label.X != 0 {
			t.Errorf("%s (%v) at y %v: value at (%v, %v), want right %s it", p.Stage.ID, p.Emotion, p.Y, p.Label.X, p.Label.Y, map[bool]string{true: "below", false: "above"}[p.Emotion.Value > 0])
		}
	}
}

// curveBoxes is what a journey page's curve draws, each thing's box in
// pixels with its stage columns as narrow as they get (minSlot), and which
// of them are written values.
func curveBoxes(c *Curve) (things, values map[string]box) {
	things, values = map[string]box{}, map[string]box{}
	slot := c.sz.minSlot
	colX := func(x float64) float64 { return float64(c.col(x))*slot + slot/2 }
	h := textHalfHeight(valueFont)
	value := func(name string, x float64, l CurveLabel, text string) {
		values[name] = around(colX(x)+l.X, l.Y, textWidth(text, valueFont, true)/2, h)
	}
	for _, m := range c.Marks {
		things["mark "+m.Touchpoint.Name] = around(colX(m.X)+m.DX, m.Y, markR, markR)
	}
	if c.Series == nil {
		for _, p := range c.Points {
			r := pointR
			if p.Stage.MomentOfTruth {
				r = motRingR
			}
			things["point "+p.Stage.ID] = around(colX(p.X), p.Y, r, r)
			value("value "+p.Stage.ID, p.X, p.Label, p.Emotion.String())
		}
	}
	for _, se := range append([]*CurveSeries{c.Today}, c.Series...) {
		if se == nil {
			continue
		}
		for _, p := range se.Points {
			r := markerReach(se.Shape, c.sz.marker) - markerHalo
			things[se.Key+" "+p.Stage.ID] = around(colX(p.X)+se.DX, p.Y, r, r)
			if se != c.Today {
				value(se.Key+" value "+p.Stage.ID, p.X, p.Label, p.Emotion.String())
			}
		}
	}
	if w := c.Worst; w != nil {
		things["worst ring"] = around(colX(w.X)+w.DX, w.Y, w.R, w.R)
		if w.Label != nil {
			value("worst value", w.X, *w.Label, w.Moment.Emotion.String())
		}
	}
	for _, l := range c.Levels {
		if l.Tick != "" {
			values["tick "+l.Tick] = box{tickX, l.Y - textHalfHeight(tickFont), tickX + textWidth(l.Tick, tickFont, true), l.Y + textHalfHeight(tickFont)}
		}
	}
	return things, values
}

// No value is written over a point, mark, marker, ring, tick or another
// value, nor off the curve, even with the stage columns at their
// narrowest; the browser test (themes/curve_browser_test.go) checks the
// same of the drawn page.
func TestCurveLabelsClear(t *testing.T) {
	web := &config.Channel{ID: "web"}
	many := func(vs ...float64) []*content.Touchpoint {
		var out []*content.Touchpoint
		for i, v := range vs {
			out = append(out, tp(fmt.Sprint("t", i), emo(v), web))
		}
		return out
	}
	tests := []struct {
		name  string
		build func(j *content.Journey) *Comparison
	}{
		{"a -2 touchpoint in a -1 stage, lowest", func(j *content.Journey) *Comparison {
			stage(j, "a", emo(1))
			stage(j, "b", emo(-1), many(-2, -1, -0.5)...)
			stage(j, "c", emo(0))
			return nil
		}},
		{"the lowest point a moment of truth", func(j *content.Journey) *Comparison {
			stage(j, "a", emo(0), many(0, 0.5)...)
			stage(j, "b", emo(-2), many(-2, -1.5, -1)...).MomentOfTruth = true
			stage(j, "c", emo(2), many(2, 2, 1.5, 2)...).MomentOfTruth = true
			return nil
		}},
		{"first stage on every tick", func(j *content.Journey) *Comparison {
			stage(j, "a", emo(0), many(2, 0, -2, 1, -1, 0.5)...)
			stage(j, "b", emo(-2))
			return nil
		}},
		{"two personas, equal and apart", func(j *content.Journey) *Comparison {
			personas(j, "dana", "priya")
			stage(j, "a", per("dana", 1.0, "priya", 1.0))
			stage(j, "b", per("dana", -1.0, "priya", -2.0)).MomentOfTruth = true
			stage(j, "c", per("dana", -0.5, "priya", -1.5))
			stage(j, "d", per("dana", 2.0, "priya", -2.0))
			return nil
		}},
		{"six personas", func(j *content.Journey) *Comparison {
			personas(j, "a1", "b2", "c3", "d4", "e5", "f6")
			stage(j, "a", per("a1", 1.0, "b2", 1.0, "c3", 1.0, "d4", 1.0, "e5", 1.0, "f6", 1.0))
			stage(j, "b", per("a1", -2.0, "b2", -1.5, "c3", -1.0, "d4", -0.5, "e5", 0.0, "f6", 0.5))
			return nil
		}},
		{"future over today", func(j *content.Journey) *Comparison {
			j.State = "future"
			cur := &content.Journey{}
			var cmp Comparison
			for i, v := range [][2]float64{{1, 1}, {0, -0.5}, {-1, -0.5}, {2, 1.5}, {-0.5, -1.5}} {
				s := stage(j, fmt.Sprint("s", i), emo(v[0]), many(v[0]-0.5)...)
				was := stage(cur, fmt.Sprint("s", i), emo(v[1]))
				cmp.Stages = append(cmp.Stages, StageChange{Stage: s, Was: was})
			}
			return &cmp
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			cmp := tt.build(j)
			c := journeyCurve(j, cmp)
			c.markWorst(j, worstMoment(j))
			things, values := curveBoxes(c)
			if len(values) == 0 {
				t.Fatal("no values written")
			}
			for name, v := range values {
				if v.y0 < -c.Room() || v.y1 > c.Height+c.Room() {
					t.Errorf("%s off the curve: %+v", name, v)
				}
				for other, b := range things {
					if v.hits(b) {
						t.Errorf("%s over %s", name, other)
					}
				}
				for other, b := range values {
					if other < name && v.hits(b) {
						t.Errorf("%s over %s", name, other)
					}
				}
			}
		})
	}
}

func TestMarkDX(t *testing.T) {
	for _, first := range []bool{false, true} {
		for n := 1; n <= 9; n++ {
			var got []float64
			for k := range n {
				got = append(got, markDX(k, n, 16, 32, first))
			}
			for k, dx := range got {
				if math.Abs(dx) < 16 || math.Abs(dx) > 32 || (k > 0 && dx <= got[k-1]) || (first && dx < 0) {
					t.Errorf("%d marks at %v (first stage %v): want them in order, 16 to 32 px off the centre, on the right in the first stage", n, got, first)
					break
				}
			}
		}
	}
}

func TestSplitPath(t *testing.T) {
	backed := []*content.Evidence{{Kind: "survey"}}
	j := &content.Journey{}
	for i, ev := range [][]*content.Evidence{backed, backed, nil, backed, backed} {
		stage(j, fmt.Sprint("s", i), emo(0)).Evidence = ev
	}
	c := newCurve(j.Stages, timelineCurve)
	if want := "M100 75 C200 75 200 75 300 75 M700 75 C800 75 800 75 900 75"; c.Backed != want {
		t.Errorf("Backed = %q, want %q", c.Backed, want)
	}
	if want := "M300 75 C400 75 400 75 500 75 S600 75 700 75"; c.Assumed != want {
		t.Errorf("Assumed = %q, want %q", c.Assumed, want)
	}
	var assumedCols []string
	for _, col := range c.Columns {
		if col.Assumed {
			assumedCols = append(assumedCols, col.Stage.ID+"@"+col.Left+"+"+col.Width)
		}
	}
	if got := strings.Join(assumedCols, " "); got != "s2@40%+20%" {
		t.Errorf("assumed columns %q, want s2@40%%+20%%", got)
	}
	if !c.HasAssumed() || !strings.HasSuffix(c.Summary(), "Assumed, with no research behind them: s2.") {
		t.Errorf("Summary %q does not name the assumed stage", c.Summary())
	}
}

// TestShortPiecesDrawTheSameCurve holds a path's S pieces to the C pieces
// they stand for: expanded from the coordinates as written (the first
// control point the mirror image of the one before), each is the C that
// curveTo would write in full, on evenly and unevenly spaced points, but
// for a first control point up to a tenth of a unit away where the
// spacing was rounded.
func TestShortPiecesDrawTheSameCurve(t *testing.T) {
	for _, xs := range [][]float64{
		{100, 300, 500, 700, 900, 1100},
		{11.7, 35, 58.3, 81.7, 105, 128.3},
		{8.333, 25, 41.667, 58.333, 75, 91.667, 108.333},
		{100, 300, 500, 900, 1100},
		{0, 33.3, 66.7, 100},
	} {
		pts := make([]CurvePoint, len(xs))
		for i, x := range xs {
			pts[i] = CurvePoint{X: x, Y: float64(10 + 7*(i%3))}
		}
		var full strings.Builder
		full.WriteString(moveTo(pts[0]))
		for i := 1; i < len(pts); i++ {
			full.WriteString(curveTo(pts[i-1], pts[i], false, pts[0]))
		}
		got, want := strings.Fields(expandS(t, smoothPath(pts))), strings.Fields(full.String())
		if len(got) != len(want) {
			t.Fatalf("%v: the short path draws %q, want %q", xs, got, want)
		}
		for i := range got {
			g, err1 := strconv.ParseFloat(strings.TrimLeft(got[i], "MC"), 64)
			w, err2 := strconv.ParseFloat(strings.TrimLeft(want[i], "MC"), 64)
			if err1 != nil || err2 != nil || math.Abs(g-w) > 0.1+1e-9 || got[i][0] != want[i][0] && (got[i][0] == 'M' || want[i][0] == 'M') {
				t.Errorf("%v: the short path draws %q, want %q", xs, got, want)
				break
			}
		}
	}
}

// expandS writes each S of path as the C it stands for.
func expandS(t *testing.T, path string) string {
	f := strings.Fields(strings.NewReplacer("M", "M ", "C", "C ", "S", "S ").Replace(path))
	num := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	var out []string
	var cx, x float64 // the last control point's and the current point's x
	for i := 0; i < len(f); {
		switch f[i] {
		case "M":
			out = append(out, "M"+f[i+1], f[i+2])
			x = num(f[i+1])
			i += 3
		case "C":
			out = append(out, "C"+f[i+1], f[i+2], f[i+3], f[i+4], f[i+5], f[i+6])
			cx, x = num(f[i+3]), num(f[i+5])
			i += 7
		case "S":
			y := out[len(out)-1] // the current point's y: the control is level with it
			out = append(out, "C"+Num(2*x-cx), y, f[i+1], f[i+2], f[i+3], f[i+4])
			cx, x = num(f[i+1]), num(f[i+3])
			i += 5
		default:
			t.Fatalf("unexpected %q in %q", f[i], path)
		}
	}
	return strings.Join(out, " ")
}
