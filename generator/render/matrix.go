package render

import (
	"math"
	"slices"
	"strconv"
	"strings"

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
	// ByPersona is how each of the journey's personas feels there, for
	// the persona filter ("dana-ortiz=-1 sam-lee=1", a persona not rated
	// there with nothing after "="), when any emotion of the journey is
	// written per persona; "" otherwise.
	ByPersona string
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
	var personas []*content.Persona
	if j.PerPersona() {
		personas = j.Personas
	}
	for _, s := range j.Stages {
		if g := (MatrixGroup{Stage: s, Rows: m.rows(s.Touchpoints, personas)}); len(g.Rows) > 0 {
			m.Groups = append(m.Groups, g)
		}
	}
	return m
}

func (m *Matrix) rows(tps []*content.Touchpoint, personas []*content.Persona) []MatrixRow {
	rows := make([]MatrixRow, 0, len(tps))
	for _, t := range tps {
		e, inherited := t.Feels()
		byPersona := personaValues(t, personas)
		row := MatrixRow{Touchpoint: t, Cells: make([]MatrixCell, len(m.Channels))}
		for i, c := range m.Channels {
			row.Cells[i] = MatrixCell{Channel: c}
			if t.OnChannel(c.ID) {
				row.Cells[i] = MatrixCell{Channel: c, On: true, Emotion: e, Inherited: inherited, ByPersona: byPersona}
			}
		}
		rows = append(rows, row)
	}
	return rows
}

// personaValues is MatrixCell.ByPersona for touchpoint t.
func personaValues(t *content.Touchpoint, personas []*content.Persona) string {
	parts := make([]string, len(personas))
	for i, p := range personas {
		e, _ := t.FeelsFor(p.Slug)
		parts[i] = p.Slug + "="
		if e.Set {
			// Without the sign of Emotion.String: html/template would
			// write "+" as "&#43;" in an attribute.
			parts[i] += strconv.FormatFloat(e.Value, 'f', -1, 64)
		}
	}
	return strings.Join(parts, " ")
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

// add counts a touchpoint, and each of its ratings: one per persona when
// its emotion is written per persona.
func (t *tally) add(e content.Emotion) {
	t.count++
	for _, v := range e.Values() {
		t.rated++
		t.sum += v
	}
}

func (t *tally) merge(o tally) {
	t.count += o.count
	t.rated += o.rated
	t.sum += o.sum
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

// summarize builds the site's summary from each journey's contribution.
func summarize(site *content.Site, use useFunc) *Summary {
	sum := &Summary{Channels: allChannels(site.Config)}
	totals := make([]tally, len(sum.Channels))
	var hot []Hotspot
	for _, j := range site.Journeys {
		ju := use(j)
		row := SummaryJourney{Journey: j, Cells: make([]SummaryCell, len(sum.Channels))}
		for i, c := range sum.Channels {
			row.Cells[i] = ju.channels[i].tally.cell(c)
			totals[i].merge(ju.channels[i].tally)
		}
		sum.Journeys = append(sum.Journeys, row)
		for _, h := range ju.hotspots {
			hot = addHotspot(hot, h)
		}
	}
	for i, c := range sum.Channels {
		sum.Totals = append(sum.Totals, totals[i].cell(c))
	}
	sum.Hotspots = hot
	return sum
}

// journeyUse is what one journey contributes to the site-wide views of
// channels. It depends on the journey alone (and site.toml), so a
// Renderer keeps it between rebuilds like a fragment: a rebuild then adds
// up 2,000 small records instead of visiting 36,000 touchpoints.
type journeyUse struct {
	channels []channelPart // by channel, in site.toml order
	hotspots []Hotspot     // the journey's worst cells, at most hotspotLimit
}

// channelPart is a journey's touchpoints on one channel.
type channelPart struct {
	touchpoints []*content.Touchpoint
	tally       tally
}

// useFunc gives a journey's contribution, computed or kept.
type useFunc func(*content.Journey) *journeyUse

// computeUse works out a journey's contribution.
func computeUse(cfg *config.Config, j *content.Journey) *journeyUse {
	index := make(map[string]int, len(cfg.Channels))
	for i := range cfg.Channels {
		index[cfg.Channels[i].ID] = i
	}
	ju := &journeyUse{channels: make([]channelPart, len(cfg.Channels))}
	stage := make([]tally, len(cfg.Channels))
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
				ju.channels[i].tally.add(e)
				ju.channels[i].touchpoints = append(ju.channels[i].touchpoints, t)
			}
		}
		for i := range cfg.Channels {
			// Only a journey's own top cells can be among the site's: the
			// site's list is these lists merged, in journey order.
			if cell := stage[i].cell(&cfg.Channels[i]); cell.Count > 0 && cell.Average.Set && cell.Average.Value < 0 {
				ju.hotspots = addHotspot(ju.hotspots, Hotspot{Stage: s, SummaryCell: cell})
			}
		}
	}
	return ju
}

// addHotspot keeps the hotspotLimit worst cells in order, worst first; of
// equal cells, the busier first, then the one met first. A site has tens
// of thousands of negative cells: sorting them all to keep eight would be
// the most expensive step of the summary.
func addHotspot(top []Hotspot, h Hotspot) []Hotspot {
	worse := func(a, b Hotspot) bool {
		if a.Average.Value != b.Average.Value {
			return a.Average.Value < b.Average.Value
		}
		return a.Count > b.Count
	}
	i := len(top)
	for i > 0 && worse(h, top[i-1]) {
		i--
	}
	if i >= hotspotLimit {
		return top
	}
	top = slices.Insert(top, i, h)
	if len(top) > hotspotLimit {
		top = top[:hotspotLimit]
	}
	return top
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

// channelUses gathers every channel's touchpoints and figures from each
// journey's contribution.
func channelUses(site *content.Site, use useFunc) map[string]*ChannelUse {
	chans := allChannels(site.Config)
	uses := make(map[string]*ChannelUse, len(chans))
	totals := make([]tally, len(chans))
	for _, c := range chans {
		uses[c.ID] = &ChannelUse{Channel: c}
	}
	for _, j := range site.Journeys {
		ju := use(j)
		for i, c := range chans {
			part := ju.channels[i]
			if len(part.touchpoints) == 0 {
				continue
			}
			u := uses[c.ID]
			u.Journeys = append(u.Journeys, ChannelJourney{Journey: j, Touchpoints: part.touchpoints})
			totals[i].merge(part.tally)
		}
	}
	for _, p := range site.Personas {
		for _, c := range p.Channels {
			if u := uses[c.ID]; u != nil {
				u.Personas = append(u.Personas, p)
			}
		}
	}
	for i, c := range chans {
		cell := totals[i].cell(c)
		uses[c.ID].Count, uses[c.ID].Average = cell.Count, cell.Average
	}
	return uses
}
