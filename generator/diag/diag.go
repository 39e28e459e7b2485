// Package diag reports problems in a site's files the way compilers do:
// each Diagnostic names a position (file, line, column) relative to the
// site root, a message, and where it helps a hint that says how to fix it.
//
// A List collects every problem of a run so an author sees them all at
// once; it sorts by position and prints one per line, modelled on
// go/scanner.ErrorList.
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

// Diagnostic is one problem.
type Diagnostic struct {
	Pos  Position
	Msg  string
	Hint string // optional: how to fix it
}

// String formats the diagnostic as "path:line:col: message", followed by
// the hint on its own indented line.
func (d Diagnostic) String() string {
	s := d.Pos.String() + ": " + d.Msg
	if d.Hint != "" {
		s += "\n\thint: " + d.Hint
	}
	return s
}

func (d Diagnostic) Error() string { return d.String() }

// List is a set of diagnostics. The zero value is empty and ready to use.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(pos Position, hint, format string, args ...any) {
	*l = append(*l, Diagnostic{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Append adds every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort orders the list by file, line, column and message, and drops exact
// duplicates (the same problem found twice by two checks).
func (l List) Sort() List {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.Pos.File != b.Pos.File {
			return a.Pos.File < b.Pos.File
		}
		if a.Pos.Line != b.Pos.Line {
			return a.Pos.Line < b.Pos.Line
		}
		if a.Pos.Col != b.Pos.Col {
			return a.Pos.Col < b.Pos.Col
		}
		return a.Msg < b.Msg
	})
	out := l[:0]
	for i, d := range l {
		if i > 0 && d == l[i-1] {
			continue
		}
		out = append(out, d)
	}
	return out
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
// and a closing count.
func (l List) Format() string {
	var b strings.Builder
	for _, d := range l {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	switch len(l) {
	case 0:
	case 1:
		b.WriteString("1 problem\n")
	default:
		fmt.Fprintf(&b, "%d problems\n", len(l))
	}
	return b.String()
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
