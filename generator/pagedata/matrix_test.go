package pagedata

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

func channelIDList(cs []*config.Channel) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// cellText shows a matrix cell compactly: "." off, "o" on without any
// emotion, "+0.5" on with the touchpoint's own, "~-1" on with the stage's.
func cellText(c MatrixCell) string {
	switch {
	case !c.On:
		if c.Emotion.Set || c.Inherited {
			return "!off-with-emotion"
		}
		return "."
	case !c.Emotion.Set:
		if c.Inherited {
			return "!inherited-nothing"
		}
		return "o"
	case c.Inherited:
		return "~" + c.Emotion.String()
	}
	return c.Emotion.String()
}

// matrixText lays a matrix out as one line per group and row.
func matrixText(t *testing.T, m *Matrix) []string {
	t.Helper()
	var out []string
	for _, g := range m.Groups {
		if g.Stage == nil {
			t.Fatalf("group without a stage")
		}
		out = append(out, "# "+g.Stage.Name)
		for _, r := range g.Rows {
			if len(r.Cells) != len(m.Channels) {
				t.Fatalf("row %s has %d cells for %d channels", r.Touchpoint.Name, len(r.Cells), len(m.Channels))
			}
			cells := make([]string, len(r.Cells))
			for i, c := range r.Cells {
				if c.Channel != m.Channels[i] {
					t.Errorf("row %s cell %d is channel %v, column is %s", r.Touchpoint.Name, i, c.Channel, m.Channels[i].ID)
				}
				if c.On != r.Touchpoint.OnChannel(m.Channels[i].ID) {
					t.Errorf("row %s cell %s: On = %v", r.Touchpoint.Name, m.Channels[i].ID, c.On)
				}
				cells[i] = cellText(c)
			}
			out = append(out, r.Touchpoint.Name+": "+strings.Join(cells, " "))
		}
	}
	return out
}

