package build

import (
	"io/fs"
	"slices"
	"time"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
)

// A full build with a cache keeps a fingerprint of its sources: a key
// over everything its output depends on. The next one-off build with the
// same options hashes the sources again, before anything is decoded, and
// when they are the same and the folder it replaces is still that
// build's, it has nothing to do: it neither decodes the store of decoded
// files, nor loads, nor works out the pages' keys. The review server
// serves that build's files at once (Prefill).
//
// What the key covers: siteKey (site.toml, the site's layouts/ and
// themes/, the options: drafts, minify, the base URL), the contents of
// every file under static/, the contents of every content and KPI data
// file the loader reads, as its walk lists them (content.Walk), with
// what that walk found wrong. The version of waymark (its built-in theme
// with it) is in the record's header. Contents are hashed, never
// trusted by their times: the cache is not trusted over the sources.
//
// The date is not in the key. A build's output depends on it only
// through what is out of date (staleFiles, and the warnings' ages),
// which stays the same until content.Site.NextStaleChange: the record
// says from when until when it holds, and is not taken outside that.

// fingerprint is what a full build keeps of itself for the next build
// with the same options: the key of its sources, and what that build
// reports.
type fingerprint struct {
	Sources buildcache.Key
	// From the build's date until Until (for ever when zero), a build
	// shows and warns of what it did.
	From, Until time.Time
	// Outputs is the digest of the list of files the build kept
	// (buildcache.Outputs.Digest): the files it wrote.
	Outputs buildcache.Key
	// Decoded is the store of decoded files as the build left it
	// (buildcache.Cache.DecodedStamp): a store damaged since is noticed
	// by the next build, which then loads and says so, rather than lying
	// unread.
	Decoded string

	Journeys, Personas int
	Pages              int
	Warnings           diag.List
	// The files and bytes are not kept: a build that takes the folder as
	// it is counts them there, as one that loads does (unchanged).
}

// siteSources is what a build's sources are besides the content: the
// profile of its options, and a key of siteKey (site.toml, layouts,
// themes, the options) and the static files: the bytes the build renders
// with and copies, as siteFiles holds them, so that a file changed while
// it runs is a change for the next build.
type siteSources struct {
	profile, key buildcache.Key
}

// siteSources works out the siteSources of site, the site's files as
// the build reads them; ok is false when site.toml or the base URL
// cannot be read, which the build that loads says.
func (b *Builder) siteSources(site siteFiles) (s siteSources, ok bool) {
	cfg, errs := config.Load(site.FS)
	if cfg == nil || len(errs) > 0 || (b.opts.BaseURL != "" && cfg.SetBaseURL(b.opts.BaseURL) != nil) {
		return s, false
	}
	key := b.siteKey(site, cfg)
	h := buildcache.NewHasher().Add(key[:])
	static := filesUnder(site.FS, content.StaticDir)
	for i, sum := range hashFiles(site.FS, static) {
		h.Add([]byte(static[i]), sum[:])
	}
	return siteSources{profile: b.profileKey(cfg), key: h.Key()}, true
}

// sourcesKey is the key of the sources of a site: site, and the content
// files as files lists them, with sums their contents' hashes, and what
// the walk found.
func sourcesKey(site siteSources, files *content.Files, sums []content.Hash) buildcache.Key {
	h := buildcache.NewHasher().Add(site.key[:])
	for _, d := range files.Problems {
		h.AddString(d.Pos.String(), d.Severity.String(), d.Msg, d.Hint)
	}
	for i, f := range contentFiles(files) {
		h.Add([]byte(f), sums[i][:])
	}
	return h.Key()
}

// contentFiles are the files whose hashes sourcesKey takes, in order.
func contentFiles(files *content.Files) []string { return slices.Concat(files.Content, files.KPIs) }

// hashFiles reads and hashes files, on several goroutines. A file that
// cannot be read has the zero hash: no build that succeeded read it so.
func hashFiles(root fs.FS, files []string) []content.Hash {
	sums := make([]content.Hash, len(files))
	parallel(len(files), func(i int) {
		if data, err := fs.ReadFile(root, files[i]); err == nil {
			sums[i] = content.HashOf(data)
		}
	})
	return sums
}

// lastBuild is the last full build with a profile: its fingerprint, and
// the files it kept.
type lastBuild struct {
	fingerprint
	profile buildcache.Key
	// outputs is nil when they were not read: a build that goes on to
	// load reads them then, and says once what is wrong with them.
	outputs *buildcache.Outputs
}

