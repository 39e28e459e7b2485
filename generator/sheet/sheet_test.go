package sheet

import (
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/diag"
)

func TestSeparator(t *testing.T) {
	for src, want := range map[string]rune{
		"a,b,c\n":             ',',
		"a;b;c\r\n":           ';',
		"\"a;b\",c\n":         ',',
		"\"x,y\";\"z,w\";v\n": ';',
		"a\tb\tc\n":           '\t',
		"one\n":               ',',
		"":                    ',',
	} {
		if got := Separator(src); got != want {
			t.Errorf("Separator(%q) = %q, want %q", src, got, want)
		}
	}
}

// Rows and positions as editors count them, whatever the spreadsheet
// wrote: the mark, the line ends, Excel's sep= line, quoted line breaks,
// blank rows, characters of more than one byte; and one diagnostic for a
// file that cannot be read.
func TestRead(t *testing.T) {
	type cellAt struct {
		text      string
		line, col int
	}
	for _, tc := range []struct {
		name string
		data string
		sep  rune
		want [][]cellAt
		errs []string // "line:col: message" and a word of the hint
	}{
		{name: "commas", data: "a,b\nc,d\n", want: [][]cellAt{{{"a", 1, 1}, {"b", 1, 3}}, {{"c", 2, 1}, {"d", 2, 3}}}},
		{name: "mark and CRLF", data: "\uFEFFa;b\r\nc;d\r\n", want: [][]cellAt{{{"a", 1, 1}, {"b", 1, 3}}, {{"c", 2, 1}, {"d", 2, 3}}}},
		{name: "Excel's sep= line", data: "sep=;\r\na;b,c\r\n", want: [][]cellAt{{{"a", 2, 1}, {"b,c", 2, 3}}}},
		{name: "sep= line when the caller knows better", data: "sep=;\na\tb\n", sep: '\t', want: [][]cellAt{{{"a", 2, 1}, {"b", 2, 3}}}},
		{name: "blank rows", data: "a,b\n,\n  ,\nc,d\n", want: [][]cellAt{{{"a", 1, 1}, {"b", 1, 3}}, {{"c", 4, 1}, {"d", 4, 3}}}},
		{name: "columns in characters", data: "ünï,çödé,x\n", want: [][]cellAt{{{"ünï", 1, 1}, {"çödé", 1, 5}, {"x", 1, 10}}}},
		{name: "quoted line break", data: "\"a\nb\",c\n", want: [][]cellAt{{{"a\nb", 1, 1}, {"c", 2, 4}}}},
		{name: "a tab file's quotes are text", data: "5\" screen\tb\n", sep: '\t', want: [][]cellAt{{{"5\" screen", 1, 1}, {"b", 1, 11}}}},
		{name: "stray quote", data: "a,b\nc\"d,e\n", want: [][]cellAt{{{"a", 1, 1}, {"b", 1, 3}}},
			errs: []string{`2:2: bare " in non-quoted-field`, "twice"}},
		{name: "unclosed quote", data: "a,\"b\nc\n", want: [][]cellAt{},
			errs: []string{`2:2: extraneous or missing " in quoted-field`, "starts on line 1 is never closed"}},
		{name: "not UTF-8", data: "a,b\n\xff,c\n", errs: []string{"2:1: ", "UTF-8"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var errs diag.List
			r := NewReader("k.csv", []byte(tc.data), tc.sep, &errs)
			var got [][]cellAt
			if r != nil {
				got = [][]cellAt{}
				for rec := r.Read(); rec != nil; rec = r.Read() {
					var row []cellAt
					for i, text := range rec {
						pos := r.Pos(i)
						if pos.File != "k.csv" {
							t.Errorf("cell %q in file %q", text, pos.File)
						}
						row = append(row, cellAt{text, pos.Line, pos.Col})
					}
					got = append(got, row)
				}
			}
			if tc.want != nil && !equalRows(got, tc.want) {
				t.Errorf("rows %v, want %v", got, tc.want)
			}
			switch {
			case len(tc.errs) == 0 && len(errs) > 0:
				t.Errorf("problems:\n%s", errs.Format())
			case len(tc.errs) > 0 && (len(errs) != 1 || !strings.Contains(errs[0].String(), tc.errs[0]) || !strings.Contains(errs[0].Hint, tc.errs[1])):
				t.Errorf("problems:\n%s\nwant one at %q with a hint saying %q", errs.Format(), tc.errs[0], tc.errs[1])
			}
		})
	}
}

func equalRows[T comparable](a, b [][]T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) != len(b[i]) {
			return false
		}
		for j := range a[i] {
			if a[i][j] != b[i][j] {
				return false
			}
		}
	}
	return true
}

// No input makes the reader panic, loop, or place a cell outside its
// file.
func FuzzRead(f *testing.F) {
	for _, seed := range []string{"a,b\nc,d\n", "sep=;\r\na;b\r\n", "\"a\nb\",c", "a\t\"b\n", "sep=", "\uFEFF", "x\"y,\"z"} {
		f.Add([]byte(seed), int32(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, sep int32) {
		var errs diag.List
		r := NewReader("f.csv", data, rune(sep)&0x7f, &errs)
		if r == nil {
			return
		}
		lines := strings.Count(string(data), "\n") + 1
		for rec := r.Read(); rec != nil; rec = r.Read() {
			for i := range rec {
				if p := r.Pos(i); p.Line < 1 || p.Line > lines || p.Col < 1 {
					t.Fatalf("cell %d of %q at %d:%d, outside the file's %d lines", i, rec, p.Line, p.Col, lines)
				}
			}
		}
	})
}
