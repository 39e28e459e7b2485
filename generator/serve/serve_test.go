package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
)

const addr = "127.0.0.1:1313"

// wait bounds every wait for the server; it is a limit, not a timing
// assertion.
const wait = 10 * time.Second

// secrets are in files no URL may reach.
var secrets = []string{"SECRET", "MARKER"}

func site() *output.Memory {
	m := output.NewMemory()
	for name, data := range map[string]string{
		"index.html":              "<!doctype html><html><head><title>Maps</title></head><body>index</body></html>",
		"journeys/buy/index.html": "<!doctype html><html><HEAD></HEAD><body>buy</body></html>",
		"journeys/buy/map.svg":    `<svg xmlns="http://www.w3.org/2000/svg"></svg>`,
		"journeys/buy/map.mmd":    "journey\n    title Buy\n",
		"journeys/buy/print.html": "<html><head></head><body>print</body></html>",
		"css/waymark.css":         "body{color:red}",
		"js/waymark.js":           "console.log(1)",
		"favicon.svg":             `<svg xmlns="http://www.w3.org/2000/svg"><title>icon</title></svg>`,
		"img/map.svg":             `<svg xmlns="http://www.w3.org/2000/svg"><title>a theme picture</title></svg>`,
		"404.html":                "<!doctype html><html><head></head><body>Page not found</body></html>",
		".waymark-build":          "MARKER",
		"journeys/.hidden/x.html": "SECRET",
		"journeys/.git/config":    "SECRET",
		"personas/ana/index.html": "<p>no head or body",
		"img/photo.png":           "\x89PNG\r\n\x1a\n",
		"journeys/a b/index.html": "<html><head></head><body>space</body></html>",
		"journeys/%2e%2e/odd.txt": "a name with a percent sign",
		"/abs/index.html":         "SECRET",
		"feed.xml":                "<feed/>",
	} {
		m.WriteFile(name, []byte(data))
	}
	return m
}

func get(s *Server, method, target, host string, header ...string) *http.Response {
	req := httptest.NewRequest(method, "http://"+addr+target, nil)
	req.Host = host
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Result()
}

func body(res *http.Response) string {
	b, _ := io.ReadAll(res.Body)
	return string(b)
}

