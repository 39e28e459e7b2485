package pagedata

import (
	"fmt"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// worstText describes a worst moment as "stage/touchpoint persona value",
// or "none".
func worstText(w *WorstMoment) string {
	if w == nil {
		return "none"
	}
	s := w.Stage.Name
	if w.Touchpoint != nil {
		s += "/" + w.Touchpoint.Name
	}
	if w.Persona != nil {
		s += " " + w.Persona.Slug
	}
	return s + " " + w.Emotion.String()
}

func TestWorstMoment(t *testing.T) {
	none := content.Emotion{}
	tests := []struct {
		name  string
		build func(j *content.Journey)
		want  string
	}{
		{"no emotions at all", func(j *content.Journey) {
			stage(j, "A", none, tp("a1", none))
			stage(j, "B", none)
		}, "none"},
		{"no stages", func(j *content.Journey) {}, "none"},
		{"a stage lower than every touchpoint", func(j *content.Journey) {
			stage(j, "A", emo(1), tp("a1", emo(0)))
			stage(j, "B", emo(-1.5), tp("b1", emo(-1)))
		}, "B -1.5"},
		{"a touchpoint lower than its stage", func(j *content.Journey) {
			stage(j, "A", emo(-1), tp("a1", emo(-2)), tp("a2", none))
			stage(j, "B", emo(-1.5))
		}, "A/a1 -2"},
		{"touchpoints without values take their stage's: the stage is named", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", none))
			stage(j, "B", emo(-1), tp("b1", none), tp("b2", none))
		}, "B -1"},
		{"a map whose touchpoints have no values nor its stages but one", func(j *content.Journey) {
			stage(j, "A", none, tp("a1", none))
			stage(j, "B", emo(0.5), tp("b1", none))
		}, "B +0.5"},
		{"ties: the earliest stage", func(j *content.Journey) {
			stage(j, "A", emo(-1))
			stage(j, "B", emo(-1))
		}, "A -1"},
		{"ties: a stage before its own touchpoint", func(j *content.Journey) {
			stage(j, "A", emo(-1), tp("a1", emo(-1)))
		}, "A -1"},
		{"ties: a touchpoint before a later stage", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", emo(-2)))
			stage(j, "B", emo(-2))
		}, "A/a1 -2"},
		{"per persona: the lowest of any persona, not the mean", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", per("dana", 0.0, "eli", -1.0))
			stage(j, "B", per("dana", -2.0, "eli", 1.0)) // mean -0.5
			stage(j, "C", emo(-1.5))
		}, "B dana -2"},
		{"per persona on a touchpoint", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", emo(-1), tp("a1", per("dana", 0.0, "eli", -2.0)))
		}, "A/a1 eli -2"},
		{"per persona ties: the journey's persona order", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", per("eli", -1.0, "dana", -1.0))
		}, "A dana -1"},
		{"a shared value lower than any persona's names no persona", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", per("dana", -1.0, "eli", 0.0))
			stage(j, "B", emo(-2))
		}, "B -2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			tt.build(j)
			if got := worstText(worstMoment(j)); got != tt.want {
				t.Errorf("worst moment = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestWorstPainPoints checks what a persona's card says hurts: the pain
// points of the stages they feel lowest first, as the glance finds the
// lowest point, three of them, and how many more.
func TestWorstPainPoints(t *testing.T) {
	none := content.Emotion{}
	pains := func(s *content.Stage, texts ...string) { s.PainPoints = texts }
	tests := []struct {
		name  string
		build func(j *content.Journey)
		want  string // "text@stage …" and how many more
	}{
		{"no pain points", func(j *content.Journey) {
			stage(j, "A", emo(-2))
		}, "[] 0"},
		{"lowest stage first, each stage's in its order", func(j *content.Journey) {
			pains(stage(j, "A", emo(1)), "a1")
			pains(stage(j, "B", emo(-1)), "b1", "b2")
			pains(stage(j, "C", emo(0)), "c1")
		}, "[b1@B b2@B c1@C] 1"},
		{"a stage's lowest point counts, a touchpoint's too", func(j *content.Journey) {
			pains(stage(j, "A", emo(-1)), "a1")
			pains(stage(j, "B", emo(0), tp("b", emo(-2))), "b1")
		}, "[b1@B a1@A] 0"},
		{"ties in map order; unrated stages last", func(j *content.Journey) {
			pains(stage(j, "A", none, tp("a", none)), "a1")
			pains(stage(j, "B", emo(-1)), "b1")
			pains(stage(j, "C", emo(-1)), "c1")
		}, "[b1@B c1@C a1@A] 0"},
		{"as this persona feels it, not the mean", func(j *content.Journey) {
			personas(j, "dana", "eli")
			pains(stage(j, "A", per("dana", -2.0, "eli", 2.0)), "a1") // mean 0
			pains(stage(j, "B", emo(-1)), "b1")
			pains(stage(j, "C", per("eli", -2.0)), "c1") // dana is not rated here
		}, "[a1@A b1@B c1@C] 0"},
		{"more than three", func(j *content.Journey) {
			pains(stage(j, "A", emo(-1)), "a1", "a2", "a3", "a4")
			pains(stage(j, "B", emo(-2)), "b1")
		}, "[b1@B a1@A a2@A] 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			tt.build(j)
			first, more := worstPainPoints(j, &content.Persona{Slug: "dana"}, cardPainPoints)
			var got []string
			for _, p := range first {
				got = append(got, p.Text+"@"+p.Stage.Name)
			}
			if s := fmt.Sprint(got, " ", more); s != tt.want {
				t.Errorf("pain points %s, want %s", s, tt.want)
			}
		})
	}
}

func TestWorstChannel(t *testing.T) {
	cfg := &config.Config{Channels: []config.Channel{{ID: "phone"}, {ID: "web"}, {ID: "store"}}}
	ch := cfg.Channel
	none := content.Emotion{}
	tests := []struct {
		name  string
		build func(j *content.Journey)
		want  string
	}{
		{"no touchpoints", func(j *content.Journey) {
			stage(j, "A", emo(-1))
		}, "none"},
		{"touchpoints with no value anywhere", func(j *content.Journey) {
			stage(j, "A", none, tp("a1", none, ch("web")), tp("a2", none, ch("phone")))
		}, "none"},
		{"the lowest average", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", emo(-2), ch("web")), tp("a2", emo(1), ch("web")), tp("a3", emo(-1), ch("phone")))
		}, "phone 1 -1"},
		{"touchpoints without values take their stage's", func(j *content.Journey) {
			stage(j, "A", emo(-2), tp("a1", none, ch("store")), tp("a2", emo(-1), ch("web")))
		}, "store 1 -2"},
		{"ties: more touchpoints first", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", emo(-1), ch("phone")), tp("a2", emo(-1), ch("web")), tp("a3", emo(-1), ch("web")))
		}, "web 2 -1"},
		{"ties of count: site.toml's order", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", emo(-1), ch("web")), tp("a2", emo(-1), ch("phone")))
		}, "phone 1 -1"},
		{"per persona: each rating counts", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", emo(0), tp("a1", per("dana", -2.0, "eli", 1.0), ch("web")), tp("a2", emo(-0.4), ch("phone")))
		}, "web 1 -0.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			tt.build(j)
			got := "none"
			if c := worstChannel(cfg, computeUse(cfg, j)); c != nil {
				got = fmt.Sprintf("%s %d %s", c.Channel.ID, c.Count, c.Average)
			}
			if got != tt.want {
				t.Errorf("worst channel = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestJourneyGlance(t *testing.T) {
	cfg := &config.Config{Channels: []config.Channel{{ID: "web"}}}
	j := &content.Journey{State: "future"}
	a := stage(j, "A", emo(1))
	a.Evidence = []*content.Evidence{{Kind: "survey", N: 120}, {Kind: "interview", N: 8}}
	b := stage(j, "B", emo(-1), tp("b1", content.Emotion{}, cfg.Channel("web")))
	b.Opportunities = []string{"one", "two", "three", "four", "five"}
	b.Evidence = []*content.Evidence{{Kind: "analytics"}}
	stage(j, "C", emo(0))

	g := journeyGlance(cfg, j, computeUse(cfg, j))
	if worstText(g.Worst) != "B -1" || !g.Planned {
		t.Errorf("worst %q, planned %v; want B -1, planned", worstText(g.Worst), g.Planned)
	}
	if fmt.Sprint(g.Opportunities, g.MoreOpportunities) != "[one two three] 2" {
		t.Errorf("opportunities %v and %d more", g.Opportunities, g.MoreOpportunities)
	}
	if want := (EvidenceTally{Coverage: Coverage{Backed: 2, Stages: 3}, Sources: 3, N: 128}); g.Evidence != want {
		t.Errorf("evidence %+v, want %+v", g.Evidence, want)
	}
	if g.Channel == nil || g.Channel.Channel.ID != "web" {
		t.Errorf("channel %+v, want web", g.Channel)
	}

	empty := journeyGlance(cfg, &content.Journey{}, computeUse(cfg, &content.Journey{}))
	if empty.Worst != nil || empty.Channel != nil || empty.Opportunities != nil || empty.Planned {
		t.Errorf("glance of an empty map: %+v", empty)
	}
}

func TestCurveMarksWorst(t *testing.T) {
	web := &config.Channel{ID: "web"}
	tests := []struct {
		name  string
		build func(j *content.Journey)
		// want is the ring's centre and radius: on the point or mark
		// that it rings.
		want func(c *Curve) (x, y, r float64)
	}{
		{"a stage's point", func(j *content.Journey) {
			stage(j, "A", emo(0))
			stage(j, "B", emo(-2))
		}, func(c *Curve) (float64, float64, float64) { return c.Points[1].X, c.Points[1].Y, worstStageRing }},
		{"a touchpoint's mark", func(j *content.Journey) {
			stage(j, "A", emo(0), tp("a1", emo(1), web), tp("a2", emo(-2), web))
		}, func(c *Curve) (float64, float64, float64) { return c.Marks[1].X, c.Marks[1].Y, worstMarkRing }},
		{"a persona's point", func(j *content.Journey) {
			personas(j, "dana", "eli")
			stage(j, "A", per("dana", 0.0, "eli", -1.0))
		}, func(c *Curve) (float64, float64, float64) {
			p := c.Series[1].Points[0]
			return p.X, p.Y, worstStageRing
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{}
			tt.build(j)
			c := journeyCurve(j, nil)
			c.markWorst(j, worstMoment(j))
			x, y, r := tt.want(c)
			if c.Worst == nil || !near(c.Worst.X, x) || !near(c.Worst.Y, y) || c.Worst.R != r {
				t.Errorf("ring %+v, want at %v, %v radius %v", c.Worst, x, y, r)
			}
		})
	}
	c := journeyCurve(&content.Journey{}, nil)
	if c.markWorst(&content.Journey{}, nil); c.Worst != nil {
		t.Errorf("a curve with nothing rated rings %+v", c.Worst)
	}
}
