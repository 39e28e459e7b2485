package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/sheet"
)

// KPI data files: data/kpis/**/*.csv, one measurement a row, as a team
// exports them from the spreadsheet or BI tool it keeps them in. Each row
// names a journey by its slug and a stage by its id; the loader reads
// every file (keeping them in the Cache like content files), checks every
// row, and gives each stage the series measured for it (Stage.Series).
// docs/content-format.md describes the format.

// KPIDir is where the KPI data files live, relative to the site root.
const KPIDir = "data/kpis"

// KPISeries is one KPI of a stage measured over time.
type KPISeries struct {
	Name   string // as its first row writes it
	Unit   string // "%", "days", "£", …; "" when no row gives one
	Better string // "higher" or "lower"; "" when no row says
	// Points are the measurements, oldest first; never empty.
	Points []KPIPoint
}

// KPIPoint is one measurement of a KPI.
type KPIPoint struct {
	Date      time.Time
	Value     float64
	Target    float64
	HasTarget bool
	Pos       diag.Position // its row, in its data file
}

// Latest is the newest measurement.
func (s *KPISeries) Latest() KPIPoint { return s.Points[len(s.Points)-1] }

// Target is the target the series is held to: the newest one given, as
// a target may change over time and rows often carry it only now and
// then.
func (s *KPISeries) Target() (float64, bool) {
	for i := len(s.Points) - 1; i >= 0; i-- {
		if s.Points[i].HasTarget {
			return s.Points[i].Target, true
		}
	}
	return 0, false
}

// Met reports whether the newest value meets target, as Better reads
// it; judged is false without a target or a direction.
func (s *KPISeries) Met() (met, judged bool) {
	t, ok := s.Target()
	v := s.Latest().Value
	switch {
	case !ok:
		return false, false
	case s.Better == "higher":
		return v >= t, true
	case s.Better == "lower":
		return v <= t, true
	}
	return false, false
}

// The columns of a KPI data file, in no fixed order; the first
// requiredKPIColumns are required.
const (
	colJourney = iota
	colStage
	colKPI
	colDate
	colValue
	colTarget
	colUnit
	colBetter
	numKPIColumns

	requiredKPIColumns = colTarget
)

var kpiColumns = [numKPIColumns]string{"journey", "stage", "kpi", "date", "value", "target", "unit", "better"}

// kpiRow is one row of a data file, as read; bad rows are kept (bad set)
// so that their journey and stage are still checked, and every problem
// of a file comes out in one run.
type kpiRow struct {
	cells [numKPIColumns]string
	// Where the row and each cell are: its file, its line, and each
	// cell's column, 0 for a cell the row does not have. Kept small, as
	// a daily series of years has tens of thousands of rows.
	file  string
	line  int32
	cols  [numKPIColumns]int32
	date  time.Time
	value float64

	target    float64
	hasTarget bool
	bad       bool
}

// at is the position of column c's cell, or of the row where it has
// none.
func (r *kpiRow) at(c int) diag.Position {
	return diag.Position{File: r.file, Line: int(r.line), Col: int(r.cols[c])}
}

// kpiFile is a data file as read: its rows and its problems.
type kpiFile struct {
	rows []kpiRow
	errs diag.List
}

// readKPIs reads one data file (sheet.Reader: as spreadsheets export
// it), its header names in any case and order. It touches nothing
// shared.
func readKPIs(file string, data []byte) kpiFile {
	var f kpiFile
	r := sheet.NewReader(file, data, 0, &f.errs)
	if r == nil {
		return f
	}
	sep := byte(r.Sep())
	f.rows = make([]kpiRow, 0, bytes.Count(data, []byte("\n"))) // a row a line, bar the header and quoted line breaks
	var index [numKPIColumns]int                                // the field of each column; -1 when absent
	width := 0                                                  // the header's number of cells
	header := true
	for rec := r.Read(); rec != nil; rec = r.Read() {
		if header {
			header = false
			if !readKPIHeader(file, rec, r.Pos, &index, &f.errs) {
				return f
			}
			width = len(rec)
			continue
		}
		f.rows = append(f.rows, kpiRow{})
		readKPIRow(&f.rows[len(f.rows)-1], rec, r.Pos, index, width, sep, &f.errs)
	}
	if header && len(f.errs) == 0 {
		f.errs.Add(diag.Position{File: file, Line: 1}, "start the file with the header row: journey,stage,kpi,date,value",
			"empty data file")
	}
	return f
}

func sepName(sep byte) string {
	switch sep {
	case ';':
		return "semicolon"
	case '\t':
		return "tab"
	}
	return "comma"
}

