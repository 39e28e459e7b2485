package content

import (
	"cmp"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// Where content lives, relative to the site root.
const (
	Dir         = "content"
	PersonasDir = "content/personas"
	JourneysDir = "content/journeys"
	StaticDir   = "static"
)

// Options control loading.
type Options struct {
	Drafts   bool               // keep journeys whose status is "draft"
	Markdown *markdown.Renderer // shared by every file
	// Cache, when set, keeps every file's decoded form from one load to
	// the next, so that a rebuild reads and parses only the files named
	// to Cache.Forget since. Watch mode uses it; a one-off build has no
	// need.
	Cache *Cache
	// Now is the build's date, for the warning about maps past [review]
	// stale_after_days; zero means the current time.
	Now time.Time
	// Stop, when it is closed, ends the load early: the files not yet
	// decoded are left out. Whoever closes it (watch mode, on Ctrl-C)
	// throws the site away, so nothing else is cut short.
	Stop <-chan struct{}
	// Files, when set, are the files to read as Walk listed them, for
	// whoever walked the site already (a build fingerprinting it): the
	// site is not walked twice. Otherwise Load walks it.
	Files *Files
}

// Load reads every persona and journey under content/ in fsys, the site
// root, checks them against cfg and each other, and links them. It
// returns the site and every problem found; the site is only fit to
// render when the list is empty. Warnings, which never stop a build, are
// in the site's Warnings (warnings.go).
func Load(fsys fs.FS, cfg *config.Config, opts Options) (*Site, diag.List) {
	if opts.Markdown == nil {
		opts.Markdown = markdown.New(markdown.Options{})
	}
	l := &loader{fsys: fsys, cfg: cfg, md: opts.Markdown, refs: map[*Journey]journeyRefs{}, notes: map[any]fileNotes{},
		unreadPersonas: map[string]bool{}, unreadJourneys: map[string]bool{}}
	files := opts.Files
	if files == nil {
		files = Walk(fsys)
	}
	errs, warns := files.Problems.Split()
	l.errs.Append(errs)
	l.warns.Append(warns)
	l.sums = files.Sums
	l.decodeAll(files.Content, opts.Cache, opts.Stop)
	l.resolve()
	l.loadKPIs(files.KPIs, opts.Cache, opts.Stop)
	site := &Site{Config: cfg, Personas: l.personas}
	for _, j := range l.journeys {
		if j.Status != "draft" || opts.Drafts {
			site.Journeys = append(site.Journeys, j)
		}
	}
	if !opts.Drafts {
		l.checkDraftRefs(site.Journeys)
	}
	link(site)
	site.Warnings = l.warnings(site, opts.Now)
	return site, l.errs.Sort()
}

type loader struct {
	fsys fs.FS
	cfg  *config.Config
	md   *markdown.Renderer
	sums map[string]Hash // Files.Sums
	errs diag.List
	// Warnings about the walk, and what each file's warnings need, by
	// its *Persona or *Journey.
	warns diag.List
	notes map[any]fileNotes

	personas []*Persona
	journeys []*Journey
	refs     map[*Journey]journeyRefs
	// The slugs of the files that could not be read at all (not UTF-8,
	// no front matter, TOML that does not parse): their errors are
	// reported, and what other files say about them cannot be checked.
	unreadPersonas, unreadJourneys map[string]bool
}

// Files are the files a Load reads, as Walk lists them.
type Files struct {
	// Content are the persona and journey files, in path order.
	Content []string
	// KPIs are the KPI data files (kpi.go), in path order.
	KPIs []string
	// Problems are what the walk found: errors (a Markdown file outside
	// content/journeys/ and content/personas/, a folder that cannot be
	// read) and warnings (a link to a folder, a spreadsheet not saved as
	// CSV).
	Problems diag.List
	// Sums, when set, are the hashes of the files' contents, for a
	// caller that read them all already (a build cache comparing the
	// site with its last build): Load then takes a file the cache holds
	// decoded by its sum, without reading it again. A file Load does
	// read is hashed as it is read.
	Sums map[string]Hash
}

// Walk lists the files Load reads from fsys, the site root. It is the
// one walk of the content: Load walks with it, and the build cache
// fingerprints a site by it without loading.
func Walk(fsys fs.FS) *Files {
	f := &Files{}
	f.Content = walkContent(fsys, &f.Problems)
	f.KPIs = walkKPIs(fsys, &f.Problems)
	return f
}

// walkContent lists the content files, in path order.
func walkContent(fsys fs.FS, problems *diag.List) []string {
	var files []string
	err := fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == Dir && errors.Is(err, fs.ErrNotExist) {
				problems.Add(diag.Position{File: Dir}, "create content/personas/ and content/journeys/ in the site folder",
					"no content folder")
				return fs.SkipAll
			}
			problems.Add(diag.Position{File: p}, "", "cannot read: %v", diag.Cause(err))
			return nil
		}
		name := d.Name()
		if p != Dir && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			// Hidden files and folders (.git, editors' .#locks) are not content.
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 && path.Ext(name) != ".md" {
			linkedFolder(fsys, p, problems)
			return nil
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil // images and other files beside the maps are fine
		}
		if strings.HasPrefix(p, PersonasDir+"/") || strings.HasPrefix(p, JourneysDir+"/") {
			files = append(files, p)
		} else {
			problems.Add(diag.Position{File: p}, "journeys go in content/journeys/, personas in content/personas/",
				"Markdown file outside content/journeys/ and content/personas/")
		}
		return nil
	})
	if err != nil {
		problems.Add(diag.Position{File: Dir}, "", "cannot read: %v", err)
	}
	return files
}

