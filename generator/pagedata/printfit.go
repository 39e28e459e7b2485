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

// The lanes printHeightAt estimates, in the order it adds them up: the
// stage's head, then the lanes of allLanes but the curve's.
const (
	printHead = iota
	printGoal
	printDoing
	printSteps
	printThinking
	printFeeling
	printTouchpoints
	printPains
	printOpportunities
	printFrontstage
	printBackstage
	printKPIs
	printEvidence
	printLanes
)

// printLaneIDs are their ids, as in allLanes.
var printLaneIDs = [printLanes]string{"head", "goal", "doing", "steps", "thinking", "feeling", "touchpoints",
	"pain_points", "opportunities", "frontstage", "backstage", "kpis", "evidence"}

// What printHeightAt counts beside a lane's own text, in characters: an
// emotion's value and words at their longest, a touchpoint's star, an
// evidence's n at its widest.
const (
	printStageFeels = len(" +1.5 very positive")
	printStepFeels  = len(" +1 very positive")
	printStar       = 2 // " ★", in characters
	printN          = len(" n = 10,000")
)

// printHeightAt estimates the map's height in millimetres, less the curve,
// with text of size points. It counts the characters of the lanes' texts
// as they would be written, without writing them: PrintSize tries up to
// eleven sizes.
func printHeightAt(j *content.Journey, has map[string]bool, size float64) float64 {
	column := printWidth/float64(len(j.Stages)) - 2 // less the padding
	perLine := math.Max(4, column/(size*ptToMM*printCharWidth))
	lines := func(n int, indent float64) float64 {
		return math.Max(1, math.Ceil(float64(n)/(perLine-indent)))
	}
	list := func(items []string) float64 {
		n := 0.0
		for _, it := range items {
			n += lines(utf8.RuneCountInString(it), 2)
		}
		return n
	}
	// How each persona feels runs on, a dozen characters each.
	feels := func(e content.Emotion) float64 {
		return float64(len(e.ByPersona)) * 14 / perLine
	}
	var tallest [printLanes]float64
	for _, s := range j.Stages {
		var cell [printLanes]float64
		cell[printHead] = lines(utf8.RuneCountInString(s.Name), 3)*1.2 + b2f(s.MomentOfTruth)
		cell[printGoal] = lines(utf8.RuneCountInString(s.Goal), 0)
		cell[printDoing] = list(s.Doing)
		cell[printThinking] = list(s.Thinking)
		cell[printPains] = list(s.PainPoints)
		cell[printOpportunities] = list(s.Opportunities)
		cell[printFrontstage] = list(s.Frontstage)
		cell[printBackstage] = list(s.Backstage)
		cell[printFeeling] = lines(utf8.RuneCountInString(s.Feeling)+printStageFeels, 0) + feels(s.Emotion)
		for _, st := range s.Steps {
			n := utf8.RuneCountInString(st.Name) + 1 + printStepFeels // its name, who takes it (", " after each) and how it felt
			for _, p := range st.Personas {
				n += utf8.RuneCountInString(p.Name) + 2
			}
			cell[printSteps] += lines(n, 2) + feels(st.Emotion)
		}
		for _, t := range s.Touchpoints {
			n := utf8.RuneCountInString(t.Name) + printStar + printStageFeels // its name, a star, its channels and how it feels
			for _, c := range t.Channels {
				n += 1 + utf8.RuneCountInString(c.Name)
			}
			cell[printTouchpoints] += lines(n, 1) + feels(t.Emotion) + 0.3
		}
		for _, k := range s.KPIs {
			cell[printKPIs] += lines(utf8.RuneCountInString(k), 2)
		}
		cell[printKPIs] += float64(len(s.Series)) * math.Ceil(110/perLine) // its value, change, target, date, run on
		for _, e := range s.Evidence {
			cell[printEvidence] += lines(utf8.RuneCountInString(e.Kind)+1+utf8.RuneCountInString(e.Title)+printN, 2)
		}
		for lane, n := range cell {
			tallest[lane] = math.Max(tallest[lane], n)
		}
	}
	lineMM := size * printLineSpace * ptToMM
	height := tallest[printHead] * lineMM
	for lane := printHead + 1; lane < printLanes; lane++ {
		if has[printLaneIDs[lane]] {
			height += tallest[lane]*lineMM + 1.5 // a lane's padding and border
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
