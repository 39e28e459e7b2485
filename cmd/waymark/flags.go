package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"github.com/waymark-cx/waymark/generator/buildcache"
	"github.com/waymark-cx/waymark/generator/diag"
)

// The flags every command shares, and how flags are shown. Go's flag
// package accepts -name and --name alike but prints -name; waymark's help,
// usage lines and errors all say --name (and -s for the one-letter
// aliases), as the README does.

// sourceFlag registers --source, and -s for it, the site folder.
func sourceFlag(fs *flag.FlagSet) *string {
	source := fs.String("source", ".", "the site folder `DIR` (it holds site.toml and content/)")
	alias(fs, "s", "source")
	return source
}

// alias registers short as another name of the flag long: the two share
// one flag.Value, which is how printFlags knows to show them on one line.
func alias(fs *flag.FlagSet, short, long string) {
	fs.Var(fs.Lookup(long).Value, short, "")
}

// siteFlags are the flags that name and shape a site; every command that
// builds a site has them.
type siteFlags struct {
	source *string
	drafts bool
}

func (f *siteFlags) register(fs *flag.FlagSet) {
	f.source = sourceFlag(fs)
	fs.BoolVar(&f.drafts, "drafts", false, "include journeys whose status is \"draft\"")
}

// outputFlags name the folder a command writes the site to; build and
// watch have them.
type outputFlags struct {
	dest  string
	force bool
}

func (f *outputFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.dest, "destination", "", "the output folder `DIR` (default DIR/public)")
	alias(fs, "d", "destination")
	fs.BoolVar(&f.force, "force", false, "replace the output folder even if waymark did not write it")
}

// baseURL registers --base-url, which replaces site.toml's base_url for
// one run: a preview build for another server, say.
func baseURL(fs *flag.FlagSet) *string {
	return fs.String("base-url", "", "the `URL` the site is published at, instead of site.toml's base_url")
}

// strictFlag registers --strict, which makes warnings fail a command.
func strictFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("strict", false, "fail (exit status 1) on warnings too, not only on problems")
}

// allFlag registers --all on the commands that print problems.
func (c *cli) allFlag(fs *flag.FlagSet) {
	fs.BoolVar(&c.all, "all", false, "print every problem and warning, not the first few of each kind")
}

// flagName is how a flag is written on the command line: -s, --source.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// printFlags lists a command's flags, a flag and its alias on one line:
//
//	-s, --source DIR
//	        the site folder (it holds site.toml and content/) (default ".")
//	    --drafts
//	        include journeys whose status is "draft"
//
// It prints nothing for a command without flags.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	type entry struct {
		names []string // the one-letter alias first
		f     *flag.Flag
	}
	var entries []*entry
	byValue := map[flag.Value]*entry{}
	fs.VisitAll(func(f *flag.Flag) {
		if e, ok := byValue[f.Value]; ok {
			e.names = append(e.names, f.Name)
			if f.Usage != "" {
				e.f = f
			}
			return
		}
		e := &entry{names: []string{f.Name}, f: f}
		byValue[f.Value] = e
		entries = append(entries, e)
	})
	if len(entries) == 0 {
		return
	}
	fmt.Fprintln(w, "\nFlags:")
	for _, e := range entries {
		sort.Slice(e.names, func(i, j int) bool { return len(e.names[i]) < len(e.names[j]) })
		names := make([]string, len(e.names))
		for i, n := range e.names {
			names[i] = flagName(n)
		}
		line := strings.Join(names, ", ")
		if len(e.names[0]) > 1 {
			line = "    " + line // under the long names of the flags that have a short one
		}
		arg, usage := flag.UnquoteUsage(e.f)
		if arg != "" {
			line += " " + arg
		}
		fmt.Fprintf(w, "  %s\n        %s%s\n", line, usage, defaultText(e.f))
	}
}

// defaultText is " (default …)" for a flag whose default is not its
// type's zero value, as flag.PrintDefaults writes it.
func defaultText(f *flag.Flag) string {
	switch f.DefValue {
	case "", "0", "false":
		return ""
	}
	if g, ok := f.Value.(flag.Getter); ok {
		if _, isString := g.Get().(string); isString {
			return fmt.Sprintf(" (default %q)", f.DefValue)
		}
	}
	return " (default " + f.DefValue + ")"
}

// flagError rewords the flag package's parse errors, which write every
// flag with one dash, the way waymark writes flags, with a hint where one
// helps: the nearest flag for an unknown one.
func flagError(fs *flag.FlagSet, err error) (msg, hint string) {
	text := err.Error()
	if name, ok := strings.CutPrefix(text, "flag provided but not defined: -"); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, flagName(f.Name)) })
		return "unknown flag " + flagName(name), diag.Suggest(flagName(name), names)
	}
	if name, ok := strings.CutPrefix(text, "flag needs an argument: -"); ok {
		return "flag " + flagName(name) + " needs a value", ""
	}
	// invalid value "x" for flag -port: parse error
	// invalid boolean value "x" for -open: parse error
	for _, sep := range []string{" for flag -", " for -"} {
		if before, after, ok := strings.Cut(text, sep); ok {
			name, reason, _ := strings.Cut(after, ": ")
			return before + " for " + flagName(name) + ": " + reason, ""
		}
	}
	return text, ""
}

// cacheFlags choose whether a command that builds uses the build cache,
// the folder .waymark-cache/ in the site folder.
type cacheFlags struct{ off bool }

func (f *cacheFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.off, "no-cache", false, "build everything afresh, neither reading nor writing the build cache (DIR/"+buildcache.Dir+"/)")
}

// open returns the build cache of the site in dir: nil with --no-cache,
// or when it cannot be opened, which a line on stderr says (the build
// goes on without it).
func (f *cacheFlags) open(c *cli, name, dir string) *buildcache.Cache {
	if f.off {
		return nil
	}
	version, err := buildcache.ToolVersion()
	var cache *buildcache.Cache
	if err == nil {
		cache, err = buildcache.Open(filepath.Join(dir, buildcache.Dir), version)
	}
	if err != nil {
		fmt.Fprintf(c.stderr, "waymark %s: building without the build cache: %v\n", name, err)
		return nil
	}
	return cache
}

// printCacheNotes prints what the build cache ignored, one line each,
// after "waymark <name>:" (or "waymark:" under watch and serve, whose
// rebuilds print their own time stamps).
func (c *cli) printCacheNotes(name string, notes []string) {
	prefix := "waymark:"
	if name != "" {
		prefix = "waymark " + name + ":"
	}
	for _, n := range notes {
		fmt.Fprintf(c.stderr, "%s build cache: %s\n", prefix, n)
	}
}
