package build

import (
	"bytes"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// TestExampleSiteLinksResolve follows every href and src in every page of
// the example site, built for a server's root and for a sub-path: each
// internal link must name a file the build wrote, and each #fragment an
// id on the page it points to. (From disk, file://, the theme's script
// points folder links at index.html; themes/file_test.go follows those in
// a browser.)
func TestExampleSiteLinksResolve(t *testing.T) {
	for _, tc := range []struct{ baseURL, basePath string }{
		{"", "/cx/maps/"}, // site.toml's base_url
		{"https://maps.intranet.example/", "/"},
		{"https://intranet.example/teams/cx/journey-maps", "/teams/cx/journey-maps/"},
	} {
		t.Run(tc.basePath, func(t *testing.T) { checkLinks(t, exampleSite(), tc.baseURL, tc.basePath) })
	}
}

// TestPaginatedLinksResolve checks the links of the example site with two
// journeys to a list page, so that the index, /channels/, the channel
// pages and a persona's each run to several pages and every pager link
// is followed.
func TestPaginatedLinksResolve(t *testing.T) {
	config, err := fs.ReadFile(exampleSite(), "site.toml")
	if err != nil {
		t.Fatal(err)
	}
	site := overlay{exampleSite(), fstest.MapFS{
		"site.toml": {Data: append(config, "\n[pagination]\nper_page = 2\n"...)},
	}}
	pages := checkLinks(t, site, "", "/cx/maps/")
	for _, want := range []string{"page/2/index.html", "page/3/index.html", "channels/page/3/index.html", "channels/web/page/2/index.html", "personas/dana-ortiz/page/2/index.html"} {
		if !pages[want] {
			t.Errorf("no %s among the pages", want)
		}
	}
	if pages["page/4/index.html"] {
		t.Errorf("page/4/ written for 6 journeys at 2 a page")
	}
}

func exampleSite() fs.FS { return os.DirFS(filepath.Join("..", "..")) }

// overlay is a site whose files replace those of the same name in FS.
type overlay struct {
	fs.FS
	files fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	return o.FS.Open(name)
}

// checkLinks builds the site at root and follows its links; it returns
// the pages it read.
func checkLinks(t *testing.T, root fs.FS, baseURL, basePath string) map[string]bool {
	mem := output.NewMemory()
	_, diags, err := Build(Options{Root: root, Builtin: themes.Default(), BaseURL: baseURL}, mem)
	if err != nil || len(diags) > 0 {
		t.Fatalf("err %v, diagnostics:\n%s", err, diags.Format())
	}

	ids := map[string]map[string]bool{} // page → ids on it
	pages := map[string]bool{}
	type link struct{ page, ref string }
	var links []link
	for _, name := range mem.Names() {
		if path.Ext(name) != ".html" {
			continue
		}
		data, _ := mem.File(name)
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ids[name] = map[string]bool{}
		pages[name] = true
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if ids[name][a.Val] {
						t.Errorf("%s: duplicate id %q", name, a.Val)
					}
					ids[name][a.Val] = true
				case a.Key == "href" || a.Key == "src":
					links = append(links, link{name, a.Val})
				}
			}
		}
	}
	checked := 0
	for _, l := range links {
		u, err := url.Parse(l.ref)
		if err != nil {
			t.Errorf("%s: bad URL %q", l.page, l.ref)
			continue
		}
		if strings.HasPrefix(l.page, "404") && u.Path != "" && !strings.HasPrefix(u.Path, basePath) {
			t.Errorf("%s: link %q does not start with the base path %s", l.page, l.ref, basePath)
		}
		if u.Scheme != "" || u.Host != "" {
			if u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto" {
				t.Errorf("%s: link %q has scheme %q", l.page, l.ref, u.Scheme)
			}
			continue // outside the site
		}
		target := l.page
		if u.Path != "" {
			if strings.HasPrefix(u.Path, "/") {
				if !strings.HasPrefix(u.Path, basePath) {
					t.Errorf("%s: absolute link %q is outside the base path %s", l.page, l.ref, basePath)
					continue
				}
				target = strings.TrimPrefix(u.Path, basePath)
			} else {
				target = path.Join(path.Dir(l.page), u.Path)
				if strings.HasSuffix(u.Path, "/") || u.Path == "." {
					target += "/"
				}
			}
			if target == "." || target == "./" || target == "" {
				target = "index.html"
			} else if strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if strings.HasPrefix(target, "../") {
				t.Errorf("%s: link %q leaves the site", l.page, l.ref)
				continue
			}
		}
		if _, ok := mem.File(target); !ok {
			t.Errorf("%s: link %q → %s, which was not written", l.page, l.ref, target)
			continue
		}
		if u.Fragment != "" && path.Ext(target) == ".html" && !ids[target][u.Fragment] {
			t.Errorf("%s: link %q → no id %q on %s", l.page, l.ref, u.Fragment, target)
		}
		checked++
	}
	if checked < 100 {
		t.Errorf("only %d internal links checked; the example site should have hundreds", checked)
	}
	return pages
}
