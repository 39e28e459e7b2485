package content

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
)

const testSiteTOML = `title = "Test site"

[[channels]]
id   = "web"
name = "Website"
kind = "digital"

[[channels]]
id   = "app"
name = "App"
kind = "digital"

[[channels]]
id   = "social"
name = "Social media"
kind = "digital"

[[channels]]
id   = "store"
name = "Store"
kind = "physical"

[[channels]]
id   = "phone"
name = "Phone"
kind = "human"
`

// testConfig is the configuration every test site is checked against.
func testConfig(t testing.TB) *config.Config {
	t.Helper()
	cfg, errs := config.Load(fstest.MapFS{config.File: {Data: []byte(testSiteTOML)}})
	if len(errs) > 0 || cfg == nil {
		t.Fatalf("test site.toml: %v", errs.Format())
	}
	return cfg
}

// The persona every test site has, with its photo.
const danaFile = "content/personas/dana-ortiz.md"

const dana = `+++
name = "Dana Ortiz"
role = "Weekend commuter"
photo = "img/dana.jpg"
+++

Dana rides to work.
`

// siteFS builds a site folder: Dana, her photo, and files (path → text),
// which may replace Dana too.
func siteFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		danaFile:              {Data: []byte(dana)},
		"static/img/dana.jpg": {Data: []byte("JPEG")},
	}
	for p, text := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

func load(t *testing.T, fsys fstest.MapFS, opts Options) (*Site, diag.List) {
	t.Helper()
	return Load(fsys, testConfig(t), opts)
}

// wantDiag is an expected diagnostic: file, line and column (0 when the
// loader does not know them), and substrings of the message and hint.
type wantDiag struct {
	file      string
	line, col int
	msg, hint string
}

// checkDiags asserts that errs holds exactly the wanted diagnostics, in the
// order given (Load sorts them by position).
func checkDiags(t *testing.T, errs diag.List, wants []wantDiag) {
	t.Helper()
	if len(errs) != len(wants) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(errs), len(wants), errs.Format())
	}
	for i := range min(len(errs), len(wants)) {
		g, w := errs[i], wants[i]
		if g.Pos != (diag.Position{File: w.file, Line: w.line, Col: w.col}) {
			t.Errorf("diagnostic %d at %v, want %s:%d:%d (%s)", i, g.Pos, w.file, w.line, w.col, g.Msg)
		}
		if !strings.Contains(g.Msg, w.msg) {
			t.Errorf("diagnostic %d message %q, want it to contain %q", i, g.Msg, w.msg)
		}
		if !strings.Contains(g.Hint, w.hint) {
			t.Errorf("diagnostic %d hint %q, want it to contain %q", i, g.Hint, w.hint)
		}
	}
}

const (
	J = "content/journeys/j.md" // the journey most cases are about
	P = "content/personas/p.md" // the persona some cases are about
)

// A valid one-stage journey, for cases that need a second file.
func journey(title string, extra ...string) string {
	return "+++\ntitle = \"" + title + "\"\n" + strings.Join(extra, "\n") + "\n[[stages]]\nname = \"One\"\n+++\n"
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name   string
		files  map[string]string
		drafts bool
		want   []wantDiag
	}{
		// The file itself.
		{
			name:  "empty file",
			files: map[string]string{J: ""},
			want:  []wantDiag{{J, 1, 0, "empty file", "start the file with +++"}},
		},
		{
			name:  "blank file",
			files: map[string]string{J: "\uFEFF \n\n\t\n"},
			want:  []wantDiag{{J, 1, 0, "empty file", ""}},
		},
		{
			name:  "front matter not opened with +++",
			files: map[string]string{J: "title = \"Buy\"\n+++\n"},
			want:  []wantDiag{{J, 1, 1, "missing front matter", "the first line must be +++"}},
		},
		{
			name:  "YAML front matter",
			files: map[string]string{J: "---\ntitle: Buy\n---\n\nBody.\n"},
			want:  []wantDiag{{J, 1, 1, "YAML front matter (---) is not supported", "replace both --- lines with +++"}},
		},
		{
			name:  "front matter never closed",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\n\n[[stages]]\nname = \"One\"\n\nThe body.\n"},
			want:  []wantDiag{{J, 1, 1, "never closed", "add a line holding only +++"}},
		},
		{
			name:  "invalid UTF-8, at the bad byte",
			files: map[string]string{J: "+++\ntitle = \"Caf\xe9\"\n[[stages]]\nname = \"One\"\n+++\n"},
			want:  []wantDiag{{J, 2, 13, "invalid UTF-8 (byte 0xe9)", "save the file as UTF-8"}},
		},
		{
			name: "TOML syntax error at its line in the file",
			files: map[string]string{J: `+++
title = "Buy"
summary = "x"
owner =
[[stages]]
name = "One"
+++
`},
			want: []wantDiag{{J, 4, 1, "owner has no value", "write a value after the ="}},
		},
		{
			name:  "TOML syntax error with CRLF line endings",
			files: map[string]string{J: "+++\r\ntitle = \"Buy\"\r\n\r\nsummary = \"x\" y\r\n+++\r\n"},
			want:  []wantDiag{{J, 4, 15, "unexpected text after the value of summary", "start a comment with #"}},
		},
		{
			name:  "Markdown file outside journeys and personas",
			files: map[string]string{"content/notes.md": journey("Notes"), "content/journeys/notes.txt": "not Markdown, ignored"},
			want:  []wantDiag{{"content/notes.md", 0, 0, "Markdown file outside content/journeys/ and content/personas/", "journeys go in content/journeys/"}},
		},
		{
			name: "hidden and underscored files are not content",
			files: map[string]string{
				"content/journeys/_partial.md":    "not front matter",
				"content/journeys/.#j.md":         "an editor's lock",
				"content/journeys/.git/config.md": "",
				"content/_drafts/x.md":            "",
			},
			want: nil,
		},

		// Keys.
		{
			name: "unknown key in a stage",
			files: map[string]string{J: `+++
title = "Buy"

[[stages]]
name = "Research"
pain_point = "Jargon"
+++
`},
			want: []wantDiag{{J, 6, 1, `unknown key "pain_point" in [stages]`, `did you mean "pain_points"?`}},
		},
		{
			name: "unknown top-level key",
			files: map[string]string{J: `+++
title = "Buy"
sumary = "x"
favourite_colour = "blue"
[[stages]]
name = "Research"
+++
`},
			want: []wantDiag{
				{J, 3, 1, `unknown key "sumary" in front matter`, `did you mean "summary"?`},
				{J, 4, 1, `unknown key "favourite_colour" in front matter`, "known keys here: "},
			},
		},
		{
			name: "misspelt [[stages.touchpoint]] header",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"

  [[stages.touchpoint]]
  name = "Page"
  channels = ["web"]
+++
`},
			want: []wantDiag{{J, 6, 3, `unknown key "touchpoint" in [stages]`, `did you mean "touchpoints"?`}},
		},
		{
			name:  "title of the wrong type",
			files: map[string]string{J: "+++\ntitle = 3\n[[stages]]\nname = \"One\"\n+++\n"},
			want:  []wantDiag{{J, 2, 1, "title must be a string, not an integer (3)", `title = "…"`}},
		},
		{
			name: "emotion as a word",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
emotion = "high"
+++
`},
			want: []wantDiag{{J, 5, 1, `emotion must be a number, not a string ("high")`, "emotion = 1"}},
		},
		{
			name: "moment_of_truth as a string",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
moment_of_truth = "yes"
+++
`},
			want: []wantDiag{{J, 5, 1, `moment_of_truth must be true or false, not a string ("yes")`, "moment_of_truth = true (no quotes)"}},
		},
		{
			name: "updated date in quotes",
			files: map[string]string{J: `+++
title = "Buy"
updated = "2026-01-02"
[[stages]]
name = "Research"
+++
`},
			want: []wantDiag{{J, 3, 1, "updated must be a date, not a string", "a TOML date, without quotes: updated = 2026-01-02"}},
		},
		{
			name: "evidence sample size as a string",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.evidence]]
  kind = "survey"
  n = "12"
+++
`},
			want: []wantDiag{{J, 7, 3, `n must be a whole number, not a string ("12")`, "n = 120"}},
		},
		{
			name: "evidence sample size below 1",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.evidence]]
  kind = "poll"
  n = 0
