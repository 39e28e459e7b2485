package build

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/export"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/render"
)

// Pipeline turns a loaded site into files, one stage after another for
// each page: pagedata works out what the page shows, render executes its
// layout, export writes the data files. Each keeps what it worked out per
// journey for the next build, until Forget.
type Pipeline struct {
	planner  *pagedata.Planner
	renderer *render.Renderer
	exporter *export.Exporter
}

// NewPipeline prepares theme's templates for builds dated now. A one-off
// build keeps nothing per journey for a next build.
func NewPipeline(theme *render.Theme, now time.Time, oneOff bool) (*Pipeline, diag.List) {
	r, errs := render.New(theme)
	if len(errs) > 0 {
		return nil, errs
	}
	r.KeepFragments = !oneOff
	e := export.New()
	e.Keep = !oneOff
	return &Pipeline{planner: pagedata.NewPlanner(now, r.Slides()), renderer: r, exporter: e}, nil
}

// Pages lists every page of site.
func (pl *Pipeline) Pages(site *content.Site) []*pagedata.Page { return pl.planner.Pages(site) }

// PagesOf lists the pages of the journeys and personas whose own file is
// one of files (see pagedata.Planner.PagesOf).
func (pl *Pipeline) PagesOf(site *content.Site, files func(string) bool) []*pagedata.Page {
	return pl.planner.PagesOf(site, files)
}

// Forget drops what every stage kept of the journeys whose pages depend
// on a file that changed.
func (pl *Pipeline) Forget(changed func(file string) bool) {
	pl.planner.Forget(changed)
	pl.renderer.Forget(changed)
	pl.exporter.Forget(changed)
}

// Static emits the theme's and the site's static files.
func (pl *Pipeline) Static(emit render.Emit) error { return pl.renderer.Static(emit) }

// errStopped is what emitting a file returns once another has failed.
var errStopped = errors.New("stopped by an earlier error")

// keptBuffer is the most that a rendering goroutine keeps of its buffer
// from one page to the next.
const keptBuffer = 4 << 20

// Render renders pages on cores goroutines and emits each file as it is
// done. It stops at the first error and returns it. The review server
// keeps a core free to answer the browser while the pages that list a
// changed journey are rendered.
func (pl *Pipeline) Render(cores int, pages []*pagedata.Page, emit render.Emit) error {
	jobs := make(chan *pagedata.Page)
	errc := make(chan error, 1)
	done := make(chan struct{})
	// Once a file fails, the pages being rendered on other cores write
	// no more of theirs: a full disk stops the build at once.
	emitUntilDone := func(name string, data []byte) error {
		select {
		case <-done:
			return errStopped
		default:
			return emit(name, data)
		}
	}
	var wg sync.WaitGroup
	for range min(max(cores, 1), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range jobs {
				if err := pl.RenderPage(p, &buf, emitUntilDone); err != nil {
					select {
					case errc <- err:
						close(done)
					default:
					}
				}
				if buf.Cap() > keptBuffer {
					// An export of a big site is a hundred megabytes;
					// the journey pages after it need a hundred kilobytes.
					buf = bytes.Buffer{}
				}
			}
		}()
	}
feed:
	for _, p := range pages {
		select {
		case jobs <- p:
		case <-done:
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// RenderPage writes the files of one page, using buf: the page itself or
// its data file, and for a journey its map.json, map.mmd and, when the
// theme draws one, map.svg.
func (pl *Pipeline) RenderPage(p *pagedata.Page, buf *bytes.Buffer, emit render.Emit) error {
	p.Prepare()
	buf.Reset()
	if p.Kind == pagedata.Export {
		if err := pl.exporter.Write(p, buf); err != nil {
			return err
		}
		return emit(p.URL, buf.Bytes())
	}
	if err := pl.renderer.Execute(p, buf); err != nil {
		return err
	}
	if err := emit(pagedata.OutputPath(p), buf.Bytes()); err != nil {
		return err
	}
	if p.Journey == nil {
		return nil
	}
	j := p.Journey
	if err := emitFile(p.URL+pagedata.MapJSON, buf, emit, func() error { return pl.exporter.MapJSON(j, buf) }); err != nil {
		return err
	}
	if err := emitFile(p.URL+pagedata.MapMMD, buf, emit, func() error { return pl.exporter.MapMermaid(j, buf) }); err != nil {
		return err
	}
	if !p.HasMap() {
		return nil
	}
	return emitFile(p.URL+pagedata.MapSVG, buf, emit, func() error { return pl.renderer.ExecuteSlide(p, buf) })
}

// emitFile writes the file name into buf with write, then emits it.
func emitFile(name string, buf *bytes.Buffer, emit render.Emit, write func() error) error {
	buf.Reset()
	if err := write(); err != nil {
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return emit(name, buf.Bytes())
}
