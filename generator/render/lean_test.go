package render

import (
	"io/fs"
	"strings"
	"testing"

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
		rule := `.stage > [data-lane="` + l.ID + `"]::before { content: "` + l.Label + `"; }`
		if !strings.Contains(css, rule) {
			t.Errorf("the stylesheet lacks %s", rule)
		}
	}
}
