package importer

import (
	"fmt"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

// Site is what drafts are matched against: the site's personas and
// channels, and the journeys it has.
type Site struct {
	Personas []Persona
	Channels []config.Channel
	// Journeys maps the slug of each journey file to its path from the
	// site root ("content/journeys/sub/buy.md").
	Journeys map[string]string
}

// Persona is a persona of the site, or one Plan makes for an actor.
type Persona struct {
	Slug, Name string
	// From is where a new persona was first named: file:line.
	From diag.Position
}

// NewChannel is a channel Plan adds to site.toml.
type NewChannel struct {
	config.Channel
	From diag.Position // the first touchpoint on it
}

// Plan is what an import writes.
type Plan struct {
	Journeys []Journey
	Personas []Persona    // new ones, for files of their own
	Channels []NewChannel // new ones, appended to site.toml
	// SiteTOML is the text to append to site.toml for Channels, "" when
	// there are none.
	SiteTOML string
}

// Journey is a journey file to write.
type Journey struct {
	Path     string // from the site root: content/journeys/<slug>.md
	Text     string
	Replaces bool // a file is there, and --force replaces it
	Draft    *Draft
}

// PlanOptions control Plan.
type PlanOptions struct {
	Force bool      // replace journey files that exist
	Now   time.Time // the updated date written
}

// DefaultKind is the kind of a channel Plan adds; the comment above it in
// site.toml asks for it to be checked.
const DefaultKind = "digital"

// MakePlan matches the drafts' personas and touchpoints' channels to
// the site's, by id (slug) or name in any case ("Social media" is the
// channel named "Social Media"), makes new ones of the rest, and writes
// each draft's journey file. It reports journeys that would clash with
// a file: one of the same slug elsewhere, or at the same path unless
// opts.Force.
func MakePlan(drafts []*Draft, site Site, opts PlanOptions) (*Plan, diag.List) {
	var errs diag.List
	p := &Plan{}
	m := matcher{site: site, plan: p}
	written := map[string]*Draft{}
	for _, d := range drafts {
		pos := diag.Position{File: d.File, Line: d.Line}
		s := slug.Make(d.Title)
		if s == "" {
			errs.Add(pos, "the journey's file name is made of the letters and digits of its title: give it some (a title line in Mermaid)",
				"title %q gives no file name", d.Title)
			continue
		}
		rel := content.JourneysDir + "/" + s + ".md"
		if other, dup := written[s]; dup {
			errs.Add(pos, "give one of them another title", "%s would write %s too, as %s does", d.File, rel, other.File)
			continue
		}
		written[s] = d
		existing, taken := site.Journeys[s]
		switch {
		case taken && existing != rel:
			errs.Add(pos, "give the journey another title; --force only replaces a file at "+rel,
				"a journey with the slug %q already exists: %s", s, existing)
			continue
		case taken && !opts.Force:
			errs.Add(pos, "pass --force to replace it, or give the journey another title",
				"%s already exists", rel)
			continue
		}
		text, more := m.journey(d, opts.Now)
		errs.Append(more)
		p.Journeys = append(p.Journeys, Journey{Path: rel, Text: text, Replaces: taken, Draft: d})
	}
	p.SiteTOML = channelsText(p.Channels)
	return p, errs
}

// matcher matches names to the site's personas and channels, and to
// those the plan adds.
type matcher struct {
	site Site
	plan *Plan
}

// persona is the slug of the persona an actor names, made new if the
// site has none by that name or slug.
func (m *matcher) persona(name string, from diag.Position) string {
	s := slug.Make(name)
	for _, list := range [][]Persona{m.site.Personas, m.plan.Personas} {
		for _, p := range list {
			if strings.EqualFold(p.Name, name) || p.Slug == s {
				return p.Slug
			}
		}
	}
	m.plan.Personas = append(m.plan.Personas, Persona{Slug: s, Name: name, From: from})
	return s
}

// channel is the id of the channel a touchpoint names, made new if the
// site has none by that id or name.
func (m *matcher) channel(name string, from diag.Position, errs *diag.List) string {
	s := slug.Make(name)
	if s == "" {
		errs.Add(from, "a channel's id is made of the letters and digits of its name: give it some",
			"channel %q gives no id", name)
		return ""
	}
	match := func(c config.Channel) bool {
		return strings.EqualFold(c.ID, name) || strings.EqualFold(c.Name, name) || c.ID == s || slug.Make(c.Name) == s
	}
	for _, c := range m.site.Channels {
		if match(c) {
			return c.ID
		}
	}
	for _, c := range m.plan.Channels {
		if match(c.Channel) {
			return c.ID
		}
	}
	id := s
	for n := 2; id == config.PageDir || m.idTaken(id); n++ {
		id = fmt.Sprintf("%s-%d", s, n)
	}
	m.plan.Channels = append(m.plan.Channels, NewChannel{Channel: config.Channel{ID: id, Name: name, Kind: DefaultKind}, From: from})
	return id
}

func (m *matcher) idTaken(id string) bool {
	for _, c := range m.site.Channels {
		if c.ID == id {
			return true
		}
	}
	for _, c := range m.plan.Channels {
		if c.ID == id {
			return true
		}
	}
	return false
}

// journey writes a draft as a journey file: TOML front matter, and a
// body with a "## <stage id>" section for each stage that has notes.
func (m *matcher) journey(d *Draft, now time.Time) (string, diag.List) {
	var errs diag.List
	var b strings.Builder
	b.WriteString("+++\n")
	fmt.Fprintf(&b, "# Imported from %s by waymark import on %s. Check it, then set\n", commentText(filepath.Base(d.File)), now.Format(time.DateOnly))
	b.WriteString("# status = \"published\". The keys are described in docs/content-format.md.\n")
	var top table
	top.kv("title", tomldoc.Quote(d.Title))
	if d.Summary != "" {
		top.kv("summary", tomldoc.Quote(d.Summary))
	}
	slugs := map[string]string{} // actor name, lower-cased, to persona slug
	var personas []string
	for _, a := range d.Personas {
		s := m.persona(a, diag.Position{File: d.File, Line: firstLine(d, a)})
		slugs[strings.ToLower(a)] = s
		if !slices.Contains(personas, s) {
			personas = append(personas, s)
		}
	}
	if len(personas) > 0 {
		top.kv("personas", list(personas))
	}
	top.kv("status", `"review"`)
	top.kv("updated", now.Format(time.DateOnly))
	b.WriteString(top.String())

	ids := stageIDs(d.Stages)
	for i, s := range d.Stages {
		b.WriteString("\n[[stages]]\n")
		var st table
		st.kv("name", tomldoc.Quote(s.Name))
		if ids[i] != slug.Make(s.Name) {
			st.kv("id", tomldoc.Quote(ids[i]))
		}
		st.str("goal", s.Goal)
		st.str("description", s.Description)
		st.list("doing", s.Doing)
		st.list("thinking", s.Thinking)
		st.str("feeling", s.Feeling)
		if s.Emotion.Set {
			st.kv("emotion", s.Emotion.String())
		}
		st.list("pain_points", s.PainPoints)
		st.list("opportunities", s.Opportunities)
		st.list("frontstage", s.Frontstage)
		st.list("backstage", s.Backstage)
		st.list("kpis", s.KPIs)
		if s.MomentOfTruth {
			st.kv("moment_of_truth", "true")
		}
		b.WriteString(st.String())
		for _, step := range s.Steps {
			b.WriteString("\n  [[stages.steps]]\n")
			t := table{indent: "  "}
			t.kv("name", tomldoc.Quote(step.Name))
			if step.Emotion.Set {
				t.kv("emotion", step.Emotion.String())
			}
			var who []string
			for _, a := range step.Actors {
				if s := slugs[strings.ToLower(a)]; s != "" && !slices.Contains(who, s) {
					who = append(who, s)
				}
			}
			if len(who) > 0 {
				t.kv("personas", list(who))
			}
			b.WriteString(t.String())
		}
		for _, tp := range s.Touchpoints {
			b.WriteString("\n  [[stages.touchpoints]]\n")
			t := table{indent: "  "}
			t.kv("name", tomldoc.Quote(tp.Name))
			var chans []string
			for _, c := range tp.Channels {
				if id := m.channel(c, diag.Position{File: d.File, Line: tp.Line, Col: tp.Col}, &errs); id != "" && !slices.Contains(chans, id) {
					chans = append(chans, id)
				}
			}
			t.kv("channels", list(chans))
			t.str("owner", tp.Owner)
			b.WriteString(t.String())
		}
		for _, e := range s.Evidence {
			b.WriteString("\n  [[stages.evidence]]\n")
			t := table{indent: "  "}
			t.kv("kind", tomldoc.Quote(e.Kind))
			t.str("title", e.Title)
			b.WriteString(t.String())
		}
	}
	b.WriteString("+++\n")
	if d.AccTitle != "" {
		fmt.Fprintf(&b, "\n%s\n", markdownText(d.AccTitle))
	}
	for i, s := range d.Stages {
		if len(s.Notes) == 0 {
			continue
		}
		// The heading is the stage's id, which the loader matches
		// whatever the name holds (Markdown, a colon, <br>); the page
		// shows the notes under the stage, not the heading.
		fmt.Fprintf(&b, "\n## %s\n", ids[i])
		for _, n := range s.Notes {
			fmt.Fprintf(&b, "\n### %s\n\n", markdownText(n.Label))
			for _, it := range n.Items {
				fmt.Fprintf(&b, "- %s\n", markdownText(it))
			}
		}
	}
	return b.String(), errs
}

// commentText is s as a TOML comment may hold it: quoted, as Go
// quotes, when it has a line break or bytes that are not UTF-8 (a file's
// name may).
func commentText(s string) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, func(r rune) bool { return !unicode.IsPrint(r) && r != ' ' }) {
		return strconv.Quote(s)
	}
	return s
}

