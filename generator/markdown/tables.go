package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Table is a GFM table of a Markdown text, as plain text: what waymark
// import reads a journey map from.
type Table struct {
	Rows []TableRow // the header row first
}

// TableRow is one row of a Table.
type TableRow struct {
	Cells []TableCell
}

// TableCell is one cell's plain text, its markup gone and each <br> a
// line break (a GFM cell holds no other), with where it starts.
type TableCell struct {
	Text      string
	Line, Col int // 1-based; the row's start for an empty cell
}

// Tables returns the GFM tables of src in order, and the text of its
// first level-1 heading ("" when it has none), which names what the
// tables hold.
func Tables(src []byte) (tables []Table, title string) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table))
	root := md.Parser().Parse(text.NewReader(src))
	lines := lineCounter{src: src}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 1 && title == "" {
				title = strings.TrimSpace(plainText(n, src))
			}
		case *extast.Table:
			tables = append(tables, table(n, src, &lines))
		}
	}
	return tables, title
}

func table(t *extast.Table, src []byte, lines *lineCounter) Table {
	var out Table
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var row TableRow
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cell := TableCell{Text: cellText(c, src)}
			if c.Lines().Len() > 0 {
				start := c.Lines().At(0).Start
				cell.Line = lines.at(start)
				cell.Col = start - bytes.LastIndexByte(src[:start], '\n')
			} else if len(row.Cells) > 0 {
				cell.Line, cell.Col = row.Cells[len(row.Cells)-1].Line, row.Cells[len(row.Cells)-1].Col
			}
			row.Cells = append(row.Cells, cell)
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// cellText is plainText for a table cell: as a cell cannot hold a line
// break, writers put <br> for one, and it reads as one here.
func cellText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() {
				b.Write(c.Segment.Value(src))
			} else {
				b.WriteString(unescape(c.Segment.Value(src)))
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.RawHTML:
			var raw bytes.Buffer
			for i := 0; i < c.Segments.Len(); i++ {
				seg := c.Segments.At(i)
				raw.Write(seg.Value(src))
			}
			if isBreak(raw.String()) {
				b.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// isBreak reports whether a raw HTML tag is a line break: <br>, <br/>,
// <BR />.
func isBreak(tag string) bool {
	t := strings.ToLower(strings.Join(strings.Fields(tag), ""))
	return t == "<br>" || t == "<br/>"
}
