package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"
	"time"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/importer"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

const importMore = `
  waymark import journey.mmd             a Mermaid journey diagram (.mmd, .mermaid)
  waymark import README.md               its first ` + "```mermaid" + ` journey block, or else its first table
  waymark import map.csv --scale 0..10   a spreadsheet saved as CSV (or TSV)

Each file becomes content/journeys/<slug of its title>.md, in review
(status = "review"), which passes 'waymark check'. A Mermaid section is a
stage and each task a step, its score mapped from 1..5 (or --scale) onto
-2..2; its actors are personas. A table may have a column per stage and a
row per lane, or the other way round; its lanes are recognised by their
labels (Actions, Thoughts, Feelings, Emotion (-5 to +5), Touchpoints,
Channels, Pain points, Opportunities, KPIs, Goals, Frontstage, Backstage,
Owner, Evidence and their common synonyms), and one it does not know is
kept as stage notes under its own label, and reported.

Personas and channels are matched to the site's by name or id, in any
case; an actor with no persona gets a persona file, and a touchpoint's
channel that site.toml lacks is appended to it (kind "digital", to
check). A journey file is never replaced without --force. If any file
has a problem, nothing at all is written. --dry-run prints what would be
written. The formats are described in docs/import.md.
`

// importFiles is waymark import: journey maps from Mermaid diagrams,
// spreadsheets and Markdown tables.
func (c *cli) importFiles(args []string) int {
	flags := c.flags("import")
	source := sourceFlag(flags)
	scaleText := flags.String("scale", "", "the `MIN..MAX` scores are rated on: a Mermaid diagram's (default 1..5), or a table's emotion lane whose label names none (default -2..2)")
	force := flags.Bool("force", false, "replace a journey file that exists")
	dryRun := flags.Bool("dry-run", false, "print the files that would be written, and write nothing")
	c.allFlag(flags)
	files, code := c.parseArgs(flags, args)
	if code >= 0 {
		return code
	}
	if len(files) == 0 {
		return c.usageError("import", "waymark import journey.mmd, or waymark import map.csv -s site", "say which files to import")
	}
	var opts importer.Options
	if *scaleText != "" {
		s, err := importer.ParseScale(*scaleText)
		if err != nil {
			return c.usageError("import", "", "--scale: %v", err)
		}
		opts.Scale = &s
	}
	dir, ok := c.openSite("import", *source)
	if !ok {
		return exitUsage
	}
	fsys := siteFS(dir)
	cfg, cfgErrs := config.Load(fsys)
	if cfg == nil {
		c.printDiags(cfgErrs)
		fmt.Fprintf(c.stderr, "waymark import: %s is not a waymark site; nothing was written\n", dir)
		return exitContent
	}

	var diags diag.List
	var drafts []*importer.Draft
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			diags.Add(diag.Position{File: f}, "", "cannot read: %v", diag.Cause(err))
			continue
		}
		d, errs := importer.Read(f, data, opts)
		diags.Append(errs)
		if d != nil {
			drafts = append(drafts, d)
		}
	}
	var plan *importer.Plan
	if !diags.HasErrors() {
		var errs diag.List
		plan, errs = importer.MakePlan(drafts, importSite(fsys, cfg), importer.PlanOptions{Force: *force, Now: time.Now()})
		diags.Append(errs)
	}
	if diags.HasErrors() {
		c.printDiags(diags.Sort())
		fmt.Fprintln(c.stderr, "import failed; nothing was written")
		return exitContent
	}
	writes, err := planWrites(fsys, cfg, plan)
	if err != nil {
		fmt.Fprintf(c.stderr, "waymark import: %v; nothing was written\n", err)
		return exitContent
	}
	// What is written must pass waymark check: check the site as it
	// would be, and refuse to write a file that has a problem. Problems
	// the site had before are not the import's to fix.
	_, problems, _ := build.Build(build.Options{Root: overlayFS(fsys, writes), Builtin: themes.Default(), Drafts: true}, output.Discard{})
	ours, others := writes.own(problems)
	if len(ours) > 0 {
		c.printDiags(append(diags, ours...).Sort())
		fmt.Fprintln(c.stderr, "waymark import: what it would write does not pass waymark check (a bug: please report it with the file); nothing was written")
		return exitContent
	}
	c.printDiags(diags.Sort())
	if *dryRun {
		c.printWrites(writes)
		fmt.Fprintln(c.stdout, "Dry run: nothing was written.")
		return exitOK
	}
	if err := writes.commit(dir); err != nil {
		fmt.Fprintf(c.stderr, "waymark import: %v; nothing was written\n", err)
		return exitContent
	}
	c.importSummary(dir, plan, writes)
	if len(others) > 0 {
		e, _ := others.Count()
		fmt.Fprintf(c.stdout, "The site had %s before the import: 'waymark check' lists them.\n", diag.Plural(e, "other problem", "other problems"))
	}
	return exitOK
}

