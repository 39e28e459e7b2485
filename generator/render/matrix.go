package render

import (
	"sort"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// Matrix is a touchpoint × channel table: a row per touchpoint, grouped
// (by stage on a journey page, by journey on the channels page), and a
// column per channel. A cell is filled where the touchpoint uses the
// channel and shows the touchpoint's emotion.
type Matrix struct {
	Channels []*config.Channel
	Groups   []MatrixGroup
}

// MatrixGroup is a run of rows under one heading.
type MatrixGroup struct {
	Journey *content.Journey // set on the site-wide matrix
	Stage   *content.Stage   // set on a journey's matrix
	Rows    []MatrixRow
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

// siteMatrix has every channel and every touchpoint of every journey.
func siteMatrix(site *content.Site) *Matrix {
	m := &Matrix{Channels: allChannels(site.Config)}
	for _, j := range site.Journeys {
		var tps []*content.Touchpoint
		for _, s := range j.Stages {
			tps = append(tps, s.Touchpoints...)
		}
		if len(tps) > 0 {
			m.Groups = append(m.Groups, MatrixGroup{Journey: j, Rows: m.rows(tps)})
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

// Summary is the stage × channel view of the whole site: for each stage of
// each journey and each channel, how many touchpoints meet there and how
// they feel on average. Hotspots are its most negative cells.
type Summary struct {
	Channels []*config.Channel
	Journeys []SummaryJourney
	Totals   []SummaryCell // per channel, across the site
	Hotspots []Hotspot
}

// SummaryJourney is one journey's rows.
type SummaryJourney struct {
	Journey *content.Journey
	Rows    []SummaryRow
}

// SummaryRow is one stage.
type SummaryRow struct {
	Stage *content.Stage
	Cells []SummaryCell
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

func summarize(site *content.Site) *Summary {
	sum := &Summary{Channels: allChannels(site.Config)}
	index := map[string]int{}
	for i, c := range sum.Channels {
		index[c.ID] = i
	}
	totals := make([][]content.Emotion, len(sum.Channels))
	counts := make([]int, len(sum.Channels))
	for _, j := range site.Journeys {
		sj := SummaryJourney{Journey: j}
		for _, s := range j.Stages {
			feels := make([][]content.Emotion, len(sum.Channels))
			row := SummaryRow{Stage: s, Cells: make([]SummaryCell, len(sum.Channels))}
			for _, t := range s.Touchpoints {
				e, _ := t.Feels()
				for _, c := range t.Channels {
					i := index[c.ID]
					row.Cells[i].Count++
					counts[i]++
					feels[i] = append(feels[i], e)
					totals[i] = append(totals[i], e)
				}
			}
			for i, c := range sum.Channels {
				row.Cells[i].Channel = c
				row.Cells[i].Average = content.Average(feels[i])
				if row.Cells[i].Count > 0 && row.Cells[i].Average.Set && row.Cells[i].Average.Value < 0 {
					sum.Hotspots = append(sum.Hotspots, Hotspot{Stage: s, SummaryCell: row.Cells[i]})
				}
			}
			sj.Rows = append(sj.Rows, row)
		}
		sum.Journeys = append(sum.Journeys, sj)
	}
	for i, c := range sum.Channels {
		sum.Totals = append(sum.Totals, SummaryCell{Channel: c, Count: counts[i], Average: content.Average(totals[i])})
	}
	sort.SliceStable(sum.Hotspots, func(a, b int) bool {
		ha, hb := sum.Hotspots[a], sum.Hotspots[b]
		if ha.Average.Value != hb.Average.Value {
			return ha.Average.Value < hb.Average.Value
		}
		return ha.Count > hb.Count
	})
	if len(sum.Hotspots) > hotspotLimit {
		sum.Hotspots = sum.Hotspots[:hotspotLimit]
	}
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
