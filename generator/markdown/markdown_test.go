package markdown

import (
	"bytes"
	"errors"
	"html/template"
	"regexp"
	"strings"
	"testing"
)

// full renders src as one document, for comparison with the sections.
func full(t testing.TB, r *Renderer, src []byte) string {
	t.Helper()
	var b bytes.Buffer
	if err := r.md.Convert(src, &b); err != nil {
		t.Fatalf("Convert: %v", err)
	}
	return b.String()
}

// joined puts a Doc back together in document order.
func joined(d Doc) string {
	var b strings.Builder
	b.WriteString(string(d.Intro))
	for _, s := range d.Sections {
		b.WriteString(string(s.Heading))
		b.WriteString(string(s.Body))
	}
	return b.String()
}

func TestRenderSections(t *testing.T) {
	type sec struct {
		Title string
		Line  int
	}
	tests := []struct {
		name     string
		src      string
		intro    []string // substrings of Intro
		notIntro []string
		sections []sec
		bodies   [][]string // substrings of each section's Body
	}{
		{
			name:  "empty",
			src:   "",
			intro: nil,
		},
		{
			name: "only blank lines",
			src:  "\n\n  \n",
		},
		{
			name:  "intro only",
			src:   "Just a *narrative*.\n",
			intro: []string{"<p>Just a <em>narrative</em>.</p>"},
		},
		{
			name:     "two sections after an intro",
			src:      "Intro para.\n\n## Research\n\nCompares bikes.\n\n## Checkout\n\nPays.\n",
			intro:    []string{"<p>Intro para.</p>"},
			notIntro: []string{"Research", "Compares"},
			sections: []sec{{"Research", 3}, {"Checkout", 7}},
			bodies:   [][]string{{"<p>Compares bikes.</p>"}, {"<p>Pays.</p>"}},
		},
		{
			name:     "section first, no intro",
			src:      "## Research\ntext\n",
			sections: []sec{{"Research", 1}},
			bodies:   [][]string{{"<p>text</p>"}},
		},
		{
			name: "fenced code with a fake heading does not split or shift lines",
			src: "## Research\n\n```md\n## not a heading\n\n## nor this\n```\n\n" +
				"~~~\n## still code\n~~~\n\n## Checkout\n\nx\n",
			sections: []sec{{"Research", 1}, {"Checkout", 13}},
			bodies: [][]string{
				{"<pre><code class=\"language-md\">## not a heading\n\n## nor this\n</code></pre>", "## still code"},
				{"<p>x</p>"},
			},
		},
		{
			name:     "indented code with a fake heading",
			src:      "Intro\n\n    ## code\n\n## Real\n",
			intro:    []string{"<pre><code>## code\n</code></pre>"},
			sections: []sec{{"Real", 5}},
		},
		{
			name:  "h1 and h3 do not split",
			src:   "# Title\n\nText.\n\n### Detail\n\nMore.\n",
			intro: []string{"<h1 id=\"title\">Title</h1>", "<h3 id=\"detail\">Detail</h3>", "<p>More.</p>"},
		},
		{
			name:     "h3 stays inside its section",
			src:      "## Research\n\n### Online\n\nReads reviews.\n\n#### Deeper\n",
			sections: []sec{{"Research", 1}},
			bodies:   [][]string{{"<h3 id=\"online\">Online</h3>", "<p>Reads reviews.</p>", "<h4"}},
		},
		{
			name:     "a heading in a blockquote or list does not split",
			src:      "> ## quoted\n\n- ## listed\n",
			intro:    []string{"<blockquote>", "quoted", "listed"},
			sections: nil,
		},
		{
			name:     "setext level-2 heading splits",
			src:      "Intro\n\nResearch\n--------\n\nBody.\n",
			intro:    []string{"<p>Intro</p>"},
			sections: []sec{{"Research", 3}},
			bodies:   [][]string{{"<p>Body.</p>"}},
		},
		{
			name:     "heading title is plain text",
			src:      "## *Very* **bold** `code` and [a link](https://example.org)\n",
			sections: []sec{{"Very bold code and a link", 1}},
		},
		{
			name:     "closing hashes are not part of the title",
			src:      "## Research ##\n",
			sections: []sec{{"Research", 1}},
		},
		{
			name:     "CRLF line endings",
			src:      "Intro\r\n\r\n## Research\r\n\r\nText\r\n",
			intro:    []string{"<p>Intro</p>"},
			sections: []sec{{"Research", 3}},
			bodies:   [][]string{{"<p>Text</p>"}},
		},
		{
			name:     "empty heading still has its line",
			src:      "Intro\n\n##\n\nBody\n",
			intro:    []string{"<p>Intro</p>"},
			sections: []sec{{"", 3}},
			bodies:   [][]string{{"<p>Body</p>"}},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			if len(tt.intro) == 0 && strings.TrimSpace(tt.src) == "" && d.Intro != "" {
				t.Errorf("Intro = %q, want empty", d.Intro)
			}
			for _, want := range tt.intro {
				if !strings.Contains(string(d.Intro), want) {
					t.Errorf("Intro = %q, want it to contain %q", d.Intro, want)
				}
			}
			for _, not := range tt.notIntro {
				if strings.Contains(string(d.Intro), not) {
					t.Errorf("Intro = %q, should not contain %q", d.Intro, not)
				}
			}
			if len(d.Sections) != len(tt.sections) {
				t.Fatalf("got %d sections %+v, want %d", len(d.Sections), d.Sections, len(tt.sections))
			}
			for i, want := range tt.sections {
				got := d.Sections[i]
				if got.Title != want.Title || got.Line != want.Line {
					t.Errorf("section %d = {Title: %q, Line: %d}, want {%q, %d}", i, got.Title, got.Line, want.Title, want.Line)
				}
				if !strings.HasPrefix(string(got.Heading), "<h2") || !strings.HasSuffix(strings.TrimSpace(string(got.Heading)), "</h2>") {
					t.Errorf("section %d Heading = %q, want one <h2>", i, got.Heading)
				}
				if strings.Contains(string(got.Body), "<h2") {
					t.Errorf("section %d Body = %q holds another h2", i, got.Body)
				}
				if i < len(tt.bodies) {
					for _, sub := range tt.bodies[i] {
						if !strings.Contains(string(got.Body), sub) {
							t.Errorf("section %d Body = %q, want it to contain %q", i, got.Body, sub)
						}
					}
				}
			}
			// Cutting into sections loses and reorders nothing.
			if got, want := joined(d), full(t, r, []byte(tt.src)); got != want {
				t.Errorf("sections joined =\n%s\nwhole document =\n%s", got, want)
			}
		})
	}
}

