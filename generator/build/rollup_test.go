package build

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

var (
	rankedChannel = regexp.MustCompile(`<tr data-channel="([^"]+)">`)
	coverageMark  = regexp.MustCompile(`data-coverage="(\d+)/(\d+)"`)
)

// rankingOf is the channel ids of a page's channel ranking, in order.
func rankingOf(t *testing.T, page string) []string {
	t.Helper()
	start := strings.Index(page, "data-channel-ranking")
	if start < 0 {
		t.Fatal("no channel ranking on the page")
	}
	table := page[start:]
	table = table[:strings.Index(table, "</table>")]
	var ids []string
	for _, m := range rankedChannel.FindAllStringSubmatch(table, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// The example site has a future-state map whose planned scores, averaged
// in, made Phone support (-0.92) the worst channel; its current maps
// alone say Kestrel Finance (-1.33). The pages must say what the current
// maps say, and the research coverage they show must be what index.json
// holds.
func TestExampleSiteRollups(t *testing.T) {
	mem := output.NewMemory()
	_, diags, err := Build(Options{Root: os.DirFS(filepath.Join("..", "..")), Builtin: themes.Default()}, mem)
	if err != nil || len(diags) > 0 {
		t.Fatalf("example site: err %v, diagnostics:\n%s", err, diags.Format())
	}
	file := func(name string) string {
		data, ok := mem.File(name)
		if !ok {
			t.Fatalf("%s not written", name)
		}
		return string(data)
	}
	index, channels := file("index.html"), file("channels/index.html")

	var site struct {
		Journeys []struct {
			Slug     string `json:"slug"`
			State    string `json:"state"`
			Status   string `json:"status"`
			Coverage struct {
				Backed int `json:"backed"`
				Stages int `json:"stages"`
			} `json:"coverage"`
			Stages []struct {
				Evidence []json.RawMessage `json:"evidence"`
			} `json:"stages"`
		} `json:"journeys"`
	}
	if err := json.Unmarshal([]byte(file("index.json")), &site); err != nil {
		t.Fatal(err)
	}
	// Else the test proves nothing: the site must keep a future-state map.
	future := ""
	for _, j := range site.Journeys {
		if j.State == "future" {
			future = j.Slug
		}
	}
	if future == "" {
		t.Fatal("the example site has no future-state map any more; this test needs one")
	}

	for name, page := range map[string]string{"index.html": index, "channels/index.html": channels} {
		ranking := rankingOf(t, page)
		if len(ranking) != 12 || ranking[0] != "finance" || ranking[1] != "phone" {
			t.Errorf("%s ranks the channels %q; want Kestrel Finance (finance) first, then Phone support, of 12", name, ranking)
		}
	}
	finance := regexp.MustCompile(`<tr data-channel="finance">.*?</tr>`).FindString(index)
	if !strings.Contains(finance, `<td class="num">3</td>`) || !strings.Contains(finance, `<span class="emotion emo-n1">-1.33</span>`) {
		t.Errorf("the index does not give Kestrel Finance 3 touchpoints at -1.33: %s", finance)
	}

	// The future map keeps its row on /channels/, labelled and last, and
	// no hotspot of it.
	hotspots := channels[strings.Index(channels, `id="hotspots-title"`):strings.Index(channels, `id="summary-title"`)]
	if strings.Contains(hotspots, "journeys/"+future+"/") {
		t.Errorf("the hotspots name the future-state map %s", future)
	}
	row := regexp.MustCompile(`<tr data-apart="planned"><th scope="row"><a href="../journeys/` + future + `/">`)
	if !row.MatchString(channels) {
		t.Errorf("/channels/ has no row for %s labelled planned", future)
	}

	// Coverage: a card per journey, and the site's figure of its current
	// maps, each what index.json says.
	marks := coverageMark.FindAllStringSubmatch(index, -1)
	if len(marks) != len(site.Journeys)+1 {
		t.Fatalf("%d coverage figures on the index for %d journeys and the site", len(marks), len(site.Journeys))
	}
	var siteBacked, siteStages int
	for i, j := range site.Journeys {
		backed := 0
		for _, s := range j.Stages {
			if len(s.Evidence) > 0 {
				backed++
			}
		}
		if j.Coverage.Backed != backed || j.Coverage.Stages != len(j.Stages) {
			t.Errorf("index.json: %s coverage %+v, its stages say %d of %d", j.Slug, j.Coverage, backed, len(j.Stages))
		}
		// The journeys are listed by title on the index and in index.json.
		if got, want := marks[i+1][1]+"/"+marks[i+1][2], fmt.Sprintf("%d/%d", backed, len(j.Stages)); got != want {
			t.Errorf("card %d (%s) says %s stages backed, want %s", i+1, j.Slug, got, want)
		}
		if j.State != "future" && j.Status != "draft" {
			siteBacked += backed
			siteStages += len(j.Stages)
		}
	}
	if got, want := marks[0][1]+"/"+marks[0][2], fmt.Sprintf("%d/%d", siteBacked, siteStages); got != want {
		t.Errorf("the site's coverage is %s, want %s", got, want)
	}
	if want := fmt.Sprintf("(%d of %d, current-state maps)", siteBacked, siteStages); !strings.Contains(index, want) {
		t.Errorf("the index does not say %q", want)
	}
}
