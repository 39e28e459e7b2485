package pagedata

import (
	"strconv"

	"github.com/waymark-cx/waymark/generator/content"
)

// Card is what a journey's card on a list page (the index, a persona's
// page) shows besides the journey's own fields, worked out before the
// card is rendered, so that the card's partial only places values: there
// are thousands of cards on a big site.
type Card struct {
	Stale       bool      // past [review] stale_after_days
	Line        *CardLine // the journey's small emotion line
	Stages      string    // "6 stages"
	Touchpoints string    // "18 touchpoints"
	Coverage    Coverage

	// On a persona's page: the persona's own line when the map rates
	// emotions per persona (OwnCurve), and the pain points met.
	OwnCurve   bool
	PainPoints []StagedText
}

// Card works out journey j's card as this page shows it: on a persona's
// page, with the persona's own line.
func (p *Page) Card(j *content.Journey) *Card {
	c := &Card{
		Stale:       p.Stale(j),
		Stages:      Plural(len(j.Stages), "stage", "stages"),
		Touchpoints: Plural(TouchpointCount(j), "touchpoint", "touchpoints"),
		Coverage:    CoverageOf(j),
	}
	if p.Persona != nil {
		c.Line = PersonaSparkline(j.Stages, p.Persona.Slug)
		c.OwnCurve = j.PerPersona()
		c.PainPoints = PainPoints(j)
	} else {
		c.Line = Sparkline(j.Stages)
	}
	return c
}

// CardLine is a card's emotion line, its numbers already written out.
type CardLine struct {
	Width, Height string
	Neutral       string // the y of the neutral guide, "" when there is none
	Path          string
	Points        []CardPoint
}

// CardPoint is one stage's point on a CardLine.
type CardPoint struct{ X, Y, Class string }

func cardLineOf(c *Curve) *CardLine {
	s := &CardLine{Width: Num(c.Width), Height: Num(c.Height), Path: c.Path}
	for _, l := range c.Levels {
		if l.Neutral {
			s.Neutral = Num(l.Y)
		}
	}
	s.Points = make([]CardPoint, len(c.Points))
	for i, pt := range c.Points {
		s.Points[i] = CardPoint{X: Num(pt.X), Y: Num(pt.Y), Class: EmotionClass(pt.Emotion)}
	}
	return s
}

// Plural is n and the noun for n: "1 stage", "6 stages".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// EmotionClass names the CSS class for an emotion's colour: emo-n2 (very
// negative) … emo-0 … emo-p2, or emo-none when there is none.
func EmotionClass(e content.Emotion) string {
	if !e.Set {
		return "emo-none"
	}
	// The classes of the scale's levels are constants: every cell of a
	// list page's tables has one.
	switch l := e.Level(); {
	case -2 <= l && l <= 2:
		return emotionClasses[l+2]
	case l < 0:
		return "emo-n" + strconv.Itoa(-l)
	default:
		return "emo-p" + strconv.Itoa(l)
	}
}

var emotionClasses = [...]string{"emo-n2", "emo-n1", "emo-0", "emo-p1", "emo-p2"}

// PersonaJourneys are the cards of a persona's page, split as the
// roll-ups count them (see GroupJourneys): the maps of today, the plans
// and the drafts.
type PersonaJourneys struct {
	Counted, Planned, Drafts []PersonaJourney
}

// PersonaJourney is a journey's card on a persona's page.
type PersonaJourney struct {
	*Card
	Journey *content.Journey
	Persona *content.Persona // the page's
	Href    string           // the map, at the persona's own curve when it has one
	Planned bool             // a future-state map: its pain points are expected, not met
}

func (p *Page) personaJourneys() *PersonaJourneys {
	g := GroupJourneys(p.Persona.Journeys)
	cards := func(js []*content.Journey, planned bool) []PersonaJourney {
		out := make([]PersonaJourney, len(js))
		for i, j := range js {
			href := p.Rel(j.URL())
			if j.PerPersona() {
				href += "#persona-" + p.Persona.Slug
			}
			out[i] = PersonaJourney{Card: p.Card(j), Journey: j, Persona: p.Persona, Href: href, Planned: planned}
		}
		return out
	}
	return &PersonaJourneys{Counted: cards(g.Counted, false), Planned: cards(g.Planned, true), Drafts: cards(g.Drafts, false)}
}

// Sparkline is a journey's small emotion line, as its cards draw it.
func Sparkline(stages []*content.Stage) *CardLine { return cardLineOf(newCurve(stages, sparkCurve)) }

// PersonaSparkline is one persona's small emotion line through stages.
func PersonaSparkline(stages []*content.Stage, persona string) *CardLine {
	return cardLineOf(personaCurve(stages, persona))
}
