package markup

import (
	"bytes"
	"html/template"
	"math"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// reference is the same markup as written, as an html/template layout:
// the Writer must produce it byte for byte.
var reference = template.Must(template.New("ref").Parse(
	`<p title="{{.S}}">{{.S}}</p><a href="{{.S}}">{{.F}}</a><svg><title>{{.S}}</title><path d="{{.F}}"/></svg><i data-n="{{.N}}">{{.N}}</i><a href="/c/{{.S}}/?q={{.S}}#{{.S}}">x</a>`))

func write(s string, f float64, n int) []byte {
	var w Writer
	w.Raw(`<p title="`)
	w.Attr(s)
	w.Raw(`">`)
	w.Text(s)
	w.Raw(`</p><a href="`)
	w.URL(s)
	w.Raw(`">`)
	w.Float(f)
	w.Raw(`</a><svg><title>`)
	w.Attr(s) // <title> is RCDATA to html/template: its attribute escaper
	w.Raw(`</title><path d="`)
	w.Float(f)
	w.Raw(`"/></svg><i data-n="`)
	w.Int(n)
	w.Raw(`">`)
	w.Int(n)
	w.Raw(`</i><a href="/c/`)
	w.URLPath(s)
	w.Raw(`/?q=`)
	w.URLQuery(s)
	w.Raw(`#`)
	w.URLQuery(s)
	w.Raw(`">x</a>`)
	return []byte(w.Result())
}

func check(t *testing.T, s string, f float64, n int) {
	t.Helper()
	var want bytes.Buffer
	if err := reference.Execute(&want, struct {
		S string
		F float64
		N int
	}{s, f, n}); err != nil {
		t.Fatal(err)
	}
	got := write(s, f, n)
	if !bytes.Equal(got, want.Bytes()) {
		t.Fatalf("for %q, %v, %d:\n got %s\nwant %s", s, f, n, got, want.Bytes())
	}
	// And what it wrote is the markup written, holding the values: the
	// value never opens an element or an attribute of its own.
	doc, err := html.Parse(bytes.NewReader(got))
	if err != nil {
		t.Fatal(err)
	}
	var elements []string
	var title, text string
	for node := range doc.Descendants() {
		if node.Type != html.ElementNode {
			continue
		}
		elements = append(elements, node.Data)
		if node.Data == "p" {
			for _, a := range node.Attr {
				title = a.Val
			}
			if node.FirstChild != nil {
				text = node.FirstChild.Data
			}
		}
	}
	if got, want := strings.Join(elements, " "), "html head body p a svg title path i a"; got != want {
		t.Errorf("for %q: elements %q, want %q", s, got, want)
	}
	if read := parsed(s); title != read || (text != read && !(read == "" && text == "")) {
		t.Errorf("for %q: the attribute reads back as %q and the text as %q, want %q", s, title, text, read)
	}
}

// parsed is s as an HTML parser reads it back: NUL is the replacement
// character and line ends are newlines (invalid UTF-8 is
// left as it is).
func parsed(s string) string {
	s = strings.ReplaceAll(s, "\x00", "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.ReplaceAll(s, "\r", "\n")
}

var seeds = []struct {
	s string
	f float64
	n int
}{
	{"", 0, 0},
	{"plain words", 1.5, 42},
	{`<script>alert("x")</script>`, -0.25, -7},
	{`" onmouseover="alert(1)`, 1e21, math.MaxInt},
	{"a & b + c's", 1e-7, math.MinInt},
	{"javascript:alert(1)", math.Inf(1), 1},
	{"JavaScript:alert(1)", math.NaN(), 1},
	{"https://example.com/a b?q=1&r=ü#x", 123456789, 1},
	{"mailto:ana@example.com", 0.1, 1},
	{"../personas/dana/", 2, 3},
	{"/a:b", 2, 3},
	{"%zz%41%4", 2, 3},
	{"nul\x00byte", 3, 4},
	{"non\uFDD0char\uFFFEs", 3, 4},
	{"bad \xff utf-8", 3, 4},
	{"crlf\r\nline\rend", 3, 4},
	{"</title><img src=x>", 3, 4},
	{"emoji 😀 and CJK 旅程", 3, 4},
}

func TestWriterMatchesHTMLTemplate(t *testing.T) {
	for _, c := range seeds {
		check(t, c.s, c.f, c.n)
	}
}

func FuzzWriter(f *testing.F) {
	for _, c := range seeds {
		f.Add(c.s, c.f, c.n)
	}
	f.Fuzz(func(t *testing.T, s string, fl float64, n int) {
		check(t, s, fl, n)
	})
}

func TestGrowKeepsWhatWasWritten(t *testing.T) {
	var w Writer
	w.Raw("<b>")
	w.Grow(1 << 10)
	w.Text("x")
	if got := w.Result(); got != "<b>x" {
		t.Fatalf("after Grow: %q", got)
	}
	start := w.Len()
	w.Raw("<i>")
	w.Int(-7)
	if got := w.Since(start); got != "<i>-7" {
		t.Fatalf("Since(%d) = %q", start, got)
	}
}
