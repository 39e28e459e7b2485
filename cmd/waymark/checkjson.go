package main

import (
	"encoding/json"
	"fmt"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
)

// checkFormats are the values of check --format; the first is the default.
var checkFormats = []string{"text", "json"}

// checkReportVersion is the version of the JSON that check --format json
// prints. Within a version, fields are only ever added; a change that would
// break a reader (a field renamed, removed or changing its meaning or type)
// comes with a new version. docs/authoring.md promises this.
const checkReportVersion = 1

// checkReport is the JSON printed by check --format json.
type checkReport struct {
	Version  int            `json:"version"`
	OK       bool           `json:"ok"`
	Journeys int            `json:"journeys"`
	Personas int            `json:"personas"`
	Problems []checkProblem `json:"problems"` // never null: [] when ok
}

// checkProblem is one diagnostic. Line and Column are 0 when the problem
// has no position in a file (a missing folder, a file that cannot be read);
// File is "" only for a failure that belongs to no file.
type checkProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// checkJSON prints the result of a check as JSON to stdout and returns the
// exit code, the same as the text format's.
func (c *cli) checkJSON(opts build.Options, stats build.Stats, diags diag.List, err error) int {
	r := checkReport{Version: checkReportVersion, Problems: []checkProblem{}}
	for _, d := range diags.Sort() {
		r.Problems = append(r.Problems, checkProblem{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Message: d.Msg, Hint: d.Hint,
		})
	}
	if len(diags) == 0 && err != nil {
		// A failure of the machine, not of a file (a layout whose template
		// fails as it runs): still a reason to fail the job.
		r.Problems = append(r.Problems, checkProblem{Message: err.Error()})
	}
	r.OK = len(r.Problems) == 0
	if r.OK {
		r.Journeys, r.Personas = stats.Journeys, stats.Personas
	} else {
		// A build with problems stops before it counts anything: count
		// what could be read, so that a CI report still has the size of
		// the site.
		r.Journeys, r.Personas = countSite(opts)
	}
	enc := json.NewEncoder(c.stdout)
	enc.SetEscapeHTML(false) // messages quote "<" and "&" as written
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		fmt.Fprintf(c.stderr, "waymark check: %v\n", err)
		return exitContent
	}
	if !r.OK {
		return exitContent
	}
	return exitOK
}

// countSite counts the journeys (drafts only when the build includes them)
// and personas whose files could be read, whatever their problems.
func countSite(opts build.Options) (journeys, personas int) {
	cfg, _ := config.Load(opts.Root)
	if cfg == nil {
		return 0, 0
	}
	site, _ := content.Load(opts.Root, cfg, content.Options{Drafts: opts.Drafts || cfg.Build.Drafts})
	return len(site.Journeys), len(site.Personas)
}
