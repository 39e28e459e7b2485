package themes_test

// Mermaid reads back every map.mmd a build writes: the example site's and
// those of a site whose names hold what Mermaid's grammar would misread
// (colons, "#", ";", "%%", commas in persona names, "<br>", quotes,
// non-Latin text, a task named like a keyword). Mermaid itself, pinned in
// testdata/a11y/package.json, runs in chromium on a blank test page served
// on loopback; the test compares the sections, tasks, scores and actors of
// Mermaid's journey database with what each journey holds, as map.json
// exports it, by the rule of docs/exports.md. It fails when the escaping
// is wrong: Mermaid then cuts a name, drops an actor or fails to parse.

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// hostileSite is a site whose names hold everything Mermaid's journey
// grammar reads as syntax.
func hostileSite() fstest.MapFS {
	persona := func(name string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(fmt.Sprintf("+++\nname = %q\n+++\n", name))}
	}
	return fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Hostile"
[[channels]]
id = "web"
name = "Web"
kind = "digital"
`)},
		"content/personas/ayse.md":  persona("Ünal, Ayşe"),
		"content/personas/li.md":    persona("李小龍"),
		"content/personas/quote.md": persona(`Q: "the #1; 50%"`),
		"content/personas/br.md":    persona("Bob<br>Smith %% not a comment"),
		"content/journeys/hostile.md": {Data: []byte(`+++
title = "Buy: a bike #1; 100% %% sure"
summary = "Colons: hashes #, semicolons; and <br> breaks"
personas = ["ayse", "li", "quote", "br"]

[[stages]]
name = "Section: one #2; 50% %% here"
emotion = 0.5

  [[stages.steps]]
  name = "Pay: now, #later; 10% %% off <br> or not"
  emotion = -1.5
  personas = ["ayse", "quote"]

  [[stages.steps]]
  name = "Title page"
  emotion = { ayse = 2, li = -2, br = 0.5 }

  [[stages.steps]]
  name = "section two"
  emotion = 1
  personas = ["br", "li"]

  [[stages.steps]]
  name = "支付 \"quoted\" 'single' & ampersand"
  personas = ["li"]

[[stages]]
name = "Получение <b>bold</b>"
emotion = { ayse = -1, li = -1 }

  [[stages.touchpoints]]
  name = "Call: support; #3"
  channels = ["web"]

  [[stages.touchpoints]]
  name = "Chat, online"
  channels = ["web"]
  emotion = 2

[[stages]]
name = "accTitle: not one"
emotion = -2

  [[stages.steps]]
  name = "%% a step, not a comment"
  emotion = -2
  personas = ["br"]
