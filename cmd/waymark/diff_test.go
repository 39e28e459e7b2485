package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// gitRepo makes a git repository in a temporary folder, configured by the
// environment alone so that it works on a bare CI machine, and returns a
// function that runs git in it.
func gitRepo(t *testing.T) (dir string, git func(args ...string) string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed; waymark diff cannot be tested")
	}
	for k, v := range map[string]string{
		"GIT_CONFIG_GLOBAL": os.DevNull, "GIT_CONFIG_NOSYSTEM": "1",
		"GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "test@example.com",
		"GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "test@example.com",
	} {
		t.Setenv(k, v)
	}
	dir = t.TempDir()
	git = func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	return dir, git
}

// diffJourney is a journey with one stage whose emotion and pain point
// vary, and one touchpoint on a channel that varies.
func diffJourney(emotion, painPoint, channel string) string {
	return "+++\ntitle = \"Buy\"\npersonas = [\"ana\"]\n\n[[stages]]\nname = \"Look\"\nemotion = " + emotion +
		"\npain_points = [\"" + painPoint + "\"]\n\n  [[stages.touchpoints]]\n  name = \"Page\"\n  channels = [\"" + channel + "\"]\n+++\n"
}

// diffRepo is a repository whose site is in maps/, with history:
//
//	v0: no site yet
//	v1: the site, one journey
//	v2: the journey's emotion, pain point and channel changed
//	broken (a branch from v2): the journey does not load
//
// and a working tree on main that changes the emotion again and adds an
// untracked persona.
func diffRepo(t *testing.T) string {
	dir, git := gitRepo(t)
	site := goodSite()
	site["site.toml"] += "\n[[channels]]\nid = \"app\"\nname = \"App\"\nkind = \"digital\"\n"
	// A photo in static/, which a revision must have by name for the
	// persona to load.
	site["content/personas/ana.md"] = "+++\nname = \"Ana\"\nphoto = \"img/ana.jpg\"\n+++\n"
	site["static/img/ana.jpg"] = "\xff\xd8\xff"
	writeFiles(t, dir, map[string]string{"README.md": "maps"})
	git("add", "-A")
	git("commit", "-q", "-m", "v0")
	git("tag", "v0")

	site["content/journeys/buy.md"] = diffJourney("-1", "Spec sheets use jargon", "web")
	writeFiles(t, filepath.Join(dir, "maps"), site)
	git("add", "-A")
	git("commit", "-q", "-m", "v1")
	git("tag", "v1")

	writeFiles(t, filepath.Join(dir, "maps"), map[string]string{
		"content/journeys/buy.md": diffJourney("1", "Sizes differ by brand", "app"),
	})
	git("commit", "-q", "-am", "v2")
	git("tag", "v2")

	git("checkout", "-q", "-b", "broken")
	writeFiles(t, filepath.Join(dir, "maps"), map[string]string{"content/journeys/buy.md": diffJourney("7", "x", "web")})
	git("commit", "-q", "-am", "broken")
	git("checkout", "-q", "main")

	writeFiles(t, filepath.Join(dir, "maps"), map[string]string{
		"content/journeys/buy.md":   diffJourney("2", "Sizes differ by brand", "app"),
		"content/personas/ben.md":   "+++\nname = \"Ben\"\n+++\n", // untracked: part of the working tree
		"content/journeys/.#buy.md": "an editor's lock file, which is not content",
	})
	return dir
}

