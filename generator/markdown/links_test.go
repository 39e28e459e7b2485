package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/urlpolicy"
	"github.com/waymark-cx/waymark/generator/urlpolicy/urlpolicytest"
)

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

// Every URL of the policy's table, as a link and as an image in a body:
// kept when the policy allows it, dropped and listed in Doc.Refused when
// it refuses it, in both modes.
func TestLinkPolicy(t *testing.T) {
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tc := range urlpolicytest.Cases() {
			dest := urlpolicytest.MarkdownDestination(tc.URL)
			src := fmt.Sprintf("Intro.\n\nSee [the link](%s) and ![the image](%s).\n", dest, dest)
			d, err := r.Render([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			out := string(d.Intro)
			allowed := tc.Kind != urlpolicy.Refused
			if got := strings.Contains(out, "<a href=") && strings.Contains(out, "<img src="); got != allowed {
				t.Errorf("unsafe=%v: %q renders %q: link and image kept = %v, want %v", unsafe, src, out, got, allowed)
			}
			if !strings.Contains(out, "the link") || !strings.Contains(out, `the image`) {
				t.Errorf("unsafe=%v: %q renders %q, without the link's text or the image's description", unsafe, src, out)
			}
			type at struct {
				line, col int
				image     bool
			}
			var got, want []at
			for _, l := range d.Refused {
				got = append(got, at{l.Line, l.Col, l.Image})
				if l.Verdict.Allowed() || l.Verdict.URL != strings.Trim(dest, "<>") {
					t.Errorf("unsafe=%v: %q: refused %+v", unsafe, src, l.Verdict)
				}
			}
			if !allowed {
				want = []at{{3, 5, false}, {3, 22 + len(dest), true}}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("unsafe=%v: %q: refused at %v, want %v", unsafe, src, got, want)
			}
		}
	}
}

// Refused links are listed at their line and column (in runes), in the
// order of the source, wherever they stand: in a list, a quote, a table, a
// section, a footnote (which goldmark moves to the end) or behind a
// reference.
func TestRefusedPositions(t *testing.T) {
	src := "[^n]\n\n" + // 1
		"[^n]: é [a](javascript:x)\n" + // 3
		"\n" +
		"- item <javascript:y>\n" + // 5
		"\n" +
		"> quote [b][r]\n" + // 7
		"\n" +
		"## Section\n" + // 9
		"\n" +
		"| h |\n|---|\n| ![c](//evil.example/c) |\n" + // 13
		"\n" +
		"[r]: data:x\n"
	d, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	type at struct {
		line, col int
		url       string
	}
	var got []at
	for _, l := range d.Refused {
		got = append(got, at{l.Line, l.Col, l.Verdict.URL})
	}
	want := []at{{3, 9, "javascript:x"}, {5, 8, "javascript:y"}, {7, 9, "data:x"}, {13, 3, "//evil.example/c"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Refused at %v, want %v", got, want)
	}
	html := string(d.Intro) + string(d.Sections[0].Body)
	for _, bad := range []string{`href="javascript`, "data:", "evil.example", "<img"} {
		if strings.Contains(html, bad) {
			t.Errorf("page holds %q: %s", bad, html)
		}
	}
}
