package content

import (
	"fmt"
	"io/fs"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

// Warnings are the gaps a reader of the site would miss and a team would
// want to close, which never stop a build: a stage whose pain points have
// no opportunity, a published map past [review] stale_after_days, a
// journey without any evidence, a persona in no journey, and a linked
// folder under content/ that is not read. Drafts are left alone: they are
// unfinished by definition.

// fileNotes is what the warnings need of one file, found as it is
// decoded and cached with it: the warnings about the file alone, and
// where a warning about it in the site as a whole points.
type fileNotes struct {
	warnings diag.List
	at       diag.Position // a journey's updated key; a persona's name key
}

// noteJourney finds the warnings about journey j, decoded from t.
func noteJourney(file string, t tomldoc.Table, j *Journey) fileNotes {
	n := fileNotes{at: t.KeyPos("updated")}
	if len(j.Stages) == 0 {
		return n // an error already
	}
	// decodeJourney made one stage of each [[stages]] table, in order.
	tables := t.Tables("stages")
	evidence := false
	for i, s := range j.Stages {
		evidence = evidence || len(s.Evidence) > 0
		if len(s.PainPoints) == 0 || len(s.Opportunities) > 0 || i >= len(tables) {
			continue
		}
		n.warnings.Warn(tables[i].Pos(),
			`add opportunities = ["…"]: what the team could do about them, even as a question to research`,
			"stage %q has pain points but no opportunity", s.Name)
	}
	if !evidence {
		pos := t.Pos()
		pos.File, pos.Col = file, max(pos.Col, 1)
		n.warnings.Warn(pos,
			`add [[stages.evidence]] with the research behind the map (kind = "interview", "survey", …), so that readers can tell findings from assumptions`,
			"journey has no evidence")
	}
	return n
}

// notePersona finds where a warning about a persona points: its name,
// or, without one, its front matter.
func notePersona(file string, t tomldoc.Table) fileNotes {
	at := t.KeyPos("name")
	if at.Line == 0 {
		at = t.Pos()
		at.File, at.Line, at.Col = file, max(at.Line, 1), max(at.Col, 1)
	}
	return fileNotes{at: at}
}

// StaleOn reports whether j was last updated more than afterDays days
// before now; 0 days means never. The stale banner on a map's page and
// the stale warning both use it.
func (j *Journey) StaleOn(now time.Time, afterDays int) bool {
	return !j.Updated.IsZero() && Stale(j.Updated, now, afterDays)
}

// Stale reports whether something dated date is out of date on now:
// more than afterDays days old, 0 days meaning never. A map's updated
// date and a KPI's newest value are held to it.
func Stale(date, now time.Time, afterDays int) bool {
	return afterDays > 0 && now.Sub(date) > time.Duration(afterDays)*24*time.Hour
}

// daysOld is how many whole days old something dated date is on now, as
// the warning about a stale map says it.
func daysOld(date, now time.Time) int { return int(now.Sub(date) / (24 * time.Hour)) }

// NextStaleChange is the first instant after now at which what a build
// of the site dated now shows and warns of would change with the date
// alone: a map or a KPI going out of date (Stale), or the age in days a
// stale map's warning gives. Until then a build dated now stands for a
// build dated any time after now. It is the zero Time when nothing ever
// changes so ([review] stale_after_days = 0).
func (s *Site) NextStaleChange(now time.Time) time.Time {
	days := s.Config.Review.StaleAfterDays
	if days <= 0 {
		return time.Time{}
	}
	var next time.Time
	// aged: the date's age in days is shown once it is stale.
	dated := func(date time.Time, aged bool) {
		var at time.Time
		switch {
		case !Stale(date, now, days):
			at = date.Add(time.Duration(days)*24*time.Hour + 1) // Stale: more than days old
		case aged:
			at = date.Add(time.Duration(daysOld(date, now)+1) * 24 * time.Hour)
		default:
			return // stale for good
		}
		if next.IsZero() || at.Before(next) {
			next = at
		}
	}
	for _, j := range s.Journeys {
		if !j.Updated.IsZero() {
			// Every stale map's age, though only published ones are
			// warned of: a change found too early costs one full
			// build, one missed a warning that gives the wrong age.
			dated(j.Updated, true)
		}
		for _, st := range j.Stages {
			for _, se := range st.Series {
				dated(se.Latest().Date, false)
			}
		}
	}
	return next
}

// warnings gathers the warnings of the site, now being the build's date.
func (l *loader) warnings(site *Site, now time.Time) diag.List {
	if now.IsZero() {
		now = time.Now()
	}
	w := l.warns
	days := site.Config.Review.StaleAfterDays
	for _, j := range site.Journeys {
		if j.Status == "draft" {
			continue
		}
		n := l.notes[j]
		w.Append(n.warnings)
		if j.Status == "published" && j.StaleOn(now, days) {
			w.Warn(n.at, fmt.Sprintf("review the map and set updated to the date of the review, or change [review] stale_after_days = %d in site.toml", days),
				"map was last updated on %s, %d days ago: older than %d days", j.Updated.Format(time.DateOnly), daysOld(j.Updated, now), days)
		}
	}
	// A persona that only drafts name is still being worked on. While a
	// journey cannot be read, any persona may be one of its: none is
	// said to be in no journey.
	if len(l.unreadJourneys) > 0 {
		return w.Sort()
	}
	used := map[*Persona]bool{}
	for _, j := range l.journeys {
		for _, p := range j.Personas {
			used[p] = true
		}
	}
	for _, p := range site.Personas {
		if !used[p] {
			w.Warn(l.notes[p].at, fmt.Sprintf("add %q to the personas of the journeys this persona takes, or delete the file if it is retired", p.Slug),
				"persona %q is in no journey", p.Name)
		}
	}
	return w.Sort()
}

// linkedFolder warns of a symbolic link under content/ to a folder: the
// walk does not follow it, which would let a link lead outside the site
// or round in a loop, so the maps in it are not read.
func linkedFolder(fsys fs.FS, p string, problems *diag.List) {
	fi, err := fs.Stat(fsys, p)
	switch {
	case err != nil:
		problems.Warn(diag.Position{File: p}, "remove the link, or replace it with the files it should lead to",
			"link cannot be followed (%v): nothing in it is read", diag.Cause(err))
	case fi.IsDir():
		problems.Warn(diag.Position{File: p}, "move the folder into content/, or link its files one by one",
			"link to a folder: waymark does not follow it, so the maps in it are left out")
	}
}
