package build

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// The limit tests build sites far bigger or stranger than any team
// writes, and check that each ends in a bounded, clear outcome: the site
// is built, or the build returns diagnostics that name the file. A hang
// shows up as the test binary's own timeout, a panic as a failure; none
// of them asserts how long anything takes, since the machines that run
// them differ too much for that. Peak heap is logged for comparison
// between runs (go test -v -run Limit).

// limitSiteTOML is the site.toml of every limit test.
const limitSiteTOML = `title = "Limits"

[[channels]]
id = "web"
name = "Website"
kind = "digital"

[[channels]]
id = "store"
name = "Store"
kind = "physical"

[[channels]]
id = "phone"
name = "Phone"
kind = "human"
`

// limitSite is a site with limitSiteTOML, one persona and files.
func limitSite(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{
		"site.toml":             {Data: []byte(limitSiteTOML)},
		"content/personas/p.md": {Data: []byte("+++\nname = \"Pat\"\n+++\n")},
	}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return fsys
}

// buildLimit builds fsys into memory and fails the test on anything but
// a clean build.
func buildLimit(t *testing.T, fsys fs.FS) (Stats, *output.Memory) {
	t.Helper()
	mem := output.NewMemory()
	stats, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, mem)
	if err != nil || len(diags) > 0 {
		t.Fatalf("build: err %v, diagnostics:\n%s", err, firstDiags(diags, 10))
	}
	return stats, mem
}

// firstDiags formats the first n diagnostics: a runaway list would bury
// the failure.
func firstDiags(l diag.List, n int) string {
	if len(l) <= n {
		return l.Format()
	}
	return l[:n].Format() + fmt.Sprintf("… and %d more\n", len(l)-n)
}

// watchHeap samples the live heap until stop is called and returns the
// highest figure seen. It is a log line, not an assertion.
func watchHeap() (stop func() uint64) {
	runtime.GC()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var high uint64
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			high = max(high, ms.HeapAlloc)
			select {
			case <-done:
				peak <- high
				return
			case <-tick.C:
			}
		}
	}()
	return func() uint64 { close(done); return <-peak }
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// proseBody is about size bytes of Markdown written the way a long
// research write-up is: sections of paragraphs with emphasis, links and
// code, lists, quotes and tables. It ends with a marker paragraph, so
// that a test can see the whole body reached the page.
func proseBody(size int) string {
	var b strings.Builder
	for i := 0; b.Len() < size; i++ {
		if i%25 == 0 {
			fmt.Fprintf(&b, "## Finding %d\n\n", i/25)
		}
		switch i % 5 {
		case 0, 1:
			fmt.Fprintf(&b, "Interview %d: the customer *compared* three shops, read the **returns policy** twice and "+
				"followed [the size guide](https://research.example/guide/%d) before asking `size = M` in chat. "+
				"Most of them said the delivery window was the deciding factor, not the price.\n\n", i, i)
		case 2:
			fmt.Fprintf(&b, "- waited %d minutes on hold\n- switched to the app\n  - and back to the website\n- gave up\n\n", i%60)
		case 3:
			fmt.Fprintf(&b, "> I just want to know it will fit me. (participant %d)\n\n", i)
		case 4:
			fmt.Fprintf(&b, "| channel | n | emotion |\n|---|---:|---:|\n| web | %d | -1 |\n| store | %d | 1 |\n\n", i, i/2)
		}
	}
	b.WriteString("The end of the write-up.\n")
	return b.String()
}

