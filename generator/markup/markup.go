// Package markup is the one way waymark builds HTML and SVG in Go rather
// than in an html/template layout: a Writer that takes markup only as
// constants written in the code, and every value through an escaper.
//
// It exists for speed. html/template calls an escaper through reflection
// for every action it runs, and on the pages that show a whole journey
// map (thousands of values each) those calls were most of a build's
// time. The hot fragments (a map's lanes, the slide, the rows of list
// pages) are written with a Writer instead, and the layouts place them.
//
// Its escapers are html/template's, byte for byte, for the contexts it
// offers: element text, a double-quoted attribute's value, and a URL in a
// double-quoted attribute. A fragment written with a Writer is therefore
// exactly what the same markup in a layout would have produced, and the
// fuzz test holds it to that.
package markup

import (
	"html/template"
	"strconv"
	"strings"
)

// constant is the type of the markup a Writer takes as is. It is
// unexported, so outside this package only an untyped string constant
// converts to it: markup written in the code, never a value that could
// hold an author's text.
type constant string

// Writer accumulates escaped markup. The zero value is ready to use. It
// keeps its markup in a strings.Builder, which grows without clearing
// the memory it takes and hands the result over without copying it: a
// journey page's fragments are tens of kilobytes each.
type Writer struct {
	b strings.Builder
}

// Grow makes room for n more bytes.
func (w *Writer) Grow(n int) { w.b.Grow(n) }

// Raw writes markup written in the code: tags, attribute names, fixed
// words. Only a constant can be passed (see constant).
func (w *Writer) Raw(s constant) { w.b.WriteString(string(s)) }

// Text writes s as element content, as html/template's htmlEscaper
// does. (Its escaping is Attr's; the two names say where a value goes.)
func (w *Writer) Text(s string) { escape(&w.b, s) }

// Attr writes s as the value of a double-quoted attribute, or as the
// text of an element html/template reads as RCDATA (<title>, <textarea>),
// as its attrEscaper and rcdataEscaper do.
func (w *Writer) Attr(s string) { escape(&w.b, s) }

// URL writes s as the value of a double-quoted URL attribute (href,
// src), as html/template does: a scheme other than http, https and
// mailto becomes "#ZgotmplZ", what is not allowed in a URL is
// percent-encoded, and the result is escaped as an attribute. Content
// has been checked against the URL policy (package urlpolicy) when it
// was loaded; this is the second line, html/template's own.
func (w *Writer) URL(s string) {
	if !safeScheme(s) {
		w.b.WriteString("#ZgotmplZ")
		return
	}
	w.URLPath(s)
}

// URLPath writes s where a URL attribute's value goes on after its
// start, before any "?" or "#" (href="{{$.Rel "channels/"}}{{.ID}}/"):
// normalised and escaped as URL does, without the scheme check, which
// only the start of a URL can fail.
func (w *Writer) URLPath(s string) { w.url(s, true) }

// URLQuery writes s in a URL's query or fragment (href="#stage-{{.ID}}"):
// percent-encoded, reserved characters too, as html/template's urlEscaper
// does, then escaped as an attribute.
func (w *Writer) URLQuery(s string) { w.url(s, false) }

func (w *Writer) url(s string, norm bool) {
	if urlKept(s, norm) { // the usual case: a relative link of plain words
		escape(&w.b, s)
		return
	}
	var tmp [256]byte
	escape(&w.b, string(appendURL(tmp[:0], s, norm)))
}

// Int writes n in decimal.
func (w *Writer) Int(n int) {
	var tmp [24]byte
	w.b.Write(strconv.AppendInt(tmp[:0], int64(n), 10))
}

// Float writes f as a layout's {{.}} would: the shortest decimal that
// reads back as f, with an exponent for very large or small values (its
// "+" escaped, as html/template escapes it).
func (w *Writer) Float(f float64) {
	var tmp [32]byte
	escape(&w.b, string(strconv.AppendFloat(tmp[:0], f, 'g', -1, 64)))
}

// HTML writes markup made before: goldmark's rendering of an author's
// Markdown (raw HTML off), or another Writer's result. Its type says it
// is safe; nothing else is taken unescaped.
func (w *Writer) HTML(h template.HTML) { w.b.WriteString(string(h)) }

// Len is the number of bytes written so far.
func (w *Writer) Len() int { return w.b.Len() }

// Since returns what was written from offset start on (a Len), as HTML
// of its own: a row kept apart from the page it was written for.
func (w *Writer) Since(start int) template.HTML {
	return template.HTML(strings.Clone(w.b.String()[start:]))
}

// Result returns what was written as HTML a layout inserts as it is: it
// is made only of constants and escaped values.
func (w *Writer) Result() template.HTML { return template.HTML(w.b.String()) }

// replacement is html/template's htmlReplacementTable: what each byte
// that needs it becomes, in text and in quoted attributes alike. All are
// ASCII, so the escaper works on bytes, and leaves invalid UTF-8 as it
// finds it, as html/template does.
var replacement = [256]string{
	0:    "\uFFFD",
	'"':  "&#34;",
	'&':  "&amp;",
	'\'': "&#39;",
	'+':  "&#43;",
	'<':  "&lt;",
	'>':  "&gt;",
}

// escape writes s escaped as html/template's htmlEscaper, attrEscaper
// and rcdataEscaper do (htmlReplacer with htmlReplacementTable): the
// bytes of replacement, and nothing else.
func escape(b *strings.Builder, s string) {
	written := 0
	for i := 0; i < len(s); i++ {
		if r := replacement[s[i]]; r != "" {
			b.WriteString(s[written:i])
			b.WriteString(r)
			written = i + 1
		}
	}
	b.WriteString(s[written:])
}

// safeScheme is html/template's isSafeURL: no scheme, or http, https or
// mailto.
func safeScheme(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// appendURL is html/template's processURLOnto: bytes that may not
// appear in a URL are percent-encoded. Normalising (norm) keeps the
// reserved characters and the escapes already there, for a URL's start
// and path; otherwise (a query or fragment value) they are encoded too.
func appendURL(dst []byte, s string, norm bool) []byte {
	const hex = "0123456789abcdef"
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) || norm && (reserved(c) || c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])) {
			continue
		}
		dst = append(dst, s[written:i]...)
		dst = append(dst, '%', hex[c>>4], hex[c&0xF])
		written = i + 1
	}
	return append(dst, s[written:]...)
}

// unreserved is RFC 3986's unreserved set.
func unreserved(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return c == '-' || c == '.' || c == '_' || c == '~'
}

// urlKept reports whether appendURL would keep s as it is.
func urlKept(s string, norm bool) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !unreserved(c) && !(norm && reserved(c)) {
			return false // '%' too: whether it starts an escape is appendURL's to say
		}
	}
	return true
}

// reserved is what html/template keeps when it normalises a URL.
func reserved(c byte) bool { return strings.IndexByte("!#$&*+,/:;=?@[]", c) >= 0 }

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}