// decodeAll decodes the files, those not in the cache on every core, and
// gathers the results in file order.
func (l *loader) decodeAll(files []string, cache *Cache, stop <-chan struct{}) {
	decoded := make([]*decoded, len(files))
	var todo []int
	for i, f := range files {
		if d := cache.get(f); d != nil {
			decoded[i] = d
		} else {
			todo = append(todo, i)
		}
	}
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), len(todo)) {
		wg.Go(func() {
			for i := range next {
				decoded[i] = l.decodeCached(files[i], cache)
			}
		})
	}
feed:
	for _, i := range todo {
		select {
		case next <- i:
		case <-stop:
			break feed
		}
	}
	close(next)
	wg.Wait()
	for i, d := range decoded {
		if d == nil { // not decoded: the load was stopped
			continue
		}
		l.errs.Append(d.errs)
		switch {
		case d.persona == nil && d.journey == nil && strings.HasPrefix(files[i], PersonasDir+"/"):
			l.unreadPersonas[fileSlug(files[i])] = true
		case d.persona == nil && d.journey == nil:
			l.unreadJourneys[fileSlug(files[i])] = true
		case d.persona != nil:
			d.persona.Journeys = nil // links from an earlier load
			l.personas = append(l.personas, d.persona)
			l.notes[d.persona] = d.notes
		case d.journey != nil:
			d.journey.Personas, d.journey.Parent, d.journey.Children = nil, nil, nil
			d.journey.Current, d.journey.Futures = nil, nil
			l.journeys = append(l.journeys, d.journey)
			l.refs[d.journey] = d.refs
			l.notes[d.journey] = d.notes
		}
	}
}

// decoded is one file, read and checked on its own: what it says, what it
// refers to, and the problems found in it. The loader links it to the
// others afresh on every load.
type decoded struct {
	persona *Persona
	journey *Journey
	refs    journeyRefs
	errs    diag.List
	notes   fileNotes
	kpis    []kpiRow // a KPI data file's rows
}

// decodeCached reads one persona or journey file and decodes it, or
// takes its decoded form from a cache that a previous run stored when
// the file has not changed since (its hash is the same), and puts the
// result in the cache. It touches nothing shared but the cache, so that
// files can be decoded side by side.
func (l *loader) decodeCached(file string, cache *Cache) *decoded {
	if h, ok := l.sums[file]; ok {
		if d := l.restore(cache.take(file, h)); d != nil {
			cache.put(file, d, h, true)
			return d
		}
	}
	data, err := fs.ReadFile(l.fsys, file)
	if err != nil {
		d := &decoded{}
		d.errs.Add(diag.Position{File: file}, "", "cannot read: %v", diag.Cause(err))
		cache.put(file, d, Hash{}, false)
		return d
	}
	h := HashOf(data)
	if d := l.restore(cache.take(file, h)); d != nil {
		cache.put(file, d, h, true)
		return d
	}
	d := l.decode(file, data)
	cache.put(file, d, h, false)
	return d
}

