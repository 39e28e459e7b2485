package pagedata

import (
	"reflect"
	"slices"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/content/contenttest"
)

// The fixtures' builders, short for the tables below.
var (
	emo   = contenttest.Emotion
	stage = contenttest.Stage
	tp    = contenttest.Touchpoint
)

// pageSite is a site with the given base and edit URLs.
func pageSite(baseURL, editURL string) *content.Site {
	return &content.Site{Config: &config.Config{Title: "Maps", BaseURL: baseURL, EditURL: editURL}}
}

func TestPageRel(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		url     string
		baseURL string
		target  string
		want    string
	}{
		{"index to root", "index", "", "/", "", "./"},
		{"index to asset", "index", "", "/", "css/waymark.css", "css/waymark.css"},
		{"index to page", "index", "", "/", "journeys/buy/", "journeys/buy/"},
		{"index ignores base path", "index", "", "https://intranet.example/cx/maps/", "css/waymark.css", "css/waymark.css"},
		{"depth 1 to root", "channels", "channels/", "/", "", "../"},
		{"depth 1 to asset", "channels", "channels/", "/", "css/waymark.css", "../css/waymark.css"},
		{"depth 1 to itself", "channels", "channels/", "/", "channels/", "../channels/"},
		{"depth 2 to root", "journey", "journeys/buy/", "/", "", "../../"},
		{"depth 2 to asset", "journey", "journeys/buy/", "/", "css/waymark.css", "../../css/waymark.css"},
		{"depth 2 to sibling", "persona", "personas/dana/", "/", "personas/eli/", "../../personas/eli/"},
		{"depth 2 channel", "channel", "channels/web/", "https://intranet.example/cx/maps/", "js/waymark.js", "../../js/waymark.js"},
		{"404 under a sub-path", "404", "", "https://intranet.example/cx/maps/", "css/waymark.css", "/cx/maps/css/waymark.css"},
		{"404 under a sub-path to root", "404", "", "https://intranet.example/cx/maps/", "", "/cx/maps/"},
		{"404 at a host's root", "404", "", "https://intranet.example/", "css/waymark.css", "/css/waymark.css"},
		{"404 with base_url /", "404", "", "/", "css/waymark.css", "/css/waymark.css"},
		{"404 with base_url / to root", "404", "", "/", "", "/"},
		{"404 with an escaped base path", "404", "", "https://intranet.example/q%3Fa/", "css/waymark.css", "/q%3Fa/css/waymark.css"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{Site: pageSite(tt.baseURL, ""), Kind: tt.kind, URL: tt.url}
			if got := p.Rel(tt.target); got != tt.want {
				t.Errorf("Rel(%q) on %q (%s) = %q, want %q", tt.target, tt.url, tt.kind, got, tt.want)
			}
		})
	}
}

func TestPageLink(t *testing.T) {
	tests := []struct {
		name    string
		kind    Kind
		url     string
		baseURL string
		ref     string
		want    string
	}{
		{"https unchanged", "persona", "personas/dana/", "/", "https://cdn.example/dana.jpg", "https://cdn.example/dana.jpg"},
		{"http with query and fragment unchanged", "persona", "personas/dana/", "/", "http://cdn.example/a.jpg?s=2#x", "http://cdn.example/a.jpg?s=2#x"},
		{"mailto unchanged", "journey", "journeys/buy/", "/", "mailto:cx@example.org", "mailto:cx@example.org"},
		{"https after a blank unchanged, as the policy read it", "persona", "personas/dana/", "/", " https://cdn.example/dana.jpg", " https://cdn.example/dana.jpg"},
		{"colon after a slash is a path", "persona", "personas/dana/", "/", "img/a:b.jpg", "../../img/a:b.jpg"},
		{"relative path from depth 2", "persona", "personas/dana/", "/", "img/dana.jpg", "../../img/dana.jpg"},
		{"leading slash stripped", "persona", "personas/dana/", "/", "/img/dana.jpg", "../../img/dana.jpg"},
		{"relative path from the index", "index", "", "/", "img/dana.jpg", "img/dana.jpg"},
		{"leading slash on the index", "index", "", "/", "/img/dana.jpg", "img/dana.jpg"},
		{"relative path from depth 1", "channels", "channels/", "/", "img/dana.jpg", "../img/dana.jpg"},
		{"404 uses the base path", "404", "", "https://intranet.example/cx/maps/", "/img/dana.jpg", "/cx/maps/img/dana.jpg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{Site: pageSite(tt.baseURL, ""), Kind: tt.kind, URL: tt.url}
			if got := p.Link(tt.ref); got != tt.want {
				t.Errorf("Link(%q) on %q = %q, want %q", tt.ref, tt.url, got, tt.want)
			}
		})
	}
}

