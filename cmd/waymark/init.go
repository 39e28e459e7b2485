package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/waymark-cx/waymark/generator/buildcache"
)

const initMore = `
DIR is created if it does not exist; the default is the current folder.
waymark init writes:

  site.toml                            the site's title and channels, commented
  content/personas/example-customer.md an example persona
  content/journeys/example.md          an example journey map that uses it
  .gitignore                           keeps the built site (public/) and the
                                       build cache (.waymark-cache/) out of git

A folder that already has a site.toml is refused, and nothing is changed.
A .gitignore that exists is kept, with public/ and .waymark-cache/ added
to it where it does not ignore them yet; the example
files are written only where no file of that name exists. Then 'waymark
serve' shows the site as you edit it, and 'waymark new journey "Title"'
starts a map of your own.
`

// initFile is one file that init writes.
type initFile struct {
	path  string // slash path under the site folder
	about string // what it is, for the summary printed
	text  string
}

// initFiles are the files of a new site, with the example map dated today
// so that it is not out of date under [review] stale_after_days.
func initFiles(today time.Time) []initFile {
	return []initFile{
		{"site.toml", "the site's title and channels", initSiteTOML},
		{"content/personas/example-customer.md", "an example persona", initPersona},
		{"content/journeys/example.md", "an example journey map", strings.ReplaceAll(initJourney, "{today}", today.Format(time.DateOnly))},
	}
}

// gitignored are what init keeps out of git: the default output folder
// and the build cache, each with the ways a .gitignore may already say so.
var gitignored = []struct{ line, name string }{
	{"/public/", "public"},
	{"/" + buildcache.Dir + "/", buildcache.Dir},
}

