package pagedata

import (
	"math"
	"strconv"
	"strings"

	"github.com/waymark-cx/waymark/generator/content"
)

// Slide is the layout of a journey's standalone map.svg: a 16:9 picture to
// paste into a slide deck, worked out here so that the layout only prints
// it (arithmetic in a template is a reflective call per operation).
//
// Top to bottom: the title; the personas (a legend of their lines when
// the map rates them apart), the map's state and status; a column per
// stage with its number and name; the lowest point in words; the emotion
// curve; each stage's top pain point and top opportunity; the site's
// title. The stages share the width whatever their number, text is sized
// by that number so that it reads on a projector, and every piece of text
// is wrapped into its box by an estimate of its width (textWidth): none
// runs out of its column, and text is shortened with "…" only when its
// box has no more lines, the whole of it then in a tooltip.
type Slide struct {
	Width, Height float64 // always slideWidth × slideHeight: 16:9

	Title SlideText
	Meta  []SlideLabel // the persona legend and the map's state, in rows

	StageTop, StageHeight float64 // the band of stage names
	NumberY               float64 // the stage numbers' baseline
	LabelSize, ValueSize  float64 // the font sizes of the stage numbers and of the curve's values
	Columns               []SlideColumn

	// Worst names the map's lowest point (worstMoment) in words, or says
	// that nothing is rated; an icon before it repeats the ring round
	// the point on the curve.
	Worst SlideText

	// The emotion curve, in coordinates from CurveX, CurveY; nil when
	// no stage is rated. Curve.Series has a line per persona when the map
	// rates them apart (then Curve.Points is not drawn), Curve.Today is
	// today's line under a future state's, and Curve.Worst rings the
	// lowest point.
	Curve          *Curve
	CurveX, CurveY float64
	Levels         []SlideLevel
	Values         []SlideValue // the stage line's values, by its points

	PainHeading, OpportunityHeading SlideText

	Site, Note SlideText // the footer: the site's title; when the map was updated

	Desc string // the whole slide in words, for the SVG's <desc>
}

// SlideColumn is one stage on a slide.
type SlideColumn struct {
	Stage  *content.Stage
	Number int
	X, W   float64 // the column's left edge and width
	Worst  bool    // the lowest point is in this stage

	Name SlideText
	// The stage's top pain point and top opportunity (the first listed:
	// the order the map's author gave them), and "+2 more" under each
	// when it has more.
	Pain, Opportunity            SlideText
	MorePains, MoreOpportunities SlideText
}

// SlideText is a piece of text wrapped into a box: lines left-aligned at
// X, the first baseline Size below Y, the next LineHeight apart.
type SlideText struct {
	X, Y, W, H float64 // the box it was fitted to
	Size       float64 // the font size
	Bold       bool
	LineHeight float64
	Lines      []SlideLine
	Text       string // the whole text
	// Cut is set when Lines had to shorten Text: the layout then gives
	// the whole of it in a <title>, a tooltip and what screen readers
	// read.
	Cut bool
}

// SlideLine is a line of text and its baseline.
type SlideLine struct {
	Y    float64
	Text string
}

// SlideLabel is an entry of the slide's legend line: a persona's line
// (Marker, the shape of their points, and Tone, its colour), today's
// line (Today), the moment of truth's star (Star), or plain text.
type SlideLabel struct {
	X, Y   float64 // where the entry starts; Y is the text's baseline
	TextX  float64 // where its text starts, after the marker
	W      float64 // the entry's width
	Text   string
	Marker string // a CurveSeries.Legend; "" for none
	Tone   int
	Star   bool
	Today  bool // today's line under a future state's: dashed
}

// SlideLevel is a guide of the emotion scale, with its value at the left.
type SlideLevel struct {
	Y       float64
	Label   string // "+2", "0", "-1"
	Neutral bool
}

// SlideValue is the value printed by a stage's point on a one-line curve.
type SlideValue struct {
	X, Y float64
	Text string
}

