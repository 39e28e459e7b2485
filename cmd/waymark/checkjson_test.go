package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCheckJSON(t *testing.T) {
	good := writeSite(t, goodSite())
	broken := writeSite(t, brokenSite())
	noConfig := writeSite(t, map[string]string{"content/personas/ana.md": "+++\nname = \"Ana\"\n+++\n"})
	gap := writeSite(t, gapSite())
	for _, tc := range []struct {
		name string
		args []string
		code int
		want checkReport
	}{
		{
			name: "good site",
			args: []string{"check", "-s", good, "--format", "json"},
			want: checkReport{Version: 1, OK: true, Journeys: 1, Personas: 1, Problems: []checkProblem{}},
		},
		{
			name: "broken site",
			args: []string{"check", "--format=json", "-s", broken},
			code: 1,
			want: checkReport{Version: 1, OK: false, Journeys: 1, Personas: 1, Warnings: 2, Problems: []checkProblem{
				{Severity: "warning", File: "content/journeys/buy.md", Line: 2, Column: 1,
					Message: "journey has no evidence",
					Hint:    `add [[stages.evidence]] with the research behind the map (kind = "interview", "survey", …), so that readers can tell findings from assumptions`},
				{Severity: "error", File: "content/journeys/buy.md", Line: 6, Column: 1,
					Message: "emotion 5 is out of range: it must be from -2 to 2",
					Hint:    "-2 is very negative, 0 neutral, 2 very positive"},
				{Severity: "error", File: "content/journeys/buy.md", Line: 10, Column: 15,
					Message: `unknown channel "wbe"`,
					Hint:    `did you mean "web"?`},
				{Severity: "warning", File: "content/personas/ana.md", Line: 2, Column: 1,
					Message: `persona "Ana" is in no journey`,
					Hint:    `add "ana" to the personas of the journeys this persona takes, or delete the file if it is retired`},
			}},
		},
		{
			name: "warnings only",
			args: []string{"check", "-s", gap, "--format", "json"},
			want: checkReport{Version: 1, OK: true, Journeys: 1, Personas: 1, Warnings: 1, Problems: []checkProblem{
				{Severity: "warning", File: "content/journeys/buy.md", Line: 2, Column: 1,
					Message: "journey has no evidence",
					Hint:    `add [[stages.evidence]] with the research behind the map (kind = "interview", "survey", …), so that readers can tell findings from assumptions`},
			}},
		},
		{
			name: "warnings only, --strict",
			args: []string{"check", "-s", gap, "--format", "json", "--strict"},
			code: 1,
			want: checkReport{Version: 1, OK: false, Journeys: 1, Personas: 1, Warnings: 1, Problems: []checkProblem{
				{Severity: "warning", File: "content/journeys/buy.md", Line: 2, Column: 1,
					Message: "journey has no evidence",
					Hint:    `add [[stages.evidence]] with the research behind the map (kind = "interview", "survey", …), so that readers can tell findings from assumptions`},
			}},
		},
		{
			name: "no site.toml",
			args: []string{"check", "-s", noConfig, "--format", "json"},
			code: 1,
			want: checkReport{Version: 1, Problems: []checkProblem{
				{Severity: "error", File: "site.toml", Message: "cannot read the site configuration: …", // the OS's words
					Hint: "run waymark in the site's folder, or point -s at it; to start a site here, run waymark init"},
			}},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(tc.args, &stdout, &stderr)
			if code != tc.code {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tc.code, &stdout, &stderr)
			}
			if stderr.Len() > 0 {
				t.Errorf("stderr is not empty: %s", &stderr)
			}
			var got checkReport
			dec := json.NewDecoder(&stdout)
			dec.DisallowUnknownFields()
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("not the JSON report: %v\n%s", err, stdout.String())
			}
			for i, p := range tc.want.Problems {
				if prefix, ok := strings.CutSuffix(p.Message, "…"); ok && i < len(got.Problems) && strings.HasPrefix(got.Problems[i].Message, prefix) {
					got.Problems[i].Message = p.Message
				}
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

// TestCheckJSONShape pins the field names and the empty list that CI
// scripts rely on.
func TestCheckJSONShape(t *testing.T) {
	site := writeSite(t, goodSite())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-s", site, "--format", "json"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, &stderr)
	}
	want := "{\n  \"version\": 1,\n  \"ok\": true,\n  \"journeys\": 1,\n  \"personas\": 1,\n  \"warnings\": 0,\n  \"problems\": []\n}\n"
	if stdout.String() != want {
		t.Errorf("got\n%s\nwant\n%s", &stdout, want)
	}

	broken := writeSite(t, brokenSite())
	stdout.Reset()
	run([]string{"check", "-s", broken, "--format", "json"}, &stdout, &stderr)
	var raw map[string]any
	if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
		t.Fatal(err)
	}
	p := raw["problems"].([]any)[2].(map[string]any)
	var keys []string
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, ","); got != "column,file,hint,line,message,severity" {
		t.Errorf("a problem's fields: %s", got)
	}
	if !strings.Contains(stdout.String(), `"hint": "did you mean \"web\"?"`) {
		t.Errorf("quotes in a hint:\n%s", &stdout)
	}
}