+++
`},
			want: []wantDiag{{J, 7, 3, "sample size n must be 1 or more, not 0", ""}},
		},

		// Required keys.
		{
			name:  "journey without a title",
			files: map[string]string{J: "+++\nsummary = \"x\"\n[[stages]]\nname = \"One\"\n+++\n"},
			want:  []wantDiag{{J, 2, 0, `missing required key "title" in front matter`, `add title = "Buying a bike online"`}},
		},
		{
			name:  "journey without stages",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\n+++\n"},
			want:  []wantDiag{{J, 2, 0, "journey has no stages", "add at least one [[stages]] section"}},
		},
		{
			name:  "persona without a name",
			files: map[string]string{P: "+++\nrole = \"Buyer\"\n+++\n"},
			want:  []wantDiag{{P, 2, 0, `missing required key "name" in front matter`, `add name = "Dana Ortiz"`}},
		},
		{
			name: "stage without a name",
			files: map[string]string{J: `+++
title = "Buy"

[[stages]]
goal = "Shortlist"
+++
`},
			want: []wantDiag{{J, 4, 1, `missing required key "name" in [stages]`, `add name = "Research"`}},
		},
		{
			name: "touchpoint without a name",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.touchpoints]]
  channels = ["web"]
+++
`},
			want: []wantDiag{{J, 5, 3, `missing required key "name" in [stages.touchpoints]`, `add name = "Product page"`}},
		},
		{
			name: "evidence without a kind",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.evidence]]
  title = "Q3 survey"
+++
`},
			want: []wantDiag{{J, 5, 3, `missing required key "kind" in [stages.evidence]`, `kind = "survey"`}},
		},
		{
			name: "touchpoint with no channels key",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.touchpoints]]
  name = "Call"
+++
`},
			want: []wantDiag{{J, 5, 3, `touchpoint "Call" has no channel`, "one or more of: web, app, social, store, phone"}},
		},
		{
			name: "touchpoint with an empty channel list",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.touchpoints]]
  name = "Call"
  channels = []
+++
`},
			want: []wantDiag{{J, 7, 3, `touchpoint "Call" has no channel`, `add channels = ["…"]`}},
		},

		// Values.
		{
			name: "emotion out of range, in a stage and in a touchpoint",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
emotion = 3
  [[stages.touchpoints]]
  name = "Page"
  channels = ["web"]
  emotion = -2.5
+++
`},
			want: []wantDiag{
				{J, 5, 1, "emotion 3 is out of range: it must be from -2 to 2", "-2 is very negative"},
				{J, 9, 3, "emotion -2.5 is out of range", ""},
			},
		},
		{
			name: "stage id not a slug",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
id = "Re Search"
name = "Research"
+++
`},
			want: []wantDiag{{J, 4, 1, `stage id "Re Search" is not a slug`, `id = "re-search"`}},
		},
		{
			name:  "invalid state",
			files: map[string]string{J: journey("Buy", `state = "past"`)},
			want:  []wantDiag{{J, 3, 1, `state must be one of "current", "future", not "past"`, `use one of "current", "future"`}},
		},
		{
			name:  "invalid type",
			files: map[string]string{J: journey("Buy", `type = "tactic"`)},
			want:  []wantDiag{{J, 3, 1, `type must be one of "strategic", "tactical", "goal-based", "day-in-the-life", not "tactic"`, `did you mean "tactical"?`}},
		},
		{
			name:  "invalid status",
			files: map[string]string{J: journey("Buy", `status = "drafts"`)},
			want:  []wantDiag{{J, 3, 1, `status must be one of "published", "review", "draft", not "drafts"`, `did you mean "draft"?`}},
		},
		{
			name: "invalid evidence kind",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.evidence]]
  kind = "surveys"
+++
`},
			want: []wantDiag{{J, 6, 3, `kind must be one of "survey", "interview", "poll", "analytics", "support", "observation", not "surveys"`, `did you mean "survey"?`}},
		},
		{
			name: "javascript: URL in evidence",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.evidence]]
  kind = "survey"
  url  = "javascript:alert(1)"