// The slide's canvas, in SVG units: 16:9, drawn at 1600 × 900 and scaled
// to whatever the slide is.
const (
	slideWidth      = 1600.0
	slideHeight     = 900.0
	slideMargin     = 40.0  // round the picture; the scale's values sit in the left one
	slidePad        = 10.0  // inside a column, either side of its text
	slideGap        = 14.0  // between bands
	slideCurveH     = 190.0 // the emotion curve's band, at least
	slideCurveMax   = 280.0 // and at most, when the text under it leaves room
	slideMetaSize   = 18.0
	slideTitleSize  = 34.0 // on one line, or
	slideTitleSmall = 28.0 // on two when it is longer
	slideWorstSize  = 20.0
	slideLead       = 1.25 // line height, in font sizes
	slideNameLines  = 3    // a stage name wraps to at most this many lines
	slideMinName    = 14.0 // and is made smaller to fit, down to this size
)

// slideScale is the text's sizes for a number of stages: the more there
// are, the narrower a column, and the smaller the text, down to what still
// reads on a projector (15 px at 1600 wide is 18 px on a 1920 screen).
type slideScale struct {
	name  float64 // stage names
	body  float64 // pain points, opportunities, the curve's values
	label float64 // stage numbers, band headings, the footer
}

func scaleFor(stages int) slideScale {
	switch {
	case stages <= 4:
		return slideScale{name: 28, body: 22, label: 16}
	case stages <= 6:
		return slideScale{name: 24, body: 20, label: 15}
	case stages <= 8:
		return slideScale{name: 21, body: 18, label: 14}
	case stages <= 10:
		return slideScale{name: 19, body: 16, label: 14}
	}
	return slideScale{name: 17, body: 15, label: 13}
}

// newSlide lays out j's slide; cmp is its comparison with its current
// state (nil unless it is a future-state map that names one), worst its
// lowest point (worstMoment, nil when nothing is rated) and site the
// site's title.
func newSlide(j *content.Journey, cmp *Comparison, worst *WorstMoment, site string) *Slide {
	n := len(j.Stages)
	sc := scaleFor(n)
	s := &Slide{Width: slideWidth, Height: slideHeight, LabelSize: sc.label, ValueSize: sc.body}
	left, width := slideMargin, slideWidth-2*slideMargin
	colW := width / float64(max(n, 1))

	y := slideMargin - 6
	s.Title = fitText(j.Title, left, y, width, slideTitleSize, true, 1)
	if s.Title.Cut {
		s.Title = fitText(j.Title, left, y, width, slideTitleSmall, true, 2)
	}
	y += s.Title.H + 10
	y = s.layoutMeta(j, cmp, left, y, width) + slideGap

	// Stage names: the band is as tall as the longest name needs.
	s.StageTop = y
	nameTop := y + slidePad + sc.label*slideLead + 2
	s.NumberY = y + slidePad + sc.label
	nameSize := nameSizeFor(j.Stages, colW-2*slidePad, sc.name)
	nameLines := 1
	for i, st := range j.Stages {
		x := left + colW*float64(i)
		col := SlideColumn{Stage: st, Number: i + 1, X: x, W: colW, Worst: worst != nil && worst.Stage == st}
		col.Name = fitText(st.Name, x+slidePad, nameTop, colW-2*slidePad, nameSize, true, slideNameLines)
		nameLines = max(nameLines, len(col.Name.Lines))
		s.Columns = append(s.Columns, col)
	}
	s.StageHeight = nameTop - y + nameSize*slideLead*float64(nameLines) + slidePad
	y += s.StageHeight + slideGap

	s.Worst = fitText(worstWords(j, worst), left+28, y, width-28, slideWorstSize, true, 2)
	y += s.Worst.H + slideGap/2

	// The footer.
	footY := slideHeight - slideMargin + 6 - sc.label*slideLead
	s.Site = fitText(site, left, footY, width/2, sc.label, false, 1)
	if !j.Updated.IsZero() {
		note := "Updated " + j.Updated.Format("2 Jan 2006")
		w := textWidth(note, sc.label, false)
		s.Note = fitText(note, left+width-w, footY, w, sc.label, false, 1)
	}

	// The curve, taller when the bands of text under it leave room; the
	// two bands then share the lines left above the footer by need.
	headH, lead := sc.label*slideLead+4, sc.body*slideLead
	needPains, needOpportunities := bandNeed(j, sc, colW, true), bandNeed(j, sc, colW, false)
	if rated(j) {
		spare := footY - slideGap - y - (slideCurveH + slideGap) - (2*headH + slideGap) - lead*float64(needPains+needOpportunities)
		h := slideCurveH + math.Min(max(spare, 0), slideCurveMax-slideCurveH)
		s.layoutCurve(j, cmp, worst, sc, left, y, width, h)
		y += h + slideGap
	}
	total := max(2, int((footY-slideGap-y-slideGap-2*headH)/lead))
	pains, opportunities := shareLines(total, needPains, needOpportunities)
	s.PainHeading = s.layoutBand(j, sc, y, pains, true)
	s.OpportunityHeading = s.layoutBand(j, sc, y+headH+lead*float64(pains)+slideGap, opportunities, false)
	s.Desc = slideDesc(j, s)
	return s
}

