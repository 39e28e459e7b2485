package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// writeSite writes files (path → contents) under a new temporary folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFiles(t, dir, files)
	return dir
}

// writeFiles writes files, by slash path, under dir.
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

func goodSite() map[string]string {
	return map[string]string{
		"site.toml":               "title = \"Maps\"\n\n[[channels]]\nid = \"web\"\nname = \"Website\"\nkind = \"digital\"\n",
		"content/personas/ana.md": "+++\nname = \"Ana\"\n+++\n",
		"content/journeys/buy.md": "+++\ntitle = \"Buy\"\npersonas = [\"ana\"]\n\n[[stages]]\nname = \"Look\"\nemotion = 1\n\n  [[stages.touchpoints]]\n  name = \"Page\"\n  channels = [\"web\"]\n\n  [[stages.evidence]]\n  kind = \"survey\"\n+++\n",
	}
}

// brokenSite has two problems in one file, to see both reported, and two
// warnings: no evidence, and Ana in no journey.
func brokenSite() map[string]string {
	s := goodSite()
	s["content/journeys/buy.md"] = "+++\ntitle = \"Buy\"\n\n[[stages]]\nname = \"Look\"\nemotion = 5\n\n  [[stages.touchpoints]]\n  name = \"Page\"\n  channels = [\"wbe\"]\n+++\n"
	return s
}

func TestRun(t *testing.T) {
	good := writeSite(t, goodSite())
	broken := writeSite(t, brokenSite())
	for _, tc := range []cliCase{
		{name: "no command", args: nil, code: 2, stderr: []string{"Usage:"}},
		{name: "help", args: []string{"help"}, code: 0, stdout: []string{"Commands:", "build", "check"}},
		{name: "-h", args: []string{"-h"}, code: 0, stdout: []string{"Usage:"}},
		{name: "help build", args: []string{"help", "build"}, code: 0, stdout: []string{"Usage: waymark build", "-drafts"}},
		{name: "build -h", args: []string{"build", "-h"}, code: 0, stdout: []string{"Usage: waymark build"}},
		{name: "check -h", args: []string{"check", "-h"}, code: 0, stdout: []string{"Usage: waymark check"}},
		{name: "version", args: []string{"version"}, code: 0, stdout: []string{"waymark v", runtime.GOOS}},
		{name: "build --base-url not http", args: []string{"build", "-s", good, "--base-url", "ftp://maps.example/"}, code: 2, stderr: []string{"--base-url", "not an http(s) URL"}},
		{name: "serve --base-url relative", args: []string{"serve", "-s", good, "--base-url", "/cx/"}, code: 2, stderr: []string{"--base-url"}},
		{name: "watch --base-url relative", args: []string{"watch", "-s", good, "--base-url", "cx"}, code: 2, stderr: []string{"--base-url"}},
		{name: "unknown command", args: []string{"biuld"}, code: 2, stderr: []string{`unknown command "biuld"`, `did you mean "build"?`}},
		{name: "unknown flag", args: []string{"build", "--nope"}, code: 2, stderr: []string{"waymark build: unknown flag --nope"}},
		{name: "misspelt flag", args: []string{"build", "-draft"}, code: 2, stderr: []string{"unknown flag --draft", `hint: did you mean "--drafts"?`}},
		{name: "flag without value", args: []string{"check", "-s"}, code: 2, stderr: []string{"flag -s needs a value"}},
		{name: "flag with bad value", args: []string{"serve", "--port", "x"}, code: 2, stderr: []string{`invalid value "x" for --port`}},
		{name: "stray argument", args: []string{"check", "extra"}, code: 2, stderr: []string{`unexpected argument "extra"`}},
		{name: "missing site folder", args: []string{"check", "-s", filepath.Join(good, "nope")}, code: 2, stderr: []string{"is not a folder"}},
		{name: "check good", args: []string{"check", "-s", good}, code: 0, stdout: []string{"ok: 1 journey and 1 persona"}},
		{name: "check broken", args: []string{"check", "-s", broken}, code: 1, stderr: []string{
			"content/journeys/buy.md:6:1: emotion 5 is out of range",
			`content/journeys/buy.md:10:15: unknown channel "wbe"`,
			`did you mean "web"?`,
			"2 problems",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runExpect(t, tc.args, tc.code, tc.stdout, tc.stderr)
		})
	}
}