+++
`},
			want: []wantDiag{{J, 7, 3, `url "javascript:alert(1)" is not allowed: a javascript: URL runs code`, "http(s)://"}},
		},
		{
			name:  "javascript: URL as a persona photo",
			files: map[string]string{P: "+++\nname = \"Sam\"\nphoto = \" JavaScript:alert(1)\"\n+++\n"},
			want:  []wantDiag{{P, 3, 1, `photo " JavaScript:alert(1)" is not allowed`, "mailto:"}},
		},
		{
			name:  "protocol-relative photo URL",
			files: map[string]string{P: "+++\nname = \"Sam\"\nphoto = \"//evil.example/x.jpg\"\n+++\n"},
			want:  []wantDiag{{P, 3, 1, `photo "//evil.example/x.jpg" is not allowed: a URL that begins with // takes the page's scheme`, "https://evil.example/x.jpg"}},
		},
		{
			name:  "unsafe links in a body",
			files: map[string]string{J: journey("Buy") + "\nIntro with [a link](//evil.example/b).\n\n## One\n\n- ![é](data:image/png;base64,AAAA) and <javascript:x>\n"},
			want: []wantDiag{
				{J, 8, 12, `link "//evil.example/b" is not allowed: a URL that begins with //`, "write the scheme: https://evil.example/b"},
				{J, 12, 3, `image "data:image/png;base64,AAAA" is not allowed: a data: URL`, "static/"},
				{J, 12, 40, `link "javascript:x" is not allowed: a javascript: URL runs code`, "http(s)://"},
			},
		},
		{
			name:  "photo not found in static/",
			files: map[string]string{P: "+++\nname = \"Sam\"\n\nphoto = \"img/sam.jpg\"\n+++\n"},
			want:  []wantDiag{{P, 4, 1, `photo "img/sam.jpg" not found in static/`, "put the image under static/"}},
		},
		{
			name: "photo outside static/",
			files: map[string]string{
				P:           "+++\nname = \"Sam\"\nphoto = \"../site.toml\"\n+++\n",
				"site.toml": testSiteTOML,
			},
			want: []wantDiag{{P, 3, 1, `photo "../site.toml" not found in static/`, ""}},
		},
		{
			name:  "photo that is a folder",
			files: map[string]string{P: "+++\nname = \"Sam\"\nphoto = \"/img/\"\n+++\n"},
			want:  []wantDiag{{P, 3, 1, `photo "/img/" not found in static/`, ""}},
		},
		{
			name:  "photo path from the site root and an http URL are fine",
			files: map[string]string{P: "+++\nname = \"Sam\"\nphoto = \"/img/dana.jpg\"\n+++\n", "content/personas/q.md": "+++\nname = \"Q\"\nphoto = \"https://x.example/q.jpg\"\n+++\n"},
			want:  nil,
		},

		// References between files.
		{
			name: "unknown persona",
			files: map[string]string{J: `+++
title = "Buy"
personas = ["dana-ortiz", "dana-ortz", "zed"]
[[stages]]
name = "Research"
+++
`},
			want: []wantDiag{
				{J, 3, 27, `unknown persona "dana-ortz"`, `did you mean "dana-ortiz"?`},
				{J, 3, 40, `unknown persona "zed"`, "a persona's slug is its file name"},
			},
		},
		{
			name: "unknown channel in a touchpoint, at its element",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
  [[stages.touchpoints]]
  name = "Post"
  channels = ["web", "socail"]
+++
`},
			want: []wantDiag{{J, 7, 22, `unknown channel "socail"`, `did you mean "social"?`}},
		},
		{
			name:  "unknown channel in a persona's channels",
			files: map[string]string{P: "+++\nname = \"Sam\"\nchannels = [\"web\",\n  \"fax\"]\n+++\n"},
			want:  []wantDiag{{P, 4, 3, `unknown channel "fax"`, "declare it in site.toml"}},
		},
		{
			name: "unknown parent",
			files: map[string]string{
				J:                                   journey("Buy", `parent = "buying-a-bke"`),
				"content/journeys/buying-a-bike.md": journey("Buying a bike"),
			},
			want: []wantDiag{{J, 3, 1, `unknown parent journey "buying-a-bke"`, `did you mean "buying-a-bike"?`}},
		},
		{
			name: "parent cycle",
			files: map[string]string{
				"content/journeys/a.md": journey("A", `parent = "b"`),
				"content/journeys/b.md": journey("B", `parent = "a"`),
			},
			want: []wantDiag{
				{"content/journeys/a.md", 3, 1, "parent cycle: a → b → a", "cannot contain its own ancestor"},
				{"content/journeys/b.md", 3, 1, "parent cycle: b → a → b", ""},
			},
		},
		{
			name: "longer parent cycle, with a journey hanging off it",
			files: map[string]string{
				"content/journeys/a.md": journey("A", `parent = "b"`),
				"content/journeys/b.md": journey("B", `parent = "c"`),
				"content/journeys/c.md": journey("C", `parent = "a"`),
				"content/journeys/d.md": journey("D", `parent = "a"`),
			},
			want: []wantDiag{
				{"content/journeys/a.md", 3, 1, "parent cycle: a → b → c → a", ""},
				{"content/journeys/b.md", 3, 1, "parent cycle: b → c → a → b", ""},
				{"content/journeys/c.md", 3, 1, "parent cycle: c → a → b → c", ""},
			},
		},
		{
			name:  "journey is its own parent",
			files: map[string]string{J: journey("Buy", `parent = "j"`)},
			want:  []wantDiag{{J, 3, 1, "journey is its own parent", "remove parent"}},
		},
		{
			name: "draft parent referenced by a published journey",
			files: map[string]string{
				"content/journeys/parent.md": journey("Parent", `status = "draft"`),
				"content/journeys/child.md":  journey("Child", `parent = "parent"`),
			},
			want: []wantDiag{{"content/journeys/child.md", 3, 1, `parent journey "parent" is a draft, which this build leaves out`, "--drafts"}},
		},
		// current = "<slug>" on a future-state map.
		{
			name: "unknown current journey",
			files: map[string]string{
				J:                                   journey("Buy later", `state = "future"`, `current = "buying-a-bke"`),
				"content/journeys/buying-a-bike.md": journey("Buying a bike"),
			},
			want: []wantDiag{{J, 4, 1, `unknown current journey "buying-a-bke"`, `did you mean "buying-a-bike"?`}},
		},
		{
			name: "current names a future-state map",
			files: map[string]string{
				J:                           journey("Buy later", `state = "future"`, `current = "other"`),
				"content/journeys/other.md": journey("Other", `state = "future"`),
			},
			want: []wantDiag{{J, 4, 1, `current journey "other" is not a current-state map`, "content/journeys/other.md is a future-state map"}},
		},
		{
			name: "current on a current-state map",
			files: map[string]string{
				J:                           journey("Buy", `current = "other"`),
				"content/journeys/other.md": journey("Other"),
			},
			want: []wantDiag{{J, 3, 1, `current is only for future-state maps, and this one is "current"`, `add state = "future"`}},
		},
		{
			name:  "current names the journey itself",
			files: map[string]string{J: journey("Buy", `state = "future"`, `current = "j"`)},
			want:  []wantDiag{{J, 4, 1, "journey names itself as its current state", ""}},
		},
		{
			name: "draft current map of a published future map",
			files: map[string]string{
				"content/journeys/now.md":   journey("Now", `status = "draft"`),
				"content/journeys/later.md": journey("Later", `state = "future"`, `current = "now"`),
			},
			want: []wantDiag{{"content/journeys/later.md", 4, 1, `current journey "now" is a draft, which this build leaves out`, "--drafts"}},
		},
		{
			name: "draft current map is fine when drafts are built",
			files: map[string]string{
				"content/journeys/now.md":   journey("Now", `status = "draft"`),
				"content/journeys/later.md": journey("Later", `state = "future"`, `current = "now"`),
			},
			drafts: true,
			want:   nil,
		},
		{
			name:  "current must be a string",
			files: map[string]string{J: journey("Buy later", `state = "future"`, `current = ["a"]`)},
			want:  []wantDiag{{J, 4, 1, "current must be a string, not a list", ""}},
		},
		// [[stages.steps]]
		{
			name: "a step naming a persona the journey does not name, and one misspelt",
			files: map[string]string{
				J:                             "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\"]\n[[stages]]\nname = \"One\"\n  [[stages.steps]]\n  name = \"Pay\"\n  emotion = 1\n  personas = [\"dana-ortz\", \"sam-lee\"]\n+++\n",
				"content/personas/sam-lee.md": sam,
			},
			want: []wantDiag{
				{J, 9, 15, `step "Pay" names "dana-ortz", who is not one of this journey's personas`, `did you mean "dana-ortiz"?`},
				{J, 9, 28, `step "Pay" names "sam-lee", who is not one of this journey's personas`, `add "sam-lee" to the journey's personas`},
			},
		},
		{
			name:  "a step without a name, with an unknown key and an emotion out of range",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\n[[stages]]\nname = \"One\"\n  [[stages.steps]]\n  emotion = 3\n  persona = [\"x\"]\n+++\n"},
			want: []wantDiag{
				{J, 5, 3, `missing required key "name" in [stages.steps]`, `name = "Pays for the order"`},
				{J, 6, 3, "emotion 3 is out of range: it must be from -2 to 2", ""},
				{J, 7, 3, `unknown key "persona" in [stages.steps]`, `did you mean "personas"?`},
			},
		},
		// emotion = { <persona> = <value>, … }
		{
			name: "per-persona emotion keyed by a persona the journey does not name",
			files: map[string]string{
				J:                             "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\"]\n[[stages]]\nname = \"One\"\nemotion = { dana-ortiz = 1, sam-lee = -1 }\n+++\n",
				"content/personas/sam-lee.md": sam,
			},
			want: []wantDiag{{J, 6, 29, `emotion for "sam-lee", who is not one of this journey's personas`, `add "sam-lee" to the journey's personas`}},
		},
		{
			name: "per-persona emotion with a misspelt persona, on a touchpoint",
			files: map[string]string{
				J:                             "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\", \"sam-lee\"]\n[[stages]]\nname = \"One\"\nemotion = 1\n  [[stages.touchpoints]]\n  name = \"Web\"\n  channels = [\"web\"]\n  emotion = {\n    dana-ortz = -1,\n    sam-lee = 2 }\n+++\n",
				"content/personas/sam-lee.md": sam,
			},
			want: []wantDiag{{J, 11, 5, `emotion for "dana-ortz", who is not one of this journey's personas`, `did you mean "dana-ortiz"?`}},
		},
		{
			name:  "per-persona emotion on a journey without personas",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\n[[stages]]\nname = \"One\"\nemotion = { dana-ortiz = 1 }\n+++\n"},
			want:  []wantDiag{{J, 5, 13, `emotion for "dana-ortiz", who is not one of this journey's personas`, `list the journey's personas first: personas = ["dana-ortiz"]`}},
		},
		{
			name:  "per-persona emotion out of range, and not a number",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\", \"sam-lee\"]\n[[stages]]\nname = \"One\"\nemotion = { dana-ortiz = 3, sam-lee = \"high\" }\n+++\n", "content/personas/sam-lee.md": sam},
			want: []wantDiag{
				{J, 6, 13, `emotion 3 for "dana-ortiz" is out of range: it must be from -2 to 2`, "-2 is very negative"},
				{J, 6, 29, `sam-lee must be a number, not a string ("high")`, ""},
			},
		},
		{
			name:  "empty per-persona emotion",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\"]\n[[stages]]\nname = \"One\"\nemotion = {}\n+++\n"},
			want:  []wantDiag{{J, 6, 1, "emotion table is empty", "write one number"}},
		},
		{
			name:  "an unknown persona is reported once, in personas, not again in emotion",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortz\"]\n[[stages]]\nname = \"One\"\nemotion = { dana-ortz = 1 }\n+++\n"},
			want:  []wantDiag{{J, 3, 13, `unknown persona "dana-ortz"`, `did you mean "dana-ortiz"?`}},
		},
		{
			name:  "a persona missing from a per-persona table is fine",
			files: map[string]string{J: "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\", \"sam-lee\"]\n[[stages]]\nname = \"One\"\nemotion = { sam-lee = 1 }\n  [[stages.touchpoints]]\n  name = \"Web\"\n  channels = [\"web\"]\n  emotion = -1\n+++\n", "content/personas/sam-lee.md": sam},
			want:  nil,
		},
		{
			name: "draft parent is fine when drafts are built",
			files: map[string]string{
				"content/journeys/parent.md": journey("Parent", `status = "draft"`),
				"content/journeys/child.md":  journey("Child", `parent = "parent"`),
			},
			drafts: true,
			want:   nil,
		},
		{
			name: "draft child of a draft parent is left out quietly",
			files: map[string]string{
				"content/journeys/parent.md": journey("Parent", `status = "draft"`),
				"content/journeys/child.md":  journey("Child", `parent = "parent"`, `status = "draft"`),
			},
			want: nil,
		},

		// Slugs and ids.
		{
			name: "duplicate journey slugs across subfolders",
			files: map[string]string{
				"content/journeys/2025/Onboarding.md": journey("Onboarding 2025"),
				"content/journeys/2026/onboarding.md": journey("Onboarding 2026"),
			},
			want: []wantDiag{{"content/journeys/2026/onboarding.md", 0, 0,
				`duplicate slug "onboarding": content/journeys/2025/Onboarding.md has it too`, "rename one of the files"}},
		},
		{
			name:  "duplicate persona slugs",
			files: map[string]string{"content/personas/team/Dana Ortiz.md": "+++\nname = \"Dana O.\"\n+++\n"},
			want: []wantDiag{{"content/personas/team/Dana Ortiz.md", 0, 0,
				`duplicate slug "dana-ortiz": content/personas/dana-ortiz.md has it too`, ""}},
		},
		{
			name:  "file name that gives no slug",
			files: map[string]string{"content/journeys/---.md": journey("Dashes")},
			want:  []wantDiag{{"content/journeys/---.md", 0, 0, "file name gives an empty slug", "name the file with letters or digits"}},
		},
		{
			name: "duplicate explicit stage ids",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
id = "research"
name = "Research online"
[[stages]]
id = "research"
name = "Research in store"
+++
`},
			want: []wantDiag{{J, 7, 1, `duplicate stage id "research"`, "the first is at line 3"}},
		},
		{
			name: "duplicate stage ids derived from the names",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"

[[stages]]
name = "research!"
+++
`},
			want: []wantDiag{{J, 7, 1, `duplicate stage id "research"`, "set a distinct id"}},
		},
		{
			name: "stage notes section written twice",
			files: map[string]string{J: `+++
title = "Buy"
[[stages]]
name = "Research"
+++

## Research

First.

## research

Second.
`},
			want: []wantDiag{{J, 11, 1, `stage "Research" already has a notes section`, "merge it into the section on line 7"}},
		},
		{
			name: "stage notes written twice, CRLF",
			files: map[string]string{J: strings.ReplaceAll(`+++
title = "Buy"
[[stages]]
id = "res"
name = "Research"
+++
Intro.

## res
First.
## RESEARCH
Second.
`, "\n", "\r\n")},
			want: []wantDiag{{J, 11, 1, `stage "Research" already has a notes section`, "the section on line 9"}},
		},

		// Everything at once.
		{
			name: "all problems of a file in one run, sorted by line",
			files: map[string]string{J: `+++
title = "Buy"
colour = "blue"

[[stages]]
name = "Research"
emotion = 5

  [[stages.touchpoints]]
  name = "Page"
  channels = ["wbe"]
+++
`},
			want: []wantDiag{
				{J, 3, 1, `unknown key "colour"`, ""},
				{J, 7, 1, "emotion 5 is out of range", ""},
				{J, 11, 15, `unknown channel "wbe"`, `did you mean "web"?`},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := load(t, siteFS(tt.files), Options{Drafts: tt.drafts})
			checkDiags(t, errs, tt.want)
		})
	}
}

