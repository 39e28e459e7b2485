// Package build runs the whole pipeline, one stage after another: read
// site.toml, load and check the content, open the theme, render the pages
// and hand them to the output. Each stage is its own package and imports
// only those before it; this package is the straight list of steps.
//
// A Builder also rebuilds: told which content files changed, it decodes
// only those files again and renders only the pages that show them (each
// page lists the files it depends on), then removes the files of pages
// that are gone. A change to anything but content (site.toml, layouts,
// static files, the theme) rebuilds everything. Watch mode and the review
// server are built on it.
package build

import (
	"context"
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/render"
)

// Options say what to build.
type Options struct {
	Root    fs.FS  // the site folder: site.toml, content/, layouts/, static/, themes/
	Builtin fs.FS  // the theme compiled into the binary, used for theme = "default"
	Drafts  bool   // include drafts, whatever site.toml says
	Minify  bool   // minify, whatever site.toml says
	BaseURL string // replaces site.toml's base_url when set (--base-url)

	// NoMinify writes files as rendered whatever site.toml says: the
	// review server serves pages that are quick to build and easy to read
	// in the browser's source view.
	NoMinify bool

	// Now is the build's date, for the stale-map banner and warning; zero
	// means the current time. Golden tests fix it.
	Now time.Time

	// Cache, when set, is the build cache: a full build takes the files
	// it decoded and rendered before from it, when they would come out
	// the same, and keeps what it decodes and renders there. Rebuilds
	// (watch mode, the review server) start from it; their later,
	// partial builds keep their model in memory.
	Cache *buildcache.Cache

	// Early, when set, is called during a rebuild as soon as the pages of
	// the changed files themselves (a journey's page, a persona's) are
	// written, with their files, and before the pages that list them: the
	// review server reloads the page an author is looking at without
	// waiting for the index and the channel pages.
	Early func(written []string)
}

// Stats describe a finished build.
type Stats struct {
	Journeys, Personas int
	Files              int
	Bytes              int64
	Duration           time.Duration
	// Reused counts the pages whose files came from the build cache
	// rather than being rendered.
	Reused int
	// SourcesUnchanged says that the site's sources hashed to the
	// fingerprint of the last build with these options, whose files the
	// folder being replaced still held (fingerprint.go): nothing was
	// loaded or rendered, and the Stats are that build's.
	SourcesUnchanged bool
	// CacheNotes say what of the build cache was ignored, and why (made
	// by another version of waymark, damaged, not the cache's): one line
	// each.
	CacheNotes []string

	// Warnings are the gaps in the content that do not stop a build
	// (content.Site.Warnings). A build that fails on its content has them
	// too, to print with its errors.
	Warnings diag.List
}

// Build loads and checks the site and, when it has no problems, renders it
// to target. Problems in the site's files come back as diagnostics, and
// then nothing at all is written; err is for failures of the machine (a
// disk that will not take a file, a template that fails as it runs).
func Build(opts Options, target output.Target) (Stats, diag.List, error) {
	b := NewBuilder(opts)
	b.oneOff = true
	res, errs, err := b.Build(context.Background(), target, Change{All: true})
	return res.Stats, errs, err
}

// Change is what changed on disk since the previous build.
type Change struct {
	// Files are content files, or folders under content/ that were
	// renamed or deleted as a whole: slash paths from the site root.
	Files []string
	// All is set when anything else changed (site.toml, layouts, static
	// files, the theme): everything is built again.
	All bool
}

// Result describes one build.
type Result struct {
	Stats
	Full    bool     // everything was built, not only what changed
	Pages   int      // pages rendered
	Written []string // files written, in no particular order
	Removed []string // files of earlier builds that are gone, sorted
	// AfterPrefill is set for the first build that succeeds after
	// Prefill. Its Changed are the files it wrote that are not the ones
	// Prefill put in the target (all it wrote when it cannot tell), and
	// its Removed the ones Prefill put there that it does not write,
	// which it removed.
	AfterPrefill bool
	Changed      []string
}

