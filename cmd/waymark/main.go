// Command waymark compiles customer journey maps, written as Markdown
// files with TOML front matter, into a static site.
//
// Usage:
//
//	waymark init [DIR]
//	waymark build [-s DIR] [-d DIR] [--drafts] [--minify] [--force] [--strict] [--all] [--base-url URL]
//	waymark check [-s DIR] [--drafts] [--strict] [--all] [--format text|json]
//	waymark diff [REV | A..B | A...B] [-s DIR] [--format text|markdown|json]
//	waymark new journey|persona "TITLE" [-s DIR] [--force]
//	waymark import FILE… [-s DIR] [--scale MIN..MAX] [--force] [--dry-run] [--all]
//	waymark watch [-s DIR] [-d DIR] [--drafts] [--force] [--all] [--base-url URL]
//	waymark serve [-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--open] [--all] [--base-url URL]
//	waymark version
//	waymark help [command]
//
// Exit status: 0 when all went well, 1 when the content has problems (or
// the build could not be written, or with --strict has warnings), 2 for a
// usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = "v0.1.0-dev"

// Exit codes.
const (
	exitOK      = 0
	exitContent = 1
	exitUsage   = 2
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// command describes one subcommand for help; dispatch is in cli.command.
type command struct {
	name, args, summary string
	more                string // optional: printed under the summary by 'waymark help <name>'
}

var commands = []command{
	{"init", "[DIR]", "start a new site: a commented site.toml and an example map", initMore},
	{"build", "[-s DIR] [-d DIR] [--drafts] [--minify] [--force] [--strict] [--all] [--base-url URL]", "build the site into a folder (default DIR/public)", buildMore},
	{"check", "[-s DIR] [--drafts] [--strict] [--all] [--format text|json]", "load and check the site; write nothing", checkMore},
	{"diff", "[REV | A..B | A...B] [-s DIR] [--format text|markdown|json]", "show what changed in meaning since a git revision (default HEAD)", diffMore},
	{"new", `journey|persona "TITLE" [-s DIR] [--force]`, "start a journey map or a persona from a commented skeleton", newMore},
	{"import", "FILE… [-s DIR] [--scale MIN..MAX] [--force] [--dry-run] [--all]", "make journey maps of Mermaid journey diagrams, spreadsheets (CSV, TSV) and Markdown tables", importMore},
	{"watch", "[-s DIR] [-d DIR] [--drafts] [--force] [--all] [--base-url URL]", "build the site, then rebuild it on every change", ""},
	{"serve", "[-s DIR] [--bind 127.0.0.1] [--port 1313] [--drafts] [--open] [--all] [--base-url URL]", "serve the site from memory for review, reloading pages on every change", ""},
	{"version", "", "print the version", ""},
	{"help", "[command]", "show help for waymark or a command", ""},
}

const checkMore = `
Problems (errors) fail the check; warnings (a stage with pain points but no
opportunity, a published map past [review] stale_after_days, a journey with
no evidence, a persona in no journey) are printed and do not, unless
--strict is given.

Many problems of one kind (a channel renamed in site.toml makes one in every
map) are grouped: the first 5 in full, then one line that counts the rest.
--all prints every one.

--format json prints the result to stdout as one JSON object, for CI: the
counts and every problem with its severity, file, line, column, message and
hint. The exit status is the same as with text. The format is described in
docs/authoring.md.
`

const buildMore = `
Warnings are printed to stderr and the site is built all the same;
--strict makes them fail the build like problems, for CI. Many problems
or warnings of one kind are grouped, the first 5 in full and one line
that counts the rest; --all prints every one.
`

// command runs the named subcommand; ok is false when there is none.
func (c *cli) command(name string, args []string) (code int, ok bool) {
	switch name {
	case "init":
		return c.initSite(args), true
	case "build":
		return c.build(args), true
	case "check":
		return c.check(args), true
	case "diff":
		return c.diff(args), true
	case "new":
		return c.newFile(args), true
	case "import":
		return c.importFiles(args), true
	case "watch":
		return c.watch(args), true
	case "serve":
		return c.serve(args), true
	case "version":
		return c.version(args), true
	case "help":
		return c.help(args), true
	}
	return 0, false
}

// cli carries the output streams through one run.
type cli struct {
	stdout, stderr io.Writer

	// warned is the warnings watch and serve printed last, which they
	// print again only when they change.
	warned string

	// all is --all: print every problem, not the first few of each kind.
	all bool
}

func run(args []string, stdout, stderr io.Writer) int {
	c := &cli{stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		c.usage(stderr)
		return exitUsage
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		c.usage(stdout)
		return exitOK
	case "-v", "-version", "--version":
		name = "version"
	}
	if code, ok := c.command(name, args[1:]); ok {
		return code
	}
	fmt.Fprintf(stderr, "waymark: unknown command %q\n", name)
	if hint := diag.Suggest(name, commandNames()); hint != "" {
		fmt.Fprintf(stderr, "\thint: %s\n", hint)
	}
	fmt.Fprintln(stderr, "Run 'waymark help' for usage.")
	return exitUsage
}

func commandNames() []string {
	names := make([]string, len(commands))
	for i, cmd := range commands {
		names[i] = cmd.name
	}
	return names
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `waymark compiles customer journey maps (Markdown with TOML front matter)
into a static site of journey maps, personas and channel matrices.

Usage:
  waymark <command> [flags]

Commands:
`)
	for _, cmd := range commands {
		fmt.Fprintf(w, "  %-8s %s\n", cmd.name, cmd.summary)
	}
	fmt.Fprint(w, `
Run 'waymark help <command>' (or 'waymark <command> -h') for its flags.
The content format is described in docs/content-format.md.
`)
}

