// Package diag reports problems in a site's files the way compilers do:
// each Diagnostic names a position (file, line, column) relative to the
// site root, a message, and where it helps a hint that says how to fix it.
//
// A List collects every problem of a run so an author sees them all at
// once; it sorts by position and prints one per line, modelled on
// go/scanner.ErrorList. A problem is an error, which stops a build, or a
// warning, which is printed and does not; errors are the zero value.
//
// A List keeps at most MaxPerFile diagnostics of one file, and counts the
// rest in one "and N more problems in this file" at its end, like gc's
// "too many errors": a file that repeats one mistake a million times
// costs a few kilobytes, not gigabytes, while it is collected.
//
// Printing is bounded too, by kind: one mistake repeated across a
// thousand files (a channel renamed in site.toml) is one kind of
// problem, and Format prints the first few of each kind in full and
// counts the rest of it on one line. See Brief.
package diag

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Position is a place in a file. Line and Col start at 1; zero means
// unknown, and is left out when printed.
type Position struct {
	File string // slash-separated, relative to the site root
	Line int
	Col  int
}

func (p Position) String() string {
	s := p.File
	if p.Line > 0 {
		s += fmt.Sprintf(":%d", p.Line)
		if p.Col > 0 {
			s += fmt.Sprintf(":%d", p.Col)
		}
	}
	return s
}

// Severity says whether a diagnostic stops a build.
type Severity int

const (
	// Error is a problem the site cannot be built with. It is the zero
	// value, so that every Diagnostic made without a Severity is one.
	Error Severity = iota
	// Warning is something a reader would miss, or a map that needs care;
	// the site is built all the same.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem.
type Diagnostic struct {
	Pos      Position
	Msg      string
	Hint     string // optional: how to fix it
	Severity Severity

	// kind is the format the message was made from ("unknown channel
	// %q"): every diagnostic made by the same check shares it, whatever
	// it names. "" when the format says nothing by itself ("%v"), or the
	// Diagnostic was made by hand; Kind falls back to the message then.
	kind string

	// When the diagnostic stands for those of its file beyond
	// MaxPerFile: how many errors and warnings it counts.
	moreErrors, moreWarnings int
}

// String formats the diagnostic as "path:line:col: message", or
// "path:line:col: warning: message", followed by the hint on its own
// indented line.
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": "
	if d.Severity == Warning {
		s += "warning: "
	}
	s += d.Msg
	if d.Hint != "" {
		s += "\n\thint: " + d.Hint
	}
	return s
}

// Kind names what kind of problem the diagnostic is: the format its
// message was made from, or, for one made without a telling format, the
// message itself. The diagnostics that stand for a file's problems
// beyond MaxPerFile are a kind of their own.
func (d Diagnostic) Kind() string {
	if d.kind != "" {
		return d.kind
	}
	return d.Msg
}

// kindOf is the kind of a diagnostic made with format: the format, or ""
// when it has no words of its own ("%s", "%v: %v") and so cannot tell
// one kind of problem from another.
func kindOf(format string) string {
	if strings.ContainsFunc(withoutVerbs(format, ""), unicode.IsLetter) {
		return format
	}
	return ""
}

// withoutVerbs replaces each formatting verb of format (%q, %d, %5.2f,
// %[1]s) with blank, and %% with %: "unknown channel %q" with "…" is
// "unknown channel …".
func withoutVerbs(format, blank string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			b.WriteByte(format[i])
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[i]) >= 0 {
			i++
		}
		if i == len(format) {
			break
		}
		if format[i] == '%' {
			b.WriteByte('%')
			continue
		}
		_, size := utf8.DecodeRuneInString(format[i:])
		i += size - 1
		b.WriteString(blank)
	}
	return b.String()
}

// moreKind is the kind of the diagnostics that count a file's problems
// beyond MaxPerFile; no format has it.
const moreKind = "\x00more"

// More reports whether the diagnostic stands for the diagnostics of its
// file beyond MaxPerFile, and how many errors and warnings those are.
func (d Diagnostic) More() (errors, warnings int, ok bool) {
	return d.moreErrors, d.moreWarnings, d.moreErrors+d.moreWarnings > 0
}

// counts is how many errors and warnings the diagnostic stands for.
func (d Diagnostic) counts() (errors, warnings int) {
	if e, w, ok := d.More(); ok {
		return e, w
	}
	if d.Severity == Warning {
		return 0, 1
	}
	return 1, 0
}

