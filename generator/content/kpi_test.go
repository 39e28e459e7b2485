package content

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
)

const K = "data/kpis/k.csv" // the data file most cases are about

// Each problem a data file can have on its own is reported at its line
// and, where there is one, its cell; the good rows beside it are read.
func TestReadKPIsProblems(t *testing.T) {
	const head = "journey,stage,kpi,date,value\n"
	tests := []struct {
		name string
		data string
		rows int // good rows read
		want []wantDiag
	}{
		{"empty file", "", 0, []wantDiag{{K, 1, 0, "empty data file", "header row"}}},
		{"missing column", "journey,stage,kpi,value\nbuy,pay,Conversion,3\n", 0,
			[]wantDiag{{K, 1, 0, `missing column "date"`, "needs journey, stage, kpi, date and value"}}},
		{"column twice", "journey,stage,kpi,date,value,Value\n", 0,
			[]wantDiag{{K, 1, 30, `column "value" is given twice`, ""}}},
		{"misspelt column", "journey,stage,kpi,date,value,taget\n", 0,
			[]wantDiag{{K, 1, 30, `unknown column "taget"`, `did you mean "target"?`}}},
		{"value not a number", head + "buy,pay,Conversion,2026-10-31,3.1\nbuy,pay,Conversion,2026-11-30,n/a\n", 1,
			[]wantDiag{{K, 3, 31, `value "n/a" is not a number`, "write a number such as 3.1"}}},
		{"currency in the value", head + "buy,pay,Basket,2026-11-30,£42\n", 0,
			[]wantDiag{{K, 2, 27, `value "£42" is not a number`, "currency in the unit column"}}},
		{"percent against the unit", "journey,stage,kpi,date,value,unit\nbuy,pay,Conversion,2026-11-30,3.1%,pts\n", 0,
			[]wantDiag{{K, 2, 31, `value "3.1%" is a percentage, but the unit is "pts"`, "make the unit %"}}},
		{"target not a number", "journey,stage,kpi,date,value,target,better\nbuy,pay,Conversion,2026-11-30,3.1,high,higher\n", 0,
			[]wantDiag{{K, 2, 35, `target "high" is not a number`, ""}}},
		{"bad date", head + "buy,pay,Conversion,2026-11-31,3\n", 0,
			[]wantDiag{{K, 2, 20, `bad date "2026-11-31"`, "YYYY-MM-DD"}}},
		{"local date", head + "buy,pay,Conversion,30/11/2026,3\n", 0,
			[]wantDiag{{K, 2, 20, `bad date "30/11/2026"`, "format the column as yyyy-mm-dd"}}},
		{"empty cells", head + "buy,,Conversion,2026-11-30,\n", 0, []wantDiag{
			{K, 2, 5, "empty stage", "fill in the stage, or delete the row"},
			{K, 2, 28, "empty value", ""}}},
		{"short row", head + "buy,pay,Conversion\n", 0, []wantDiag{
			{K, 2, 0, "empty date", ""},
			{K, 2, 0, "empty value", ""}}},
		{"unquoted comma shifts the row", head + "buy,pay,Sign up, then pay,2026-11-30,3\n", 0, []wantDiag{
			{K, 2, 17, `bad date "then pay"`, ""},
			{K, 2, 27, `value "2026-11-30" is not a number`, ""},
			{K, 2, 38, "row has 6 cells, the header 5", "in quotes"}}},
		{"bad better", "journey,stage,kpi,date,value,better\nbuy,pay,Wait,2026-11-30,3,less\n", 0,
			[]wantDiag{{K, 2, 27, `better is "less": it must be higher or lower`, "higher (a rise is good"}}},
		{"broken quotes", head + "buy,pay,\"Conversion,2026-11-30,3\n", 0,
			[]wantDiag{{K, 2, 33, "extraneous or missing \" in quoted-field", "write each quote in it twice"}}},
		{"not UTF-8", head + "buy,pay,Conversi\xf3n,2026-11-30,3\n", 0,
			[]wantDiag{{K, 2, 17, "invalid UTF-8", "CSV UTF-8"}}},
		{"a plural of ours", "journey,stage,kpi,date,values\n", 0, []wantDiag{
			{K, 1, 0, `missing column "value"`, ""},
			{K, 1, 24, `unknown column "values"`, `did you mean "value"?`}}},
		{"a column of our own, blank rows", "journey,stage,kpi,date,value,Note,kpis_source\nbuy,pay,Conversion,2026-11-30,3,after the sale\n,,,,,\n\n", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := readKPIs(K, []byte(tc.data))
			checkDiags(t, f.errs.Sort(), tc.want)
			good := 0
			for _, r := range f.rows {
				if !r.bad {
					good++
				}
			}
			if good != tc.rows {
				t.Errorf("%d good rows, want %d", good, tc.rows)
			}
		})
	}
}

