package urlpolicy_test

import (
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/urlpolicy"
	"github.com/waymark-cx/waymark/generator/urlpolicy/urlpolicytest"
)

var kindNames = map[urlpolicy.Kind]string{
	urlpolicy.Refused: "Refused", urlpolicy.Relative: "Relative", urlpolicy.Web: "Web", urlpolicy.Mail: "Mail",
}

func TestClassify(t *testing.T) {
	for _, tc := range urlpolicytest.Cases() {
		v := urlpolicy.Classify(tc.URL)
		if v.Kind != tc.Kind {
			t.Errorf("Classify(%q).Kind = %s, want %s (reason %q)", tc.URL, kindNames[v.Kind], kindNames[tc.Kind], v.Reason)
		}
		if v.URL != tc.URL {
			t.Errorf("Classify(%q).URL = %q, want the URL as written", tc.URL, v.URL)
		}
		if v.Allowed() != (v.Reason == "") || v.Allowed() != (v.Hint == "") {
			t.Errorf("Classify(%q) = %+v: a refusal has a reason and a hint, and only a refusal", tc.URL, v)
		}
	}
}

// What a refusal says, for the cases where the wording carries the fix.
func TestRefusal(t *testing.T) {
	for _, tc := range []struct {
		url, what, msg, hint string
	}{
		{"//evil.example/a", "link", `link "//evil.example/a" is not allowed: a URL that begins with // takes the page's scheme`, "write the scheme: https://evil.example/a"},
		{`/\evil.example`, "url", "begins with //", "write the scheme: https://evil.example"},
		{"//", "url", "begins with //", "write the scheme, e.g. https://host/path"},
		{"https:", "photo", `photo "https:" is not allowed: an https: URL needs // and a host`, "e.g. https://example.org/page"},
		{"mailto:", "url", "a mailto: URL needs an address", "mailto:cx@example.org"},
		{"&#106;avascript:x", "image", `image "&#106;avascript:x" is not allowed: a javascript: URL runs code`, "http(s)://"},
		{"data:text/html,x", "link", "a data: URL carries a document of its own", "static/"},
		{"file:///etc/passwd", "link", "a file: URL opens a file on the reader's own computer", "static/"},
		{"tel:+123", "link", `tel: is not among the schemes`, "write the number as text"},
		{"a:b/c", "link", `"a:" is not among the schemes a site links to (http, https, mailto)`, `write "./a:b/c"`},
		{"ftp://x.example/", "link", `"ftp:" is not among the schemes`, "or to a path on the site"},
		{`c:\temp\a.pdf`, "link", `"c:" is not among`, "drive letter"},
	} {
		v := urlpolicy.Classify(tc.url)
		if msg := v.Message(tc.what); !strings.Contains(msg, tc.msg) {
			t.Errorf("Classify(%q).Message(%q) = %q, want %q in it", tc.url, tc.what, msg, tc.msg)
		}
		if !strings.Contains(v.Hint, tc.hint) {
			t.Errorf("Classify(%q).Hint = %q, want %q in it", tc.url, v.Hint, tc.hint)
		}
	}
	if v := urlpolicy.Classify("ftp://x.example/"); strings.Contains(v.Hint, "./") {
		t.Errorf("hint for ftp://… = %q: it is no path, and needs no ./", v.Hint)
	}
}

// FuzzClassify: no input panics; what is allowed has no scheme but http,
// https or mailto as a browser reads it; a refusal says why and what to do.
func FuzzClassify(f *testing.F) {
	for _, tc := range urlpolicytest.Cases() {
		f.Add(tc.URL)
	}
	f.Fuzz(func(t *testing.T, u string) {
		v := urlpolicy.Classify(u)
		if !v.Allowed() {
			if v.Reason == "" || v.Hint == "" {
				t.Fatalf("Classify(%q) = %+v: a refusal without a reason or hint", u, v)
			}
			return
		}
		r := strings.ToLower(v.Read)
		for _, bad := range []string{"javascript:", "vbscript:", "data:", "file:", "//", `\\`, `/\`, `\/`} {
			if strings.HasPrefix(r, bad) {
				t.Fatalf("Classify(%q) allows it as %v, read as %q", u, v.Kind, v.Read)
			}
		}
	})
}