func TestLoadNoContentFolder(t *testing.T) {
	site, errs := load(t, fstest.MapFS{"static/x.txt": {Data: []byte("x")}}, Options{})
	checkDiags(t, errs, []wantDiag{{"content", 0, 0, "no content folder", "create content/personas/ and content/journeys/"}})
	if site == nil || len(site.Journeys) != 0 {
		t.Errorf("site = %+v, want an empty site", site)
	}
}

// A journey using every key of the format, with a parent, two personas and
// stage notes in its body.
const fullJourney = `+++
title    = "Buying a bike online"
summary  = "From first search to first ride."
personas = ["dana-ortiz", "sam"]
state    = "future"
type     = "tactical"
goal     = "Own a bike that fits"
scenario = "What if it arrives damaged?"
parent   = "buying-a-bike"
status   = "review"
owner    = "CX team"
updated  = 2026-10-01
version  = "2.1"
tags     = "online"

[[stages]]
name            = "Research"
goal            = "Shortlist two bikes"
description     = "Dana compares models online."
doing           = ["Searches for hybrid bikes", "Reads reviews"]
thinking        = "Which size am I?"
feeling         = "Curious"
emotion         = 1
pain_points     = ["Spec sheets use jargon"]
opportunities   = "Plain-language size finder"
frontstage      = ["Product pages"]
backstage       = ["Product data feed"]
kpis            = ["Size-finder use rate"]
moment_of_truth = true

  [[stages.touchpoints]]
  name        = "Product page"
  channels    = ["web", "app", "web"]
  description = "Specs, photos, reviews"
  owner       = "E-commerce"

  [[stages.touchpoints]]
  name            = "Review video"
  channels        = "social"
  emotion         = -1.5
  moment_of_truth = true

  [[stages.evidence]]
  kind  = "survey"
  title = "Q3 buyer survey"
  n     = 412
  quote = "I had no idea what frame size meant."
  url   = "https://research.example/q3"

[[stages]]
id      = "buy"
name    = "Checkout and payment"
emotion = -0.5
+++

The journey's narrative.

## RESEARCH

Notes on research.

## Background

Stays in the narrative.

## Buy

Notes on buying.
`

