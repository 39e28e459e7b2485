package main

import (
	"encoding/csv"
	"html"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/mermaid"
	"github.com/waymark-cx/waymark/themes"
)

// importSiteFiles is a site to import into: channels named as the
// corpus's tables name them, in other cases ("Social media" is the
// channel named "Social Media", id social), and personas that actors
// match by name (Attendee is guest.md) and by slug (Speaker is
// speaker.md, named otherwise).
func importSiteFiles() map[string]string {
	return map[string]string{
		"site.toml": "# Our site. This comment must survive an import.\ntitle = \"Maps\"\n\n" +
			"[[channels]]\nid = \"web\"\nname = \"Website\"\nkind = \"digital\"  # the main site\n\n" +
			"[[channels]]\nid = \"app\"\nname = \"Mobile app\"\nkind = \"digital\"\n\n" +
			"[[channels]]\nid = \"email\"\nname = \"Email\"\nkind = \"digital\"\n\n" +
			"[[channels]]\nid = \"social\"\nname = \"Social Media\"\nkind = \"digital\"\n\n" +
			"[review]\nstale_after_days = 365 # last table: new channels go after it",
		"content/personas/guest.md":   "+++\nname = \"Attendee\"\n+++\n",
		"content/personas/speaker.md": "+++\nname = \"Keynote speaker\"\n+++\n",
		"content/journeys/buy.md":     goodSite()["content/journeys/buy.md"],
		"content/personas/ana.md":     goodSite()["content/personas/ana.md"],
	}
}

const corpus = "testdata/import/"

// corpusFile is a file of the corpus, the journey it makes, and for a
// table which of its rows or columns holds the lanes' labels.
type corpusFile struct {
	file, slug string
	labels     string // "column" (the first) or "row" (the first); "" for Mermaid
}

var corpusFiles = []corpusFile{
	{"working-day.mmd", "my-working-day", ""},
	{"onboarding-ja.mmd", "新規会員登録の体験", ""},
	{"README-ru.md", "доставка-заказа", ""},
	{"conference.mmd", "attending-the-conference", ""},
	{"ux-template.csv", "ux-template", "column"},
	{"rows-per-stage.csv", "rows-per-stage", "row"},
	{"hotel-blueprint.tsv", "hotel-blueprint", "column"},
	{"passport.md", "renewing-a-passport", "row"},
}

