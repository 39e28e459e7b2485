package main

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInitThenBuild is a newcomer's first hour: from an empty folder,
// init, a journey and a persona of their own, and a build.
func TestInitThenBuild(t *testing.T) {
	site := filepath.Join(t.TempDir(), "maps")
	for _, args := range [][]string{
		{"init", site},
		{"new", "journey", "Opening an account", "-s", site},
		{"new", "persona", "Priya Nair", "-s", site},
		{"build", "-s", site},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != exitOK {
			t.Fatalf("%v: exit %d\n%s%s", args, code, &stdout, &stderr)
		}
	}
	for _, f := range []string{"index.html", "journeys/example/index.html", "personas/example-customer/index.html", "personas/priya-nair/index.html"} {
		if _, err := os.Stat(filepath.Join(site, "public", filepath.FromSlash(f))); err != nil {
			t.Errorf("the built site lacks %s: %v", f, err)
		}
	}
}

// TestInitExampleIsClean: the example passes check with no problem and
// no warning, so that the first thing a newcomer sees is a clean site.
func TestInitExampleIsClean(t *testing.T) {
	site := t.TempDir()
	runExpect(t, []string{"init", site}, exitOK, []string{
		"Created a waymark site in " + site,
		"site.toml", "content/personas/example-customer.md", "content/journeys/example.md", ".gitignore",
		"Next:", "cd " + site, "waymark serve",
	}, nil)
	r := expectCheck(t, site)
	if r.Journeys != 1 || r.Personas != 1 || len(r.Problems) != 0 {
		t.Errorf("check of a new site: %d journeys, %d personas, problems %+v; want 1, 1 and none", r.Journeys, r.Personas, r.Problems)
	}
	data, err := os.ReadFile(filepath.Join(site, "content", "journeys", "example.md"))
	if err != nil {
		t.Fatal(err)
	}
	if today := "updated  = " + time.Now().Format(time.DateOnly); !strings.Contains(string(data), today) {
		t.Errorf("the example map is not dated today (%q):\n%s", today, data)
	}
	toml, err := os.ReadFile(filepath.Join(site, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"digital", "physical", "human", "partner"} {
		if n := strings.Count(string(toml), `kind = "`+kind+`"`); n < 2 {
			t.Errorf("site.toml has %d channels of kind %s, want a few", n, kind)
		}
	}
}

func TestInit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		files  map[string]string // there before init
		args   []string          // after "init"; "SITE" is the folder
		code   int
		stdout []string
		stderr []string
		// want: files and what they hold after init; "" for unchanged
		want map[string]string
	}{
		{
			name: "current folder", args: nil, code: exitOK,
			stdout: []string{"Created a waymark site in .:"},
			want:   map[string]string{".gitignore": "/public/\n/.waymark-cache/\n", "site.toml": `title       = "Customer journeys"`},
		},
		{
			name: "existing site refused", files: map[string]string{"site.toml": "title = \"Mine\"\n"},
			args: []string{"SITE"}, code: exitContent,
			stderr: []string{"already has a site.toml; nothing was changed", "hint: run 'waymark new journey"},
		},
		{
			name: "gitignore kept, public added", files: map[string]string{".gitignore": "*.log"},
			args: []string{"SITE"}, code: exitOK,
			stdout: []string{".gitignore", "public/ and .waymark-cache/ added"},
			want:   map[string]string{".gitignore": "*.log\n/public/\n/.waymark-cache/\n"},
		},
		{
			name: "gitignore that ignores public already", files: map[string]string{".gitignore": "node_modules/\npublic/\n"},
			args: []string{"SITE"}, code: exitOK,
			stdout: []string{".waymark-cache/ added"},
			want:   map[string]string{".gitignore": "node_modules/\npublic/\n/.waymark-cache/\n"},
		},
		{
			name: "gitignore that ignores both already", files: map[string]string{".gitignore": "public\n.waymark-cache/\n"},
			args: []string{"SITE"}, code: exitOK,
			want: map[string]string{".gitignore": "public\n.waymark-cache/\n"},
		},
		{
			name: "an example file there is kept", files: map[string]string{"content/journeys/example.md": "mine"},
			args: []string{"SITE"}, code: exitOK,
			stdout: []string{"content/journeys/example.md", "kept as it was"},
			want:   map[string]string{"content/journeys/example.md": "mine"},
		},
		{
			name: "a file, not a folder", files: map[string]string{"notes.txt": "x"},
			args: []string{"SITE/notes.txt"}, code: exitUsage,
			stderr: []string{"is a file, not a folder"},
		},
		{
			name: "two folders", args: []string{"a", "b"}, code: exitUsage,
			stderr: []string{`unexpected argument "b"`},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			site := writeSite(t, tc.files)
			before := snapshot(t, site)
			args := []string{"init"}
			for _, a := range tc.args {
				args = append(args, strings.ReplaceAll(a, "SITE", site))
			}
			if tc.args == nil {
				t.Chdir(site)
			}
			runExpect(t, args, tc.code, tc.stdout, tc.stderr)
			if tc.code != exitOK {
				if after := snapshot(t, site); !maps.EqualFunc(before, after, bytes.Equal) {
					t.Errorf("a refused init changed the folder:\nbefore %q\nafter  %q", before, after)
				}
				return
			}
			for name, want := range tc.want {
				data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(string(data), want) || (strings.HasSuffix(want, "\n") && !strings.HasSuffix(string(data), want)) {
					t.Errorf("%s holds %q, want %q", name, data, want)
				}
			}
		})
	}
}