func TestRenderHeadingHTML(t *testing.T) {
	r := New(Options{})
	d, err := r.Render([]byte("## Research *online*\n\nBody\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sections) != 1 {
		t.Fatalf("got %d sections", len(d.Sections))
	}
	const want = "<h2 id=\"research-online\">Research <em>online</em></h2>\n"
	if got := d.Sections[0].Heading; got != template.HTML(want) {
		t.Errorf("Heading = %q, want %q", got, want)
	}
	if got := d.Sections[0].Body; got != "<p>Body</p>\n" {
		t.Errorf("Body = %q", got)
	}
}

// TestRenderTitle checks that Title is the text a reader sees in the
// heading: the loader matches it against stage names.
func TestRenderTitle(t *testing.T) {
	tests := []struct{ src, want string }{
		{"## Research", "Research"},
		{"##   Research   ", "Research"},
		{"## *em* and `code`", "em and code"},
		{"## **Bold** _it_ ~~old~~", "Bold it old"},
		{"## [Link](https://example.org) text", "Link text"},
		{"## ![Bike](img/bike.png) Research", "Bike Research"},
		{"## Fish &amp; chips", "Fish & chips"},
		{"## Research &mdash; online", "Research — online"},
		{"## Caf&eacute; &#169; &#x263A;", "Café © ☺"},
		{"## Q\\&A", "Q&A"},
		{"## 1\\. Research", "1. Research"},
		{"## \\*not emphasis\\*", "*not emphasis*"},
		{"## `a &amp; b \\*`", "a &amp; b \\*"},
		{"## See <https://x.example/a>", "See https://x.example/a"},
		{"## Mail <cx@example.org>", "Mail cx@example.org"},
		{"## Visit www.example.com", "Visit www.example.com"},
		{"## <b>raw</b> html", "raw html"},
		{"Two\nlines\n---", "Two lines"},
		{"## Łukasz’s ☕ stage", "Łukasz’s ☕ stage"},
	}
	for _, unsafe := range []bool{false, true} {
		r := New(Options{Unsafe: unsafe})
		for _, tt := range tests {
			d, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatalf("Render(%q): %v", tt.src, err)
			}
			if len(d.Sections) != 1 {
				t.Errorf("Render(%q) (unsafe %v): %d sections, want 1", tt.src, unsafe, len(d.Sections))
				continue
			}
			if got := d.Sections[0].Title; got != tt.want {
				t.Errorf("Render(%q) (unsafe %v): Title = %q, want %q", tt.src, unsafe, got, tt.want)
			}
		}
	}
}

