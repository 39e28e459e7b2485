// Package render executes the theme's html/template layouts: it turns a
// page's data, worked out beforehand by package pagedata, into HTML, and
// emits the theme's and the site's static files. It keeps the rendered
// rows of list pages from one build to the next (see Dot.Cached), so
// that watch mode renders again only what changed.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// Emit receives each output file: its path from the site root, with
// slashes ("journeys/buy/index.html"), and its contents. Pages are
// rendered on every core, so emit is called from several goroutines at
// once and must be safe for that; it must not keep data after it returns.
type Emit func(path string, data []byte) error

// Renderer renders pages with one theme. It parses the theme once and
// keeps the fragments that list pages share (see Dot.Cached) from one
// render to the next, so that watch mode re-renders only what changed.
type Renderer struct {
	// KeepFragments keeps the rows of list pages (Dot.CachedEach, and
	// the default theme's rows written in Go: rows.go) for
	// the next render, which is what makes a rebuild after one save
	// cheap. New turns it on; a one-off build, which renders each row
	// once, turns it off and saves their memory: the size of every list
	// page together, some 200 MB at 10,000 journeys.
	KeepFragments bool

	theme     *Theme
	templates map[string]*template.Template
	fragments *pagedata.Cache[template.HTML]
}

// New prepares the theme's templates.
func New(theme *Theme) (*Renderer, diag.List) {
	tmpls, errs := theme.templates(funcs)
	if len(errs) > 0 {
		return nil, errs
	}
	return &Renderer{KeepFragments: true, theme: theme, templates: tmpls, fragments: pagedata.NewCache[template.HTML]()}, nil
}

// Dot is what a layout receives as its dot: the page's data, and the
// fragment cache its list rows go through.
type Dot struct {
	*pagedata.Page
	r *Renderer
}

// Slides reports whether the theme draws a map.svg for each journey.
func (r *Renderer) Slides() bool { return r.templates[mapKind] != nil }

// Execute renders page p with its layout into buf.
func (r *Renderer) Execute(p *pagedata.Page, buf *bytes.Buffer) error {
	if err := r.templates[string(p.Kind)].ExecuteTemplate(buf, baseLayout, Dot{p, r}); err != nil {
		return fmt.Errorf("rendering %s: %w", pagedata.OutputPath(p), err)
	}
	return nil
}

// ExecuteSlide renders a journey's map.svg into buf; the theme must draw
// one (Slides).
func (r *Renderer) ExecuteSlide(p *pagedata.Page, buf *bytes.Buffer) error {
	return r.templates[mapKind].ExecuteTemplate(buf, mapLayout, Dot{p, r})
}

// Forget drops the cached fragments of every journey whose page depends
// on a file that changed.
func (r *Renderer) Forget(changed func(file string) bool) {
	r.fragments.Forget(changed)
}

// Static emits the theme's and the site's static files.
func (r *Renderer) Static(emit Emit) error {
	files, err := r.theme.StaticFiles()
	if err != nil {
		return err
	}
	for _, p := range sortedPaths(files) {
		data, err := fs.ReadFile(files[p], p)
		if err != nil {
			return err
		}
		if err := emit(strings.TrimPrefix(p, "static/"), data); err != nil {
			return err
		}
	}
	return nil
}

// funcs are the helpers every layout can call. They are pure: anything
// that depends on the page being rendered is a method of Page.
var funcs = template.FuncMap{
	"sparkline": pagedata.Sparkline,
	"num":       pagedata.Num,
	"thousands": diag.Thousands, // 47,590: a sample size a reader takes in at a glance
	"date": func(t interface{ Format(string) string }) string {
		return t.Format(dateLayout)
	},
	"isodate": func(t interface{ Format(string) string }) string {
		return t.Format(isoDateLayout)
	},
	"shortdate": func(t interface{ Format(string) string }) string {
		return t.Format(shortDateLayout)
	},
	"initials": initials,
	"channelIDs": func(cs []*config.Channel) string {
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		return strings.Join(ids, " ")
	},
	"plural":      diag.Plural,
	"title":       titleOf,
	"lanes":       pagedata.LanesUsed,
	"painPoints":  pagedata.PainPoints,
	"touchpoints": pagedata.TouchpointCount,
	"inc":         func(i int) int { return i + 1 },
	"emo":         pagedata.EmotionClass,
	"laneList":    pagedata.LaneList,
	"wrap":        pagedata.Wrap,
	"mul":         func(a, b float64) float64 { return a * b },
	"add":         func(a, b float64) float64 { return a + b },
	"float":       func(i int) float64 { return float64(i) },
	"dict":        dict,

	// Emotions written per persona: one persona's sparkline, and how
	// each persona feels where an emotion was written.
	"personaSparkline": pagedata.PersonaSparkline,
	"feelings":         pagedata.Feelings,

	// What the site-wide views count: a journey's research coverage, and
	// a list of journeys split into the maps of today, the plans and the
	// drafts.
	"coverage":      func(j *content.Journey) pagedata.Coverage { return pagedata.CoverageOf(j) },
	"groupJourneys": pagedata.GroupJourneys,

	// What a stage's panel adds to the map's lanes: the touchpoints with
	// a description or an owner, the evidence with a quote or a source.
	"detailed": pagedata.DetailedTouchpoints,
	"sourced":  pagedata.SourcedEvidence,
	// The printed map's text size: see pagedata/printfit.go.
	"printSize": pagedata.PrintSize,
}

// How pages write a date, in the layouts (date, isodate, shortdate) and
// in the fragments written in Go alike: in words, as a <time>'s
// datetime, and short, in a line of facts.
const (
	dateLayout      = "2 January 2006"
	isoDateLayout   = "2006-01-02"
	shortDateLayout = "2 Jan 2006"
)

// dict builds a map from key, value pairs, to pass several values to a
// partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict needs key, value pairs; got %d arguments", len(kv))
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// titleOf makes an identifier a label: "field-study" → "Field study".
func titleOf(s string) string {
	if s == "" {
		return s
	}
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, s)
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// initials makes the avatar text for a persona without a photo.
func initials(name string) string {
	var out []rune
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			out = append(out, []rune(strings.ToUpper(string(r)))...)
			break
		}
	}
	if len(out) > 2 {
		out = []rune{out[0], out[len(out)-1]}
	}
	return string(out)
}