// MaxPerFile is how many diagnostics of one file a List keeps; one more
// counts the rest.
const MaxPerFile = 50

// moreDiagnostic is the diagnostic that counts a file's diagnostics
// beyond MaxPerFile; it is at the first of them.
func moreDiagnostic(pos Position, errors, warnings int) Diagnostic {
	d := Diagnostic{Pos: pos, moreErrors: errors, moreWarnings: warnings,
		Hint: "fix the ones above and check again", kind: moreKind}
	if errors == 0 {
		d.Severity = Warning
	}
	d.Msg = "and " + inWords(errors, warnings, "more ", " and ") + " in this file"
	return d
}

// inWords counts errors as problems and warnings as warnings, each noun
// after adjective, joined by sep and leaving out a count of none:
// "2 problems, 1 warning", "3 more problems and 1 more warning".
func inWords(errors, warnings int, adjective, sep string) string {
	var parts []string
	if errors > 0 {
		parts = append(parts, Plural(errors, adjective+"problem", adjective+"problems"))
	}
	if warnings > 0 {
		parts = append(parts, Plural(warnings, adjective+"warning", adjective+"warnings"))
	}
	return strings.Join(parts, sep)
}

// Plural is n with the noun that goes with it, one for 1 and many for
// any other count, n written as Thousands writes it: "1 journey",
// "10,000 journeys". It is how waymark counts things for people, on its
// pages and in the terminal alike.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return Thousands(n) + " " + many
}

// Thousands writes n with a comma between groups of three digits,
// "8,696": counts in the thousands are read at a glance that way.
func Thousands(n int) string {
	s := strconv.Itoa(n)
	start := 0
	if n < 0 {
		start = 1
	}
	for i := len(s) - 3; i > start; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func (d Diagnostic) Error() string { return d.String() }

// List is a set of diagnostics. The zero value is empty and ready to use.
type List []Diagnostic

// Add appends an error.
func (l *List) Add(pos Position, hint, format string, args ...any) {
	l.add(Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint, kind: kindOf(format)})
}

// Warn appends a warning.
func (l *List) Warn(pos Position, hint, format string, args ...any) {
	l.add(Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: Warning, kind: kindOf(format)})
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) {
	for _, d := range other {
		l.add(d)
	}
}

// add appends d, or counts it in its file's "and N more" when the end of
// the list already holds MaxPerFile diagnostics of that file. Checks
// report a file's problems one after another, so looking at the end of
// the list is enough to bound it while it grows; Sort applies the bound
// to the whole list.
func (l *List) add(d Diagnostic) {
	s := *l
	if n := len(s); n > 0 && s[n-1].Pos.File == d.Pos.File {
		if e, w, ok := s[n-1].More(); ok {
			de, dw := d.counts()
			s[n-1] = moreDiagnostic(s[n-1].Pos, e+de, w+dw)
			return
		}
	}
	if _, _, ok := d.More(); !ok {
		run := 0
		for i := len(s) - 1; i >= 0 && s[i].Pos.File == d.Pos.File && run < MaxPerFile; i-- {
			run++
		}
		if run == MaxPerFile {
			e, w := d.counts()
			d = moreDiagnostic(d.Pos, e, w)
		}
	}
	*l = append(s, d)
}

// Sort orders the list by file, line, column, message and severity, drops
// exact duplicates (the same problem found twice by two checks), and
// keeps at most MaxPerFile diagnostics of each file, in order, with one
// at the file's end that counts the rest.
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		_, _, aMore := a.More()
		_, _, bMore := b.More()
		if aMore != bMore {
			return bMore
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		if a.Msg != b.Msg {
			return a.Msg < b.Msg
		}
		return a.Severity < b.Severity
	})
	out := l[:0]
	// Of the current file: how many are kept, and those beyond, from where.
	kept, moreErrors, moreWarnings := 0, 0, 0
	var morePos Position
	for i, d := range l {
		if i > 0 && d.Pos.File != l[i-1].Pos.File {
			kept, moreErrors, moreWarnings = 0, 0, 0
		}
		_, _, more := d.More()
		switch {
		case i > 0 && d == l[i-1]: // a duplicate
		case !more && kept < MaxPerFile:
			out = append(out, d)
			kept++
		default:
			if moreErrors+moreWarnings == 0 || d.Pos.Line < morePos.Line ||
				d.Pos.Line == morePos.Line && d.Pos.Col < morePos.Col {
				morePos = d.Pos
			}
			e, w := d.counts()
			moreErrors, moreWarnings = moreErrors+e, moreWarnings+w
		}
		if moreErrors+moreWarnings > 0 && (i == len(l)-1 || l[i+1].Pos.File != d.Pos.File) {
			out = append(out, moreDiagnostic(morePos, moreErrors, moreWarnings))
		}
	}
	return out
}

