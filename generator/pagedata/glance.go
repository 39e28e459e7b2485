package pagedata

import (
	"cmp"
	"slices"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// Glance is a journey map in the few lines a reviewer reads first: where
// it hurts most, on which channel, what the team could do there, and how
// much research the map stands on. It is worked out before the templates
// run, so that every theme names the same moment and channel.
type Glance struct {
	Worst   *WorstMoment // nil when nothing on the map is rated
	Channel *SummaryCell // the channel that hurts most; nil when no touchpoint on a channel is rated

	// Opportunities are the first glanceOpportunities of the worst
	// moment's stage; MoreOpportunities counts the rest.
	Opportunities     []string
	MoreOpportunities int

	Evidence EvidenceTally

	// Planned is set on a future-state map: its worst moment is the
	// planned journey's, not today's.
	Planned bool
}

// glanceOpportunities is how many of the dip's opportunities the glance
// lists before "and N more": a first screen has room for a few lines.
const glanceOpportunities = 3

// WorstMoment is the lowest point on a map: a stage, or a touchpoint
// rated on its own, whichever is lower.
type WorstMoment struct {
	Stage      *content.Stage
	Touchpoint *content.Touchpoint // nil when the stage itself is the lowest point
	// Persona is who feels it, when the value was written per persona;
	// nil when everyone shares it.
	Persona *content.Persona
	Emotion content.Emotion // the one value, never per persona
}

// Name is what the moment is called: the touchpoint's name, or the
// stage's.
func (w *WorstMoment) Name() string {
	if w.Touchpoint != nil {
		return w.Touchpoint.Name
	}
	return w.Stage.Name
}

// EvidenceTally is the research a map stands on: its sources, and the
// stages they back (Coverage, as the index counts them).
type EvidenceTally struct {
	Coverage
	Sources int // evidence items, over every stage
	N       int // their sample sizes added up; 0 when none gives one
}

// journeyGlance works out j's glance; uses are its touchpoints by channel
// (computeUse), in cfg's channel order.
func journeyGlance(cfg *config.Config, j *content.Journey, use *journeyUse) *Glance {
	g := &Glance{Worst: worstMoment(j), Channel: worstChannel(cfg, use), Planned: j.State == "future"}
	if g.Worst != nil {
		ops := g.Worst.Stage.Opportunities
		g.Opportunities = ops[:min(len(ops), glanceOpportunities)]
		g.MoreOpportunities = len(ops) - len(g.Opportunities)
	}
	g.Evidence.Coverage = CoverageOf(j)
	g.Evidence.Sources, g.Evidence.N = evidenceOf(j.Stages...)
	return g
}

// worstMoment is the lowest value on j's map, in map order (each stage,
// then its touchpoints, see eachMoment) so that of equal values the
// earliest wins. A value written per persona counts as each persona's, in
// the journey's persona order.
func worstMoment(j *content.Journey) *WorstMoment {
	var worst *WorstMoment
	for _, s := range j.Stages {
		eachMoment(s, j.Personas, func(t *content.Touchpoint, p *content.Persona, e content.Emotion) {
			if worst == nil || e.Value < worst.Emotion.Value {
				worst = &WorstMoment{Stage: s, Touchpoint: t, Persona: p, Emotion: e}
			}
		})
	}
	return worst
}

// eachMoment calls visit with each value rated in stage s, in map order:
// the stage's own, then each touchpoint's. A touchpoint without a value
// of its own feels as its stage does, so it can never be lower and is not
// visited. A value written per persona is visited once for each of
// personas it rates, with the persona; a shared value once, with nil. It
// is what "the lowest point" means wherever a page names one: the
// glance's worst moment, the stage a persona's card puts first.
func eachMoment(s *content.Stage, personas []*content.Persona, visit func(t *content.Touchpoint, p *content.Persona, e content.Emotion)) {
	consider := func(t *content.Touchpoint, e content.Emotion) {
		if !e.Set {
			return
		}
		if !e.PerPersona() {
			visit(t, nil, content.Emotion{Value: e.Value, Set: true})
			return
		}
		for _, p := range personas {
			if pe := e.For(p.Slug); pe.Set {
				visit(t, p, pe)
			}
		}
	}
	consider(nil, s.Emotion)
	for _, t := range s.Touchpoints {
		consider(t, t.Emotion)
	}
}

// stagesLowestFirst are j's stages as persona feels them, lowest first:
// each stage by its lowest point for them (eachMoment), of equal points
// in map order, and the stages where nothing is rated for them last.
func stagesLowestFirst(j *content.Journey, persona *content.Persona) []*content.Stage {
	type ranked struct {
		stage *content.Stage
		low   content.Emotion
	}
	out := make([]ranked, len(j.Stages))
	for i, s := range j.Stages {
		out[i].stage = s
		eachMoment(s, []*content.Persona{persona}, func(_ *content.Touchpoint, _ *content.Persona, e content.Emotion) {
			if !out[i].low.Set || e.Value < out[i].low.Value {
				out[i].low = e
			}
		})
	}
	slices.SortStableFunc(out, func(a, b ranked) int {
		switch {
		case a.low.Set != b.low.Set:
			if a.low.Set {
				return -1
			}
			return 1
		case !a.low.Set:
			return 0
		}
		return cmp.Compare(a.low.Value, b.low.Value)
	})
	stages := make([]*content.Stage, len(out))
	for i, r := range out {
		stages[i] = r.stage
	}
	return stages
}

// worstChannel is the channel whose touchpoints in this journey feel
// worst on average (each touchpoint as it Feels, so one without a value
// takes its stage's); of equal averages the one with more touchpoints,
// then the first in site.toml. Channels with no rated touchpoint are left
// out: nothing says they hurt.
func worstChannel(cfg *config.Config, use *journeyUse) *SummaryCell {
	var worst *SummaryCell
	for i := range cfg.Channels {
		cell := use.channels[i].tally.cell(&cfg.Channels[i])
		if !cell.Average.Set {
			continue
		}
		if worst == nil || cell.Average.Value < worst.Average.Value ||
			(cell.Average.Value == worst.Average.Value && cell.Count > worst.Count) {
			worst = &cell
		}
	}
	return worst
}
