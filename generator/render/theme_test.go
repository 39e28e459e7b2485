package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"reflect"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// addTheme puts a minimal but complete set of layouts under dir (""
// for a theme FS of its own), each page writing "<tag>:<kind>".
func addTheme(fsys fstest.MapFS, dir, tag string) fstest.MapFS {
	p := func(name string) string {
		if dir == "" {
			return name
		}
		return dir + "/" + name
	}
	fsys[p("layouts/base.html")] = &fstest.MapFile{Data: []byte(
		`<html><link href="{{.Rel "css/site.css"}}">{{block "main" .}}no main{{end}}{{template "foot" .}}</html>`)}
	fsys[p("layouts/partials.html")] = &fstest.MapFile{Data: []byte(`{{define "foot"}}<footer>` + tag + `</footer>{{end}}`)}
	for _, kind := range pageLayouts {
		fsys[p("layouts/"+kind+".html")] = &fstest.MapFile{Data: []byte(
			`{{define "main"}}<main>` + tag + `:` + kind + ` {{.Title}}</main>{{end}}`)}
	}
	return fsys
}

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

// execute renders one page kind with the theme's templates.
func execute(t *testing.T, tmpls map[string]*template.Template, kind string, p *pagedata.Page) string {
	t.Helper()
	var b bytes.Buffer
	if err := tmpls[kind].ExecuteTemplate(&b, baseLayout, Dot{Page: p}); err != nil {
		t.Fatalf("executing %s: %v", kind, err)
	}
	return b.String()
}

func TestOpenTheme(t *testing.T) {
	builtin := addTheme(fstest.MapFS{}, "", "builtin")
	tests := []struct {
		name    string
		site    fstest.MapFS
		theme   string
		builtin fs.FS
		wantDir string
		wantTag string // which copy of the layouts the theme's FS holds
		wantErr string
	}{
		{
			name:    "a theme under themes/",
			site:    addTheme(fstest.MapFS{"site.toml": file("")}, "themes/harbour", "harbour"),
			theme:   "harbour",
			builtin: builtin,
			wantDir: "themes/harbour",
			wantTag: "harbour",
		},
		{
			name:    "themes/default in the site wins over the builtin",
			site:    addTheme(fstest.MapFS{}, "themes/default", "site-default"),
			theme:   "default",
			builtin: builtin,
			wantDir: "themes/default",
			wantTag: "site-default",
		},
		{
			name:    "default falls back to the builtin",
			site:    fstest.MapFS{"site.toml": file("")},
			theme:   "default",
			builtin: builtin,
			wantDir: "(built-in default theme)",
			wantTag: "builtin",
		},
		{
			name:    "other theme missing",
			site:    addTheme(fstest.MapFS{}, "themes/harbour", "harbour"),
			theme:   "x",
			builtin: builtin,
			wantErr: `theme "x" not found`,
		},
		{
			name:    "no builtin",
			site:    fstest.MapFS{},
			theme:   "default",
			builtin: nil,
			wantErr: `theme "default" not found`,
		},
		{
			name:    "a file is not a theme",
			site:    fstest.MapFS{"themes/x": file("not a folder")},
			theme:   "x",
			builtin: builtin,
			wantErr: `theme "x" not found`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, errs := OpenTheme(tt.site, tt.theme, tt.builtin)
			if tt.wantErr != "" {
				if th != nil || len(errs) != 1 {
					t.Fatalf("OpenTheme = %v, %v; want one diagnostic", th, errs)
				}
				d := errs[0]
				if d.Pos.File != "site.toml" || d.Msg != tt.wantErr {
					t.Errorf("diagnostic = %q at %q, want %q at site.toml", d.Msg, d.Pos.File, tt.wantErr)
				}
				if !strings.Contains(d.Hint, "themes/"+tt.theme+"/") {
					t.Errorf("hint %q does not say where the theme goes", d.Hint)
				}
				return
			}
			if len(errs) > 0 || th == nil {
				t.Fatalf("OpenTheme: %v", errs)
			}
			if th.Name != tt.theme || th.Dir != tt.wantDir {
				t.Errorf("theme = {Name: %q, Dir: %q}, want {%q, %q}", th.Name, th.Dir, tt.theme, tt.wantDir)
			}
			src, err := fs.ReadFile(th.FS, "layouts/partials.html")
			if err != nil || !strings.Contains(string(src), ">"+tt.wantTag+"<") {
				t.Errorf("theme FS holds %q (%v), want the %s layouts", src, err, tt.wantTag)
			}
		})
	}
}

