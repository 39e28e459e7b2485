package pagedata

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/content"
)

// slideCase is a journey to lay out as a slide, built by slideJourney.
type slideCase struct {
	name                        string
	stages                      int
	stage                       func(i int) string // the stage's name
	pain                        func(i int) string // its first pain point; "" for none
	personas                    int                // how many; each rated apart when perPersona
	perPersona, unrated, future bool
	longTitle                   bool // a title too long for two lines
	whole                       bool // every pain point and opportunity must be there in full
	today                       bool // a future state that names its current state
}

var (
	shortName = func(i int) string { return fmt.Sprintf("Stage %d", i+1) }
	longName  = func(i int) string {
		return "Comparing the Kreditkartenabrechnungsverfahren of every provider in town before deciding anything " + fmt.Sprint(i)
	}
	cjkName = func(i int) string {
		return "申请信用卡并等待银行审批结果通知第" + fmt.Sprint(i) + "阶段"
	}
	onePain = func(i int) string {
		return "The finance application takes fourteen minutes on average and asks twice for information the customer already gave"
	}
	cjkPain = func(i int) string {
		return "在线申请表格太长，客户需要重复填写已经提供过的信息，很多人在付款前放弃了。"
	}
)

var slideCases = []slideCase{
	{name: "3 stages", stages: 3, stage: shortName, pain: onePain, personas: 1, whole: true},
	{name: "7 stages", stages: 7, stage: shortName, pain: onePain, personas: 1, whole: true},
	{name: "12 stages", stages: 12, stage: shortName, pain: onePain, personas: 1},
	{name: "12 long names", stages: 12, stage: longName, pain: onePain, personas: 1},
	{name: "3 long names", stages: 3, stage: longName, pain: onePain, personas: 1},
	{name: "7 CJK", stages: 7, stage: cjkName, pain: cjkPain, personas: 1},
	{name: "12 CJK", stages: 12, stage: cjkName, pain: cjkPain, personas: 1},
	{name: "two personas", stages: 7, stage: shortName, pain: onePain, personas: 2, perPersona: true, whole: true},
	{name: "six personas, 12 stages", stages: 12, stage: longName, pain: onePain, personas: 6, perPersona: true},
	{name: "no emotions", stages: 5, stage: shortName, pain: onePain, unrated: true},
	{name: "no pain points", stages: 4, stage: shortName, pain: func(int) string { return "" }},
	{name: "future state", stages: 7, stage: shortName, pain: onePain, personas: 1, future: true},
	{name: "future state and today", stages: 7, stage: shortName, pain: onePain, personas: 1, future: true, today: true},
	{name: "long title", stages: 7, stage: cjkName, pain: onePain, personas: 2, perPersona: true, longTitle: true},
	// Past the range the slide is made for it still keeps its text in.
	{name: "1 stage", stages: 1, stage: longName, pain: onePain},
	{name: "20 stages", stages: 20, stage: longName, pain: onePain, personas: 2, perPersona: true},
}

func slideJourney(c slideCase) *content.Journey {
	j := &content.Journey{Slug: "j", Title: "Buying a cargo bike on finance, from the first idea to the first school run", State: "current", Status: "published",
		Updated: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}
	if c.future {
		j.State, j.Status = "future", "draft"
	}
	if c.today {
		cur := &content.Journey{Slug: "now", Title: "Buying a cargo bike today", State: "current"}
		for i := range c.stages {
			if i != 1 { // one stage the plan adds
				// Half a step below the plan: where a positive value's
				// label would go.
				v := []float64{1, 2, -1, -0.5, 0}[i%5] - 0.5
				cur.Stages = append(cur.Stages, &content.Stage{ID: fmt.Sprint(i), Name: "Was", Emotion: emo(v), Journey: cur})
			}
		}
		j.Current = cur
	}
	if c.longTitle {
		j.Title = strings.Repeat(j.Title+", and then ", 3)
	}
	for p := range c.personas {
		j.Personas = append(j.Personas, &content.Persona{Slug: fmt.Sprintf("p%d", p), Name: fmt.Sprintf("Persona Number%d Longname", p)})
	}
	for i := range c.stages {
		st := &content.Stage{ID: fmt.Sprint(i), Name: c.stage(i), Journey: j, MomentOfTruth: i == 1,
			Opportunities: []string{"Offer a soft credit check on the product page, with the monthly cost shown", "second"}}
		if p := c.pain(i); p != "" {
			st.PainPoints = []string{p}
			if i%2 == 0 {
				st.PainPoints = append(st.PainPoints, "another", "and another")
			}
		}
		v := []float64{1, 2, -1, -0.5, 0}[i%5]
		switch {
		case c.unrated:
		case c.perPersona:
			for p, pe := range j.Personas {
				st.Emotion.ByPersona = append(st.Emotion.ByPersona, content.PersonaEmotion{Persona: pe.Slug, Value: max(-2, v-float64(p)/2)})
			}
			st.Emotion.Set = true
		default:
			st.Emotion = emo(v)
		}
		st.Touchpoints = []*content.Touchpoint{{Name: "Card declined at the till", Stage: st}}
		if i == 2 && !c.unrated {
			st.Touchpoints[0].Emotion = emo(-2)
		}
		j.Stages = append(j.Stages, st)
	}
	return j
}

