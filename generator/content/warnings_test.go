package content

import (
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
)

// warnNow is the date the warning tests build on.
var warnNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

// wellKept is a journey that warrants no warning: every stage with pain
// points has an opportunity, there is evidence, and it was updated
// recently.
const wellKept = `+++
title    = "Buying a bike"
personas = ["dana-ortiz"]
updated  = 2026-11-01

[[stages]]
name          = "Research"
pain_points   = ["Spec sheets use jargon"]
opportunities = ["A size finder"]

  [[stages.evidence]]
  kind = "interview"
  n    = 8

[[stages]]
name = "Pay"
+++
`

func TestWarnings(t *testing.T) {
	const j = "content/journeys/j.md"
	tests := []struct {
		name  string
		files map[string]string
		toml  string // added to site.toml
		opts  Options
		want  []string // "path:line:col: warning: message"
	}{
		{name: "a well-kept journey", files: map[string]string{j: wellKept}},
		{
			name: "pain points without an opportunity, at the stage's header",
			files: map[string]string{j: strings.Replace(wellKept,
				"[[stages]]\nname = \"Pay\"\n", "[[stages]]\nname = \"Pay\"\npain_points = [\"Card refused\"]\n", 1)},
			want: []string{j + `:15:1: warning: stage "Pay" has pain points but no opportunity`},
		},
		{
			name: "no evidence at all, at the first line of the front matter",
			files: map[string]string{j: strings.Replace(wellKept,
				"  [[stages.evidence]]\n  kind = \"interview\"\n  n    = 8\n", "", 1)},
			want: []string{j + ":2:1: warning: journey has no evidence"},
		},
		{
			name:  "a published map past stale_after_days, at its updated key",
			files: map[string]string{j: strings.Replace(wellKept, "2026-11-01", "2026-01-10", 1)},
			toml:  "\n[review]\nstale_after_days = 180\n",
			want:  []string{j + ":4:1: warning: map was last updated on 2026-01-10, 324 days ago: older than 180 days"},
		},
		{
			name:  "stale by the build's date, not today's",
			files: map[string]string{j: strings.Replace(wellKept, "2026-11-01", "2026-01-10", 1)},
			toml:  "\n[review]\nstale_after_days = 400\n",
		},
		{
			name:  "a map in review is not stale",
			files: map[string]string{j: strings.Replace(wellKept, "2026-11-01", "2020-01-10\nstatus = \"review\"", 1)},
			toml:  "\n[review]\nstale_after_days = 180\n",
		},
		{
			name:  "no stale_after_days, no stale maps",
			files: map[string]string{j: strings.Replace(wellKept, "2026-11-01", "2000-01-10", 1)},
		},
		{
			name: "a persona in no journey, at its name",
			files: map[string]string{j: wellKept,
				"content/personas/sam.md": "+++\n# Sam\nname = \"Sam Lee\"\n+++\n"},
			want: []string{`content/personas/sam.md:3:1: warning: persona "Sam Lee" is in no journey`},
		},
		{
			name: "a persona only a draft names is in a journey",
			files: map[string]string{j: wellKept,
				"content/journeys/d.md":   "+++\ntitle = \"D\"\nstatus = \"draft\"\npersonas = [\"sam\"]\n[[stages]]\nname = \"S\"\npain_points = [\"p\"]\n+++\n",
				"content/personas/sam.md": "+++\nname = \"Sam Lee\"\n+++\n"},
		},
		{
			name: "a draft's gaps are its own business",
			files: map[string]string{j: wellKept,
				"content/journeys/d.md": "+++\ntitle = \"D\"\nstatus = \"draft\"\n[[stages]]\nname = \"S\"\npain_points = [\"p\"]\n+++\n"},
		},
		{
			name: "nor when drafts are built",
			files: map[string]string{j: wellKept,
				"content/journeys/d.md": "+++\ntitle = \"D\"\nstatus = \"draft\"\n[[stages]]\nname = \"S\"\npain_points = [\"p\"]\n+++\n"},
			opts: Options{Drafts: true},
		},
		{
			name: "every warning of a file, in order",
			files: map[string]string{j: "+++\ntitle = \"T\"\npersonas = [\"dana-ortiz\"]\nupdated = 2025-01-01\n" +
				"[[stages]]\nname = \"A\"\npain_points = [\"x\"]\n[[stages]]\nname = \"B\"\n[[stages]]\nname = \"C\"\npain_points = [\"y\"]\n+++\n"},
			toml: "\n[review]\nstale_after_days = 90\n",
			want: []string{
				j + ":2:1: warning: journey has no evidence",
				j + ":4:1: warning: map was last updated on 2025-01-01, 698 days ago: older than 90 days",
				j + `:5:1: warning: stage "A" has pain points but no opportunity`,
				j + `:10:1: warning: stage "C" has pain points but no opportunity`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, errs := config.Load(fstest.MapFS{config.File: {Data: []byte(testSiteTOML + tt.toml)}})
			if len(errs) > 0 {
				t.Fatal(errs.Format())
			}
			opts := tt.opts
			opts.Now = warnNow
			site, errs := Load(siteFS(tt.files), cfg, opts)
			if len(errs) > 0 {
				t.Fatalf("errors:\n%s", errs.Format())
			}
			var got []string
			for _, w := range site.Warnings {
				if w.Severity != diag.Warning || w.Hint == "" {
					t.Errorf("not a warning with a hint: %#v", w)
				}
				got = append(got, strings.SplitN(w.String(), "\n", 2)[0])
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

// Warnings come back on a load from the cache as on the first.
func TestWarningsCached(t *testing.T) {
	fsys := siteFS(map[string]string{"content/journeys/j.md": strings.Replace(wellKept,
		"  [[stages.evidence]]\n  kind = \"interview\"\n  n    = 8\n", "", 1)})
	cache := NewCache()
	for i := range 2 {
		site, errs := load(t, fsys, Options{Cache: cache, Now: warnNow})
		if len(errs) > 0 || len(site.Warnings) != 1 {
			t.Errorf("load %d: errors %v, warnings %v", i+1, errs, site.Warnings)
		}
	}
}

// A folder under content/ that is a symbolic link is not followed, and
// says so; a linked file is read.
func TestWarningsLinkedFolder(t *testing.T) {
	fsys := siteFS(map[string]string{"content/journeys/j.md": wellKept, "elsewhere/k.md": wellKept})
	fsys["content/journeys/more"] = &fstest.MapFile{Data: []byte("../../elsewhere"), Mode: fs.ModeSymlink}
	fsys["content/journeys/nowhere"] = &fstest.MapFile{Data: []byte("../../gone"), Mode: fs.ModeSymlink}
	fsys["content/journeys/k.md"] = &fstest.MapFile{Data: []byte("../../elsewhere/k.md"), Mode: fs.ModeSymlink}
	site, errs := load(t, fsys, Options{Now: warnNow})
	if len(errs) > 0 {
		t.Fatalf("errors:\n%s", errs.Format())
	}
	if len(site.Journeys) != 2 {
		t.Errorf("%d journeys, want j and the linked k", len(site.Journeys))
	}
	var got []string
	for _, w := range site.Warnings {
		got = append(got, w.Pos.String()+": "+w.Msg)
	}
	want := []string{
		"content/journeys/more: link to a folder: waymark does not follow it, so the maps in it are left out",
		"content/journeys/nowhere: link cannot be followed (file does not exist): nothing in it is read",
	}
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A file that cannot be read is reported once, at its own mistake: what
// other files say about it, or lack because of it, is not reported too,
// as it cannot be checked. Problems that do not depend on it still are.
func TestNoFollowOnFromUnreadFiles(t *testing.T) {
	const (
		sam     = "content/personas/sam.md"
		broken  = "content/journeys/broken.md"
		unclose = "+++\ntitle = \"Debt-free, step by step\npersonas = [\"sam\"]\n[[stages]]\nname = \"One\"\n+++\n"
	)
	tests := []struct {
		name     string
		files    map[string]string
		errs     []wantDiag
		warnings []string // "path:line:col: message"
	}{
		{
			name:  "a persona named only by a journey that does not parse is not in no journey",
			files: map[string]string{sam: "+++\nname = \"Sam Lee\"\n+++\n", broken: unclose},
			errs:  []wantDiag{{broken, 2, 9, "unclosed string in title", `end the string with "`}},
		},
		{
			name: "nor is any persona while a journey does not parse",
			files: map[string]string{sam: "+++\nname = \"Sam Lee\"\n+++\n",
				broken: "+++\ntitle = \"B\"\nowner = \n+++\n"},
			errs: []wantDiag{{broken, 3, 1, "owner has no value", ""}},
		},
		{
			name:     "a persona that does not parse is not an unknown persona",
			files:    map[string]string{sam: "+++\nname = \"Sam\n+++\n", J: journey("J", `personas = ["sam"]`)},
			errs:     []wantDiag{{sam, 2, 8, "unclosed string in name", ""}},
			warnings: []string{J + ":2:1: journey has no evidence", danaFile + `:2:1: persona "Dana Ortiz" is in no journey`},
		},
		{
			name: "one that does not exist still is",
			files: map[string]string{sam: "+++\nname = \"Sam\n+++\n",
				J: journey("J", `personas = ["sam", "kim"]`)},
			errs: []wantDiag{
				{J, 3, 20, `unknown persona "kim"`, ""},
				{sam, 2, 8, "unclosed string in name", ""},
			},
			warnings: []string{J + ":2:1: journey has no evidence", danaFile + `:2:1: persona "Dana Ortiz" is in no journey`},
		},
		{
			name:     "a parent that does not parse is not an unknown parent",
			files:    map[string]string{broken: unclose, J: journey("J", `parent = "broken"`)},
			errs:     []wantDiag{{broken, 2, 9, "unclosed string in title", ""}},
			warnings: []string{J + ":2:1: journey has no evidence"},
		},
		{
			name:     "nor a current-state map that does not parse",
			files:    map[string]string{broken: unclose, J: journey("J", `state = "future"`, `current = "broken"`)},
			errs:     []wantDiag{{broken, 2, 9, "unclosed string in title", ""}},
			warnings: []string{J + ":2:1: journey has no evidence"},
		},
		{
			name: "the warnings of the files that parse are kept",
			files: map[string]string{broken: unclose,
				J: "+++\ntitle = \"J\"\npersonas = [\"dana-ortiz\"]\n[[stages]]\nname = \"One\"\n+++\n"},
			errs:     []wantDiag{{broken, 2, 9, "unclosed string in title", ""}},
			warnings: []string{J + ":2:1: journey has no evidence"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site, errs := load(t, siteFS(tt.files), Options{Now: warnNow})
			checkDiags(t, errs, tt.errs)
			var got []string
			for _, w := range site.Warnings {
				got = append(got, w.Pos.String()+": "+w.Msg)
			}
			if !slices.Equal(got, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// NextStaleChange is the first instant at which a build would show or
// warn of something else for the date alone: before it, the warnings and
// what is stale are those of the build's date; at it, they are not.
func TestNextStaleChange(t *testing.T) {
	const j = "content/journeys/buy.md"
	kpis := func(date string) map[string]string {
		return map[string]string{"data/kpis/k.csv": "journey,stage,kpi,date,value\nbuy,pay,Conversion," + date + ",3\n"}
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		name    string
		updated string            // the journey's updated date; "" for none
		files   map[string]string // more files
		days    int               // stale_after_days
		want    time.Time
	}{
		{name: "nothing is ever stale", updated: "2026-10-01", days: 0},
		{name: "a map going out of date: just after its days are up", updated: "2026-11-01", days: 60,
			want: day(2026, 12, 31).Add(1)},
		{name: "a stale map: its warning's age in days changes at midnight of its date", updated: "2026-01-10", days: 180,
			want: day(2026, 12, 1)},
		{name: "a KPI going out of date first", updated: "2026-11-01", days: 60, files: kpis("2026-10-20"),
			want: day(2026, 12, 19).Add(1)},
		{name: "a stale KPI changes no more", updated: "2026-11-01", days: 60, files: kpis("2026-01-01"),
			want: day(2026, 12, 31).Add(1)},
		{name: "a map with no date", days: 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, errs := config.Load(fstest.MapFS{config.File: {Data: []byte(testSiteTOML + "\n[review]\nstale_after_days = " + strconv.Itoa(tt.days) + "\n")}})
			if len(errs) > 0 {
				t.Fatal(errs.Format())
			}
			updated := ""
			if tt.updated != "" {
				updated = "updated = " + tt.updated + "\n"
			}
			files := map[string]string{j: strings.Replace(kpiJourney, "updated = 2026-10-01\n", updated, 1)}
			maps.Copy(files, tt.files)
			fsys := siteFS(files)
			at := func(now time.Time) (*Site, []string) {
				site, errs := Load(fsys, cfg, Options{Now: now})
				if len(errs) > 0 {
					t.Fatalf("errors:\n%s", errs.Format())
				}
				var shown []string
				for _, w := range site.Warnings {
					shown = append(shown, w.String())
				}
				for _, j := range site.Journeys {
					shown = append(shown, fmt.Sprint("map stale: ", j.StaleOn(now, tt.days)))
					for _, st := range j.Stages {
						for _, se := range st.Series {
							shown = append(shown, fmt.Sprint("KPI stale: ", Stale(se.Latest().Date, now, tt.days)))
						}
					}
				}
				return site, shown
			}
			site, before := at(warnNow)
			got := site.NextStaleChange(warnNow)
			if !got.Equal(tt.want) {
				t.Fatalf("NextStaleChange = %v, want %v", got, tt.want)
			}
			if got.IsZero() {
				return
			}
			if _, just := at(got.Add(-1)); !slices.Equal(just, before) {
				t.Errorf("changed before %v:\n%q\nwas\n%q", got, just, before)
			}
			if _, after := at(got); slices.Equal(after, before) {
				t.Errorf("nothing changed at %v: %q", got, after)
			}
		})
	}
}
