package themes_test

// HTML validity: every page of the example site, built as site.toml says
// and again minified with the drafts, passes the Nu HTML Checker (vnu) with
// no errors. vnu.jar comes from the npm package vnu-jar, pinned in
// testdata/a11y/package.json, and needs Java. The test skips, saying how to
// install them, when either is missing; WAYMARK_BROWSER_TESTS=require (set
// by .ci/run) makes that a failure.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/build"
)

// toolsDir holds the npm packages of the accessibility and validity tests.
const (
	toolsDir     = "testdata/a11y"
	toolsInstall = "npm ci --prefix themes/testdata/a11y (from the repository root)"
)

// vnuMessage is one message of vnu's JSON output.
type vnuMessage struct {
	Type        string `json:"type"`
	SubType     string `json:"subType"`
	URL         string `json:"url"`
	FirstLine   int    `json:"firstLine"`
	LastLine    int    `json:"lastLine"`
	FirstColumn int    `json:"firstColumn"`
	LastColumn  int    `json:"lastColumn"`
	Message     string `json:"message"`
	Extract     string `json:"extract"`
}

func TestHTMLIsValid(t *testing.T) {
	if testing.Short() {
		t.Skip("the HTML validity test is skipped with -short")
	}
	jar := filepath.Join(toolsDir, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		skipOrFail(t, fmt.Sprintf("the Nu HTML Checker is not installed (%s missing): run %s; HTML validity not checked", jar, toolsInstall))
	}
	java, err := exec.LookPath("java")
	if err != nil {
		skipOrFail(t, "java is not installed (apt-get install default-jre-headless); HTML validity not checked")
	}

	dir := t.TempDir()
	builds := []struct {
		name string
		opts build.Options
	}{
		{"as-configured", build.Options{}},
		{"minified-with-drafts", build.Options{Minify: true, Drafts: true}},
		// Two journeys to a list page: the index, /channels/ and the
		// channel pages run to several pages, with their pagers.
		{"paginated", build.Options{Root: paginatedExample()}},
	}
	var files []string
	for _, b := range builds {
		dest := filepath.Join(dir, b.name)
		if err := buildExample(dest, b.opts); err != nil {
			t.Fatal(err)
		}
		err := filepath.WalkDir(dest, func(path string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
				files = append(files, path)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	sort.Strings(files)
	if len(files) < 10 {
		t.Fatalf("only %d HTML pages built", len(files))
	}

	args := append([]string{"-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always"}, files...)
	cmd := exec.Command(java, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("vnu failed: %v\n%s%s", err, stderr.Bytes(), stdout.Bytes())
		}
		t.Fatal(err)
	}
	var out struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
		t.Fatalf("reading vnu's output: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}
	for _, m := range out.Messages {
		if m.Type == "info" { // --errors-only leaves none; be sure
			continue
		}
		name := strings.TrimPrefix(m.URL, "file:")
		if rel, err := filepath.Rel(dir, name); err == nil {
			name = rel
		}
		line := m.FirstLine
		if line == 0 {
			line = m.LastLine
		}
		col := m.FirstColumn
		if col == 0 {
			col = m.LastColumn
		}
		t.Errorf("%s:%d:%d: %s: %s\n\t%q", name, line, col, m.Type, m.Message, m.Extract)
	}
	t.Logf("vnu checked %d pages", len(files))
}

// siteWith is a site folder whose site.toml is replaced.
type siteWith struct {
	fs.FS
	config []byte
}

func (s siteWith) Open(name string) (fs.File, error) {
	if name == "site.toml" {
		return fstest.MapFS{name: {Data: s.config}}.Open(name)
	}
	return s.FS.Open(name)
}
