package pagedata

import (
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
)

// The printed map's text is as large as fits: full size for a short map,
// smaller the more a lane holds, never below printSmallest.
func TestPrintSize(t *testing.T) {
	stages := func(n int, pains ...string) *content.Journey {
		j := &content.Journey{}
		for i := 0; i < n; i++ {
			j.Stages = append(j.Stages, &content.Stage{ID: string(rune('a' + i)), Name: "Stage", PainPoints: pains})
		}
		return j
	}
	long := strings.Repeat("A pain point that runs on for a while ", 4)
	for _, tt := range []struct {
		name string
		j    *content.Journey
		want string
	}{
		{"no stages", &content.Journey{}, "6.5pt"},
		{"a short map", stages(3, "Slow till"), "6.5pt"},
		{"a long lane", stages(7, strings.Split(strings.Repeat(long+"|", 15), "|")...), "5pt"},
		{"more than fits", stages(12, strings.Split(strings.Repeat(long+"|", 40), "|")...), "4pt"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := PrintSize(tt.j); got != tt.want {
				t.Errorf("PrintSize = %s, want %s", got, tt.want)
			}
		})
	}
	// Smaller with more text, stage count alike.
	if a, b := printHeightAt(stages(7, long), LanesUsed(stages(7, long)), 6), printHeightAt(stages(7, long, long), LanesUsed(stages(7, long, long)), 6); a >= b {
		t.Errorf("a lane twice as long is estimated %v mm, no taller than %v mm", b, a)
	}
}

// A stage's panel adds to the lanes only the touchpoints with a
// description or an owner, and the evidence with a quote or a source.
func TestPanelDetails(t *testing.T) {
	tps := []*content.Touchpoint{{Name: "bare"}, {Name: "described", Description: "d"}, {Name: "owned", Owner: "o"}}
	var names []string
	for _, tp := range DetailedTouchpoints(tps) {
		names = append(names, tp.Name)
	}
	if got := strings.Join(names, ","); got != "described,owned" {
		t.Errorf("detailed touchpoints = %s, want described,owned", got)
	}
	ev := []*content.Evidence{{Title: "bare", N: 5}, {Title: "quoted", Quote: "q"}, {Title: "linked", URL: "https://example.com"}}
	names = nil
	for _, e := range SourcedEvidence(ev) {
		names = append(names, e.Title)
	}
	if got := strings.Join(names, ","); got != "quoted,linked" {
		t.Errorf("sourced evidence = %s, want quoted,linked", got)
	}
}
