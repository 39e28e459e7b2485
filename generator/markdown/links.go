package markdown

import (
	stdhtml "html"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// SafeURL reports whether a link may appear in a page: an http, https or
// mailto URL, or a relative one (a path, a "#fragment"). Everything else
// (javascript:, data:, vbscript:, file:, tel:, ...) is refused, in any
// case and with any leading blanks or control characters, which browsers
// skip.
func SafeURL(u string) bool {
	// The renderer decodes character references ("&#106;avascript:"), and
	// so does the browser: check what they will see.
	u = stdhtml.UnescapeString(u)
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	// Browsers also drop tabs and newlines inside a scheme ("java\tscript:").
	if strings.ContainsAny(u, "\t\n\r") {
		u = strings.Map(dropBlank, u)
	}
	colon := strings.IndexByte(u, ':')
	if colon < 0 {
		return true
	}
	// A colon after the first "/", "?" or "#" is part of a relative path.
	if cut := strings.IndexAny(u, "/?#"); cut >= 0 && cut < colon {
		return true
	}
	switch strings.ToLower(u[:colon]) {
	case "http", "https", "mailto":
		return true
	}
	return false
}

// dropBlank drops the tabs and line breaks that browsers ignore inside a
// URL (strings.Map's way of deleting a rune is to return -1).
func dropBlank(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' {
		return -1
	}
	return r
}

// linkFilter drops the links and images whose destination SafeURL
// refuses, keeping a link's text and an image's description. It runs
// whether or not raw HTML is allowed: goldmark filters some schemes only
// in its safe mode, and only when rendering.
type linkFilter struct{}

func (linkFilter) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	var unsafe []ast.Node
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL && !SafeURL(string(n.URL(src))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, n := range unsafe {
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
}
