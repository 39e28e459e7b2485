package importer

import (
	"fmt"
	"math"
	"strings"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/mermaid"
	"github.com/waymark-cx/waymark/generator/slug"
)

// fromMermaid makes a draft of a journey diagram: a section is a stage,
// a task a step with its emotion (its score mapped from the scale) and
// its actors, who are the journey's personas in the order first seen.
// A stage's emotion is the mean of its steps', to the nearest 0.5, so
// that the map's curve has a point per stage.
func fromMermaid(file string, first int, src string, opts Options) (*Draft, diag.List) {
	d, errs := mermaid.Parse(file, first, src)
	if errs.HasErrors() {
		return nil, errs
	}
	scale := MermaidScale
	if opts.Scale != nil {
		scale = *opts.Scale
	}
	// A summary is one paragraph: accDescr { … } keeps the indentation
	// of its lines.
	draft := &Draft{File: file, Line: first, Title: d.Title, Summary: strings.Join(strings.Fields(d.AccDescr), " ")}
	switch {
	case draft.Title == "" && d.AccTitle != "":
		draft.Title = d.AccTitle
	case d.AccTitle != d.Title:
		draft.AccTitle = d.AccTitle
	}
	if draft.Title == "" {
		draft.Title = titleOfFile(file)
	}
	hint := scaleHint(d, scale)
	seen := map[string]bool{}
	for i, sec := range d.Sections {
		st := &Stage{Name: sec.Name, Line: sec.Line}
		if st.Name == "" {
			// Tasks before the first section: Mermaid draws them without
			// a section; a stage needs a name.
			st.Name = "Stage " + fmt.Sprint(i+1)
			line := sec.Line
			if len(sec.Tasks) > 0 {
				line = sec.Tasks[0].Line
			}
			errs.Warn(diag.Position{File: file, Line: line}, "add a section line above them to name the stage",
				"tasks before the first section: imported as a stage named %q", st.Name)
		}
		var sum float64
		var rated int
		for _, t := range sec.Tasks {
			step := Step{Name: t.Name, Actors: t.Actors, Line: t.Line}
			switch {
			case !t.HasScore:
				errs.Warn(diag.Position{File: file, Line: t.Line, Col: t.ScoreCol}, "give it a score, 1 (worst) to 5 (best): "+t.Name+": 3",
					"task %q has no score: imported without an emotion", t.Name)
			case !scale.Contains(t.Score):
				errs.Add(diag.Position{File: file, Line: t.Line, Col: t.ScoreCol}, hint,
					"score %v of task %q is outside the scale %s", t.Score, t.Name, scale)
			default:
				step.Emotion = scale.Emotion(t.Score)
				sum += step.Emotion.Value
				rated++
			}
			for _, a := range t.Actors {
				if slug.Make(a) == "" {
					errs.Add(diag.Position{File: file, Line: t.Line}, "a persona's file name is made of the letters and digits of its name: give the actor some",
						"actor %q gives no persona name", a)
					continue
				}
				if key := strings.ToLower(a); !seen[key] {
					seen[key] = true
					draft.Personas = append(draft.Personas, a)
				}
			}
			st.Steps = append(st.Steps, step)
		}
		if rated > 0 {
			st.Emotion = Emotion{Value: math.Round(sum/float64(rated)*2) / 2, Set: true}
		}
		draft.Stages = append(draft.Stages, st)
	}
	if len(draft.Stages) == 0 {
		errs.Add(diag.Position{File: file, Line: first}, "add a section and its tasks: section Go to work, then Make tea: 5: Me",
			"the diagram has no sections or tasks")
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return draft, errs
}

// scaleHint is the hint for a score outside the scale: pass the scale
// the diagram rates on, --scale MIN..MAX, one that holds all its scores.
func scaleHint(d *mermaid.Diagram, scale Scale) string {
	wide := scale
	for _, sec := range d.Sections {
		for _, t := range sec.Tasks {
			if t.HasScore {
				wide.Min = math.Min(wide.Min, math.Floor(t.Score))
				wide.Max = math.Max(wide.Max, math.Ceil(t.Score))
			}
		}
	}
	if wide.Max > 5 && wide.Max < 10 {
		wide.Max = 10 // scores of 6 to 9 are most likely out of 10
	}
	return fmt.Sprintf("Mermaid scores run from 1 (worst) to 5 (best); if this diagram rates on another scale, pass it: --scale MIN..MAX, e.g. --scale %s", wide)
}
