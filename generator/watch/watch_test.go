package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestClassify(t *testing.T) {
	for _, tc := range []struct {
		path string
		want Kind
	}{
		{"site.toml", Config},
		{"docs/site.toml", Ignore},
		{"content/site.toml", Ignore},
		{"site.toml~", Ignore},
		{"Site.toml", Ignore},

		{"content/journeys/buy.md", Content},
		{"content/journeys/purchase/deep/er/buy.md", Content},
		{"content/personas/DANA.MD", Content},
		{"content/personas/dana.Md", Content},
		{"content/journeys/purchase", Content}, // a folder, made, renamed or deleted
		{"content", Content},
		{"data/kpis/checkout.csv", Content},
		{"data/kpis/2026/q4.CSV", Content},
		{"data/kpis/2026", Content}, // a folder
		{"data/kpis", Content},
		{"data", Content},
		{"data/kpis/checkout.xlsx", Ignore},        // not read: the loader warns of it on every build
		{"data/kpis/~$checkout.csv", Ignore},       // Excel's owner file while it has the file open
		{"data/kpis/.~lock.checkout.csv#", Ignore}, // LibreOffice's
		{"data/other/x.csv", Ignore},
		{"data/notes.csv", Ignore},
		{"content/journeys/photo.png", Ignore},
		{"content/journeys/notes.txt", Ignore},
		{"content/journeys/buy.markdown", Ignore},
		{"README.md", Ignore},
		{"docs/content/buy.md", Ignore},

		{"layouts/journey.html", Layout},
		{"layouts/partials/x.html", Layout},
		{"layouts", Layout},
		{"static/img/logo.svg", Static},
		{"static/css/site.css", Static},
		{"themes/default/layouts/base.html", Theme},
		{"themes/default/static/js/waymark.js", Theme},
		{"themes/default", Theme},
		{"themes", Theme},
		{"themes/other/layouts/base.html", Ignore},
		{"themes/defaultish/layouts/base.html", Ignore},

		{"public/index.html", Ignore},
		{"public/journeys/buy/index.html", Ignore},
		{"", Ignore},
		{".", Ignore},
		{"./site.toml", Ignore},
		{"content/../site.toml", Ignore},

		// Hidden files and folders.
		{".git/index", Ignore},
		{".git", Ignore},
		{"content/.hidden.md", Ignore},
		{"content/.drafts/buy.md", Ignore},
		{".github/workflows/site.yml", Ignore},
		{"layouts/.journey.html.swp", Ignore},
		{"content/journeys/.buy.md.swp", Ignore},
		{"content/journeys/.#buy.md", Ignore},
		{"static/.DS_Store", Ignore},
		{"content/.DS_Store", Ignore},

		// Editor and tool junk beside real files.
		{"content/journeys/buy.md~", Ignore},
		{"layouts/journey.html~", Ignore},
		{"content/journeys/buy.md.swp", Ignore},
		{"content/journeys/buy.md.swo", Ignore},
		{"content/journeys/buy.md.swx", Ignore},
		{"content/journeys/buy.md.SWP", Ignore},
		{"content/journeys/buy.md.tmp", Ignore},
		{"content/journeys/buy.md.bak", Ignore},
		{"content/journeys/buy.md.orig", Ignore},
		{"content/journeys/4913", Ignore},
		{"layouts/4913", Ignore},
		{"content/journeys/#buy.md#", Ignore},
		{"content/journeys/buy.md___jb_tmp___", Ignore},
		{"content/journeys/buy.md___jb_old___", Ignore},
		{"static/video.mp4.crdownload", Ignore},
		{"static/video.mp4.part", Ignore},
		{"static/Thumbs.db", Ignore},
		{"content/Thumbs.db", Ignore},
		{"content/journeys/49130", Content}, // only 4913 itself is vim's
		{"content/journeys/#", Content},     // a lone # is not an emacs auto-save
	} {
		if got := Classify(tc.path, "default"); got != tc.want {
			t.Errorf("Classify(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
	// Without a theme, no theme file matters.
	for _, p := range []string{"themes", "themes/default/x.html", "themes//x.html"} {
		if got := Classify(p, ""); got != Ignore {
			t.Errorf("Classify(%q, \"\") = %v, want ignore", p, got)
		}
	}
}

func TestKindString(t *testing.T) {
	for k, want := range map[Kind]string{Ignore: "ignore", Content: "content", Config: "config", Layout: "layout", Static: "static", Theme: "theme", 42: "Kind(42)"} {
		if got := k.String(); got != want {
			t.Errorf("Kind(%d).String() = %q, want %q", int(k), got, want)
		}
	}
}

func TestBatchOnly(t *testing.T) {
	var b Batch
	if b.Only(Content) {
		t.Error("empty batch: Only(Content)")
	}
	b.add("content/b.md", Content)
	b.add("content/a.md", Content)
	b.add("content/b.md", Content)
	if !b.Only(Content) || b.Only(Layout) {
		t.Errorf("content batch: Only(Content) = %v, Only(Layout) = %v", b.Only(Content), b.Only(Layout))
	}
	b.add("layouts/x.html", Layout)
	if b.Only(Content) || !b.Kinds[Layout] {
		t.Errorf("mixed batch %v: Only(Content) = true", b.Kinds)
	}
	if want := []string{"content/a.md", "content/b.md", "layouts/x.html"}; !slices.Equal(b.Paths, want) {
		t.Errorf("paths = %q, want %q", b.Paths, want)
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"site.toml", "content/a.md", "content/.a.md", "themes/default/x", "../x", "content/a/../../b.md", "\x00", "content//a.md", "content/#a#", ".git/HEAD"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		k := Classify(p, "default")
		if k < Ignore || k > Theme {
			t.Fatalf("Classify(%q) = %d, not a Kind", p, k)
		}
		for _, part := range strings.Split(p, "/") {
			if strings.HasPrefix(part, ".") && k != Ignore {
				t.Fatalf("Classify(%q) = %v, but it has a hidden segment", p, k)
			}
		}
	})
}

// site makes a watched site folder with two pages and built output.
func site(t *testing.T) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"site.toml", "content/journeys/buy.md", "content/personas/ana.md", "public/index.html", ".git/HEAD"} {
		write(t, filepath.Join(root, name), "x")
	}
	w, err := New(root, Options{Theme: "default", Skip: []string{"public"}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return root, w
}

func write(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// patience bounds each wait for a batch; it is not a timing assertion.
const patience = 5 * time.Second

// collect reads batches until every wanted path has been seen, and
// returns them.
func collect(t *testing.T, w *Watcher, want ...string) []Batch {
	t.Helper()
	seen := map[string]bool{}
	var got []Batch
	timeout := time.After(patience)
	for {
		if !slices.ContainsFunc(want, func(p string) bool { return !seen[p] }) {
			return got
		}
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("batches closed")
			}
			got = append(got, b)
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-timeout:
			t.Fatalf("waited for %q; got %v", want, got)
		}
	}
}

// exactly collects batches until want has been seen, and fails if any
// other path came with them.
func exactly(t *testing.T, w *Watcher, want ...string) {
	t.Helper()
	if got := paths(collect(t, w, want...)); !slices.Equal(got, want) {
		t.Errorf("paths = %q, want %q", got, want)
	}
}

// paths is every path of bs, sorted, each once.
func paths(bs []Batch) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Paths...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// drain reads and drops every batch up to a write of its own, so that
// what a step left behind cannot reach the next step. A folder created
// by a step, say, is scanned when it appears, and the writes into it may
// still come as events after the step has seen the files: a later
// subtest would get them. The watcher reports events in order, so every
// late one comes before the marker's.
func drain(t *testing.T, w *Watcher, root string) {
	t.Helper()
	marker := fmt.Sprintf("static/drain-%d.txt", time.Now().UnixNano())
	write(t, filepath.Join(root, filepath.FromSlash(marker)), "drain")
	collect(t, w, marker)
}

func TestWatcherEdits(t *testing.T) {
	root, w := site(t)
	dir := filepath.Join(root, "content/journeys")
	buy := filepath.Join(dir, "buy.md")
	step := func(name string, f func(t *testing.T)) {
		t.Helper()
		t.Run(name, f)
		drain(t, w, root)
	}

	step("write in place", func(t *testing.T) {
		write(t, buy, "edited")
		b := collect(t, w, "content/journeys/buy.md")
		if !b[0].Only(Content) {
			t.Errorf("kinds = %v, want only content", b[0].Kinds)
		}
	})
	step("config", func(t *testing.T) {
		write(t, filepath.Join(root, "site.toml"), "title = 'x'")
		b := collect(t, w, "site.toml")
		if !b[0].Kinds[Config] || b[0].Only(Content) {
			t.Errorf("kinds = %v, want config", b[0].Kinds)
		}
	})
	step("vim: 4913, backup~, write, delete backup", func(t *testing.T) {
		write(t, filepath.Join(dir, ".buy.md.swp"), "swap")
		write(t, filepath.Join(dir, "4913"), "")
		must(t, os.Remove(filepath.Join(dir, "4913")))
		must(t, os.Rename(buy, buy+"~"))
		write(t, buy, "vim")
		must(t, os.Remove(buy+"~"))
		must(t, os.Remove(filepath.Join(dir, ".buy.md.swp")))
		exactly(t, w, "content/journeys/buy.md")
	})
	step("VS Code: hidden temp file renamed over", func(t *testing.T) {
		tmp := filepath.Join(dir, ".buy.md.tmp-1234")
		write(t, tmp, "vscode")
		must(t, os.Rename(tmp, buy))
		exactly(t, w, "content/journeys/buy.md")
	})
	step("JetBrains: ___jb_tmp___, ___jb_old___", func(t *testing.T) {
		write(t, buy+"___jb_tmp___", "jetbrains")
		must(t, os.Rename(buy, buy+"___jb_old___"))
		must(t, os.Rename(buy+"___jb_tmp___", buy))
		must(t, os.Remove(buy+"___jb_old___"))
		exactly(t, w, "content/journeys/buy.md")
	})
	step("junk alone makes no batch", func(t *testing.T) {
		for _, junk := range []string{"buy.md~", "#buy.md#", ".#buy.md", "buy.md.bak", "photo.png", "Thumbs.db"} {
			write(t, filepath.Join(dir, junk), "junk")
		}
		must(t, os.Chmod(buy, 0o600))
		write(t, filepath.Join(root, "README.md"), "readme")
		write(t, filepath.Join(root, ".git/index"), "git")
		write(t, filepath.Join(root, "layouts/journey.html"), "layout")
		exactly(t, w, "layouts", "layouts/journey.html")
	})
	step("rename reports both names", func(t *testing.T) {
		to := filepath.Join(dir, "purchase.md")
		must(t, os.Rename(buy, to))
		exactly(t, w, "content/journeys/buy.md", "content/journeys/purchase.md")
		must(t, os.Rename(to, buy))
		exactly(t, w, "content/journeys/buy.md", "content/journeys/purchase.md")
	})
	step("delete", func(t *testing.T) {
		must(t, os.Remove(filepath.Join(root, "content/personas/ana.md")))
		exactly(t, w, "content/personas/ana.md")
	})
}

func TestWatcherSkip(t *testing.T) {
	root, w := site(t)
	write(t, filepath.Join(root, "public/index.html"), "built")
	write(t, filepath.Join(root, "public/journeys/new/index.html"), "built")
	must(t, os.RemoveAll(filepath.Join(root, "public")))
	write(t, filepath.Join(root, "public/index.html"), "built again")
	write(t, filepath.Join(root, "content/journeys/buy.md"), "after")
	exactly(t, w, "content/journeys/buy.md")
}

// Skip also takes an OS path, and a folder deep inside the site.
func TestWatcherSkipNested(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "static/out/x.css"), "x")
	w, err := New(root, Options{Skip: []string{filepath.Join(root, "static/out")}})
	must(t, err)
	defer w.Close()
	write(t, filepath.Join(root, "static/out/x.css"), "y")
	write(t, filepath.Join(root, "static/out/new/y.css"), "y")
	write(t, filepath.Join(root, "static/site.css"), "z")
	exactly(t, w, "static/site.css")
}

