package importer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// lane is what a row or column of a table holds: one of a stage's keys.
type lane int

const (
	laneUnknown lane = iota
	laneStage        // the stages' names ("Stage", "Phase")
	laneDoing
	laneThinking
	laneFeeling // text
	laneEmotion // numbers, or text when none is a number
	laneTouchpoints
	laneChannels
	lanePainPoints
	laneOpportunities
	laneKPIs
	laneGoal
	laneDescription
	laneFrontstage
	laneBackstage
	laneOwner
	laneEvidence
	laneMomentOfTruth
)

// laneNames are the labels a lane is known by, normalised (see
// normalLabel), the one the docs name first. Templates and teams name
// lanes many ways; these are the common ones.
var laneNames = []struct {
	lane  lane
	names []string
}{
	{laneStage, []string{"stage", "stages", "phase", "phases", "journey stage", "journey stages", "journey phase"}},
	{laneDoing, []string{"actions", "action", "doing", "does", "activities", "activity", "tasks", "what they do", "behaviour", "behavior", "behaviours", "behaviors"}},
	{laneThinking, []string{"thoughts", "thought", "thinking", "thinks", "questions", "quotes", "says", "what they think", "what they say", "says and thinks", "verbatims"}},
	{laneFeeling, []string{"feelings", "feeling", "feels", "experience", "experiences", "mood"}},
	{laneEmotion, []string{"emotion", "emotions", "score", "scores", "rating", "ratings", "sentiment", "emotional state", "satisfaction", "emotion score", "emotion curve", "emotional journey"}},
	{laneTouchpoints, []string{"touchpoints", "touchpoint", "touch points", "touch point", "interactions"}},
	{laneChannels, []string{"channels", "channel", "media", "medium"}},
	{lanePainPoints, []string{"pain points", "pain point", "painpoints", "pains", "pain", "frustrations", "problems", "issues", "barriers", "friction"}},
	{laneOpportunities, []string{"opportunities", "opportunity", "ideas", "improvements", "recommendations", "solutions"}},
	{laneKPIs, []string{"kpis", "kpi", "metrics", "metric", "measures", "success metrics"}},
	{laneGoal, []string{"goals", "goal", "needs", "objectives", "expectations"}},
	{laneDescription, []string{"description", "summary", "what happens"}},
	{laneFrontstage, []string{"frontstage", "front stage", "front of stage", "frontstage actions", "front office"}},
	{laneBackstage, []string{"backstage", "back stage", "backstage actions", "teams involved", "teams", "team", "departments", "support processes", "systems", "processes", "back office", "behind the scenes"}},
	{laneOwner, []string{"owner", "owners", "ownership", "responsible", "accountable"}},
	{laneEvidence, []string{"evidence", "research", "sources", "source"}},
	{laneMomentOfTruth, []string{"moment of truth", "moments of truth", "mot"}},
}

// knownLabels is every lane's first name, for hints.
func knownLabels() []string {
	var out []string
	for _, l := range laneNames[1:] {
		out = append(out, l.names[0])
	}
	return out
}

// allLabels is every name of every lane, for "did you mean".
func allLabels() []string {
	var out []string
	for _, l := range laneNames {
		out = append(out, l.names...)
	}
	return out
}

// label is a lane's label read: the lane, and the scale it names for
// numbers ("Emotion (-5 to +5)", "Score 1-5"), if any.
type label struct {
	lane  lane
	scale *Scale
}

// readLabel recognises a label, case-insensitively, with the words a
// template puts before a lane's name ("Customer Actions", "CX Pain
// Points", "User goals"). A label that joins two ("Thoughts /
// Feelings", "Doing & thinking") is the first of them it knows.
func readLabel(s string) label {
	l := label{scale: scaleIn(s)}
	s = scaleText.ReplaceAllString(s, " ")
	s = parenthetical.ReplaceAllString(s, " ")
	for _, part := range joiner.Split(s, -1) {
		if l.lane = laneOf(normalLabel(part)); l.lane != laneUnknown {
			return l
		}
	}
	l.lane = laneOf(normalLabel(s))
	return l
}

func laneOf(name string) lane {
	for _, l := range laneNames {
		if slices.Contains(l.names, name) {
			return l.lane
		}
	}
	return laneUnknown
}

var (
	joiner        = regexp.MustCompile(`\s*[/&+|]\s*|\s+and\s+`)
	parenthetical = regexp.MustCompile(`\([^)]*\)|\[[^\]]*\]`)
	// A scale: two numbers with "to", "-", "–" or ".." between them.
	number    = `([-+−–]?\s*\d+(?:[.,]\d+)?)`
	scaleText = regexp.MustCompile(number + `\s*(?:to|-|–|—|\.\.)\s*` + number)
)

// scaleIn is the scale a label names, or nil.
func scaleIn(s string) *Scale {
	m := scaleText.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	lo, err1 := parseNumber(strings.ReplaceAll(m[1], " ", ""))
	hi, err2 := parseNumber(strings.ReplaceAll(m[2], " ", ""))
	if err1 != nil || err2 != nil || lo >= hi {
		return nil
	}
	return &Scale{lo, hi}
}

// prefixes are the words a template puts before a lane's name.
var prefixes = []string{"customer", "customers", "customer's", "user", "users", "user's", "cx", "ux", "key", "the", "their", "main", "persona"}

// normalLabel is a label lower-cased, its punctuation and digits blanks,
// its blanks single, and the words of prefixes dropped from its start.
func normalLabel(s string) string {
	s = strings.ToLower(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || r == '\'' || r == '’' {
			if r == '’' {
				return '\''
			}
			return r
		}
		return ' '
	}, s)
	words := strings.Fields(s)
	for len(words) > 1 && slices.Contains(prefixes, words[0]) {
		words = words[1:]
	}
	return strings.Join(words, " ")
}
