package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/pagedata"
)

// The data exports let a site's model flow on to spreadsheets, BI tools
// and scripts. They are written with the pages, by Go code rather than
// the theme: their format is a contract (docs/exports.md), versioned by
// ExportVersion, not a matter of taste.
const (
	// ExportVersion is the "version" of index.json and map.json. It
	// changes only when a field changes meaning or goes away; new fields
	// may appear in any version.
	ExportVersion = 1
)

// Exporter writes the data files. It keeps each journey's piece of the
// site-wide files from one build to the next (see Keep), so that a save
// makes one piece again, not thousands.
type Exporter struct {
	// Keep keeps every journey's pieces for the next build. New turns it
	// on; a one-off build turns it off: a journey's map.json is also its
	// part of index.json, but encoding it twice costs less than holding
	// every journey's (118 MB at 10,000 journeys) until the build ends.
	Keep bool

	pieces *pagedata.Cache[[]byte]
}

// New returns an Exporter that keeps pieces.
func New() *Exporter { return &Exporter{Keep: true, pieces: pagedata.NewCache[[]byte]()} }

// Forget drops the pieces of every journey whose page depends on a file
// that changed.
func (e *Exporter) Forget(changed func(file string) bool) { e.pieces.Forget(changed) }

// The JSON shapes. Field names are snake_case like the front matter's
// keys; lists are never null, so that scripts can loop without checks.
type (
	exportSite struct {
		Version   int             `json:"version"`
		Generator string          `json:"generator"`
		Site      exportMeta      `json:"site"`
		Channels  []exportChannel `json:"channels"`
		Personas  []exportPersona `json:"personas"`
		// Journeys are spliced in after the rest is encoded: encoding/json
		// would re-validate every cached journey, megabytes on each save.
		Journeys []json.RawMessage `json:"-"`
	}
	exportMeta struct {
		Title       string `json:"title"`
		Description string `json:"description"`
		BaseURL     string `json:"base_url"`
		Language    string `json:"language"`
	}
	exportChannel struct {
		ID          string `json:"id"`
		Name        string `json:"name"`
		Kind        string `json:"kind"`
		Description string `json:"description"`
	}
	exportPersona struct {
		Slug         string       `json:"slug"`
		URL          string       `json:"url"`
		File         string       `json:"file"`
		Name         string       `json:"name"`
		Role         string       `json:"role"`
		Quote        string       `json:"quote"`
		Photo        string       `json:"photo"`
		Goals        []string     `json:"goals"`
		PainPoints   []string     `json:"pain_points"`
		Behaviors    []string     `json:"behaviors"`
		Motivations  []string     `json:"motivations"`
		Channels     []string     `json:"channels"`
		Tags         []string     `json:"tags"`
		Demographics []exportFact `json:"demographics"`
		Journeys     []string     `json:"journeys"`
	}
	exportFact struct {
		Label string `json:"label"`
		Value string `json:"value"`
	}
	exportJourney struct {
		Slug     string         `json:"slug"`
		URL      string         `json:"url"`
		File     string         `json:"file"`
		Title    string         `json:"title"`
		Summary  string         `json:"summary"`
		Personas []string       `json:"personas"`
		State    string         `json:"state"`
		Type     string         `json:"type"`
		Goal     string         `json:"goal"`
		Scenario string         `json:"scenario"`
		Parent   *string        `json:"parent"`
		Children []string       `json:"children"`
		Current  *string        `json:"current"`
		Futures  []string       `json:"futures"`
		Status   string         `json:"status"`
		Owner    string         `json:"owner"`
		Updated  *string        `json:"updated"`
		Version  string         `json:"version"`
		Tags     []string       `json:"tags"`
		Coverage exportCoverage `json:"coverage"`
		Stages   []exportStage  `json:"stages"`
	}
	// exportCoverage is a journey's research coverage (see Coverage).
	exportCoverage struct {
		Backed int `json:"backed"`
		Stages int `json:"stages"`
	}
	exportStage struct {
		ID            string             `json:"id"`
		Name          string             `json:"name"`
		Goal          string             `json:"goal"`
		Description   string             `json:"description"`
		Doing         []string           `json:"doing"`
		Thinking      []string           `json:"thinking"`
		Feeling       string             `json:"feeling"`
		Emotion       *float64           `json:"emotion"`
		ByPersona     map[string]float64 `json:"emotion_by_persona"`
		PainPoints    []string           `json:"pain_points"`
		Opportunities []string           `json:"opportunities"`
		Frontstage    []string           `json:"frontstage"`
		Backstage     []string           `json:"backstage"`
		KPIs          []string           `json:"kpis"`
		KPISeries     []exportKPISeries  `json:"kpi_series"`
		MomentOfTruth bool               `json:"moment_of_truth"`
		Steps         []exportStep       `json:"steps"`
		Touchpoints   []exportTouchpoint `json:"touchpoints"`
		Evidence      []exportEvidence   `json:"evidence"`
	}
	exportStep struct {
		Name      string             `json:"name"`
		Emotion   *float64           `json:"emotion"`
		ByPersona map[string]float64 `json:"emotion_by_persona"`
		Personas  []string           `json:"personas"`
	}
	exportKPISeries struct {
		Name   string           `json:"name"`
		Unit   string           `json:"unit"`
		Better string           `json:"better"`
		Values []exportKPIPoint `json:"values"`
	}
	exportKPIPoint struct {
		Date   string   `json:"date"`
		Value  float64  `json:"value"`
		Target *float64 `json:"target"`
	}
	exportTouchpoint struct {
		Name          string             `json:"name"`
		Channels      []string           `json:"channels"`
		Description   string             `json:"description"`
		Emotion       *float64           `json:"emotion"`
		ByPersona     map[string]float64 `json:"emotion_by_persona"`
		Owner         string             `json:"owner"`
		MomentOfTruth bool               `json:"moment_of_truth"`
	}
	exportEvidence struct {
		Kind  string `json:"kind"`
		Title string `json:"title"`
		N     int    `json:"n"`
		Quote string `json:"quote"`
		URL   string `json:"url"`
	}
)

