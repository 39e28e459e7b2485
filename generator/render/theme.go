package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"

	"github.com/waymark-cx/waymark/generator/diag"
)

// Theme is where a site's templates and static files come from, in layers:
// the site's own layouts/ and static/ win over the theme's, file by file.
type Theme struct {
	Name string
	// Dir names the theme in diagnostics: "themes/<name>", or "(built-in
	// default theme)".
	Dir string
	FS  fs.FS // holds layouts/ and static/

	site fs.FS // the site root, for its layouts/ and static/
}

// The page kinds, each rendered by layouts/<kind>.html together with
// layouts/base.html (the page frame) and layouts/partials.html (shared
// pieces). That is the one layout rule; a site overrides any of these
// files by putting its own under layouts/.
var pageLayouts = []string{"index", "journey", "persona", "channels", "channel", "404"}

const (
	mapLayout      = "map.svg" // optional: each journey as a standalone SVG
	mapKind        = "map"
	baseLayout     = "base.html"
	partialsLayout = "partials.html"
)

// OpenTheme finds the named theme: themes/<name>/ under the site root, or
// else, for "default", the theme built into the binary.
func OpenTheme(site fs.FS, name string, builtin fs.FS) (*Theme, diag.List) {
	var errs diag.List
	dir := path.Join("themes", name)
	if st, err := fs.Stat(site, dir); err == nil && st.IsDir() {
		sub, _ := fs.Sub(site, dir)
		return &Theme{Name: name, Dir: dir, FS: sub, site: site}, nil
	}
	if name == "default" && builtin != nil {
		return &Theme{Name: name, Dir: "(built-in default theme)", FS: builtin, site: site}, nil
	}
	errs.Add(diag.Position{File: "site.toml"}, fmt.Sprintf("create %s/ with layouts/ and static/, or use theme = \"default\"", dir),
		"theme %q not found", name)
	return nil, errs
}

// layout returns the source of layouts/<name> and the file it came from,
// the site's own copy first.
func (t *Theme) layout(name string) (src []byte, file string, err error) {
	file = path.Join("layouts", name)
	if src, err = fs.ReadFile(t.site, file); err == nil {
		return src, file, nil
	}
	src, err = fs.ReadFile(t.FS, file)
	return src, path.Join(t.Dir, file), err
}

// templates parses every page layout with the base and partials.
func (t *Theme) templates(funcs template.FuncMap) (map[string]*template.Template, diag.List) {
	var errs diag.List
	common := template.New(baseLayout).Funcs(funcs)
	for _, name := range []string{baseLayout, partialsLayout} {
		src, file, err := t.layout(name)
		if err != nil {
			errs.Add(diag.Position{File: file}, "every theme needs layouts/"+name, "cannot read layout: %v", diag.Cause(err))
			continue
		}
		tmpl := common // New(name) on the template's own name would reset it
		if name != baseLayout {
			tmpl = common.New(name)
		}
		if _, err := tmpl.Parse(string(src)); err != nil {
			errs.Add(diag.Position{File: file}, "", "%v", err)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	out := map[string]*template.Template{}
	for _, kind := range pageLayouts {
		name := kind + ".html"
		src, file, err := t.layout(name)
		if err != nil {
			errs.Add(diag.Position{File: file}, "every theme needs layouts/"+name, "cannot read layout: %v", diag.Cause(err))
			continue
		}
		tmpl := template.Must(common.Clone())
		if _, err := tmpl.New(name).Parse(string(src)); err != nil {
			errs.Add(diag.Position{File: file}, "", "%v", err)
			continue
		}
		out[kind] = tmpl
	}
	// The slide-ready map is a whole SVG document, not a page in the
	// frame; a theme without one simply writes none.
	if src, file, err := t.layout(mapLayout); err == nil {
		tmpl, err := template.New(mapLayout).Funcs(funcs).Parse(string(src))
		if err != nil {
			errs.Add(diag.Position{File: file}, "", "%v", err)
		} else {
			out[mapKind] = tmpl
		}
	}
	return out, errs
}

// StaticFiles lists every static file, theme's then site's, as paths
// under static/ mapped to the FS that holds them; the site's win.
func (t *Theme) StaticFiles() (map[string]fs.FS, error) {
	files := map[string]fs.FS{}
	for _, src := range []fs.FS{t.FS, t.site} {
		err := fs.WalkDir(src, "static", func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if p == "static" && errors.Is(err, fs.ErrNotExist) {
					return fs.SkipAll
				}
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// The walk does not follow a linked folder (it could
				// link back to its own parent): reading it as a file
				// would fail with a bare "is a directory".
				if st, err := fs.Stat(src, p); err == nil && st.IsDir() {
					return fmt.Errorf("%s is a symbolic link to a folder, which the build does not follow: link the files one by one, or copy the folder", p)
				}
			}
			if !d.IsDir() {
				files[p] = src
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
}

// sortedPaths returns the keys of a static file map in order.
func sortedPaths(files map[string]fs.FS) []string {
	out := make([]string, 0, len(files))
	for p := range files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
