// Package diff compares two versions of a site's model, as content.Load
// returns them, and says what changed in the terms a reviewer of a journey
// map cares about: journeys and personas added or removed; stages added,
// removed, renamed or reordered; emotions, per persona where a map rates
// them so; touchpoints added, removed or moved between channels; pain
// points and opportunities added, resolved or removed; a journey's title,
// state, type, status, owner, parent, current-state map and personas.
//
// Things are matched by what identifies them, not by position: journeys
// and personas by slug, stages by id, touchpoints by name within their
// stage, pain points and opportunities by their text within their stage.
// Prose (summaries, notes, narratives) and evidence are not compared: a
// text diff shows those better.
//
// Compare is pure: it reads two models and returns plain data, sorted so
// that the same two sites always give the same report. The formatters in
// this package print a Report as text, Markdown or JSON; docs/diff.md
// describes all three.
package diff

import (
	"slices"

	"github.com/waymark-cx/waymark/generator/content"
)

// Change says what happened to a thing between the two versions.
type Change string

// The changes. Pain points are Added or Resolved; opportunities are Added
// or Removed (a map that no longer lists one does not say whether it was
// taken up or dropped); everything else is Added, Removed or Changed.
const (
	Added    Change = "added"
	Removed  Change = "removed"
	Changed  Change = "changed"
	Resolved Change = "resolved"
)

// Report is what changed between two versions of a site.
type Report struct {
	From     Side            `json:"from"`
	To       Side            `json:"to"`
	Personas []PersonaChange `json:"personas"` // by slug
	Journeys []JourneyChange `json:"journeys"` // by slug
}

// Side names one of the two versions compared. Compare leaves it empty
// for the caller, who knows where the sites came from.
type Side struct {
	Name   string `json:"name"`   // as the user named it ("HEAD", "main"), or "working tree"
	Commit string `json:"commit"` // the full commit hash; "" for the working tree
}

// Empty reports whether nothing changed in meaning.
func (r *Report) Empty() bool { return len(r.Personas) == 0 && len(r.Journeys) == 0 }

// PersonaChange is a persona added, removed or changed.
type PersonaChange struct {
	Slug   string        `json:"slug"`
	Name   string        `json:"name"` // the name now; when removed, the last name it had
	Change Change        `json:"change"`
	Fields []FieldChange `json:"fields"` // name and role, when Changed
}

// JourneyChange is a journey added, removed or changed. Only a changed
// journey has anything in its lists: an added or removed one is reported
// as a whole.
type JourneyChange struct {
	Slug   string `json:"slug"`
	Title  string `json:"title"` // the title now; when removed, the last title it had
	Change Change `json:"change"`

	// Fields are the journey's own keys that changed, in this order:
	// title, state, type, status, owner, parent, current.
	Fields          []FieldChange `json:"fields"`
	PersonasAdded   []string      `json:"personas_added"`   // slugs, in the journey's order
	PersonasRemoved []string      `json:"personas_removed"` // slugs, in the old order

	// StageOrder is set when the stages that both versions have are in
	// another order; stages added or removed do not count as a reorder.
	StageOrder *StageOrder `json:"stage_order"`

	// Stages that were added or changed, in the new order, then the
	// stages that were removed, in the old order.
	Stages []StageChange `json:"stages"`
}

// FieldChange is one value that changed. A value that is not given is "".
type FieldChange struct {
	Field  string `json:"field"` // the key as written in front matter: "status", "owner"
	Before string `json:"before"`
	After  string `json:"after"`
}

// StageOrder is the order of the stages both versions have, before and
// after.
type StageOrder struct {
	Before []StageRef `json:"before"`
	After  []StageRef `json:"after"`
}

// StageRef names a stage.
type StageRef struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// StageChange is a stage added, removed or changed, matched by id. An
// added or removed stage is reported as a whole.
type StageChange struct {
	ID      string `json:"id"`
	Name    string `json:"name"` // the name now; when removed, the last name it had
	Change  Change `json:"change"`
	OldName string `json:"renamed_from"` // the name before, when it was renamed; "" otherwise

	// Emotion is set when the stage's emotion changed. When either
	// version rates the stage per persona, the change is in
	// PersonaEmotions instead, one per persona whose value changed.
	Emotion         *EmotionChange         `json:"emotion"`
	PersonaEmotions []PersonaEmotionChange `json:"persona_emotions"`

	PainPoints    []TextChange       `json:"pain_points"`   // Added or Resolved
	Opportunities []TextChange       `json:"opportunities"` // Added or Removed
	Touchpoints   []TouchpointChange `json:"touchpoints"`
}

// TextChange is one pain point or opportunity that appeared or went.
type TextChange struct {
	Text   string `json:"text"`
	Change Change `json:"change"`
}

