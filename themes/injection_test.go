package themes_test

import (
	"bytes"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/net/html"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/tomldoc"
	"github.com/waymark-cx/waymark/themes"
)

// payload is markup and script that must stay text wherever an author
// can put it. Each piece tries another way out: a script element, an
// event handler, breaking out of an attribute, a javascript: URL, SVG.
const payload = `<script>alert("s")</script><img src=x onerror=alert("i")>"'><svg onload=alert("v")>{{.}}&amp;`

// injectionSite carries the payload in every field a page shows: the
// site, a channel, a persona with its demographics, a journey with its
// tags, stages, touchpoints and evidence, and Markdown with raw HTML and
// links that try to leave their attribute. A javascript: link fails the
// build (TestInjectionLinksRefused), so no page would show it.
func injectionSite() fstest.MapFS {
	p := tomldoc.Quote(payload)
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"site.toml": file(`title = ` + p + `
description = ` + p + `

[[channels]]
id = "web"
name = ` + p + `
kind = "digital"
description = ` + p + `
`),
		"content/personas/eve.md": file(`+++
name = ` + p + `
role = ` + p + `
quote = ` + p + `
goals = [` + p + `]
pain_points = [` + p + `]
behaviors = [` + p + `]
motivations = [` + p + `]
channels = ["web"]
tags = [` + p + `]

[demographics]
` + tomldoc.Quote(payload) + ` = ` + p + `
+++

<script>alert("body")</script>

[a link](https://example.org/"onclick=alert("link")) and <img src=x onerror=alert("raw")>
`),
		"content/journeys/attack.md": file(`+++
title = ` + p + `
summary = ` + p + `
goal = ` + p + `
scenario = ` + p + `
owner = ` + p + `
version = ` + p + `
personas = ["eve"]
tags = [` + p + `]
status = "review"

[[stages]]
id = "stage-one"
name = ` + p + `
goal = ` + p + `
description = ` + p + `
doing = [` + p + `]
thinking = [` + p + `]
feeling = ` + p + `
emotion = -1
pain_points = [` + p + `]
opportunities = [` + p + `]
frontstage = [` + p + `]
backstage = [` + p + `]
kpis = [` + p + `]
moment_of_truth = true

  [[stages.touchpoints]]
  name = ` + p + `
  description = ` + p + `
  owner = ` + p + `
  channels = ["web"]
  emotion = -2

  [[stages.evidence]]
  kind = "interview"
  title = ` + p + `
  quote = ` + p + `
  n = 3
  url = "https://example.org/?q=<script>"
+++

Narrative <script>alert("narrative")</script> with [a link](<https://example.org/"><script>alert("narrative-link")</script>>).

## ` + payload + `

Notes for no stage, with <b onclick=alert("notes")>raw HTML</b>.
`),
		"content/journeys/child.md": file(`+++
title = ` + p + `
parent = "attack"

[[stages]]
name = ` + p + `
+++
`),
	}
}