// Builder builds a site, then rebuilds it after changes. The first build,
// and any after a failed full build, builds everything. It is not safe for
// concurrent use: one build at a time.
type Builder struct {
	opts Options
	md   *markdown.Renderer

	// The last good build; renderer is nil before there is one.
	cfg      *config.Config
	pipeline *Pipeline
	cache    *content.Cache
	pages    map[string]pageRecord // by the page's first output file
	static   []string              // the static files it wrote

	// What changed since the last good build: kept across failed builds,
	// so that the build that finally succeeds renders all of it.
	pending []string
	full    bool

	// oneOff is set for a build that has no rebuild after it: it keeps
	// nothing for one, and may take the folder it replaces as it is
	// without loading the site (fingerprint.go).
	oneOff bool

	// prefilled are the files Prefill put in the target, by name, with
	// their keys: until a full build succeeds, which replaces them.
	prefilled map[string]buildcache.Key
}

// pageRecord is what a build remembers of a page: what it showed, and
// where it went.
type pageRecord struct {
	deps    []string
	all     bool
	outputs []string
}

// NewBuilder returns a Builder for the site in opts.
func NewBuilder(opts Options) *Builder {
	return &Builder{opts: opts, full: true}
}

// Build builds what c says changed into target, which must be the target
// of the previous builds (or a fresh one for a full build). Files that are
// no longer built are removed when target is an output.Remover.
//
// With a build cache, a full build into an output.Replacing target
// whose folder already holds every file it would write, and nothing
// else, writes nothing and returns output.ErrUnchanged: output.Publish
// then keeps that folder. A one-off build (Build) finds that by the
// sources' fingerprint alone when they are those of the last build
// (fingerprint.go), without loading the site.
//
// When ctx ends, the build stops where it is (between files as they are
// loaded and as they are written) and returns ctx's error: Ctrl-C in
// watch mode or under the review server ends a build of thousands of
// maps at once, rather than when it is done. What the build wrote into
// target until then is not a site; the next build, if any, rebuilds
// everything.
func (b *Builder) Build(ctx context.Context, target output.Target, c Change) (Result, diag.List, error) {
	start := time.Now()
	b.pending = append(b.pending, c.Files...)
	if c.All || b.pipeline == nil {
		b.full = true
	}
	var res Result
	var errs diag.List
	var err error
	if b.full {
		res, errs, err = b.buildAll(ctx, target)
	} else {
		res, errs, err = b.buildChanged(ctx, target)
	}
	if err != nil && ctx.Err() != nil {
		b.full = true // stopped half-way: the pages record is not to be trusted
		return res, nil, ctx.Err()
	}
	if len(errs) == 0 && (err == nil || errors.Is(err, output.ErrUnchanged)) {
		b.pending, b.full = nil, false
	}
	res.Duration = time.Since(start)
	return res, errs, err
}

// Load reads and checks the site as a build does, and renders nothing:
// site.toml (with Options.BaseURL), then every persona and journey. It is
// for commands that need the model but no pages (diff, and check counting
// a site that has problems). site is nil when site.toml cannot be read or
// BaseURL is not an address; otherwise it is there even when the content
// has problems, which come back as diagnostics (its warnings are in
// site.Warnings).
func Load(opts Options) (*content.Site, diag.List) {
	_, _, site, errs := load(context.Background(), opts, nil, nil)
	return site, errs.Sort()
}

// load is a build's first steps, files being the site as content.Walk
// listed it (nil: walk it). cfg is nil when site.toml cannot be read or
// BaseURL is refused, and then nothing else is read: checking content
// against an empty configuration would only bury the real problem.
func load(ctx context.Context, opts Options, cache *content.Cache, files *content.Files) (cfg *config.Config, md *markdown.Renderer, site *content.Site, errs diag.List) {
	cfg, errs = config.Load(opts.Root)
	if cfg == nil {
		return nil, nil, nil, errs
	}
	if opts.BaseURL != "" {
		if err := cfg.SetBaseURL(opts.BaseURL); err != nil {
			errs.Add(diag.Position{File: "--base-url"}, "", "%v", err)
			return nil, nil, nil, errs
		}
	}
	// Built once per configuration: [markdown] unsafe is in site.toml.
	md = markdown.New(markdown.Options{Unsafe: cfg.Markdown.Unsafe})
	lo := loadOptions(ctx, opts, cfg, md, cache)
	lo.Files = files
	site, more := content.Load(opts.Root, cfg, lo)
	errs.Append(more)
	return cfg, md, site, errs
}

