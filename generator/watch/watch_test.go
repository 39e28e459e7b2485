package watch

import (
	"fmt"
	"os"
	"path"
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
		{"content/journeys/buy.md", Content},
		{"content/journeys/purchase/deep/er/buy.md", Content},
		{"content/personas/DANA.MD", Content},
		{"content/journeys/purchase", Content}, // a folder, renamed or deleted whole
		{"content", Content},
		{"content/journeys/photo.png", Ignore},
		{"content/journeys/notes.txt", Ignore},
		{"layouts/journey.html", Layout},
		{"layouts/partials/x.html", Layout},
		{"static/img/logo.svg", Static},
		{"static/css/site.css", Static},
		{"themes/default/layouts/base.html", Theme},
		{"themes/default/static/js/waymark.js", Theme},
		{"themes/other/layouts/base.html", Ignore},
		{"themes", Ignore},
		{"public/index.html", Ignore},
		{"README.md", Ignore},
		{"docs/site.toml", Ignore},
		{"content/site.toml", Ignore},
		{".git/index", Ignore},
		{".git", Ignore},
		{"content/.hidden.md", Ignore},
		{"content/journeys/.buy.md.swp", Ignore},
		{"content/journeys/.buy.md.swx", Ignore},
		{"content/journeys/buy.md.swp", Ignore},
		{"content/journeys/buy.md~", Ignore},
		{"content/journeys/4913", Ignore},
		{"content/journeys/.#buy.md", Ignore},
		{"content/journeys/#buy.md#", Ignore},
		{"content/journeys/buy.md___jb_tmp___", Ignore},
		{"content/journeys/buy.md___jb_old___", Ignore},
		{"content/journeys/buy.md.tmp", Ignore},
		{"content/journeys/buy.md.bak", Ignore},
		{"content/journeys/buy.md.orig", Ignore},
		{"content/journeys/Thumbs.db", Ignore},
		{"static/.DS_Store", Ignore},
		{"site.toml~", Ignore},
		{"", Ignore},
		{".", Ignore},
		{"content/../site.toml", Config},
	} {
		if got := Classify(tc.path, "default"); got != tc.want {
			t.Errorf("Classify(%q) = %v, want %v", tc.path, got, tc.want)
		}
	}
}

func FuzzClassify(f *testing.F) {
	for _, s := range []string{"site.toml", "content/a.md", "content/.a.md", "themes/default/x", "../x", "content/a/../../b.md", "\x00", "content//a.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		k := Classify(p, "default")
		if k < Ignore || k > Theme {
			t.Fatalf("Classify(%q) = %d, not a Kind", p, k)
		}
		// Classify cleans the path first ("a/../b"), so look at it as cleaned.
		for _, part := range strings.Split(path.Clean("/"+p), "/") {
			if strings.HasPrefix(part, ".") && part != "." && part != ".." && k != Ignore {
				t.Fatalf("Classify(%q) = %v, but it has a hidden segment", p, k)
			}
		}
	})
}

