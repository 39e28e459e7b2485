// Package render turns a loaded site into pages: it prepares what each
// page shows (emotion curves, matrices, summaries), executes the theme's
// html/template layouts, and hands every page and static file to an emit
// function. It writes nothing itself.
//
// Every link in a page is relative to that page (Page.Rel), so a built
// site works wherever it is put: at a server's root, under a sub-path, or
// opened from a file share.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// Emit receives each output file: its path from the site root, with
// slashes ("journeys/buy/index.html"), and its contents. Pages are
// rendered on every core, so emit is called from several goroutines at
// once and must be safe for that; it must not keep data after it returns.
type Emit func(path string, data []byte) error

// Renderer renders sites with one theme. It parses the theme once and
// keeps the fragments that list pages share (see Page.Cached) from one
// render to the next, so that watch mode re-renders only what changed.
type Renderer struct {
	// Now is when the site is built, for the stale-map warning ([review]
	// stale_after_days). New sets it to the current time; tests fix it.
	Now time.Time

	// KeepFragments keeps the rows of list pages (Page.CachedEach) for
	// the next render, which is what makes a rebuild after one save
	// cheap. New turns it on; a one-off build, which renders each row
	// once, turns it off and saves their memory: the size of every list
	// page together, some 200 MB at 10,000 journeys.
	KeepFragments bool

	theme     *Theme
	templates map[string]*template.Template
	fragments fragmentCache
}

// New prepares the theme's templates.
func New(theme *Theme) (*Renderer, diag.List) {
	tmpls, errs := theme.templates(funcs)
	if len(errs) > 0 {
		return nil, errs
	}
	return &Renderer{Now: time.Now(), KeepFragments: true, theme: theme, templates: tmpls, fragments: newFragmentCache()}, nil
}

// Page is what a layout receives as its dot.
type Page struct {
	Site  *content.Site
	Kind  string // the layout: index, journey, persona, channels, channel, 404
	Title string // the page's own title, "" on the index
	URL   string // this page's path from the site root, "" for the index

	Journey *content.Journey
	Persona *content.Persona
	Channel *ChannelUse
	Curve   *Curve
	Matrix  *Matrix
	Summary *Summary
	Compare *Comparison // a future-state map against its current state
	Slide   *Slide      // a journey's map.svg: its layout
	Glance  *Glance     // a journey's worst moment, hurting channel and evidence
	Pager   *Pager      // on list pages: which part of the list this page shows

	// Deps are the content files whose data the page shows, so that a
	// rebuild after those files change renders it again. A page that
	// shows the whole site (the index, /channels/) has AllDeps instead.
	Deps    []string
	AllDeps bool

	hasMap   bool
	renderer *Renderer
	views    *siteViews
}

// Channels is every channel's use across the site, in site.toml order.
func (p *Page) Channels() []*ChannelUse { return p.views.channels() }

// ChannelsByPain is Channels, most painful first (see rankByPain).
func (p *Page) ChannelsByPain() []*ChannelUse { return p.views.ranked() }

// SiteCoverage is the research coverage of the maps the roll-ups count
// (see apartFrom): what the site knows about today, not its plans.
func (p *Page) SiteCoverage() Coverage { return coverageOf(groupJourneys(p.Site.Journeys).Counted...) }

// siteViews are the site-wide figures pages share, worked out once per
// render and only when a page asks: a rebuild renders the changed
// journey's own page before anything needs them.
type siteViews struct {
	site *content.Site
	use  useFunc
	once sync.Once
	uses map[string]*ChannelUse
	all  []*ChannelUse

	rankOnce sync.Once
	byPain   []*ChannelUse
}

func (v *siteViews) ranked() []*ChannelUse {
	v.rankOnce.Do(func() { v.byPain = rankByPain(v.channels()) })
	return v.byPain
}

func (v *siteViews) channels() []*ChannelUse {
	v.once.Do(func() {
		v.uses = channelUses(v.site, v.use)
		for _, c := range v.site.Config.Channels {
			v.all = append(v.all, v.uses[c.ID])
		}
	})
	return v.all
}

