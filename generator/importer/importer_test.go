package importer

import (
	"html"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

func TestReadLabel(t *testing.T) {
	tests := []struct {
		label string
		lane  lane
		scale string // "" for none
	}{
		{"Customer Actions", laneDoing, ""},
		{"DOING", laneDoing, ""},
		{"Thoughts / Feelings", laneThinking, ""},
		{"Thinking", laneThinking, ""},
		{"Feelings", laneFeeling, ""},
		{"Customer Experience", laneFeeling, ""},
		{"Emotion (-5 to +5)", laneEmotion, "-5..5"},
		{"Emotion −2..+2", laneEmotion, "-2..2"},
		{"Score 1-5", laneEmotion, "1..5"},
		{"Rating (1–10)", laneEmotion, "1..10"},
		{"Emotion", laneEmotion, ""},
		{"Touchpoints", laneTouchpoints, ""},
		{"Touch points", laneTouchpoints, ""},
		{"Channels", laneChannels, ""},
		{"CX Pain Points", lanePainPoints, ""},
		{"Pain points", lanePainPoints, ""},
		{"Opportunities", laneOpportunities, ""},
		{"Ideas", laneOpportunities, ""},
		{"KPIs", laneKPIs, ""},
		{"Metrics", laneKPIs, ""},
		{"Customer goals", laneGoal, ""},
		{"Frontstage", laneFrontstage, ""},
		{"Front-stage", laneFrontstage, ""},
		{"Backstage", laneBackstage, ""},
		{"Teams Involved", laneBackstage, ""},
		{"Owner", laneOwner, ""},
		{"Evidence", laneEvidence, ""},
		{"Research", laneEvidence, ""},
		{"Moments of truth", laneMomentOfTruth, ""},
		{"Stage", laneStage, ""},
		{"Phase", laneStage, ""},
		{"Doing & thinking", laneDoing, ""},
		{"Pain points and opportunities", lanePainPoints, ""},
		{"Moments that matter", laneUnknown, ""},
		{"Customer", laneUnknown, ""},
		{"", laneUnknown, ""},
	}
	for _, tt := range tests {
		l := readLabel(tt.label)
		scale := ""
		if l.scale != nil {
			scale = l.scale.String()
		}
		if l.lane != tt.lane || scale != tt.scale {
			t.Errorf("readLabel(%q) = lane %d, scale %q; want lane %d, scale %q", tt.label, l.lane, scale, tt.lane, tt.scale)
		}
	}
}

func TestSplitItems(t *testing.T) {
	tests := []struct {
		cell string
		want []string
	}{
		{"Searches", []string{"Searches"}},
		{"Sees an ad\r\nAsks a friend", []string{"Sees an ad", "Asks a friend"}},
		{"- Sees an ad\n- Asks a friend\n", []string{"Sees an ad", "Asks a friend"}},
		{"Web; Pricing;", []string{"Web", "Pricing"}},
		{"• Web • Pricing", []string{"Web", "Pricing"}},
		{"1. Search\n2) Compare", []string{"Search", "Compare"}},
		{"3.1% conversion", []string{"3.1% conversion"}},
		{"-2 is low", []string{"-2 is low"}},
		{" \n ; ", nil},
	}
	for _, tt := range tests {
		if got := splitItems(tt.cell); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitItems(%q) = %q, want %q", tt.cell, got, tt.want)
		}
	}
}

