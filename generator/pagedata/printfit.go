package pagedata

import (
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/content"
)

// The printed map (see the print rules of the default theme's stylesheet):
// a landscape A4 page less its margins, the lane names' column, and the
// room the title and the curve take. Sizes in millimetres and points.
const (
	printWidth     = 281.0 - 18 // the page less its margins and the lane names
	printHeight    = 194.0 - 12 // less the title and a margin of safety
	printCurve     = 44.0       // the curve at 0.8 of its 174 px, its legend and their row
	printLargest   = 6.5        // the text's size, at most (pt)
	printSmallest  = 4.0        // and at least: past that, the map runs on
	printLineSpace = 1.3        // line height, in ems
	printCharWidth = 0.55       // an average character, in ems (generous)
	ptToMM         = 25.4 / 72
)

// PrintSize is the size the printed map's text takes so that the map fits
// one page: the largest, down to printSmallest, at which the lanes, wrapped
// to their stage's column, are estimated to be no taller than the page. It
// is an estimate from the text's length, as the page is printed without
// measuring it (a script's beforeprint sees the screen's layout), so it
// errs on the small side. "6.5pt" for a short map.
func PrintSize(j *content.Journey) string {
	if len(j.Stages) == 0 {
		return "6.5pt"
	}
	has := LanesUsed(j)
	room := printHeight
	if has["emotion"] {
		room -= printCurve
	}
	size := printLargest
	for ; size > printSmallest; size -= 0.25 {
		if printHeightAt(j, has, size) <= room {
			break
		}
	}
	return strconv.FormatFloat(size, 'f', -1, 64) + "pt"
}

// printHeightAt estimates the map's height in millimetres, less the curve,
// with text of size points.
func printHeightAt(j *content.Journey, has map[string]bool, size float64) float64 {
	column := printWidth/float64(len(j.Stages)) - 2 // less the padding
	perLine := math.Max(4, column/(size*ptToMM*printCharWidth))
	lines := func(text string, indent float64) float64 {
		n := float64(utf8.RuneCountInString(text))
		return math.Max(1, math.Ceil(n/(perLine-indent)))
	}
	list := func(items []string) float64 {
		n := 0.0
		for _, it := range items {
			n += lines(it, 2)
		}
		return n
	}
	// How each persona feels runs on, a dozen characters each.
	feels := func(e content.Emotion) float64 {
		return float64(len(e.ByPersona)) * 14 / perLine
	}
	tallest := map[string]float64{}
	for _, s := range j.Stages {
		cell := map[string]float64{
			"head":          lines(s.Name, 3)*1.2 + b2f(s.MomentOfTruth),
			"goal":          lines(s.Goal, 0),
			"doing":         list(s.Doing),
			"thinking":      list(s.Thinking),
			"pain_points":   list(s.PainPoints),
			"opportunities": list(s.Opportunities),
			"frontstage":    list(s.Frontstage),
			"backstage":     list(s.Backstage),
			"feeling":       lines(s.Feeling+" +1.5 very positive", 0) + feels(s.Emotion),
		}
		for _, st := range s.Steps {
			who := ""
			for _, p := range st.Personas {
				who += p.Name + ", "
			}
			cell["steps"] += lines(st.Name+" "+who+" +1 very positive", 2) + feels(st.Emotion)
		}
		for _, t := range s.Touchpoints {
			text := t.Name + " ★"
			for _, c := range t.Channels {
				text += " " + c.Name
			}
			cell["touchpoints"] += lines(text+" +1.5 very positive", 1) + feels(t.Emotion) + 0.3
		}
		for _, k := range s.KPIs {
			cell["kpis"] += lines(k, 2)
		}
		cell["kpis"] += float64(len(s.Series)) * math.Ceil(110/perLine) // its value, change, target, date, run on
		for _, e := range s.Evidence {
			cell["evidence"] += lines(e.Kind+" "+e.Title+" n = 10,000", 2)
		}
		for lane, n := range cell {
			tallest[lane] = math.Max(tallest[lane], n)
		}
	}
	lineMM := size * printLineSpace * ptToMM
	height := tallest["head"] * lineMM
	for lane, n := range tallest {
		if lane != "head" && has[lane] {
			height += n*lineMM + 1.5 // a lane's padding and border
		}
	}
	return height
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Detailed reports whether the lanes leave out something of touchpoint
// t that a stage's panel adds: its description or its owner.
func Detailed(t *content.Touchpoint) bool { return t.Description != "" || t.Owner != "" }

// Sourced reports whether evidence e has more than the lanes show (its
// kind, title and n): a quote or a link to the source.
func Sourced(e *content.Evidence) bool { return e.Quote != "" || e.URL != "" }

// DetailedTouchpoints are the touchpoints the lanes do not tell in full
// (Detailed), which a stage's panel adds.
func DetailedTouchpoints(tps []*content.Touchpoint) []*content.Touchpoint {
	return those(tps, Detailed)
}

// SourcedEvidence is the evidence a stage's panel shows (Sourced).
func SourcedEvidence(ev []*content.Evidence) []*content.Evidence {
	return those(ev, Sourced)
}

// those are the items of list that keep says to keep, in order.
func those[T any](list []T, keep func(T) bool) []T {
	var out []T
	for _, x := range list {
		if keep(x) {
			out = append(out, x)
		}
	}
	return out
}
