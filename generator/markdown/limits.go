package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"
)

// goldmark's parser is linear on the Markdown people write, but a few
// shapes of text make it super-linear, and a body of a few megabytes of
// them would stall a build for minutes or hours:
//
//   - containers opened on one line ("> > > …", "- - - … x", "1. 1. …"):
//     each level rescans the line (text.reader.LineOffset, the thematic
//     break test; goldmark issue 592);
//   - emphasis delimiters ("_a*_a*…"): ProcessDelimiters looks back over
//     every open delimiter for each closer, with no lower bound
//     (goldmark issue 555);
//   - link destinations that do not close ("[a](b[a](b…"): each "](" scans
//     to the end of its word, or of its line after "](<";
//   - link labels in a paragraph of many lines ("](\[" on each line, or
//     link reference definitions): each "]" reads the label through every
//     line of the paragraph;
//   - link labels nested in each other ("[[[[…]]]]"): each "]" looks over
//     everything since its "[";
//   - backtick runs that never close: each scans to the end of the
//     paragraph for its closer.
//
// goldmark v1.8.7, the newest release, has no option that bounds any of
// them, so Render measures them first, in one pass over the body, and
// refuses a body that goes beyond these limits with a LimitError instead
// of parsing it. The limits are far above anything a person writes: they
// are reached only by generated or hostile text.
const (
	// maxNesting is how deep block quotes and lists may nest, whether
	// opened on one line or by indentation. People nest three or four.
	maxNesting = 32

	// A paragraph may cost the parser workPerByte steps per byte, plus
	// workSlack. A paragraph has to be long to be expensive, so the work
	// of a whole body stays linear in its size. The Markdown of the
	// example site, a generated corpus, goldmark's CommonMark examples and
	// some 700 README and documentation files stays under workSlack, but
	// for link labels at 2.5 steps per byte.
	workPerByte = 16
	workSlack   = 4096
)

// LimitError is a body that goes beyond what Render parses in linear
// time. Line counts from the body's first line (1).
type LimitError struct {
	Line int
	Msg  string
	Hint string
}