// list keeps a nil list out of the JSON.
func list(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func emotion(e content.Emotion) *float64 {
	if !e.Set {
		return nil
	}
	v := e.Value
	return &v
}

// emotionByPersona is each persona's own value, {} for an emotion that
// everyone shares.
func emotionByPersona(e content.Emotion) map[string]float64 {
	out := make(map[string]float64, len(e.ByPersona))
	for _, pe := range e.ByPersona {
		out[pe.Persona] = pe.Value
	}
	return out
}

// personaSlugs are the personas' slugs, [] for none.
func personaSlugs(ps []*content.Persona) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Slug
	}
	return out
}

// journeyJSON is one journey as index.json and map.json show it.
func journeyJSON(j *content.Journey) ([]byte, error) {
	out := exportJourney{
		Slug: j.Slug, URL: j.URL(), File: j.File, Title: j.Title, Summary: j.Summary,
		State: j.State, Type: j.Type, Goal: j.Goal, Scenario: j.Scenario,
		Children: []string{}, Futures: []string{}, Status: j.Status, Owner: j.Owner, Version: j.Version,
		Tags: list(j.Tags), Stages: []exportStage{},
	}
	cov := pagedata.CoverageOf(j)
	out.Coverage = exportCoverage{Backed: cov.Backed, Stages: cov.Stages}
	out.Personas = personaSlugs(j.Personas)
	if j.Parent != nil {
		out.Parent = &j.Parent.Slug
	}
	for _, c := range j.Children {
		out.Children = append(out.Children, c.Slug)
	}
	if j.Current != nil {
		out.Current = &j.Current.Slug
	}
	for _, f := range j.Futures {
		out.Futures = append(out.Futures, f.Slug)
	}
	if !j.Updated.IsZero() {
		d := j.Updated.Format("2006-01-02")
		out.Updated = &d
	}
	for _, s := range j.Stages {
		es := exportStage{
			ID: s.ID, Name: s.Name, Goal: s.Goal, Description: s.Description,
			Doing: list(s.Doing), Thinking: list(s.Thinking), Feeling: s.Feeling, Emotion: emotion(s.Emotion), ByPersona: emotionByPersona(s.Emotion),
			PainPoints: list(s.PainPoints), Opportunities: list(s.Opportunities),
			Frontstage: list(s.Frontstage), Backstage: list(s.Backstage), KPIs: list(s.KPIs),
			KPISeries:     []exportKPISeries{},
			MomentOfTruth: s.MomentOfTruth, Steps: []exportStep{}, Touchpoints: []exportTouchpoint{}, Evidence: []exportEvidence{},
		}
		for _, st := range s.Steps {
			es.Steps = append(es.Steps, exportStep{Name: st.Name, Emotion: emotion(st.Emotion),
				ByPersona: emotionByPersona(st.Emotion), Personas: personaSlugs(st.Personas)})
		}
		for _, se := range s.Series {
			ek := exportKPISeries{Name: se.Name, Unit: se.Unit, Better: se.Better, Values: make([]exportKPIPoint, len(se.Points))}
			for i, p := range se.Points {
				ek.Values[i] = exportKPIPoint{Date: p.Date.Format(time.DateOnly), Value: p.Value}
				if p.HasTarget {
					ek.Values[i].Target = &se.Points[i].Target
				}
			}
			es.KPISeries = append(es.KPISeries, ek)
		}
		for _, t := range s.Touchpoints {
			et := exportTouchpoint{Name: t.Name, Channels: []string{}, Description: t.Description,
				Emotion: emotion(t.Emotion), ByPersona: emotionByPersona(t.Emotion), Owner: t.Owner, MomentOfTruth: t.MomentOfTruth}
			for _, c := range t.Channels {
				et.Channels = append(et.Channels, c.ID)
			}
			es.Touchpoints = append(es.Touchpoints, et)
		}
		for _, e := range s.Evidence {
			es.Evidence = append(es.Evidence, exportEvidence{Kind: e.Kind, Title: e.Title, N: e.N, Quote: e.Quote, URL: e.URL})
		}
		out.Stages = append(out.Stages, es)
	}
	return json.Marshal(out)
}

