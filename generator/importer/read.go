package importer

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/mermaid"
)

// Options control reading.
type Options struct {
	// Scale is --scale: the scale of a Mermaid diagram's scores, and of a
	// table's numeric emotion lane whose header names none. Nil for the
	// defaults, MermaidScale and TableScale.
	Scale *Scale
}

// Formats are the extensions Read knows, for hints.
var Formats = []string{".mmd", ".mermaid", ".md", ".csv", ".tsv"}

// Read reads the journey map in one file, by its extension: a Mermaid
// diagram, a CSV or TSV spreadsheet, or a Markdown file holding a
// ```mermaid journey block or else a table. file names the file in
// diagnostics. The list holds the errors, which leave the draft unfit
// to write, and the warnings that report what was kept where (a lane
// waymark does not know, kept as notes).
func Read(file string, data []byte, opts Options) (*Draft, diag.List) {
	var errs diag.List
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	ext := strings.ToLower(filepath.Ext(file))
	switch ext {
	case ".xlsx", ".xls", ".ods", ".numbers":
		errs.Add(diag.Position{File: file}, "save the sheet as CSV UTF-8 (File > Save As in Excel), then import the .csv",
			"waymark cannot read %s files", ext)
		return nil, errs
	case ".mmd", ".mermaid", ".md", ".markdown", ".csv", ".tsv", ".tab", ".txt":
	default:
		errs.Add(diag.Position{File: file}, "import a Mermaid diagram (.mmd, .mermaid), a spreadsheet saved as .csv or .tsv, or a Markdown file (.md) with a ```mermaid journey block or a table",
			"unknown kind of file %q", ext)
		return nil, errs
	}
	// A spreadsheet's encoding is the sheet reader's to check, with a
	// spreadsheet's hint; a diagram or Markdown file is an editor's.
	if sheet := ext == ".csv" || ext == ".tsv" || ext == ".tab" || ext == ".txt"; !sheet && !diag.CheckUTF8(file, data, &errs) {
		errs[len(errs)-1].Hint = "save the file as UTF-8: most editors offer the encoding when saving (Save As, or File > Encoding)"
		return nil, errs
	}
	src := string(data)
	var g *grid
	title := titleOfFile(file)
	switch ext {
	case ".mmd", ".mermaid":
		return fromMermaid(file, 1, src, opts)
	case ".md", ".markdown":
		if block, first, ok := mermaid.FindBlock(src); ok {
			return fromMermaid(file, first, block, opts)
		}
		tables, heading := markdown.Tables(data)
		if len(tables) == 0 {
			errs.Add(diag.Position{File: file, Line: 1}, "the file needs a ```mermaid block that starts with journey, or a table with a row or column per stage",
				"no Mermaid journey and no table")
			return nil, errs
		}
		for _, t := range tables[1:] {
			if len(t.Rows) > 0 && len(t.Rows[0].Cells) > 0 {
				c := t.Rows[0].Cells[0]
				errs.Warn(diag.Position{File: file, Line: c.Line, Col: c.Col}, "import reads the first table of a file: put this one in a file of its own to import it",
					"a second table, not imported")
			}
		}
		g = gridOfMarkdown(file, tables[0])
		if heading != "" {
			title = heading
		}
	case ".tsv", ".tab":
		if g = readDelimited(file, data, '\t', &errs); g == nil {
			return nil, errs
		}
	default: // .csv, .txt: the separator is sniffed
		if g = readDelimited(file, data, 0, &errs); g == nil {
			return nil, errs
		}
	}
	d, more := fromGrid(g, title, opts)
	errs.Append(more)
	return d, errs
}

// titleOfFile is a journey's title made of its file's name, for formats
// that have no title: "bike-purchase.csv" is "Bike purchase", and a name
// with spaces is kept as it is.
func titleOfFile(file string) string {
	name := strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	if !strings.ContainsAny(name, " ") {
		name = strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }), " ")
		if r, size := utf8.DecodeRuneInString(name); size > 0 {
			name = string(unicode.ToUpper(r)) + name[size:]
		}
	}
	return strings.TrimSpace(name)
}