// decode decodes one persona or journey file, data being its contents.
func (l *loader) decode(file string, data []byte) *decoded {
	d := &decoded{}
	t, doc, bodyLine, ok := l.read(file, data, &d.errs)
	if !ok {
		return d
	}
	if strings.HasPrefix(file, PersonasDir+"/") {
		d.persona = l.persona(file, t, doc)
		d.notes = notePersona(file, t)
	} else {
		d.journey, d.refs = l.journey(file, t, doc, bodyLine, &d.errs)
		d.notes = noteJourney(file, t, d.journey)
	}
	return d
}

// read returns a file's front matter, parsed, and its rendered body.
func (l *loader) read(file string, data []byte, errs *diag.List) (tomldoc.Table, markdown.Doc, int, bool) {
	if !diag.CheckUTF8(file, data, errs) {
		return tomldoc.Table{}, markdown.Doc{}, 0, false
	}
	sp, ok := splitFile(file, data, errs)
	if !ok {
		return tomldoc.Table{}, markdown.Doc{}, 0, false
	}
	t, ok := tomldoc.Parse(file, sp.frontLine-1, sp.front, errs)
	if !ok {
		return tomldoc.Table{}, markdown.Doc{}, 0, false
	}
	doc, err := l.md.Render(sp.body)
	if le := (*markdown.LimitError)(nil); errors.As(err, &le) {
		errs.Add(diag.Position{File: file, Line: sp.bodyLine + le.Line - 1, Col: 1}, le.Hint, "%s", le.Msg)
		return tomldoc.Table{}, markdown.Doc{}, 0, false
	}
	if err != nil {
		errs.Add(diag.Position{File: file, Line: sp.bodyLine}, "", "cannot render Markdown: %v", err)
		return tomldoc.Table{}, markdown.Doc{}, 0, false
	}
	for _, l := range doc.Refused {
		errs.Add(diag.Position{File: file, Line: sp.bodyLine + l.Line - 1, Col: l.Col}, l.Verdict.Hint, "%s", l.Verdict.Message(l.What()))
	}
	return t, doc, sp.bodyLine, true
}

func (l *loader) persona(file string, t tomldoc.Table, doc markdown.Doc) *Persona {
	p := &Persona{File: file, Slug: fileSlug(file)}
	decodePersona(t, p, l.cfg)
	if p.Photo != "" && urlpolicy.Classify(p.Photo).Kind == urlpolicy.Relative {
		// path.Join cleans "../" away: what is left must still be a file
		// under static/, which is all a build copies.
		photo := path.Join(StaticDir, strings.TrimPrefix(p.Photo, "/"))
		if fi, err := fs.Stat(l.fsys, photo); err != nil || fi.IsDir() || !strings.HasPrefix(photo, StaticDir+"/") {
			t.Errorf("photo", "put the image under static/ and give its path from there, e.g. photo = \"img/dana.jpg\"",
				"photo %q not found in static/", p.Photo)
		}
	}
	var b strings.Builder
	b.WriteString(string(doc.Intro))
	for _, sec := range doc.Sections {
		b.WriteString(string(sec.Heading))
		b.WriteString(string(sec.Body))
	}
	p.Background = template.HTML(b.String())
	return p
}