// cachedExport is a journey's piece of an export, made once and kept
// like a fragment: index.json and matrix.csv list every journey, and a
// save should make one piece again, not thousands.
func (e *Exporter) cachedExport(name string, j *content.Journey, piece func() ([]byte, error)) ([]byte, error) {
	if data, ok := e.pieces.Get(name, j); ok {
		return data, nil
	}
	data, err := piece()
	if err != nil {
		return nil, err
	}
	if e.Keep {
		e.pieces.Put(name, j, data)
	}
	return data, nil
}

// exportPieces writes every journey's piece of the export name into
// buf, in journey order, sep between them. It makes them all before it
// writes any, to size buf once: grown by doubling to the hundred
// megabytes of index.json at 10,000 journeys, it cost more than making
// the pieces did.
func (e *Exporter) exportPieces(site *content.Site, name string, piece func(*content.Journey) ([]byte, error), buf *bytes.Buffer, sep string) error {
	parts := make([][]byte, len(site.Journeys))
	size := 0
	for i, j := range site.Journeys {
		s, err := e.cachedExport(name, j, func() ([]byte, error) { return piece(j) })
		if err != nil {
			return err
		}
		parts[i] = s
		size += len(s) + len(sep)
	}
	buf.Grow(size)
	for i, s := range parts {
		if i > 0 {
			buf.WriteString(sep)
		}
		buf.Write(s)
	}
	return nil
}

// Write writes the data file p (a page of kind pagedata.Export):
// index.json, channels/matrix.csv or the search index.
func (e *Exporter) Write(p *pagedata.Page, buf *bytes.Buffer) error {
	var err error
	switch p.URL {
	case pagedata.IndexJSON:
		err = e.indexJSON(p.Site, buf)
	case pagedata.MatrixCSV:
		err = e.matrixCSV(p.Site, buf)
	case pagedata.SearchJS:
		err = e.searchIndex(p.Site, buf)
	default:
		err = fmt.Errorf("no such export")
	}
	if err != nil {
		return fmt.Errorf("writing %s: %w", p.URL, err)
	}
	return nil
}

