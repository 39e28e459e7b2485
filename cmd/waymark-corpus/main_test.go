package main

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

const testJourneys = 40

// corpusRun runs the command and fails the test unless it exits 0.
func corpusRun(t *testing.T, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if code := run(args, &stdout, &stderr); code != exitOK {
		t.Fatalf("run %q: exit %d\nstderr:\n%s", args, code, stderr.String())
	}
}

// generated writes a corpus of testJourneys journeys, and its Hugo twin,
// into fresh folders.
func generated(t *testing.T) (site, hugo string) {
	t.Helper()
	site, hugo = filepath.Join(t.TempDir(), "site"), filepath.Join(t.TempDir(), "hugo")
	corpusRun(t, "-journeys", strconv.Itoa(testJourneys), "-out", site, "-hugo", hugo)
	return site, hugo
}

func TestCorpusBuildsWithoutDiagnostics(t *testing.T) {
	site, _ := generated(t)
	stats, diags, err := build.Build(build.Options{Root: os.DirFS(site), Builtin: themes.Default()}, output.Discard{})
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) > 0 {
		t.Fatalf("%d diagnostics:\n%s", len(diags), diags.Format())
	}
	if stats.Journeys != testJourneys || stats.Personas != testJourneys/journeysPerPersona {
		t.Errorf("built %d journeys and %d personas, want %d and %d",
			stats.Journeys, stats.Personas, testJourneys, testJourneys/journeysPerPersona)
	}
}

// TestCorpusShape checks the loaded model against what the corpus
// promises: six stages of three touchpoints on one or two channels, one
// to three personas, and a fair share of every feature.
func TestCorpusShape(t *testing.T) {
	site, _ := generated(t)
	root := os.DirFS(site)
	cfg, diags := config.Load(root)
	if cfg == nil || len(diags) > 0 {
		t.Fatalf("site.toml:\n%s", diags.Format())
	}
	s, diags := content.Load(root, cfg, content.Options{})
	if len(diags) > 0 {
		t.Fatalf("content:\n%s", diags.Format())
	}

	kinds := map[string]int{}
	for _, ch := range cfg.Channels {
		kinds[ch.Kind]++
	}
	if len(cfg.Channels) != 24 || len(kinds) != len(config.Kinds) {
		t.Errorf("%d channels of %d kinds, want 24 of all %d", len(cfg.Channels), len(kinds), len(config.Kinds))
	}

	count := map[string]int{}
	usedChannels := map[string]bool{}
	for _, j := range s.Journeys {
		count["status "+j.Status]++
		count["state "+j.State]++
		count["type "+j.Type]++
		if j.Parent != nil {
			count["sub-journeys"]++
		}
		if n := len(j.Personas); n < 1 || n > maxPersonasInJourney {
			t.Errorf("%s: %d personas, want 1 to %d", j.File, n, maxPersonasInJourney)
		}
		if !strings.Contains(string(j.Narrative), "<table>") || !strings.Contains(string(j.Narrative), "<li>") ||
			!strings.Contains(string(j.Narrative), "<strong>") || !strings.Contains(string(j.Narrative), "<a href=") {
			t.Errorf("%s: narrative lacks a table, a list, emphasis or a link", j.File)
		}
		if len(j.Stages) != stagesPerJourney {
			t.Errorf("%s: %d stages, want %d", j.File, len(j.Stages), stagesPerJourney)
		}
		notes := 0
		for _, st := range j.Stages {
			if st.Notes != "" {
				notes++
			}
			if !st.Emotion.Set || st.Feeling == "" || len(st.Doing) == 0 || len(st.Thinking) == 0 ||
				len(st.PainPoints) == 0 || len(st.Opportunities) == 0 || len(st.Frontstage) == 0 ||
				len(st.Backstage) == 0 || len(st.KPIs) == 0 || len(st.Evidence) == 0 {
				t.Errorf("%s: stage %q lacks a lane", j.File, st.Name)
			}
			if st.MomentOfTruth {
				count["stage moments of truth"]++
			}
			for _, e := range st.Evidence {
				if e.N < 1 || e.Quote == "" || e.URL == "" {
					t.Errorf("%s: stage %q has evidence without n, quote or url", j.File, st.Name)
				}
			}
			if len(st.Touchpoints) != touchpointsPerStage {
				t.Errorf("%s: stage %q has %d touchpoints, want %d", j.File, st.Name, len(st.Touchpoints), touchpointsPerStage)
			}
			for _, tp := range st.Touchpoints {
				if n := len(tp.Channels); n < 1 || n > 2 {
					t.Errorf("%s: touchpoint %q has %d channels, want 1 or 2", j.File, tp.Name, n)
				}
				for _, ch := range tp.Channels {
					usedChannels[ch.ID] = true
				}
				if tp.Emotion.Set {
					count["touchpoints with an emotion"]++
				} else {
					count["touchpoints without one"]++
				}
				if tp.MomentOfTruth {
					count["touchpoint moments of truth"]++
				}
			}
		}
		if notes < 2 {
			t.Errorf("%s: %d stages have notes, want 2 or more", j.File, notes)
		}
	}
	for _, key := range []string{
		"status published", "status review", "state current", "state future", "type strategic", "type tactical",
		"sub-journeys", "stage moments of truth", "touchpoint moments of truth",
		"touchpoints with an emotion", "touchpoints without one",
	} {
		if count[key] == 0 {
			t.Errorf("no journey has %s; counts: %v", key, count)
		}
	}
	if count["status draft"] > 0 {
		t.Errorf("%d drafts, want none", count["status draft"])
	}
	if len(usedChannels) != len(cfg.Channels) {
		t.Errorf("touchpoints use %d of the %d channels", len(usedChannels), len(cfg.Channels))
	}
}