func TestScale(t *testing.T) {
	for _, tt := range []struct {
		scale string
		in    float64
		want  float64
	}{
		{"1..5", 1, -2}, {"1..5", 3, 0}, {"1..5", 5, 2}, {"1..5", 3.5, 0.5},
		{"-5..5", -5, -2}, {"-5..5", 2, 0.8}, {"-5..5", 0, 0},
		{"0..10", 7, 0.8}, {"1..10", 4, -0.67},
		{"-2..2", -1.5, -1.5},
	} {
		s, err := ParseScale(tt.scale)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Emotion(tt.in); !got.Set || got.Value != tt.want {
			t.Errorf("%s: %v is %v, want %v", tt.scale, tt.in, got.Value, tt.want)
		}
	}
	for _, bad := range []string{"", "5", "1-5", "5..1", "3..3", "a..b", "1..Inf"} {
		if _, err := ParseScale(bad); err == nil {
			t.Errorf("ParseScale(%q) took it", bad)
		}
	}
	for _, n := range []struct {
		s    string
		want float64
	}{{"+3", 3}, {"−2", -2}, {"3,5", 3.5}, {" 4 ", 4}} {
		if v, err := parseNumber(n.s); err != nil || v != n.want {
			t.Errorf("parseNumber(%q) = %v, %v", n.s, v, err)
		}
	}
}

// read reads src as file and fails the test on errors.
func read(t *testing.T, file, src string, opts Options) (*Draft, diag.List) {
	t.Helper()
	d, errs := Read(file, []byte(src), opts)
	if errs.HasErrors() {
		t.Fatalf("%s: %v", file, errs.Format())
	}
	return d, errs
}

func TestMermaid(t *testing.T) {
	src := "journey\n  title Day\n  accTitle: A day\n  accDescr {\n    two\n    lines\n  }\n" +
		"  Wake up: 4: Me\n" +
		"  section Work: morning\n    Commute: 1: Me, Cat\n    Coffee: 2: me\n    Lunch:\n" +
		"  section Home\n    Sleep: 5:\n"
	d, errs := read(t, "day.mmd", src, Options{})
	if d.Title != "Day" || d.AccTitle != "A day" || d.Summary != "two lines" {
		t.Errorf("title %q, accTitle %q, summary %q", d.Title, d.AccTitle, d.Summary)
	}
	if !reflect.DeepEqual(d.Personas, []string{"Me", "Cat"}) {
		t.Errorf("personas %q", d.Personas)
	}
	var names []string
	var emotions []string
	for _, s := range d.Stages {
		names = append(names, s.Name)
		emotions = append(emotions, s.Emotion.String()+"/"+boolText(s.Emotion.Set))
	}
	if want := []string{"Stage 1", "Work: morning", "Home"}; !reflect.DeepEqual(names, want) {
		t.Errorf("stages %q, want %q", names, want)
	}
	// Work: the mean of its rated steps, -2 and -1; Lunch has no score.
	if want := []string{"1/true", "-1.5/true", "2/true"}; !reflect.DeepEqual(emotions, want) {
		t.Errorf("stage emotions %q, want %q", emotions, want)
	}
	work := d.Stages[1]
	if len(work.Steps) != 3 || work.Steps[2].Emotion.Set || work.Steps[0].Emotion.Value != -2 || work.Steps[1].Emotion.Value != -1 {
		t.Errorf("steps %+v", work.Steps)
	}
	want := []string{
		"day.mmd:8: warning: tasks before the first section: imported as a stage named \"Stage 1\"",
		"day.mmd:12:11: warning: task \"Lunch\" has no score: imported without an emotion",
	}
	if sleep := d.Stages[2].Steps[0]; sleep.Emotion.Value != 2 || len(sleep.Actors) != 0 {
		t.Errorf("Sleep: 5: is %+v", sleep)
	}
	got := errs.Format()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("reports lack %q:\n%s", w, got)
		}
	}
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

