// Package config reads a site's site.toml: its title, where it is
// published, its theme, build options and the channels its journeys use.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/slug"
	"github.com/waymark-cx/waymark/generator/tomldoc"
	"github.com/waymark-cx/waymark/generator/urlpolicy"
)

// File is the name of the configuration file at the site root.
const File = "site.toml"

// Config is a site's configuration.
type Config struct {
	Title       string
	Description string
	BaseURL     string // absolute, ending in "/"; "/" when not set
	Theme       string
	Language    string
	EditURL     string // with a {path} placeholder, or ""
	Build       Build
	Markdown    Markdown
	Review      Review
	Pagination  Pagination
	Channels    []Channel
}

// Pagination holds the [pagination] options.
type Pagination struct {
	// PerPage is how many journeys a list page shows before it goes on
	// to a next page (page/2/, page/3/, …): the index, /channels/ and each
	// channel's page. A site of thousands of maps would otherwise have
	// list pages of tens of megabytes that no browser opens comfortably.
	// 0 shows every journey on one page.
	PerPage int
}

// DefaultPerPage is [pagination] per_page when site.toml does not say.
const DefaultPerPage = 100

// PageDir is the folder under a list page that holds its further pages
// ("channels/page/2/"); no channel may take it as its id.
const PageDir = "page"

// Review holds the [review] options.
type Review struct {
	// StaleAfterDays marks a journey whose updated date is older than
	// this many days as stale, on its page and its card: journey maps must
	// be kept current. 0 turns the warning off.
	StaleAfterDays int
}

// Markdown holds the [markdown] options.
type Markdown struct {
	// Unsafe keeps raw HTML written in Markdown bodies. Off by default:
	// with it, any author can put script into pages everyone reads.
	Unsafe bool
}

// Build holds the [build] options.
type Build struct {
	Minify bool
	Drafts bool
}

// Channel is a medium through which a customer meets the organisation.
type Channel struct {
	ID          string
	Name        string
	Kind        string // one of Kinds
	Description string
	Pos         diag.Position
}

// Kinds are the allowed channel kinds, in the order pages group them.
var Kinds = []string{"digital", "physical", "human", "partner"}

// Channel returns the channel with the given id, or nil.
func (c *Config) Channel(id string) *Channel {
	for i := range c.Channels {
		if c.Channels[i].ID == id {
			return &c.Channels[i]
		}
	}
	return nil
}

// ChannelIDs returns every channel id, for "did you mean" hints.
func (c *Config) ChannelIDs() []string {
	ids := make([]string, len(c.Channels))
	for i, ch := range c.Channels {
		ids[i] = ch.ID
	}
	return ids
}

