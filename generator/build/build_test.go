package build

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// fixture is a small site that uses every feature a page shows.
func fixture() fstest.MapFS {
	return fstest.MapFS{
		"site.toml": {Data: []byte(`title = "Fixture maps"
description = "A small site for golden tests"
base_url = "https://intranet.example/cx/"
edit_url = "https://git.example/maps/edit/main/{path}"

[review]
stale_after_days = 30

[[channels]]
id = "web"
name = "Website"
kind = "digital"

[[channels]]
id = "store"
name = "Store"
kind = "physical"

[[channels]]
id = "phone"
name = "Phone"
kind = "human"
description = "The support line"
`)},
		"content/personas/ana.md": {Data: []byte(`+++
name = "Ana Ruiz"
role = "Commuter"
quote = "Just tell me it fits."
goals = "A bike that fits"
pain_points = ["Sizing jargon"]
behaviors = ["Reads reviews"]
motivations = ["Save time"]
channels = ["web", "phone"]
tags = ["commuter"]

[demographics]
age = "34"
tech_comfort = "High"
+++

Ana rides to work.
`)},
		"content/personas/ben.md": {Data: []byte(`+++
name = "Ben Cole"
+++
`)},
		"content/personas/cy.md": {Data: []byte(`+++
name = "Cy Park"
+++
`)},
		"content/journeys/buy.md": {Data: []byte(`+++
title = "Buying a bike"
summary = "From search to first ride."
personas = ["ana", "cy"]
type = "strategic"
goal = "Own a bike that fits"
owner = "CX team"
updated = 2026-10-01
version = "1.2"
tags = ["purchase"]

[[stages]]
name = "Research"
goal = "Shortlist bikes"
doing = ["Searches", "Reads reviews"]
thinking = "Which size am I?"
feeling = "Curious"
emotion = { cy = -0.5, ana = 1.5 }
pain_points = "Spec sheets use jargon"
opportunities = ["Size finder"]
frontstage = ["Product pages"]
backstage = ["Product feed"]
kpis = ["Finder use"]

  [[stages.steps]]
  name = "Reads reviews: the good, the bad"
  emotion = 1
  personas = ["ana", "cy"]

  [[stages.steps]]
  name = "Measures #inseam; twice"
  emotion = { ana = 1, cy = -1 }

  [[stages.steps]]
  name = "Asks a friend"

  [[stages.touchpoints]]
  name = "Product page"
  channels = ["web"]
  emotion = 0.5

  [[stages.evidence]]
  kind = "survey"
  title = "Buyer survey"
  n = 412
  quote = "What is a frame size?"
  url = "https://research.example/q3"

[[stages]]
id = "pay"
name = "Checkout"
emotion = -1.5
moment_of_truth = true
pain_points = ["Card declined", "Slow till"]
opportunities = ["Pay by phone"]

  [[stages.steps]]
  name = "Pays"
  emotion = -1.5
  personas = ["cy"]

  [[stages.touchpoints]]
  name = "Till"
  channels = ["store", "phone"]
  emotion = { cy = -1 }
  moment_of_truth = true
+++

Customers research online and buy in store.

## Research

Most start on a phone.

## Method

Twelve interviews.
`)},
		"content/journeys/returns/damaged.md": {Data: []byte(`+++
title = "Damaged on arrival"
parent = "buy"
type = "tactical"
scenario = "What happens if the bike arrives damaged?"
status = "review"
state = "future"
personas = ["ana"]

[[stages]]
name = "Spotting it"
emotion = -2

  [[stages.touchpoints]]
  name = "Call support"
  channels = ["phone"]
+++
`)},
		"content/journeys/plans/buy-later.md": {Data: []byte(`+++
title = "Buying a bike, next year"
state = "future"
current = "buy"
personas = ["ana"]

[[stages]]
name = "Research"
emotion = 1.5
opportunities = ["Video reviews"]

[[stages]]
id = "pay"
name = "Checkout"
emotion = -1.5
pain_points = ["Card   declined"]

[[stages]]
name = "First ride"
emotion = 2
+++
`)},
		// Measured KPIs of buy: one the front matter names (in another
		// case), one met, and one not met and out of date.
		"data/kpis/checkout.csv": {Data: []byte(`journey,stage,kpi,date,value,target,unit,better
buy,research,finder use,2026-09-30,120,,sessions,
buy,research,finder use,2026-10-31,150,,sessions,
buy,pay,Checkout conversion,2026-09-30,2.7,3.5,%,higher
buy,pay,Checkout conversion,2026-11-20,3.6,3.5,%,higher
buy,pay,Checkout conversion,2026-10-31,3.1,3.5,%,higher
buy,pay,Hold time,2026-08-31,95,60,s,lower
buy,pay,Hold time,2026-07-31,80,60,s,lower
`)},
		"content/journeys/idea.md": {Data: []byte(`+++
title = "An idea"
status = "draft"

[[stages]]
name = "Think"
+++
`)},
	}
}