const sam = `+++
name        = "Sam Lee"
photo       = "https://photos.example/sam.jpg"
goals       = "Get a fair price"
pain_points = ["Hidden fees", "Long delivery"]
channels    = ["phone", "store"]
tags        = ["budget"]

[demographics]
occupation = "Nurse"
age        = "34"
location   = "Leeds"
+++

Sam's background.

## More

More background.
`

func TestLoadFullJourney(t *testing.T) {
	site, errs := load(t, siteFS(map[string]string{
		"content/journeys/online/buy-online.md": fullJourney,
		"content/journeys/buying-a-bike.md":     journey("Buying a bike"),
		"content/personas/sam.md":               sam,
	}), Options{})
	checkDiags(t, errs, nil)
	if len(site.Journeys) != 2 || len(site.Personas) != 2 {
		t.Fatalf("got %d journeys and %d personas, want 2 and 2", len(site.Journeys), len(site.Personas))
	}
	j := site.Journeys[1] // "Buying a bike" sorts before "Buying a bike online"
	parent := site.Journeys[0]
	if j.Slug != "buy-online" || parent.Slug != "buying-a-bike" {
		t.Fatalf("journeys = %s, %s; want buying-a-bike, buy-online", site.Journeys[0].Slug, site.Journeys[1].Slug)
	}

	// The journey's own keys.
	str := func(name, got, want string) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	str("File", j.File, "content/journeys/online/buy-online.md")
	str("Title", j.Title, "Buying a bike online")
	str("Summary", j.Summary, "From first search to first ride.")
	str("State", j.State, "future")
	str("Type", j.Type, "tactical")
	str("Goal", j.Goal, "Own a bike that fits")
	str("Scenario", j.Scenario, "What if it arrives damaged?")
	str("Status", j.Status, "review")
	str("Owner", j.Owner, "CX team")
	str("Version", j.Version, "2.1")
	str("URL", j.URL(), "journeys/buy-online/")
	if !j.Updated.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, j.Updated.Location())) {
		t.Errorf("Updated = %v", j.Updated)
	}
	if !slices.Equal(j.Tags, []string{"online"}) {
		t.Errorf("Tags = %q, want a single string as a list of one", j.Tags)
	}
	if j.Parent != parent || !slices.Equal(parent.Children, []*Journey{j}) {
		t.Errorf("parent link: Parent = %v, parent.Children = %v", j.Parent, parent.Children)
	}
	if len(j.Personas) != 2 || j.Personas[0].Slug != "dana-ortiz" || j.Personas[1].Slug != "sam" {
		t.Errorf("Personas not in the order written: %v", j.Personas)
	}

	// Stages.
	if len(j.Stages) != 2 {
		t.Fatalf("got %d stages", len(j.Stages))
	}
	s := j.Stages[0]
	str("stage ID", s.ID, "research")
	str("stage Name", s.Name, "Research")
	str("stage Goal", s.Goal, "Shortlist two bikes")
	str("stage Description", s.Description, "Dana compares models online.")
	str("stage Feeling", s.Feeling, "Curious")
	lists := []struct {
		name      string
		got, want []string
	}{
		{"Doing", s.Doing, []string{"Searches for hybrid bikes", "Reads reviews"}},
		{"Thinking", s.Thinking, []string{"Which size am I?"}},
		{"PainPoints", s.PainPoints, []string{"Spec sheets use jargon"}},
		{"Opportunities", s.Opportunities, []string{"Plain-language size finder"}},
		{"Frontstage", s.Frontstage, []string{"Product pages"}},
		{"Backstage", s.Backstage, []string{"Product data feed"}},
		{"KPIs", s.KPIs, []string{"Size-finder use rate"}},
	}
	for _, l := range lists {
		if !slices.Equal(l.got, l.want) {
			t.Errorf("stage %s = %q, want %q", l.name, l.got, l.want)
		}
	}
	if !s.Emotion.Equal(Emotion{Value: 1, Set: true}) || !s.MomentOfTruth || s.Journey != j {
		t.Errorf("stage Emotion, MomentOfTruth, Journey = %v, %v, %v", s.Emotion, s.MomentOfTruth, s.Journey)
	}
	if b := j.Stages[1]; b.ID != "buy" || b.Name != "Checkout and payment" || b.Emotion.Value != -0.5 || b.MomentOfTruth {
		t.Errorf("second stage = %+v", b)
	}

	// Touchpoints.
	if len(s.Touchpoints) != 2 {
		t.Fatalf("got %d touchpoints", len(s.Touchpoints))
	}
	tp := s.Touchpoints[0]
	if got := channelIDs(tp.Channels); !slices.Equal(got, []string{"web", "app"}) {
		t.Errorf("touchpoint channels = %q, want web, app once each", got)
	}
	str("touchpoint Name", tp.Name, "Product page")
	str("touchpoint Description", tp.Description, "Specs, photos, reviews")
	str("touchpoint Owner", tp.Owner, "E-commerce")
	if tp.Stage != s || tp.Emotion.Set || tp.MomentOfTruth {
		t.Errorf("touchpoint Stage, Emotion, MomentOfTruth = %p, %v, %v", tp.Stage, tp.Emotion, tp.MomentOfTruth)
	}
	if e, inherited := tp.Feels(); e.Value != 1 || !inherited {
		t.Errorf("Feels() = %v, %v; want the stage's 1, inherited", e, inherited)
	}
	if !tp.OnChannel("app") || tp.OnChannel("social") {
		t.Errorf("OnChannel wrong for %q", channelIDs(tp.Channels))
	}
	tp = s.Touchpoints[1]
	if got := channelIDs(tp.Channels); !slices.Equal(got, []string{"social"}) {
		t.Errorf("single-string channels = %q", got)
	}
	if e, inherited := tp.Feels(); e.Value != -1.5 || inherited || !tp.MomentOfTruth {
		t.Errorf("second touchpoint Feels() = %v, %v; MomentOfTruth %v", e, inherited, tp.MomentOfTruth)
	}

	// Evidence.
	wantEv := Evidence{Kind: "survey", Title: "Q3 buyer survey", N: 412,
		Quote: "I had no idea what frame size meant.", URL: "https://research.example/q3"}
	if len(s.Evidence) != 1 || *s.Evidence[0] != wantEv {
		t.Errorf("Evidence = %+v, want %+v", s.Evidence, wantEv)
	}

	// Notes: "## RESEARCH" matches the name in any case, "## Buy" the id;
	// "## Background" names no stage and stays in the narrative.
	if !strings.Contains(string(s.Notes), "Notes on research.") || strings.Contains(string(s.Notes), "Background") {
		t.Errorf("Research notes = %q", s.Notes)
	}
	if !strings.Contains(string(j.Stages[1].Notes), "Notes on buying.") {
		t.Errorf("Buy notes = %q", j.Stages[1].Notes)
	}
	n := string(j.Narrative)
	for _, want := range []string{"The journey&rsquo;s narrative.", "<h2", "Background", "Stays in the narrative."} {
		if !strings.Contains(n, want) && !strings.Contains(n, strings.ReplaceAll(want, "&rsquo;", "'")) {
			t.Errorf("Narrative lacks %q:\n%s", want, n)
		}
	}
	for _, notWant := range []string{"RESEARCH", "Notes on", ">Buy<"} {
		if strings.Contains(n, notWant) {
			t.Errorf("Narrative holds stage notes (%q):\n%s", notWant, n)
		}
	}

	// The persona, and the back-links to the journey.
	var samP, danaP *Persona
	for _, p := range site.Personas {
		switch p.Slug {
		case "sam":
			samP = p
		case "dana-ortiz":
			danaP = p
		}
	}
	if samP == nil || danaP == nil {
		t.Fatalf("personas = %v", site.Personas)
	}
	str("persona Name", samP.Name, "Sam Lee")
	str("persona Photo", samP.Photo, "https://photos.example/sam.jpg")
	str("persona URL", samP.URL(), "personas/sam/")
	if !slices.Equal(samP.Goals, []string{"Get a fair price"}) || !slices.Equal(samP.PainPoints, []string{"Hidden fees", "Long delivery"}) {
		t.Errorf("persona Goals, PainPoints = %q, %q", samP.Goals, samP.PainPoints)
	}
	if got := channelIDs(samP.Channels); !slices.Equal(got, []string{"phone", "store"}) {
		t.Errorf("persona Channels = %q", got)
	}
	wantFacts := []Fact{{"occupation", "Nurse"}, {"age", "34"}, {"location", "Leeds"}}
	if !slices.Equal(samP.Demographics, wantFacts) {
		t.Errorf("Demographics = %q, want them in the order written: %q", samP.Demographics, wantFacts)
	}
	if bg := string(samP.Background); !strings.Contains(bg, "background.") || !strings.Contains(bg, "More background.") {
		t.Errorf("persona Background lacks its sections: %q", bg)
	}
	if !slices.Equal(samP.Journeys, []*Journey{j}) || !slices.Equal(danaP.Journeys, []*Journey{j}) {
		t.Errorf("persona back-links: sam %v, dana %v", samP.Journeys, danaP.Journeys)
	}
	if danaP.Photo != "img/dana.jpg" {
		t.Errorf("dana Photo = %q", danaP.Photo)
	}
}

