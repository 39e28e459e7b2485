package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// personaSite is a site whose one persona is in five journeys, two a
// list page: three maps of today, a planned one and a draft. Journey
// "Alpha" has five pain points, the lowest-rated stage's last in the map.
func personaSite() map[string]string {
	journey := func(title, extra string) string {
		return "+++\ntitle = \"" + title + "\"\npersonas = [\"ana\"]\n" + extra + "\n[[stages]]\nname = \"Look\"\nemotion = 1\n+++\n"
	}
	return map[string]string{
		"site.toml": "title = \"Maps\"\n\n[build]\ndrafts = true\n\n[pagination]\nper_page = 2\n\n" +
			"[[channels]]\nid = \"web\"\nname = \"Website\"\nkind = \"digital\"\n",
		"content/personas/ana.md": "+++\nname = \"Ana\"\nquote = \"Just tell me when.\"\n+++\nAna rides to work.\n",
		"content/journeys/alpha.md": "+++\ntitle = \"Alpha\"\npersonas = [\"ana\"]\n\n" +
			"[[stages]]\nname = \"Look\"\nemotion = 1\npain_points = [\"y1\", \"y2\", \"y3\", \"y4\"]\n\n" +
			"[[stages]]\nname = \"Pay\"\nemotion = -2\npain_points = [\"x1\"]\n+++\n",
		"content/journeys/bravo.md":   journey("Bravo", ""),
		"content/journeys/charlie.md": journey("Charlie", ""),
		"content/journeys/delta.md":   journey("Delta", "state = \"future\"\ncurrent = \"alpha\""),
		"content/journeys/echo.md":    journey("Echo", "status = \"draft\""),
	}
}

// A persona's journeys are paged as the index's are: the maps of today
// first, then the plans and the drafts, each under its heading on the
// page it falls on; the profile on the first page only. A rebuild after
// journeys are deleted removes the pages the list no longer takes.
func TestBuildPagesAPersonasJourneys(t *testing.T) {
	site := writeSite(t, personaSite())
	dest := filepath.Join(t.TempDir(), "out")
	build := func() {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"build", "-s", site, "-d", dest}, &stdout, &stderr); code != 0 {
			t.Fatalf("build: exit %d: %s", code, &stderr)
		}
	}
	page := func(rel string) string {
		t.Helper()
		data, err := os.ReadFile(filepath.Join(dest, "personas", "ana", filepath.FromSlash(rel), "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	check := func(name, html string, want, not []string) {
		t.Helper()
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: no %q", name, w)
			}
		}
		for _, n := range not {
			if strings.Contains(html, n) {
				t.Errorf("%s: %q", name, n)
			}
		}
	}
	build()
	check("page 1", page("."), []string{
		"<title>Ana · Maps</title>", "Just tell me when.", "Ana rides to work.",
		"Journeys 1–2 of 5", ">Alpha</a>", ">Bravo</a>",
		// The lowest stage's pain point first, three, then the rest.
		`<li>x1 <small>· Pay</small></li><li>y1 <small>· Look</small></li><li>y2 <small>· Look</small></li><li class="muted"><a href="../../journeys/alpha/">and 2 more</a></li>`,
		`<a href="../../personas/ana/page/2/" rel="next">`, `<a href="../../personas/ana/page/3/"><span class="visually-hidden">Page </span>3</a>`,
	}, []string{">Charlie</a>", "Planned journeys", "y3"})
	check("page 2", page("page/2"), []string{
		"<title>Page 2 of 3 · Ana · Maps</title>", "Journeys 3–4 of 5",
		`<h2 id="pj-title">Journeys</h2>`, ">Charlie</a>", "Planned journeys", ">Delta</a>",
		`<a href="../../../../personas/ana/" rel="prev">`, `<a href="../../../../personas/ana/page/3/" rel="next">`, `href="../../../../css/waymark.css"`,
	}, []string{"Just tell me when.", "Ana rides to work.", ">Alpha</a>", "Drafts"})
	check("page 3", page("page/3"), []string{"Journeys 5–5 of 5", "<h2 id=\"pj-drafts-title\">Drafts</h2>", ">Echo</a>"},
		[]string{`id="pj-title"`, "Planned journeys", `rel="next"`})

	for _, name := range []string{"bravo", "echo"} {
		if err := os.Remove(filepath.Join(site, "content", "journeys", name+".md")); err != nil {
			t.Fatal(err)
		}
	}
	build()
	check("page 1, rebuilt", page("."), []string{">Alpha</a>", ">Charlie</a>", "Journeys 1–2 of 3"}, []string{">Bravo</a>", "page/3/"})
	check("page 2, rebuilt", page("page/2"), []string{"<title>Page 2 of 2 · Ana · Maps</title>", ">Delta</a>"}, []string{">Charlie</a>", "Drafts"})
	if _, err := os.Stat(filepath.Join(dest, "personas", "ana", "page", "3")); !os.IsNotExist(err) {
		t.Errorf("personas/ana/page/3/ is still there: %v", err)
	}
}