// goldenNow is the golden build's date: "Buying a bike" (updated on
// 1 October 2026) is then past the fixture's stale_after_days.
var goldenNow = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

// goldenPages are the pages compared with testdata/golden.
var goldenPages = []string{
	"index.html",
	"journeys/buy/index.html",
	"journeys/damaged/index.html",
	"journeys/buy/map.svg",
	"personas/ana/index.html",
	"personas/ben/index.html",
	"channels/index.html",
	"channels/phone/index.html",
	"404.html",
	"index.json",
	"journeys/damaged/map.json",
	"journeys/buy-later/index.html",
	"journeys/buy-later/map.json",
	"journeys/buy/map.mmd",
	"journeys/damaged/map.mmd",
	"channels/matrix.csv",
}

func TestGoldenPages(t *testing.T) {
	mem := output.NewMemory()
	_, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default(), Now: goldenNow}, mem)
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: err %v, diagnostics:\n%s", err, diags.Format())
	}
	for _, page := range goldenPages {
		got, ok := mem.File(page)
		if !ok {
			t.Errorf("%s was not written", page)
			continue
		}
		golden := filepath.Join("testdata", "golden", strings.ReplaceAll(page, "/", "_"))
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./generator/build -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s; review the change and run go test ./generator/build -update\n%s",
				page, golden, firstDiff(want, got))
		}
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}

func TestBuildFixture(t *testing.T) {
	for _, tc := range []struct {
		name     string
		opts     Options
		want     []string // files that must be written
		wantNot  []string // files that must not
		journeys int
		personas int
		minFiles int
	}{
		{
			name:     "published only",
			opts:     Options{Root: fixture(), Builtin: themes.Default()},
			want:     append(goldenPages, "css/waymark.css", "js/waymark.js", "channels/web/index.html", "channels/store/index.html"),
			wantNot:  []string{"journeys/idea/index.html"},
			journeys: 3, personas: 3,
		},
		{
			name:     "with drafts",
			opts:     Options{Root: fixture(), Builtin: themes.Default(), Drafts: true},
			want:     []string{"journeys/idea/index.html"},
			journeys: 4, personas: 3,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := output.NewMemory()
			stats, diags, err := Build(tc.opts, mem)
			if err != nil || len(diags) > 0 {
				t.Fatalf("build: err %v, diagnostics:\n%s", err, diags.Format())
			}
			if stats.Journeys != tc.journeys || stats.Personas != tc.personas {
				t.Errorf("built %d journeys and %d personas, want %d and %d", stats.Journeys, stats.Personas, tc.journeys, tc.personas)
			}
			if stats.Files != len(mem.Names()) {
				t.Errorf("stats count %d files, memory holds %d", stats.Files, len(mem.Names()))
			}
			for _, f := range tc.want {
				if _, ok := mem.File(f); !ok {
					t.Errorf("%s not written; have %v", f, mem.Names())
				}
			}
			for _, f := range tc.wantNot {
				if _, ok := mem.File(f); ok {
					t.Errorf("%s written, but should not be", f)
				}
			}
		})
	}
}

