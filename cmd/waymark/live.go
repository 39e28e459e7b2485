package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/serve"
	"github.com/waymark-cx/waymark/generator/watch"
	"github.com/waymark-cx/waymark/themes"
)

// watch builds the site into a folder, then rebuilds it on every change.
func (c *cli) watch(args []string) int {
	fs := c.flags("watch")
	var sf siteFlags
	sf.register(fs)
	var of outputFlags
	of.register(fs)
	var cf cacheFlags
	cf.register(fs)
	c.allFlag(fs)
	base := baseURL(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	dir, ok := c.openSite("watch", *sf.source)
	if !ok || !c.checkBaseURL("watch", *base) {
		return exitUsage
	}
	dest := of.folder(dir)
	ctx, stop := c.interrupted()
	defer stop()

	cache := cf.open(c, "watch", dir)
	b := build.NewBuilder(build.Options{Root: siteFS(dir), Builtin: themes.Default(), Drafts: sf.drafts, BaseURL: *base,
		Cache: cache})
	// The first good build is published whole (atomically, and never over
	// a folder waymark did not write); later ones update it in place.
	var out *output.Dir
	defer func() {
		if out != nil {
			out.Close()
		}
	}()
	rebuild := func(ch build.Change, what string) {
		if out == nil {
			ch = build.Change{All: true}
			var res build.Result
			diags, err := publish(dest, publishOptions(of.force, cache), func(t output.Target) (diag.List, error) {
				var diags diag.List
				var err error
				res, diags, err = b.Build(ctx, t, ch)
				return diags, err
			})
			if err == nil && len(diags) == 0 {
				out, err = output.OpenDir(dest)
			}
			c.report(what, res, diags, err, dest)
			return
		}
		res, diags, err := b.Build(ctx, out, ch)
		c.report(what, res, diags, err, dest)
	}
	rebuild(build.Change{All: true}, "")
	err := c.loop(ctx, dir, skipDirs(dir, dest), rebuild, func() {
		fmt.Fprintf(c.stdout, "Watching %s for changes (Ctrl-C to stop)\n", dir)
	})
	if err != nil {
		fmt.Fprintf(c.stderr, "waymark watch: %v\n", err)
		return exitContent
	}
	return exitOK
}

// serve builds the site into memory, serves it, and rebuilds and reloads
// open pages on every change.
func (c *cli) serve(args []string) int {
	fs := c.flags("serve")
	var sf siteFlags
	sf.register(fs)
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; anything but a loopback address exposes the drafts to your network")
	port := fs.Int("port", 1313, "the `port` to listen on (0 picks a free one)")
	open := fs.Bool("open", false, "open the site in the default browser")
	var cf cacheFlags
	cf.register(fs)
	c.allFlag(fs)
	baseFlag := baseURL(fs)
	if code := c.parse(fs, args); code >= 0 {
		return code
	}
	dir, ok := c.openSite("serve", *sf.source)
	if !ok || !c.checkBaseURL("serve", *baseFlag) {
		return exitUsage
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(c.stderr, "waymark serve: port %d is out of range\n\thint: use a port from 1024 to 65535, or 0 for any free one\n", *port)
		return exitUsage
	}
	ip := net.ParseIP(*bind)
	if ip == nil && *bind != "localhost" {
		fmt.Fprintf(c.stderr, "waymark serve: %q is not an IP address\n\thint: --bind 127.0.0.1 (the default) serves this machine only\n", *bind)
		return exitUsage
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(c.stderr, "waymark serve: cannot listen on %s: %v\n", net.JoinHostPort(*bind, strconv.Itoa(*port)), cause(err))
		if errors.Is(err, syscall.EADDRINUSE) {
			fmt.Fprintf(c.stderr, "\thint: another program (perhaps another waymark serve) uses port %d; pass --port with another one, or --port 0 for any free port\n", *port)
		}
		return exitContent
	}
	addr := ln.Addr().String()
	ctx, stop := c.interrupted()
	defer stop()

	base := "/"
	if *baseFlag != "" {
		base = basePath(*baseFlag)
	} else if cfg, _ := config.Load(os.DirFS(dir)); cfg != nil {
		base = basePath(cfg.BaseURL)
	}
	mem := output.NewMemory()
	srv := serve.New(serve.Options{Site: mem, BasePath: base, Addr: addr})
	var early []string
	b := build.NewBuilder(build.Options{
		Root: siteFS(dir), Builtin: themes.Default(), Drafts: sf.drafts, NoMinify: true, BaseURL: *baseFlag,
		Cache: cf.open(c, "serve", dir),
		// The page being edited reloads as soon as it is written; the
		// pages that list it follow when the rebuild is done.
		Early: func(files []string) {
			early = files
			srv.Reload(slices.DeleteFunc(slices.Clone(files), pagedata.IsExport))
		},
	})
	rebuild := func(ch build.Change, what string) {
		early = nil
		res, diags, err := b.Build(ctx, mem, ch)
		c.report(what, res, diags, err, "")
		switch {
		case len(diags) > 0:
			srv.Broken(diags)
		case err == nil && res.AfterPrefill && len(res.Changed)+len(res.Removed) == 0:
			// The first build, of the very files served since the start:
			// no page changed.
		case err == nil:
			changed := res.Written
			if res.AfterPrefill {
				changed = res.Changed
			}
			rest := slices.DeleteFunc(append(changed, res.Removed...), func(f string) bool {
				return slices.Contains(early, f) || pagedata.IsExport(f)
			})
			srv.Reload(rest)
		}
	}
	// From a warm cache, a site whose sources are as they were at the
	// last build with these options is served at once, from that build's
	// files, while the first build (which rebuilds on save need) runs:
	// then from when the watch has begun, so that no save during it is
	// missed.
	prefilled := b.Prefill(mem)
	if !prefilled {
		rebuild(build.Change{All: true}, "")
	}

	if ip != nil && !ip.IsLoopback() {
		fmt.Fprintf(c.stderr, "waymark serve: warning: listening on %s, so anyone who can reach this machine can read the site, drafts included\n", *bind)
	}
	u := "http://" + addr + base
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	loopErr := make(chan error, 1)
	go func() {
		loopErr <- c.loop(ctx, dir, nil, rebuild, func() {
			fmt.Fprintf(c.stdout, "Serving %s at %s (Ctrl-C to stop)\n", dir, u)
			if *open {
				if err := openBrowser(u); err != nil {
					fmt.Fprintf(c.stderr, "waymark serve: cannot open a browser: %v\n", err)
				}
			}
			if prefilled {
				rebuild(build.Change{All: true}, "")
			}
		})
	}()
	code := exitOK
	select {
	case err := <-served:
		fmt.Fprintf(c.stderr, "waymark serve: %v\n", err)
		code = exitContent
		stop()
	case err := <-loopErr:
		if err != nil {
			fmt.Fprintf(c.stderr, "waymark serve: %v\n", err)
			code = exitContent
		}
	}
	srv.Close() // ends the live-reload streams, which Shutdown would wait for
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	hs.Shutdown(shutdown)
	fmt.Fprintln(c.stdout, "Stopped.")
	return code
}

// interrupted returns a context that ends on Ctrl-C or SIGTERM.
func (c *cli) interrupted() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// loop watches dir and calls rebuild for every batch of changes until
// ctx ends; ready is called once the watch has begun. A change to site.toml may name another theme: the watcher
// then starts again, watching that one.
func (c *cli) loop(ctx context.Context, dir string, skip []string, rebuild func(build.Change, string), ready func()) error {
	// Ctrl-C during the first build stops it; then there is nothing to watch.
	for ctx.Err() == nil {
		theme := themeOf(dir)
		w, err := watch.New(dir, watch.Options{Theme: theme, Skip: skip})
		if err != nil {
			return err
		}
		if ready != nil {
			ready() // only now: a save before the watch began would be missed
			ready = nil
		}
		restart, err := c.watchBatches(ctx, w, theme, dir, rebuild)
		w.Close()
		if err != nil || !restart {
			return err
		}
	}
	return nil
}

func (c *cli) watchBatches(ctx context.Context, w *watch.Watcher, theme, dir string, rebuild func(build.Change, string)) (restart bool, err error) {
	for {
		select {
		case <-ctx.Done():
			return false, nil
		case err, ok := <-w.Errors():
			if ok {
				fmt.Fprintf(c.stderr, "waymark: watching: %v\n", err)
			}
		case batch, ok := <-w.Batches():
			if !ok {
				return false, errors.New("the file watcher stopped")
			}
			var ch build.Change
			config := false
			for _, p := range batch.Paths {
				switch watch.Classify(p, theme) {
				case watch.Content:
					ch.Files = append(ch.Files, p)
				case watch.Config:
					config = true
					ch.All = true
				case watch.Ignore:
				default:
					ch.All = true
				}
			}
			if len(ch.Files) == 0 && !ch.All {
				continue
			}
			rebuild(ch, describe(batch.Paths))
			if config && themeOf(dir) != theme {
				return true, nil
			}
		}
	}
}

// report prints one line per build, or the diagnostics. Warnings are
// printed after the first build and whenever they change, not on every
// save.
func (c *cli) report(what string, res build.Result, diags diag.List, err error, dest string) {
	if errors.Is(err, context.Canceled) {
		return // Ctrl-C: the build was stopped, not broken
	}
	now := time.Now().Format("15:04:05")
	c.printCacheNotes("", res.CacheNotes)
	if w := c.formatDiags(res.Warnings); w != c.warned && (len(diags) > 0 || err == nil) {
		c.warned = w
		if w == "" {
			w = "no warnings\n"
		}
		fmt.Fprint(c.stderr, w)
	}
	switch {
	case len(diags) > 0:
		c.printDiags(diags)
		fmt.Fprintf(c.stderr, "%s %s: %s; the last good site is kept. Fix and save to rebuild.\n", now, orFirst(what), diags.Summary())
	case err != nil:
		fmt.Fprintf(c.stderr, "%s %s: build failed: %v\n", now, orFirst(what), err)
	case what == "":
		where := ""
		if dest != "" {
			where = " → " + dest
		}
		reused := ""
		if res.Reused > 0 {
			reused = fmt.Sprintf(", %s unchanged", diag.Plural(res.Reused, "page", "pages"))
		}
		fmt.Fprintf(c.stdout, "%s built %s and %s: %s (%s%s) in %s%s\n", now,
			diag.Plural(res.Journeys, "journey", "journeys"), diag.Plural(res.Personas, "persona", "personas"),
			diag.Plural(res.Files, "file", "files"), size(res.Bytes), reused, round(res.Duration), where)
	default:
		line := fmt.Sprintf("%s %s: %s", now, what, diag.Plural(len(res.Written), "file", "files"))
		if res.Full {
			line += " (everything)"
		}
		if n := len(res.Removed); n > 0 {
			line += fmt.Sprintf(", %d removed", n)
		}
		fmt.Fprintf(c.stdout, "%s in %s\n", line, round(res.Duration))
	}
}

func orFirst(what string) string {
	if what == "" {
		return "first build"
	}
	return what
}

// describe names what changed: "content/journeys/buy.md changed", or
// "3 files changed".
func describe(paths []string) string {
	if len(paths) == 1 {
		return paths[0] + " changed"
	}
	return fmt.Sprintf("%d files changed", len(paths))
}

func round(d time.Duration) time.Duration {
	if d < 10*time.Millisecond {
		return d.Round(10 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}

// themeOf is the theme site.toml names, or "default" when it cannot be read.
func themeOf(dir string) string {
	if cfg, _ := config.Load(os.DirFS(dir)); cfg != nil {
		return cfg.Theme
	}
	return "default"
}

// skipDirs is the output folder, when it is inside the site folder: its
// writes must not trigger rebuilds.
func skipDirs(dir, dest string) []string {
	rel, err := filepath.Rel(dir, dest)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") || filepath.IsAbs(rel) {
		return nil
	}
	return []string{filepath.ToSlash(rel)}
}

// basePath is the path part of base_url: the server serves the site under
// it, so that links behave as they will when published.
func basePath(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return strings.TrimSuffix(u.Path, "/") + "/"
}

// cause drops the "listen tcp …:" prefix of a network error.
func cause(err error) error {
	var op *net.OpError
	if errors.As(err, &op) && op.Err != nil {
		var sys *os.SyscallError
		if errors.As(op.Err, &sys) {
			return sys.Err
		}
		return op.Err
	}
	return err
}

func openBrowser(u string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", u)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", u)
	default:
		cmd = exec.Command("xdg-open", u)
	}
	return cmd.Start()
}
