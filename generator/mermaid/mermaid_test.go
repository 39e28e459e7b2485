package mermaid

import (
	"reflect"
	"strings"
	"testing"
)

// The diagram of Mermaid's documentation.
const workingDay = `journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Go upstairs: 3: Me
      Do work: 1: Me, Cat
    section Go home
      Go downstairs: 5: Me
      Sit down: 5: Me
`

func task(name string, score float64, line int, actors ...string) Task {
	return Task{Name: name, Score: score, HasScore: true, Actors: actors, Line: line}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name string
		src  string
		want Diagram
	}{
		{"the documentation's example", workingDay, Diagram{Title: "My working day", Sections: []Section{
			{Name: "Go to work", Line: 3, Tasks: []Task{task("Make tea", 5, 4, "Me"), task("Go upstairs", 3, 5, "Me"), task("Do work", 1, 6, "Me", "Cat")}},
			{Name: "Go home", Line: 7, Tasks: []Task{task("Go downstairs", 5, 8, "Me"), task("Sit down", 5, 9, "Me")}},
		}}},
		{"as real files vary: no indent, blanks around colons, a trailing colon, keywords in capitals, comments, CRLF",
			"%%{init: {'theme': 'forest'}}%%\r\n\r\nJourney\r\nTITLE  Onboarding  \r\n%% a comment\r\nSection Sign up\r\nFill in form :4:\r\n  Verify e-mail:  2 :  Alex ,  Sam  , \r\n",
			Diagram{Title: "Onboarding", Sections: []Section{{Name: "Sign up", Line: 6, Tasks: []Task{task("Fill in form", 4, 7), task("Verify e-mail", 2, 8, "Alex", "Sam")}}}}},
		{"a colon and <br> in a section name are text; entity codes are decoded",
			"journey\nsection Day 1: arrival<br>at the hotel\n  Check in #58; desk: 3: Guest #35;1\n  Pay #quot;extras#quot;: 2: Guest\n",
			Diagram{Sections: []Section{{Name: "Day 1: arrival<br>at the hotel", Line: 2, Tasks: []Task{
				task("Check in : desk", 3, 3, "Guest #1"), task(`Pay "extras"`, 2, 4, "Guest")}}}}},
		{"non-Latin text, decimals, no actors",
			"journey\n  title 出張の一日\n  section 朝\n    コーヒーを飲む: 4.5\n    Сесть в поезд: 2: Пассажир, 乗客\n",
			Diagram{Title: "出張の一日", Sections: []Section{{Name: "朝", Line: 3, Tasks: []Task{task("コーヒーを飲む", 4.5, 4), task("Сесть в поезд", 2, 5, "Пассажир", "乗客")}}}}},
		{"accessibility, one line and a block", "journey\naccTitle: Day plan\naccDescr {\n  A day,\n  in two parts\n}\nsection A\n  x: 3\n",
			Diagram{AccTitle: "Day plan", AccDescr: "A day,\n  in two parts", Sections: []Section{{Name: "A", Line: 7, Tasks: []Task{task("x", 3, 8)}}}}},
		{"a task before any section; a comment after a task; a name with no score", "journey\n  Wake up: 2: Me # too early\n  Stretch:\n",
			Diagram{Sections: []Section{{Line: 2, Tasks: []Task{task("Wake up", 2, 2, "Me"), {Name: "Stretch", Line: 3}}}}}},
		{"%% starts a comment at a line's start only, as in Mermaid", "journey\n  %% a note\nsection Sale %% spring\n  50%% off: 3: Me\n",
			Diagram{Sections: []Section{{Name: "Sale %% spring", Line: 3, Tasks: []Task{task("50%% off", 3, 4, "Me")}}}}},
		{"front matter gives the title", "---\ntitle: Checkout\n---\njourney\nsection Pay\n  Card: 2: Me\n",
			Diagram{Title: "Checkout", Sections: []Section{{Name: "Pay", Line: 5, Tasks: []Task{task("Card", 2, 6, "Me")}}}}},
		// As in Mermaid: "title" and a blank start a title, whatever
		// follows; "Sections" is a word of its own.
		{"keywords and words that start like them", "journey\nsection S\n  Title page: 4: Me\n  Sections: 3\n",
			Diagram{Title: "page: 4: Me", Sections: []Section{{Name: "S", Line: 2, Tasks: []Task{task("Sections", 3, 4)}}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for i := range tc.want.Sections {
				for j := range tc.want.Sections[i].Tasks {
					tc.want.Sections[i].Tasks[j].ScoreCol = 0
				}
			}
			d, errs := Parse("a.mmd", 1, tc.src)
			if len(errs) > 0 {
				t.Fatalf("errors:\n%s", errs.Format())
			}
			for i := range d.Sections {
				for j := range d.Sections[i].Tasks {
					d.Sections[i].Tasks[j].ScoreCol = 0
				}
			}
			if !reflect.DeepEqual(*d, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *d, tc.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		src       string
		first     int // the line the diagram starts on in its file
		line, col int
		msg, hint string
	}{
		{"not a journey", "flowchart LR\n  A --> B\n", 1, 1, 1, `not a journey diagram: the first line is "flowchart LR"`, "starts with the line journey"},
		{"empty", "\n%% nothing\n", 1, 1, 0, "no journey diagram", "write the line journey"},
		{"a line that is neither", "journey\nsection A\n  just words\n", 1, 3, 3, `neither a section nor a task: "just words"`, "Name: score: actor"},
		{"a # eats the colon", "journey\nsection A\n  Ticket #12: 3: Me\n", 1, 3, 3, `neither a section nor a task: "Ticket"`, "write #35; for a # in a name"},
		{"score not a number, in a block of a Markdown file", "journey\nsection A\n  Pay: five: Me\n", 10, 12, 8, `score "five" of task "Pay" is not a number`, "1 (worst) to 5 (best)"},
		{"a colon after the actors", "journey\nsection A\n  Pay: 3: Me: extra\n", 1, 3, 13, `task "Pay" has a colon after its actors`, "write #58;"},
		{"no name", "journey\nsection A\n  : 3: Me\n", 1, 3, 3, "task without a name", ""},
		{"section without a name", "journey\nsection \n", 1, 2, 1, "section without a name", "section Go to work"},
		{"accDescr never closed", "journey\naccDescr {\n text\n", 1, 2, 1, "accDescr { is never closed", "end the description with }"},
		{"two diagrams", "journey\nsection A\njourney\n", 1, 3, 1, "a second journey line", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := Parse("f.md", tc.first, tc.src)
			if len(errs) != 1 {
				t.Fatalf("%d errors, want 1:\n%s", len(errs), errs.Format())
			}
			e := errs[0]
			if e.Pos.File != "f.md" || e.Pos.Line != tc.line || e.Pos.Col != tc.col || !strings.Contains(e.Msg, tc.msg) || !strings.Contains(e.Hint, tc.hint) {
				t.Errorf("got %s\nwant f.md:%d:%d: %s (hint: %s)", e, tc.line, tc.col, tc.msg, tc.hint)
			}
		})
	}
}

// Every problem of a file is reported, not only the first.
func TestParseReportsAll(t *testing.T) {
	_, errs := Parse("a.mmd", 1, "journey\nsection A\n  one\n  Two: x\n  Three: 3\n  four\n")
	if len(errs) != 3 {
		t.Errorf("%d errors, want 3:\n%s", len(errs), errs.Format())
	}
}

func TestWriteRoundTrip(t *testing.T) {
	hostile := &Diagram{
		Title: "Checkout: 50% of #1; R&D <b>", AccTitle: "a: b", AccDescr: "line one\nline two",
		Sections: []Section{
			{Name: "Day 1: arrival", Tasks: []Task{
				{Name: "Pay; then #wait %% long", Score: 1.5, HasScore: true, Actors: []string{"Ortiz, Dana", "Sam: the cat", "#58;"}},
				{Name: " padded ", Score: 3, HasScore: true},
				{Name: "Title page", Score: 2, HasScore: true},
				{Name: "section two", Score: 2, HasScore: true},
				{Name: "accTitle: x", Score: 2, HasScore: true},
				{Name: "journey", Score: 2, HasScore: true},
				{Name: "no score", Actors: []string{"Me"}},
			}},
			{Name: "朝 <br> Сесть", Tasks: []Task{{Name: "コーヒー", Score: 4, HasScore: true, Actors: []string{"乗客"}}}},
		},
	}
	for _, d := range []*Diagram{hostile, mustParse(t, workingDay)} {
		var b strings.Builder
		if err := Write(&b, d); err != nil {
			t.Fatal(err)
		}
		back, errs := Parse("x.mmd", 1, b.String())
		if len(errs) > 0 {
			t.Fatalf("the written diagram does not parse:\n%s\n%s", errs.Format(), b.String())
		}
		if !sameContent(d, back) {
			t.Errorf("round trip changed the diagram\nwritten:\n%s\ngot  %+v\nwant %+v", b.String(), *back, *d)
		}
	}
}

func TestWriteReadsWell(t *testing.T) {
	var b strings.Builder
	Write(&b, mustParse(t, workingDay))
	want := "journey\n    title My working day\n    section Go to work\n      Make tea: 5: Me\n      Go upstairs: 3: Me\n      Do work: 1: Me, Cat\n    section Go home\n      Go downstairs: 5: Me\n      Sit down: 5: Me\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestFindBlock(t *testing.T) {
	md := "# Notes\n\n```mermaid\nflowchart LR\n  A --> B\n```\n\nText.\n\n~~~ Mermaid\n%% the map\njourney\n  section A\n    x: 3\n~~~\n\n```mermaid\njourney\n```\n"
	src, first, ok := FindBlock(md)
	if !ok || first != 11 || !strings.HasPrefix(src, "%% the map\njourney") {
		t.Errorf("FindBlock = %q, %d, %v; want the second block, from line 11", src, first, ok)
	}
	d, errs := Parse("README.md", first, src)
	if len(errs) > 0 || d.Sections[0].Tasks[0].Line != 14 {
		t.Errorf("lines in the file: %v %+v", errs, d)
	}
	if _, _, ok := FindBlock("```go\njourney\n```\n"); ok {
		t.Error("found a journey in a go block")
	}
}

func mustParse(t *testing.T, src string) *Diagram {
	t.Helper()
	d, errs := Parse("x.mmd", 1, src)
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	return d
}

// sameContent compares two diagrams' text, scores and actors, not the
// lines they were read from.
func sameContent(a, b *Diagram) bool {
	strip := func(d *Diagram) Diagram {
		c := *d
		c.Sections = nil
		for _, s := range d.Sections {
			s.Line = 0
			var tasks []Task
			for _, t := range s.Tasks {
				t.Line, t.ScoreCol = 0, 0
				tasks = append(tasks, t)
			}
			s.Tasks = tasks
			c.Sections = append(c.Sections, s)
		}
		return c
	}
	return reflect.DeepEqual(strip(a), strip(b))
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{workingDay, "journey\nsection A: b\n  x #58; y: 2: a, b\n", "---\ntitle: x\n---\njourney\naccDescr {\n}", "journey\n: :\n", "#99999999999;", "journey\n  a: 1e400\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		d, errs := Parse("f.mmd", 1, src)
		if len(errs) > 0 {
			return
		}
		// What parses writes back to the same diagram.
		var b strings.Builder
		Write(&b, d)
		back, errs := Parse("f.mmd", 1, b.String())
		if len(errs) > 0 || !sameContent(d, back) {
			t.Errorf("round trip of %q:\n%s\nerrors %v\ngot  %+v\nwant %+v", src, b.String(), errs, back, d)
		}
	})
}