func TestBuildMinified(t *testing.T) {
	plain, mini := output.NewMemory(), output.NewMemory()
	if _, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default()}, plain); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if _, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default(), Minify: true}, mini); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	for _, f := range []string{"journeys/buy/index.html", "css/waymark.css", "js/waymark.js"} {
		p, _ := plain.File(f)
		m, _ := mini.File(f)
		if len(m) == 0 || len(m) >= len(p) {
			t.Errorf("%s: minified %d bytes, plain %d", f, len(m), len(p))
		}
	}
}

// TestBuildWithProblemsWritesNothing: content errors stop the build before
// a single file reaches the target.
func TestBuildWithProblemsWritesNothing(t *testing.T) {
	site := fixture()
	site["content/journeys/bad.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = 3\n+++\n")}
	mem := output.NewMemory()
	_, diags, err := Build(Options{Root: site, Builtin: themes.Default()}, mem)
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) == 0 {
		t.Fatal("no diagnostics for a broken journey")
	}
	if !strings.Contains(diags.Format(), "content/journeys/bad.md:2:1: title must be a string") {
		t.Errorf("diagnostics lack the type error on line 2:\n%s", diags.Format())
	}
	if names := mem.Names(); len(names) > 0 {
		t.Errorf("wrote %d files despite problems: %v", len(names), names)
	}
}

func TestBuildMissingConfig(t *testing.T) {
	site := fixture()
	delete(site, "site.toml")
	_, diags, _ := Build(Options{Root: site, Builtin: themes.Default()}, output.Discard{})
	if len(diags) != 1 || !strings.Contains(diags[0].String(), "site.toml: cannot read the site configuration") {
		t.Errorf("diagnostics = %s", diags.Format())
	}
}

