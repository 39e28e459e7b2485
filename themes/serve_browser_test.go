package themes_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/generator/serve"
	"github.com/waymark-cx/waymark/themes"
)

// The review server in a real browser: a journey page open on a stage
// reloads after a save and stays on that stage; broken content shows the
// problems overlay, with author text shown as text; a fix removes it; and
// the theme breaks none of the server's Content-Security-Policy.
func TestReviewServerReload(t *testing.T) {
	h := setup(t) // the shared browser
	// A copy of the example site, to edit.
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../content")); err != nil {
		t.Fatal(err)
	}
	toml, err := os.ReadFile("../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), toml, 0o644); err != nil {
		t.Fatal(err)
	}
	file := "content/journeys/purchase/buying-a-bike.md"
	orig, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}

	mem := output.NewMemory()
	b := build.NewBuilder(build.Options{Root: os.DirFS(dir), Builtin: themes.Default()})
	if _, errs, err := b.Build(t.Context(), mem, build.Change{All: true}); err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var srv *serve.Server
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { srv.ServeHTTP(w, r) }))
	defer ts.Close()
	srv = serve.New(serve.Options{Site: mem, BasePath: "/cx/maps/", Addr: strings.TrimPrefix(ts.URL, "http://")})
	defer srv.Close()
	rebuild := func(data []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
		res, errs, err := b.Build(t.Context(), mem, build.Change{Files: []string{file}})
		switch {
		case err != nil:
			t.Fatal(err)
		case len(errs) > 0:
			srv.Broken(errs)
		default:
			srv.Reload(res.Written)
		}
	}

	ctx := h.tab(t)
	// Record any CSP violation from the first moment of every page.
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener("securitypolicyviolation", e => window.__csp.push(e.violatedDirective + " " + e.blockedURI));`,
	}); err != nil {
		t.Fatal(err)
	}
	url := ts.URL + "/cx/maps/journeys/buying-a-bike/#stage-handover"
	do(t, ctx, chromedp.Navigate(url), chromedp.WaitVisible("[data-controls]"))
	waitFor := func(what, js string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second) // a bound, not a timing assertion
		for !settled(ctx, "document.readyState === \"complete\" && !!("+js+")") {
			if time.Now().After(deadline) {
				t.Fatalf("never happened: %s", what)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	listening := func() {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for srv.Clients() == 0 {
			if time.Now().After(deadline) {
				t.Fatal("the page never opened the live-reload stream")
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	listening()
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = "before"`))

	// A save: the page reloads by itself, on the same stage.
	rebuild([]byte(strings.Replace(string(orig), `title    = "Buying a bike"`, `title    = "Buying a bike today"`, 1)))
	waitFor("the page reloaded with the new title", `window.__marker === undefined && document.querySelector("h1")?.textContent.includes("Buying a bike today")`)
	if got := eval[string](t, ctx, openStages); got != "handover|handover" {
		t.Errorf("after the reload, open stages = %s, want handover", got)
	}

	// Broken: the overlay lists the problem as text.
	listening()
	srv.Broken(diag.List{{
		Pos:  diag.Position{File: file, Line: 3, Col: 1},
		Msg:  `unknown key "<img src=x onerror=window.__pwned=1>"`,
		Hint: `did you mean "<b>title</b>"?`,
	}})
	waitFor("the problems overlay", `!!document.getElementById("waymark-problems")`)
	overlay := eval[string](t, ctx, `document.getElementById("waymark-problems").innerText`)
	for _, want := range []string{"waymark could not rebuild the site", file + ":3:1", `<img src=x onerror=window.__pwned=1>`, `<b>title</b>`} {
		if !strings.Contains(overlay, want) {
			t.Errorf("overlay text lacks %q:\n%s", want, overlay)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#waymark-problems img, #waymark-problems b").length`); n != 0 {
		t.Errorf("author text became %d elements in the overlay", n)
	}
	if eval[bool](t, ctx, `window.__pwned === 1`) {
		t.Error("author text ran as script")
	}
	if eval[string](t, ctx, `document.getElementById("waymark-problems").getAttribute("role")`) != "alert" {
		t.Error("the overlay is not announced (role=alert)")
	}

	// Fixed: the overlay goes, and the page shows the fix.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = "broken"`))
	rebuild(orig)
	waitFor("the overlay gone after the fix", `window.__marker === undefined && !document.getElementById("waymark-problems") && document.querySelector("h1")?.textContent.trim() === "Buying a bike"`)
	if got := eval[string](t, ctx, openStages); got != "handover|handover" {
		t.Errorf("after the fix, open stages = %s, want handover", got)
	}

	// Escape dismisses the overlay too.
	listening()
	srv.Broken(diag.List{{Pos: diag.Position{File: file}, Msg: "broken again"}})
	waitFor("the overlay again", `!!document.getElementById("waymark-problems")`)
	do(t, ctx, chromedp.KeyEvent("\x1b"))
	waitFor("Escape dismissed the overlay", `!document.getElementById("waymark-problems")`)

	if v := eval[[]string](t, ctx, `window.__csp`); len(v) > 0 {
		t.Errorf("Content-Security-Policy violations: %q", v)
	}
}

// settled evaluates a condition on a page that may be reloading; an
// evaluation cut short by the navigation counts as false.
func settled(ctx context.Context, js string) bool {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	return err == nil && v
}
