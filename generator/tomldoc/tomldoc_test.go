package tomldoc

import (
	"fmt"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
)

// The tests parse as if the TOML were front matter starting on line 2 of
// f.md, so every line below is one more than in the TOML text.
const (
	testFile   = "f.md"
	testOffset = 1
)

func parse(t *testing.T, src string) (Table, *diag.List) {
	t.Helper()
	errs := &diag.List{}
	root, ok := Parse(testFile, testOffset, src, errs)
	if !ok {
		t.Fatalf("Parse failed: %v", errs.Format())
	}
	return root, errs
}

// want is an expected diagnostic: position in f.md, and substrings of the
// message and hint ("" matches anything).
type want struct {
	line, col int
	msg, hint string
}

// checkDiags asserts that errs holds exactly the wanted diagnostics, in
// position order.
func checkDiags(t *testing.T, errs diag.List, wants ...want) {
	t.Helper()
	errs = errs.Sort()
	if len(errs) != len(wants) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(errs), len(wants), errs.Format())
	}
	for i := range min(len(errs), len(wants)) {
		g, w := errs[i], wants[i]
		if g.Pos != (diag.Position{File: testFile, Line: w.line, Col: w.col}) {
			t.Errorf("diagnostic %d at %v, want %s:%d:%d (%s)", i, g.Pos, testFile, w.line, w.col, g.Msg)
		}
		if !strings.Contains(g.Msg, w.msg) {
			t.Errorf("diagnostic %d message %q, want it to contain %q", i, g.Msg, w.msg)
		}
		if !strings.Contains(g.Hint, w.hint) {
			t.Errorf("diagnostic %d hint %q, want it to contain %q", i, g.Hint, w.hint)
		}
	}
}