func TestLoadDefaults(t *testing.T) {
	site, errs := load(t, siteFS(map[string]string{J: journey("Buy")}), Options{})
	checkDiags(t, errs, nil)
	j := site.Journeys[0]
	if j.State != "current" || j.Status != "published" || j.Type != "" || !j.Updated.IsZero() || j.Parent != nil {
		t.Errorf("defaults: State %q, Status %q, Type %q, Updated %v, Parent %v", j.State, j.Status, j.Type, j.Updated, j.Parent)
	}
	if s := j.Stages[0]; s.ID != "one" || s.Emotion.Set || s.Notes != "" {
		t.Errorf("stage defaults: ID %q, Emotion %v, Notes %q", s.ID, s.Emotion, s.Notes)
	}
}

// Only a heading that names a stage holds its notes: a stage whose name
// gives no slug must not catch headings that give none either.
func TestLoadNotesNeedAMatch(t *testing.T) {
	site, errs := load(t, siteFS(map[string]string{J: `+++
title = "Buy"
[[stages]]
id = "bang"
name = "!!!"
+++

## ?

Stays in the narrative.

## !!!

Notes.
`}), Options{})
	checkDiags(t, errs, nil)
	j := site.Journeys[0]
	if s := j.Stages[0]; s.ID != "bang" || !strings.Contains(string(s.Notes), "Notes.") || strings.Contains(string(s.Notes), "Stays") {
		t.Errorf("stage ID %q, Notes %q", s.ID, s.Notes)
	}
	if !strings.Contains(string(j.Narrative), "Stays in the narrative.") {
		t.Errorf("Narrative = %q", j.Narrative)
	}
}

func TestLoadDraftsAndOrder(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/journeys/b.md":     journey("beta", `personas = "dana-ortiz"`),
		"content/journeys/a.md":     journey("Gamma", `personas = "dana-ortiz"`),
		"content/journeys/z.md":     journey("alpha"),
		"content/journeys/draft.md": journey("Delta", `status = "draft"`, `personas = "dana-ortiz"`),
		"content/journeys/sub.md":   journey("Epsilon", `parent = "b"`),
		"content/journeys/sub2.md":  journey("Ash", `parent = "b"`, `status = "draft"`),
		"content/personas/aaron.md": "+++\nname = \"zoe\"\n+++\n",
		"content/personas/zed.md":   "+++\nname = \"Adam\"\n+++\n",
	})
	tests := []struct {
		drafts                        bool
		journeys, ofDana, childrenOfB []string
	}{
		{false, []string{"alpha", "beta", "Epsilon", "Gamma"}, []string{"beta", "Gamma"}, []string{"Epsilon"}},
		{true, []string{"alpha", "Ash", "beta", "Delta", "Epsilon", "Gamma"}, []string{"beta", "Delta", "Gamma"}, []string{"Ash", "Epsilon"}},
	}
	for _, tt := range tests {
		site, errs := load(t, fsys, Options{Drafts: tt.drafts})
		checkDiags(t, errs, nil)
		if got := titles(site.Journeys); !slices.Equal(got, tt.journeys) {
			t.Errorf("drafts=%v: journeys %q, want %q (by title, in any case)", tt.drafts, got, tt.journeys)
		}
		var names, ofDana, childrenOfB []string
		for _, p := range site.Personas {
			names = append(names, p.Name)
			if p.Slug == "dana-ortiz" {
				ofDana = titles(p.Journeys)
			}
		}
		for _, j := range site.Journeys {
			if j.Slug == "b" {
				childrenOfB = titles(j.Children)
			}
		}
		if !slices.Equal(names, []string{"Adam", "Dana Ortiz", "zoe"}) {
			t.Errorf("personas %q, want them by name", names)
		}
		if !slices.Equal(ofDana, tt.ofDana) {
			t.Errorf("drafts=%v: Dana's journeys %q, want %q", tt.drafts, ofDana, tt.ofDana)
		}
		if !slices.Equal(childrenOfB, tt.childrenOfB) {
			t.Errorf("drafts=%v: children of b %q, want %q", tt.drafts, childrenOfB, tt.childrenOfB)
		}
	}
}

func titles(js []*Journey) []string {
	var out []string
	for _, j := range js {
		out = append(out, j.Title)
	}
	return out
}

// A parent cycle is reported, and then cut, so that nothing that follows
// parents (breadcrumbs, children) can loop.
func TestLoadParentCycleIsCut(t *testing.T) {
	site, errs := load(t, siteFS(map[string]string{
		"content/journeys/a.md": journey("A", `parent = "b"`),
		"content/journeys/b.md": journey("B", `parent = "c"`),
		"content/journeys/c.md": journey("C", `parent = "a"`),
		"content/journeys/d.md": journey("D", `parent = "a"`),
		"content/journeys/s.md": journey("S", `parent = "s"`),
	}), Options{})
	if len(errs) != 4 {
		t.Errorf("got %d diagnostics, want 4:\n%s", len(errs), errs.Format())
	}
	for _, j := range site.Journeys {
		n := 0
		for p := j.Parent; p != nil; p = p.Parent {
			if n++; n > len(site.Journeys) {
				t.Fatalf("journey %s: parent chain still loops", j.Slug)
			}
		}
	}
}

