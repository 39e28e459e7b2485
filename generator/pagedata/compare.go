package pagedata

import (
	"math"
	"strconv"

	"github.com/waymark-cx/waymark/generator/content"
)

// Comparison is a future-state map set against the current-state map it
// improves on (its `current` key). Stages are matched by id.
//
// A pain point is resolved when a current stage lists it and the future
// map's stage of the same id no longer does; an opportunity is taken up
// the same way: the future map's stage no longer lists it as an
// opportunity, because it is now part of the journey. Text is compared
// ignoring case and runs of spaces. A stage the future map drops has no
// match, so its pain points and opportunities are not claimed: the map
// lists the stage as dropped instead.
type Comparison struct {
	Current  *content.Journey
	Stages   []StageChange    // one per stage of the future map, in its order
	Improved []StageChange    // the stages that resolve a pain point or take up an opportunity
	Dropped  []*content.Stage // stages of the current map with no stage of the same id in the future map
}

// StageChange is how a stage's emotion changes from today to the future
// map.
type StageChange struct {
	Stage *content.Stage // the future map's
	Was   *content.Stage // the current map's stage of the same id; nil for a new stage
	// Change is the difference in words and figures: "+2", "−0.5",
	// "no change", "new stage", or "—" when either map gives no emotion.
	Change string
	// Trend names the direction for styling: up, down, same, new or none.
	Trend string
	// Resolved and TakenUp are the pain points and opportunities of Was
	// that Stage no longer lists.
	Resolved, TakenUp []string
}

// compare sets j against its current state; nil when it names none.
func compare(j *content.Journey) *Comparison {
	cur := j.Current
	if cur == nil {
		return nil
	}
	c := &Comparison{Current: cur}
	future := make(map[string]*content.Stage, len(j.Stages))
	for _, s := range j.Stages {
		future[s.ID] = s
	}
	was := make(map[string]*content.Stage, len(cur.Stages))
	for _, s := range cur.Stages {
		was[s.ID] = s
	}
	for _, s := range j.Stages {
		ch := stageChange(s, was[s.ID])
		if ch.Was != nil {
			ch.Resolved = without(ch.Was.PainPoints, s.PainPoints)
			ch.TakenUp = without(ch.Was.Opportunities, s.Opportunities)
		}
		c.Stages = append(c.Stages, ch)
		if len(ch.Resolved) > 0 || len(ch.TakenUp) > 0 {
			c.Improved = append(c.Improved, ch)
		}
	}
	for _, w := range cur.Stages {
		if future[w.ID] == nil {
			c.Dropped = append(c.Dropped, w)
		}
	}
	return c
}

func stageChange(s, was *content.Stage) StageChange {
	ch := StageChange{Stage: s, Was: was}
	switch {
	case was == nil:
		ch.Change, ch.Trend = "new stage", "new"
	case !s.Emotion.Set || !was.Emotion.Set:
		ch.Change, ch.Trend = "—", "none"
	default:
		d := math.Round((s.Emotion.Value-was.Emotion.Value)*100) / 100
		switch {
		case d > 0:
			ch.Change, ch.Trend = "+"+strconv.FormatFloat(d, 'f', -1, 64), "up"
		case d < 0:
			ch.Change, ch.Trend = "−"+strconv.FormatFloat(-d, 'f', -1, 64), "down"
		default:
			ch.Change, ch.Trend = "no change", "same"
		}
	}
	return ch
}

// without lists the texts of was that now does not list.
func without(was, now []string) []string {
	kept := make(map[string]bool, len(now))
	for _, t := range now {
		kept[content.SameText(t)] = true
	}
	var out []string
	for _, t := range was {
		if !kept[content.SameText(t)] {
			out = append(out, t)
		}
	}
	return out
}
