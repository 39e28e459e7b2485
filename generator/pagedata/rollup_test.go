package pagedata

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/content/contenttest"
)

func TestApartFrom(t *testing.T) {
	tests := []struct {
		state, status string
		want          string
	}{
		{"current", "published", ""},
		{"current", "review", ""},
		{"current", "draft", apartDraft},
		{"future", "published", apartPlanned},
		{"future", "review", apartPlanned},
		{"future", "draft", apartPlanned}, // kept out as a plan, whatever its status
	}
	for _, tt := range tests {
		j := &content.Journey{State: tt.state, Status: tt.status}
		if got := apartFrom(j); got != tt.want {
			t.Errorf("apartFrom(state %s, status %s) = %q, want %q", tt.state, tt.status, got, tt.want)
		}
	}
}

// withPlanAndDraft adds to the matrix fixture a future-state map and a
// draft, each feeling worse than anything of today on phone and better on
// web, and with their own worst cells: whatever they add to a figure of
// today shows.
//
//	Plan (future):  Fix (-2):  Call back [phone] (inherits -2), New form [web] +2
//	Idea (draft):   Try (-2):  Hotline [phone] (inherits -2), Web chat [web] +2
func withPlanAndDraft(f *contenttest.Fixture) (plan, idea *content.Journey) {
	ch := f.Cfg.Channel
	plan = &content.Journey{Slug: "plan", Title: "Plan", State: "future", Status: "published"}
	stage(plan, "Fix", emo(-2), tp("Call back", content.Emotion{}, ch("phone")), tp("New form", emo(2), ch("web")))
	idea = &content.Journey{Slug: "idea", Title: "Idea", State: "current", Status: "draft"}
	stage(idea, "Try", emo(-2), tp("Hotline", content.Emotion{}, ch("phone")), tp("Web chat", emo(2), ch("web")))
	// In the site's (title) order, the plan and the draft come between
	// the maps of today.
	f.Site.Journeys = []*content.Journey{f.Buy, idea, plan, f.Ret, f.Browse}
	for _, j := range []*content.Journey{f.Buy, f.Ret, f.Browse} {
		j.State, j.Status = "current", "published"
	}
	return plan, idea
}

func TestSummarizeKeepsPlansAndDraftsApart(t *testing.T) {
	f := newFixture()
	withPlanAndDraft(f)
	sum := summarize(f.Site, computed(f.Site))

	// Every journey keeps its row with its own figures; the maps of today
	// come first, then the plan, then the draft, each labelled.
	var rows []string
	for _, sj := range sum.Journeys {
		cells := make([]string, len(sj.Cells))
		for i, c := range sj.Cells {
			cells[i] = summaryCellText(c)
		}
		rows = append(rows, fmt.Sprintf("%s[%s]: %s", sj.Journey.Title, sj.Apart, strings.Join(cells, " ")))
	}
	wantRows := []string{
		"Buy[]: 1/-1 . 3/-0.17 1/? 1/+1 .",
		"Return[]: . 1/-1.5 2/-2 . . .",
		"Browse[]: . . . . . .",
		"Plan[planned]: 1/-2 . 1/+2 . . .",
		"Idea[draft]: 1/-2 . 1/+2 . . .",
	}
	if !reflect.DeepEqual(rows, wantRows) {
		t.Errorf("rows =\n%s\nwant\n%s", strings.Join(rows, "\n"), strings.Join(wantRows, "\n"))
	}
	if sum.Apart != 2 {
		t.Errorf("Apart = %d, want 2", sum.Apart)
	}

	// The totals and the hotspots are those of the site without them
	// (TestSummarize): no -2 on phone, no +2 on web.
	var totals []string
	for _, c := range sum.Totals {
		totals = append(totals, c.Channel.ID+"="+summaryCellText(c))
	}
	wantTotals := []string{"phone=1/-1", "store=1/-1.5", "web=5/-0.9", "email=1/?", "app=1/+1", "chat=."}
	if !reflect.DeepEqual(totals, wantTotals) {
		t.Errorf("totals = %q, want %q", totals, wantTotals)
	}
	var hot []string
	for _, h := range sum.Hotspots {
		hot = append(hot, h.Stage.Journey.Title+"/"+h.Stage.Name+"/"+h.Channel.ID)
	}
	wantHot := []string{"Return/Start/web", "Buy/Checkout/web", "Return/Drop-off/store", "Buy/Checkout/phone"}
	if !reflect.DeepEqual(hot, wantHot) {
		t.Errorf("hotspots = %q, want %q", hot, wantHot)
	}
}

