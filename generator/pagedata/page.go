// Package pagedata works out what every page of a site shows, before any
// template runs: the list of pages with the files each depends on, and
// for each page its emotion curve, touchpoint × channel matrix, glance,
// comparison with today, slide and pager, as plain values. The theme's
// templates (package render) and the data exports (package export) only
// place these values.
//
// Every link in a page is relative to that page (Page.Rel), so a built
// site works wherever it is put: at a server's root, under a sub-path, or
// opened from a file share.
package pagedata

import (
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// Kind is a page's kind: the theme layout that renders it (index,
// journey, …), or Export for a data file that no layout renders.
type Kind string

const (
	Index    Kind = "index"
	Journey  Kind = "journey"
	Persona  Kind = "persona"
	Channels Kind = "channels"
	Channel  Kind = "channel"
	NotFound Kind = "404"
	Export   Kind = "export" // index.json, matrix.csv, the search index
)

// Layouts are the kinds a theme renders, each with layouts/<kind>.html.
var Layouts = []Kind{Index, Journey, Persona, Channels, Channel, NotFound}

// The data files a build writes beside the pages. Their contents are
// package export's; where they go is this package's, with every other
// page's address.
const (
	IndexJSON = "index.json"
	SearchJS  = "js/search-index.js"
	MatrixCSV = "channels/matrix.csv"
	MapJSON   = "map.json" // in each journey's folder
	MapMMD    = "map.mmd"  // in each journey's folder
	MapSVG    = "map.svg"  // in each journey's folder, when the theme draws one
)

// IsExport reports whether name (a path from the site root) is one of
// the data files a build writes beside the pages: index.json, a map.json,
// a map.mmd, matrix.csv or the search index. No page shows them, so the
// review server need not reload pages when they change.
func IsExport(name string) bool {
	return name == IndexJSON || name == MatrixCSV || name == SearchJS || path.Base(name) == MapJSON || path.Base(name) == MapMMD
}

// Planner lists a site's pages and works out their data. It keeps each
// journey's share of the site-wide channel figures from one build to the
// next (see Forget), so that a rebuild after one save works out one
// journey's again, not every journey's.
type Planner struct {
	// Now is when the site is built, for the stale-map warning ([review]
	// stale_after_days) and the age of KPI figures.
	Now time.Time

	// Slides is set when the theme draws a map.svg for each journey.
	Slides bool

	uses *Cache[*journeyUse]
}

// NewPlanner returns a Planner for builds at now.
func NewPlanner(now time.Time, slides bool) *Planner {
	return &Planner{Now: now, Slides: slides, uses: NewCache[*journeyUse]()}
}

// Forget drops what was worked out for every journey whose page depends
// on a file that changed.
func (pl *Planner) Forget(changed func(file string) bool) { pl.uses.Forget(changed) }

// Page is what a layout receives as its dot.
type Page struct {
	Site  *content.Site
	Kind  Kind
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

	// PersonaJourneys are the cards of a persona's page.
	PersonaJourneys *PersonaJourneys

	// StageEvidence says, for each stage of a journey's map, what research
	// backs it ("2 sources · n = 87"), or "" for a stage that rests on
	// assumptions.
	StageEvidence []string

	// Deps are the content files whose data the page shows, so that a
	// rebuild after those files change renders it again. A page that
	// shows the whole site (the index, /channels/) has AllDeps instead.
	Deps    []string
	AllDeps bool

	hasMap bool
	now    time.Time
	views  *siteViews
}

// Channels is every channel's use across the site, in site.toml order.
func (p *Page) Channels() []*ChannelUse { return p.views.channels() }

// ChannelsByPain is Channels, most painful first (see rankByPain).
func (p *Page) ChannelsByPain() []*ChannelUse { return p.views.ranked() }

// SiteCoverage is the research coverage of the maps the roll-ups count
// (see apartFrom): what the site knows about today, not its plans.
func (p *Page) SiteCoverage() Coverage { return CoverageOf(GroupJourneys(p.Site.Journeys).Counted...) }

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

func (pl *Planner) views(site *content.Site) *siteViews {
	return &siteViews{site: site, use: func(j *content.Journey) *journeyUse { return pl.use(site, j) }}
}

// Rel returns a link from this page to target, a path from the site root
// ("journeys/buy/", "css/waymark.css"). The 404 page is served at any
// depth, so its links start from the site's base path instead.
func (p *Page) Rel(target string) string {
	if p.Kind == NotFound {
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
	return j.StaleOn(p.now, p.Site.Config.Review.StaleAfterDays)
}

// Outputs are the files the page writes.
func (p *Page) Outputs() []string {
	out := []string{OutputPath(p)}
	if p.Kind == Journey {
		out = append(out, p.URL+MapJSON, p.URL+MapMMD)
	}
	if p.hasMap {
		out = append(out, p.URL+MapSVG)
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
func (pl *Planner) Pages(site *content.Site) []*Page {
	return pl.pages(site, pl.views(site))
}

func (pl *Planner) pages(site *content.Site, views *siteViews) []*Page {
	all := views.channels()
	perPage := site.Config.Pagination.PerPage
	summary := summarize(site, views.use)
	pages := paginate(&Page{Kind: Index, AllDeps: true}, site.Journeys, perPage)
	pages = append(pages, paginate(&Page{Kind: Channels, Title: "Channels", URL: "channels/", Summary: summary, AllDeps: true}, summary.Journeys, perPage)...)
	pages = append(pages,
		&Page{Kind: NotFound, Title: "Page not found"},
		&Page{Kind: Export, URL: IndexJSON, AllDeps: true},
		&Page{Kind: Export, URL: MatrixCSV, AllDeps: true},
		&Page{Kind: Export, URL: SearchJS, AllDeps: true},
	)
	for _, u := range all {
		var deps []string
		for _, cj := range u.Journeys {
			deps = append(deps, cj.Journey.File)
		}
		for _, p := range u.Personas {
			deps = append(deps, p.File)
		}
		pages = append(pages, paginate(&Page{Kind: Channel, Title: u.Channel.Name, URL: "channels/" + u.Channel.ID + "/", Channel: u, Deps: deps}, u.Journeys, perPage)...)
	}
	for _, p := range site.Personas {
		pages = append(pages, personaPages(p, perPage)...)
	}
	for _, j := range site.Journeys {
		pages = append(pages, pl.journeyPage(j))
	}
	for _, p := range pages {
		p.Site, p.now, p.views = site, pl.Now, views
	}
	return pages
}

// Shows is what a page of a paged list (a channel's, a persona's)
// shows, for the build cache's key, where its Deps are every file of the
// list: the files of the journeys it lists (on a channel's first page,
// of the personas it names too; on a persona's pages, the persona's
// too), and the list's figures in its head and the
// page's place in its pager, as text. A change to any file of the list
// may change those figures, so watch mode renders all of the list's
// pages again; the cache, which can tell, keeps a page whose files and
// figures are the same, and an edit of one journey renders the one page
// that lists it, not every page of its channels and personas. ok is
// false for other pages.
func (p *Page) Shows() (files []string, figures string, ok bool) {
	if p.Pager == nil {
		return nil, "", false
	}
	var b strings.Builder
	writeFigures := func(ns ...int) {
		for _, n := range ns {
			b.WriteString(strconv.Itoa(n))
			b.WriteByte(' ')
		}
	}
	writeFigures(p.Pager.Number, p.Pager.Pages(), p.Pager.First, p.Pager.Last, p.Pager.Total)
	switch u := p.Channel; {
	case p.Kind == Channel && u != nil:
		items, _ := p.Pager.Items.([]ChannelJourney)
		for _, cj := range items {
			files = append(files, cj.Journey.File)
		}
		writeFigures(u.Count, u.CountedJourneys(), u.Apart)
		b.WriteString(u.Average.String())
		if p.Pager.Number == 1 {
			for _, ps := range u.Personas {
				files = append(files, ps.File)
				b.WriteString("\x00" + ps.Slug + "\x00" + ps.Name)
			}
		}
	case p.Kind == Persona && p.Persona != nil:
		// A card shows its journey's own file alone (no other persona,
		// no parent), and which group it is in is that file's to say:
		// the groups come in order, so the pager's figures are the rest.
		files = append(files, p.Persona.File)
		items, _ := p.Pager.Items.([]*content.Journey)
		for _, j := range items {
			files = append(files, j.File)
		}
	default:
		return nil, "", false
	}
	return files, b.String(), true
}

// personaPages are a persona's page and, when its journeys take more
// than perPage, the further pages of the list: the maps of today, then
// the plans, then the drafts (GroupJourneys), each page with its own
// part of them.
func personaPages(p *content.Persona, perPage int) []*Page {
	deps := []string{p.File}
	for _, j := range p.Journeys {
		deps = append(deps, journeyDeps(j)...)
	}
	g := GroupJourneys(p.Journeys)
	list := slices.Concat(g.Counted, g.Planned, g.Drafts)
	return paginate(&Page{Kind: Persona, Title: p.Name, URL: p.URL(), Persona: p, Deps: deps}, list, perPage)
}

func (pl *Planner) journeyPage(j *content.Journey) *Page {
	return &Page{Kind: Journey, Title: j.Title, URL: j.URL(), Journey: j, Deps: pageDeps(j), hasMap: pl.Slides}
}

// PagesOf lists the pages of the journeys and personas whose own file is
// one of files (for a journey, or a KPI data file with rows about it), the pages an author is looking at after saving those
// files, without working out the rest of the site. Pages lists them
// again; a caller that renders these first leaves them out of the rest.
func (pl *Planner) PagesOf(site *content.Site, files func(file string) bool) []*Page {
	views := pl.views(site)
	var out []*Page
	for _, p := range site.Personas {
		if files(p.File) {
			out = append(out, personaPages(p, site.Config.Pagination.PerPage)...)
		}
	}
	for _, j := range site.Journeys {
		if files(j.File) || slices.ContainsFunc(j.KPIFiles, files) {
			out = append(out, pl.journeyPage(j))
		}
	}
	for _, p := range out {
		p.Site, p.now, p.views = site, pl.Now, views
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

// OutputPath is where the page itself goes: index.html in its folder,
// 404.html, or the data file's own path.
func OutputPath(p *Page) string {
	switch p.Kind {
	case NotFound:
		return "404.html"
	case Export:
		return p.URL
	}
	return p.URL + "index.html"
}

// PainPoints lists a journey's pain points with the stage each is met in.
func PainPoints(j *content.Journey) []StagedText {
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

func TouchpointCount(j *content.Journey) int {
	n := 0
	for _, s := range j.Stages {
		n += len(s.Touchpoints)
	}
	return n
}

// Lane is a row of the timeline.
type Lane struct{ ID, Label string }

// allLanes are the timeline's rows, top to bottom: the emotion curve
// first, under the stages' names, so that a reviewer sees where the
// journey dips on the first screen, then what the customer does.
var allLanes = []Lane{
	{"emotion", "Emotion"}, {"goal", "Stage goal"}, {"doing", "Doing"}, {"steps", "Steps"}, {"thinking", "Thinking"},
	{"feeling", "Feeling"}, {"touchpoints", "Touchpoints"}, {"pain_points", "Pain points"},
	{"opportunities", "Opportunities"}, {"frontstage", "Frontstage"}, {"backstage", "Backstage"},
	{"kpis", "KPIs"}, {"evidence", "Evidence"},
}

// AllLanes is every row a timeline may have, top to bottom; the default
// theme's stylesheet names each lane from this list too (a test holds it
// to them).
func AllLanes() []Lane { return slices.Clone(allLanes) }

// LaneList is the lanes a journey uses, in order.
func LaneList(j *content.Journey) []Lane {
	has := LanesUsed(j)
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
func LanesUsed(j *content.Journey) map[string]bool {
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

// Wrap breaks text into at most lines lines of at most width characters,
// for a theme's SVG text, which does not wrap by itself: fitLines's rules
// (CJK breaks anywhere, a word longer than a line is hyphenated, "…" ends
// a cut last line) with characters counted, where the slide measures them.
func Wrap(width, lines int, text string) []string {
	out, _ := fitLines(text, lines, float64(width), runeCount)
	return out
}

// use returns j's share of the channel figures, working it out the first
// time.
func (pl *Planner) use(site *content.Site, j *content.Journey) *journeyUse {
	if u, ok := pl.uses.Get("", j); ok {
		return u
	}
	u := computeUse(site.Config, j)
	pl.uses.Put("", j, u)
	return u
}

// Prepare works out what a journey's page shows (its comparison with
// today, curve, matrix, glance and slide) and a persona's page its cards. It is done per page as the page
// is rendered rather than in Pages: a rebuild lists every page but
// renders a few, and these cost as much as the rest of the list.
func (p *Page) Prepare() {
	if p.Persona != nil && p.PersonaJourneys == nil {
		p.PersonaJourneys = p.personaJourneys()
	}
	if p.Journey == nil || p.Curve != nil {
		return
	}
	p.StageEvidence = stageEvidence(p.Journey)
	p.Compare = compare(p.Journey)
	p.Curve = journeyCurve(p.Journey, p.Compare)
	p.Matrix = journeyMatrix(p.Site.Config, p.Journey)
	p.Glance = journeyGlance(p.Site.Config, p.Journey, p.views.use(p.Journey))
	p.Curve.markWorst(p.Journey, p.Glance.Worst)
	if p.hasMap {
		p.Slide = newSlide(p.Journey, p.Compare, p.Glance.Worst, p.Site.Config.Title)
	}
}

// stageEvidence is each stage's research in words: its sources and their
// sample sizes added up, or "" when it has none.
func stageEvidence(j *content.Journey) []string {
	out := make([]string, len(j.Stages))
	for i, s := range j.Stages {
		sources, n := evidenceOf(s)
		if sources == 0 {
			continue
		}
		out[i] = diag.Plural(sources, "source", "sources")
		if n > 0 {
			out[i] += " · n = " + diag.Thousands(n)
		}
	}
	return out
}

// evidenceOf counts the evidence of stages: its sources, and their sample
// sizes added up. The glance counts a map's, each stage head its own.
func evidenceOf(stages ...*content.Stage) (sources, n int) {
	for _, s := range stages {
		for _, e := range s.Evidence {
			sources++
			n += e.N
		}
	}
	return sources, n
}