// folder is the output folder for the site in dir.
func (f *outputFlags) folder(dir string) string {
	if f.dest == "" {
		return filepath.Join(dir, "public")
	}
	return f.dest
}

// siteFS reads the site folder through os.Root: no symbolic link in it
// can make the build read, and publish, a file from outside the site
// (static/key.pem -> ~/.ssh/id_ed25519). os.DirFS would follow it.
func siteFS(dir string) fs.FS {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return os.DirFS(dir) // openSite checked the folder; this reports the error on first read
	}
	return root.FS()
}

// checkBaseURL reports a --base-url that site.toml would refuse, as a
// usage error.
func (c *cli) checkBaseURL(name, u string) bool {
	if u == "" {
		return true
	}
	if err := new(config.Config).SetBaseURL(u); err != nil {
		fmt.Fprintf(c.stderr, "waymark %s: --base-url: %v\n", name, err)
		return false
	}
	return true
}

// flags makes a flag set for a command whose usage goes to the right stream.
func (c *cli) flags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	fs.Usage = func() { c.commandUsage(fs.Output(), name, fs) }
	return fs
}

func (c *cli) commandUsage(w io.Writer, name string, fs *flag.FlagSet) {
	for _, cmd := range commands {
		if cmd.name == name {
			fmt.Fprintf(w, "Usage: %s\n\n%s.\n", strings.TrimSpace("waymark "+cmd.name+" "+cmd.args), upperFirst(cmd.summary))
			fmt.Fprint(w, cmd.more)
		}
	}
	if fs != nil {
		printFlags(w, fs)
	}
}

// parse parses a command's flags. It returns -1 to go on, or the exit code:
// 0 after -h (help was asked for, and printed to stdout), 2 on bad flags
// or any argument left over.
func (c *cli) parse(fs *flag.FlagSet, args []string) int {
	if code := c.parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(c.stderr, "waymark %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fmt.Fprintf(c.stderr, "Run 'waymark %s -h' for usage.\n", fs.Name())
		return exitUsage
	}
	return -1
}