// A journey whose Markdown body is 10 MB builds: there is no size limit,
// because a limit would only move the question (to a 9 MB body) and a
// write-up of that size is written by an author on purpose, not by
// accident. What is bounded is the work: the body is parsed once and
// rendered once, and the page holds all of it.
//
// The body is prose as people write it. Some shapes of Markdown far from
// prose (a paragraph of thousands of "_a*", or "[a](", or ">" nested
// thousands deep) take time that grows with the square of their length
// in goldmark, the Markdown library; those belong to the Markdown
// package's own limits, not to this test.
func TestLimitHugeBody(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB body: seconds of work, minutes under -race")
	}
	body := proseBody(10 << 20)
	fsys := limitSite(map[string]string{
		"content/journeys/big.md": "+++\ntitle = \"Big\"\npersonas = [\"p\"]\n\n[[stages]]\nname = \"Finding 3\"\n\n  [[stages.touchpoints]]\n  name = \"Chat\"\n  channels = [\"web\"]\n+++\n" + body,
	})
	stop := watchHeap()
	stats, mem := buildLimit(t, fsys)
	peak := stop()
	page, ok := mem.File("journeys/big/index.html")
	if !ok {
		t.Fatal("journeys/big/index.html was not written")
	}
	// The page holds the whole body, to its last line.
	for _, want := range []string{"Interview 75:", "Finding 400", "The end of the write-up."} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the journey page lacks %q", want)
		}
	}
	t.Logf("body %s: page %s, site %s in %d files; peak heap %s",
		mib(uint64(len(body))), mib(uint64(len(page))), mib(uint64(stats.Bytes)), stats.Files, mib(peak))
}

// hostileParagraphs are Markdown shapes that goldmark parses in time that
// grows with the square of their length, as one paragraph (or line) of
// about n bytes. The Markdown package measures them before it parses.
var hostileParagraphs = map[string]func(n int) string{
	"emphasis":              func(n int) string { return strings.Repeat("_a*", n/3) },
	"mixed emphasis":        func(n int) string { return strings.Repeat("*a_b*c_d**e_f*g**h*i_j**", n/24) },
	"block quotes":          func(n int) string { return strings.Repeat(">", n) },
	"lists on one line":     func(n int) string { return strings.Repeat("- ", n/2) + "x" },
	"numbered lists":        func(n int) string { return strings.Repeat("1. ", n/3) + "x" },
	"link destinations":     func(n int) string { return strings.Repeat("[a](", n/4) },
	"text and links":        func(n int) string { return strings.Repeat("a[b](c", n/6) },
	"link labels":           func(n int) string { return strings.Repeat("]([\n", n/4) },
	"backticks":             func(n int) string { return strings.Repeat("\\``", n/3) },
	"nested labels":         func(n int) string { return strings.Repeat("[", n/2) + strings.Repeat("]", n/2) },
	"reference definitions": func(n int) string { return strings.Repeat("[a]: b\n", n/7) },
	"lists nested by indentation": func(n int) string {
		var b strings.Builder
		for i := 0; b.Len() < n; i++ {
			b.WriteString(strings.Repeat("  ", i) + "- x\n")
		}
		return b.String()
	},
}

// hostileJourney is a journey whose body is an intro paragraph and then
// body; the body starts on line 7 of the file.
func hostileJourney(body string) string {
	return "+++\ntitle = \"Hostile\"\npersonas = [\"p\"]\n[[stages]]\nname = \"S\"\n+++\nIntro.\n\n" + body
}

// A 10 MB body of one of those shapes ends in a diagnostic at the file
// and line of the paragraph, quickly and in bounded memory, instead of
// hours of parsing.
func TestLimitHostileMarkdown(t *testing.T) {
	for name, shape := range hostileParagraphs {
		t.Run(name, func(t *testing.T) {
			fsys := limitSite(map[string]string{"content/journeys/hostile.md": hostileJourney(shape(10 << 20))})
			_, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, output.NewMemory())
			if err != nil {
				t.Fatal(err)
			}
			line := 9 // the paragraph's first line
			if name == "lists nested by indentation" {
				line = 9 + 32 // the first item too deep
			}
			if len(diags) != 1 || diags[0].Pos.File != "content/journeys/hostile.md" || diags[0].Pos.Line != line || diags[0].Hint == "" {
				t.Fatalf("want one diagnostic at content/journeys/hostile.md:%d with a hint, got:\n%s", line, firstDiags(diags, 5))
			}
			t.Log(diags[0].Msg)
		})
	}
}