func (e *LimitError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// checkLimits scans src once and returns the first line that goes beyond
// the limits above, or nil.
func checkLimits(src []byte) *LimitError {
	var (
		p     paragraph
		fence fence
		// The content columns of the list items open at this line,
		// outermost first: lists also nest by indentation, one level a
		// line.
		items []int
	)
	line := 0
	for rest := src; len(rest) > 0; {
		var text []byte
		text, rest, _ = bytes.Cut(rest, []byte("\n"))
		line++

		c := containers(text)
		if fence.inside {
			// A fence ends at its closing line, or with the block quote
			// or list it is in; when unsure, measuring the code as
			// Markdown errs on the safe side. Its own lines are code.
			if c.depth < fence.depth || c.fenceable && fence.closes(c.rest) {
				fence.inside = false
			}
			if c.depth >= fence.depth {
				continue
			}
		}
		if c.bullet || c.ordered {
			// An item left of an open item's content is not inside it.
			for len(items) > 0 && items[len(items)-1] > c.itemColumn {
				items = items[:len(items)-1]
			}
			c.depth += len(items)
			items = append(items, c.itemContent)
		}
		if c.depth > maxNesting {
			return &LimitError{Line: line,
				Msg:  fmt.Sprintf("block quotes and lists nested %d deep; at most %d levels can be", c.depth, maxNesting),
				Hint: "nest fewer levels, or escape a literal > or - at the start of a line with a backslash"}
		}
		switch {
		case blank(c.rest), c.fenceable && fence.opens(c.rest, c.depth), thematicBreak(c.rest):
			if err := p.end(); err != nil {
				return err
			}
			continue
		case heading(c.rest):
			// A heading's text is parsed as a paragraph of one line.
			if err := p.end(); err != nil {
				return err
			}
			p.add(line, c.rest)
			if err := p.end(); err != nil {
				return err
			}
			continue
		case c.bullet || c.ordered && (c.first || p.item):
			// A new list item starts a paragraph of its own. Only an
			// item numbered 1 can interrupt a paragraph that is not a
			// list item's: "2. x" under a line of text continues it.
			if err := p.end(); err != nil {
				return err
			}
			p.item = true
		case p.lines == 1 && tableDelimiterRow(c.rest, p.header):
			// A table: goldmark parses each cell on its own, so each row
			// is measured as its own paragraph from here on.
			p.table = true
		}
		if p.table {
			if err := p.end(); err != nil {
				return err
			}
			p.table = true
		}
		p.add(line, c.rest)
	}
	return p.end()
}

// paragraph accumulates the estimated parsing work of one paragraph.
type paragraph struct {
	first, lines int
	size         int
	table        bool   // its second line was a table's delimiter row
	item         bool   // it is a list item's
	header       []byte // its first line, the header row if it is a table

	emphasis   emphasisStack
	backticks  []backtickRun // in order
	linkScan   int           // bytes scanned for link destinations
	runOn      int           // link destinations that run on to a blank or the end of the line
	labels     int           // "]" that close a "["
	labelSpan  int           // the bytes between those "[" and "]"
	openLabels []int         // where the "[" not yet closed are, in the paragraph
}

// add measures one line of the paragraph (without its container markers).
func (p *paragraph) add(line int, text []byte) {
	if p.lines == 0 {
		p.first, p.header = line, text
	}
	p.lines++
	base := p.size // where the line starts in the paragraph
	p.size += len(text) + 1

	// Link destinations: goldmark scans from "](" to the first space or
	// unbalanced ")" of the line, and from "](<" to the first ">". The
	// openers still scanning are kept on a stack by the parenthesis depth
	// they started at, so each byte is looked at once here.
	type opener struct{ at, depth int }
	var (
		open   []opener
		angled []int // "](<" openers still looking for ">"
		depth  int
	)
	closeOpen := func(at int, below int, runOn bool) {
		for len(open) > 0 && open[len(open)-1].depth > below {
			p.linkScan += at - open[len(open)-1].at
			open = open[:len(open)-1]
			if runOn {
				p.runOn++
			}
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if !inlineMarkup[c] {
			continue
		}
		switch {
		case c == '\\' && i+1 < len(text) && text[i+1] == '`':
			// An escaped backtick opens nothing, but the run it starts
			// closes a code span whole: backslashes are literal there.
			n := run(text, i+1)
			p.backticks = append(p.backticks, backtickRun{full: int32(min(n, 1<<30)), open: int32(min(n-1, 1<<30))})
			i += n
		case util.IsEscapedPunctuation(text, i):
			i++
		case c == '*' || c == '_' || c == '~':
			n := run(text, i)
			p.emphasis.run(text, i, i+n)
			i += n - 1
		case c == '`':
			n := int32(min(run(text, i), 1<<30))
			p.backticks = append(p.backticks, backtickRun{full: n, open: n})
			i += int(n) - 1
		case c == '[':
			p.openLabels = append(p.openLabels, base+i)
		case c == ']':
			if n := len(p.openLabels); n > 0 {
				p.labelSpan += base + i - p.openLabels[n-1]
				p.openLabels = p.openLabels[:n-1]
				p.labels++
			}
			if i+1 < len(text) && text[i+1] == '(' {
				i++
				if i+1 < len(text) && text[i+1] == '<' {
					angled = append(angled, i+1)
				} else {
					open = append(open, opener{at: i + 1, depth: depth})
				}
			}
		case c == '(':
			depth++
		case c == ')':
			depth--
			closeOpen(i, depth, false)
		case c == '>' && len(angled) > 0:
			for _, at := range angled {
				p.linkScan += i - at
			}
			angled = angled[:0]
		case c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
			closeOpen(i, -1<<62, true)
			depth = 0
		}
	}
	closeOpen(len(text), -1<<62, true)
	for _, at := range angled {
		p.linkScan += len(text) - at
		p.runOn++
	}
}

// inlineMarkup marks the bytes that begin a case of the switch in
// paragraph.add: it skips any other byte, most of a paragraph's text,
// with one look-up, where the switch would test it against each case
// in turn. Keep the two in step.
var inlineMarkup = [256]bool{
	'\\': true, '*': true, '_': true, '~': true, '`': true, '[': true, ']': true,
	'(': true, ')': true, '>': true, ' ': true, '\t': true, '\r': true, '\v': true, '\f': true,
}

// end checks the paragraph's work against the limit and starts the next.
func (p *paragraph) end() *LimitError {
	if p.lines == 0 {
		return nil // nothing added since the last end: nothing to reset
	}
	defer func() {
		p.emphasis.reset()
		*p = paragraph{backticks: p.backticks[:0], openLabels: p.openLabels[:0], emphasis: p.emphasis}
	}()
	budget := workPerByte*p.size + workSlack
	unclosed := unclosedBackticks(p.backticks)
	hint := "split the paragraph with blank lines, or escape literal *, _, ~, [ and ` with a backslash"
	// The steps goldmark takes for each shape in the list at the top of
	// the file.
	switch {
	case p.emphasis.work > budget: // open delimiters looked over
		return &LimitError{Line: p.first, Hint: hint,
			Msg: fmt.Sprintf("paragraph has %d runs of *, _ or ~ that pair with nothing, in %d bytes: too many to parse", p.emphasis.unpaired, p.size)}
	case p.linkScan > budget: // bytes scanned for the ends of destinations
		return &LimitError{Line: p.first, Hint: hint,
			Msg: fmt.Sprintf("paragraph has %d link destinations \"](…\" that do not close, in %d bytes: too many to parse", p.runOn, p.size)}
	case p.labels*p.lines+p.labelSpan > budget: // each "]" reads its label through every line, and back to its "["
		return &LimitError{Line: p.first, Hint: hint,
			Msg: fmt.Sprintf("paragraph has %d link labels \"[…]\" over %d lines, spanning %d bytes in all: too many to parse", p.labels, p.lines, p.labelSpan)}
	case unclosed*p.size > budget: // each scans on to the end of the paragraph
		return &LimitError{Line: p.first, Hint: hint,
			Msg: fmt.Sprintf("paragraph has %d runs of ` that do not close in %d bytes: too many to parse", unclosed, p.size)}
	}
	return nil
}

// backtickRun is a run of backticks: its length as a code span's closer,
// and as an opener (one less after a backslash, which escapes the first).
type backtickRun struct{ full, open int32 }

// unclosedBackticks counts the backtick runs that goldmark tries as a
// code span's opener and finds no closer for: a closer is the next run of
// the same length, and the runs inside a code span are its text.
func unclosedBackticks(runs []backtickRun) int {
	if len(runs) == 0 {
		return 0 // most paragraphs: no need for the map below
	}
	next := make([]int, len(runs)) // the closer of each run as an opener, or -1
	seen := map[int32]int{}        // the first run of each length after i
	for i := len(runs) - 1; i >= 0; i-- {
		next[i] = -1
		if j, ok := seen[runs[i].open]; ok {
			next[i] = j
		}
		seen[runs[i].full] = i
	}
	unclosed := 0
	for i := 0; i < len(runs); {
		switch {
		case runs[i].open == 0: // a lone escaped backtick
			i++
		case next[i] < 0:
			unclosed++
			i++
		default:
			i = next[i] + 1
		}
	}
	return unclosed
}

// lineStart is a line without the block quote and list markers that open
// it.
type lineStart struct {
	depth       int    // how many markers
	itemColumn  int    // where the first list marker is
	itemContent int    // where its item's text starts
	rest        []byte // the text after them
	bullet      bool   // one of them starts a -, * or + list item
	ordered     bool   // one of them starts a numbered list item
	first       bool   // … numbered 1
	fenceable   bool   // indented little enough to open or close a fence
}

// containers strips the block quote and list markers from the start of a
// line.
func containers(line []byte) lineStart {
	var s lineStart
	if thematicBreak(line) {
		s.rest, s.fenceable = line, true // "* * * *" is a rule, not four lists
		return s
	}
	i, marker := 0, false
	for {
		pad := i
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		pad = i - pad
		s.rest = line[i:]
		// Up to three blanks indent a fence; one more follows a list
		// marker.
		s.fenceable = pad <= 3 || marker && pad <= 4
		if i >= len(line) {
			return s
		}
		marker = true
		switch c := line[i]; {
		case c == '>':
			i++
			marker = false
		case (c == '-' || c == '*' || c == '+') && i+1 < len(line) && (line[i+1] == ' ' || line[i+1] == '\t'):
			if !s.bullet && !s.ordered {
				s.itemColumn = column(line[:i])
				s.itemContent = s.itemColumn + 2
			}
			i++
			s.bullet = true
		case c >= '0' && c <= '9':
			j := i
			for j < len(line) && j-i < 9 && line[j] >= '0' && line[j] <= '9' {
				j++
			}
			if j+1 >= len(line) || (line[j] != '.' && line[j] != ')') || (line[j+1] != ' ' && line[j+1] != '\t') {
				return s
			}
			if !s.bullet && !s.ordered {
				s.itemColumn = column(line[:i])
				s.itemContent = s.itemColumn + j - i + 2
			}
			s.ordered = true
			s.first = s.first || string(line[i:j]) == "1"
			i = j + 1
		default:
			return s
		}
		s.depth++
	}
}

// column is the width of text, a tab counting to the next multiple of 4.
func column(text []byte) int {
	col := 0
	for _, c := range text {
		if c == '\t' {
			col += 4 - col%4
		} else {
			col++
		}
	}
	return col
}

// fence tracks fenced code blocks, whose text is not parsed as Markdown.
type fence struct {
	inside bool
	char   byte
	length int
	depth  int // the block quotes and list items it is in
}

func (f *fence) opens(line []byte, depth int) bool {
	n := run(line, 0)
	if n < 3 || (line[0] != '`' && line[0] != '~') {
		return false
	}
	if line[0] == '`' && bytes.IndexByte(line[n:], '`') >= 0 {
		return false // "``` `x`" is inline code, not a fence
	}
	*f = fence{inside: true, char: line[0], length: n, depth: depth}
	return true
}

func (f *fence) closes(line []byte) bool {
	n := run(line, 0)
	return n > 0 && line[0] == f.char && n >= f.length && blank(line[n:])
}

// run is the length of the run of the byte at line[i].
func run(line []byte, i int) int {
	if i >= len(line) {
		return 0
	}
	j := i
	for j < len(line) && line[j] == line[i] {
		j++
	}
	return j - i
}

func blank(line []byte) bool {
	for _, c := range line {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// heading reports an ATX heading line: it stands alone, whatever follows.
func heading(line []byte) bool {
	n := run(line, 0)
	return n >= 1 && n <= 6 && line[0] == '#' && (n == len(line) || line[n] == ' ' || line[n] == '\t')
}

// thematicBreak reports a line of three or more -, * or _ and blanks.
func thematicBreak(line []byte) bool {
	var mark byte
	n := 0
	for _, c := range line {
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case (c == '-' || c == '*' || c == '_') && (mark == 0 || c == mark):
			mark = c
			n++
		default:
			return false
		}
	}
	return n >= 3
}

// tableDelimiterRow reports a GFM table's second line, under header: |,
// -, : and blanks, with a - , and as many cells as the header.
func tableDelimiterRow(line, header []byte) bool {
	dash := false
	for _, c := range line {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t', '\r':
		default:
			return false
		}
	}
	return dash && bytes.IndexByte(line, '|') >= 0 && cells(line) == cells(header)
}

// cells counts the cells of a table row: the unescaped "|" between them,
// less those at the ends.
func cells(row []byte) int {
	row = bytes.TrimSpace(row)
	n := 1
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\':
			i++
		case row[i] == '|' && i > 0 && i < len(row)-1:
			n++
		}
	}
	return n
}

