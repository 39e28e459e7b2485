package content

import (
	"fmt"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
	"github.com/waymark-cx/waymark/generator/urlpolicy/urlpolicytest"
)

// Front matter and a Markdown body judge every URL of the policy's table
// alike: the same URL as an evidence url and as a link in the body of the
// same file is refused in both, each at its own line, or kept in both.
func TestURLPolicyFrontMatterAndBody(t *testing.T) {
	cfg := testConfig(t)
	for _, tc := range urlpolicytest.Cases() {
		dest := urlpolicytest.MarkdownDestination(tc.URL)
		src := "+++\ntitle = \"Buy\"\n[[stages]]\nname = \"One\"\n  [[stages.evidence]]\n  kind = \"survey\"\n" +
			"  url = " + tomlString(tc.URL) + "\n+++\n\nSee [the link](" + dest + ").\n"
		site, errs := Load(siteFS(map[string]string{J: src}), cfg, Options{})
		var frontMatter, body []diag.Diagnostic
		for _, d := range errs {
			switch {
			case d.Pos == diag.Position{File: J, Line: 7, Col: 3}:
				frontMatter = append(frontMatter, d)
			case d.Pos == diag.Position{File: J, Line: 10, Col: 5}:
				body = append(body, d)
			default:
				t.Errorf("url %q: unexpected %v", tc.URL, d)
			}
		}
		refused := tc.Kind == urlpolicy.Refused
		if inFrontMatter, inBody := len(frontMatter) > 0, len(body) > 0; inFrontMatter != refused || inBody != refused {
			t.Errorf("url %q (%q in the body): refused in front matter %v, in the body %v, want %v for both\n%s",
				tc.URL, dest, inFrontMatter, inBody, refused, errs.Format())
			continue
		}
		if refused {
			fm, md := urlpolicy.Classify(tc.URL), urlpolicy.Classify(strings.Trim(dest, "<>"))
			if frontMatter[0].Msg != fm.Message("url") || frontMatter[0].Hint != fm.Hint {
				t.Errorf("url %q: front matter says %v, want %q with hint %q", tc.URL, frontMatter[0], fm.Message("url"), fm.Hint)
			}
			if body[0].Msg != md.Message("link") || body[0].Hint != md.Hint {
				t.Errorf("url %q: body says %v, want %q with hint %q", tc.URL, body[0], md.Message("link"), md.Hint)
			}
			continue
		}
		if len(site.Journeys) != 1 {
			t.Fatalf("url %q: %d journeys loaded: %s", tc.URL, len(site.Journeys), errs.Format())
		}
		if n := string(site.Journeys[0].Narrative); !strings.Contains(n, "<a href=") {
			t.Errorf("url %q (%q in the body): the link is gone from the narrative %q", tc.URL, dest, n)
		}
	}
}

// tomlString writes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r < ' ' || r == 0x7f || r == '"' || r == '\\' {
			fmt.Fprintf(&b, `\u%04X`, r)
			continue
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}