// TestCorpusLinksResolve builds the corpus in memory and follows every
// page-relative link in the journey and persona pages: the links written
// into the Markdown bodies must reach pages the build wrote.
func TestCorpusLinksResolve(t *testing.T) {
	site, _ := generated(t)
	mem := output.NewMemory()
	if _, diags, err := build.Build(build.Options{Root: os.DirFS(site), Builtin: themes.Default()}, mem); err != nil || len(diags) > 0 {
		t.Fatalf("err %v, diagnostics:\n%s", err, diags.Format())
	}
	checked := 0
	for _, page := range mem.Names() {
		if !strings.HasSuffix(page, "/index.html") || !(strings.HasPrefix(page, "journeys/") || strings.HasPrefix(page, "personas/")) {
			continue
		}
		data, _ := mem.File(page)
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", page, err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode || n.Data != "a" {
				continue
			}
			for _, a := range n.Attr {
				if a.Key != "href" {
					continue
				}
				u, err := url.Parse(a.Val)
				if err != nil || u.Scheme != "" || u.Path == "" || strings.HasPrefix(u.Path, "/") {
					continue
				}
				target := path.Join(path.Dir(page), u.Path)
				if strings.HasSuffix(u.Path, "/") {
					target = path.Join(target, "index.html")
				}
				if _, ok := mem.File(target); !ok {
					t.Errorf("%s: link %q → %s, which was not written", page, a.Val, target)
				}
				checked++
			}
		}
	}
	if checked < testJourneys*5 {
		t.Errorf("only %d relative links checked", checked)
	}
}

