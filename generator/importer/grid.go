package importer

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
)

// grid is a table as read from a file, each cell with its position.
type grid struct {
	file string
	rows [][]cell
}

type cell struct {
	text      string
	line, col int
}

func (g *grid) pos(c cell) diag.Position {
	return diag.Position{File: g.file, Line: c.line, Col: c.col}
}

func gridOfMarkdown(file string, t markdown.Table) *grid {
	g := &grid{file: file}
	for _, r := range t.Rows {
		var row []cell
		for _, c := range r.Cells {
			row = append(row, cell{text: c.Text, line: c.Line, col: c.Col})
		}
		g.rows = append(g.rows, row)
	}
	return g
}

// readDelimited reads a CSV or TSV file as Excel writes it: quoted cells
// that hold line breaks, CRLF line ends, rows of any length. A TSV's
// quotes are read leniently: a tab-separated file seldom quotes, and a
// stray " in a cell (5" screen) is text. It returns nil when the file
// cannot be read.
func readDelimited(file, src string, sep rune, errs *diag.List) *grid {
	r := csv.NewReader(strings.NewReader(src))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = sep == '\t'
	g := &grid{file: file}
	lines := strings.Split(src, "\n")
	// runeCol turns encoding/csv's column, counted in bytes, into one
	// counted in characters, as editors and every other diagnostic count.
	runeCol := func(line, col int) int {
		if line < 1 || line > len(lines) || col < 1 || col-1 > len(lines[line-1]) {
			return col
		}
		return utf8.RuneCountInString(lines[line-1][:col-1]) + 1
	}
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				hint := "a cell that holds a quote is written in quotes, its quotes doubled: \"a \"\"quoted\"\" word\""
				if errors.Is(pe.Err, csv.ErrQuote) && pe.Line > pe.StartLine {
					hint = fmt.Sprintf("a quoted cell that starts on line %d is never closed: add the closing \"", pe.StartLine)
				}
				errs.Add(diag.Position{File: file, Line: pe.Line, Col: runeCol(pe.Line, pe.Column)}, hint, "%v", pe.Err)
			} else {
				errs.Add(diag.Position{File: file}, "", "cannot read: %v", err)
			}
			return nil
		}
		row := make([]cell, len(rec))
		for i, text := range rec {
			line, col := r.FieldPos(i)
			row[i] = cell{text: strings.TrimSpace(text), line: line, col: runeCol(line, col)}
		}
		g.rows = append(g.rows, row)
	}
	if len(g.rows) == 0 {
		errs.Add(diag.Position{File: file}, "save the sheet that holds the journey map", "the file is empty")
		return nil
	}
	return g
}