func (l *loader) journey(file string, t tomldoc.Table, doc markdown.Doc, bodyLine int, errs *diag.List) (*Journey, journeyRefs) {
	j := &Journey{File: file, Slug: fileSlug(file)}
	refs := decodeJourney(t, j, l.cfg)

	// A "## Heading" that names a stage (by name or id, in any case) holds
	// that stage's notes; every other section stays in the narrative.
	byKey := map[string]*Stage{}
	for _, s := range j.Stages {
		for _, key := range []string{strings.ToLower(strings.TrimSpace(s.Name)), s.ID} {
			if key != "" { // a name like "!!!" has no id: "## ?" must not match it
				byKey[key] = s
			}
		}
	}
	var narrative strings.Builder
	narrative.WriteString(string(doc.Intro))
	noted := map[*Stage]int{}
	for _, sec := range doc.Sections {
		s := byKey[strings.ToLower(strings.TrimSpace(sec.Title))]
		if s == nil {
			s = byKey[slug.Make(sec.Title)]
		}
		if s == nil {
			narrative.WriteString(string(sec.Heading))
			narrative.WriteString(string(sec.Body))
			continue
		}
		line := bodyLine + sec.Line - 1
		if first, dup := noted[s]; dup {
			errs.Add(diag.Position{File: file, Line: line, Col: 1},
				fmt.Sprintf("merge it into the section on line %d", first),
				"stage %q already has a notes section", s.Name)
			continue
		}
		noted[s] = line
		s.Notes = sec.Body
	}
	j.Narrative = template.HTML(narrative.String())
	return j, refs
}

// resolve checks slugs and turns references between files into pointers.
func (l *loader) resolve() {
	sort.Slice(l.personas, func(i, k int) bool { return l.personas[i].File < l.personas[k].File })
	sort.Slice(l.journeys, func(i, k int) bool { return l.journeys[i].File < l.journeys[k].File })

	personas := map[string]*Persona{}
	for _, p := range l.personas {
		l.checkSlug(p.File, p.Slug, personas[p.Slug] != nil, func() string { return personas[p.Slug].File })
		if personas[p.Slug] == nil {
			personas[p.Slug] = p
		}
	}
	journeys := map[string]*Journey{}
	for _, j := range l.journeys {
		l.checkSlug(j.File, j.Slug, journeys[j.Slug] != nil, func() string { return journeys[j.Slug].File })
		if journeys[j.Slug] == nil {
			journeys[j.Slug] = j
		}
	}
	personaSlugs := sortedKeys(personas)
	journeySlugs := sortedKeys(journeys)

	for _, j := range l.journeys {
		refs := l.refs[j]
		for _, r := range refs.personas {
			p := personas[r.slug]
			if p == nil && l.unreadPersonas[r.slug] {
				continue // its file's own error says what is wrong
			}
			if p == nil {
				l.errs.Add(r.pos, unknownHint(r.slug, personaSlugs, "a persona's slug is its file name under content/personas/"),
					"unknown persona %q", r.slug)
				continue
			}
			if !slices.Contains(j.Personas, p) {
				j.Personas = append(j.Personas, p)
			}
		}
		if r := refs.parent; r.slug != "" {
			switch p := journeys[r.slug]; {
			case p == nil && l.unreadJourneys[r.slug]:
			case p == nil:
				l.errs.Add(r.pos, unknownHint(r.slug, journeySlugs, "a journey's slug is its file name under content/journeys/"),
					"unknown parent journey %q", r.slug)
			case p == j:
				l.errs.Add(r.pos, "remove parent, or name the journey this one is a part of", "journey is its own parent")
			default:
				j.Parent = p
			}
		}
		l.resolveCurrent(j, refs.current, journeys, journeySlugs)
		slugs := make([]string, len(j.Personas))
		for i, p := range j.Personas {
			slugs[i] = p.Slug
		}
		l.resolveEmotions(j, slugs, refs, personas)
		l.resolveSteps(j, slugs, refs, personas)
	}

	l.cutParentCycles()
}

// resolveCurrent links a future-state map to the current-state map it
// improves on.
func (l *loader) resolveCurrent(j *Journey, r ref, journeys map[string]*Journey, slugs []string) {
	if r.slug == "" {
		return
	}
	if j.State != "future" {
		l.errs.Add(r.pos, `add state = "future", or remove current: only a future-state map names the map it improves on`,
			"current is only for future-state maps, and this one is %q", j.State)
		return
	}
	switch c := journeys[r.slug]; {
	case c == nil && l.unreadJourneys[r.slug]:
	case c == nil:
		l.errs.Add(r.pos, unknownHint(r.slug, slugs, "a journey's slug is its file name under content/journeys/"),
			"unknown current journey %q", r.slug)
	case c == j:
		l.errs.Add(r.pos, "name the current-state map this one improves on", "journey names itself as its current state")
	case c.State != "current":
		l.errs.Add(r.pos, fmt.Sprintf("name a current-state map; %s is a %s-state map", c.File, c.State),
			"current journey %q is not a current-state map", r.slug)
	default:
		j.Current = c
	}
}

