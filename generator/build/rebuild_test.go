package build

import (
	"bytes"
	"context"
	"errors"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// A rebuild after a change must write exactly what a fresh full build of
// the changed site writes, having rendered only the pages the change
// shows on. Each step changes the fixture, rebuilds, and compares the
// rebuilt Memory with a full build of the same files.
func TestRebuildMatchesFullBuild(t *testing.T) {
	fsys := fixture()
	set := func(name, text string) { fsys[name] = &fstest.MapFile{Data: []byte(text)} }
	edit := func(name, old, new string) {
		t.Helper()
		text := string(fsys[name].Data)
		if !strings.Contains(text, old) {
			t.Fatalf("%s has no %q", name, old)
		}
		set(name, strings.Replace(text, old, new, 1))
	}
	const buy, damaged, ana = "content/journeys/buy.md", "content/journeys/returns/damaged.md", "content/personas/ana.md"
	const later = "content/journeys/plans/buy-later.md"
	const kpis, newKPIs = "data/kpis/checkout.csv", "data/kpis/returns/photos.csv"

	steps := []struct {
		name   string
		change func()
		files  []string // what the watcher would report
		all    bool
		// pages that must be rendered, and pages that must not be
		render, skip []string
		removed      []string
		early        []string // the pages of the changed files, written first
	}{
		{
			name:   "a journey's title",
			change: func() { edit(buy, `title = "Buying a bike"`, `title = "Buying an e-bike"`) },
			files:  []string{buy},
			// The child shows its parent's title; Ana and Cy list it;
			// the channels it uses list it; its future state compares
			// with it. Ben and the 404 page are left alone.
			render: []string{"journeys/buy/index.html", "journeys/damaged/index.html", "journeys/buy-later/index.html", "index.html", "channels/index.html", "personas/ana/index.html", "personas/cy/index.html", "channels/web/index.html"},
			skip:   []string{"personas/ben/index.html", "404.html"},
			early:  []string{"journeys/buy/index.html", "journeys/buy/map.json", "journeys/buy/map.mmd", "journeys/buy/map.svg"},
		},
		{
			name:   "a persona's name",
			change: func() { edit(ana, `name = "Ana Ruiz"`, `name = "Ana Ruiz-Gil"`) },
			files:  []string{ana},
			render: []string{"personas/ana/index.html", "journeys/buy/index.html", "journeys/damaged/index.html", "index.html", "channels/phone/index.html"},
			skip:   []string{"personas/ben/index.html"},
			early:  []string{"personas/ana/index.html"},
		},
		{
			name: "a new journey in a new folder",
			change: func() {
				set("content/journeys/new/trial.md", "+++\ntitle = \"Trial ride\"\npersonas = [\"ben\"]\n\n[[stages]]\nname = \"Ride\"\n  [[stages.touchpoints]]\n  name = \"Shop\"\n  channels = [\"store\"]\n+++\n")
			},
			files:  []string{"content/journeys/new/trial.md"},
			render: []string{"journeys/trial/index.html", "personas/ben/index.html", "channels/store/index.html", "index.html"},
			skip:   []string{"personas/ana/index.html", "journeys/buy/index.html"},
		},
		{
			name:   "a persona leaves a journey",
			change: func() { edit("content/journeys/new/trial.md", `personas = ["ben"]`, `personas = []`) },
			files:  []string{"content/journeys/new/trial.md"},
			// Ben no longer lists it: his page depended on it before.
			render: []string{"journeys/trial/index.html", "personas/ben/index.html"},
			skip:   []string{"personas/ana/index.html"},
		},
		{
			name: "a journey renamed (its slug changes)",
			change: func() {
				fsys["content/journeys/new/ride.md"] = fsys["content/journeys/new/trial.md"]
				delete(fsys, "content/journeys/new/trial.md")
			},
			files:   []string{"content/journeys/new/trial.md", "content/journeys/new/ride.md"},
			render:  []string{"journeys/ride/index.html", "index.html"},
			removed: []string{"journeys/trial/index.html", "journeys/trial/map.json", "journeys/trial/map.mmd", "journeys/trial/map.svg"},
		},
		{
			name:    "a folder deleted as a whole",
			change:  func() { delete(fsys, "content/journeys/new/ride.md") },
			files:   []string{"content/journeys/new"},
			render:  []string{"index.html", "channels/store/index.html"},
			removed: []string{"journeys/ride/index.html", "journeys/ride/map.json", "journeys/ride/map.mmd", "journeys/ride/map.svg"},
		},
		{
			name:   "a sub-journey's parent removed",
			change: func() { edit(damaged, `parent = "buy"`, ``) },
			files:  []string{damaged},
			render: []string{"journeys/buy/index.html", "journeys/damaged/index.html"},
		},
		{
			name: "a current-state map's pain point resolved by its future state",
			change: func() {
				edit(buy, `pain_points = ["Card declined", "Slow till"]`, `pain_points = ["Card declined", "Slow till", "No receipt"]`)
			},
			files: []string{buy},
			// The future state lists what it resolves of today's map.
			render: []string{"journeys/buy/index.html", "journeys/buy-later/index.html"},
			skip:   []string{"404.html"},
		},
		{
			name:   "a future state renamed",
			change: func() { edit(later, `title = "Buying a bike, next year"`, `title = "Buying a bike in 2028"`) },
			files:  []string{later},
			// Today's map links to its future states by title.
			render: []string{"journeys/buy-later/index.html", "journeys/buy/index.html"},
			skip:   []string{"journeys/damaged/index.html"},
		},
		{
			name:   "a KPI's value in a data file",
			change: func() { edit(kpis, "buy,pay,Hold time,2026-08-31,95", "buy,pay,Hold time,2026-08-31,55") },
			files:  []string{kpis},
			// Only the page and the exports of the journey it measures:
			// cards show no KPI, and today's map is compared by emotion.
			render: []string{"journeys/buy/index.html", "journeys/buy/map.json", "index.json"},
			skip:   []string{"journeys/damaged/index.html", "journeys/buy-later/index.html", "personas/ana/index.html", "channels/web/index.html"},
			early:  []string{"journeys/buy/index.html", "journeys/buy/map.json", "journeys/buy/map.mmd", "journeys/buy/map.svg"},
		},
		{
			name: "a new data file about another journey",
			change: func() {
				set(newKPIs, "journey,stage,kpi,date,value\ndamaged,spotting-it,Reports with photos,2026-11-01,64\n")
			},
			files:  []string{newKPIs},
			render: []string{"journeys/damaged/index.html", "journeys/damaged/map.json", "index.json"},
			skip:   []string{"journeys/buy/index.html", "personas/ana/index.html"},
		},
		{
			name:   "a data file moves its rows to another journey",
			change: func() { edit(newKPIs, "damaged,spotting-it", "buy,research") },
			files:  []string{newKPIs},
			render: []string{"journeys/damaged/index.html", "journeys/buy/index.html"},
			skip:   []string{"journeys/buy-later/index.html"},
		},
		{
			name:   "the data folder deleted as a whole",
			change: func() { delete(fsys, kpis); delete(fsys, newKPIs) },
			files:  []string{"data"},
			render: []string{"journeys/buy/index.html", "journeys/buy/map.json"},
			skip:   []string{"journeys/damaged/index.html", "personas/ana/index.html"},
		},
		{
			name:   "site.toml",
			change: func() { edit("site.toml", `title = "Fixture maps"`, `title = "Bike maps"`) },
			all:    true,
			render: []string{"personas/ben/index.html", "404.html", "css/waymark.css"},
		},
		{
			name:   "a static file of the site",
			change: func() { set("static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>") },
			all:    true,
			render: []string{"img/logo.svg"},
		},
		{
			name:    "a static file removed",
			change:  func() { delete(fsys, "static/img/logo.svg") },
			all:     true,
			removed: []string{"img/logo.svg"},
		},
	}

	var early []string
	opts := Options{Root: fsys, Builtin: themes.Default(), Early: func(files []string) { early = files }}
	b := NewBuilder(opts)
	mem := output.NewMemory()
	if _, errs, err := b.Build(t.Context(), mem, Change{All: true}); err != nil || len(errs) > 0 {
		t.Fatalf("first build: %v %v", err, errs)
	}
	for _, s := range steps {
		early = nil
		s.change()
		res, errs, err := b.Build(t.Context(), mem, Change{Files: s.files, All: s.all})
		if err != nil || len(errs) > 0 {
			t.Fatalf("%s: %v\n%s", s.name, err, errs.Format())
		}
		if res.Full != s.all {
			t.Errorf("%s: Full = %v, want %v", s.name, res.Full, s.all)
		}
		for _, p := range s.render {
			if !slices.Contains(res.Written, p) {
				t.Errorf("%s: %s was not rendered again", s.name, p)
			}
		}
		for _, p := range s.skip {
			if slices.Contains(res.Written, p) {
				t.Errorf("%s: %s was rendered although nothing on it changed", s.name, p)
			}
		}
		slices.Sort(early)
		if s.early != nil && !slices.Equal(early, s.early) {
			t.Errorf("%s: written early %q, want %q", s.name, early, s.early)
		}
		if !slices.Equal(res.Removed, s.removed) {
			t.Errorf("%s: removed %q, want %q", s.name, res.Removed, s.removed)
		}
		sameAsFullBuild(t, s.name, opts, mem)
	}
}

// sameAsFullBuild checks mem against a fresh build of opts.
func sameAsFullBuild(t *testing.T, step string, opts Options, mem *output.Memory) {
	t.Helper()
	fresh := output.NewMemory()
	if _, errs, err := Build(opts, fresh); err != nil || len(errs) > 0 {
		t.Fatalf("%s: full build: %v %v", step, err, errs)
	}
	if got, want := mem.Names(), fresh.Names(); !slices.Equal(got, want) {
		t.Errorf("%s: rebuilt site has files\n%q\nfull build has\n%q", step, got, want)
		return
	}
	for _, name := range fresh.Names() {
		got, _ := mem.File(name)
		want, _ := fresh.File(name)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: %s differs from a full build: %s", step, name, firstDiff(want, got))
		}
	}
}