func (r *Renderer) views(site *content.Site) *siteViews {
	return &siteViews{site: site, use: func(j *content.Journey) *journeyUse { return r.fragments.use(site.Config, j) }}
}

// Rel returns a link from this page to target, a path from the site root
// ("journeys/buy/", "css/waymark.css"). The 404 page is served at any
// depth, so its links start from the site's base path instead.
func (p *Page) Rel(target string) string {
	if p.Kind == "404" {
		return basePath(p.Site.Config.BaseURL) + target
	}
	depth := strings.Count(p.URL, "/")
	rel := strings.Repeat("../", depth) + target
	if rel == "" {
		return "./"
	}
	return rel
}

// Link resolves a URL written in content: absolute URLs stay as they are,
// and paths (a persona's photo under static/) become links from this page.
// What is a path is the URL policy's to say, as it said when the content
// was checked.
func (p *Page) Link(ref string) string {
	if urlpolicy.Classify(ref).Kind != urlpolicy.Relative {
		return ref
	}
	return p.Rel(strings.TrimPrefix(ref, "/"))
}

// EditURL is the edit link for file, or "" when the site has none.
func (p *Page) EditURL(file string) string {
	if p.Site.Config.EditURL == "" || file == "" {
		return ""
	}
	return strings.ReplaceAll(p.Site.Config.EditURL, "{path}", (&url.URL{Path: file}).EscapedPath())
}

// Stale reports whether j was last updated longer ago than site.toml's
// [review] stale_after_days. A journey without an updated date is not
// called stale: nothing says how old it is. The loader's stale warning
// uses the same rule.
func (p *Page) Stale(j *content.Journey) bool {
	return j.StaleOn(p.renderer.Now, p.Site.Config.Review.StaleAfterDays)
}

// Outputs are the files the page writes.
func (p *Page) Outputs() []string {
	out := []string{outputPath(p)}
	if p.Kind == "journey" {
		out = append(out, p.URL+mapJSON, p.URL+mapMMD)
	}
	if p.hasMap {
		out = append(out, p.URL+"map.svg")
	}
	return out
}

func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	// Escaped, so that "%3F" in the path stays a path character.
	return strings.TrimSuffix(u.EscapedPath(), "/") + "/"
}

// Pages lists every page of site, with what each shows and the content
// files it depends on.
func (r *Renderer) Pages(site *content.Site) []*Page {
	return r.pages(site, r.views(site))
}

func (r *Renderer) pages(site *content.Site, views *siteViews) []*Page {
	all := views.channels()
	perPage := site.Config.Pagination.PerPage
	summary := summarize(site, views.use)
	pages := paginate(&Page{Kind: "index", AllDeps: true}, site.Journeys, perPage)
	pages = append(pages, paginate(&Page{Kind: "channels", Title: "Channels", URL: "channels/", Summary: summary, AllDeps: true}, summary.Journeys, perPage)...)
	pages = append(pages,
		&Page{Kind: "404", Title: "Page not found"},
		&Page{Kind: exportKind, URL: indexJSON, AllDeps: true},
		&Page{Kind: exportKind, URL: matrixCSV, AllDeps: true},
		&Page{Kind: exportKind, URL: searchJS, AllDeps: true},
	)
	for _, u := range all {
		var deps []string
		for _, cj := range u.Journeys {
			deps = append(deps, cj.Journey.File)
		}
		for _, p := range u.Personas {
			deps = append(deps, p.File)
		}
		pages = append(pages, paginate(&Page{Kind: "channel", Title: u.Channel.Name, URL: "channels/" + u.Channel.ID + "/", Channel: u, Deps: deps}, u.Journeys, perPage)...)
	}
	for _, p := range site.Personas {
		pages = append(pages, r.personaPage(p))
	}
	for _, j := range site.Journeys {
		pages = append(pages, r.journeyPage(j))
	}
	for _, p := range pages {
		p.Site, p.renderer, p.views = site, r, views
	}
	return pages
}

