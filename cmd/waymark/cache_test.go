package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/buildcache"
)

// build uses the site's build cache: the second build renders nothing;
// --no-cache neither reads nor writes it.
func TestBuildCache(t *testing.T) {
	site := writeSite(t, goodSite())
	dest := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	for i, want := range []string{"", "pages unchanged"} {
		stdout.Reset()
		if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
			t.Fatalf("build %d: exit %d: %s", i+1, code, &stderr)
		}
		if got := strings.Contains(stdout.String(), "unchanged"); got != (want != "") {
			t.Errorf("build %d: stdout %q", i+1, &stdout)
		}
	}
	if _, err := os.Stat(filepath.Join(site, buildcache.Dir, "CACHEDIR.TAG")); err != nil {
		t.Errorf("no cache folder: %v", err)
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr: %s", &stderr)
	}

	bare := writeSite(t, goodSite())
	if code := run([]string{"build", "-s", bare, "-d", filepath.Join(t.TempDir(), "out"), "--no-cache"}, &stdout, &stderr); code != 0 {
		t.Fatalf("--no-cache: exit %d: %s", code, &stderr)
	}
	if _, err := os.Stat(filepath.Join(bare, buildcache.Dir)); !os.IsNotExist(err) {
		t.Errorf("--no-cache made a cache folder: %v", err)
	}
}

// A cache file that is not waymark's, is damaged, or was written by
// another version of waymark is ignored with one line saying so, and
// the site built is the one a build without the cache makes.
func TestBuildCacheIgnored(t *testing.T) {
	version, err := buildcache.ToolVersion()
	if err != nil {
		t.Fatal(err)
	}
	spoil := func(name string, change func(data []byte) []byte) func(t *testing.T, cache string) {
		return func(t *testing.T, cache string) {
			matches, _ := filepath.Glob(filepath.Join(cache, name))
			if len(matches) != 1 {
				t.Fatalf("%d files match %s", len(matches), name)
			}
			data, err := os.ReadFile(matches[0])
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(matches[0], change(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	otherVersion := func(data []byte) []byte {
		return bytes.Replace(data, []byte(version), []byte(strings.Repeat("0", len(version))), 1)
	}
	tests := []struct {
		name  string
		spoil []func(t *testing.T, cache string)
		want  string
	}{
		{"foreign", []func(*testing.T, string){spoil("decoded", func([]byte) []byte { return []byte("PK\x03\x04") })},
			"build cache: ignored the decoded files: the file is not one of waymark's"},
		{"damaged decoded files", []func(*testing.T, string){spoil("decoded", func(d []byte) []byte { return d[:len(d)-100] })},
			"build cache: ignored the decoded files: damaged"},
		{"damaged list of pages", []func(*testing.T, string){spoil("outputs-*", func(d []byte) []byte { return append(d[:len(d)-40], "nonsense"...) })},
			"build cache: ignored the kept pages: their list is damaged"},
		{"another version", []func(*testing.T, string){spoil("decoded", otherVersion), spoil("outputs-*", otherVersion)},
			"build cache: ignored: it was written by another version of waymark"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			site := writeSite(t, goodSite())
			dest := filepath.Join(t.TempDir(), "out")
			var stdout, stderr bytes.Buffer
			if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, &stderr)
			}
			for _, s := range tc.spoil {
				s(t, filepath.Join(site, buildcache.Dir))
			}
			stderr.Reset()
			if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, &stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr.String()), "\n")
			if len(lines) != 1 || !strings.Contains(lines[0], tc.want) {
				t.Errorf("stderr:\n%s\nwant one line with %q", &stderr, tc.want)
			}
			cold := filepath.Join(t.TempDir(), "cold")
			if code := run([]string{"build", "-s", site, "-d", cold, "--no-cache"}, &stdout, &stderr); code != 0 {
				t.Fatalf("exit %d: %s", code, &stderr)
			}
			for _, f := range []string{"index.html", "journeys/buy/index.html", "journeys/buy/map.json", "personas/ana/index.html"} {
				got, _ := os.ReadFile(filepath.Join(dest, f))
				want, _ := os.ReadFile(filepath.Join(cold, f))
				if !bytes.Equal(got, want) || len(want) == 0 {
					t.Errorf("%s differs from a build without the cache", f)
				}
			}
			// The next build has a sound cache again, and says nothing.
			stderr.Reset()
			if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 || stderr.Len() > 0 {
				t.Errorf("build after: exit %d: %s", code, &stderr)
			}
		})
	}
}

