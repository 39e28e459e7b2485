package serve

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
)

const addr = "127.0.0.1:1313"

func site() *output.Memory {
	m := output.NewMemory()
	for name, data := range map[string]string{
		"index.html":               "<!doctype html><html><head><title>Maps</title></head><body>index</body></html>",
		"journeys/buy/index.html":  "<!doctype html><html><HEAD></HEAD><body>buy</body></html>",
		"journeys/buy/map.svg":     `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"css/waymark.css":          "body{color:red}",
		"js/waymark.js":            "console.log(1)",
		"404.html":                 "<!doctype html><html><head></head><body>Page not found</body></html>",
		".waymark-build":           "marker",
		"journeys/.hidden/x.html":  "secret",
		"personas/ana/index.html":  "<p>no head or body",
		"img/photo.png":            "\x89PNG",
		"journeys/a b/index.html":  "<html><head></head><body>space</body></html>",
		"journeys/%2e%2e/evil.txt": "nope",
	} {
		m.WriteFile(name, []byte(data))
	}
	return m
}

func TestServeHTTP(t *testing.T) {
	for _, base := range []string{"/", "/cx/maps/"} {
		s := New(Options{Site: site(), BasePath: base, Addr: addr})
		for _, tc := range []struct {
			method, path string
			host         string
			code         int
			ctype        string
			body         string // a substring; "" to skip
			location     string
		}{
			{"GET", base, "", 200, "text/html", "index", ""},
			{"GET", base + "journeys/buy/", "", 200, "text/html", "buy", ""},
			{"GET", base + "journeys/buy", "", 301, "", "", base + "journeys/buy/"},
			{"GET", base + "journeys/buy/index.html", "", 200, "text/html", "buy", ""},
			{"GET", base + "journeys/buy/map.svg", "", 200, "image/svg+xml", "<svg", ""},
			{"GET", base + "css/waymark.css", "", 200, "text/css", "color:red", ""},
			{"GET", base + "js/waymark.js", "", 200, "text/javascript", "console", ""},
			{"GET", base + "img/photo.png", "", 200, "image/png", "PNG", ""},
			{"GET", base + "journeys/a%20b/", "", 200, "text/html", "space", ""},
			{"GET", base + "no/such/page/", "", 404, "text/html", "Page not found", ""},
			{"GET", base + ".waymark-build", "", 404, "", "Page not found", ""},
			{"GET", base + "journeys/.hidden/x.html", "", 404, "", "Page not found", ""},
			{"GET", base + "journeys/../index.html", "", 404, "", "", ""},
			{"GET", base + "journeys/%2e%2e/index.html", "", 404, "", "", ""},
			{"GET", base + "journeys%2fbuy/", "", 404, "", "", ""},
			{"GET", base + "journeys//buy/", "", 404, "", "", ""},
			{"GET", base + "journeys/buy/%00", "", 404, "", "", ""},
			{"GET", base + "journeys\\buy/", "", 404, "", "", ""},
			{"POST", base, "", 405, "", "", ""},
			{"DELETE", base + "journeys/buy/", "", 405, "", "", ""},
			{"HEAD", base, "", 200, "text/html", "", ""},
			{"GET", base, "localhost:1313", 200, "text/html", "index", ""},
			{"GET", base, "[::1]:1313", 200, "text/html", "index", ""},
			{"GET", base, "attacker.example", 421, "", "", ""},
			{"GET", base, "attacker.example:1313", 421, "", "", ""},
			{"GET", base, "127.0.0.1:9999", 421, "", "", ""},
			{"GET", ScriptPath, "", 200, "text/javascript", "EventSource", ""},
		} {
			name := tc.method + " " + tc.path + " " + tc.host
			req := httptest.NewRequest(tc.method, "http://"+addr+tc.path, nil)
			req.Host = addr
			if tc.host != "" {
				req.Host = tc.host
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			res := rec.Result()
			body := rec.Body.String()
			if res.StatusCode != tc.code {
				t.Errorf("base %s: %s = %d, want %d", base, name, res.StatusCode, tc.code)
			}
			if tc.ctype != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) {
				t.Errorf("base %s: %s Content-Type = %q, want %s", base, name, res.Header.Get("Content-Type"), tc.ctype)
			}
			if tc.body != "" && !strings.Contains(body, tc.body) {
				t.Errorf("base %s: %s body = %q, want it to contain %q", base, name, body, tc.body)
			}
			if tc.location != "" && res.Header.Get("Location") != tc.location {
				t.Errorf("base %s: %s Location = %q, want %q", base, name, res.Header.Get("Location"), tc.location)
			}
			if tc.method == "HEAD" && body != "" {
				t.Errorf("base %s: HEAD has a body", base)
			}
			if strings.Contains(body, "secret") || strings.Contains(body, "nope") || strings.Contains(body, "marker") {
				t.Errorf("base %s: %s served a file it must not: %q", base, name, body)
			}
			for k, want := range map[string]string{
				"X-Content-Type-Options":  "nosniff",
				"Referrer-Policy":         "no-referrer",
				"Content-Security-Policy": "script-src 'self'",
			} {
				if got := res.Header.Get(k); !strings.Contains(got, want) {
					t.Errorf("base %s: %s header %s = %q, want %q", base, name, k, got, want)
				}
			}
			isHTML := strings.HasPrefix(res.Header.Get("Content-Type"), "text/html")
			if injected := strings.Contains(body, `<script src="/_waymark/reload.js" defer></script>`); injected != (isHTML && tc.method == "GET" && tc.location == "") {
				t.Errorf("base %s: %s reload script injected = %v, HTML = %v", base, name, injected, isHTML)
			}
		}
	}
}

func TestBasePathRedirect(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/cx/maps/", Addr: addr})
	req := httptest.NewRequest("GET", "http://"+addr+"/", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/cx/maps/" {
		t.Errorf("GET / = %d to %q, want 302 to /cx/maps/", rec.Code, rec.Header().Get("Location"))
	}
	req = httptest.NewRequest("GET", "http://"+addr+"/elsewhere/", nil)
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET outside the base path = %d, want 404", rec.Code)
	}
}

func TestInjectScript(t *testing.T) {
	tag := `<script src="/_waymark/reload.js" defer></script>`
	for in, want := range map[string]string{
		"<html><head></head><body></body></html>": "<html><head>" + tag + "</head><body></body></html>",
		"<HTML><HEAD></HEAD></HTML>":              "<HTML><HEAD>" + tag + "</HEAD></HTML>",
		"<body>x</body>":                          "<body>x" + tag + "</body>",
		"plain":                                   "plain" + tag,
	} {
		if got := string(injectScript([]byte(in))); got != want {
			t.Errorf("injectScript(%q) = %q, want %q", in, got, want)
		}
	}
}

// Listening on every interface is the user's choice: any Host is served.
func TestAnyHostWhenListeningEverywhere(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: "0.0.0.0:1313"})
	req := httptest.NewRequest("GET", "http://maps.intranet.example:1313/", nil)
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Errorf("GET via another name = %d, want 200", rec.Code)
	}
}

type sse struct {
	resp *http.Response
	ch   chan [2]string
}

func connect(t *testing.T, srv *httptest.Server, origin string) *sse {
	t.Helper()
	req, _ := http.NewRequest("GET", srv.URL+EventsPath, nil)
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := &sse{resp: resp, ch: make(chan [2]string, 16)}
	go func() {
		defer close(c.ch)
		sc := bufio.NewScanner(resp.Body)
		var name, data string
		for sc.Scan() {
			switch line := sc.Text(); {
			case strings.HasPrefix(line, "event: "):
				name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				data = strings.TrimPrefix(line, "data: ")
			case line == "" && name != "":
				c.ch <- [2]string{name, data}
				name, data = "", ""
			}
		}
	}()
	return c
}

func (c *sse) next(t *testing.T) (name, data string) {
	t.Helper()
	select {
	case ev, ok := <-c.ch:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev[0], ev[1]
	case <-time.After(10 * time.Second): // a bound, not a timing assertion
		t.Fatal("no event")
	}
	return "", ""
}

func TestEvents(t *testing.T) {
	var s *Server
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.ServeHTTP(w, r) }))
	defer srv.Close()
	s = New(Options{Site: site(), BasePath: "/cx/", Addr: strings.TrimPrefix(srv.URL, "http://")})

	c := connect(t, srv, "")
	if ct := c.resp.Header.Get("Content-Type"); c.resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("events: %d %q", c.resp.StatusCode, ct)
	}
	waitClients(t, s, 1)

	s.Reload([]string{"journeys/buy/index.html", "journeys/buy/map.svg", "index.html", "404.html"})
	name, data := c.next(t)
	var msg struct {
		Pages []string
		All   bool
	}
	if err := json.Unmarshal([]byte(data), &msg); name != "reload" || err != nil {
		t.Fatalf("event %s %q: %v", name, data, err)
	}
	if strings.Join(msg.Pages, " ") != "/cx/journeys/buy/ /cx/" || msg.All {
		t.Errorf("reload = %+v, want the two pages and not all", msg)
	}
	s.Reload([]string{"css/waymark.css"})
	if _, data = c.next(t); !strings.Contains(data, `"all":true`) {
		t.Errorf("a stylesheet change = %s, want all", data)
	}

	problems := diag.List{{Pos: diag.Position{File: "content/journeys/buy.md", Line: 3, Col: 7}, Msg: `unknown key "<script>"`, Hint: "did you mean?"}}
	s.Broken(problems)
	name, data = c.next(t)
	if name != "problems" || strings.Contains(data, "<script>") {
		t.Errorf("problems event %s %q: want JSON with markup escaped", name, data)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(data), &list); err != nil || len(list) != 1 || list[0]["file"] != "content/journeys/buy.md" || list[0]["line"] != 3.0 || list[0]["message"] != `unknown key "<script>"` {
		t.Errorf("problems = %v (%v)", list, err)
	}

	// A page opened while the site is broken hears about it at once.
	late := connect(t, srv, "")
	if name, _ := late.next(t); name != "problems" {
		t.Errorf("late client got %q first, want problems", name)
	}
	// Another site's page may not listen.
	foreign := connect(t, srv, "http://attacker.example")
	if foreign.resp.StatusCode != http.StatusForbidden {
		t.Errorf("events from another Origin = %d, want 403", foreign.resp.StatusCode)
	}
	same := connect(t, srv, srv.URL)
	if same.resp.StatusCode != 200 {
		t.Errorf("events from the site's own Origin = %d, want 200", same.resp.StatusCode)
	}

	// Close ends every stream.
	s.Close()
	for _, cl := range []*sse{c, late, same} {
		for range cl.ch {
		}
	}
	if body, _ := io.ReadAll(c.resp.Body); len(body) != 0 {
		t.Errorf("data after Close: %q", body)
	}
}

// A client that does not read is dropped, not waited for.
func TestSlowClientDropped(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	ch := make(chan event, 1)
	s.clients[ch] = true
	for range 5 {
		s.Reload([]string{"index.html"})
	}
	s.mu.Lock()
	n := len(s.clients)
	s.mu.Unlock()
	if n != 0 {
		t.Errorf("%d clients after flooding a full one, want it dropped", n)
	}
}

func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s.mu.Lock()
		got := len(s.clients)
		s.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d clients connected, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