func TestHugoSite(t *testing.T) {
	site, hugo := generated(t)
	for _, name := range []string{"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/_default/list.html"} {
		if _, err := os.Stat(filepath.Join(hugo, name)); err != nil {
			t.Error(err)
		}
	}
	posts, err := os.ReadDir(filepath.Join(hugo, "content", "posts"))
	if err != nil {
		t.Fatal(err)
	}
	if len(posts) != testJourneys {
		t.Fatalf("%d Hugo posts, want %d", len(posts), testJourneys)
	}
	// Each post is a journey's body under a title-only front matter.
	bodies := map[string]string{}
	err = fs.WalkDir(os.DirFS(site), journeysDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(site, p))
		front, body := splitFront(t, p, data)
		if !strings.Contains(front, "[[stages]]") {
			t.Errorf("%s: no stages in the front matter", p)
		}
		bodies[path.Base(p)] = body
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, post := range posts {
		data, err := os.ReadFile(filepath.Join(hugo, "content", "posts", post.Name()))
		if err != nil {
			t.Fatal(err)
		}
		front, body := splitFront(t, post.Name(), data)
		if !strings.HasPrefix(front, "title = ") || strings.Count(front, "\n") != 1 {
			t.Errorf("%s: front matter %q, want just the title", post.Name(), front)
		}
		if want, ok := bodies[post.Name()]; !ok || body != want {
			t.Errorf("%s: body differs from the journey's", post.Name())
		}
	}
}

// splitFront cuts a file into its +++ front matter and its body.
func splitFront(t *testing.T, name string, data []byte) (front, body string) {
	t.Helper()
	rest, ok := strings.CutPrefix(string(data), "+++\n")
	if !ok {
		t.Fatalf("%s: does not start with +++", name)
	}
	front, body, ok = strings.Cut(rest, "\n+++\n")
	if !ok {
		t.Fatalf("%s: front matter is never closed", name)
	}
	return front + "\n", body
}

// tree reads every file under dir into a map by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for name, data := range a {
		if other, ok := b[name]; !ok || other != data {
			return false
		}
	}
	return true
}

func TestDeterminism(t *testing.T) {
	tests := []struct {
		name string
		a, b []string // extra flags of the two runs
		same bool
	}{
		{"same seed", []string{"-seed", "7"}, []string{"-seed", "7"}, true},
		{"default seed is 1", nil, []string{"-seed", "1"}, true},
		{"-hugo does not change the site", []string{"-hugo", "HUGO"}, nil, true},
		{"other seed", []string{"-seed", "7"}, []string{"-seed", "8"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var trees []map[string]string
			for _, extra := range [][]string{tt.a, tt.b} {
				dir := t.TempDir()
				args := []string{"-journeys", "25", "-out", filepath.Join(dir, "site")}
				for _, a := range extra {
					args = append(args, strings.ReplaceAll(a, "HUGO", filepath.Join(dir, "hugo")))
				}
				corpusRun(t, args...)
				trees = append(trees, tree(t, filepath.Join(dir, "site")))
			}
			if got := sameTree(trees[0], trees[1]); got != tt.same {
				t.Errorf("identical = %v, want %v", got, tt.same)
			}
		})
	}
}

func TestPersonaCount(t *testing.T) {
	tests := []struct{ journeys, personas int }{
		{1, 1}, {19, 1}, {20, 1}, {40, 2}, {59, 2}, {2000, 100},
	}
	for _, tt := range tests {
		c := generate(tt.journeys, 1)
		if c.personas != tt.personas {
			t.Errorf("%d journeys: %d personas, want %d", tt.journeys, c.personas, tt.personas)
		}
		slugs := map[string]bool{}
		for _, f := range c.site {
			if !strings.HasPrefix(f.name, journeysDir+"/") {
				continue
			}
			if s := path.Base(f.name); slugs[s] {
				t.Errorf("%d journeys: slug %s twice", tt.journeys, s)
			} else {
				slugs[s] = true
			}
		}
		if len(slugs) != tt.journeys {
			t.Errorf("%d journeys: %d journey files", tt.journeys, len(slugs))
		}
	}
}