// TestImportCorpus imports every map of the corpus into a site, which
// then checks and builds; every section, task, actor and cell text
// reaches the journey's page.
func TestImportCorpus(t *testing.T) {
	dir := writeSite(t, importSiteFiles())
	args := []string{"import", "-s", dir}
	for _, f := range corpusFiles {
		args = append(args, corpus+f.file)
	}
	out, _ := runExpect(t, args, exitOK, []string{
		"Wrote " + filepath.Join(dir, "content/journeys/my-working-day.md") + " from " + corpus + "working-day.mmd: 2 stages, 5 steps, 2 personas",
		"Created " + filepath.Join(dir, "content/personas/me.md") + ` for the actor "Me" (` + corpus + "working-day.mmd:4)",
		`Added the channel "Review sites"`,
	}, []string{
		corpus + `ux-template.csv:13:1: warning: row "Moments that matter" is not a lane waymark knows: kept as stage notes under "Moments that matter"`,
		corpus + `conference.mmd:10:21: warning: task "Queue for lunch" has no score`,
	})
	// Actors matched, not made again: by name (Attendee), by slug
	// (Speaker), in any case (attendee).
	for _, s := range []string{"Attendee", "Speaker", "attendee", "Social Media", "Mobile app"} {
		if strings.Contains(out, "actor "+strconv.Quote(s)) || strings.Contains(out, "channel "+strconv.Quote(s)) {
			t.Errorf("%q was made anew, not matched:\n%s", s, out)
		}
	}
	// Scores out of 10, with the scale said.
	runExpect(t, []string{"import", "-s", dir, "--scale", "0..10", corpus + "scale-10.mmd"}, exitOK, []string{"renewing-car-insurance.md"}, nil)

	runExpect(t, []string{"check", "-s", dir}, exitOK, []string{"ok: 10 journeys"}, nil)
	runExpect(t, []string{"build", "-s", dir}, exitOK, nil, nil)

	site := loadSite(t, dir)
	stepsShown := themeShowsSteps(t)
	for _, f := range corpusFiles {
		t.Run(f.file, func(t *testing.T) {
			page := pageText(t, filepath.Join(dir, "public/journeys", f.slug, "index.html"))
			var want []string
			if f.labels == "" {
				want = mermaidTexts(t, f.file, site, f.slug)
			} else {
				want = tableTexts(t, f.file, f.labels)
			}
			for _, w := range want {
				if !strings.Contains(strings.ToLower(page), strings.ToLower(w)) {
					t.Errorf("the page lacks %q", w)
				}
			}
			if f.labels == "" && stepsShown {
				for _, task := range mermaidTasks(t, f.file) {
					if !strings.Contains(page, task) {
						t.Errorf("the page lacks the task %q", task)
					}
				}
			}
		})
	}
	if !stepsShown {
		t.Log("the theme does not show steps yet: tasks were checked in the loaded site only")
	}

	// site.toml kept as it was, new channels after it.
	data, err := os.ReadFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if orig := importSiteFiles()["site.toml"]; !strings.HasPrefix(string(data), orig+"\n") {
		t.Errorf("site.toml was not kept as it was before the new channels:\n%s", data)
	}
	for _, s := range []string{`name = "Review sites"`, `kind = "digital"`, `id   = "branch"`, `id   = "in-person"`} {
		if !strings.Contains(string(data), s) {
			t.Errorf("site.toml lacks %s:\n%s", s, data)
		}
	}
	if strings.Contains(string(data), `"Social media"`) {
		t.Errorf("Social media was added, not matched to Social Media:\n%s", data)
	}
}

// themeShowsSteps reports whether the built-in journey page shows a
// stage's steps (the Mermaid tasks).
func themeShowsSteps(t *testing.T) bool {
	data, err := fs.ReadFile(themes.Default(), "layouts/journey.html")
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(string(data), ".Steps")
}

func loadSite(t *testing.T, dir string) *content.Site {
	t.Helper()
	fsys := os.DirFS(dir)
	cfg, errs := config.Load(fsys)
	if cfg == nil {
		t.Fatal(errs)
	}
	site, errs := content.Load(fsys, cfg, content.Options{Drafts: true})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return site
}

var tags = regexp.MustCompile(`<[^>]*>`)

// pageText is a page's text: tags gone, entities decoded, blanks single.
func pageText(t *testing.T, file string) string {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(strings.Fields(html.UnescapeString(tags.ReplaceAllString(string(data), " "))), " ")
}

// mermaidTexts are what must be on the page of a diagram as Mermaid reads
// it: each section and the actors (the journey's personas: the actor
// "Speaker" is the persona named "Keynote speaker"). Its tasks must be
// the loaded journey's steps, with their actors.
func mermaidTexts(t *testing.T, file string, site *content.Site, slug string) []string {
	t.Helper()
	d := parseMermaid(t, file)
	var j *content.Journey
	for _, x := range site.Journeys {
		if x.Slug == slug {
			j = x
		}
	}
	if j == nil {
		t.Fatalf("no journey %q", slug)
	}
	var want []string
	var steps []*content.Step
	for _, s := range j.Stages {
		steps = append(steps, s.Steps...)
	}
	i := 0
	for _, sec := range d.Sections {
		want = append(want, sec.Name)
		for _, task := range sec.Tasks {
			if i >= len(steps) || steps[i].Name != task.Name {
				t.Errorf("task %q is not step %d of the journey", task.Name, i+1)
				i++
				continue
			}
			if len(steps[i].Personas) != len(task.Actors) {
				t.Errorf("task %q has actors %q, step has %d personas", task.Name, task.Actors, len(steps[i].Personas))
			}
			for _, a := range task.Actors {
				name := a
				if strings.EqualFold(a, "speaker") {
					name = "Keynote speaker"
				}
				want = append(want, name)
			}
			i++
		}
	}
	if i != len(steps) {
		t.Errorf("the journey has %d steps, the diagram %d tasks", len(steps), i)
	}
	return want
}

