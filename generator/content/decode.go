package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// ref is a reference to another file's persona or journey, kept with its
// position until every file is loaded and it can be resolved.
type ref struct {
	slug string
	pos  diag.Position
}

// journeyRefs are the references a journey makes to other files.
type journeyRefs struct {
	personas []ref
	parent   ref
	current  ref
	// emotions are the emotions written per persona, checked against
	// the journey's personas once they are resolved.
	emotions []personaEmotions
	// steps are the personas each step names, resolved likewise.
	steps []stepPersonas
}

// stepPersonas are the persona slugs a step names, as written.
type stepPersonas struct {
	target *Step
	refs   []ref
}

// personaEmotions is an emotion written as a table keyed by persona slug,
// as written. The loader makes the Emotion of it afresh on every load
// (decoded files are kept between loads, and a persona file added later
// can make a key valid).
type personaEmotions struct {
	target  *Emotion
	entries []personaEmotionRef
}

type personaEmotionRef struct {
	ref
	value float64
}

func decodePersona(t tomldoc.Table, p *Persona, cfg *config.Config) {
	if t.Require("name", `name = "Dana Ortiz"`) {
		p.Name = t.String("name")
	}
	p.Role = t.String("role")
	p.Quote = t.String("quote")
	if p.Photo = t.String("photo"); p.Photo != "" && checkURL(t, "photo", p.Photo) == urlpolicy.Mail {
		t.Errorf("photo", "give an image: a file under static/ or an http(s):// address", "photo %q is not an image address", p.Photo)
	}
	p.Goals = t.Strings("goals")
	p.PainPoints = t.Strings("pain_points")
	p.Behaviors = t.Strings("behaviors")
	p.Motivations = t.Strings("motivations")
	p.Channels = channels(t, "channels", t.Strings("channels"), cfg)
	p.Tags = t.Strings("tags")
	for _, kv := range t.StringMap("demographics") {
		p.Demographics = append(p.Demographics, Fact{Label: kv.Key, Value: kv.Value})
	}
	t.Done()
}

func decodeJourney(t tomldoc.Table, j *Journey, cfg *config.Config) journeyRefs {
	var refs journeyRefs
	if t.Require("title", `title = "Buying a bike online"`) {
		j.Title = t.String("title")
	}
	j.Summary = t.String("summary")
	for i, s := range t.Strings("personas") {
		refs.personas = append(refs.personas, ref{s, t.ElemPos("personas", i)})
	}
	j.State = oneOf(t, "state", States, "current")
	j.Type = oneOf(t, "type", JourneyTypes, "")
	j.Goal = t.String("goal")
	j.Scenario = t.String("scenario")
	if s := t.String("parent"); s != "" {
		refs.parent = ref{s, t.KeyPos("parent")}
	}
	if s := t.String("current"); s != "" {
		refs.current = ref{s, t.KeyPos("current")}
	}
	j.Status = oneOf(t, "status", Statuses, "published")
	j.Owner = t.String("owner")
	j.Updated, _ = t.Date("updated")
	j.Version = t.String("version")
	j.Tags = t.Strings("tags")

	stages := t.Tables("stages")
	if len(stages) == 0 && !t.Has("stages") {
		t.Errorf("", "add at least one [[stages]] section with a name", "journey has no stages")
	}
	ids := map[string]diag.Position{}
	for _, st := range stages {
		s := decodeStage(st, cfg, &refs)
		s.Journey = j
		if s.ID != "" {
			if prev, dup := ids[s.ID]; dup {
				key := "id"
				if !st.Has("id") {
					key = "name"
				}
				st.Errorf(key, fmt.Sprintf("stage ids must be unique in a journey; the first is at line %d; set a distinct id = \"…\"", prev.Line),
					"duplicate stage id %q", s.ID)
			} else {
				ids[s.ID] = st.Pos()
			}
		}
		j.Stages = append(j.Stages, s)
	}
	t.Done()
	return refs
}