// A parent cycle thousands of journeys long is reported at each of them
// with a message of bounded length, and cut. Every journey's chain used
// to be walked to its end, and every message named the whole loop: n²
// in time and in the size of the diagnostics.
func TestLoadLongParentCycle(t *testing.T) {
	const n = 5000
	files := map[string]string{}
	for i := range n {
		files[fmt.Sprintf("content/journeys/j%04d.md", i)] = journey(fmt.Sprint(i), fmt.Sprintf(`parent = "j%04d"`, (i+1)%n))
	}
	// A journey hanging off the loop is not on it.
	files["content/journeys/off.md"] = journey("Off", `parent = "j0000"`)
	site, errs := load(t, siteFS(files), Options{})
	if len(errs) != n {
		t.Fatalf("got %d diagnostics, want one per journey on the loop (%d)", len(errs), n)
	}
	want := "content/journeys/j0002.md:3:1: parent cycle: j0002 → j0003 → j0004 → j0005 → j0006 → j0007 → j0008 → j0009 → … (4992 more) → j0002"
	if got := errs[2].Pos.String() + ": " + errs[2].Msg; got != want {
		t.Errorf("diagnostic\n%s\nwant\n%s", got, want)
	}
	for _, d := range errs {
		if len(d.Msg) > 200 {
			t.Fatalf("%s: message of %d bytes", d.Pos, len(d.Msg))
		}
	}
	for _, j := range site.Journeys {
		n := 0
		for p := j.Parent; p != nil; p = p.Parent {
			if n++; n > len(site.Journeys) {
				t.Fatalf("journey %s: parent chain still loops", j.Slug)
			}
		}
	}
}

func TestEmotion(t *testing.T) {
	tests := []struct {
		e          Emotion
		str, label string
		level      int
	}{
		{Emotion{}, "", "not rated", 0},
		{Emotion{Value: 2, Set: true}, "+2", "very positive", 2},
		{Emotion{Value: 1.5, Set: true}, "+1.5", "very positive", 2},
		{Emotion{Value: 0.5, Set: true}, "+0.5", "positive", 1},
		{Emotion{Value: 0, Set: true}, "0", "neutral", 0},
		{Emotion{Value: -0.4, Set: true}, "-0.4", "neutral", 0},
		{Emotion{Value: -1, Set: true}, "-1", "negative", -1},
		{Emotion{Value: -1.5, Set: true}, "-1.5", "very negative", -2},
		{Emotion{Value: -2, Set: true}, "-2", "very negative", -2},
	}
	for _, tt := range tests {
		if got := tt.e.String(); got != tt.str {
			t.Errorf("%v.String() = %q, want %q", tt.e, got, tt.str)
		}
		if got := tt.e.Label(); got != tt.label {
			t.Errorf("%v.Label() = %q, want %q", tt.e, got, tt.label)
		}
		if tt.e.Set {
			if got := tt.e.Level(); got != tt.level {
				t.Errorf("%v.Level() = %d, want %d", tt.e, got, tt.level)
			}
		}
	}
	avg := Average([]Emotion{{Value: 1, Set: true}, {}, {Value: -2, Set: true}, {Value: 2, Set: true}})
	if !avg.Equal(Emotion{Value: 0.33, Set: true}) {
		t.Errorf("Average = %v, want 0.33 (unset values left out)", avg)
	}
	if avg := Average([]Emotion{{}, {}}); avg.Set {
		t.Errorf("Average of unset = %v, want unset", avg)
	}
}

// FuzzLoad loads a site whose one journey and one persona are the fuzz
// input: the loader must never panic, and every diagnostic must name a
// file of the site.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(fullJourney))
	f.Add([]byte(sam))
	f.Add([]byte(dana))
	f.Add([]byte(journey("Buy", `parent = "j"`, `personas = ["dana-ortiz", 3]`)))
	f.Add([]byte(""))
	f.Add([]byte("+++"))
	f.Add([]byte("+++\r\n+++\r\n## One\n## one\n"))
	f.Add([]byte("---\ntitle: x\n---\n"))
	f.Add([]byte("+++\ntitle = \"\xe9\"\n+++\n"))
	f.Add([]byte("+++\n[[stages]]\n[[stages.touchpoints]]\nchannels = [1, \"wbe\"]\nemotion = nan\n[[stages.evidence]]\nn = -1\n+++\n"))
	f.Add([]byte("+++\n[[stages]]\nname = \"\"\n[[stages]]\nid = \"\"\n+++\n## \n"))
	f.Add([]byte("\uFEFF+++ \nstages = [{name = \"a\", touchpoints = [{name = \"t\", channels = \"web\"}]}]\n+++\t\n"))
	f.Add([]byte("+++\ntitle = \"T\"\nstate = \"future\"\ncurrent = \"j\"\npersonas = [\"p\"]\n[[stages]]\nname = \"a\"\nemotion = { p = 1, q = 9, r = \"x\" }\n[[stages.touchpoints]]\nname = \"t\"\nchannels = [\"web\"]\nemotion = {}\n+++\n"))
	f.Add([]byte("+++\nname = \"P\"\nphoto = \"/\\\\evil.example/p.jpg\"\n[[stages]]\n[[stages.evidence]]\nurl = \"https:\"\n+++\n[a](//evil.example/b) ![i](<&#92;&#92;evil>) <JAVASCRIPT:x>\n\n[^n]\n\n[^n]: [m](mailto:)\n"))
	cfg := testConfig(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{
			"content/journeys/j.md": {Data: data},
			"content/personas/p.md": {Data: data},
		}
		site, errs := Load(fsys, cfg, Options{Drafts: len(data)%2 == 0})
		if site == nil {
			t.Fatal("Load returned no site")
		}
		for _, d := range errs {
			if d.Pos.File != "content/journeys/j.md" && d.Pos.File != "content/personas/p.md" {
				t.Errorf("diagnostic names no file of the site: %v", d)
			}
			if d.Pos.Line < 0 || d.Pos.Col < 0 || d.Msg == "" {
				t.Errorf("malformed diagnostic: %#v", d)
			}
		}
		for _, w := range site.Warnings {
			if w.Severity != diag.Warning || w.Msg == "" || w.Hint == "" || w.Pos.Line < 1 ||
				w.Pos.File != "content/journeys/j.md" && w.Pos.File != "content/personas/p.md" {
				t.Errorf("malformed warning: %#v", w)
			}
		}
	})
}

func TestEmptyRequiredStrings(t *testing.T) {
	for _, tc := range []struct{ file, src, want string }{
		{"content/journeys/j.md", "+++\ntitle = \"  \"\n\n[[stages]]\nname = \"A\"\n+++\n", "content/journeys/j.md:2:1: title must not be empty"},
		{"content/journeys/j.md", "+++\ntitle = \"J\"\n\n[[stages]]\nname = \"\"\n+++\n", "content/journeys/j.md:5:1: name must not be empty"},
		{"content/personas/p.md", "+++\nname = \"\"\n+++\n", "content/personas/p.md:2:1: name must not be empty"},
		{"content/personas/p.md", "+++\nname = \"P\"\nphoto = \"mailto:p@example.com\"\n+++\n", `content/personas/p.md:3:1: photo "mailto:p@example.com" is not an image address`},
	} {
		fsys := fstest.MapFS{tc.file: {Data: []byte(tc.src)}}
		cfg := &config.Config{Title: "T", BaseURL: "/", Theme: "default", Language: "en"}
		_, diags := Load(fsys, cfg, Options{})
		if !strings.Contains(diags.Format(), tc.want) {
			t.Errorf("%s: want %q in\n%s", tc.file, tc.want, diags.Format())
		}
	}
}

func TestStageNameWithoutID(t *testing.T) {
	fsys := fstest.MapFS{"content/journeys/j.md": {Data: []byte("+++\ntitle = \"J\"\n\n[[stages]]\nname = \"!!!\"\n+++\n")}}
	cfg := &config.Config{Title: "T", BaseURL: "/", Theme: "default", Language: "en"}
	_, diags := Load(fsys, cfg, Options{})
	if want := `content/journeys/j.md:5:1: stage name "!!!" gives no id`; !strings.Contains(diags.Format(), want) {
		t.Errorf("want %q in\n%s", want, diags.Format())
	}
}