// readKPIHeader finds each column in the header row; false when a
// required one is missing or a column is given twice, which leaves the
// rows unreadable.
func readKPIHeader(file string, rec []string, at func(int) diag.Position, index *[numKPIColumns]int, errs *diag.List) bool {
	for c := range index {
		index[c] = -1
	}
	ok := true
	for i, name := range rec {
		name = strings.ToLower(strings.TrimSpace(name))
		c := slices.Index(kpiColumns[:], name)
		switch {
		case c >= 0 && index[c] >= 0:
			errs.Add(at(i), "keep one column of each name", "column %q is given twice", name)
			ok = false
		case c >= 0:
			index[c] = i
		default:
			// Columns of a team's own (notes, source) are left alone,
			// but a misspelt one of ours would lose its data silently.
			// A short name is taken for a typo only when one is the
			// other's start ("kpis", "dat"): "note" is not "date".
			hint := diag.Suggest(name, kpiColumns[:])
			if hint != "" && len(name) < 5 && !slices.ContainsFunc(kpiColumns[:], func(c string) bool {
				return strings.HasPrefix(name, c) || strings.HasPrefix(c, name)
			}) {
				hint = ""
			}
			if hint != "" && name != "" {
				errs.Add(at(i), hint+" Columns waymark does not know are ignored; these are: "+strings.Join(kpiColumns[:], ", "),
					"unknown column %q", name)
				ok = false
			}
		}
	}
	for c := range requiredKPIColumns {
		if index[c] < 0 {
			errs.Add(diag.Position{File: file, Line: at(0).Line}, "the header row needs journey, stage, kpi, date and value, and may have target, unit and better, in any order",
				"missing column %q", kpiColumns[c])
			ok = false
		}
	}
	return ok
}

// readKPIRow reads one row into row.
func readKPIRow(row *kpiRow, rec []string, at func(int) diag.Position, index [numKPIColumns]int, width int, sep byte, errs *diag.List) {
	first := at(0)
	row.file, row.line = first.File, int32(first.Line)
	for c, i := range index {
		if i >= 0 && i < len(rec) {
			row.cells[c] = strings.TrimSpace(rec[i])
			row.cols[c] = int32(at(i).Col)
		}
	}
	bad := func(c int, hint, format string, args ...any) {
		errs.Add(row.at(c), hint, format, args...)
		row.bad = true
	}
	if extra := slices.IndexFunc(rec[min(width, len(rec)):], func(s string) bool { return strings.TrimSpace(s) != "" }); extra >= 0 {
		// Most often a cell with a comma in it, unquoted, which shifts
		// every cell after it.
		errs.Add(at(width+extra), fmt.Sprintf(`put a cell that holds a %s in quotes ("Sign up, then pay"), or name this column in the header`, sepName(sep)),
			"row has %d cells, the header %d", len(rec), width)
		row.bad = true
	}
	for c := range requiredKPIColumns {
		if row.cells[c] == "" {
			bad(c, fmt.Sprintf("fill in the %s, or delete the row", kpiColumns[c]), "empty %s", kpiColumns[c])
		}
	}
	if s := row.cells[colDate]; s != "" {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			bad(colDate, dateHint(s), "bad date %q", s)
		}
		row.date = d
	}
	unit := row.cells[colUnit]
	number := func(c int) (float64, bool) {
		v, percent, hint := parseKPINumber(row.cells[c], sep)
		switch {
		case hint != "":
			bad(c, hint, "%s %q is not a number", kpiColumns[c], row.cells[c])
			return 0, false
		case percent && unit != "" && unit != "%":
			bad(c, fmt.Sprintf("write the number without %% (the unit column says %q), or make the unit %%", unit),
				"%s %q is a percentage, but the unit is %q", kpiColumns[c], row.cells[c], unit)
			return 0, false
		case percent:
			unit = "%"
		}
		return v, true
	}
	if row.cells[colValue] != "" {
		row.value, _ = number(colValue)
	}
	if row.cells[colTarget] != "" {
		row.target, row.hasTarget = number(colTarget)
	}
	row.cells[colUnit] = unit
	if b := strings.ToLower(row.cells[colBetter]); b != "" {
		row.cells[colBetter] = b
		if b != "higher" && b != "lower" {
			bad(colBetter, `write higher (a rise is good: conversion, NPS) or lower (a fall is good: wait time, contacts)`,
				"better is %q: it must be higher or lower", row.cells[colBetter])
		}
	}
}

// kpiNumber is a number as people and spreadsheets write one: a sign,
// digits with a decimal point, perhaps an exponent; digit grouping is
// taken apart before.
var kpiNumber = regexp.MustCompile(`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`)

