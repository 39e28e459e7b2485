package themes_test

// Browser tests of the default theme on the example site: what runs in the
// page (stage panels, URL hash, arrow keys, channel filter, lane toggles),
// the view without JavaScript, and the absence of script errors. They drive
// Debian's chromium through chromedp and skip, saying why, when it is not
// installed; WAYMARK_BROWSER_TESTS=require (set by .ci/run) makes a missing
// browser a failure.

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// harness is one built example site, served on loopback, and one browser.
type harness struct {
	url     string // the example site
	heldout string // testdata/heldout, a site written apart from the example
	browser context.Context
}

// heldoutBase is where the held-out site is served: its base_url's path.
const heldoutBase = "/maps/"

var (
	harnessOnce sync.Once
	shared      *harness
	harnessErr  string
	cleanups    []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for _, c := range cleanups {
		c()
	}
	skippedForTools.report(os.Stdout)
	os.Exit(code)
}

// chromiumPath finds Debian's chromium; never a downloaded browser.
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// required reports whether a missing browser or test tool is a failure
// rather than a reason to skip (WAYMARK_BROWSER_TESTS=require, set by CI).
func required() bool { return os.Getenv("WAYMARK_BROWSER_TESTS") == "require" }

// buildExample builds the example site in the repository root (site.toml,
// content/) with the default theme into dest. opts.Root and opts.Builtin
// are filled in.
// paginatedExample is the example site with two journeys to a list page:
// the index, /channels/ and the channel pages run to several pages.
func paginatedExample() fs.FS {
	example := os.DirFS("..")
	config, err := fs.ReadFile(example, "site.toml")
	if err != nil {
		return example // the build reports the missing file
	}
	return siteWith{example, append(config, "\n[pagination]\nper_page = 2\n"...)}
}

func buildExample(dest string, opts build.Options) error {
	if opts.Root == nil {
		opts.Root = os.DirFS("..")
	}
	opts.Builtin = themes.Default()
	err := output.Publish(dest, false, func(t output.Target) error {
		_, diags, err := build.Build(opts, t)
		if err == nil && len(diags) > 0 {
			return diags
		}
		return err
	})
	if err != nil {
		return fmt.Errorf("building the example site: %w", err)
	}
	return nil
}

func setup(t *testing.T) *harness {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests are skipped with -short")
	}
	harnessOnce.Do(func() {
		path := chromiumPath()
		if path == "" {
			harnessErr = "chromium is not installed (apt-get install chromium); browser tests skipped"
			return
		}
		dir, err := os.MkdirTemp("", "waymark-browser-")
		if err != nil {
			harnessErr = err.Error()
			return
		}
		cleanups = append(cleanups, func() { os.RemoveAll(dir) })
		dest := filepath.Join(dir, "public")
		if err := buildExample(dest, build.Options{}); err != nil {
			harnessErr = err.Error()
			return
		}
		paged := filepath.Join(dir, "paged")
		if err := buildExample(paged, build.Options{Root: paginatedExample()}); err != nil {
			harnessErr = err.Error()
			return
		}
		heldout := filepath.Join(dir, "heldout")
		if err := buildExample(heldout, build.Options{Root: os.DirFS("testdata/heldout")}); err != nil {
			harnessErr = err.Error()
			return
		}
		// Serve it where site.toml's base_url puts it, under a sub-path,
		// as an intranet server would; the paginated build under paged/,
		// the held-out site under /water/maps/, as its base_url says.
		const base = "/cx/maps/"
		mux := http.NewServeMux()
		mux.Handle(base, http.StripPrefix(strings.TrimSuffix(base, "/"), http.FileServerFS(os.DirFS(dest))))
		mux.Handle(base+"paged/", http.StripPrefix(base+"paged", http.FileServerFS(os.DirFS(paged))))
		mux.Handle(heldoutBase, http.StripPrefix(strings.TrimSuffix(heldoutBase, "/"), http.FileServerFS(os.DirFS(heldout))))
		srv := httptest.NewServer(mux)
		cleanups = append(cleanups, srv.Close)

		allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path),
			chromedp.NoSandbox,
			chromedp.Flag("disable-quic", true),
			chromedp.Flag("disable-component-update", true),
			chromedp.WindowSize(1280, 900),
		)
		actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOpts...)
		bctx, cancelBrowser := chromedp.NewContext(actx)
		cleanups = append(cleanups, cancelBrowser, cancelAlloc)
		if err := chromedp.Do(bctx); err != nil { // start the browser
			harnessErr = "starting chromium: " + err.Error()
			return
		}
		shared = &harness{url: srv.URL + base, heldout: srv.URL + heldoutBase, browser: bctx}
	})
	if shared == nil {
		skipOrFail(t, harnessErr)
	}
	return shared
}