// syntaxTests hold one TOML syntax error of each kind that syntaxError
// tells apart: where it is reported (in f.md, the TOML starting on its
// line 2), and what the message (the key) and the hint must say.
var syntaxTests = []struct {
	name      string
	src       string
	line, col int
	msg, hint string
}{
	// Strings.
	{"unclosed string, at its opening quote", "a = 1\ntitle = \"open\n", 3, 9, "unclosed string in title", `end the string with "`},
	{"unclosed string at the end of the text", "title = \"open", 2, 9, "unclosed string in title", `end the string with "`},
	{"unclosed literal string", "title = 'open\n", 2, 9, "unclosed string in title", "'''…'''"},
	{"unclosed multi-line string", "notes = \"\"\"one\ntwo\n", 2, 9, "unclosed string in notes", `end the string with """`},
	{"unclosed string after unicode text, columns in runes", "name = \"☕☕\"\nowner = \"Zoë ☕\n", 3, 9, "unclosed string in owner", ""},
	{"unclosed string in a list", "personas = [\"ana\", \"bob]\n", 2, 20, "unclosed string in personas", `end the string with "`},
	{"unclosed string in a list, run on to the next", "personas = [\"ana, \"bob\"]\n", 2, 13, "unclosed string in personas", "runs on to the next element"},
	{"unclosed string in a table of an array of tables", "[[stages]]\nname = \"a\"\n  [[stages.touchpoints]]\n  channels = [\"web\", \"app]\n", 5, 22, "unclosed string in channels", ""},
	{"quote inside a string", "title = \"Say \"hi\" now\"\n", 2, 9, "quote inside the string in title", `\"`},
	{"invalid escape", "path = \"C:\\Users\"\n", 2, 11, "invalid escape in the string of path", `\\`},
	{"control character", "title = \"a\x01b\"\n", 2, 11, "control character U+0001 in title", `\u0001`},

	// Values.
	{"missing value, at its key", "title = \"x\"\nowner = \n", 3, 1, "owner has no value", "write a value after the ="},
	{"missing value at the end of the text", "owner =", 2, 1, "owner has no value", ""},
	{"missing value before a comment", "  owner = # who?\n", 2, 3, "owner has no value", ""},
	{"bare word", "status = draft\n", 2, 10, "text in status must be in quotes", `status = "draft"`},
	{"bare words", "owner = Jane Doe # the lead\n", 2, 9, "text in owner must be in quotes", `owner = "Jane Doe"`},
	{"bare word in a list", "personas = [ana, \"bob\"]\n", 2, 13, "text in list personas must be in quotes", `"ana"`},
	{"yes for true", "minify = yes\n", 2, 10, "invalid value yes in minify", "write true or false"},
	{"boolean in capitals", "flag = True\n", 2, 8, "invalid value True in flag", "true or false in lower case"},
	{"invalid date", "updated = 2026-13-45\n", 2, 11, "invalid date in updated: 2026-13-45", "updated = 2026-01-31"},
	{"date with slashes", "updated = 2026/01/05\n", 2, 11, "invalid date in updated: 2026/01/05", "without quotes"},
	{"invalid number", "emotion = 1.\n", 2, 11, "invalid number in emotion: 1.", "'.' must be followed"},
	{"number with a leading zero", "emotion = 07\n", 2, 11, "invalid number in emotion: 07", "leading zero"},
	{"text after a value", "title = \"x\" y\n", 2, 13, "unexpected text after the value of title", "comment with #"},
	{"text after a value, CRLF line ends", "a = 1\r\nb = 2\r\nc = \"x\" y\r\n", 4, 9, "after the value of c", ""},
	{"text after a value, columns in runes", "name = \"☕☕☕\" x\n", 2, 14, "after the value of name", ""},

	// Lists and inline tables.
	{"missing comma in a list", "personas = [\"ana\" \"bob\"]\n", 2, 19, "missing comma in list personas", `["a", "b"]`},
	{"list not closed before the next key", "personas = [\"ana\"\nname = \"x\"\n", 2, 12, "list personas is not closed", "end it with ]"},
	{"list over lines not closed", "personas = [\n  \"ana\",\n  \"bob\"\n", 2, 12, "list personas is not closed", "end it with ]"},
	{"extra comma", "personas = [\"ana\",,\"bob\"]\n", 2, 19, "extra comma in list personas", "remove it"},
	{"missing comma in an inline table", "link = { url = \"x\" text = \"y\" }\n", 2, 20, "missing comma in inline table link", "{ a = 1, b = 2 }"},
	{"inline table not closed", "link = { url = \"x\"", 2, 8, "inline table link is not closed", "end it with }"},

	// Keys and tables.
	{"duplicate key", "a = 1\nb = 2\na = 3\n", 4, 1, "key a is defined twice", "first defined on line 2"},
	{"duplicate key in the second of an array of tables", "[[stages]]\nname = \"a\"\n[[stages]]\nname = \"b\"\n  name = \"c\"\n", 6, 3, "key name is defined twice", "first defined on line 5"},
	{"duplicate table", "[review]\nx = 1\n[review]\n", 4, 1, "table [review] is defined twice", "first defined on line 2"},
	{"table and array of tables", "[stages]\nx = 1\n[[stages]]\n", 4, 1, "table [[stages]] clashes with stages", "[[stages]]"},
	{"a misspelt array of tables, and the tables under it", "[[stage]]\nname = \"a\"\n  [[stages.touchpoints]]\n  name = \"t\"\n[[stages]]\nname = \"b\"\n", 2, 1, "unknown table [[stage]]", "did you mean [[stages]]? The tables under it made a stages of their own, which clashes with [[stages]] on line 6"},
	{"table header not closed", "[[stages]\nname = \"x\"\n", 2, 1, "table header [[stages] is not closed", "[[stages]]"},
	{"table header without a name", "[]\n", 2, 1, "table header [] has no name", ""},
	{"table header with a space", "[pain points]\n", 2, 1, "invalid table header [pain points]", "in quotes"},
	{"text after a table header", "[review] x\n", 2, 10, "unexpected text after the table header", "line of its own"},
	{"missing =", "owner \"Jane\"\n", 2, 1, "missing = after key owner", `owner = "Jane"`},
	{"key alone on its line", "title = \"x\"\n  owner\n", 3, 3, "key owner has no = and no value", "remove the line"},
	{"key with a space", "pain points = [\"x\"]\n", 2, 1, `key "pain points" contains a space`, "pain_points"},
	{"missing key", "= 1\n", 2, 1, "missing key before =", ""},
}

