package diag

import (
	"errors"
	"fmt"
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
			a: MaxPerFile + 1, b: 1, more: "and 999,950 more problems in this file", count: [2]int{1_000_001, 0},
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

func TestKind(t *testing.T) {
	var l List
	l.Add(Position{File: "a.md"}, "", "unknown channel %q", "web")
	l.Add(Position{File: "b.md"}, "", "unknown channel %q", "app")
	l.Warn(Position{File: "c.md"}, "", "journey has no evidence")
	l.Add(Position{File: "d.md"}, "", "%v", errors.New("template: x.html:3: bad"))
	l.Add(Position{File: "e.md"}, "", "%s: %v", "a", "b")
	l.Append(List{d("f.md", 1, 1, "made by hand")})
	want := []string{"unknown channel %q", "unknown channel %q", "journey has no evidence",
		"template: x.html:3: bad", "a: b", "made by hand"}
	for i, d := range l {
		if got := d.Kind(); got != want[i] {
			t.Errorf("%v: Kind() = %q, want %q", d, got, want[i])
		}
	}
}

func TestWithoutVerbs(t *testing.T) {
	tests := []struct{ format, want string }{
		{"unknown channel %q", "unknown channel …"},
		{"map was last updated on %s, %d days ago: older than %d days", "map was last updated on …, … days ago: older than … days"},
		{"%5.2f%% of %[1]v", "…% of …"},
		{"no verbs", "no verbs"},
		{"trailing %", "trailing "},
		{"wide %ü rune", "wide … rune"},
	}
	for _, tt := range tests {
		if got := withoutVerbs(tt.format, "…"); got != tt.want {
			t.Errorf("withoutVerbs(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

func TestThousands(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {8696, "8,696"}, {1234567, "1,234,567"}, {-1234, "-1,234"}, {-123, "-123"}}
	for _, tt := range tests {
		if got := Thousands(tt.n); got != tt.want {
			t.Errorf("Thousands(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}

// repeat makes n diagnostics of one kind, one per file (f0001.md, …),
// as List.Add or List.Warn would: severity, a hint, and a message made of
// format and arg(i).
func repeat(n int, severity Severity, hint, format string, arg func(i int) any) List {
	var l List
	for i := range n {
		pos := Position{File: fmt.Sprintf("%s%04d.md", strings.Fields(format)[0], i), Line: 3, Col: 5}
		if severity == Warning {
			l.Warn(pos, hint, format, arg(i))
		} else {
			l.Add(pos, hint, format, arg(i))
		}
	}
	return l
}

func same(v any) func(int) any { return func(int) any { return v } }

func TestFormatGroupsByKind(t *testing.T) {
	channel := func(n int, arg func(int) any) List {
		return repeat(n, Error, "use one of: website, app, … (24 in all)", "unknown channel %q", arg)
	}
	evidence := func(n int) List {
		return repeat(n, Warning, "add evidence", "journey %shas no evidence", same(""))
	}
	tests := []struct {
		name string
		l    List
		want string
		// omitted is Brief().Omitted.
		omitted int
	}{
		{
			name: "a kind at twice PerKind is printed whole, hints and all",
			l:    channel(2*PerKind, same("web")),
			want: strings.Repeat("unknown0000.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n", 1) +
				"unknown0001.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0002.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0003.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0004.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0005.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0006.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0007.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0008.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0009.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"10 problems\n",
		},
		{
			name: "2,000 of one kind: the first few, the hint once, then the count",
			l:    channel(2000, same("web")),
			want: "unknown0000.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0001.md:3:5: unknown channel \"web\"\n" +
				"unknown0002.md:3:5: unknown channel \"web\"\n" +
				"unknown0003.md:3:5: unknown channel \"web\"\n" +
				"unknown0004.md:3:5: unknown channel \"web\"\n" +
				"and 1,995 more: unknown channel \"web\" in 1,995 files\n" +
				"2,000 problems\n",
			omitted: 1995,
		},
		{
			name: "one kind, messages that differ",
			l:    channel(12, func(i int) any { return []string{"web", "shop"}[i%2] }),
			want: "unknown0000.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0001.md:3:5: unknown channel \"shop\"\n" +
				"unknown0002.md:3:5: unknown channel \"web\"\n" +
				"unknown0003.md:3:5: unknown channel \"shop\"\n" +
				"unknown0004.md:3:5: unknown channel \"web\"\n" +
				"and 7 more like: unknown channel … in 7 files\n" +
				"12 problems\n",
			omitted: 7,
		},
		{
			name: "mixed kinds: a small one whole, in order among a big one's first few",
			l: append(channel(11, same("web")),
				Diagnostic{Pos: Position{File: "unknown0002.md", Line: 9}, Msg: "bad date", Hint: "write 2025-01-31"},
				Diagnostic{Pos: Position{File: "unknown0007.md", Line: 9}, Msg: "bad date", Hint: "write 2025-01-31"},
			).Sort(),
			want: "unknown0000.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0001.md:3:5: unknown channel \"web\"\n" +
				"unknown0002.md:3:5: unknown channel \"web\"\n" +
				"unknown0002.md:9: bad date\n\thint: write 2025-01-31\n" +
				"unknown0003.md:3:5: unknown channel \"web\"\n" +
				"unknown0004.md:3:5: unknown channel \"web\"\n" +
				"unknown0007.md:9: bad date\n\thint: write 2025-01-31\n" +
				"and 6 more: unknown channel \"web\" in 6 files\n" +
				"13 problems\n",
			omitted: 6,
		},
		{
			name: "errors and warnings: each kind its own line, in order",
			l:    append(evidence(2000), channel(30, same("web"))...).Sort(),
			want: "journey0000.md:3:5: warning: journey has no evidence\n\thint: add evidence\n" +
				"journey0001.md:3:5: warning: journey has no evidence\n" +
				"journey0002.md:3:5: warning: journey has no evidence\n" +
				"journey0003.md:3:5: warning: journey has no evidence\n" +
				"journey0004.md:3:5: warning: journey has no evidence\n" +
				"unknown0000.md:3:5: unknown channel \"web\"\n\thint: use one of: website, app, … (24 in all)\n" +
				"unknown0001.md:3:5: unknown channel \"web\"\n" +
				"unknown0002.md:3:5: unknown channel \"web\"\n" +
				"unknown0003.md:3:5: unknown channel \"web\"\n" +
				"unknown0004.md:3:5: unknown channel \"web\"\n" +
				"and 1,995 more: warning: journey has no evidence in 1,995 files\n" +
				"and 25 more: unknown channel \"web\" in 25 files\n" +
				"30 problems, 2,000 warnings\n",
			omitted: 2020,
		},
		{
			name: "the same format as an error and as a warning is two kinds",
			l: append(repeat(11, Error, "", "stage %q is odd", same("Pay")),
				repeat(3, Warning, "", "stage %q is odd", same("Buy"))...).Sort(),
			want: "stage0000.md:3:5: warning: stage \"Buy\" is odd\n" +
				"stage0000.md:3:5: stage \"Pay\" is odd\n" +
				"stage0001.md:3:5: warning: stage \"Buy\" is odd\n" +
				"stage0001.md:3:5: stage \"Pay\" is odd\n" +
				"stage0002.md:3:5: warning: stage \"Buy\" is odd\n" +
				"stage0002.md:3:5: stage \"Pay\" is odd\n" +
				"stage0003.md:3:5: stage \"Pay\" is odd\n" +
				"stage0004.md:3:5: stage \"Pay\" is odd\n" +
				"and 6 more: stage \"Pay\" is odd in 6 files\n" +
				"11 problems, 3 warnings\n",
			omitted: 6,
		},
		{
			name: "a hint that differs within a kind is printed",
			l: func() List {
				var l List
				for i := range 11 {
					hint := "did you mean \"web\"?"
					if i == 2 {
						hint = "did you mean \"app\"?"
					}
					l.Add(Position{File: fmt.Sprintf("%02d.md", i)}, hint, "unknown channel %q", "x")
				}
				return l
			}(),
			want: "00.md: unknown channel \"x\"\n\thint: did you mean \"web\"?\n" +
				"01.md: unknown channel \"x\"\n" +
				"02.md: unknown channel \"x\"\n\thint: did you mean \"app\"?\n" +
				"03.md: unknown channel \"x\"\n" +
				"04.md: unknown channel \"x\"\n" +
				"and 6 more: unknown channel \"x\" in 6 files\n" +
				"11 problems\n",
			omitted: 6,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Format(); got != tt.want {
				t.Errorf("Format() =\n%s\nwant\n%s", got, tt.want)
			}
			b := tt.l.Brief()
			if b.Omitted != tt.omitted {
				t.Errorf("Omitted = %d, want %d", b.Omitted, tt.omitted)
			}
			// Nothing is lost: what is shown and what the lines count
			// add up to the whole list.
			e, w := b.Shown.Count()
			if le, lw := tt.l.Count(); e+w+b.Omitted != le+lw {
				t.Errorf("shown %d + omitted %d, want %d", e+w, b.Omitted, le+lw)
			}
			if got, want := tt.l.FormatAll(), format(tt.l, nil, tt.l.Summary()); got != want {
				t.Errorf("FormatAll() =\n%s\nwant every diagnostic", got)
			}
			if tt.omitted == 0 && len(b.Rest) != 0 {
				t.Errorf("Rest = %q, want none", b.Rest)
			}
		})
	}
}

// TestFormatGroupsCountsBeyondMaxPerFile: files past MaxPerFile each end
// in an "and N more problems in this file"; a site full of them is a
// kind like any other, and its line counts the problems they stand for.
func TestFormatGroupsCountsBeyondMaxPerFile(t *testing.T) {
	var l List
	for f := range 12 {
		for i := range MaxPerFile + 1 + f {
			l.Add(Position{File: fmt.Sprintf("%02d.md", f), Line: i + 1}, "", "bad")
		}
	}
	l = l.Sort()
	b := l.Brief()
	// The 12 files hold 12*(MaxPerFile+1) + 0+1+…+11 problems; MaxPerFile of
	// each and the count of the first 5 files' rest are shown.
	wantRest := []string{
		fmt.Sprintf("and %d more: bad in 12 files", 12*MaxPerFile-PerKind),
		fmt.Sprintf("and 63 more problems beyond the first %d in each of 7 files", MaxPerFile), // 6+…+12
	}
	if !slices.Equal(b.Rest, wantRest) {
		t.Errorf("Rest =\n%q\nwant\n%q", b.Rest, wantRest)
	}
	e, w := b.Shown.Count()
	if le, lw := l.Count(); e+w+b.Omitted != le+lw || le != 12*(MaxPerFile+1)+66 {
		t.Errorf("shown %d + omitted %d, want %d (%d)", e+w, b.Omitted, le+lw, 12*(MaxPerFile+1)+66)
	}
	if got := strings.Count(l.Format(), "\n"); got > 20 {
		t.Errorf("Format() has %d lines:\n%s", got, l.Format())
	}
}

func TestChoices(t *testing.T) {
	channels := []string{"website", "app", "email", "chat", "social", "sms", "push", "forum", "store", "workshop"}
	tests := []struct {
		got     string
		choices []string
		want    string
	}{
		{"web", channels, "website, app, sms, … (10 in all)"},    // written inside it first, then the fewest edits
		{"shop", channels, "workshop, app, chat, … (10 in all)"}, // ties keep the order given
		{"", channels, "website, app, email, … (10 in all)"},     // no word to be near: the order given
		{"xyz", []string{"digital", "physical", "human", "partner"}, "digital, physical, human, partner"},
		{"x", nil, ""},
		{"STORE", channels, "store, sms, forum, … (10 in all)"}, // case does not count
	}
	for _, tt := range tests {
		if got := Choices(tt.got, tt.choices); got != tt.want {
			t.Errorf("Choices(%q, %q) = %q, want %q", tt.got, tt.choices, got, tt.want)
		}
	}
}

func TestPlural(t *testing.T) {
	tests := []struct {
		n    int
		want string
	}{
		{0, "0 stages"},
		{1, "1 stage"},
		{2, "2 stages"},
		{12000, "12,000 stages"},
		{-1, "-1 stages"},
		{-1234, "-1,234 stages"},
	}
	for _, tt := range tests {
		if got := Plural(tt.n, "stage", "stages"); got != tt.want {
			t.Errorf("Plural(%d) = %q, want %q", tt.n, got, tt.want)
		}
	}
}
