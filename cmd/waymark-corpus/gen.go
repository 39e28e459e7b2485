package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

// Layout of a generated corpus, relative to its folder.
const (
	siteFile    = "site.toml"
	contentDir  = "content"
	personasDir = "content/personas"
	journeysDir = "content/journeys"

	hugoConfig  = "hugo.toml"
	hugoPosts   = "content/posts"
	hugoLayouts = "layouts"
)

// Shape of every journey.
const (
	stagesPerJourney     = 6
	touchpointsPerStage  = 3
	journeysPerPersona   = 20
	maxPersonasInJourney = 3
)

// file is one generated file: its slash-separated path under the
// corpus folder and its contents.
type file struct {
	name string
	data []byte
}

// corpus is a generated site, and the same bodies as a Hugo site.
type corpus struct {
	site     []file
	hugo     []file
	journeys int
	personas int
}

// generate makes a corpus of n journeys from seed. The same n and seed
// always give the same bytes.
func generate(n int, seed uint64) *corpus {
	g := &gen{r: rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))}
	c := &corpus{journeys: n}

	c.site = append(c.site, file{siteFile, siteTOML(n)})
	people := g.personas(max(1, n/journeysPerPersona))
	c.personas = len(people)
	for _, p := range people {
		c.site = append(c.site, file{personasDir + "/" + p.slug + ".md", p.doc})
	}

	plans := g.plan(n, people)
	c.hugo = append(c.hugo, hugoSkeleton(n)...)
	for i := range plans {
		j := g.journey(plans, i, people)
		front := j.frontMatter(plans, people)
		body := j.body(plans, people)
		c.site = append(c.site, file{journeysDir + "/" + plans[i].folder + "/" + plans[i].slug + ".md", join("+++\n", front, "+++\n\n", body)})
		c.hugo = append(c.hugo, file{hugoPosts + "/" + plans[i].slug + ".md", join("+++\ntitle = ", tomldoc.Quote(plans[i].title), "\n+++\n\n", body)})
	}
	return c
}

func join(parts ...string) []byte {
	return []byte(strings.Join(parts, ""))
}

// gen draws every random choice from one seeded source, in a fixed order.
type gen struct {
	r *rand.Rand
}

func pick[T any](g *gen, list []T) T { return list[g.r.IntN(len(list))] }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// between returns a whole number from lo to hi inclusive.
func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// indices returns k distinct indices below n, in random order.
func (g *gen) indices(n, k int) []int {
	p := g.r.Perm(n)
	return p[:min(k, n)]
}

// some returns from lo to hi distinct entries of list, filled in.
func (g *gen) some(list []string, lo, hi int, p product) []string {
	idx := g.indices(len(list), g.between(lo, hi))
	out := make([]string, len(idx))
	for i, k := range idx {
		out[i] = g.fill(list[k], p)
	}
	return out
}

// fill replaces the placeholders in s (see vocab.go).
func (g *gen) fill(s string, p product) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		k := strings.IndexByte(s[i:], '}')
		if k < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		switch key := s[i+1 : i+k]; key {
		case "product":
			b.WriteString(p.name)
		case "a-product":
			b.WriteString(p.withArticle)
		case "pct":
			b.WriteString(strconv.Itoa(g.between(5, 70)))
		case "n":
			b.WriteString(strconv.Itoa(g.between(2, 9)))
		case "days":
			b.WriteString(strconv.Itoa(g.between(2, 14)))
		case "mins":
			b.WriteString(strconv.Itoa(g.between(6, 35)))
		case "price":
			b.WriteString(pounds(g.between(3, 30) * 100))
		case "city":
			b.WriteString(pick(g, cities))
		default:
			panic("vocabulary: unknown placeholder {" + key + "}")
		}
		s = s[i+k+1:]
	}
}

// pounds formats a whole amount: £1,200.
func pounds(v int) string { return "£" + thousands(v) }