func TestParseSyntaxError(t *testing.T) {
	for _, tt := range syntaxTests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			root, ok := Parse(testFile, testOffset, tt.src, &errs)
			if ok {
				t.Fatalf("Parse succeeded on invalid TOML")
			}
			if root.Has("a") || root.Pos() != (diag.Position{}) {
				t.Errorf("Parse returned a non-zero table on failure")
			}
			checkDiags(t, errs, want{tt.line, tt.col, tt.msg, tt.hint})
			if len(errs) > 0 && strings.Contains(errs[0].Msg, "TOML:") {
				t.Errorf("message %q is toml's own, not one of ours", errs[0].Msg)
			}
		})
	}
}

// The position of a syntax error is one in the file: the front matter's
// offset is added, and site.toml has none.
func TestParseSyntaxErrorOffset(t *testing.T) {
	for _, offset := range []int{0, 1, 10} {
		var errs diag.List
		Parse(testFile, offset, "title = \"x\"\nowner = \n", &errs)
		if len(errs) != 1 || errs[0].Pos != (diag.Position{File: testFile, Line: offset + 2, Col: 1}) {
			t.Errorf("offset %d: %s", offset, errs.Format())
		}
		errs = nil
		Parse(testFile, offset, "a = 1\na = 2\n", &errs)
		if len(errs) != 1 || errs[0].Pos.Line != offset+2 || !strings.Contains(errs[0].Hint, fmt.Sprintf("line %d", offset+1)) {
			t.Errorf("offset %d: %s", offset, errs.Format())
		}
	}
}

