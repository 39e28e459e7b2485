package pagedata

import (
	"strconv"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
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
	// emotions per persona (OwnCurve), and where the journey hurts them:
	// the first cardPainPoints pain points of its stages, lowest first as
	// they feel them, and how many more the map has.
	OwnCurve       bool
	PainPoints     []StagedText
	MorePainPoints int
}

// cardPainPoints is how many pain points a persona's card lists before
// "and N more": enough to say where the journey hurts at a glance. A
// card with all of them was most of a persona's page, 800 bytes a card.
const cardPainPoints = 3

// Card works out journey j's card as this page shows it: on a persona's
// page, with the persona's own line.
func (p *Page) Card(j *content.Journey) *Card {
	c := &Card{
		Stale:       p.Stale(j),
		Stages:      diag.Plural(len(j.Stages), "stage", "stages"),
		Touchpoints: diag.Plural(TouchpointCount(j), "touchpoint", "touchpoints"),
		Coverage:    CoverageOf(j),
	}
	if p.Persona != nil {
		c.Line = PersonaSparkline(j.Stages, p.Persona.Slug)
		c.OwnCurve = j.PerPersona()
		c.PainPoints, c.MorePainPoints = worstPainPoints(j, p.Persona, cardPainPoints)
	} else {
		c.Line = Sparkline(j.Stages)
	}
	return c
}

// worstPainPoints are the first n pain points of j's stages, lowest
// first as persona feels them (stagesLowestFirst), each stage's in its
// own order; more counts the rest.
func worstPainPoints(j *content.Journey, persona *content.Persona, n int) (first []StagedText, more int) {
	for _, s := range stagesLowestFirst(j, persona) {
		for _, text := range s.PainPoints {
			if len(first) < n {
				first = append(first, StagedText{Stage: s, Text: text})
			} else {
				more++
			}
		}
	}
	return first, more
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

// EmotionClass names the CSS class for an emotion's colour: emo-n2 (very
// negative) … emo-0 … emo-p2, or emo-none when there is none.
// A page names one for every value it shows, so the scale's are
// constants.
func EmotionClass(e content.Emotion) string {
	switch l := e.Level(); {
	case !e.Set:
		return "emo-none"
	case content.MinEmotion <= l && l <= content.MaxEmotion:
		return emotionClasses[l-content.MinEmotion]
	case l < 0:
		return "emo-n" + strconv.Itoa(-l)
	default:
		return "emo-p" + strconv.Itoa(l)
	}
}

// emotionClasses are EmotionClass's names for the scale, lowest first.
var emotionClasses = [...]string{"emo-n2", "emo-n1", "emo-0", "emo-p1", "emo-p2"}

// PersonaJourneys are the cards of a persona's page, the part of the
// persona's list its Pager shows, split as the roll-ups count them (see
// GroupJourneys): the maps of today, the plans and the drafts.
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
	var g JourneyGroups
	if p.Pager != nil {
		items, _ := p.Pager.Items.([]*content.Journey)
		g = GroupJourneys(items)
	} else {
		g = GroupJourneys(p.Persona.Journeys)
	}
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
