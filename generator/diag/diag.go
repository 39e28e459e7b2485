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
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
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
		Hint: "fix the ones above and check again"}
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
		parts = append(parts, plural(errors, adjective+"problem"))
	}
	if warnings > 0 {
		parts = append(parts, plural(warnings, adjective+"warning"))
	}
	return strings.Join(parts, sep)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func (d Diagnostic) Error() string { return d.String() }

// List is a set of diagnostics. The zero value is empty and ready to use.
type List []Diagnostic

// Add appends an error.
func (l *List) Add(pos Position, hint, format string, args ...any) {
	l.add(Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Warn appends a warning.
func (l *List) Warn(pos Position, hint, format string, args ...any) {
	l.add(Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint, Severity: Warning})
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

// Format writes every diagnostic, one per line (hints indented beneath),
// and a closing count: "2 problems", "2 problems, 3 warnings", "1 warning".
func (l List) Format() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	if s := l.Summary(); s != "" {
		b.WriteString(s)
		b.WriteByte('\n')
	}
	return b.String()
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