func TestChannelUsesKeepPlansAndDraftsApart(t *testing.T) {
	f := newFixture()
	withPlanAndDraft(f)
	uses := channelUses(f.Site, computed(f.Site))
	tests := []struct {
		id       string
		journeys []string // "Journey[apart]"
		count    int
		average  string
		apart    int
	}{
		{"phone", []string{"Buy[]", "Plan[planned]", "Idea[draft]"}, 1, "-1", 2},
		{"web", []string{"Buy[]", "Return[]", "Plan[planned]", "Idea[draft]"}, 5, "-0.9", 2},
		{"store", []string{"Return[]"}, 1, "-1.5", 0},
		{"chat", nil, 0, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			u := uses[tt.id]
			var js []string
			for _, cj := range u.Journeys {
				js = append(js, cj.Journey.Title+"["+cj.Apart+"]")
			}
			if !reflect.DeepEqual(js, tt.journeys) {
				t.Errorf("journeys = %q, want %q", js, tt.journeys)
			}
			if u.Count != tt.count || u.Average.String() != tt.average {
				t.Errorf("Count, Average = %d, %q; want %d, %q", u.Count, u.Average.String(), tt.count, tt.average)
			}
			if u.Apart != tt.apart || u.CountedJourneys() != len(tt.journeys)-tt.apart {
				t.Errorf("Apart = %d, CountedJourneys = %d; want %d, %d", u.Apart, u.CountedJourneys(), tt.apart, len(tt.journeys)-tt.apart)
			}
		})
	}
}

func TestGroupJourneys(t *testing.T) {
	f := newFixture()
	plan, idea := withPlanAndDraft(f)
	g := GroupJourneys(f.Site.Journeys)
	want := JourneyGroups{
		Counted: []*content.Journey{f.Buy, f.Ret, f.Browse},
		Planned: []*content.Journey{plan},
		Drafts:  []*content.Journey{idea},
	}
	if !reflect.DeepEqual(g, want) {
		t.Errorf("groups = %+v, want %+v", g, want)
	}
	if g := GroupJourneys(nil); g.Counted != nil || g.Planned != nil || g.Drafts != nil {
		t.Errorf("groups of no journeys = %+v", g)
	}
}

// rankSite is a site whose one journey has, for each channel, a stage
// with touchpoints rated as given (nil: one touchpoint, not rated).
func rankSite(ratings map[string][]float64, ids ...string) *content.Site {
	cfg := &config.Config{}
	for _, id := range ids {
		cfg.Channels = append(cfg.Channels, config.Channel{ID: id, Name: id, Kind: "digital"})
	}
	j := &content.Journey{Title: "J", State: "current", Status: "published"}
	for _, id := range ids {
		rs, ok := ratings[id]
		if !ok {
			continue // not used
		}
		var tps []*content.Touchpoint
		for _, r := range rs {
			tps = append(tps, tp("t", emo(r), cfg.Channel(id)))
		}
		if rs == nil {
			tps = append(tps, tp("t", content.Emotion{}, cfg.Channel(id)))
		}
		stage(j, id, content.Emotion{}, tps...)
	}
	return &content.Site{Config: cfg, Journeys: []*content.Journey{j}}
}