// 10 MB of those shapes, each in paragraphs of a few lines, builds: below
// the Markdown package's limits, goldmark's work stays linear.
func TestLimitHostileMarkdownInSmallParagraphs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB body: seconds of work, minutes under -race")
	}
	names := slices.Sorted(maps.Keys(hostileParagraphs))
	var body strings.Builder
	for i := 0; body.Len() < 10<<20; i++ {
		body.WriteString(hostileParagraphs[names[i%len(names)]](30)) // 30 ">" nest 30 deep
		body.WriteString("\n\n")
	}
	body.WriteString("The end.\n")
	fsys := limitSite(map[string]string{"content/journeys/hostile.md": hostileJourney(body.String())})
	stop := watchHeap()
	stats, mem := buildLimit(t, fsys)
	peak := stop()
	page, _ := mem.File("journeys/hostile/index.html")
	if !bytes.Contains(page, []byte("The end.")) {
		t.Error("the journey page lacks the end of the body")
	}
	t.Logf("body %s: page %s, site %s; peak heap %s", mib(uint64(body.Len())), mib(uint64(len(page))), mib(uint64(stats.Bytes)), mib(peak))
}

// A 10 MB body that repeats one mistake a million times ("## Stage", a
// second notes section of the same stage) gives a bounded list: the
// first diag.MaxPerFile problems and a count of the rest, collected in
// bounded memory.
func TestLimitRepeatedMistake(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB body: seconds of work, minutes under -race")
	}
	body := strings.Repeat("## Stage\n\n", 1<<20)
	fsys := limitSite(map[string]string{"content/journeys/same.md": "+++\ntitle = \"Same\"\n[[stages]]\nname = \"Stage\"\n+++\n" + body})
	stop := watchHeap()
	_, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, output.NewMemory())
	peak := stop()
	if err != nil {
		t.Fatal(err)
	}
	if len(diags) != diag.MaxPerFile+1 {
		t.Fatalf("%d diagnostics, want %d and a count of the rest", len(diags), diag.MaxPerFile+1)
	}
	last := diags[len(diags)-1]
	if e, _, ok := last.More(); !ok || e != 1<<20-1-diag.MaxPerFile || last.Pos.File != "content/journeys/same.md" {
		t.Errorf("the last diagnostic is %v", last)
	}
	if errs, _ := diags.Count(); errs != 1<<20-1 {
		t.Errorf("Count() = %d errors, want one per notes section but the first: %d", errs, 1<<20-1)
	}
	t.Logf("%s; peak heap %s", last, mib(peak))
}

// manyStages is a journey of n stages, each with a touchpoint, a
// pain point and a notes section in the body.
func manyStages(n int) string {
	var front, body strings.Builder
	front.WriteString("+++\ntitle = \"Long\"\npersonas = [\"p\"]\n")
	for i := range n {
		fmt.Fprintf(&front, "\n[[stages]]\nname = \"Stage %d\"\nemotion = %d\npain_points = [\"Pain %d\"]\n", i, i%5-2, i)
		fmt.Fprintf(&front, "\n  [[stages.touchpoints]]\n  name = \"Touchpoint %d\"\n  channels = [%q]\n", i, []string{"web", "store", "phone"}[i%3])
		fmt.Fprintf(&body, "## Stage %d\n\nNotes on stage %d.\n\n", i, i)
	}
	return front.String() + "+++\n" + body.String()
}

