package diff

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// load reads a fixture site from testdata, as waymark diff does: drafts
// included.
func load(t *testing.T, dir string) *content.Site {
	t.Helper()
	site, errs := build.Load(build.Options{Root: os.DirFS(filepath.Join("testdata", filepath.FromSlash(dir))), Drafts: true})
	if len(errs) > 0 || site == nil {
		t.Fatalf("%s has problems:\n%s", dir, errs.Format())
	}
	return site
}

// goldenSides name the versions in every golden report.
var goldenSides = [2]Side{
	{Name: "HEAD", Commit: "8a2f1ea0c0ffee0c0ffee0c0ffee0c0ffee0c0ff"},
	{Name: "working tree"},
}

// TestGolden prints the report of each fixture pair in every format and
// compares it with testdata/golden/<case>.<format>. After an intended
// change, run go test ./generator/diff -update and review the diff of
// testdata/golden.
func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after string // folders under testdata
	}{
		// Every kind of change: personas and journeys added, removed and
		// changed; each field; stages added, removed, renamed and
		// reordered; emotions; touchpoints added, removed, moved, on a
		// channel more or less; pain points and opportunities.
		{"every-change", "every-change/before", "every-change/after"},
		// The same the other way round: what was added is removed.
		{"every-change-reversed", "every-change/after", "every-change/before"},
		// Author text that would break Markdown or play tricks with a
		// terminal.
		{"escaping", "escaping/before", "escaping/after"},
		{"no-change", "every-change/after", "every-change/after"},
		// Emotions written per persona, and a future-state map that
		// names its current state.
		{"per-persona", "per-persona/before", "per-persona/after"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(load(t, tc.before), load(t, tc.after))
			r.From, r.To = goldenSides[0], goldenSides[1]
			for _, format := range Formats {
				var out bytes.Buffer
				if err := Write(&out, r, format); err != nil {
					t.Fatal(err)
				}
				checkGolden(t, filepath.Join("testdata", "golden", tc.name+"."+extension[format]), out.Bytes())
			}
		})
	}
}

var extension = map[string]string{"text": "txt", "markdown": "md", "json": "json"}

func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test ./generator/diff -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs; review the change and run go test ./generator/diff -update\n--- got\n%s\n--- want\n%s", file, got, want)
	}
}