// slideBox is a rectangle a piece of the slide takes.
type slideBox struct {
	what       string
	x, y, w, h float64
}

func (b slideBox) overlaps(o slideBox) bool {
	const eps = 0.01
	return b.x+eps < o.x+o.w && o.x+eps < b.x+b.w && b.y+eps < o.y+o.h && o.y+eps < b.y+b.h
}

func textBox(what string, t SlideText) slideBox { return slideBox{what, t.X, t.Y, t.W, t.H} }

// slideBoxes are the boxes of every piece of s that must not overlap.
func slideBoxes(s *Slide) []slideBox {
	var out []slideBox
	add := func(what string, t SlideText) {
		if len(t.Lines) > 0 {
			out = append(out, textBox(what, t))
		}
	}
	add("title", s.Title)
	for i, m := range s.Meta {
		out = append(out, slideBox{fmt.Sprintf("legend %d %q", i, m.Text), m.X, m.Y - slideMetaSize, m.W, slideMetaSize * slideLead})
	}
	for _, col := range s.Columns {
		out = append(out, slideBox{fmt.Sprintf("number %d", col.Number), col.X + slidePad, s.NumberY - s.LabelSize, col.W - 2*slidePad, s.LabelSize * slideLead})
		add(fmt.Sprintf("name %d", col.Number), col.Name)
		add(fmt.Sprintf("pain %d", col.Number), col.Pain)
		add(fmt.Sprintf("more pains %d", col.Number), col.MorePains)
		add(fmt.Sprintf("opportunity %d", col.Number), col.Opportunity)
		add(fmt.Sprintf("more opportunities %d", col.Number), col.MoreOpportunities)
	}
	add("worst", s.Worst)
	if s.Curve != nil {
		out = append(out, slideBox{"curve", s.CurveX, s.CurveY, s.Curve.Width, s.Curve.Height})
	}
	add("pain heading", s.PainHeading)
	add("opportunity heading", s.OpportunityHeading)
	add("site", s.Site)
	add("note", s.Note)
	return out
}

