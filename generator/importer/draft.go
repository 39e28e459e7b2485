// Package importer turns journey maps kept elsewhere into waymark's:
// Mermaid journey diagrams (.mmd, .mermaid, or the first ```mermaid
// journey block of a .md file), spreadsheets saved as CSV or TSV, and
// Markdown tables. Read makes a Draft of a file, the journey as the file
// holds it (personas and channels by name, stages with their lanes); Plan
// matches a site's personas and channels and writes the journey file,
// naming the personas and channels the site does not have yet.
//
// Nothing is dropped: a row or column of a table that is no lane
// waymark knows is kept as stage notes under its own label, and
// reported. Every problem is a diagnostic at the file's line and column.
package importer

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Draft is a journey as an imported file holds it, before it is matched
// to a site: personas and channels are names as written.
type Draft struct {
	File     string // the file it was read from, as given
	Title    string
	Line     int    // where the journey starts in the file: its first line, a block's or a table's
	Summary  string // a Mermaid diagram's accDescr
	AccTitle string // a Mermaid diagram's accTitle, when it differs from the title
	Personas []string
	Stages   []*Stage
}

// Stage is one stage of a draft, with the lanes a table gave it or the
// steps a Mermaid section did.
type Stage struct {
	Name          string
	Line, Col     int
	Goal          string
	Description   string
	Doing         []string
	Thinking      []string
	Feeling       string
	Emotion       Emotion
	PainPoints    []string
	Opportunities []string
	Frontstage    []string
	Backstage     []string
	KPIs          []string
	MomentOfTruth bool
	Steps         []Step
	Touchpoints   []Touchpoint
	Evidence      []Evidence
	// Notes are what no key holds: the lanes waymark does not know, each
	// under its own label, shown with the stage as its notes.
	Notes []Note
}

// Step is a task of a Mermaid diagram.
type Step struct {
	Name    string
	Emotion Emotion
	Actors  []string // persona names as written
	Line    int
}

// Touchpoint is a touchpoint on the channels it names.
type Touchpoint struct {
	Name      string
	Channels  []string // channel names (or ids) as written
	Owner     string
	Line, Col int
}

// Evidence is research named in a table's evidence lane.
type Evidence struct {
	Kind  string // one of content.EvidenceKinds
	Title string
}

// Note is a lane that no key holds, under its label.
type Note struct {
	Label string
	Items []string
}

// Emotion is a value on waymark's scale, -2 … 2, when Set.
type Emotion struct {
	Value float64
	Set   bool
}

// String is the value as written in front matter: "1", "-0.5".
func (e Emotion) String() string { return strconv.FormatFloat(e.Value, 'f', -1, 64) }

// Scale is the range of the numbers an imported file rates with: 1..5 in
// a Mermaid diagram, what a table's header names ("Emotion (-5 to +5)").
type Scale struct {
	Min, Max float64
}

// The scales when nothing names one.
var (
	MermaidScale = Scale{1, 5}
	TableScale   = Scale{content.MinEmotion, content.MaxEmotion}
)

// String is the scale as --scale takes it: "1..5", "-5..5".
func (s Scale) String() string {
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
	return f(s.Min) + ".." + f(s.Max)
}

// Contains reports whether v is on the scale.
func (s Scale) Contains(v float64) bool { return v >= s.Min && v <= s.Max }

// Emotion maps v linearly from the scale onto waymark's, -2 … 2, to two
// decimals: 1..5 gives whole steps (3 is 0), and a round trip through
// Mermaid's 1–5 (score = emotion + 3) is exact.
func (s Scale) Emotion(v float64) Emotion {
	e := (v-s.Min)/(s.Max-s.Min)*(content.MaxEmotion-content.MinEmotion) + content.MinEmotion
	return Emotion{Value: math.Round(e*100) / 100, Set: true}
}

// ParseScale reads a scale as --scale takes it, MIN..MAX: "1..5",
// "-5..5", "0..10".
func ParseScale(s string) (Scale, error) {
	lo, hi, ok := strings.Cut(s, "..")
	if ok {
		min, err1 := parseNumber(lo)
		max, err2 := parseNumber(hi)
		if err1 == nil && err2 == nil {
			if min >= max {
				return Scale{}, fmt.Errorf("scale %q runs the wrong way: MIN must be below MAX", s)
			}
			return Scale{min, max}, nil
		}
	}
	return Scale{}, fmt.Errorf("scale %q is not MIN..MAX, e.g. 1..5 or -5..5", s)
}

// parseNumber reads a number as spreadsheets write it: a leading "+", a
// minus sign (−) for "-", a decimal comma ("3,5").
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("−", "-", "–", "-", "\u00a0", "").Replace(s)
	s = strings.TrimPrefix(s, "+")
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return v, nil
}