func TestRenderRawHTML(t *testing.T) {
	const src = "<script>alert(1)</script>\n\nHello <b onclick=\"steal()\">bold</b> <img src=x onerror=alert(2)>\n\n" +
		"## Stage\n\n<iframe src=\"https://evil.example\"></iframe>\n"
	tests := []struct {
		name    string
		opts    Options
		want    []string
		notWant []string
	}{
		{
			name:    "left out by default",
			opts:    Options{},
			want:    []string{"Hello", "bold"},
			notWant: []string{"<script", "alert(1)", "onclick", "<b ", "<img", "onerror", "<iframe"},
		},
		{
			name: "kept when unsafe",
			opts: Options{Unsafe: true},
			want: []string{"<script>alert(1)</script>", `<b onclick="steal()">bold</b>`, "<img src=x onerror=alert(2)>", `<iframe src="https://evil.example"></iframe>`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := New(tt.opts).Render([]byte(src))
			if err != nil {
				t.Fatal(err)
			}
			out := joined(d)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output %q lacks %q", out, w)
				}
			}
			for _, n := range tt.notWant {
				if strings.Contains(out, n) {
					t.Errorf("output %q contains %q", out, n)
				}
			}
			if len(d.Sections) != 1 || d.Sections[0].Title != "Stage" {
				t.Errorf("sections = %+v", d.Sections)
			}
		})
	}
}

var hrefRE = regexp.MustCompile(`(?i)(?:href|src)\s*=\s*"([^"]*)"`)

func TestRenderDangerousLinks(t *testing.T) {
	tests := []string{
		"[x](javascript:alert(1))",
		"[x](JavaScript:alert(1))",
		"[x]( javascript:alert(1) )",
		"<javascript:alert(1)>",
		"[x][ref]\n\n[ref]: javascript:alert(1)",
		"[x](vbscript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD4=)",
		"[x](file:///etc/passwd)",
		"![x](javascript:alert(1))",
		"## [x](javascript:alert(1))",
	}
	r := New(Options{})
	for _, src := range tests {
		d, err := r.Render([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Refused) != 1 {
			t.Errorf("Render(%q) refused %+v, want the one link reported", src, d.Refused)
		}
		out := joined(d)
		for _, m := range hrefRE.FindAllStringSubmatch(out, -1) {
			u := strings.ToLower(strings.TrimSpace(m[1]))
			for _, scheme := range []string{"javascript:", "vbscript:", "data:text", "file:"} {
				if strings.HasPrefix(u, scheme) {
					t.Errorf("Render(%q) = %q: link to %q", src, out, m[1])
				}
			}
		}
	}
	// Safe links stay.
	d, _ := r.Render([]byte("[a](https://example.org/x) [m](mailto:cx@example.org) [r](../personas/dana/)"))
	for _, want := range []string{`href="https://example.org/x"`, `href="mailto:cx@example.org"`, `href="../personas/dana/"`} {
		if !strings.Contains(string(d.Intro), want) {
			t.Errorf("Intro = %q lacks %s", d.Intro, want)
		}
	}
}

func TestRenderExtensions(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string
	}{
		{
			name: "table",
			src:  "| Stage | Score |\n|---|--:|\n| Research | 1 |\n| Checkout | -1 |\n",
			want: []string{"<table>", "<th>Stage</th>", `<th style="text-align:right">Score</th>`, "<td>Research</td>", `<td style="text-align:right">-1</td>`, "</table>"},
		},
		{
			name: "strikethrough",
			src:  "~~old~~ new",
			want: []string{"<del>old</del> new"},
		},
		{
			name: "task list",
			src:  "- [x] done\n- [ ] todo\n",
			want: []string{`<input checked="" disabled="" type="checkbox"`, `<input disabled="" type="checkbox"`},
		},
		{
			name: "autolink",
			src:  "see https://example.org/survey",
			want: []string{`<a href="https://example.org/survey">https://example.org/survey</a>`},
		},
		{
			name: "footnote",
			src:  "Most buyers hesitate.[^q3]\n\n[^q3]: Q3 buyer survey, n = 412.\n",
			want: []string{`href="#fn:1"`, `id="fn:1"`, "Q3 buyer survey, n = 412.", `class="footnotes"`},
		},
	}
	r := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := r.Render([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			out := joined(d)
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output %q lacks %q", out, w)
				}
			}
		})
	}
}