// layoutMeta lays out the legend line from y, wrapping to more rows when
// it is wider than width, and returns where it ends.
func (s *Slide) layoutMeta(j *content.Journey, cmp *Comparison, left, y, width float64) float64 {
	var entries []SlideLabel
	if j.PerPersona() {
		for i, p := range j.Personas {
			st := styleOf(i)
			entries = append(entries, SlideLabel{Text: p.Name, Marker: st.legend, Tone: st.tone})
		}
	} else if len(j.Personas) > 0 {
		names := make([]string, len(j.Personas))
		for i, p := range j.Personas {
			names[i] = p.Name
		}
		label := "Persona: "
		if len(names) > 1 {
			label = "Personas: "
		}
		entries = append(entries, SlideLabel{Text: label + strings.Join(names, ", ")})
	}
	if todayRated(cmp) {
		entries = append(entries, SlideLabel{Text: "Today: " + cmp.Current.Title, Today: true})
	}
	entries = append(entries, SlideLabel{Text: stateWords(j)})
	for _, st := range j.Stages {
		if st.MomentOfTruth {
			entries = append(entries, SlideLabel{Text: "Moment of truth", Star: true})
			break
		}
	}
	const markerW, gap = 24.0, 28.0
	x, row := left, 0
	lead := slideMetaSize * slideLead
	for _, e := range entries {
		e.TextX = 0
		if e.Marker != "" || e.Star || e.Today {
			e.TextX = markerW
		}
		// An entry longer than a row is cut: a persona's name or the
		// list of them, which the <desc> has in full.
		room := width - e.TextX
		if lines, cut := fitLines(e.Text, 1, room, widthAt(slideMetaSize, false)); cut {
			e.Text = lines[0]
		}
		e.W = e.TextX + textWidth(e.Text, slideMetaSize, false)
		if x > left && x+e.W > left+width {
			x, row = left, row+1
		}
		e.X, e.Y = x, y+slideMetaSize+lead*float64(row)
		e.TextX += x
		x += e.W + gap
		s.Meta = append(s.Meta, e)
	}
	return y + lead*float64(row+1)
}

// stateWords says what kind of map this is: a future-state map is a plan,
// and a draft or a map in review is not settled.
func stateWords(j *content.Journey) string {
	words := "Current state"
	if j.State == "future" {
		words = "Future state (planned)"
	}
	switch j.Status {
	case "draft":
		words += " · Draft"
	case "review":
		words += " · In review"
	}
	return words
}

// todayRated reports whether a future-state map's slide draws today's
// line under its own: when it names its current state and that has a
// value on a stage it shares.
func todayRated(cmp *Comparison) bool {
	if cmp == nil {
		return false
	}
	for _, ch := range cmp.Stages {
		if ch.Was != nil && ch.Was.Emotion.Set {
			return true
		}
	}
	return false
}

// rated reports whether any stage of j has an emotion, for anyone.
func rated(j *content.Journey) bool {
	for _, st := range j.Stages {
		if st.Emotion.Set {
			return true
		}
	}
	return false
}

// worstWords is the lowest point in words, as the slide names it.
func worstWords(j *content.Journey, w *WorstMoment) string {
	if w == nil {
		return "No stage of this map is rated yet"
	}
	b := "Lowest point"
	if j.State == "future" {
		b = "Lowest planned point"
	}
	for i, st := range j.Stages {
		if st == w.Stage {
			b += ": stage " + strconv.Itoa(i+1)
		}
	}
	b += ", " + w.Stage.Name
	if w.Touchpoint != nil {
		b += " – " + w.Touchpoint.Name
	}
	b += " (" + w.Emotion.String() + " " + w.Emotion.Label()
	if w.Persona != nil {
		b += ", for " + w.Persona.Name
	}
	return b + ")"
}

