package output

import (
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

// A recycled folder ends up holding exactly what the build wrote, as a
// new folder would, whatever the spare held at each name: the file the
// build links (kept as it is), another file, a link, a folder, a file
// where a folder must go. Nothing is written through a link or into a
// file the spare shares with the cache.
func TestRecycledFolder(t *testing.T) {
	base := t.TempDir()
	cache := filepath.Join(base, "cache")
	outside := filepath.Join(base, "outside")
	writeTree(t, cache, map[string]string{"kept": "kept page", "other": "other page", "shared": "the cache's"})
	writeTree(t, outside, map[string]string{"victim": "untouched"})

	spare := filepath.Join(base, "spare")
	writeTree(t, spare, map[string]string{
		"gone.html":            "a page no longer built",
		"gone/deep/index.html": "a folder no longer built",
		"stale.html":           "last build's version",
		"was-dir/index.html":   "a folder where a file now goes",
		"was-file":             "a file where a folder now goes",
		"journeys/a/keep.txt":  "replaced below",
	})
	for name, src := range map[string]string{"kept.html": "kept", "relinked.html": "kept", "written.html": "shared"} {
		if err := os.Link(filepath.Join(cache, src), filepath.Join(spare, name)); err != nil {
			t.Skipf("hard links not available: %v", err)
		}
	}
	if err := os.Symlink(filepath.Join(outside, "victim"), filepath.Join(spare, "link.html")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	if err := os.Symlink(outside, filepath.Join(spare, "linkdir")); err != nil {
		t.Fatal(err)
	}

	f := newFreshDir(spare)
	f.spare = listSpare(spare)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.LinkFile("kept.html", filepath.Join(cache, "kept")))       // the very file
	must(f.LinkFile("relinked.html", filepath.Join(cache, "other")))  // another file now
	must(f.WriteFile("written.html", []byte("rendered")))             // was the cache's file
	must(f.WriteFile("stale.html", []byte("this build's version")))   // a plain file
	must(f.WriteFile("link.html", []byte("not through the link")))    // a link to outside
	must(f.WriteFile("linkdir/index.html", []byte("not in outside"))) // a link to a folder
	must(f.WriteFile("was-dir", []byte("a file now")))
	must(f.WriteFile("was-file/index.html", []byte("a folder now")))
	must(f.WriteFile("journeys/a/index.html", []byte("a page")))
	must(f.WriteFile("journeys/b/index.html", []byte("a new page")))
	must(f.spare.clear(spare))

	want := map[string]string{
		"journeys/": "", "journeys/a/": "", "journeys/b/": "", "linkdir/": "", "was-file/": "",
		"kept.html":             "kept page",
		"relinked.html":         "other page",
		"written.html":          "rendered",
		"stale.html":            "this build's version",
		"link.html":             "not through the link",
		"linkdir/index.html":    "not in outside",
		"was-dir":               "a file now",
		"was-file/index.html":   "a folder now",
		"journeys/a/index.html": "a page",
		"journeys/b/index.html": "a new page",
	}
	if got := tree(t, spare); !maps.Equal(got, want) {
		t.Errorf("the folder holds\n%v\nwant\n%v", got, want)
	}
	if got := tree(t, cache); got["shared"] != "the cache's" || got["kept"] != "kept page" || got["other"] != "other page" {
		t.Errorf("the cache's files were written into: %v", got)
	}
	if got := tree(t, outside); !maps.Equal(got, map[string]string{"victim": "untouched"}) {
		t.Errorf("written through a link: %v", got)
	}
	if n := f.spare.kept.Load(); n != 1 {
		t.Errorf("%d files kept as they were, want 1 (kept.html)", n)
	}
	for _, gone := range []string{"gone", "journeys/a/keep.txt"} {
		if _, err := os.Lstat(filepath.Join(spare, gone)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s is still there: %v", gone, err)
		}
	}
}

// Publishing with a spare keeps the site it replaced there, and the
// next publish makes its new folder from it: the files it links again
// are kept as they are. A build that fails, or finds its folder up to
// date, leaves the site and keeps the spare.
func TestPublishRecycles(t *testing.T) {
	base := t.TempDir()
	dest := filepath.Join(base, "public")
	cache := filepath.Join(base, "cache")
	spare := filepath.Join(cache, "spare-site")
	writeTree(t, cache, map[string]string{"page": "a kept page"})
	opts := PublishOptions{Spare: spare}

	site := func(version string) func(Target) error {
		return func(tg Target) error {
			if err := tg.(Linker).LinkFile("journeys/kept/index.html", filepath.Join(cache, "page")); err != nil {
				return err
			}
			return tg.WriteFile("index.html", []byte(version))
		}
	}
	for _, v := range []string{"one", "two", "three"} {
		if err := PublishWith(dest, opts, site(v)); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{"journeys/": "", "journeys/kept/": "", "journeys/kept/index.html": "a kept page", "index.html": "three", Marker: markerText}
	if got := tree(t, dest); !maps.Equal(got, want) {
		t.Errorf("dest holds %v, want %v", got, want)
	}
	want["index.html"] = "two"
	if got := tree(t, spare); !maps.Equal(got, want) {
		t.Errorf("the spare holds %v, want the site before: %v", got, want)
	}
	// The publish before was made from the spare: its kept page is the
	// cache's file, as a new folder's would be.
	fi, _ := os.Stat(filepath.Join(dest, "journeys/kept/index.html"))
	fc, _ := os.Stat(filepath.Join(cache, "page"))
	if !os.SameFile(fi, fc) {
		t.Error("the kept page is not the cache's file")
	}

	failed := errors.New("the build failed")
	for _, build := range []func(Target) error{
		func(tg Target) error { tg.WriteFile("index.html", []byte("half")); return failed },
		func(Target) error { return ErrUnchanged },
	} {
		if err := PublishWith(dest, opts, build); err != nil && !errors.Is(err, failed) {
			t.Fatal(err)
		}
		if got := tree(t, dest)["index.html"]; got != "three" {
			t.Errorf("dest's index.html is %q after a build that did not publish", got)
		}
		if _, err := os.Stat(spare); err != nil {
			t.Errorf("the spare is gone: %v", err)
		}
	}
	if left := leftovers(t, dest); len(left) > 0 {
		t.Errorf("left beside dest: %v", left)
	}
}
