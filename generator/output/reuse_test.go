package output

import (
	"os"
	"path/filepath"
	"testing"
)

// Reuse puts a kept file in every kind of target: hard-linked into a
// published folder and a live one (the same file, no bytes copied), read
// into memory; and counts it as written.
func TestReuse(t *testing.T) {
	kept := filepath.Join(t.TempDir(), "kept")
	if err := os.WriteFile(kept, []byte("<p>kept</p>"), 0o644); err != nil {
		t.Fatal(err)
	}
	sameFile := func(t *testing.T, path string) {
		t.Helper()
		a, err := os.Stat(kept)
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if !os.SameFile(a, b) {
			t.Errorf("%s is a copy, not a link to the kept file", path)
		}
	}

	dest := filepath.Join(t.TempDir(), "public")
	err := Publish(dest, false, func(target Target) error {
		w := NewWriter(target, true)
		if err := w.Reuse("journeys/buy/index.html", kept, 11); err != nil {
			return err
		}
		if files, bytes := w.Stats(); files != 1 || bytes != 11 {
			t.Errorf("Stats = %d files, %d bytes; want 1, 11", files, bytes)
		}
		// A target on disk tells where its files are once they are.
		d := target.(OnDisk)
		if err := w.Write("a.txt", []byte("a")); err != nil {
			return err
		}
		if err := d.Sync(); err != nil {
			return err
		}
		if data, err := os.ReadFile(d.Path("a.txt")); err != nil || string(data) != "a" {
			t.Errorf("after Sync, Path(a.txt) holds %q, %v", data, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sameFile(t, filepath.Join(dest, "journeys", "buy", "index.html"))

	live, err := OpenDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if err := NewWriter(live, false).Reuse("journeys/sell/index.html", kept, 11); err != nil {
		t.Fatal(err)
	}
	sameFile(t, filepath.Join(dest, "journeys", "sell", "index.html"))
	if err := NewWriter(live, false).Reuse("../outside.html", kept, 11); err == nil {
		t.Error("a name outside the folder was linked")
	}

	mem := NewMemory()
	if err := NewWriter(mem, false).Reuse("index.html", kept, 11); err != nil {
		t.Fatal(err)
	}
	if names := mem.Names(); len(names) != 1 || names[0] != "index.html" {
		t.Errorf("Names = %q", names)
	}
	if data, _ := mem.File("index.html"); string(data) != "<p>kept</p>" {
		t.Errorf("memory holds %q", data)
	}
	// A linked file is read when first asked for; one that is gone by
	// then is not there.
	gone := filepath.Join(t.TempDir(), "gone")
	os.WriteFile(gone, []byte("x"), 0o644)
	mem.LinkFile("gone.html", gone)
	os.Remove(gone)
	if _, ok := mem.File("gone.html"); ok {
		t.Error("a linked file that is gone was served")
	}
	// Written over, a linked file is what was written.
	mem.LinkFile("over.html", kept)
	mem.WriteFile("over.html", []byte("new"))
	if data, _ := mem.File("over.html"); string(data) != "new" {
		t.Errorf("over.html holds %q", data)
	}
}

// Where no link can be made, the file is copied.
func TestLinkOrCopyAcrossFileSystems(t *testing.T) {
	src := filepath.Join(t.TempDir(), "src")
	if err := os.WriteFile(src, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	dst := "/dev/shm/waymark-linktest-" + filepath.Base(t.TempDir())
	if st, err := os.Stat("/dev/shm"); err != nil || !st.IsDir() {
		t.Skip("no /dev/shm: no second file system to copy to")
	}
	defer os.Remove(dst)
	if err := linkOrCopy(src, dst); err != nil {
		t.Fatal(err)
	}
	if data, err := os.ReadFile(dst); err != nil || string(data) != "x" {
		t.Errorf("copied %q, %v", data, err)
	}
}

// A build that finds the folder it replaces up to date leaves it as it
// is, and no new folder behind.
func TestPublishUnchanged(t *testing.T) {
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	write := func(target Target) error { return target.WriteFile("index.html", []byte("one")) }
	if err := Publish(dest, false, write); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(filepath.Join(dest, "index.html"))
	err := Publish(dest, false, func(target Target) error {
		if got := target.(Replacing).Replaced(); got != dest {
			t.Errorf("Replaced() = %q, want %q", got, dest)
		}
		return ErrUnchanged
	})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := os.Stat(filepath.Join(dest, "index.html"))
	if !os.SameFile(before, after) {
		t.Error("the folder was replaced")
	}
	if entries, _ := os.ReadDir(parent); len(entries) != 1 {
		t.Errorf("left beside it: %v", entries)
	}
}
