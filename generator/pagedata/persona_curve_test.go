package pagedata

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// per is an emotion written per persona: slug, value pairs, in the
// journey's persona order, with their mean as the loader makes it.
func per(pairs ...any) content.Emotion {
	e := content.Emotion{Set: true}
	var sum float64
	for i := 0; i < len(pairs); i += 2 {
		v := pairs[i+1].(float64)
		e.ByPersona = append(e.ByPersona, content.PersonaEmotion{Persona: pairs[i].(string), Value: v})
		sum += v
	}
	e.Value = sum / float64(len(e.ByPersona))
	return e
}

func personas(j *content.Journey, slugs ...string) {
	for _, s := range slugs {
		j.Personas = append(j.Personas, &content.Persona{Slug: s, Name: strings.ToUpper(s[:1]) + s[1:]})
	}
}

func TestJourneyCurvePerPersona(t *testing.T) {
	web := &config.Channel{ID: "web"}
	j := &content.Journey{}
	personas(j, "ana", "ben", "cy")
	stage(j, "look", per("ana", -1.0, "ben", 1.0), tp("Shop", emo(2), web))
	stage(j, "pick", emo(0.5))
	stage(j, "pay", per("ben", 2.0)) // Ana and Cy are not rated here
	stage(j, "wait", content.Emotion{})

	c := journeyCurve(j, nil)
	if len(c.Marks) != 0 {
		t.Errorf("a per-persona curve has %d touchpoint marks, want none", len(c.Marks))
	}
	type point struct {
		stage string
		value float64
	}
	want := []struct {
		key, shape string
		tone       int
		points     []point
	}{
		{"ana", "circle", 1, []point{{"look", -1}, {"pick", 0.5}}},
		{"ben", "square", 2, []point{{"look", 1}, {"pick", 0.5}, {"pay", 2}}},
		{"cy", "triangle", 3, []point{{"pick", 0.5}}},
	}
	if len(c.Series) != len(want) {
		t.Fatalf("%d series, want %d", len(c.Series), len(want))
	}
	sz := timelineCurve
	for i, w := range want {
		se := c.Series[i]
		if se.Key != w.key || se.Shape != w.shape || se.Tone != w.tone || se.Name == "" {
			t.Errorf("series %d = %s/%s/%d %q, want %s/%s/%d", i, se.Key, se.Shape, se.Tone, se.Name, w.key, w.shape, w.tone)
		}
		if len(se.Points) != len(w.points) {
			t.Errorf("series %s has %d points, want %d", se.Key, len(se.Points), len(w.points))
			continue
		}
		for k, p := range se.Points {
			slot := map[string]int{"look": 0, "pick": 1, "pay": 2}[w.points[k].stage]
			// Each persona's points sit a little apart from the others',
			// so that equal values do not hide each other: the line
			// runs DX pixels off its columns' centres.
			x := sz.slot*float64(slot) + sz.slot/2
			if se.DX != (float64(i)-1)*sz.spread {
				t.Errorf("series %s %v px off the centre, want %v", se.Key, se.DX, (float64(i)-1)*sz.spread)
			}
			if p.Stage.ID != w.points[k].stage || !p.Emotion.Equal(emo(w.points[k].value)) || !near(p.X, x) || !near(p.Y, wantY(sz, w.points[k].value)) {
				t.Errorf("series %s point %d = %s %v at (%v, %v), want %s %v at (%v, %v)",
					se.Key, k, p.Stage.ID, p.Emotion, p.X, p.Y, w.points[k].stage, w.points[k].value, x, wantY(sz, w.points[k].value))
			}
			if !strings.HasPrefix(p.Marker, "M") || !strings.HasSuffix(p.Marker, "Z") {
				t.Errorf("series %s point %d marker %q", se.Key, k, p.Marker)
			}
		}
		if n := strings.Count(se.Path, "C") + strings.Count(se.Path, "S"); n != max(len(se.Points)-1, 0) {
			t.Errorf("series %s path %q has %d segments for %d points", se.Key, se.Path, n, len(se.Points))
		}
	}
	const summary = "Emotion curves, one per persona. Ana: look -1, pick +0.5. Ben: look +1, pick +0.5, pay +2. Cy: pick +0.5. Assumed, with no research behind them: look, pick, pay, wait."
	if got := c.Summary(); got != summary {
		t.Errorf("Summary = %q\nwant      %q", got, summary)
	}
	if c.Today != nil {
		t.Errorf("Today = %+v on a map that names no current state", c.Today)
	}
}

func TestJourneyCurveOneLine(t *testing.T) {
	web := &config.Channel{ID: "web"}
	j := &content.Journey{}
	personas(j, "ana", "ben")
	stage(j, "look", emo(1), tp("Shop", emo(2), web))
	stage(j, "pay", emo(-1))
	c := journeyCurve(j, nil)
	if c.Series != nil || c.Today != nil || len(c.Marks) != 1 || len(c.Points) != 2 {
		t.Errorf("plain map: %d series, today %v, %d marks, %d points; want one line with its mark", len(c.Series), c.Today, len(c.Marks), len(c.Points))
	}
	if got, want := c.Summary(), "Emotion curve: look +1; pay -1. Assumed, with no research behind them: look, pay."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
}