// TestCompareEveryChange checks the report's data itself, so that the
// golden files are not the only judge of what was found.
func TestCompareEveryChange(t *testing.T) {
	r := Compare(load(t, "every-change/before"), load(t, "every-change/after"))
	changes := func(n int, f func(i int) (string, Change)) []string {
		var out []string
		for i := range n {
			s, c := f(i)
			out = append(out, s+" "+string(c))
		}
		return out
	}
	personas := changes(len(r.Personas), func(i int) (string, Change) { return r.Personas[i].Slug, r.Personas[i].Change })
	if want := []string{"dana changed", "sam added", "tom removed"}; !slices.Equal(personas, want) {
		t.Errorf("personas: %q, want %q", personas, want)
	}
	journeys := changes(len(r.Journeys), func(i int) (string, Change) { return r.Journeys[i].Slug, r.Journeys[i].Change })
	if want := []string{"buy changed", "old-map removed", "returns added"}; !slices.Equal(journeys, want) {
		t.Fatalf("journeys: %q, want %q", journeys, want)
	}
	buy := r.Journeys[0]
	var fields []string
	for _, f := range buy.Fields {
		fields = append(fields, f.Field+": "+f.Before+" → "+f.After)
	}
	wantFields := []string{
		"title: Buying a bike online → Buying a bike",
		"state: current → future",
		"type: strategic → tactical",
		"status: review → published",
		"owner: CX team → CX team (Hannah Lees)",
		"parent:  → parent",
	}
	if !slices.Equal(fields, wantFields) {
		t.Errorf("fields:\n%q\nwant\n%q", fields, wantFields)
	}
	if !slices.Equal(buy.PersonasAdded, []string{"sam"}) || !slices.Equal(buy.PersonasRemoved, []string{"tom"}) {
		t.Errorf("personas added %q, removed %q", buy.PersonasAdded, buy.PersonasRemoved)
	}
	if buy.StageOrder == nil {
		t.Fatal("no stage order change")
	}
	ids := func(refs []StageRef) []string {
		var out []string
		for _, s := range refs {
			out = append(out, s.ID)
		}
		return out
	}
	if b, a := ids(buy.StageOrder.Before), ids(buy.StageOrder.After); !slices.Equal(b, []string{"research", "visit-store", "checkout"}) ||
		!slices.Equal(a, []string{"visit-store", "research", "checkout"}) {
		t.Errorf("stage order %q → %q", b, a)
	}
	stages := changes(len(buy.Stages), func(i int) (string, Change) { return buy.Stages[i].ID, buy.Stages[i].Change })
	if want := []string{"visit-store changed", "research changed", "checkout changed", "delivery added", "aftercare removed"}; !slices.Equal(stages, want) {
		t.Fatalf("stages: %q, want %q", stages, want)
	}
	research := buy.Stages[1]
	if research.OldName != "Looking around" || research.Name != "Research" {
		t.Errorf("rename: %q → %q", research.OldName, research.Name)
	}
	if e := research.Emotion; e == nil || e.Before.String() != "-1" || e.After.String() != "+1" {
		t.Errorf("research emotion: %+v", e)
	}
	if e := buy.Stages[2].Emotion; e == nil || e.Before.Set || e.After.String() != "-1" {
		t.Errorf("checkout emotion (not rated → -1): %+v", e)
	}
	texts := func(tcs []TextChange) []string {
		var out []string
		for _, c := range tcs {
			out = append(out, c.Text+" "+string(c.Change))
		}
		return out
	}
	if got, want := texts(research.PainPoints), []string{"Spec sheets use jargon resolved", "Too many bikes to choose from added"}; !slices.Equal(got, want) {
		t.Errorf("pain points %q, want %q", got, want)
	}
	if got, want := texts(research.Opportunities), []string{"Plain-language size finder removed", "Shortlist shared across devices added"}; !slices.Equal(got, want) {
		t.Errorf("opportunities %q, want %q", got, want)
	}
	var tps []string
	for _, stage := range buy.Stages {
		for _, tp := range stage.Touchpoints {
			s := stage.ID + "/" + tp.Name + " " + string(tp.Change)
			if c := tp.Channels; c != nil {
				s += " [" + strings.Join(c.Before, ",") + "→" + strings.Join(c.After, ",") + "]"
			}
			if e := tp.Emotion; e != nil {
				s += " " + emotionText(e.Before) + "→" + emotionText(e.After)
			}
			tps = append(tps, s)
		}
	}
	wantTps := []string{
		"visit-store/Test ride changed [store→store,app]",
		"visit-store/Own rating changed +1→+1.5", // its own value went; it follows the stage now
		"research/Product page changed [web→app] +0.5→+1",
		"research/Size finder added [→web,app]",
		"research/Catalogue changed [store,web→web]",
		"research/Phone line removed [phone→]",
		// "Follows the stage" takes the stage's emotion on both sides:
		// the stage's change is not repeated for it.
	}
	if !slices.Equal(tps, wantTps) {
		t.Errorf("touchpoints:\n%q\nwant\n%q", tps, wantTps)
	}
}