// Numbers as spreadsheets in different locales export them.
func TestParseKPINumber(t *testing.T) {
	tests := []struct {
		in      string
		sep     byte
		want    float64
		percent bool
		ok      bool
	}{
		{"3.1", ',', 3.1, false, true},
		{"-12", ',', -12, false, true},
		{"+0.5", ',', 0.5, false, true},
		{".5", ',', 0.5, false, true},
		{"3.10%", ',', 3.1, true, true},
		{"3.1 %", ',', 3.1, true, true},
		{"12,345.6", ',', 12345.6, false, true},
		{"1,234", ',', 1234, false, true},
		{"3,1", ';', 3.1, false, true},
		{"3,1%", ';', 3.1, true, true},
		{"12.345,6", ';', 12345.6, false, true},
		{"1.234", ';', 1.234, false, true},
		{"1,234.5", ';', 1234.5, false, true},
		{"1.5E+3", ',', 1500, false, true},
		{"3,1", ',', 0, false, false}, // in a comma file, a quoted "3,1" is no number
		{"12 345", ';', 0, false, false},
		{"NaN", ',', 0, false, false},
		{"Inf", ',', 0, false, false},
		{"1e999", ',', 0, false, false},
		{"0x10", ',', 0, false, false},
		{"1_000", ',', 0, false, false},
		{"%", ',', 0, false, false},
		{"", ',', 0, false, false},
	}
	for _, tc := range tests {
		v, percent, hint := parseKPINumber(tc.in, tc.sep)
		if ok := hint == ""; ok != tc.ok || ok && (v != tc.want || percent != tc.percent) {
			t.Errorf("parseKPINumber(%q, %q) = %v, %v, %q; want %v, %v, ok %v", tc.in, tc.sep, v, percent, hint, tc.want, tc.percent, tc.ok)
		}
	}
}

// Files as Excel and Google Sheets write them, held apart from the
// reader's own cases: each reads whole, with the values where they were.
func TestReadKPIsAsSpreadsheetsExport(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		kpis  []string
		value []float64
		unit  []string
	}{
		{
			// Excel, "CSV UTF-8 (Comma delimited)": a byte-order mark,
			// CRLF, percentages as displayed, trailing blank rows.
			name: "Excel CSV UTF-8",
			data: "\uFEFFJourney,Stage,KPI,Date,Value,Target,Unit,Better\r\n" +
				"buy,pay,Checkout conversion,2026-10-31,2.70%,3.50%,,higher\r\n" +
				"buy,pay,Checkout conversion,2026-11-30,3.10%,3.50%,,higher\r\n" +
				"buy,pay,\"Time to pay, median\",2026-11-30,95,60,s,lower\r\n" +
				",,,,,,,\r\n,,,,,,,\r\n",
			kpis: []string{"Checkout conversion", "Checkout conversion", "Time to pay, median"}, value: []float64{2.7, 3.1, 95},
			unit: []string{"%", "%", "s"},
		},
		{
			// Excel in a German or French locale: "sep=;", semicolons,
			// decimal commas, Windows line ends.
			name: "Excel with a decimal comma",
			data: "sep=;\r\nkpi;journey;stage;date;value;target;better\r\n" +
				"Abandonment at finance;buy;pay;2026-11-30;12,5;10;lower\r\n" +
				"Orders;buy;pay;2026-11-30;1.234,0;;higher\r\n",
			kpis: []string{"Abandonment at finance", "Orders"}, value: []float64{12.5, 1234}, unit: []string{"", ""},
		},
		{
			// Google Sheets, File > Download > CSV: no mark, LF, a
			// notes column with a line break and quotes in it, numbers
			// grouped by thousands where the column is formatted so.
			name: "Google Sheets",
			data: "journey,stage,kpi,date,value,unit,notes\n" +
				"buy,research,Finder use,2026-09-30,\"12,480\",sessions,\"First month of the \"\"new\"\" finder,\nafter launch\"\n" +
				"buy,research,Finder use,2026-10-31,\"14,020\",sessions,\n",
			kpis: []string{"Finder use", "Finder use"}, value: []float64{12480, 14020}, unit: []string{"sessions", "sessions"},
		},
		{
			name: "tab-separated, pasted from a sheet",
			data: "journey\tstage\tkpi\tdate\tvalue\nbuy\tpay\tNPS\t2026-11-30\t-4\n",
			kpis: []string{"NPS"}, value: []float64{-4}, unit: []string{""},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := readKPIs(K, []byte(tc.data))
			if len(f.errs) > 0 {
				t.Fatalf("problems:\n%s", f.errs.Format())
			}
			if len(f.rows) != len(tc.kpis) {
				t.Fatalf("%d rows, want %d", len(f.rows), len(tc.kpis))
			}
			for i, r := range f.rows {
				if r.cells[colKPI] != tc.kpis[i] || r.value != tc.value[i] || r.cells[colUnit] != tc.unit[i] || r.cells[colJourney] != "buy" {
					t.Errorf("row %d: kpi %q value %v unit %q journey %q; want %q %v %q buy",
						i, r.cells[colKPI], r.value, r.cells[colUnit], r.cells[colJourney], tc.kpis[i], tc.value[i], tc.unit[i])
				}
			}
		})
	}
}