// buildAll reads everything afresh: configuration, theme and content,
// taking what the build cache has kept and is still the same.
func (b *Builder) buildAll(ctx context.Context, target output.Target) (Result, diag.List, error) {
	// One date for the whole build: the warnings, the pages and the
	// cache's keys must agree on what is out of date.
	opts := b.opts
	opts.Now = b.now()
	// The site's own files, read once: everything below reads them from
	// here (siteFiles).
	siteFiles := readSiteFiles(b.opts.Root)
	opts.Root = siteFiles.FS
	// The sources as they are before the build reads them, for its
	// fingerprint; one walk of the content, for that and the load.
	var sources siteSources
	fingerprinted := false
	if b.opts.Cache != nil {
		sources, fingerprinted = b.siteSources(siteFiles)
	}
	files := content.Walk(opts.Root)
	var last lastBuild
	if fingerprinted && b.oneOff {
		var res Result
		var ok bool
		if res, last, ok = b.unchangedSince(target, opts.Now, sources, files); ok {
			return b.notes(res), nil, output.ErrUnchanged
		}
	}
	decodeKey := decodeKey(opts.Root)
	cache := b.openDecoded(decodeKey)
	cfg, md, site, errs := load(ctx, opts, cache, files)
	if err := ctx.Err(); err != nil {
		return Result{}, nil, err
	}
	if cfg == nil {
		return b.notes(Result{}), errs.Sort(), nil
	}
	if err := b.saveDecoded(decodeKey, cache); err != nil {
		b.opts.Cache.Failed(err)
	}
	b.md = md
	theme, more := render.OpenTheme(opts.Root, cfg.Theme, b.opts.Builtin)
	errs.Append(more)
	if len(errs) > 0 {
		return b.notes(Result{Stats: Stats{Warnings: site.Warnings}}), errs.Sort(), nil
	}
	pl, errs := NewPipeline(theme, opts.Now, b.oneOff)
	if len(errs) > 0 {
		return b.notes(Result{}), errs.Sort(), nil
	}
	pages := pl.Pages(site)
	w := newRecorder(ctx, target, b.minify(cfg))
	if b.opts.Cache != nil {
		w.outputs = last.outputs // read already, when it was
		if w.outputs == nil || last.profile != b.profileKey(cfg) {
			w.outputs = b.opts.Cache.Outputs(b.profileKey(cfg))
		}
		w.keys = keyPages(b.siteKey(siteFiles, cfg), pages, site, cache.Hashes(), opts.Now)
		if n, size, static, ok := w.unchanged(target, pl, pages); ok {
			res := Result{Stats: Stats{Journeys: len(site.Journeys), Personas: len(site.Personas), Files: n, Bytes: size,
				Reused: len(pages), Warnings: site.Warnings}, Full: true}
			if err := w.outputs.Save(); err != nil {
				b.opts.Cache.Failed(err)
			} else if fingerprinted {
				b.keepFingerprint(sources, b.profileKey(cfg), files, cache.Hashes(), site, opts.Now, w.outputs, len(pages))
			}
			b.cfg, b.pipeline, b.cache, b.pages, b.static = cfg, pl, cache, recordPages(pages), static
			return b.notes(res), nil, output.ErrUnchanged
		}
	}
	todo, err := w.reuse(pages)
	if err != nil {
		return Result{}, nil, err
	}
	if err := pl.Render(runtime.GOMAXPROCS(0), todo, w.write); err != nil {
		return Result{}, nil, err
	}
	pagesWritten := len(w.names)
	if err := pl.Static(w.write); err != nil {
		return Result{}, nil, err
	}
	static := slices.Clone(w.names[pagesWritten:])
	if err := w.keep(target); err != nil {
		return Result{}, nil, err
	}
	saved, err := w.kept()
	if err != nil {
		b.opts.Cache.Failed(err)
	}
	records := recordPages(pages)
	res := w.result(site, len(todo))
	res.Full = true
	res.Warnings = site.Warnings
	if saved && fingerprinted {
		b.keepFingerprint(sources, b.profileKey(cfg), files, cache.Hashes(), site, opts.Now, w.outputs, len(pages))
	}
	if b.prefilled != nil {
		res.AfterPrefill = true
		res.Changed, res.Removed, err = b.sincePrefill(target, w, saved)
	} else {
		res.Removed, err = b.removeStale(target, records, static)
	}
	b.cfg, b.pipeline, b.cache, b.pages, b.static = cfg, pl, cache, records, static
	return b.notes(res), nil, err
}

