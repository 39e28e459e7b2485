package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// stageOnMap is the text of a stage on a journey page's map: its lanes,
// the KPIs among them.
func stageOnMap(t *testing.T, page []byte, id string) string {
	t.Helper()
	s := string(page)
	for at := 0; ; {
		i := strings.Index(s[at:], `<section class="stage`)
		if i < 0 {
			t.Fatalf("no stage %q on the map", id)
		}
		i += at
		tag := s[i : i+strings.Index(s[i:], ">")]
		if strings.Contains(tag, ` data-stage-id="`+id+`"`) {
			return s[i : i+strings.Index(s[i:], "</section>")]
		}
		at = i + len(tag)
	}
}

// The fixture's data file reaches the stages its rows name, on the page
// in words and in map.json; a series is out of date once its newest value
// is older than stale_after_days on the build's date.
func TestKPIDataOnPages(t *testing.T) {
	for _, tc := range []struct {
		name  string
		now   time.Time
		stale bool
	}{
		{"hold time out of date", goldenNow, true},
		{"all current", time.Date(2026, 9, 10, 0, 0, 0, 0, time.UTC), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mem := output.NewMemory()
			if _, errs, err := Build(Options{Root: fixture(), Builtin: themes.Default(), Now: tc.now}, mem); err != nil || len(errs) > 0 {
				t.Fatalf("build: %v\n%s", err, errs.Format())
			}
			page, _ := mem.File("journeys/buy/index.html")
			research, pay := stageOnMap(t, page, "research"), stageOnMap(t, page, "pay")
			for _, want := range []string{
				"Checkout conversion", "3.6%", `<time datetime="2026-11-20">20 Nov 2026</time>`,
				"up 0.5 points since", "Target 3.5% (higher is better)", "met</strong>",
				"Hold time", "95 s", "up 15 s since", "(worse)", "Target 60 s (lower is better)", "not met</strong>",
			} {
				if !strings.Contains(pay, want) {
					t.Errorf("the Checkout panel lacks %q", want)
				}
			}
			if strings.Contains(research, "Checkout conversion") || strings.Contains(pay, "Finder use") {
				t.Errorf("a KPI is shown in the wrong stage")
			}
			// The front matter's "Finder use" and the data's "finder use"
			// are one KPI, named as the map names it.
			if n := strings.Count(research, "inder use"); n != 1 || !strings.Contains(research, "150 sessions") {
				t.Errorf("research panel names Finder use %d times, want once with its value:\n%s", n, research)
			}
			if got := strings.Contains(pay, "Out of date:</strong> no value for more than 30 days"); got != tc.stale {
				t.Errorf("Hold time marked out of date: %v, want %v", got, tc.stale)
			}
			if strings.Count(pay, "Out of date") > 1 {
				t.Errorf("a current series is marked out of date")
			}

			data, _ := mem.File("journeys/buy/map.json")
			var m struct {
				Journey struct {
					Stages []struct {
						ID        string `json:"id"`
						KPISeries []struct {
							Name, Unit, Better string
							Values             []struct {
								Date   string   `json:"date"`
								Value  float64  `json:"value"`
								Target *float64 `json:"target"`
							} `json:"values"`
						} `json:"kpi_series"`
					} `json:"stages"`
				} `json:"journey"`
			}
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			st := m.Journey.Stages
			if len(st) != 2 || st[1].ID != "pay" || len(st[1].KPISeries) != 2 || len(st[0].KPISeries) != 1 {
				t.Fatalf("map.json stages: %+v", st)
			}
			conv := st[1].KPISeries[0]
			if conv.Name != "Checkout conversion" || conv.Unit != "%" || conv.Better != "higher" || len(conv.Values) != 3 ||
				conv.Values[2].Date != "2026-11-20" || conv.Values[2].Value != 3.6 || conv.Values[2].Target == nil || *conv.Values[2].Target != 3.5 {
				t.Errorf("map.json series: %+v", conv)
			}
			if idx, _ := mem.File("index.json"); !bytes.Contains(idx, []byte(`"kpi_series":[{"name":"Checkout conversion"`)) {
				t.Errorf("index.json lacks the series")
			}
		})
	}
}