// sameAsLastBuild returns the last full build with these options, and
// whether the site's sources are still the same as then, its store of
// decoded files as it left it, and now within the dates its output holds
// for. files and site are the site's sources as content.Walk lists them
// and siteSources works them out.
func (b *Builder) sameAsLastBuild(now time.Time, site siteSources, files *content.Files) (last lastBuild, same bool) {
	last.profile = site.profile
	if !b.opts.Cache.Fingerprint(last.profile, &last.fingerprint) ||
		now.Before(last.From) || (!last.Until.IsZero() && !now.Before(last.Until)) ||
		b.opts.Cache.DecodedStamp() != last.Decoded {
		return last, false
	}
	names := contentFiles(files)
	sums := hashFiles(b.opts.Root, names)
	// Read once: the load that follows when something changed takes
	// what it holds decoded by these sums rather than read every file
	// again (0.4 s at 10,000 journeys).
	files.Sums = make(map[string]content.Hash, len(names))
	for i, f := range names {
		if sums[i] != (content.Hash{}) {
			files.Sums[f] = sums[i]
		}
	}
	if sourcesKey(site, files, sums) != last.Sources {
		return last, false
	}
	last.outputs = b.opts.Cache.Outputs(last.profile)
	// Another build with these options may have kept other files since.
	return last, last.outputs.Digest() == last.Outputs
}

// unchangedSince reports whether the sources are those of the last full
// build with these options, and the folder target replaces still holds
// exactly its files: then the build is done, and its Result says what
// that build's did. Else it returns what it found of the last build.
func (b *Builder) unchangedSince(target output.Target, now time.Time, site siteSources, files *content.Files) (Result, lastBuild, bool) {
	rep, ok := target.(output.Replacing)
	if !ok || rep.Replaced() == "" {
		return Result{}, lastBuild{}, false
	}
	last, ok := b.sameAsLastBuild(now, site, files)
	if !ok {
		return Result{}, last, false
	}
	n, size, ok := sameFolder(rep.Replaced(), last.outputs, last.outputs.Kept())
	if !ok {
		return Result{}, last, false
	}
	return Result{Stats: Stats{Journeys: last.Journeys, Personas: last.Personas, Files: n, Bytes: size,
		Reused: last.Pages, Warnings: last.Warnings, SourcesUnchanged: true}, Full: true}, last, true
}

// keepFingerprint records the fingerprint of a full build that
// succeeded with the options of profile, whose kept files outputs lists
// as stored. sources are its sources as it found them before it read
// them, and hashes the content files as its load read them: what the
// output was made from, at the latest. None is kept when its profile
// is not the one sources were worked out for (site.toml changed as it
// ran), or a file has no hash (the load could not read it).
func (b *Builder) keepFingerprint(sources siteSources, profile buildcache.Key, files *content.Files,
	hashes map[string]content.Hash, site *content.Site, now time.Time, outputs *buildcache.Outputs, pages int) {
	names := contentFiles(files)
	sums := make([]content.Hash, len(names))
	for i, f := range names {
		var ok bool
		if sums[i], ok = hashes[f]; !ok {
			return
		}
	}
	if profile != sources.profile {
		return
	}
	fp := fingerprint{Sources: sourcesKey(sources, files, sums), From: now, Until: site.NextStaleChange(now),
		Outputs: outputs.Digest(), Decoded: b.opts.Cache.DecodedStamp(),
		Journeys: len(site.Journeys), Personas: len(site.Personas), Pages: pages, Warnings: site.Warnings}
	if err := b.opts.Cache.SaveFingerprint(profile, fp); err != nil {
		b.opts.Cache.Failed(err)
	}
}

// Prefill puts into target the files of the last full build with these
// options, when the site's sources are still as they were then (see
// sameAsLastBuild), and reports whether it did: the review server serves them
// at once, while its first build, which it needs for its rebuilds,
// runs. That build's Result says which of its files are not the same
// (Result.AfterPrefill).
func (b *Builder) Prefill(target output.Linker) bool {
	if b.opts.Cache == nil {
		return false
	}
	site, ok := b.siteSources(readSiteFiles(b.opts.Root))
	if !ok {
		return false
	}
	last, ok := b.sameAsLastBuild(b.now(), site, content.Walk(b.opts.Root))
	if !ok {
		return false
	}
	type kept struct {
		name, path string
		key        buildcache.Key
	}
	var files []kept
	for name, key := range last.outputs.Kept() {
		files = append(files, kept{name: name, key: key})
	}
	found := make([]bool, len(files))
	parallel(len(files), func(i int) {
		files[i].path, _, found[i] = last.outputs.Lookup(files[i].name, files[i].key)
	})
	if slices.Contains(found, false) {
		return false // a kept file is gone, or not as it was kept
	}
	b.prefilled = make(map[string]buildcache.Key, len(files))
	for _, f := range files {
		if err := target.LinkFile(f.name, f.path); err != nil {
			return false // the first build replaces what was put there
		}
		b.prefilled[f.name] = f.key
	}
	return true
}