const kpiJourney = `+++
title = "Buying a bike"
updated = 2026-10-01

[[stages]]
name = "Research"
kpis = ["Finder use"]

[[stages]]
id = "pay"
name = "Checkout"
+++
`

// The loader checks what rows name against the site and gives each stage
// its series, sorted by date, across files.
func TestLoadKPIs(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/journeys/buy.md": kpiJourney,
		"data/kpis/a.csv": "journey,stage,kpi,date,value,target,unit,better\n" +
			"buy,pay,Conversion,2026-11-30,3.1,3.5,%,higher\n" +
			"buy,research,finder use,2026-10-31,120,,,\n",
		"data/kpis/old/b.csv": "journey,stage,kpi,date,value\n" +
			"buy,pay,Conversion,2026-10-31,2.7\n" +
			"buy,pay,Conversion,2026-09-30,2.5\n",
		"data/kpis/notes.txt":  "not data",
		"data/kpis/~$a.csv":    "\x0bExcel\x00",
		"data/kpis/sheet.xlsx": "PK",
	})
	site, errs := load(t, fsys, Options{Now: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)})
	if len(errs) > 0 {
		t.Fatalf("problems:\n%s", errs.Format())
	}
	j := site.Journeys[0]
	if want := []string{"data/kpis/a.csv", "data/kpis/old/b.csv"}; strings.Join(j.KPIFiles, " ") != strings.Join(want, " ") {
		t.Errorf("KPIFiles = %q, want %q", j.KPIFiles, want)
	}
	research, pay := j.Stages[0], j.Stages[1]
	if len(research.Series) != 1 || research.Series[0].Name != "finder use" || research.Series[0].Latest().Value != 120 {
		t.Errorf("research series: %+v", research.Series)
	}
	if len(pay.Series) != 1 {
		t.Fatalf("pay has %d series, want 1", len(pay.Series))
	}
	s := pay.Series[0]
	var dates []string
	for _, p := range s.Points {
		dates = append(dates, p.Date.Format(time.DateOnly))
	}
	if got := strings.Join(dates, " "); got != "2026-09-30 2026-10-31 2026-11-30" {
		t.Errorf("dates %s, want them sorted", got)
	}
	if s.Unit != "%" || s.Better != "higher" || s.Latest().Value != 3.1 || s.Latest().Pos != (diag.Position{File: "data/kpis/a.csv", Line: 2, Col: 20}) {
		t.Errorf("series %+v, latest %+v", s, s.Latest())
	}
	if v, ok := s.Target(); !ok || v != 3.5 {
		t.Errorf("target %v, %v; want 3.5", v, ok)
	}
	if met, judged := s.Met(); met || !judged {
		t.Errorf("met %v, judged %v; want not met, judged", met, judged)
	}
	var warned []string
	for _, w := range site.Warnings {
		if strings.HasPrefix(w.Pos.File, "data/") {
			warned = append(warned, w.Pos.File+": "+w.Msg)
		}
	}
	if len(warned) != 1 || !strings.Contains(warned[0], "sheet.xlsx: KPI data must be CSV") {
		t.Errorf("warnings about data files: %q; want one, about the spreadsheet", warned)
	}
}

