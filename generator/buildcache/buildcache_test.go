package buildcache

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func key(s string) Key { return NewHasher().AddString(s).Key() }

// A kept file is found by its name and key while it is as it was kept;
// one edited (in place, so under the same inode) is not; Save drops the
// files no list keeps any more.
func TestOutputs(t *testing.T) {
	c, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	profile := key("plain")
	o := c.Outputs(profile)
	if err := o.KeepData("a.html", key("a1"), []byte("a")); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "b.html")
	os.WriteFile(src, []byte("b"), 0o644)
	if err := o.KeepFile("b.html", key("b1"), src); err != nil {
		t.Fatal(err)
	}
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}

	o = c.Outputs(profile)
	if _, _, ok := o.Lookup("a.html", key("a2")); ok {
		t.Error("found under another key")
	}
	path, size, ok := o.Lookup("a.html", key("a1"))
	if data, _ := os.ReadFile(path); !ok || size != 1 || string(data) != "a" {
		t.Errorf("Lookup(a.html) = %q, %d, %v", data, size, ok)
	}
	// b.html is edited in place: the same file, new contents.
	time.Sleep(10 * time.Millisecond)
	if err := os.WriteFile(src, []byte("B!"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := o.Lookup("b.html", key("b1")); ok {
		t.Error("a kept file edited since was used")
	}
	if err := o.KeepData("b.html", key("b2"), []byte("b2")); err != nil {
		t.Fatal(err)
	}
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(o.path(key("b1"))); !os.IsNotExist(err) {
		t.Errorf("the file no list keeps is still there: %v", err)
	}
	if _, err := os.Stat(o.path(key("a1"))); err != nil {
		t.Errorf("a file still kept was removed: %v", err)
	}
	if notes := c.Notes(); len(notes) > 0 {
		t.Errorf("notes: %q", notes)
	}
}

// A build that keeps its output folder as it is carries what the last
// one kept over without looking at the files, and Save then leaves the
// list as it is; carrying only some of it drops the rest.
func TestOutputsCarry(t *testing.T) {
	c, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	profile := key("plain")
	o := c.Outputs(profile)
	for _, name := range []string{"a.html", "b.html"} {
		if err := o.KeepData(name, key(name), []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	list := filepath.Join(c.dir, o.name())
	before, err := os.Stat(list)
	if err != nil {
		t.Fatal(err)
	}

	o = c.Outputs(profile)
	for _, tt := range []struct {
		name string
		key  Key
		want bool
	}{{"a.html", key("a.html"), true}, {"a.html", key("b.html"), false}, {"c.html", key("c.html"), false}} {
		if got := o.Recorded(tt.name, tt.key); got != tt.want {
			t.Errorf("Recorded(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	o.Carry([]string{"a.html", "b.html", "never-kept.html"})
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	if after, err := os.Stat(list); err != nil || !os.SameFile(before, after) {
		t.Errorf("the list was written again with nothing changed (%v)", err)
	}

	o = c.Outputs(profile)
	o.Carry([]string{"a.html"})
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(o.path(key("b.html"))); !os.IsNotExist(err) {
		t.Errorf("b.html, no longer carried, is still kept: %v", err)
	}
	if o = c.Outputs(profile); !o.Recorded("a.html", key("a.html")) || o.Recorded("b.html", key("b.html")) {
		t.Error("the list saved is not what was carried")
	}
}

// Files from another version of waymark are ignored, said once; a list
// made with other settings is ignored without a word.
func TestOtherVersion(t *testing.T) {
	dir := t.TempDir()
	old, _ := Open(dir, "v1")
	o := old.Outputs(key("plain"))
	o.KeepData("a.html", key("a"), []byte("a"))
	o.Save()
	old.SaveDecoded(key("site"), func(w io.Writer) error { _, err := w.Write([]byte("decoded")); return err })

	c, _ := Open(dir, "v2")
	if data := c.Decoded(key("site")); data != nil {
		t.Errorf("decoded files of another version: %q", data)
	}
	if _, _, ok := c.Outputs(key("plain")).Lookup("a.html", key("a")); ok {
		t.Error("a page of another version was used")
	}
	if notes := c.Notes(); len(notes) != 1 || !strings.Contains(notes[0], "another version of waymark") {
		t.Errorf("notes: %q", notes)
	}

	again, _ := Open(dir, "v1")
	if data := again.Decoded(key("other settings")); data != nil || len(again.Notes()) > 0 {
		t.Errorf("decoded files for other settings: %q, notes %q", data, again.Notes())
	}
	if data := again.Decoded(key("site")); string(data) != "decoded" {
		t.Errorf("decoded files = %q", data)
	}
}

// The digest of a list is the same read back as Save stored it, and
// differs when any file kept differs.
func TestOutputsDigest(t *testing.T) {
	c, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	profile := key("plain")
	o := c.Outputs(profile)
	empty := o.Digest()
	for _, name := range []string{"a.html", "b.html"} {
		if err := o.KeepData(name, key(name), []byte(name)); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	saved := o.Digest()
	if saved == empty {
		t.Error("the digest is the empty list's after Save")
	}
	if got := c.Outputs(profile).Digest(); got != saved {
		t.Error("the list read back has another digest than the one Save stored")
	}
	if kept := c.Outputs(profile).Kept(); len(kept) != 2 || kept["a.html"] != key("a.html") {
		t.Errorf("Kept() = %v", kept)
	}

	// Carried as it was, the list is not stored again.
	o = c.Outputs(profile)
	o.Carry([]string{"a.html", "b.html"})
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	if o.Digest() != saved {
		t.Error("a list carried over has another digest")
	}
	// The same names and keys, b.html kept again (another file on disk).
	o = c.Outputs(profile)
	o.Carry([]string{"a.html"})
	if err := o.KeepData("b.html", key("b.html"), []byte("b.html")); err != nil {
		t.Fatal(err)
	}
	if err := o.Save(); err != nil {
		t.Fatal(err)
	}
	if o.Digest() == saved || c.Outputs(profile).Digest() != o.Digest() {
		t.Error("a file kept anew leaves the digest as it was")
	}
}

// A fingerprint comes back as it was saved, for its profile only; a
// damaged or foreign one is ignored with a note.
func TestFingerprint(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, "v1")
	if err != nil {
		t.Fatal(err)
	}
	type record struct {
		Sources Key
		Pages   int
	}
	var got record
	if c.Fingerprint(key("plain"), &got) {
		t.Error("a fingerprint read before any was saved")
	}
	want := record{key("sources"), 7}
	if err := c.SaveFingerprint(key("plain"), want); err != nil {
		t.Fatal(err)
	}
	if !c.Fingerprint(key("plain"), &got) || got != want {
		t.Errorf("Fingerprint = %+v, want %+v", got, want)
	}
	if c.Fingerprint(key("minified"), &got) {
		t.Error("another profile's fingerprint was read")
	}
	if notes := c.Notes(); len(notes) > 0 {
		t.Errorf("notes: %q", notes)
	}

	file := filepath.Join(dir, fingerprintName(key("plain")))
	data, _ := os.ReadFile(file)
	for _, tt := range []struct {
		name, want string
		data       []byte
	}{
		{"damaged", "ignored the fingerprint of the last build: it is damaged; checking the site file by file", data[:len(data)-3]},
		{"foreign", "ignored the fingerprint of the last build: the file is not one of waymark's", []byte("PK\x03\x04")},
	} {
		if err := os.WriteFile(file, tt.data, 0o644); err != nil {
			t.Fatal(err)
		}
		if c.Fingerprint(key("plain"), &got) {
			t.Errorf("%s: read", tt.name)
		}
		if notes := c.Notes(); len(notes) != 1 || !strings.Contains(notes[0], tt.want) {
			t.Errorf("%s: notes %q, want one with %q", tt.name, notes, tt.want)
		}
	}
}

// The stamp of the decoded files changes when they are written again.
func TestDecodedStamp(t *testing.T) {
	c, err := Open(t.TempDir(), "v1")
	if err != nil {
		t.Fatal(err)
	}
	if s := c.DecodedStamp(); s != "" {
		t.Errorf("stamp %q with no decoded files", s)
	}
	save := func(text string) string {
		if err := c.SaveDecoded(key("site"), func(w io.Writer) error { _, err := io.WriteString(w, text); return err }); err != nil {
			t.Fatal(err)
		}
		return c.DecodedStamp()
	}
	first := save("decoded")
	if first == "" || first != c.DecodedStamp() {
		t.Errorf("stamp %q, then %q", first, c.DecodedStamp())
	}
	if again := save("decoded"); again == first {
		t.Error("the decoded files written again have the same stamp") // another inode
	}
}