// The search index is a classic script that sets window.waymarkSearch,
// not JSON fetched at run time: browsers refuse fetch() of files opened
// from disk, and a site on a file share must still be searchable. The
// theme loads it when a reader first uses the search box.
//
// It is grouped by journey, and the theme's script spreads it into
// entries as it loads: a flat list of [kind, text, context, url] entries
// repeats every journey's title and address for each of its touchpoints,
// pain points and opportunities, and at 10,000 journeys weighed 97 MB
// against this form's 21 MB. docs/themes.md describes the form.
func (e *Exporter) searchIndex(site *content.Site, buf *bytes.Buffer) error {
	buf.WriteString("/* waymark search index: generated, do not edit */\nwindow.waymarkSearch = {\"version\":2,\"personas\":[")
	for i, ps := range site.Personas {
		e, err := json.Marshal([]string{ps.Name, ps.Role, ps.URL()})
		if err != nil {
			return err
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(e)
	}
	buf.WriteString("],\n\"journeys\":[\n")
	if err := e.exportPieces(site, pagedata.SearchJS, searchEntries, buf, ",\n"); err != nil {
		return err
	}
	buf.WriteString("\n]};\n")
	return nil
}

// searchJourney is a journey in the search index: [title, summary, url,
// stages], each stage [name, id, touchpoints, pain points,
// opportunities].
type searchJourney [4]any

// searchEntries is a journey's part of the search index.
func searchEntries(j *content.Journey) ([]byte, error) {
	stages := make([][5]any, len(j.Stages))
	for i, s := range j.Stages {
		names := make([]string, len(s.Touchpoints))
		for k, t := range s.Touchpoints {
			names[k] = t.Name
		}
		stages[i] = [5]any{s.Name, s.ID, names, list(s.PainPoints), list(s.Opportunities)}
	}
	return json.Marshal(searchJourney{j.Title, j.Summary, j.URL(), stages})
}

func (e *Exporter) indexJSON(site *content.Site, buf *bytes.Buffer) error {
	out := exportSite{
		Version: ExportVersion, Generator: "waymark",
		Site: exportMeta{Title: site.Config.Title, Description: site.Config.Description,
			BaseURL: site.Config.BaseURL, Language: site.Config.Language},
		Channels: []exportChannel{}, Personas: []exportPersona{}, Journeys: []json.RawMessage{},
	}
	for _, c := range site.Config.Channels {
		out.Channels = append(out.Channels, exportChannel{ID: c.ID, Name: c.Name, Kind: c.Kind, Description: c.Description})
	}
	for _, ps := range site.Personas {
		ep := exportPersona{
			Slug: ps.Slug, URL: ps.URL(), File: ps.File, Name: ps.Name, Role: ps.Role, Quote: ps.Quote, Photo: ps.Photo,
			Goals: list(ps.Goals), PainPoints: list(ps.PainPoints), Behaviors: list(ps.Behaviors),
			Motivations: list(ps.Motivations), Channels: []string{}, Tags: list(ps.Tags),
			Demographics: []exportFact{}, Journeys: []string{},
		}
		for _, c := range ps.Channels {
			ep.Channels = append(ep.Channels, c.ID)
		}
		for _, f := range ps.Demographics {
			ep.Demographics = append(ep.Demographics, exportFact{Label: f.Label, Value: f.Value})
		}
		for _, j := range ps.Journeys {
			ep.Journeys = append(ep.Journeys, j.Slug)
		}
		out.Personas = append(out.Personas, ep)
	}
	head, err := json.Marshal(out)
	if err != nil {
		return err
	}
	buf.Write(head[:len(head)-1]) // without the closing brace
	buf.WriteString(`,"journeys":[`)
	if err := e.exportPieces(site, pagedata.MapJSON, journeyJSON, buf, ","); err != nil {
		return err
	}
	buf.WriteString("]}\n")
	return nil
}

// MapJSON writes journey j's map.json: {"version":1,"journey":…} with
// the journey as index.json has it. It is written around the journey
// rather than encoded with it: an encoder scans a json.RawMessage again
// to compact it, and json.Marshal made it compact (and escaped as an
// encoder would) already.
func (e *Exporter) MapJSON(j *content.Journey, buf *bytes.Buffer) error {
	data, err := e.cachedExport(pagedata.MapJSON, j, func() ([]byte, error) { return journeyJSON(j) })
	if err != nil {
		return err
	}
	buf.WriteString(`{"version":`)
	buf.WriteString(strconv.Itoa(ExportVersion))
	buf.WriteString(`,"journey":`)
	buf.Write(data)
	buf.WriteString("}\n")
	return nil
}

// matrixHeader is the first row of channels/matrix.csv: the names a
// person reads first, then the ids a script joins on.
var matrixHeader = []string{"touchpoint", "journey", "stage", "channel", "emotion", "emotion_from", "moment_of_truth", "journey_slug", "stage_id", "channel_id"}

// matrixCSV writes one row per touchpoint and channel.
func (e *Exporter) matrixCSV(site *content.Site, buf *bytes.Buffer) error {
	w := csv.NewWriter(buf)
	if err := w.Write(matrixHeader); err != nil {
		return err
	}
	w.Flush()
	if err := e.exportPieces(site, pagedata.MatrixCSV, matrixRows, buf, ""); err != nil {
		return err
	}
	return w.Error()
}

func matrixRows(j *content.Journey) ([]byte, error) {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	for _, s := range j.Stages {
		for _, t := range s.Touchpoints {
			e, inherited := t.Feels()
			from := "touchpoint"
			switch {
			case !e.Set:
				from = ""
			case inherited:
				from = "stage"
			}
			mot := "no"
			if t.MomentOfTruth || s.MomentOfTruth {
				mot = "yes"
			}
			for _, c := range t.Channels {
				err := w.Write([]string{cell(t.Name), cell(j.Title), cell(s.Name), cell(c.Name), e.String(), from, mot, j.Slug, s.ID, c.ID})
				if err != nil {
					return nil, err
				}
			}
		}
	}
	w.Flush()
	return b.Bytes(), w.Error()
}

// cell keeps a text from being read as a formula: spreadsheets run a
// cell that starts with =, +, - or @, and authors' text must stay text.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