func decodeStage(t tomldoc.Table, cfg *config.Config, refs *journeyRefs) *Stage {
	s := &Stage{}
	if t.Require("name", `name = "Research"`) {
		s.Name = t.String("name")
	}
	if id := t.String("id"); id != "" {
		if !slug.Valid(id) {
			t.Errorf("id", fmt.Sprintf("use lower-case letters, digits and hyphens, e.g. id = %q", slug.Make(id)),
				"stage id %q is not a slug", id)
		}
		s.ID = id
	} else if s.ID = slug.Make(s.Name); s.ID == "" && s.Name != "" {
		// The id names the stage's anchor and panel; without one the
		// stage could not be linked to or opened.
		t.Errorf("name", `add id = "…" with letters or digits, e.g. id = "arrival"`,
			"stage name %q gives no id", s.Name)
	}
	s.Goal = t.String("goal")
	s.Description = t.String("description")
	s.Doing = t.Strings("doing")
	s.Thinking = t.Strings("thinking")
	s.Feeling = t.String("feeling")
	refs.emotion(t, "emotion", &s.Emotion)
	s.PainPoints = t.Strings("pain_points")
	s.Opportunities = t.Strings("opportunities")
	s.Frontstage = t.Strings("frontstage")
	s.Backstage = t.Strings("backstage")
	s.KPIs = t.Strings("kpis")
	s.MomentOfTruth = t.Bool("moment_of_truth")
	for _, st := range t.Tables("steps") {
		step := &Step{Stage: s}
		if st.Require("name", `name = "Pays for the order"`) {
			step.Name = st.String("name")
		}
		refs.emotion(st, "emotion", &step.Emotion)
		if slugs := st.Strings("personas"); len(slugs) > 0 {
			sp := stepPersonas{target: step}
			for i, slug := range slugs {
				sp.refs = append(sp.refs, ref{slug, st.ElemPos("personas", i)})
			}
			refs.steps = append(refs.steps, sp)
		}
		st.Done()
		s.Steps = append(s.Steps, step)
	}
	for _, tt := range t.Tables("touchpoints") {
		tp := &Touchpoint{Stage: s}
		if tt.Require("name", `name = "Product page"`) {
			tp.Name = tt.String("name")
		}
		ids := tt.Strings("channels")
		tp.Channels = channels(tt, "channels", ids, cfg)
		if len(ids) == 0 {
			key := "channels"
			if !tt.Has(key) {
				key = ""
			}
			tt.Errorf(key, "add channels = [\"…\"] with one or more of: "+diag.Choices("", cfg.ChannelIDs()),
				"touchpoint %q has no channel", tp.Name)
		}
		tp.Description = tt.String("description")
		refs.emotion(tt, "emotion", &tp.Emotion)
		tp.Owner = tt.String("owner")
		tp.MomentOfTruth = tt.Bool("moment_of_truth")
		tt.Done()
		s.Touchpoints = append(s.Touchpoints, tp)
	}
	for _, et := range t.Tables("evidence") {
		e := &Evidence{}
		if et.Require("kind", `kind = "survey" (or `+strings.Join(EvidenceKinds[1:], ", ")+")") {
			e.Kind = oneOf(et, "kind", EvidenceKinds, "")
		}
		e.Title = et.String("title")
		if n, ok := et.Int("n"); ok {
			if n < 1 {
				et.Errorf("n", "n is the number of people or records behind the evidence", "sample size n must be 1 or more, not %d", n)
			} else {
				e.N = int(min(n, 1<<31-1))
			}
		}
		e.Quote = et.String("quote")
		if e.URL = et.String("url"); e.URL != "" {
			checkURL(et, "url", e.URL)
		}
		et.Done()
		s.Evidence = append(s.Evidence, e)
	}
	t.Done()
	return s
}

// oneOf reads an enumerated string; absent or wrong gives def.
func oneOf(t tomldoc.Table, key string, values []string, def string) string {
	if !t.Has(key) {
		t.String(key) // mark it known
		return def
	}
	s := t.String(key)
	if slices.Contains(values, s) {
		return s
	}
	hint := diag.Suggest(s, values)
	if hint == "" {
		hint = "use one of " + quoteAll(values)
	}
	t.Errorf(key, hint, "%s must be one of %s, not %q", key, quoteAll(values), s)
	return def
}

// emotion reads an emotion written as one number.
func emotion(t tomldoc.Table, key string) Emotion {
	v, ok := t.Number(key)
	if !ok {
		return Emotion{}
	}
	if !inEmotionRange(v) {
		t.Errorf(key, emotionScaleHint, "emotion %v is out of range: it must be from -2 to 2", v)
		return Emotion{}
	}
	return Emotion{Value: v, Set: true}
}

const emotionScaleHint = "-2 is very negative, 0 neutral, 2 very positive"

func inEmotionRange(v float64) bool { return v >= MinEmotion && v <= MaxEmotion }

// emotion reads the emotion under key into *target when it is one
// number. One written per persona (emotion = { dana-ortiz = -1, sam-lee
// = 1 }) it keeps, with each key's position, for the loader to check
// against the journey's personas and make into *target, which stays
// unset until then. A value out of range is reported here, at its key.
func (refs *journeyRefs) emotion(t tomldoc.Table, key string, target *Emotion) {
	if !t.IsTable(key) {
		*target = emotion(t, key)
		return
	}
	entries := t.NumberMap(key)
	if len(entries) == 0 {
		t.Errorf(key, `name each persona with their value, e.g. emotion = { dana-ortiz = -1, sam-lee = 1 }, or write one number`,
			"emotion table is empty")
		return
	}
	pe := personaEmotions{target: target}
	for _, e := range entries {
		if !inEmotionRange(e.Value) {
			t.Report(e.Pos, emotionScaleHint, "emotion %v for %q is out of range: it must be from -2 to 2", e.Value, e.Key)
			continue
		}
		pe.entries = append(pe.entries, personaEmotionRef{ref{e.Key, e.Pos}, e.Value})
	}
	refs.emotions = append(refs.emotions, pe)
}

// channels resolves the channel ids written under key against site.toml.
func channels(t tomldoc.Table, key string, ids []string, cfg *config.Config) []*config.Channel {
	var out []*config.Channel
	for i, id := range ids {
		ch := cfg.Channel(id)
		if ch == nil {
			hint := diag.Suggest(id, cfg.ChannelIDs())
			if hint == "" {
				hint = "declare it in site.toml as a [[channels]] entry, or use one of: " + diag.Choices(id, cfg.ChannelIDs())
			}
			t.Report(t.ElemPos(key, i), hint, "unknown channel %q", id)
			continue
		}
		if !slices.Contains(out, ch) {
			out = append(out, ch)
		}
	}
	return out
}

// checkURL reports the URL under key when the URL policy refuses it, and
// returns what the policy makes of it.
func checkURL(t tomldoc.Table, key, s string) urlpolicy.Kind {
	v := urlpolicy.Classify(s)
	if !v.Allowed() {
		t.Errorf(key, v.Hint, "%s", v.Message(key))
	}
	return v.Kind
}

func quoteAll(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	return strings.Join(q, ", ")
}