// TestRenderFootnoteAcrossSections: a footnote referenced in a section is
// listed once, after the last section, and its reference points at it.
func TestRenderFootnoteAcrossSections(t *testing.T) {
	src := "Intro.\n\n## Research\n\nCompares.[^a]\n\n## Checkout\n\nPays.\n\n[^a]: From interviews.\n"
	d, err := New(Options{}).Render([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Sections) != 2 {
		t.Fatalf("got %d sections", len(d.Sections))
	}
	if !strings.Contains(string(d.Sections[0].Body), `href="#fn:1"`) {
		t.Errorf("Research body = %q lacks the reference", d.Sections[0].Body)
	}
	if got := strings.Count(joined(d), `id="fn:1"`); got != 1 {
		t.Errorf("footnote listed %d times", got)
	}
	if !strings.Contains(string(d.Sections[1].Body), `id="fn:1"`) {
		t.Errorf("the footnote list should follow the last section, got %q", d.Sections[1].Body)
	}
}

func TestRenderConcurrent(t *testing.T) {
	r := New(Options{})
	src := []byte("Intro\n\n## A\n\nx[^1]\n\n## B\n\n| a |\n|---|\n| 1 |\n\n[^1]: n\n")
	want, err := r.Render(src)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan Doc)
	for range 8 {
		go func() {
			d, _ := r.Render(src)
			done <- d
		}()
	}
	for range 8 {
		if got := <-done; joined(got) != joined(want) {
			t.Errorf("concurrent render differs:\n%s\nwant\n%s", joined(got), joined(want))
		}
	}
}

func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"",
		"## Research\n\ntext",
		"Intro\n\n## A\n\n```\n## not\n```\n\n## B\n",
		"Setext\n---\n",
		"##\n",
		"## *a* `b` &amp; \\& <https://x.example>\n",
		"<script>alert(1)</script>\n\n## <b onclick=x>t</b>",
		"[x](javascript:alert(1))",
		"[a](//evil.example/b) ![i](<\\\\evil>) [h](https:) [m](mailto:) <JAVASCRIPT:x>",
		"[^n]\n\n[^n]: é [a](java&#9;script:x)\n\n- [b][r]\n\n[r]: /\\evil.example\n",
		"| a | b |\n|---|---|\n| 1 | 2 |",
		"x[^1]\n\n## S\n\n[^1]: note",
		"\r\n## A\r\n\r\n## B\r\n",
		"> ## q\n- ## l\n\n    ## code\n",
		"\x00## \xff\xfe\n",
		"## a\n## b\n## c\n",
		// Shapes that goldmark parses in super-linear time, at the limits.
		strings.Repeat("> ", 33) + "x",
		strings.Repeat("- ", 32) + "x",
		strings.Repeat("_a*", 200),
		"text\n" + strings.Repeat("2. _a*_a*\n", 100),
		strings.Repeat("[a](", 300),
		strings.Repeat("]([\n", 200),
		strings.Repeat("\\``", 300),
		"> ```\n" + strings.Repeat("*a_b*c_d**e_f*g**h*i_j**", 50),
		"| a |\n|---|\n| " + strings.Repeat("_a*", 100) + " |\n",
	} {
		f.Add([]byte(s))
	}
	safe, unsafe := New(Options{}), New(Options{Unsafe: true})
	f.Fuzz(func(t *testing.T, src []byte) {
		lines := bytes.Count(src, []byte{'\n'}) + 1
		for _, r := range []*Renderer{safe, unsafe} {
			d, err := r.Render(src)
			var le *LimitError
			if errors.As(err, &le) {
				if le.Line < 1 || le.Line > lines || le.Msg == "" || le.Hint == "" {
					t.Fatalf("LimitError = %+v, body has %d lines", le, lines)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Render: %v", err)
			}
			for i, l := range d.Refused {
				if l.Line < 1 || l.Line > lines || l.Col < 1 || l.Verdict.Allowed() || l.Verdict.Hint == "" ||
					i > 0 && (l.Line < d.Refused[i-1].Line || l.Line == d.Refused[i-1].Line && l.Col < d.Refused[i-1].Col) {
					t.Fatalf("Refused[%d] = %+v, body has %d lines", i, l, lines)
				}
			}
			prev := 0
			for _, s := range d.Sections {
				if s.Line < 1 || s.Line > lines {
					t.Fatalf("section %q at line %d, body has %d lines", s.Title, s.Line, lines)
				}
				if s.Line <= prev {
					t.Fatalf("section %q at line %d after one at line %d", s.Title, s.Line, prev)
				}
				prev = s.Line
				if !strings.HasPrefix(string(s.Heading), "<h2") {
					t.Fatalf("Heading = %q", s.Heading)
				}
			}
			if got, want := joined(d), full(t, r, src); got != want {
				t.Fatalf("sections joined =\n%q\nwhole document =\n%q", got, want)
			}
			if r == safe {
				out := strings.ToLower(joined(d))
				if strings.Contains(out, "<script") || strings.Contains(out, "<iframe") {
					t.Fatalf("raw HTML got through: %q", out)
				}
			}
		}
	})
}
