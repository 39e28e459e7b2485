package pagedata

import (
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
)

func TestNewSlide(t *testing.T) {
	long := strings.Repeat("word ", 20)
	s1 := &content.Stage{ID: "a", Name: "Research and compare the options we have", Emotion: content.Emotion{Value: 1, Set: true}}
	for _, n := range []string{"one", "two", "three", "four", "five", "six", "seven"} {
		s1.Touchpoints = append(s1.Touchpoints, &content.Touchpoint{Name: n})
	}
	s1.PainPoints = []string{long, "short", long, "fourth is left out"}
	s2 := &content.Stage{ID: "b", Name: "Pay", MomentOfTruth: true}
	j := &content.Journey{Title: "T", Summary: long + long, Stages: []*content.Stage{s1, s2}}
	s := newSlide(j, newCurve(j.Stages, timelineCurve))

	if want := slideLeft + 400 + slideMargin; s.Width != want {
		t.Errorf("Width %v, want %v for two stages", s.Width, want)
	}
	if !strings.HasSuffix(s.Summary, "…") || strings.Count(s.Summary, "word") > 30 {
		t.Errorf("Summary not cut to one line: %q", s.Summary)
	}
	if len(s.Columns) != 2 {
		t.Fatalf("%d columns, want 2", len(s.Columns))
	}
	a, b := s.Columns[0], s.Columns[1]
	if a.X != slideLeft+4 || b.X != slideLeft+slideColumn+4 || b.TextX != slideLeft+slideColumn+14 || b.Number != 2 {
		t.Errorf("columns at %v/%v and %v/%v, number %d", a.X, a.TextX, b.X, b.TextX, b.Number)
	}
	lines := func(ls []SlideLine) (out []string) {
		for _, l := range ls {
			out = append(out, strings.TrimSpace(l.Text))
		}
		return out
	}
	if got := lines(a.Name); len(got) != 2 || a.Name[1].Y != 114+17 {
		t.Errorf("name lines %q at %v", got, a.Name)
	}
	if len(a.Touchpoints) != slideTouchpoints || a.Touchpoints[5].Y != 330+19*5 || a.Touchpoints[5].Text != "six" {
		t.Errorf("touchpoints %q, want the first %d", lines(a.Touchpoints), slideTouchpoints)
	}
	// Three pain points of at most two lines each: long, short, long.
	if got := lines(a.PainPoints); len(got) != 5 || got[2] != "short" || a.PainPoints[2].Y != 470+40 || a.PainPoints[4].Y != 470+80+15 {
		t.Errorf("pain point lines %q at %v", got, a.PainPoints)
	}
	if len(b.Touchpoints)+len(b.PainPoints) != 0 || len(b.Name) != 1 {
		t.Errorf("second stage: %+v", b)
	}
}

func TestSlideSteps(t *testing.T) {
	plain := &content.Stage{ID: "a", Name: "Look"}
	withSteps := &content.Stage{ID: "b", Name: "Pay", PainPoints: []string{"Slow"}, Touchpoints: []*content.Touchpoint{{Name: "Till"}}}
	for _, st := range []*content.Step{
		{Name: "Fills the basket", Emotion: content.Emotion{Value: 1, Set: true}},
		{Name: "Reads the confirmation", Emotion: content.Emotion{Value: -0.5, Set: true,
			ByPersona: []content.PersonaEmotion{{Persona: "ana", Value: 0}, {Persona: "cy", Value: -1}}}},
		{Name: "Waits"}, {Name: "Four"}, {Name: "Five is left out"},
	} {
		st.Stage = withSteps
		withSteps.Steps = append(withSteps.Steps, st)
	}

	j := &content.Journey{Title: "T", Stages: []*content.Stage{plain}}
	s := newSlide(j, newCurve(j.Stages, timelineCurve))
	if s.StepsY != 0 || s.Height != slideHeight || s.TouchpointsY != 330 || s.PainPointsY != 470 {
		t.Errorf("without steps: steps at %v, height %v, touchpoints at %v, pain points at %v", s.StepsY, s.Height, s.TouchpointsY, s.PainPointsY)
	}

	j = &content.Journey{Title: "T", Stages: []*content.Stage{plain, withSteps}}
	s = newSlide(j, newCurve(j.Stages, timelineCurve))
	if s.StepsY != 330 || s.Height != slideHeight+slideStepsLane || s.TouchpointsY != 330+slideStepsLane {
		t.Errorf("with steps: steps at %v, height %v, touchpoints at %v", s.StepsY, s.Height, s.TouchpointsY)
	}
	b := s.Columns[1]
	var got []string
	for _, st := range b.Steps {
		got = append(got, st.Text+"|"+st.Value)
	}
	want := []string{"Fills the basket|+1 positive", "Reads the confirmation|0 / -1", "Waits|", "Four|"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("steps %q, want %q", got, want)
	}
	if b.Touchpoints[0].Y != s.TouchpointsY || b.PainPoints[0].Y != s.PainPointsY || len(s.Columns[0].Steps) != 0 {
		t.Errorf("touchpoint at %v, pain point at %v, first stage's steps %v", b.Touchpoints[0].Y, b.PainPoints[0].Y, s.Columns[0].Steps)
	}
}