func TestSlideGeometry(t *testing.T) {
	for _, c := range slideCases {
		t.Run(c.name, func(t *testing.T) {
			j := slideJourney(c)
			s := newSlide(j, compare(j), worstMoment(j), "Northwind Bikes: customer journeys")
			if s.Width*9 != s.Height*16 {
				t.Errorf("%v × %v is not 16:9", s.Width, s.Height)
			}
			boxes := slideBoxes(s)
			for _, b := range boxes {
				if b.x < 0 || b.y < 0 || b.x+b.w > s.Width || b.y+b.h > s.Height {
					t.Errorf("%s at %v,%v %v × %v is off the %v × %v canvas", b.what, b.x, b.y, b.w, b.h, s.Width, s.Height)
				}
			}
			for i, a := range boxes {
				for _, b := range boxes[i+1:] {
					if a.overlaps(b) {
						t.Errorf("%s %+v overlaps %s %+v", a.what, a, b.what, b)
					}
				}
			}
			if len(s.Columns) != c.stages {
				t.Fatalf("%d columns for %d stages", len(s.Columns), c.stages)
			}
			for _, col := range s.Columns {
				// Every line of a column's text is within the column.
				for what, tx := range map[string]SlideText{"name": col.Name, "pain": col.Pain, "opportunity": col.Opportunity,
					"more pains": col.MorePains, "more opportunities": col.MoreOpportunities} {
					if len(tx.Lines) > 0 && (tx.X < col.X || tx.X+tx.W > col.X+col.W) {
						t.Errorf("stage %d's %s slideBox %v–%v is outside its column %v–%v", col.Number, what, tx.X, tx.X+tx.W, col.X, col.X+col.W)
					}
					checkLines(t, fmt.Sprintf("stage %d's %s", col.Number, what), tx)
				}
				if len(col.Name.Lines) == 0 || len(col.Name.Lines) > slideNameLines {
					t.Errorf("stage %d's name in %d lines", col.Number, len(col.Name.Lines))
				}
				if c.whole && (col.Pain.Cut || col.Opportunity.Cut || col.Name.Cut) {
					t.Errorf("stage %d's text cut where there is room: %v, %v", col.Number, col.Pain.Lines, col.Opportunity.Lines)
				}
				if len(col.Pain.Lines) == 0 || len(col.Opportunity.Lines) == 0 {
					t.Errorf("stage %d: no room for its pain point or opportunity", col.Number)
				}
			}
			for _, tx := range []SlideText{s.Title, s.Worst, s.Site, s.Note} {
				checkLines(t, "slide text", tx)
			}
			for _, v := range s.Values {
				w := textWidth(v.Text, s.ValueSize, true)
				vb := slideBox{"value", s.CurveX + v.X - w/2, s.CurveY + v.Y - s.ValueSize, w, s.ValueSize * slideLead}
				if vb.x < s.CurveX || vb.y < s.CurveY || vb.y+vb.h > s.CurveY+s.Curve.Height {
					t.Errorf("value %q at %v,%v leaves the curve's band", v.Text, v.X, v.Y)
				}
				if s.Curve.Today == nil {
					continue
				}
				for _, p := range s.Curve.Today.Points {
					if m := (slideBox{"today's marker", s.CurveX + p.X - 8, s.CurveY + p.Y - 8, 16, 16}); m.overlaps(vb) {
						t.Errorf("value %q at %v,%v covers today's marker at %v,%v", v.Text, v.X, v.Y, p.X, p.Y)
					}
				}
			}
			checkSlideContent(t, c, j, s)
		})
	}
}

// checkLines checks that each line of t fits its slideBox by the estimate, and
// that a text is cut only with "…" and a tooltip.
func checkLines(t *testing.T, what string, tx SlideText) {
	t.Helper()
	for _, l := range tx.Lines {
		if w := textWidth(l.Text, tx.Size, tx.Bold); w > tx.W+0.01 {
			t.Errorf("%s: %q is %.1f wide in a slideBox of %.1f", what, l.Text, w, tx.W)
		}
	}
	if n := len(tx.Lines); n > 0 && tx.Cut != strings.HasSuffix(tx.Lines[n-1].Text, "…") {
		t.Errorf("%s: cut %v, but its last line is %q", what, tx.Cut, tx.Lines[n-1].Text)
	}
}