func TestThemeSiteLayoutsOverride(t *testing.T) {
	site := addTheme(fstest.MapFS{}, "themes/harbour", "theme")
	site["layouts/index.html"] = file(`{{define "main"}}<main>site:index</main>{{end}}`)
	site["layouts/partials.html"] = file(`{{define "foot"}}<footer>site</footer>{{end}}`)
	th, errs := OpenTheme(site, "harbour", nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	tmpls, errs := th.templates(funcs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	s := &content.Site{Config: &config.Config{Title: "Maps"}}
	tests := []struct {
		kind pagedata.Kind
		want []string
	}{
		{"index", []string{"<main>site:index</main>", "<footer>site</footer>"}},
		{"journey", []string{"<main>theme:journey Buy</main>", "<footer>site</footer>"}},
		{"404", []string{"<main>theme:404 </main>", `href="/css/site.css"`}},
	}
	for _, tt := range tests {
		p := &pagedata.Page{Site: s, Kind: tt.kind}
		if tt.kind == "journey" {
			p.Title, p.URL = "Buy", "journeys/buy/"
		}
		got := execute(t, tmpls, string(tt.kind), p)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s renders %q, want %q", tt.kind, got, w)
			}
		}
	}
}

func TestThemeLayoutDiagnostics(t *testing.T) {
	const broken = `{{define "main"}}{{.Title}{{end}}`
	tests := []struct {
		name    string
		change  func(site, builtin fstest.MapFS)
		theme   string
		want    []string // files named by the diagnostics, sorted
		wantMsg string
	}{
		{
			name:   "syntax error in a theme's page layout",
			change: func(site, _ fstest.MapFS) { site["themes/t/layouts/journey.html"] = file(broken) },
			theme:  "t",
			want:   []string{"themes/t/layouts/journey.html"},
		},
		{
			name:   "syntax error in the site's own layout",
			change: func(site, _ fstest.MapFS) { site["layouts/persona.html"] = file(broken) },
			theme:  "t",
			want:   []string{"layouts/persona.html"},
		},
		{
			name:   "syntax error in base.html stops there",
			change: func(site, _ fstest.MapFS) { site["themes/t/layouts/base.html"] = file(`{{block "main" .}}`) },
			theme:  "t",
			want:   []string{"themes/t/layouts/base.html"},
		},
		{
			name:   "syntax error in partials.html",
			change: func(site, _ fstest.MapFS) { site["themes/t/layouts/partials.html"] = file(`{{define "foot"}}`) },
			theme:  "t",
			want:   []string{"themes/t/layouts/partials.html"},
		},
		{
			name:   "syntax error in the builtin theme",
			change: func(_, builtin fstest.MapFS) { builtin["layouts/index.html"] = file(broken) },
			theme:  "default",
			want:   []string{"(built-in default theme)/layouts/index.html"},
		},
		{
			name: "a site's good copy hides the theme's broken one",
			change: func(site, _ fstest.MapFS) {
				site["themes/t/layouts/channels.html"] = file(broken)
				site["layouts/channels.html"] = file(`ok`)
			},
			theme: "t",
			want:  nil,
		},
		{
			name: "every broken layout is reported",
			change: func(site, _ fstest.MapFS) {
				site["themes/t/layouts/index.html"] = file(broken)
				site["layouts/404.html"] = file(`{{if}}`)
			},
			theme: "t",
			want:  []string{"layouts/404.html", "themes/t/layouts/index.html"},
		},
		{
			name:    "missing layout",
			change:  func(site, _ fstest.MapFS) { delete(site, "themes/t/layouts/channel.html") },
			theme:   "t",
			want:    []string{"themes/t/layouts/channel.html"},
			wantMsg: "cannot read layout",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			site := addTheme(fstest.MapFS{}, "themes/t", "t")
			builtin := addTheme(fstest.MapFS{}, "", "builtin")
			tt.change(site, builtin)
			th, errs := OpenTheme(site, tt.theme, builtin)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			r, errs := New(th)
			var files []string
			for _, d := range errs {
				files = append(files, d.Pos.File)
				if tt.wantMsg != "" && !strings.Contains(d.Msg, tt.wantMsg) {
					t.Errorf("diagnostic %q, want it to say %q", d.Msg, tt.wantMsg)
				}
				if tt.wantMsg == "" && !strings.Contains(d.Msg, "template:") {
					t.Errorf("diagnostic %q does not carry the template error", d.Msg)
				}
			}
			sort.Strings(files)
			if !reflect.DeepEqual(files, tt.want) {
				t.Errorf("diagnostics name %q, want %q (%v)", files, tt.want, errs)
			}
			if (r == nil) != (len(tt.want) > 0) {
				t.Errorf("New returned renderer %v with %d diagnostics", r, len(errs))
			}
		})
	}
}

