package pagedata

import (
	"fmt"
	"math"

	"github.com/waymark-cx/waymark/generator/content"
)

// Coverage is how much of a map research backs: of its stages, how many
// list at least one evidence item. A stage without any is the team's
// assumption, and readers must be able to tell the two apart.
type Coverage struct {
	Backed int // stages with evidence
	Stages int // all stages
}

// CoverageOf counts the stages of journeys that research backs.
func CoverageOf(journeys ...*content.Journey) Coverage {
	var c Coverage
	for _, j := range journeys {
		for _, s := range j.Stages {
			c.Stages++
			if len(s.Evidence) > 0 {
				c.Backed++
			}
		}
	}
	return c
}

// Percent is the share of stages backed, rounded to a whole percent; 0
// for no stages.
func (c Coverage) Percent() int {
	if c.Stages == 0 {
		return 0
	}
	return int(math.Round(float64(c.Backed) * 100 / float64(c.Stages)))
}

// String says it in words, the same way for every figure so that cards
// read alike: "5 of 7 stages backed by research".
func (c Coverage) String() string {
	if c.Stages == 0 {
		return "No stages"
	}
	noun := "stages"
	if c.Stages == 1 {
		noun = "stage"
	}
	return fmt.Sprintf("%d of %d %s backed by research", c.Backed, c.Stages, noun)
}
