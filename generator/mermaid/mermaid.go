// Package mermaid reads and writes Mermaid's user journey diagrams, the
// one place that knows their syntax both ways: the importer reads them
// into a Diagram, and every build writes each map as one.
//
//	journey
//	    title My working day
//	    section Go to work
//	      Make tea: 5: Me
//	      Go upstairs: 3: Me, Cat
//
// Parse follows Mermaid 11's grammar where files agree with it and is
// tolerant where real files vary: indentation, blanks around colons, a
// trailing colon without actors, keywords in any case, a section name
// that holds a colon (Mermaid stops the name there and fails on the rest;
// the author meant the whole line). A line that starts with "%%" is a
// comment, and so is the rest of a line from a "#" that does not begin an
// entity code, as in Mermaid; entity codes (#58;
// for ":", #quot; for '"') are decoded. Anything else is an error at its
// line, with a hint.
//
// Write escapes with entity codes every character Mermaid would misread
// in a name (":" "#" ";" "%" "," "<" ">" "&" and line breaks), so that
// Mermaid shows exactly the text written and Parse(Write(d)) gives d back.
package mermaid

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/diag"
)

// Diagram is a user journey diagram.
type Diagram struct {
	Title    string
	AccTitle string
	AccDescr string
	Sections []Section
}

// Section is a section of the diagram, a stage of the journey. Tasks
// written before the first section are in a section with no name.
type Section struct {
	Name  string
	Line  int // in the file; 0 for a diagram that was not parsed
	Tasks []Task
}

// Task is a task of a section: what someone does, how it felt on the
// diagram's scale (1 to 5 by convention), and who did it.
type Task struct {
	Name     string
	Score    float64
	HasScore bool // false for "Name:" with nothing after the colon
	Actors   []string
	Line     int
	ScoreCol int // the score's column, for a caller's message about it
}

// Parse reads the journey diagram in src, the text of a .mmd file or of
// a ```mermaid block whose first line is line number first of file (1
// for a file of its own). Every problem is reported, at its line.
func Parse(file string, first int, src string) (*Diagram, diag.List) {
	p := &parser{file: file, first: first}
	p.parse(strings.Split(strings.ReplaceAll(strings.TrimPrefix(src, "\uFEFF"), "\r\n", "\n"), "\n"))
	return &p.d, p.errs
}

type parser struct {
	file  string
	first int
	d     Diagram
	errs  diag.List
}

func (p *parser) pos(i, col int) diag.Position {
	return diag.Position{File: p.file, Line: p.first + i, Col: col}
}

var (
	keyword  = regexp.MustCompile(`(?i)^(journey|title|section|acctitle|accdescr)\b`)
	entity   = regexp.MustCompile(`#(\d+|[A-Za-z]\w*);`)
	accDescr = regexp.MustCompile(`(?i)^accdescr\s*\{`)
)