// emphasisStack follows goldmark's pairing of emphasis delimiters
// (ProcessDelimiters, CalcComsumption) closely enough to count its work:
// for each run that can close, goldmark looks back over the open
// delimiters to the nearest one it can pair with, or over all of them
// when there is none, and it keeps no note of a search that failed.
type emphasisStack struct {
	open []delimiter
	// The indexes in open of the delimiters that can open, by char, by
	// their length mod 3 and by whether they can close too: what decides
	// whether a closer pairs with them.
	openers  [3][3][2][]int
	work     int // delimiters looked at
	unpaired int // runs that could close and found nothing
}

type delimiter struct {
	char             int // index in "*_~"
	length, original int
	canOpen          bool
	canClose         bool
}

// reset empties the stack for the next paragraph, keeping its memory.
func (e *emphasisStack) reset() {
	e.truncate(0)
	e.work, e.unpaired = 0, 0
}

func (e *emphasisStack) push(d delimiter) {
	if d.canOpen {
		o := &e.openers[d.char][d.original%3][boolIndex(d.canClose)]
		*o = append(*o, len(e.open))
	}
	e.open = append(e.open, d)
}

// truncate drops open[at:], as a pair drops what it encloses.
func (e *emphasisStack) truncate(at int) {
	e.open = e.open[:at]
	for c := range e.openers {
		for m := range e.openers[c] {
			for b := range e.openers[c][m] {
				o := &e.openers[c][m][b]
				for len(*o) > 0 && (*o)[len(*o)-1] >= at {
					*o = (*o)[:len(*o)-1]
				}
			}
		}
	}
}