func (r *Renderer) personaPage(p *content.Persona) *Page {
	deps := []string{p.File}
	for _, j := range p.Journeys {
		deps = append(deps, journeyDeps(j)...)
	}
	return &Page{Kind: "persona", Title: p.Name, URL: p.URL(), Persona: p, Deps: deps}
}

func (r *Renderer) journeyPage(j *content.Journey) *Page {
	return &Page{Kind: "journey", Title: j.Title, URL: j.URL(), Journey: j, Deps: pageDeps(j), hasMap: r.templates[mapKind] != nil}
}

// PagesOf lists the pages of the journeys and personas whose own file is
// one of files (for a journey, or a KPI data file with rows about it), the pages an author is looking at after saving those
// files, without working out the rest of the site. Pages lists them
// again; a caller that renders these first leaves them out of the rest.
func (r *Renderer) PagesOf(site *content.Site, files func(file string) bool) []*Page {
	views := r.views(site)
	var out []*Page
	for _, p := range site.Personas {
		if files(p.File) {
			out = append(out, r.personaPage(p))
		}
	}
	for _, j := range site.Journeys {
		if files(j.File) || slices.ContainsFunc(j.KPIFiles, files) {
			out = append(out, r.journeyPage(j))
		}
	}
	for _, p := range out {
		p.Site, p.renderer, p.views = site, r, views
	}
	return out
}

// journeyDeps are the files a journey's page and its cards show: its
// own, its personas' (their names), its parent's and its sub-journeys'
// (their titles), and its current state's (the curve and pain points it
// is compared with) and future states' (their titles).
func journeyDeps(j *content.Journey) []string {
	deps := []string{j.File}
	for _, p := range j.Personas {
		deps = append(deps, p.File)
	}
	if j.Parent != nil {
		deps = append(deps, j.Parent.File)
	}
	for _, c := range j.Children {
		deps = append(deps, c.File)
	}
	if j.Current != nil {
		deps = append(deps, j.Current.File)
	}
	for _, f := range j.Futures {
		deps = append(deps, f.File)
	}
	return deps
}

// pageDeps are the files a journey's own page and its map.json show:
// journeyDeps, and the KPI data files with rows about it. Its cards on
// other pages show no KPI, so a data file changes its page alone.
func pageDeps(j *content.Journey) []string {
	return append(journeyDeps(j), j.KPIFiles...)
}

// Render emits every page and static file of site.
func (r *Renderer) Render(site *content.Site, emit Emit) error {
	if err := r.RenderPages(r.Pages(site), emit); err != nil {
		return err
	}
	return r.Static(emit)
}

// RenderPages renders pages on every core and emits each as it is done.
// It stops at the first error and returns it.
func (r *Renderer) RenderPages(pages []*Page, emit Emit) error {
	return r.RenderPagesOn(runtime.GOMAXPROCS(0), pages, emit)
}

// keptBuffer is the most that a rendering goroutine keeps of its buffer
// from one page to the next.
const keptBuffer = 4 << 20

// RenderPagesOn is RenderPages on at most cores goroutines: the review
// server keeps a core free to answer the browser while the pages that
// list a changed journey are rendered.
func (r *Renderer) RenderPagesOn(cores int, pages []*Page, emit Emit) error {
	jobs := make(chan *Page)
	errc := make(chan error, 1)
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range min(max(cores, 1), len(pages)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for p := range jobs {
				if err := r.renderPage(p, &buf, emit); err != nil {
					select {
					case errc <- err:
						close(done)
					default:
					}
				}
				if buf.Cap() > keptBuffer {
					// An export of a big site is a hundred megabytes;
					// the journey pages after it need a hundred kilobytes.
					buf = bytes.Buffer{}
				}
			}
		}()
	}
