package diag

import (
	"errors"
	"io/fs"
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
