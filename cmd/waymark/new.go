package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
)

const newMore = `
  waymark new journey "Buying a bike online"   writes content/journeys/buying-a-bike-online.md
  waymark new persona "Dana Ortiz"             writes content/personas/dana-ortiz.md

The file name is the slug of the title. The file is a skeleton that passes
'waymark check': every key with a comment that says what it is for and what
it accepts, example stages, and the Markdown body. A new journey is a draft
(status = "draft"): 'waymark serve --drafts' shows it. An existing file is
never replaced unless --force is given.
`

// newKinds are what 'waymark new' creates.
var newKinds = []string{"journey", "persona"}

// newFile writes the skeleton of a journey or a persona.
func (c *cli) newFile(args []string) int {
	flags := c.flags("new")
	source := sourceFlag(flags)
	force := flags.Bool("force", false, "overwrite the file if it exists")
	pos, code := c.parseArgs(flags, args)
	if code >= 0 {
		return code
	}
	if len(pos) == 0 {
		return c.usageError("new", `waymark new journey "Buying a bike online", or waymark new persona "Dana Ortiz"`,
			"say what to create: journey or persona")
	}
	kind := pos[0]
	if !slices.Contains(newKinds, kind) {
		return c.usageError("new", kindHint(kind), "unknown kind %q: waymark creates a journey or a persona", kind)
	}
	example := map[string]string{"journey": "Buying a bike online", "persona": "Dana Ortiz"}[kind]
	word := map[string]string{"journey": "title", "persona": "name"}[kind]
	switch {
	case len(pos) == 1:
		return c.usageError("new", fmt.Sprintf("waymark new %s %q", kind, example), "missing the %s's %s", kind, word)
	case len(pos) > 2:
		return c.usageError("new", fmt.Sprintf("put the %s in quotes: waymark new %s %q", word, kind, strings.Join(pos[1:], " ")),
			"unexpected argument %q", pos[2])
	}
	title := strings.TrimSpace(pos[1])
	s := slug.Make(title)
	switch {
	case !utf8.ValidString(title):
		return c.usageError("new", "", "the %s is not valid UTF-8", word)
	case title == "":
		return c.usageError("new", fmt.Sprintf("waymark new %s %q", kind, example), "the %s's %s is empty", kind, word)
	case s == "":
		return c.usageError("new", "the file name is made of the letters and digits of the "+word+"; use some",
			"%s %q gives no file name", word, title)
	}
	dir, ok := c.openSite("new", *source)
	if !ok {
		return exitUsage
	}
	fsys := os.DirFS(dir)
	cfg, errs := config.Load(fsys)
	if cfg == nil {
		c.printDiags(errs)
		fmt.Fprintf(c.stderr, "waymark new: %s is not a waymark site; nothing was written\n", dir)
		return exitContent
	}

	folder := content.JourneysDir
	if kind == "persona" {
		folder = content.PersonasDir
	}
	rel := folder + "/" + s + ".md"
	file := filepath.Join(dir, filepath.FromSlash(rel))
	taken := slugs(fsys, folder)
	if other, dup := taken[s]; dup && other != rel {
		// Slugs are unique per kind across subfolders: a second file with
		// this slug would break the site, and --force cannot help.
		fmt.Fprintf(c.stderr, "waymark new: a %s with the slug %q already exists: %s\n", kind, s, filepath.Join(dir, filepath.FromSlash(other)))
		fmt.Fprintf(c.stderr, "\thint: choose another %s; --force only replaces a file at %s\n", word, file)
		return exitContent
	}

	var text string
	if kind == "journey" {
		text = journeySkeleton(title, cfg, sortedSlugs(slugs(fsys, content.PersonasDir)), sortedSlugs(taken), time.Now())
	} else {
		text = personaSkeleton(title, s, cfg)
	}
	if err := writeNew(file, text, *force); err != nil {
		if errors.Is(err, fs.ErrExist) {
			fmt.Fprintf(c.stderr, "waymark new: %s already exists\n", file)
			fmt.Fprintf(c.stderr, "\thint: choose another %s, or pass --force to overwrite it\n", word)
		} else {
			fmt.Fprintf(c.stderr, "waymark new: %v\n", err)
		}
		return exitContent
	}

	serve := "waymark serve"
	if dir != "." {
		serve += " -s " + shellQuote(dir)
	}
	if kind == "journey" {
		fmt.Fprintf(c.stdout, "Created %s, a draft journey map with two example stages.\n", file)
		fmt.Fprintf(c.stdout, "Next: edit it, then run '%s --drafts' to see it as you write; set status = \"published\" when it is ready.\n", serve)
	} else {
		fmt.Fprintf(c.stdout, "Created %s, a persona with the slug %q.\n", file, s)
		fmt.Fprintf(c.stdout, "Next: edit it, then run '%s' to see it as you write; journeys refer to it with personas = [%q].\n", serve, s)
	}
	return exitOK
}

