package pagedata

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
)

// KPI is one KPI of a stage as its page shows it: named in the front
// matter, measured in a data file, or both (the same KPI when the names
// are the same text). Everything a reader needs is in words, so that
// neither the sparkline nor the colour of a target's verdict carries
// anything alone.
type KPI struct {
	Name   string
	Series *content.KPISeries // nil for a KPI named but not measured

	Value  string    // the newest value with its unit: "3.1%"
	Date   time.Time // of the newest value
	Change string    // "up 0.4 points", "down 2 days", "no change"; "" with one value
	Trend  string    // "up", "down" or "same"; "" with one value
	// Toward is "better" or "worse": where the change goes, as Better
	// reads it; "" when it does not say, or nothing changed.
	Toward string
	Since  time.Time // the date of the value before the newest

	Target string // "3.5%"; "" without one
	Better string // "higher" or "lower"
	Met    bool   // when Target and Better are given

	// Stale is set when the newest value is older than [review]
	// stale_after_days (StaleDays): the series is out of date.
	Stale     bool
	StaleDays int

	Spark *Spark
}

// Spark is a KPI's values over time as a small line, drawn by the
// template from these numbers (viewBox units): points are placed by
// date, and the target, when there is one, is a level line.
type Spark struct {
	Width, Height float64
	Path          string
	LastX, LastY  float64
	TargetY       float64
	HasTarget     bool
}

const (
	sparkWidth  = 96
	sparkHeight = 24
	sparkPad    = 3
)

// stageKPIs lists a stage's KPIs: those its front matter names, in
// their order, with their series where one is measured, then the series
// it does not name, in the order the data files give them.
func stageKPIs(s *content.Stage, now time.Time, staleDays int) []KPI {
	if len(s.KPIs) == 0 && len(s.Series) == 0 {
		return nil
	}
	byName := make(map[string]*content.KPISeries, len(s.Series))
	for _, se := range s.Series {
		byName[content.SameText(se.Name)] = se
	}
	var out []KPI
	named := map[*content.KPISeries]bool{}
	for _, name := range s.KPIs {
		se := byName[content.SameText(name)]
		if se != nil && named[se] {
			se = nil // the front matter names it twice: the data once
		}
		named[se] = true
		out = append(out, newKPI(name, se, now, staleDays))
	}
	for _, se := range s.Series {
		if !named[se] {
			out = append(out, newKPI(se.Name, se, now, staleDays))
		}
	}
	return out
}

func newKPI(name string, se *content.KPISeries, now time.Time, staleDays int) KPI {
	k := KPI{Name: name, Series: se}
	if se == nil {
		return k
	}
	last := se.Latest()
	k.Value, k.Date, k.Better = kpiValue(last.Value, se.Unit), last.Date, se.Better
	if n := len(se.Points); n > 1 {
		prev := se.Points[n-2]
		k.Since = prev.Date
		k.Trend, k.Change = kpiChange(last.Value, prev.Value, se.Unit)
		switch {
		case k.Trend == "same" || se.Better == "":
		case (k.Trend == "up") == (se.Better == "higher"):
			k.Toward = "better"
		default:
			k.Toward = "worse"
		}
	}
	if t, ok := se.Target(); ok {
		k.Target = kpiValue(t, se.Unit)
		k.Met, _ = se.Met()
	}
	k.Stale = content.Stale(last.Date, now, staleDays)
	k.StaleDays = staleDays
	k.Spark = newSpark(se)
	return k
}

// kpiValue writes a value with its unit as people write them: "3.1%",
// "£42", "4.5 days".
func kpiValue(v float64, unit string) string {
	n := strconv.FormatFloat(v, 'f', -1, 64)
	switch {
	case unit == "":
		return n
	case unit == "%" || unit == "‰":
		return n + unit
	case strings.ContainsAny(unit, "£$€¥") && len([]rune(unit)) <= 3:
		if v < 0 {
			return "-" + unit + n[1:]
		}
		return unit + n
	}
	return n + " " + unit
}

// kpiChange is the difference between the newest value and the one
// before, in words, rounded to the decimals the values were written
// with (3.1 - 2.7 is 0.4, not 0.40000000000000036). A change of a
// percentage is in points: "up 0.4%" would read as a relative change.
func kpiChange(now, before float64, unit string) (trend, text string) {
	d := decimals(now, before)
	p := math.Pow(10, float64(d))
	diff := math.Round((now-before)*p) / p
	switch {
	case diff > 0:
		trend = "up"
	case diff < 0:
		trend = "down"
	default:
		return "same", "no change"
	}
	amount := kpiValue(math.Abs(diff), unit)
	if unit == "%" {
		amount = strconv.FormatFloat(math.Abs(diff), 'f', -1, 64) + " points"
	}
	return trend, trend + " " + amount
}

// decimals is the most decimals any of vs is written with, up to 6.
func decimals(vs ...float64) int {
	d := 0
	for _, v := range vs {
		s := strconv.FormatFloat(v, 'f', -1, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			d = max(d, len(s)-i-1)
		}
	}
	return min(d, 6)
}

// newSpark places the series' points by date across the width and by
// value up the height, the target included in the range, so that the
// gap to it shows.
func newSpark(se *content.KPISeries) *Spark {
	sp := &Spark{Width: sparkWidth, Height: sparkHeight}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range se.Points {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	target, hasTarget := se.Target()
	if hasTarget {
		lo, hi = math.Min(lo, target), math.Max(hi, target)
	}
	first, last := se.Points[0].Date, se.Latest().Date
	span := last.Sub(first)
	x := func(t time.Time) float64 {
		if span <= 0 {
			return sparkWidth - sparkPad
		}
		return round1(sparkPad + float64(t.Sub(first))/float64(span)*(sparkWidth-2*sparkPad))
	}
	y := func(v float64) float64 {
		if hi == lo {
			return sparkHeight / 2
		}
		return round1(sparkPad + (hi-v)/(hi-lo)*(sparkHeight-2*sparkPad))
	}
	// A daily series of years has thousands of points for 90 units of
	// width: each whole unit keeps its lowest and highest point, in
	// order, which draws the same line in a few hundred. The newest point
	// is alone in its unit (at the right edge, 93): the line ends on it.
	var b strings.Builder
	line := func(px, py float64) {
		if b.Len() == 0 {
			b.WriteString("M")
		} else {
			b.WriteString(" L")
		}
		b.WriteString(Num(px) + " " + Num(py))
	}
	type pt struct{ x, y float64 }
	var col []pt
	flush := func() {
		lo, hi := 0, 0
		for i, c := range col {
			if c.y < col[lo].y {
				lo = i
			}
			if c.y > col[hi].y {
				hi = i
			}
		}
		for i, c := range col {
			if i == lo || i == hi {
				line(c.x, c.y)
			}
		}
		col = col[:0]
	}
	for _, p := range se.Points {
		c := pt{x(p.Date), y(p.Value)}
		if len(col) > 0 && math.Floor(c.x) != math.Floor(col[0].x) {
			flush()
		}
		col = append(col, c)
	}
	flush()
	sp.Path = b.String()
	sp.LastX, sp.LastY = x(last), y(se.Latest().Value)
	if hasTarget {
		sp.TargetY, sp.HasTarget = y(target), true
	}
	return sp
}

// KPIs are the stage's KPIs as its page shows them (stageKPIs), worked
// out with the page's build date.
func (p *Page) KPIs(s *content.Stage) []KPI {
	return stageKPIs(s, p.now, p.Site.Config.Review.StaleAfterDays)
}
