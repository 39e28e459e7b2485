package pagedata

import (
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
)

func TestCompare(t *testing.T) {
	now := &content.Journey{Title: "Today"}
	look := stage(now, "look", emo(-1))
	look.PainPoints = []string{"Jargon", "Closed at night"}
	look.Opportunities = []string{"Size finder", "Chat"}
	pay := stage(now, "pay", emo(-1.5))
	pay.PainPoints = []string{"Slow  Finance"}
	stage(now, "unrated", content.Emotion{})
	gone := stage(now, "queue", emo(-2))
	gone.PainPoints = []string{"Long queue"}

	later := &content.Journey{Title: "Later", State: "future", Current: now}
	l := stage(later, "look", emo(1))
	l.PainPoints = []string{"closed   at NIGHT"} // the same text, written differently: not resolved
	l.Opportunities = []string{"Chat", "Video"}
	stage(later, "pay", emo(-1.5)).PainPoints = []string{"Slow finance"}
	stage(later, "unrated", emo(1))
	stage(later, "ride", emo(2))

	c := compare(later)
	if c == nil || c.Current != now {
		t.Fatalf("compare = %+v", c)
	}
	want := []struct{ stage, change, trend, resolved, takenUp string }{
		{"look", "+2", "up", "Jargon", "Size finder"},
		{"pay", "no change", "same", "", ""},
		{"unrated", "—", "none", "", ""},
		{"ride", "new stage", "new", "", ""},
	}
	if len(c.Stages) != len(want) {
		t.Fatalf("%d stage changes, want %d", len(c.Stages), len(want))
	}
	for i, w := range want {
		g := c.Stages[i]
		if g.Stage.ID != w.stage || g.Change != w.change || g.Trend != w.trend ||
			strings.Join(g.Resolved, ";") != w.resolved || strings.Join(g.TakenUp, ";") != w.takenUp {
			t.Errorf("stage %d = %s %q %s resolves %q takes up %q; want %s %q %s %q %q",
				i, g.Stage.ID, g.Change, g.Trend, g.Resolved, g.TakenUp, w.stage, w.change, w.trend, w.resolved, w.takenUp)
		}
	}
	if len(c.Improved) != 1 || c.Improved[0].Stage.ID != "look" {
		t.Errorf("Improved = %v, want look only", c.Improved)
	}
	if len(c.Dropped) != 1 || c.Dropped[0] != gone {
		t.Errorf("Dropped = %v, want the queue", c.Dropped)
	}
	if compare(now) != nil {
		t.Error("a map that names no current state is compared")
	}
}

func TestStageChangeFigures(t *testing.T) {
	tests := []struct {
		was, now      float64
		change, trend string
	}{
		{-1.5, 0, "+1.5", "up"},
		{1, 0.5, "−0.5", "down"},
		{0.1, 0.3, "+0.2", "up"}, // not 0.19999999999999998
		{-2, 2, "+4", "up"},
		{1, 1, "no change", "same"},
	}
	for _, tt := range tests {
		got := stageChange(&content.Stage{Emotion: emo(tt.now)}, &content.Stage{Emotion: emo(tt.was)})
		if got.Change != tt.change || got.Trend != tt.trend {
			t.Errorf("%v → %v: %q %s, want %q %s", tt.was, tt.now, got.Change, got.Trend, tt.change, tt.trend)
		}
	}
}

func TestJourneyCurveToday(t *testing.T) {
	now := &content.Journey{}
	stage(now, "b", emo(-1))
	stage(now, "a", content.Emotion{}) // no value: no point
	stage(now, "gone", emo(2))
	later := &content.Journey{State: "future", Current: now}
	stage(later, "a", emo(1))
	stage(later, "new", emo(0))
	stage(later, "b", emo(1))

	c := journeyCurve(later, compare(later))
	if c.Today == nil {
		t.Fatal("no line for today")
	}
	sz := timelineCurve
	// Today's "b" sits over this map's "b", the third column.
	if len(c.Today.Points) != 1 || c.Today.Points[0].Stage.ID != "b" || c.Today.Points[0].X != sz.slot*2+sz.slot/2 || c.Today.Points[0].Y != wantY(sz, -1) {
		t.Errorf("today's points = %+v", c.Today.Points)
	}
	if c.Today.Key != "today" || c.Today.Shape != "circle" || c.Series != nil || len(c.Points) != 3 {
		t.Errorf("today %s/%s, %d persona series, %d points of this map", c.Today.Key, c.Today.Shape, len(c.Series), len(c.Points))
	}
	if got := c.Summary(); !strings.HasSuffix(got, "Today's map, for comparison. Today: b -1. Assumed, with no research behind them: a, new, b.") || !strings.HasPrefix(got, "Emotion curve: a +1; new 0; b +1") {
		t.Errorf("Summary = %q", got)
	}
}
