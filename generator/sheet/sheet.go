// Package sheet reads delimited text as spreadsheets export it: the one
// reader of a site's KPI data files and of the CSV and TSV files that
// waymark import turns into maps. Files come with or without a
// byte-order mark, with CRLF or LF line ends, separated by commas, or by
// semicolons or tabs where the locale writes decimal commas, with Excel's
// "sep=;" line first, with quoted cells that hold line breaks, and with
// rows of any length. Every cell has its position, the column counted in
// characters as editors count them, and a file that cannot be read gets
// one diagnostic that says where and how to mend it.
package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/diag"
)

// Reader reads the rows of one file, one at a time.
type Reader struct {
	file  string
	csv   *csv.Reader
	lines [][]byte // the file's lines, to count a cell's column in characters
	sep   rune
	errs  *diag.List
	done  bool
}

// NewReader returns a reader of data, a file named file in diagnostics,
// which it adds to errs. sep is the separator, or 0 for the one Excel's
// "sep=;" line names, else Separator's guess from the first line. It
// returns nil when the file is not UTF-8, the one thing a spreadsheet
// can be asked to save differently.
func NewReader(file string, data []byte, sep rune, errs *diag.List) *Reader {
	if !utf8.Valid(data) {
		diag.CheckUTF8(file, data, errs)
		(*errs)[len(*errs)-1].Hint = `save it as UTF-8: in Excel, "CSV UTF-8 (Comma delimited)"; in LibreOffice, tick "Edit filter settings" and choose Unicode (UTF-8)`
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if line := strings.TrimSpace(string(first)); len(line) == 5 && strings.EqualFold(line[:4], "sep=") {
		// Excel's hint of the separator: blanked out rather than cut, so
		// that the lines keep their numbers; a blank row is skipped.
		if sep == 0 {
			sep = rune(line[4])
		}
		data = append(bytes.Repeat([]byte(" "), len(first)), data[len(first):]...)
	}
	if sep == 0 {
		sep = Separator(string(first))
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1 // callers check the widths, with better messages
	r.ReuseRecord = true   // a row's cells are fresh strings; only the slice is reused
	// A tab-separated file seldom quotes, and a stray " in a cell (a 5"
	// screen) is text.
	r.LazyQuotes = sep == '\t'
	return &Reader{file: file, csv: r, lines: bytes.Split(data, []byte("\n")), sep: sep, errs: errs}
}

// Sep is the file's separator.
func (r *Reader) Sep() rune { return r.sep }

// Read returns the next row that is not blank (spreadsheets export the
// blank rows below a table as ",,,,"), valid until the next Read; nil at
// the end, or at a quote that leaves the rest of the file unreadable,
// which it reports.
func (r *Reader) Read() []string {
	for !r.done {
		rec, err := r.csv.Read()
		switch {
		case errors.Is(err, io.EOF):
			r.done = true
		case err != nil:
			r.done = true
			r.report(err)
		case !Blank(rec):
			return rec
		}
	}
	return nil
}

// report says why the file cannot be read on from where it stopped.
func (r *Reader) report(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		r.errs.Add(diag.Position{File: r.file}, "", "cannot read: %v", err)
		return
	}
	hint := `put a cell that holds a quote in quotes, and write each quote in it twice: "Say ""hi"""`
	if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
		hint = fmt.Sprintf(`a quoted cell that starts on line %d is never closed: add the closing "`, pe.StartLine)
	}
	r.errs.Add(r.at(pe.Line, pe.Column), hint, "%v", pe.Err)
}

// Pos is where field i of the row Read returned last begins.
func (r *Reader) Pos(i int) diag.Position {
	return r.at(r.csv.FieldPos(i))
}

// at is the position of encoding/csv's line and column, which counts
// bytes, with the column counted in characters; a column past the end
// of its line (a quote left open at the end of the file) is the line's
// end, where the quote is missing.
func (r *Reader) at(line, col int) diag.Position {
	if line >= 1 && line <= len(r.lines) && col >= 1 {
		text := bytes.TrimSuffix(r.lines[line-1], []byte("\r"))
		col = utf8.RuneCount(text[:min(col-1, len(text))]) + 1
	}
	return diag.Position{File: r.file, Line: line, Col: col}
}

// Blank reports whether every cell of a row is empty or spaces.
func Blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Separator is the separator of delimited text as spreadsheets export
// it, told by its first line: ',', or ';' where the decimal point is a
// comma (Excel in most of Europe), or a tab; whichever occurs most
// outside quotes, ',' on a tie.
func Separator(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		switch {
		case r == '"':
			quoted = !quoted
		case r == '\n' && !quoted:
			return mostOf(counts)
		case !quoted:
			counts[r]++
		}
	}
	return mostOf(counts)
}

func mostOf(counts map[rune]int) rune {
	sep := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[sep] {
			sep = r
		}
	}
	return sep
}