func TestServeHTTP(t *testing.T) {
	for _, base := range []string{"/", "/cx/maps/"} {
		s := New(Options{Site: site(), BasePath: base, Addr: addr})
		for _, tc := range []struct {
			method, path string
			code         int
			ctype        string // a prefix; "" to skip
			body         string // a substring; "" to skip
			location     string
		}{
			{"GET", base, 200, "text/html; charset=utf-8", "index", ""},
			{"GET", base + "index.html", 200, "text/html", "index", ""},
			{"GET", base + "journeys/buy/", 200, "text/html", "buy", ""},
			{"GET", base + "journeys/buy", 301, "", "", base + "journeys/buy/"},
			{"GET", base + "journeys/buy?stage=2", 301, "", "", base + "journeys/buy/?stage=2"},
			{"GET", base + "journeys/a%20b", 301, "", "", base + "journeys/a%20b/"},
			{"GET", base + "journeys/a%20b/", 200, "text/html", "space", ""},
			{"GET", base + "journeys/buy/index.html", 200, "text/html", "buy", ""},
			{"GET", base + "journeys/buy/print.html", 200, "text/html", "print", ""},
			{"GET", base + "personas/ana/", 200, "text/html", "no head or body", ""},
			{"GET", base + "journeys/buy/map.svg", 200, "image/svg+xml", "<svg", ""},
			{"GET", base + "journeys/buy/map.mmd", 200, "text/plain; charset=utf-8", "title Buy", ""},
			{"GET", base + "favicon.svg", 200, "image/svg+xml", "icon", ""},
			{"GET", base + "css/waymark.css", 200, "text/css; charset=utf-8", "color:red", ""},
			{"GET", base + "js/waymark.js", 200, "text/javascript; charset=utf-8", "console", ""},
			{"GET", base + "img/photo.png", 200, "image/png", "PNG", ""},
			{"GET", base + "feed.xml", 200, "", "<feed/>", ""},
			{"HEAD", base, 200, "text/html", "", ""},
			{"HEAD", base + "css/waymark.css", 200, "text/css", "", ""},
			{"HEAD", base + "no/such/page/", 404, "text/html", "", ""},

			{"GET", base + "no/such/page/", 404, "text/html", "Page not found", ""},
			{"GET", base + "journeys/", 404, "text/html", "Page not found", ""},
			{"GET", base + "css/", 404, "", "Page not found", ""},
			{"GET", base + "journeys/buy/index.html/", 404, "", "Page not found", ""},
			{"GET", base + ".waymark-build", 404, "", "Page not found", ""},
			{"GET", base + "journeys/.hidden/x.html", 404, "", "Page not found", ""},
			{"GET", base + "journeys/.git/config", 404, "", "", ""},
			{"GET", base + "journeys/%2egit/config", 404, "", "", ""},
			{"GET", base + "journeys/../index.html", 404, "", "", ""},
			{"GET", base + "journeys/./buy/", 404, "", "", ""},
			{"GET", base + "journeys/%2e%2e/index.html", 404, "", "", ""},
			{"GET", base + "journeys/%2E%2E/odd.txt", 404, "", "", ""},
			{"GET", base + "journeys/%252e%252e/odd.txt", 200, "text/plain", "percent sign", ""}, // a name, not a way up
			{"GET", base + "journeys%2fbuy/", 404, "", "", ""},
			{"GET", base + "journeys%2Fbuy/", 404, "", "", ""},
			{"GET", base + "journeys%5cbuy/", 404, "", "", ""},
			{"GET", base + "journeys\\buy/", 404, "", "", ""},
			{"GET", base + "journeys//buy/", 404, "", "", ""},
			{"GET", base + "/abs/", 404, "", "", ""},
			{"GET", base + "/journeys/buy", 404, "", "", ""}, // never a redirect to "//journeys/buy/"
			{"GET", base + "journeys/buy/%00", 404, "", "", ""},
			{"GET", base + "journeys/buy%00/", 404, "", "", ""},
			{"GET", "/_waymark/", 404, "", "", ""},

			{"POST", base, 405, "text/plain", "", ""},
			{"PUT", base + "css/waymark.css", 405, "", "", ""},
			{"DELETE", base + "journeys/buy/", 405, "", "", ""},
			{"OPTIONS", base, 405, "", "", ""},
			{"POST", EventsPath, 405, "", "", ""},

			{"GET", ScriptPath, 200, "text/javascript; charset=utf-8", "EventSource", ""},
			{"HEAD", ScriptPath, 200, "text/javascript", "", ""},
		} {
			name := "base " + base + ": " + tc.method + " " + tc.path
			res := get(s, tc.method, tc.path, addr)
			b := body(res)
			if res.StatusCode != tc.code {
				t.Errorf("%s = %d, want %d", name, res.StatusCode, tc.code)
			}
			ctype := res.Header.Get("Content-Type")
			if tc.ctype != "" && !strings.HasPrefix(ctype, tc.ctype) {
				t.Errorf("%s: Content-Type = %q, want %s", name, ctype, tc.ctype)
			}
			if tc.body != "" && !strings.Contains(b, tc.body) {
				t.Errorf("%s: body = %q, want it to contain %q", name, b, tc.body)
			}
			if got := res.Header.Get("Location"); got != tc.location {
				t.Errorf("%s: Location = %q, want %q", name, got, tc.location)
			}
			if tc.method == "HEAD" && b != "" {
				t.Errorf("%s: HEAD has a body: %q", name, b)
			}
			if tc.code == 405 && res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s: Allow = %q", name, res.Header.Get("Allow"))
			}
			if tc.code == 200 && res.Header.Get("Cache-Control") != "no-cache" {
				t.Errorf("%s: Cache-Control = %q, want no-cache", name, res.Header.Get("Cache-Control"))
			}
			for _, secret := range secrets {
				if strings.Contains(b, secret) {
					t.Errorf("%s served a file it must not: %q", name, b)
				}
			}
			checkSecurityHeaders(t, name, res)
			isHTML := strings.HasPrefix(ctype, "text/html")
			wantTag := isHTML && tc.method == "GET" && tc.location == ""
			if got := strings.Count(b, scriptTag); got != map[bool]int{true: 1}[wantTag] {
				t.Errorf("%s: %d reload script tags (Content-Type %q), want it injected once into HTML only", name, got, ctype)
			}
		}
	}
}

