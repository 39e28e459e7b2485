package diff

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/waymark-cx/waymark/generator/content"
)

// Formats are the names Write accepts; the first is the default.
var Formats = []string{"text", "markdown", "json"}

// JSONVersion is the version of the JSON that WriteJSON prints. Within a
// version, fields are only ever added; a change that would break a reader
// (a field renamed, removed, or changing its meaning or type) comes with a
// new version. docs/diff.md promises this.
const JSONVersion = 1

// Write prints r in the named format, one of Formats.
func Write(w io.Writer, r *Report, format string) error {
	switch format {
	case "text":
		return WriteText(w, r)
	case "markdown":
		return WriteMarkdown(w, r)
	case "json":
		return WriteJSON(w, r)
	}
	return fmt.Errorf("unknown format %q", format)
}

// Summary counts the changes in one line: "journeys: 1 added, 2 changed;
// personas: 1 removed", or "no changes in meaning".
func (r *Report) Summary() string {
	var parts []string
	count := func(what string, changes []Change) {
		n := map[Change]int{}
		for _, c := range changes {
			n[c]++
		}
		var counts []string
		for _, c := range []Change{Added, Removed, Changed} {
			if n[c] > 0 {
				counts = append(counts, fmt.Sprintf("%d %s", n[c], c))
			}
		}
		if len(counts) > 0 {
			parts = append(parts, what+": "+strings.Join(counts, ", "))
		}
	}
	var js, ps []Change
	for _, j := range r.Journeys {
		js = append(js, j.Change)
	}
	for _, p := range r.Personas {
		ps = append(ps, p.Change)
	}
	count("journeys", js)
	count("personas", ps)
	if len(parts) == 0 {
		return "no changes in meaning"
	}
	return strings.Join(parts, "; ")
}

// emotionText prints an emotion's value with its sign, or what stands in
// for it when it is not given.
func emotionText(e content.Emotion) string {
	if !e.Set {
		return "not rated"
	}
	return e.String()
}

// fieldLabel is how a journey's or persona's field is named in text and
// Markdown.
var fieldLabel = map[string]string{
	"title": "title", "state": "state", "type": "type", "status": "status",
	"owner": "owner", "parent": "parent", "current": "current-state map", "name": "name", "role": "role",
}

// freeText are the fields an author writes in their own words; the others
// are keywords and slugs.
var freeText = map[string]bool{"title": true, "owner": true, "name": true, "role": true}

// fieldText says how a field changed, "status: published → review", with
// the format's own printing of free text and of keywords.
func fieldText(f FieldChange, text, keyword func(string) string) string {
	show := func(v string) string {
		switch {
		case v == "":
			return "(none)"
		case freeText[f.Field]:
			return text(v)
		}
		return keyword(v)
	}
	return fmt.Sprintf("%s: %s → %s", fieldLabel[f.Field], show(f.Before), show(f.After))
}

// --- text -------------------------------------------------------------

