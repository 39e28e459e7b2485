package pagedata

import (
	"fmt"
	"math"
	"reflect"
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

	// Marks: only touchpoints with their own emotion, within their stage's
	// slot (the middle half of it), in order, even where the stage has no
	// point.
	wantMarks := []struct {
		t    *content.Touchpoint
		slot int
	}{{own1, 0}, {own2, 0}, {late, 3}}
	if len(c.Marks) != len(wantMarks) {
		t.Fatalf("got %d marks, want %d", len(c.Marks), len(wantMarks))
	}
	for i, w := range wantMarks {
		m := c.Marks[i]
		lo, hi := sz.slot*float64(w.slot)+sz.slot/4, sz.slot*float64(w.slot)+sz.slot*3/4
		if m.Touchpoint != w.t || m.X < lo || m.X > hi || !near(m.Y, wantY(sz, w.t.Emotion.Value)) {
			t.Errorf("mark %d = (%v, %v, %s), want %s in x [%v, %v] at y %v", i, m.X, m.Y, m.Touchpoint.Name, w.t.Name, lo, hi, wantY(sz, w.t.Emotion.Value))
		}
	}
	if c.Marks[0].X >= c.Marks[1].X {
		t.Errorf("marks of one stage overlap or are out of order: %v, %v", c.Marks[0].X, c.Marks[1].X)
	}
	if c.Marks[2].X != sz.slot*3+sz.slot/2 {
		t.Errorf("a stage's only mark at x=%v, want its centre %v", c.Marks[2].X, sz.slot*3+sz.slot/2)
	}

	wantPath := "M100 18 C200 18 200 75 300 75 C400 75 400 132 500 132 C700 132 700 46.5 900 46.5"
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
				if n := strings.Count(c.Path, "C"); n != len(c.Points)-1 {
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
	}{{12, "12"}, {12.5, "12.5"}, {12.04, "12"}, {12.06, "12.1"}, {0, "0"}, {-3.25, "-3.3"}, {46.66666, "46.7"}}
	for _, tt := range tests {
		if got := Num(tt.f); got != tt.want {
			t.Errorf("Num(%v) = %q, want %q", tt.f, got, tt.want)
		}
	}
}

// A stage's value goes below a positive point and above the others, above
// on a compared curve, and to the other side where it would leave the
// curve or cover a level's label at the left edge, which only the first
// stage can reach.
func TestCurveLabelDY(t *testing.T) {
	for _, tc := range []struct {
		name     string
		compared bool
		values   []float64
		today    []float64 // today's values, on a compared curve
		want     []float64
	}{
		{"positive below, others above", false, []float64{2, 0, -2, 1.5}, nil, []float64{labelBelow, labelAbove, labelAbove, labelBelow}},
		{"compared: above", true, []float64{-1, -0.5}, nil, []float64{labelAbove, labelAbove}},
		{"compared, first stage under +2's label: below", true, []float64{1.5, 1.5, 2}, nil, []float64{labelBelow, labelAbove, labelBelow}},
		{"compared, +2: above would leave the curve", true, []float64{2, 2}, nil, []float64{labelBelow, labelBelow}},
		{"compared, under +2's label or over today's marker: over the marker", true, []float64{1.5, 2}, []float64{1, -1}, []float64{labelBelow, labelBelow}},
		{"compared, over today's marker below: above", true, []float64{0, 0}, []float64{-0.5, -0.5}, []float64{labelAbove, labelAbove}},
		{"compared, over today's marker above: below, unless on -2's label", true, []float64{-1, -1}, []float64{-0.5, -0.5}, []float64{labelAbove, labelBelow}},
		{"first stage at +1: below would cover neutral's label", false, []float64{1, 1}, nil, []float64{labelAbove, labelBelow}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := &content.Journey{}
			for i, v := range tc.values {
				stage(j, fmt.Sprint("s", i), emo(v))
			}
			c := newCurve(j.Stages, timelineCurve)
			if tc.compared {
				c.Today = &CurveSeries{Key: "today"}
				for i, v := range tc.today {
					c.Today.Points = append(c.Today.Points, SeriesPoint{X: c.Points[i].X, Y: c.y(v)})
				}
			}
			for i, p := range c.Points {
				if got := c.LabelDY(p); got != tc.want[i] {
					t.Errorf("stage %d (%v): dy %v, want %v", i, tc.values[i], got, tc.want[i])
				}
			}
		})
	}
}