// TouchpointChange is a touchpoint added, removed or changed, matched by
// name within its stage.
type TouchpointChange struct {
	Name   string `json:"name"`
	Change Change `json:"change"`

	// Channels is set when the touchpoint's channels changed: for an
	// added touchpoint, Before is empty; for a removed one, After is.
	Channels *ChannelChange `json:"channels"`

	// Emotion is the touchpoint's emotion as the pages show it: its own,
	// or its stage's when it has none. A change that only follows its
	// stage's is reported on the stage, not again here.
	Emotion         *EmotionChange         `json:"emotion"`
	PersonaEmotions []PersonaEmotionChange `json:"persona_emotions"`
}

// ChannelChange is a touchpoint's channel ids, before and after, in the
// order written.
type ChannelChange struct {
	Before []string `json:"before"`
	After  []string `json:"after"`
}

// Moved are the channels the touchpoint left and the ones it joined.
func (c *ChannelChange) Moved() (left, joined []string) {
	return missingFrom(c.Before, c.After), missingFrom(c.After, c.Before)
}

// EmotionChange is an emotion before and after; either may be unset.
type EmotionChange struct {
	Before, After content.Emotion
}

// PersonaEmotionChange is one persona's emotion before and after, where
// either version rates per persona.
type PersonaEmotionChange struct {
	Persona       string // slug
	Before, After content.Emotion
}

// Compare returns what changed from before to after. Either site may be
// nil, for a site that is not there: everything in the other is then
// added or removed.
func Compare(before, after *content.Site) *Report {
	r := &Report{Personas: []PersonaChange{}, Journeys: []JourneyChange{}}
	var oldPersonas, newPersonas []*content.Persona
	var oldJourneys, newJourneys []*content.Journey
	if before != nil {
		oldPersonas, oldJourneys = before.Personas, before.Journeys
	}
	if after != nil {
		newPersonas, newJourneys = after.Personas, after.Journeys
	}

	matchBySlug(oldPersonas, newPersonas, func(p *content.Persona) string { return p.Slug },
		func(old, cur *content.Persona) {
			switch {
			case old == nil:
				r.Personas = append(r.Personas, PersonaChange{Slug: cur.Slug, Name: cur.Name, Change: Added, Fields: []FieldChange{}})
			case cur == nil:
				r.Personas = append(r.Personas, PersonaChange{Slug: old.Slug, Name: old.Name, Change: Removed, Fields: []FieldChange{}})
			default:
				var fields fieldList
				fields.add("name", old.Name, cur.Name)
				fields.add("role", old.Role, cur.Role)
				if len(fields) > 0 {
					r.Personas = append(r.Personas, PersonaChange{Slug: cur.Slug, Name: cur.Name, Change: Changed, Fields: fields})
				}
			}
		})

	matchBySlug(oldJourneys, newJourneys, func(j *content.Journey) string { return j.Slug },
		func(old, cur *content.Journey) {
			switch {
			case old == nil:
				r.Journeys = append(r.Journeys, wholeJourney(cur, Added))
			case cur == nil:
				r.Journeys = append(r.Journeys, wholeJourney(old, Removed))
			default:
				if jc, changed := compareJourney(old, cur); changed {
					r.Journeys = append(r.Journeys, jc)
				}
			}
		})
	return r
}

// matchBySlug calls pair for every slug in either list, in slug order,
// with the item of each list that has it (nil when one has not). A slug
// found twice in one list (a site with problems) is matched once.
func matchBySlug[T any](before, after []*T, slugOf func(*T) string, pair func(old, cur *T)) {
	olds := map[string]*T{}
	news := map[string]*T{}
	var slugs []string
	for _, x := range before {
		if s := slugOf(x); olds[s] == nil {
			olds[s] = x
			slugs = append(slugs, s)
		}
	}
	for _, x := range after {
		if s := slugOf(x); news[s] == nil {
			news[s] = x
			if olds[s] == nil {
				slugs = append(slugs, s)
			}
		}
	}
	slices.Sort(slugs)
	for _, s := range slugs {
		pair(olds[s], news[s])
	}
}

func wholeJourney(j *content.Journey, c Change) JourneyChange {
	return JourneyChange{
		Slug: j.Slug, Title: j.Title, Change: c,
		Fields: []FieldChange{}, PersonasAdded: []string{}, PersonasRemoved: []string{}, Stages: []StageChange{},
	}
}

