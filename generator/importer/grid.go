package importer

import (
	"strings"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/sheet"
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

// readDelimited reads a CSV or TSV file as spreadsheets export it
// (sheet.Reader), with sep its separator, 0 to tell it from the file. It
// returns nil when the file cannot be read.
func readDelimited(file string, data []byte, sep rune, errs *diag.List) *grid {
	r := sheet.NewReader(file, data, sep, errs)
	if r == nil {
		return nil
	}
	g := &grid{file: file}
	n := len(*errs)
	for rec := r.Read(); rec != nil; rec = r.Read() {
		row := make([]cell, len(rec))
		for i, text := range rec {
			pos := r.Pos(i)
			row[i] = cell{text: strings.TrimSpace(text), line: pos.Line, col: pos.Col}
		}
		g.rows = append(g.rows, row)
	}
	if len(*errs) > n {
		return nil
	}
	if len(g.rows) == 0 {
		errs.Add(diag.Position{File: file}, "save the sheet that holds the journey map", "the file is empty")
		return nil
	}
	return g
}