func TestPersonaSparkline(t *testing.T) {
	j := &content.Journey{}
	personas(j, "ana", "ben")
	stage(j, "look", per("ana", -2.0, "ben", 2.0))
	stage(j, "pick", emo(1))
	stage(j, "pay", per("ben", 0.0))
	tests := []struct {
		persona string
		want    []float64
	}{
		{"ana", []float64{-2, 1}},
		{"ben", []float64{2, 1, 0}},
		{"someone else", []float64{1}},
	}
	for _, tt := range tests {
		c := personaCurve(j.Stages, tt.persona)
		var got []float64
		for _, p := range c.Points {
			got = append(got, p.Emotion.Value)
			if !near(p.Y, wantY(sparkCurve, p.Emotion.Value)) {
				t.Errorf("%s: %v drawn at y=%v", tt.persona, p.Emotion, p.Y)
			}
		}
		if !slicesEqual(got, tt.want) {
			t.Errorf("%s's sparkline = %v, want %v", tt.persona, got, tt.want)
		}
	}
}

func slicesEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

var coordinates = regexp.MustCompile(`-?[\d.]+`)

func TestMarkerShapes(t *testing.T) {
	const x, y, r = 100.0, 50.0, 6.0
	seen := map[string]string{}
	for _, shape := range seriesShapes {
		d := marker(shape, x, y, r)
		if !strings.HasPrefix(d, "M") || !strings.HasSuffix(d, "Z") {
			t.Errorf("%s: %q is not one closed path", shape, d)
		}
		if other, dup := seen[d]; dup {
			t.Errorf("%s draws the same as %s", shape, other)
		}
		seen[d] = shape
		if shape == "circle" {
			continue // arcs: relative numbers
		}
		nums := coordinates.FindAllString(d, -1)
		for i := 0; i+1 < len(nums); i += 2 {
			px, _ := strconv.ParseFloat(nums[i], 64)
			py, _ := strconv.ParseFloat(nums[i+1], 64)
			if px < x-1.3*r || px > x+1.3*r || py < y-1.3*r || py > y+1.3*r {
				t.Errorf("%s: point (%v, %v) is outside its box around (%v, %v)", shape, px, py, x, y)
			}
		}
	}
	if got := marker("circle", x, y, r); !strings.HasPrefix(got, "M94 50a6 6") {
		t.Errorf("circle = %q, want it to start on its left edge", got)
	}
}

func TestFeelings(t *testing.T) {
	j := &content.Journey{}
	personas(j, "ana", "ben")
	if got := Feelings(emo(1), j); got != nil {
		t.Errorf("Feelings of a shared value = %v, want nil", got)
	}
	got := Feelings(per("ben", -1.0), j)
	if len(got) != 2 {
		t.Fatalf("Feelings = %v, want one per persona", got)
	}
	if got[0].Persona.Slug != "ana" || got[0].Emotion.Set || got[0].Shape != "circle" {
		t.Errorf("Ana = %+v, want not rated, circle", got[0])
	}
	if got[1].Persona.Slug != "ben" || !got[1].Emotion.Equal(emo(-1)) || got[1].Shape != "square" || got[1].Tone != 2 {
		t.Errorf("Ben = %+v, want -1, square, tone 2", got[1])
	}
}

func TestMatrixAndSummaryPerPersona(t *testing.T) {
	cfg := &config.Config{Channels: []config.Channel{{ID: "web", Name: "Website", Kind: "digital"}}}
	web := &cfg.Channels[0]
	j := &content.Journey{Title: "Buy"}
	personas(j, "ana", "ben")
	own := tp("Form", per("ana", -2.0, "ben", 1.0), web)
	inherits := tp("Chat", content.Emotion{}, web)
	plain := tp("Page", emo(1), web)
	stage(j, "pay", per("ben", 2.0), own, inherits, plain)

	m := journeyMatrix(cfg, j)
	var got []string
	for _, row := range m.Groups[0].Rows {
		got = append(got, row.Cells[0].ByPersona)
	}
	want := []string{"ana=-2 ben=1", "ana= ben=2", "ana=1 ben=1"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("cells by persona = %q, want %q", got, want)
	}

	// Each persona's value counts as a rating: (-2 + 1) + 2 + 1 over 4.
	site := &content.Site{Config: cfg, Journeys: []*content.Journey{j}}
	sum := summarize(site, computed(site))
	if c := sum.Journeys[0].Cells[0]; c.Count != 3 || !c.Average.Equal(emo(0.5)) {
		t.Errorf("summary cell = %d touchpoints, average %v; want 3, +0.5", c.Count, c.Average)
	}

	// A map without per-persona values leaves the attribute out.
	j2 := &content.Journey{Title: "Plain"}
	personas(j2, "ana")
	stage(j2, "look", emo(1), tp("Page", emo(1), web))
	if b := journeyMatrix(cfg, j2).Groups[0].Rows[0].Cells[0].ByPersona; b != "" {
		t.Errorf("plain map cell by persona = %q, want empty", b)
	}
}
