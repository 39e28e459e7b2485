package render

import (
	"html/template"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// Timeline is a journey page's map: the section with its heading and
// controls (the persona and channel filters, the lane toggles) and the
// grid of lanes, stage after stage, with the emotion curve as its first
// lane. It is the default theme's journey layout's hottest part, a
// value for every lane of every stage and every point of the curve, and
// is written in Go for that: html/template paid reflection and an
// escaper call for each of thousands of actions a page. A theme that
// wants another map writes its own layout markup over the same page
// data (.Journey, .Curve, .Compare, .KPIs, .StageEvidence).
func (p Dot) Timeline() template.HTML {
	j := p.Journey
	if j == nil {
		return ""
	}
	lanes := pagedata.LaneList(j)
	has := pagedata.LanesUsed(j)
	var w markup.Writer
	w.Grow(timelineSize(j))

	w.Raw(`<section class="timeline" data-timeline aria-labelledby="timeline-title">
  <div class="wrap section-head">
    <h2 id="timeline-title">Journey map <span class="muted">· `)
	w.Text(diag.Plural(len(j.Stages), "stage", "stages"))
	w.Raw(`</span></h2>
    <div class="controls" data-controls hidden>`)
	p.writeTimelineControls(&w)
	w.Raw(`
    </div>
  </div>
  <div class="timeline-scroll" tabindex="0" role="region" aria-label="Journey map, `)
	w.Int(len(j.Stages))
	w.Raw(` stages">
  <div class="lanes`)
	if len(j.Stages) > 8 {
		w.Raw(` many`)
	}
	w.Raw(`" style="--stages: `)
	w.Int(len(j.Stages))
	w.Raw(`; --print-size: `)
	// A size in points ("6.5pt"): html/template's CSS value filter
	// passes it as it is.
	w.Attr(pagedata.PrintSize(j))
	w.Raw(`">`)

	// Stage by stage in the markup, so that a phone shows one stage
	// after another; on a wider screen the stylesheet lays each lane out
	// as a row (its grid-row is the lane's name) and each stage as a
	// column.
	compared := has["emotion"] && p.Compare != nil
	w.Raw("\n" + `    <div class="lane-labels" aria-hidden="true"><span class="corner">Stage</span>`)
	for _, l := range lanes {
		w.Raw(`<span data-lane="`)
		w.Attr(l.ID)
		w.Raw(`">`)
		w.Text(l.Label)
		w.Raw(`</span>`)
	}
	if compared {
		w.Raw(`<span data-lane="emotion" class="change">Change from today</span>`)
	}
	w.Raw(`</div>`)
	if has["emotion"] {
		w.Raw("\n" + `    <div class="curve-cell" data-lane="emotion">`)
		writeCurve(&w, p.Curve)
		if c := p.Curve; len(c.Series) > 0 || c.Today != nil || c.Worst != nil {
			writeCurveLegend(&w, c, p.Compare)
		}
		w.Raw(`</div>`)
	}
	if has["frontstage"] && has["backstage"] {
		w.Raw("\n" + `    <div class="visibility-line" data-lane="backstage" aria-hidden="true"><span>Line of visibility</span></div>`)
	}
	for i, s := range j.Stages {
		p.writeStage(&w, i, s, has, compared)
	}
	w.Raw(`
  </div>
  </div>
</section>`)
	return w.Result()
}

// timelineSize is a cheap guess at a map's size in bytes, a little
// over what most stages write, so that its Writer grows once or not at
// all.
func timelineSize(j *content.Journey) int {
	perPersona := 0
	if j.PerPersona() {
		perPersona = 320 * len(j.Personas) // a line each on the curve, and values in the lanes
	}
	n := 4096
	for _, s := range j.Stages {
		n += 2304 + perPersona + 768*len(s.Touchpoints) + 384*len(s.Steps) + 640*len(s.Series)
	}
	return n
}

// writeTimelineControls writes the map's filters: one persona's curve,
// one channel's touchpoints, and the lanes to show. They are hidden
// until the script runs, which makes them work: it presses the buttons
// (aria-pressed), makes a checkbox for each lane the map names in
// .lane-labels, and a button for each channel the matrix has a column
// for, so that none of those is written here for it: a reader without
// the script would never see them.
func (p Dot) writeTimelineControls(w *markup.Writer) {
	if series := p.Curve.Series; len(series) > 0 {
		w.Raw(`
<div class="persona-filter" role="group" aria-label="Show one persona's curve"><span class="control-label">Persona</span><button data-persona-filter="">All</button>`)
		for _, se := range series {
			w.Raw(`<button id="persona-`)
			w.Attr(se.Key)
			w.Raw(`" data-persona-filter="`)
			w.Attr(se.Key)
			w.Raw(`">`)
			writeLegendMarker(w, se.Tone, se.Legend)
			w.Text(se.Name)
			w.Raw(`</button>`)
		}
		w.Raw(`</div>`)
	}
	w.Raw(`
<details class="lane-toggles"><summary>Lanes</summary><fieldset><legend class="visually-hidden">Show or hide lanes</legend></fieldset></details>`)
}

// writeStage writes stage s, the i-th, as a column of the map: its head,
// then a cell for each lane the map has (has), empty where the stage has
// nothing in it, so that the lanes line up across stages.
func (p Dot) writeStage(w *markup.Writer, i int, s *content.Stage, has map[string]bool, compared bool) {
	j := p.Journey
	w.Raw("\n" + `<section class="stage`)
	if s.MomentOfTruth {
		w.Raw(` mot`)
	}
	w.Raw(`" data-stage-id="`)
	w.Attr(s.ID)
	w.Raw(`"><h3 class="stage-head" id="stage-`)
	w.Attr(s.ID)
	w.Raw(`" data-evidence="`)
	w.Int(len(s.Evidence))
	// The button opens the stage's panel; the script, which makes it
	// do so, says which is open (aria-expanded).
	w.Raw(`"><button data-stage-id="`)
	w.Attr(s.ID)
	w.Raw(`" aria-controls="stage-panel-`)
	w.Attr(s.ID)
	w.Raw(`"><span class="stage-num">`)
	w.Int(i + 1)
	w.Raw(`</span> <span class="stage-name">`)
	w.Text(s.Name)
	w.Raw(`</span></button>`)
	if s.MomentOfTruth {
		w.Raw(` <span class="mot-badge">★ Moment of truth</span>`)
	}
	writeStageEvidence(w, p.StageEvidence[i])
	w.Raw(`</h3>`)

	if has["goal"] {
		w.Raw(`<div data-lane="goal">`)
		if s.Goal != "" {
			w.Text(s.Goal)
		}
		w.Raw(`</div>`)
	}
	if has["doing"] {
		writeLaneList(w, "doing", s.Doing)
	}
	if has["steps"] {
		w.Raw(`<div data-lane="steps">`)
		if len(s.Steps) > 0 {
			writeTimelineSteps(w, s.Steps, j)
		}
		w.Raw(`</div>`)
	}
	if has["thinking"] {
		w.Raw(`<div data-lane="thinking">`)
		if len(s.Thinking) > 0 {
			for _, t := range s.Thinking {
				w.Raw(`<q>`)
				w.Text(t)
				w.Raw(`</q>`)
			}
		}
		w.Raw(`</div>`)
	}
	if has["feeling"] {
		w.Raw(`<div data-lane="feeling">`)
		if s.Feeling != "" || s.Emotion.Set {
			if s.Feeling != "" {
				w.Raw(`<b>`)
				w.Text(s.Feeling)
				w.Raw(`</b> `)
			}
			writeTimelineEmotion(w, s.Emotion, j)
		}
		w.Raw(`</div>`)
	}
	if compared {
		ch := p.Compare.Stages[i]
		w.Raw(`<div data-lane="emotion" class="change trend-`)
		w.Attr(ch.Trend)
		w.Raw(`"><h4>Change from today</h4><strong>`)
		w.Text(ch.Change)
		w.Raw(`</strong>`)
		if ch.Trend == "up" || ch.Trend == "down" || ch.Trend == "same" {
			w.Raw(` <span class="muted">`)
			w.Text(ch.Was.Emotion.String())
			w.Raw(` → `)
			w.Text(ch.Stage.Emotion.String())
			w.Raw(`</span>`)
		}
		w.Raw(`</div>`)
	}
	if has["touchpoints"] {
		if len(s.Touchpoints) > 0 {
			w.Raw(`<ul data-lane="touchpoints" class="touchpoints">`)
			for _, t := range s.Touchpoints {
				writeTimelineTouchpoint(w, t, j)
			}
			w.Raw(`</ul>`)
		} else {
			w.Raw(`<div data-lane="touchpoints"></div>`)
		}
	}
	if has["pain_points"] {
		writeLaneList(w, "pain_points", s.PainPoints)
	}
	if has["opportunities"] {
		writeLaneList(w, "opportunities", s.Opportunities)
	}
	if has["frontstage"] {
		writeLaneList(w, "frontstage", s.Frontstage)
	}
	if has["backstage"] {
		writeLaneList(w, "backstage", s.Backstage)
	}
	if has["kpis"] {
		w.Raw(`<div data-lane="kpis">`)
		if kpis := p.KPIs(s); len(kpis) > 0 {
			writeTimelineKPIs(w, kpis)
		}
		w.Raw(`</div>`)
	}
	if has["evidence"] {
		if len(s.Evidence) == 0 {
			w.Raw(`<div data-lane="evidence"></div>`)
		} else {
			w.Raw(`<ul data-lane="evidence" class="evidence-list">`)
			for _, e := range s.Evidence {
				w.Raw(`<li><b>`)
				w.Text(titleOf(e.Kind))
				w.Raw(`</b> `)
				w.Text(e.Title)
				if e.N != 0 {
					w.Raw(` <small>n = `)
					w.Text(diag.Thousands(e.N))
					w.Raw(`</small>`)
				}
				w.Raw(`</li>`)
			}
			w.Raw(`</ul>`)
		}
	}
	w.Raw(`</section>`)
}

// writeLaneList writes a stage's block of a lane that is a list (doing,
// pain points, …) as the list itself, the grid's cell a <ul>, or an
// empty block when the stage has nothing in the lane.
func writeLaneList(w *markup.Writer, lane string, items []string) {
	if len(items) == 0 {
		w.Raw(`<div data-lane="`)
		w.Attr(lane)
		w.Raw(`"></div>`)
		return
	}
	w.Raw(`<ul data-lane="`)
	w.Attr(lane)
	w.Raw(`">`)
	for _, s := range items {
		w.Raw(`<li>`)
		w.Text(s)
		w.Raw(`</li>`)
	}
	w.Raw(`</ul>`)
}

// writeTimelineEmotion writes how a stage, step or touchpoint feels:
// each persona's value when it was written per persona, else the one.
func writeTimelineEmotion(w *markup.Writer, e content.Emotion, j *content.Journey) {
	if e.PerPersona() {
		writePersonaEmotions(w, pagedata.Feelings(e, j))
		return
	}
	writeEmotion(w, e)
}

// writeTimelineTouchpoint writes a touchpoint of the touchpoints lane:
// its name, its channels (which the channel filter reads from
// data-channels) and how it feels.
func writeTimelineTouchpoint(w *markup.Writer, t *content.Touchpoint, j *content.Journey) {
	if t.MomentOfTruth {
		w.Raw(`<li class="mot" data-channels="`)
	} else {
		w.Raw(`<li data-channels="`)
	}
	writeChannelIDs(w, t.Channels)
	w.Raw(`"><b>`)
	w.Text(t.Name)
	w.Raw(`</b>`)
	if t.MomentOfTruth {
		w.Raw(` <span class="mot-badge" title="Moment of truth">★<span class="visually-hidden"> moment of truth</span></span>`)
	}
	w.Raw(`<span class="tp-channels">`)
	writeChannels(w, t.Channels)
	w.Raw(`</span>`)
	writeTimelineEmotion(w, t.Emotion, j)
	w.Raw(`</li>`)
}

// writeTimelineSteps is the "steps" partial: a stage's steps in order,
// each with who takes it and how it felt.
func writeTimelineSteps(w *markup.Writer, steps []*content.Step, j *content.Journey) {
	w.Raw(`<ol class="steps">`)
	for _, st := range steps {
		w.Raw("\n" + `<li class="step"><span class="step-name">`)
		w.Text(st.Name)
		w.Raw(`</span>`)
		if len(st.Personas) > 0 {
			w.Raw(` <span class="step-who"><span class="visually-hidden">Taken by </span>`)
			for k, p := range st.Personas {
				if k > 0 {
					w.Raw(`, `)
				}
				w.Text(p.Name)
			}
			w.Raw(`</span>`)
		}
		if st.Emotion.PerPersona() {
			writePersonaEmotions(w, pagedata.Feelings(st.Emotion, j))
		} else if st.Emotion.Set {
			w.Raw(` `)
			writeEmotion(w, st.Emotion)
		}
		w.Raw(`</li>`)
	}
	w.Raw("\n</ol>")
}

// writeTimelineKPIs is the "kpis" partial: a stage's KPIs. A measured
// one says everything in words (its newest value and date, the change
// since the value before, its target and whether it is met, whether it
// is out of date); its sparkline and colours only repeat it. One that
// is not measured is its name.
func writeTimelineKPIs(w *markup.Writer, kpis []pagedata.KPI) {
	w.Raw(`<ul class="plain">`)
	for i := range kpis {
		k := &kpis[i]
		if k.Series == nil {
			w.Raw(`<li>`)
			w.Text(k.Name)
			w.Raw(`</li>`)
			continue
		}
		w.Raw("\n" + `<li class="kpi`)
		if k.Stale {
			w.Raw(` kpi-stale`)
		}
		w.Raw(`">
<span class="kpi-name">`)
		w.Text(k.Name)
		w.Raw(`</span>
<span class="kpi-now"><strong class="kpi-value">`)
		w.Text(k.Value)
		w.Raw(`</strong> on <time datetime="`)
		w.Attr(k.Date.Format(isoDateLayout))
		w.Raw(`">`)
		w.Text(k.Date.Format(shortDateLayout))
		w.Raw(`</time>`)
		if sp := k.Spark; sp != nil {
			w.Raw(` <svg class="kpi-spark" viewBox="0 0 `)
			writeNum(w, sp.Width)
			w.Raw(` `)
			writeNum(w, sp.Height)
			w.Raw(`" width="`)
			writeNum(w, sp.Width)
			w.Raw(`" height="`)
			writeNum(w, sp.Height)
			w.Raw(`" aria-hidden="true">`)
			if sp.HasTarget {
				w.Raw(`<line class="kpi-spark-target" x1="0" x2="`)
				writeNum(w, sp.Width)
				w.Raw(`" y1="`)
				writeNum(w, sp.TargetY)
				w.Raw(`" y2="`)
				writeNum(w, sp.TargetY)
				w.Raw(`"/>`)
			}
			w.Raw(`<path d="`)
			w.Attr(sp.Path)
			w.Raw(`"/><circle cx="`)
			writeNum(w, sp.LastX)
			w.Raw(`" cy="`)
			writeNum(w, sp.LastY)
			w.Raw(`" r="2.5"/></svg>`)
		}
		w.Raw(`</span>`)
		if k.Trend != "" {
			w.Raw("\n" + `<span class="kpi-change trend-`)
			w.Attr(k.Trend)
			if k.Toward != "" {
				w.Raw(` `)
				w.Attr(k.Toward)
			}
			w.Raw(`"><span aria-hidden="true">`)
			switch k.Trend {
			case "up":
				w.Raw(`▲`)
			case "down":
				w.Raw(`▼`)
			default:
				w.Raw(`■`)
			}
			w.Raw(`</span> `)
			w.Text(k.Change)
			w.Raw(` since <time datetime="`)
			w.Attr(k.Since.Format(isoDateLayout))
			w.Raw(`">`)
			w.Text(k.Since.Format(shortDateLayout))
			w.Raw(`</time>`)
			if k.Toward != "" {
				w.Raw(` (`)
				w.Text(k.Toward)
				w.Raw(`)`)
			}
			w.Raw(`</span>`)
		}
		if k.Target != "" {
			if k.Met {
				w.Raw("\n" + `<span class="kpi-target met">Target `)
			} else {
				w.Raw("\n" + `<span class="kpi-target missed">Target `)
			}
			w.Text(k.Target)
			w.Raw(` (`)
			w.Text(k.Better)
			if k.Met {
				w.Raw(` is better): <strong><span aria-hidden="true">✓</span> met</strong></span>`)
			} else {
				w.Raw(` is better): <strong><span aria-hidden="true">✗</span> not met</strong></span>`)
			}
		}
		if k.Stale {
			w.Raw("\n" + `<span class="kpi-stale-note"><strong>Out of date:</strong> no value for more than `)
			w.Int(k.StaleDays)
			w.Raw(` days</span>`)
		}
		w.Raw("\n</li>")
	}
	w.Raw(`</ul>`)
}
