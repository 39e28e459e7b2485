package render

import (
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