func TestWatcherFolders(t *testing.T) {
	root, w := site(t)
	dir := filepath.Join(root, "content/journeys")
	step := func(name string, f func(t *testing.T)) {
		t.Helper()
		t.Run(name, f)
		drain(t, w, root)
	}

	step("new folder, file written at once", func(t *testing.T) {
		write(t, filepath.Join(dir, "new/deeper/ride.md"), "x")
		collect(t, w, "content/journeys/new/deeper/ride.md")
		drain(t, w, root)
		// The new folders are watched: a later edit is seen too.
		write(t, filepath.Join(dir, "new/deeper/ride.md"), "y")
		exactly(t, w, "content/journeys/new/deeper/ride.md")
	})
	step("folder moved in with files inside", func(t *testing.T) {
		outside := filepath.Join(t.TempDir(), "batch")
		write(t, filepath.Join(outside, "a.md"), "a")
		write(t, filepath.Join(outside, "sub/b.md"), "b")
		write(t, filepath.Join(outside, "sub/b.md~"), "junk")
		if err := os.Rename(outside, filepath.Join(dir, "batch")); err != nil {
			t.Skip("temp dir on another device:", err)
		}
		exactly(t, w, "content/journeys/batch", "content/journeys/batch/a.md", "content/journeys/batch/sub/b.md")
		drain(t, w, root)
		write(t, filepath.Join(dir, "batch/sub/c.md"), "c")
		exactly(t, w, "content/journeys/batch/sub/c.md")
	})
	step("folder deleted and made again", func(t *testing.T) {
		again := filepath.Join(dir, "again")
		write(t, filepath.Join(again, "one.md"), "1")
		collect(t, w, "content/journeys/again/one.md")
		must(t, os.RemoveAll(again))
		collect(t, w, "content/journeys/again", "content/journeys/again/one.md")
		write(t, filepath.Join(again, "two.md"), "2")
		collect(t, w, "content/journeys/again/two.md")
		drain(t, w, root)
		write(t, filepath.Join(again, "two.md"), "2 again")
		exactly(t, w, "content/journeys/again/two.md")
	})
	step("folder renamed", func(t *testing.T) {
		old, renamed := filepath.Join(dir, "old"), filepath.Join(dir, "renamed")
		write(t, filepath.Join(old, "sub/x.md"), "x")
		collect(t, w, "content/journeys/old/sub/x.md")
		must(t, os.Rename(old, renamed))
		collect(t, w, "content/journeys/old", "content/journeys/renamed", "content/journeys/renamed/sub/x.md")
		drain(t, w, root)
		// Events in the moved folders carry the new name.
		write(t, filepath.Join(renamed, "sub/x.md"), "y")
		exactly(t, w, "content/journeys/renamed/sub/x.md")
		// The old name, made again, is watched again, and the moved
		// folders still are.
		write(t, filepath.Join(old, "sub/x.md"), "z")
		collect(t, w, "content/journeys/old/sub/x.md")
		drain(t, w, root)
		write(t, filepath.Join(old, "sub/x.md"), "zz")
		write(t, filepath.Join(renamed, "sub/x.md"), "yy")
		exactly(t, w, "content/journeys/old/sub/x.md", "content/journeys/renamed/sub/x.md")
	})
}