// Broken content leaves the last good site as it was; the build that
// fixes it renders everything that changed in between.
func TestRebuildKeepsLastGoodSite(t *testing.T) {
	fsys := fixture()
	const buy = "content/journeys/buy.md"
	good := fsys[buy].Data
	opts := Options{Root: fsys, Builtin: themes.Default()}
	b := NewBuilder(opts)
	mem := output.NewMemory()
	if _, errs, err := b.Build(t.Context(), mem, Change{All: true}); err != nil || len(errs) > 0 {
		t.Fatalf("first build: %v %v", err, errs)
	}
	before, _ := mem.File("journeys/buy/index.html")

	fsys[buy] = &fstest.MapFile{Data: bytes.Replace(good, []byte(`title = "Buying a bike"`), []byte(`title = "Buying`), 1)}
	res, errs, err := b.Build(t.Context(), mem, Change{Files: []string{buy}})
	if err != nil || len(errs) == 0 || errs[0].Pos.File != buy || errs[0].Pos.Line == 0 {
		t.Fatalf("broken file: err %v, diagnostics %v; want one naming %s and its line", err, errs, buy)
	}
	if len(res.Written) != 0 {
		t.Errorf("a broken build wrote %q", res.Written)
	}
	if after, _ := mem.File("journeys/buy/index.html"); !bytes.Equal(before, after) {
		t.Errorf("the last good page changed while the content was broken")
	}

	// Another file changes while buy.md is still broken, then buy.md is
	// fixed: the fixing build renders both.
	fsys["content/personas/ben.md"] = &fstest.MapFile{Data: []byte("+++\nname = \"Ben Coles\"\n+++\n")}
	if _, errs, _ := b.Build(t.Context(), mem, Change{Files: []string{"content/personas/ben.md"}}); len(errs) == 0 {
		t.Fatalf("still broken, but no diagnostics")
	}
	fsys[buy] = &fstest.MapFile{Data: bytes.Replace(good, []byte("Buying a bike"), []byte("Buying a bicycle"), 1)}
	res, errs, err = b.Build(t.Context(), mem, Change{Files: []string{buy}})
	if err != nil || len(errs) > 0 {
		t.Fatalf("fixed: %v %v", err, errs)
	}
	for _, p := range []string{"journeys/buy/index.html", "personas/ben/index.html"} {
		if !slices.Contains(res.Written, p) {
			t.Errorf("the fixing build did not render %s", p)
		}
	}
	sameAsFullBuild(t, "fixed", opts, mem)
}