func checkSecurityHeaders(t *testing.T, name string, res *http.Response) {
	t.Helper()
	for k, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "no-referrer",
		"Content-Security-Policy": csp,
	} {
		if got := res.Header.Get(k); got != want {
			t.Errorf("%s: header %s = %q, want %q", name, k, got, want)
		}
	}
}

func TestBasePathRedirects(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/cx/maps/", Addr: addr})
	for target, want := range map[string]string{
		"/":        "/cx/maps/",
		"/cx/maps": "/cx/maps/",
	} {
		res := get(s, "GET", target, addr)
		if res.StatusCode != http.StatusFound || res.Header.Get("Location") != want {
			t.Errorf("GET %s = %d to %q, want 302 to %s", target, res.StatusCode, res.Header.Get("Location"), want)
		}
	}
	for _, target := range []string{"/elsewhere/", "/index.html", "/cx/", "/cx/mapsx/", "/css/waymark.css"} {
		if res := get(s, "GET", target, addr); res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s, outside the base path, = %d, want 404", target, res.StatusCode)
		}
	}
	// The base path is written with escapes in the Location.
	s = New(Options{Site: site(), BasePath: "/my maps/", Addr: addr})
	if res := get(s, "GET", "/", addr); res.Header.Get("Location") != "/my%20maps/" {
		t.Errorf("GET / with a base path with a space: Location %q", res.Header.Get("Location"))
	}
	if res := get(s, "GET", "/my%20maps/journeys/buy/", addr); res.StatusCode != 200 {
		t.Errorf("GET a page under a base path with a space = %d", res.StatusCode)
	}
}

