package markdown

import (
	"strings"
	"testing"
)

func TestSafeURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		safe bool
	}{
		{"https://example.org/x", true},
		{"HTTP://example.org", true},
		{"mailto:cx@example.org", true},
		{"../personas/dana/", true},
		{"/journeys/buy/", true},
		{"#stage-research", true},
		{"img/a:b.png", true},
		{"?q=a:b", true},
		{"www.example.org", true},
		{"", true},
		{"javascript:alert(1)", false},
		{"JaVaScRiPt:alert(1)", false},
		{" javascript:alert(1)", false},
		{"\x01javascript:alert(1)", false},
		{"java\tscript:alert(1)", false},
		{"java\nscript:alert(1)", false},
		{"vbscript:msgbox", false},
		{"data:text/html,<script>", false},
		{"data:image/png;base64,AAAA", false},
		{"file:///etc/passwd", false},
		{"tel:+123", false},
		{"ftp://example.org", false},
		{"&#106;avascript:alert(1)", false},
		{"&#x6A;avascript:alert(1)", false},
		{"javascript&colon;alert(1)", false},
	} {
		if got := SafeURL(tc.url); got != tc.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.safe)
		}
	}
}

// Links and images with a refused destination are dropped, their text
// kept, in both modes; safe ones stay.
func TestLinkFilter(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tc := range []struct {
			src      string
			want     []string // substrings of the HTML
			wantNone []string
		}{
			{`[click](javascript:alert(1))`, []string{"click"}, []string{"javascript", "<a"}},
			{`[click](JAVASCRIPT:alert(1))`, []string{"click"}, []string{"JAVASCRIPT", "<a"}},
			{`[click](&#106;avascript:alert(1))`, []string{"click"}, []string{"avascript", "<a"}},
			{`[click](vbscript:x) [f](file:///etc/passwd) [t](tel:1)`, []string{"click", ">f<", ">t<"}[:1], []string{"vbscript", "file:", "tel:", "<a"}},
			{"[ref link][r]\n\n[r]: javascript:alert(1)", []string{"ref link"}, []string{"javascript", "<a"}},
			{`![a picture](data:image/svg+xml;base64,PHN2Zz4=)`, []string{"a picture"}, []string{"data:", "<img"}},
			{`<javascript:alert(1)>`, nil, []string{`href="javascript`}},
			{`[**bold** text](javascript:x)`, []string{"<strong>bold</strong> text"}, []string{"<a"}},
			{`[ok](https://example.org/) and [rel](../x/) and [mail](mailto:a@b.c)`, []string{`href="https://example.org/"`, `href="../x/"`, `href="mailto:a@b.c"`}, nil},
			{`![logo](img/logo.svg)`, []string{`src="img/logo.svg"`}, nil},
			{`see https://example.org and www.example.org`, []string{`href="https://example.org"`, `href="http://www.example.org"`}, nil},
		} {
			d, err := r.Render([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			out := string(d.Intro)
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("unsafe=%v: %q renders %q, want %q in it", unsafe, tc.src, out, w)
				}
			}
			for _, w := range tc.wantNone {
				if strings.Contains(out, w) {
					t.Errorf("unsafe=%v: %q renders %q, want no %q", unsafe, tc.src, out, w)
				}
			}
		}
	}
}
