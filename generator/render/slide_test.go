package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// oldMapSVG is the default theme's map.svg as it was before the slide
// was written in Go (Dot.SlideBody): the slide in html/template markup,
// which the layout and SlideBody together must print byte for byte.
const oldMapSVG = `{{- /* A journey as one standalone 16:9 SVG, to paste into a slide deck: the
stages, the emotion curve (a line per persona when the map rates them apart),
the lowest point named and ringed, and each stage's top pain point and top
opportunity. The layout is worked out in Go (.Slide, see render.Slide); this
only prints it. Self-contained: its own styles, system fonts, no links out.
Dot is the journey's Page. */ -}}
{{- $j := .Journey}}{{$s := .Slide -}}
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{num $s.Width}} {{num $s.Height}}" width="{{num $s.Width}}" height="{{num $s.Height}}" role="img" aria-labelledby="map-title map-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif">
<title id="map-title">{{$j.Title}}: journey map</title>
<desc id="map-desc">{{$s.Desc}}</desc>
<style>
text { fill: #1b2330; }
.title, .stage { font-weight: 700; }
.muted, .heading, .num, .more, .scale { fill: #566070; }
.heading { font-weight: 700; letter-spacing: 0.06em; }
.num { font-weight: 700; }
.pain { fill: #8f1d14; }
.opportunity { fill: #17603a; }
.none { fill: #8a93a0; }
.col { fill: #ffffff; stroke: #d9dde3; }
.mot { fill: #f0ecfb; stroke: #5b3fb8; }
.mot-label { fill: #5b3fb8; }
.worst-col { fill: #f8d7d3; opacity: 0.45; }
.level { stroke: #d9dde3; }
.neutral { stroke: #b9c0ca; stroke-dasharray: 4 4; }
.curve-line { fill: none; stroke: #1b2330; stroke-width: 3; opacity: 0.8; }
.series-line { fill: none; stroke-width: 3; }
.value { font-weight: 700; text-anchor: middle; paint-order: stroke; stroke: #f6f7f9; stroke-width: 4px; stroke-linejoin: round; }
.worst-ring { fill: none; stroke: #b42318; stroke-width: 3; }
.worst { fill: #b42318; }
.tone-1 { stroke: #0065a3; fill: #0065a3; } .tone-2 { stroke: #c2500a; fill: #c2500a; } .tone-3 { stroke: #007a5e; fill: #007a5e; }
.tone-4 { stroke: #b0467f; fill: #b0467f; } .tone-5 { stroke: #8a6a00; fill: #8a6a00; } .tone-6 { stroke: #3a7fb0; fill: #3a7fb0; }
.series-line.tone-1, .series-line.tone-2, .series-line.tone-3, .series-line.tone-4, .series-line.tone-5, .series-line.tone-6 { fill: none; }
.marker { stroke: #ffffff; stroke-width: 1.5; }
.today-line { fill: none; stroke: #6b7585; stroke-width: 2.5; stroke-dasharray: 7 5; }
.today-marker { fill: #f6f7f9; stroke: #6b7585; stroke-width: 2; }
.emo-p2 { fill: #17703f; } .emo-p1 { fill: #3f8f57; } .emo-0 { fill: #6b7585; }
.emo-n1 { fill: #c26a12; } .emo-n2 { fill: #b42318; } .emo-none { fill: #b9c0ca; }
</style>
<rect width="100%" height="100%" fill="#f6f7f9"/>
{{- template "slide-text" dict "T" $s.Title "Class" "title"}}
{{- range $s.Meta}}
{{- if .Marker}}
<path class="marker tone-{{.Tone}}" transform="translate({{num (add .X 9)}} {{num (add .Y -6)}})" d="{{.Marker}}"/>
{{- else if .Today}}
<line class="today-line" x1="{{num .X}}" x2="{{num (add .X 20)}}" y1="{{num (add .Y -6)}}" y2="{{num (add .Y -6)}}"/>
{{- else if .Star}}
<text class="mot-label" x="{{num .X}}" y="{{num .Y}}" font-size="18">★</text>
{{- end}}
<text class="muted" x="{{num .TextX}}" y="{{num .Y}}" font-size="18">{{.Text}}</text>
{{- end}}
{{- range $s.Columns}}
<g>
<rect class="{{if .Stage.MomentOfTruth}}mot{{else}}col{{end}}" x="{{num (add .X 3)}}" y="{{num $s.StageTop}}" width="{{num (add .W -6)}}" height="{{num $s.StageHeight}}" rx="8"/>
<text class="num" x="{{num .Name.X}}" y="{{num $s.NumberY}}" font-size="{{num $s.LabelSize}}">{{.Number}}{{if .Stage.MomentOfTruth}} <tspan class="mot-label">★</tspan>{{end}}</text>
{{- template "slide-text" dict "T" .Name "Class" "stage"}}
</g>
{{- end}}
{{- with $s.Worst}}
{{- if $s.Curve}}{{/* the ring, as round the point on the curve */}}
<circle class="worst-ring" cx="{{num (add .X -16)}}" cy="{{num (add .Y (mul .Size 0.62))}}" r="9"/>
{{- end}}
{{- template "slide-text" dict "T" . "Class" (or (and $s.Curve "worst") "muted")}}
{{- end}}
{{- with $s.Curve}}{{$c := .}}
<g transform="translate({{num $s.CurveX}} {{num $s.CurveY}})">
{{- range $s.Columns}}{{if .Worst}}
<rect class="worst-col" x="{{num (add .X (mul -1 $s.CurveX))}}" y="0" width="{{num .W}}" height="{{num $c.Height}}"/>
{{- end}}{{end}}
{{- range $s.Levels}}
<line class="level{{if .Neutral}} neutral{{end}}" x1="0" x2="{{num $c.Width}}" y1="{{num .Y}}" y2="{{num .Y}}"/>
<text class="scale" x="-8" y="{{num (add .Y 5)}}" font-size="14" text-anchor="end">{{.Label}}</text>
{{- end}}
{{- with .Today}}
<g>
<path class="today-line" d="{{.Path}}"/>
{{- range .Points}}
<path class="today-marker" d="{{.Marker}}"/>
{{- end}}
</g>
{{- end}}
{{- if .Series}}
{{- range .Series}}
<g>{{$tone := .Tone}}
<path class="series-line tone-{{.Tone}}" d="{{.Path}}"/>
{{- range .Points}}
<path class="marker tone-{{$tone}}" d="{{.Marker}}"/>
{{- end}}
</g>
{{- end}}
{{- else}}
<path class="curve-line" d="{{.Path}}"/>
{{- range .Points}}
<circle class="{{emo .Emotion}}" cx="{{num .X}}" cy="{{num .Y}}" r="9"/>
{{- end}}
{{- range $s.Values}}
<text class="value" x="{{num .X}}" y="{{num .Y}}" font-size="{{num $s.ValueSize}}">{{.Text}}</text>
{{- end}}
{{- end}}
{{- with .Worst}}
{{- if .Moment.Touchpoint}}{{/* a touchpoint has no point of its own on the stages' lines */}}
<circle class="worst" cx="{{num .X}}" cy="{{num .Y}}" r="5"/>
{{- end}}
<circle class="worst-ring" cx="{{num .X}}" cy="{{num .Y}}" r="{{num .R}}"/>
{{- end}}
</g>
{{- end}}
{{- template "slide-text" dict "T" $s.PainHeading "Class" "heading"}}
{{- template "slide-text" dict "T" $s.OpportunityHeading "Class" "heading"}}
{{- range $s.Columns}}
{{- template "slide-text" dict "T" .Pain "Class" (or (and .Stage.PainPoints "pain") "none")}}
{{- template "slide-text" dict "T" .MorePains "Class" "more"}}
{{- template "slide-text" dict "T" .Opportunity "Class" (or (and .Stage.Opportunities "opportunity") "none")}}
{{- template "slide-text" dict "T" .MoreOpportunities "Class" "more"}}
{{- end}}
{{- template "slide-text" dict "T" $s.Site "Class" "muted"}}
{{- template "slide-text" dict "T" $s.Note "Class" "muted"}}
</svg>
{{- /* slide-text: a SlideText on a line of its own, in a group with its
whole text as a <title> when it was cut; nothing when it has no lines. */}}
{{- define "slide-text"}}{{with .T}}{{if .Lines}}{{$c := $.Class}}{{$t := .}}
{{if .Cut}}<g><title>{{.Text}}</title>{{end}}
{{- range .Lines}}<text class="{{$c}}" x="{{num $t.X}}" y="{{num .Y}}" font-size="{{num $t.Size}}">{{.Text}}</text>{{end}}
{{- if .Cut}}</g>{{end}}{{end}}{{end}}{{end}}
`