func TestRankByPain(t *testing.T) {
	tests := []struct {
		name    string
		ids     []string // site.toml order
		ratings map[string][]float64
		want    []string
	}{
		{
			name:    "worse average first",
			ids:     []string{"a", "b", "c"},
			ratings: map[string][]float64{"a": {1, 1}, "b": {-1, -1}, "c": {0, 0}},
			want:    []string{"b", "c", "a"},
		},
		{
			// -2/3 = -0.67 against -6/8 = -0.75: six touchpoints at -1
			// say more than one at -2.
			name:    "one bad touchpoint ranks after many",
			ids:     []string{"one", "many"},
			ratings: map[string][]float64{"one": {-2}, "many": {-1, -1, -1, -1, -1, -1}},
			want:    []string{"many", "one"},
		},
		{
			// The example site: three at -1.33 (-0.8) before six at -0.92
			// (-0.69).
			name:    "a worse average on fewer touchpoints can still lead",
			ids:     []string{"phone", "finance"},
			ratings: map[string][]float64{"phone": {-1.5, -1.5, -1, -1, -0.5, 0}, "finance": {-2, -1, -1}},
			want:    []string{"finance", "phone"},
		},
		{
			name:    "ties keep site.toml order",
			ids:     []string{"c", "a", "b"},
			ratings: map[string][]float64{"a": {-1}, "b": {-1}, "c": {-1}},
			want:    []string{"c", "a", "b"},
		},
		{
			name:    "equal averages on equal counts tie, whatever the values",
			ids:     []string{"b", "a"},
			ratings: map[string][]float64{"a": {-2, 0}, "b": {-1, -1}},
			want:    []string{"b", "a"},
		},
		{
			name:    "unrated and unused channels last, in site.toml order",
			ids:     []string{"unused", "unrated", "good", "bad"},
			ratings: map[string][]float64{"unrated": nil, "good": {2}, "bad": {-1}},
			want:    []string{"bad", "good", "unused", "unrated"},
		},
		{
			name: "no channels",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := rankSite(tt.ratings, tt.ids...)
			uses := channelUses(site, computed(site))
			var all []*ChannelUse
			for _, id := range tt.ids {
				all = append(all, uses[id])
			}
			var got []string
			for _, u := range rankByPain(all) {
				got = append(got, u.Channel.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ranking = %q, want %q", got, tt.want)
			}
			for i, id := range tt.ids {
				if all[i].Channel.ID != id {
					t.Errorf("rankByPain reordered its argument")
				}
			}
		})
	}
}

// The ranking counts what the averages count: a plan's -2 on a channel
// does not make it the worst.
func TestRankByPainLeavesPlansOut(t *testing.T) {
	f := newFixture()
	withPlanAndDraft(f)
	v := &siteViews{site: f.Site, use: computed(f.Site)}
	var got []string
	for _, u := range v.ranked() {
		got = append(got, u.Channel.ID)
	}
	// store -1.5/3 = -0.5, web -4.5/7 = -0.64, phone -1/3 = -0.33,
	// app +1/3; email has no rating, chat no touchpoint.
	want := []string{"web", "store", "phone", "app", "email", "chat"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ranking = %q, want %q", got, want)
	}
}

func TestCoverage(t *testing.T) {
	backed := func(j *content.Journey, name string) {
		s := stage(j, name, content.Emotion{})
		s.Evidence = []*content.Evidence{{Kind: "survey", Title: "Survey", N: 40}}
	}
	seven := &content.Journey{Title: "Seven"}
	for i := range 7 {
		if i < 5 {
			backed(seven, fmt.Sprint("b", i))
		} else {
			stage(seven, fmt.Sprint("a", i), content.Emotion{})
		}
	}
	one := &content.Journey{Title: "One"}
	backed(one, "only")
	assumed := &content.Journey{Title: "Assumed"}
	stage(assumed, "x", content.Emotion{})
	stage(assumed, "y", content.Emotion{})
	tests := []struct {
		name     string
		journeys []*content.Journey
		want     Coverage
		percent  int
		text     string
	}{
		{"five of seven", []*content.Journey{seven}, Coverage{5, 7}, 71, "5 of 7 stages backed by research"},
		{"one stage", []*content.Journey{one}, Coverage{1, 1}, 100, "1 of 1 stage backed by research"},
		{"assumptions only", []*content.Journey{assumed}, Coverage{0, 2}, 0, "0 of 2 stages backed by research"},
		{"several maps add up", []*content.Journey{seven, one, assumed}, Coverage{6, 10}, 60, "6 of 10 stages backed by research"},
		{"no stages", []*content.Journey{{Title: "Empty"}}, Coverage{0, 0}, 0, "No stages"},
		{"no maps", nil, Coverage{0, 0}, 0, "No stages"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CoverageOf(tt.journeys...)
			if c != tt.want || c.Percent() != tt.percent || c.String() != tt.text {
				t.Errorf("coverage = %+v, %d%%, %q; want %+v, %d%%, %q", c, c.Percent(), c.String(), tt.want, tt.percent, tt.text)
			}
		})
	}
}

// The site's coverage is of the maps the roll-ups count.
func TestSiteCoverage(t *testing.T) {
	f := newFixture()
	plan, idea := withPlanAndDraft(f)
	for _, j := range []*content.Journey{plan, idea, f.Buy} {
		j.Stages[0].Evidence = []*content.Evidence{{Kind: "interview", Title: "Interviews"}}
	}
	p := &Page{Site: f.Site}
	// Buy has 4 stages, Return 2, Browse 1; only Buy's first is backed.
	if got, want := p.SiteCoverage(), (Coverage{1, 7}); got != want {
		t.Errorf("SiteCoverage = %+v, want %+v", got, want)
	}
}