feed:
	for _, p := range pages {
		select {
		case jobs <- p:
		case <-done:
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	select {
	case err := <-errc:
		return err
	default:
		return nil
	}
}

// renderPage renders one page; a journey's also its map.json and
// map.mmd, and its map.svg when the theme has one.
func (r *Renderer) renderPage(p *Page, buf *bytes.Buffer, emit Emit) error {
	if p.Journey != nil && p.Curve == nil {
		// Made here rather than in Pages: a rebuild lists every page but
		// renders a few, and these cost as much as the rest of the list.
		p.Compare = compare(p.Journey)
		p.Curve = journeyCurve(p.Journey, p.Compare)
		p.Matrix = journeyMatrix(p.Site.Config, p.Journey)
		p.Glance = journeyGlance(p.Site.Config, p.Journey, p.views.use(p.Journey))
		p.Curve.markWorst(p.Journey, p.Glance.Worst)
	}
	buf.Reset()
	if p.Kind == exportKind {
		if err := r.renderExport(p, buf); err != nil {
			return fmt.Errorf("writing %s: %w", p.URL, err)
		}
		return emit(p.URL, buf.Bytes())
	}
	if err := r.templates[p.Kind].ExecuteTemplate(buf, baseLayout, p); err != nil {
		return fmt.Errorf("rendering %s: %w", outputPath(p), err)
	}
	if err := emit(outputPath(p), buf.Bytes()); err != nil {
		return err
	}
	if p.Journey != nil {
		buf.Reset()
		if err := r.mapJSON(p, buf); err != nil {
			return fmt.Errorf("writing %s%s: %w", p.URL, mapJSON, err)
		}
		if err := emit(p.URL+mapJSON, buf.Bytes()); err != nil {
			return err
		}
		buf.Reset()
		if err := r.mapMermaid(p, buf); err != nil {
			return fmt.Errorf("writing %s%s: %w", p.URL, mapMMD, err)
		}
		if err := emit(p.URL+mapMMD, buf.Bytes()); err != nil {
			return err
		}
	}
	if !p.hasMap {
		return nil
	}
	if p.Slide == nil {
		p.Slide = newSlide(p.Journey, p.Compare, p.Glance.Worst, p.Site.Config.Title)
	}
	buf.Reset()
	if err := r.templates[mapKind].ExecuteTemplate(buf, mapLayout, p); err != nil {
		return fmt.Errorf("rendering %smap.svg: %w", p.URL, err)
	}
	return emit(p.URL+"map.svg", buf.Bytes())
}

func outputPath(p *Page) string {
	switch p.Kind {
	case "404":
		return "404.html"
	case exportKind:
		return p.URL
	}
	return p.URL + "index.html"
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
	"sparkline": func(stages []*content.Stage) *Curve { return newCurve(stages, sparkCurve) },
	"num":       num,
	"thousands": diag.Thousands, // 47,590: a sample size a reader takes in at a glance
	"date": func(t interface{ Format(string) string }) string {
		return t.Format("2 January 2006")
	},
	"isodate": func(t interface{ Format(string) string }) string {
		return t.Format("2006-01-02")
	},
	"shortdate": func(t interface{ Format(string) string }) string {
		return t.Format("2 Jan 2006")
	},
	"initials": initials,
	"channelIDs": func(cs []*config.Channel) string {
		ids := make([]string, len(cs))
		for i, c := range cs {
			ids[i] = c.ID
		}
		return strings.Join(ids, " ")
	},
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return fmt.Sprintf("%d %s", n, one)
		}
		return fmt.Sprintf("%d %s", n, many)
	},
	"title": func(s string) string {
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
	},
	"lanes":       lanes,
	"painPoints":  painPoints,
	"touchpoints": touchpointCount,
	"inc":         func(i int) int { return i + 1 },
	"emo":         emotionClass,
	"laneList":    laneList,
	"wrap":        wrap,
	"mul":         func(a, b float64) float64 { return a * b },
	"add":         func(a, b float64) float64 { return a + b },
	"float":       func(i int) float64 { return float64(i) },
	"dict":        dict,

	// Emotions written per persona: one persona's sparkline, and how
	// each persona feels where an emotion was written.
	"personaSparkline": personaSparkline,
	"feelings":         feelings,

	// What the site-wide views count: a journey's research coverage, and
	// a list of journeys split into the maps of today, the plans and the
	// drafts.
	"coverage":      func(j *content.Journey) Coverage { return coverageOf(j) },
	"groupJourneys": groupJourneys,
}

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