// groupedComma and groupedDot are digits grouped by thousands: 12,345.6
// in a comma-separated file, 12.345,6 where commas are decimal.
var (
	groupedComma = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$`)
	groupedDot   = regexp.MustCompile(`^[+-]?\d{1,3}(\.\d{3})+(,\d*)?$`)
)

// parseKPINumber reads a value or target cell. A trailing % is allowed,
// and reported, as spreadsheets export a cell formatted as a percentage
// so ("3.10%" for 0.031). Digits grouped by thousands are read. Where
// the separator is not a comma (semicolon or tab, as locales with a
// decimal comma write), a decimal comma is read too; a lone "1.234" is
// then still 1.234, as both conventions' spreadsheets export it. hint
// is "" for a number, else why it is not one and what to write.
func parseKPINumber(s string, sep byte) (v float64, percent bool, hint string) {
	text := s
	if t, ok := strings.CutSuffix(s, "%"); ok {
		s, percent = strings.TrimSpace(t), true
	}
	if plainNumber(s) {
		// Most cells: digits with a point, read without the regexps.
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			return v, percent, ""
		}
	}
	switch {
	case groupedComma.MatchString(s) && (sep == ',' || strings.Contains(s, ".")):
		s = strings.ReplaceAll(s, ",", "")
	case sep != ',' && groupedDot.MatchString(s) && strings.Contains(s, ","):
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	case sep != ',' && strings.Count(s, ",") == 1 && !strings.Contains(s, "."):
		s = strings.Replace(s, ",", ".", 1)
	}
	if kpiNumber.MatchString(s) {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil && !math.IsInf(v, 0) {
			return v, percent, ""
		}
	}
	switch {
	case strings.ContainsAny(text, "£$€¥"):
		return 0, false, `write the number alone and put the currency in the unit column (unit = "£")`
	case strings.ContainsAny(text, " \u00a0\u202f'"):
		return 0, false, "write the number without spaces or apostrophes between its digits, e.g. 12345.6"
	}
	return 0, false, "write a number such as 3.1, -12 or 3.1% (a decimal point, no units; the unit has its own column)"
}

// plainNumber reports whether s is digits with at most a sign before
// and one point among them, which strconv reads as people do.
func plainNumber(s string) bool {
	s = strings.TrimLeft(s, "+-")
	digits, points := 0, 0
	for i := range len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.':
			points++
		default:
			return false
		}
	}
	return digits > 0 && points <= 1 && len(s) == digits+points
}

// dateHint says how to write a date that did not parse, naming the
// likely cause: a spreadsheet's local date format.
func dateHint(s string) string {
	if strings.ContainsAny(s, "/.") {
		return fmt.Sprintf("write dates as YYYY-MM-DD: %q reads differently in different countries. In the spreadsheet, format the column as yyyy-mm-dd before exporting", s)
	}
	return "write dates as YYYY-MM-DD, e.g. 2026-11-30"
}

// loadKPIs reads the data files (as walkKPIs listed them) and gives
// each stage the series its rows measure. The journeys are linked afresh
// on every load (they may come from the cache, with an earlier load's
// series).
func (l *loader) loadKPIs(files []string, cache *Cache, stop <-chan struct{}) {
	journeys := map[string]*Journey{}
	for _, j := range l.journeys {
		j.KPIFiles = nil
		for _, s := range j.Stages {
			s.Series = nil
		}
		if journeys[j.Slug] == nil {
			journeys[j.Slug] = j
		}
	}
	slugs := sortedKeys(journeys)

	type seriesKey struct {
		stage *Stage
		name  string
	}
	type seen struct {
		series           *KPISeries
		dates            map[time.Time]diag.Position
		unitAt, betterAt diag.Position
		firstTarget      diag.Position
		targets          bool
	}
	series := map[seriesKey]*seen{}
	var order []*seen
	for _, file := range files {
		select {
		case <-stop:
			return
		default:
		}
		f := cache.get(file)
		if f == nil {
			f = &decoded{}
			var h Hash
			if data, err := fs.ReadFile(l.fsys, file); err != nil {
				f.errs.Add(diag.Position{File: file}, "", "cannot read: %v", diag.Cause(err))
			} else {
				kf := readKPIs(file, data)
				f.kpis, f.errs, h = kf.rows, kf.errs, HashOf(data)
			}
			cache.put(file, f, h, false)
		}
		l.errs.Append(f.errs)
		for i := range f.kpis {
			row := &f.kpis[i]
			j, s := l.kpiStage(row, journeys, slugs)
			if s == nil || row.bad {
				continue
			}
			if n := len(j.KPIFiles); n == 0 || j.KPIFiles[n-1] != file {
				j.KPIFiles = append(j.KPIFiles, file)
			}
			key := seriesKey{s, SameText(row.cells[colKPI])}
			se := series[key]
			if se == nil {
				se = &seen{series: &KPISeries{Name: row.cells[colKPI]}, dates: map[time.Time]diag.Position{}}
				series[key] = se
				order = append(order, se)
				s.Series = append(s.Series, se.series)
			}
			if first, dup := se.dates[row.date]; dup {
				l.errs.Add(row.at(colDate), fmt.Sprintf("keep one row per KPI and date: the other is at %s", first),
					"second value of %q for %s", se.series.Name, row.date.Format(time.DateOnly))
				continue
			}
			se.dates[row.date] = row.at(colDate)
			l.agree(&se.series.Unit, &se.unitAt, row, colUnit, se.series.Name)
			l.agree(&se.series.Better, &se.betterAt, row, colBetter, se.series.Name)
			if row.hasTarget && !se.targets {
				se.targets, se.firstTarget = true, row.at(colTarget)
			}
			se.series.Points = append(se.series.Points, KPIPoint{Date: row.date, Value: row.value,
				Target: row.target, HasTarget: row.hasTarget, Pos: row.at(colDate)})
		}
	}
	for _, se := range order {
		slices.SortStableFunc(se.series.Points, func(a, b KPIPoint) int { return a.Date.Compare(b.Date) })
		if se.targets && se.series.Better == "" {
			l.errs.Add(se.firstTarget, "add a better column saying higher or lower, on this row or any other of the KPI, so that the page can tell whether the target is met",
				"KPI %q has a target but does not say whether higher or lower is better", se.series.Name)
		}
	}
	for _, j := range l.journeys {
		slices.Sort(j.KPIFiles)
	}
}

// agree sets a series-wide setting (unit, better) from a row that gives
// one, or reports a row that gives another than an earlier row did.
func (l *loader) agree(v *string, at *diag.Position, row *kpiRow, c int, name string) {
	got := row.cells[c]
	switch {
	case got == "":
	case *v == "":
		*v, *at = got, row.at(c)
	case *v != got:
		l.errs.Add(row.at(c), fmt.Sprintf("give every row of a KPI the same %s: %s says %q", kpiColumns[c], *at, *v),
			"%s of %q is %q here", kpiColumns[c], name, got)
	}
}

// kpiStage finds the journey and stage a row names, or reports it.
func (l *loader) kpiStage(row *kpiRow, journeys map[string]*Journey, slugs []string) (*Journey, *Stage) {
	slug, id := row.cells[colJourney], row.cells[colStage]
	if slug == "" || id == "" {
		return nil, nil // reported as empty
	}
	j := journeys[slug]
	if j == nil {
		if !l.unreadJourneys[slug] { // else its file's own error says what is wrong
			hint := unknownHint(slug, slugs, "a journey's slug is its file name under content/journeys/")
			for _, j := range l.journeys {
				if SameText(j.Title) == SameText(slug) {
					hint = fmt.Sprintf("name the journey by its slug, not its title: %s", j.Slug)
				}
			}
			l.errs.Add(row.at(colJourney), hint, "unknown journey %q", slug)
		}
		return nil, nil
	}
	ids := make([]string, 0, len(j.Stages))
	for _, s := range j.Stages {
		if s.ID == id {
			return j, s
		}
		if s.ID != "" {
			ids = append(ids, s.ID)
		}
	}
	hint := unknownHint(id, ids, "a stage is named by its id: "+diag.Choices(id, ids))
	for _, s := range j.Stages {
		if SameText(s.Name) == SameText(id) && s.ID != "" {
			hint = fmt.Sprintf("name the stage by its id, not its name: %s", s.ID)
		}
	}
	l.errs.Add(row.at(colStage), hint, "journey %q has no stage %q", slug, id)
	return nil, nil
}

// walkKPIs lists the data files, in path order, and warns of files in
// the folder that look like data but are not CSV.
func walkKPIs(fsys fs.FS, problems *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, KPIDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == KPIDir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll // a site without KPI data
			}
			problems.Add(diag.Position{File: p}, "", "cannot read: %v", diag.Cause(err))
			return nil
		}
		name := d.Name()
		// Hidden files and LibreOffice's locks (".~lock.kpis.csv#"),
		// Excel's owner files beside a file it has open ("~$kpis.csv").
		if p != KPIDir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasPrefix(name, "~$")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch ext := strings.ToLower(path.Ext(name)); {
		case d.IsDir():
		case ext == ".csv":
			files = append(files, p)
		case ext == ".xlsx", ext == ".xls", ext == ".ods", ext == ".numbers", ext == ".tsv":
			problems.Warn(diag.Position{File: p}, `export the sheet as CSV (in Excel, "CSV UTF-8"), with the header journey,stage,kpi,date,value`,
				"KPI data must be CSV: this file is not read")
		}
		return nil
	})
	if err != nil {
		problems.Add(diag.Position{File: KPIDir}, "", "cannot read: %v", err)
	}
	return files
}
