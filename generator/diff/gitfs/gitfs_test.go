package gitfs

import (
	"bufio"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// newRepo makes a git repository in a temporary folder, with git
// configured by the environment alone, so that the test runs the same on
// a bare CI machine as on a laptop with a ~/.gitconfig.
func newRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; the git reader cannot be tested")
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
		"GIT_AUTHOR_DATE": "2026-01-02T03:04:05Z", "GIT_COMMITTER_DATE": "2026-01-02T03:04:05Z",
	} {
		t.Setenv(k, v)
	}
	dir := t.TempDir()
	git(t, dir, "init", "-q", "-b", "main")
	return dir
}

func git(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// writeFiles writes files (slash path → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
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

func commit(t *testing.T, dir, msg string) string {
	t.Helper()
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", msg)
	return git(t, dir, "rev-parse", "HEAD")
}

// TestTree reads a site folder inside a repository whose path has
// characters that pathspecs and the line-based parts of git's output
// would trip on, and checks the result with fstest.TestFS.
func TestTree(t *testing.T) {
	repo := newRepo(t)
	site := "sites/[north] wind"
	files := map[string]string{
		"site.toml":                        "title = \"Maps\"\n",
		"content/journeys/buy.md":          "+++\ntitle = \"Buy\"\n+++\n",
		"content/journeys/a b\nc.md":       "a name with a space and a newline",
		"content/journeys/empty.md":        "",
		"content/journeys/no-newline.md":   "no newline at the end",
		"content/personas/dana.md":         "+++\nname = \"Dana\"\n+++\n",
		"static/img/dana.jpg":              "\xff\xd8\xff\x00binary\n\x00",
		"layouts/journey.html":             "not listed: not asked for",
		"public/index.html":                "not listed either",
		"content/journeys/drafts/later.md": "+++\ntitle = \"Later\"\n+++\n",
	}
	writeFiles(t, filepath.Join(repo, filepath.FromSlash(site)), files)
	writeFiles(t, repo, map[string]string{"README.md": "outside the site", "sites/other/site.toml": "title = \"Other\"\n"})
	if err := os.Symlink("buy.md", filepath.Join(repo, filepath.FromSlash(site), "content/journeys/link.md")); err != nil {
		t.Fatal(err)
	}
	head := commit(t, repo, "one")

	r, err := Open(filepath.Join(repo, filepath.FromSlash(site)))
	if err != nil {
		t.Fatal(err)
	}
	if r.Prefix != site+"/" {
		t.Errorf("prefix %q, want %q", r.Prefix, site+"/")
	}
	commitID, err := r.Resolve("HEAD")
	if err != nil || commitID != head {
		t.Fatalf("Resolve(HEAD) = %q, %v; want %q", commitID, err, head)
	}
	tree, err := r.Tree(commitID, []string{"site.toml", "content", "static"}, func(string) bool { return true })
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for name, data := range files {
		if strings.HasPrefix(name, "layouts/") || strings.HasPrefix(name, "public/") {
			continue
		}
		want = append(want, name)
		got, err := fs.ReadFile(tree, name)
		if err != nil || string(got) != data {
			t.Errorf("%q: %q, %v; want %q", name, got, err, data)
		}
	}
	if err := fstest.TestFS(tree, want...); err != nil {
		t.Error(err)
	}
	for _, gone := range []string{"layouts/journey.html", "public/index.html", "README.md", "content/journeys/link.md"} {
		if _, err := fs.Stat(tree, gone); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %v, want it left out", gone, err)
		}
	}
}

// TestTreeNamesOnly: files that are not read are there by name and size,
// and reading one fails instead of giving nothing.
func TestTreeNamesOnly(t *testing.T) {
	repo := newRepo(t)
	writeFiles(t, repo, map[string]string{"site.toml": "title = \"x\"\n", "static/photo.jpg": "12345"})
	head := commit(t, repo, "one")
	r, err := Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	if r.Prefix != "" {
		t.Errorf("prefix %q at the top", r.Prefix)
	}
	tree, err := r.Tree(head, []string{"site.toml", "static"}, func(name string) bool { return name == "site.toml" })
	if err != nil {
		t.Fatal(err)
	}
	fi, err := fs.Stat(tree, "static/photo.jpg")
	if err != nil || fi.Size() != 5 || fi.IsDir() {
		t.Errorf("stat: %v, %v", fi, err)
	}
	if _, err := fs.ReadFile(tree, "static/photo.jpg"); !errors.Is(err, errNotRead) {
		t.Errorf("reading a file not read: %v", err)
	}
	if data, err := fs.ReadFile(tree, "site.toml"); err != nil || string(data) != "title = \"x\"\n" {
		t.Errorf("site.toml: %q, %v", data, err)
	}
}

func TestOpenOutsideRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CEILING_DIRECTORIES", os.TempDir()) // a test run inside a repository must not find it
	_, err := Open(t.TempDir())
	if !errors.Is(err, ErrNotRepository) {
		t.Errorf("Open outside a repository: %v, want ErrNotRepository", err)
	}
}

func TestResolve(t *testing.T) {
	repo := newRepo(t)
	writeFiles(t, repo, map[string]string{"a": "1"})
	first := commit(t, repo, "one")
	git(t, repo, "tag", "v1")
	git(t, repo, "checkout", "-q", "-b", "topic")
	writeFiles(t, repo, map[string]string{"a": "2"})
	second := commit(t, repo, "two")
	blob := git(t, repo, "rev-parse", "HEAD:a")
	r, err := Open(repo)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		rev, want string
		err       error
	}{
		{"HEAD", second, nil},
		{"HEAD~1", first, nil},
		{"v1", first, nil},
		{"main", first, nil},
		{first[:7], first, nil},
		{"nope", "", ErrUnknownRevision},
		{"HEAD~5", "", ErrUnknownRevision},
		{"--all", "", ErrUnknownRevision}, // never taken as an option
		{"", "", ErrUnknownRevision},
		{blob, "", ErrUnknownRevision}, // a file, not a commit
	} {
		got, err := r.Resolve(tc.rev)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.rev, got, err, tc.want, tc.err)
		}
	}
	base, err := r.MergeBase("main", "topic")
	if err != nil || base != first {
		t.Errorf("MergeBase = %q, %v; want %q", base, err, first)
	}
}

func TestResolveInEmptyRepository(t *testing.T) {
	r, err := Open(newRepo(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Resolve("HEAD"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("HEAD before the first commit: %v", err)
	}
}

// TestParseBatch: cat-file output that is not what was asked for is an
// error, never a panic or a short file.
func TestParseBatch(t *testing.T) {
	for _, tc := range []struct {
		name, out string
		ok        bool
	}{
		{"good", "abc blob 3\nxyz\n", true},
		{"missing object", "abc missing\n", false},
		{"a tree", "abc tree 3\nxyz\n", false},
		{"short", "abc blob 10\nxyz\n", false},
		{"no newline after", "abc blob 3\nxyzq", false},
		{"negative size", "abc blob -1\n", false},
		{"nothing", "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &file{name: "f"}
			err := parseBatch(bufio.NewReader(strings.NewReader(tc.out)), []*file{f})
			if (err == nil) != tc.ok {
				t.Errorf("err = %v, want ok %v", err, tc.ok)
			}
			if tc.ok && (string(f.data) != "xyz" || !f.read) {
				t.Errorf("read %q", f.data)
			}
		})
	}
}

func TestFSInvalidNames(t *testing.T) {
	fsys := newFS(map[string]*file{"a/b.md": {name: "a/b.md", data: []byte("x"), size: 1, read: true}})
	for _, name := range []string{"/a/b.md", "a/../a/b.md", "a//b.md", ""} {
		if _, err := fsys.Open(name); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q): %v, want ErrInvalid", name, err)
		}
	}
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil || len(entries) != 1 || entries[0].Name() != "a" || !entries[0].IsDir() {
		t.Errorf("ReadDir(.) = %v, %v", entries, err)
	}
	if _, err := fs.ReadFile(fsys, "a"); err == nil {
		t.Error("reading a folder worked")
	}
	if !slices.Equal(names(t, fsys, "a"), []string{"b.md"}) {
		t.Error("ReadDir(a)")
	}
}

func names(t *testing.T, fsys fs.FS, dir string) []string {
	t.Helper()
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
