// Package urlpolicytest holds the table of URLs that urlpolicy's own test
// and the tests of its callers (front matter in content, bodies in
// markdown) each run, so that they are shown to agree on the same cases.
package urlpolicytest

import (
	"fmt"
	"strings"

	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// Case is a URL and what the policy makes of it.
type Case struct {
	URL  string
	Kind urlpolicy.Kind
}

// Cases is the table, afresh on every call.
func Cases() []Case {
	const (
		refused  = urlpolicy.Refused
		relative = urlpolicy.Relative
		web      = urlpolicy.Web
		mail     = urlpolicy.Mail
	)
	return []Case{
		// Relative: stays on the site.
		{"", relative},
		{"img/dana.jpg", relative},
		{"./x", relative},
		{"../personas/dana/", relative},
		{"/journeys/buy/", relative},
		{"#stage-research", relative},
		{"#x", relative},
		{"?q", relative},
		{"?q=a:b", relative},
		{"img/a:b.png", relative},
		{"/a:b", relative},
		{"www.example.org", relative},
		{"&#106;avascript", relative}, // no colon: a path, whatever it spells
		{`\evil`, relative},           // a browser reads "/evil", a path on the site

		// http(s) with a host.
		{"https://example.org/x", web},
		{"HTTP://example.org", web},
		{"https://example.org", web},
		{"https://user@example.org:8443/a?b#c", web},
		{"http://[::1]:8080/", web},
		{"  https://example.org/", web},
		{"https://example.org/?a=1&amp;b=2", web},

		// mailto with an address.
		{"mailto:a@b", mail},
		{"mailto:cx@example.org", mail},
		{"MAILTO:cx@example.org?subject=Hi", mail},

		// Protocol-relative, in all the ways a browser reads one.
		{"//evil.example/a", refused},
		{"///x", refused},
		{`\\evil`, refused},
		{`/\evil.example`, refused},
		{`\/evil.example`, refused},
		{"  //evil.example", refused},
		{"/\t/evil.example", refused},
		{"&#47;/evil.example", refused},

		// http(s) and mailto without what must follow.
		{"https:", refused},
		{"http:", refused},
		{"http://", refused},
		{"https://", refused},
		{"https:///x", refused},
		{"https://:443/", refused},
		{"https://@/", refused},
		{"https:example.org", refused},
		{"http://[::1", refused},
		{"mailto:", refused},
		{"mailto:?subject=x", refused},
		{"mailto: ", refused},

		// Other schemes, however disguised.
		{"javascript:alert(1)", refused},
		{"JAVASCRIPT:alert(1)", refused},
		{"JaVaScRiPt:alert(1)", refused},
		{"  javascript:alert(1)", refused},
		{"\x01javascript:alert(1)", refused},
		{"\x00javascript:alert(1)", refused},
		{"java\tscript:alert(1)", refused},
		{"java\nscript:alert(1)", refused},
		{"java\rscript:alert(1)", refused},
		{"&#106;avascript:alert(1)", refused},
		{"&#x6A;avascript:alert(1)", refused},
		{"javascript&colon;alert(1)", refused},
		{"&#x09;javascript:alert(1)", refused},
		{"vbscript:msgbox", refused},
		{"data:text/html,<script>", refused},
		{"data:image/png;base64,AAAA", refused},
		{"file:///etc/passwd", refused},
		{"tel:+123", refused},
		{"ftp://example.org", refused},
		{"a:b/c", refused},
		{"a:b", refused},
		{"c:\\temp\\a.pdf", refused},
	}
}

// MarkdownDestination writes u as a Markdown link destination that
// goldmark reads back as u: in "<…>", with what cannot stand there (line
// breaks, blanks, control characters, "<", ">" and backslashes, which
// would escape) as character references, which the policy decodes like a
// browser.
func MarkdownDestination(u string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range u {
		if r <= ' ' || r == '<' || r == '>' || r == '\\' || r == 0x7f {
			fmt.Fprintf(&b, "&#%d;", r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('>')
	return b.String()
}
