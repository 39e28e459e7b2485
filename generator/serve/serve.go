// Package serve is the review server's HTTP side: it serves a site built
// into memory and tells open pages when to reload.
//
// Files come only from an output.Memory, under the site's base path, so
// no request can reach the file system: there is nothing to traverse. A
// page is served as built, except that HTML responses get one script tag,
// /_waymark/reload.js, which opens a server-sent event stream at
// /_waymark/events. The script is served by this package only; no build
// ever writes it.
//
// Events on the stream:
//
//   - reload, with {"pages": ["/base/journeys/buy/"], "all": false}: the
//     pages whose HTML was rewritten; all is true when a stylesheet, script
//     or image changed, since any page may look different then. A page
//     reloads when it is named, when all is set, or when it shows the
//     problems overlay. location.reload() keeps the URL hash, which is
//     how a journey page keeps its open stage.
//   - problems, with [{"file", "line", "col", "message", "hint"}]: the
//     content is broken. The page lays the list over itself, built with
//     textContent only, and keeps showing the last good version beneath.
//     A page opened while the content is broken gets this event at once.
//
// Every response carries X-Content-Type-Options: nosniff, no referrer, and
// a Content-Security-Policy that the theme satisfies. Requests whose Host
// is not the address being served are refused, so that a web page
// elsewhere cannot reach the server through DNS rebinding; the event
// stream also refuses another Origin.
package serve

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"mime"
	"net"
	"net/http"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
)

//go:embed reload.js
var reloadJS []byte

// The server's own paths, at the root whatever the base path.
const (
	ScriptPath = "/_waymark/reload.js"
	EventsPath = "/_waymark/events"
)

// csp allows the site's own files only. Styles may be inline because the
// theme sets one style attribute (the number of stages, for the grid);
// scripts may not.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// ping keeps idle event streams open through proxies.
const ping = 15 * time.Second

// Options configure a Server.
type Options struct {
	Site     *output.Memory // the built site
	BasePath string         // "/" or a sub-path such as "/cx/maps/", from base_url
	Addr     string         // the host:port listened on, for the Host check
}

// Server serves a site and its live-reload stream. It is safe for
// concurrent use.
type Server struct {
	site  *output.Memory
	base  string
	hosts map[string]bool // nil: any host (listening on every interface)

	mu       sync.Mutex
	clients  map[chan event]bool
	problems []byte // the current problems event's data, nil when all is well
	closed   bool
}

type event struct{ name, data string }

// New returns a Server.
func New(opts Options) *Server {
	base := "/" + strings.Trim(opts.BasePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	s := &Server{site: opts.Site, base: base, clients: map[chan event]bool{}}
	host, port, err := net.SplitHostPort(opts.Addr)
	if err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsUnspecified() {
			s.hosts = map[string]bool{}
			for _, h := range []string{host, "localhost", "127.0.0.1", "::1"} {
				s.hosts[net.JoinHostPort(h, port)] = true
			}
		}
		// Listening on 0.0.0.0 or :: is the user's explicit choice to be
		// reached by any name this machine has; there is no host to check.
	} else {
		s.hosts = map[string]bool{opts.Addr: true}
	}
	return s
}