// Builds of one site at once share its cache without spoiling it: each
// succeeds, and a build after them, from the cache, is the site a build
// without it makes.
func TestBuildCacheConcurrent(t *testing.T) {
	site := writeSite(t, goodSite())
	out := t.TempDir()
	errs := make(chan string, 4)
	for i := range 4 {
		go func() {
			var stdout, stderr bytes.Buffer
			code := run([]string{"build", "-s", site, "-d", filepath.Join(out, string(rune('a'+i)))}, &stdout, &stderr)
			if code != 0 || stderr.Len() > 0 {
				errs <- stderr.String()
				return
			}
			errs <- ""
		}()
	}
	for range 4 {
		if e := <-errs; e != "" {
			t.Errorf("a build at the same time failed: %s", e)
		}
	}
	var stdout, stderr bytes.Buffer
	for _, args := range [][]string{{"-d", filepath.Join(out, "warm")}, {"-d", filepath.Join(out, "cold"), "--no-cache"}} {
		if code := run(append([]string{"build", "-s", site}, args...), &stdout, &stderr); code != 0 || stderr.Len() > 0 {
			t.Fatalf("exit %d: %s", code, &stderr)
		}
	}
	for _, f := range []string{"index.html", "journeys/buy/index.html", "journeys/buy/map.svg", "personas/ana/index.html"} {
		got, _ := os.ReadFile(filepath.Join(out, "warm", f))
		want, _ := os.ReadFile(filepath.Join(out, "cold", f))
		if !bytes.Equal(got, want) || len(want) == 0 {
			t.Errorf("%s differs from a build without the cache", f)
		}
	}
}

// --strict fails a build with warnings when nothing changed, too: the
// output left as it was is no excuse.
func TestBuildCacheStrict(t *testing.T) {
	files := goodSite()
	files["content/personas/lonely.md"] = "+++\nname = \"Lonely\"\n+++\n" // in no journey: a warning
	site := writeSite(t, files)
	dest := filepath.Join(t.TempDir(), "out")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	if code := run([]string{"build", "-s", site, "-d", dest, "--strict"}, &stdout, &stderr); code != exitContent {
		t.Errorf("--strict with warnings, nothing changed: exit %d, want %d", code, exitContent)
	}
}

// A build with nothing changed, which finds so by the sources'
// fingerprint without loading the site, prints what a build that loads
// it prints: the same warnings, and the same line but for its time.
func TestBuildCacheNothingChanged(t *testing.T) {
	files := goodSite()
	files["content/personas/lonely.md"] = "+++\nname = \"Lonely\"\n+++\n" // in no journey: a warning
	site := writeSite(t, files)
	dest := filepath.Join(t.TempDir(), "out")
	cache := filepath.Join(site, buildcache.Dir)
	took := regexp.MustCompile(` in [0-9.]+[µmn]?s `)
	build := func() (stdout, stderr string) {
		t.Helper()
		var out, errs bytes.Buffer
		if code := run([]string{"build", "-s", site, "-d", dest}, &out, &errs); code != 0 {
			t.Fatalf("exit %d: %s", code, &errs)
		}
		return took.ReplaceAllString(out.String(), " in T "), errs.String()
	}
	fingerprints := func() []string {
		matches, _ := filepath.Glob(filepath.Join(cache, "fingerprint-*"))
		return matches
	}

	_, firstWarnings := build()
	if !strings.Contains(firstWarnings, `persona "Lonely" is in no journey`) {
		t.Fatalf("the first build warned of:\n%s", firstWarnings)
	}
	if len(fingerprints()) != 1 {
		t.Fatalf("the first build kept %d fingerprints", len(fingerprints()))
	}
	fast, fastWarnings := build()
	// Without the fingerprint, the build loads the site and finds the
	// output folder up to date page by page, and keeps one again.
	for _, f := range fingerprints() {
		os.Remove(f)
	}
	loaded, loadedWarnings := build()
	if len(fingerprints()) != 1 {
		t.Errorf("a build that loaded kept %d fingerprints", len(fingerprints()))
	}
	if fast != loaded || !strings.Contains(fast, "pages unchanged") {
		t.Errorf("with nothing changed, the build printed\n%s\nand loading the site\n%s", fast, loaded)
	}
	if fastWarnings != firstWarnings || loadedWarnings != firstWarnings {
		t.Errorf("warnings of the first build:\n%s\nwith nothing changed:\n%s\nloading the site:\n%s", firstWarnings, fastWarnings, loadedWarnings)
	}
}
