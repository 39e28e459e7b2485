package output

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

func TestMediaType(t *testing.T) {
	tests := []struct{ name, want string }{
		{"index.html", "text/html"},
		{"journeys/buy/index.html", "text/html"},
		{"css/waymark.css", "text/css"},
		{"js/waymark.js", "text/javascript"},
		{"favicon.svg", "image/svg+xml"},
		{"search.json", "application/json"},
		{"img/dana.png", ""},
		{"img/dana.jpg", ""},
		{"data/export.csv", ""},
		{"robots.txt", ""},
		{"README", ""},
		{".waymark-build", ""},
		{"index.html.bak", ""},
		{"static/Logo.SVG", "image/svg+xml"},
		{"INDEX.HTML", "text/html"},
		{"dir.html/file", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := MediaType(tt.name); got != tt.want {
			t.Errorf("MediaType(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// files is a sample of what a build writes, of every kind.
var files = []struct{ name, data string }{
	{"index.html", "<!DOCTYPE html>\n<html lang=\"en\">\n  <head>\n    <title>  Maps  </title>\n  </head>\n  <body>\n    <p class=\"lead\">  Hello   world  </p>\n    <!-- a comment -->\n  </body>\n</html>\n"},
	{"css/waymark.css", "body {\n  color : red ;\n  margin : 0px ;\n}\n\n/* comment */\n"},
	{"js/waymark.js", "function add ( first , second ) {\n  // sum them\n  return first + second ;\n}\n"},
	{"favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\">\n  <!-- mark -->\n  <path d=\"M 0 0 L 10 10\" />\n</svg>\n"},
	{"search.json", "{\n  \"a\" : 1,\n  \"b\" : [ 1, 2 ]\n}\n"},
	{"img/dana.png", "\x89PNG\r\n\x1a\n  <html>  <!-- not markup -->  \n\x00\xff"},
	{"data/export.csv", "stage,  channel ,  count\nResearch,  web , 2\n"},
	{"robots.txt", "User-agent: *\n\nDisallow:   /\n"},
}

func TestWriterPlain(t *testing.T) {
	mem := NewMemory()
	w := NewWriter(mem, false)
	var total int64
	for _, f := range files {
		if err := w.Write(f.name, []byte(f.data)); err != nil {
			t.Fatalf("Write(%s): %v", f.name, err)
		}
		total += int64(len(f.data))
	}
	for _, f := range files {
		got, ok := mem.File(f.name)
		if !ok || string(got) != f.data {
			t.Errorf("%s = %q, want it unchanged %q", f.name, got, f.data)
		}
	}
	if n, b := w.Stats(); n != len(files) || b != total {
		t.Errorf("Stats = %d files, %d bytes; want %d, %d", n, b, len(files), total)
	}
}

func TestWriterMinify(t *testing.T) {
	mem := NewMemory()
	w := NewWriter(mem, true)
	var total int64
	for _, f := range files {
		if err := w.Write(f.name, []byte(f.data)); err != nil {
			t.Fatalf("Write(%s): %v", f.name, err)
		}
		got, _ := mem.File(f.name)
		total += int64(len(got))
	}
	tests := []struct {
		name     string
		minified bool
		contains []string
		exact    string
	}{
		// The document and end tags stay: the golden files and browsers
		// rely on a complete document.
		{name: "index.html", minified: true, contains: []string{"<html lang=\"en\">", "<head>", "</head>", "<body>", "</body>", "</html>", `class="lead"`, "Hello world"}},
		{name: "css/waymark.css", minified: true, exact: "body{color:red;margin:0}"},
		{name: "js/waymark.js", minified: true, contains: []string{"function add("}},
		{name: "favicon.svg", minified: true, contains: []string{"<svg", "viewBox", "<path"}},
		{name: "search.json", minified: true, exact: `{"a":1,"b":[1,2]}`},
		{name: "img/dana.png"},
		{name: "data/export.csv"},
		{name: "robots.txt"},
	}
	orig := map[string]string{}
	for _, f := range files {
		orig[f.name] = f.data
	}
	for _, tt := range tests {
		got, ok := mem.File(tt.name)
		if !ok {
			t.Errorf("%s not written", tt.name)
			continue
		}
		if !tt.minified {
			if string(got) != orig[tt.name] {
				t.Errorf("%s = %q, want it byte-identical %q", tt.name, got, orig[tt.name])
			}
			continue
		}
		if len(got) >= len(orig[tt.name]) {
			t.Errorf("%s not minified: %d bytes from %d: %q", tt.name, len(got), len(orig[tt.name]), got)
		}
		if tt.exact != "" && string(got) != tt.exact {
			t.Errorf("%s = %q, want %q", tt.name, got, tt.exact)
		}
		for _, c := range tt.contains {
			if !bytes.Contains(got, []byte(c)) {
				t.Errorf("%s = %q lacks %q", tt.name, got, c)
			}
		}
		if bytes.Contains(got, []byte("comment")) || bytes.Contains(got, []byte("sum them")) || bytes.Contains(got, []byte("mark -->")) {
			t.Errorf("%s kept a comment: %q", tt.name, got)
		}
	}
	if n, b := w.Stats(); n != len(files) || b != total {
		t.Errorf("Stats = %d files, %d bytes; want %d, %d (the minified sizes)", n, b, len(files), total)
	}
}

type failTarget struct{ err error }

func (f failTarget) WriteFile(string, []byte) error { return f.err }

func TestWriterErrors(t *testing.T) {
	t.Run("target error", func(t *testing.T) {
		full := errors.New("disk full")
		w := NewWriter(failTarget{full}, false)
		if err := w.Write("index.html", []byte("x")); !errors.Is(err, full) {
			t.Errorf("Write = %v, want %v", err, full)
		}
		if n, b := w.Stats(); n != 0 || b != 0 {
			t.Errorf("a failed write counted: %d files, %d bytes", n, b)
		}
	})
	t.Run("minify error names the file", func(t *testing.T) {
		mem := NewMemory()
		w := NewWriter(mem, true)
		for _, name := range []string{"data/bad.json", "js/bad.js"} {
			err := w.Write(name, []byte("{\"a\": } function ( {"))
			if err == nil || !strings.Contains(err.Error(), "minifying "+name) {
				t.Errorf("Write(%s) = %v, want an error naming it", name, err)
			}
			if _, ok := mem.File(name); ok {
				t.Errorf("%s stored despite the error", name)
			}
		}
		if n, _ := w.Stats(); n != 0 {
			t.Errorf("%d files counted", n)
		}
	})
}

func TestWriterConcurrent(t *testing.T) {
	mem := NewMemory()
	w := NewWriter(mem, true)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			name := fmt.Sprintf("p%02d/index.html", i)
			if err := w.Write(name, []byte("<p>  page  </p>")); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n, b := w.Stats(); n != 20 || b != 20*int64(len("<p>page</p>")) {
		t.Errorf("Stats = %d, %d", n, b)
	}
	if len(mem.Names()) != 20 {
		t.Errorf("%d files stored", len(mem.Names()))
	}
}

func TestMemory(t *testing.T) {
	m := NewMemory()
	if names := m.Names(); len(names) != 0 {
		t.Errorf("new Memory has %q", names)
	}
	data := []byte("first")
	for _, f := range []struct{ name, data string }{
		{"journeys/buy/index.html", "buy"},
		{"index.html", "index"},
		{"css/waymark.css", "css"},
		{"index.html", "index again"}, // overwrites
	} {
		if err := m.WriteFile(f.name, []byte(f.data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := m.WriteFile("copy.txt", data); err != nil {
		t.Fatal(err)
	}
	data[0] = 'X' // the caller's buffer is reused: the stored copy must not change

	want := []string{"copy.txt", "css/waymark.css", "index.html", "journeys/buy/index.html"}
	if got := m.Names(); !reflect.DeepEqual(got, want) {
		t.Errorf("Names = %q, want %q", got, want)
	}
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"index.html", "index again", true},
		{"copy.txt", "first", true},
		{"journeys/buy/index.html", "buy", true},
		{"missing.html", "", false},
		{"journeys/buy/", "", false},
	}
	for _, tt := range tests {
		got, ok := m.File(tt.name)
		if ok != tt.ok || string(got) != tt.want {
			t.Errorf("File(%q) = %q, %v; want %q, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
	if err := (Discard{}).WriteFile("x", []byte("y")); err != nil {
		t.Errorf("Discard: %v", err)
	}
}

// tree reads every file under dir into path → contents, with folders
// as path/ → "".
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." {
				out[rel+"/"] = ""
			}
			return nil
		}
		data, err := os.ReadFile(p)
		out[rel] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// writeTree creates files under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// siteBuild writes files to the target.
func siteBuild(files map[string]string) func(Target) error {
	return func(t Target) error {
		for name, data := range files {
			if err := t.WriteFile(name, []byte(data)); err != nil {
				return err
			}
		}
		return nil
	}
}

// leftovers lists the temporary folders Publish may have left beside dest.
func leftovers(t *testing.T, dest string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(dest))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(dest)+".") {
			out = append(out, e.Name())
		}
	}
	return out
}

func TestPublish(t *testing.T) {
	site := map[string]string{"index.html": "<p>new</p>", "css/waymark.css": "body{}", "journeys/buy/index.html": "buy"}
	withMarker := func(m map[string]string) map[string]string {
		out := map[string]string{Marker: markerText}
		for k, v := range m {
			out[k] = v
		}
		return out
	}
	// The folders a finished build holds, besides its files.
	dirs := map[string]string{"css/": "", "journeys/": "", "journeys/buy/": ""}
	newSite := withMarker(site)
	for k, v := range dirs {
		newSite[k] = v
	}

	tests := []struct {
		name      string
		dest      string // under the test's temp folder
		before    map[string]string
		beforeDir bool // create dest as an empty folder
		destFile  bool // dest is a file
		force     bool
		build     func(Target) error
		wantErr   func(error) bool
		want      map[string]string // dest afterwards; nil: unchanged
	}{
		{
			name:  "into a new folder, creating its parents",
			dest:  "deep/er/public",
			build: siteBuild(site),
			want:  newSite,
		},
		{
			name:   "over a previous waymark build, stale files gone",
			dest:   "public",
			before: withMarker(map[string]string{"index.html": "<p>old</p>", "journeys/gone/index.html": "stale", "old.css": "x"}),
			build:  siteBuild(site),
			want:   newSite,
		},
		{
			name:   "refuses a folder of someone else's files",
			dest:   "public",
			before: map[string]string{"notes.txt": "keep me", "sub/data.csv": "1,2"},
			build:  siteBuild(site),
			wantErr: func(err error) bool {
				var fe *ForeignError
				return errors.As(err, &fe) && strings.HasSuffix(fe.Dest, "public") && strings.Contains(err.Error(), Marker)
			},
		},
		{
			name:    "refuses a folder holding only a hidden file",
			dest:    "public",
			before:  map[string]string{".keep": ""},
			build:   siteBuild(site),
			wantErr: func(err error) bool { var fe *ForeignError; return errors.As(err, &fe) },
		},
		{
			name:   "force replaces someone else's files",
			dest:   "public",
			before: map[string]string{"notes.txt": "gone", "sub/data.csv": "gone"},
			force:  true,
			build:  siteBuild(site),
			want:   newSite,
		},
		{
			name:      "an empty folder is fine",
			dest:      "public",
			beforeDir: true,
			build:     siteBuild(site),
			want:      newSite,
		},
		{
			name:     "a file is refused",
			dest:     "public",
			destFile: true,
			build:    siteBuild(site),
			wantErr: func(err error) bool {
				var fe *ForeignError
				return err != nil && !errors.As(err, &fe) && strings.Contains(err.Error(), "not a folder")
			},
		},
		{
			name:     "a file is refused even with force",
			dest:     "public",
			destFile: true,
			force:    true,
			build:    siteBuild(site),
			wantErr:  func(err error) bool { return err != nil && strings.Contains(err.Error(), "not a folder") },
		},
		{
			name:   "a failed build leaves the previous site intact",
			dest:   "public",
			before: withMarker(map[string]string{"index.html": "<p>old</p>", "css/waymark.css": "old{}"}),
			build: func(t Target) error {
				if err := siteBuild(site)(t); err != nil {
					return err
				}
				return errBuild
			},
			wantErr: func(err error) bool { return errors.Is(err, errBuild) },
		},
		{
			name:    "a failed first build leaves nothing",
			dest:    "public",
			build:   func(Target) error { return errBuild },
			wantErr: func(err error) bool { return errors.Is(err, errBuild) },
		},
		{
			name:   "a build writing outside its folder fails",
			dest:   "public",
			before: withMarker(map[string]string{"index.html": "<p>old</p>"}),
			build: func(t Target) error {
				return t.WriteFile("../escaped.html", []byte("x"))
			},
			wantErr: func(err error) bool { return err != nil },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			dest := filepath.Join(root, filepath.FromSlash(tt.dest))
			switch {
			case tt.destFile:
				writeTree(t, root, map[string]string{tt.dest: "a file"})
			case tt.before != nil:
				writeTree(t, dest, tt.before)
			case tt.beforeDir:
				if err := os.MkdirAll(dest, 0o755); err != nil {
					t.Fatal(err)
				}
			}
			before := tree(t, root)

			built := false
			err := Publish(dest, tt.force, func(tg Target) error {
				built = true
				return tt.build(tg)
			})

			if tt.wantErr != nil {
				if !tt.wantErr(err) {
					t.Fatalf("Publish = %v, not the error expected", err)
				}
				if after := tree(t, root); !reflect.DeepEqual(after, before) {
					t.Errorf("a failed Publish changed the folder:\nbefore %q\nafter  %q", before, after)
				}
				var fe *ForeignError
				if (errors.As(err, &fe) || tt.destFile) && built {
					t.Errorf("build ran although dest was refused")
				}
			} else {
				if err != nil {
					t.Fatalf("Publish: %v", err)
				}
				if got := tree(t, dest); !reflect.DeepEqual(got, tt.want) {
					t.Errorf("dest =\n%q\nwant\n%q", got, tt.want)
				}
				st, err := os.Stat(dest)
				if err != nil || st.Mode().Perm() != 0o755 {
					t.Errorf("dest mode = %v (%v), want 0755", st.Mode(), err)
				}
			}
			if l := leftovers(t, dest); len(l) > 0 {
				t.Errorf("temporary folders left beside dest: %q", l)
			}
			if _, err := os.Stat(filepath.Join(root, "escaped.html")); err == nil {
				t.Errorf("a file escaped the build folder")
			}
		})
	}
}

var errBuild = errors.New("content problems")

// TestPublishTwice: the marker from the first build lets the second one
// replace it without force.
func TestPublishTwice(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	for i, site := range []map[string]string{{"a.html": "1", "b.html": "1"}, {"b.html": "2"}} {
		if err := Publish(dest, false, siteBuild(site)); err != nil {
			t.Fatalf("build %d: %v", i, err)
		}
	}
	want := map[string]string{"b.html": "2", Marker: markerText}
	if got := tree(t, dest); !reflect.DeepEqual(got, want) {
		t.Errorf("dest = %q, want %q", got, want)
	}
}

func TestDirConfined(t *testing.T) {
	base := t.TempDir()
	inside := filepath.Join(base, "site")
	outside := filepath.Join(base, "outside")
	for _, d := range []string{inside, outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(outside, filepath.Join(inside, "link")); err != nil {
		t.Skipf("symlinks not available: %v", err)
	}
	root, err := os.OpenRoot(inside)
	if err != nil {
		t.Fatal(err)
	}
	defer root.Close()
	d := &Dir{root: root}

	tests := []struct {
		name string
		ok   bool
	}{
		{"index.html", true},
		{"journeys/buy/index.html", true},
		{"./css/waymark.css", true},
		{"../x", false},
		{"../outside/x", false},
		{"a/../../x", false},
		{"/etc/x", false},
		{"/x", false},
		{"link/x", false},
		{"link/sub/x", false},
	}
	for _, tt := range tests {
		err := d.WriteFile(tt.name, []byte("data"))
		if (err == nil) != tt.ok {
			t.Errorf("WriteFile(%q) = %v, want ok %v", tt.name, err, tt.ok)
		}
		if tt.ok {
			if data, err := root.ReadFile(tt.name); err != nil || string(data) != "data" {
				t.Errorf("%s = %q, %v", tt.name, data, err)
			}
		}
	}
	// Nothing reached the folder beside it or its parent.
	var escaped []string
	for _, dir := range []string{base, outside} {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if e.Name() != "site" && e.Name() != "outside" {
				escaped = append(escaped, filepath.Join(dir, e.Name()))
			}
		}
	}
	sort.Strings(escaped)
	if len(escaped) > 0 {
		t.Errorf("files written outside the root: %q", escaped)
	}
}

// Watch mode updates an earlier build in place: OpenDir refuses a folder
// without the marker, writes replace files whole, and Remove takes the
// folders a page leaves empty with it.
func TestOpenDir(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	err := Publish(dest, false, func(t Target) error {
		for _, name := range []string{"index.html", "journeys/buy/index.html", "journeys/buy/map.svg", "journeys/ride/index.html"} {
			if err := t.WriteFile(name, []byte(name)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dest)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.WriteFile("journeys/buy/index.html", []byte("new")); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("journeys/new/index.html", []byte("added")); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"journeys/buy/index.html", "journeys/buy/map.svg", "journeys/gone/index.html"} {
		if err := d.Remove(name); err != nil {
			t.Errorf("Remove(%s) = %v", name, err)
		}
	}
	var got []string
	filepath.WalkDir(dest, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			rel, _ := filepath.Rel(dest, p)
			got = append(got, filepath.ToSlash(rel))
		}
		return err
	})
	want := []string{Marker, "index.html", "journeys/new/index.html", "journeys/ride/index.html"}
	if !slices.Equal(got, want) {
		t.Errorf("files after the update = %q, want %q (no temp files, buy/ removed)", got, want)
	}
	if data, _ := os.ReadFile(filepath.Join(dest, "journeys/new/index.html")); string(data) != "added" {
		t.Errorf("new file = %q", data)
	}

	foreign := t.TempDir()
	if _, err := OpenDir(foreign); !errors.As(err, new(*ForeignError)) {
		t.Errorf("OpenDir of a folder without the marker = %v, want a *ForeignError", err)
	}
}

func TestMemoryRemove(t *testing.T) {
	m := NewMemory()
	m.WriteFile("a.html", []byte("a"))
	m.WriteFile("b.html", []byte("b"))
	if err := m.Remove("a.html"); err != nil {
		t.Fatal(err)
	}
	if err := m.Remove("missing.html"); err != nil {
		t.Errorf("removing a missing file: %v", err)
	}
	if got := m.Names(); !slices.Equal(got, []string{"b.html"}) {
		t.Errorf("names = %q", got)
	}
}

// Where folders cannot be exchanged, the old one moves aside: the new
// site takes dest's name, and the old one is removed or, given a spare
// folder, kept there; nothing else is left behind.
func TestRenameAside(t *testing.T) {
	for _, keep := range []bool{false, true} {
		t.Run(fmt.Sprint("spare=", keep), func(t *testing.T) {
			dir := t.TempDir()
			tmp, dest := filepath.Join(dir, ".public.new"), filepath.Join(dir, "public")
			spare, want := "", 1
			if keep {
				spare, want = filepath.Join(dir, "cache", "spare"), 2
			}
			for d, name := range map[string]string{tmp: "new", dest: "old"} {
				os.MkdirAll(d, 0o755)
				os.WriteFile(filepath.Join(d, "name"), []byte(name), 0o644)
			}
			if err := renameAside(tmp, dest, spare); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(filepath.Join(dest, "name")); string(got) != "new" {
				t.Errorf("dest holds %q, want the new site", got)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "cache", "spare", "name")); keep != (string(got) == "old") {
				t.Errorf("spare holds %q", got)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != want {
				t.Errorf("left behind: %v", entries)
			}
			// A failed second rename puts the old site back.
			os.MkdirAll(tmp, 0o755)
			if err := renameAside(filepath.Join(dir, "no-such-folder"), dest, spare); err == nil {
				t.Error("renaming a missing folder succeeded")
			}
			if got, _ := os.ReadFile(filepath.Join(dest, "name")); string(got) != "new" {
				t.Errorf("after a failed swap dest holds %q, want the site it had", got)
			}
		})
	}
}