func TestJourneyMatrix(t *testing.T) {
	f := newFixture()
	tests := []struct {
		name     string
		j        *content.Journey
		channels []string
		rows     []string
	}{
		{
			name:     "only the channels used, in site.toml order, grouped by stage",
			j:        f.Buy,
			channels: []string{"phone", "web", "email", "app"},
			rows: []string{
				"# Research",
				"Product page: . +0.5 . .",
				"Reviews: . ~+1 . ~+1",
				"# Checkout",
				"Card form: . -2 . .",
				"Call: ~-1 . . .",
				"# Delivery",
				"Courier: . . o .",
			},
		},
		{
			name:     "second journey",
			j:        f.Ret,
			channels: []string{"store", "web"},
			rows: []string{
				"# Start",
				"Return form: . ~-2",
				"Label print: . ~-2",
				"# Drop-off",
				"Store desk: -1.5 .",
			},
		},
		{
			name: "no touchpoints",
			j:    f.Browse,
		},
		{
			name: "no stages",
			j:    &content.Journey{Title: "Empty"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := journeyMatrix(f.Cfg, tt.j)
			if got := channelIDList(m.Channels); !reflect.DeepEqual(got, tt.channels) {
				t.Errorf("channels = %q, want %q", got, tt.channels)
			}
			for _, c := range m.Channels {
				if c != f.Cfg.Channel(c.ID) {
					t.Errorf("channel %s is a copy, not the site's", c.ID)
				}
			}
			if got := matrixText(t, m); !reflect.DeepEqual(got, tt.rows) {
				t.Errorf("matrix =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.rows, "\n"))
			}
		})
	}
	// Groups point at the journey's own stages and touchpoints.
	m := journeyMatrix(f.Cfg, f.Buy)
	if m.Groups[0].Stage != f.Research || m.Groups[0].Rows[1].Touchpoint != f.Reviews {
		t.Errorf("groups do not point at the model")
	}
}

// summaryCellText shows a summary cell as "count/average", "" when empty.
func summaryCellText(c SummaryCell) string {
	if c.Count == 0 {
		if c.Average.Set {
			return "!empty-with-average"
		}
		return "."
	}
	avg := c.Average.String()
	if avg == "" {
		avg = "?"
	}
	return fmt.Sprintf("%d/%s", c.Count, avg)
}

func TestSummarize(t *testing.T) {
	f := newFixture()
	sum := summarize(f.Site, computed(f.Site))
	if got, want := channelIDList(sum.Channels), []string{"phone", "store", "web", "email", "app", "chat"}; !reflect.DeepEqual(got, want) {
		t.Errorf("channels = %q, want %q", got, want)
	}

	// Every journey has a row, touchpoints or not.
	var got []string
	for _, sj := range sum.Journeys {
		cells := make([]string, len(sj.Cells))
		for i, c := range sj.Cells {
			if c.Channel != sum.Channels[i] {
				t.Errorf("%s cell %d is channel %v", sj.Journey.Title, i, c.Channel)
			}
			cells[i] = summaryCellText(c)
		}
		got = append(got, sj.Journey.Title+": "+strings.Join(cells, " "))
	}
	// Buy on the web: (+0.5 +1 -2) / 3, the +1 inherited from its stage.
	want := []string{
		"Buy: 1/-1 . 3/-0.17 1/? 1/+1 .",
		"Return: . 1/-1.5 2/-2 . . .",
		"Browse: . . . . . .",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("summary =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var totals []string
	for i, c := range sum.Totals {
		if c.Channel != sum.Channels[i] {
			t.Errorf("total %d is channel %v", i, c.Channel)
		}
		totals = append(totals, c.Channel.ID+"="+summaryCellText(c))
	}
	// web: (+0.5 +1 -2 -2 -2) / 5
	wantTotals := []string{"phone=1/-1", "store=1/-1.5", "web=5/-0.9", "email=1/?", "app=1/+1", "chat=."}
	if !reflect.DeepEqual(totals, wantTotals) {
		t.Errorf("totals = %q, want %q", totals, wantTotals)
	}

	// Hotspots: negative cells only, worst first; equal averages put the
	// busier cell first.
	var hot []string
	for _, h := range sum.Hotspots {
		hot = append(hot, h.Stage.Journey.Title+"/"+h.Stage.Name+"/"+h.Channel.ID+"="+summaryCellText(h.SummaryCell))
	}
	wantHot := []string{"Return/Start/web=2/-2", "Buy/Checkout/web=1/-2", "Return/Drop-off/store=1/-1.5", "Buy/Checkout/phone=1/-1"}
	if !reflect.DeepEqual(hot, wantHot) {
		t.Errorf("hotspots = %q, want %q", hot, wantHot)
	}
}

func TestSummarizeHotspotLimit(t *testing.T) {
	cfg := &config.Config{Channels: []config.Channel{{ID: "web", Name: "Website", Kind: "digital"}}}
	w := &cfg.Channels[0]
	// -0.1 … -1.2, shuffled; neutral and positive cells are never hotspots.
	negatives := []float64{-0.3, -1.2, -0.1, -0.9, -0.5, -1.1, -0.2, -0.7, -0.4, -1, -0.6, -0.8}
	for _, n := range []int{0, 1, hotspotLimit - 1, hotspotLimit, hotspotLimit + 1, len(negatives)} {
		t.Run(fmt.Sprint(n, " negative cells"), func(t *testing.T) {
			j := &content.Journey{Title: "Long"}
			values := append([]float64{0, 1}, negatives[:n]...)
			for i, v := range values {
				stage(j, fmt.Sprint("s", i), content.Emotion{}, tp("t", emo(v), w))
			}
			site := &content.Site{Config: cfg, Journeys: []*content.Journey{j}}
			sum := summarize(site, computed(site))
			want := slices.Clone(negatives[:n])
			slices.Sort(want)
			want = want[:min(n, hotspotLimit)]
			var got []float64
			for _, h := range sum.Hotspots {
				got = append(got, h.Average.Value)
			}
			if !slices.Equal(got, want) {
				t.Errorf("hotspots = %v, want %v", got, want)
			}
			if sum.Totals[0].Count != len(values) {
				t.Errorf("total count = %d, want %d", sum.Totals[0].Count, len(values))
			}
		})
	}
}

func TestSummarizeNoHotspots(t *testing.T) {
	f := newFixture()
	// Lift every emotion to zero or above: nothing is a hotspot, and a cell
	// without any emotion is not one either.
	for _, j := range f.Site.Journeys {
		for _, s := range j.Stages {
			if s.Emotion.Set && s.Emotion.Value < 0 {
				s.Emotion = emo(0)
			}
			for _, t := range s.Touchpoints {
				if t.Emotion.Set && t.Emotion.Value < 0 {
					t.Emotion = emo(0)
				}
			}
		}
	}
	if sum := summarize(f.Site, computed(f.Site)); len(sum.Hotspots) != 0 {
		t.Errorf("hotspots = %+v, want none", sum.Hotspots)
	}
}

func TestChannelUses(t *testing.T) {
	f := newFixture()
	uses := channelUses(f.Site, computed(f.Site))
	if len(uses) != len(f.Cfg.Channels) {
		t.Errorf("%d uses for %d channels", len(uses), len(f.Cfg.Channels))
	}
	tests := []struct {
		id       string
		journeys []string // "Journey: tp, tp"
		count    int
		average  string
		personas []string
	}{
		{"web", []string{"Buy: Product page, Reviews, Card form", "Return: Return form, Label print"}, 5, "-0.9", []string{"Dana Ortiz", "Eli Park"}},
		{"app", []string{"Buy: Reviews"}, 1, "+1", nil},
		{"phone", []string{"Buy: Call"}, 1, "-1", []string{"Dana Ortiz"}},
		{"store", []string{"Return: Store desk"}, 1, "-1.5", []string{"Eli Park"}},
		{"email", []string{"Buy: Courier"}, 1, "", nil},
		{"chat", nil, 0, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			u := uses[tt.id]
			if u == nil {
				t.Fatalf("no use for %s", tt.id)
			}
			if u.Channel != f.Cfg.Channel(tt.id) {
				t.Errorf("Channel = %v", u.Channel)
			}
			var js []string
			for _, cj := range u.Journeys {
				var names []string
				for _, tp := range cj.Touchpoints {
					if !tp.OnChannel(tt.id) {
						t.Errorf("%s listed under %s", tp.Name, tt.id)
					}
					if tp.Stage.Journey != cj.Journey {
						t.Errorf("%s listed under journey %s", tp.Name, cj.Journey.Title)
					}
					names = append(names, tp.Name)
				}
				js = append(js, cj.Journey.Title+": "+strings.Join(names, ", "))
			}
			if !reflect.DeepEqual(js, tt.journeys) {
				t.Errorf("journeys = %q, want %q", js, tt.journeys)
			}
			if u.Count != tt.count {
				t.Errorf("Count = %d, want %d", u.Count, tt.count)
			}
			if got := u.Average.String(); got != tt.average {
				t.Errorf("Average = %q, want %q", got, tt.average)
			}
			var ps []string
			for _, p := range u.Personas {
				ps = append(ps, p.Name)
			}
			if !reflect.DeepEqual(ps, tt.personas) {
				t.Errorf("personas = %q, want %q", ps, tt.personas)
			}
		})
	}
}

// computed works each journey's contribution out afresh, as a Renderer
// does the first time it sees a journey.
func computed(site *content.Site) useFunc {
	return func(j *content.Journey) *journeyUse { return computeUse(site.Config, j) }
}