// WriteText prints r for a terminal: a summary line, then one line per
// change. Author text is quoted, with anything unprintable escaped, so
// that no map can play tricks with the terminal.
func WriteText(w io.Writer, r *Report) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "%s → %s: %s\n", plain(r.From.Name), plain(r.To.Name), r.Summary())
	if len(r.Personas) > 0 {
		b.WriteByte('\n')
	}
	for _, p := range r.Personas {
		fmt.Fprintf(b, "persona %s: %s (%s)\n", p.Change, quote(p.Name), p.Slug)
		for _, f := range p.Fields {
			fmt.Fprintf(b, "  %s\n", fieldText(f, quote, plain))
		}
	}
	wrote := false
	for _, j := range r.Journeys {
		if j.Change == Changed {
			continue
		}
		if !wrote {
			b.WriteByte('\n')
			wrote = true
		}
		fmt.Fprintf(b, "journey %s: %s (%s)\n", j.Change, quote(j.Title), j.Slug)
	}
	for _, j := range r.Journeys {
		if j.Change != Changed {
			continue
		}
		fmt.Fprintf(b, "\njourney changed: %s (%s)\n", quote(j.Title), j.Slug)
		for _, f := range j.Fields {
			fmt.Fprintf(b, "  %s\n", fieldText(f, quote, plain))
		}
		if len(j.PersonasAdded) > 0 {
			fmt.Fprintf(b, "  personas added: %s\n", strings.Join(j.PersonasAdded, ", "))
		}
		if len(j.PersonasRemoved) > 0 {
			fmt.Fprintf(b, "  personas removed: %s\n", strings.Join(j.PersonasRemoved, ", "))
		}
		if o := j.StageOrder; o != nil {
			fmt.Fprintf(b, "  stage order: %s → %s\n", stageNames(o.Before, plain), stageNames(o.After, plain))
		}
		for _, s := range j.Stages {
			if s.Change != Changed {
				fmt.Fprintf(b, "  stage %s: %s\n", s.Change, quote(s.Name))
				continue
			}
			for _, line := range stageLines(s) {
				fmt.Fprintf(b, "  %s: %s\n", plain(s.Name), line)
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// stageLines are the changes of a changed stage, one line each, for text.
func stageLines(s StageChange) []string {
	var lines []string
	if s.OldName != "" {
		lines = append(lines, "renamed from "+quote(s.OldName))
	}
	lines = append(lines, emotionChanges(s.Emotion, s.PersonaEmotions, joinIDs)...)
	for _, p := range s.PainPoints {
		lines = append(lines, fmt.Sprintf("pain point %s: %s", p.Change, quote(p.Text)))
	}
	for _, o := range s.Opportunities {
		lines = append(lines, fmt.Sprintf("opportunity %s: %s", o.Change, quote(o.Text)))
	}
	for _, t := range s.Touchpoints {
		switch t.Change {
		case Added:
			lines = append(lines, fmt.Sprintf("touchpoint added: %s on %s", quote(t.Name), joinIDs(t.Channels.After)))
		case Removed:
			lines = append(lines, fmt.Sprintf("touchpoint removed: %s (was on %s)", quote(t.Name), joinIDs(t.Channels.Before)))
		default:
			for _, what := range touchpointChanges(t, joinIDs) {
				lines = append(lines, fmt.Sprintf("touchpoint %s %s", quote(t.Name), what))
			}
		}
	}
	return lines
}

// touchpointChanges says what changed about a touchpoint that is in both
// versions: "moved from web to app", "emotion +0.5 → +1".
func touchpointChanges(t TouchpointChange, ids func([]string) string) []string {
	var out []string
	if c := t.Channels; c != nil {
		left, joined := c.Moved()
		switch {
		case len(left) > 0 && len(joined) > 0:
			out = append(out, fmt.Sprintf("moved from %s to %s", ids(left), ids(joined)))
		case len(joined) > 0:
			out = append(out, "now also on "+ids(joined))
		default:
			out = append(out, "no longer on "+ids(left))
		}
	}
	return append(out, emotionChanges(t.Emotion, t.PersonaEmotions, ids)...)
}

// emotionChanges says how a stage's or a touchpoint's emotion changed:
// "emotion +0.5 → +1", or per persona, "emotion for dana-ortiz -1 → +1".
func emotionChanges(e *EmotionChange, perPersona []PersonaEmotionChange, ids func([]string) string) []string {
	var out []string
	if e != nil {
		out = append(out, fmt.Sprintf("emotion %s → %s", emotionText(e.Before), emotionText(e.After)))
	}
	for _, pe := range perPersona {
		out = append(out, fmt.Sprintf("emotion for %s %s → %s", ids([]string{pe.Persona}), emotionText(pe.Before), emotionText(pe.After)))
	}
	return out
}

// joinIDs lists slugs and channel ids for text.
func joinIDs(ids []string) string { return strings.Join(ids, ", ") }

func stageNames(refs []StageRef, name func(string) string) string {
	names := make([]string, len(refs))
	for i, s := range refs {
		names[i] = name(s.Name)
	}
	return strings.Join(names, ", ")
}

// quote puts author text in double quotes, escaping what a terminal would
// not print as it is.
func quote(s string) string { return strconv.QuoteToGraphic(s) }

// plain prints author text as it is when that is safe, and quoted when it
// holds anything a terminal would not print as it is.
func plain(s string) string {
	if q := quote(s); q[1:len(q)-1] == s && s != "" && strings.TrimSpace(s) == s {
		return s
	}
	return quote(s)
}

// --- Markdown ---------------------------------------------------------

// WriteMarkdown prints r to be pasted into a pull request: a heading and
// summary, the personas, the journeys added and removed, then a heading
// per changed journey with a list of its changes. Author text is escaped
// so that it shows as written and cannot break the list or start markup
// of its own.
func WriteMarkdown(w io.Writer, r *Report) error {
	b := &strings.Builder{}
	fmt.Fprintf(b, "### Journey maps: %s → %s\n\n", mdSide(r.From), mdSide(r.To))
	summary := r.Summary()
	fmt.Fprintf(b, "%s%s.\n", strings.ToUpper(summary[:1]), summary[1:])
	if len(r.Personas) > 0 {
		b.WriteString("\n#### Personas\n\n")
		for _, p := range r.Personas {
			fmt.Fprintf(b, "- %s: %s (%s)", upperFirst(string(p.Change)), bold(p.Name), code(p.Slug))
			for i, f := range p.Fields {
				sep := "; "
				if i == 0 {
					sep = ": "
				}
				b.WriteString(sep + fieldText(f, mdText, code))
			}
			b.WriteByte('\n')
		}
	}
	var whole []JourneyChange
	for _, j := range r.Journeys {
		if j.Change != Changed {
			whole = append(whole, j)
		}
	}
	if len(whole) > 0 {
		b.WriteString("\n#### Journeys added and removed\n\n")
		for _, j := range whole {
			fmt.Fprintf(b, "- %s: %s (%s)\n", upperFirst(string(j.Change)), bold(j.Title), code(j.Slug))
		}
	}
	for _, j := range r.Journeys {
		if j.Change == Changed {
			writeMarkdownJourney(b, j)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeMarkdownJourney(b *strings.Builder, j JourneyChange) {
	fmt.Fprintf(b, "\n#### %s (%s)\n\n", mdText(j.Title), code(j.Slug))
	for _, f := range j.Fields {
		fmt.Fprintf(b, "- %s\n", upperFirst(fieldText(f, mdText, code)))
	}
	var personas []string
	if len(j.PersonasAdded) > 0 {
		personas = append(personas, "added "+codes(j.PersonasAdded))
	}
	if len(j.PersonasRemoved) > 0 {
		personas = append(personas, "removed "+codes(j.PersonasRemoved))
	}
	if len(personas) > 0 {
		fmt.Fprintf(b, "- Personas: %s\n", strings.Join(personas, "; "))
	}
	if o := j.StageOrder; o != nil {
		fmt.Fprintf(b, "- Stage order: %s → %s\n", stageNames(o.Before, mdText), stageNames(o.After, mdText))
	}
	for _, s := range j.Stages {
		if s.Change != Changed {
			fmt.Fprintf(b, "- Stage %s: %s\n", s.Change, bold(s.Name))
			continue
		}
		b.WriteString("- " + bold(s.Name))
		if s.OldName != "" {
			b.WriteString(" (renamed from " + bold(s.OldName) + ")")
		}
		b.WriteByte('\n')
		for _, line := range markdownStageLines(s) {
			fmt.Fprintf(b, "  - %s\n", line)
		}
	}
}

func markdownStageLines(s StageChange) []string {
	var lines []string
	for _, what := range emotionChanges(s.Emotion, s.PersonaEmotions, codes) {
		lines = append(lines, upperFirst(what))
	}
	for _, p := range s.PainPoints {
		lines = append(lines, fmt.Sprintf("Pain point %s: %s", p.Change, mdText(p.Text)))
	}
	for _, o := range s.Opportunities {
		lines = append(lines, fmt.Sprintf("Opportunity %s: %s", o.Change, mdText(o.Text)))
	}
	for _, t := range s.Touchpoints {
		switch t.Change {
		case Added:
			lines = append(lines, fmt.Sprintf("Touchpoint added: %s on %s", bold(t.Name), codes(t.Channels.After)))
		case Removed:
			lines = append(lines, fmt.Sprintf("Touchpoint removed: %s (was on %s)", bold(t.Name), codes(t.Channels.Before)))
		default:
			what := touchpointChanges(t, codes)
			lines = append(lines, fmt.Sprintf("Touchpoint %s: %s", bold(t.Name), strings.Join(what, "; ")))
		}
	}
	return lines
}

func mdSide(s Side) string {
	if s.Commit == "" {
		return mdText(s.Name)
	}
	return code(s.Name)
}

// mdEscaped are the characters that could start markup in the middle of
// a line: emphasis, code, links, HTML, entities, headings, tables,
// strikethrough and maths. A backslash before any ASCII punctuation is
// always a literal in CommonMark, so escaping one too many is harmless.
const mdEscaped = "\\`*_[]<>#|~&$"

// mdText escapes author text for Markdown: it shows as written, on one
// line, and starts no markup. Line breaks and other control characters
// become spaces, so that no text can end the list item it is in.
func mdText(s string) string {
	s = strings.TrimSpace(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s))
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune(mdEscaped, r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}

func bold(s string) string {
	t := mdText(s)
	if t == "" {
		return ""
	}
	return "**" + t + "**"
}

// code puts a slug or a revision name in a code span, with a fence longer
// than any run of backticks inside it.
func code(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	fence := "`"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

func codes(ids []string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = code(id)
	}
	return strings.Join(out, ", ")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// --- JSON -------------------------------------------------------------

// WriteJSON prints r as one JSON object, {"version": 1, ...}, indented.
// Lists are [] when empty, never null; an emotion not given is null.
func WriteJSON(w io.Writer, r *Report) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // author text as written: "<" is not "\u003c"
	enc.SetIndent("", "  ")
	return enc.Encode(struct {
		Version int `json:"version"`
		*Report
	}{JSONVersion, r})
}

// emotionJSON is an emotion as JSON: its value, or null when not given.
func emotionJSON(e content.Emotion) *float64 {
	if !e.Set {
		return nil
	}
	return &e.Value
}

// MarshalJSON prints {"before": -1, "after": 1}.
func (c EmotionChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Before *float64 `json:"before"`
		After  *float64 `json:"after"`
	}{emotionJSON(c.Before), emotionJSON(c.After)})
}

// MarshalJSON prints {"persona": "dana-ortiz", "before": -1, "after": 1}.
func (c PersonaEmotionChange) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Persona string   `json:"persona"`
		Before  *float64 `json:"before"`
		After   *float64 `json:"after"`
	}{c.Persona, emotionJSON(c.Before), emotionJSON(c.After)})
}