func compareJourney(old, cur *content.Journey) (JourneyChange, bool) {
	jc := wholeJourney(cur, Changed)
	var fields fieldList
	fields.add("title", old.Title, cur.Title)
	fields.add("state", old.State, cur.State)
	fields.add("type", old.Type, cur.Type)
	fields.add("status", old.Status, cur.Status)
	fields.add("owner", old.Owner, cur.Owner)
	fields.add("parent", journeySlug(old.Parent), journeySlug(cur.Parent))
	fields.add("current", journeySlug(old.Current), journeySlug(cur.Current))
	jc.Fields = fields

	oldPersonas, newPersonas := personaSlugs(old.Personas), personaSlugs(cur.Personas)
	jc.PersonasAdded = missingFrom(newPersonas, oldPersonas)
	jc.PersonasRemoved = missingFrom(oldPersonas, newPersonas)

	jc.StageOrder = stageOrder(old.Stages, cur.Stages)
	jc.Stages = compareStages(old.Stages, cur.Stages, newPersonas)

	changed := len(jc.Fields) > 0 || len(jc.PersonasAdded) > 0 || len(jc.PersonasRemoved) > 0 ||
		jc.StageOrder != nil || len(jc.Stages) > 0
	return jc, changed
}

// fieldList collects the fields whose values differ.
type fieldList []FieldChange

func (l *fieldList) add(field, before, after string) {
	if before != after {
		*l = append(*l, FieldChange{Field: field, Before: before, After: after})
	}
}

func journeySlug(j *content.Journey) string {
	if j == nil {
		return ""
	}
	return j.Slug
}

func personaSlugs(ps []*content.Persona) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Slug
	}
	return out
}

// missingFrom returns the items of list that other has not, in list's
// order; never nil.
func missingFrom(list, other []string) []string {
	out := []string{}
	for _, s := range list {
		if !slices.Contains(other, s) {
			out = append(out, s)
		}
	}
	return out
}

// stageIndex maps stage ids to stages; the first of a duplicate id (a
// site with problems) wins.
func stageIndex(stages []*content.Stage) map[string]*content.Stage {
	m := make(map[string]*content.Stage, len(stages))
	for _, s := range stages {
		if m[s.ID] == nil {
			m[s.ID] = s
		}
	}
	return m
}

// stageOrder compares the order of the stages that both lists have.
func stageOrder(before, after []*content.Stage) *StageOrder {
	olds, news := stageIndex(before), stageIndex(after)
	common := func(stages []*content.Stage, other map[string]*content.Stage, own map[string]*content.Stage) []StageRef {
		refs := []StageRef{}
		for _, s := range stages {
			if other[s.ID] != nil && own[s.ID] == s {
				refs = append(refs, StageRef{ID: s.ID, Name: s.Name})
			}
		}
		return refs
	}
	o := &StageOrder{Before: common(before, news, olds), After: common(after, olds, news)}
	if slices.EqualFunc(o.Before, o.After, func(a, b StageRef) bool { return a.ID == b.ID }) {
		return nil
	}
	return o
}

// compareStages compares the stages of a journey whose personas are now
// personas.
func compareStages(before, after []*content.Stage, personas []string) []StageChange {
	olds, news := stageIndex(before), stageIndex(after)
	out := []StageChange{}
	for _, s := range after {
		if news[s.ID] != s {
			continue // a duplicate id
		}
		old := olds[s.ID]
		if old == nil {
			out = append(out, wholeStage(s, Added))
			continue
		}
		if sc, changed := compareStage(old, s, personas); changed {
			out = append(out, sc)
		}
	}
	for _, s := range before {
		if olds[s.ID] == s && news[s.ID] == nil {
			out = append(out, wholeStage(s, Removed))
		}
	}
	return out
}

func wholeStage(s *content.Stage, c Change) StageChange {
	return StageChange{
		ID: s.ID, Name: s.Name, Change: c,
		PersonaEmotions: []PersonaEmotionChange{},
		PainPoints:      []TextChange{}, Opportunities: []TextChange{}, Touchpoints: []TouchpointChange{},
	}
}

func compareStage(old, cur *content.Stage, personas []string) (StageChange, bool) {
	sc := wholeStage(cur, Changed)
	if old.Name != cur.Name {
		sc.OldName = old.Name
	}
	sc.Emotion, sc.PersonaEmotions = compareEmotion(old.Emotion, cur.Emotion, personas)
	sc.PainPoints = compareTexts(old.PainPoints, cur.PainPoints, Resolved)
	sc.Opportunities = compareTexts(old.Opportunities, cur.Opportunities, Removed)
	sc.Touchpoints = compareTouchpoints(old.Touchpoints, cur.Touchpoints, personas)
	changed := sc.OldName != "" || sc.Emotion != nil || len(sc.PersonaEmotions) > 0 ||
		len(sc.PainPoints) > 0 || len(sc.Opportunities) > 0 || len(sc.Touchpoints) > 0
	return sc, changed
}

