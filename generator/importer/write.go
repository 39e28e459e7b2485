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
	var top tomldoc.Block
	top.Text("title", d.Title)
	top.Text("summary", d.Summary)
	slugs := map[string]string{} // actor name, lower-cased, to persona slug
	var personas []string
	for _, a := range d.Personas {
		s := m.persona(a, diag.Position{File: d.File, Line: firstLine(d, a)})
		slugs[strings.ToLower(a)] = s
		if !slices.Contains(personas, s) {
			personas = append(personas, s)
		}
	}
	top.List("personas", personas)
	top.Raw("status", `"review"`)
	top.Raw("updated", now.Format(time.DateOnly))
	b.WriteString(top.Render(""))

	ids := stageIDs(d.Stages)
	for i, s := range d.Stages {
		b.WriteString("\n[[stages]]\n")
		var st tomldoc.Block
		st.Text("name", s.Name)
		if ids[i] != slug.Make(s.Name) {
			st.Text("id", ids[i])
		}
		st.Text("goal", s.Goal)
		st.Text("description", s.Description)
		st.List("doing", s.Doing)
		st.List("thinking", s.Thinking)
		st.Text("feeling", s.Feeling)
		if s.Emotion.Set {
			st.Raw("emotion", s.Emotion.String())
		}
		st.List("pain_points", s.PainPoints)
		st.List("opportunities", s.Opportunities)
		st.List("frontstage", s.Frontstage)
		st.List("backstage", s.Backstage)
		st.List("kpis", s.KPIs)
		if s.MomentOfTruth {
			st.Raw("moment_of_truth", "true")
		}
		b.WriteString(st.Render(""))
		for _, step := range s.Steps {
			b.WriteString("\n  [[stages.steps]]\n")
			var t tomldoc.Block
			t.Text("name", step.Name)
			if step.Emotion.Set {
				t.Raw("emotion", step.Emotion.String())
			}
			var who []string
			for _, a := range step.Actors {
				if s := slugs[strings.ToLower(a)]; s != "" && !slices.Contains(who, s) {
					who = append(who, s)
				}
			}
			t.List("personas", who)
			b.WriteString(t.Render("  "))
		}
		for _, tp := range s.Touchpoints {
			b.WriteString("\n  [[stages.touchpoints]]\n")
			var t tomldoc.Block
			t.Text("name", tp.Name)
			var chans []string
			for _, c := range tp.Channels {
				if id := m.channel(c, diag.Position{File: d.File, Line: tp.Line, Col: tp.Col}, &errs); id != "" && !slices.Contains(chans, id) {
					chans = append(chans, id)
				}
			}
			t.List("channels", chans)
			t.Text("owner", tp.Owner)
			b.WriteString(t.Render("  "))
		}
		for _, e := range s.Evidence {
			b.WriteString("\n  [[stages.evidence]]\n")
			var t tomldoc.Block
			t.Text("kind", e.Kind)
			t.Text("title", e.Title)
			b.WriteString(t.Render("  "))
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
		var t tomldoc.Block
		t.Text("id", c.ID)
		t.Text("name", c.Name)
		t.Text("kind", c.Kind)
		b.WriteString(t.Render(""))
	}
	return b.String()
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