func TestUsage(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	tests := []struct {
		name string
		args []string
		code int
		want string // in stderr, or stdout for -h
	}{
		{"no flags", nil, exitUsage, "-journeys must be 1 or more"},
		{"zero journeys", []string{"-journeys", "0", "-out", out}, exitUsage, "-journeys must be 1 or more"},
		{"negative journeys", []string{"-journeys", "-3", "-out", out}, exitUsage, "-journeys must be 1 or more"},
		{"journeys not a number", []string{"-journeys", "many", "-out", out}, exitUsage, "invalid value"},
		{"no -out", []string{"-journeys", "5"}, exitUsage, "-out is required"},
		{"unknown flag", []string{"-journeys", "5", "-out", out, "-draft"}, exitUsage, "not defined"},
		{"stray argument", []string{"-journeys", "5", "-out", out, "extra"}, exitUsage, `unexpected argument "extra"`},
		{"bad seed", []string{"-journeys", "5", "-out", out, "-seed", "-1"}, exitUsage, "invalid value"},
		{"hugo is out", []string{"-journeys", "5", "-out", out, "-hugo", out}, exitUsage, "separate folders"},
		{"hugo inside out", []string{"-journeys", "5", "-out", out, "-hugo", filepath.Join(out, "hugo")}, exitUsage, "separate folders"},
		{"out inside hugo", []string{"-journeys", "5", "-out", filepath.Join(dir, "h", "site"), "-hugo", filepath.Join(dir, "h")}, exitUsage, "separate folders"},
		{"help", []string{"-h"}, exitOK, "Usage: waymark-corpus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tt.args, &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if got := stdout.String() + stderr.String(); !strings.Contains(got, tt.want) {
				t.Errorf("output %q does not contain %q", got, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%s was created", out)
			}
		})
	}
}

// TestFolderSafety checks that the command writes only into new, empty,
// marked or forced folders, and that a marked folder loses only what an
// earlier run generated.
func TestFolderSafety(t *testing.T) {
	tests := []struct {
		name    string
		setup   func(t *testing.T, dir string)
		force   bool
		code    int
		kept    []string // files that must survive
		gone    []string // files that must not
		journey int      // journey files expected after the run
	}{
		{
			name:  "new folder",
			setup: func(*testing.T, string) {},
			code:  exitOK, journey: 10,
		},
		{
			name:  "empty folder",
			setup: func(t *testing.T, dir string) { mkdir(t, dir) },
			code:  exitOK, journey: 10,
		},
		{
			name:  "someone else's folder",
			setup: func(t *testing.T, dir string) { put(t, dir, "notes.md", "mine") },
			code:  exitFail, kept: []string{"notes.md"}, gone: []string{marker, siteFile},
		},
		{
			name:  "someone else's folder, forced",
			setup: func(t *testing.T, dir string) { put(t, dir, "notes.md", "mine") },
			force: true, code: exitOK, kept: []string{"notes.md"}, journey: 10,
		},
		{
			name: "a file, not a folder",
			setup: func(t *testing.T, dir string) {
				mkdir(t, filepath.Dir(dir))
				put(t, filepath.Dir(dir), filepath.Base(dir), "x")
			},
			force: true, code: exitFail,
		},
		{
			name: "an earlier, bigger corpus",
			setup: func(t *testing.T, dir string) {
				corpusRun(t, "-journeys", "30", "-out", dir)
				put(t, dir, "public/index.html", "a build")
			},
			code: exitOK, kept: []string{"public/index.html"}, journey: 10,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "corpus")
			tt.setup(t, dir)
			args := []string{"-journeys", "10", "-out", dir}
			if tt.force {
				args = append(args, "-force")
			}
			var stdout, stderr bytes.Buffer
			if code := run(args, &stdout, &stderr); code != tt.code {
				t.Fatalf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			for _, name := range tt.kept {
				if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
					t.Errorf("%s was removed", name)
				}
			}
			for _, name := range tt.gone {
				if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
					t.Errorf("%s was written", name)
				}
			}
			if tt.code != exitOK {
				return
			}
			n := 0
			for name := range tree(t, dir) {
				if strings.HasPrefix(name, journeysDir+"/") {
					n++
				}
			}
			if n != tt.journey {
				t.Errorf("%d journey files, want %d", n, tt.journey)
			}
		})
	}
}

func mkdir(t *testing.T, dir string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
}

func put(t *testing.T, dir, name, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(name))
	mkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}
