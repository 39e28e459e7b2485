package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCheckJSON(t *testing.T) {
	good := writeSite(t, goodSite())
	broken := writeSite(t, brokenSite())
	noConfig := writeSite(t, map[string]string{"content/personas/ana.md": "+++\nname = \"Ana\"\n+++\n"})
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
			want: checkReport{Version: 1, OK: false, Journeys: 1, Personas: 1, Problems: []checkProblem{
				{File: "content/journeys/buy.md", Line: 6, Column: 1,
					Message: "emotion 5 is out of range: it must be from -2 to 2",
					Hint:    "-2 is very negative, 0 neutral, 2 very positive"},
				{File: "content/journeys/buy.md", Line: 10, Column: 15,
					Message: `unknown channel "wbe"`,
					Hint:    `did you mean "web"?`},
			}},
		},
		{
			name: "no site.toml",
			args: []string{"check", "-s", noConfig, "--format", "json"},
			code: 1,
			want: checkReport{Version: 1, Problems: []checkProblem{
				{File: "site.toml", Message: "cannot read the site configuration: …", // the OS's words
					Hint: "run waymark in the site's folder, or point -s at it"},
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
	want := "{\n  \"version\": 1,\n  \"ok\": true,\n  \"journeys\": 1,\n  \"personas\": 1,\n  \"problems\": []\n}\n"
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
	p := raw["problems"].([]any)[1].(map[string]any)
	var keys []string
	for k := range p {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if got := strings.Join(keys, ","); got != "column,file,hint,line,message" {
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
		{"yaml", []string{`unknown format "yaml"`, "hint: use --format text or --format json"}},
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