// A burst of writes arrives as fewer batches than writes, and nothing is
// lost.
func TestWatcherCoalesces(t *testing.T) {
	root, w := site(t)
	var want []string
	for i := range 10 {
		want = append(want, fmt.Sprintf("content/journeys/j%d.md", i))
	}
	writes := 0
	for round := range 5 {
		for _, p := range want {
			write(t, filepath.Join(root, p), fmt.Sprint(round))
			writes++
		}
	}
	got := collect(t, w, want...)
	if len(got) >= writes {
		t.Errorf("%d writes came as %d batches; want them coalesced", writes, len(got))
	}
	if p := paths(got); !slices.Equal(p, want) {
		t.Errorf("paths = %q, want %q", p, want)
	}
}

func TestWatcherClose(t *testing.T) {
	closed := func(t *testing.T, w *Watcher) {
		t.Helper()
		must(t, w.Close())
		must(t, w.Close())
		for range w.Batches() {
			// a batch may have been sent before Close; then it is closed
		}
		if _, ok := <-w.Errors(); ok {
			t.Error("Errors is still open after Close")
		}
	}
	t.Run("idle", func(t *testing.T) {
		_, w := site(t)
		closed(t, w)
	})
	t.Run("events pending", func(t *testing.T) {
		root, w := site(t)
		write(t, filepath.Join(root, "content/journeys/buy.md"), "pending")
		closed(t, w)
	})
	t.Run("batch ready, nobody reading", func(t *testing.T) {
		root, w := site(t)
		write(t, filepath.Join(root, "content/journeys/buy.md"), "pending")
		// Not a timing assertion: only gives the batch time to be ready,
		// so that Close finds the watcher trying to send it.
		time.Sleep(2 * maxWait)
		closed(t, w)
	})
}

func TestNewMissingRoot(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Error("New on a missing folder succeeded")
	}
}
