package main

import (
	"encoding/json"
	"fmt"

	"github.com/waymark-cx/waymark/generator/build"
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
	Warnings int            `json:"warnings"` // how many of the problems are warnings
	Problems []checkProblem `json:"problems"` // never null: [] when there are none
}

// checkProblem is one diagnostic. Line and Column are 0 when the problem
// has no position in a file (a missing folder, a file that cannot be read);
// File is "" only for a failure that belongs to no file.
type checkProblem struct {
	Severity string `json:"severity"` // "error" or "warning"
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

// checkJSON prints the result of a check as JSON to stdout and returns the
// exit code, the same as the text format's: ok is false when there are
// errors, or with --strict warnings.
func (c *cli) checkJSON(opts build.Options, stats build.Stats, diags diag.List, err error, strict bool) int {
	r := checkReport{Version: checkReportVersion, Problems: []checkProblem{}}
	all := withWarnings(diags, stats.Warnings)
	for _, d := range all {
		r.Problems = append(r.Problems, checkProblem{Severity: d.Severity.String(),
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col, Message: d.Msg, Hint: d.Hint,
		})
	}
	// The counts take in the problems an "and N more in this file" stands for.
	nErrors, nWarnings := all.Count()
	if len(diags) == 0 && err != nil {
		// A failure of the machine, not of a file (a layout whose template
		// fails as it runs): still a reason to fail the job.
		r.Problems = append(r.Problems, checkProblem{Severity: diag.Error.String(), Message: err.Error()})
		nErrors++
	}
	r.Warnings = nWarnings
	r.OK = nErrors == 0 && (!strict || nWarnings == 0)
	if nErrors == 0 {
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
	site, _ := build.Load(opts)
	if site == nil {
		return 0, 0
	}
	return len(site.Journeys), len(site.Personas)
}
