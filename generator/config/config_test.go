package config

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/diag"
)

// site is a site folder holding only site.toml with the given text.
func site(toml string) fstest.MapFS {
	return fstest.MapFS{File: &fstest.MapFile{Data: []byte(toml)}}
}

// want is an expected diagnostic in site.toml: its line and column (0 when
// not known), and substrings of the message and hint.
type want struct {
	line, col int
	msg, hint string
}

func checkDiags(t *testing.T, errs diag.List, wants ...want) {
	t.Helper()
	errs = errs.Sort()
	if len(errs) != len(wants) {
		t.Errorf("got %d diagnostics, want %d:\n%s", len(errs), len(wants), errs.Format())
	}
	for i := range min(len(errs), len(wants)) {
		g, w := errs[i], wants[i]
		if g.Pos != (diag.Position{File: File, Line: w.line, Col: w.col}) {
			t.Errorf("diagnostic %d at %v, want %s:%d:%d (%s)", i, g.Pos, File, w.line, w.col, g.Msg)
		}
		if !strings.Contains(g.Msg, w.msg) {
			t.Errorf("diagnostic %d message %q, want it to contain %q", i, g.Msg, w.msg)
		}
		if !strings.Contains(g.Hint, w.hint) {
			t.Errorf("diagnostic %d hint %q, want it to contain %q", i, g.Hint, w.hint)
		}
	}
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name string
		toml string
		want Config
	}{
		{
			name: "defaults",
			toml: `title = "Maps"`,
			want: Config{Title: "Maps", BaseURL: "/", Theme: "default", Language: "en", Pagination: Pagination{PerPage: DefaultPerPage}},
		},
		{
			name: "everything set",
			toml: "\uFEFF" + `title       = "Northwind"
description = "Journey maps"
base_url    = "https://intranet.example/cx/maps"
theme       = "northwind-2"
language    = "fr"
edit_url    = "https://git.example/cx/maps/edit/main/{path}"

[build]
minify = true
drafts = true

[markdown]
unsafe = true

[review]
stale_after_days = 180

[pagination]
per_page = 25

[[channels]]
id          = "web"
name        = "Website"
kind        = "digital"
description = "northwind.example"

[[channels]]
id   = "store"
name = "Store"
kind = "physical"
`,
			want: Config{
				Title:       "Northwind",
				Description: "Journey maps",
				BaseURL:     "https://intranet.example/cx/maps/",
				Theme:       "northwind-2",
				Language:    "fr",
				EditURL:     "https://git.example/cx/maps/edit/main/{path}",
				Build:       Build{Minify: true, Drafts: true},
				Markdown:    Markdown{Unsafe: true},
				Review:      Review{StaleAfterDays: 180},
				Pagination:  Pagination{PerPage: 25},
				Channels: []Channel{
					{ID: "web", Name: "Website", Kind: "digital", Description: "northwind.example",
						Pos: diag.Position{File: File, Line: 21, Col: 1}},
					{ID: "store", Name: "Store", Kind: "physical",
						Pos: diag.Position{File: File, Line: 27, Col: 1}},
				},
			},
		},
		{
			name: "base_url keeps a single trailing slash",
			toml: "title = \"x\"\nbase_url = \"http://localhost:8080/\"\n",
			want: Config{Title: "x", BaseURL: "http://localhost:8080/", Theme: "default", Language: "en", Pagination: Pagination{PerPage: DefaultPerPage}},
		},
		{
			name: "CRLF line endings",
			toml: "title = \"x\"\r\n[[channels]]\r\nid = \"app\"\r\nname = \"App\"\r\nkind = \"digital\"\r\n",
			want: Config{Title: "x", BaseURL: "/", Theme: "default", Language: "en", Pagination: Pagination{PerPage: DefaultPerPage},
				Channels: []Channel{{ID: "app", Name: "App", Kind: "digital", Pos: diag.Position{File: File, Line: 2, Col: 1}}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Load(site(tt.toml))
			checkDiags(t, errs)
			if c == nil {
				t.Fatal("Load returned nil")
			}
			if !reflect.DeepEqual(*c, tt.want) {
				t.Errorf("Load =\n%+v\nwant\n%+v", *c, tt.want)
			}
		})
	}
}