// emotionClass names the CSS class for an emotion's colour: emo-n2 (very
// negative) … emo-0 … emo-p2, or emo-none when there is none.
func emotionClass(e content.Emotion) string {
	switch l := e.Level(); {
	case !e.Set:
		return "emo-none"
	case l < 0:
		return fmt.Sprintf("emo-n%d", -l)
	case l > 0:
		return fmt.Sprintf("emo-p%d", l)
	}
	return "emo-0"
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

// painPoints lists a journey's pain points with the stage each is met in.
func painPoints(j *content.Journey) []StagedText {
	var out []StagedText
	for _, s := range j.Stages {
		for _, p := range s.PainPoints {
			out = append(out, StagedText{Stage: s, Text: p})
		}
	}
	return out
}

// StagedText is a line of text and the stage it belongs to.
type StagedText struct {
	Stage *content.Stage
	Text  string
}

func touchpointCount(j *content.Journey) int {
	n := 0
	for _, s := range j.Stages {
		n += len(s.Touchpoints)
	}
	return n
}

// Lane is a row of the timeline.
type Lane struct{ ID, Label string }

// allLanes are the timeline's rows, top to bottom.
var allLanes = []Lane{
	{"goal", "Stage goal"}, {"doing", "Doing"}, {"steps", "Steps"}, {"thinking", "Thinking"}, {"feeling", "Feeling"},
	{"emotion", "Emotion"}, {"touchpoints", "Touchpoints"}, {"pain_points", "Pain points"},
	{"opportunities", "Opportunities"}, {"frontstage", "Frontstage"}, {"backstage", "Backstage"},
	{"kpis", "KPIs"}, {"evidence", "Evidence"},
}

// laneList is the lanes a journey uses, in order.
func laneList(j *content.Journey) []Lane {
	has := lanes(j)
	var out []Lane
	for _, l := range allLanes {
		if has[l.ID] {
			out = append(out, l)
		}
	}
	return out
}

// lanes reports which lanes of a journey's timeline have anything in any
// stage, so that a map leaves out the rows it does not use.
func lanes(j *content.Journey) map[string]bool {
	has := map[string]bool{}
	for _, s := range j.Stages {
		set := func(lane string, ok bool) {
			if ok {
				has[lane] = true
			}
		}
		set("goal", s.Goal != "")
		set("doing", len(s.Doing) > 0)
		set("steps", len(s.Steps) > 0)
		set("thinking", len(s.Thinking) > 0)
		set("feeling", s.Feeling != "" || s.Emotion.Set)
		set("emotion", s.Emotion.Set)
		set("touchpoints", len(s.Touchpoints) > 0)
		set("pain_points", len(s.PainPoints) > 0)
		set("opportunities", len(s.Opportunities) > 0)
		set("frontstage", len(s.Frontstage) > 0)
		set("backstage", len(s.Backstage) > 0)
		set("kpis", len(s.KPIs) > 0 || len(s.Series) > 0)
		set("evidence", len(s.Evidence) > 0)
	}
	for _, s := range j.Stages {
		for _, t := range s.Touchpoints {
			if t.Emotion.Set {
				has["emotion"] = true
			}
		}
	}
	return has
}

// HasMap reports whether the theme writes a standalone map.svg for each
// journey, so that pages link to it only when it exists.
func (p *Page) HasMap() bool { return p.hasMap }

// wrap breaks text into at most lines lines of at most width characters,
// for a theme's SVG text, which does not wrap by itself: fitLines's rules
// (CJK breaks anywhere, a word longer than a line is hyphenated, "…" ends
// a cut last line) with characters counted, where the slide measures them.
func wrap(width, lines int, text string) []string {
	out, _ := fitLines(text, lines, float64(width), runeCount)
	return out
}