// site makes a watched site folder with a journey and an output folder.
func site(t *testing.T) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	for _, name := range []string{"site.toml", "content/journeys/buy.md", "content/personas/ana.md", "public/index.html"} {
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

// patience bounds each wait for a batch; it is not a timing assertion.
const patience = 10 * time.Second

// collect reads batches until every wanted path has been seen, and
// returns the batches.
func collect(t *testing.T, w *Watcher, want ...string) []Batch {
	t.Helper()
	seen := map[string]bool{}
	var got []Batch
	timeout := time.After(patience)
	for {
		missing := false
		for _, p := range want {
			if !seen[p] {
				missing = true
			}
		}
		if !missing {
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

func paths(bs []Batch) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Paths...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func TestWatcherEdits(t *testing.T) {
	root, w := site(t)
	buy := filepath.Join(root, "content/journeys/buy.md")

	t.Run("write in place", func(t *testing.T) {
		write(t, buy, "edited")
		if got := paths(collect(t, w, "content/journeys/buy.md")); !slices.Equal(got, []string{"content/journeys/buy.md"}) {
			t.Errorf("paths = %q", got)
		}
	})
	t.Run("vim: 4913, backup~, write, delete backup", func(t *testing.T) {
		dir := filepath.Dir(buy)
		write(t, filepath.Join(dir, "4913"), "")
		os.Remove(filepath.Join(dir, "4913"))
		os.Rename(buy, buy+"~")
		write(t, buy, "vim")
		os.Remove(buy + "~")
		write(t, filepath.Join(dir, ".buy.md.swp"), "swap")
		if got := paths(collect(t, w, "content/journeys/buy.md")); !slices.Equal(got, []string{"content/journeys/buy.md"}) {
			t.Errorf("paths = %q, want only buy.md", got)
		}
	})
	t.Run("VS Code and JetBrains: temp file renamed over", func(t *testing.T) {
		tmp := filepath.Join(filepath.Dir(buy), "buy.md___jb_tmp___")
		write(t, tmp, "jetbrains")
		if err := os.Rename(tmp, buy); err != nil {
			t.Fatal(err)
		}
		if got := paths(collect(t, w, "content/journeys/buy.md")); !slices.Equal(got, []string{"content/journeys/buy.md"}) {
			t.Errorf("paths = %q, want only buy.md", got)
		}
	})
	t.Run("rename reports both names", func(t *testing.T) {
		to := filepath.Join(root, "content/journeys/purchase.md")
		if err := os.Rename(buy, to); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/journeys/buy.md", "content/journeys/purchase.md")
		os.Rename(to, buy)
		collect(t, w, "content/journeys/buy.md")
	})
	t.Run("output folder is not watched", func(t *testing.T) {
		write(t, filepath.Join(root, "public/index.html"), "built")
		write(t, filepath.Join(root, "public/journeys/new/index.html"), "built")
		write(t, filepath.Join(root, "content/personas/ana.md"), "after")
		if got := paths(collect(t, w, "content/personas/ana.md")); !slices.Equal(got, []string{"content/personas/ana.md"}) {
			t.Errorf("paths = %q, want only ana.md", got)
		}
	})
}

func TestWatcherFolders(t *testing.T) {
	root, w := site(t)
	content := filepath.Join(root, "content/journeys")

	t.Run("new folder, file written at once", func(t *testing.T) {
		write(t, filepath.Join(content, "new/deeper/ride.md"), "x")
		collect(t, w, "content/journeys/new/deeper/ride.md")
		// The new folder is watched: a later edit is seen too.
		write(t, filepath.Join(content, "new/deeper/ride.md"), "y")
		collect(t, w, "content/journeys/new/deeper/ride.md")
	})
	t.Run("folder moved in with files inside", func(t *testing.T) {
		outside := filepath.Join(t.TempDir(), "batch")
		write(t, filepath.Join(outside, "a.md"), "a")
		write(t, filepath.Join(outside, "sub/b.md"), "b")
		if err := os.Rename(outside, filepath.Join(content, "batch")); err != nil {
			t.Skip("temp dir on another device:", err)
		}
		collect(t, w, "content/journeys/batch/a.md", "content/journeys/batch/sub/b.md")
	})
	t.Run("folder deleted and made again", func(t *testing.T) {
		dir := filepath.Join(content, "again")
		write(t, filepath.Join(dir, "one.md"), "1")
		collect(t, w, "content/journeys/again/one.md")
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/journeys/again")
		write(t, filepath.Join(dir, "two.md"), "2")
		collect(t, w, "content/journeys/again/two.md")
		write(t, filepath.Join(dir, "two.md"), "2 again")
		collect(t, w, "content/journeys/again/two.md")
	})
	t.Run("folder renamed", func(t *testing.T) {
		write(t, filepath.Join(content, "old/x.md"), "x")
		collect(t, w, "content/journeys/old/x.md")
		if err := os.Rename(filepath.Join(content, "old"), filepath.Join(content, "renamed")); err != nil {
			t.Fatal(err)
		}
		collect(t, w, "content/journeys/old", "content/journeys/renamed/x.md")
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
	root, w := site(t)
	// Events pending when Close is called must not block it.
	write(t, filepath.Join(root, "content/journeys/buy.md"), "pending")
	if err := w.Close(); err != nil {
		t.Errorf("Close = %v", err)
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
	for range w.Batches() {
		// drained; the channel is closed
	}
	if _, ok := <-w.Errors(); ok {
		t.Error("Errors is still open after Close")
	}
}

func TestNewMissingRoot(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Error("New on a missing folder succeeded")
	}
}