func TestMermaidScale(t *testing.T) {
	src := "journey\n  section S\n    A: 0: Me\n    B: 10: Me\n"
	_, errs := Read("s.mmd", []byte(src), Options{})
	got := errs.Format()
	for _, w := range []string{
		"s.mmd:3:8: score 0 of task \"A\" is outside the scale 1..5",
		"hint: Mermaid scores run from 1 (worst) to 5 (best); if this diagram rates on another scale, pass it: --scale MIN..MAX, e.g. --scale 0..10",
		"s.mmd:4:8: score 10 of task \"B\"",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	d, _ := read(t, "s.mmd", src, Options{Scale: &Scale{0, 10}})
	if e := d.Stages[0].Steps; e[0].Emotion.Value != -2 || e[1].Emotion.Value != 2 {
		t.Errorf("steps %+v", e)
	}
}

// TestLayouts reads one map in both layouts, in every format, and gets
// the same draft.
func TestLayouts(t *testing.T) {
	byColumn := [][]string{
		{"Stage", "Awareness", "Purchase"},
		{"Customer Actions", "Sees an ad\nAsks a friend", "Pays"},
		{"Thoughts", "Is it for me?", "Is it safe?"},
		{"Customer Experience", "Curious", "Relieved"},
		{"Emotion (-5 to +5)", "+5", "-2,5"},
		{"Touchpoints", "Social media", "Checkout page"},
		{"Channels", "", "Website; App"},
		{"CX pain points", "", "Card declined"},
		{"Ideas", "Referral code", ""},
		{"KPIs", "Reach", "Conversion"},
		{"Goals", "Learn about it", "Pay quickly"},
		{"Frontstage", "Ad", "Form"},
		{"Teams involved", "Marketing", "Payments • Fraud"},
		{"Owner", "Brand team", "Web team"},
		{"Evidence", "Brand survey 2025", "Usability test notes"},
		{"Moment of truth", "", "yes"},
		{"Moments that matter", "The first ad", ""},
	}
	byRow := make([][]string, len(byColumn[0]))
	for j := range byRow {
		for i := range byColumn {
			byRow[j] = append(byRow[j], byColumn[i][j])
		}
	}
	files := map[string]string{
		"columns.csv": csvText(byColumn, ',', "\n"),
		"rows.csv":    csvText(byRow, ',', "\n"),
		"excel.csv":   "\uFEFF" + csvText(byColumn, ';', "\r\n"),
		// Excel's "sep=" line, which some locales' exports start with.
		"sep.csv":    "sep=;\r\n" + csvText(byRow, ';', "\r\n"),
		"rows.tsv":   csvText(byRow, '\t', "\n"),
		"columns.md": "# Columns\n\n" + mdTable(byColumn),
		"rows.md":    "Intro.\n\n" + mdTable(byRow),
	}
	var first *Draft
	for file, src := range files {
		d, errs := read(t, file, src, Options{})
		if got := errs.Format(); !strings.Contains(got, `"Moments that matter" is not a lane waymark knows: kept as stage notes under "Moments that matter"`) {
			t.Errorf("%s: reports:\n%s", file, got)
		}
		for _, s := range d.Stages {
			s.Line, s.Col = 0, 0
			for i := range s.Touchpoints {
				s.Touchpoints[i].Line, s.Touchpoints[i].Col = 0, 0
			}
		}
		d.File, d.Title, d.Line = "", "", 0
		if first == nil {
			first = d
			continue
		}
		if !reflect.DeepEqual(d, first) {
			t.Errorf("%s reads otherwise:\n%#v\nwant\n%#v", file, d.Stages[1], first.Stages[1])
		}
	}
	s := first.Stages
	if s[0].Name != "Awareness" || !reflect.DeepEqual(s[0].Doing, []string{"Sees an ad", "Asks a friend"}) ||
		s[0].Feeling != "Curious" || s[0].Emotion.Value != 2 || s[1].Emotion.Value != -1 ||
		s[0].Goal != "Learn about it" || !reflect.DeepEqual(s[1].Backstage, []string{"Payments", "Fraud"}) ||
		!reflect.DeepEqual(s[1].PainPoints, []string{"Card declined"}) || !reflect.DeepEqual(s[0].Opportunities, []string{"Referral code"}) ||
		s[0].MomentOfTruth || !s[1].MomentOfTruth {
		t.Errorf("stages read wrong:\n%#v\n%#v", s[0], s[1])
	}
	// Touchpoints: alone, each names its channel; with channels, each
	// is on all of them. Owners go to the touchpoints.
	if tp := s[0].Touchpoints; len(tp) != 1 || tp[0].Name != "Social media" || !reflect.DeepEqual(tp[0].Channels, []string{"Social media"}) || tp[0].Owner != "Brand team" {
		t.Errorf("awareness touchpoints %+v", tp)
	}
	if tp := s[1].Touchpoints; len(tp) != 1 || !reflect.DeepEqual(tp[0].Channels, []string{"Website", "App"}) {
		t.Errorf("purchase touchpoints %+v", tp)
	}
	// Evidence of a kind it names; else notes under the label.
	if !reflect.DeepEqual(s[0].Evidence, []Evidence{{"survey", "Brand survey 2025"}}) ||
		!reflect.DeepEqual(s[1].Evidence, []Evidence{{"observation", "Usability test notes"}}) {
		t.Errorf("evidence %+v %+v", s[0].Evidence, s[1].Evidence)
	}
	if !reflect.DeepEqual(s[0].Notes, []Note{{"Moments that matter", []string{"The first ad"}}}) {
		t.Errorf("notes %+v", s[0].Notes)
	}
}

func csvText(rows [][]string, sep rune, eol string) string {
	var b strings.Builder
	for _, r := range rows {
		for j, c := range r {
			if j > 0 {
				b.WriteRune(sep)
			}
			if strings.ContainsAny(c, "\n\",;\t") {
				c = `"` + strings.ReplaceAll(c, `"`, `""`) + `"`
			}
			b.WriteString(c)
		}
		b.WriteString(eol)
	}
	return b.String()
}

func mdTable(rows [][]string) string {
	var b strings.Builder
	for i, r := range rows {
		b.WriteString("|")
		for _, c := range r {
			b.WriteString(" " + strings.ReplaceAll(c, "\n", "<br>") + " |")
		}
		b.WriteString("\n")
		if i == 0 {
			b.WriteString(strings.Repeat("|---", len(r)) + "|\n")
		}
	}
	return b.String()
}

func TestTableProblems(t *testing.T) {
	tests := []struct {
		name, file, src string
		opts            Options
		want            []string
	}{
		{"no lane", "a.csv", "Stage,A,B\nFoo,1,2\n", Options{},
			[]string{"a.csv:1:1: no row or column is labelled with a lane waymark knows", "hint: label each row (or each column) with its lane: actions, thoughts"}},
		{"too small", "a.csv", "Actions\n", Options{}, []string{"a.csv:1: the table has too few rows or columns"}},
		{"not a number", "a.csv", "Stage,A,B\nEmotion,1,high\n", Options{},
			[]string{`a.csv:2:11: emotion "high" of stage "B" is not a number`, "hint: write one number on waymark's scale, -2..2"}},
		{"outside the default", "a.csv", "Stage,A\nEmotion,3\n", Options{},
			[]string{`a.csv:2:9: emotion 3 of stage "A" is outside waymark's scale, -2..2`, `hint: name the scale in the label, e.g. "Emotion (1..5)", or pass --scale MIN..MAX`}},
		{"outside --scale", "a.csv", "Stage,A\nEmotion,11\n", Options{Scale: &Scale{0, 10}},
			[]string{`a.csv:2:9: emotion 11 of stage "A" is outside --scale, 0..10`}},
		{"two emotions", "a.csv", "Stage,A\nEmotion,1\nScore,2\n", Options{},
			[]string{"a.csv:3:1: a second emotion row", "hint: the emotion is read from the row at line 2; rename this one to keep it as notes"}},
		{"no stage name", "a.csv", "Stage,A,\nActions,x,y\n", Options{},
			[]string{"a.csv:1:9: a stage without a name", "hint: write the stage's name at the head of its column"}},
		{"columns count characters, not bytes", "a.csv", "Stage,Café,\nActions,x,y\n", Options{},
			[]string{"a.csv:1:12: a stage without a name"}},
		{"unclosed quote", "a.csv", "Stage,A\nActions,\"x\ny\n", Options{},
			[]string{"a.csv:3:2: extraneous or missing \" in quoted-field", "a quoted cell that starts on line 2 is never closed"}},
		{"not UTF-8", "a.csv", "Stage,A\nActions,caf\xe9\n", Options{},
			[]string{"a.csv:2:12: invalid UTF-8 (byte 0xe9)", `hint: save it as UTF-8: in Excel, "CSV UTF-8 (Comma delimited)"`}},
		{"not UTF-8, a diagram", "a.mmd", "journey\nsection A\n  caf\xe9: 3: Me\n", Options{},
			[]string{"a.mmd:3:6: invalid UTF-8 (byte 0xe9)", "hint: save the file as UTF-8: most editors"}},
		{"xlsx", "a.xlsx", "PK", Options{}, []string{"a.xlsx: waymark cannot read .xlsx files", "hint: save the sheet as CSV UTF-8"}},
		{"no table", "a.md", "# Nothing\n\nJust text.\n", Options{}, []string{"a.md:1: no Mermaid journey and no table"}},
		{"empty", "a.csv", "", Options{}, []string{"a.csv: the file is empty"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, errs := Read(tt.file, []byte(tt.src), tt.opts)
			if d != nil || !errs.HasErrors() {
				t.Fatalf("no error; draft %+v", d)
			}
			got := errs.Format()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors lack %q:\n%s", w, got)
				}
			}
		})
	}
}