func TestThemeStaticFiles(t *testing.T) {
	tests := []struct {
		name string
		site fstest.MapFS
		want map[string]string // path → contents
	}{
		{
			name: "site files win, others merge",
			site: fstest.MapFS{
				"themes/t/static/css/waymark.css": file("theme css"),
				"themes/t/static/js/waymark.js":   file("theme js"),
				"themes/t/static/favicon.svg":     file("theme icon"),
				"static/css/waymark.css":          file("site css"),
				"static/img/dana.jpg":             file("site photo"),
			},
			want: map[string]string{
				"static/css/waymark.css": "site css",
				"static/js/waymark.js":   "theme js",
				"static/favicon.svg":     "theme icon",
				"static/img/dana.jpg":    "site photo",
			},
		},
		{
			name: "no site static",
			site: fstest.MapFS{"themes/t/static/css/waymark.css": file("theme css")},
			want: map[string]string{"static/css/waymark.css": "theme css"},
		},
		{
			name: "no theme static",
			site: fstest.MapFS{"themes/t/layouts/base.html": file(""), "static/robots.txt": file("site")},
			want: map[string]string{"static/robots.txt": "site"},
		},
		{
			name: "no static anywhere",
			site: fstest.MapFS{"themes/t/layouts/base.html": file("")},
			want: map[string]string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th, errs := OpenTheme(tt.site, "t", nil)
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			files, err := th.StaticFiles()
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for p, fsys := range files {
				data, err := fs.ReadFile(fsys, p)
				if err != nil {
					t.Fatalf("reading %s: %v", p, err)
				}
				got[p] = string(data)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("static files = %v, want %v", got, tt.want)
			}
			paths := sortedPaths(files)
			if !sort.StringsAreSorted(paths) || len(paths) != len(tt.want) {
				t.Errorf("sortedPaths = %q", paths)
			}
		})
	}
}

// A symbolic link under static/ to a file is copied as the file; one to a
// folder is not followed (it may lead back to its own parent), and the
// error says so rather than "is a directory".
func TestThemeStaticSymlinks(t *testing.T) {
	link := func(target string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
	}
	site := fstest.MapFS{
		"themes/t/layouts/base.html": file(""),
		"shared/logo.svg":            file("logo"),
		"static/logo.svg":            link("../shared/logo.svg"),
	}
	th, _ := OpenTheme(site, "t", nil)
	files, err := th.StaticFiles()
	if err != nil {
		t.Fatal(err)
	}
	if data, err := fs.ReadFile(files["static/logo.svg"], "static/logo.svg"); string(data) != "logo" {
		t.Errorf("linked file read as %q, %v", data, err)
	}
	for _, target := range []string{"..", "../shared", "."} {
		site["static/img"] = link(target)
		_, err := th.StaticFiles()
		if err == nil || !strings.Contains(err.Error(), "static/img is a symbolic link to a folder") {
			t.Errorf("link to %q: err = %v", target, err)
		}
	}
}