func TestBuildCommand(t *testing.T) {
	site := writeSite(t, goodSite())
	dest := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	for _, f := range []string{"index.html", "journeys/buy/index.html", "personas/ana/index.html", "channels/web/index.html", "404.html", ".waymark-build"} {
		if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	if !strings.Contains(stdout.String(), "Built 1 journey and 1 persona") {
		t.Errorf("stdout: %s", &stdout)
	}

	// A stale file from an earlier build is gone after the next one.
	stale := filepath.Join(dest, "journeys", "old", "index.html")
	os.MkdirAll(filepath.Dir(stale), 0o755)
	os.WriteFile(stale, []byte("old"), 0o644)
	if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("rebuild exit %d: %s", code, &stderr)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("stale page survived a rebuild: %v", err)
	}
}

// TestBuildFailureLeavesDestination: a build with errors leaves the
// previous site exactly as it was.
func TestBuildFailureLeavesDestination(t *testing.T) {
	good := writeSite(t, goodSite())
	dest := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", good, "-d", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	before := snapshot(t, dest)
	broken := writeSite(t, brokenSite())
	stderr.Reset()
	if code := run([]string{"build", "-s", broken, "-d", dest}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "was left as it was") {
		t.Errorf("stderr: %s", &stderr)
	}
	checkUntouched(t, dest, before)
	entries, _ := os.ReadDir(filepath.Dir(dest))
	if len(entries) != 1 {
		t.Errorf("temporary folders left beside the destination: %v", entries)
	}
}

func TestBuildRefusesForeignDestination(t *testing.T) {
	site := writeSite(t, goodSite())
	dest := t.TempDir()
	precious := filepath.Join(dest, "thesis.docx")
	os.WriteFile(precious, []byte("years of work"), 0o644)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "was not written by waymark") || !strings.Contains(stderr.String(), "--force") {
		t.Errorf("stderr: %s", &stderr)
	}
	if data, err := os.ReadFile(precious); err != nil || string(data) != "years of work" {
		t.Errorf("foreign file touched: %q, %v", data, err)
	}
}

// checkUntouched asserts that dir holds the files of before, a snapshot
// of it, unchanged and no others.
func checkUntouched(t *testing.T, dir string, before map[string][]byte) {
	t.Helper()
	after := snapshot(t, dir)
	if len(before) != len(after) {
		t.Fatalf("destination had %d files, now %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s changed", name)
		}
	}
}

func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		files[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestBinaryBuildsExampleSite compiles the real binary and builds the
// example site with it, as the README tells a newcomer to.
func TestBinaryBuildsExampleSite(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles the binary; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "waymark")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dest := filepath.Join(t.TempDir(), "public")
	// Without the build cache, which would go into the repository.
	cmd := exec.Command(bin, "build", "-s", filepath.Join("..", ".."), "-d", dest, "--no-cache")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("waymark build: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dest, "journeys", "buying-a-bike", "index.html")); err != nil {
		t.Error(err)
	}
	cmd = exec.Command(bin, "check", "-s", filepath.Join("..", ".."))
	if out, err := cmd.CombinedOutput(); err != nil || !strings.HasPrefix(string(out), "ok: ") {
		t.Errorf("waymark check: %v\n%s", err, out)
	}
}

// A symbolic link in the site folder cannot make a build publish a file
// from outside it.
func TestBuildDoesNotFollowLinksOut(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, goodSite())
	if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(dir, "static", "leak.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	code := run([]string{"build", "-s", dir, "-d", dest}, &stdout, &stderr)
	if data, err := os.ReadFile(filepath.Join(dest, "leak.txt")); err == nil {
		t.Fatalf("the build published a file from outside the site: %q", data)
	}
	if code != 1 || !strings.Contains(stderr.String(), "leak.txt") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming leak.txt", code, stderr.String())
	}
}

// cliCase is a row of a table test of the command line: the arguments,
// the exit status, and texts that stdout and stderr must hold.
type cliCase struct {
	name           string
	args           []string
	code           int
	stdout, stderr []string // substrings
}

// runExpect runs the command line args through run, checks the exit
// status and that stdout and stderr hold each of the texts given, and
// returns what was printed for further checks.
func runExpect(t *testing.T, args []string, code int, stdout, stderr []string) (string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	if got := run(args, &out, &errs); got != code {
		t.Errorf("%q: exit %d, want %d\nstdout: %s\nstderr: %s", args, got, code, &out, &errs)
	}
	for _, s := range stdout {
		if !strings.Contains(out.String(), s) {
			t.Errorf("%q: stdout lacks %q:\n%s", args, s, &out)
		}
	}
	for _, s := range stderr {
		if !strings.Contains(errs.String(), s) {
			t.Errorf("%q: stderr lacks %q:\n%s", args, s, &errs)
		}
	}
	return out.String(), errs.String()
}