func (p *parser) parse(lines []string) {
	i := skipFrontMatter(lines, &p.d)
	// The header: "journey", after blank lines and comments.
	for ; i < len(lines); i++ {
		line := strings.TrimSpace(stripComment(lines[i]))
		if line == "" {
			continue
		}
		if !strings.EqualFold(line, "journey") {
			p.errs.Add(p.pos(i, indent(lines[i])+1), "a Mermaid journey diagram starts with the line journey",
				"not a journey diagram: the first line is %q", clip(line))
			return
		}
		i++
		break
	}
	if i == len(lines) && len(p.errs) == 0 && p.d.Title == "" {
		p.errs.Add(p.pos(0, 0), "write the line journey, then sections and tasks", "no journey diagram")
		return
	}
	var section *Section
	for ; i < len(lines); i++ {
		raw := lines[i]
		if accDescr.MatchString(strings.TrimSpace(raw)) {
			i = p.accDescrBlock(lines, i)
			continue
		}
		line := strings.TrimSpace(stripComment(raw))
		col := indent(raw) + 1
		if line == "" {
			continue
		}
		word, rest := splitKeyword(line)
		switch word {
		case "title":
			p.d.Title = text(rest)
		case "acctitle", "accdescr":
			value, ok := strings.CutPrefix(strings.TrimSpace(rest), ":")
			if !ok {
				p.errs.Add(p.pos(i, col), "write "+word+": followed by the text", "%s without a colon", line[:len(word)])
				continue
			}
			if word == "acctitle" {
				p.d.AccTitle = text(value)
			} else {
				p.d.AccDescr = text(value)
			}
		case "section":
			if text(rest) == "" {
				p.errs.Add(p.pos(i, col), "write the section's name after the word: section Go to work", "section without a name")
			}
			p.d.Sections = append(p.d.Sections, Section{Name: text(rest), Line: p.first + i})
			section = &p.d.Sections[len(p.d.Sections)-1]
		case "journey":
			p.errs.Add(p.pos(i, col), "a file holds one diagram; remove this line or split the file", "a second journey line")
		default:
			t, ok := p.task(raw, line, i, col)
			if !ok {
				continue
			}
			if section == nil {
				p.d.Sections = append(p.d.Sections, Section{Line: p.first + i})
				section = &p.d.Sections[len(p.d.Sections)-1]
			}
			section.Tasks = append(section.Tasks, t)
		}
	}
}

// task reads a task line, "Name: score: actor, actor".
func (p *parser) task(raw, line string, i, col int) (Task, bool) {
	name, data, ok := strings.Cut(line, ":")
	if !ok {
		hint := "a task is Name: score: actor, actor; a section is section Name"
		if strings.Contains(raw, "#") && !strings.Contains(line, "#") {
			hint = "Mermaid reads # as the start of a comment: write #35; for a # in a name"
		}
		p.errs.Add(p.pos(i, col), hint, "neither a section nor a task: %q", clip(line))
		return Task{}, false
	}
	t := Task{Name: text(name), Line: p.first + i}
	if t.Name == "" {
		p.errs.Add(p.pos(i, col), "write what is done before the colon: Make tea: 5: Me", "task without a name")
		return Task{}, false
	}
	score, actors, _ := strings.Cut(data, ":")
	// Columns in runes from the start of the raw line.
	t.ScoreCol = utf8.RuneCountInString(raw[:strings.Index(raw, ":")+1]) + 1 + leadingBlanks(score)
	if s := strings.TrimSpace(score); s != "" {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			p.errs.Add(p.pos(i, t.ScoreCol), "a task's score is a number, 1 (worst) to 5 (best): "+t.Name+": 3: Me",
				"score %q of task %q is not a number", clip(s), t.Name)
			return Task{}, false
		}
		t.Score, t.HasScore = v, true
	}
	if strings.Contains(actors, ":") {
		extra := strings.Index(raw, actors) + strings.Index(actors, ":")
		p.errs.Add(p.pos(i, utf8.RuneCountInString(raw[:extra])+1), "a task is Name: score: actor, actor; write #58; for a colon in a name",
			"task %q has a colon after its actors", t.Name)
		return Task{}, false
	}
	for _, a := range strings.Split(actors, ",") {
		if a := text(a); a != "" {
			t.Actors = append(t.Actors, a)
		}
	}
	return t, true
}

// accDescrBlock reads accDescr { … } from line i, which may end on the
// same line or a later one, and returns the index of its last line.
func (p *parser) accDescrBlock(lines []string, i int) int {
	start := i
	_, body, _ := strings.Cut(lines[i], "{")
	var parts []string
	for {
		if before, _, ok := strings.Cut(body, "}"); ok {
			parts = append(parts, before)
			p.d.AccDescr = text(strings.Join(parts, "\n"))
			return i
		}
		parts = append(parts, body)
		i++
		if i == len(lines) {
			p.errs.Add(p.pos(start, indent(lines[start])+1), "end the description with }", "accDescr { is never closed")
			return i
		}
		body = lines[i]
	}
}