// resolveSteps links each step to the personas it names, which must be
// the journey's own.
func (l *loader) resolveSteps(j *Journey, slugs []string, refs journeyRefs, personas map[string]*Persona) {
	for _, sp := range refs.steps {
		sp.target.Personas = nil // links from an earlier load
		for _, r := range sp.refs {
			if i := slices.Index(slugs, r.slug); i >= 0 {
				if !slices.Contains(sp.target.Personas, j.Personas[i]) {
					sp.target.Personas = append(sp.target.Personas, j.Personas[i])
				}
				continue
			}
			if hint, ok := notTheJourneys(r.slug, slugs, refs, personas, "a step's personas are the journey's"); ok {
				l.errs.Add(r.pos, hint, "step %q names %q, who is not one of this journey's personas", sp.target.Name, r.slug)
			}
		}
	}
}

// notTheJourneys is the hint for a persona slug used where one of the
// journey's personas (slugs) is expected and it is not one: a near
// slug, or to list it as one, or the journey's (rule says where they are
// expected). ok is false for a slug that personas = […] names and that
// is no persona at all: the error is there.
func notTheJourneys(slug string, slugs []string, refs journeyRefs, personas map[string]*Persona, rule string) (hint string, ok bool) {
	if slices.ContainsFunc(refs.personas, func(r ref) bool { return r.slug == slug }) {
		return "", false
	}
	hint = diag.Suggest(slug, slugs)
	switch {
	case hint != "":
	case len(slugs) == 0:
		hint = fmt.Sprintf("list the journey's personas first: personas = [%q]", slug)
	case personas[slug] != nil:
		hint = fmt.Sprintf("add %q to the journey's personas, or use one of: %s", slug, diag.Choices(slug, slugs))
	default:
		hint = rule + ": " + diag.Choices(slug, slugs)
	}
	return hint, true
}

// resolveEmotions makes each emotion written per persona of its table:
// every key must be one of the journey's personas, and the values are kept
// in the journey's persona order. It starts from what was written each
// time, as decoded files are kept between loads.
func (l *loader) resolveEmotions(j *Journey, slugs []string, refs journeyRefs, personas map[string]*Persona) {
	for _, pe := range refs.emotions {
		byPersona := make(map[string]float64, len(pe.entries))
		for _, e := range pe.entries {
			if slices.Contains(slugs, e.slug) {
				byPersona[e.slug] = e.value
				continue
			}
			if hint, ok := notTheJourneys(e.slug, slugs, refs, personas, "the keys are the journey's personas"); ok {
				l.errs.Add(e.pos, hint, "emotion for %q, who is not one of this journey's personas", e.slug)
			}
		}
		var values []PersonaEmotion
		for _, s := range slugs {
			if v, ok := byPersona[s]; ok {
				values = append(values, PersonaEmotion{Persona: s, Value: v})
			}
		}
		*pe.target = perPersona(values)
	}
}

// cutParentCycles reports every parent chain that comes back to where it
// started, which would nest a map inside itself, at each journey on the
// loop; then it cuts the loop, so that nothing that follows parents
// (breadcrumbs, children) can go round it. Each journey is walked once
// and each message names a bounded part of its loop: a chain of n
// sub-journeys costs n, not n², in time and in diagnostics.
func (l *loader) cutParentCycles() {
	const (
		unseen = iota
		onPath // on the chain being walked
		done   // walked before: its chain ends, or its loop was cut
	)
	state := make(map[*Journey]int, len(l.journeys))
	for _, j := range l.journeys {
		var chain []*Journey
		p := j
		for ; p != nil && state[p] == unseen; p = p.Parent {
			state[p] = onPath
			chain = append(chain, p)
		}
		if p != nil && state[p] == onPath {
			// The walk came back to a journey of its own chain: from
			// there on, the chain is a loop.
			loop := chain[slices.Index(chain, p):]
			for i, m := range loop {
				l.errs.Add(l.refs[m].parent.pos, "a sub-journey cannot contain its own ancestor; remove one parent key",
					"parent cycle: %s", loopText(loop, i))
			}
			loop[len(loop)-1].Parent = nil
		}
		for _, c := range chain {
			state[c] = done
		}
	}
}

