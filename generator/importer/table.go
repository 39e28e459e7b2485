package importer

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/waymark-cx/waymark/generator/diag"
)

// fromGrid makes a draft of a table in either of the layouts templates
// use: a column per stage and a row per lane ("Stage | Awareness |
// Consideration", then "Customer Actions", "Touchpoints", …), or a row
// per stage and a column per lane ("Stage | Thoughts / Feelings | CX Pain
// Points | Emotion (-5 to +5)"). The layout is the one whose labels it
// recognises more of.
func fromGrid(g *grid, title string, opts Options) (*Draft, diag.List) {
	var errs diag.List
	m := g.dense()
	if len(m) < 2 || len(m[0]) < 2 {
		errs.Add(diag.Position{File: g.file, Line: 1}, "a journey map's table has a row of stages' names and a row per lane (Actions, Touchpoints, Emotion…), or a column of each",
			"the table has too few rows or columns to hold a journey")
		return nil, errs
	}
	byColumn, byRow := 0, 0 // lanes recognised if stages are columns, if they are rows
	for i := 1; i < len(m); i++ {
		if l := readLabel(m[i][0].text).lane; l != laneUnknown && l != laneStage {
			byColumn++
		}
	}
	for j := 1; j < len(m[0]); j++ {
		if l := readLabel(m[0][j].text).lane; l != laneUnknown && l != laneStage {
			byRow++
		}
	}
	if byColumn == 0 && byRow == 0 {
		errs.Add(g.pos(m[0][0]), "label each row (or each column) with its lane: "+strings.Join(knownLabels(), ", "),
			"no row or column is labelled with a lane waymark knows")
		return nil, errs
	}
	what := "row"
	if byRow > byColumn {
		m = transpose(m)
		what = "column"
	}
	// Now the stages are columns. Their names are in the row labelled
	// "Stage" or "Phase", or else the first.
	names := 0
	for i := range m {
		if readLabel(m[i][0].text).lane == laneStage {
			names = i
			break
		}
	}
	t := &tableReader{g: g, opts: opts, what: what, errs: &errs}
	d := &Draft{File: g.file, Line: max(m[0][0].line, 1), Title: title}
	var columns []int // of m, one per stage
	for j := 1; j < len(m[0]); j++ {
		c := m[names][j]
		name := strings.Join(strings.Fields(c.text), " ")
		if name == "" {
			errs.Add(g.pos(c), fmt.Sprintf("write the stage's name at the head of its %s", map[string]string{"row": "column", "column": "row"}[what]),
				"a stage without a name")
			continue
		}
		d.Stages = append(d.Stages, &Stage{Name: name, Line: c.line, Col: c.col})
		columns = append(columns, j)
	}
	t.stages = d.Stages
	t.touch = make([]stageTouch, len(d.Stages))
	for i := range m {
		if i == names {
			continue
		}
		cells := make([]cell, len(columns))
		for k, j := range columns {
			cells[k] = m[i][j]
		}
		t.lane(m[i][0], cells)
	}
	t.touchpoints()
	if errs.HasErrors() {
		return nil, errs
	}
	return d, errs
}

// tableReader reads a table's lanes into its stages.
type tableReader struct {
	g      *grid
	opts   Options
	what   string // "row" or "column": what a lane is, for messages
	errs   *diag.List
	stages []*Stage
	touch  []stageTouch
	seen   map[lane]cell // the label of each lane read, for "a second …"
}

// stageTouch is what a stage's touchpoints are made of, once every lane
// is read.
type stageTouch struct {
	touchpoints, channels, owners []string
	ownerLabel                    string
	line, col                     int
}