+++
`)},
	}
}

// mermaidSource reads Mermaid's browser bundle, or skips (fails under
// require) saying how to install it.
func mermaidSource(t *testing.T) string {
	t.Helper()
	p := filepath.Join(toolsDir, "node_modules", "mermaid", "dist", "mermaid.min.js")
	b, err := os.ReadFile(p)
	if err != nil {
		skipOrFail(t, fmt.Sprintf("mermaid is not installed (%s missing): run %s; map.mmd not read back", p, toolsInstall))
	}
	return string(b)
}

// mermaidTask is a task as Mermaid's journey database holds it.
type mermaidTask struct {
	Section string   `json:"section"`
	Task    string   `json:"task"`
	Score   float64  `json:"score"`
	People  []string `json:"people"`
}

// mermaidRead is what the page reports of one diagram.
type mermaidRead struct {
	Error    string        `json:"error"`
	Title    string        `json:"title"`
	AccDescr string        `json:"accDescr"`
	Sections []string      `json:"sections"`
	Tasks    []mermaidTask `json:"tasks"`
	SVGText  string        `json:"svgText"`
}

// readWithMermaid parses the diagram with Mermaid, reads its journey
// database and renders it, reporting the text of the picture. Mermaid
// holds an entity code (#58;) in its database as a placeholder, and
// turns it into an HTML entity in the SVG it makes, which the browser
// then decodes (its encodeEntities and decodeEntities): decode does the
// same to what the database holds, so that it reads as the picture shows.
const readWithMermaid = `(async (text) => {
  const decode = s => {
    const t = document.createElement("textarea");
    t.innerHTML = s.replace(/\uFB02\xB0\xB0/g, "&#").replace(/\uFB02\xB0/g, "&").replace(/\xB6\xDF/g, ";");
    return t.value;
  };
  try {
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db;
    const out = {
      title: decode(db.getDiagramTitle()), accDescr: decode(db.getAccDescription()),
      sections: db.getSections().map(decode),
      tasks: db.getTasks().map(t => ({section: decode(t.section), task: decode(t.task), score: t.score, people: t.people.map(decode)})),
    };
    const {svg} = await mermaid.render("d" + Math.random().toString(36).slice(2), text);
    const holder = document.createElement("div");
    holder.innerHTML = svg;
    out.svgText = [...holder.querySelectorAll("text")].map(e => e.textContent).join("\n");
    return out;
  } catch (e) {
    return {error: String(e && e.message || e)};
  }
})`

func TestMermaidReadsExportedMaps(t *testing.T) {
	h := setup(t)
	script := mermaidSource(t)

	// A blank page of its own, on loopback: the built site loads nothing
	// from outside, and Mermaid is no part of it.
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, `<!doctype html><html lang="en"><meta charset="utf-8"><title>Mermaid</title><script src="mermaid.min.js"></script><body></body></html>`)
	})
	mux.HandleFunc("/mermaid.min.js", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		fmt.Fprint(w, script)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()

	for _, site := range []struct {
		name string
		root fs.FS
	}{
		{"example", os.DirFS("..")},
		{"hostile", hostileSite()},
	} {
		mem := output.NewMemory()
		if _, diags, err := build.Build(build.Options{Root: site.root, Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
			t.Fatalf("building the %s site: %v\n%s", site.name, err, diags.Format())
		}
		names := personaNames(t, mem)
		n := 0
		for _, f := range mem.Names() {
			if path.Base(f) != "map.mmd" {
				continue
			}
			n++
			t.Run(site.name+"/"+path.Dir(f), func(t *testing.T) {
				mmd, _ := mem.File(f)
				data, ok := mem.File(path.Dir(f) + "/map.json")
				if !ok {
					t.Fatalf("%s has no map.json beside it", f)
				}
				var m struct{ Journey exportedJourney }
				if err := json.Unmarshal(data, &m); err != nil {
					t.Fatal(err)
				}
				want := m.Journey.expected(names)

				ctx := h.tab(t)
				do(t, ctx, chromedp.Navigate(srv.URL+"/"), chromedp.WaitReady("body"))
				eval[bool](t, ctx, `mermaid.initialize({startOnLoad: false}); true`)
				text, _ := json.Marshal(string(mmd))
				got := run(t, ctx, chromedp.Evaluate[mermaidRead](readWithMermaid+"("+string(text)+")", chromedp.EvalAwaitPromise))
				if got.Error != "" {
					t.Fatalf("Mermaid cannot read %s: %s\n%s", f, got.Error, mmd)
				}
				if got.Title != m.Journey.Title || got.AccDescr != m.Journey.Summary {
					t.Errorf("title %q, accDescr %q; want %q, %q", got.Title, got.AccDescr, m.Journey.Title, m.Journey.Summary)
				}
				if !reflect.DeepEqual(got.Sections, want.Sections) {
					t.Errorf("sections\n got %q\nwant %q", got.Sections, want.Sections)
				}
				for i := range got.Tasks {
					if got.Tasks[i].People == nil {
						got.Tasks[i].People = []string{}
					}
				}
				if !reflect.DeepEqual(got.Tasks, want.Tasks) {
					t.Errorf("tasks\n got %+v\nwant %+v", got.Tasks, want.Tasks)
				}
				// The picture shows the title, each section, task and
				// actor as written; Mermaid wraps long names onto lines.
				shown := strings.Join(strings.Fields(got.SVGText), " ")
				texts := append([]string{m.Journey.Title}, want.Sections...)
				for _, tk := range want.Tasks {
					texts = append(texts, tk.Task)
					texts = append(texts, tk.People...)
				}
				for _, s := range texts {
					if !strings.Contains(shown, strings.Join(strings.Fields(s), " ")) {
						t.Errorf("the rendered diagram does not show %q; its text:\n%s", s, got.SVGText)
					}
				}
				if t.Failed() {
					t.Logf("%s:\n%s", f, mmd)
				}
			})
		}
		if n == 0 {
			t.Errorf("the %s site wrote no map.mmd", site.name)
		}
	}
}

// personaNames maps persona slugs to names, from the build's index.json.
func personaNames(t *testing.T, mem *output.Memory) map[string]string {
	t.Helper()
	data, _ := mem.File("index.json")
	var index struct {
		Personas []struct{ Slug, Name string }
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, p := range index.Personas {
		names[p.Slug] = p.Name
	}
	return names
}

// exportedJourney is what map.json holds of a journey that map.mmd shows.
type exportedJourney struct {
	Title, Summary string
	Personas       []string
	Stages         []struct {
		Name      string
		Emotion   *float64
		ByPersona map[string]float64 `json:"emotion_by_persona"`
		Steps     []struct {
			Name      string
			Emotion   *float64
			ByPersona map[string]float64 `json:"emotion_by_persona"`
			Personas  []string
		}
		Touchpoints []struct {
			Name      string
			Emotion   *float64
			ByPersona map[string]float64 `json:"emotion_by_persona"`
		}
	}
}

type expectedDiagram struct {
	Sections []string
	Tasks    []mermaidTask
}

// expected is the diagram docs/exports.md says the journey makes: a
// section per stage; a task per step, else per touchpoint, else for the
// stage, felt as its own emotion or its stage's, scored emotion + 3; a
// task per persona rated where the values per persona differ; nothing
// for what is rated nowhere.
func (j exportedJourney) expected(names map[string]string) expectedDiagram {
	var d expectedDiagram
	add := func(section, task string, e *float64, byPersona map[string]float64, actors []string) {
		if e == nil {
			return
		}
		people := []string{}
		if len(byPersona) == 0 {
			for _, slug := range actors {
				people = append(people, names[slug])
			}
			d.Tasks = append(d.Tasks, mermaidTask{section, task, *e + 3, people})
			return
		}
		var rated []string
		values := map[float64]bool{}
		for _, slug := range j.Personas { // in the journey's order
			if v, ok := byPersona[slug]; ok {
				rated = append(rated, slug)
				values[v] = true
			}
		}
		if len(values) == 1 {
			for _, slug := range rated {
				people = append(people, names[slug])
			}
			d.Tasks = append(d.Tasks, mermaidTask{section, task, byPersona[rated[0]] + 3, people})
			return
		}
		for _, slug := range rated {
			d.Tasks = append(d.Tasks, mermaidTask{section, task, byPersona[slug] + 3, []string{names[slug]}})
		}
	}
	for _, s := range j.Stages {
		d.Sections = append(d.Sections, s.Name)
		switch {
		case len(s.Steps) > 0:
			for _, st := range s.Steps {
				if st.Emotion == nil {
					add(s.Name, st.Name, s.Emotion, s.ByPersona, st.Personas)
				} else {
					add(s.Name, st.Name, st.Emotion, st.ByPersona, st.Personas)
				}
			}
		case len(s.Touchpoints) > 0:
			for _, tp := range s.Touchpoints {
				if tp.Emotion == nil {
					add(s.Name, tp.Name, s.Emotion, s.ByPersona, j.Personas)
				} else {
					add(s.Name, tp.Name, tp.Emotion, tp.ByPersona, j.Personas)
				}
			}
		default:
			add(s.Name, s.Name, s.Emotion, s.ByPersona, j.Personas)
		}
	}
	if d.Sections == nil {
		d.Sections = []string{}
	}
	return d
}
