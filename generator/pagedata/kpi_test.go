package pagedata

import (
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
)

func TestKPIWords(t *testing.T) {
	values := []struct {
		v    float64
		unit string
		want string
	}{
		{3.1, "%", "3.1%"}, {42, "£", "£42"}, {-3.5, "$", "-$3.5"}, {4.5, "days", "4.5 days"}, {1200, "", "1200"},
	}
	for _, tc := range values {
		if got := kpiValue(tc.v, tc.unit); got != tc.want {
			t.Errorf("kpiValue(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
	changes := []struct {
		now, before float64
		unit        string
		trend, text string
	}{
		{3.1, 2.7, "%", "up", "up 0.4 points"},
		{2.7, 3.1, "%", "down", "down 0.4 points"},
		{0.3, 0.1, "", "up", "up 0.2"},
		{12, 14.25, "days", "down", "down 2.25 days"},
		{5, 5, "s", "same", "no change"},
	}
	for _, tc := range changes {
		trend, text := kpiChange(tc.now, tc.before, tc.unit)
		if trend != tc.trend || text != tc.text {
			t.Errorf("kpiChange(%v, %v, %q) = %q, %q; want %q, %q", tc.now, tc.before, tc.unit, trend, text, tc.trend, tc.text)
		}
	}
}

// A stage lists the KPIs its front matter names, with the data of the
// one measured under the same name, then the measured ones it does not
// name; each says whether it is met and out of date.
func TestStageKPIs(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 11, d, 0, 0, 0, 0, time.UTC) }
	wait := &content.KPISeries{Name: "wait time", Unit: "min", Better: "lower", Points: []content.KPIPoint{
		{Date: day(1), Value: 14, Target: 10, HasTarget: true}, {Date: day(20), Value: 9}}}
	nps := &content.KPISeries{Name: "NPS", Better: "higher", Points: []content.KPIPoint{{Date: day(2), Value: 31}}}
	s := &content.Stage{KPIs: []string{"Wait  time", "Handover checklist"}, Series: []*content.KPISeries{wait, nps}}
	got := stageKPIs(s, day(30), 20)
	if len(got) != 3 {
		t.Fatalf("%d KPIs, want 3: %+v", len(got), got)
	}
	w, h, n := got[0], got[1], got[2]
	if w.Name != "Wait  time" || w.Series != wait || w.Value != "9 min" || w.Change != "down 5 min" || w.Toward != "better" ||
		w.Target != "10 min" || !w.Met || w.Stale {
		t.Errorf("wait time: %+v", w)
	}
	if h.Name != "Handover checklist" || h.Series != nil || h.Spark != nil {
		t.Errorf("a KPI without data: %+v", h)
	}
	if n.Name != "NPS" || n.Change != "" || n.Target != "" || !n.Stale || n.Spark == nil || n.Spark.LastX != sparkWidth-sparkPad {
		t.Errorf("a lone value, 28 days old: %+v", n)
	}
}

// A daily series of years draws as many points as the sparkline has room
// for, its extremes and its newest value kept.
func TestSparkOfALongSeries(t *testing.T) {
	se := &content.KPISeries{}
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2000 {
		v := float64(i % 97)
		if i == 1234 {
			v = 500 // a spike must survive the thinning
		}
		se.Points = append(se.Points, content.KPIPoint{Date: start.AddDate(0, 0, i), Value: v})
	}
	sp := newSpark(se)
	segments := strings.Count(sp.Path, "L") + 1
	if segments > 2*sparkWidth {
		t.Errorf("%d points drawn for a sparkline %d wide", segments, sparkWidth)
	}
	if !strings.Contains(sp.Path, " "+Num(sparkPad)) { // the spike is at the top
		t.Errorf("the spike is lost: %s", sp.Path)
	}
	if !strings.HasSuffix(sp.Path, Num(sp.LastX)+" "+Num(sp.LastY)) {
		t.Errorf("the path does not end at the newest value (%v, %v): …%s", sp.LastX, sp.LastY, sp.Path[len(sp.Path)-30:])
	}
}
