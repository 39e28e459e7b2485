package build

import (
	"bytes"
	"context"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// copySite copies the repository's example site into a new folder, with
// maps out of date after 60 days, and returns it.
func copySite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := filepath.Join("..", "..")
	for _, p := range []string{"site.toml", "content", "data"} {
		err := filepath.WalkDir(filepath.Join(root, p), func(src string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, src)
			data, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			if rel == "site.toml" {
				data = append(data, "\n[review]\nstale_after_days = 60\n"...)
			}
			writeTestFile(t, filepath.Join(dir, rel), string(data))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func writeTestFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func editTestFile(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	writeTestFile(t, path, strings.Replace(string(data), old, new, 1))
}

// publishTestSite builds the site in dir into dest as `waymark build`
// does, with opts (Root and Builtin are set) and the build cache when
// there is one (and the site it replaces kept there, to make the next
// build's folder from), and returns what it did.
func publishTestSite(t *testing.T, dir, dest string, opts Options) Result {
	t.Helper()
	opts.Root, opts.Builtin = os.DirFS(dir), themes.Default()
	b := NewBuilder(opts)
	b.oneOff = true
	var res Result
	var publishing output.PublishOptions
	if opts.Cache != nil {
		publishing.Spare = opts.Cache.Spare()
	}
	err := output.PublishWith(dest, publishing, func(target output.Target) error {
		var diags []string
		r, errs, err := b.Build(context.Background(), target, Change{All: true})
		for _, d := range errs {
			diags = append(diags, d.String())
		}
		if len(diags) > 0 {
			t.Fatalf("diagnostics:\n%s", strings.Join(diags, "\n"))
		}
		res = r
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// readTree reads every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree reports every difference between two built sites.
func sameTree(t *testing.T, got, want string) {
	t.Helper()
	g, w := readTree(t, got), readTree(t, want)
	for name, data := range w {
		switch gd, ok := g[name]; {
		case !ok:
			t.Errorf("%s missing", name)
		case !bytes.Equal(gd, data):
			t.Errorf("%s differs from a build without the cache", name)
		}
	}
	for name := range g {
		if _, ok := w[name]; !ok {
			t.Errorf("%s should not be there", name)
		}
	}
}

// A build from the cache writes the same site, byte for byte, as a build
// without it, whatever changed since the cache was made, and reports the
// same; it renders only the pages the change touches, and when nothing
// changed at all, it finds so by the sources' fingerprint without
// loading the site.
func TestCacheBuildsWhatAColdBuildDoes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site thirty times")
	}
	dir := copySite(t)
	cacheDir := filepath.Join(dir, buildcache.Dir)
	cache, err := buildcache.Open(cacheDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	day := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	file := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	const buy = "content/journeys/purchase/buying-a-bike.md"
	var opts Options // the options of the builds from here on
	spoilFingerprint := func(change func([]byte) []byte) func() {
		return func() {
			matches, _ := filepath.Glob(filepath.Join(cacheDir, "fingerprint-*"))
			if len(matches) != 1 {
				t.Fatalf("%d fingerprints: %q", len(matches), matches)
			}
			data, err := os.ReadFile(matches[0])
			if err != nil {
				t.Fatal(err)
			}
			writeTestFile(t, matches[0], string(change(data)))
		}
	}

	steps := []struct {
		name string
		edit func()
		now  time.Time
		// all: every page rendered; none: none; else some and not all.
		all, none bool
		// same: the sources' fingerprint is the last build's, and the
		// site is not loaded.
		same  bool
		note  string // the one note the cache gives
		after func() // checks the output
	}{
		{name: "the first build", all: true},
		{name: "nothing changed", none: true, same: true},
		{name: "an hour later", now: day.Add(time.Hour), none: true, same: true},
		{name: "a day later, a stale map a day older", now: day.AddDate(0, 0, 1), none: true},
		{name: "a journey", edit: func() { editTestFile(t, file(buy), `title    = "Buying a bike"`, `title    = "Buying a bike today"`) }},
		{name: "a persona", edit: func() {
			editTestFile(t, file("content/personas/dana-ortiz.md"), "name", "name = \"Dana Ortiz-Lee\"\n#")
		}},
		{name: "a KPI data file", edit: func() {
			editTestFile(t, file("data/kpis/ownership.csv"), "2026-11-30,35,", "2026-11-30,33,")
		}},
		{name: "a KPI data file added", edit: func() {
			writeTestFile(t, file("data/kpis/more.csv"), "journey,stage,kpi,date,value\nbuying-a-bike,research,Visits,2026-11-30,3\n")
		}},
		{name: "a spreadsheet beside the KPI data: a warning", edit: func() {
			writeTestFile(t, file("data/kpis/sheet.xlsx"), "PK")
		}, none: true},
		{name: "an output edited by hand", edit: func() {
			f, err := os.OpenFile(filepath.Join(dest, "journeys", "buying-a-bike", "index.html"), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("<!-- edited -->")
			f.Close()
		}}, // its page alone is rendered again
		{name: "a file added to the output", edit: func() { writeTestFile(t, filepath.Join(dest, "extra.html"), "extra") }, none: true},
		{name: "a file removed from the output", edit: func() {
			if err := os.Remove(filepath.Join(dest, "journeys", "buying-a-bike", "map.mmd")); err != nil {
				t.Fatal(err)
			}
		}, none: true},
		{name: "an output replaced by a link to the very file kept", edit: func() {
			// A stat through the link finds the kept file, its size,
			// time and inode: only the link itself says it is not one.
			// The folder is made anew, of the files kept.
			out := filepath.Join(dest, "journeys", "buying-a-bike", "map.mmd")
			elsewhere := filepath.Join(t.TempDir(), "map.mmd")
			if err := os.Link(out, elsewhere); err != nil {
				t.Fatal(err)
			}
			if err := os.Remove(out); err != nil {
				t.Fatal(err)
			}
			if err := os.Symlink(elsewhere, out); err != nil {
				t.Skipf("symlinks not available: %v", err)
			}
		}, none: true, after: func() {
			if fi, err := os.Lstat(filepath.Join(dest, "journeys", "buying-a-bike", "map.mmd")); err != nil || !fi.Mode().IsRegular() {
				t.Errorf("map.mmd is not a file of its own: %v, %v", fi, err)
			}
		}},
		{name: "a static file", edit: func() { writeTestFile(t, file("static/notes.txt"), "notes") }, none: true},
		{name: "the static file again", edit: func() { writeTestFile(t, file("static/notes.txt"), "other notes") }, none: true},
		{name: "a damaged fingerprint", edit: spoilFingerprint(func(d []byte) []byte { return d[:len(d)-10] }), none: true,
			note: "ignored the fingerprint of the last build: it is damaged; checking the site file by file"},
		{name: "a foreign fingerprint", edit: spoilFingerprint(func([]byte) []byte { return []byte("PK\x03\x04") }), none: true,
			note: "ignored the fingerprint of the last build: the file is not one of waymark's"},
		{name: "a fingerprint made good again", none: true, same: true},
		{name: "a layout", edit: func() {
			data, err := fs.ReadFile(themes.Default(), "layouts/404.html")
			if err != nil {
				t.Fatal(err)
			}
			writeTestFile(t, file("layouts/404.html"), string(data)+"<!-- the site's own -->\n")
		}, all: true},
		{name: "site.toml", edit: func() {
			editTestFile(t, file("site.toml"), "stale_after_days = 60", "stale_after_days = 60\n# a comment")
		}, all: true},
		{name: "minified", edit: func() { opts.Minify = true }, all: true},
		{name: "minified, nothing changed", none: true, same: true},
		{name: "back to unminified: the folder is the minified site", edit: func() { opts.Minify = false }, none: true},
		{name: "with drafts", edit: func() { opts.Drafts = true }, all: true},
		{name: "another base URL", edit: func() { opts.Drafts, opts.BaseURL = false, "https://maps.example/" }, all: true},
		{name: "the base URL, nothing changed", none: true, same: true},
		// A channel's list a journey a page, and a persona's: an edit
		// of one journey renders the one page of each list that shows
		// it, and a change to the channel's figures or to the persona
		// renders all of its pages.
		{name: "lists paged", edit: func() {
			editTestFile(t, file("site.toml"), "stale_after_days = 60", "stale_after_days = 60\n[pagination]\nper_page = 1\n#")
		}, all: true},
		{name: "a journey, with lists paged", edit: func() {
			editTestFile(t, file(buy), `title    = "Buying a bike today"`, `title    = "Buying a bike now"`)
		}},
		{name: "a persona, with lists paged", edit: func() {
			editTestFile(t, file("content/personas/dana-ortiz.md"), "name", "name = \"Dana Ortiz\"\n#")
		}},
		{name: "a channel's average, with lists paged", edit: func() {
			editTestFile(t, file(buy), "emotion     = 1.5", "emotion     = -2")
		}},
		{name: "a deleted journey", edit: func() {
			if err := os.Remove(file("content/journeys/purchase/trading-in-an-old-bike.md")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "a date that makes maps out of date", now: day.AddDate(0, 1, 10)},
		{name: "the same date, nothing changed", none: true, same: true},
	}
	now := day
	total := 0
	for i, step := range steps {
		if step.edit != nil {
			step.edit()
		}
		if !step.now.IsZero() {
			now = step.now
		}
		warmOpts, coldOpts := opts, opts
		warmOpts.Now, warmOpts.Cache = now, cache
		coldOpts.Now = now
		warm := publishTestSite(t, dir, dest, warmOpts)
		coldDest := filepath.Join(t.TempDir(), "cold")
		cold := publishTestSite(t, dir, coldDest, coldOpts)
		sameTree(t, dest, coldDest)
		if step.after != nil {
			step.after()
		}
		if g, w := reported(warm.Stats), reported(cold.Stats); g != w {
			t.Errorf("%s: reported\n%s\nwant, as without the cache,\n%s", step.name, g, w)
		}
		if warm.SourcesUnchanged != step.same {
			t.Errorf("%s: the sources' fingerprint matched: %v, want %v", step.name, warm.SourcesUnchanged, step.same)
		}
		if i == 0 || step.all {
			total = warm.Pages // paging the lists makes more pages
		}
		notes := append(warm.CacheNotes, cache.Notes()...)
		if step.note == "" && len(notes) > 0 || step.note != "" && (len(notes) != 1 || !strings.Contains(notes[0], step.note)) {
			t.Errorf("%s: notes %q, want %q", step.name, notes, step.note)
		}
		t.Logf("%s: rendered %d pages of %d", step.name, warm.Pages, total)
		switch rendered := warm.Pages; {
		case step.all && rendered < total, step.none && rendered > 0,
			!step.all && !step.none && (rendered == 0 || rendered >= total):
			t.Errorf("%s: rendered %d pages of %d", step.name, rendered, total)
		}
		if t.Failed() {
			t.Fatalf("after %s", step.name)
		}
	}
}

// reported is what `waymark build` says of a build: its counts and its
// warnings.
func reported(s Stats) string {
	return fmt.Sprintf("%d journeys, %d personas, %d files, %d bytes\n%s", s.Journeys, s.Personas, s.Files, s.Bytes, s.Warnings.FormatAll())
}

// Prefill fills a Memory with the files of the last build with the
// same options, as that build left them, when the sources are the same;
// the first build after it writes the very same files, and says so. A
// changed source, or a kept file gone from the cache, leaves it empty.
func TestPrefill(t *testing.T) {
	dir := copySite(t)
	cacheDir := filepath.Join(dir, buildcache.Dir)
	cache, err := buildcache.Open(cacheDir, "test")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	serve := func() *Builder {
		return NewBuilder(Options{Root: os.DirFS(dir), Builtin: themes.Default(), NoMinify: true, Now: now, Cache: cache})
	}
	built := output.NewMemory()
	if _, errs, err := serve().Build(context.Background(), built, Change{All: true}); len(errs) > 0 || err != nil {
		t.Fatalf("build: %v %v", errs, err)
	}
	files := func(m *output.Memory) map[string]string {
		out := map[string]string{}
		for _, name := range m.Names() {
			data, _ := m.File(name)
			out[name] = string(data)
		}
		return out
	}
	want := files(built)

	mem := output.NewMemory()
	b := serve()
	if !b.Prefill(mem) {
		t.Fatal("not prefilled with nothing changed")
	}
	if got := files(mem); !maps.Equal(got, want) {
		t.Errorf("prefilled with %d files, want the %d the build wrote", len(got), len(want))
	}
	res, errs, err := b.Build(context.Background(), mem, Change{All: true})
	if len(errs) > 0 || err != nil {
		t.Fatalf("build after: %v %v", errs, err)
	}
	if !res.AfterPrefill || len(res.Changed) > 0 || len(res.Removed) > 0 {
		t.Errorf("the first build after Prefill: after it %v, changed %q, removed %q; want nothing changed",
			res.AfterPrefill, res.Changed, res.Removed)
	}
	if got := files(mem); !maps.Equal(got, want) {
		t.Error("the first build after Prefill wrote other files")
	}

	// The sources change between Prefill and the first build: it says
	// which files changed, and removes the ones prefilled it no longer
	// writes.
	mem = output.NewMemory()
	b = serve()
	if !b.Prefill(mem) {
		t.Fatal("not prefilled with nothing changed")
	}
	const gone = "content/journeys/ownership/school-run-without-the-car.md"
	if err := os.Remove(filepath.Join(dir, gone)); err != nil {
		t.Fatal(err)
	}
	res, errs, err = b.Build(context.Background(), mem, Change{All: true})
	if len(errs) > 0 || err != nil {
		t.Fatalf("build after: %v %v", errs, err)
	}
	cold := output.NewMemory()
	if _, errs, err := Build(Options{Root: os.DirFS(dir), Builtin: themes.Default(), NoMinify: true, Now: now}, cold); len(errs) > 0 || err != nil {
		t.Fatalf("cold build: %v %v", errs, err)
	}
	if got, want := files(mem), files(cold); !maps.Equal(got, want) {
		t.Errorf("after a change between Prefill and the first build, %d files served, want the %d of a cold build", len(got), len(want))
	}
	if !res.AfterPrefill || !slices.Contains(res.Removed, "journeys/school-run-without-the-car/index.html") ||
		!slices.Contains(res.Changed, "index.html") || slices.Contains(res.Changed, "css/waymark.css") {
		t.Errorf("after it %v, changed %q, removed %q", res.AfterPrefill, res.Changed, res.Removed)
	}

	for _, tt := range []struct {
		name string
		edit func()
	}{
		{"a journey edited", func() {
			editTestFile(t, filepath.Join(dir, "content/journeys/purchase/buying-a-bike.md"), `title    = "Buying a bike"`, `title    = "Buying a bike today"`)
		}},
		{"the kept files gone", func() {
			if _, _, err := serve().Build(context.Background(), output.NewMemory(), Change{All: true}); err != nil {
				t.Fatal(err)
			}
			if err := os.RemoveAll(filepath.Join(cacheDir, "files")); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		tt.edit()
		mem := output.NewMemory()
		if serve().Prefill(mem) || len(mem.Names()) > 0 {
			t.Errorf("%s: prefilled with %d files", tt.name, len(mem.Names()))
		}
	}
}