// skipFrontMatter skips Mermaid's front matter (--- … ---, YAML) at the
// top, taking its title, and returns the index of the line after it.
func skipFrontMatter(lines []string, d *Diagram) int {
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) == "" {
		i++
	}
	if i == len(lines) || strings.TrimSpace(lines[i]) != "---" {
		return 0
	}
	for j := i + 1; j < len(lines); j++ {
		line := strings.TrimSpace(lines[j])
		if line == "---" {
			return j + 1
		}
		if v, ok := strings.CutPrefix(line, "title:"); ok {
			d.Title = strings.Trim(strings.TrimSpace(v), `"'`)
		}
	}
	return 0 // never closed: not front matter
}

// splitKeyword splits a line into its keyword, lower-cased, and the rest;
// the keyword is "" for a task.
func splitKeyword(line string) (word, rest string) {
	m := keyword.FindString(line)
	if m == "" {
		return "", line
	}
	rest = line[len(m):]
	word = strings.ToLower(m)
	switch word {
	case "title", "section":
		// "title" and "section" need a blank after them; "Sections: 3"
		// or "Title page: 4: Me" is a task.
		if rest != "" && rest[0] != ' ' && rest[0] != '\t' {
			return "", line
		}
	case "acctitle", "accdescr":
		if r := strings.TrimSpace(rest); !strings.HasPrefix(r, ":") {
			return "", line
		}
	case "journey":
		if strings.TrimSpace(rest) != "" {
			return "", line
		}
	}
	return word, rest
}

// stripComment drops a comment: a line that starts with "%%", or the
// rest of a line from a "#" that does not begin an entity code. As in
// Mermaid's lexer, a "%%" later in a line is text: a task's name or its
// data runs over it ("50%% off: 3" is a task), while no name may hold a
// "#".
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimLeft(line, " \t"), "%%") {
		return ""
	}
	for i := 0; i < len(line); i++ {
		if line[i] != '#' {
			continue
		}
		if loc := entity.FindStringIndex(line[i:]); loc != nil && loc[0] == 0 {
			i += loc[1] - 1
			continue
		}
		return line[:i]
	}
	return line
}

// text is a name as Mermaid shows it: trimmed, entity codes decoded.
func text(s string) string {
	s = entity.ReplaceAllStringFunc(strings.TrimSpace(s), func(code string) string {
		name := code[1 : len(code)-1]
		if n, err := strconv.Atoi(name); err == nil {
			if n <= 0 || n > utf8.MaxRune {
				return code
			}
			return string(rune(n))
		}
		if r := html.UnescapeString("&" + name + ";"); r != "&"+name+";" {
			return r
		}
		return code
	})
	return s
}

func indent(line string) int { return leadingBlanks(line) }

func leadingBlanks(s string) int {
	return utf8.RuneCountInString(s) - utf8.RuneCountInString(strings.TrimLeft(s, " \t"))
}

// clip shortens a line quoted in a message.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	return string([]rune(s)[:57]) + "…"
}

// FindBlock finds the first ```mermaid (or ~~~mermaid) block of Markdown
// text that holds a journey diagram, and returns its text and the line
// number of its first line.
func FindBlock(md string) (src string, first int, ok bool) {
	lines := strings.Split(strings.ReplaceAll(md, "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimLeft(lines[i], " ")
		fence := ""
		switch {
		case strings.HasPrefix(trimmed, "```"):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "`"))]
		case strings.HasPrefix(trimmed, "~~~"):
			fence = trimmed[:len(trimmed)-len(strings.TrimLeft(trimmed, "~"))]
		default:
			continue
		}
		info := strings.Fields(strings.TrimSpace(trimmed[len(fence):]))
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[end]), fence) {
			end++
		}
		if len(info) > 0 && strings.EqualFold(info[0], "mermaid") && isJourney(lines[i+1:end]) {
			return strings.Join(lines[i+1:end], "\n"), i + 2, true
		}
		i = end
	}
	return "", 0, false
}