func mermaidTasks(t *testing.T, file string) []string {
	var out []string
	for _, sec := range parseMermaid(t, file).Sections {
		for _, task := range sec.Tasks {
			out = append(out, task.Name)
		}
	}
	return out
}

func parseMermaid(t *testing.T, file string) *mermaid.Diagram {
	t.Helper()
	data, err := os.ReadFile(corpus + file)
	if err != nil {
		t.Fatal(err)
	}
	src, first := string(data), 1
	if strings.HasSuffix(file, ".md") {
		var ok bool
		if src, first, ok = mermaid.FindBlock(src); !ok {
			t.Fatalf("%s: no mermaid block", file)
		}
	}
	d, errs := mermaid.Parse(file, first, src)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	return d
}

// tableTexts are the texts of a table's cells, each item of a cell with
// several (on lines, or between ";" or "•") on its own, less the labels
// of the lanes and the numbers of an emotion lane.
func tableTexts(t *testing.T, file, labels string) []string {
	t.Helper()
	var rows [][]string
	data, err := os.ReadFile(corpus + file)
	if err != nil {
		t.Fatal(err)
	}
	switch filepath.Ext(file) {
	case ".md":
		tables, _ := markdown.Tables(data)
		for _, r := range tables[0].Rows {
			var row []string
			for _, c := range r.Cells {
				row = append(row, c.Text)
			}
			rows = append(rows, row)
		}
	default:
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(data), "\uFEFF")))
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		first, _, _ := strings.Cut(string(data), "\n")
		for _, sep := range ";\t" {
			if strings.Count(first, string(sep)) > strings.Count(first, string(r.Comma)) {
				r.Comma = sep
			}
		}
		if rows, err = r.ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	var want []string
	for i, row := range rows {
		for j, c := range row {
			if labels == "column" && j == 0 || labels == "row" && i == 0 {
				continue
			}
			for _, item := range strings.FieldsFunc(c, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' || r == '•' }) {
				item = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(item), "- "))
				if _, err := strconv.ParseFloat(strings.NewReplacer("−", "-", "+", "").Replace(item), 64); err == nil || item == "" {
					continue
				}
				want = append(want, strings.Join(strings.Fields(item), " "))
			}
		}
	}
	return want
}

// TestImportDryRun prints the files and writes nothing.
func TestImportDryRun(t *testing.T) {
	dir := writeSite(t, importSiteFiles())
	before := snapshot(t, dir)
	runExpect(t, []string{"import", "--dry-run", "-s", dir, corpus + "working-day.mmd", corpus + "ux-template.csv"}, exitOK,
		[]string{
			"==> content/journeys/my-working-day.md (new)\n+++\n",
			`title    = "My working day"`,
			"==> content/personas/cat.md (new)\n+++\n",
			"==> site.toml (appended)\n# Added by waymark import",
			"Dry run: nothing was written.",
		}, nil)
	checkUntouched(t, dir, before)
}

