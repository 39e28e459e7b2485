package build

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// countingFS counts how often each file is opened or read whole.
type countingFS struct {
	fs.FS
	mu    sync.Mutex
	reads map[string]int
}

func (c *countingFS) count(name string) {
	c.mu.Lock()
	c.reads[name]++
	c.mu.Unlock()
}

func (c *countingFS) Open(name string) (fs.File, error) {
	c.count(name)
	return c.FS.Open(name)
}

func (c *countingFS) ReadFile(name string) ([]byte, error) {
	c.count(name)
	return fs.ReadFile(c.FS, name)
}

// A build reads site.toml, the site's layouts and its static files once,
// and takes its configuration, its theme, what it copies and the cache's
// keys from those bytes: a layout or static file saved again while it
// runs cannot be rendered or copied from one version and kept in the
// cache, or fingerprinted, as another. So whether it
// renders everything, renders what an edit changed, or finds nothing
// changed, each is read exactly once.
func TestSiteFilesReadOnce(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site three times")
	}
	dir := copySite(t)
	writeTestFile(t, filepath.Join(dir, "layouts", "404.html"), `{{define "main"}}<p>Lost here.</p>{{end}}`)
	writeTestFile(t, filepath.Join(dir, "static", "extra.css"), "p { color: teal }")
	cache, err := buildcache.Open(filepath.Join(dir, buildcache.Dir), "test")
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	held := []string{"site.toml", "layouts/404.html", "static/extra.css"}
	for _, step := range []struct {
		name   string
		change func()
	}{
		{"cold", func() {}},
		{"one edit", func() {
			editTestFile(t, filepath.Join(dir, "content/journeys/purchase/buying-a-bike.md"), "Buying a bike", "Buying a new bike")
		}},
		{"nothing changed", func() {}},
	} {
		step.change()
		root := &countingFS{FS: os.DirFS(dir), reads: map[string]int{}}
		b := NewBuilder(Options{Root: root, Builtin: themes.Default(), Cache: cache})
		b.oneOff = true
		err := output.PublishWith(dest, output.PublishOptions{Spare: cache.Spare()}, func(target output.Target) error {
			_, errs, err := b.Build(context.Background(), target, Change{All: true})
			if len(errs) > 0 {
				t.Fatalf("%s: diagnostics:\n%s", step.name, errs.Format())
			}
			return err
		})
		if err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		for _, name := range held {
			if n := root.reads[name]; n != 1 {
				t.Errorf("%s: %s read %d times, want once", step.name, name, n)
			}
		}
		if css, _ := os.ReadFile(filepath.Join(dest, "extra.css")); string(css) != "p { color: teal }" {
			t.Errorf("%s: extra.css is %q", step.name, css)
		}
		if page, _ := os.ReadFile(filepath.Join(dest, "404.html")); !strings.Contains(string(page), "Lost here.") {
			t.Errorf("%s: 404.html is not the site's own layout:\n%.300s", step.name, page)
		}
	}
}
