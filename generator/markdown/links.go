package markdown

import (
	"slices"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// RefusedLink is a link or image in a body whose destination the URL
// policy refuses. Render leaves it out of the page, keeping its text, and
// lists it in Doc.Refused so that the caller can report it at its file and
// line: an author has to learn that the link is wrong, not find it gone.
type RefusedLink struct {
	Line, Col int  // of its "[" or "![" ("<" of an autolink), from the body's first line and column (1); Col counts runes
	Image     bool // an image, ![…](…), rather than a link
	Verdict   urlpolicy.Verdict
}

// What names the kind of link for a message: "link" or "image".
func (l RefusedLink) What() string {
	if l.Image {
		return "image"
	}
	return "link"
}

// linkFilter takes the links and images whose destination the URL policy
// refuses out of a document, keeping a link's text and an image's
// description, and leaves them in the parser's context under
// refusedLinksKey, in the order of the source, for Render to return. It
// runs whether or not raw HTML is allowed: goldmark filters some schemes
// only in its safe mode, and only when rendering. A reference link is
// reported where it is used: goldmark keeps no position for the
// definition.
type linkFilter struct{}

// refusedLinksKey is where linkFilter leaves what it dropped.
var refusedLinksKey = parser.NewContextKey()

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	if refused := dropRefusedLinks(doc, reader.Source()); refused != nil {
		pc.Set(refusedLinksKey, refused)
	}
}

func dropRefusedLinks(doc ast.Node, src []byte) []RefusedLink {
	type refused struct {
		node ast.Node
		RefusedLink
	}
	var found []refused
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var v urlpolicy.Verdict
		switch n := n.(type) {
		case *ast.Link:
			v = urlpolicy.Classify(string(n.Destination))
		case *ast.Image:
			v = urlpolicy.Classify(string(n.Destination))
		case *ast.AutoLink:
			if n.AutoLinkType != ast.AutoLinkURL {
				return ast.WalkContinue, nil
			}
			v = urlpolicy.Classify(string(n.URL(src)))
		default:
			return ast.WalkContinue, nil
		}
		if !v.Allowed() {
			_, image := n.(*ast.Image)
			found = append(found, refused{n, RefusedLink{Image: image, Verdict: v}})
		}
		return ast.WalkContinue, nil
	})
	if len(found) == 0 {
		return nil
	}
	for _, r := range found {
		n := r.node
		parent := n.Parent()
		if parent == nil {
			continue
		}
		if auto, ok := n.(*ast.AutoLink); ok {
			// Keep what the author wrote, as text.
			parent.ReplaceChild(parent, n, ast.NewString(auto.Label(src)))
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}

	// Footnotes are moved to the end of the tree: sort by offset to count
	// lines and columns in one pass over the source.
	slices.SortStableFunc(found, func(a, b refused) int { return a.node.Pos() - b.node.Pos() })
	out := make([]RefusedLink, len(found))
	line, col, off := 1, 1, 0
	for i, r := range found {
		pos := min(max(r.node.Pos(), 0), len(src))
		for off < pos {
			c, size := utf8.DecodeRune(src[off:])
			off += size
			col++
			if c == '\n' {
				line, col = line+1, 1
			}
		}
		r.Line, r.Col = line, col
		out[i] = r.RefusedLink
	}
	return out
}