// TestProblems reads a document through the accessors and checks what
// they report.
func TestProblems(t *testing.T) {
	tests := []struct {
		name string
		src  string
		read func(Table)
		want []want
	}{
		{
			name: "string of the wrong type",
			src:  "a = 1\ntitle = 3\n",
			read: func(t Table) { t.String("title") },
			want: []want{{3, 1, "title must be a string, not an integer (3)", `title = "…"`}},
		},
		{
			name: "list element not a string",
			src:  "tags = [\"a\", 2, true]\n",
			read: func(t Table) { t.Strings("tags") },
			want: []want{
				{2, 14, "tags[1] must be a string, not an integer (2)", "quotes"},
				{2, 17, "tags[2] must be a string, not a boolean (true)", "quotes"},
			},
		},
		{
			name: "list of the wrong type",
			src:  "\ntags = { a = 1 }\n",
			read: func(t Table) { t.Strings("tags") },
			want: []want{{3, 1, "tags must be a string or a list of strings, not a table", `tags = ["…", "…"]`}},
		},
		{
			name: "number given as a string",
			src:  "emotion = \"high\"\n",
			read: func(t Table) { t.Number("emotion") },
			want: []want{{2, 1, `emotion must be a number, not a string ("high")`, "emotion = 1"}},
		},
		{
			name: "number not finite",
			src:  "a = nan\nb = -inf\n",
			read: func(t Table) { t.Number("a"); t.Number("b") },
			want: []want{
				{2, 1, "a must be a finite number, not NaN", ""},
				{3, 1, "b must be a finite number, not -Inf", ""},
			},
		},
		{
			name: "whole number given as a string or a float",
			src:  "n = \"12\"\nm = 1.5\n",
			read: func(t Table) { t.Int("n"); t.Int("m") },
			want: []want{
				{2, 1, `n must be a whole number, not a string ("12")`, "n = 120"},
				{3, 1, "m must be a whole number, not a number (1.5)", ""},
			},
		},
		{
			name: "boolean given as a string",
			src:  "moment_of_truth = \"yes\"\n",
			read: func(t Table) { t.Bool("moment_of_truth") },
			want: []want{{2, 1, `moment_of_truth must be true or false, not a string ("yes")`, "(no quotes)"}},
		},
		{
			name: "date in quotes",
			src:  "updated = \"2026-01-02\"\n",
			read: func(t Table) { t.Date("updated") },
			want: []want{{2, 1, "updated must be a date, not a string", "TOML date, without quotes: updated = 2026-01-02"}},
		},
		{
			name: "date that is no date",
			src:  "updated = \"soon\"\nwhen = 3\n",
			read: func(t Table) { t.Date("updated"); t.Date("when") },
			want: []want{
				{2, 1, `updated must be a date, not a string ("soon")`, "updated = 2026-01-31 (no quotes)"},
				{3, 1, "when must be a date, not an integer (3)", ""},
			},
		},
		{
			name: "table of the wrong type",
			src:  "demographics = \"none\"\n",
			read: func(t Table) { t.Table("demographics") },
			want: []want{{2, 1, "demographics must be a table", "[demographics]"}},
		},
		{
			name: "array of tables of the wrong type, and an element that is no table",
			src:  "stages = \"one\"\nother = [{ name = \"a\" }, \"b\"]\n",
			read: func(t Table) { t.Tables("stages"); t.Tables("other") },
			want: []want{
				{2, 1, "stages must be a list of tables, not a string", "[[stages]] sections"},
				{3, 26, `other[1] must be a table, not a string ("b")`, "[[other]] section"},
			},
		},
		{
			name: "required keys, at the front matter's start and at a table's header",
			src:  "summary = \"x\"\n\n[[stages]]\nname = \"a\"\n\n[[stages]]\ngoal = \"b\"\n",
			read: func(t Table) {
				t.Require("title", `title = "Buying a bike online"`)
				for _, st := range t.Tables("stages") {
					st.Require("name", `name = "Research"`)
				}
			},
			want: []want{
				{2, 0, `missing required key "title" in front matter`, `add title = "Buying a bike online"`},
				{7, 1, `missing required key "name" in [stages]`, `add name = "Research"`},
			},
		},
		{
			name: "required key of a nested array of tables",
			src:  "[[stages]]\nname = \"a\"\n  [[stages.touchpoints]]\n  channels = [\"web\"]\n",
			read: func(t Table) {
				for _, st := range t.Tables("stages") {
					for _, tp := range st.Tables("touchpoints") {
						tp.Require("name", `name = "Product page"`)
					}
				}
			},
			want: []want{{4, 3, `missing required key "name" in [stages.touchpoints]`, ""}},
		},
		{
			name: "unknown keys, with and without a likely typo",
			src:  "title = \"x\"\npain_point = \"y\"\ncolour = \"blue\"\n",
			read: func(t Table) {
				t.String("title")
				t.Strings("pain_points")
				t.Done()
			},
			want: []want{
				{3, 1, `unknown key "pain_point" in front matter`, `did you mean "pain_points"?`},
				{4, 1, `unknown key "colour" in front matter`, "known keys here: pain_points, title"},
			},
		},
		{
			name: "unknown key in an array of tables",
			src:  "[[stages]]\nname = \"a\"\n\n[[stages]]\nname = \"b\"\npain_point = \"c\"\n",
			read: func(t Table) {
				for _, st := range t.Tables("stages") {
					st.String("name")
					st.Strings("pain_points")
					st.Done()
				}
				t.Done()
			},
			want: []want{{7, 1, `unknown key "pain_point" in [stages]`, `did you mean "pain_points"?`}},
		},
		{
			name: "unknown dotted key is reported where it is written",
			src:  "title = \"x\"\n\nfoo.bar = 1\n",
			read: func(t Table) { t.String("title"); t.Done() },
			want: []want{{4, 1, `unknown key "foo"`, ""}},
		},
		{
			name: "misspelt array-of-tables header is reported at the header",
			src:  "title = \"x\"\n\n[[stage]]\nname = \"a\"\n",
			read: func(t Table) { t.String("title"); t.Tables("stages"); t.Done() },
			want: []want{{4, 1, `unknown key "stage" in front matter`, `did you mean "stages"?`}},
		},
		{
			name: "misspelt nested header is reported at that header, not its parent's",
			src:  "[[stages]]\nname = \"a\"\n\n  [[stages.touchpoint]]\n  name = \"b\"\n",
			read: func(t Table) {
				for _, st := range t.Tables("stages") {
					st.String("name")
					st.Tables("touchpoints")
					st.Done()
				}
				t.Done()
			},
			want: []want{{5, 3, `unknown key "touchpoint" in [stages]`, `did you mean "touchpoints"?`}},
		},
		{
			name: "keys of a string map that are not strings",
			src:  "[demographics]\nage = 34\ncity = \"Leeds\"\n",
			read: func(t Table) { t.StringMap("demographics"); t.Done() },
			want: []want{{3, 1, "age must be a string, not an integer (34)", ""}},
		},
		{
			name: "Errorf and Report",
			src:  "a = [1, 2]\n[t]\nb = 1\n",
			read: func(root Table) {
				root.Errorf("a", "h1", "at key %s", "a")
				root.Report(root.ElemPos("a", 1), "h2", "at element")
				sub, _ := root.Table("t")
				sub.Errorf("", "", "at table")
			},
			want: []want{
				{2, 1, "at key a", "h1"},
				{2, 9, "at element", "h2"},
				{3, 1, "at table", ""},
			},
		},
		{
			name: "a valid document read fully reports nothing",
			src:  "title = \"x\"\ntags = \"one\"\nn = 3\ne = -1.5\nok = true\nupdated = 2026-01-02\n[t]\nk = \"v\"\n[[s]]\nname = \"a\"\n",
			read: func(t Table) {
				t.Require("title", "")
				t.String("title")
				t.Strings("tags")
				t.Int("n")
				t.Number("e")
				t.Bool("ok")
				t.Date("updated")
				t.StringMap("t")
				for _, s := range t.Tables("s") {
					s.String("name")
					s.Done()
				}
				t.Done()
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, errs := parse(t, tt.src)
			tt.read(root)
			checkDiags(t, *errs, tt.want...)
		})
	}
}

