package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// These tests run the real binary, as an author would: they start watch
// or serve on a temporary site, change files the way editors do, and
// check what is written or served after each change.

var (
	binOnce sync.Once
	binPath string
	binErr  error
)

// waymarkBinary compiles the command once per test run.
func waymarkBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the real binary; skipped with -short")
	}
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "waymark-bin-")
		if err != nil {
			binErr = err
			return
		}
		binPath = filepath.Join(dir, "waymark")
		if out, err := exec.Command("go", "build", "-race", "-o", binPath, ".").CombinedOutput(); err != nil {
			// -race needs cgo; build without it rather than not at all.
			if out2, err2 := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput(); err2 != nil {
				binErr = errors.New(string(out) + string(out2))
			}
		}
	})
	if binErr != nil {
		t.Fatalf("go build: %v", binErr)
	}
	return binPath
}

// patience bounds every wait for the binary to react. It is not a timing
// assertion: a slow machine passes, a hang fails instead of blocking.
const patience = 30 * time.Second

// proc is a running waymark command whose output lines are collected.
type proc struct {
	t     *testing.T
	cmd   *exec.Cmd
	lines chan string
	mu    sync.Mutex
	all   []string
	done  chan struct{}
}

func startWaymark(t *testing.T, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(waymarkBinary(t), args...)
	r, w := io.Pipe()
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd, lines: make(chan string, 1000), done: make(chan struct{})}
	go func() {
		sc := bufio.NewScanner(r)
		for sc.Scan() {
			p.mu.Lock()
			p.all = append(p.all, sc.Text())
			p.mu.Unlock()
			p.lines <- sc.Text()
		}
		close(p.lines)
	}()
	go func() {
		cmd.Wait()
		w.Close()
		close(p.done)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
		if t.Failed() {
			t.Logf("output of waymark %s:\n%s", strings.Join(args, " "), p.output())
		}
	})
	return p
}

func (p *proc) output() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return strings.Join(p.all, "\n")
}

// waitFor reads output lines until one contains want, and returns it.
func (p *proc) waitFor(want string) string {
	p.t.Helper()
	timeout := time.After(patience)
	for {
		select {
		case line, ok := <-p.lines:
			if !ok {
				p.t.Fatalf("waymark exited before printing %q", want)
			}
			if strings.Contains(line, want) {
				return line
			}
		case <-timeout:
			p.t.Fatalf("waymark did not print %q", want)
		}
	}
}

// settle reads output until none has come for a while, so that the next
// waitFor sees only what a later change prints.
func (p *proc) settle() {
	for {
		select {
		case _, ok := <-p.lines:
			if !ok {
				return
			}
		case <-time.After(300 * time.Millisecond):
			return
		}
	}
}

// interrupt sends Ctrl-C and checks that the command stops cleanly.
func (p *proc) interrupt() {
	p.t.Helper()
	p.cmd.Process.Signal(os.Interrupt)
	select {
	case <-p.done:
	case <-time.After(patience):
		p.t.Fatal("waymark did not stop after Ctrl-C")
	}
	if code := p.cmd.ProcessState.ExitCode(); code != 0 {
		p.t.Errorf("exit code after Ctrl-C = %d, want 0", code)
	}
}

// eventually polls cond until it holds.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("never happened: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func writeFile(t *testing.T, name, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// saveAtomically saves like vim and VS Code: a new file, renamed over
// the old one.
func saveAtomically(t *testing.T, name, data string) {
	t.Helper()
	tmp := filepath.Join(filepath.Dir(name), "."+filepath.Base(name)+".tmp")
	writeFile(t, tmp, data)
	if err := os.Rename(tmp, name); err != nil {
		t.Fatal(err)
	}
}

func fileHas(name, want string) bool {
	data, err := os.ReadFile(name)
	return err == nil && strings.Contains(string(data), want)
}

func missing(name string) bool {
	_, err := os.Stat(name)
	return errors.Is(err, os.ErrNotExist)
}

const ride = "+++\ntitle = \"Test ride\"\npersonas = [\"ana\"]\n\n[[stages]]\nname = \"Ride\"\n+++\n"

