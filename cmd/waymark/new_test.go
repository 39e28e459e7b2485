package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/tomldoc"
)

func TestNew(t *testing.T) {
	today := time.Now().Format(time.DateOnly)
	for _, tc := range []struct {
		name   string
		files  map[string]string // the site; goodSite() when nil
		args   []string          // $SITE is the site folder
		code   int
		stdout []string
		stderr []string
		file   string   // written, relative to the site
		want   []string // lines of the file written
	}{
		{
			name: "journey",
			args: []string{"new", "journey", "Buying a bike online", "-s", "$SITE"},
			stdout: []string{
				filepath.FromSlash("content/journeys/buying-a-bike-online.md"), "a draft journey",
				"Next: edit it, then run 'waymark serve -s ", " --drafts'",
			},
			file: "content/journeys/buying-a-bike-online.md",
			want: []string{
				`title    = "Buying a bike online"  # required: the map's name`,
				`personas = ["ana"]`,
				`status   = "draft"            # draft (built only with --drafts), review or published`,
				`updated  = ` + today,
				`[[stages]]`,
				`name            = "Discover"`,
				`  [[stages.touchpoints]]`,
				`  name            = "Website"       # required`,
				`  channels        = ["web"]         # required: ids from site.toml: web`,
				`  # [[stages.evidence]]`,
				`## Discover`,
			},
		},
		{
			name:   "persona",
			args:   []string{"new", "persona", "Dana Ortiz", "-s", "$SITE"},
			stdout: []string{filepath.FromSlash("content/personas/dana-ortiz.md"), `personas = ["dana-ortiz"]`, "waymark serve -s "},
			file:   "content/personas/dana-ortiz.md",
			want: []string{
				`name        = "Dana Ortiz"      # required`,
				`channels    = []                # preferred channels, ids from site.toml: web`,
				`[demographics]`,
			},
		},
		{
			name: "flags first",
			args: []string{"new", "-s", "$SITE", "--force", "persona", "Sam"},
			file: "content/personas/sam.md",
			want: []string{`name        = "Sam"             # required`},
		},
		{
			name: "unicode and punctuation in the title",
			args: []string{"new", "journey", "  Café crème: l'été — 2026!  ", "-s", "$SITE"},
			file: "content/journeys/café-crème-lété-2026.md",
			want: []string{`title    = "Café crème: l'été — 2026!"  # required: the map's name`},
		},
		{
			name: "quotes and backslashes are escaped",
			args: []string{"new", "journey", `Returns "no questions asked" \ refunds`, "-s", "$SITE"},
			file: "content/journeys/returns-no-questions-asked-refunds.md",
			want: []string{`title    = "Returns \"no questions asked\" \\ refunds"  # required: the map's name`},
		},
		{
			name:   "a title starting with a dash after --",
			args:   []string{"new", "-s", "$SITE", "journey", "--", "-30% sale"},
			file:   "content/journeys/30-sale.md",
			want:   []string{`title    = "-30% sale"`},
			stdout: []string{"30-sale.md"},
		},
		{
			name: "no channels and no personas",
			files: map[string]string{
				"site.toml": "title = \"Maps\"\n",
			},
			args: []string{"new", "journey", "First map", "-s", "$SITE"},
			file: "content/journeys/first-map.md",
			want: []string{
				`# This site has none yet: waymark new persona "Name" makes one.`,
				`# personas = ["…"]`,
				`  # Touchpoints need channels, and site.toml declares none yet: add`,
			},
		},
		{
			name:   "existing file refused",
			args:   []string{"new", "journey", "Buy", "-s", "$SITE"},
			code:   1,
			stderr: []string{"waymark new: ", filepath.FromSlash("content/journeys/buy.md") + " already exists", "\thint: choose another title, or pass --force to overwrite it"},
			file:   "content/journeys/buy.md",
			want:   []string{`title = "Buy"`},
		},
		{
			name:   "--force overwrites",
			args:   []string{"new", "journey", "Buy", "--force", "-s", "$SITE"},
			stdout: []string{"Created "},
			file:   "content/journeys/buy.md",
			want:   []string{"title    = \"Buy\"            ", `status   = "draft"`},
		},
		{
			name: "the same slug in a subfolder is refused even with --force",
			files: func() map[string]string {
				s := goodSite()
				s["content/journeys/shop/buy-online.md"] = "+++\ntitle = \"Buy online\"\n\n[[stages]]\nname = \"A\"\n+++\n"
				return s
			}(),
			args:   []string{"new", "journey", "Buy online!", "--force", "-s", "$SITE"},
			code:   1,
			stderr: []string{`a journey with the slug "buy-online" already exists: `, filepath.FromSlash("shop/buy-online.md"), "--force only replaces"},
		},
		{
			name:   "missing kind",
			args:   []string{"new", "-s", "$SITE"},
			code:   2,
			stderr: []string{"waymark new: say what to create: journey or persona", "\thint: waymark new journey", "Run 'waymark new -h' for usage."},
		},
		{
			name:   "missing title",
			args:   []string{"new", "persona"},
			code:   2,
			stderr: []string{"waymark new: missing the persona's name", `hint: waymark new persona "Dana Ortiz"`},
		},
		{
			name:   "blank title",
			args:   []string{"new", "journey", "   "},
			code:   2,
			stderr: []string{"waymark new: the journey's title is empty"},
		},
		{
			name:   "title with no letters or digits",
			args:   []string{"new", "journey", "!!!"},
			code:   2,
			stderr: []string{`waymark new: title "!!!" gives no file name`},
		},
		{
			name:   "unknown kind",
			args:   []string{"new", "jorney", "Buy"},
			code:   2,
			stderr: []string{`waymark new: unknown kind "jorney"`, `hint: did you mean "journey"?`},
		},
		{
			name:   "unknown kind, nothing close",
			args:   []string{"new", "channel", "Fax"},
			code:   2,
			stderr: []string{`unknown kind "channel"`, `hint: waymark new journey "Title", or waymark new persona "Name"`},
		},
		{
			name:   "title not quoted",
			args:   []string{"new", "journey", "Buying", "a", "bike"},
			code:   2,
			stderr: []string{`waymark new: unexpected argument "a"`, `hint: put the title in quotes: waymark new journey "Buying a bike"`},
		},
		{
			name:   "unknown flag",
			args:   []string{"new", "journey", "X", "--drafts"},
			code:   2,
			stderr: []string{"waymark new: unknown flag --drafts"},
		},
		{
			name:   "not a site",
			files:  map[string]string{"notes.txt": "hello"},
			args:   []string{"new", "journey", "Buy", "-s", "$SITE"},
			code:   1,
			stderr: []string{"site.toml: cannot read the site configuration", "is not a waymark site; nothing was written"},
		},
		{
			name:   "help new",
			args:   []string{"help", "new"},
			stdout: []string{`Usage: waymark new journey|persona "TITLE" [-s DIR] [--force]`, `waymark new persona "Dana Ortiz"`, "-force", "-s, --source DIR"},
		},
		{
			name:   "new -h",
			args:   []string{"new", "journey", "-h"},
			stdout: []string{"Usage: waymark new"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := tc.files
			if files == nil {
				files = goodSite()
			}
			site := writeSite(t, files)
			before := snapshot(t, site)
			args := make([]string, len(tc.args))
			for i, a := range tc.args {
				args[i] = strings.ReplaceAll(a, "$SITE", site)
			}
			runExpect(t, args, tc.code, tc.stdout, tc.stderr)
			after := snapshot(t, site)
			if tc.code != 0 {
				// A refusal writes nothing.
				if len(after) != len(before) {
					t.Errorf("%d files before, %d after", len(before), len(after))
				}
				for name, data := range before {
					if !bytes.Equal(after[name], data) {
						t.Errorf("%s changed", name)
					}
				}
			}
			if tc.file == "" {
				return
			}
			data, err := os.ReadFile(filepath.Join(site, filepath.FromSlash(tc.file)))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tc.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("%s lacks %q:\n%s", tc.file, w, data)
				}
			}
			if tc.code == 0 && !strings.Contains(tc.name, "help") && !strings.HasSuffix(tc.name, "-h") {
				expectCheck(t, site, "--drafts")
			}
		})
	}
}