func TestReports(t *testing.T) {
	src := "Stage,A,B\nActions,x,y\nEmotion,happy,sad\nWhatever,,\nPain pionts,p,\n"
	d, errs := read(t, "a.csv", src, Options{})
	got := errs.Format()
	for _, w := range []string{
		`a.csv:3:1: warning: row "Emotion" holds no numbers: imported as the stages' feeling, in words`,
		`a.csv:4:1: warning: row "Whatever" is empty: nothing to import`,
		`a.csv:5:1: warning: row "Pain pionts" is not a lane waymark knows: kept as stage notes under "Pain pionts"`,
		`hint: did you mean "pain points"?`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("reports lack %q:\n%s", w, got)
		}
	}
	if d.Stages[0].Feeling != "happy" || d.Stages[0].Emotion.Set {
		t.Errorf("stage %+v", d.Stages[0])
	}
}

func TestEvidenceKinds(t *testing.T) {
	for _, k := range evidenceKinds {
		if !slices.Contains(content.EvidenceKinds, k.kind) {
			t.Errorf("%q is not one of content.EvidenceKinds", k.kind)
		}
	}
}

func TestTitleOfFile(t *testing.T) {
	for file, want := range map[string]string{
		"maps/bike-purchase.csv":      "Bike purchase",
		"Customer Journey - Bike.csv": "Customer Journey - Bike",
		"onboarding_v2.tsv":           "Onboarding v2",
		"дорога.mmd":                  "Дорога",
	} {
		if got := titleOfFile(file); got != want {
			t.Errorf("titleOfFile(%q) = %q, want %q", file, got, want)
		}
	}
}

