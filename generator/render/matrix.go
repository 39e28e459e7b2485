package render

import (
	"math"
	"sort"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// Matrix is a journey's touchpoint × channel table: a row per
// touchpoint, grouped by stage, and a column per channel. A cell is filled where the touchpoint uses the
// channel and shows the touchpoint's emotion.
type Matrix struct {
	Channels []*config.Channel
	Groups   []MatrixGroup
}

// MatrixGroup is one stage's rows.
type MatrixGroup struct {
	Stage *content.Stage
	Rows  []MatrixRow
}

// MatrixRow is one touchpoint.
type MatrixRow struct {
	Touchpoint *content.Touchpoint
	Cells      []MatrixCell
}

// MatrixCell is one touchpoint on one channel.
type MatrixCell struct {
	Channel   *config.Channel
	On        bool
	Emotion   content.Emotion
	Inherited bool // the emotion is the stage's, not the touchpoint's own
}

// journeyMatrix has the channels this journey uses, in site.toml order.
func journeyMatrix(cfg *config.Config, j *content.Journey) *Matrix {
	used := map[string]bool{}
	for _, s := range j.Stages {
		for _, t := range s.Touchpoints {
			for _, c := range t.Channels {
				used[c.ID] = true
			}
		}
	}
	m := &Matrix{}
	for i := range cfg.Channels {
		if used[cfg.Channels[i].ID] {
			m.Channels = append(m.Channels, &cfg.Channels[i])
		}
	}
	for _, s := range j.Stages {
		if g := (MatrixGroup{Stage: s, Rows: m.rows(s.Touchpoints)}); len(g.Rows) > 0 {
			m.Groups = append(m.Groups, g)
		}
	}
	return m
}

func (m *Matrix) rows(tps []*content.Touchpoint) []MatrixRow {
	rows := make([]MatrixRow, 0, len(tps))
	for _, t := range tps {
		e, inherited := t.Feels()
		row := MatrixRow{Touchpoint: t, Cells: make([]MatrixCell, len(m.Channels))}
		for i, c := range m.Channels {
			row.Cells[i] = MatrixCell{Channel: c}
			if t.OnChannel(c.ID) {
				row.Cells[i] = MatrixCell{Channel: c, On: true, Emotion: e, Inherited: inherited}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

func allChannels(cfg *config.Config) []*config.Channel {
	out := make([]*config.Channel, len(cfg.Channels))
	for i := range cfg.Channels {
		out[i] = &cfg.Channels[i]
	}
	return out
}

// Summary is the journey × channel view of the whole site: for each
// journey and channel, how many touchpoints meet there and how they feel
// on average. Hotspots are the most negative stages on a channel.
type Summary struct {
	Channels []*config.Channel
	Journeys []SummaryJourney
	Totals   []SummaryCell // per channel, across the site
	Hotspots []Hotspot
}

// SummaryJourney is one journey's row.
type SummaryJourney struct {
	Journey *content.Journey
	Cells   []SummaryCell // per channel
}

// SummaryCell aggregates the touchpoints on one channel.
type SummaryCell struct {
	Channel *config.Channel
	Count   int
	Average content.Emotion
}

// Hotspot is a stage and channel where touchpoints feel worst.
type Hotspot struct {
	Stage *content.Stage
	SummaryCell
}

// hotspotLimit is how many of the worst cells the summary lists.
const hotspotLimit = 8

// tally sums emotions without keeping them: the summary visits every
// touchpoint of the site, and a slice per cell would cost more than the
// arithmetic.
type tally struct {
	count, rated int
	sum          float64
}

func (t *tally) add(e content.Emotion) {
	t.count++
	if e.Set {
		t.rated++
		t.sum += e.Value
	}
}

func (t tally) cell(c *config.Channel) SummaryCell {
	out := SummaryCell{Channel: c, Count: t.count}
	if t.rated > 0 {
		// Rounded as content.Average rounds: two decimals on a
		// five-point scale.
		out.Average = content.Emotion{Value: math.Round(t.sum/float64(t.rated)*100) / 100, Set: true}
	}
	return out
}

func summarize(site *content.Site) *Summary {
	sum := &Summary{Channels: allChannels(site.Config)}
	index := make(map[string]int, len(sum.Channels))
	for i, c := range sum.Channels {
		index[c.ID] = i
	}
	totals := make([]tally, len(sum.Channels))
	journey := make([]tally, len(sum.Channels))
	stage := make([]tally, len(sum.Channels))
	var hot []Hotspot
	for _, j := range site.Journeys {
		clear(journey)
		for _, s := range j.Stages {
			clear(stage)
			for _, t := range s.Touchpoints {
				e, _ := t.Feels()
				for _, c := range t.Channels {
					i, ok := index[c.ID]
					if !ok {
						continue
					}
					stage[i].add(e)
					journey[i].add(e)
					totals[i].add(e)
				}
			}
			for i, c := range sum.Channels {
				if cell := stage[i].cell(c); cell.Count > 0 && cell.Average.Set && cell.Average.Value < 0 {
					hot = append(hot, Hotspot{Stage: s, SummaryCell: cell})
				}
			}
		}
		row := SummaryJourney{Journey: j, Cells: make([]SummaryCell, len(sum.Channels))}
		for i, c := range sum.Channels {
			row.Cells[i] = journey[i].cell(c)
		}
		sum.Journeys = append(sum.Journeys, row)
	}
	for i, c := range sum.Channels {
		sum.Totals = append(sum.Totals, totals[i].cell(c))
	}
	sort.SliceStable(hot, func(a, b int) bool {
		ha, hb := hot[a], hot[b]
		if ha.Average.Value != hb.Average.Value {
			return ha.Average.Value < hb.Average.Value
		}
		return ha.Count > hb.Count
	})
	if len(hot) > hotspotLimit {
		hot = hot[:hotspotLimit]
	}
	sum.Hotspots = hot
	return sum
}

// ChannelUse is one channel's touchpoints across the site, by journey.
type ChannelUse struct {
	Channel  *config.Channel
	Journeys []ChannelJourney
	Count    int
	Average  content.Emotion
	Personas []*content.Persona // who prefer this channel
}

// ChannelJourney is one journey's touchpoints on a channel.
type ChannelJourney struct {
	Journey     *content.Journey
	Touchpoints []*content.Touchpoint
}

// channelUses indexes every touchpoint by channel in one pass.
func channelUses(site *content.Site) map[string]*ChannelUse {
	uses := map[string]*ChannelUse{}
	for _, c := range allChannels(site.Config) {
		uses[c.ID] = &ChannelUse{Channel: c}
	}
	feels := map[string][]content.Emotion{}
	for _, j := range site.Journeys {
		for _, s := range j.Stages {
			for _, t := range s.Touchpoints {
				e, _ := t.Feels()
				for _, c := range t.Channels {
					u := uses[c.ID]
					if n := len(u.Journeys); n == 0 || u.Journeys[n-1].Journey != j {
						u.Journeys = append(u.Journeys, ChannelJourney{Journey: j})
					}
					last := &u.Journeys[len(u.Journeys)-1]
					last.Touchpoints = append(last.Touchpoints, t)
					u.Count++
					feels[c.ID] = append(feels[c.ID], e)
				}
			}
		}
	}
	for _, p := range site.Personas {
		for _, c := range p.Channels {
			uses[c.ID].Personas = append(uses[c.ID].Personas, p)
		}
	}
	for id, u := range uses {
		u.Average = content.Average(feels[id])
	}
	return uses
}
