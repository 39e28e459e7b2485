package build

import (
	"bytes"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// What the build cache's keys cover. A decoded file depends on its own
// contents and on decodeKey: site.toml (channels, [markdown]) and which
// files static/ has (a persona's photo must be one). An output file
// depends on siteKey (site.toml, the layouts, the options), on its name,
// and on the content files its page shows (pagedata.Page.Deps; every file
// for AllDeps): their contents and whether each is out of date on the
// build's date. The date itself is left out, so that a new day rebuilds
// only the pages whose stale banner or KPI note it turns on. The
// waymark that built it is in every cache file's header
// (buildcache.ToolVersion), its built-in theme with it.

// decodeKey is what every decoded file depends on besides itself.
func decodeKey(root fs.FS) buildcache.Key {
	h := buildcache.NewHasher()
	site, _ := fs.ReadFile(root, config.File)
	h.Add([]byte(config.File), site)
	h.AddString(filesUnder(root, content.StaticDir)...)
	return h.Key()
}

// filesUnder lists the files under dir in root, in path order; none when
// there is no dir.
func filesUnder(root fs.FS, dir string) []string {
	var files []string
	fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	return files
}

// siteKey is what every output file depends on besides its page's
// content: site.toml, the site's layouts and themes (site's key), and the
// options.
func (b *Builder) siteKey(site siteFiles, cfg *config.Config) buildcache.Key {
	return buildcache.NewHasher().Add(site.key[:]).AddString(b.profile(cfg), cfg.BaseURL).Key()
}

// profile names the options that make different files of the same
// site, which the cache keeps apart (buildcache.Outputs): a `build` and
// a `serve` of one site each find their own files.
func (b *Builder) profile(cfg *config.Config) string {
	return "drafts=" + strconv.FormatBool(b.opts.Drafts || cfg.Build.Drafts) + " minify=" + strconv.FormatBool(b.minify(cfg))
}

// profileKey is the key the cache keeps a profile's files by.
func (b *Builder) profileKey(cfg *config.Config) buildcache.Key {
	return buildcache.NewHasher().AddString(b.profile(cfg)).Key()
}

// openDecoded returns the content cache to load with: what the build
// cache stored for key, or an empty one.
func (b *Builder) openDecoded(key buildcache.Key) *content.Cache {
	if b.opts.Cache == nil {
		return content.NewCache()
	}
	data := b.opts.Cache.Decoded(key)
	if data == nil {
		return content.NewCache()
	}
	c, err := content.ReadCache(data)
	if err != nil {
		b.opts.Cache.Undecodable(err)
		return content.NewCache()
	}
	return c
}

// saveDecoded stores what the load decoded, when it decoded anything.
func (b *Builder) saveDecoded(key buildcache.Key, c *content.Cache) error {
	if b.opts.Cache == nil || !c.Changed() {
		return nil
	}
	return b.opts.Cache.SaveDecoded(key, c.Save)
}

// outputKeys are the keys of a build's output files.
type outputKeys struct {
	site   buildcache.Key
	byName map[string]buildcache.Key
}

// keyPages works out the key of every output file of pages.
func keyPages(site buildcache.Key, pages []*pagedata.Page, s *content.Site, hashes map[string]content.Hash, now time.Time) outputKeys {
	// Each file's part of a key is worked out once: the channel and
	// persona pages show hundreds of files each.
	stale := staleFiles(s, now)
	digests := make(map[string]buildcache.Key, len(hashes))
	all := buildcache.NewHasher()
	for _, f := range slices.Sorted(maps.Keys(hashes)) {
		sum := hashes[f]
		d := buildcache.NewHasher().Add([]byte(f), sum[:]).AddString(stale[f]).Key()
		digests[f] = d
		all.Add(d[:])
	}
	allKey := all.Key()

	// The pages of a paginated list (a channel's) share one Deps, each
	// of them thousands of files: their part of the key is worked out
	// once for all of them. Worked out for each page, it was 8 s of a
	// build with nothing changed at 10,000 journeys, a channel's files
	// for every one of its hundreds of pages.
	type depsOf struct {
		first *string // Deps' first element: pages share the slice
		n     int
	}
	var lists [][]string
	seen := map[depsOf]int{}
	for _, p := range pages {
		if len(p.Deps) == 0 {
			continue
		}
		id := depsOf{&p.Deps[0], len(p.Deps)}
		if _, ok := seen[id]; !ok {
			seen[id] = len(lists)
			lists = append(lists, p.Deps)
		}
	}
	depsKeys := make([]buildcache.Key, len(lists))
	parallel(len(lists), func(i int) {
		h := buildcache.NewHasher()
		for _, f := range lists[i] {
			d := digests[f]
			h.Add(d[:])
		}
		depsKeys[i] = h.Key()
	})

	keys := outputKeys{site: site, byName: map[string]buildcache.Key{}}
	var mu sync.Mutex
	parallel(len(pages), func(i int) {
		p := pages[i]
		h := buildcache.NewHasher().Add(site[:])
		outs := p.Outputs()
		h.AddString(outs...)
		if p.AllDeps {
			h.Add(allKey[:])
		}
		if files, figures, ok := p.Shows(); ok {
			h.AddString(figures)
			for _, f := range files {
				d := digests[f]
				h.Add(d[:])
			}
		} else if len(p.Deps) > 0 {
			d := depsKeys[seen[depsOf{&p.Deps[0], len(p.Deps)}]]
			h.Add(d[:])
		}
		page := h.Key()
		mu.Lock()
		defer mu.Unlock()
		for _, o := range outs {
			keys.byName[o] = buildcache.NewHasher().Add(page[:]).AddString(o).Key()
		}
	})
	return keys
}

// staticKey is the key of a static file: its name and contents, and the
// options (minified or not).
func (k outputKeys) static(name string, data []byte) buildcache.Key {
	sum := content.HashOf(data)
	return buildcache.NewHasher().Add(k.site[:]).AddString("static", name).Add(sum[:]).Key()
}

// staleFiles says, for each journey file, what of it is out of date on
// now: the map itself (its stale banner) and each KPI series (its note),
// as a string that is empty when nothing is.
func staleFiles(s *content.Site, now time.Time) map[string]string {
	days := s.Config.Review.StaleAfterDays
	out := map[string]string{}
	for _, j := range s.Journeys {
		var b bytes.Buffer
		if j.StaleOn(now, days) {
			b.WriteString("map ")
		}
		for i, st := range j.Stages {
			for k, se := range st.Series {
				if content.Stale(se.Latest().Date, now, days) {
					b.WriteString(strconv.Itoa(i) + "." + strconv.Itoa(k) + " ")
				}
			}
		}
		if b.Len() > 0 {
			out[j.File] = b.String()
		}
	}
	return out
}

// reuse puts the files the cache kept for pages into the build, and
// returns the pages it has not all the files of, to render.
func (r *recorder) reuse(pages []*pagedata.Page) ([]*pagedata.Page, error) {
	if r.outputs == nil {
		return pages, nil
	}
	hit := make([]bool, len(pages))
	errs := make([]error, len(pages))
	parallel(len(pages), func(i int) {
		type kept struct {
			name, path string
			size       int64
		}
		var files []kept
		for _, o := range pages[i].Outputs() {
			path, size, ok := r.outputs.Lookup(o, r.keys.byName[o])
			if !ok {
				return
			}
			files = append(files, kept{o, path, size})
		}
		for _, f := range files {
			if errs[i] = r.w.Reuse(f.name, f.path, f.size); errs[i] != nil {
				return
			}
			r.note(f.name)
		}
		hit[i] = true
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var todo []*pagedata.Page
	for i, p := range pages {
		if !hit[i] {
			todo = append(todo, p)
		}
	}
	r.reused = len(pages) - len(todo)
	return todo, nil
}

// unchanged reports whether the folder that target replaces holds
// every file this build would write, each the very file the cache kept
// for its key, and nothing else: a build with nothing changed then has
// nothing to write, and does not make a new folder of hard links to swap
// in. It says how many files and bytes that is, and the static files.
func (r *recorder) unchanged(target output.Target, pl *Pipeline, pages []*pagedata.Page) (files int, size int64, static []string, ok bool) {
	rep, ok := target.(output.Replacing)
	if !ok || rep.Replaced() == "" {
		return 0, 0, nil, false
	}
	want := map[string]buildcache.Key{}
	for _, p := range pages {
		for _, o := range p.Outputs() {
			want[o] = r.keys.byName[o]
		}
	}
	err := pl.Static(func(name string, data []byte) error {
		want[name] = r.keys.static(name, data)
		static = append(static, name)
		return nil
	})
	if err != nil {
		return 0, 0, nil, false
	}
	for name, key := range want {
		if !r.outputs.Recorded(name, key) {
			return 0, 0, nil, false
		}
	}
	files, size, ok = sameFolder(rep.Replaced(), r.outputs, want)
	if !ok {
		return 0, 0, nil, false
	}
	r.outputs.Carry(slices.Collect(maps.Keys(want)))
	return files, size, static, true
}

// sameFolder reports whether the folder dir holds the files want names,
// each the very file outputs kept for its key, and nothing else; and how
// many files and bytes that is.
func sameFolder(dir string, outputs *buildcache.Outputs, want map[string]buildcache.Key) (files int, size int64, ok bool) {
	// The folder's files, each checked against what the cache kept for
	// its name: on several goroutines, as a stat waits on the disk.
	var names []string
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == output.Marker {
			return err
		}
		if _, ok := want[p]; !ok {
			return errChanged
		}
		names = append(names, p)
		return nil
	})
	if err != nil || len(names) != len(want) {
		return 0, 0, false
	}
	sizes := make([]int64, len(names))
	same := make([]bool, len(names))
	parallel(len(names), func(i int) {
		fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(names[i])))
		if err == nil && outputs.Is(names[i], want[names[i]], fi) {
			same[i], sizes[i] = true, fi.Size()
		}
	})
	if slices.Contains(same, false) {
		return 0, 0, false
	}
	for _, s := range sizes {
		size += s
	}
	return len(names), size, true
}