func TestValues(t *testing.T) {
	src := `title = "Buying"
tags = "single"
list = ["a", "b"]
n = 12
e = -1.5
ok = true
updated = 2026-01-02
at = 2026-01-02T10:30:00Z
stages = [{ name = "one" }, { name = "two" }]

[demographics]
zeta = "1"
alpha = "2"
"middle key" = "3"

[[more]]
name = "x"
[[more]]
name = "y"
`
	root, errs := parse(t, src)

	if got := root.String("title"); got != "Buying" {
		t.Errorf("String = %q", got)
	}
	if got := root.String("absent"); got != "" {
		t.Errorf("String(absent) = %q", got)
	}
	if got := root.Strings("tags"); !slices.Equal(got, []string{"single"}) {
		t.Errorf("Strings(single string) = %q, want a list of one", got)
	}
	if got := root.Strings("list"); !slices.Equal(got, []string{"a", "b"}) {
		t.Errorf("Strings = %q", got)
	}
	if got := root.Strings("absent"); got != nil {
		t.Errorf("Strings(absent) = %q, want nil", got)
	}
	if got, ok := root.Number("n"); !ok || got != 12 {
		t.Errorf("Number(int) = %v, %v", got, ok)
	}
	if got, ok := root.Number("e"); !ok || got != -1.5 {
		t.Errorf("Number(float) = %v, %v", got, ok)
	}
	if _, ok := root.Number("absent"); ok {
		t.Errorf("Number(absent) ok")
	}
	if got, ok := root.Int("n"); !ok || got != 12 {
		t.Errorf("Int = %v, %v", got, ok)
	}
	if !root.Bool("ok") || root.Bool("absent") {
		t.Errorf("Bool wrong")
	}
	if got, ok := root.Date("updated"); !ok || got.Format(time.DateOnly) != "2026-01-02" {
		t.Errorf("Date = %v, %v", got, ok)
	}
	if got, ok := root.Date("at"); !ok || !got.Equal(time.Date(2026, 1, 2, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("Date(date-time) = %v, %v", got, ok)
	}
	var names []string
	for _, s := range root.Tables("stages") {
		names = append(names, s.String("name"))
		s.Done()
	}
	for _, s := range root.Tables("more") {
		names = append(names, s.String("name"))
		s.Done()
	}
	if !slices.Equal(names, []string{"one", "two", "x", "y"}) {
		t.Errorf("Tables names = %q", names)
	}
	// Free keys come back in the order written, not sorted.
	wantKV := []KeyValue{{"zeta", "1"}, {"alpha", "2"}, {"middle key", "3"}}
	if got := root.StringMap("demographics"); !reflect.DeepEqual(got, wantKV) {
		t.Errorf("StringMap = %q, want %q", got, wantKV)
	}
	if _, ok := root.Table("absent"); ok {
		t.Errorf("Table(absent) ok")
	}
	if got := root.Tables("absent"); got != nil {
		t.Errorf("Tables(absent) = %v", got)
	}
	root.Done()
	checkDiags(t, *errs)
}

func TestPositions(t *testing.T) {
	src := `personas = "dana"
tags = [
  "a",
  "b",
]

[[stages]]
name = "Research"
  [[stages.touchpoints]]
  channels = ["web", "app"]

[[stages]]
name = "Buy"
  [[stages.touchpoints]]
  name = "One"
  [[stages.touchpoints]]
  channels = ["web", "socail"]
`
	root, _ := parse(t, src)
	pos := func(line, col int) diag.Position { return diag.Position{File: testFile, Line: line, Col: col} }

	if got, want := root.Pos(), pos(2, 0); got != want {
		t.Errorf("root Pos = %v, want %v", got, want)
	}
	if got, want := root.KeyPos("tags"), pos(3, 1); got != want {
		t.Errorf("KeyPos(tags) = %v, want %v", got, want)
	}
	if got, want := root.ElemPos("tags", 1), pos(5, 3); got != want {
		t.Errorf("ElemPos(tags, 1) = %v, want %v", got, want)
	}
	// A single string stands for a list of one: its element is the key.
	if got, want := root.ElemPos("personas", 0), pos(2, 1); got != want {
		t.Errorf("ElemPos(personas, 0) = %v, want %v", got, want)
	}
	if got, want := root.KeyPos("absent"), pos(2, 0); got != want {
		t.Errorf("KeyPos(absent) = %v, want %v", got, want)
	}

	stages := root.Tables("stages")
	if len(stages) != 2 {
		t.Fatalf("got %d stages", len(stages))
	}
	if got, want := stages[1].Pos(), pos(13, 1); got != want {
		t.Errorf("stages[1] Pos = %v, want %v", got, want)
	}
	tps := stages[1].Tables("touchpoints")
	if len(tps) != 2 {
		t.Fatalf("got %d touchpoints in stages[1]", len(tps))
	}
	if got, want := tps[1].Pos(), pos(17, 3); got != want {
		t.Errorf("stages[1].touchpoints[1] Pos = %v, want %v", got, want)
	}
	if got, want := tps[1].ElemPos("channels", 1), pos(18, 22); got != want {
		t.Errorf("stages[1].touchpoints[1].channels[1] = %v, want %v", got, want)
	}
	if got, want := stages[0].Tables("touchpoints")[0].ElemPos("channels", 1), pos(11, 22); got != want {
		t.Errorf("stages[0].touchpoints[0].channels[1] = %v, want %v", got, want)
	}
	// An element that does not exist falls back to its key.
	if got, want := tps[1].ElemPos("channels", 5), pos(18, 3); got != want {
		t.Errorf("ElemPos(channels, 5) = %v, want %v", got, want)
	}
	// A key missing from a table falls back to the table's header.
	if got, want := tps[0].KeyPos("channels"), pos(15, 3); got != want {
		t.Errorf("KeyPos(absent channels) = %v, want %v", got, want)
	}
}

// The zero Table stands for an absent table: reading it gives nothing.
func TestZeroTable(t *testing.T) {
	var z Table
	if z.Has("a") || z.String("a") != "" || z.Strings("a") != nil || z.Bool("a") || z.Pos() != (diag.Position{}) {
		t.Errorf("zero Table is not empty")
	}
	if _, ok := z.Number("a"); ok {
		t.Errorf("zero Table has a number")
	}
	if _, ok := z.Int("a"); ok {
		t.Errorf("zero Table has an int")
	}
	if _, ok := z.Date("a"); ok {
		t.Errorf("zero Table has a date")
	}
	if _, ok := z.Table("a"); ok {
		t.Errorf("zero Table has a table")
	}
	if z.Tables("a") != nil || z.StringMap("a") != nil {
		t.Errorf("zero Table has tables")
	}
	z.Done() // must not panic
}

func TestTableName(t *testing.T) {
	tests := map[string]string{
		"":                         "",
		"stages":                   "stages",
		"stages[2]":                "stages",
		"stages[2].touchpoints[0]": "stages.touchpoints",
		"a.b[10].c":                "a.b.c",
	}
	for in, want := range tests {
		if got := tableName(in); got != want {
			t.Errorf("tableName(%q) = %q, want %q", in, got, want)
		}
	}
}

// walk calls every accessor on every key of t and its sub-tables, the way
// a careless schema might.
func walk(t Table, depth int) {
	if depth > 32 {
		return
	}
	_ = t.Pos()
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Has(k)
		t.KeyPos(k)
		t.ElemPos(k, 0)
		t.ElemPos(k, 3)
		t.String(k)
		t.Strings(k)
		t.Number(k)
		t.Int(k)
		t.Bool(k)
		t.Date(k)
		t.StringMap(k)
		if sub, ok := t.Table(k); ok {
			walk(sub, depth+1)
		}
		for _, sub := range t.Tables(k) {
			walk(sub, depth+1)
		}
		t.Require(k, "")
	}
	t.Require("surely-absent", "x = 1")
	t.Errorf("", "", "table")
	t.Done()
}