var now = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func TestMakePlan(t *testing.T) {
	site := Site{
		Personas: []Persona{{Slug: "guest", Name: "Attendee"}, {Slug: "me", Name: ""}},
		Channels: []config.Channel{{ID: "social", Name: "Social Media", Kind: "digital"}, {ID: "web", Name: "Website", Kind: "digital"}},
		Journeys: map[string]string{"day": "content/journeys/day.md", "trip": "content/journeys/old/trip.md"},
	}
	d := &Draft{File: "x.mmd", Line: 1, Title: "Work: a day", Personas: []string{"attendee", "ME", "Cat", "cat"},
		Stages: []*Stage{
			{Name: "Start", Steps: []Step{{Name: "Wake", Emotion: Emotion{1, true}, Actors: []string{"cat", "Cat", "attendee"}, Line: 3}}},
			{Name: "Start", Touchpoints: []Touchpoint{
				{Name: "Post", Channels: []string{"Social media", "WEB", "website", "Page"}, Line: 4, Col: 2},
				{Name: "Kiosk", Channels: []string{"page"}, Line: 5, Col: 2},
			}, Notes: []Note{{"Odd [label]", []string{"<b>x</b> [a](javascript:alert(1))", "*y*"}}}},
			{Name: "!!!", Emotion: Emotion{-0.5, true}},
		}}
	p, errs := MakePlan([]*Draft{d}, site, PlanOptions{Now: now})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	if len(p.Journeys) != 1 || p.Journeys[0].Path != "content/journeys/work-a-day.md" || p.Journeys[0].Replaces {
		t.Fatalf("journeys %+v", p.Journeys)
	}
	if !reflect.DeepEqual(p.Personas, []Persona{{Slug: "cat", Name: "Cat", From: diag.Position{File: "x.mmd", Line: 3}}}) {
		t.Errorf("new personas %+v", p.Personas)
	}
	var ids []string
	for _, c := range p.Channels {
		ids = append(ids, c.ID+"="+c.Name+"/"+c.Kind)
	}
	if want := []string{"page-2=Page/digital"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("new channels %q, want %q", ids, want)
	}
	text := p.Journeys[0].Text
	for _, w := range []string{
		`title    = "Work: a day"`,
		`personas = ["guest", "me", "cat"]`,
		`status   = "review"`,
		`updated  = 2026-03-01`,
		// Two stages of one name: neither id may be the name, which
		// the heading of the notes would match to the second.
		"[[stages]]\nname = \"Start\"\nid   = \"start-2\"\n",
		"[[stages]]\nname = \"Start\"\nid   = \"start-3\"\n",
		"[[stages]]\nname    = \"!!!\"\nid      = \"stage-3\"\nemotion = -0.5\n",
		"  name     = \"Wake\"\n  emotion  = 1\n  personas = [\"cat\", \"guest\"]\n",
		"  name     = \"Post\"\n  channels = [\"social\", \"web\", \"page-2\"]\n",
		"  name     = \"Kiosk\"\n  channels = [\"page-2\"]\n",
		"## start-3\n\n### Odd \\[label\\]\n\n- \\<b\\>x\\<\\/b\\> \\[a\\]\\(javascript\\:alert\\(1\\)\\)\n- \\*y\\*\n",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("journey lacks %q:\n%s", w, text)
		}
	}
	if !strings.Contains(p.SiteTOML, "[[channels]]\nid   = \"page-2\"\nname = \"Page\"\nkind = \"digital\"\n") {
		t.Errorf("site.toml addition:\n%s", p.SiteTOML)
	}
}

