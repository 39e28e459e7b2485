package export

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/content/contenttest"
	"github.com/waymark-cx/waymark/generator/mermaid"
)

// byPersona is an emotion written per persona; its Value is the mean, as
// the loader makes it.
func byPersona(values ...content.PersonaEmotion) content.Emotion {
	e := content.Emotion{Set: true, ByPersona: values}
	for _, pe := range values {
		e.Value += pe.Value / float64(len(values))
	}
	return e
}

func TestJourneyDiagram(t *testing.T) {
	ana := &content.Persona{Slug: "ana", Name: "Ana Ruiz"}
	cy := &content.Persona{Slug: "cy", Name: "Park, Cy"}
	task := func(name string, score float64, actors ...string) mermaid.Task {
		return mermaid.Task{Name: name, Score: score, HasScore: true, Actors: actors}
	}
	step := func(s *content.Stage, name string, e content.Emotion, ps ...*content.Persona) {
		s.Steps = append(s.Steps, &content.Step{Name: name, Emotion: e, Personas: ps, Stage: s})
	}
	tests := []struct {
		name   string
		stages func(j *content.Journey)
		want   []mermaid.Section
	}{
		{"a task per step, its personas as actors, score emotion + 3", func(j *content.Journey) {
			s := stage(j, "Pay", emo(-1))
			step(s, "Fills the basket", emo(1), ana, cy)
			step(s, "Pays", emo(-1.5), cy)
			step(s, "Asks a friend", emo(0))
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{
			task("Fills the basket", 4, "Ana Ruiz", "Park, Cy"), task("Pays", 1.5, "Park, Cy"), task("Asks a friend", 3),
		}}}},
		{"a step without an emotion has its stage's", func(j *content.Journey) {
			step(stage(j, "Pay", emo(-2)), "Pays", content.Emotion{}, ana)
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{task("Pays", 1, "Ana Ruiz")}}}},
		{"a step rated nowhere is left out", func(j *content.Journey) {
			s := stage(j, "Pay", content.Emotion{})
			step(s, "Pays", content.Emotion{}, ana)
			step(s, "Leaves", emo(2))
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{task("Leaves", 5)}}}},
		{"values per persona that differ: a task per persona rated", func(j *content.Journey) {
			step(stage(j, "Pay", emo(0)), "Pays", byPersona(content.PersonaEmotion{Persona: "ana", Value: 1}, content.PersonaEmotion{Persona: "cy", Value: -0.5}), ana)
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{task("Pays", 4, "Ana Ruiz"), task("Pays", 2.5, "Park, Cy")}}}},
		{"values per persona that agree: one task", func(j *content.Journey) {
			step(stage(j, "Pay", emo(0)), "Pays", byPersona(content.PersonaEmotion{Persona: "ana", Value: 1}, content.PersonaEmotion{Persona: "cy", Value: 1}))
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{task("Pays", 4, "Ana Ruiz", "Park, Cy")}}}},
		{"one persona of two rated: that persona only", func(j *content.Journey) {
			stage(j, "Pay", content.Emotion{}, tp("Till", byPersona(content.PersonaEmotion{Persona: "cy", Value: -1})))
		}, []mermaid.Section{{Name: "Pay", Tasks: []mermaid.Task{task("Till", 2, "Park, Cy")}}}},
		{"without steps, a task per touchpoint, the journey's personas as actors", func(j *content.Journey) {
			stage(j, "Research", emo(0.5), tp("Product page", emo(1)), tp("Reviews", content.Emotion{}))
		}, []mermaid.Section{{Name: "Research", Tasks: []mermaid.Task{
			task("Product page", 4, "Ana Ruiz", "Park, Cy"), task("Reviews", 3.5, "Ana Ruiz", "Park, Cy"),
		}}}},
		{"steps before touchpoints", func(j *content.Journey) {
			s := stage(j, "Research", emo(0.5), tp("Product page", emo(1)))
			step(s, "Reads", emo(-1))
		}, []mermaid.Section{{Name: "Research", Tasks: []mermaid.Task{task("Reads", 2)}}}},
		{"a stage with neither: one task for the stage", func(j *content.Journey) {
			stage(j, "Ride", emo(2))
		}, []mermaid.Section{{Name: "Ride", Tasks: []mermaid.Task{task("Ride", 5, "Ana Ruiz", "Park, Cy")}}}},
		{"a stage with nothing rated: an empty section", func(j *content.Journey) {
			stage(j, "Ride", content.Emotion{}, tp("Bike", content.Emotion{}))
		}, []mermaid.Section{{Name: "Ride"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{Title: "Buy: a bike", Summary: "From #1 to 5%", Personas: []*content.Persona{ana, cy}}
			tt.stages(j)
			d := journeyDiagram(j)
			if d.Title != j.Title || d.AccDescr != j.Summary || d.AccTitle != "" {
				t.Errorf("title %q, accTitle %q, accDescr %q", d.Title, d.AccTitle, d.AccDescr)
			}
			if !reflect.DeepEqual(d.Sections, tt.want) {
				t.Errorf("sections\n got %+v\nwant %+v", d.Sections, tt.want)
			}
			// What is written reads back the same (Mermaid itself reads
			// it in themes/mermaid_browser_test.go).
			var buf bytes.Buffer
			if err := mermaid.Write(&buf, d); err != nil {
				t.Fatal(err)
			}
			back, errs := mermaid.Parse("map.mmd", 1, buf.String())
			if len(errs) > 0 {
				t.Fatalf("%s\n%s", errs.Format(), buf.String())
			}
			for i := range back.Sections {
				back.Sections[i].Line = 0
				for k := range back.Sections[i].Tasks {
					back.Sections[i].Tasks[k].Line, back.Sections[i].Tasks[k].ScoreCol = 0, 0
				}
			}
			if !reflect.DeepEqual(back, d) {
				t.Errorf("read back\n got %+v\nwant %+v\n%s", back, d, buf.String())
			}
		})
	}
}

// The fixtures' builders, short for the tables above.
var (
	emo   = contenttest.Emotion
	stage = contenttest.Stage
	tp    = contenttest.Touchpoint
)