// Load reads site.toml from the root of fsys. It returns nil when the file
// cannot be read or is not TOML; otherwise a Config with defaults filled
// in, usable to check content against even when there are diagnostics.
func Load(fsys fs.FS) (*Config, diag.List) {
	var errs diag.List
	c := &Config{BaseURL: "/", Theme: "default", Language: "en", Pagination: Pagination{PerPage: DefaultPerPage}}
	data, err := fs.ReadFile(fsys, File)
	if err != nil {
		hint := "run waymark in the site's folder, or point -s at it; to start a site here, run waymark init"
		if !errors.Is(err, fs.ErrNotExist) {
			hint = ""
		}
		errs.Add(diag.Position{File: File}, hint, "cannot read the site configuration: %v", diag.Cause(err))
		return nil, errs
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if !diag.CheckUTF8(File, data, &errs) {
		return nil, errs
	}
	root, ok := tomldoc.Parse(File, 0, string(data), &errs)
	if !ok {
		return nil, errs
	}
	decode(c, root)
	return c, errs
}

// SetBaseURL replaces base_url, as --base-url does: the same rules as in
// site.toml, an absolute http(s) URL.
func (c *Config) SetBaseURL(s string) error {
	if !absoluteHTTP(s) {
		return fmt.Errorf("base URL %q is not an http(s) URL; write the full address, e.g. https://intranet.example/cx/maps/", s)
	}
	c.BaseURL = strings.TrimSuffix(s, "/") + "/"
	return nil
}

// absoluteHTTP reports whether s is what base_url and edit_url must be: an
// http(s) URL with a host by the URL policy, written as a browser reads
// it. The policy looks past character references and leading blanks, as
// a browser does; base_url is used as written, so it must have none.
func absoluteHTTP(s string) bool {
	v := urlpolicy.Classify(s)
	return v.Kind == urlpolicy.Web && v.Read == s
}

func decode(c *Config, t tomldoc.Table) {
	if t.Require("title", `title = "Our customer journeys"`) {
		c.Title = t.String("title")
	}
	c.Description = t.String("description")
	if s := t.String("base_url"); s != "" {
		if !absoluteHTTP(s) {
			t.Errorf("base_url", `write the full address, e.g. base_url = "https://intranet.example/cx/maps/"`,
				"base_url %q is not an http(s) URL", s)
		} else {
			c.BaseURL = strings.TrimSuffix(s, "/") + "/"
		}
	}
	if s := t.String("theme"); s != "" {
		if !slug.Valid(s) {
			t.Errorf("theme", "a theme is a folder name under themes/, like \"default\"", "theme %q is not a valid theme name", s)
		} else {
			c.Theme = s
		}
	}
	if s := t.String("language"); s != "" {
		c.Language = s
	}
	if s := t.String("edit_url"); s != "" {
		switch {
		case !absoluteHTTP(strings.ReplaceAll(s, "{path}", "x")):
			t.Errorf("edit_url", `e.g. edit_url = "https://git.example/cx/maps/edit/main/{path}"`,
				"edit_url %q is not an http(s) URL", s)
		case !strings.Contains(s, "{path}"):
			t.Errorf("edit_url", "add {path} where the file's path goes, e.g. .../edit/main/{path}",
				"edit_url has no {path} placeholder")
		default:
			c.EditURL = s
		}
	}
	if b, ok := t.Table("build"); ok {
		c.Build.Minify = b.Bool("minify")
		c.Build.Drafts = b.Bool("drafts")
		b.Done()
	}
	if r, ok := t.Table("review"); ok {
		if n, ok := r.Int("stale_after_days"); ok {
			if n < 0 || n > 36500 {
				r.Errorf("stale_after_days", "use a number of days, e.g. stale_after_days = 180, or 0 for no warning",
					"stale_after_days %d is out of range", n)
			} else {
				c.Review.StaleAfterDays = int(n)
			}
		}
		r.Done()
	}
	if p, ok := t.Table("pagination"); ok {
		if n, ok := p.Int("per_page"); ok {
			if n < 0 || n > 100000 {
				p.Errorf("per_page", fmt.Sprintf("use a number of journeys per list page, e.g. per_page = %d, or 0 for one page", DefaultPerPage),
					"per_page %d is out of range", n)
			} else {
				c.Pagination.PerPage = int(n)
			}
		}
		p.Done()
	}
	if m, ok := t.Table("markdown"); ok {
		c.Markdown.Unsafe = m.Bool("unsafe")
		m.Done()
	}
	seen := map[string]diag.Position{}
	for _, ct := range t.Tables("channels") {
		ch := Channel{Pos: ct.Pos()}
		if ct.Require("id", `id = "web"`) {
			ch.ID = ct.String("id")
			if prev, dup := seen[ch.ID]; dup {
				ct.Errorf("id", "channel ids must be unique; the first is at "+prev.String(), "duplicate channel id %q", ch.ID)
			} else if ch.ID != "" && !slug.Valid(ch.ID) {
				ct.Errorf("id", "use lower-case letters, digits and hyphens, e.g. "+quote(slug.Make(ch.ID)),
					"channel id %q is not a slug", ch.ID)
			} else if ch.ID == PageDir {
				ct.Errorf("id", `choose another id, e.g. "pages" or "print"; channels/page/ holds the further pages of /channels/`,
					"channel id %q is reserved", ch.ID)
			}
			seen[ch.ID] = ct.KeyPos("id")
		}
		if ct.Require("name", `name = "Website"`) {
			ch.Name = ct.String("name")
		}
		if ct.Require("kind", `kind = "digital" (or physical, human, partner)`) {
			ch.Kind = ct.String("kind")
			if ch.Kind != "" && !slices.Contains(Kinds, ch.Kind) {
				hint := diag.Suggest(ch.Kind, Kinds)
				if hint == "" {
					hint = "use one of " + diag.Choices(ch.Kind, Kinds)
				}
				ct.Errorf("kind", hint, "unknown channel kind %q", ch.Kind)
			}
		}
		ch.Description = ct.String("description")
		ct.Done()
		c.Channels = append(c.Channels, ch)
	}
	t.Done()
}

func quote(s string) string { return `"` + s + `"` }