// Count is how many errors and warnings the list holds, counting those
// that an "and N more" stands for.
func (l List) Count() (errors, warnings int) {
	for _, d := range l {
		e, w := d.counts()
		errors, warnings = errors+e, warnings+w
	}
	return errors, warnings
}

// HasErrors reports whether the list holds an error, which stops a build.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Split returns the errors and the warnings of the list, each in order.
func (l List) Split() (errors, warnings List) {
	for _, d := range l {
		if d.Severity == Warning {
			warnings = append(warnings, d)
		} else {
			errors = append(errors, d)
		}
	}
	return errors, warnings
}

// Err returns the list as an error, or nil when it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error prints the first diagnostic and how many more there are, like
// go/scanner.ErrorList; Format prints them all.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no problems"
	case 1:
		return l[0].String()
	}
	return fmt.Sprintf("%s (and %d more)", l[0], len(l)-1)
}

// Format writes the list as Brief abridges it, one diagnostic per line
// (hints indented beneath), then a line for each kind cut short, and a
// closing count of them all: "2 problems", "2 problems, 3 warnings",
// "1 warning". A list with no kind cut short prints as FormatAll does.
func (l List) Format() string {
	return l.Brief().String()
}

// FormatAll writes every diagnostic, one per line (hints indented
// beneath), and the closing count.
func (l List) FormatAll() string {
	return format(l, nil, l.Summary())
}