func TestPageEditURL(t *testing.T) {
	const edit = "https://git.example/cx/maps/edit/main/{path}"
	tests := []struct {
		name    string
		editURL string
		file    string
		want    string
	}{
		{"no edit_url", "", "content/journeys/buy.md", ""},
		{"no file", edit, "", ""},
		{"plain path", edit, "content/journeys/buy.md", "https://git.example/cx/maps/edit/main/content/journeys/buy.md"},
		{"spaces escaped", edit, "content/journeys/buy a bike.md", "https://git.example/cx/maps/edit/main/content/journeys/buy%20a%20bike.md"},
		{"non-ASCII escaped", edit, "content/personas/łukasz.md", "https://git.example/cx/maps/edit/main/content/personas/%C5%82ukasz.md"},
		{"? and # escaped", edit, "content/journeys/why?#1.md", "https://git.example/cx/maps/edit/main/content/journeys/why%3F%231.md"},
		{"placeholder mid-URL", "https://git.example/edit/{path}?plain=1", "content/a.md", "https://git.example/edit/content/a.md?plain=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{Site: pageSite("/", tt.editURL), Kind: "journey", URL: "journeys/buy/"}
			if got := p.EditURL(tt.file); got != tt.want {
				t.Errorf("EditURL(%q) = %q, want %q", tt.file, got, tt.want)
			}
		})
	}
}

func TestLanes(t *testing.T) {
	web := &config.Channel{ID: "web", Name: "Website", Kind: "digital"}
	tests := []struct {
		name   string
		stages func(j *content.Journey)
		want   []string
	}{
		{"no stages", func(j *content.Journey) {}, nil},
		{"empty stages", func(j *content.Journey) {
			stage(j, "a", content.Emotion{})
			stage(j, "b", content.Emotion{})
		}, nil},
		{"goal in one stage of two", func(j *content.Journey) {
			stage(j, "a", content.Emotion{})
			stage(j, "b", content.Emotion{}).Goal = "Find a bike"
		}, []string{"goal"}},
		{"feeling without an emotion", func(j *content.Journey) {
			stage(j, "a", content.Emotion{}).Feeling = "Curious"
		}, []string{"feeling"}},
		{"a stage emotion shows feeling and emotion", func(j *content.Journey) {
			stage(j, "a", emo(-1))
		}, []string{"emotion", "feeling"}},
		{"a zero emotion is still an emotion", func(j *content.Journey) {
			stage(j, "a", emo(0))
		}, []string{"emotion", "feeling"}},
		{"touchpoint without emotion", func(j *content.Journey) {
			stage(j, "a", content.Emotion{}, tp("Product page", content.Emotion{}, web))
		}, []string{"touchpoints"}},
		{"a touchpoint's own emotion draws the curve", func(j *content.Journey) {
			stage(j, "a", content.Emotion{}, tp("Product page", emo(1), web))
		}, []string{"emotion", "touchpoints"}},
		{"order kept across stages", func(j *content.Journey) {
			s := stage(j, "a", content.Emotion{})
			s.Evidence = []*content.Evidence{{Kind: "survey", Title: "Q3"}}
			s.Backstage = []string{"Warehouse picks"}
			s2 := stage(j, "b", content.Emotion{})
			s2.Doing = []string{"Pays"}
			s2.KPIs = []string{"Conversion"}
			stage(j, "c", content.Emotion{}).Goal = "Own a bike"
		}, []string{"goal", "doing", "backstage", "kpis", "evidence"}},
		{"a step shows its lane, not the curve's", func(j *content.Journey) {
			s := stage(j, "a", content.Emotion{})
			s.Steps = []*content.Step{{Name: "Pays", Emotion: emo(-1), Stage: s}}
		}, []string{"steps"}},
		{"every lane", func(j *content.Journey) {
			s := stage(j, "a", emo(1), tp("Product page", content.Emotion{}, web))
			s.Goal, s.Feeling = "g", "f"
			s.Doing, s.Thinking = []string{"d"}, []string{"t"}
			s.Steps = []*content.Step{{Name: "s", Stage: s}}
			s.PainPoints, s.Opportunities = []string{"p"}, []string{"o"}
			s.Frontstage, s.Backstage, s.KPIs = []string{"f"}, []string{"b"}, []string{"k"}
			s.Evidence = []*content.Evidence{{Kind: "poll"}}
		}, []string{"emotion", "goal", "doing", "steps", "thinking", "feeling", "touchpoints", "pain_points",
			"opportunities", "frontstage", "backstage", "kpis", "evidence"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j := &content.Journey{Title: tt.name}
			tt.stages(j)
			var got []string
			for _, l := range LaneList(j) {
				if l.Label == "" {
					t.Errorf("lane %q has no label", l.ID)
				}
				got = append(got, l.ID)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("laneList = %q, want %q", got, tt.want)
			}
			has := LanesUsed(j)
			if len(has) != len(tt.want) {
				t.Errorf("lanes = %v, want exactly %q", has, tt.want)
			}
			for _, id := range tt.want {
				if !has[id] {
					t.Errorf("lanes[%q] = false", id)
				}
			}
		})
	}
}