// initSite starts a site: a commented site.toml, an example persona and
// journey that pass check, and a .gitignore for the output.
func (c *cli) initSite(args []string) int {
	flags := c.flags("init")
	pos, code := c.parseArgs(flags, args)
	if code >= 0 {
		return code
	}
	if len(pos) > 1 {
		return c.usageError("init", "put a folder name with spaces in quotes", "unexpected argument %q", pos[1])
	}
	dir := "."
	if len(pos) == 1 {
		dir = pos[0]
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return c.usageError("init", "name a folder, new or existing", "%s is a file, not a folder", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err == nil {
		fmt.Fprintf(c.stderr, "waymark init: %s already has a site.toml; nothing was changed\n", dir)
		fmt.Fprintln(c.stderr, "\thint: run 'waymark new journey \"Title\"' there to add a map, or name a new folder: waymark init DIR")
		return exitContent
	}

	var wrote, kept []initFile
	for _, f := range initFiles(time.Now()) {
		err := writeNew(filepath.Join(dir, filepath.FromSlash(f.path)), f.text, false)
		switch {
		case errors.Is(err, fs.ErrExist):
			kept = append(kept, f)
		case err != nil:
			fmt.Fprintf(c.stderr, "waymark init: %v\n", err)
			return exitContent
		default:
			wrote = append(wrote, f)
		}
	}
	ignore, err := addToGitignore(filepath.Join(dir, ".gitignore"))
	if err != nil {
		fmt.Fprintf(c.stderr, "waymark init: %v\n", err)
		return exitContent
	}
	if ignore != "" {
		wrote = append(wrote, initFile{path: ".gitignore", about: ignore})
	}

	fmt.Fprintf(c.stdout, "Created a waymark site in %s:\n", dir)
	for _, f := range wrote {
		fmt.Fprintf(c.stdout, "  %-38s %s\n", f.path, f.about)
	}
	for _, f := range kept {
		fmt.Fprintf(c.stdout, "  %-38s kept as it was: a file of that name was there\n", f.path)
	}
	fmt.Fprintln(c.stdout, "Next:")
	if dir != "." {
		fmt.Fprintf(c.stdout, "  cd %s\n", shellQuote(dir))
	}
	fmt.Fprintln(c.stdout, "  waymark serve                    see the site in your browser as you edit")
	fmt.Fprintln(c.stdout, "  waymark new journey \"Title\"      start a journey map of your own")
	fmt.Fprintln(c.stdout, "  waymark build                    write the site into public/")
	return exitOK
}

// addToGitignore makes sure the .gitignore at file ignores the output
// folder and the build cache, keeping what it holds. It says what it
// did, or "" when the file had the lines already.
func addToGitignore(file string) (string, error) {
	old, err := os.ReadFile(file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		text := "# The built site and the build cache: waymark makes them, git need not keep them.\n"
		for _, g := range gitignored {
			text += g.line + "\n"
		}
		return "keeps the built site (public/) and the build cache (" + buildcache.Dir + "/) out of git", writeNew(file, text, false)
	case err != nil:
		return "", err
	}
	text := string(old)
	var added []string
	for _, g := range gitignored {
		if ignores(text, g.name) {
			continue
		}
		if text != "" && !strings.HasSuffix(text, "\n") {
			text += "\n"
		}
		text += g.line + "\n"
		added = append(added, g.name+"/")
	}
	if len(added) == 0 {
		return "", nil
	}
	return strings.Join(added, " and ") + " added, to keep the built site and the build cache out of git", os.WriteFile(file, []byte(text), 0o644)
}

// ignores reports whether a .gitignore's text has a line that ignores
// the folder name at the top of the repository, in any of the ways such
// a line is written.
func ignores(text, name string) bool {
	for _, line := range strings.Split(text, "\n") {
		switch strings.TrimSpace(line) {
		case name, name + "/", "/" + name, "/" + name + "/":
			return true
		}
	}
	return false
}

const initSiteTOML = `# The site: its title, where it is published, and the channels on which
# customers meet you. Every key is described in docs/content-format.md;
# 'waymark check' reports mistakes with their line.

title       = "Customer journeys"   # required: shown on every page
description = "Journey maps, personas and channels of our customer experience team."
language    = "en"                  # the pages' language

# Where the site is published. Without it the site works at a server's
# root and opened from a folder; under a sub-path, give the full address.
# base_url  = "https://intranet.example/cx/maps/"

# A link to edit each map in your git host, {path} being the file's path.
# edit_url  = "https://git.example/cx/maps/-/edit/main/{path}"

[review]
# A map whose 'updated' date is older than this is marked out of date,
# and check and build warn about published ones; 0 turns this off.
stale_after_days = 180

[build]
drafts = false   # true builds maps whose status is "draft" (or pass --drafts)

# Channels, in the order they appear in matrices and filters. A journey's
# touchpoints name them by id. kind is digital, physical, human or partner.

[[channels]]
id   = "web"
name = "Website"
kind = "digital"

[[channels]]
id   = "app"
name = "Mobile app"
kind = "digital"

[[channels]]
id   = "email"
name = "Email"
kind = "digital"

[[channels]]
id   = "store"
name = "Stores"
kind = "physical"

[[channels]]
id   = "post"
name = "Letters"
kind = "physical"

[[channels]]
id   = "phone"
name = "Phone support"
kind = "human"

[[channels]]
id   = "staff"
name = "Store staff"
kind = "human"

[[channels]]
id   = "courier"
name = "Delivery partner"
kind = "partner"

[[channels]]
id   = "payments"
name = "Payment provider"
kind = "partner"
`

const initPersona = `+++
# A persona: an archetypal customer. Journeys name it by its slug, the
# file name: personas = ["example-customer"]. Rename or replace it with
# your own, made with: waymark new persona "Name".

name        = "Sam Example"
role        = "Busy parent, orders online"
quote       = "I just want to know when it will arrive."
goals       = ["Get the right thing first time", "Spend as little time as possible"]
pain_points = ["Vague delivery windows"]
channels    = ["web", "app"]
+++

Who Sam stands for, and the research the persona is drawn from.
`

const initJourney = `+++
# An example journey map. Change it, or keep it beside your own while you
# learn the format: every key is described in docs/content-format.md, and
# 'waymark new journey "Title"' writes a commented skeleton of a new map.

title    = "Example: ordering online"
summary  = "From finding a product to receiving it: the delivery window is where it hurts."
personas = ["example-customer"]
state    = "current"
type     = "strategic"
goal     = "Order a product and receive it without chasing it"
status   = "published"
owner    = "Customer experience team"
updated  = {today}

[[stages]]
name          = "Find"
doing         = ["Searches the website", "Compares two products"]
thinking      = "Is this the right one?"
feeling       = "Curious"
emotion       = 1
pain_points   = ["Stock levels only show at checkout"]
opportunities = ["Show stock on the product page"]

  [[stages.touchpoints]]
  name     = "Product page"
  channels = ["web", "app"]
  emotion  = 1

  [[stages.evidence]]
  kind  = "analytics"
  title = "Web analytics, last quarter"
  n     = 12000

[[stages]]
name            = "Order"
doing           = ["Pays", "Picks a delivery day"]
thinking        = "Which day will actually suit me?"
feeling         = "Unsure"
emotion         = -1
moment_of_truth = true
pain_points     = ["Delivery windows of a whole day"]
opportunities   = ["Offer two-hour windows"]

  [[stages.touchpoints]]
  name     = "Checkout"
  channels = ["web"]
  emotion  = -1

  [[stages.touchpoints]]
  name     = "Order confirmation"
  channels = ["email"]
  emotion  = 0

  [[stages.evidence]]
  kind  = "interview"
  title = "Customer interviews"
  n     = 8
  quote = "I took a day off work and it came at six."

[[stages]]
name          = "Receive"
doing         = ["Waits in", "Calls to ask where the parcel is"]
feeling       = "Relieved"
emotion       = 0.5
pain_points   = ["No tracking once the parcel is out for delivery"]
opportunities = ["Live tracking on the day"]

  [[stages.touchpoints]]
  name     = "Doorstep delivery"
  channels = ["courier"]
  emotion  = 1

  [[stages.touchpoints]]
  name     = "Where is my order? call"
  channels = ["phone"]
  emotion  = -1
+++

The narrative of the journey, in Markdown: who it is about, what happens,
and what the map shows. Here, ordering is easy until the customer has to
plan a day around a delivery window.

## Order

A ` + "`##`" + ` section named after a stage holds that stage's notes, shown with
the stage. Choosing a delivery day is the moment of truth: a missed
delivery costs a day off work.
`