// importSite is what the import matches against: the site's personas by
// name and slug (every persona file's slug, loaded or not, so that none
// is written over), its channels, and its journey files.
func importSite(fsys fs.FS, cfg *config.Config) importer.Site {
	site := importer.Site{Channels: cfg.Channels, Journeys: slugs(fsys, content.JourneysDir)}
	loaded, _ := content.Load(fsys, cfg, content.Options{Drafts: true})
	named := map[string]bool{}
	for _, p := range loaded.Personas {
		site.Personas = append(site.Personas, importer.Persona{Slug: p.Slug, Name: p.Name})
		named[p.Slug] = true
	}
	for _, s := range sortedSlugs(slugs(fsys, content.PersonasDir)) {
		if !named[s] {
			site.Personas = append(site.Personas, importer.Persona{Slug: s})
		}
	}
	return site
}

// fileWrite is one file an import writes.
type fileWrite struct {
	path string // from the site root, slash-separated
	text string
	old  []byte // what it replaces; nil for a new file
	// appended is the text added to the end of old (site.toml's new
	// channels), "" when text replaces old whole.
	appended string
	what     string // for the summary
}

type importWrites []fileWrite

// planWrites lists the files of a plan: the journeys, a persona for
// each new actor (new's skeleton, to fill in), and site.toml with the new
// channels appended.
func planWrites(fsys fs.FS, cfg *config.Config, plan *importer.Plan) (importWrites, error) {
	var out importWrites
	for _, j := range plan.Journeys {
		w := fileWrite{path: j.Path, text: j.Text, what: "journey"}
		if j.Replaces {
			old, err := fs.ReadFile(fsys, j.Path)
			if err != nil {
				return nil, err
			}
			w.old = old
		}
		out = append(out, w)
	}
	for _, p := range plan.Personas {
		out = append(out, fileWrite{path: content.PersonasDir + "/" + p.Slug + ".md", text: personaSkeleton(p.Name, p.Slug, cfg), what: "persona"})
	}
	if plan.SiteTOML != "" {
		old, err := fs.ReadFile(fsys, config.File)
		if err != nil {
			return nil, err
		}
		appended := plan.SiteTOML
		if len(old) > 0 && !bytes.HasSuffix(old, []byte("\n")) {
			appended = "\n" + appended
		}
		out = append(out, fileWrite{path: config.File, text: string(old) + appended, old: old, appended: appended, what: "channels"})
	}
	return out, nil
}

// own splits a check's problems into those in what the import writes
// (a file it writes, or the lines it appends to site.toml) and the
// site's others.
func (ws importWrites) own(problems diag.List) (ours, others diag.List) {
	for _, d := range problems {
		if d.Severity == diag.Warning {
			continue
		}
		mine := false
		for _, w := range ws {
			if d.Pos.File != w.path {
				continue
			}
			mine = w.appended == "" || d.Pos.Line == 0 || d.Pos.Line > bytes.Count(w.old, []byte("\n"))
		}
		if mine {
			ours = append(ours, d)
		} else {
			others = append(others, d)
		}
	}
	return ours, others
}