// A journey of 1,000 stages builds, with every stage on its page and in
// its map, and its notes with it.
func TestLimitThousandStages(t *testing.T) {
	fsys := limitSite(map[string]string{"content/journeys/long.md": manyStages(1000)})
	stop := watchHeap()
	stats, mem := buildLimit(t, fsys)
	peak := stop()
	for _, name := range []string{"journeys/long/index.html", "journeys/long/map.svg", "journeys/long/map.json"} {
		data, ok := mem.File(name)
		if !ok {
			t.Errorf("%s was not written", name)
			continue
		}
		if !bytes.Contains(data, []byte("Stage 999")) {
			t.Errorf("%s lacks the last stage", name)
		}
	}
	page, _ := mem.File("journeys/long/index.html")
	if !bytes.Contains(page, []byte("Notes on stage 999.")) {
		t.Errorf("the last stage's notes are not on the page")
	}
	t.Logf("1,000 stages: page %s, site %s in %d files; peak heap %s", mib(uint64(len(page))), mib(uint64(stats.Bytes)), stats.Files, mib(peak))
}

// A site of 100,000 touchpoints (500 journeys of 10 stages of 20) builds,
// and every touchpoint is in the site-wide matrix.
func TestLimitHundredThousandTouchpoints(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 500 journeys and 100,000 touchpoints: seconds of work, minutes under -race")
	}
	const journeys, stages, touchpoints = 500, 10, 20
	files := map[string]string{}
	channels := []string{"web", "store", "phone"}
	for j := range journeys {
		var b strings.Builder
		fmt.Fprintf(&b, "+++\ntitle = \"Journey %d\"\npersonas = [\"p\"]\n", j)
		if j > 0 && j%10 != 0 {
			fmt.Fprintf(&b, "parent = \"j%03d\"\n", j-j%10) // every tenth journey has nine sub-journeys
		}
		for s := range stages {
			fmt.Fprintf(&b, "\n[[stages]]\nname = \"Stage %d\"\nemotion = %d\npain_points = [\"Pain %d.%d\"]\n", s, s%5-2, j, s)
			for k := range touchpoints {
				fmt.Fprintf(&b, "\n  [[stages.touchpoints]]\n  name = \"Touchpoint %d.%d.%d\"\n  channels = [%q]\n", j, s, k, channels[(j+s+k)%3])
			}
		}
		b.WriteString("+++\nThe narrative.\n")
		files[fmt.Sprintf("content/journeys/%02d/j%03d.md", j/50, j)] = b.String()
	}
	fsys := limitSite(files)
	stop := watchHeap()
	stats, mem := buildLimit(t, fsys)
	peak := stop()
	if stats.Journeys != journeys {
		t.Errorf("built %d journeys, want %d", stats.Journeys, journeys)
	}
	for j := range journeys {
		if _, ok := mem.File(fmt.Sprintf("journeys/j%03d/index.html", j)); !ok {
			t.Errorf("journeys/j%03d/index.html was not written", j)
		}
	}
	for _, name := range []string{"index.html", "channels/index.html", "channels/web/index.html", "personas/p/index.html", "index.json", "js/search-index.js"} {
		if _, ok := mem.File(name); !ok {
			t.Errorf("%s was not written", name)
		}
	}
	csv, _ := mem.File("channels/matrix.csv")
	if rows := bytes.Count(csv, []byte("\n")) - 1; rows != journeys*stages*touchpoints {
		t.Errorf("matrix.csv has %d rows, want one per touchpoint: %d", rows, journeys*stages*touchpoints)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("100,000 touchpoints: site %s in %d files (matrix.csv %s); peak heap %s, heap obtained from the system %s",
		mib(uint64(stats.Bytes)), stats.Files, mib(uint64(len(csv))), mib(peak), mib(ms.HeapSys))
}

