package build

import (
	"errors"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/content/contenttest"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/render"
)

// testTheme puts a minimal but complete set of layouts under dir, each
// page writing "<tag>:<kind>". (render's tests have the same theme.)
func testTheme(fsys fstest.MapFS, dir, tag string) fstest.MapFS {
	fsys[dir+"/layouts/base.html"] = file(`<html><link href="{{.Rel "css/site.css"}}">{{block "main" .}}no main{{end}}{{template "foot" .}}</html>`)
	fsys[dir+"/layouts/partials.html"] = file(`{{define "foot"}}<footer>` + tag + `</footer>{{end}}`)
	for _, kind := range pagedata.Layouts {
		fsys[dir+"/layouts/"+string(kind)+".html"] = file(`{{define "main"}}<main>` + tag + `:` + string(kind) + ` {{.Title}}</main>{{end}}`)
	}
	return fsys
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// pipelineFor opens the theme named name in site and makes a pipeline.
func pipelineFor(t *testing.T, site fstest.MapFS, name string, oneOff bool) *Pipeline {
	t.Helper()
	th, errs := render.OpenTheme(site, name, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	pl, errs := NewPipeline(th, time.Now(), oneOff)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return pl
}

// renderSite renders every page of site, then its static files, as a
// full build does.
func renderSite(pl *Pipeline, site *content.Site, emit render.Emit) error {
	if err := pl.Render(runtime.GOMAXPROCS(0), pl.Pages(site), emit); err != nil {
		return err
	}
	return pl.Static(emit)
}

func TestRenderPages(t *testing.T) {
	site := testTheme(fstest.MapFS{}, "themes/t", "t")
	site["themes/t/static/css/site.css"] = file("body{}")
	site["static/img/dana.jpg"] = file("jpeg")
	f := contenttest.NewFixture()
	f.Cfg.BaseURL = "https://intranet.example/cx/maps/"
	f.Buy.Title = "Buy <b>now</b>"
	pl := pipelineFor(t, site, "t", false)
	out := map[string]string{}
	var order []string
	var mu sync.Mutex // pages are emitted from every core
	err := renderSite(pl, f.Site, func(p string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, dup := out[p]; dup {
			t.Errorf("%s emitted twice", p)
		}
		out[p] = string(data)
		order = append(order, p)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for p := range out {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	want := []string{
		"404.html",
		"channels/app/index.html", "channels/chat/index.html", "channels/email/index.html",
		"channels/index.html", "channels/matrix.csv", "channels/phone/index.html", "channels/store/index.html", "channels/web/index.html",
		"css/site.css", "img/dana.jpg",
		"index.html", "index.json",
		"journeys/browse/index.html", "journeys/browse/map.json", "journeys/browse/map.mmd",
		"journeys/buy/index.html", "journeys/buy/map.json", "journeys/buy/map.mmd",
		"journeys/return/index.html", "journeys/return/map.json", "journeys/return/map.mmd",
		"js/search-index.js",
		"personas/dana/index.html", "personas/eli/index.html",
	}
	if !reflect.DeepEqual(paths, want) {
		t.Errorf("emitted %q,\nwant %q", paths, want)
	}
	checks := []struct{ path, want string }{
		{"index.html", `<main>t:index </main>`},
		{"index.html", `href="css/site.css"`},
		{"channels/index.html", `href="../css/site.css"`},
		{"channels/web/index.html", `<main>t:channel Website</main>`},
		{"personas/dana/index.html", `<main>t:persona Dana Ortiz</main>`},
		{"journeys/buy/index.html", `<main>t:journey Buy &lt;b&gt;now&lt;/b&gt;</main>`},
		{"journeys/buy/index.html", `href="../../css/site.css"`},
		{"404.html", `href="/cx/maps/css/site.css"`},
		{"css/site.css", "body{}"},
		{"img/dana.jpg", "jpeg"},
	}
	for _, c := range checks {
		if !strings.Contains(out[c.path], c.want) {
			t.Errorf("%s = %q, want it to contain %q", c.path, out[c.path], c.want)
		}
	}
	// Pages come first, static files last.
	if n := len(order); n < 2 || order[n-2] != "css/site.css" || order[n-1] != "img/dana.jpg" {
		t.Errorf("emit order %q", order)
	}
}

func TestRenderErrors(t *testing.T) {
	t.Run("emit error stops the render", func(t *testing.T) {
		site := testTheme(fstest.MapFS{}, "themes/t", "t")
		pl := pipelineFor(t, site, "t", false)
		full := errors.New("disk full")
		var calls atomic.Int32
		err := renderSite(pl, contenttest.NewFixture().Site, func(p string, _ []byte) error {
			if calls.Add(1) == 3 {
				return full
			}
			return nil
		})
		// Pages render on every core, so a few may finish after the
		// failure; but the render stops, and static files never come.
		if n := calls.Load(); !errors.Is(err, full) || n < 3 || int(n) > 3+runtime.GOMAXPROCS(0) {
			t.Errorf("Render = %v after %d emits, want %v after 3 and a few more at most", err, n, full)
		}
	})
	t.Run("template execution error names the page", func(t *testing.T) {
		site := testTheme(fstest.MapFS{}, "themes/t", "t")
		site["layouts/journey.html"] = file(`{{define "main"}}{{.NoSuchField}}{{end}}`)
		pl := pipelineFor(t, site, "t", false)
		err := renderSite(pl, contenttest.NewFixture().Site, func(string, []byte) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "journeys/") || !strings.Contains(err.Error(), "NoSuchField") {
			t.Errorf("Render = %v, want an error naming the journey page and the field", err)
		}
	})
}

// A journey with no stages, a persona with no journeys and a site without
// channels all render.
func TestRenderSparseSite(t *testing.T) {
	site := testTheme(fstest.MapFS{}, "themes/t", "t")
	site["themes/t/layouts/journey.html"] = file(`{{define "main"}}{{.Curve.Path}}|{{len .Matrix.Groups}}|{{range laneList .Journey}}{{.ID}}{{end}}|{{with sparkline .Journey.Stages}}{{.Width}}{{end}}{{end}}`)
	pl := pipelineFor(t, site, "t", false)
	s := &content.Site{Config: contenttest.NewFixture().Cfg}
	s.Config.Channels = nil
	s.Journeys = []*content.Journey{{Slug: "empty", Title: "Empty"}}
	s.Personas = []*content.Persona{{Slug: "p", Name: "P"}}
	out := map[string]string{}
	var mu sync.Mutex
	emit := func(p string, d []byte) error { mu.Lock(); out[p] = string(d); mu.Unlock(); return nil }
	if err := renderSite(pl, s, emit); err != nil {
		t.Fatal(err)
	}
	if got := out["journeys/empty/index.html"]; !strings.Contains(got, "|0||140") {
		t.Errorf("empty journey renders %q", got)
	}
}

// TestKeepFragments renders a site whose index lists its journeys through
// CachedEach twice, with a journey's title changed in between. A pipeline
// that keeps fragments shows the rows and export pieces it kept until it
// is told the journey's file changed (Forget); a one-off one keeps
// nothing, and its pages are those of the first render.
func TestKeepFragments(t *testing.T) {
	site := testTheme(fstest.MapFS{}, "themes/t", "t")
	site["themes/t/layouts/index.html"] = file(`{{define "main"}}<ul>{{.CachedEach "card" .Pager.Items}}</ul>{{end}}`)
	site["themes/t/layouts/partials.html"] = file(`{{define "foot"}}{{end}}{{define "card"}}<li><a href="{{.Page.Rel .Journey.URL}}">{{.Journey.Title}}</a></li>{{end}}`)
	kept := func(pl *Pipeline, f *contenttest.Fixture) (index, json string) {
		var mu sync.Mutex
		err := renderSite(pl, f.Site, func(p string, data []byte) error {
			mu.Lock()
			defer mu.Unlock()
			switch p {
			case "index.html":
				index = string(data)
			case pagedata.IndexJSON:
				json = string(data)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return index, json
	}
	for _, oneOff := range []bool{false, true} {
		f := contenttest.NewFixture()
		f.Buy.File = "content/journeys/buy.md"
		pl := pipelineFor(t, site, "t", oneOff)
		index, json := kept(pl, f)
		if !strings.Contains(index, ">Buy<") || !strings.Contains(json, `"title":"Buy"`) {
			t.Fatalf("first render: index %q, index.json %q", index, json)
		}
		f.Buy.Title = "Purchase"
		index, json = kept(pl, f)
		if got, want := strings.Contains(index, ">Purchase<"), oneOff; got != want {
			t.Errorf("one-off %v: index shows the new title: %v, want %v\n%s", oneOff, got, want, index)
		}
		if got, want := strings.Contains(json, `"title":"Purchase"`), oneOff; got != want {
			t.Errorf("one-off %v: index.json shows the new title: %v, want %v", oneOff, got, want)
		}
		pl.Forget(func(file string) bool { return file == f.Buy.File })
		index, json = kept(pl, f)
		if !strings.Contains(index, ">Purchase<") || !strings.Contains(json, `"title":"Purchase"`) {
			t.Errorf("one-off %v: after Forget, index %q, index.json %q", oneOff, index, json)
		}
	}
}
