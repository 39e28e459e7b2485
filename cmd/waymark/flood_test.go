package main

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// floodSite is a site of n tiny journeys, each with one touchpoint on
// channel and with evidence or not: a channel missing from site.toml
// makes one problem in every journey, and no evidence one warning.
func floodSite(n int, channel string, evidence bool) map[string]string {
	site := map[string]string{"site.toml": "title = \"Maps\"\n"}
	for _, id := range []string{"website", "app", "email", "chat", "social", "sms", "store", "phone"} {
		site["site.toml"] += fmt.Sprintf("\n[[channels]]\nid = %q\nname = %q\nkind = \"digital\"\n", id, id)
	}
	ev := ""
	if evidence {
		ev = "\n  [[stages.evidence]]\n  kind = \"survey\"\n"
	}
	for i := range n {
		site[fmt.Sprintf("content/journeys/j%04d.md", i)] = fmt.Sprintf("+++\ntitle = \"Journey %d\"\n\n[[stages]]\nname = \"Look\"\n\n"+
			"  [[stages.touchpoints]]\n  name = \"Page\"\n  channels = [%q]\n%s+++\n", i, channel, ev)
	}
	return site
}

// TestFloodFitsOnAScreen: 2,000 problems of one kind, or 2,000 warnings,
// print in a few lines that give the total and say how to see them all;
// --all prints every one, and check --format json lists every one.
func TestFloodFitsOnAScreen(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 2,000 journeys four times over")
	}
	const n = 2000
	for _, tc := range []struct {
		name     string
		site     map[string]string
		code     int // of build and check
		each     string
		grouped  []string // in the stderr of build and check
		problems int      // in the JSON report, with warnings
		warnings int
	}{
		{
			name: "a problem in every journey",
			site: floodSite(n, "web", true),
			code: 1,
			each: `unknown channel "web"`,
			grouped: []string{
				`content/journeys/j0000.md:9:15: unknown channel "web"` +
					"\n\thint: declare it in site.toml as a [[channels]] entry, or use one of: website, app, sms, … (8 in all)\n" +
					`content/journeys/j0001.md:9:15: unknown channel "web"` + "\n",
				`and 1,995 more: unknown channel "web" in 1,995 files`,
				"\n2,000 problems\n",
				seeAll,
			},
			problems: n,
		},
		{
			name: "a warning on every journey",
			site: floodSite(n, "website", false),
			each: "warning: journey has no evidence",
			grouped: []string{
				"and 1,995 more: warning: journey has no evidence in 1,995 files",
				"\n2,000 warnings\n",
				seeAll,
			},
			problems: n, warnings: n,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeSite(t, tc.site)
			for _, args := range [][]string{
				{"check", "-s", dir},
				{"build", "-s", dir, "-d", filepath.Join(t.TempDir(), "public")},
			} {
				_, stderr := runExpect(t, args, tc.code, nil, tc.grouped)
				if lines := strings.Count(stderr, "\n"); lines > 100 {
					t.Errorf("%s printed %d lines:\n%s", args[0], lines, stderr)
				}
				if hints := strings.Count(stderr, "hint:"); hints != 1 {
					t.Errorf("%s printed the hint %d times, want once", args[0], hints)
				}
			}

			_, stderr := runExpect(t, []string{"check", "-s", dir, "--all"}, tc.code, nil, []string{"\n2,000 "})
			if got := strings.Count(stderr, tc.each); got != n {
				t.Errorf("check --all printed %q %d times, want %d", tc.each, got, n)
			}
			if strings.Contains(stderr, seeAll) || strings.Contains(stderr, "more: ") {
				t.Errorf("check --all still groups:\n%s", stderr[max(0, len(stderr)-500):])
			}

			stdout, _ := runExpect(t, []string{"check", "-s", dir, "--format", "json"}, tc.code, nil, nil)
			var r checkReport
			if err := json.Unmarshal([]byte(stdout), &r); err != nil {
				t.Fatal(err)
			}
			if len(r.Problems) != tc.problems || r.Warnings != tc.warnings {
				t.Errorf("check --format json: %d problems, %d warnings; want %d, %d", len(r.Problems), r.Warnings, tc.problems, tc.warnings)
			}
		})
	}
}