// Sub-journeys nested 5,000 deep build; the same chain closed into a
// loop gives one diagnostic per journey on it, each of bounded length.
// Checking for loops used to walk every journey's chain to its end, and
// each diagnostic named the whole loop: both grew with the square of the
// depth (a loop of 10,000 made gigabytes of messages).
func TestLimitDeepSubJourneys(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 5,000 journeys: seconds of work, more under -race")
	}
	const n = 5000
	chain := func(loop bool) fstest.MapFS {
		files := map[string]string{}
		for i := range n {
			parent := ""
			if i > 0 || loop {
				parent = fmt.Sprintf("parent = \"j%04d\"\n", (i+n-1)%n)
			}
			files[fmt.Sprintf("content/journeys/j%04d.md", i)] = fmt.Sprintf("+++\ntitle = \"Level %d\"\n%s\n[[stages]]\nname = \"A\"\n+++\n", i, parent)
		}
		return limitSite(files)
	}

	stop := watchHeap()
	_, mem := buildLimit(t, chain(false))
	page, _ := mem.File("journeys/j4999/index.html")
	if !bytes.Contains(page, []byte("Level 4998")) {
		t.Errorf("the deepest journey's page does not name its parent")
	}
	t.Logf("chain of %d: peak heap %s", n, mib(stop()))

	stop = watchHeap()
	_, diags, err := Build(Options{Root: chain(true), Builtin: themes.Default()}, output.Discard{})
	peak := stop()
	if err != nil || len(diags) != n {
		t.Fatalf("loop of %d: err %v, %d diagnostics, want %d:\n%s", n, err, len(diags), n, firstDiags(diags, 3))
	}
	size := 0
	for _, d := range diags {
		size += len(d.Msg)
		if !strings.HasPrefix(d.Msg, "parent cycle: ") || len(d.Msg) > 200 {
			t.Fatalf("%s: %.300s", d.Pos, d.Msg)
		}
	}
	t.Logf("loop of %d: %d diagnostics, %d bytes of messages; peak heap %s", n, len(diags), size, mib(peak))
}

// writeSite writes files under dir, creating folders.
func writeSite(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

const smallJourney = "+++\ntitle = \"Buy\"\npersonas = [\"p\"]\n\n[[stages]]\nname = \"Pay\"\n\n  [[stages.touchpoints]]\n  name = \"Till\"\n  channels = [\"store\"]\n+++\n"

// Symbolic links that loop, in a site on disk: a folder under content/
// linked to its own parent is not followed (the walk lists a link as a
// link, not as the folder it points to), so the build neither loops nor
// finds a journey twice; a file linked to itself cannot be read, and the
// diagnostic names it. Under static/, whose files are all copied, a
// linked folder stops the build with an error that names it.
func TestLimitSymlinkLoop(t *testing.T) {
	for _, tc := range []struct {
		name    string
		links   map[string]string // link → target, relative to the link's folder
		want    []string          // diagnostics, "path: message"; none: the site builds
		warning string            // the link's warning, "path: message"
		errText string            // or the build's error
	}{
		{
			name:    "folder linked to its parent",
			links:   map[string]string{"content/journeys/up": ".."},
			warning: "content/journeys/up: link to a folder: waymark does not follow it, so the maps in it are left out",
		},
		{
			name:    "folder linked to the site root",
			links:   map[string]string{"content/journeys/deep/root": "../../.."},
			warning: "content/journeys/deep/root: link to a folder: waymark does not follow it, so the maps in it are left out",
		},
		{
			name:  "file linked to itself",
			links: map[string]string{"content/journeys/loop.md": "loop.md"},
			want:  []string{"content/journeys/loop.md: cannot read: too many levels of symbolic links"},
		},
		{
			name:  "two files linked to each other",
			links: map[string]string{"content/personas/a.md": "b.md", "content/personas/b.md": "a.md"},
			want: []string{
				"content/personas/a.md: cannot read: too many levels of symbolic links",
				"content/personas/b.md: cannot read: too many levels of symbolic links",
			},
		},
		{
			name:    "static folder linked to its parent",
			links:   map[string]string{"static/img/up": ".."},
			errText: "static/img/up is a symbolic link to a folder, which the build does not follow",
		},
		{
			name:    "static file linked to itself",
			links:   map[string]string{"static/img/loop.png": "loop.png"},
			errText: "static/img/loop.png: too many levels of symbolic links",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			writeSite(t, dir, map[string]string{
				"site.toml":                   limitSiteTOML,
				"content/personas/p.md":       "+++\nname = \"Pat\"\n+++\n",
				"content/journeys/buy.md":     smallJourney,
				"content/journeys/deep/x.txt": "not content",
				"static/img/logo.svg":         "<svg/>",
			})
			for link, target := range tc.links {
				if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
					t.Skipf("cannot make symbolic links here: %v", err)
				}
			}
			mem := output.NewMemory()
			stats, diags, err := Build(Options{Root: os.DirFS(dir), Builtin: themes.Default()}, mem)
			if tc.errText != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Errorf("err = %v, want one saying %q", err, tc.errText)
				}
				return
			}
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			var got []string
			for _, d := range diags {
				got = append(got, d.Pos.String()+": "+d.Msg)
			}
			if !slices.Equal(got, tc.want) {
				t.Fatalf("diagnostics\n%s\nwant %q", diags.Format(), tc.want)
			}
			if len(tc.want) == 0 && (stats.Journeys != 1 || stats.Personas != 1) {
				t.Errorf("built %d journeys and %d personas, want 1 and 1: the loop was followed", stats.Journeys, stats.Personas)
			}
			if tc.warning != "" && !slices.ContainsFunc(stats.Warnings, func(d diag.Diagnostic) bool {
				return d.Pos.String()+": "+d.Msg == tc.warning && d.Hint != ""
			}) {
				t.Errorf("warnings\n%s\nlack %q", stats.Warnings.Format(), tc.warning)
			}
		})
	}
}