func format(shown List, rest []string, summary string) string {
	var b strings.Builder
	for _, d := range shown {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	for _, line := range rest {
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if summary != "" {
		b.WriteString(summary)
		b.WriteByte('\n')
	}
	return b.String()
}

// PerKind is how many diagnostics of a kind cut short are printed in
// full. A kind is cut short when it has more than twice as many: cutting
// fewer would save a line or two and hide problems worth seeing.
const PerKind = 5

// Brief is a list abridged to be read: the first few diagnostics of each
// kind in full, and one line that counts the rest of a kind.
type Brief struct {
	// Shown is the diagnostics printed in full, in the list's order: all
	// of them but those of a kind with more than 2*PerKind, of which the
	// first PerKind. Within a kind cut short, a hint already shown for
	// it is left out, so that it is read once rather than PerKind times.
	Shown List
	// Rest is one line per kind cut short, in the order of the kind's
	// first diagnostic: how many more there are, what they say, and in
	// how many files: `and 1,995 more: unknown channel "web" in 1,995
	// files`, or, when their messages differ, `and 20 more like: unknown
	// channel … in 7 files`.
	Rest []string
	// Omitted is how many errors and warnings Rest counts: 0 when Shown
	// is the whole list.
	Omitted int

	summary string // of the whole list
}

// String formats the abridged list as List.Format does.
func (b Brief) String() string {
	return format(b.Shown, b.Rest, b.summary)
}

// Brief abridges the list by kind (see Brief). A compiler prints
// everything and stops at a limit; a site, whose content is one
// mistake away from a thousand identical problems (a channel renamed
// in site.toml, a warning that applies to every map), is better served
// by seeing each kind of problem once, with its count.
func (l List) Brief() Brief {
	total := map[kindKey]int{}
	for _, d := range l {
		total[d.kindKey()]++
	}
	var cuts []*kindCut
	byKey := map[kindKey]*kindCut{}
	b := Brief{summary: l.Summary()}
	for _, d := range l {
		k := d.kindKey()
		if total[k] <= 2*PerKind {
			b.Shown = append(b.Shown, d)
			continue
		}
		c := byKey[k]
		if c == nil {
			c = &kindCut{kindKey: k, files: map[string]bool{}, hints: map[string]bool{}}
			byKey[k] = c
			cuts = append(cuts, c)
		}
		if c.shown < PerKind {
			c.shown++
			if c.hints[d.Hint] {
				d.Hint = ""
			}
			c.hints[d.Hint] = true
			b.Shown = append(b.Shown, d)
			continue
		}
		c.omit(d)
	}
	for _, c := range cuts {
		b.Omitted += c.errors + c.warnings
		b.Rest = append(b.Rest, c.String())
	}
	return b
}

// kindKey groups diagnostics for Brief: an error and a warning made with
// one format are still two kinds.
type kindKey struct {
	severity Severity
	kind     string
}

func (d Diagnostic) kindKey() kindKey { return kindKey{d.Severity, d.Kind()} }

// kindCut is a kind that Brief cuts short: the diagnostics of it shown,
// and what the rest have in common.
type kindCut struct {
	kindKey
	shown            int
	hints            map[string]bool // the hints shown
	omitted          int
	msg              string // the message of the first omitted
	differ           bool   // whether the messages of the omitted differ
	errors, warnings int    // how many the omitted stand for
	files            map[string]bool
}

func (c *kindCut) omit(d Diagnostic) {
	if c.omitted == 0 {
		c.msg = d.Msg
	}
	c.differ = c.differ || d.Msg != c.msg
	c.omitted++
	e, w := d.counts()
	c.errors, c.warnings = c.errors+e, c.warnings+w
	c.files[d.Pos.File] = true
}

// String is the line that counts the omitted diagnostics.
func (c *kindCut) String() string {
	files := Plural(len(c.files), "file", "files")
	if c.kind == moreKind {
		return "and " + inWords(c.errors, c.warnings, "more ", " and ") +
			fmt.Sprintf(" beyond the first %d in each of %s", MaxPerFile, files)
	}
	s := "and " + Thousands(c.omitted) + " more"
	if c.differ {
		s += " like"
	}
	s += ": "
	if c.severity == Warning {
		s += "warning: "
	}
	msg := c.msg
	if c.differ {
		msg = withoutVerbs(c.kind, "…")
	}
	return s + msg + " in " + files
}

// Summary counts the list's errors and warnings in words, "" when it is
// empty.
func (l List) Summary() string {
	errors, warnings := l.Count()
	return inWords(errors, warnings, "", ", ")
}

// Suggest returns a "did you mean …?" hint naming the candidate closest to
// got, or "" when none is close enough to be a plausible typo.
func Suggest(got string, candidates []string) string {
	best, bestDist := "", -1
	for _, c := range candidates {
		d := distance(strings.ToLower(got), strings.ToLower(c))
		if bestDist < 0 || d < bestDist {
			best, bestDist = c, d
		}
	}
	// A typo changes a few characters; allow about one edit in three.
	if best == "" || bestDist > 1+len(got)/3 {
		return ""
	}
	return fmt.Sprintf("did you mean %q?", best)
}

// Choices names the choices for a hint that tells what got could have
// been: all of them when there are a few, else the nearest few to got
// and how many there are in all, "website, app, email, … (24 in all)".
// A hint that listed all 24 channels under each of 2,000 problems would
// bury them; the nearest are the likely ones. Nearest means one written
// inside the other first ("web", "website"), then the fewest edits; ties
// and, when got is "", all keep the order of choices.
func Choices(got string, choices []string) string {
	if len(choices) <= maxChoices {
		return strings.Join(choices, ", ")
	}
	near := slices.Clone(choices)
	if got != "" {
		g := strings.ToLower(got)
		type rank struct{ apart, edits int }
		rankOf := func(c string) rank {
			c = strings.ToLower(c)
			r := rank{1, distance(g, c)}
			if strings.Contains(c, g) || strings.Contains(g, c) {
				r.apart = 0
			}
			return r
		}
		slices.SortStableFunc(near, func(a, b string) int {
			ra, rb := rankOf(a), rankOf(b)
			return cmp.Or(cmp.Compare(ra.apart, rb.apart), cmp.Compare(ra.edits, rb.edits))
		})
	}
	return strings.Join(near[:nearestChoices], ", ") + fmt.Sprintf(", … (%s in all)", Thousands(len(choices)))
}

// Choices lists up to maxChoices in full; beyond, the nearestChoices.
const (
	maxChoices     = 5
	nearestChoices = 3
)

// distance is the Levenshtein edit distance between a and b, counting an
// adjacent transposition as one edit.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// CheckUTF8 reports the first invalid UTF-8 sequence in data, if any, at
// its line and column, and returns whether data is valid.
func CheckUTF8(file string, data []byte, errs *List) bool {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			errs.Add(Position{File: file, Line: line, Col: col},
				"save the file as UTF-8 in your editor",
				"invalid UTF-8 (byte 0x%02x)", data[i])
			return false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return true
}

// Cause drops the *fs.PathError wrapper from a file error: the diagnostic
// already names the file, so "open content/x.md: permission denied"
// would say it twice.
func Cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