// TestComparePerPersona: where either version rates a stage or a
// touchpoint per persona, each persona's change is reported, and only
// those that changed.
func TestComparePerPersona(t *testing.T) {
	r := Compare(load(t, "per-persona/before"), load(t, "per-persona/after"))
	var got []string
	for _, j := range r.Journeys {
		for _, f := range j.Fields {
			got = append(got, j.Slug+": "+f.Field+" "+f.Before+" → "+f.After)
		}
		for _, s := range j.Stages {
			if s.Emotion != nil {
				got = append(got, s.ID+": "+emotionText(s.Emotion.Before)+" → "+emotionText(s.Emotion.After))
			}
			for _, pe := range s.PersonaEmotions {
				got = append(got, s.ID+" for "+pe.Persona+": "+emotionText(pe.Before)+" → "+emotionText(pe.After))
			}
			for _, tp := range s.Touchpoints {
				if tp.Emotion != nil {
					got = append(got, tp.Name+": "+emotionText(tp.Emotion.Before)+" → "+emotionText(tp.Emotion.After))
				}
				for _, pe := range tp.PersonaEmotions {
					got = append(got, tp.Name+" for "+pe.Persona+": "+emotionText(pe.Before)+" → "+emotionText(pe.After))
				}
			}
		}
	}
	want := []string{
		// 0.5 for everyone, then 0 and 1: the mean stays 0.5, but Dana
		// and Sam each feel differently.
		"research for dana-ortiz: +0.5 → 0",
		"research for sam-lee: +0.5 → +1",
		// Dana no longer rates the form: it is not hers.
		"Finance form for dana-ortiz: -2 → not rated",
		"test-ride for dana-ortiz: -1 → +1",
		"buy-future: current  → buy",
		// "Same for everyone now" and "Unchanged table" say the same for
		// each persona before and after, and "Follows the stage" changes
		// only with its stage.
	}
	if !slices.Equal(got, want) {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestCompareNoChange(t *testing.T) {
	site := load(t, "every-change/before")
	r := Compare(site, load(t, "every-change/before"))
	if !r.Empty() {
		t.Errorf("a site compared with itself: %+v", r)
	}
	if got := r.Summary(); got != "no changes in meaning" {
		t.Errorf("summary %q", got)
	}
}

// TestCompareMissingSite: a site that is not there on one side makes
// everything of the other added or removed.
func TestCompareMissingSite(t *testing.T) {
	site := load(t, "every-change/before")
	for _, tc := range []struct {
		name          string
		before, after *content.Site
		want          Change
	}{
		{"added", nil, site, Added},
		{"removed", site, nil, Removed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Compare(tc.before, tc.after)
			if len(r.Journeys) != len(site.Journeys) || len(r.Personas) != len(site.Personas) {
				t.Fatalf("%d journeys and %d personas, want %d and %d", len(r.Journeys), len(r.Personas), len(site.Journeys), len(site.Personas))
			}
			for _, j := range r.Journeys {
				if j.Change != tc.want {
					t.Errorf("journey %s %s, want %s", j.Slug, j.Change, tc.want)
				}
			}
		})
	}
	if r := Compare(nil, nil); !r.Empty() {
		t.Errorf("nothing against nothing: %+v", r)
	}
}

func TestCompareTexts(t *testing.T) {
	for _, tc := range []struct {
		name          string
		before, after []string
		want          []string
	}{
		{"same", []string{"a", "b"}, []string{"b", "a"}, nil},
		{"one added", []string{"a"}, []string{"a", "b"}, []string{"b added"}},
		{"one gone", []string{"a", "b"}, []string{"b"}, []string{"a resolved"}},
		{"a repeat gone", []string{"a", "a"}, []string{"a"}, []string{"a resolved"}},
		{"a repeat added", []string{"a"}, []string{"a", "a"}, []string{"a added"}},
		{"gone then added, each in its order", []string{"x", "a", "y"}, []string{"b", "a", "c"},
			[]string{"x resolved", "y resolved", "b added", "c added"}},
		{"case matters", []string{"Spec"}, []string{"spec"}, []string{"Spec resolved", "spec added"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, c := range compareTexts(tc.before, tc.after, Resolved) {
				got = append(got, c.Text+" "+string(c.Change))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestTouchpointsOfTheSameName: names need not be unique in a stage;
// the first of a name is matched with the first, the second with the
// second.
func TestTouchpointsOfTheSameName(t *testing.T) {
	web := &config.Channel{ID: "web"}
	app := &config.Channel{ID: "app"}
	stage := &content.Stage{}
	tp := func(name string, ch *config.Channel) *content.Touchpoint {
		return &content.Touchpoint{Name: name, Channels: []*config.Channel{ch}, Stage: stage}
	}
	before := []*content.Touchpoint{tp("Email", web), tp("Email", web)}
	after := []*content.Touchpoint{tp("Email", web), tp("Email", app), tp("Email", app)}
	var got []string
	for _, c := range compareTouchpoints(before, after, nil) {
		got = append(got, c.Name+" "+string(c.Change)+" "+strings.Join(c.Channels.Before, ",")+"→"+strings.Join(c.Channels.After, ","))
	}
	want := []string{"Email changed web→app", "Email added →app"}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestMoved(t *testing.T) {
	for _, tc := range []struct {
		before, after []string
		left, joined  []string
		text          string
	}{
		{[]string{"web"}, []string{"app"}, []string{"web"}, []string{"app"}, "moved from web to app"},
		{[]string{"web"}, []string{"web", "app"}, nil, []string{"app"}, "now also on app"},
		{[]string{"web", "store"}, []string{"web"}, []string{"store"}, nil, "no longer on store"},
		{[]string{"web", "store"}, []string{"web", "app", "phone"}, []string{"store"}, []string{"app", "phone"}, "moved from store to app, phone"},
	} {
		c := &ChannelChange{Before: tc.before, After: tc.after}
		left, joined := c.Moved()
		if !slices.Equal(left, tc.left) || !slices.Equal(joined, tc.joined) {
			t.Errorf("%q → %q: left %q joined %q, want %q %q", tc.before, tc.after, left, joined, tc.left, tc.joined)
		}
		got := touchpointChanges(TouchpointChange{Channels: c}, func(ids []string) string { return strings.Join(ids, ", ") })
		if len(got) != 1 || got[0] != tc.text {
			t.Errorf("%q → %q: %q, want %q", tc.before, tc.after, got, tc.text)
		}
	}
}

func TestMarkdownText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain words, a colon: and (brackets).", "Plain words, a colon: and (brackets)."},
		{"# not a heading", `\# not a heading`},
		{"a | b", `a \| b`},
		{"`code`", "\\`code\\`"},
		{"<script>alert(1)</script>", `\<script\>alert(1)\</script\>`},
		{"[x](javascript:y)", `\[x\](javascript:y)`},
		{"*em* _em_ ~~del~~", `\*em\* \_em\_ \~\~del\~\~`},
		{"$5 &amp;", `\$5 \&amp;`},
		{"back\\slash", `back\\slash`},
		{"two\nlines\r\nhere", "two lines  here"},
		{"  padded  ", "padded"},
		{"bell\a and \x1b[31m", "bell  and  \\[31m"},
		{"ends in a bell\a", "ends in a bell"},
	} {
		if got := mdText(tc.in); got != tc.want {
			t.Errorf("mdText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCode(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"HEAD", "`HEAD`"},
		{"a`b", "``a`b``"},
		{"`x", "`` `x ``"},
		{"a``b", "```a``b```"},
	} {
		if got := code(tc.in); got != tc.want {
			t.Errorf("code(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPlainAndQuote(t *testing.T) {
	for _, tc := range []struct{ in, plain, quote string }{
		{"Research", "Research", `"Research"`},
		{"Café — à la carte", "Café — à la carte", `"Café — à la carte"`},
		{"red \x1b[31m", `"red \x1b[31m"`, `"red \x1b[31m"`},
		{"two\nlines", `"two\nlines"`, `"two\nlines"`},
		{"", `""`, `""`},
		{" padded", `" padded"`, `" padded"`},
	} {
		if got := plain(tc.in); got != tc.plain {
			t.Errorf("plain(%q) = %s, want %s", tc.in, got, tc.plain)
		}
		if got := quote(tc.in); got != tc.quote {
			t.Errorf("quote(%q) = %s, want %s", tc.in, got, tc.quote)
		}
	}
}

// TestJSONShape: the JSON is versioned, its lists are [] and never null,
// and an emotion not given is null.
func TestJSONShape(t *testing.T) {
	r := Compare(load(t, "every-change/before"), load(t, "every-change/after"))
	var out bytes.Buffer
	if err := WriteJSON(&out, r); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version  int `json:"version"`
		Journeys []struct {
			Slug   string `json:"slug"`
			Stages []struct {
				ID      string `json:"id"`
				Emotion *struct {
					Before *float64 `json:"before"`
					After  *float64 `json:"after"`
				} `json:"emotion"`
			} `json:"stages"`
		} `json:"journeys"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != JSONVersion {
		t.Errorf("version %d", doc.Version)
	}
	for _, list := range []string{"personas", "journeys", "fields", "personas_added", "personas_removed", "stages",
		"pain_points", "opportunities", "touchpoints", "persona_emotions"} {
		if !bytes.Contains(out.Bytes(), []byte(`"`+list+`": [`)) {
			t.Errorf("no list %q", list)
		}
		if bytes.Contains(out.Bytes(), []byte(`"`+list+`": null`)) {
			t.Errorf("%s is null", list)
		}
	}
	for _, st := range doc.Journeys[0].Stages {
		if st.ID == "checkout" {
			if st.Emotion == nil || st.Emotion.Before != nil || st.Emotion.After == nil || *st.Emotion.After != -1 {
				t.Errorf("checkout's emotion: want before null, after -1")
			}
		}
	}
}