// vanishingFS is a site in which one file is deleted while the build
// runs, between the listing of its folder and the reading of the file:
// the window an editor's atomic save or a git checkout opens. Once its
// folder has been listed, the file cannot be opened, read or stat'ed.
type vanishingFS struct {
	files fstest.MapFS
	gone  string

	mu     sync.Mutex
	listed bool
}

func (v *vanishingFS) vanished(name string) bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return name == v.gone && v.listed
}

func (v *vanishingFS) notExist(op, name string) error {
	return &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
}

func (v *vanishingFS) Open(name string) (fs.File, error) {
	if v.vanished(name) {
		return nil, v.notExist("open", name)
	}
	return v.files.Open(name)
}

func (v *vanishingFS) ReadFile(name string) ([]byte, error) {
	if v.vanished(name) {
		return nil, v.notExist("open", name)
	}
	return v.files.ReadFile(name)
}

func (v *vanishingFS) Stat(name string) (fs.FileInfo, error) {
	if v.vanished(name) {
		return nil, v.notExist("stat", name)
	}
	return v.files.Stat(name)
}

func (v *vanishingFS) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := v.files.ReadDir(name)
	if name == path.Dir(v.gone) {
		v.mu.Lock()
		v.listed = true
		v.mu.Unlock()
	}
	return entries, err
}