// tab opens a new tab whose console is recorded; the test fails on any
// script error or exception the pages log.
func (h *harness) tab(t *testing.T) context.Context {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(h.browser)
	if err := chromedp.Do(tab); err != nil {
		t.Fatal(err)
	}
	var (
		mu   sync.Mutex
		errs []string
		done = make(chan struct{})
	)
	messages := chromedp.Console(tab)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || m.Type == "error" {
				mu.Lock()
				errs = append(errs, m.String())
				mu.Unlock()
			}
		}
	}()
	ctx, cancel := context.WithTimeout(tab, 60*time.Second)
	t.Cleanup(func() {
		cancel()
		cancelTab()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("console: %s", e)
		}
	})
	return ctx
}

func run[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	return run(t, ctx, chromedp.Evaluate[T](js))
}

// openStages reports which stage panels are shown and which stage controls
// say they are expanded.
const openStages = `(() => {
  const shown = [...document.querySelectorAll("[data-stage-panel]")].filter(p => !p.hidden).map(p => p.dataset.stagePanel);
  const expanded = [...document.querySelectorAll("[data-timeline] [data-stage-id][aria-expanded=true]")].map(b => b.dataset.stageId);
  return shown.join(",") + "|" + expanded.join(",");
})()`

func TestEveryPageKindLoadsWithoutScriptErrors(t *testing.T) {
	h := setup(t)
	for _, page := range []string{"", "journeys/buying-a-bike/", "journeys/a-year-of-servicing/", "personas/dana-ortiz/", "channels/", "channels/web/", "404.html"} {
		t.Run(page, func(t *testing.T) {
			ctx := h.tab(t)
			do(t, ctx, chromedp.Navigate(h.url+page), chromedp.WaitReady("main"))
			if title := run(t, ctx, chromedp.Title()); !strings.Contains(title, "Northwind") {
				t.Errorf("title %q", title)
			}
		})
	}
}

func TestStageControls(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitVisible("[data-controls]"))

	if got := eval[string](t, ctx, openStages); got != "inspiration|inspiration" {
		t.Errorf("on load: %s, want the first stage open", got)
	}

	do(t, ctx, chromedp.Click(`[data-timeline] button[data-stage-id="research"]`))
	if got := eval[string](t, ctx, openStages); got != "research|research" {
		t.Errorf("after clicking Research: %s", got)
	}
	if loc := run(t, ctx, chromedp.Location()); !strings.HasSuffix(loc, "#stage-research") {
		t.Errorf("location after click = %s", loc)
	}
	// One point per line: this map has a line per persona.
	if n, lines := eval[int](t, ctx, `document.querySelectorAll("[data-emotion-curve] [data-stage-id='research'][data-active]").length`),
		eval[int](t, ctx, `document.querySelectorAll("[data-emotion-curve] g[data-persona]").length || 1`); n != lines {
		t.Errorf("curve points for research active: %d, want one per line (%d)", n, lines)
	}

	// Keyboard: ArrowRight moves to the next stage and focuses it; Enter
	// and Space work as on any button.
	do(t, ctx, chromedp.Focus(`[data-timeline] button[data-stage-id="research"]`), chromedp.KeyEvent(kb.ArrowRight))
	if got := eval[string](t, ctx, openStages); got != "test-ride|test-ride" {
		t.Errorf("after ArrowRight: %s", got)
	}
	if id := eval[string](t, ctx, `document.activeElement.dataset.stageId`); id != "test-ride" {
		t.Errorf("focus after ArrowRight on %q", id)
	}
	do(t, ctx, chromedp.KeyEvent(kb.ArrowLeft), chromedp.KeyEvent(kb.ArrowLeft))
	if got := eval[string](t, ctx, openStages); got != "inspiration|inspiration" {
		t.Errorf("after ArrowLeft twice: %s", got)
	}
	do(t, ctx, chromedp.Focus(`[data-timeline] button[data-stage-id="checkout-and-finance"]`), chromedp.KeyEvent(kb.Enter))
	if got := eval[string](t, ctx, openStages); got != "checkout-and-finance|checkout-and-finance" {
		t.Errorf("after Enter: %s", got)
	}
	do(t, ctx, chromedp.Focus(`[data-timeline] button[data-stage-id="research"]`), chromedp.KeyEvent(" "))
	if got := eval[string](t, ctx, openStages); got != "research|research" {
		t.Errorf("after Space: %s", got)
	}

	// Every stage control names a panel that exists.
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-timeline] [data-stage-id][aria-controls]").length`); n != 7 {
		t.Errorf("%d stage controls, want 7", n)
	}
	if n := eval[int](t, ctx, `[...document.querySelectorAll("[data-timeline] [data-stage-id][aria-controls]")].filter(b => !document.getElementById(b.getAttribute("aria-controls"))).length`); n != 0 {
		t.Errorf("%d stage controls name no panel", n)
	}
}

func TestStageFromHash(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/#stage-handover"), chromedp.WaitVisible("[data-controls]"))
	if got := eval[string](t, ctx, openStages); got != "handover|handover" {
		t.Errorf("opened with #stage-handover: %s", got)
	}
}

