// Package content loads a site's personas and journey maps from Markdown
// files with TOML front matter, checks them, and links them into one model:
// journeys know their personas, stages, touchpoints and channels; personas
// and parents know the journeys that point at them.
//
// The model is plain data. The loader reports every problem it finds, with
// the file, line and column and a hint, and never panics on any input.
// The format itself is documented in docs/content-format.md.
package content

import (
	"html/template"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
)

// Site is everything a build renders.
type Site struct {
	Config   *config.Config
	Personas []*Persona // sorted by name
	Journeys []*Journey // sorted by title; drafts only when asked for

	// Warnings are the gaps Load found that do not stop a build
	// (warnings.go), sorted.
	Warnings diag.List
}

// Persona is an archetypal customer.
type Persona struct {
	Slug         string
	File         string // path from the site root, e.g. "content/personas/dana.md"
	Name         string
	Role         string
	Quote        string
	Photo        string // a URL, or a path under static/
	Goals        []string
	PainPoints   []string
	Behaviors    []string
	Motivations  []string
	Channels     []*config.Channel // preferred channels
	Tags         []string
	Demographics []Fact
	Background   template.HTML // the rendered Markdown body

	Journeys []*Journey // every journey this persona appears in, by title
}

// Fact is one demographic entry, such as Age: 34.
type Fact struct{ Label, Value string }

// URL is the persona page's path from the site root.
func (p *Persona) URL() string { return "personas/" + p.Slug + "/" }

// Journey is one journey map.
type Journey struct {
	Slug     string
	File     string
	Title    string
	Summary  string
	Personas []*Persona
	State    string // "current" or "future"
	Type     string // "", or one of JourneyTypes
	Goal     string
	Scenario string
	Parent   *Journey
	// Current is the current-state map that this future-state map
	// improves on (its `current` key), nil when it names none.
	Current *Journey
	Status  string // one of Statuses
	Owner   string
	Updated time.Time // zero when not given
	Version string
	Tags    []string
	Stages  []*Stage

	// Narrative is the rendered Markdown body, less the sections that are
	// stage notes.
	Narrative template.HTML

	Children []*Journey // sub-journeys, by title
	Futures  []*Journey // future-state maps that name this one as current, by title

	// KPIFiles are the data files under data/kpis/ with rows about this
	// journey, sorted: its page shows them, and changes with them.
	KPIFiles []string
}

// The values that the enumerated keys accept; the first is the default
// where there is one.
var (
	States        = []string{"current", "future"}
	JourneyTypes  = []string{"strategic", "tactical", "goal-based", "day-in-the-life"}
	Statuses      = []string{"published", "review", "draft"}
	EvidenceKinds = []string{"survey", "interview", "poll", "analytics", "support", "observation"}
)

// URL is the journey page's path from the site root.
func (j *Journey) URL() string { return "journeys/" + j.Slug + "/" }

// Stage is one column of a journey map.
type Stage struct {
	ID            string
	Name          string
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
	// Series are the KPIs measured for the stage in the data files
	// (kpi.go), in the order their first rows come; a KPI that KPIs
	// names is the same one when its name is the SameText.
	Series        []*KPISeries
	MomentOfTruth bool
	Steps         []*Step
	Touchpoints   []*Touchpoint
	Evidence      []*Evidence
	Notes         template.HTML // the body's "## <stage>" section

	Journey *Journey
}

// Step is one thing the customer does in a stage, rated on its own, and
// who does it: a task of a Mermaid journey diagram ("Pay: 2: Me, Bank")
// is a step. Doing lists what the customer does in words; a step adds how
// it felt and for whom.
type Step struct {
	Name    string
	Emotion Emotion
	// Personas are who take the step, of the journey's personas; none
	// means it is not said.
	Personas []*Persona

	Stage *Stage
}

// Touchpoint is a point of contact within a stage, on one or more channels.
type Touchpoint struct {
	Name          string
	Channels      []*config.Channel
	Description   string
	Emotion       Emotion
	Owner         string
	MomentOfTruth bool

	Stage *Stage
}

// Feels is the touchpoint's emotion, or its stage's when it has none of its
// own; inherited says which.
func (t *Touchpoint) Feels() (e Emotion, inherited bool) {
	if t.Emotion.Set {
		return t.Emotion, false
	}
	return t.Stage.Emotion, t.Stage.Emotion.Set
}

// FeelsFor is Feels for one persona: the touchpoint's emotion for them
// when it has one of its own, else its stage's.
func (t *Touchpoint) FeelsFor(persona string) (e Emotion, inherited bool) {
	if t.Emotion.Set {
		return t.Emotion.For(persona), false
	}
	e = t.Stage.Emotion.For(persona)
	return e, e.Set
}

// PerPersona reports whether any emotion of the journey, a stage's or a
// touchpoint's, was written per persona: its curve then has one line per
// persona.
func (j *Journey) PerPersona() bool {
	for _, s := range j.Stages {
		if s.Emotion.PerPersona() {
			return true
		}
		for _, t := range s.Touchpoints {
			if t.Emotion.PerPersona() {
				return true
			}
		}
	}
	return false
}

