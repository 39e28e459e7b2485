package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A freshDir keeps every name inside its folder without os.Root: names
// that are not local are refused before anything is made, and a link
// that came into the folder (a cache's file that was itself a link,
// hard-linked in) is never written through, as a file or as a folder.
func TestFreshDirConfined(t *testing.T) {
	base := t.TempDir()
	inside := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{inside, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A cache that holds links rather than files.
	cache := t.TempDir()
	for name, target := range map[string]string{"to-dir": outside, "to-file": filepath.Join(outside, "victim")} {
		if err := os.Symlink(target, filepath.Join(cache, name)); err != nil {
			t.Skipf("symlinks not available: %v", err)
		}
	}
	if err := os.WriteFile(filepath.Join(outside, "victim"), []byte("untouched"), 0o644); err != nil {
		t.Fatal(err)
	}
	f := newFreshDir(inside)
	for name, src := range map[string]string{"link": "to-dir", "a/linked.html": "to-file"} {
		if err := f.LinkFile(name, filepath.Join(cache, src)); err != nil {
			t.Fatalf("LinkFile(%s): %v", name, err)
		}
	}

	tests := []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"journeys/buy/index.html", true},
		{"journeys/buy/map.json", true}, // a folder made already
		{"./css/waymark.css", true},
		{"journeys/./sell/index.html", true},
		{"../x", false},
		{"../outside/x", false},
		{"a/../../x", false},
		{"/etc/x", false},
		{"/x", false},
		{"", false},
		{"link/x", false},     // a folder where a link is
		{"link/sub/x", false}, // and under it
		{"a/linked.html", false},
		{"a/linked.html/x", false},
	}
	for _, tt := range tests {
		err := f.WriteFile(tt.name, []byte("data"))
		if (err == nil) != tt.ok {
			t.Errorf("WriteFile(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
		if tt.ok {
			if data, err := os.ReadFile(f.Path(filepath.Clean(tt.name))); err != nil || string(data) != "data" {
				t.Errorf("%s = %q, %v", tt.name, data, err)
			}
		}
	}
	for _, name := range []string{"../escaped", "link/x"} {
		if err := f.LinkFile(name, filepath.Join(outside, "victim")); err == nil {
			t.Errorf("LinkFile(%q) succeeded", name)
		}
	}
	entries, _ := os.ReadDir(outside)
	if len(entries) != 1 {
		t.Errorf("files written outside the folder: %v", entries)
	}
	if data, _ := os.ReadFile(filepath.Join(outside, "victim")); string(data) != "untouched" {
		t.Errorf("written through a link: victim = %q", data)
	}
	entries, _ = os.ReadDir(base)
	if len(entries) != 2 {
		t.Errorf("files written beside the folder: %v", entries)
	}
}

// A name written twice keeps the last data (a static file named like a
// page), and a folder whose place a file took is an error, not a panic.
func TestFreshDirRewrite(t *testing.T) {
	f := newFreshDir(t.TempDir())
	for _, data := range []string{"a longer page", "static"} {
		if err := f.WriteFile("index.html", []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if got, _ := os.ReadFile(f.Path("index.html")); string(got) != "static" {
		t.Errorf("index.html = %q, want the last one written", got)
	}
	if err := f.WriteFile("index.html/x", nil); err == nil || !strings.Contains(err.Error(), "index.html") {
		t.Errorf("a file under a file: %v", err)
	}
	// The failure is kept: the folder is not tried again.
	if err := f.WriteFile("index.html/y", nil); err == nil {
		t.Error("a second file under a file was written")
	}
}

// removeTree removes a folder of folders and files, and what it cannot
// walk it leaves to os.RemoveAll; a folder that is not there is no error.
func TestRemoveTree(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "site")
	f := newFreshDir(dir)
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"index.html", "a/b/c/deep.html", "a/b/other.html", "a/x.json", "empty/.keep"} {
		if err := f.WriteFile(name, []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "a", "empty"), 0o755); err != nil {
		t.Fatal(err)
	}
	outside := filepath.Join(t.TempDir(), "kept.html")
	if err := os.WriteFile(outside, []byte("kept"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(outside), filepath.Join(dir, "a", "link")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	if err := removeTree(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Lstat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder is still there: %v", err)
	}
	if data, err := os.ReadFile(outside); err != nil || string(data) != "kept" {
		t.Errorf("a file a link pointed to was removed: %q, %v", data, err)
	}
	if err := removeTree(dir); err != nil {
		t.Errorf("removing a folder that is not there: %v", err)
	}
}