func TestChannelFilter(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitVisible("[data-controls]"))
	const dimmedWrong = `[...document.querySelectorAll("[data-channels]")].filter(t =>
	  t.dataset.channels.split(" ").includes("web") === t.hasAttribute("data-dimmed")).length`

	// The script makes the buttons from the matrix's column heads and
	// marks the matrix's rows from their filled cells: a button for each
	// column, in its order, and each row marked with the same channels
	// as its touchpoint in the lanes, which the Go writes.
	got := eval[string](t, ctx, `[...document.querySelectorAll("[data-channel-filter]")].map(b => b.dataset.channelFilter + ":" + b.className + ":" + b.textContent).join("|")`)
	want := eval[string](t, ctx, `[...document.querySelectorAll("table[data-matrix] thead th[data-channel]")].map(th => th.dataset.channel + ":" + th.className + ":" + th.textContent).join("|")`)
	if got != want || got == "" {
		t.Errorf("the channel filter's buttons are\n%s\nwant one for each column of the matrix:\n%s", got, want)
	}
	if bad := eval[string](t, ctx, `(() => {
	  const lanes = new Map([...document.querySelectorAll("[data-lane=touchpoints] li[data-channels]")].map(li => [li.querySelector("b").textContent, li.dataset.channels.split(" ").sort().join(" ")]));
	  const rows = [...document.querySelectorAll("table[data-matrix] tbody tr:not(.group)")];
	  if (rows.length !== lanes.size) return "rows " + rows.length + ", touchpoints " + lanes.size;
	  return rows.filter(r => (r.dataset.channels || "").split(" ").sort().join(" ") !== lanes.get(r.querySelector("th").firstChild.textContent.trim())).map(r => r.querySelector("th").textContent).join(", ");
	})()`); bad != "" {
		t.Errorf("matrix rows marked with other channels than their touchpoints: %s", bad)
	}

	do(t, ctx, chromedp.Click(`[data-channel-filter="web"]`))
	if n := eval[int](t, ctx, dimmedWrong); n != 0 {
		t.Errorf("%d touchpoints dimmed wrongly with the web filter on", n)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("table[data-matrix] tr[data-channels][data-dimmed]").length`); n == 0 {
		t.Error("no matrix row dimmed with the web filter on")
	}
	if p := eval[string](t, ctx, `document.querySelector('[data-channel-filter="web"]').getAttribute("aria-pressed")`); p != "true" {
		t.Errorf("aria-pressed = %s", p)
	}
	do(t, ctx, chromedp.Click(`[data-channel-filter="web"]`))
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-dimmed]").length`); n != 0 {
		t.Errorf("%d elements still dimmed after clearing the filter", n)
	}
}

func TestLaneTogglesPersistAcrossMaps(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	do(t, ctx,
		chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitVisible("[data-controls]"),
		chromedp.Click(".lane-toggles summary"),
		chromedp.Click(`[data-lane-toggle="doing"]`),
	)
	const hiddenDoing = `[...document.querySelectorAll('[data-lane="doing"]')].every(r => getComputedStyle(r).display === "none")`
	if !eval[bool](t, ctx, hiddenDoing) {
		t.Error("the doing lane is still shown after unticking it")
	}
	do(t, ctx, chromedp.Navigate(h.url+"journeys/a-year-of-servicing/"), chromedp.WaitVisible("[data-controls]"))
	if !eval[bool](t, ctx, hiddenDoing) {
		t.Error("the doing lane came back on another map")
	}
	if eval[bool](t, ctx, `document.querySelector('[data-lane-toggle="doing"]').checked`) {
		t.Error("the doing toggle is ticked on another map")
	}
	do(t, ctx, chromedp.Click(".lane-toggles summary"), chromedp.Click(`[data-lane-toggle="doing"]`))
	if eval[bool](t, ctx, hiddenDoing) {
		t.Error("the doing lane stayed hidden after ticking it again")
	}
}

func TestWithoutJavaScript(t *testing.T) {
	h := setup(t)
	ctx := h.tab(t)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, chromedp.Navigate(h.url+"journeys/buying-a-bike/"), chromedp.WaitReady("main"))
	panels := eval[int](t, ctx, `document.querySelectorAll("[data-stage-panel]").length`)
	shown := eval[int](t, ctx, `[...document.querySelectorAll("[data-stage-panel]")].filter(p => p.offsetParent !== null).length`)
	if panels == 0 || shown != panels {
		t.Errorf("without JavaScript %d of %d stage panels are shown", shown, panels)
	}
	if eval[bool](t, ctx, `document.querySelector("[data-controls]").offsetParent !== null`) {
		t.Error("controls that need the script are shown without it")
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("[data-dimmed], [data-lane-hidden]").length`); n != 0 {
		t.Errorf("%d elements dimmed or hidden without JavaScript", n)
	}
	if !eval[bool](t, ctx, `document.querySelector(".narrative") !== null && document.querySelector("table[data-matrix]") !== null`) {
		t.Error("narrative or matrix missing")
	}
}