// slidePages are the journey pages of the site in fsys, each with its
// slide laid out.
func slidePages(t testing.TB, site *content.Site) []*pagedata.Page {
	t.Helper()
	var out []*pagedata.Page
	for _, p := range pagedata.NewPlanner(time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), true).Pages(site) {
		if p.Kind != pagedata.Journey {
			continue
		}
		p.Prepare()
		if p.Slide == nil {
			t.Fatalf("%s: no slide", p.URL)
		}
		out = append(out, p)
	}
	return out
}

// slideSite is a site of the slides the example and held-out sites do
// not draw: 1, 12 and 20 stages, a line per persona with legend rows and
// names cut, a future state with today's line, a map with nothing rated,
// touchpoints as the lowest point, text cut everywhere, and hostile text
// in every place an author's words go.
func slideSite(t testing.TB) *content.Site {
	t.Helper()
	q := strconv.Quote
	long := "Comparing the Kreditkartenabrechnungsverfahren of every provider in town before deciding anything at all " + hostile
	fsys := fstest.MapFS{
		"site.toml": {Data: []byte("title = " + q(hostile+" & co") + "\n" +
			"[[channels]]\nid = \"web\"\nname = " + q(hostile) + "\nkind = \"digital\"\n")},
	}
	personas := []string{}
	for i := range 6 {
		slug := fmt.Sprintf("p%d", i+1)
		personas = append(personas, slug)
		name := fmt.Sprintf("Persona %d %s", i+1, hostile)
		if i == 5 {
			name = strings.Repeat("Longname ", 30) + hostile
		}
		fsys["content/personas/"+slug+".md"] = &fstest.MapFile{Data: []byte("+++\nname = " + q(name) + "\n+++\n")}
	}
	type journey struct {
		slug, front string
		stages      int
		personas    int  // how many, rated apart when perPersona
		perPersona  bool // each stage's emotion a table by persona
		unrated     bool
		name        func(i int) string
	}
	journeys := []journey{
		{slug: "one", front: "title = " + q(hostile) + "\nupdated = 2026-10-01\n", stages: 1, name: func(int) string { return long }},
		{slug: "twelve", front: "title = " + q(strings.Repeat("A title too long for two lines "+hostile+", ", 4)) + "\nstatus = \"review\"\n", stages: 12, personas: 1,
			name: func(i int) string { return fmt.Sprintf("Stage %d %s", i+1, hostile) }},
		{slug: "twenty", front: "title = \"Twenty\"\n", stages: 20, personas: 2, perPersona: true, name: func(i int) string { return long }},
		{slug: "six", front: "title = \"Six personas\"\n", stages: 7, personas: 6, perPersona: true, name: func(i int) string {
			return "申请信用卡并等待银行审批结果通知第" + fmt.Sprint(i) + "阶段"
		}},
		{slug: "many", front: "title = \"Many personas, one line\"\n", stages: 4, personas: 6, name: func(i int) string { return fmt.Sprintf("Stage %d", i+1) }},
		{slug: "unrated", front: "title = \"Nothing rated\"\nstatus = \"draft\"\n", stages: 5, unrated: true, name: func(i int) string { return fmt.Sprintf("Stage %d", i+1) }},
		{slug: "today", front: "title = " + q("Today "+hostile) + "\n", stages: 7, personas: 1, name: func(i int) string { return fmt.Sprintf("Stage %d", i+1) }},
		{slug: "plan", front: "title = \"The plan\"\nstate = \"future\"\ncurrent = \"today\"\nstatus = \"draft\"\nupdated = 2026-11-30\n", stages: 8, personas: 1,
			name: func(i int) string { return fmt.Sprintf("Stage %d", i+1) }},
		{slug: "plan-apart", front: "title = \"The plan, per persona\"\nstate = \"future\"\ncurrent = \"today\"\n", stages: 7, personas: 2, perPersona: true,
			name: func(i int) string { return fmt.Sprintf("Stage %d", i+1) }},
	}
	values := []float64{1, 2, -1, -0.5, 0, 1.5, -2}
	for _, j := range journeys {
		var b strings.Builder
		b.WriteString("+++\n" + j.front)
		if j.personas > 0 {
			b.WriteString("personas = [\"" + strings.Join(personas[:j.personas], "\", \"") + "\"]\n")
		}
		for i := range j.stages {
			v := values[(i+len(j.slug))%len(values)]
			fmt.Fprintf(&b, "[[stages]]\nid = \"s%d\"\nname = %s\n", i, q(j.name(i)))
			if i == 1 {
				b.WriteString("moment_of_truth = true\n")
			}
			switch {
			case j.unrated:
			case j.perPersona:
				b.WriteString("emotion = {")
				for p := range j.personas {
					if p > 0 {
						b.WriteString(",")
					}
					fmt.Fprintf(&b, " %s = %v", personas[p], max(-2, v-float64(p)/2))
				}
				b.WriteString(" }\n")
			default:
				fmt.Fprintf(&b, "emotion = %v\n", v)
			}
			if i%3 != 2 {
				pains := []string{hostile + " " + strings.Repeat("and the form asks again for what the customer gave ", i%4+1)}
				if i%2 == 0 {
					pains = append(pains, "another", "and another")
				}
				b.WriteString("pain_points = [")
				for k, p := range pains {
					if k > 0 {
						b.WriteString(", ")
					}
					b.WriteString(q(p))
				}
				b.WriteString("]\n")
			}
			if i%4 != 3 {
				fmt.Fprintf(&b, "opportunities = [%s, \"second\"]\n", q("Offer "+hostile+" a soft credit check on the product page"))
			}
			b.WriteString("[[stages.touchpoints]]\nname = " + q("Card declined "+hostile) + "\nchannels = [\"web\"]\n")
			if i == 2 && !j.unrated {
				b.WriteString("emotion = -2\n")
			}
		}
		b.WriteString("+++\n")
		fsys["content/journeys/"+j.slug+".md"] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return loadFS(t, fsys, content.Options{Drafts: true})
}

// TestSlideMatchesItsOldLayout holds the default theme's map.svg, whose
// body is SlideBody, to the slide as the layout drew it in html/template
// markup (oldMapSVG), byte for byte: on the example and held-out sites
// and on slideSite's slides.
func TestSlideMatchesItsOldLayout(t *testing.T) {
	r := defaultRenderer(t)
	old, err := template.New(mapLayout).Funcs(funcs).Parse(oldMapSVG)
	if err != nil {
		t.Fatal(err)
	}
	sites := map[string]*content.Site{"hand-made": slideSite(t)}
	for _, dir := range testSites {
		sites[dir] = loadSite(t, dir)
	}
	for name, site := range sites {
		pages := slidePages(t, site)
		if len(pages) == 0 {
			t.Fatalf("%s: no journeys", name)
		}
		for _, p := range pages {
			var want, got bytes.Buffer
			if err := old.Execute(&want, Dot{p, r}); err != nil {
				t.Fatalf("%s %s: old layout: %v", name, p.URL, err)
			}
			if err := r.ExecuteSlide(p, &got); err != nil {
				t.Fatalf("%s %s: %v", name, p.URL, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("%s %s: the slide differs from the old layout's:\n%s", name, p.URL, firstDifferentLine(got.String(), want.String()))
			}
		}
	}
}

// firstDifference shows where got and want part, with the lines round it.
func firstDifferentLine(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, gl, wl)
		}
	}
	return "(the same lines)"
}

// BenchmarkSlide renders the example site's slides, one journey at a time.
func BenchmarkSlide(b *testing.B) {
	r := defaultRenderer(b)
	pages := slidePages(b, loadSite(b, "../.."))
	var buf bytes.Buffer
	for b.Loop() {
		for _, p := range pages {
			buf.Reset()
			if err := r.ExecuteSlide(p, &buf); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(pages)), "µs/slide")
}