// Data files as spreadsheets export them reach their stages as a plain
// file does.
func TestKPIDataFromSpreadsheets(t *testing.T) {
	site := fixture()
	delete(site, "data/kpis/checkout.csv")
	// Excel in a locale with decimal commas: a byte-order mark, "sep=;",
	// CRLF, a percentage as displayed, and blank rows below the table.
	site["data/kpis/Checkout KPIs (Excel).csv"] = &fstest.MapFile{Data: []byte("\uFEFFsep=;\r\n" +
		"Journey;Stage;KPI;Date;Value;Target;Unit;Better\r\n" +
		"buy;pay;Checkout conversion;2026-10-31;2,70%;3,50%;;higher\r\n" +
		"buy;pay;Checkout conversion;2026-11-20;3,10%;3,50%;;higher\r\n" +
		";;;;;;;\r\n")}
	// Google Sheets: LF, a notes column of the team's own with a line
	// break in a quoted cell, and a number grouped by thousands.
	site["data/kpis/finder - Sheet1.csv"] = &fstest.MapFile{Data: []byte("date,journey,stage,kpi,value,unit,notes\n" +
		"2026-09-30,buy,research,Finder use,\"12,480\",sessions,\"launch month,\nsee the \"\"finder\"\" post\"\n" +
		"2026-10-31,buy,research,Finder use,\"14,020\",sessions,\n")}
	mem := output.NewMemory()
	if _, errs, err := Build(Options{Root: site, Builtin: themes.Default(), Now: goldenNow}, mem); err != nil || len(errs) > 0 {
		t.Fatalf("build: %v\n%s", err, errs.Format())
	}
	page, _ := mem.File("journeys/buy/index.html")
	pay, research := stageOnMap(t, page, "pay"), stageOnMap(t, page, "research")
	for _, want := range []string{"3.1%", "up 0.4 points since", "Target 3.5% (higher is better)", "not met</strong>"} {
		if !strings.Contains(pay, want) {
			t.Errorf("the Checkout panel lacks %q", want)
		}
	}
	for _, want := range []string{"14020 sessions", "up 1540 sessions since"} {
		if !strings.Contains(research, want) {
			t.Errorf("the Research panel lacks %q", want)
		}
	}
}

// A bad row stops the build at its file and line, and the site built
// before stays as it was.
func TestKPIDataProblemsWriteNothing(t *testing.T) {
	site := fixture()
	const file = "data/kpis/checkout.csv"
	b := NewBuilder(Options{Root: site, Builtin: themes.Default(), Now: goldenNow})
	mem := output.NewMemory()
	if _, errs, err := b.Build(t.Context(), mem, Change{All: true}); err != nil || len(errs) > 0 {
		t.Fatalf("first build: %v %v", err, errs)
	}
	before := map[string][]byte{}
	for _, n := range mem.Names() {
		before[n], _ = mem.File(n)
	}

	good := string(site[file].Data)
	site[file] = &fstest.MapFile{Data: []byte(good + "buy,pay,Hold time,2026-08-31,90,60,s,lower\nbuy,checkout,Hold time,2026-09-30,n/a,60,s,lower\n")}
	res, errs, err := b.Build(t.Context(), mem, Change{Files: []string{file}})
	if err != nil {
		t.Fatal(err)
	}
	text := errs.Format()
	for _, want := range []string{
		file + `:9:19: second value of "Hold time" for 2026-08-31`,
		file + `:10:5: journey "buy" has no stage "checkout"`,
		"hint: name the stage by its id, not its name: pay",
		file + `:10:35: value "n/a" is not a number`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("diagnostics lack %q:\n%s", want, text)
		}
	}
	if len(res.Written) > 0 {
		t.Errorf("a build with bad data wrote %q", res.Written)
	}
	for n, data := range before {
		if got, _ := mem.File(n); !bytes.Equal(got, data) {
			t.Errorf("%s changed while the data was bad", n)
		}
	}
	fresh := output.NewMemory()
	if _, errs, _ := Build(Options{Root: site, Builtin: themes.Default()}, fresh); len(errs) == 0 || len(fresh.Names()) > 0 {
		t.Errorf("a fresh build of bad data: %d diagnostics, %d files written", len(errs), len(fresh.Names()))
	}
}

// The example site's data files read true for its maps: every row names
// a stage that exists, and a KPI its front matter names.
func TestExampleSiteKPIs(t *testing.T) {
	site, errs := Load(Options{Root: os.DirFS(filepath.Join("..", ".."))})
	if len(errs) > 0 {
		t.Fatalf("example site:\n%s", errs.Format())
	}
	measured := 0
	for _, j := range site.Journeys {
		for _, s := range j.Stages {
			for _, se := range s.Series {
				measured++
				if !slices.ContainsFunc(s.KPIs, func(k string) bool { return content.SameText(k) == content.SameText(se.Name) }) {
					t.Errorf("%s, stage %s: %q is measured but not among its kpis %q", j.Slug, s.ID, se.Name, s.KPIs)
				}
				if _, ok := se.Target(); !ok || se.Better == "" {
					t.Errorf("%s, stage %s: %q has no target or direction", j.Slug, s.ID, se.Name)
				}
			}
		}
	}
	if measured != 10 {
		t.Errorf("%d KPIs measured in the example site, want the data files' 10", measured)
	}
}