// kindHint is the hint for an unknown kind.
func kindHint(kind string) string {
	if h := diag.Suggest(kind, newKinds); h != "" {
		return h
	}
	return `waymark new journey "Title", or waymark new persona "Name"`
}

// writeNew writes a new file, creating its folder; it refuses to replace
// an existing file unless force is set.
func writeNew(file, text string, force bool) error {
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(file, flags, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.WriteString(text); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// slugs maps the slug of every content file under folder to its path, the
// way the loader finds them: .md files, hidden and _ names left out.
func slugs(fsys fs.FS, folder string) map[string]string {
	out := map[string]string{}
	fs.WalkDir(fsys, folder, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder that is missing or unreadable holds nothing to clash with
		}
		name := d.Name()
		if p != folder && (strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || path.Ext(name) != ".md" {
			return nil
		}
		s := slug.Make(strings.TrimSuffix(name, ".md"))
		if _, dup := out[s]; !dup && s != "" {
			out[s] = p
		}
		return nil
	})
	return out
}

func sortedSlugs(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for s := range m {
		out = append(out, s)
	}
	slices.Sort(out)
	return out
}

// firstChannel returns the first channel of site.toml whose id is usable in
// front matter, or nil.
func firstChannel(cfg *config.Config) *config.Channel {
	for i := range cfg.Channels {
		if slug.Valid(cfg.Channels[i].ID) {
			return &cfg.Channels[i]
		}
	}
	return nil
}

// listed prints up to max items, then "…".
func listed(items []string, max int) string {
	if len(items) > max {
		return strings.Join(items[:max], ", ") + ", …"
	}
	return strings.Join(items, ", ")
}

// skeleton writes TOML lines with their comments lined up.
type skeleton struct {
	b strings.Builder
}

func (k *skeleton) line(s string) { k.b.WriteString(strings.TrimRight(s, " ") + "\n") }

// kv writes "key = value", the key padded to width, and a comment lined up
// at column col when there is one.
func (k *skeleton) kv(indent string, width, col int, key, value, comment string) {
	s := indent + fmt.Sprintf("%-*s = %s", width, key, value)
	if comment != "" {
		pad := max(col-utf8.RuneCountInString(s), 2)
		s += strings.Repeat(" ", pad) + "# " + comment
	}
	k.line(s)
}

// off writes a key as kv does, commented out: "# key = value", its "="
// and comment lined up with the others'.
func (k *skeleton) off(indent string, width, col int, key, value, comment string) {
	k.kv(indent+"# ", max(width-2, 0), col, key, value, comment)
}

// journeySkeleton is a new journey map that passes waymark check: the
// site's first channel on its touchpoint, an existing persona or none.
func journeySkeleton(title string, cfg *config.Config, personas, journeys []string, now time.Time) string {
	var k skeleton
	const w, col = 8, 30
	kv := func(key, value, comment string) { k.kv("", w, col, key, value, comment) }
	k.line("+++")
	k.line("# A journey map. This front matter, between the +++ lines, is TOML: it holds")
	k.line("# the map. The Markdown after it holds the narrative and the stages' notes.")
	k.line("# Every key is described in docs/content-format.md, and 'waymark check'")
	k.line("# reports mistakes with their line. A line starting with # is a comment:")
	k.line("# remove the # to use a key shown that way.")
	k.line("")
	kv("title", tomldoc.Quote(title), "required: the map's name")
	kv("summary", `""`, "one or two sentences, shown on the map's card")
	if len(personas) > 0 {
		k.line("# The personas this journey is about: slugs of files in content/personas/.")
		k.line("# This site has: " + listed(personas, 8))
		kv("personas", "["+tomldoc.Quote(personas[0])+"]", "")
	} else {
		k.line(`# The personas this journey is about: slugs of files in content/personas/.`)
		k.line(`# This site has none yet: waymark new persona "Name" makes one.`)
		k.off("", w, col, "personas", `["…"]`, "")
	}
	kv("state", `"current"`, "current (the journey today) or future (as it should be)")
	kv("type", `"strategic"`, "strategic, tactical, goal-based or day-in-the-life")
	kv("goal", `""`, "what the customer wants to achieve")
	k.off("", w, col, "scenario", `"What happens if …?"`, "for a tactical map: the question it answers")
	parent := "…"
	if len(journeys) > 0 {
		parent = journeys[0]
	}
	k.off("", w, col, "parent", tomldoc.Quote(parent), "the slug of the journey this one is part of")
	kv("status", `"draft"`, "draft (built only with --drafts), review or published")
	kv("owner", `""`, "who keeps this map up to date")
	kv("updated", now.Format(time.DateOnly), "a TOML date, without quotes: when the map was last reviewed")
	kv("version", `"0.1"`, "your own version label, in quotes")
	kv("tags", "[]", `free labels: ["online", "purchase"]`)
	k.line("")

	ch := firstChannel(cfg)
	const sw, scol = 15, 36
	skv := func(key, value, comment string) { k.kv("", sw, scol, key, value, comment) }
	tkv := func(key, value, comment string) { k.kv("  ", sw, scol, key, value, comment) }
	k.line("# Stages run left to right in the order written: copy a [[stages]] block for")
	k.line("# each one. A list takes one string or several: doing = [\"…\", \"…\"].")
	k.line("[[stages]]")
	skv("name", `"Discover"`, `required; a "## Discover" section below holds its notes`)
	k.off("", sw, scol, "id", `"discover"`, "optional: the name as a slug unless given")
	skv("goal", `""`, "what the customer wants from this stage")
	skv("description", `""`, "")
	skv("doing", "[]", "what the customer does")
	skv("thinking", "[]", "what they think or say, in their words")
	skv("feeling", `""`, `one word: "Curious"`)
	skv("emotion", "0", "-2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive; decimals allowed")
	skv("pain_points", "[]", "")
	skv("opportunities", "[]", "")
	skv("frontstage", "[]", "what the customer sees and uses")
	skv("backstage", "[]", "what supports it, unseen")
	skv("kpis", "[]", "how this stage is measured")
	skv("moment_of_truth", "false", "true marks a make-or-break moment")
	k.line("")
	if ch != nil {
		ids := cfg.ChannelIDs()
		k.line("  # A touchpoint: where the customer meets you in this stage.")
		k.line("  [[stages.touchpoints]]")
		tkv("name", tomldoc.Quote(ch.Name), "required")
		tkv("channels", "["+tomldoc.Quote(ch.ID)+"]", "required: ids from site.toml: "+listed(ids, 6))
		tkv("description", `""`, "")
		k.off("  ", sw, scol, "emotion", "0", "-2 … 2; without it, the stage's emotion counts")
		tkv("owner", `""`, "the team responsible")
		tkv("moment_of_truth", "false", "")
	} else {
		k.line("  # Touchpoints need channels, and site.toml declares none yet: add")
		k.line("  # [[channels]] entries there (id, name, kind), then a block like this one.")
		k.line("  # [[stages.touchpoints]]")
		k.line(`  # name     = "Product page"   # required`)
		k.line(`  # channels = ["web"]          # required: channel ids from site.toml`)
	}
	k.line("")
	k.line("  # Research behind the stage: copy the block for each source.")
	k.line("  # [[stages.evidence]]")
	k.line(`  # kind  = "survey"   # required: survey, interview, poll, analytics, support or observation`)
	k.line(`  # title = ""`)
	k.line(`  # n     = 100        # sample size: people or records, 1 or more`)
	k.line(`  # quote = ""`)
	k.line(`  # url   = ""         # http(s)://, mailto: or a path relative to the site`)
	k.line("")
	k.line("# A stage needs only a name.")
	k.line("[[stages]]")
	k.kv("", 7, 0, "name", `"Decide"`, "")
	k.kv("", 7, 0, "emotion", "0", "")
	k.line("+++")
	k.line("")
	k.line("Write the journey's narrative here, in Markdown: who it is about, what")
	k.line("happens and what the map shows. It appears on the map's page, below the")
	k.line("stages.")
	k.line("")
	k.line("## Discover")
	k.line("")
	k.line("Notes on the Discover stage. A `##` section whose heading is a stage's name")
	k.line("or id is shown with that stage, not in the narrative.")
	return k.b.String()
}

// personaSkeleton is a new persona that passes waymark check.
func personaSkeleton(name, s string, cfg *config.Config) string {
	var k skeleton
	const w, col = 11, 32
	kv := func(key, value, comment string) { k.kv("", w, col, key, value, comment) }
	k.line("+++")
	k.line("# A persona: an archetypal customer. Journeys refer to it by its slug, the")
	k.line(fmt.Sprintf("# file name: personas = [%s]. This front matter, between the +++ lines,", tomldoc.Quote(s)))
	k.line("# is TOML; every key is described in docs/content-format.md, and")
	k.line("# 'waymark check' reports mistakes with their line. A line starting with #")
	k.line("# is a comment: remove the # to use a key shown that way.")
	k.line("")
	kv("name", tomldoc.Quote(name), "required")
	kv("role", `""`, `a few words: "Weekend commuter"`)
	kv("quote", `""`, "something they would say, in their words")
	k.off("", w, col, "photo", tomldoc.Quote("img/"+s+".jpg"), "a file under static/, or an http(s):// address")
	kv("goals", "[]", `what they want: ["Find a bike that fits"]`)
	kv("pain_points", "[]", "what gets in their way")
	kv("behaviors", "[]", "what they habitually do")
	kv("motivations", "[]", "why they do it")
	if ids := cfg.ChannelIDs(); len(ids) > 0 {
		kv("channels", "[]", "preferred channels, ids from site.toml: "+listed(ids, 6))
	} else {
		k.line("# Preferred channels: declare [[channels]] in site.toml first, then list")
		k.line("# their ids here.")
		k.off("", w, col, "channels", "[]", "")
	}
	kv("tags", "[]", "")
	k.line("")
	k.line("# Free keys, each with a string value, shown in this order.")
	k.line("[demographics]")
	k.line(`# age        = "34"`)
	k.line(`# occupation = ""`)
	k.line(`# location   = ""`)
	k.line("+++")
	k.line("")
	k.line("Write the persona's background here, in Markdown: their situation, what")
	k.line("they care about, and the research they are drawn from.")
	return k.b.String()
}

// shellQuote quotes a path for a command line to copy, when it needs it.
func shellQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n'\"$`\\!*?[]{}()<>|&;#~") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
