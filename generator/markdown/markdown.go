// Package markdown turns the Markdown bodies of journeys and personas into
// HTML, cut into the sections that begin at each "##" heading, so that a
// journey's loader can show a stage's section with the stage instead of in
// the narrative. Each body is parsed once and rendered once.
//
// Raw HTML in Markdown is left out (goldmark's default) unless the site
// opts in. Links and images keep only the destinations the URL policy
// (package urlpolicy) allows, with or without raw HTML: any other is
// dropped, its text kept, and listed in Doc.Refused for the caller to
// report. A site that opts in to raw HTML trusts its authors with the HTML
// they write, links in it included.
//
// A few shapes of text make goldmark's parsing time grow with the square
// of their length (thousands of unpaired "*" and "_" in one paragraph,
// ">" nested thousands deep on one line, "[a](" that never closes).
// Render measures them first, in one linear pass, and refuses a body
// beyond limits no person's writing reaches with a *LimitError naming the
// line; see limits.go.
package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"html/template"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Renderer converts Markdown. Build one per site and share it: it is safe
// for concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// Options configure a Renderer.
type Options struct {
	// Unsafe keeps raw HTML written in Markdown. Off by default: content
	// is written by many people and read by everyone.
	Unsafe bool
}

// New builds a Renderer with GitHub-flavoured Markdown (tables, task
// lists, strikethrough, autolinks) and footnotes.
func New(opts Options) *Renderer {
	var rOpts []goldmark.Option
	if opts.Unsafe {
		rOpts = append(rOpts, goldmark.WithRendererOptions(html.WithUnsafe()))
	}
	rOpts = append(rOpts,
		goldmark.WithExtensions(extension.GFM, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(linkFilter{}, 1000)),
		),
	)
	return &Renderer{md: goldmark.New(rOpts...)}
}

// Doc is a rendered body.
type Doc struct {
	Intro    template.HTML // everything before the first "##" heading
	Sections []Section
	// Refused are the links and images left out of the page because the
	// URL policy refuses their destination, in the order of the source.
	Refused []RefusedLink
}

// Section is a "##" heading and what follows it up to the next one.
type Section struct {
	Title   string        // the heading's plain text
	Line    int           // the heading's line, counted from the body's first line (1)
	Heading template.HTML // the rendered <h2>
	Body    template.HTML
}

// Render parses and renders src. A body that goldmark could not parse in
// time linear in its size is refused with a *LimitError; see limits.go.
func (r *Renderer) Render(src []byte) (Doc, error) {
	if err := checkLimits(src); err != nil {
		return Doc{}, err
	}
	pc := parser.NewContext()
	root := r.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	var (
		doc     Doc
		buf, hb bytes.Buffer
		cur     *Section
		line    = lineCounter{src: src}
	)
	// goldmark's renderer wraps any writer that is not buffered in a new
	// 4 kB bufio.Writer on every call: one per node and heading adds up to
	// gigabytes of garbage on a body of a million headings.
	bodyOut, headingOut := bufio.NewWriter(&buf), bufio.NewWriter(&hb)
	flush := func() {
		if cur == nil {
			doc.Intro = template.HTML(buf.String())
		} else {
			cur.Body = template.HTML(buf.String())
			doc.Sections = append(doc.Sections, *cur)
		}
		buf.Reset()
	}
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level == 2 {
			flush()
			hb.Reset()
			if err := r.md.Renderer().Render(headingOut, src, h); err != nil {
				return Doc{}, err
			}
			cur = &Section{Title: plainText(h, src), Heading: template.HTML(hb.String())}
			if h.Lines().Len() > 0 {
				cur.Line = line.at(h.Lines().At(0).Start)
			} else if h.Pos() >= 0 { // an empty "##" has no text lines
				cur.Line = line.at(h.Pos())
			}
			continue
		}
		if err := r.md.Renderer().Render(bodyOut, src, n); err != nil {
			return Doc{}, err
		}
	}
	flush()
	doc.Refused, _ = pc.Get(refusedLinksKey).([]RefusedLink)
	return doc, nil
}

// plainText is the text of an inline tree, without markup.
func plainText(n ast.Node, src []byte) string {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			if c.IsRaw() { // code: shown as written
				b.Write(c.Segment.Value(src))
			} else {
				b.WriteString(unescape(c.Segment.Value(src)))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// unescape resolves backslash escapes and character references ("\&",
// "&amp;", "&#169;") in text the way the rendered HTML shows them.
func unescape(v []byte) string {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return string(v) // nothing to resolve: the common case
	}
	var h bytes.Buffer
	w := bufio.NewWriter(&h)
	html.DefaultWriter.Write(w, v)
	_ = w.Flush()
	return stdhtml.UnescapeString(h.String())
}

// lineCounter turns increasing byte offsets into 1-based line numbers.
type lineCounter struct {
	src  []byte
	off  int
	line int
}

func (l *lineCounter) at(off int) int {
	if l.line == 0 {
		l.line = 1
	}
	if off > len(l.src) {
		off = len(l.src)
	}
	if off < l.off { // not increasing: count again from the start
		l.off, l.line = 0, 1
	}
	l.line += bytes.Count(l.src[l.off:off], []byte{'\n'})
	l.off = off
	return l.line
}
