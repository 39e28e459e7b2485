package diag

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
)

func TestPositionString(t *testing.T) {
	tests := []struct {
		pos  Position
		want string
	}{
		{Position{File: "site.toml"}, "site.toml"},
		{Position{File: "a.md", Line: 3}, "a.md:3"},
		{Position{File: "a.md", Line: 3, Col: 7}, "a.md:3:7"},
		{Position{File: "a.md", Col: 7}, "a.md"}, // a column without a line means nothing
	}
	for _, tt := range tests {
		if got := tt.pos.String(); got != tt.want {
			t.Errorf("%#v.String() = %q, want %q", tt.pos, got, tt.want)
		}
	}
}

func TestDiagnosticString(t *testing.T) {
	d := Diagnostic{Pos: Position{File: "a.md", Line: 2, Col: 1}, Msg: "unknown key", Hint: "did you mean \"x\"?"}
	want := "a.md:2:1: unknown key\n\thint: did you mean \"x\"?"
	if got := d.String(); got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := d.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	d.Hint = ""
	if got := d.String(); got != "a.md:2:1: unknown key" {
		t.Errorf("String() without hint = %q", got)
	}
}

func TestAdd(t *testing.T) {
	var l List
	l.Add(Position{File: "f", Line: 1}, "the hint", "bad %s %d", "thing", 3)
	if len(l) != 1 || l[0].Msg != "bad thing 3" || l[0].Hint != "the hint" {
		t.Fatalf("Add: got %#v", l)
	}
	var other List
	other.Add(Position{File: "g"}, "", "other")
	l.Append(other)
	if len(l) != 2 || l[1].Msg != "other" {
		t.Fatalf("Append: got %#v", l)
	}
}

func d(file string, line, col int, msg string) Diagnostic {
	return Diagnostic{Pos: Position{File: file, Line: line, Col: col}, Msg: msg}
}

func w(file string, line, col int, msg string) Diagnostic {
	return Diagnostic{Pos: Position{File: file, Line: line, Col: col}, Msg: msg, Severity: Warning}
}

