package pagedata

import (
	"fmt"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

// BenchmarkJourneyCurve is a 7-stage map's curve with its lowest point
// ringed, as a journey page makes it: placing the values is most of it.
func BenchmarkJourneyCurve(b *testing.B) {
	web := &config.Channel{ID: "web"}
	j := &content.Journey{}
	for i, v := range []float64{1, 0, -1, -2, -0.5, 1.5, 2} {
		stage(j, fmt.Sprint("s", i), emo(v), tp("a", emo(v-0.5), web), tp("b", emo(v), web), tp("c", emo(-2), web)).MomentOfTruth = i%3 == 1
	}
	w := worstMoment(j)
	b.ReportAllocs()
	for b.Loop() {
		c := journeyCurve(j, nil)
		c.markWorst(j, w)
	}
}