// ServeHTTP serves the site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", csp)
	if s.hosts != nil && !s.hosts[r.Host] {
		http.Error(w, fmt.Sprintf("waymark serves this site at another address; open it by that one, not %q", r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		s.serveData(w, r, "reload.js", reloadJS)
		return
	case EventsPath:
		s.events(w, r)
		return
	}
	s.serveSite(w, r)
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if p == "/" && s.base != "/" {
		http.Redirect(w, r, s.base, http.StatusFound)
		return
	}
	if !strings.HasPrefix(p, s.base) || strings.ContainsAny(p, "\\\x00") || strings.Contains(r.URL.RawPath, "%2") {
		s.notFound(w, r)
		return
	}
	rel := strings.TrimPrefix(p, s.base)
	for _, seg := range strings.Split(rel, "/") {
		if strings.HasPrefix(seg, ".") {
			s.notFound(w, r) // dotfiles, and ".." of any kind
			return
		}
	}
	if rel != "" && path.Clean(rel) != strings.TrimSuffix(rel, "/") {
		s.notFound(w, r) // "a//b" and the like: one name per page
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if data, ok := s.site.File(name); ok {
		s.serveData(w, r, name, data)
		return
	}
	if _, ok := s.site.File(rel + "/index.html"); ok && rel != "" {
		http.Redirect(w, r, s.base+rel+"/", http.StatusMovedPermanently)
		return
	}
	s.notFound(w, r)
}

// notFound answers with the site's own 404 page when it has one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := s.site.File("404.html")
	if !ok {
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(injectScript(data))
	}
}

// serveData serves one file with its type and an ETag, through
// http.ServeContent (so HEAD, ranges and If-None-Match work).
func (s *Server) serveData(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data)
	}
	sum := sha256.Sum256(data)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache") // revalidate every time: the site changes on every save
	h.Set("ETag", `"`+hex.EncodeToString(sum[:12])+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

func contentType(name string) string {
	switch ext := strings.ToLower(path.Ext(name)); ext {
	case ".html":
		return "text/html; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	default:
		if t := mime.TypeByExtension(ext); t != "" {
			return t
		}
	}
	return "application/octet-stream"
}

// injectScript adds the reload script before </head>, else before
// </body>, else at the end.
func injectScript(page []byte) []byte {
	tag := []byte(`<script src="` + ScriptPath + `" defer></script>`)
	lower := bytes.ToLower(page)
	at := bytes.Index(lower, []byte("</head>"))
	if at < 0 {
		at = bytes.LastIndex(lower, []byte("</body>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:at]...)
	out = append(out, tag...)
	return append(out, page[at:]...)
}

// events streams reload and problems events to one page.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && origin != "http://"+r.Host {
		http.Error(w, "live reload is only for pages of this site", http.StatusForbidden)
		return
	}
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming is not supported", http.StatusInternalServerError)
		return
	}
	ch := make(chan event, 8)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	s.clients[ch] = true
	problems := s.problems
	s.mu.Unlock()
	defer s.drop(ch)

	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, ": waymark live reload\n\n")
	if problems != nil {
		writeEvent(w, event{"problems", string(problems)})
	}
	flusher.Flush()
	tick := time.NewTicker(ping)
	defer tick.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return // dropped: Close, or too slow to keep up
			}
			writeEvent(w, ev)
			flusher.Flush()
		case <-tick.C:
			fmt.Fprint(w, ": ping\n\n")
			flusher.Flush()
		}
	}
}

func writeEvent(w http.ResponseWriter, ev event) {
	fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
}

// drop forgets a client and closes its channel, once.
func (s *Server) drop(ch chan event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.clients[ch] {
		delete(s.clients, ch)
		close(ch)
	}
}

// broadcast sends ev to every page. A page too slow to take it is
// dropped rather than waited for; its browser reconnects by itself.
func (s *Server) broadcast(ev event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for ch := range s.clients {
		select {
		case ch <- ev:
		default:
			delete(s.clients, ch)
			close(ch)
		}
	}
}

// Reload tells open pages that these output files were rewritten (names
// as in the Memory: "journeys/buy/index.html", "css/waymark.css"). It
// also ends a problems overlay.
func (s *Server) Reload(files []string) {
	msg := struct {
		Pages []string `json:"pages"`
		All   bool     `json:"all"`
	}{Pages: []string{}}
	for _, f := range files {
		switch {
		case f == "index.html":
			msg.Pages = append(msg.Pages, s.base)
		case strings.HasSuffix(f, "/index.html"):
			msg.Pages = append(msg.Pages, s.base+strings.TrimSuffix(f, "index.html"))
		case f == "404.html", path.Ext(f) == ".svg" && strings.HasSuffix(f, "/map.svg"):
			// the 404 page shows at any URL; a map picture is not a page
		default:
			msg.All = true
		}
	}
	data, _ := json.Marshal(msg)
	s.mu.Lock()
	s.problems = nil
	s.mu.Unlock()
	s.broadcast(event{"reload", string(data)})
}

// Broken shows problems on every open page, and on pages opened later,
// until the next Reload.
func (s *Server) Broken(problems diag.List) {
	type problem struct {
		File    string `json:"file"`
		Line    int    `json:"line,omitempty"`
		Col     int    `json:"col,omitempty"`
		Message string `json:"message"`
		Hint    string `json:"hint,omitempty"`
	}
	list := make([]problem, len(problems))
	for i, d := range problems {
		list[i] = problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg, Hint: d.Hint}
	}
	data, _ := json.Marshal(list) // escapes <, > and & too: the data is inert in any context
	s.mu.Lock()
	s.problems = data
	s.mu.Unlock()
	s.broadcast(event{"problems", string(data)})
}

// Clients is how many pages listen for reloads.
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// Close ends every event stream, so that http.Server.Shutdown need not
// wait for them, and refuses new ones.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for ch := range s.clients {
		delete(s.clients, ch)
		close(ch)
	}
}
