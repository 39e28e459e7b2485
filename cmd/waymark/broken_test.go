package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildBrokenSites builds sites that each have one mistake of the
// kinds authors make, over a good build: each exits 1, says the file and
// line and names the culprit, does not panic, and leaves the good build as
// it was.
func TestBuildBrokenSites(t *testing.T) {
	const buy = "content/journeys/buy.md"
	good := goodSite()[buy]
	// edit returns the good site with buy.md's text old replaced by new.
	edit := func(old, new string) map[string]string {
		if !strings.Contains(good, old) {
			t.Fatalf("buy.md has no %q", old)
		}
		s := goodSite()
		s[buy] = strings.Replace(good, old, new, 1)
		return s
	}
	with := func(file, text string) map[string]string {
		s := goodSite()
		s[file] = text
		return s
	}
	tests := []struct {
		name   string
		site   map[string]string
		stderr []string // substrings: the position, the culprit
		absent []string
	}{
		{"unclosed string", edit(`title = "Buy"`, `title = "Buy`),
			[]string{buy + ":2:9: unclosed string in title", `hint: end the string with "`},
			[]string{"in no journey"}},
		{"unclosed string in a list", edit(`personas = ["ana"]`, `personas = ["ana]`),
			[]string{buy + ":3:13: unclosed string in personas"}, []string{"in no journey"}},
		{"no value", edit("title = \"Buy\"\n", "title = \"Buy\"\nowner = \n"),
			[]string{buy + ":3:1: owner has no value", "hint: write a value after the ="}, nil},
		{"word without quotes", edit("title = \"Buy\"\n", "title = \"Buy\"\nstatus = draft\n"),
			[]string{buy + ":3:10: text in status must be in quotes", `status = "draft"`}, nil},
		{"date in quotes", edit("title = \"Buy\"\n", "title = \"Buy\"\nupdated = \"2026-01-31\"\n"),
			[]string{buy + ":3:1: updated must be a date, not a string", "without quotes"}, nil},
		{"date where text goes", edit(`title = "Buy"`, `title = 2026-01-31`),
			[]string{buy + ":2:1: title must be a string, not a date"}, nil},
		{"table header not closed", edit("[[stages]]\n", "[[stages]\n"),
			[]string{buy + ":5:1: table header [[stages] is not closed", "[[stages]]"}, nil},
		{"key twice", edit("name = \"Look\"\n", "name = \"Look\"\nname = \"See\"\n"),
			[]string{buy + ":7:1: key name is defined twice", "first defined on line 6"}, nil},
		{"front matter not closed", edit("  kind = \"survey\"\n+++\n", "  kind = \"survey\"\n"),
			[]string{buy + ":1:1: front matter opened with +++ on line 1 is never closed"}, nil},
		{"YAML front matter", with(buy, "---\ntitle: Buy\n---\n"),
			[]string{buy + ":1:1: YAML front matter (---) is not supported"}, nil},
		{"unknown key", edit("emotion = 1\n", "emotion = 1\npain_point = [\"Slow\"]\n"),
			[]string{buy + `:8:1: unknown key "pain_point" in [stages]`, `did you mean "pain_points"?`}, nil},
		{"wrong type", edit("emotion = 1\n", "emotion = \"high\"\n"),
			[]string{buy + ":7:1: emotion must be a number", "emotion = 1"}, nil},
		{"emotion out of range", edit("emotion = 1\n", "emotion = 5\n"),
			[]string{buy + ":7:1: emotion 5 is out of range"}, nil},
		{"unknown persona", edit(`personas = ["ana"]`, `personas = ["anna"]`),
			[]string{buy + `:3:13: unknown persona "anna"`, `did you mean "ana"?`}, nil},
		{"unknown channel", edit(`channels = ["web"]`, `channels = ["wbe"]`),
			[]string{buy + `:11:15: unknown channel "wbe"`, `did you mean "web"?`}, nil},
		{"invalid UTF-8", edit(`title = "Buy"`, "title = \"Caf\xe9\""),
			[]string{buy + ":2:13: invalid UTF-8"}, nil},
		{"empty file", with(buy, ""),
			[]string{buy + ":1: empty file"}, []string{"in no journey"}},
		{"site.toml syntax", with("site.toml", "title = \"Maps\n"),
			[]string{"site.toml:1:9: unclosed string in title"}, nil},
		{"parent cycle", func() map[string]string {
			s := edit("title = \"Buy\"\n", "title = \"Buy\"\nparent = \"sell\"\n")
			s["content/journeys/sell.md"] = "+++\ntitle = \"Sell\"\nparent = \"buy\"\n[[stages]]\nname = \"List\"\n+++\n"
			return s
		}(), []string{buy + `:3:1: parent cycle: buy → sell → buy`, `content/journeys/sell.md:3:1: parent cycle: sell → buy → sell`}, nil},
	}
	dest := filepath.Join(t.TempDir(), "public")
	runExpect(t, []string{"build", "-s", writeSite(t, goodSite()), "-d", dest}, 0, nil, nil)
	before := snapshot(t, dest)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, stderr := runExpect(t, []string{"build", "-s", writeSite(t, tc.site), "-d", dest}, 1, nil, tc.stderr)
			for _, s := range append(tc.absent, "panic") {
				if strings.Contains(stderr, s) {
					t.Errorf("stderr has %q:\n%s", s, stderr)
				}
			}
			checkUntouched(t, dest, before)
		})
	}
}
