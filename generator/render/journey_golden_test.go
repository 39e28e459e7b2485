package render

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/journey and testdata/rows")

// journeyGoldenDir holds what the fragments of a journey's page written
// in Go make of each map of the test sites, one file per site.
const journeyGoldenDir = "testdata/journey"

// journeyGoldenSites are the sites the journey fragments' golden files
// are made from: the example site and the held-out maps, which the site
// goldens only partly cover, and the two hostile sites, which take the
// branches those do not (see oddSite and hostileSite).
func journeyGoldenSites(t *testing.T) map[string]*content.Site {
	sites := map[string]*content.Site{
		"example": loadSite(t, testSites[0]),
		"heldout": loadSite(t, testSites[1]),
		"odd":     loadFS(t, oddSite(), content.Options{}),
		"hostile": loadFS(t, hostileSite(), content.Options{}),
	}
	return sites
}

// renderJourneyFragments is every journey page of site through the
// fragments written in Go (JourneyTop, Timeline, JourneyDetails), each
// page under a line naming it, with and without the slide (JourneyTop
// links to it).
func renderJourneyFragments(t *testing.T, site *content.Site) string {
	r := defaultRenderer(t)
	var b strings.Builder
	for _, slides := range []bool{true, false} {
		for _, p := range journeyPages(site, testNow, slides) {
			d := Dot{p, r}
			b.WriteString("<!-- ")
			b.WriteString(p.URL)
			if !slides {
				b.WriteString(" (no slide)")
			}
			b.WriteString(" -->\n")
			b.WriteString(string(d.JourneyTop()))
			b.WriteString("\n")
			if slides {
				// The map and details do not depend on the slide.
				b.WriteString(string(d.Timeline()))
				b.WriteString("\n")
				b.WriteString(string(d.JourneyDetails()))
				b.WriteString("\n")
			}
		}
	}
	return b.String()
}

// covered is a mark that a test site's golden file must show, so that
// the golden files keep covering each branch of what they hold.
type covered struct{ site, mark string }

// checkGoldens holds what a test renders for each site (what names it)
// to the golden files dir/<site>.golden, or writes them with -update,
// and checks that they still show every mark of marks.
func checkGoldens(t *testing.T, dir, what string, rendered map[string]string, marks []covered) {
	t.Helper()
	for site, got := range rendered {
		checkGolden(t, filepath.Join(dir, site+".golden"), got, what)
	}
	for _, c := range marks {
		if !strings.Contains(rendered[c.site], c.mark) {
			t.Errorf("%s of the %s site do not show %q: the golden files no longer cover it", what, c.site, c.mark)
		}
	}
}

// checkGolden holds got, what the test renders (what names it), to the
// golden file at path, or writes the file with -update.
func checkGolden(t *testing.T, path, got, what string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if got != string(want) {
		i := firstDifference(got, string(want))
		t.Errorf("%s differ from %s at byte %d:\n got …%s…\nwant …%s…\n(if the change is meant, run go test -update and read the diff)",
			what, path, i, around(got, i), around(string(want), i))
	}
}

// TestJourneyFragmentsGolden holds the fragments of a journey's page to
// their golden files, testdata/journey/<site>.golden; run with -update
// to write them again, and read the diff.
func TestJourneyFragmentsGolden(t *testing.T) {
	all := map[string]string{}
	for name, site := range journeyGoldenSites(t) {
		all[name] = renderJourneyFragments(t, site)
	}
	checkGoldens(t, journeyGoldenDir, "the journey fragments", all, journeyCovered)
}

// journeyCovered is what the maps of the test sites must show between
// them, so that the golden files keep covering each branch of the
// fragments.
var journeyCovered = []covered{
	// The map (Timeline).
	{"odd", `data-persona="p7"`}, {"odd", `class="kpi kpi-stale"`}, {"odd", "kpi-target met"}, {"odd", "kpi-target missed"},
	{"odd", `<span class="kpi-name">&lt;b&gt;`}, {"odd", `<li>Named only</li>`}, {"odd", `class="change trend-up`},
	{"odd", `class="change trend-new`}, {"odd", `class="change trend-same`}, {"odd", "Future: this map"},
	{"odd", `class="lanes many"`}, {"odd", `<span class="stage-name">&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43; z&lt;/b&gt;`},
	{"odd", "visibility-line"}, {"odd", `<div data-lane="goal"></div>`}, {"odd", `data-series="today"`},
	{"odd", `<ul class="persona-emotions">`}, {"odd", `<text class="value" data-persona=`},
	{"odd", `<span class="emotion emo-n2">-2</span>`}, {"odd", `class="muted">not rated`},
	// The head and the details (JourneyTop, JourneyDetails).
	{"hostile", "&lt;b&gt;&#34;x&#34; &amp; &#39;y&#39; &#43; z&lt;/b&gt;"},
	{"hostile", "banner-review"}, {"hostile", "banner-future"}, {"hostile", "banner-stale"},
	{"hostile", `<p class="empty">No pain point`}, {"hostile", "this one leaves out: <a"}, {"hostile", `<td class="pains"><ul`},
	{"hostile", "No stage or touchpoint is rated."}, {"hostile", "Planned lowest point"}, {"hostile", "Lowest-rated channel"},
	{"hostile", "Hurts most on"}, {"hostile", `<span class="glance-persona">`}, {"hostile", "None written for"},
	{"hostile", "and 2 more"}, {"hostile", "1 source <span"}, {"hostile", `<li><blockquote>`}, {"hostile", "</blockquote>Observation</li>"},
	{"hostile", `<a href="https://support.example/tickets?q=a&#43;b">Support</a>`}, {"hostile", `<div class="notes prose">`},
	{"hostile", "The map above shows everything"}, {"hostile", `<td colspan="2"></td>`}, {"hostile", "<td></td>"},
	{"hostile", `data-by-persona="ana= bo=-2"`}, {"hostile", " inherited"}, {"hostile", `">●</td>`},
	{"hostile", `<a href="https://git.example/edit/main/content/journeys/today.md?a=1&amp;b=%272%27">`},
}
