package build

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
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
// does, with the build cache when there is one (and the site it
// replaces kept there, to make the next build's folder from), and
// returns what it did.
func publishTestSite(t *testing.T, dir, dest string, cache *buildcache.Cache, now time.Time) Result {
	t.Helper()
	b := NewBuilder(Options{Root: os.DirFS(dir), Builtin: themes.Default(), Now: now, Cache: cache})
	b.oneOff = true
	var res Result
	var publishing output.PublishOptions
	if cache != nil {
		publishing.Spare = cache.Spare()
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
// without it, whatever changed since the cache was made; and it renders
// only the pages the change touches.
func TestCacheBuildsWhatAColdBuildDoes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site twenty times")
	}
	dir := copySite(t)
	cache, err := buildcache.Open(filepath.Join(dir, buildcache.Dir), "test")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	day := time.Date(2026, 12, 10, 12, 0, 0, 0, time.UTC)
	file := func(p string) string { return filepath.Join(dir, filepath.FromSlash(p)) }
	const buy = "content/journeys/purchase/buying-a-bike.md"

	steps := []struct {
		name string
		edit func()
		now  time.Time
		// all: every page rendered; none: none; else some and not all.
		all, none bool
		after     func() // checks the output
	}{
		{name: "the first build", all: true},
		{name: "nothing changed", none: true},
		{name: "a day later, with nothing newly out of date", now: day.AddDate(0, 0, 1), none: true},
		{name: "a journey", edit: func() { editTestFile(t, file(buy), `title    = "Buying a bike"`, `title    = "Buying a bike today"`) }},
		{name: "a persona", edit: func() {
			editTestFile(t, file("content/personas/dana-ortiz.md"), "name", "name = \"Dana Ortiz-Lee\"\n#")
		}},
		{name: "a KPI data file", edit: func() {
			editTestFile(t, file("data/kpis/ownership.csv"), "2026-11-30,35,", "2026-11-30,33,")
		}},
		{name: "an output edited by hand", edit: func() {
			f, err := os.OpenFile(filepath.Join(dest, "journeys", "buying-a-bike", "index.html"), os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("<!-- edited -->")
			f.Close()
		}}, // its page alone is rendered again
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
		// A channel's list a journey a page: an edit of one journey
		// renders the one page of each channel that lists it, and a
		// change to the channel's figures renders all of its pages.
		{name: "lists paged", edit: func() {
			editTestFile(t, file("site.toml"), "stale_after_days = 60", "stale_after_days = 60\n[pagination]\nper_page = 1\n#")
		}, all: true},
		{name: "a journey, with lists paged", edit: func() {
			editTestFile(t, file(buy), `title    = "Buying a bike today"`, `title    = "Buying a bike now"`)
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
		warm := publishTestSite(t, dir, dest, cache, now)
		cold := filepath.Join(t.TempDir(), "cold")
		publishTestSite(t, dir, cold, nil, now)
		sameTree(t, dest, cold)
		if step.after != nil {
			step.after()
		}
		if i == 0 || step.all {
			total = warm.Pages // paging the lists makes more pages
		}
		if notes := cache.Notes(); len(notes) > 0 {
			t.Errorf("%s: notes %q", step.name, notes)
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