// FuzzParse parses any text and reads it through every accessor: nothing
// may panic, and every diagnostic must point into the file.
func FuzzParse(f *testing.F) {
	for _, tt := range locateTests {
		f.Add(tt.src)
	}
	f.Add("title = 3\n[[stages]]\nname = \"a\"\n  [[stages.touchpoints]]\n  channels = [1, \"x\"]\n")
	f.Add("a = nan\nb = inf\nc = 1979-05-27T07:32:00-08:00\nd = 07:32:00\ne = [[1], [\"a\"], [{x = 1}]]\n")
	f.Add("x = [")
	f.Add("[a]\nb.c.d = 1\n[a.e]\n[[a.f]]\n[[a.f]]\n")
	f.Add("\"\" = 1\n'' = { \"\" = [] }\n")
	for _, tt := range syntaxTests {
		f.Add(tt.src)
	}
	f.Fuzz(func(t *testing.T, src string) {
		var errs diag.List
		root, ok := Parse(testFile, testOffset, src, &errs)
		if ok {
			walk(root, 0)
		}
		for _, d := range errs {
			if d.Pos.File != testFile || d.Pos.Line < testOffset+1 || d.Pos.Col < 0 {
				t.Errorf("diagnostic outside the file: %v", d)
			}
		}
	})
}