func TestWatch(t *testing.T) {
	dir := writeSite(t, goodSite())
	public := filepath.Join(dir, "public")
	src := func(p string) string { return filepath.Join(dir, "content", filepath.FromSlash(p)) }
	out := func(p string) string { return filepath.Join(public, filepath.FromSlash(p)) }
	buy := src("journeys/buy.md")

	w := startWaymark(t, "watch", "-s", dir)
	w.waitFor("Watching")
	if !fileHas(out("journeys/buy/index.html"), ">Buy<") {
		t.Fatal("the first build did not write the journey page")
	}

	// An edit in place, then an atomic save.
	writeFile(t, buy, strings.Replace(goodSite()["content/journeys/buy.md"], `"Buy"`, `"Buy a bike"`, 1))
	w.waitFor("content/journeys/buy.md changed")
	eventually(t, "edited title on the page", func() bool { return fileHas(out("journeys/buy/index.html"), "Buy a bike") })
	saveAtomically(t, buy, strings.Replace(goodSite()["content/journeys/buy.md"], `"Buy"`, `"Buy an e-bike"`, 1))
	eventually(t, "atomically saved title on the page and the index", func() bool {
		return fileHas(out("journeys/buy/index.html"), "Buy an e-bike") && fileHas(out("index.html"), "Buy an e-bike")
	})

	// A new folder with a journey in it, written as soon as it exists.
	writeFile(t, src("journeys/more/ride.md"), ride)
	eventually(t, "the new journey's page", func() bool { return fileHas(out("journeys/ride/index.html"), "Test ride") })
	eventually(t, "the new journey on its persona's page", func() bool { return fileHas(out("personas/ana/index.html"), "Test ride") })

	// Renamed: the slug follows the file name, the old page goes.
	if err := os.Rename(src("journeys/more/ride.md"), src("journeys/more/trip.md")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the renamed journey's page, and the old one gone", func() bool {
		return fileHas(out("journeys/trip/index.html"), "Test ride") && missing(out("journeys/ride"))
	})

	// The folder deleted, then made again with a file in it.
	if err := os.RemoveAll(src("journeys/more")); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the deleted folder's pages gone", func() bool { return missing(out("journeys/trip")) })
	writeFile(t, src("journeys/more/again.md"), ride)
	eventually(t, "a page from the re-created folder", func() bool { return fileHas(out("journeys/again/index.html"), "Test ride") })

	// Editor junk does not rebuild: the next rebuild line names only the
	// real file saved after it.
	w.settle()
	writeFile(t, src("journeys/.buy.md.swp"), "junk")
	writeFile(t, src("journeys/buy.md~"), "junk")
	writeFile(t, src("journeys/4913"), "")
	time.Sleep(50 * time.Millisecond) // let the junk's events pass the debounce on their own
	writeFile(t, src("personas/ana.md"), "+++\nname = \"Ana Ruiz\"\n+++\n")
	if line := w.waitFor(" changed"); !strings.Contains(line, "content/personas/ana.md changed") {
		t.Errorf("after editor junk, the next rebuild says %q; want only ana.md", line)
	}

	// Broken: the diagnostics are printed, and the last good page stays.
	writeFile(t, buy, "+++\ntitle = \"Buy\n+++\n")
	line := w.waitFor("content/journeys/buy.md:")
	if !regexp.MustCompile(`content/journeys/buy\.md:\d+:\d+: `).MatchString(line) {
		t.Errorf("diagnostic %q has no line and column", line)
	}
	w.waitFor("the last good site is kept")
	if !fileHas(out("journeys/buy/index.html"), "Buy an e-bike") {
		t.Error("the last good page was lost while the file was broken")
	}
	// Fixed: everything changed meanwhile is built.
	writeFile(t, buy, strings.Replace(goodSite()["content/journeys/buy.md"], `"Buy"`, `"Buy, fixed"`, 1))
	eventually(t, "the fixed page", func() bool { return fileHas(out("journeys/buy/index.html"), "Buy, fixed") })

	// site.toml rebuilds everything.
	writeFile(t, filepath.Join(dir, "site.toml"), strings.Replace(goodSite()["site.toml"], `"Maps"`, `"Bike maps"`, 1))
	eventually(t, "the new site title on every page", func() bool {
		return fileHas(out("personas/ana/index.html"), "Bike maps") && fileHas(out("404.html"), "Bike maps")
	})

	w.interrupt()
	for _, name := range []string{"journeys/.buy.md.swp"} {
		if !missing(out(name)) {
			t.Errorf("%s was published", name)
		}
	}
	entries, _ := os.ReadDir(filepath.Join(public, "journeys", "buy"))
	for _, e := range entries {
		if strings.Contains(e.Name(), "waymark-tmp") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// event is one server-sent event.
type event struct{ name, data string }

// events reads server-sent events from the review server.
func events(t *testing.T, base string) <-chan event {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"_waymark/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("events: %s, %s", resp.Status, ct)
	}
	ch := make(chan event, 100)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				ev.name = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:"):
				ev.data += strings.TrimSpace(strings.TrimPrefix(line, "data:"))
			case line == "":
				if ev.name != "" || ev.data != "" {
					ch <- ev
				}
				ev = event{}
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return ch
}