// buildInjection builds the fixture into a folder.
func buildInjection(t *testing.T) string {
	t.Helper()
	dest := t.TempDir() + "/public"
	err := output.Publish(dest, false, func(target output.Target) error {
		_, diags, err := build.Build(build.Options{Root: injectionSite(), Builtin: themes.Default()}, target)
		if err == nil && len(diags) > 0 {
			return diags
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return dest
}

// javascript: links in the fixture's Markdown are errors at their
// file:line, and nothing is built.
func TestInjectionLinksRefused(t *testing.T) {
	fsys := injectionSite()
	for _, f := range []string{"content/personas/eve.md", "content/journeys/attack.md"} {
		fsys[f].Data = append(fsys[f].Data, "\n[a link](javascript:alert(\"link\"))\n"...)
	}
	target := output.NewMemory()
	_, diags, err := build.Build(build.Options{Root: fsys, Builtin: themes.Default()}, target)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`content/journeys/attack.md:49:1: link "javascript:alert(\"link\")" is not allowed`,
		`content/personas/eve.md:20:1: link "javascript:alert(\"link\")" is not allowed`,
	}
	if len(diags) != len(want) {
		t.Fatalf("diagnostics:\n%s\nwant %d", diags.Format(), len(want))
	}
	for i, d := range diags {
		if !strings.HasPrefix(d.String(), want[i]) {
			t.Errorf("diagnostic %d = %s, want %s…", i, d, want[i])
		}
	}
	if names := target.Names(); len(names) > 0 {
		t.Errorf("a build with refused links wrote %d files", len(names))
	}
}

// A static scan of every page and picture the fixture builds: no element
// carries an event handler, the only scripts are the theme's own file,
// no URL attribute holds javascript:, and the payload's markup never
// became elements.
func TestInjectionStatic(t *testing.T) {
	dest := buildInjection(t)
	fsys := os.DirFS(dest)
	pages := 0
	err := fsWalk(fsys, func(name string, data []byte) {
		ext := path.Ext(name)
		if ext != ".html" && ext != ".svg" {
			return
		}
		pages++
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		var walk func(*html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				for _, a := range n.Attr {
					if strings.HasPrefix(strings.ToLower(a.Key), "on") {
						t.Errorf("%s: <%s %s=%q>: an event handler", name, n.Data, a.Key, a.Val)
					}
					if v := strings.ToLower(strings.TrimSpace(a.Val)); (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "xlink:href") && strings.HasPrefix(v, "javascript:") {
						t.Errorf("%s: <%s %s=%q>: a javascript: URL", name, n.Data, a.Key, a.Val)
					}
				}
				switch n.Data {
				case "script":
					src := attr(n, "src")
					if src == "" || !strings.HasSuffix(src, "js/waymark.js") || n.FirstChild != nil {
						t.Errorf("%s: an unexpected <script src=%q>", name, src)
					}
				case "img", "iframe", "object", "embed":
					if src := attr(n, "src"); src == "x" {
						t.Errorf("%s: the payload's <%s> became an element", name, n.Data)
					}
				case "b":
					if attr(n, "onclick") != "" || strings.Contains(textOf(n), "raw HTML") {
						t.Errorf("%s: raw HTML from Markdown became an element", name)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc)
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 8 {
		t.Fatalf("scanned %d pages; the fixture should build more", pages)
	}
	// The payload is on the pages, as text.
	index, _ := os.ReadFile(dest + "/journeys/attack/index.html")
	if !bytes.Contains(index, []byte(`&lt;script&gt;alert(&#34;s&#34;)&lt;/script&gt;`)) {
		t.Error("the journey page does not show the payload as escaped text")
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// The fixture in a real browser: no dialog opens and no script fails on
// any page, and the payload is shown literally.
func TestInjectionInBrowser(t *testing.T) {
	h := setup(t)
	dest := buildInjection(t)
	files := http.FileServerFS(os.DirFS(dest))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			// Asked for by the browser itself on the bare SVG picture.
			w.WriteHeader(http.StatusNoContent)
			return
		}
		if _, err := fs.Stat(os.DirFS(dest), strings.TrimSuffix(strings.TrimPrefix(r.URL.Path, "/"), "/")); err != nil && r.URL.Path != "/" {
			t.Errorf("not found: %s (from %s)", r.URL.Path, r.Referer())
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	ctx := h.tab(t)
	var mu sync.Mutex
	var dialogs []string
	opened := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for d, err := range opened {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, d.Message)
			mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	for _, p := range []string{"", "journeys/attack/", "journeys/child/", "personas/eve/", "channels/", "channels/web/", "journeys/attack/map.svg", "404.html"} {
		do(t, ctx, chromedp.Navigate(srv.URL+"/"+p), chromedp.WaitReady(":root"))
		if strings.HasSuffix(p, ".svg") {
			continue
		}
		text := eval[string](t, ctx, `document.body.innerText`)
		if !strings.Contains(text, `<script>alert("s")</script>`) {
			t.Errorf("/%s does not show the payload as text", p)
		}
	}
	do(t, ctx, chromedp.Navigate(srv.URL+"/journeys/attack/#stage-stage-one"), chromedp.WaitVisible("[data-controls]"))
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("script from content ran: dialogs %q", dialogs)
	}
}

// fsWalk calls fn with every file of fsys.
func fsWalk(fsys fs.FS, fn func(name string, data []byte)) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		fn(p, data)
		return nil
	})
}
