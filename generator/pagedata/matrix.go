package pagedata

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

// The site-wide roll-ups (channel averages, the hotspots, the totals of
// /channels/, a persona's list of maps) say how customers feel today, so
// they count only the maps that record it. A future-state map's emotions
// are the team's targets, and a draft is not reviewed yet: averaged in,
// either would move today's figures (a plan that fixes phone support makes
// phone support look better than it is). Where a roll-up lists journeys,
// those maps come last, each labelled with why it is kept apart.
const (
	apartPlanned = "planned" // a future-state map
	apartDraft   = "draft"   // a map whose status is draft (built with --drafts)
)

// apartFrom says why the roll-ups keep journey j apart: apartPlanned,
// apartDraft, or "" for a map they count. A future-state draft is planned:
// it would stay out even once reviewed.
func apartFrom(j *content.Journey) string {
	switch {
	case j.State == "future":
		return apartPlanned
	case j.Status == "draft":
		return apartDraft
	}
	return ""
}

// apartRank orders the groups of a roll-up's list: the maps it counts,
// then the planned ones, then the drafts.
func apartRank(j *content.Journey) int {
	switch apartFrom(j) {
	case apartPlanned:
		return 1
	case apartDraft:
		return 2
	}
	return 0
}

// JourneyGroups are a list of journeys split as the roll-ups count them,
// each part in the list's order.
type JourneyGroups struct {
	Counted []*content.Journey // current-state maps that are not drafts
	Planned []*content.Journey // future-state maps
	Drafts  []*content.Journey // current-state drafts
}

// GroupJourneys splits journeys as the roll-ups count them: a persona's
// page lists the maps of today apart from the plans and the drafts.
func GroupJourneys(journeys []*content.Journey) JourneyGroups {
	var g JourneyGroups
	for _, j := range journeys {
		switch apartFrom(j) {
		case apartPlanned:
			g.Planned = append(g.Planned, j)
		case apartDraft:
			g.Drafts = append(g.Drafts, j)
		default:
			g.Counted = append(g.Counted, j)
		}
	}
	return g
}

// Summary is the journey × channel view of the whole site: for each
// journey and channel, how many touchpoints meet there and how they feel
// on average. Hotspots are the most negative stages on a channel. Totals
// and Hotspots count the maps of today only (see apartFrom).
type Summary struct {
	Channels []*config.Channel
	Journeys []SummaryJourney // the counted maps, then the planned ones, then the drafts
	Totals   []SummaryCell    // per channel, across the counted maps
	Hotspots []Hotspot        // of the counted maps
	Apart    int              // how many of Journeys are not counted, at the end of the list
}

// SummaryJourney is one journey's row.
type SummaryJourney struct {
	Journey *content.Journey
	Cells   []SummaryCell // per channel
	Apart   string        // why Totals leave this row out, "" when they count it (see apartFrom)
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
		row := SummaryJourney{Journey: j, Cells: make([]SummaryCell, len(sum.Channels)), Apart: apartFrom(j)}
		for i, c := range sum.Channels {
			row.Cells[i] = ju.channels[i].tally.cell(c)
			if row.Apart == "" {
				totals[i].merge(ju.channels[i].tally)
			}
		}
		sum.Journeys = append(sum.Journeys, row)
		if row.Apart != "" {
			sum.Apart++
			continue
		}
		for _, h := range ju.hotspots {
			hot = addHotspot(hot, h)
		}
	}
	// Stable: within each group the rows keep the site's order (by title).
	slices.SortStableFunc(sum.Journeys, func(a, b SummaryJourney) int { return apartRank(a.Journey) - apartRank(b.Journey) })
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
// Count and Average are of the maps of today (see apartFrom); Journeys
// lists those first, then the planned maps and the drafts, labelled.
type ChannelUse struct {
	Channel  *config.Channel
	Journeys []ChannelJourney
	Count    int
	Average  content.Emotion
	Apart    int                // how many of Journeys are not counted, at the end of the list
	Personas []*content.Persona // who prefer this channel

	tally tally // of the counted maps, for the ranking
}

// CountedJourneys is how many of Journeys the figures count.
func (u *ChannelUse) CountedJourneys() int { return len(u.Journeys) - u.Apart }

// ChannelJourney is one journey's touchpoints on a channel.
type ChannelJourney struct {
	Journey     *content.Journey
	Touchpoints []*content.Touchpoint
	Apart       string // why the channel's figures leave them out, "" when they count them
}

// channelUses gathers every channel's touchpoints and figures from each
// journey's contribution.
func channelUses(site *content.Site, use useFunc) map[string]*ChannelUse {
	chans := allChannels(site.Config)
	uses := make(map[string]*ChannelUse, len(chans))
	for _, c := range chans {
		uses[c.ID] = &ChannelUse{Channel: c}
	}
	for _, j := range site.Journeys {
		ju := use(j)
		apart := apartFrom(j)
		for i, c := range chans {
			part := ju.channels[i]
			if len(part.touchpoints) == 0 {
				continue
			}
			u := uses[c.ID]
			u.Journeys = append(u.Journeys, ChannelJourney{Journey: j, Touchpoints: part.touchpoints, Apart: apart})
			if apart != "" {
				u.Apart++
				continue
			}
			u.tally.merge(part.tally)
		}
	}
	for _, p := range site.Personas {
		for _, c := range p.Channels {
			if u := uses[c.ID]; u != nil {
				u.Personas = append(u.Personas, p)
			}
		}
	}
	for _, c := range chans {
		u := uses[c.ID]
		slices.SortStableFunc(u.Journeys, func(a, b ChannelJourney) int { return apartRank(a.Journey) - apartRank(b.Journey) })
		cell := u.tally.cell(c)
		u.Count, u.Average = cell.Count, cell.Average
	}
	return uses
}

// painPrior is how many neutral ratings the ranking of channels adds to
// each channel's own. An average of three ratings says less than one of
// thirty; shrunk toward neutral by a fixed weight, a channel's place rests
// on both how bad its touchpoints feel and how many say so: one touchpoint
// at -2 (-0.67) ranks after six at -1 (-0.75), three at -1.33 (-0.8)
// before six at -0.92 (-0.69). A minimum count would rank by a cliff
// instead, and a sum of the negative ratings would put the busiest
// channel first, however mildly it hurts.
const painPrior = 2

// pain is the channel's score in the ranking, lower is worse; ok is false
// when none of its touchpoints on a counted map is rated.
func (t tally) pain() (score float64, ok bool) {
	if t.rated == 0 {
		return 0, false
	}
	return t.sum / float64(t.rated+painPrior), true
}

// rankByPain orders channels most painful first (see painPrior); the
// channels without a rating come last. Ties keep the order given, which
// is site.toml's.
func rankByPain(uses []*ChannelUse) []*ChannelUse {
	out := slices.Clone(uses)
	slices.SortStableFunc(out, func(a, b *ChannelUse) int {
		pa, oka := a.tally.pain()
		pb, okb := b.tally.pain()
		switch {
		case oka != okb:
			if oka {
				return -1
			}
			return 1
		case pa < pb:
			return -1
		case pa > pb:
			return 1
		}
		return 0
	})
	return out
}