// sincePrefill works out which of the files the first full build after
// Prefill wrote are not those Prefill put in target, by their keys as
// the cache kept them (when saved: else it cannot tell, and all are),
// and removes from target the ones it put there that the build does
// not write.
func (b *Builder) sincePrefill(target output.Target, w *recorder, saved bool) (changed, removed []string, err error) {
	var keys map[string]buildcache.Key
	if saved {
		keys = w.outputs.Keeping()
	}
	written := make(map[string]bool, len(w.names))
	for _, name := range w.names {
		written[name] = true
		if key, ok := b.prefilled[name]; !saved || !ok || keys[name] != key {
			changed = append(changed, name)
		}
	}
	for name := range b.prefilled {
		if !written[name] {
			removed = append(removed, name)
		}
	}
	slices.Sort(removed)
	b.prefilled = nil
	if rm, ok := target.(output.Remover); ok {
		for _, name := range removed {
			if err := rm.Remove(name); err != nil {
				return changed, removed, err
			}
		}
	}
	return changed, removed, nil
}

// now is the build's date: Options.Now, or the current time.
func (b *Builder) now() time.Time {
	if b.opts.Now.IsZero() {
		return time.Now()
	}
	return b.opts.Now
}

// notes adds what the build cache ignored to res.
func (b *Builder) notes(res Result) Result {
	if b.opts.Cache != nil {
		res.CacheNotes = b.opts.Cache.Notes()
	}
	return res
}

// buildChanged decodes the changed files again and renders the pages
// that showed them before or show them now.
func (b *Builder) buildChanged(ctx context.Context, target output.Target) (Result, diag.List, error) {
	for _, f := range b.pending {
		b.cache.Forget(f)
	}
	site, errs := content.Load(b.opts.Root, b.cfg, loadOptions(ctx, b.opts, b.cfg, b.md, b.cache))
	if err := ctx.Err(); err != nil {
		return Result{}, nil, err
	}
	if len(errs) > 0 {
		return Result{Stats: Stats{Warnings: site.Warnings}}, errs.Sort(), nil
	}
	touched := touchedBy(b.pending)
	b.pipeline.Forget(touched)
	w := newRecorder(ctx, target, b.minify(b.cfg))

	// The changed files' own pages first, before the rest of the site is
	// even listed: they are what the author is looking at.
	own := b.pipeline.PagesOf(site, touched)
	cores := runtime.GOMAXPROCS(0)
	if err := b.pipeline.Render(cores, own, w.write); err != nil {
		return Result{}, nil, err
	}
	if b.opts.Early != nil && len(own) > 0 {
		b.opts.Early(slices.Clone(w.names))
		cores-- // leave one to serve those pages while the rest renders
	}
	done := map[string]bool{}
	for _, p := range own {
		done[p.Outputs()[0]] = true
	}

	pages := b.pipeline.Pages(site)
	records := recordPages(pages)
	var others []*pagedata.Page
	for _, p := range pages {
		old, seen := b.pages[p.Outputs()[0]]
		switch {
		case done[p.Outputs()[0]]:
		case !seen || p.AllDeps || slices.ContainsFunc(p.Deps, touched) || slices.ContainsFunc(old.deps, touched):
			others = append(others, p)
		}
	}
	if err := b.pipeline.Render(cores, others, w.write); err != nil {
		return Result{}, nil, err
	}
	res := w.result(site, len(own)+len(others))
	res.Warnings = site.Warnings
	var err error
	res.Removed, err = b.removeStale(target, records, b.static)
	b.pages = records
	return res, nil, err
}

func (b *Builder) minify(cfg *config.Config) bool {
	return !b.opts.NoMinify && (b.opts.Minify || cfg.Build.Minify)
}