var errChanged = errors.New("changed")

// keep waits until the files this build wrote are where the cache can
// take them from: on disk, or in memory. The error is the target's.
func (r *recorder) keep(target output.Target) error {
	if r.outputs == nil {
		return nil
	}
	switch t := target.(type) {
	case output.OnDisk:
		if err := t.Sync(); err != nil {
			return err
		}
		r.keepOne = func(name string, key buildcache.Key) error { return r.outputs.KeepFile(name, key, t.Path(name)) }
	case interface{ File(string) ([]byte, bool) }:
		r.keepOne = func(name string, key buildcache.Key) error {
			data, _ := t.File(name)
			return r.outputs.KeepData(name, key, data)
		}
	}
	return nil
}

// kept hands the files this build wrote to the cache: linked from the
// folder they were written to, or copied from memory. It reports whether
// the cache's list of kept files is now this build's. An error is the
// cache's: the build is sound without it.
func (r *recorder) kept() (saved bool, err error) {
	if r.keepOne == nil {
		return false, nil
	}
	errs := make([]error, len(r.fresh))
	parallel(len(r.fresh), func(i int) { errs[i] = r.keepOne(r.fresh[i].name, r.fresh[i].key) })
	for _, err := range errs {
		if err != nil {
			return false, err // the first says it: a full disk fails every file
		}
	}
	if err := r.outputs.Save(); err != nil {
		return false, err
	}
	return true, nil
}

// parallel calls f(0) … f(n-1) on as many goroutines as the file system
// overlaps: the cache's work is mostly waiting on it.
func parallel(n int, f func(i int)) {
	const workers = 8
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(workers, n) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