// A content file that disappears after it was listed gives a diagnostic
// that names it, and the build writes nothing: not a panic, and not a
// site that silently lacks the page. A static file that disappears is a
// failure of the machine rather than of the content (Build's err), and
// the error names it too.
func TestLimitFileVanishes(t *testing.T) {
	for _, tc := range []struct {
		gone    string
		diag    string // a diagnostic, "path: message"
		errText string // or the error
	}{
		{gone: "content/journeys/buy.md", diag: "content/journeys/buy.md: cannot read: file does not exist"},
		{gone: "content/journeys/deep/er/sub.md", diag: "content/journeys/deep/er/sub.md: cannot read: file does not exist"},
		{gone: "content/personas/p.md", diag: "content/personas/p.md: cannot read: file does not exist"},
		{gone: "static/img/logo.png", errText: "static/img/logo.png: file does not exist"},
	} {
		t.Run(tc.gone, func(t *testing.T) {
			fsys := &vanishingFS{gone: tc.gone, files: limitSite(map[string]string{
				"content/journeys/buy.md":         smallJourney,
				"content/journeys/deep/er/sub.md": strings.Replace(smallJourney, "title = \"Buy\"", "title = \"Sub\"\nparent = \"buy\"", 1),
				"static/img/logo.png":             "PNG",
			})}
			mem := output.NewMemory()
			_, diags, err := Build(Options{Root: fsys, Builtin: themes.Default()}, mem)
			switch {
			case tc.errText != "":
				if err == nil || !strings.Contains(err.Error(), tc.errText) {
					t.Errorf("err = %v, want one naming %q", err, tc.errText)
				}
			case err != nil:
				t.Errorf("err = %v, want a diagnostic", err)
			case len(diags) == 0:
				t.Errorf("no diagnostics: the build succeeded without %s", tc.gone)
			case !strings.Contains(diags.Format(), tc.diag+"\n"):
				t.Errorf("diagnostics\n%s\nwant %q", diags.Format(), tc.diag)
			}
			if err == nil && len(diags) > 0 && len(mem.Names()) > 0 {
				t.Errorf("a build with problems wrote %d files", len(mem.Names()))
			}
		})
	}
}