// layoutCurve places the emotion curve in the band from y, height high: a line per
// persona when the map rates them apart, else the stages' line with its
// values; the lowest point ringed.
func (s *Slide) layoutCurve(j *content.Journey, cmp *Comparison, worst *WorstMoment, sc slideScale, left, y, width, height float64) {
	slot := width / float64(max(len(j.Stages), 1))
	sz := curveSize{width: width, height: height, padY: worstStageRing + 6, marker: 8, spread: math.Min(12, slot/float64(len(j.Personas)+2))}
	c := newCurve(j.Stages, sz)
	if todayRated(cmp) {
		c.Today = c.todaySeries(cmp)
	}
	if j.PerPersona() {
		c.addPersonaSeries(j)
	} else {
		var avoid []SeriesPoint
		if c.Today != nil {
			avoid = c.Today.Points
		}
		for _, p := range c.Points {
			s.Values = append(s.Values, placeValue(p, c, sc.body, avoid))
		}
	}
	c.markWorst(j, worst)
	s.Curve, s.CurveX, s.CurveY = c, left, y
	for _, l := range c.Levels {
		s.Levels = append(s.Levels, SlideLevel{Y: l.Y, Label: content.Emotion{Value: float64(l.Value), Set: true}.String(), Neutral: l.Neutral})
	}
}

// placeValue puts a stage point's value where it reads: below a positive
// point, above the others (so inside the band, and clear of the ring
// round the lowest point); on the other side, or else to the right, when
// that would leave the band or cover one of avoid's markers (today's
// line, under a future state's).
func placeValue(p CurvePoint, c *Curve, size float64, avoid []SeriesPoint) SlideValue {
	text := p.Emotion.String()
	w := textWidth(text, size, true)
	above := SlideValue{X: p.X, Y: p.Y - worstStageRing - 6, Text: text}
	below := SlideValue{X: p.X, Y: p.Y + worstStageRing + 4 + size*0.8, Text: text}
	right := SlideValue{X: p.X + worstStageRing + 4 + w/2, Y: p.Y + size*0.35, Text: text}
	tries := []SlideValue{above, below, right}
	if p.Emotion.Value > 0 {
		tries[0], tries[1] = below, above
	}
	clear := func(v SlideValue) bool {
		top, bottom := v.Y-size, v.Y+size*(slideLead-1)
		if top < 0 || bottom > c.Height || v.X+w/2 > c.Width {
			return false
		}
		for _, a := range avoid {
			const r = 10.0 // a marker's reach, and a little air
			if a.X+r > v.X-w/2 && a.X-r < v.X+w/2 && a.Y+r > top && a.Y-r < bottom {
				return false
			}
		}
		return true
	}
	for _, v := range tries {
		if clear(v) {
			return v
		}
	}
	return tries[0]
}

// layoutBand lays out each stage's top pain point (pain) or top
// opportunity in lines lines from y, under a heading, and returns the
// heading. A stage with more than one gets a line under it, "+2 more".
func (s *Slide) layoutBand(j *content.Journey, sc slideScale, y float64, lines int, pain bool) SlideText {
	title := "TOP OPPORTUNITY"
	if pain {
		title = "TOP PAIN POINT"
	}
	heading := fitText(title, slideMargin, y, slideWidth-2*slideMargin, sc.label, true, 1)
	top := y + heading.H + 4
	for i := range s.Columns {
		col := &s.Columns[i]
		text, more := bandText(j.Stages[i], pain)
		fit := lines
		if more > 0 {
			fit = max(1, lines-1)
		}
		x, w := col.X+slidePad, col.W-2*slidePad
		t, m := fitText(text, x, top, w, sc.body, false, fit), SlideText{}
		if more > 0 {
			m = fitText("+"+strconv.Itoa(more)+" more", x, top+t.H+sc.body*(slideLead-1), w, sc.label, false, 1)
		}
		if pain {
			col.Pain, col.MorePains = t, m
		} else {
			col.Opportunity, col.MoreOpportunities = t, m
		}
	}
	return heading
}