// compareEmotion returns the change of one emotion, or, when either
// version rates it per persona, the change of each persona's value:
// those named in either version's table, and the journey's personas
// (who take the one value when there is no table). The mean of a table is
// not reported: it moves whenever a persona's value does.
func compareEmotion(before, after content.Emotion, personas []string) (*EmotionChange, []PersonaEmotionChange) {
	changes := []PersonaEmotionChange{}
	if !before.PerPersona() && !after.PerPersona() {
		if before.Equal(after) {
			return nil, changes
		}
		return &EmotionChange{Before: before, After: after}, changes
	}
	// The journey's personas in its order, then any other persona a
	// table names (one the journey no longer lists).
	slugs := slices.Clone(personas)
	for _, list := range [][]content.PersonaEmotion{after.ByPersona, before.ByPersona} {
		for _, pe := range list {
			slugs = append(slugs, pe.Persona)
		}
	}
	for _, p := range slugs {
		if slices.ContainsFunc(changes, func(c PersonaEmotionChange) bool { return c.Persona == p }) {
			continue
		}
		b, a := before.For(p), after.For(p)
		if !b.Equal(a) {
			changes = append(changes, PersonaEmotionChange{Persona: p, Before: b, After: a})
		}
	}
	return nil, changes
}

// compareTexts compares two lists of texts as multisets: a text listed
// twice and now once has had one of its two go. What went is reported as
// gone, in the old order, then what appeared, in the new order.
func compareTexts(before, after []string, gone Change) []TextChange {
	out := []TextChange{}
	for _, t := range surplus(before, after) {
		out = append(out, TextChange{Text: t, Change: gone})
	}
	for _, t := range surplus(after, before) {
		out = append(out, TextChange{Text: t, Change: Added})
	}
	return out
}

// surplus returns the items of list that other does not account for,
// counting repeats, in list's order.
func surplus(list, other []string) []string {
	left := map[string]int{}
	for _, t := range other {
		left[t]++
	}
	var out []string
	for _, t := range list {
		if left[t] > 0 {
			left[t]--
			continue
		}
		out = append(out, t)
	}
	return out
}

// touchpointKey identifies a touchpoint within its stage: its name, and
// which of the touchpoints of that name it is (names are not required to
// be unique).
type touchpointKey struct {
	name string
	nth  int
}

func touchpointIndex(tps []*content.Touchpoint) (map[touchpointKey]*content.Touchpoint, []touchpointKey) {
	m := make(map[touchpointKey]*content.Touchpoint, len(tps))
	keys := make([]touchpointKey, len(tps))
	seen := map[string]int{}
	for i, t := range tps {
		k := touchpointKey{t.Name, seen[t.Name]}
		seen[t.Name]++
		m[k] = t
		keys[i] = k
	}
	return m, keys
}

func compareTouchpoints(before, after []*content.Touchpoint, personas []string) []TouchpointChange {
	olds, oldKeys := touchpointIndex(before)
	news, newKeys := touchpointIndex(after)
	out := []TouchpointChange{}
	for _, k := range newKeys {
		cur, old := news[k], olds[k]
		if old == nil {
			out = append(out, TouchpointChange{Name: cur.Name, Change: Added,
				Channels:        &ChannelChange{Before: []string{}, After: channelIDs(cur)},
				PersonaEmotions: []PersonaEmotionChange{}})
			continue
		}
		if tc, changed := compareTouchpoint(old, cur, personas); changed {
			out = append(out, tc)
		}
	}
	for _, k := range oldKeys {
		if news[k] == nil {
			old := olds[k]
			out = append(out, TouchpointChange{Name: old.Name, Change: Removed,
				Channels:        &ChannelChange{Before: channelIDs(old), After: []string{}},
				PersonaEmotions: []PersonaEmotionChange{}})
		}
	}
	return out
}

func compareTouchpoint(old, cur *content.Touchpoint, personas []string) (TouchpointChange, bool) {
	tc := TouchpointChange{Name: cur.Name, Change: Changed, PersonaEmotions: []PersonaEmotionChange{}}
	oldIDs, newIDs := channelIDs(old), channelIDs(cur)
	if !sameSet(oldIDs, newIDs) {
		tc.Channels = &ChannelChange{Before: oldIDs, After: newIDs}
	}
	// A touchpoint that takes its stage's emotion on both sides changes
	// with the stage, which says so itself.
	if old.Emotion.Set || cur.Emotion.Set {
		before, _ := old.Feels()
		after, _ := cur.Feels()
		tc.Emotion, tc.PersonaEmotions = compareEmotion(before, after, personas)
	}
	changed := tc.Channels != nil || tc.Emotion != nil || len(tc.PersonaEmotions) > 0
	return tc, changed
}

func channelIDs(t *content.Touchpoint) []string {
	ids := make([]string, 0, len(t.Channels))
	for _, c := range t.Channels {
		ids = append(ids, c.ID)
	}
	return ids
}

func sameSet(a, b []string) bool {
	sa, sb := slices.Clone(a), slices.Clone(b)
	slices.Sort(sa)
	slices.Sort(sb)
	return slices.Equal(slices.Compact(sa), slices.Compact(sb))
}
