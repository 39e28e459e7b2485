package export

import (
	"bytes"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/mermaid"
)

// scoreOffset turns an emotion (-2 … 2) into a Mermaid score (1 … 5),
// the inverse of the importer's default scale.
const scoreOffset = 3

// journeyDiagram is j as a Mermaid journey: a section per stage, and in
// it a task per step when the stage has steps, else per touchpoint, else
// one for the stage itself. Mermaid has one score per task, so an
// emotion written per persona whose values differ is a task per persona,
// each with that persona as its only actor: no value is averaged away.
// What has no emotion, of its own or its stage's, is left out, as
// Mermaid has no task without a score and a made-up one would read as a
// feeling.
func journeyDiagram(j *content.Journey) *mermaid.Diagram {
	d := &mermaid.Diagram{Title: j.Title, AccDescr: j.Summary}
	everyone := j.Personas
	for _, s := range j.Stages {
		sec := mermaid.Section{Name: s.Name}
		switch {
		case len(s.Steps) > 0:
			for _, st := range s.Steps {
				sec.Tasks = appendTasks(sec.Tasks, j, st.Name, feels(st.Emotion, s.Emotion), st.Personas)
			}
		case len(s.Touchpoints) > 0:
			for _, t := range s.Touchpoints {
				e, _ := t.Feels()
				sec.Tasks = appendTasks(sec.Tasks, j, t.Name, e, everyone)
			}
		default:
			sec.Tasks = appendTasks(sec.Tasks, j, s.Name, s.Emotion, everyone)
		}
		d.Sections = append(d.Sections, sec)
	}
	return d
}

// feels is an emotion of its own, or the stage's when there is none, as
// a touchpoint's is (Touchpoint.Feels).
func feels(own, stage content.Emotion) content.Emotion {
	if own.Set {
		return own
	}
	return stage
}

// appendTasks adds the tasks of one thing done, felt as e by actors: one
// task, or one per persona when e was written per persona and its values
// differ; none when e is not set.
func appendTasks(tasks []mermaid.Task, j *content.Journey, name string, e content.Emotion, actors []*content.Persona) []mermaid.Task {
	if !e.Set {
		return tasks
	}
	if !e.PerPersona() {
		return append(tasks, task(name, e.Value, actors))
	}
	var rated []*content.Persona
	agree := true
	for _, pe := range e.ByPersona {
		rated = append(rated, personaOf(j, pe.Persona))
		agree = agree && pe.Value == e.ByPersona[0].Value
	}
	if agree {
		return append(tasks, task(name, e.ByPersona[0].Value, rated))
	}
	for i, pe := range e.ByPersona {
		tasks = append(tasks, task(name, pe.Value, rated[i:i+1]))
	}
	return tasks
}

func task(name string, emotion float64, actors []*content.Persona) mermaid.Task {
	t := mermaid.Task{Name: name, Score: emotion + scoreOffset, HasScore: true}
	for _, p := range actors {
		t.Actors = append(t.Actors, p.Name)
	}
	return t
}

// personaOf is the journey's persona of that slug: an emotion's
// ByPersona holds only the journey's personas (the loader sees to it).
func personaOf(j *content.Journey, slug string) *content.Persona {
	for _, p := range j.Personas {
		if p.Slug == slug {
			return p
		}
	}
	return &content.Persona{Slug: slug, Name: slug}
}

// MapMermaid writes journey j's map.mmd: its map as a Mermaid journey
// diagram, for READMEs and wikis that render Mermaid; docs/exports.md
// describes the mapping.
func (e *Exporter) MapMermaid(j *content.Journey, buf *bytes.Buffer) error {
	return mermaid.Write(buf, journeyDiagram(j))
}
