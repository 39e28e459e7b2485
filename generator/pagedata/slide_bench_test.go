package pagedata

import "testing"

func BenchmarkNewSlide(b *testing.B) {
	for _, c := range []slideCase{slideCases[1], slideCases[3], slideCases[8]} {
		j := slideJourney(c)
		cmp, worst := compare(j), worstMoment(j)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				newSlide(j, cmp, worst, "Site")
			}
		})
	}
}