// expectCheck runs waymark check on the site and fails the test unless it
// finds no problem.
func expectCheck(t *testing.T, site string, flags ...string) checkReport {
	t.Helper()
	var stdout, stderr bytes.Buffer
	args := append([]string{"check", "-s", site, "--format", "json"}, flags...)
	code := run(args, &stdout, &stderr)
	var r checkReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("check output is not JSON: %v\n%s\n%s", err, &stdout, &stderr)
	}
	if code != 0 || !r.OK {
		t.Fatalf("check: exit %d\n%s%s", code, &stdout, &stderr)
	}
	return r
}

// TestNewSkeletonsPassCheck creates a journey and a persona in a copy of
// the example site and checks the site: the skeletons are valid content,
// and a draft journey is loaded and checked even without --drafts.
func TestNewSkeletonsPassCheck(t *testing.T) {
	site := t.TempDir()
	copyTree(t, filepath.Join("..", "..", "site.toml"), filepath.Join(site, "site.toml"))
	copyTree(t, filepath.Join("..", "..", "content"), filepath.Join(site, "content"))
	base := expectCheck(t, site, "--drafts")

	for _, args := range [][]string{
		{"new", "journey", "Returning a bike", "-s", site},
		{"new", "persona", "Alex Morgan", "-s", site},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, &stderr)
		}
	}
	journey := filepath.Join(site, "content", "journeys", "returning-a-bike.md")
	data, err := os.ReadFile(journey)
	if err != nil {
		t.Fatal(err)
	}
	// The example site's first channel, and one of its personas.
	for _, w := range []string{`channels        = ["web"]`, `personas = ["dana-ortiz"]`, `parent = "a-day-on-the-bike"`} {
		if !strings.Contains(string(data), w) {
			t.Errorf("journey lacks %q:\n%s", w, data)
		}
	}

	got := expectCheck(t, site, "--drafts")
	if got.Journeys != base.Journeys+1 || got.Personas != base.Personas+1 {
		t.Errorf("check --drafts counts %d journeys and %d personas, want %d and %d",
			got.Journeys, got.Personas, base.Journeys+1, base.Personas+1)
	}
	expectCheck(t, site) // the draft is left out of the build, still fine

	// Without --drafts the draft is not built, but it is still checked.
	broken := strings.Replace(string(data), "emotion         = 0", "emotion         = 5", 1)
	if err := os.WriteFile(journey, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-s", site}, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "returning-a-bike.md") {
		t.Errorf("a broken draft passed check: exit %d\n%s", code, &stderr)
	}
}

// copyTree copies a file, or a folder and everything in it.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestTOMLString(t *testing.T) {
	for in, want := range map[string]string{
		"plain":            `"plain"`,
		`say "hi"`:         `"say \"hi\""`,
		`back\slash`:       `"back\\slash"`,
		"tab\tnew\nline\r": `"tab\tnew\nline\r"`,
		"bell\a del\x7f":   `"bell\u0007 del\u007F"`,
		"Café — 購入":        `"Café — 購入"`,
	} {
		if got := tomldoc.Quote(in); got != want {
			t.Errorf("tomldoc.Quote(%q) = %s, want %s", in, got, want)
		}
	}
}