// OnChannel reports whether the touchpoint uses the channel.
func (t *Touchpoint) OnChannel(id string) bool {
	for _, c := range t.Channels {
		if c.ID == id {
			return true
		}
	}
	return false
}

// Evidence is research that backs a stage.
type Evidence struct {
	Kind  string // one of EvidenceKinds
	Title string
	N     int // sample size; 0 when not given
	Quote string
	URL   string
}

// Emotion is a value on the scale from -2 (very negative) to 2 (very
// positive). The zero value is "not given".
//
// An emotion written per persona (emotion = { dana-ortiz = -1, sam-lee = 1 })
// keeps each persona's value in ByPersona, in the journey's persona order,
// and their mean in Value, so that whatever reads only Value sees the
// overall feeling. Emotions are not comparable with == (ByPersona is a
// slice): compare with Equal.
type Emotion struct {
	Value     float64
	Set       bool
	ByPersona []PersonaEmotion // nil unless written per persona
}

// PersonaEmotion is one persona's own value in an emotion written per
// persona.
type PersonaEmotion struct {
	Persona string // the persona's slug
	Value   float64
}

// PerPersona reports whether the emotion was written per persona.
func (e Emotion) PerPersona() bool { return len(e.ByPersona) > 0 }

// For is how the persona feels: their own value when the emotion was
// written per persona, or the one value everyone shares when it was not.
// A persona left out of a per-persona table is not rated there (the zero
// Emotion): the others' mean says nothing about how they feel.
func (e Emotion) For(persona string) Emotion {
	if !e.PerPersona() {
		return Emotion{Value: e.Value, Set: e.Set}
	}
	for _, pe := range e.ByPersona {
		if pe.Persona == persona {
			return Emotion{Value: pe.Value, Set: true}
		}
	}
	return Emotion{}
}

// Equal reports whether two emotions say the same: the same value, or both
// unset, and the same values per persona.
func (e Emotion) Equal(o Emotion) bool {
	if e.Set != o.Set || (e.Set && e.Value != o.Value) || len(e.ByPersona) != len(o.ByPersona) {
		return false
	}
	for i := range e.ByPersona {
		if e.ByPersona[i] != o.ByPersona[i] {
			return false
		}
	}
	return true
}

// Values are the emotion's ratings: one per persona when written per
// persona, else the one value, else none. Averages over many touchpoints
// count each of them, so a touchpoint rated by three personas weighs as
// three ratings.
func (e Emotion) Values() []float64 {
	switch {
	case e.PerPersona():
		out := make([]float64, len(e.ByPersona))
		for i, pe := range e.ByPersona {
			out[i] = pe.Value
		}
		return out
	case e.Set:
		return []float64{e.Value}
	}
	return nil
}

// perPersona makes the emotion of the values given, in that order: their
// mean, rounded as Average rounds, and each persona's own.
func perPersona(values []PersonaEmotion) Emotion {
	if len(values) == 0 {
		return Emotion{}
	}
	var sum float64
	for _, pe := range values {
		sum += pe.Value
	}
	return Emotion{Value: roundEmotion(sum / float64(len(values))), Set: true, ByPersona: values}
}

// SameText is the form in which two texts of the content count as the
// same item: lower case, with single spaces. A future state's pain point
// is today's one whatever its spacing, and a KPI measured in a data file
// is the one the front matter names whatever its case.
func SameText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Bounds of the emotion scale.
const (
	MinEmotion = -2
	MaxEmotion = 2
)

// String prints the value with its sign: "+1", "0", "-1.5"; "" when unset.
func (e Emotion) String() string {
	if !e.Set {
		return ""
	}
	s := strconv.FormatFloat(e.Value, 'f', -1, 64)
	if e.Value > 0 {
		s = "+" + s
	}
	return s
}

// Label names the value in words, for readers who cannot see colour.
func (e Emotion) Label() string {
	switch {
	case !e.Set:
		return "not rated"
	case e.Value >= 1.5:
		return "very positive"
	case e.Value >= 0.5:
		return "positive"
	case e.Value > -0.5:
		return "neutral"
	case e.Value > -1.5:
		return "negative"
	}
	return "very negative"
}

// Level is the value rounded to a whole step, -2 … 2, for styling.
func (e Emotion) Level() int { return int(math.Round(e.Value)) }

// Average is the mean of the set emotions among es.
func Average(es []Emotion) Emotion {
	var sum float64
	n := 0
	for _, e := range es {
		if e.Set {
			sum += e.Value
			n++
		}
	}
	if n == 0 {
		return Emotion{}
	}
	return Emotion{Value: roundEmotion(sum / float64(n)), Set: true}
}

// roundEmotion rounds a mean to two decimals, plenty on a five-point scale.
func roundEmotion(v float64) float64 { return math.Round(v*100) / 100 }