// commit writes the files, all or none: each is written beside its
// place first, then moved into it; if a move fails, those already moved
// are taken back.
func (ws importWrites) commit(dir string) (err error) {
	temps := make([]string, len(ws))
	defer func() {
		for _, t := range temps {
			if t != "" {
				os.Remove(t)
			}
		}
	}()
	for i, w := range ws {
		file := filepath.Join(dir, filepath.FromSlash(w.path))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		f, err := os.CreateTemp(filepath.Dir(file), ".waymark-import-*")
		if err != nil {
			return err
		}
		temps[i] = f.Name()
		_, err = f.WriteString(w.text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if w.old == nil {
			// A file that appeared since the plan is not replaced.
			if _, err := os.Lstat(file); err == nil {
				return fmt.Errorf("%s appeared while importing", file)
			}
		} else if st, err := os.Stat(file); err == nil {
			os.Chmod(f.Name(), st.Mode().Perm())
		} else {
			return err
		}
	}
	for i, w := range ws {
		file := filepath.Join(dir, filepath.FromSlash(w.path))
		if err := os.Rename(temps[i], file); err != nil {
			for _, done := range ws[:i] {
				done.undo(dir)
			}
			return err
		}
		temps[i] = ""
	}
	return nil
}

// undo takes back a file commit wrote.
func (w fileWrite) undo(dir string) {
	file := filepath.Join(dir, filepath.FromSlash(w.path))
	if w.old == nil {
		os.Remove(file)
		return
	}
	os.WriteFile(file, w.old, 0o644)
}

// printWrites prints, for --dry-run, each file as it would be written;
// of site.toml, the lines appended.
func (c *cli) printWrites(ws importWrites) {
	for _, w := range ws {
		switch {
		case w.appended != "":
			fmt.Fprintf(c.stdout, "==> %s (appended)\n%s\n", w.path, strings.TrimLeft(w.appended, "\n"))
		case w.old != nil:
			fmt.Fprintf(c.stdout, "==> %s (replaced)\n%s\n", w.path, w.text)
		default:
			fmt.Fprintf(c.stdout, "==> %s (new)\n%s\n", w.path, w.text)
		}
	}
}

// importSummary says what was written.
func (c *cli) importSummary(dir string, plan *importer.Plan, ws importWrites) {
	at := func(rel string) string { return filepath.Join(dir, filepath.FromSlash(rel)) }
	for _, j := range plan.Journeys {
		verb := "Wrote"
		if j.Replaces {
			verb = "Replaced"
		}
		fmt.Fprintf(c.stdout, "%s %s from %s: %s\n", verb, at(j.Path), j.Draft.File, draftCounts(j.Draft))
	}
	for _, p := range plan.Personas {
		fmt.Fprintf(c.stdout, "Created %s for the actor %q (%s): a skeleton to fill in\n", at(content.PersonasDir+"/"+p.Slug+".md"), p.Name, p.From)
	}
	for _, ch := range plan.Channels {
		fmt.Fprintf(c.stdout, "Added the channel %q (id %q, kind %q: check it) to %s, for %s\n", ch.Name, ch.ID, ch.Kind, at(config.File), ch.From)
	}
	serve := "waymark serve"
	if dir != "." {
		serve += " -s " + shellQuote(dir)
	}
	fmt.Fprintf(c.stdout, "Next: run '%s' to review the %s; set status = \"published\" when ready.\n", serve,
		map[bool]string{true: "map", false: "maps"}[len(plan.Journeys) == 1])
}

// draftCounts is what a draft holds, in words: "3 stages, 8 steps, 2
// personas", "4 stages, 6 touchpoints, stage notes under 1 label".
func draftCounts(d *importer.Draft) string {
	var steps, touchpoints int
	labels := map[string]bool{}
	for _, s := range d.Stages {
		steps += len(s.Steps)
		touchpoints += len(s.Touchpoints)
		for _, n := range s.Notes {
			labels[n.Label] = true
		}
	}
	parts := []string{diag.Plural(len(d.Stages), "stage", "stages")}
	for _, n := range []struct {
		n         int
		one, many string
	}{{steps, "step", "steps"}, {touchpoints, "touchpoint", "touchpoints"}, {len(d.Personas), "persona", "personas"}} {
		if n.n > 0 {
			parts = append(parts, diag.Plural(n.n, n.one, n.many))
		}
	}
	if len(labels) > 0 {
		parts = append(parts, "stage notes under "+diag.Plural(len(labels), "label", "labels"))
	}
	return strings.Join(parts, ", ")
}

// overlayFS is the site with the import's files in place: what a check
// of the site would see once they are written.
func overlayFS(base fs.FS, ws importWrites) fs.FS {
	files := fstest.MapFS{}
	for _, w := range ws {
		files[w.path] = &fstest.MapFile{Data: []byte(w.text), Mode: 0o644, ModTime: time.Now()}
	}
	return overlay{base: base, files: files}
}

// overlay serves files from memory over a base folder; a folder lists
// the entries of both.
type overlay struct {
	base  fs.FS
	files fstest.MapFS
}

func (o overlay) Open(name string) (fs.File, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Open(name)
	}
	f, err := o.base.Open(name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.files.Open(name) // a folder only the import makes
	}
	return f, err
}

func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(o.base, name)
	mine, merr := o.files.ReadDir(name)
	if err != nil && merr != nil {
		return nil, err
	}
	for _, e := range mine {
		i := slices.IndexFunc(entries, func(x fs.DirEntry) bool { return x.Name() == e.Name() })
		if i >= 0 {
			if !e.IsDir() {
				entries[i] = e
			}
			continue
		}
		entries = append(entries, e)
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

func (o overlay) ReadFile(name string) ([]byte, error) {
	if f, ok := o.files[name]; ok {
		return slices.Clone(f.Data), nil
	}
	return fs.ReadFile(o.base, name)
}

func (o overlay) Stat(name string) (fs.FileInfo, error) {
	if _, ok := o.files[name]; ok {
		return o.files.Stat(name)
	}
	st, err := fs.Stat(o.base, name)
	if errors.Is(err, fs.ErrNotExist) {
		return o.files.Stat(name)
	}
	return st, err
}