func loadOptions(ctx context.Context, opts Options, cfg *config.Config, md *markdown.Renderer, cache *content.Cache) content.Options {
	return content.Options{Drafts: opts.Drafts || cfg.Build.Drafts, Markdown: md, Cache: cache, Now: opts.Now, Stop: ctx.Done()}
}

// removeStale removes the files of the previous build that this one no
// longer has: the pages of a deleted or renamed journey, a static file
// that was removed.
func (b *Builder) removeStale(target output.Target, pages map[string]pageRecord, static []string) ([]string, error) {
	rm, ok := target.(output.Remover)
	if !ok || b.pages == nil {
		return nil, nil
	}
	keep := map[string]bool{}
	for _, rec := range pages {
		for _, o := range rec.outputs {
			keep[o] = true
		}
	}
	for _, s := range static {
		keep[s] = true
	}
	var gone []string
	for _, rec := range b.pages {
		for _, o := range rec.outputs {
			if !keep[o] {
				gone = append(gone, o)
			}
		}
	}
	for _, s := range b.static {
		if !keep[s] {
			gone = append(gone, s)
		}
	}
	slices.Sort(gone)
	for _, name := range gone {
		if err := rm.Remove(name); err != nil {
			return gone, err
		}
	}
	return gone, nil
}

func recordPages(pages []*pagedata.Page) map[string]pageRecord {
	out := make(map[string]pageRecord, len(pages))
	for _, p := range pages {
		outs := p.Outputs()
		out[outs[0]] = pageRecord{deps: p.Deps, all: p.AllDeps, outputs: outs}
	}
	return out
}

// touchedBy returns a test for whether a file is among changed: the same
// path, or a path under a changed folder.
func touchedBy(changed []string) func(file string) bool {
	set := make(map[string]bool, len(changed))
	var dirs []string
	for _, c := range changed {
		set[c] = true
		if path.Ext(c) == "" {
			dirs = append(dirs, strings.TrimSuffix(c, "/")+"/")
		}
	}
	return func(file string) bool {
		if set[file] {
			return true
		}
		for _, d := range dirs {
			if strings.HasPrefix(file, d) {
				return true
			}
		}
		return false
	}
}

// recorder writes through an output.Writer and notes every name, for the
// build's result and for watch mode's reload. Once ctx ends it refuses
// every file, which stops the rendering at the next page.
type recorder struct {
	ctx   context.Context
	w     *output.Writer
	mu    sync.Mutex
	names []string

	// With a build cache: where the files kept are, the key of each
	// file, the files written (to keep once they are on disk) and how
	// many pages came from the cache.
	outputs *buildcache.Outputs
	keys    outputKeys
	fresh   []keyedFile
	keepOne func(name string, key buildcache.Key) error
	reused  int
}

type keyedFile struct {
	name string
	key  buildcache.Key
}

func newRecorder(ctx context.Context, target output.Target, minify bool) *recorder {
	return &recorder{ctx: ctx, w: output.NewWriter(target, minify)}
}

func (r *recorder) write(name string, data []byte) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if r.outputs == nil {
		if err := r.w.Write(name, data); err != nil {
			return err
		}
		r.note(name)
		return nil
	}
	key, page := r.keys.byName[name]
	if !page { // a static file: its key is its contents
		key = r.keys.static(name, data)
		if path, size, ok := r.outputs.Lookup(name, key); ok {
			if err := r.w.Reuse(name, path, size); err != nil {
				return err
			}
			r.note(name)
			return nil
		}
	}
	if err := r.w.Write(name, data); err != nil {
		return err
	}
	r.mu.Lock()
	r.names = append(r.names, name)
	r.fresh = append(r.fresh, keyedFile{name, key})
	r.mu.Unlock()
	return nil
}

// note notes a file written.
func (r *recorder) note(name string) {
	r.mu.Lock()
	r.names = append(r.names, name)
	r.mu.Unlock()
}

func (r *recorder) result(site *content.Site, pages int) Result {
	files, bytes := r.w.Stats()
	return Result{
		Stats:   Stats{Journeys: len(site.Journeys), Personas: len(site.Personas), Files: files, Bytes: bytes, Reused: r.reused},
		Pages:   pages,
		Written: r.names,
	}
}