func TestSiteLayoutOverridesTheme(t *testing.T) {
	site := fixture()
	site["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>Custom not found</p>{{end}}`)}
	mem := output.NewMemory()
	if _, diags, err := Build(Options{Root: site, Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	page, _ := mem.File("404.html")
	if !bytes.Contains(page, []byte("<p>Custom not found</p>")) {
		t.Errorf("site layout did not override the theme's 404.html:\n%s", page)
	}
	site["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Nope}}{{end`)}
	_, diags, _ := Build(Options{Root: site, Builtin: themes.Default()}, output.Discard{})
	if len(diags) == 0 || !strings.HasPrefix(diags[0].String(), "layouts/404.html: ") {
		t.Errorf("a broken site layout gave %s", diags.Format())
	}
}

func TestSiteStaticIsCopied(t *testing.T) {
	site := fixture()
	site["static/img/logo.png"] = &fstest.MapFile{Data: []byte("PNG")}
	mem := output.NewMemory()
	if _, diags, err := Build(Options{Root: site, Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	if got, _ := mem.File("img/logo.png"); string(got) != "PNG" {
		t.Errorf("static/img/logo.png copied as %q", got)
	}
}

// TestExampleSite builds the example site at the top of the repository.
func TestExampleSite(t *testing.T) {
	root := os.DirFS(filepath.Join("..", ".."))
	mem := output.NewMemory()
	stats, diags, err := Build(Options{Root: root, Builtin: themes.Default()}, mem)
	if err != nil || len(diags) > 0 {
		t.Fatalf("example site: err %v, diagnostics:\n%s", err, diags.Format())
	}
	if stats.Journeys < 5 || stats.Personas < 3 {
		t.Errorf("example site has %d journeys and %d personas; the README promises at least 5 and 3", stats.Journeys, stats.Personas)
	}
	for _, f := range []string{"index.html", "404.html", "channels/index.html", "journeys/buying-a-bike/index.html", "personas/dana-ortiz/index.html"} {
		if _, ok := mem.File(f); !ok {
			t.Errorf("%s not written", f)
		}
	}
	// Each journey's slide-ready map is a well-formed SVG document.
	maps := 0
	for _, f := range mem.Names() {
		if path.Base(f) != "map.svg" {
			continue
		}
		maps++
		data, _ := mem.File(f)
		dec := xml.NewDecoder(bytes.NewReader(data))
		var root string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", f, err)
				break
			}
			if se, ok := tok.(xml.StartElement); ok && root == "" {
				root = se.Name.Space + " " + se.Name.Local
			}
		}
		if root != "http://www.w3.org/2000/svg svg" {
			t.Errorf("%s: root element %q, want svg in the SVG namespace", f, root)
		}
	}
	if maps != stats.Journeys {
		t.Errorf("%d map.svg files for %d journeys", maps, stats.Journeys)
	}
}

// Raw HTML in Markdown is left out unless site.toml opts in; a link the
// URL policy refuses is an error either way, at its line.
func TestMarkdownUnsafeOption(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		fsys := fixture()
		if unsafe {
			fsys["site.toml"].Data = append(fsys["site.toml"].Data, "\n[markdown]\nunsafe = true\n"...)
		}
		buy := fsys["content/journeys/buy.md"]
		buy.Data = append(buy.Data, []byte("\n<mark>raw</mark>\n")...)
		mem := output.NewMemory()
		if _, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
			t.Fatalf("unsafe=%v: %v %v", unsafe, err, diags)
		}
		page, _ := mem.File("journeys/buy/index.html")
		if got := bytes.Contains(page, []byte("<mark>raw</mark>")); got != unsafe {
			t.Errorf("unsafe=%v: raw HTML kept = %v", unsafe, got)
		}

		lines := bytes.Count(buy.Data, []byte("\n"))
		buy.Data = append(buy.Data, []byte("\nA [bad](javascript:alert(1)) link.\n")...)
		_, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, output.NewMemory())
		want := fmt.Sprintf(`content/journeys/buy.md:%d:3: link "javascript:alert(1)" is not allowed`, lines+2)
		if err != nil || len(diags) != 1 || !strings.HasPrefix(diags[0].String(), want) {
			t.Errorf("unsafe=%v: %v %v, want %s", unsafe, err, diags, want)
		}
	}
}

// index.json decodes into the documented shape (docs/exports.md) and
// says what the content says; matrix.csv has a row per touchpoint and
// channel, with author text that cannot become a formula.
func TestExports(t *testing.T) {
	fsys := fixture()
	buy := fsys["content/journeys/buy.md"]
	buy.Data = bytes.Replace(buy.Data, []byte(`title = "Buying a bike"`), []byte(`title = "=HYPERLINK(\"http://evil.example\")"`), 1)
	mem := output.NewMemory()
	if _, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	data, _ := mem.File("index.json")
	var site struct {
		Version  int `json:"version"`
		Channels []struct {
			ID, Name, Kind string
		} `json:"channels"`
		Personas []struct {
			Slug     string   `json:"slug"`
			Channels []string `json:"channels"`
			Journeys []string `json:"journeys"`
		} `json:"personas"`
		Journeys []struct {
			Slug     string   `json:"slug"`
			Title    string   `json:"title"`
			Parent   *string  `json:"parent"`
			Children []string `json:"children"`
			Current  *string  `json:"current"`
			Futures  []string `json:"futures"`
			Updated  *string  `json:"updated"`
			Stages   []struct {
				ID          string             `json:"id"`
				Emotion     *float64           `json:"emotion"`
				ByPersona   map[string]float64 `json:"emotion_by_persona"`
				Touchpoints []struct {
					Name      string             `json:"name"`
					Channels  []string           `json:"channels"`
					Emotion   *float64           `json:"emotion"`
					ByPersona map[string]float64 `json:"emotion_by_persona"`
				} `json:"touchpoints"`
			} `json:"stages"`
		} `json:"journeys"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&site); err != nil {
		t.Fatalf("index.json: %v", err)
	}
	if site.Version != 1 || len(site.Channels) != 3 || len(site.Personas) != 3 || len(site.Journeys) != 3 {
		t.Fatalf("index.json: version %d, %d channels, %d personas, %d journeys", site.Version, len(site.Channels), len(site.Personas), len(site.Journeys))
	}
	byslug := map[string]int{}
	for i, j := range site.Journeys {
		byslug[j.Slug] = i
	}
	buyJ, dmg := site.Journeys[byslug["buy"]], site.Journeys[byslug["damaged"]]
	if dmg.Parent == nil || *dmg.Parent != "buy" || len(buyJ.Children) != 1 || buyJ.Children[0] != "damaged" {
		t.Errorf("parent and children: %v %v", dmg.Parent, buyJ.Children)
	}
	if buyJ.Updated == nil || *buyJ.Updated != "2026-10-01" || dmg.Updated != nil {
		t.Errorf("updated: %v %v", buyJ.Updated, dmg.Updated)
	}
	if s := dmg.Stages[0]; s.Emotion == nil || *s.Emotion != -2 || s.Touchpoints[0].Channels[0] != "phone" || s.Touchpoints[0].Emotion != nil {
		t.Errorf("damaged stage = %+v", s)
	}
	// Emotions per persona: the mean in emotion, each persona's own beside
	// it; {} where everyone shares one value, never null.
	if s := buyJ.Stages[0]; s.Emotion == nil || *s.Emotion != 0.5 || !reflect.DeepEqual(s.ByPersona, map[string]float64{"ana": 1.5, "cy": -0.5}) ||
		s.Touchpoints[0].ByPersona == nil || len(s.Touchpoints[0].ByPersona) != 0 {
		t.Errorf("buy's first stage = %+v", s)
	}
	if tp := buyJ.Stages[1].Touchpoints[0]; tp.Emotion == nil || *tp.Emotion != -1 || !reflect.DeepEqual(tp.ByPersona, map[string]float64{"cy": -1}) {
		t.Errorf("buy's till = %+v", tp)
	}
	// A future state and the current state it improves on.
	later := site.Journeys[byslug["buy-later"]]
	if later.Current == nil || *later.Current != "buy" || !reflect.DeepEqual(buyJ.Futures, []string{"buy-later"}) || buyJ.Current != nil || dmg.Futures == nil {
		t.Errorf("current and futures: %v %v %v %v", later.Current, buyJ.Futures, buyJ.Current, dmg.Futures)
	}
	// map.json holds the same journey.
	var m struct {
		Version int             `json:"version"`
		Journey json.RawMessage `json:"journey"`
	}
	mdata, _ := mem.File("journeys/damaged/map.json")
	if err := json.Unmarshal(mdata, &m); err != nil || m.Version != 1 || !bytes.Contains(data, m.Journey) {
		t.Errorf("map.json: %v; version %d; journey inside index.json: %v", err, m.Version, bytes.Contains(data, m.Journey))
	}

	rows, err := csv.NewReader(bytes.NewReader(func() []byte { d, _ := mem.File("channels/matrix.csv"); return d }())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "touchpoint,journey,stage,channel,emotion,emotion_from,moment_of_truth,journey_slug,stage_id,channel_id" {
		t.Errorf("header = %q", rows[0])
	}
	tps := 0
	for _, j := range site.Journeys {
		for _, s := range j.Stages {
			for _, tp := range s.Touchpoints {
				tps += len(tp.Channels)
			}
		}
	}
	if len(rows)-1 != tps {
		t.Errorf("matrix.csv has %d rows, want %d (one per touchpoint and channel)", len(rows)-1, tps)
	}
	for _, r := range rows[1:] {
		if strings.HasPrefix(r[1], "=") {
			t.Errorf("a journey title starting with = is left to run as a formula: %q", r[1])
		}
	}
}

// The search index is a classic script whose entries point at pages the
// build wrote.
func TestSearchIndex(t *testing.T) {
	mem := output.NewMemory()
	if _, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	data, _ := mem.File("js/search-index.js")
	const head = "/* waymark search index: generated, do not edit */\nwindow.waymarkSearch = "
	if !bytes.HasPrefix(data, []byte(head)) || !bytes.HasSuffix(data, []byte(";\n")) {
		t.Fatalf("search-index.js = %q…", data[:min(len(data), 120)])
	}
	// Journeys and stages are JSON arrays of mixed types: [title,
	// summary, url, stages] and [name, id, touchpoints, pain points,
	// opportunities].
	var index struct {
		Version  int
		Personas [][3]string
		Journeys [][4]json.RawMessage
	}
	body := bytes.TrimSuffix(bytes.TrimPrefix(data, []byte(head)), []byte(";\n"))
	if err := json.Unmarshal(body, &index); err != nil {
		t.Fatalf("the index is not version 2 of the search index: %v", err)
	}
	if index.Version != 2 {
		t.Errorf("version %d, want 2", index.Version)
	}
	kinds := map[string]int{"persona": len(index.Personas), "journey": len(index.Journeys)}
	for _, p := range index.Personas {
		if _, ok := mem.File(p[2] + "index.html"); !ok {
			t.Errorf("persona %q points at %s, which the build did not write", p[0], p[2])
		}
	}
	for _, j := range index.Journeys {
		var title, summary, url string
		var stages [][5]json.RawMessage
		decodeAll(t, j[:], &title, &summary, &url, &stages)
		page, ok := mem.File(url + "index.html")
		if !ok {
			t.Errorf("journey %q points at %s, which the build did not write", title, url)
		}
		for _, st := range stages {
			var name, id string
			var touchpoints, pains, opportunities []string
			decodeAll(t, st[:], &name, &id, &touchpoints, &pains, &opportunities)
			kinds["stage"]++
			kinds["touchpoint"] += len(touchpoints)
			kinds["pain point"] += len(pains)
			if !bytes.Contains(page, []byte(`id="stage-`+id+`"`)) {
				t.Errorf("stage %q of %s has no #stage-%s on the page", name, url, id)
			}
		}
	}
	for kind, want := range map[string]int{"persona": 2, "journey": 2, "stage": 3, "touchpoint": 3, "pain point": 0} {
		if kinds[kind] < want {
			t.Errorf("%d %s entries, want at least %d (all: %v)", kinds[kind], kind, want, kinds)
		}
	}
}

// decodeAll decodes each element of a JSON array into its own value.
func decodeAll(t *testing.T, elems []json.RawMessage, into ...any) {
	t.Helper()
	for i, v := range into {
		if err := json.Unmarshal(elems[i], v); err != nil {
			t.Fatalf("element %d of %s: %v", i, elems, err)
		}
	}
}

// --base-url replaces site.toml's base_url, by the same rules.
func TestBaseURLOption(t *testing.T) {
	mem := output.NewMemory()
	if _, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default(), BaseURL: "https://maps.example/team"}, mem); err != nil || len(diags) > 0 {
		t.Fatal(err, diags)
	}
	page, _ := mem.File("404.html")
	if !bytes.Contains(page, []byte(`href="/team/css/waymark.css"`)) {
		t.Errorf("the 404 page does not use the base path of --base-url")
	}
	_, diags, _ := Build(Options{Root: fixture(), Builtin: themes.Default(), BaseURL: "ftp://maps.example/"}, output.NewMemory())
	if len(diags) != 1 || !strings.Contains(diags[0].Msg, "not an http(s) URL") {
		t.Errorf("ftp base URL: %v", diags)
	}
}

// site.toml's minify is on for builds and off for the review server.
func TestMinifyOptions(t *testing.T) {
	for _, tc := range []struct {
		opts     Options
		minified bool
	}{
		{Options{}, true},
		{Options{NoMinify: true}, false},
		{Options{NoMinify: true, Minify: true}, false},
	} {
		fsys := fixture()
		fsys["site.toml"].Data = append(fsys["site.toml"].Data, "\n[build]\nminify = true\n"...)
		tc.opts.Root, tc.opts.Builtin = fsys, themes.Default()
		mem := output.NewMemory()
		if _, diags, err := Build(tc.opts, mem); err != nil || len(diags) > 0 {
			t.Fatal(err, diags)
		}
		css, _ := mem.File("css/waymark.css")
		if got := bytes.Count(css, []byte("\n")) < 5; got != tc.minified {
			t.Errorf("%+v: minified = %v, want %v", tc.opts, got, tc.minified)
		}
	}
}