// TestImportForce: a journey is never replaced without --force.
func TestImportForce(t *testing.T) {
	dir := writeSite(t, importSiteFiles())
	file := filepath.Join(dir, "content/journeys/my-working-day.md")
	runExpect(t, []string{"import", "-s", dir, corpus + "working-day.mmd"}, exitOK, nil, nil)
	if err := os.WriteFile(file, []byte("edited by hand"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	runExpect(t, []string{"import", "-s", dir, corpus + "working-day.mmd"}, exitContent, nil,
		[]string{corpus + "working-day.mmd:1: content/journeys/my-working-day.md already exists", "hint: pass --force", "nothing was written"})
	checkUntouched(t, dir, before)
	runExpect(t, []string{"import", "-s", dir, "--force", corpus + "working-day.mmd"}, exitOK, []string{"Replaced " + file}, nil)
	if data, _ := os.ReadFile(file); !strings.Contains(string(data), "Make tea") {
		t.Errorf("not replaced:\n%s", data)
	}
	// Another file with the same slug elsewhere: --force does not help.
	writeFiles(t, dir, map[string]string{"content/journeys/old/My Working Day.md": "+++\ntitle = \"x\"\n+++\n"})
	os.Remove(file)
	runExpect(t, []string{"import", "-s", dir, "--force", corpus + "working-day.mmd"}, exitContent, nil,
		[]string{`a journey with the slug "my-working-day" already exists: content/journeys/old/My Working Day.md`})
}

// TestImportErrors: every error names file:line, and an error in any
// file writes nothing of any.
func TestImportErrors(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		flags []string
		want  []string
	}{
		{"broken line", []string{"working-day.mmd", "bad/broken.mmd"}, nil,
			[]string{corpus + `bad/broken.mmd:5:7: neither a section nor a task: "this line is neither a task nor a section"`}},
		{"score out of 1-5", []string{"working-day.mmd", "scale-10.mmd"}, nil,
			[]string{corpus + `scale-10.mmd:4:32: score 6 of task "Read the renewal letter" is outside the scale 1..5`,
				"--scale MIN..MAX, e.g. --scale 0..10",
				corpus + `scale-10.mmd:8:30: score 0 of task "Cancel the old policy" is outside the scale 1..5`}},
		{"emotion out of its scale", []string{"ux-template.csv", "bad/emotion.csv"}, nil,
			[]string{corpus + `bad/emotion.csv:3:17: emotion 7 of stage "Purchase" is outside the scale its label names, 1..5`}},
		{"scale too narrow", []string{"working-day.mmd"}, []string{"--scale", "1..4"},
			[]string{corpus + `working-day.mmd:4:17: score 5 of task "Make tea" is outside the scale 1..4`}},
		{"two files, one journey", []string{"working-day.mmd", "working-day.mmd"}, nil,
			[]string{"would write content/journeys/my-working-day.md too"}},
		{"unknown format", []string{"working-day.mmd", "README"}, nil,
			[]string{corpus + `README: unknown kind of file ""`}},
		{"missing file", []string{"nothing-here.csv"}, nil,
			[]string{corpus + "nothing-here.csv: cannot read: no such file or directory"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeSite(t, importSiteFiles())
			before := snapshot(t, dir)
			args := append([]string{"import", "-s", dir}, tt.flags...)
			for _, f := range tt.files {
				args = append(args, corpus+f)
			}
			runExpect(t, args, exitContent, nil, append(tt.want, "import failed; nothing was written"))
			checkUntouched(t, dir, before)
		})
	}
}

func TestImportUsage(t *testing.T) {
	dir := writeSite(t, importSiteFiles())
	runExpect(t, []string{"import", "-s", dir}, exitUsage, nil, []string{"say which files to import"})
	runExpect(t, []string{"import", "-s", dir, "--scale", "5..1", "x.mmd"}, exitUsage, nil, []string{"--scale: scale \"5..1\" runs the wrong way"})
	runExpect(t, []string{"import", "-s", dir, "--scale", "high", "x.mmd"}, exitUsage, nil, []string{"is not MIN..MAX"})
	runExpect(t, []string{"import", "-s", filepath.Join(dir, "nope"), "x.mmd"}, exitUsage, nil, []string{"is not a folder"})
}