func TestSort(t *testing.T) {
	tests := []struct {
		name string
		in   List
		want List
	}{
		{"empty", nil, List{}},
		{
			"by file, line, column, message",
			List{
				d("b.md", 1, 1, "x"),
				d("a.md", 10, 1, "x"),
				d("a.md", 2, 5, "x"),
				d("a.md", 2, 1, "z"),
				d("a.md", 2, 1, "y"),
				d("a.md", 0, 0, "whole file"),
			},
			List{
				d("a.md", 0, 0, "whole file"),
				d("a.md", 2, 1, "y"),
				d("a.md", 2, 1, "z"),
				d("a.md", 2, 5, "x"),
				d("a.md", 10, 1, "x"),
				d("b.md", 1, 1, "x"),
			},
		},
		{
			"exact duplicates dropped",
			List{d("a.md", 2, 1, "x"), d("a.md", 1, 1, "y"), d("a.md", 2, 1, "x"), d("a.md", 2, 1, "x")},
			List{d("a.md", 1, 1, "y"), d("a.md", 2, 1, "x")},
		},
		{
			"same place and message but different hints are both kept",
			List{
				{Pos: Position{File: "a.md", Line: 1}, Msg: "m", Hint: "h1"},
				{Pos: Position{File: "a.md", Line: 1}, Msg: "m", Hint: "h2"},
			},
			List{
				{Pos: Position{File: "a.md", Line: 1}, Msg: "m", Hint: "h1"},
				{Pos: Position{File: "a.md", Line: 1}, Msg: "m", Hint: "h2"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Sort()
			if len(got) != len(tt.want) {
				t.Fatalf("Sort() = %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("Sort()[%d] = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestErrAndError(t *testing.T) {
	var empty List
	if empty.Err() != nil {
		t.Errorf("empty list: Err() = %v, want nil", empty.Err())
	}
	if got := empty.Error(); got != "no problems" {
		t.Errorf("empty list: Error() = %q", got)
	}

	one := List{d("a.md", 1, 2, "first")}
	if got := one.Err(); got == nil || got.Error() != "a.md:1:2: first" {
		t.Errorf("one: Err() = %v", got)
	}

	three := List{d("a.md", 1, 2, "first"), d("a.md", 3, 0, "second"), d("b.md", 0, 0, "third")}
	if got, want := three.Error(), "a.md:1:2: first (and 2 more)"; got != want {
		t.Errorf("three: Error() = %q, want %q", got, want)
	}
	var asList List
	if !errors.As(three.Err(), &asList) || len(asList) != 3 {
		t.Errorf("Err() does not unwrap to the List: %v", asList)
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		name string
		l    List
		want string
	}{
		{"none", nil, ""},
		{"one", List{d("a.md", 1, 2, "bad")}, "a.md:1:2: bad\n1 problem\n"},
		{
			"several with a hint",
			List{
				{Pos: Position{File: "a.md", Line: 1, Col: 2}, Msg: "bad", Hint: "fix it"},
				d("b.md", 0, 0, "worse"),
				d("c.md", 4, 0, "worst"),
			},
			"a.md:1:2: bad\n\thint: fix it\nb.md: worse\nc.md:4: worst\n3 problems\n",
		},
		{"one warning", List{w("a.md", 3, 1, "stale")}, "a.md:3:1: warning: stale\n1 warning\n"},
		{
			"errors and warnings",
			List{d("a.md", 1, 1, "bad"), w("a.md", 2, 1, "odd"), w("b.md", 1, 1, "odd"), d("c.md", 1, 1, "bad")},
			"a.md:1:1: bad\na.md:2:1: warning: odd\nb.md:1:1: warning: odd\nc.md:1:1: bad\n2 problems, 2 warnings\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Format(); got != tt.want {
				t.Errorf("Format() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestSuggest(t *testing.T) {
	keys := []string{"name", "role", "pain_points", "goals", "channels", "moment_of_truth"}
	tests := []struct {
		got        string
		candidates []string
		want       string
	}{
		{"pain_point", keys, `did you mean "pain_points"?`},
		{"nmae", keys, `did you mean "name"?`}, // a transposition is one edit
		{"Goals", keys, `did you mean "goals"?`},
		{"chanels", keys, `did you mean "channels"?`},
		{"moment_of_thruth", keys, `did you mean "moment_of_truth"?`},
		{"socail", []string{"web", "app", "social", "store"}, `did you mean "social"?`},
		{"digtal", []string{"digital", "physical", "human", "partner"}, `did you mean "digital"?`},

		{"colour", keys, ""},
		{"xyz", keys, ""},
		{"background_story", keys, ""},
		{"x", []string{"web"}, ""},
		{"anything", nil, ""},
		{"", nil, ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.got, tt.candidates); got != tt.want {
			t.Errorf("Suggest(%q, %q) = %q, want %q", tt.got, tt.candidates, got, tt.want)
		}
	}
}

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"ab", "ba", 1},
		{"café", "cafe", 1}, // runes, not bytes
		{"same", "same", 0},
	}
	for _, tt := range tests {
		if got := distance(tt.a, tt.b); got != tt.want {
			t.Errorf("distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestCheckUTF8(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		ok        bool
		line, col int
		msg       string
	}{
		{"empty", "", true, 0, 0, ""},
		{"ascii", "+++\ntitle = \"x\"\n+++\n", true, 0, 0, ""},
		{"multibyte", "naïve café ☕\n日本語\n", true, 0, 0, ""},
		{"bad first byte", "\xff", false, 1, 1, "invalid UTF-8 (byte 0xff)"},
		{"bad after runes", "ab\ncé\xfe", false, 2, 3, "byte 0xfe"},
		{"truncated sequence", "+++\ntitle = \"caf\xc3\"\n", false, 2, 13, "byte 0xc3"},
		{"lone continuation byte", "x\n\ny\x80z", false, 3, 2, "byte 0x80"},
		{"only the first is reported", "\xff\n\xff", false, 1, 1, "byte 0xff"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			ok := CheckUTF8("a.md", []byte(tt.data), &l)
			if ok != tt.ok {
				t.Fatalf("CheckUTF8 = %v, want %v (%v)", ok, tt.ok, l)
			}
			if tt.ok {
				if len(l) != 0 {
					t.Errorf("valid input reported %v", l)
				}
				return
			}
			if len(l) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(l), l)
			}
			got := l[0]
			if got.Pos != (Position{File: "a.md", Line: tt.line, Col: tt.col}) {
				t.Errorf("position = %v, want a.md:%d:%d", got.Pos, tt.line, tt.col)
			}
			if !strings.Contains(got.Msg, tt.msg) {
				t.Errorf("message = %q, want it to contain %q", got.Msg, tt.msg)
			}
			if !strings.Contains(got.Hint, "UTF-8") {
				t.Errorf("hint = %q, want it to mention UTF-8", got.Hint)
			}
		})
	}
}

func TestCause(t *testing.T) {
	pe := &fs.PathError{Op: "open", Path: "content/x.md", Err: fs.ErrPermission}
	if got := Cause(pe); got != fs.ErrPermission {
		t.Errorf("Cause(PathError) = %v, want %v", got, fs.ErrPermission)
	}
	plain := errors.New("plain")
	if got := Cause(plain); got != plain {
		t.Errorf("Cause(plain) = %v", got)
	}
}

func TestWarn(t *testing.T) {
	var l List
	l.Warn(Position{File: "a.md", Line: 4, Col: 1}, "add one", "stage %q has no opportunity", "Pay")
	l.Add(Position{File: "a.md", Line: 2}, "", "bad")
	if len(l) != 2 || l[0].Severity != Warning || l[1].Severity != Error {
		t.Fatalf("got %#v", l)
	}
	if got, want := l[0].String(), "a.md:4:1: warning: stage \"Pay\" has no opportunity\n\thint: add one"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if !l.HasErrors() || (List{l[0]}).HasErrors() {
		t.Error("HasErrors is wrong")
	}
	errs, warns := l.Split()
	if len(errs) != 1 || errs[0].Msg != "bad" || len(warns) != 1 || warns[0].Severity != Warning {
		t.Errorf("Split() = %v, %v", errs, warns)
	}
	// The same position and message as an error and as a warning are two
	// diagnostics, the error first.
	sorted := List{w("a.md", 1, 1, "x"), d("a.md", 1, 1, "x"), w("a.md", 1, 1, "x")}.Sort()
	if len(sorted) != 2 || sorted[0].Severity != Error || sorted[1].Severity != Warning {
		t.Errorf("Sort() = %v", sorted)
	}
}

func TestMaxPerFile(t *testing.T) {
	tests := []struct {
		name string
		fill func(l *List)
		// What the sorted list holds: how many diagnostics of a.md and
		// b.md (the "and N more" included), and what that one says.
		a, b  int
		more  string
		count [2]int // errors, warnings
	}{
		{
			name: "at the limit",
			fill: func(l *List) {
				for i := range MaxPerFile {
					l.Add(Position{File: "a.md", Line: i + 1}, "", "bad")
				}
			},
			a: MaxPerFile, count: [2]int{MaxPerFile, 0},
		},
		{
			name: "one over",
			fill: func(l *List) {
				for i := range MaxPerFile + 1 {
					l.Add(Position{File: "a.md", Line: i + 1}, "", "bad")
				}
			},
			a: MaxPerFile + 1, more: "and 1 more problem in this file", count: [2]int{MaxPerFile + 1, 0},
		},
		{
			name: "a million, and another file",
			fill: func(l *List) {
				for i := range 1_000_000 {
					l.Add(Position{File: "a.md", Line: i + 1}, "", "stage %q already has a notes section", "Stage")
				}
				l.Add(Position{File: "b.md", Line: 1}, "", "bad")
			},
			a: MaxPerFile + 1, b: 1, more: "and 999950 more problems in this file", count: [2]int{1_000_001, 0},
		},
		{
			name: "warnings and errors",
			fill: func(l *List) {
				for i := range MaxPerFile + 10 {
					l.Warn(Position{File: "a.md", Line: i + 1}, "", "odd")
				}
				for i := range 5 {
					l.Add(Position{File: "a.md", Line: 1000 + i}, "", "bad")
				}
			},
			a: MaxPerFile + 1, more: "and 5 more problems and 10 more warnings in this file", count: [2]int{5, MaxPerFile + 10},
		},
		{
			name: "a file's diagnostics in two runs, appended from lists",
			fill: func(l *List) {
				for range 2 {
					var one List
					for i := range MaxPerFile + 3 {
						one.Add(Position{File: "a.md", Line: i + 1}, "", "bad %d", i)
					}
					var other List
					other.Add(Position{File: "b.md"}, "", "between")
					l.Append(one)
					l.Append(other)
				}
			},
			// The second run repeats the first: the duplicates go.
			a: MaxPerFile + 1, b: 1, more: "and 3 more problems in this file", count: [2]int{MaxPerFile + 4, 0}, // b.md counts too
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var l List
			tt.fill(&l)
			if len(l) > 2*(MaxPerFile+1)+2 {
				t.Fatalf("the list grew to %d diagnostics while it was filled", len(l))
			}
			l = l.Sort()
			var a, b int
			var more string
			for i, d := range l {
				switch d.Pos.File {
				case "a.md":
					a++
				case "b.md":
					b++
				}
				if _, _, ok := d.More(); ok {
					more = d.Msg
					if d.Pos.File != "a.md" || i+1 < len(l) && l[i+1].Pos.File == "a.md" || d.Hint == "" {
						t.Errorf("the count of a.md's other problems is not a.md's last diagnostic, or has no hint: %v", d)
					}
				}
			}
			if a != tt.a || b != tt.b || more != tt.more {
				t.Errorf("a.md %d, b.md %d, more %q; want %d, %d, %q", a, b, more, tt.a, tt.b, tt.more)
			}
			if e, w := l.Count(); e != tt.count[0] || w != tt.count[1] {
				t.Errorf("Count() = %d, %d; want %d, %d", e, w, tt.count[0], tt.count[1])
			}
			if again := slices.Clone(l).Sort(); !slices.Equal(again, l) {
				t.Errorf("sorting again changes the list:\n%s\nwas\n%s", again.Format(), l.Format())
			}
		})
	}
}