// firstLine is the line of the first step an actor takes.
func firstLine(d *Draft, actor string) int {
	for _, s := range d.Stages {
		for _, step := range s.Steps {
			for _, a := range step.Actors {
				if strings.EqualFold(a, actor) {
					return step.Line
				}
			}
		}
	}
	return 0
}

// stageIDs are the stages' ids: the slug of each name, or, where that is
// empty or taken, one made unique ("stage-3", "checkout-2"). An id is
// also the heading of the stage's notes, which the loader looks up by
// name (in any case) before id: so no id may be another stage's name
// either ("A" and "a" are stages "a-2" and "a-3").
func stageIDs(stages []*Stage) []string {
	names := map[string]int{}
	for _, s := range stages {
		names[strings.ToLower(strings.TrimSpace(s.Name))]++
	}
	ids := make([]string, len(stages))
	taken := map[string]bool{}
	for i, s := range stages {
		own := strings.ToLower(strings.TrimSpace(s.Name))
		free := func(id string) bool {
			return !taken[id] && (names[id] == 0 || names[id] == 1 && id == own)
		}
		base := slug.Make(s.Name)
		if base == "" {
			base = fmt.Sprintf("stage-%d", i+1)
		}
		id := base
		for n := 2; !free(id); n++ {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		taken[id] = true
		ids[i] = id
	}
	return ids
}

// channelsText is the [[channels]] entries for new channels, as appended
// to site.toml.
func channelsText(chans []NewChannel) string {
	if len(chans) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("\n# Added by waymark import for touchpoints that named them. Each kind is\n")
	fmt.Fprintf(&b, "# %q until you say otherwise: %s.\n", DefaultKind, strings.Join(config.Kinds, ", "))
	for i, c := range chans {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("[[channels]]\n")
		var t table
		t.kv("id", tomldoc.Quote(c.ID))
		t.kv("name", tomldoc.Quote(c.Name))
		t.kv("kind", tomldoc.Quote(c.Kind))
		b.WriteString(t.String())
	}
	return b.String()
}

// table writes the keys of one TOML table, their "=" lined up.
type table struct {
	indent string
	keys   []string
	values []string
}

func (t *table) kv(key, value string) {
	t.keys = append(t.keys, key)
	t.values = append(t.values, value)
}

// str writes a string key, unless it is empty.
func (t *table) str(key, s string) {
	if s != "" {
		t.kv(key, tomldoc.Quote(s))
	}
}

// list writes a list of strings, unless it is empty.
func (t *table) list(key string, items []string) {
	if len(items) == 0 {
		return
	}
	if len(items) == 1 {
		t.kv(key, list(items))
		return
	}
	var b strings.Builder
	b.WriteString("[\n")
	for _, it := range items {
		fmt.Fprintf(&b, "%s  %s,\n", t.indent, tomldoc.Quote(it))
	}
	b.WriteString(t.indent + "]")
	t.kv(key, b.String())
}

func (t *table) String() string {
	width := 0
	for _, k := range t.keys {
		width = max(width, len(k))
	}
	var b strings.Builder
	for i, k := range t.keys {
		fmt.Fprintf(&b, "%s%-*s = %s\n", t.indent, width, k, t.values[i])
	}
	return b.String()
}

// list is a TOML array of strings on one line.
func list(items []string) string {
	q := make([]string, len(items))
	for i, it := range items {
		q[i] = tomldoc.Quote(it)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// markdownText escapes text for a Markdown body so that it reads as
// written: every ASCII punctuation character, which is all Markdown's
// syntax is made of, behind a backslash, which CommonMark allows before
// any of them. A cell's "[x](javascript:…)" or "<b>" stays text.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r < 0x80 && strings.ContainsRune("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