// loopShown is how many journeys of a parent cycle a message names
// before it says how many more there are.
const loopShown = 8

// loopText is a parent cycle as seen from loop[i]: its slug, its parent's,
// and so on back to its own, each journey's parent being the next in loop.
func loopText(loop []*Journey, i int) string {
	var b strings.Builder
	for k := range min(len(loop), loopShown) {
		b.WriteString(loop[(i+k)%len(loop)].Slug)
		b.WriteString(" → ")
	}
	if more := len(loop) - loopShown; more > 0 {
		fmt.Fprintf(&b, "… (%d more) → ", more)
	}
	b.WriteString(loop[i].Slug)
	return b.String()
}

// checkSlug reports a file whose slug is empty or already taken.
func (l *loader) checkSlug(file, s string, taken bool, first func() string) {
	switch {
	case s == "":
		l.errs.Add(diag.Position{File: file}, "name the file with letters or digits, e.g. buying-a-bike.md",
			"file name gives an empty slug")
	case taken:
		l.errs.Add(diag.Position{File: file}, "slugs come from file names and must be unique; rename one of the files",
			"duplicate slug %q: %s has it too", s, first())
	}
}

// checkDraftRefs reports published journeys whose parent or current-state
// map is a draft that this build leaves out.
func (l *loader) checkDraftRefs(kept []*Journey) {
	for _, j := range kept {
		if j.Parent != nil && j.Parent.Status == "draft" {
			l.errs.Add(l.refs[j].parent.pos, "publish the parent (status = \"review\" or \"published\"), or build with --drafts",
				"parent journey %q is a draft, which this build leaves out", j.Parent.Slug)
		}
		if j.Current != nil && j.Current.Status == "draft" {
			l.errs.Add(l.refs[j].current.pos, "publish the current-state map (status = \"review\" or \"published\"), or build with --drafts",
				"current journey %q is a draft, which this build leaves out", j.Current.Slug)
		}
	}
}

// link fills in the back-references: each persona's journeys and each
// journey's sub-journeys, and sorts everything for display.
func link(site *Site) {
	// The lower-case keys are made once per item, not once per
	// comparison: watch mode links thousands of journeys on every save.
	type keyed[T any] struct {
		key, slug string
		item      T
	}
	js := make([]keyed[*Journey], len(site.Journeys))
	for i, j := range site.Journeys {
		js[i] = keyed[*Journey]{strings.ToLower(j.Title), j.Slug, j}
	}
	slices.SortStableFunc(js, func(a, b keyed[*Journey]) int {
		return cmp.Or(strings.Compare(a.key, b.key), strings.Compare(a.slug, b.slug))
	})
	for i := range js {
		site.Journeys[i] = js[i].item
	}
	ps := make([]keyed[*Persona], len(site.Personas))
	for i, p := range site.Personas {
		ps[i] = keyed[*Persona]{key: strings.ToLower(p.Name), item: p}
	}
	slices.SortStableFunc(ps, func(a, b keyed[*Persona]) int { return strings.Compare(a.key, b.key) })
	for i := range ps {
		site.Personas[i] = ps[i].item
	}
	kept := map[*Journey]bool{}
	for _, j := range site.Journeys {
		kept[j] = true
	}
	for _, j := range site.Journeys {
		for _, p := range j.Personas {
			p.Journeys = append(p.Journeys, j)
		}
		if j.Parent != nil && kept[j.Parent] {
			j.Parent.Children = append(j.Parent.Children, j)
		}
		if j.Current != nil && kept[j.Current] {
			j.Current.Futures = append(j.Current.Futures, j)
		}
	}
}

func unknownHint(got string, known []string, otherwise string) string {
	if h := diag.Suggest(got, known); h != "" {
		return h
	}
	return otherwise
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func fileSlug(file string) string {
	return slug.Make(strings.TrimSuffix(path.Base(file), ".md"))
}