// run adds the run text[i:j] of one char, which opens or closes emphasis
// by the CommonMark flanking rules, with goldmark's own tests for space
// and punctuation.
func (e *emphasisStack) run(text []byte, i, j int) {
	c := text[i]
	before, after := ' ', ' ' // the start and end of a line count as blanks
	if i > 0 {
		before, _ = utf8.DecodeLastRune(text[:i])
	}
	if j < len(text) {
		after, _ = utf8.DecodeRune(text[j:])
	}
	left := !util.IsSpaceRune(after) && (!util.IsPunctRune(after) || util.IsSpaceRune(before) || util.IsPunctRune(before))
	right := !util.IsSpaceRune(before) && (!util.IsPunctRune(before) || util.IsSpaceRune(after) || util.IsPunctRune(after))
	d := delimiter{char: strings.IndexByte("*_~", c), length: j - i, original: j - i, canOpen: left, canClose: right}
	if c == '_' {
		d.canOpen = left && (!right || util.IsPunctRune(before))
		d.canClose = right && (!left || util.IsPunctRune(after))
	}
	if c == '~' && d.length > 2 {
		return // text: strikethrough takes one or two
	}
	if !d.canOpen && !d.canClose {
		// goldmark keeps even a run that can do neither ("snake_case")
		// among the open delimiters, where every search looks over it.
		e.open = append(e.open, d)
		return
	}
	maybe := false // a delimiter of the same char was open, but could not pair
	for d.canClose && d.length > 0 {
		at := -1
		for m := range 3 {
			for b := range 2 {
				o := e.openers[d.char][m][b]
				if len(o) == 0 {
					continue
				}
				maybe = true
				// The rule of three (CommonMark's rule 9), as goldmark
				// applies it.
				if (b == 1 || d.canOpen) && (m+d.original)%3 == 0 && d.original%3 != 0 {
					continue
				}
				at = max(at, o[len(o)-1])
			}
		}
		if at < 0 {
			e.work += len(e.open)
			e.unpaired++
			break
		}
		e.work += len(e.open) - at
		opener := e.open[at]
		used := 1
		if opener.length >= 2 && d.length >= 2 {
			used = 2
		}
		opener.length -= used
		d.length -= used
		e.truncate(at)
		if opener.length > 0 {
			e.push(opener)
		}
	}
	if d.length > 0 && (d.canOpen || maybe) {
		e.push(d) // goldmark keeps it, and looks over it again
	}
}

func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}