func TestLoadPerPersonaEmotion(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/personas/sam-lee.md": sam,
		J: `+++
title = "Buy"
personas = ["dana-ortiz", "sam-lee"]

[[stages]]
name = "Research"
emotion = { sam-lee = 1, dana-ortiz = -1.5 }

  [[stages.touchpoints]]
  name = "Web"
  channels = ["web"]

  [[stages.touchpoints]]
  name = "Chat"
  channels = ["web"]
  emotion = { sam-lee = 2 }

[[stages]]
name = "Pay"
emotion = -1
+++
`,
	})
	site, errs := load(t, fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	s := site.Journeys[0].Stages[0]
	// In the journey's persona order, not the order written; the mean
	// rounded to two decimals.
	want := Emotion{Value: -0.25, Set: true, ByPersona: []PersonaEmotion{{"dana-ortiz", -1.5}, {"sam-lee", 1}}}
	if !s.Emotion.Equal(want) {
		t.Errorf("stage emotion = %+v, want %+v", s.Emotion, want)
	}
	web, chat := s.Touchpoints[0], s.Touchpoints[1]
	pay := site.Journeys[0].Stages[1]
	type feelCase struct {
		name          string
		got           Emotion
		inherited     bool
		want          Emotion
		wantInherited bool
	}
	tests := []feelCase{
		{"stage, Dana", s.Emotion.For("dana-ortiz"), false, Emotion{Value: -1.5, Set: true}, false},
		{"plain stage, Sam", pay.Emotion.For("sam-lee"), false, Emotion{Value: -1, Set: true}, false},
		{"persona not in the table", chat.Emotion.For("dana-ortiz"), false, Emotion{}, false},
		{"stranger", s.Emotion.For("nobody"), false, Emotion{}, false},
	}
	e, inh := web.FeelsFor("sam-lee")
	tests = append(tests, feelCase{"touchpoint inherits the stage's value for Sam", e, inh, Emotion{Value: 1, Set: true}, true})
	e, inh = chat.FeelsFor("dana-ortiz")
	tests = append(tests, feelCase{"touchpoint with a table that leaves Dana out", e, inh, Emotion{}, false})
	for _, tt := range tests {
		if !tt.got.Equal(tt.want) || tt.inherited != tt.wantInherited {
			t.Errorf("%s: %+v (inherited %v), want %+v (inherited %v)", tt.name, tt.got, tt.inherited, tt.want, tt.wantInherited)
		}
	}
	if got := s.Emotion.Values(); !slices.Equal(got, []float64{-1.5, 1}) {
		t.Errorf("Values = %v", got)
	}
	if !site.Journeys[0].PerPersona() {
		t.Error("PerPersona = false for a journey with a per-persona stage")
	}
}

// A key that names no persona of the journey becomes valid when the
// journey is not reloaded but the persona appears: the emotion is made
// again from what was written on every load, not from the last result.
func TestLoadPerPersonaEmotionFromCache(t *testing.T) {
	journeyText := "+++\ntitle = \"Buy\"\npersonas = [\"dana-ortiz\", \"sam-lee\"]\n[[stages]]\nname = \"One\"\nemotion = { dana-ortiz = 1, sam-lee = -1 }\n+++\n"
	fsys := siteFS(map[string]string{J: journeyText})
	cache := NewCache()
	_, errs := load(t, fsys, Options{Cache: cache})
	if len(errs) == 0 {
		t.Fatal("no error for the missing persona sam-lee")
	}
	fsys["content/personas/sam-lee.md"] = &fstest.MapFile{Data: []byte(sam)}
	cache.Forget("content/personas/sam-lee.md")
	site, errs := load(t, fsys, Options{Cache: cache})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	want := Emotion{Value: 0, Set: true, ByPersona: []PersonaEmotion{{"dana-ortiz", 1}, {"sam-lee", -1}}}
	if got := site.Journeys[0].Stages[0].Emotion; !got.Equal(want) {
		t.Errorf("after sam-lee.md appears: %+v, want %+v", got, want)
	}
}

func TestLoadCurrentAndFutures(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/journeys/now.md":     journey("Now"),
		"content/journeys/later.md":   journey("Later", `state = "future"`, `current = "now"`),
		"content/journeys/someday.md": journey("Someday", `state = "future"`, `current = "now"`),
		"content/journeys/sketch.md":  journey("Sketch", `state = "future"`, `current = "now"`, `status = "draft"`),
	})
	site, errs := load(t, fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	by := map[string]*Journey{}
	for _, j := range site.Journeys {
		by[j.Slug] = j
	}
	if by["later"].Current != by["now"] || by["someday"].Current != by["now"] || by["now"].Current != nil {
		t.Errorf("Current links: later → %v, someday → %v, now → %v", by["later"].Current, by["someday"].Current, by["now"].Current)
	}
	var futures []string
	for _, f := range by["now"].Futures {
		futures = append(futures, f.Slug)
	}
	// By title; the draft left out of this build is not listed.
	if !slices.Equal(futures, []string{"later", "someday"}) {
		t.Errorf("Futures = %v, want [later someday]", futures)
	}
}

// The scale is worded one way everywhere: the docs' table says what the
// pages say (Label), and so do the hints.
func TestEmotionScaleWording(t *testing.T) {
	doc, err := os.ReadFile("../../docs/content-format.md")
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(doc), "## The emotion scale")
	if !ok {
		t.Fatal("docs/content-format.md has no emotion scale section")
	}
	for v := MinEmotion; v <= MaxEmotion; v++ {
		label := Emotion{Value: float64(v), Set: true}.Label()
		if row := fmt.Sprintf("| %d | %s |", v, label); !strings.Contains(table, row) {
			t.Errorf("the docs' scale table lacks %q", row)
		}
		if v == MinEmotion || v == MaxEmotion || v == 0 {
			if !strings.Contains(emotionScaleHint, label) {
				t.Errorf("the scale hint %q does not say %q", emotionScaleHint, label)
			}
		}
	}
}

func TestLoadSteps(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/personas/sam-lee.md": "+++\nname = \"Sam Lee\"\n+++\n",
		"content/journeys/j.md": "+++\ntitle = \"Tea\"\npersonas = [\"dana-ortiz\", \"sam-lee\"]\n[[stages]]\nname = \"Morning\"\n" +
			"  [[stages.steps]]\n  name = \"Make tea\"\n  emotion = 2\n  personas = [\"sam-lee\", \"dana-ortiz\", \"sam-lee\"]\n" +
			"  [[stages.steps]]\n  name = \"Go upstairs\"\n+++\n",
	})
	site, errs := load(t, fsys, Options{})
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	steps := site.Journeys[0].Stages[0].Steps
	if len(steps) != 2 {
		t.Fatalf("%d steps, want 2", len(steps))
	}
	tea, stairs := steps[0], steps[1]
	var who []string
	for _, p := range tea.Personas {
		who = append(who, p.Slug)
	}
	if tea.Name != "Make tea" || tea.Emotion.String() != "+2" || !slices.Equal(who, []string{"sam-lee", "dana-ortiz"}) || tea.Stage != site.Journeys[0].Stages[0] {
		t.Errorf("step = %q %s %v, want Make tea +2 [sam-lee dana-ortiz] in its stage", tea.Name, tea.Emotion, who)
	}
	if stairs.Emotion.Set || len(stairs.Personas) != 0 {
		t.Errorf("a step with a name only has emotion %v and personas %v", stairs.Emotion, stairs.Personas)
	}
}