func checkSlideContent(t *testing.T, c slideCase, j *content.Journey, s *Slide) {
	t.Helper()
	var legend []string
	for _, m := range s.Meta {
		if m.Marker != "" {
			legend = append(legend, m.Text)
		}
	}
	switch {
	case c.unrated:
		if s.Curve != nil || !strings.Contains(s.Worst.Text, "rated") {
			t.Errorf("unrated map: curve %v, worst %q", s.Curve, s.Worst.Text)
		}
	case c.perPersona:
		if len(s.Curve.Series) != c.personas || len(legend) != c.personas || !strings.HasPrefix(legend[0], "Persona Number0") {
			t.Errorf("%d persona lines, legend %q, for %d personas", len(s.Curve.Series), legend, c.personas)
		}
	default:
		if len(s.Curve.Series) != 0 || len(legend) != 0 || len(s.Values) != len(j.Stages) {
			t.Errorf("one line: %d series, legend %q, %d values", len(s.Curve.Series), legend, len(s.Values))
		}
	}
	if !c.unrated && c.stages >= 3 {
		// The lowest point is in stage 3: its -2 touchpoint, or with
		// more than two personas the third's -2 there, which comes
		// first in map order.
		want := "stage 3, " + j.Stages[2].Name[:5]
		if c.personas <= 2 {
			want = "Card declined"
		}
		if s.Curve.Worst == nil || !strings.Contains(s.Worst.Text, want) || !s.Columns[2].Worst {
			t.Errorf("worst %q, ring %v", s.Worst.Text, s.Curve.Worst)
		}
	}
	meta := ""
	for _, m := range s.Meta {
		meta += m.Text + "|"
	}
	if want := map[bool]string{true: "Future state (planned) · Draft", false: "Current state"}[c.future]; !strings.Contains(meta, want) {
		t.Errorf("legend %q, want %q", meta, want)
	}
	if c.longTitle != s.Title.Cut || (c.longTitle && (len(s.Title.Lines) != 2 || s.Title.Size != slideTitleSmall)) {
		t.Errorf("title cut %v in %d lines at %v px", s.Title.Cut, len(s.Title.Lines), s.Title.Size)
	}
	hasToday := s.Curve != nil && s.Curve.Today != nil
	if c.today != strings.Contains(meta, "Today: Buying a cargo bike today") || c.today != hasToday {
		t.Errorf("legend %q, today's line %v", meta, hasToday)
	}
	if c.today && len(s.Curve.Today.Points) != c.stages-1 {
		t.Errorf("today's line has %d points, want %d", len(s.Curve.Today.Points), c.stages-1)
	}
	if c.future && !strings.HasPrefix(s.Worst.Text, "Lowest planned point") {
		t.Errorf("future map's worst: %q", s.Worst.Text)
	}
	// The rule: the first pain point listed, "+N more" under it.
	first := s.Columns[0]
	if len(j.Stages[0].PainPoints) > 0 {
		if first.Pain.Text != j.Stages[0].PainPoints[0] || first.MorePains.Text != "+2 more" {
			t.Errorf("first stage's pain %q, more %q", first.Pain.Text, first.MorePains.Text)
		}
	} else if first.Pain.Text != "—" || len(first.MorePains.Lines) != 0 {
		t.Errorf("a stage without pain points: %q", first.Pain.Text)
	}
	if strings.Contains(s.Desc, " Stage 1,") && !strings.Contains(s.Desc, ". Stage 1,") {
		t.Errorf("desc runs the curve into the stages: %q", s.Desc)
	}
	if !strings.Contains(s.Desc, j.Stages[len(j.Stages)-1].Name) || !strings.Contains(s.Desc, "Top opportunity: Offer a soft credit check") {
		t.Errorf("desc %q", s.Desc)
	}
}

func slideTexts(s *Slide) []SlideText {
	out := []SlideText{s.Title, s.Worst, s.PainHeading, s.OpportunityHeading, s.Site, s.Note}
	for _, col := range s.Columns {
		out = append(out, col.Name, col.Pain, col.MorePains, col.Opportunity, col.MoreOpportunities)
	}
	return out
}

func TestShareLines(t *testing.T) {
	tests := []struct{ total, a, b, wantA, wantB int }{
		{10, 3, 4, 3, 4},  // room for both
		{10, 2, 12, 2, 8}, // the short one whole, the rest to the long one
		{10, 12, 3, 7, 3},
		{10, 8, 9, 5, 5}, // both long: half each
		{3, 5, 5, 1, 2},
	}
	for _, tt := range tests {
		if a, b := shareLines(tt.total, tt.a, tt.b); a != tt.wantA || b != tt.wantB {
			t.Errorf("shareLines(%d, %d, %d) = %d, %d; want %d, %d", tt.total, tt.a, tt.b, a, b, tt.wantA, tt.wantB)
		}
	}
}