func (t *tableReader) lane(head cell, cells []cell) {
	if !slices.ContainsFunc(cells, func(c cell) bool { return c.text != "" }) {
		if head.text != "" {
			t.errs.Warn(t.g.pos(head), "", "%s %q is empty: nothing to import", t.what, head.text)
		}
		return
	}
	lbl := readLabel(head.text)
	if lbl.lane == laneEmotion && !anyNumber(cells) {
		t.errs.Warn(t.g.pos(head), "write a number per stage to draw the curve, e.g. on the scale -2..2, or one its label names: Emotion (1-5)",
			"%s %q holds no numbers: imported as the stages' feeling, in words", t.what, head.text)
		lbl.lane = laneFeeling
	}
	if lbl.lane == laneEmotion || lbl.lane == laneStage {
		if t.seen == nil {
			t.seen = map[lane]cell{}
		}
		if first, dup := t.seen[lbl.lane]; dup && lbl.lane == laneEmotion {
			t.errs.Add(t.g.pos(head), fmt.Sprintf("the emotion is read from the %s at line %d; rename this one to keep it as notes", t.what, first.line),
				"a second emotion %s", t.what)
			return
		}
		t.seen[lbl.lane] = head
	}
	for k, c := range cells {
		if c.text == "" {
			continue
		}
		s := t.stages[k]
		items := splitItems(c.text)
		switch lbl.lane {
		case laneDoing:
			s.Doing = append(s.Doing, items...)
		case laneThinking:
			s.Thinking = append(s.Thinking, items...)
		case laneFeeling:
			s.Feeling = joinText(s.Feeling, strings.Join(items, ", "), ", ")
		case laneEmotion:
			t.emotion(s, head, c, lbl.scale)
		case lanePainPoints:
			s.PainPoints = append(s.PainPoints, items...)
		case laneOpportunities:
			s.Opportunities = append(s.Opportunities, items...)
		case laneKPIs:
			s.KPIs = append(s.KPIs, items...)
		case laneGoal:
			s.Goal = joinText(s.Goal, strings.Join(items, "; "), "; ")
		case laneDescription:
			s.Description = joinText(s.Description, strings.Join(items, " "), " ")
		case laneFrontstage:
			s.Frontstage = append(s.Frontstage, items...)
		case laneBackstage:
			s.Backstage = append(s.Backstage, items...)
		case laneTouchpoints:
			t.touch[k].touchpoints = append(t.touch[k].touchpoints, items...)
			t.touch[k].line, t.touch[k].col = c.line, c.col
		case laneChannels:
			t.touch[k].channels = append(t.touch[k].channels, items...)
			if t.touch[k].line == 0 {
				t.touch[k].line, t.touch[k].col = c.line, c.col
			}
		case laneOwner:
			t.touch[k].owners = append(t.touch[k].owners, items...)
			t.touch[k].ownerLabel = labelText(head)
		case laneEvidence:
			for _, it := range items {
				if kind := evidenceKind(it); kind != "" {
					s.Evidence = append(s.Evidence, Evidence{Kind: kind, Title: it})
				} else {
					addNote(s, labelText(head), it)
				}
			}
		case laneMomentOfTruth:
			if yes, text := truth(c.text); yes {
				s.MomentOfTruth = true
				if text {
					addNote(s, labelText(head), items...)
				}
			}
		default: // laneUnknown, or a second row of stage names
			addNote(s, labelText(head), items...)
		}
	}
	switch lbl.lane {
	case laneUnknown:
		hint := diag.Suggest(normalLabel(head.text), allLabels())
		if hint == "" {
			hint = "to import it as a lane, label it as one: " + strings.Join(knownLabels(), ", ")
		}
		t.errs.Warn(t.g.pos(head), hint, "%s %q is not a lane waymark knows: kept as stage notes under %q", t.what, head.text, labelText(head))
	case laneStage:
		t.errs.Warn(t.g.pos(head), "", "a second %s of stage names, %q: kept as stage notes", t.what, head.text)
	}
}

// emotion reads a stage's emotion from a cell of a numeric lane, on the
// scale the label names, or --scale, or -2..2.
func (t *tableReader) emotion(s *Stage, head, c cell, named *Scale) {
	scale, from := TableScale, "waymark's scale"
	switch {
	case named != nil:
		scale, from = *named, "the scale its label names"
	case t.opts.Scale != nil:
		scale, from = *t.opts.Scale, "--scale"
	}
	v, err := parseNumber(c.text)
	switch {
	case err != nil:
		t.errs.Add(t.g.pos(c), fmt.Sprintf("write one number on %s, %s", from, scale),
			"emotion %q of stage %q is not a number", c.text, s.Name)
	case !scale.Contains(v):
		hint := fmt.Sprintf("name the scale in the label, e.g. %q, or pass --scale MIN..MAX", labelText(head)+" ("+scaleOf(v, scale).String()+")")
		t.errs.Add(t.g.pos(c), hint, "emotion %v of stage %q is outside %s, %s", v, s.Name, from, scale)
	default:
		s.Emotion = scale.Emotion(v)
	}
}

// scaleOf is a common scale that holds v, for a hint: 1..5, -5..5,
// 0..10 or 0..100, or else scale stretched to v.
func scaleOf(v float64, scale Scale) Scale {
	for _, s := range []Scale{{1, 5}, {-5, 5}, {0, 10}, {0, 100}} {
		if s.Contains(v) && s != scale {
			return s
		}
	}
	return Scale{min(scale.Min, v), max(scale.Max, v)}
}