func TestMakePlanClashes(t *testing.T) {
	site := Site{Journeys: map[string]string{"day": "content/journeys/day.md", "trip": "content/journeys/old/trip.md"}}
	drafts := []*Draft{
		{File: "a.mmd", Line: 1, Title: "Day", Stages: []*Stage{{Name: "S"}}},
		{File: "b.mmd", Line: 2, Title: "Trip", Stages: []*Stage{{Name: "S"}}},
		{File: "c.csv", Line: 1, Title: "New", Stages: []*Stage{{Name: "S"}}},
		{File: "d.csv", Line: 1, Title: "new!", Stages: []*Stage{{Name: "S"}}},
		{File: "e.mmd", Line: 1, Title: "🙂", Stages: []*Stage{{Name: "S"}}},
	}
	_, errs := MakePlan(drafts, site, PlanOptions{Now: now})
	got := errs.Format()
	for _, w := range []string{
		"a.mmd:1: content/journeys/day.md already exists\n\thint: pass --force to replace it",
		`b.mmd:2: a journey with the slug "trip" already exists: content/journeys/old/trip.md`,
		"d.csv:1: d.csv would write content/journeys/new.md too, as c.csv does",
		`e.mmd:1: title "🙂" gives no file name`,
	} {
		if !strings.Contains(got, w) {
			t.Errorf("errors lack %q:\n%s", w, got)
		}
	}
	p, errs := MakePlan(drafts[:1], site, PlanOptions{Now: now, Force: true})
	if len(errs) > 0 || !p.Journeys[0].Replaces {
		t.Errorf("--force: %v, %+v", errs, p.Journeys)
	}
}