// parseArgs parses a command that takes arguments as well as flags, in any
// order (new journey "Title" -s site, or new -s site journey "Title");
// everything after "--" is an argument. It returns the arguments, and the
// exit code as parse does.
func (c *cli) parseArgs(fs *flag.FlagSet, args []string) ([]string, int) {
	var pos, rest []string
	if i := slices.Index(args, "--"); i >= 0 {
		args, rest = args[:i], args[i+1:]
	}
	for {
		if code := c.parseFlags(fs, args); code >= 0 {
			return nil, code
		}
		if fs.NArg() == 0 {
			return append(pos, rest...), -1
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parseFlags parses flags up to the first argument; see parse.
func (c *cli) parseFlags(fs *flag.FlagSet, args []string) int {
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.SetOutput(c.stderr)
	switch {
	case errors.Is(err, flag.ErrHelp):
		c.commandUsage(c.stdout, fs.Name(), fs)
		return exitOK
	case err != nil:
		msg, hint := flagError(fs, err)
		return c.usageError(fs.Name(), hint, "%s", msg)
	}
	return -1
}

// checkFormat reports a --format that is not one of formats, with a "did
// you mean" or the list as a hint; ok when it is one of them.
func (c *cli) checkFormat(name, format string, formats []string) (code int, ok bool) {
	if slices.Contains(formats, format) {
		return 0, true
	}
	hint := diag.Suggest(format, formats)
	if hint == "" {
		last := len(formats) - 1
		hint = "use --format " + strings.Join(formats[:last], ", ") + " or " + formats[last]
	}
	return c.usageError(name, hint, "unknown format %q", format), false
}

// usageError reports a wrong use of a command, with a hint when there is
// one, and returns the exit code for it.
func (c *cli) usageError(name, hint, format string, args ...any) int {
	fmt.Fprintf(c.stderr, "waymark %s: %s\n", name, fmt.Sprintf(format, args...))
	if hint != "" {
		fmt.Fprintf(c.stderr, "\thint: %s\n", hint)
	}
	fmt.Fprintf(c.stderr, "Run 'waymark %s -h' for usage.\n", name)
	return exitUsage
}

// openSite checks that the site folder exists.
func (c *cli) openSite(name, dir string) (string, bool) {
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		fmt.Fprintf(c.stderr, "waymark %s: %s is not a folder\n", name, dir)
		fmt.Fprintln(c.stderr, "\thint: pass the folder that holds site.toml with -s DIR")
		return "", false
	}
	return dir, true
}

func (c *cli) build(args []string) int {
	fs := c.flags("build")
	var sf siteFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	minify := fs.Bool("minify", false, "minify HTML, CSS, JS, SVG and JSON (also [build] minify in site.toml)")
	var cf cacheFlags
	cf.register(fs)
	strict := strictFlag(fs)
	c.allFlag(fs)
	base := baseURL(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	dir, ok := c.openSite("build", *sf.source)
	if !ok || !c.checkBaseURL("build", *base) {
		return exitUsage
	}
	dest := of.folder(dir)
	opts := build.Options{Root: siteFS(dir), Builtin: themes.Default(), Drafts: sf.drafts, Minify: *minify, BaseURL: *base,
		Cache: cf.open(c, "build", dir)}
	var stats build.Stats
	diags, err := publish(dest, publishOptions(of.force, opts.Cache), func(t output.Target) (diag.List, error) {
		var diags diag.List
		var err error
		stats, diags, err = build.Build(opts, t)
		if (err == nil || errors.Is(err, output.ErrUnchanged)) && len(diags) == 0 && *strict && len(stats.Warnings) > 0 {
			return stats.Warnings, nil // publish abandons the new folder
		}
		return diags, err
	})
	c.printCacheNotes("build", stats.CacheNotes)
	switch {
	case len(diags) > 0:
		c.printDiags(withWarnings(diags, stats.Warnings))
		fmt.Fprintf(c.stderr, "build failed; %s was left as it was\n", dest)
		return exitContent
	case err != nil:
		fmt.Fprintf(c.stderr, "waymark build: %v\n", err)
		var fe *output.ForeignError
		if errors.As(err, &fe) {
			fmt.Fprintln(c.stderr, "\thint: choose an empty or new folder with -d, or pass --force to replace it")
		}
		return exitContent
	}
	c.printDiags(stats.Warnings)
	reused := ""
	if stats.Reused > 0 {
		reused = fmt.Sprintf(", %s unchanged", diag.Plural(stats.Reused, "page", "pages"))
	}
	fmt.Fprintf(c.stdout, "Built %s and %s: %s (%s%s) in %s → %s\n",
		diag.Plural(stats.Journeys, "journey", "journeys"), diag.Plural(stats.Personas, "persona", "personas"),
		diag.Plural(stats.Files, "file", "files"), size(stats.Bytes), reused, stats.Duration.Round(100_000), dest)
	return exitOK
}

// publishOptions are how a build replaces the site in its folder: with
// a build cache, the site it replaces is kept there, for the next build
// to make its new folder from rather than write one from nothing.
func publishOptions(force bool, cache *buildcache.Cache) output.PublishOptions {
	opts := output.PublishOptions{Force: force}
	if cache != nil {
		opts.Spare = cache.Spare()
	}
	return opts
}

// publish runs build into a new folder that takes dest's place only when
// it succeeds (output.Publish). Content problems come back as
// diagnostics, and then dest is left exactly as it was.
func publish(dest string, opts output.PublishOptions, build func(output.Target) (diag.List, error)) (diag.List, error) {
	var diags diag.List
	errContent := errors.New("content has problems")
	err := output.PublishWith(dest, opts, func(t output.Target) error {
		var err error
		diags, err = build(t)
		if err == nil && len(diags) > 0 {
			return errContent // abandons the new folder
		}
		return err
	})
	if errors.Is(err, errContent) {
		err = nil
	}
	return diags, err
}

func (c *cli) check(args []string) int {
	fs := c.flags("check")
	var sf siteFlags
	sf.register(fs)
	format := fs.String("format", "text", "how to print the result: `text` (problems to stderr) or json (one object to stdout)")
	strict := strictFlag(fs)
	c.allFlag(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	if code, ok := c.checkFormat("check", *format, checkFormats); !ok {
		return code
	}
	dir, ok := c.openSite("check", *sf.source)
	if !ok {
		return exitUsage
	}
	opts := build.Options{Root: siteFS(dir), Builtin: themes.Default(), Drafts: sf.drafts}
	// Rendering too, into nowhere, catches template errors in a site's
	// own layouts.
	stats, diags, err := build.Build(opts, output.Discard{})
	if *format == "json" {
		return c.checkJSON(opts, stats, diags, err, *strict)
	}
	switch {
	case len(diags) > 0:
		c.printDiags(withWarnings(diags, stats.Warnings))
		return exitContent
	case err != nil:
		c.printDiags(stats.Warnings)
		fmt.Fprintf(c.stderr, "waymark check: %v\n", err)
		return exitContent
	}
	c.printDiags(stats.Warnings)
	if *strict && len(stats.Warnings) > 0 {
		fmt.Fprintln(c.stderr, "check failed: --strict fails on warnings")
		return exitContent
	}
	summary := "no problems"
	if len(stats.Warnings) > 0 {
		summary += ", " + stats.Warnings.Summary()
	}
	fmt.Fprintf(c.stdout, "ok: %s and %s, %s\n", diag.Plural(stats.Journeys, "journey", "journeys"), diag.Plural(stats.Personas, "persona", "personas"), summary)
	return exitOK
}

// withWarnings is a failed build's problems with its warnings, in order:
// all of them are printed together.
func withWarnings(problems, warnings diag.List) diag.List {
	return append(slices.Clone(problems), warnings...).Sort()
}

func (c *cli) printDiags(diags diag.List) {
	fmt.Fprint(c.stderr, c.formatDiags(diags))
}

// formatDiags is diags as printed: grouped by kind, the first few of a
// kind in full and one line counting the rest (diag.List.Format), and
// then how to see them all; every one with --all.
func (c *cli) formatDiags(diags diag.List) string {
	if c.all {
		return diags.FormatAll()
	}
	b := diags.Brief()
	s := b.String()
	if b.Omitted > 0 {
		s += seeAll + "\n"
	}
	return s
}

// seeAll says how to see the problems that grouped output counts.
const seeAll = "to list every one, add --all, or run waymark check --format json"

func (c *cli) version(args []string) int {
	fs := c.flags("version")
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	v := version
	if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version // installed with go install …@version
	}
	fmt.Fprintf(c.stdout, "waymark %s %s/%s %s\n", v, runtime.GOOS, runtime.GOARCH, runtime.Version())
	return exitOK
}

func (c *cli) help(args []string) int {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") || args[0] == "help" {
		c.usage(c.stdout)
		return exitOK
	}
	if code, ok := c.command(args[0], []string{"-h"}); ok {
		return code
	}
	fmt.Fprintf(c.stderr, "waymark help: unknown command %q\n", args[0])
	return exitUsage
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