// nextEvent waits for an event with the given name.
func nextEvent(t *testing.T, ch <-chan event, name string) event {
	t.Helper()
	timeout := time.After(patience)
	for {
		select {
		case ev, ok := <-ch:
			if !ok {
				t.Fatalf("the event stream ended before a %q event", name)
			}
			if ev.name == name {
				return ev
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestServe(t *testing.T) {
	site := goodSite()
	site["site.toml"] = "base_url = \"https://intranet.example/cx/maps/\"\n" + site["site.toml"]
	dir := writeSite(t, site)
	buy := filepath.Join(dir, "content", "journeys", "buy.md")

	s := startWaymark(t, "serve", "-s", dir, "--port", "0")
	line := s.waitFor("Serving")
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+/cx/maps/`).FindString(line)
	if base == "" {
		t.Fatalf("no address under the base path in %q", line)
	}
	root := strings.TrimSuffix(base, "cx/maps/")

	for _, tc := range []struct {
		path string
		code int
		want string
	}{
		{base, 200, "<h1 id=\"site-title\">Maps</h1>"},
		{base, 200, `<script src="/_waymark/reload.js"`},
		{base + "journeys/buy/", 200, ">Buy<"},
		{base + "css/waymark.css", 200, "--"},
		{base + "no/such/page/", 404, "Page not found"},
		{root + "_waymark/reload.js", 200, "EventSource"},
	} {
		if code, body := get(t, tc.path); code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("GET %s = %d, want %d with %q", tc.path, code, tc.code, tc.want)
		}
	}
	if !missing(filepath.Join(dir, "public")) {
		t.Error("serve wrote public/; it must build in memory only")
	}

	// A request for another host name is refused (DNS rebinding).
	req, _ := http.NewRequest("GET", base, nil)
	req.Host = "attacker.example"
	if resp, err := http.DefaultClient.Do(req); err != nil || resp.StatusCode < 400 || resp.StatusCode >= 500 {
		t.Errorf("GET with Host attacker.example: %v %v, want a 4xx", resp.Status, err)
	} else {
		resp.Body.Close()
	}

	ev := events(t, root)

	// A save reloads the page that changed.
	writeFile(t, buy, strings.Replace(site["content/journeys/buy.md"], `"Buy"`, `"Buy a bike"`, 1))
	reload := nextEvent(t, ev, "reload")
	var msg struct {
		Pages []string `json:"pages"`
		All   bool     `json:"all"`
	}
	if err := json.Unmarshal([]byte(reload.data), &msg); err != nil {
		t.Fatalf("reload data %q: %v", reload.data, err)
	}
	if !strings.Contains(strings.Join(msg.Pages, " "), "/cx/maps/journeys/buy/") {
		t.Errorf("first reload names %q, want the journey's page", msg.Pages)
	}
	if _, body := get(t, base+"journeys/buy/"); !strings.Contains(body, "Buy a bike") {
		t.Error("the page was not rebuilt before the reload event")
	}

	// Broken: the browser hears about the problem; the last good page
	// is still served.
	writeFile(t, buy, "+++\ntitle = \"Buy\n+++\n")
	problems := nextEvent(t, ev, "problems")
	var list []struct {
		File    string `json:"file"`
		Line    int    `json:"line"`
		Message string `json:"message"`
	}
	if err := json.Unmarshal([]byte(problems.data), &list); err != nil || len(list) == 0 {
		t.Fatalf("problems data %q: %v", problems.data, err)
	}
	if list[0].File != "content/journeys/buy.md" || list[0].Line == 0 || list[0].Message == "" {
		t.Errorf("problem = %+v, want the file, its line and a message", list[0])
	}
	if _, body := get(t, base+"journeys/buy/"); !strings.Contains(body, "Buy a bike") {
		t.Error("the last good page is not served while the content is broken")
	}
	s.waitFor("the last good site is kept")

	// Fixed: reload again.
	writeFile(t, buy, strings.Replace(site["content/journeys/buy.md"], `"Buy"`, `"Buy, fixed"`, 1))
	nextEvent(t, ev, "reload")
	eventually(t, "the fixed page served", func() bool {
		_, body := get(t, base+"journeys/buy/")
		return strings.Contains(body, "Buy, fixed")
	})

	// A deleted journey's page is gone.
	if err := os.Remove(buy); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the deleted journey's page gone", func() bool {
		code, _ := get(t, base+"journeys/buy/")
		return code == 404
	})

	// A second server on the same port says so, and how to fix it.
	port := regexp.MustCompile(`:(\d+)/`).FindStringSubmatch(base)[1]
	second := exec.Command(waymarkBinary(t), "serve", "-s", dir, "--port", port)
	outb, err := second.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 1 || !strings.Contains(string(outb), "--port") {
		t.Errorf("second serve on port %s: %v\n%s\nwant exit 1 with a hint about --port", port, err, outb)
	}

	s.interrupt()
	s.waitFor("Stopped.")
	if s.cmd.ProcessState.Sys().(syscall.WaitStatus).Signaled() {
		t.Error("serve was killed by the signal instead of stopping")
	}
}

// From a warm build cache (here a `build` of the same site, which has
// the options serve builds with), serve serves the files of that build
// as soon as it starts, before its own first build is done; the pages
// are those the build wrote, and saves are rebuilt as ever.
func TestServeFromTheLastBuild(t *testing.T) {
	site := goodSite()
	dir := writeSite(t, site)
	dest := filepath.Join(t.TempDir(), "public")
	if out, err := exec.Command(waymarkBinary(t), "build", "-s", dir, "-d", dest).CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}

	s := startWaymark(t, "serve", "-s", dir, "--port", "0")
	line := s.waitFor("Serving")
	if before := s.output(); strings.Contains(before, " built ") {
		t.Errorf("the first build was done before serving began:\n%s", before)
	}
	base := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`).FindString(line)
	for _, f := range []string{"journeys/buy/map.json", "index.json", "css/waymark.css"} {
		want, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if code, body := get(t, base+f); code != 200 || body != string(want) {
			t.Errorf("GET %s = %d, %d bytes; want the %d bytes the build wrote", f, code, len(body), len(want))
		}
	}
	if code, body := get(t, base+"journeys/buy/"); code != 200 || !strings.Contains(body, ">Buy<") {
		t.Errorf("GET journeys/buy/ = %d:\n%s", code, body)
	}
	s.waitFor(" built ")
	if code, body := get(t, base+"journeys/buy/map.json"); code != 200 || !strings.Contains(body, `"Buy"`) {
		t.Errorf("after the first build, GET journeys/buy/map.json = %d:\n%s", code, body)
	}

	ev := events(t, base)
	writeFile(t, filepath.Join(dir, "content", "journeys", "buy.md"), strings.Replace(site["content/journeys/buy.md"], `"Buy"`, `"Buy a bike"`, 1))
	nextEvent(t, ev, "reload")
	if _, body := get(t, base+"journeys/buy/"); !strings.Contains(body, "Buy a bike") {
		t.Error("a save was not rebuilt")
	}
	s.interrupt()
}