// TestMarkdownText: text written into a body reads as written on the
// page, whatever Markdown or HTML it holds.
func TestMarkdownText(t *testing.T) {
	md := markdown.New(markdown.Options{})
	for _, s := range []string{
		"<script>alert(1)</script>", "[a](javascript:alert(1))", "*not em* _nor_ `code`",
		"# not a heading", "1. not a list", "a\\b", "&amp; stays", "https://example.org", "|pipe|",
	} {
		doc, err := md.Render([]byte(markdownText(s)))
		if err != nil {
			t.Fatal(err)
		}
		got := strings.TrimSpace(html.UnescapeString(strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(string(doc.Intro)), "<p>"), "</p>")))
		if got != s {
			t.Errorf("%q renders as %q", s, doc.Intro)
		}
	}
}

// FuzzRead: no input makes Read panic, and whatever it reads without
// errors makes a journey that loads without problems, with its new
// personas and channels.
func FuzzRead(f *testing.F) {
	f.Add("a.mmd", "journey\n title T\n section S\n  A: 3: Me\n")
	f.Add("a.md", "# T\n\n| Stage | A |\n|---|---|\n| Emotion (1-5) | 4 |\n")
	f.Add("a.csv", "\uFEFFStage;A;B\r\nActions;\"x\r\ny\";z\r\nEmotion (-5 to +5);-5;5\r\n")
	f.Add("a.tsv", "Stage\tA\nTouchpoints\tEmail; Web\nChannels\t\n")
	f.Add("a.csv", "Stage,A\nStage,B\n,\nOwner,x\nMoment of truth,maybe\n")
	f.Add("a.csv", "Stage,A,a,!!!\nOdd <b>,[x](javascript:1),## A,+++\nEvidence,survey,,\n")
	f.Fuzz(func(t *testing.T, file, src string) {
		d, errs := Read(file, []byte(src), Options{})
		if d == nil || errs.HasErrors() {
			return
		}
		p, errs := MakePlan([]*Draft{d}, Site{}, PlanOptions{Now: now})
		if errs.HasErrors() {
			return // a title or channel without letters or digits
		}
		fsys := fstest.MapFS{
			"site.toml": {Data: []byte("title = \"T\"\n" + p.SiteTOML)},
		}
		for _, j := range p.Journeys {
			fsys[j.Path] = &fstest.MapFile{Data: []byte(j.Text)}
		}
		for _, pe := range p.Personas {
			fsys["content/personas/"+pe.Slug+".md"] = &fstest.MapFile{Data: []byte("+++\nname = " + tomldoc.Quote(pe.Name) + "\n+++\n")}
		}
		cfg, errs := config.Load(fsys)
		if cfg == nil || errs.HasErrors() {
			t.Fatalf("site.toml: %v\n%s", errs, p.SiteTOML)
		}
		if _, errs := content.Load(fsys, cfg, content.Options{Drafts: true}); errs.HasErrors() {
			t.Fatalf("%s\n%s", errs.Format(), p.Journeys[0].Text)
		}
	})
}