func TestNotFoundWithoutPage(t *testing.T) {
	m := output.NewMemory()
	m.WriteFile("index.html", []byte("<p>hi"))
	s := New(Options{Site: m, BasePath: "/", Addr: addr})
	res := get(s, "GET", "/nope/", addr)
	body, _ := io.ReadAll(res.Body)
	// A page of the server's own, with the reload script: when the first
	// build fails, it is what shows the problems and reloads once fixed.
	if res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), ScriptPath) {
		t.Errorf("404 without a 404 page = %d %q %q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	checkSecurityHeaders(t, "404 without a 404 page", res)
	// A nil Memory is an empty site, not a panic.
	s = New(Options{BasePath: "/", Addr: addr})
	if res := get(s, "GET", "/", addr); res.StatusCode != 404 {
		t.Errorf("empty site: GET / = %d", res.StatusCode)
	}
}

func TestConditionalAndRange(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	for _, target := range []string{"/css/waymark.css", "/journeys/buy/"} {
		first := get(s, "GET", target, addr)
		etag := first.Header.Get("ETag")
		if !strings.HasPrefix(etag, `"`) || len(etag) < 10 {
			t.Fatalf("GET %s: ETag %q", target, etag)
		}
		again := get(s, "GET", target, addr, "If-None-Match", etag)
		if again.StatusCode != http.StatusNotModified || body(again) != "" {
			t.Errorf("GET %s If-None-Match its ETag = %d, want 304", target, again.StatusCode)
		}
		checkSecurityHeaders(t, "304", again)
		if other := get(s, "GET", target, addr, "If-None-Match", `"other"`); other.StatusCode != 200 {
			t.Errorf("GET %s If-None-Match another ETag = %d, want 200", target, other.StatusCode)
		}
	}
	part := get(s, "GET", "/css/waymark.css", addr, "Range", "bytes=0-3")
	if b := body(part); part.StatusCode != http.StatusPartialContent || b != "body" {
		t.Errorf("Range bytes=0-3 = %d %q, want 206 \"body\"", part.StatusCode, b)
	}
	// The ETag follows the content: a rebuild changes it.
	m := site()
	s = New(Options{Site: m, BasePath: "/", Addr: addr})
	before := get(s, "GET", "/css/waymark.css", addr).Header.Get("ETag")
	m.WriteFile("css/waymark.css", []byte("body{color:blue}"))
	if after := get(s, "GET", "/css/waymark.css", addr).Header.Get("ETag"); after == before {
		t.Errorf("ETag %s did not change with the file", after)
	}
}

func TestHostCheck(t *testing.T) {
	for _, tc := range []struct {
		addr, host string
		ok         bool
	}{
		{"127.0.0.1:1313", "127.0.0.1:1313", true},
		{"127.0.0.1:1313", "localhost:1313", true},
		{"127.0.0.1:1313", "LocalHost:1313", true},
		{"127.0.0.1:1313", "[::1]:1313", true},
		{"127.0.0.1:1313", "localhost", false},
		{"127.0.0.1:1313", "127.0.0.1:9999", false},
		{"127.0.0.1:1313", "attacker.example", false},
		{"127.0.0.1:1313", "attacker.example:1313", false},
		{"127.0.0.1:1313", "", false},
		{"127.0.0.1:1313", "127.0.0.1:1313.attacker.example", false},
		{"[::1]:4000", "[::1]:4000", true},
		{"[::1]:4000", "localhost:4000", true},
		{"[::1]:4000", "::1:4000", false},
		{"192.168.1.20:1313", "192.168.1.20:1313", true},
		{"192.168.1.20:1313", "127.0.0.1:1313", true},
		{"192.168.1.20:1313", "maps.intranet.example:1313", false},
		{"127.0.0.1:80", "localhost", true},
		{"127.0.0.1:80", "127.0.0.1", true},
		{"127.0.0.1:80", "attacker.example", false},
		// Every interface: the user chose to expose the server.
		{"0.0.0.0:1313", "maps.intranet.example:1313", true},
		{"0.0.0.0:1313", "192.168.1.20:1313", true},
		{"[::]:1313", "anything.example", true},
		{":1313", "anything.example", true},
	} {
		s := New(Options{Site: site(), BasePath: "/", Addr: tc.addr})
		res := get(s, "GET", "/", tc.host)
		b := body(res)
		name := "listening on " + tc.addr + ", Host " + tc.host
		checkSecurityHeaders(t, name, res)
		if tc.ok {
			if res.StatusCode != 200 {
				t.Errorf("%s = %d, want 200", name, res.StatusCode)
			}
			continue
		}
		if res.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("%s = %d, want 421", name, res.StatusCode)
		}
		if !strings.Contains(b, "http://"+tc.addr+"/") || strings.Contains(b, "index") {
			t.Errorf("%s: body %q, want it to name the address to use and nothing of the site", name, b)
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "text/plain") {
			t.Errorf("%s: Content-Type %q", name, res.Header.Get("Content-Type"))
		}
	}
	// The script and the event stream are checked too.
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	for _, target := range []string{ScriptPath, EventsPath} {
		if res := get(s, "GET", target, "attacker.example:1313"); res.StatusCode != http.StatusMisdirectedRequest {
			t.Errorf("GET %s from another host = %d, want 421", target, res.StatusCode)
		}
	}
}