func TestFitLines(t *testing.T) {
	tests := []struct {
		text  string
		lines int
		want  []string
		cut   bool
	}{
		{"", 2, nil, false},
		{"Pay", 2, []string{"Pay"}, false},
		{"Pay at the till now", 2, []string{"Pay at the", "till now"}, false},
		{"  spaces   between\twords ", 2, []string{"spaces", "between…"}, true},
		// A word wider than a line breaks inside, with a hyphen.
		{"Kreditkartenabrechnung", 3, []string{"Kreditkar-", "tenabrech-", "nung"}, false},
		// Three letters at least go on to the next line.
		{"Discovering", 3, []string{"Discover-", "ing"}, false},
		{"Discoverin", 3, []string{"Discoverin"}, false},
		// Cut at a word boundary; the comma before the ellipsis goes.
		{"Pay by card, or by phone, or later", 2, []string{"Pay by", "card, or…"}, true},
		{"one two three four five six", 1, []string{"one two…"}, true},
		{"one two, three", 1, []string{"one two…"}, true},
		// CJK breaks between any two characters, no hyphen; closing
		// punctuation stays with its character.
		{"申请信用卡并等待银行审批结果", 2, []string{"申请信用卡并等待银行", "审批结果"}, false},
		{"等待银行审批结果通知，很慢", 2, []string{"等待银行审批结果通", "知，很慢"}, false},
		{"申请信用卡并等待银行审批结果通知很慢", 1, []string{"申请信用卡并等待银…"}, true},
		{"Pay 申请信用卡", 1, []string{"Pay 申请信用卡"}, false},
	}
	for _, tt := range tests {
		got, cut := fitLines(tt.text, tt.lines, 10, runeCount)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || cut != tt.cut {
			t.Errorf("fitLines(%q, %d) = %q, %v; want %q, %v", tt.text, tt.lines, got, cut, tt.want, tt.cut)
		}
	}
}

func TestTextWidth(t *testing.T) {
	tests := []struct {
		wider, narrower string
	}{
		{"WWW", "iii"},
		{"mmm", "nnn"},
		{"申请", "ab"},
		{"ABC", "abc"},
	}
	for _, tt := range tests {
		if a, b := textWidth(tt.wider, 20, false), textWidth(tt.narrower, 20, false); a <= b {
			t.Errorf("%q is %.1f wide, %q %.1f", tt.wider, a, tt.narrower, b)
		}
	}
	if w := textWidth("申请信用卡", 20, false); w != 100 {
		t.Errorf("five CJK characters at 20 px: %v wide, want an em each", w)
	}
	if a, b := textWidth("Checkout", 20, true), textWidth("Checkout", 20, false); a <= b {
		t.Errorf("bold %v not wider than regular %v", a, b)
	}
}

// FuzzFitLines: whatever the text and the width, every line fits, there
// are no more lines than asked for, none is empty, and either nothing is
// lost (the characters are all there, less the spaces it broke at and the
// hyphens it added) or the text is cut and its last line says so.
func FuzzFitLines(f *testing.F) {
	for _, seed := range []string{"", "Pay", "Pay at the till, now", "Kreditkartenabrechnungsverfahren",
		"申请信用卡并等待银行审批结果", "等待银行审批结果通知，很慢", "Pay 申请 card", "a — b … c", "  \t ", "x-y-z", "🚲🚲🚲 bike"} {
		f.Add(seed, 3, 120.0)
	}
	f.Fuzz(func(t *testing.T, text string, lines int, w float64) {
		if !utf8.ValidString(text) || lines < 1 || lines > 20 || w < 40 || w > 2000 || math.IsNaN(w) {
			t.Skip()
		}
		fits := func(l string) bool { return textWidth(l, 16, false) <= w }
		out, cut := fitLines(text, lines, w, widthAt(16, false))
		if len(out) > lines {
			t.Fatalf("%d lines, asked for %d", len(out), lines)
		}
		for _, l := range out {
			if l == "" || !fits(l) {
				t.Fatalf("line %q: empty or %.1f wide in %.1f", l, textWidth(l, 16, false), w)
			}
		}
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) || r == '-' {
					return -1
				}
				return r
			}, s)
		}
		if cut {
			if last := out[len(out)-1]; !strings.HasSuffix(last, "…") {
				t.Fatalf("cut, but the last line is %q", last)
			}
		} else if got, want := strip(strings.Join(out, "")), strip(text); got != want {
			t.Fatalf("lines %q lose text: %q, want %q", out, got, want)
		}
	})
}