func TestLoadUnreadable(t *testing.T) {
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		wants []want
	}{
		{
			name:  "missing file",
			fsys:  fstest.MapFS{"content/journeys/a.md": {Data: []byte("+++\n+++\n")}},
			wants: []want{{0, 0, "cannot read the site configuration: file does not exist", "run waymark in the site's folder"}},
		},
		{
			name:  "site.toml is a folder",
			fsys:  fstest.MapFS{"site.toml/x": {Data: []byte("")}},
			wants: []want{{0, 0, "cannot read the site configuration", ""}},
		},
		{
			name:  "syntax error at its line",
			fsys:  site("title = \"x\"\n\n[build]\nminify = yes\n"),
			wants: []want{{4, 10, "invalid value yes in minify", "write true or false"}},
		},
		{
			name:  "invalid UTF-8",
			fsys:  site("title = \"Caf\xe9\"\n"),
			wants: []want{{1, 13, "invalid UTF-8 (byte 0xe9)", "UTF-8"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Load(tt.fsys)
			if c != nil {
				t.Errorf("Load returned a config for an unreadable file: %+v", c)
			}
			checkDiags(t, errs, tt.wants...)
		})
	}
}

func TestLoadProblems(t *testing.T) {
	tests := []struct {
		name  string
		toml  string
		wants []want
	}{
		{
			name:  "missing title",
			toml:  "description = \"x\"\n",
			wants: []want{{1, 0, `missing required key "title" in front matter`, `title = "Our customer journeys"`}},
		},
		{
			name:  "unknown top-level key with a hint",
			toml:  "title = \"x\"\nbaseurl = \"https://a.example/\"\n",
			wants: []want{{2, 1, `unknown key "baseurl"`, `did you mean "base_url"?`}},
		},
		{
			name:  "unknown key in [build]",
			toml:  "title = \"x\"\n[build]\nminfy = true\n",
			wants: []want{{3, 1, `unknown key "minfy" in [build]`, `did you mean "minify"?`}},
		},
		{
			name:  "unknown key in a channel, unrelated to any",
			toml:  "title = \"x\"\n[[channels]]\nid = \"web\"\nname = \"Web\"\nkind = \"digital\"\ncolour = \"blue\"\n",
			wants: []want{{6, 1, `unknown key "colour" in [channels]`, "known keys here: description, id, kind, name"}},
		},
		{
			name: "channel kind invalid, with did you mean",
			toml: "title = \"x\"\n[[channels]]\nid = \"web\"\nname = \"Web\"\nkind = \"digtal\"\n" +
				"[[channels]]\nid = \"fax\"\nname = \"Fax\"\nkind = \"machine\"\n",
			wants: []want{
				{5, 1, `unknown channel kind "digtal"`, `did you mean "digital"?`},
				{9, 1, `unknown channel kind "machine"`, "use one of digital, physical, human, partner"},
			},
		},
		{
			name: "duplicate channel id",
			toml: "title = \"x\"\n\n[[channels]]\nid = \"web\"\nname = \"Web\"\nkind = \"digital\"\n\n" +
				"[[channels]]\n  id = \"web\"\nname = \"Website\"\nkind = \"digital\"\n",
			wants: []want{{9, 3, `duplicate channel id "web"`, "the first is at site.toml:4:1"}},
		},
		{
			name:  "channel id not a slug",
			toml:  "title = \"x\"\n[[channels]]\nid = \"Call Centre\"\nname = \"Phone\"\nkind = \"human\"\n",
			wants: []want{{3, 1, `channel id "Call Centre" is not a slug`, `"call-centre"`}},
		},
		{
			name: "channel missing id, name and kind",
			toml: "title = \"x\"\n[[channels]]\ndescription = \"nothing else\"\n",
			wants: []want{
				{2, 1, `missing required key "id" in [channels]`, `id = "web"`},
				{2, 1, `missing required key "kind" in [channels]`, "digital"},
				{2, 1, `missing required key "name" in [channels]`, `name = "Website"`},
			},
		},
		{
			name: "base_url not http(s)",
			toml: "title = \"x\"\nbase_url = \"ftp://files.example/maps/\"\n",
			wants: []want{
				{2, 1, `base_url "ftp://files.example/maps/" is not an http(s) URL`, `base_url = "https://`},
			},
		},
		{
			name:  "base_url without a host",
			toml:  "title = \"x\"\nbase_url = \"/cx/maps/\"\n",
			wants: []want{{2, 1, "is not an http(s) URL", ""}},
		},
		{
			name:  "base_url protocol-relative",
			toml:  "title = \"x\"\nbase_url = \"//intranet.example/cx/\"\n",
			wants: []want{{2, 1, `base_url "//intranet.example/cx/" is not an http(s) URL`, `base_url = "https://`}},
		},
		{
			// The policy reads past a leading blank, as a browser does;
			// base_url is used as written.
			name:  "base_url with a leading blank",
			toml:  "title = \"x\"\nbase_url = \" https://intranet.example/cx/\"\n",
			wants: []want{{2, 1, "is not an http(s) URL", ""}},
		},
		{
			name:  "edit_url protocol-relative",
			toml:  "title = \"x\"\nedit_url = \"//git.example/edit/{path}\"\n",
			wants: []want{{2, 1, `edit_url "//git.example/edit/{path}" is not an http(s) URL`, "https://git.example"}},
		},
		{
			name:  "edit_url without {path}",
			toml:  "title = \"x\"\nedit_url = \"https://git.example/cx/maps/edit/main/\"\n",
			wants: []want{{2, 1, "edit_url has no {path} placeholder", "add {path}"}},
		},
		{
			name:  "edit_url not http(s)",
			toml:  "title = \"x\"\nedit_url = \"javascript:alert(1)//{path}\"\n",
			wants: []want{{2, 1, "is not an http(s) URL", ""}},
		},
		{
			name:  "stale_after_days negative",
			toml:  "title = \"x\"\n[review]\nstale_after_days = -3\n",
			wants: []want{{3, 1, "stale_after_days -3 is out of range", "e.g. stale_after_days = 180"}},
		},
		{
			name:  "per_page negative",
			toml:  "title = \"x\"\n[pagination]\nper_page = -1\n",
			wants: []want{{3, 1, "per_page -1 is out of range", "e.g. per_page = 100"}},
		},
		{
			name:  "channel id reserved for pages",
			toml:  "title = \"x\"\n[[channels]]\nid = \"page\"\nname = \"Pages\"\nkind = \"physical\"\n",
			wants: []want{{3, 1, `channel id "page" is reserved`, "channels/page/"}},
		},
		{
			name:  "theme not a folder name",
			toml:  "title = \"x\"\ntheme = \"../evil\"\n",
			wants: []want{{2, 1, `theme "../evil" is not a valid theme name`, ""}},
		},
		{
			name: "wrong types",
			toml: "title = 3\n[build]\nminify = \"yes\"\n",
			wants: []want{
				{1, 1, "title must be a string, not an integer (3)", ""},
				{3, 1, "minify must be true or false", ""},
			},
		},
		{
			name:  "channels written as a table",
			toml:  "title = \"x\"\n[channels]\nid = \"web\"\n",
			wants: []want{{2, 1, "channels must be a list of tables, not a table", "[[channels]]"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, errs := Load(site(tt.toml))
			if c == nil {
				t.Fatalf("Load returned nil for parseable TOML:\n%s", errs.Format())
			}
			checkDiags(t, errs, tt.wants...)
		})
	}
}

// A config with problems is still usable to check content against, with
// defaults kept where a value was rejected.
func TestLoadKeepsDefaultsOnProblems(t *testing.T) {
	c, errs := Load(site("title = \"x\"\nbase_url = \"nope\"\ntheme = \"Bad Theme\"\n"))
	if len(errs) != 2 {
		t.Errorf("got %d diagnostics, want 2:\n%s", len(errs), errs.Format())
	}
	if c.BaseURL != "/" || c.Theme != "default" {
		t.Errorf("BaseURL, Theme = %q, %q; want the defaults", c.BaseURL, c.Theme)
	}
}

func TestChannelLookup(t *testing.T) {
	c := &Config{Channels: []Channel{{ID: "web"}, {ID: "store"}}}
	if ch := c.Channel("store"); ch == nil || ch != &c.Channels[1] {
		t.Errorf("Channel(store) = %v, want a pointer into Channels", ch)
	}
	if ch := c.Channel("fax"); ch != nil {
		t.Errorf("Channel(fax) = %v, want nil", ch)
	}
	if got := c.ChannelIDs(); !reflect.DeepEqual(got, []string{"web", "store"}) {
		t.Errorf("ChannelIDs = %q", got)
	}
}

// --base-url takes what base_url takes: an http(s) URL with a host, as
// written.
func TestSetBaseURL(t *testing.T) {
	for _, tc := range []struct {
		url, want string // want "" when refused
	}{
		{"https://intranet.example/cx", "https://intranet.example/cx/"},
		{"HTTP://intranet.example/", "HTTP://intranet.example/"},
		{"//intranet.example/cx/", ""},
		{`\\intranet.example\cx`, ""},
		{"https:", ""},
		{"https://", ""},
		{" https://intranet.example/", ""},
		{"/cx/", ""},
		{"ftp://intranet.example/", ""},
		{"javascript:alert(1)//", ""},
	} {
		c := Config{BaseURL: "/"}
		err := c.SetBaseURL(tc.url)
		if tc.want == "" {
			if err == nil || !strings.Contains(err.Error(), "is not an http(s) URL") || c.BaseURL != "/" {
				t.Errorf("SetBaseURL(%q) = %v, BaseURL %q; want it refused", tc.url, err, c.BaseURL)
			}
			continue
		}
		if err != nil || c.BaseURL != tc.want {
			t.Errorf("SetBaseURL(%q) = %v, BaseURL %q; want %q", tc.url, err, c.BaseURL, tc.want)
		}
	}
}