func TestInjectScript(t *testing.T) {
	for in, want := range map[string]string{
		"<html><head></head><body></body></html>": "<html><head>" + scriptTag + "</head><body></body></html>",
		"<HTML><HEAD></HEAD></HTML>":              "<HTML><HEAD>" + scriptTag + "</HEAD></HTML>",
		"<head></HeAd><body></body>":              "<head>" + scriptTag + "</HeAd><body></body>",
		"<body>x</body>":                          "<body>x" + scriptTag + "</body>",
		"<body><p>a</body></p></BODY>":            "<body><p>a</body></p>" + scriptTag + "</BODY>",
		"plain":                                   "plain" + scriptTag,
		"":                                        scriptTag,
		"<p>Ünïcödé İ</p></head>":                 "<p>Ünïcödé İ</p>" + scriptTag + "</head>",
		"<head><title>&lt;/head&gt;</title></head>": "<head><title>&lt;/head&gt;</title>" + scriptTag + "</head>",
	} {
		if got := string(injectScript([]byte(in))); got != want {
			t.Errorf("injectScript(%q) = %q, want %q", in, got, want)
		}
	}
	// The Memory's bytes are shared: injecting must not write into them.
	m := site()
	s := New(Options{Site: m, BasePath: "/", Addr: addr})
	before, _ := m.File("index.html")
	before = append([]byte(nil), before...)
	get(s, "GET", "/", addr)
	get(s, "GET", "/", addr)
	if after, _ := m.File("index.html"); string(after) != string(before) {
		t.Errorf("serving changed the stored page: %q", after)
	}
}

// listen registers a client channel directly, to read the events Reload
// and Broken send without a network.
func listen(s *Server) chan event {
	ch := make(chan event, buffered)
	s.mu.Lock()
	s.clients[ch] = struct{}{}
	s.mu.Unlock()
	return ch
}