// A key that takes a number or a table of free keys to numbers (an
// emotion per persona): IsTable tells the two apart, and NumberMap keeps
// the order written and each key's position, and reports what is not a
// number.
func TestNumberMap(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		isTable bool
		want    []KeyNumber
		diags   []want
	}{
		{
			name:    "inline table, in the order written",
			src:     "e = { zed = -1, \"a b\" = 1.5, amy = 2 }\n",
			isTable: true,
			want: []KeyNumber{
				{"zed", -1, diag.Position{File: testFile, Line: testOffset + 1, Col: 7}},
				{"a b", 1.5, diag.Position{File: testFile, Line: testOffset + 1, Col: 17}},
				{"amy", 2, diag.Position{File: testFile, Line: testOffset + 1, Col: 30}},
			},
		},
		{
			name:    "a table section",
			src:     "[e]\nbo = 1\nal = 0\n",
			isTable: true,
			want: []KeyNumber{
				{"bo", 1, diag.Position{File: testFile, Line: testOffset + 2, Col: 1}},
				{"al", 0, diag.Position{File: testFile, Line: testOffset + 3, Col: 1}},
			},
		},
		{
			name:    "a value that is not a number is reported and left out",
			src:     "e = { ok = 1, no = \"high\" }\n",
			isTable: true,
			want:    []KeyNumber{{"ok", 1, diag.Position{File: testFile, Line: testOffset + 1, Col: 7}}},
			diags:   []want{{testOffset + 1, 15, `no must be a number, not a string ("high")`, ""}},
		},
		{
			name:  "a number is not a table",
			src:   "e = 1\n",
			diags: []want{{testOffset + 1, 1, "e must be a table, not an integer (1)", ""}},
		},
		{name: "absent", src: "x = 1\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, errs := parse(t, tt.src)
			if got := root.IsTable("e"); got != tt.isTable {
				t.Errorf("IsTable = %v, want %v", got, tt.isTable)
			}
			if got := root.NumberMap("e"); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("NumberMap = %+v\nwant        %+v", got, tt.want)
			}
			checkDiags(t, *errs, tt.diags...)
		})
	}
}
