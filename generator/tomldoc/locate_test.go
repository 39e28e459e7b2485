package tomldoc

import (
	"strings"
	"testing"
)

// at is a position written as line, column.
func at(line, col int) pos { return pos{line, col} }

// locateTests are TOML documents on which a line-oriented scanner goes
// wrong easily, and where the scanner must find each path. absent lists
// paths that look like keys or headers but are not (inside strings or
// comments).
var locateTests = []struct {
	name   string
	src    string
	want   map[string]pos
	absent []string
}{
	{
		name: "nested arrays of tables",
		src: `title = "Buying"
personas = ["dana", "sam"]

[[stages]]
name = "Research"

  [[stages.touchpoints]]
  name = "Search"
  channels = ["web", "app"]

  [[stages.touchpoints]]   # a comment after a header
  name = "Store visit"
  channels = [ "store",  "phone" ]

[[stages]]
name = "Buy"
  [[stages.touchpoints]]
  name = "Checkout"
  channels = ["web"]

  [stages.meta]
  owner = "CX"
`,
		want: map[string]pos{
			"title":       at(1, 1),
			"personas":    at(2, 1),
			"personas[0]": at(2, 13),
			"personas[1]": at(2, 21),

			"stages":                               at(4, 1), // the array: its first header
			"stages[0].touchpoints":                at(7, 3),
			"stages[1].touchpoints":                at(17, 3),
			"stages[0]":                            at(4, 1),
			"stages[0].name":                       at(5, 1),
			"stages[0].touchpoints[0]":             at(7, 3),
			"stages[0].touchpoints[0].name":        at(8, 3),
			"stages[0].touchpoints[0].channels":    at(9, 3),
			"stages[0].touchpoints[0].channels[0]": at(9, 15),
			"stages[0].touchpoints[0].channels[1]": at(9, 22),
			"stages[0].touchpoints[1]":             at(11, 3),
			"stages[0].touchpoints[1].name":        at(12, 3),
			"stages[0].touchpoints[1].channels[0]": at(13, 16),
			"stages[0].touchpoints[1].channels[1]": at(13, 26),

			"stages[1]":                            at(15, 1),
			"stages[1].name":                       at(16, 1),
			"stages[1].touchpoints[0]":             at(17, 3),
			"stages[1].touchpoints[0].name":        at(18, 3),
			"stages[1].touchpoints[0].channels[0]": at(19, 15),
			"stages[1].meta":                       at(21, 3),
			"stages[1].meta.owner":                 at(22, 3),
		},
		absent: []string{"stages[2]", "stages[1].touchpoints[1]", "stages[0].meta"},
	},
	{
		name: "multi-line arrays and comments",
		src: `# a comment with key = "x" and [[stages]]
tags = [
  "a",   # first
  # "not an element",
  "b",
]
doing = [ "x",
    "y" ]
matrix = [
  [1, 2],
  [3],   # [[not a header]]
]
after = 1 # trailing = comment
`,
		want: map[string]pos{
			"tags":         at(2, 1),
			"tags[0]":      at(3, 3),
			"tags[1]":      at(5, 3),
			"doing[0]":     at(7, 11),
			"doing[1]":     at(8, 5),
			"matrix[0]":    at(10, 3),
			"matrix[0][0]": at(10, 4),
			"matrix[0][1]": at(10, 7),
			"matrix[1]":    at(11, 3),
			"matrix[1][0]": at(11, 4),
			"after":        at(13, 1),
		},
		absent: []string{"key", "stages", "stages[0]", "tags[2]", "matrix[2]", "not a header[0]", "comment"},
	},
	{
		name: "multi-line strings holding headers and keys",
		src: `description = """
[[stages]]
fake_key = "not a key"
"""
quote = '''
fake_literal = 'x' [[a]]
'''
escaped = """ends with \""" still inside
[[fake]]"""
five = """quoted """""
name = "real"
`,
		want: map[string]pos{
			"description": at(1, 1),
			"quote":       at(5, 1),
			"escaped":     at(8, 1),
			"five":        at(10, 1),
			"name":        at(11, 1),
		},
		absent: []string{"stages", "stages[0]", "fake_key", "stages[0].fake_key", "fake_literal", "a", "a[0]", "fake", "fake[0]", "fake[0].name"},
	},
	{
		name: "inline tables, quoted and dotted keys",
		src: `point = { x = 1, "y z" = 2, nested = { deep = true } }
"quoted key" = "v"
'literal key' = "v"
"esc\u0061ped" = 1
a.b.c = 1
list = [ { name = "one" }, { name = "two", tags = ["t"] } ]
[table]
"dotted.inside" = 1
[ spaced . header ]
k = 1
[[arr."sub tab"]]
k = 2
`,
		want: map[string]pos{
			"point":               at(1, 1),
			"point.x":             at(1, 11),
			"point.y z":           at(1, 18),
			"point.nested":        at(1, 29),
			"point.nested.deep":   at(1, 40),
			"quoted key":          at(2, 1),
			"literal key":         at(3, 1),
			"escaped":             at(4, 1),
			"a":                   at(5, 1), // implied by a dotted key
			"a.b":                 at(5, 1),
			"a.b.c":               at(5, 1),
			"list[0]":             at(6, 10),
			"list[0].name":        at(6, 12),
			"list[1]":             at(6, 28),
			"list[1].name":        at(6, 30),
			"list[1].tags":        at(6, 44),
			"list[1].tags[0]":     at(6, 52),
			"table":               at(7, 1),
			"table.dotted.inside": at(8, 1),
			"spaced":              at(9, 1), // implied by a header
			"spaced.header":       at(9, 1),
			"arr":                 at(11, 1),
			"arr.sub tab":         at(11, 1),
			"spaced.header.k":     at(10, 1),
			"arr.sub tab[0]":      at(11, 1),
			"arr.sub tab[0].k":    at(12, 1),
		},
	},
	{
		name: "unicode before a key counts runes, not bytes",
		src: `t = { "é☕" = 1, k = 2 }
emoji = ["☕☕", "x"]
"日本" = { a = 1 }
`,
		want: map[string]pos{
			"t":        at(1, 1),
			"t.é☕":     at(1, 7),
			"t.k":      at(1, 17),
			"emoji[0]": at(2, 10),
			"emoji[1]": at(2, 16),
			"日本":       at(3, 1),
			"日本.a":     at(3, 10),
		},
	},
}