// cancelAfter is a Target that ends a build's context once it has taken
// n files, as Ctrl-C would in the middle of a build.
type cancelAfter struct {
	*output.Memory
	n       int
	cancel  context.CancelFunc
	mu      sync.Mutex
	written int
}

func (c *cancelAfter) WriteFile(name string, data []byte) error {
	c.mu.Lock()
	if c.written++; c.written == c.n {
		c.cancel()
	}
	c.mu.Unlock()
	return c.Memory.WriteFile(name, data)
}

// A build whose context ends stops writing and says why, with no
// diagnostics; the next build starts again from scratch and gives the
// same site as a full build.
func TestBuildStopsWhenCancelled(t *testing.T) {
	fsys := fixture()
	opts := Options{Root: fsys, Builtin: themes.Default()}
	full := output.NewMemory()
	if _, errs, err := Build(opts, full); err != nil || len(errs) > 0 {
		t.Fatalf("full build: %v %v", err, errs)
	}

	for _, step := range []struct {
		name   string
		change Change
	}{
		{"the first build", Change{All: true}},
		{"a rebuild", Change{Files: []string{"content/journeys/buy.md"}}},
	} {
		t.Run(step.name, func(t *testing.T) {
			b := NewBuilder(opts)
			mem := output.NewMemory()
			if !step.change.All {
				if _, errs, err := b.Build(t.Context(), mem, Change{All: true}); err != nil || len(errs) > 0 {
					t.Fatalf("first build: %v %v", err, errs)
				}
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			target := &cancelAfter{Memory: mem, n: 1, cancel: cancel}
			_, errs, err := b.Build(ctx, target, step.change)
			if !errors.Is(err, context.Canceled) || len(errs) > 0 {
				t.Fatalf("cancelled build: err %v, diagnostics %v; want context.Canceled and none", err, errs)
			}
			// The pages in flight when it ended may be written; not the rest.
			if n := target.written; n > runtime.GOMAXPROCS(0)+1 {
				t.Errorf("a cancelled build wrote %d files after the first", n-1)
			}

			res, errs, err := b.Build(t.Context(), mem, Change{Files: []string{"content/personas/ana.md"}})
			if err != nil || len(errs) > 0 || !res.Full {
				t.Fatalf("the build after: err %v, diagnostics %v, full %v; want a full build", err, errs, res.Full)
			}
			sameAsFullBuild(t, step.name, opts, mem)
		})
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, errs, err := NewBuilder(opts).Build(ctx, output.NewMemory(), Change{All: true}); !errors.Is(err, context.Canceled) || len(errs) > 0 {
		t.Errorf("a build cancelled before it began: err %v, diagnostics %v", err, errs)
	}
}