func TestDiff(t *testing.T) {
	repo := diffRepo(t)
	maps := filepath.Join(repo, "maps")
	outside := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(outside))
	for _, tc := range []cliCase{
		{name: "working tree against HEAD", args: []string{"diff", "-s", maps}, code: 0, stdout: []string{
			"HEAD → working tree: journeys: 1 changed; personas: 1 added",
			`persona added: "Ben" (ben)`,
			"Look: emotion +1 → +2",
		}},
		{name: "two revisions", args: []string{"diff", "v1..v2", "-s", maps}, code: 0, stdout: []string{
			"v1 → v2: journeys: 1 changed",
			"Look: emotion -1 → +1",
			`Look: pain point resolved: "Spec sheets use jargon"`,
			`Look: pain point added: "Sizes differ by brand"`,
			`Look: touchpoint "Page" moved from web to app`,
		}},
		{name: "A.. is A..HEAD", args: []string{"diff", "-s", maps, "v2.."}, code: 0, stdout: []string{"v2 → HEAD: no changes in meaning"}},
		{name: "A...B from the merge base", args: []string{"diff", "-s", maps, "broken...main"}, code: 0, stdout: []string{"→ main: no changes in meaning"}},
		{name: "markdown", args: []string{"diff", "-s", maps, "--format", "markdown", "v1..v2"}, code: 0, stdout: []string{
			"### Journey maps: `v1` → `v2`",
			"#### Buy (`buy`)",
			"- **Look**\n  - Emotion -1 → +1",
		}},
		{name: "flags after the revision", args: []string{"diff", "v1", "-s", maps}, code: 0, stdout: []string{"v1 → working tree"}},
		{name: "help", args: []string{"help", "diff"}, code: 0, stdout: []string{"Usage: waymark diff", "A..B", "-format"}},
		{name: "unknown revision", args: []string{"diff", "-s", maps, "nope"}, code: 2, stderr: []string{`unknown revision "nope"`, "hint:"}},
		{name: "unknown second revision", args: []string{"diff", "-s", maps, "v1..nope"}, code: 2, stderr: []string{`unknown revision "nope"`}},
		{name: "no site at the revision", args: []string{"diff", "-s", maps, "v0"}, code: 2, stderr: []string{"no site at v0: maps/site.toml is not in that commit"}},
		{name: "outside a repository", args: []string{"diff", "-s", writeSite(t, goodSite())}, code: 2, stderr: []string{"is not in a git repository", "hint:"}},
		{name: "unknown format", args: []string{"diff", "-s", maps, "--format", "md"}, code: 2, stderr: []string{`unknown format "md"`}},
		{name: "two arguments", args: []string{"diff", "-s", maps, "v1", "v2"}, code: 2, stderr: []string{"too many arguments", "A..B"}},
		{name: "missing folder", args: []string{"diff", "-s", filepath.Join(repo, "nope")}, code: 2, stderr: []string{"is not a folder"}},
		{name: "problems at a revision", args: []string{"diff", "-s", maps, "broken"}, code: 1, stderr: []string{
			"broken:content/journeys/buy.md:7:1: emotion 7 is out of range",
			"diff needs both versions",
		}},
		{name: "problems at both revisions", args: []string{"diff", "-s", maps, "broken..broken"}, code: 1, stderr: []string{
			"broken:content/journeys/buy.md:7:1: emotion 7 is out of range",
			"2 problems",
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdout, _ := runExpect(t, tc.args, tc.code, tc.stdout, tc.stderr)
			if tc.code != 0 && stdout != "" {
				t.Errorf("a failed diff printed to stdout:\n%s", stdout)
			}
		})
	}
}

// TestDiffWorkingTreeProblems: a working tree that does not load is
// reported as check reports it, without a revision's prefix.
func TestDiffWorkingTreeProblems(t *testing.T) {
	repo := diffRepo(t)
	maps := filepath.Join(repo, "maps")
	writeFiles(t, maps, map[string]string{"content/journeys/buy.md": diffJourney("-3", "x", "web")})
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "-s", maps}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, &stderr)
	}
	if !strings.HasPrefix(stderr.String(), "content/journeys/buy.md:7:1: emotion -3 is out of range") {
		t.Errorf("stderr:\n%s", &stderr)
	}
}

// TestDiffJSON: the JSON names both commits and carries the changes.
func TestDiffJSON(t *testing.T) {
	repo := diffRepo(t)
	maps := filepath.Join(repo, "maps")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"diff", "-s", maps, "--format", "json", "v1"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d\n%s", code, &stderr)
	}
	var r struct {
		Version int `json:"version"`
		From    struct {
			Name, Commit string
		} `json:"from"`
		To struct {
			Name, Commit string
		} `json:"to"`
		Journeys []struct {
			Slug   string `json:"slug"`
			Stages []struct {
				ID      string `json:"id"`
				Emotion struct {
					Before, After float64
				} `json:"emotion"`
			} `json:"stages"`
		} `json:"journeys"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, &stdout)
	}
	if r.Version != 1 || r.From.Name != "v1" || len(r.From.Commit) < 40 || r.To.Name != "working tree" || r.To.Commit != "" {
		t.Errorf("header: %+v", r)
	}
	if len(r.Journeys) != 1 || len(r.Journeys[0].Stages) != 1 || r.Journeys[0].Stages[0].Emotion.Before != -1 || r.Journeys[0].Stages[0].Emotion.After != 2 {
		t.Errorf("journeys: %+v", r.Journeys)
	}
}

// TestDiffWithoutGit: with no git command to run, diff says so.
func TestDiffWithoutGit(t *testing.T) {
	site := writeSite(t, goodSite())
	t.Setenv("PATH", t.TempDir()) // a folder with no git in it
	runExpect(t, []string{"diff", "-s", site}, 2, nil, []string{"the git command is not installed"})
}