// bandText is what a stage shows in the pain points' band (pain) or the
// opportunities': the first listed, the order the map's author gave them,
// and how many more there are; a dash when there is none.
func bandText(st *content.Stage, pain bool) (text string, more int) {
	items := st.Opportunities
	if pain {
		items = st.PainPoints
	}
	if len(items) == 0 {
		return "—", 0
	}
	return items[0], len(items) - 1
}

// bandNeed is how many lines of body text the band needs so that no
// stage's text is cut, its "+2 more" line included.
func bandNeed(j *content.Journey, sc slideScale, colW float64, pain bool) int {
	w := colW - 2*slidePad
	need := 1
	for _, st := range j.Stages {
		text, more := bandText(st, pain)
		lines, _ := fitLines(text, math.MaxInt32, w, widthAt(sc.body, false))
		need = max(need, len(lines)+min(more, 1))
	}
	return need
}

// shareLines shares total lines between two bands that need a and b: each
// its need when both fit; else the one that needs no more than half gets
// its need and the other the rest; else half each.
func shareLines(total, a, b int) (int, int) {
	half := total / 2
	switch {
	case a+b <= total:
		return a, b
	case a <= half:
		return a, total - a
	case b <= total-half:
		return total - b, b
	}
	return half, total - half
}

// nameSizeFor is the size of the stage names in columns w wide: the
// scale's, or smaller, down to slideMinName, until every name fits in its
// lines without a word broken or cut. One size for all of them, as a
// deck's headings have: a long name makes every name a little smaller,
// not its own smaller than the rest. A name that would not fit even at
// the smallest size has no say: it is cut anyway, and the others need
// not shrink for it.
func nameSizeFor(stages []*content.Stage, w, size float64) float64 {
	var fitting []*content.Stage
	for _, st := range stages {
		if nameFits(st.Name, w, slideMinName) {
			fitting = append(fitting, st)
		}
	}
	for ; size > slideMinName; size-- {
		all := true
		for _, st := range fitting {
			all = all && nameFits(st.Name, w, size)
		}
		if all {
			return size
		}
	}
	return slideMinName
}

// nameFits reports whether a stage name fits its lines at size, with no
// word broken and nothing cut.
func nameFits(name string, w, size float64) bool {
	measure := widthAt(size, true)
	for _, tok := range breakable(name) {
		if measure(tok.text) > w {
			return false
		}
	}
	_, cut := fitLines(name, slideNameLines, w, measure)
	return !cut
}

// fitText wraps text into a box of width w from x, y, in at most lines
// lines at size.
func fitText(text string, x, y, w, size float64, bold bool, lines int) SlideText {
	t := SlideText{X: x, Y: y, W: w, Size: size, Bold: bold, LineHeight: size * slideLead, Text: text}
	ls, cut := fitLines(text, lines, w, widthAt(size, bold))
	t.Cut = cut
	for k, l := range ls {
		t.Lines = append(t.Lines, SlideLine{Y: round1(y + size + t.LineHeight*float64(k)), Text: l})
	}
	if len(ls) > 0 {
		t.H = t.LineHeight * float64(len(ls))
	}
	return t
}

// slideDesc is the slide in words: the <desc> that a screen reader reads
// for the picture, with every text in full.
func slideDesc(j *content.Journey, s *Slide) string {
	var b strings.Builder
	b.WriteString("Journey map, " + strings.ToLower(stateWords(j)[:1]) + stateWords(j)[1:] + ", " + strconv.Itoa(len(j.Stages)) + " stages. ")
	b.WriteString(s.Worst.Text + ". ")
	if s.Curve != nil {
		b.WriteString(strings.TrimSuffix(s.Curve.Summary(), ".") + ". ")
	}
	for _, col := range s.Columns {
		b.WriteString("Stage " + strconv.Itoa(col.Number) + ", " + col.Stage.Name)
		if col.Stage.MomentOfTruth {
			b.WriteString(" (moment of truth)")
		}
		if ps := col.Stage.PainPoints; len(ps) > 0 {
			b.WriteString(". Top pain point: " + strings.TrimRight(ps[0], "."))
		}
		if os := col.Stage.Opportunities; len(os) > 0 {
			b.WriteString(". Top opportunity: " + strings.TrimRight(os[0], "."))
		}
		b.WriteString(". ")
	}
	return strings.TrimSpace(b.String())
}
