package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/diag"
)

// watch and serve print the warnings after the first build and when they
// change, not on every save.
func TestReportWarnings(t *testing.T) {
	stale := diag.List{{Pos: diag.Position{File: "content/journeys/a.md", Line: 4, Col: 1}, Msg: "map was last updated …", Severity: diag.Warning}}
	more := append(stale, diag.Diagnostic{Pos: diag.Position{File: "content/personas/p.md", Line: 2, Col: 1}, Msg: "persona \"P\" is in no journey", Severity: diag.Warning})
	problem := diag.List{{Pos: diag.Position{File: "content/journeys/a.md", Line: 9, Col: 3}, Msg: "unknown channel \"wbe\""}}
	var stdout, stderr bytes.Buffer
	c := &cli{stdout: &stdout, stderr: &stderr}
	for i, step := range []struct {
		warnings diag.List
		problems diag.List
		want     string // on stderr; "" for nothing
	}{
		{stale, nil, "a.md:4:1: warning: map was last updated …\n1 warning\n"},
		{stale, nil, ""},
		{more, nil, "p.md:2:1: warning: persona \"P\" is in no journey\n2 warnings\n"},
		{more, problem, "a.md:9:3: unknown channel \"wbe\"\n1 problem\n"},
		{nil, nil, "no warnings\n"},
		{nil, nil, ""},
	} {
		stderr.Reset()
		c.report("content/journeys/a.md changed", build.Result{Stats: build.Stats{Warnings: step.warnings}}, step.problems, nil, "")
		got := stderr.String()
		if step.want == "" && got != "" || !strings.Contains(got, step.want) {
			t.Errorf("save %d: stderr\n%s\nwant it to hold\n%s", i+1, got, step.want)
		}
		if step.want != "" && strings.Count(got, "warning:") > len(step.warnings) {
			t.Errorf("save %d: warnings printed twice:\n%s", i+1, got)
		}
	}
}

// watch and serve group a flood of warnings or problems as build does,
// and say how to see them all.
func TestReportGroups(t *testing.T) {
	var warnings, problems diag.List
	for i := range 2000 {
		warnings.Warn(diag.Position{File: fmt.Sprintf("content/journeys/j%04d.md", i), Line: 2, Col: 1}, "add evidence", "journey has no evidence")
		problems.Add(diag.Position{File: fmt.Sprintf("content/journeys/j%04d.md", i), Line: 9, Col: 15}, "", "unknown channel %q", "web")
	}
	for _, all := range []bool{false, true} {
		var stdout, stderr bytes.Buffer
		c := &cli{stdout: &stdout, stderr: &stderr, all: all}
		c.report("content/journeys/a.md changed", build.Result{Stats: build.Stats{Warnings: warnings}}, problems, nil, "")
		got := stderr.String()
		lines := strings.Count(got, "\n")
		for _, want := range []string{"\n2,000 warnings\n", "\n2,000 problems\n", "2,000 problems; the last good site is kept"} {
			if !strings.Contains(got, want) {
				t.Errorf("--all=%v: stderr lacks %q:\n%s", all, want, got)
			}
		}
		switch {
		case !all && (lines > 30 || strings.Count(got, seeAll) != 2 ||
			!strings.Contains(got, "and 1,995 more: warning: journey has no evidence in 1,995 files\n") ||
			!strings.Contains(got, `and 1,995 more: unknown channel "web" in 1,995 files`+"\n")):
			t.Errorf("grouped: %d lines:\n%s", lines, got)
		case all && (lines < 2*2000 || strings.Contains(got, seeAll)):
			t.Errorf("--all: %d lines, want every one:\n%s", lines, got[:min(len(got), 1000)])
		}
	}
}
