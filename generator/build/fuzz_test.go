package build

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// fuzzMarker starts each file of an encoded site: "=== <path>" on a line
// of its own, the path relative to content/, and the file's text on the
// lines up to the next marker.
const fuzzMarker = "=== "

// decodeSite turns an encoded site into the files under content/ of a
// site with limitSiteTOML. Paths that are not valid fs paths are left
// out, and a later file of the same path replaces an earlier one.
func decodeSite(src string) fstest.MapFS {
	fsys := fstest.MapFS{"site.toml": {Data: []byte(limitSiteTOML)}}
	var name string
	var text strings.Builder
	flush := func() {
		if name != "" {
			fsys[name] = &fstest.MapFile{Data: []byte(text.String())}
		}
		text.Reset()
	}
	for line := range strings.Lines(src) {
		if p, ok := strings.CutPrefix(line, fuzzMarker); ok {
			flush()
			name = content.Dir + "/" + strings.TrimRight(p, "\r\n")
			if !fs.ValidPath(name) {
				name = ""
			}
			continue
		}
		text.WriteString(line)
	}
	flush()
	return fsys
}

// fuzzSeeds are small sites, good and broken, as FuzzBuild reads them.
var fuzzSeeds = []string{
	// A site that uses most of the format.
	`=== personas/ana.md
+++
name = "Ana"
goals = "A bike that fits"
channels = ["web"]
[demographics]
age = "34"
+++
Ana rides to work.
=== journeys/buy.md
+++
title = "Buy"
personas = ["ana"]
updated = 2026-10-01

[[stages]]
name = "Research"
emotion = 1
pain_points = ["Jargon"]

  [[stages.touchpoints]]
  name = "Product page"
  channels = ["web", "phone"]
  emotion = -0.5

  [[stages.evidence]]
  kind = "survey"
  n = 12
  url = "https://research.example/q3"

[[stages]]
id = "pay"
name = "Checkout"
moment_of_truth = true
+++
The narrative, with [a link](https://example.com).

## Research

Notes.
=== journeys/returns/damaged.md
+++
title = "Damaged"
parent = "buy"
status = "review"
state = "future"

[[stages]]
name = "Spotting it"
+++
`,
	// A draft parent, a journey with no stages, and an unknown persona.
	`=== journeys/idea.md
+++
title = "Idea"
status = "draft"
[[stages]]
name = "Think"
+++
=== journeys/child.md
+++
title = "Child"
parent = "idea"
personas = ["nobody"]
+++
`,
	// Broken files of every kind.
	`=== journeys/empty.md
=== journeys/yaml.md
---
title: x
---
=== journeys/open.md
+++
title = "never closed"
=== journeys/toml.md
+++
title = "x
+++
=== personas/bad.md
+++
name = 3
pain_point = ["typo"]
+++
=== stray.md
+++
+++
`,
	// Names and ids that try to leave their folder.
	`=== journeys/..md
+++
title = "dots"
+++
=== journeys/-...md
+++
title = "no slug"
[[stages]]
name = "A"
+++
=== journeys/Überweisung.md
+++
title = "Unicode"
parent = "../x"
[[stages]]
id = "../../etc"
name = "A"
+++
`,
	// A parent cycle, duplicate slugs and duplicate stage notes.
	`=== journeys/a.md
+++
title = "A"
parent = "b"
[[stages]]
name = "One"
+++
## One
## one
=== journeys/b.md
+++
title = "B"
parent = "a"
[[stages]]
name = "One"
[[stages]]
name = "One"
+++
=== journeys/x/A.md
+++
title = "A again"
[[stages]]
name = "Z"
+++
`,
	"",
	"=== journeys/bin.md\n+++\ntitle = \"\xff\"\n+++\n",
}

// FuzzBuild builds a whole site from fuzzed files under content/ and a
// fixed site.toml. Whatever the files hold, the build must not panic or
// fail as a machine (content is never the machine's fault); a problem
// must come back as a diagnostic that names a file and says something;
// and a site without problems must have every page of every journey and
// persona it loaded.
func FuzzBuild(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	cfg, errs := config.Load(decodeSite(""))
	if len(errs) > 0 {
		f.Fatalf("site.toml: %s", errs.Format())
	}
	f.Fuzz(func(t *testing.T, src string) {
		fsys := decodeSite(src)
		drafts := len(src)%2 == 1
		mem := output.NewMemory()
		stats, diags, err := Build(Options{Root: fsys, Builtin: themes.Default(), Drafts: drafts}, mem)
		if err != nil {
			t.Fatalf("machine error from content: %v", err)
		}
		for _, d := range diags {
			if d.Pos.File == "" || strings.TrimSpace(d.Msg) == "" || d.Severity != diag.Error {
				t.Errorf("diagnostic without a file or a message, or not an error: %#v", d)
			}
		}
		for _, w := range stats.Warnings {
			if w.Pos.File == "" || strings.TrimSpace(w.Msg) == "" || w.Hint == "" || w.Severity != diag.Warning {
				t.Errorf("warning without a file, a message or a hint: %#v", w)
			}
		}
		if len(diags) > 0 {
			if names := mem.Names(); len(names) > 0 {
				t.Errorf("a build with problems wrote %q", names)
			}
			return
		}
		site, more := content.Load(fsys, cfg, content.Options{Drafts: drafts})
		if len(more) > 0 {
			t.Fatalf("the build had no problems, but loading the site again has:\n%s", more.Format())
		}
		want := []string{"index.html", "404.html", "channels/index.html", "index.json", "channels/matrix.csv", "js/search-index.js"}
		for _, j := range site.Journeys {
			want = append(want, j.URL()+"index.html", j.URL()+"map.json", j.URL()+"map.svg")
		}
		for _, p := range site.Personas {
			want = append(want, p.URL()+"index.html")
		}
		for _, c := range cfg.Channels {
			want = append(want, "channels/"+c.ID+"/index.html")
		}
		for _, name := range want {
			if _, ok := mem.File(name); !ok {
				t.Errorf("%s was not written", name)
			}
		}
		for _, name := range mem.Names() {
			if !fs.ValidPath(name) {
				t.Errorf("wrote %q, which is not a path under the site", name)
			}
		}
	})
}

// The first seed is a site without problems, so that the fuzzer starts
// from one that reaches the pages; the others each have problems.
func TestFuzzBuildSeeds(t *testing.T) {
	for i, s := range fuzzSeeds {
		_, diags, err := Build(Options{Root: decodeSite(s), Builtin: themes.Default()}, output.Discard{})
		if err != nil {
			t.Fatalf("seed %d: %v", i, err)
		}
		if ok := len(diags) == 0; ok != (i == 0) {
			t.Errorf("seed %d: diagnostics\n%s", i, diags.Format())
		}
	}
}