func TestLocate(t *testing.T) {
	for _, tt := range locateTests {
		t.Run(tt.name, func(t *testing.T) {
			checkLocate(t, tt.src, tt.want, tt.absent)
		})
		// The same document with Windows line endings must give the same
		// positions: \r is not a column anyone sees.
		t.Run(tt.name+" (CRLF)", func(t *testing.T) {
			checkLocate(t, strings.ReplaceAll(tt.src, "\n", "\r\n"), tt.want, tt.absent)
		})
	}
}

func checkLocate(t *testing.T, src string, want map[string]pos, absent []string) {
	t.Helper()
	got := locate(src)
	for path, w := range want {
		g, ok := got[path]
		if !ok {
			t.Errorf("%q not located", path)
			continue
		}
		if g != w {
			t.Errorf("%q at %d:%d, want %d:%d", path, g.line, g.col, w.line, w.col)
		}
	}
	for _, path := range absent {
		if g, ok := got[path]; ok {
			t.Errorf("%q located at %d:%d, but it is not a key of the document", path, g.line, g.col)
		}
	}
}

// The scanner runs only on TOML that parsed, but must stop on anything.
func TestLocateMalformed(t *testing.T) {
	for _, src := range []string{
		"",
		"[",
		"[[",
		"[[a",
		"a = [",
		"a = {",
		"a = \"",
		"a = '''",
		"a = \"\"\"\n",
		"a = [1, {b = [",
		"= = =",
		"\"",
		"a.",
		"a = [}]{",
		"]]]]",
		"\xff\xfe = 1",
		"a = \"\\",
	} {
		_ = locate(src) // must return
	}
}

// FuzzLocate checks that the scanner never panics or loops, on any input,
// and that every position it reports lies inside the text.
func FuzzLocate(f *testing.F) {
	for _, tt := range locateTests {
		f.Add(tt.src)
	}
	f.Add("a = [1, {b = [")
	f.Add("[[a]]\n[[a.b]]\n[a.b]\n[[a]]\n")
	f.Add(`x = """a\"""" y = '''`)
	f.Add("\xff[[\x80]] = \"\r\n")
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for path, p := range locate(src) {
			if p.line < 1 || p.line > lines || p.col < 1 || p.col > len(src)+1 {
				t.Errorf("%q at %d:%d, outside the text (%d lines, %d bytes)", path, p.line, p.col, lines, len(src))
			}
		}
	})
}