// What a row names is checked against the site, and a KPI's rows against
// each other, across files; a row that names a draft left out of the
// build is fine.
func TestLoadKPIProblems(t *testing.T) {
	files := map[string]string{
		"content/journeys/buy.md":   kpiJourney,
		"content/journeys/draft.md": journey("Draft", `status = "draft"`),
		"data/kpis/a.csv": "journey,stage,kpi,date,value,target,unit,better\n" +
			"buy,pay,Conversion,2026-11-30,3.1,3.5,%,higher\n" + // 2
			"byu,pay,Conversion,2026-11-30,3.1,,,\n" + // 3: did you mean buy
			"Buying a bike,pay,Conversion,2026-11-30,3.1,,,\n" + // 4: its slug
			"buy,checkout,Conversion,2026-11-30,3.1,,,\n" + // 5: its id
			"buy,payy,Conversion,2026-11-30,3.1,,,\n" + // 6: did you mean pay
			"buy,pay,conversion,2026-10-31,2.7,,pts,\n" + // 7: another unit
			"buy,pay,Wait,2026-10-31,40,30,s,\n" + // 8: target without better
			"draft,one,Wait,2026-10-31,40,,,\n" + // a draft's: fine
			"nope,pay,Conversion,2026-11-30,n/a,,,\n", // 10: both problems
		"data/kpis/b.csv": "journey,stage,kpi,date,value\n" +
			"buy,pay,CONVERSION,2026-11-30,3.2\n", // 2: the date again
	}
	_, errs := load(t, siteFS(files), Options{})
	const A, B = "data/kpis/a.csv", "data/kpis/b.csv"
	checkDiags(t, errs, []wantDiag{
		{A, 3, 1, `unknown journey "byu"`, `did you mean "buy"?`},
		{A, 4, 1, `unknown journey "Buying a bike"`, "by its slug, not its title: buy"},
		{A, 5, 5, `journey "buy" has no stage "checkout"`, "by its id, not its name: pay"},
		{A, 6, 5, `journey "buy" has no stage "payy"`, `did you mean "pay"?`},
		{A, 7, 36, `unit of "Conversion" is "pts" here`, `data/kpis/a.csv:2:39 says "%"`},
		{A, 8, 28, `KPI "Wait" has a target but does not say whether higher or lower is better`, "add a better column"},
		{A, 10, 1, `unknown journey "nope"`, ""},
		{A, 10, 32, `value "n/a" is not a number`, ""},
		{B, 2, 20, `second value of "Conversion" for 2026-11-30`, "the other is at data/kpis/a.csv:2:20"},
	})
}

// A rebuild reads again only the data files it is told have changed.
func TestLoadKPIsFromCache(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/journeys/buy.md": kpiJourney,
		"data/kpis/a.csv":         "journey,stage,kpi,date,value\nbuy,pay,Conversion,2026-11-30,3.1\n",
	})
	cache := NewCache()
	value := func() float64 {
		t.Helper()
		site, errs := load(t, fsys, Options{Cache: cache})
		if len(errs) > 0 {
			t.Fatalf("problems:\n%s", errs.Format())
		}
		se := site.Journeys[0].Stages[1].Series
		if len(se) != 1 {
			t.Fatalf("%d series, want 1", len(se))
		}
		return se[0].Latest().Value
	}
	value()
	fsys["data/kpis/a.csv"] = &fstest.MapFile{Data: []byte("journey,stage,kpi,date,value\nbuy,pay,Conversion,2026-11-30,4\n")}
	if v := value(); v != 3.1 {
		t.Errorf("value %v before Forget, want the cached 3.1", v)
	}
	cache.Forget("data/kpis")
	if v := value(); v != 4 {
		t.Errorf("value %v after Forget, want 4", v)
	}
}

func FuzzReadKPIs(f *testing.F) {
	f.Add([]byte("journey,stage,kpi,date,value,target,unit,better\nbuy,pay,Conversion,2026-11-30,3.1%,3.5,,higher\n"))
	f.Add([]byte("sep=;\r\nkpi;journey;stage;date;value\r\nA;b;c;2026-01-01;1,5\r\n"))
	f.Add([]byte("\uFEFFjourney,stage,kpi,date,value\n\"a\nb\",\"\"\"\",x,y,z,extra\n,,,,\n"))
	f.Add([]byte("sep="))
	f.Add([]byte("journey,journey,taget\n\"unclosed"))
	f.Fuzz(func(t *testing.T, data []byte) {
		kf := readKPIs(K, data)
		for _, d := range kf.errs {
			if d.Pos.File != K || d.Pos.Line < 0 || d.Pos.Col < 0 || d.Msg == "" {
				t.Errorf("malformed diagnostic: %#v", d)
			}
		}
		for _, r := range kf.rows {
			if !r.bad && (r.cells[colJourney] == "" || r.date.IsZero()) {
				t.Errorf("a good row without a journey or a date: %+v", r)
			}
		}
	})
}
