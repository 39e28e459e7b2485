package render

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/themes"
)

// defaultStylesheet is the default theme's stylesheet.
func defaultStylesheet(t *testing.T) string {
	t.Helper()
	b, err := fs.ReadFile(themes.Default(), "static/css/waymark.css")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestLaneNamesInTheStylesheet holds the names the stylesheet gives a
// stage's lanes (for screen readers, and on a phone) to pagedata's, which
// the row labels and the lane toggles show: the map writes each once, not
// as a heading in every stage.
func TestLaneNamesInTheStylesheet(t *testing.T) {
	css := defaultStylesheet(t)
	for _, l := range pagedata.AllLanes() {
		if l.ID == "emotion" {
			continue // the curve, which names itself
		}
		rule := `.stage > [data-lane="` + l.ID + `"]:not(:empty)::before { content: "` + l.Label + `"; }`
		if !strings.Contains(css, rule) {
			t.Errorf("the stylesheet lacks %s", rule)
		}
	}
}

// TestEmotionWordsInTheStylesheet holds the words the stylesheet gives
// each emotion class (--emo-label, after a rating's value) to the words
// of every value in that class (content.Emotion's Label), and "not rated"
// to an emotion that is not set.
func TestEmotionWordsInTheStylesheet(t *testing.T) {
	css := defaultStylesheet(t)
	check := func(e content.Emotion) {
		class := pagedata.EmotionClass(e)
		if !e.Set {
			class = "emo-none"
		}
		rule := regexp.MustCompile(`(?m)^\.` + class + ` \{[^}]*--emo-label: "([^"]*)"`).FindStringSubmatch(css)
		if rule == nil {
			t.Errorf("the stylesheet gives .%s no --emo-label", class)
		} else if rule[1] != e.Label() {
			t.Errorf("the stylesheet calls .%s %q; %v is %q", class, rule[1], e, e.Label())
		}
	}
	for v := -2.0; v <= 2; v += 0.25 {
		check(content.Emotion{Value: v, Set: true})
	}
	check(content.Emotion{})
}

// TestKindNamesInTheStylesheet holds the name the stylesheet gives each
// channel kind (--kind-name, under a column of a journey's matrix) to the
// kind, as the matrix wrote it in each column.
func TestKindNamesInTheStylesheet(t *testing.T) {
	css := defaultStylesheet(t)
	for _, k := range config.Kinds {
		rule := regexp.MustCompile(`(?m)^\.k-` + k + ` \{[^}]*--kind-name: "([^"]*)"`).FindStringSubmatch(css)
		if rule == nil || rule[1] != k {
			t.Errorf("the stylesheet does not name the kind %s (%q)", k, rule)
		}
	}
}
