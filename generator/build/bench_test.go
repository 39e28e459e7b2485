package build

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/render"
	"github.com/waymark-cx/waymark/themes"
)

// The benchmarks build a site on disk, by default the example site; point
// WAYMARK_BENCH_SITE at a bigger one, such as
//
//	go run ./cmd/waymark-corpus -journeys 2000 -out /tmp/corpus-2000
//	WAYMARK_BENCH_SITE=/tmp/corpus-2000 go test ./generator/build -run '^$' -bench . -benchtime 20x
func benchSite(b *testing.B) (root string, fsys fs.FS) {
	root = os.Getenv("WAYMARK_BENCH_SITE")
	if root == "" {
		root = "../.."
	}
	return root, os.DirFS(root)
}

// BenchmarkBuild is a full build into memory.
func BenchmarkBuild(b *testing.B) {
	_, fsys := benchSite(b)
	opts := Options{Root: fsys, Builtin: themes.Default()}
	for b.Loop() {
		if _, errs, err := Build(opts, output.NewMemory()); err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
	}
}

// BenchmarkLoad reads and checks the site: site.toml, every persona and
// journey (TOML, Markdown, validation, links between files).
func BenchmarkLoad(b *testing.B) {
	_, fsys := benchSite(b)
	md := markdown.New(markdown.Options{})
	for b.Loop() {
		cfg, errs := config.Load(fsys)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		if _, errs := content.Load(fsys, cfg, content.Options{Markdown: md}); len(errs) > 0 {
			b.Fatal(errs)
		}
	}
}

// BenchmarkRender renders every page and export of a site loaded once,
// as a one-off build does, into nowhere.
func BenchmarkRender(b *testing.B) {
	_, fsys := benchSite(b)
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	site, errs := content.Load(fsys, cfg, content.Options{Markdown: markdown.New(markdown.Options{})})
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	theme, errs := render.OpenTheme(fsys, cfg.Theme, themes.Default())
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	var bytes int64
	for b.Loop() {
		pl, errs := NewPipeline(theme, time.Now(), true)
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		err := pl.Render(runtime.GOMAXPROCS(0), pl.Pages(site), func(_ string, data []byte) error {
			atomic.AddInt64(&bytes, int64(len(data)))
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bytes)/float64(b.N)/1e6, "MB/op")
}

// BenchmarkRebuildOneJourney is watch mode's work after a save: one
// journey's file changes (its title, so that the pages listing it change
// too) and the Builder brings the site in memory up to date.
func BenchmarkRebuildOneJourney(b *testing.B) {
	root, fsys := benchSite(b)
	var start time.Time
	var early time.Duration
	opts := Options{Root: fsys, Builtin: themes.Default(), Early: func([]string) { early += time.Since(start) }}
	builder := NewBuilder(opts)
	mem := output.NewMemory()
	if _, errs, err := builder.Build(b.Context(), mem, Change{All: true}); err != nil || len(errs) > 0 {
		b.Fatal(err, errs)
	}
	file := firstJourney(b, fsys)
	orig, err := os.ReadFile(path.Join(root, file))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { os.WriteFile(path.Join(root, file), orig, 0o644) })
	i := 0
	var pages int
	for b.Loop() {
		i++
		edited := bytes.Replace(orig, []byte("title = \""), []byte(fmt.Sprintf("title = \"%d ", i)), 1)
		if err := os.WriteFile(path.Join(root, file), edited, 0o644); err != nil {
			b.Fatal(err)
		}
		start = time.Now()
		res, errs, err := builder.Build(b.Context(), mem, Change{Files: []string{file}})
		if err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
		pages += res.Pages
	}
	b.ReportMetric(float64(pages)/float64(b.N), "pages/op")
	// How long until the journey's own page was written (Options.Early).
	b.ReportMetric(float64(early.Microseconds())/1000/float64(b.N), "ms-to-own-page")
}

func firstJourney(b *testing.B, fsys fs.FS) string {
	var found string
	fs.WalkDir(fsys, "content/journeys", func(p string, d fs.DirEntry, err error) error {
		if err == nil && found == "" && !d.IsDir() && path.Ext(p) == ".md" {
			found = p
		}
		return err
	})
	if found == "" {
		b.Fatal("no journey under content/journeys")
	}
	return found
}