// Content cannot make the build write outside its destination. File
// names become slugs of letters, digits and hyphens, whatever they hold;
// names with nothing left give a diagnostic; ids and references written
// in front matter are checked, and a bad one is a diagnostic, not a
// path. Each site is published into a real folder, and every file under
// the test's temporary folder must be under the destination.
func TestLimitWritesConfined(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		pages []string // pages that must be written, when the site builds
		diags []string // or the diagnostics, "path: message" (substrings)
	}{
		{
			name: "dot names are hidden files",
			files: map[string]string{
				"content/journeys/..md":     smallJourney,
				"content/journeys/...md":    smallJourney,
				"content/journeys/.. .md":   smallJourney,
				"content/personas/..md":     "+++\nname = \"Dots\"\n+++\n",
				"content/journeys/..%2f.md": smallJourney,
			},
			pages: []string{"personas/p/index.html"},
		},
		{
			name: "names without a letter or digit",
			files: map[string]string{
				"content/journeys/-...md":                smallJourney,
				"content/journeys/\u2026.md":             smallJourney, // …
				"content/journeys/\uff0e\uff0e\uff0f.md": smallJourney, // fullwidth ../
			},
			diags: []string{
				"content/journeys/-...md: file name gives an empty slug",
				"content/journeys/\u2026.md: file name gives an empty slug",
				"content/journeys/\uff0e\uff0e\uff0f.md: file name gives an empty slug",
			},
		},
		{
			name: "unicode names",
			files: map[string]string{
				"content/journeys/Überweisung prüfen.md":    smallJourney,
				"content/journeys/ジャーニー.md":                 smallJourney,
				"content/journeys/a\u2215b.md":              smallJourney, // division slash
				"content/journeys/c\u2044d.md":              smallJourney, // fraction slash
				"content/journeys/e\u202e\u2066f.md":        smallJourney, // bidi controls
				"content/journeys/g\\..\\..\\h.md":          smallJourney,
				"content/journeys/\uff0e\uff0e\uff0fetc.md": smallJourney, // fullwidth ../etc
				"content/personas/%2e%2e%2fetc.md":          "+++\nname = \"../../etc\"\n+++\n",
			},
			pages: []string{
				"journeys/überweisung-prüfen/index.html", "journeys/ジャーニー/index.html",
				"journeys/a-b/index.html", "journeys/c-d/index.html", "journeys/e-f/index.html",
				"journeys/g-h/index.html", "journeys/etc/index.html", "personas/2e-2e-2fetc/index.html",
			},
		},
		{
			name: "stage ids",
			files: map[string]string{
				"content/journeys/buy.md": "+++\ntitle = \"Buy\"\n\n[[stages]]\nid = \"../../etc\"\nname = \"A\"\n\n[[stages]]\nid = \"a/b\"\nname = \"B\"\n\n[[stages]]\nid = \"..\"\nname = \"C\"\n\n[[stages]]\nid = \"%2e%2e\"\nname = \"D\"\n+++\n",
			},
			diags: []string{
				`content/journeys/buy.md:5:1: stage id "../../etc" is not a slug`,
				`content/journeys/buy.md:9:1: stage id "a/b" is not a slug`,
				`content/journeys/buy.md:13:1: stage id ".." is not a slug`,
				`content/journeys/buy.md:17:1: stage id "%2e%2e" is not a slug`,
			},
		},
		{
			name: "references that look like paths",
			files: map[string]string{
				"content/journeys/buy.md":  smallJourney,
				"content/journeys/sub.md":  "+++\ntitle = \"Sub\"\npersonas = [\"../../etc\"]\nparent = \"../buy\"\n\n[[stages]]\nname = \"A\"\n+++\n",
				"content/personas/dana.md": "+++\nname = \"../../etc\"\nphoto = \"../../../etc/passwd\"\n+++\n",
			},
			diags: []string{
				`content/journeys/sub.md:3:13: unknown persona "../../etc"`,
				`content/journeys/sub.md:4:1: unknown parent journey "../buy"`,
				`content/personas/dana.md:3:1: photo "../../../etc/passwd" not found in static/`,
			},
		},
		{
			name: "slugs that differ only in case",
			files: map[string]string{
				"content/journeys/Buy.md":   smallJourney,
				"content/journeys/x/buy.md": smallJourney,
			},
			diags: []string{`content/journeys/x/buy.md: duplicate slug "buy": content/journeys/Buy.md has it too`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			dest := filepath.Join(tmp, "site", "public")
			var diags diag.List
			errContent := errors.New("content has problems")
			err := output.Publish(dest, false, func(target output.Target) error {
				var err error
				_, diags, err = Build(Options{Root: limitSite(tc.files), Builtin: themes.Default()}, target)
				if err == nil && len(diags) > 0 {
					return errContent
				}
				return err
			})
			if err != nil && !errors.Is(err, errContent) {
				t.Fatalf("publish: %v", err)
			}
			formatted := diags.Format()
			for _, want := range tc.diags {
				if !strings.Contains(formatted, want) {
					t.Errorf("diagnostics lack %q:\n%s", want, formatted)
				}
			}
			if len(tc.diags) == 0 && len(diags) > 0 {
				t.Errorf("diagnostics, want none:\n%s", formatted)
			}
			var outside, written []string
			filepath.WalkDir(tmp, func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dest, p)
				if rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) || filepath.IsAbs(rel) {
					outside = append(outside, p)
				} else {
					written = append(written, filepath.ToSlash(rel))
				}
				return nil
			})
			if len(outside) > 0 {
				t.Errorf("files written outside %s: %q", dest, outside)
			}
			if len(tc.diags) > 0 && len(written) > 0 {
				t.Errorf("a build with problems wrote %q", written)
			}
			for _, p := range tc.pages {
				if !slices.Contains(written, p) {
					t.Errorf("%s was not written; have %q", p, written)
				}
			}
			// Every file is a page of the site, a static file or the
			// marker: no page named after a hidden file, none from a
			// name that slugs to nothing.
			for _, p := range written {
				if dir, _, _ := strings.Cut(p, "/"); dir == "journeys" && !slices.ContainsFunc(tc.pages, func(page string) bool { return path.Dir(page) == path.Dir(p) }) {
					t.Errorf("unexpected journey file %s", p)
				}
			}
		})
	}
}