// touchpoints makes each stage's touchpoints of its touchpoints and
// channels lanes: with both, each touchpoint is on every channel named;
// with touchpoints alone, each names its channel ("Email", "Store"); with
// channels alone, each channel is a touchpoint. Owners go to the stage's
// touchpoints; a stage without any keeps them as notes.
func (t *tableReader) touchpoints() {
	for k, tc := range t.touch {
		s := t.stages[k]
		switch {
		case len(tc.touchpoints) > 0 && len(tc.channels) > 0:
			for _, name := range tc.touchpoints {
				s.Touchpoints = append(s.Touchpoints, Touchpoint{Name: name, Channels: tc.channels, Line: tc.line, Col: tc.col})
			}
		default:
			for _, name := range append(tc.touchpoints, tc.channels...) {
				s.Touchpoints = append(s.Touchpoints, Touchpoint{Name: name, Channels: []string{name}, Line: tc.line, Col: tc.col})
			}
		}
		if len(tc.owners) == 0 {
			continue
		}
		if len(s.Touchpoints) == 0 {
			addNote(s, tc.ownerLabel, tc.owners...)
			continue
		}
		for i := range s.Touchpoints {
			s.Touchpoints[i].Owner = strings.Join(tc.owners, ", ")
		}
	}
}

// dense is the grid without its empty rows and columns, every row as long
// as the longest, a missing cell at its row's start.
func (g *grid) dense() [][]cell {
	width := 0
	var rows [][]cell
	for _, r := range g.rows {
		if slices.ContainsFunc(r, func(c cell) bool { return c.text != "" }) {
			rows = append(rows, r)
			width = max(width, len(r))
		}
	}
	used := make([]bool, width)
	for _, r := range rows {
		for j, c := range r {
			used[j] = used[j] || c.text != ""
		}
	}
	out := make([][]cell, len(rows))
	for i, r := range rows {
		for j := range width {
			if !used[j] {
				continue
			}
			c := cell{line: r[0].line, col: r[0].col}
			if j < len(r) {
				c = r[j]
			}
			out[i] = append(out[i], c)
		}
	}
	return out
}

func transpose(m [][]cell) [][]cell {
	out := make([][]cell, len(m[0]))
	for j := range out {
		out[j] = make([]cell, len(m))
		for i := range m {
			out[j][i] = m[i][j]
		}
	}
	return out
}

// splitItems splits a cell into its items: one a line, or between ";"
// or bullets, each without the list marker it was written with ("- ",
// "* ", "1. ").
func splitItems(s string) []string {
	var out []string
	for _, it := range strings.FieldsFunc(s, func(r rune) bool {
		return r == '\n' || r == '\r' || r == ';' || r == '•' || r == '◦' || r == '▪'
	}) {
		it = listMarker.ReplaceAllString(strings.TrimSpace(it), "")
		if it = strings.TrimSpace(it); it != "" {
			out = append(out, it)
		}
	}
	return out
}

var listMarker = regexp.MustCompile(`^(?:[-*+–—]|\d{1,2}[.)])\s+`)

func joinText(a, b, sep string) string {
	if a == "" {
		return b
	}
	return a + sep + b
}

// labelText is the label a lane's notes go under: as written, on one
// line; "Notes" for a lane without one.
func labelText(head cell) string {
	if s := strings.Join(strings.Fields(head.text), " "); s != "" {
		return s
	}
	return "Notes"
}

func addNote(s *Stage, label string, items ...string) {
	for i := range s.Notes {
		if s.Notes[i].Label == label {
			s.Notes[i].Items = append(s.Notes[i].Items, items...)
			return
		}
	}
	s.Notes = append(s.Notes, Note{Label: label, Items: items})
}

func anyNumber(cells []cell) bool {
	return slices.ContainsFunc(cells, func(c cell) bool {
		_, err := parseNumber(c.text)
		return err == nil
	})
}

// truth reads a moment-of-truth cell: yes, x, ✓, true; or any text but
// no, which names the moment and is kept as a note besides.
func truth(s string) (yes, text bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "no", "n", "false", "0", "-", "–", "—":
		return false, false
	case "yes", "y", "x", "true", "1", "✓", "✔", "★", "*":
		return true, false
	}
	return true, true
}

// evidenceKinds are words that name a kind of evidence, by kind.
var evidenceKinds = []struct{ kind, words string }{
	{"survey", "survey questionnaire nps csat"},
	{"interview", "interview interviews interviewed"},
	{"poll", "poll polls"},
	{"analytics", "analytics funnel ga4 dashboard clickstream"},
	{"support", "support ticket tickets complaints complaint calls"},
	{"observation", "observation observed shadowing usability diary ethnography"},
}

// evidenceKind is the kind of evidence an item names, or "".
func evidenceKind(item string) string {
	words := strings.Fields(normalLabel(item))
	for _, k := range evidenceKinds {
		for _, w := range strings.Fields(k.words) {
			if slices.Contains(words, w) {
				return k.kind
			}
		}
	}
	return ""
}
