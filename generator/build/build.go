// Package build runs the whole pipeline, one stage after another: read
// site.toml, load and check the content, open the theme, render every page
// and hand it to the output. Each stage is its own package and imports
// only those before it; this package is the straight list of steps.
package build

import (
	"io/fs"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/render"
)

// Options say what to build.
type Options struct {
	Root    fs.FS // the site folder: site.toml, content/, layouts/, static/, themes/
	Builtin fs.FS // the theme compiled into the binary, used for theme = "default"
	Drafts  bool  // include drafts, whatever site.toml says
	Minify  bool  // minify, whatever site.toml says
}

// Stats describe a finished build.
type Stats struct {
	Journeys, Personas int
	Files              int
	Bytes              int64
	Duration           time.Duration
}

// Build loads and checks the site and, when it has no problems, renders it
// to target. Problems in the site's files come back as diagnostics, and
// then nothing at all is written; err is for failures of the machine (a
// disk that will not take a file, a template that fails as it runs).
func Build(opts Options, target output.Target) (Stats, diag.List, error) {
	start := time.Now()
	cfg, errs := config.Load(opts.Root)
	if cfg == nil {
		// site.toml could not be read at all: checking content against
		// an empty configuration would only bury the real problem.
		return Stats{}, errs.Sort(), nil
	}
	md := markdown.New(markdown.Options{})
	site, more := content.Load(opts.Root, cfg, content.Options{
		Drafts:   opts.Drafts || cfg.Build.Drafts,
		Markdown: md,
	})
	errs.Append(more)
	theme, more := render.OpenTheme(opts.Root, cfg.Theme, opts.Builtin)
	errs.Append(more)
	if len(errs) > 0 {
		return Stats{}, errs.Sort(), nil
	}
	r, errs := render.New(theme)
	if len(errs) > 0 {
		return Stats{}, errs.Sort(), nil
	}
	w := output.NewWriter(target, opts.Minify || cfg.Build.Minify)
	if err := r.Render(site, w.Write); err != nil {
		return Stats{}, nil, err
	}
	files, bytes := w.Stats()
	return Stats{
		Journeys: len(site.Journeys),
		Personas: len(site.Personas),
		Files:    files,
		Bytes:    bytes,
		Duration: time.Since(start),
	}, nil, nil
}
