package render

// oldTimeline is the default theme's journey layout's timeline section
// and the partials it called, as they were before Dot.Timeline wrote
// them in Go: timeline_test.go holds Timeline to their output byte for
// byte, on maps the golden files do not cover.
const oldTimeline = `{{define "timeline"}}{{$lanes := lanes .Journey}}{{$j := .Journey}}{{with .Journey}}<section class="timeline" data-timeline aria-labelledby="timeline-title">
  <div class="wrap section-head">
    <h2 id="timeline-title">Journey map <span class="muted">· {{plural (len .Stages) "stage" "stages"}}</span></h2>
    <div class="controls" data-controls hidden>
      {{- with $.Curve.Series}}
      <div class="persona-filter" role="group" aria-label="Show one persona's curve">
        <span class="control-label">Persona</span>
        <button type="button" class="chip-button" data-persona-filter="" aria-pressed="true">All</button>
        {{- range .}}
        <button type="button" class="chip-button" id="persona-{{.Key}}" data-persona-filter="{{.Key}}" aria-pressed="false"><svg class="legend-marker tone-{{.Tone}}" viewBox="-9 -9 18 18" width="14" height="14" aria-hidden="true" focusable="false"><path d="{{.Legend}}"/></svg>{{.Name}}</button>
        {{- end}}
      </div>
      {{- end}}
      {{- with $.Matrix.Channels}}
      <div class="channel-filter" role="group" aria-label="Show touchpoints on one channel">
        <span class="control-label">Channel</span>
        {{- range .}}
        <button type="button" class="chip-button{{with .Kind}} kind k-{{.}}{{end}}" data-channel-filter="{{.ID}}" aria-pressed="false">{{.Name}}</button>
        {{- end}}
      </div>
      {{- end}}
      <details class="lane-toggles">
        <summary>Lanes</summary>
        <fieldset>
          <legend class="visually-hidden">Show or hide lanes</legend>
          {{- range laneList .}}
          <label><input type="checkbox" data-lane-toggle="{{.ID}}" checked> {{.Label}}</label>
          {{- end}}
        </fieldset>
      </details>
    </div>
  </div>
  <div class="timeline-scroll" tabindex="0" role="region" aria-label="Journey map, {{len .Stages}} stages">
  <div class="lanes{{if gt (len .Stages) 8}} many{{end}}" style="--stages: {{len .Stages}}; --print-size: {{printSize .}}">
    {{- /* Stage by stage in the markup, so that a phone shows one stage
    after another; on a wider screen the stylesheet lays each lane out as a
    row (its grid-row is the lane's name) and each stage as a column. */}}
    <div class="lane-labels" aria-hidden="true"><span class="corner">Stage</span>
      {{- range laneList .}}<span data-lane="{{.ID}}">{{.Label}}</span>{{end}}
      {{- if and $lanes.emotion $.Compare}}<span data-lane="emotion" class="change">Change from today</span>{{end}}</div>
    {{- if $lanes.emotion}}
    <div class="curve-cell" data-lane="emotion">{{template "curve" $.Curve}}
      {{- if or $.Curve.Series $.Curve.Today $.Curve.Worst}}{{template "curve-legend" (dict "Curve" $.Curve "Compare" $.Compare)}}{{end}}</div>
    {{- end}}
    {{- if and $lanes.frontstage $lanes.backstage}}
    <div class="visibility-line" data-lane="backstage" aria-hidden="true"><span>Line of visibility</span></div>
    {{- end}}
    {{- range $i, $s := .Stages}}
    <section class="stage{{if .MomentOfTruth}} mot{{end}}" data-stage-id="{{.ID}}">
      <h3 class="stage-head" id="stage-{{.ID}}" data-evidence="{{len .Evidence}}"><button type="button" class="stage-button" data-stage-id="{{.ID}}" aria-controls="stage-panel-{{.ID}}" aria-expanded="true"><span class="stage-num">{{inc $i}}</span> <span class="stage-name">{{.Name}}</span></button>{{if .MomentOfTruth}} <span class="mot-badge">★ Moment of truth</span>{{end}}
        {{- with index $.StageEvidence $i}} <span class="stage-evidence">{{.}}</span>{{else}} <span class="stage-evidence assumed">Assumed: no research</span>{{end}}</h3>
      {{- if $lanes.goal}}<div data-lane="goal">{{with .Goal}}<h4>Stage goal</h4>{{.}}{{end}}</div>{{end}}
      {{- if $lanes.doing}}<div data-lane="doing">{{with .Doing}}<h4>Doing</h4>{{template "list" .}}{{end}}</div>{{end}}
      {{- if $lanes.steps}}<div data-lane="steps">{{with .Steps}}<h4>Steps</h4>{{template "steps" (dict "Steps" . "Journey" $j)}}{{end}}</div>{{end}}
      {{- if $lanes.thinking}}<div data-lane="thinking">{{with .Thinking}}<h4>Thinking</h4>{{range .}}<p class="thought">{{.}}</p>{{end}}{{end}}</div>{{end}}
      {{- if $lanes.feeling}}<div data-lane="feeling">{{if or .Feeling .Emotion.Set}}<h4>Feeling</h4>{{with .Feeling}}<span class="feeling">{{.}}</span> {{end}}{{if .Emotion.ByPersona}}{{template "persona-emotions" (feelings .Emotion $j)}}{{else}}{{template "emotion" .Emotion}}{{end}}{{end}}</div>{{end}}
      {{- if and $lanes.emotion $.Compare}}{{with index $.Compare.Stages $i}}<div data-lane="emotion" class="change trend-{{.Trend}}"><h4>Change from today</h4><strong>{{.Change}}</strong>{{if eq .Trend "up" "down" "same"}} <span class="muted">{{.Was.Emotion}} → {{.Stage.Emotion}}</span>{{end}}</div>{{end}}{{end}}
      {{- if $lanes.touchpoints}}<div data-lane="touchpoints">{{with .Touchpoints}}<h4>Touchpoints</h4><ul class="touchpoints">
        {{- range .}}<li class="touchpoint{{if .MomentOfTruth}} mot{{end}}" data-touchpoint data-channels="{{channelIDs .Channels}}"><span class="tp-name">{{.Name}}</span>{{if .MomentOfTruth}} <span class="mot-badge" title="Moment of truth">★<span class="visually-hidden"> moment of truth</span></span>{{end}}<span class="tp-channels">{{template "channels" .Channels}}</span>
          {{- if .Emotion.ByPersona}}{{template "persona-emotions" (feelings .Emotion $j)}}{{else}}{{template "emotion" .Emotion}}{{end}}</li>{{end}}</ul>{{end}}</div>{{end}}
      {{- if $lanes.pain_points}}<div data-lane="pain_points" class="pains">{{with .PainPoints}}<h4>Pain points</h4>{{template "list" .}}{{end}}</div>{{end}}
      {{- if $lanes.opportunities}}<div data-lane="opportunities" class="opportunities">{{with .Opportunities}}<h4>Opportunities</h4>{{template "list" .}}{{end}}</div>{{end}}
      {{- if $lanes.frontstage}}<div data-lane="frontstage">{{with .Frontstage}}<h4>Frontstage</h4>{{template "list" .}}{{end}}</div>{{end}}
      {{- if $lanes.backstage}}<div data-lane="backstage">{{with .Backstage}}<h4>Backstage</h4>{{template "list" .}}{{end}}</div>{{end}}
      {{- if $lanes.kpis}}<div data-lane="kpis">{{with $.KPIs $s}}<h4>KPIs</h4>{{template "kpis" .}}{{end}}</div>{{end}}
      {{- if $lanes.evidence}}<div data-lane="evidence">{{with .Evidence}}<h4>Evidence</h4><ul class="plain evidence-list">{{range .}}<li><span class="ev-kind">{{title .Kind}}</span> {{.Title}}{{if .N}} <span class="n">n = {{thousands .N}}</span>{{end}}</li>{{end}}</ul>{{end}}</div>{{end}}
    </section>
    {{- end}}
  </div>
  </div>
</section>{{end}}{{end}}

{{define "list" -}}
{{if .}}<ul class="plain">{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}
{{- end}}
{{define "emotion" -}}
{{if .Set}}<span class="emotion {{emo .}}">{{.}} <span class="emotion-label">{{.Label}}</span></span>{{end}}
{{- end}}
{{define "channels" -}}
{{range .}}<span class="chip{{with .Kind}} kind k-{{.}}{{end}}">{{.Name}}</span> {{end}}
{{- end}}
{{define "persona-emotions" -}}
<ul class="persona-emotions">
{{- range .}}
<li data-persona="{{.Persona.Slug}}"><svg class="legend-marker tone-{{.Tone}}" viewBox="-9 -9 18 18" width="14" height="14" aria-hidden="true" focusable="false"><path d="{{.Legend}}"/></svg><span class="pe-name">{{.Persona.Name}}</span> {{if .Emotion.Set}}{{template "emotion" .Emotion}}{{else}}<span class="muted">not rated</span>{{end}}</li>
{{- end}}
</ul>
{{- end}}
{{define "steps" -}}
{{if .Steps}}<ol class="steps">
{{- range .Steps}}
<li class="step"><span class="step-name">{{.Name}}</span>
{{- with .Personas}} <span class="step-who"><span class="visually-hidden">Taken by </span>{{range $i, $p := .}}{{if $i}}, {{end}}{{$p.Name}}{{end}}</span>{{end}}
{{- if .Emotion.ByPersona}}{{template "persona-emotions" (feelings .Emotion $.Journey)}}{{else if .Emotion.Set}} {{template "emotion" .Emotion}}{{end}}</li>
{{- end}}
</ol>{{end}}
{{- end}}
{{define "kpis" -}}
{{if .}}<ul class="plain">{{range .}}{{if .Series}}
<li class="kpi{{if .Stale}} kpi-stale{{end}}">
<span class="kpi-name">{{.Name}}</span>
<span class="kpi-now"><strong class="kpi-value">{{.Value}}</strong> on <time datetime="{{isodate .Date}}">{{shortdate .Date}}</time>
{{- with .Spark}} <svg class="kpi-spark" viewBox="0 0 {{num .Width}} {{num .Height}}" width="{{num .Width}}" height="{{num .Height}}" aria-hidden="true" focusable="false">
{{- if .HasTarget}}<line class="kpi-spark-target" x1="0" x2="{{num .Width}}" y1="{{num .TargetY}}" y2="{{num .TargetY}}"/>{{end -}}
<path d="{{.Path}}"/><circle cx="{{num .LastX}}" cy="{{num .LastY}}" r="2.5"/></svg>{{end}}</span>
{{- if .Trend}}
<span class="kpi-change trend-{{.Trend}}{{with .Toward}} {{.}}{{end}}"><span aria-hidden="true">{{if eq .Trend "up"}}▲{{else if eq .Trend "down"}}▼{{else}}■{{end}}</span> {{.Change}} since <time datetime="{{isodate .Since}}">{{shortdate .Since}}</time>{{with .Toward}} ({{.}}){{end}}</span>
{{- end}}
{{- if .Target}}
<span class="kpi-target {{if .Met}}met{{else}}missed{{end}}">Target {{.Target}} ({{.Better}} is better): <strong><span aria-hidden="true">{{if .Met}}✓{{else}}✗{{end}}</span> {{if .Met}}met{{else}}not met{{end}}</strong></span>
{{- end}}
{{- if .Stale}}
<span class="kpi-stale-note"><strong>Out of date:</strong> no value for more than {{.StaleDays}} days</span>
{{- end}}
</li>
{{- else}}<li>{{.Name}}</li>{{end}}{{end}}</ul>{{end}}
{{- end}}
{{define "curve" -}}
<svg class="curve{{if .Series}} multi{{end}}{{if .Today}} compared{{end}}" data-emotion-curve width="100%" height="{{num .PageHeight}}" role="img" aria-label="{{.Summary}}">
{{- range .Columns}}{{if .Assumed}}
<rect class="assumed-band" x="{{.Left}}" width="{{.Width}}" height="100%"/>
{{- end}}{{end}}
<g transform="translate(0 {{num .Room}})">
{{- range .Levels}}
<line class="level{{if .Neutral}} neutral{{end}}" x1="0" x2="100%" y1="{{num .Y}}" y2="{{num .Y}}"/>
{{- if .Tick}}<text class="level-label" x="3" y="{{num .Y}}">{{.Tick}}</text>{{end}}
{{- end}}
{{- with .Today}}{{template "curve-series" (dict "Series" . "Curve" $)}}{{end}}
{{- if .Series}}
{{- range .Series}}{{template "curve-series" (dict "Series" . "Curve" $)}}{{end}}
{{- else}}
{{- if or .Backed .Assumed}}
<svg class="curve-lines" viewBox="0 0 {{num .Width}} {{num .Height}}" preserveAspectRatio="none" width="100%" height="{{num .Height}}">
{{- with .Backed}}<path class="curve-line" d="{{.}}"/>{{end}}
{{- with .Assumed}}<path class="curve-line assumed" d="{{.}}"/>{{end}}
</svg>
{{- end}}
{{- range .Marks}}
<svg class="mark {{emo .Touchpoint.Emotion}}" x="{{.At}}"><title>{{.Touchpoint.Name}}: {{.Touchpoint.Emotion}} ({{.Touchpoint.Emotion.Label}}), touchpoint</title><path d="M{{num .DX}} {{num .Y}}m0 -5.5l5.5 5.5l-5.5 5.5l-5.5 -5.5Z"/></svg>
{{- end}}
{{- range .Points}}
<g class="point {{emo .Stage.Emotion}}{{if .Stage.MomentOfTruth}} mot{{end}}{{if not .Stage.Evidence}} assumed{{end}}" data-stage-id="{{.Stage.ID}}" data-evidence="{{len .Stage.Evidence}}">
<title>{{.Stage.Name}}: {{.Stage.Emotion}} ({{.Stage.Emotion.Label}}){{if .Stage.MomentOfTruth}}, moment of truth{{end}}; {{template "curve-evidence" .Stage}}</title>
<svg x="{{.At}}">
{{- if .Stage.MomentOfTruth}}<circle class="mot-ring" cy="{{num .Y}}" r="13"/>{{end}}
<circle class="dot" cy="{{num .Y}}" r="8"/>
<text class="value" x="{{num .Label.X}}" y="{{num .Label.Y}}">{{.Stage.Emotion}}</text>
</svg>
</g>
{{- end}}
{{- end}}
{{- with .Worst}}
<svg class="worst" x="{{.At}}">
<circle class="worst-ring" data-worst{{with .Moment.Persona}} data-persona="{{.Slug}}"{{end}} cx="{{num .DX}}" cy="{{num .Y}}" r="{{num .R}}"><title>{{if .Planned}}Planned lowest{{else}}Lowest{{end}} point: {{.Moment.Name}}, {{.Moment.Emotion}} ({{.Moment.Emotion.Label}}){{with .Moment.Persona}}, for {{.Name}}{{end}}</title></circle>
{{- with .Label}}<text class="value"{{with $.Worst.Moment.Persona}} data-persona="{{.Slug}}"{{end}} x="{{num .X}}" y="{{num .Y}}">{{$.Worst.Moment.Emotion}}</text>{{end}}
</svg>
{{- end}}
</g>
</svg>
{{- end}}
{{define "curve-evidence" -}}
{{with .Evidence}}backed by research: {{plural (len .) "source" "sources"}}{{else}}assumed: no research behind it{{end}}
{{- end}}
{{define "curve-series" -}}
{{- $today := eq .Series.Key "today"}}{{$c := .Curve}}
{{- with .Series}}
<g class="series{{if .Tone}} tone-{{.Tone}}{{end}}{{if $today}} today{{end}}" {{if $today}}data-series="today"{{else}}data-persona="{{.Key}}"{{end}}>
<svg class="curve-lines" x="{{num .DX}}" viewBox="0 0 {{num $c.Width}} {{num $c.Height}}" preserveAspectRatio="none" width="100%" height="{{num $c.Height}}">
{{- with .Backed}}<path class="series-line" d="{{.}}"/>{{end}}
{{- with .Assumed}}<path class="series-line assumed" d="{{.}}"/>{{end}}
</svg>
{{- range .Points}}
<g class="series-point{{if .Stage.MomentOfTruth}} mot{{end}}" data-stage-id="{{.Stage.ID}}">
<title>{{$.Series.Name}}, {{.Stage.Name}}: {{.Emotion}} ({{.Emotion.Label}}){{if .Stage.MomentOfTruth}}, moment of truth{{end}}{{if not $today}}; {{template "curve-evidence" .Stage}}{{end}}</title>
<svg x="{{.At}}">
{{- if and .Stage.MomentOfTruth (not $today)}}<circle class="mot-ring" cx="{{num $.Series.DX}}" cy="{{num .Y}}" r="11.5"/>{{end}}
<path class="marker" d="{{.Marker}}"/>
{{- if not $today}}<text class="series-value" x="{{num .Label.X}}" y="{{num .Label.Y}}">{{.Emotion}}</text>{{end}}
</svg>
</g>
{{- end}}
</g>
{{- end}}
{{- end}}
{{define "curve-legend" -}}
{{- $c := .Curve}}
<ul class="curve-legend" aria-label="Lines and marks of the emotion curve">
{{- range $c.Series}}
<li data-legend="{{.Key}}"><svg class="legend-line tone-{{.Tone}}" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><line x1="-14" x2="14" y1="0" y2="0"/><path d="{{.Legend}}"/></svg>{{.Name}}</li>
{{- end}}
{{- with $c.Today}}
{{- if not $c.Series}}
<li><svg class="legend-line future" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><line x1="-14" x2="14" y1="0" y2="0"/><circle r="5"/></svg>Future: this map</li>
{{- end}}
<li data-legend="today"><svg class="legend-line today" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><line x1="-14" x2="14" y1="0" y2="0"/><path d="{{.Legend}}"/></svg>Today{{with $.Compare}}: {{.Current.Title}}{{end}}</li>
{{- end}}
{{- if and (not $c.Series) (not $c.Today) $c.Points}}
<li class="legend-stage"><svg class="legend-line" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><line x1="-14" x2="14" y1="0" y2="0"/><circle class="dot" r="5"/></svg>Stage</li>
{{- end}}
{{- if $c.Marks}}
<li class="legend-mark"><svg class="legend-line" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><path class="mark-shape" d="M0 -5.5l5.5 5.5l-5.5 5.5l-5.5 -5.5Z"/></svg>Touchpoint rated on its own</li>
{{- end}}
{{- if $c.HasMoment}}
<li class="legend-mot"><svg class="legend-line" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><circle class="mot-ring" r="6.5"/></svg>Moment of truth</li>
{{- end}}
{{- if $c.HasAssumed}}
<li class="legend-assumed"><svg class="legend-line" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><rect class="assumed-band" x="-14" y="-8" width="28" height="16"/><line class="assumed" x1="-14" x2="14" y1="0" y2="0"/></svg>Assumed: no research behind the stage</li>
{{- end}}
{{- with $c.Worst}}
<li class="legend-worst"{{with .Moment.Persona}} data-persona="{{.Slug}}"{{end}}><svg class="legend-line" viewBox="-14 -8 28 16" width="28" height="16" aria-hidden="true" focusable="false"><circle class="worst-ring" r="6.5"/></svg>{{if .Planned}}Planned lowest{{else}}Lowest{{end}} point: {{.Moment.Name}}, {{.Moment.Emotion}}{{with .Moment.Persona}} for {{.Name}}{{end}}</li>
{{- end}}
</ul>
{{- end}}
`