func TestAllLanesMatchContract(t *testing.T) {
	// docs/themes.md lists these data-lane values, top to bottom.
	want := []string{"emotion", "goal", "doing", "steps", "thinking", "feeling", "touchpoints", "pain_points",
		"opportunities", "frontstage", "backstage", "kpis", "evidence"}
	var got []string
	for _, l := range allLanes {
		got = append(got, l.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("allLanes = %q, want %q", got, want)
	}
}

func TestPainPointsAndTouchpointCount(t *testing.T) {
	web := &config.Channel{ID: "web"}
	j := &content.Journey{}
	a := stage(j, "a", content.Emotion{}, tp("x", content.Emotion{}, web), tp("y", content.Emotion{}, web))
	a.PainPoints = []string{"jargon", "sizes"}
	stage(j, "b", content.Emotion{})
	c := stage(j, "c", content.Emotion{}, tp("z", content.Emotion{}, web))
	c.PainPoints = []string{"late"}
	want := []StagedText{{a, "jargon"}, {a, "sizes"}, {c, "late"}}
	if got := PainPoints(j); !reflect.DeepEqual(got, want) {
		t.Errorf("painPoints = %+v, want %+v", got, want)
	}
	if got := TouchpointCount(j); got != 3 {
		t.Errorf("touchpointCount = %d, want 3", got)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		width, lines int
		text         string
		want         []string
	}{
		{10, 2, "", nil},
		{10, 2, "Research", []string{"Research"}},
		{10, 2, "Test ride and fitting", []string{"Test ride", "and…"}},
		{12, 2, "Test ride and fitting", []string{"Test ride", "and fitting"}},
		{30, 1, "Finance application takes 14 minutes, on average.", []string{"Finance application takes 14…"}},
		{5, 1, "Supercalifragilistic", []string{"Supe…"}},
		{6, 3, "Supercalifragilistic", []string{"Super-", "calif-", "ragil…"}},
		{4, 2, "申请信用卡并等待", []string{"申请信用", "卡并等待"}},
		{8, 3, "  spaces   collapse  here ", []string{"spaces", "collapse", "here"}},
	} {
		got := Wrap(tc.width, tc.lines, tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("Wrap(%d, %d, %q) = %q, want %q", tc.width, tc.lines, tc.text, got, tc.want)
		}
	}
}

// newFixture is the shared small site (see contenttest.Fixture).
func newFixture() *contenttest.Fixture { return contenttest.NewFixture() }

func TestEmotionClass(t *testing.T) {
	tests := []struct {
		e    content.Emotion
		want string
	}{
		{emo(-2), "emo-n2"},
		{emo(-1.5), "emo-n2"},
		{emo(-1), "emo-n1"},
		{emo(-0.5), "emo-n1"},
		{emo(-0.4), "emo-0"},
		{emo(0), "emo-0"},
		{emo(0.4), "emo-0"},
		{emo(0.5), "emo-p1"},
		{emo(1), "emo-p1"},
		{emo(1.5), "emo-p2"},
		{emo(2), "emo-p2"},
		{content.Emotion{}, "emo-none"},
		{content.Emotion{Value: 1}, "emo-none"}, // a value without Set is still unset
		{emo(3), "emo-p3"},                      // off the scale: named all the same
		{emo(-3), "emo-n3"},
	}
	for _, tt := range tests {
		if got := EmotionClass(tt.e); got != tt.want {
			t.Errorf("EmotionClass(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}