func TestCheckFormatUsage(t *testing.T) {
	site := writeSite(t, goodSite())
	for _, tc := range []struct {
		format string
		stderr []string
	}{
		{"jsno", []string{`waymark check: unknown format "jsno"`, `hint: did you mean "json"?`, "Run 'waymark check -h' for usage."}},
		{"TEXT", []string{`unknown format "TEXT"`, `did you mean "text"?`}},
		{"yaml", []string{`unknown format "yaml"`, "hint: use --format text or json"}},
		{"", []string{`unknown format ""`}},
	} {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"check", "-s", site, "--format", tc.format}, &stdout, &stderr); code != 2 {
			t.Errorf("--format %q: exit %d, want 2", tc.format, code)
		}
		if stdout.Len() > 0 {
			t.Errorf("--format %q: stdout: %s", tc.format, &stdout)
		}
		for _, s := range tc.stderr {
			if !strings.Contains(stderr.String(), s) {
				t.Errorf("--format %q: stderr lacks %q:\n%s", tc.format, s, &stderr)
			}
		}
	}

	// The text format is the default, and unchanged.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"check", "-s", site, "--format", "text"}, &stdout, &stderr); code != 0 || stdout.String() != "ok: 1 journey and 1 persona, no problems\n" {
		t.Errorf("--format text: exit %d, %q", code, &stdout)
	}
	stdout.Reset()
	if code := run([]string{"help", "check"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "-format text") {
		t.Errorf("help check: %s", &stdout)
	}
}

// gapSite is goodSite without its evidence: one warning, no problem.
func gapSite() map[string]string {
	s := goodSite()
	s["content/journeys/buy.md"] = strings.Replace(s["content/journeys/buy.md"], "\n  [[stages.evidence]]\n  kind = \"survey\"\n", "", 1)
	return s
}

// Warnings are printed with the problems, and fail a run only with
// --strict; build publishes despite them unless --strict.
func TestStrict(t *testing.T) {
	gap := writeSite(t, gapSite())
	broken := writeSite(t, brokenSite())
	const warning = "content/journeys/buy.md:2:1: warning: journey has no evidence\n\thint: add [[stages.evidence]]"
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings
		stderr []string
		built  bool // public/index.html exists afterwards
	}{
		{name: "check", args: []string{"check", "-s", gap}, code: 0,
			stdout: []string{"ok: 1 journey and 1 persona, no problems, 1 warning\n"}, stderr: []string{warning, "\n1 warning\n"}},
		{name: "check --strict", args: []string{"check", "--strict", "-s", gap}, code: 1,
			stderr: []string{warning, "\n1 warning\n", "check failed: --strict fails on warnings"}},
		{name: "check, problems and warnings", args: []string{"check", "-s", broken}, code: 1,
			stderr: []string{"buy.md:2:1: warning: journey has no evidence", `buy.md:10:15: unknown channel "wbe"`,
				`ana.md:2:1: warning: persona "Ana" is in no journey`, "\n2 problems, 2 warnings\n"}},
		{name: "build", args: []string{"build", "-s", gap}, code: 0, built: true,
			stdout: []string{"Built 1 journey and 1 persona"}, stderr: []string{warning, "\n1 warning\n"}},
		{name: "build --strict", args: []string{"build", "-s", gap, "--strict"}, code: 1,
			stderr: []string{warning, "\n1 warning\n", "build failed; " + filepath.Join(gap, "public") + " was left as it was"}},
		{name: "build, problems and warnings", args: []string{"build", "-s", broken}, code: 1,
			stderr: []string{"buy.md:2:1: warning: journey has no evidence", `buy.md:6:1: emotion 5 is out of range`, "\n2 problems, 2 warnings\n"}},
		{name: "help check", args: []string{"help", "check"}, stdout: []string{"-strict", "warnings"}},
		{name: "help build", args: []string{"help", "build"}, stdout: []string{"-strict", "Warnings are printed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			os.RemoveAll(filepath.Join(gap, "public"))
			_, stderr := runExpect(t, tc.args, tc.code, tc.stdout, tc.stderr)
			if len(tc.stderr) == 0 && stderr != "" {
				t.Errorf("stderr: %s", stderr)
			}
			if _, err := os.Stat(filepath.Join(gap, "public", "index.html")); (err == nil) != tc.built {
				t.Errorf("public/index.html exists: %v, want %v", err == nil, tc.built)
			}
		})
	}
}