// isJourney reports whether a diagram's first line, after front matter,
// blank lines and comments, is "journey".
func isJourney(lines []string) bool {
	var d Diagram
	for _, l := range lines[skipFrontMatter(lines, &d):] {
		if l := strings.TrimSpace(stripComment(l)); l != "" {
			return strings.EqualFold(l, "journey")
		}
	}
	return false
}

// Write writes d in Mermaid's syntax.
func Write(w io.Writer, d *Diagram) error {
	b := bufio.NewWriter(w)
	b.WriteString("journey\n")
	if d.Title != "" {
		fmt.Fprintf(b, "    title %s\n", escape(d.Title))
	}
	if d.AccTitle != "" {
		fmt.Fprintf(b, "    accTitle: %s\n", escape(d.AccTitle))
	}
	if d.AccDescr != "" {
		fmt.Fprintf(b, "    accDescr: %s\n", escape(d.AccDescr))
	}
	for _, s := range d.Sections {
		if s.Name != "" {
			fmt.Fprintf(b, "    section %s\n", escape(s.Name))
		}
		for _, t := range s.Tasks {
			// A task without a score is written "Name:", which Parse
			// reads back as such and Mermaid refuses: a caller writing
			// for Mermaid gives every task a score.
			fmt.Fprintf(b, "      %s:", escapeTask(t.Name))
			if t.HasScore {
				fmt.Fprintf(b, " %s", strconv.FormatFloat(t.Score, 'f', -1, 64))
			}
			if len(t.Actors) > 0 {
				actors := make([]string, len(t.Actors))
				for i, a := range t.Actors {
					actors[i] = escapeWith(escapedActor, a)
				}
				fmt.Fprintf(b, ": %s", strings.Join(actors, ", "))
			}
			b.WriteByte('\n')
		}
	}
	return b.Flush()
}

// escaped are the characters Write writes as entity codes: the grammar's
// separators and comment starts, the characters of an entity code
// itself, HTML's, and line breaks, which would end the statement. An
// actor's name also has its commas escaped: they separate actors.
var (
	escaped = strings.NewReplacer(
		"#", "#35;", ":", "#58;", ";", "#59;", "%", "#37;",
		"<", "#60;", ">", "#62;", "&", "#38;", "\n", "#10;", "\r", "#13;",
	)
	escapedActor = strings.NewReplacer(
		"#", "#35;", ":", "#58;", ";", "#59;", "%", "#37;", ",", "#44;",
		"<", "#60;", ">", "#62;", "&", "#38;", "\n", "#10;", "\r", "#13;",
	)
)

// escape writes a name so that Mermaid reads it exactly: entity codes for
// what it would misread, and a blank of any kind at either end, which it
// would trim, as a code too.
func escape(s string) string { return escapeWith(escaped, s) }

// escapeTask escapes a task's name, and its first letter too where the
// name would read as a keyword: Mermaid reads "Title page: 4: Me" as the
// diagram's title.
func escapeTask(s string) string {
	s = escape(s)
	if word, _ := splitKeyword(s); word != "" {
		r, size := utf8.DecodeRuneInString(s)
		s = fmt.Sprintf("#%d;", r) + s[size:]
	}
	return s
}

func escapeWith(r *strings.Replacer, s string) string {
	s = r.Replace(s)
	if first, size := utf8.DecodeRuneInString(s); unicode.IsSpace(first) {
		s = fmt.Sprintf("#%d;", first) + s[size:]
	}
	if last, size := utf8.DecodeLastRuneInString(s); unicode.IsSpace(last) {
		s = s[:len(s)-size] + fmt.Sprintf("#%d;", last)
	}
	return s
}