// thousands formats a count below a million with a comma: 23,570.
func thousands(v int) string {
	if v < 1000 {
		return strconv.Itoa(v)
	}
	return fmt.Sprintf("%d,%03d", v/1000, v%1000)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// lowerFirst lower-cases the first letter of s for use inside a
// sentence, unless its first word is a name like "Ride2Work" or "NPS".
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	if word == "" || strings.ContainsFunc(word[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// emo formats an emotion as TOML and as text: "1.5", "-2", "0".
func emo(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// signed formats an emotion with its sign, as the site shows it.
func signed(v float64) string {
	if v > 0 {
		return "+" + emo(v)
	}
	return emo(v)
}

func clamp(v float64) float64 { return max(-2, min(2, v)) }

// siteTOML is the site configuration with every channel.
func siteTOML(n int) []byte {
	var b strings.Builder
	var t tomldoc.Block
	t.Text("title", fmt.Sprintf("Northwind Bikes: benchmark corpus (%d journeys)", n))
	t.Text("description", "A generated corpus of journey maps, personas and channels for measuring waymark's build speed. The words are realistic; the research is not.")
	t.Text("base_url", "https://intranet.example/cx/maps/")
	t.Text("theme", "default")
	t.Text("language", "en")
	t.Text("edit_url", "https://git.example/cx/journey-maps/-/edit/main/{path}")
	b.WriteString(t.Render(""))
	b.WriteString("\n[build]\nminify = false\ndrafts = false\n\n# Channels, in the order they appear in matrices and filters.\n")
	for _, ch := range channels {
		b.WriteString("\n[[channels]]\n")
		var t tomldoc.Block
		t.Text("id", ch.id)
		t.Text("name", ch.name)
		t.Text("kind", ch.kind)
		t.Text("description", ch.description)
		b.WriteString(t.Render(""))
	}
	return []byte(b.String())
}

// person is a generated persona.
type person struct {
	slug, name string
	doc        []byte
}

func (g *gen) personas(count int) []person {
	people := make([]person, count)
	combos := len(firstNames) * len(lastNames)
	offset := g.r.IntN(combos)
	for i := range people {
		// Walk every first × last pair once, from a random start, then
		// again with a middle initial: names never repeat.
		k := (offset + i*7919) % combos // 7919 is prime, so coprime with combos
		first, last := firstNames[k%len(firstNames)], lastNames[k/len(firstNames)]
		name := first + " " + last
		if round := i / combos; round > 0 {
			name = fmt.Sprintf("%s %c. %s", first, 'A'+rune((round-1)%26), last)
			if round > 26 {
				name += fmt.Sprintf(" %d", round)
			}
		}
		people[i] = person{slug: slug.Make(name), name: name}
		people[i].doc = g.personaDoc(first, name)
	}
	return people
}

func (g *gen) personaDoc(first, name string) []byte {
	p := pick(g, products)
	role := pick(g, roles)
	prefs := g.indices(len(channels), g.between(3, 4))
	slices.Sort(prefs)
	ids := make([]string, len(prefs))
	for i, k := range prefs {
		ids[i] = channels[k].id
	}
	goals := g.some(personaGoals, 2, 3, p)
	pains := g.some(personaPains, 2, 3, p)

	var b strings.Builder
	b.WriteString("+++\n")
	var t tomldoc.Block
	t.Text("name", name)
	t.Text("role", role)
	t.Text("quote", pick(g, personaQuotes))
	t.List("goals", goals)
	t.List("pain_points", pains)
	t.List("behaviors", g.some(personaBehaviors, 2, 3, p))
	t.List("motivations", g.some(personaMotivations, 1, 2, p))
	t.List("channels", ids)
	t.List("tags", g.some(personaTags, 2, 3, p))
	b.WriteString(t.Render(""))
	b.WriteString("\n[demographics]\n")
	var d tomldoc.Block
	d.Text("age", strconv.Itoa(g.between(19, 74)))
	d.Text("occupation", pick(g, occupations))
	d.Text("location", pick(g, locations))
	d.Text("household", pick(g, households))
	d.Text("tech_comfort", pick(g, techComfort))
	d.Text("rides", pick(g, []string{"Daily", "Three days a week", "Weekends", "A few times a month", "Not yet"}))
	b.WriteString(d.Render(""))
	b.WriteString("+++\n\n")

	ch := channels[prefs[0]]
	fmt.Fprintf(&b, "%s is our *%s*: %s %s, and the reason a lot of our %s decisions look the way they do.\n\n",
		first, lowerFirst(role), pick(g, []string{"someone who", "a customer who"}),
		pick(g, []string{"weighs every purchase carefully", "rides more than most", "came back to cycling recently", "needs the bike to work every single day"}),
		p.name)
	fmt.Fprintf(&b, "What %s needs from us:\n\n", first)
	for _, s := range goals {
		fmt.Fprintf(&b, "- %s\n", s)
	}
	fmt.Fprintf(&b, "\nThe biggest frustration is **%s**. %s usually comes to us through [%s](../../channels/%s/) first and expects the answer there, not a referral to another channel.\n",
		lowerFirst(pains[0]), first, ch.name, ch.id)
	fmt.Fprintf(&b, "\nIn our research, %d%% of %s buyers look like %s. %s\n",
		g.between(8, 45), p.name, first, pick(g, []string{
			"Their journeys are mapped below.",
			"The profile is based on interviews and the customer survey.",
			"Treat the numbers as indicative: the sample is small.",
		}))
	return []byte(b.String())
}

// plan is what is decided about a journey before its stages are drawn:
// enough for other journeys to link to it.
type plan struct {
	slug, title, folder string
	area                area
	product             product
	kind                string // the journey type
	state, status       string
	scenario            string
	personas            []int
	parent              int // index of the parent journey, or -1
	futureOf            int // index of the current-state journey this is the future of, or -1
	future              int // index of this journey's future state, or -1
	children            []int
}

// plan decides every journey's title, slug, folder and relations. A
// parent always comes before its children, so parents never form a
// cycle.
func (g *gen) plan(n int, people []person) []plan {
	plans := make([]plan, n)
	taken := map[string]bool{}
	claim := func(title string) (string, string) {
		if s := slug.Make(title); !taken[s] {
			taken[s] = true
			return title, s
		}
		start := g.r.IntN(len(cities))
		for k := range cities {
			t := title + ", " + cities[(start+k)%len(cities)]
			if s := slug.Make(t); !taken[s] {
				taken[s] = true
				return t, s
			}
		}
		for k := 2; ; k++ {
			t := fmt.Sprintf("%s (%d)", title, k)
			if s := slug.Make(t); !taken[s] {
				taken[s] = true
				return t, s
			}
		}
	}
	var twinnable, parents []int // current-state journeys without a future state; journeys that may have children
	for i := range plans {
		p := &plans[i]
		p.parent, p.futureOf, p.future = -1, -1, -1
		switch {
		case len(twinnable) > 0 && g.chance(0.1):
			k := g.r.IntN(len(twinnable))
			base := twinnable[k]
			twinnable = slices.Delete(twinnable, k, k+1)
			b := &plans[base]
			p.title, p.slug = claim(b.title + ": future state")
			p.folder, p.area, p.product, p.kind = b.folder, b.area, b.product, b.kind
			p.scenario = b.scenario
			p.parent = b.parent
			p.personas = slices.Clone(b.personas)
			p.state, p.status = "future", pick(g, []string{"review", "review", "published"})
			p.futureOf, b.future = base, i
			if p.parent >= 0 {
				plans[p.parent].children = append(plans[p.parent].children, i)
			}
			continue
		case len(parents) > 0 && g.chance(0.15):
			p.parent = pick(g, parents)
			par := &plans[p.parent]
			par.children = append(par.children, i)
			sc := g.scenario(par.area.folder)
			title := upperFirst(g.fill(sc.title, par.product))
			if !strings.Contains(sc.title, "{product}") {
				title += ": " + par.product.name
			}
			p.title, p.slug = claim(title)
			p.folder, p.area, p.product = par.folder, par.area, par.product
			p.kind, p.scenario = "tactical", g.fill(sc.question, par.product)
			p.personas = pickPersonas(g, len(people), par.personas)
		default:
			// Draw again when a title is taken, before claim resorts to
			// a city or a number.
			var title string
			for range 8 {
				p.area, p.product = pick(g, areas), pick(g, products)
				title = upperFirst(g.fill(pick(g, p.area.titles), p.product))
				if g.chance(0.6) {
					title += " " + pick(g, p.area.qualifiers)
				}
				if !taken[slug.Make(title)] {
					break
				}
			}
			p.title, p.slug = claim(title)
			p.folder = p.area.folder + "/" + slug.Make(p.product.name)
			p.kind = pick(g, []string{"strategic", "strategic", "strategic", "goal-based", "goal-based", "day-in-the-life"})
			p.personas = pickPersonas(g, len(people), nil)
		}
		p.state, p.status = "current", "published"
		if g.chance(0.05) {
			p.state = "future"
		}
		if g.chance(0.2) {
			p.status = "review"
		}
		if p.state == "current" {
			twinnable = append(twinnable, i)
		}
		parents = append(parents, i)
	}
	return plans
}

// scenario picks a scenario that fits a journey in the area.
func (g *gen) scenario(area string) scenario {
	var fit []scenario
	for _, sc := range scenarios {
		if slices.Contains(sc.areas, area) {
			fit = append(fit, sc)
		}
	}
	if len(fit) == 0 {
		fit = scenarios
	}
	return pick(g, fit)
}

// pickPersonas picks 1-3 personas, from among from when it is given.
func pickPersonas(g *gen, count int, from []int) []int {
	if len(from) > 0 {
		k := g.between(1, len(from))
		out := slices.Clone(from[:k])
		return out
	}
	idx := g.indices(count, g.between(1, maxPersonasInJourney))
	slices.Sort(idx)
	return idx
}

// journey is a journey with its stages drawn.
type journey struct {
	plan    *plan
	goal    string
	summary string
	owner   string
	updated string
	version string
	tags    []string
	stages  []*stage
	notes   []int // indices of the stages that get a notes section
	g       *gen
}

type stage struct {
	phase         *phase
	id            string // explicit id, or ""
	name          string
	goal          string
	description   string
	doing         []string
	thinking      []string
	feeling       string
	emotion       float64
	pains         []string
	opportunities []string
	frontstage    []string
	backstage     []string
	kpis          []string
	moment        bool
	touchpoints   []*stageTouchpoint
	evidence      []*evidence
}

type stageTouchpoint struct {
	name, description, owner string
	channels                 []string
	emotion                  float64
	hasEmotion, moment       bool
}

type evidence struct {
	kind, title, quote, url string
	n                       int
}

// unit is what the evidence's sample size counts.
func (e *evidence) unit() string {
	if e.kind == "analytics" || e.kind == "support" {
		return "records"
	}
	return "people"
}

var evidenceKinds = []string{"survey", "interview", "poll", "analytics", "support", "observation"}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

func (g *gen) journey(plans []plan, i int, people []person) *journey {
	p := &plans[i]
	j := &journey{plan: p, g: g}

	// Six of the lifecycle's phases, in order.
	idx := g.indices(len(phases), stagesPerJourney)
	slices.Sort(idx)
	ids := map[string]bool{}
	e := pick(g, []float64{0, 0.5, 1, 1.5})
	for k, ph := range idx {
		s := g.stage(&phases[ph], p.product)
		id := slug.Make(s.name)
		if s.id != "" {
			id = s.id
		}
		for n := 2; ids[id]; n++ {
			id = fmt.Sprintf("%s-%d", slug.Make(s.name), n)
			s.id = id
		}
		ids[id] = true
		if k > 0 {
			e = clamp(e + pick(g, []float64{-1.5, -1, -0.5, -0.5, 0, 0.5, 0.5, 1}))
		}
		s.emotion = e
		j.stages = append(j.stages, s)
	}
	// Every map has a low point worth talking about; a future state is
	// brighter than today.
	lo, _ := j.extremes()
	if j.stages[lo].emotion > -0.5 {
		lo = g.between(1, len(j.stages)-1)
		j.stages[lo].emotion = pick(g, []float64{-1, -1.5, -2})
	}
	if p.state == "future" {
		for _, s := range j.stages {
			s.emotion = clamp(s.emotion + pick(g, []float64{0.5, 1}))
		}
	}
	lo, hi := j.extremes()
	for _, s := range j.stages {
		s.feeling = pick(g, feelings[int(math.Round(s.emotion))+2])
		for _, tp := range s.touchpoints {
			if g.chance(0.65) {
				tp.hasEmotion = true
				tp.emotion = clamp(s.emotion + pick(g, []float64{-1, -0.5, 0, 0, 0.5, 1}))
			}
		}
	}
	if g.chance(0.75) {
		j.markMoment(lo)
	}
	if g.chance(0.25) && hi != lo {
		j.markMoment(hi)
	}

	// Stage notes: the low point and one to three others, in stage order.
	j.notes = append(g.indices(len(j.stages), g.between(2, 4)), lo)
	slices.Sort(j.notes)
	j.notes = slices.Compact(j.notes)

	j.goal = g.fill(pick(g, j.stages[len(j.stages)-1].phase.goals), p.product)
	chans := j.channelsUsed()
	switch {
	case p.futureOf >= 0:
		j.summary = fmt.Sprintf("The %s journey we want by %s %d: %s, and %s.", lowerFirst(plans[p.futureOf].title),
			pick(g, []string{"spring", "summer", "autumn", "winter"}), g.between(2027, 2028),
			lowerFirst(j.stages[lo].opportunities[0]), lowerFirst(j.stages[hi].opportunities[0]))
	case p.parent >= 0:
		j.summary = fmt.Sprintf("What a customer goes through when %s, from %s to %s.",
			lowerFirst(strings.TrimSuffix(strings.TrimPrefix(p.scenario, "What happens if "), "?")),
			lowerFirst(j.stages[0].name), lowerFirst(j.stages[len(j.stages)-1].name))
	default:
		j.summary = fmt.Sprintf("%s: from %s to %s, across %s, %s and %s.", p.title,
			lowerFirst(j.stages[0].name), lowerFirst(j.stages[len(j.stages)-1].name),
			channelName(chans[0]), channelName(chans[len(chans)/2]), channelName(chans[len(chans)-1]))
	}
	j.owner = fmt.Sprintf("%s (%s %s)", pick(g, teams), pick(g, firstNames), pick(g, lastNames))
	j.updated = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.r.IntN(700)).Format(time.DateOnly)
	if p.state == "future" {
		j.version = fmt.Sprintf("0.%d", g.between(1, 9))
	} else {
		j.version = fmt.Sprintf("%d.%d", g.between(1, 3), g.r.IntN(10))
	}
	j.tags = append(g.some(p.area.tags, 2, 3, p.product), slug.Make(p.product.name))
	if p.state == "future" {
		j.tags = append(j.tags, "roadmap")
	}
	return j
}

// extremes returns the first lowest and first highest stage.
func (j *journey) extremes() (lo, hi int) {
	for k, s := range j.stages {
		if s.emotion < j.stages[lo].emotion {
			lo = k
		}
		if s.emotion > j.stages[hi].emotion {
			hi = k
		}
	}
	return lo, hi
}

// markMoment makes a stage and one of its touchpoints moments of truth.
func (j *journey) markMoment(k int) {
	s := j.stages[k]
	s.moment = true
	s.touchpoints[j.g.r.IntN(len(s.touchpoints))].moment = true
}

// channelsUsed returns the ids of the channels the journey's touchpoints
// use, in site order.
func (j *journey) channelsUsed() []string {
	used := map[string]bool{}
	for _, s := range j.stages {
		for _, tp := range s.touchpoints {
			for _, c := range tp.channels {
				used[c] = true
			}
		}
	}
	var out []string
	for _, ch := range channels {
		if used[ch.id] {
			out = append(out, ch.id)
		}
	}
	return out
}

func channelName(id string) string {
	for _, ch := range channels {
		if ch.id == id {
			return ch.name
		}
	}
	panic("vocabulary: unknown channel " + id)
}

func (g *gen) stage(ph *phase, p product) *stage {
	n := pick(g, ph.names)
	s := &stage{phase: ph, name: n.name}
	if n.id != "" && g.chance(0.4) {
		s.id = n.id
	}
	s.goal = g.fill(pick(g, ph.goals), p)
	s.description = g.fill(pick(g, ph.descriptions), p)
	s.doing = g.some(ph.doing, 2, 4, p)
	s.thinking = g.some(ph.thinking, 1, 2, p)
	s.pains = g.some(ph.pains, 1, 3, p)
	s.opportunities = g.some(ph.opportunities, 1, 3, p)
	s.frontstage = g.some(ph.frontstage, 2, 3, p)
	s.backstage = g.some(ph.backstage, 2, 3, p)
	s.kpis = g.some(ph.kpis, 2, 3, p)
	for _, k := range g.indices(len(ph.touchpoints), touchpointsPerStage) {
		v := ph.touchpoints[k]
		s.touchpoints = append(s.touchpoints, &stageTouchpoint{
			name:        g.fill(v.name, p),
			description: g.fill(v.description, p),
			owner:       v.owner,
			channels:    v.channels,
		})
	}
	for range g.between(1, 2) {
		s.evidence = append(s.evidence, g.evidence(ph, p))
	}
	return s
}

func (g *gen) evidence(ph *phase, p product) *evidence {
	e := &evidence{kind: pick(g, evidenceKinds)}
	year := g.between(2025, 2026)
	topic := ph.topic
	var dir string
	switch e.kind {
	case "survey":
		e.title = fmt.Sprintf("%s %d %s survey", pick(g, []string{"Spring", "Summer", "Autumn", "Winter"}), year, topic)
		e.n, dir = g.between(200, 3000), "surveys"
	case "interview":
		e.title = fmt.Sprintf("%s interviews, %s %d", upperFirst(p.name), pick(g, months), year)
		e.n, dir = g.between(6, 30), "interviews"
	case "poll":
		e.title = fmt.Sprintf("In-app poll on %s, %s %d", topic, pick(g, months), year)
		e.n, dir = g.between(300, 5000), "polls"
	case "analytics":
		m := g.r.IntN(6)
		e.title = fmt.Sprintf("%s funnel, %s to %s %d", upperFirst(topic), months[m], months[m+g.between(2, 6)], year)
		e.n, dir = g.between(1000, 60000), "analytics"
	case "support":
		e.title = fmt.Sprintf("Contact reasons for %s, Q%d %d", topic, g.between(1, 4), year)
		e.n, dir = g.between(500, 12000), "support"
	case "observation":
		e.title = fmt.Sprintf("%s, %s %d", pick(g, []string{"Mystery shop", "Store observation", "Accompanied rides", "Workshop shadowing"}), pick(g, cities), year)
		e.n, dir = g.between(6, 48), "observation"
	}
	if e.kind == "analytics" || e.kind == "support" {
		e.quote = g.fill(pick(g, ph.findings), p)
	} else {
		e.quote = g.fill(pick(g, ph.quotes), p)
	}
	e.url = "https://research.example/" + dir + "/" + slug.Make(e.title)
	return e
}

// frontMatter is the journey's TOML, without the +++ lines.
func (j *journey) frontMatter(plans []plan, people []person) string {
	p := j.plan
	var b strings.Builder
	var t tomldoc.Block
	t.Text("title", p.title)
	t.Text("summary", j.summary)
	slugs := make([]string, len(p.personas))
	for i, k := range p.personas {
		slugs[i] = people[k].slug
	}
	t.List("personas", slugs)
	t.Text("state", p.state)
	t.Text("type", p.kind)
	t.Text("goal", j.goal)
	t.Text("scenario", p.scenario)
	if p.parent >= 0 {
		t.Text("parent", plans[p.parent].slug)
	}
	t.Text("status", p.status)
	t.Text("owner", j.owner)
	t.Raw("updated", j.updated)
	t.Text("version", j.version)
	t.List("tags", j.tags)
	b.WriteString(t.Render(""))
	for _, s := range j.stages {
		b.WriteString("\n[[stages]]\n")
		var t tomldoc.Block
		t.Text("id", s.id)
		t.Text("name", s.name)
		t.Text("goal", s.goal)
		t.Text("description", s.description)
		t.List("doing", s.doing)
		if len(s.thinking) == 1 {
			t.Text("thinking", s.thinking[0]) // a single string is a list of one
		} else {
			t.List("thinking", s.thinking)
		}
		t.Text("feeling", s.feeling)
		t.Raw("emotion", emo(s.emotion))
		if s.moment {
			t.Raw("moment_of_truth", "true")
		}
		t.List("pain_points", s.pains)
		t.List("opportunities", s.opportunities)
		t.List("frontstage", s.frontstage)
		t.List("backstage", s.backstage)
		t.List("kpis", s.kpis)
		b.WriteString(t.Render(""))
		for _, tp := range s.touchpoints {
			b.WriteString("\n  [[stages.touchpoints]]\n")
			var t tomldoc.Block
			t.Text("name", tp.name)
			t.List("channels", tp.channels)
			t.Text("description", tp.description)
			if tp.hasEmotion {
				t.Raw("emotion", emo(tp.emotion))
			}
			t.Text("owner", tp.owner)
			if tp.moment {
				t.Raw("moment_of_truth", "true")
			}
			b.WriteString(t.Render("  "))
		}
		for _, e := range s.evidence {
			b.WriteString("\n  [[stages.evidence]]\n")
			var t tomldoc.Block
			t.Text("kind", e.kind)
			t.Text("title", e.title)
			t.Raw("n", strconv.Itoa(e.n))
			t.Text("quote", e.quote)
			t.Text("url", e.url)
			b.WriteString(t.Render("  "))
		}
	}
	return b.String()
}

// body is the journey's Markdown: a narrative with a table, notes for
// several stages, the method as a list and the next steps.
func (j *journey) body(plans []plan, people []person) string {
	g, p := j.g, j.plan
	var b strings.Builder
	lo, hi := j.extremes()
	low, high := j.stages[lo], j.stages[hi]

	links := make([]string, len(p.personas))
	for i, k := range p.personas {
		links[i] = fmt.Sprintf("[%s](../../personas/%s/)", people[k].name, people[k].slug)
	}
	chans := j.channelsUsed()
	chLink := func(id string) string { return fmt.Sprintf("[%s](../../channels/%s/)", channelName(id), id) }
	tps := 0
	for _, s := range j.stages {
		tps += len(s.touchpoints)
	}

	parentInIntro := p.futureOf < 0 && p.parent >= 0 && p.kind == "tactical"
	switch {
	case parentInIntro:
		fmt.Fprintf(&b, "This tactical map answers one question: *%s* It zooms in on part of [%s](../%s/) and follows %s through %d stages and %d touchpoints.\n\n",
			p.scenario, plans[p.parent].title, plans[p.parent].slug, listing(links), len(j.stages), tps)
	case p.futureOf >= 0:
		fmt.Fprintf(&b, "This is the **future-state** version of [%s](../%s/): the journey we are designing towards, not the one customers have today. It keeps the same %d stages so the two curves can be compared side by side, and follows %s.\n\n",
			plans[p.futureOf].title, plans[p.futureOf].slug, len(j.stages), listing(links))
	default:
		fmt.Fprintf(&b, "This is the %s-state map of *%s*, from %s to %s. It follows %s across %d touchpoints on %d channels, from %s to %s.\n\n",
			p.state, lowerFirst(p.title), lowerFirst(j.stages[0].name), lowerFirst(j.stages[len(j.stages)-1].name),
			listing(links), tps, len(chans), chLink(chans[0]), chLink(chans[len(chans)-1]))
	}
	fmt.Fprintf(&b, "%s The lowest point is **%s** (%s, %s), where %s. The highest is **%s** (%s), and %s.\n\n",
		pick(g, []string{"The curve tells a familiar story.", "The emotion curve is uneven.", "Most of the journey goes well, but not all of it.", "The shape of the curve matters more than any one score."}),
		low.name, lowerFirst(low.feeling), signed(low.emotion), lowerFirst(low.pains[0]),
		high.name, signed(high.emotion), pick(g, []string{
			"that is the experience worth protecting",
			"most of the goodwill is won back there",
			"customers mention it unprompted in interviews",
			"it is the part other teams should copy",
		}))

	b.WriteString("| Stage | Feeling | Emotion | Main pain point | Evidence |\n|---|---|---|---|---|\n")
	for _, s := range j.stages {
		e := s.evidence[0]
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s (n = %s) |\n", s.name, s.feeling, signed(s.emotion), s.pains[0], e.title, thousands(e.n))
	}
	b.WriteString("\n")

	for _, k := range j.notes {
		s := j.stages[k]
		fmt.Fprintf(&b, "## %s\n\n", s.name)
		e := s.evidence[len(s.evidence)-1]
		fmt.Fprintf(&b, "%s In the [%s](%s), %s %s pointed the same way:\n\n> %s\n\n",
			s.description, lowerFirst(e.title), e.url, thousands(e.n), e.unit(), e.quote)
		tp := s.touchpoints[g.r.IntN(len(s.touchpoints))]
		fmt.Fprintf(&b, "The touchpoint to watch is *%s* (%s). %s\n\n", tp.name, chLink(tp.channels[0]),
			pick(g, []string{
				"It is where expectations set earlier are either met or broken.",
				"Small changes here have moved the whole curve before.",
				"Its owner has agreed to review it this quarter.",
				"Nobody owns it end to end today.",
			}))
		if len(s.pains) > 1 || g.chance(0.5) {
			for i, pain := range s.pains {
				fmt.Fprintf(&b, "- %s", pain)
				if i < len(s.opportunities) {
					fmt.Fprintf(&b, ": *%s*", lowerFirst(s.opportunities[i]))
				}
				b.WriteString("\n")
			}
			b.WriteString("\n")
		}
	}

	b.WriteString("## Method\n\n")
	for _, s := range j.stages {
		for _, e := range s.evidence {
			fmt.Fprintf(&b, "- %s (%s, n = %s): [%s](%s)\n", upperFirst(e.kind), s.name, thousands(e.n), e.title, e.url)
		}
	}
	b.WriteString("\n")

	b.WriteString("## Next steps\n\n")
	for i, k := range []int{lo, hi} {
		s := j.stages[k]
		fmt.Fprintf(&b, "%d. **%s** (%s, by Q%d %d)\n", i+1, s.opportunities[0], s.touchpoints[0].owner, g.between(1, 4), g.between(2026, 2027))
	}
	b.WriteString("\n")

	var related []string
	if p.parent >= 0 && !parentInIntro {
		related = append(related, fmt.Sprintf("Part of [%s](../%s/)", plans[p.parent].title, plans[p.parent].slug))
	}
	if p.future >= 0 {
		related = append(related, fmt.Sprintf("Future state: [%s](../%s/)", plans[p.future].title, plans[p.future].slug))
	}
	for _, c := range p.children {
		if c != p.future {
			related = append(related, fmt.Sprintf("Sub-journey: [%s](../%s/)", plans[c].title, plans[c].slug))
		}
	}
	if len(related) > 0 {
		b.WriteString("## Related maps\n\n")
		for _, r := range related {
			fmt.Fprintf(&b, "- %s\n", r)
		}
	}
	return b.String()
}

// listing joins items as prose: "a", "a and b", "a, b and c".
func listing(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// hugoSkeleton is the Hugo site around the posts: its configuration and
// a bare layout that prints each page's title and content.
func hugoSkeleton(n int) []file {
	config := fmt.Sprintf(`baseURL = "https://bench.example/"
title = "waymark benchmark corpus (%d pages)"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
`, n)
	// The layout folder is in the _default style, which every Hugo version
	// reads (v0.146 and later map it to the new lookup); list.html also
	// serves the home page.
	baseof := `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
</head>
<body>
{{ block "main" . }}{{ end }}
</body>
</html>
`
	single := `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
{{ end }}
`
	list := `{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
{{ end }}
`
	return []file{
		{hugoConfig, []byte(config)},
		{hugoLayouts + "/_default/baseof.html", []byte(baseof)},
		{hugoLayouts + "/_default/single.html", []byte(single)},
		{hugoLayouts + "/_default/list.html", []byte(list)},
	}
}