func TestReloadPages(t *testing.T) {
	type msg struct {
		Pages []string `json:"pages"`
		All   bool     `json:"all"`
	}
	for _, tc := range []struct {
		files []string
		want  msg
	}{
		{nil, msg{[]string{}, false}},
		{[]string{"index.html"}, msg{[]string{"/cx/"}, false}},
		{[]string{"journeys/buy/index.html", "journeys/buy/map.svg", "index.html", "journeys/buy/index.html"},
			msg{[]string{"/cx/journeys/buy/", "/cx/"}, false}},
		{[]string{"journeys/buy/print.html", "404.html"}, msg{[]string{"/cx/journeys/buy/print.html", "/cx/404.html"}, false}},
		{[]string{"index.json", "journeys/buy/map.json", "channels/matrix.csv", "journeys/buy/map.mmd"},
			msg{[]string{"/cx/index.json", "/cx/journeys/buy/map.json", "/cx/channels/matrix.csv", "/cx/journeys/buy/map.mmd"}, false}},
		{[]string{"journeys/a b/index.html"}, msg{[]string{"/cx/journeys/a b/"}, false}},
		// A removed journey: its map goes with its page.
		{[]string{"journeys/gone/index.html", "journeys/gone/map.svg"}, msg{[]string{"/cx/journeys/gone/"}, false}},
		{[]string{"css/waymark.css"}, msg{[]string{}, true}},
		{[]string{"journeys/buy/index.html", "js/waymark.js"}, msg{[]string{"/cx/journeys/buy/"}, true}},
		{[]string{"favicon.svg"}, msg{[]string{}, true}},
		{[]string{"img/map.svg"}, msg{[]string{}, true}},
		{[]string{"map.svg"}, msg{[]string{}, true}},
		{[]string{"img/photo.png"}, msg{[]string{}, true}},
	} {
		s := New(Options{Site: site(), BasePath: "/cx/", Addr: addr})
		ch := listen(s)
		s.Reload(tc.files)
		ev := <-ch
		var got msg
		if err := json.Unmarshal([]byte(ev.data), &got); ev.name != "reload" || err != nil {
			t.Fatalf("Reload(%q): event %s %q: %v", tc.files, ev.name, ev.data, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("Reload(%q) = %+v, want %+v", tc.files, got, tc.want)
		}
		if !strings.Contains(ev.data, `"pages":[`) || !strings.Contains(ev.data, `"all":`) {
			t.Errorf("Reload(%q) data %s, want both fields always", tc.files, ev.data)
		}
	}
}

func TestProblemsData(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	ch := listen(s)
	s.Broken(diag.List{
		{Pos: diag.Position{File: "content/journeys/buy.md", Line: 3, Col: 7}, Msg: "unknown key \"<script>\"\nsecond line", Hint: "did you mean \"</script>\"?"},
		{Pos: diag.Position{File: "waymark.toml"}, Msg: "no title"},
	})
	ev := <-ch
	if ev.name != "problems" {
		t.Fatalf("event %q", ev.name)
	}
	if strings.ContainsAny(ev.data, "<>\n\r") {
		t.Errorf("problems data %q carries markup characters or a newline", ev.data)
	}
	var got []problem
	if err := json.Unmarshal([]byte(ev.data), &got); err != nil {
		t.Fatal(err)
	}
	want := []problem{
		{File: "content/journeys/buy.md", Line: 3, Col: 7, Message: "unknown key \"<script>\"\nsecond line", Hint: "did you mean \"</script>\"?"},
		{File: "waymark.toml", Message: "no title"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %+v, want %+v", got, want)
	}
	for _, field := range []string{`"file":`, `"line":`, `"col":`, `"message":`, `"hint":`} {
		if !strings.Contains(ev.data, field) {
			t.Errorf("problems data %s lacks %s", ev.data, field)
		}
	}
}

// A flood of problems of one kind is grouped on the page as in the
// terminal: the first few, a line counting the rest, and the total.
func TestProblemsGrouped(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	ch := listen(s)
	var problems diag.List
	for i := range 2000 {
		problems.Add(diag.Position{File: fmt.Sprintf("content/journeys/j%04d.md", i), Line: 9, Col: 15},
			"declare it in site.toml", "unknown channel %q", "web")
	}
	s.Broken(problems)
	var got []problem
	if err := json.Unmarshal([]byte((<-ch).data), &got); err != nil {
		t.Fatal(err)
	}
	want := []problem{
		{File: "content/journeys/j0000.md", Line: 9, Col: 15, Message: `unknown channel "web"`, Hint: "declare it in site.toml"},
		{File: "content/journeys/j0001.md", Line: 9, Col: 15, Message: `unknown channel "web"`},
		{File: "content/journeys/j0002.md", Line: 9, Col: 15, Message: `unknown channel "web"`},
		{File: "content/journeys/j0003.md", Line: 9, Col: 15, Message: `unknown channel "web"`},
		{File: "content/journeys/j0004.md", Line: 9, Col: 15, Message: `unknown channel "web"`},
		{Message: `and 1,995 more: unknown channel "web" in 1,995 files`},
		{Message: "2,000 problems in all; waymark check --all lists every one"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("problems =\n%+v\nwant\n%+v", got, want)
	}
}

// A client that does not read is dropped, not waited for.
func TestSlowClientDropped(t *testing.T) {
	s := New(Options{Site: site(), BasePath: "/", Addr: addr})
	slow := make(chan event, 1)
	s.clients[slow] = struct{}{}
	done := make(chan bool)
	go func() {
		for range 2 * buffered {
			s.Reload([]string{"index.html"})
			s.Broken(diag.List{{Msg: "x"}})
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(wait):
		t.Fatal("Reload and Broken blocked on a client that does not read")
	}
	s.mu.Lock()
	n := len(s.clients)
	s.mu.Unlock()
	if n != 0 {
		t.Errorf("%d clients after flooding a full one, want it dropped", n)
	}
	for range slow { // closed, so the handler returns
	}
}

// stream is one live-reload connection read by a real HTTP client.
type stream struct {
	resp   *http.Response
	events chan event // closed when the stream ends
	pings  chan struct{}
}

func connect(t *testing.T, srv *httptest.Server, origin string) *stream {
	t.Helper()
	req, err := http.NewRequest("GET", srv.URL+EventsPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	c := &stream{resp: resp, events: make(chan event, 64), pings: make(chan struct{}, 1)}
	go func() {
		defer close(c.events)
		sc := bufio.NewScanner(resp.Body)
		var ev event
		for sc.Scan() {
			switch line := sc.Text(); {
			case line == ": ping":
				select {
				case c.pings <- struct{}{}:
				default:
				}
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.name != "":
				c.events <- ev
				ev = event{}
			}
		}
	}()
	return c
}

func (c *stream) next(t *testing.T) event {
	t.Helper()
	select {
	case ev, ok := <-c.events:
		if !ok {
			t.Fatal("stream ended")
		}
		return ev
	case <-time.After(wait):
		t.Fatal("no event")
	}
	return event{}
}

func (c *stream) ended(t *testing.T) {
	t.Helper()
	timeout := time.After(wait)
	for {
		select {
		case ev, ok := <-c.events:
			if !ok {
				return
			}
			t.Errorf("event %s after Close", ev.name)
		case <-timeout:
			t.Fatal("stream still open")
		}
	}
}

func waitClients(t *testing.T, s *Server, n int) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		s.mu.Lock()
		got := len(s.clients)
		s.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d clients connected, want %d", got, n)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newTestServer serves s on a real listener, with s's Addr that of the
// listener so the Host check passes.
func newTestServer(t *testing.T, base string) (*Server, *httptest.Server) {
	t.Helper()
	var s *Server
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { s.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	s = New(Options{Site: site(), BasePath: base, Addr: srv.Listener.Addr().String()})
	t.Cleanup(s.Close) // before srv.Close, which waits for the streams
	return s, srv
}

func TestEvents(t *testing.T) {
	s, srv := newTestServer(t, "/cx/")

	c := connect(t, srv, "")
	if ct := c.resp.Header.Get("Content-Type"); c.resp.StatusCode != 200 || ct != "text/event-stream" {
		t.Fatalf("events: %d %q", c.resp.StatusCode, ct)
	}
	if cc := c.resp.Header.Get("Cache-Control"); cc != "no-cache" {
		t.Errorf("events Cache-Control = %q", cc)
	}
	checkSecurityHeaders(t, "events", c.resp)
	waitClients(t, s, 1)

	s.Reload([]string{"journeys/buy/index.html", "journeys/buy/map.svg", "index.html"})
	ev := c.next(t)
	if ev.name != "reload" || ev.data != `{"pages":["/cx/journeys/buy/","/cx/"],"all":false}` {
		t.Errorf("reload event %s %s", ev.name, ev.data)
	}
	s.Reload([]string{"css/waymark.css"})
	if ev := c.next(t); ev.data != `{"pages":[],"all":true}` {
		t.Errorf("a stylesheet change = %s, want all", ev.data)
	}

	problems := diag.List{{Pos: diag.Position{File: "content/journeys/buy.md", Line: 3, Col: 7}, Msg: `unknown key "<script>"`, Hint: "did you mean?"}}
	s.Broken(problems)
	ev = c.next(t)
	var list []problem
	if err := json.Unmarshal([]byte(ev.data), &list); ev.name != "problems" || err != nil || len(list) != 1 || list[0].Message != `unknown key "<script>"` || list[0].Line != 3 {
		t.Errorf("problems event %s %q: %v", ev.name, ev.data, err)
	}

	// A page opened while the site is broken hears about it at once.
	late := connect(t, srv, "")
	if first := late.next(t); first.name != "problems" || first.data != ev.data {
		t.Errorf("late client got %s %s first, want problems %s", first.name, first.data, ev.data)
	}
	waitClients(t, s, 2)

	// Reload ends the broken state: a page opened after it hears only
	// what comes next.
	s.Reload(nil)
	for _, cl := range []*stream{c, late} {
		if ev := cl.next(t); ev.name != "reload" || ev.data != `{"pages":[],"all":false}` {
			t.Errorf("reload after problems = %s %s", ev.name, ev.data)
		}
	}
	after := connect(t, srv, "")
	waitClients(t, s, 3)
	s.Reload([]string{"index.html"})
	for _, cl := range []*stream{after, c, late} {
		if ev := cl.next(t); ev.name != "reload" {
			t.Errorf("after the fix: got %s, want reload", ev.name)
		}
	}

	// Close ends every stream, and refuses new ones.
	s.Close()
	for _, cl := range []*stream{c, late, after} {
		cl.ended(t)
	}
	waitClients(t, s, 0)
	if res := connect(t, srv, ""); res.resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("events after Close = %d, want 503", res.resp.StatusCode)
	}
}

func TestEventsOrigin(t *testing.T) {
	s, srv := newTestServer(t, "/")
	_, port, _ := strings.Cut(srv.Listener.Addr().String(), ":")
	for origin, want := range map[string]int{
		"":                                200,
		srv.URL:                           200,
		"http://localhost:" + port:        200,
		"http://[::1]:" + port:            200,
		"http://attacker.example":         403,
		"http://attacker.example:" + port: 403,
		"https://127.0.0.1:" + port:       403,
		"null":                            403,
		srv.URL + ".attacker.example":     403,
	} {
		c := connect(t, srv, origin)
		if c.resp.StatusCode != want {
			t.Errorf("events with Origin %q = %d, want %d", origin, c.resp.StatusCode, want)
		}
		checkSecurityHeaders(t, "events, Origin "+origin, c.resp)
		c.resp.Body.Close()
	}
	waitClients(t, s, 0)

	// Listening everywhere, any Host is served, but the stream is for
	// the page's own origin only.
	s = New(Options{Site: site(), BasePath: "/", Addr: "0.0.0.0:" + port})
	defer s.Close()
	for origin, want := range map[string]int{
		"http://maps.example:" + port:     200,
		"http://attacker.example:" + port: 403,
	} {
		res := get(s, "HEAD", EventsPath, "maps.example:"+port, "Origin", origin)
		if res.StatusCode != want {
			t.Errorf("listening everywhere, Host maps.example, Origin %s = %d, want %d", origin, res.StatusCode, want)
		}
	}
}

func TestPing(t *testing.T) {
	s, srv := newTestServer(t, "/")
	s.ping = time.Millisecond // set before any stream starts
	c := connect(t, srv, "")
	select {
	case <-c.pings:
	case <-time.After(wait):
		t.Fatal("no ping")
	}
}

// A page that goes away ends its handler.
func TestClientGone(t *testing.T) {
	s, srv := newTestServer(t, "/")
	c := connect(t, srv, "")
	waitClients(t, s, 1)
	c.resp.Body.Close()
	waitClients(t, s, 0)
}

// FuzzPath: no request target makes the server panic, serve a file it
// must not, or redirect off the site.
func FuzzPath(f *testing.F) {
	for _, seed := range []string{
		"/", "/journeys/buy", "/journeys/buy/", "/%2e%2e/", "/..%2f..%2fetc/passwd", "/.waymark-build",
		"//attacker.example/", "/\\attacker.example/", "/journeys/%00", "/%ff%fe/", "/a/./b/../c",
		"/journeys/.hidden/x.html", "/_waymark/events/", "/cx/maps", "/journeys/a b", "/%2e/", "*",
	} {
		f.Add(seed)
	}
	servers := []*Server{
		New(Options{Site: site(), BasePath: "/", Addr: addr}),
		New(Options{Site: site(), BasePath: "/cx/maps/", Addr: addr}),
	}
	f.Fuzz(func(t *testing.T, target string) {
		u, err := url.ParseRequestURI(target)
		if err != nil || u.Path == EventsPath {
			return
		}
		for _, s := range servers {
			req := &http.Request{Method: "GET", URL: u, Host: addr, Header: http.Header{}, RequestURI: target}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			b := rec.Body.String()
			switch rec.Code {
			case 200, 404:
			case 301, 302:
				loc := rec.Header().Get("Location")
				if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
					t.Errorf("%q redirects to %q, off the site", target, loc)
				}
			default:
				t.Errorf("%q = %d", target, rec.Code)
			}
			for _, secret := range secrets {
				if strings.Contains(b, secret) {
					t.Errorf("%q served a file it must not: %q", target, b)
				}
			}
		}
	})
}
