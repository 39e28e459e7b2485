// Package serve is the review server's HTTP side: it serves a site built
// into an output.Memory and tells open pages when to reload. Building and
// watching happen elsewhere; the caller calls Reload after each good
// rebuild and Broken when the content has problems.
//
// # Files
//
// The site is served under its base path (Options.BasePath, "/" or a
// sub-path like "/cx/maps/", decoded as in URL.Path): "/cx/maps/" is
// index.html, "/cx/maps/journeys/buy/" is journeys/buy/index.html, and
// "/cx/maps/journeys/buy" redirects (301) to the slash form when that
// page exists. "/" redirects (302) to the base path, and so does the base
// path without its slash. Anything else that is missing gets status 404
// with the site's own 404.html when it has one. Only GET and HEAD are
// allowed (405 otherwise). There are no directory listings.
//
// Files come only from the Memory, so no request can reach the file
// system: there is nothing to traverse, and it must stay that way.
// Still, a path with a segment starting with "." (dotfiles, ".", ".."),
// an empty segment ("a//b"), a NUL, a backslash or an encoded slash
// ("%2F", "%5C") is refused with 404, so that every file has exactly one
// URL and odd paths never reach a lookup.
//
// Files are served with http.ServeContent (HEAD, Range, If-None-Match),
// an ETag from a hash of the bytes sent, Cache-Control: no-cache (the
// browser revalidates on every load, since the site changes on every
// save), and a Content-Type from the extension.
//
// # Security
//
// Every response carries X-Content-Type-Options: nosniff,
// Referrer-Policy: no-referrer and a Content-Security-Policy that allows
// the site's own files only.
//
// The server holds drafts, so it answers only requests addressed to it:
// a Host header other than Options.Addr, or localhost, 127.0.0.1 or [::1]
// with Addr's port, gets 421 and a note naming the address to use. This
// defeats DNS rebinding, where a web page elsewhere gets its own host
// name pointed at 127.0.0.1 to read the drafts. When Addr's host is
// 0.0.0.0, ::, or empty, the user chose to listen on every interface and
// so to be reached by any name this machine has (a LAN address, a
// hostname): any Host is served.
//
// # Live reload
//
// HTML responses get one tag, <script src="/_waymark/reload.js" defer>,
// before </head> (else before </body>, else at the end). The script is
// served by this package only, at the root whatever the base path; no
// build ever writes it. It opens a server-sent event stream at
// /_waymark/events, which refuses (403) a request whose Origin is not
// http://<an accepted host> (with any host accepted, its own Host), and
// sends a ": ping" comment every 15 seconds so proxies keep it open.
//
// Events on the stream:
//
//   - reload, with {"pages": ["/cx/maps/journeys/buy/"], "all": false}:
//     the URL paths (decoded) of the pages whose HTML was rewritten or
//     removed; all is true when a stylesheet, script, image or other
//     file changed, since any page may look different then. A journey's
//     map.svg is a download written with its page, so it counts as that
//     page. A page reloads when it is named (".../index.html" is
//     ".../"), when all is set, or while it shows the problems overlay.
//     location.reload() keeps the URL hash, which is how a journey page
//     keeps its open stage, and the scroll position.
//   - problems, with [{"file", "line", "col", "message", "hint"}] (line
//     and col 0 when unknown): the content is broken. The page lays the
//     list over itself in an element with id "waymark-problems", one
//     <li> per problem, built with textContent only, and keeps showing
//     the last good version beneath. A page opened while the content is
//     broken gets this event as soon as it connects; Reload ends it.
//     The list is grouped as the terminal prints it (diag.List.Brief):
//     of a kind with many problems the first few, then entries with no
//     file that count the rest, and a last one with the total.
//
// Reload and Broken never wait for a page: each stream has a small
// buffer, and a page too slow to empty it is dropped. Its browser
// reconnects by itself, and reloads then, so it misses nothing. Close
// ends every stream, so that http.Server.Shutdown need not wait on them.
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
	"net/url"
	"path"
	"strconv"
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

// scriptTag is what HTML responses get.
const scriptTag = `<script src="` + ScriptPath + `" defer></script>`

// csp allows the site's own files only. Styles may be inline because the
// theme sets one style attribute (the number of stages, for the lane
// grid); scripts may not. The overlay is styled through element.style,
// which CSP does not restrict.
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// noSitePage answers for a site that has no 404 page, or no pages at all
// because its first build failed.
const noSitePage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found · waymark</title></head>
<body><h1>Not found</h1><p>There is no page here. If the site does not build, the problems are shown above and in the terminal; this page reloads by itself once it builds.</p></body></html>
`

// pingEvery keeps idle event streams open through proxies, which close
// connections that stay silent for a minute or so.
const pingEvery = 15 * time.Second

// buffered is how many events a page may fall behind before it is
// dropped. Events come one per save, so a page that is this far behind
// is gone or stuck.
const buffered = 8

// Options configure a Server.
type Options struct {
	Site     *output.Memory // the built site
	BasePath string         // "/" or a sub-path such as "/cx/maps/", decoded; the site is served under it
	Addr     string         // the host:port listened on, such as "127.0.0.1:1313", for the Host check
}

// Server serves a site and its live-reload stream. It is safe for
// concurrent use.
type Server struct {
	site  *output.Memory
	base  string
	addr  string          // for the note to a request with another Host
	hosts map[string]bool // lower case; nil: any host (listening on every interface)
	ping  time.Duration   // a field, so tests can make it short

	mu       sync.Mutex
	clients  map[chan event]struct{}
	problems string // the current problems event's data, "" when all is well
	closed   bool
}

type event struct{ name, data string }

// New returns a Server.
func New(opts Options) *Server {
	base := "/" + strings.Trim(opts.BasePath, "/") + "/"
	if base == "//" {
		base = "/"
	}
	site := opts.Site
	if site == nil {
		site = output.NewMemory()
	}
	return &Server{
		site:    site,
		base:    base,
		addr:    opts.Addr,
		hosts:   acceptedHosts(opts.Addr),
		ping:    pingEvery,
		clients: map[chan event]struct{}{},
	}
}

// acceptedHosts lists the Host headers that name this server, or returns
// nil when any does.
func acceptedHosts(addr string) map[string]bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return map[string]bool{strings.ToLower(addr): true}
	}
	if host == "" {
		return nil // ":1313" listens on every interface
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		// 0.0.0.0 or ::: the user chose to expose the server to the
		// network, under whatever name reaches this machine.
		return nil
	}
	hosts := map[string]bool{}
	for _, h := range []string{host, "localhost", "127.0.0.1", "::1"} {
		hosts[strings.ToLower(net.JoinHostPort(h, port))] = true
		if port == "80" {
			hosts[strings.ToLower(bracket(h))] = true // browsers leave out the default port
		}
	}
	return hosts
}

// bracket writes an IPv6 address as it appears in a Host header.
func bracket(h string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]"
	}
	return h
}

// ServeHTTP serves the site, the reload script and the event stream.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", csp)
	if s.hosts != nil && !s.hosts[strings.ToLower(r.Host)] {
		http.Error(w, fmt.Sprintf("waymark serves this site at http://%s%s only: open it by that address, not by host %q.",
			s.addr, s.base, r.Host), http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed: the review server only serves pages", http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case ScriptPath:
		serveData(w, r, "reload.js", reloadJS)
	case EventsPath:
		s.events(w, r)
	default:
		s.serveSite(w, r)
	}
}

func (s *Server) serveSite(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if s.base != "/" && (p == "/" || p+"/" == s.base) {
		redirect(w, r, s.base, http.StatusFound)
		return
	}
	rel, ok := strings.CutPrefix(p, s.base)
	if !ok || !validPath(rel) || encodedSeparator(r.URL.RawPath) {
		s.notFound(w, r)
		return
	}
	name := rel
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	if data, ok := s.site.File(name); ok {
		serveData(w, r, name, data)
		return
	}
	if rel != "" && !strings.HasSuffix(rel, "/") {
		if _, ok := s.site.File(rel + "/index.html"); ok {
			redirect(w, r, s.base+rel+"/", http.StatusMovedPermanently)
			return
		}
	}
	s.notFound(w, r)
}

// validPath reports whether rel, a path below the base path, names one
// file in one way: no dot segments (dotfiles, "." and ".."), no empty
// segment except after a final slash, no NUL or backslash.
func validPath(rel string) bool {
	if strings.ContainsAny(rel, "\x00\\") {
		return false
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		if (seg == "" && i < len(segs)-1) || strings.HasPrefix(seg, ".") {
			return false
		}
	}
	return true
}

// encodedSeparator reports whether a raw path hides a slash or backslash
// inside a segment ("journeys%2Fbuy"): URL.Path has already decoded it
// into a separator, so the path would reach a file by a second name.
func encodedSeparator(raw string) bool {
	raw = strings.ToLower(raw)
	return strings.Contains(raw, "%2f") || strings.Contains(raw, "%5c")
}

// redirect sends the browser to p, a decoded path, escaped as a URL
// path, with the request's query.
func redirect(w http.ResponseWriter, r *http.Request, p string, code int) {
	u := url.URL{Path: p, RawQuery: r.URL.RawQuery}
	http.Redirect(w, r, u.String(), code)
}

// notFound answers with the site's own 404 page when it has one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	data, ok := s.site.File("404.html")
	if !ok {
		// No site yet (the first build failed) or a theme without a 404
		// page: a page of our own, so that the problems overlay and the
		// reload still reach the browser.
		data = []byte(noSitePage)
	}
	data = injectScript(data) // so the 404 page reloads too, when the missing page appears
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-cache")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusNotFound)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

// serveData serves one file with its type and an ETag, through
// http.ServeContent, so HEAD, Range and If-None-Match work.
func serveData(w http.ResponseWriter, r *http.Request, name string, data []byte) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = injectScript(data)
	}
	sum := sha256.Sum256(data)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache") // revalidate every time: the site changes on every save
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
}

// contentType is the type of a file from its extension in any case, with
// the ones a browser must get right fixed here rather than left to the
// system's MIME tables (which map .js differently on some systems).
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".mmd":
		// Mermaid's diagrams have no registered type; as text a browser
		// shows them rather than asking where to save them.
		return "text/plain; charset=utf-8"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// injectScript adds the reload script tag before </head>, else before
// the last </body>, else at the end. It returns a new slice: the page is
// the Memory's, and shared.
func injectScript(page []byte) []byte {
	// Lower the ASCII letters only: bytes.ToLower can change the length
	// of other characters ("İ"), and the offsets must match page's.
	lower := make([]byte, len(page))
	for i, c := range page {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	at := bytes.Index(lower, []byte("</head>"))
	if at < 0 {
		at = bytes.LastIndex(lower, []byte("</body>"))
	}
	if at < 0 {
		at = len(page)
	}
	out := make([]byte, 0, len(page)+len(scriptTag))
	out = append(out, page[:at]...)
	out = append(out, scriptTag...)
	return append(out, page[at:]...)
}

// events streams reload and problems events to one page until the page
// goes away, the page falls behind, or Close.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	if origin := r.Header.Get("Origin"); origin != "" && !s.sameSite(origin, r.Host) {
		http.Error(w, "live reload is only for pages of this site", http.StatusForbidden)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-cache")
	h.Set("X-Accel-Buffering", "no") // a proxy in front must not hold events back
	if r.Method == http.MethodHead {
		w.WriteHeader(http.StatusOK)
		return
	}
	rc := http.NewResponseController(w)
	// The stream outlives any write timeout the http.Server has; where
	// deadlines are not supported there is none to lift.
	_ = rc.SetWriteDeadline(time.Time{})

	ch := make(chan event, buffered)
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		http.Error(w, "the server is stopping", http.StatusServiceUnavailable)
		return
	}
	s.clients[ch] = struct{}{}
	problems := s.problems // read with the registration, so no event is missed or doubled
	s.mu.Unlock()
	defer s.drop(ch)

	w.WriteHeader(http.StatusOK)
	// retry: reconnect within a second when the server restarts.
	fmt.Fprint(w, ": waymark live reload\nretry: 1000\n\n")
	if problems != "" {
		writeEvent(w, event{"problems", problems})
	}
	if rc.Flush() != nil {
		return
	}
	tick := time.NewTicker(s.ping)
	defer tick.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return // dropped: Close, or too slow to keep up
			}
			err = writeEvent(w, ev)
		case <-tick.C:
			_, err = fmt.Fprint(w, ": ping\n\n")
		}
		if err != nil || rc.Flush() != nil {
			return // the page is gone
		}
	}
}

// sameSite reports whether an Origin header names this server. When any
// Host is accepted, only the request's own is: a page elsewhere has no
// business listening.
func (s *Server) sameSite(origin, host string) bool {
	h, ok := strings.CutPrefix(strings.ToLower(origin), "http://")
	if !ok {
		return false
	}
	if s.hosts == nil {
		return h == strings.ToLower(host)
	}
	return s.hosts[h]
}

// writeEvent writes one event. The data is JSON from encoding/json, which
// never contains a newline, so it fits on one data line.
func writeEvent(w http.ResponseWriter, ev event) error {
	_, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", ev.name, ev.data)
	return err
}

// drop forgets a page and closes its channel, unless that is done.
func (s *Server) drop(ch chan event) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.clients[ch]; ok {
		delete(s.clients, ch)
		close(ch)
	}
}

// sendLocked gives ev to every page; s.mu is held, so that the state and
// the last event every page got always agree. A page too slow to take it
// is dropped rather than waited for: its browser reconnects by itself.
func (s *Server) sendLocked(ev event) {
	for ch := range s.clients {
		select {
		case ch <- ev:
		default:
			delete(s.clients, ch)
			close(ch)
		}
	}
}

// Reload tells open pages that these output files were rewritten or
// removed (names as in the Memory: "journeys/buy/index.html",
// "css/waymark.css"), and ends a problems overlay. It is sent even when
// files is empty, so that pages showing problems reload.
func (s *Server) Reload(files []string) {
	msg := struct {
		Pages []string `json:"pages"`
		All   bool     `json:"all"`
	}{Pages: []string{}}
	seen := map[string]bool{}
	for _, f := range files {
		page := s.pageOf(f, files)
		if page == "" {
			msg.All = true
		} else if !seen[page] {
			seen[page] = true
			msg.Pages = append(msg.Pages, page)
		}
	}
	data, err := json.Marshal(msg)
	if err != nil {
		panic(err) // strings and a bool always marshal
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems = ""
	s.sendLocked(event{"reload", string(data)})
}

// pageOf is the URL path of the page an output file is, or "" when the
// file is not a page and any page may show it.
func (s *Server) pageOf(f string, files []string) string {
	switch {
	case strings.HasSuffix(f, "/index.html") || f == "index.html":
		return s.base + strings.TrimSuffix(f, "index.html")
	case strings.EqualFold(path.Ext(f), ".html"):
		return s.base + f
	case strings.EqualFold(path.Ext(f), ".json"), strings.EqualFold(path.Ext(f), ".csv"), strings.EqualFold(path.Ext(f), ".mmd"):
		// Data exports change on every save and no page includes them:
		// only a tab showing the file itself needs to reload.
		return s.base + f
	case path.Base(f) == "map.svg" && path.Dir(f) != ".":
		// A journey's map.svg is written with its page and only linked
		// from it, for download: it is that page's. A map.svg in a
		// folder with no page is a theme's picture like any other.
		index := path.Dir(f) + "/index.html"
		_, ok := s.site.File(index)
		for _, g := range files {
			ok = ok || g == index
		}
		if ok {
			return s.base + path.Dir(f) + "/"
		}
	}
	return ""
}

// problem is one diagnostic as the page's script reads it.
type problem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Hint    string `json:"hint"`
}

// Broken shows problems on every open page, and on pages opened later,
// until the next Reload. The page shows the last good version beneath.
// Thousands of problems of one kind (a channel renamed in site.toml) are
// grouped as in the terminal: a page of 8,000 list items helps no one.
func (s *Server) Broken(problems diag.List) {
	b := problems.Brief()
	list := make([]problem, 0, len(b.Shown)+len(b.Rest)+1)
	for _, d := range b.Shown {
		list = append(list, problem{File: d.Pos.File, Line: d.Pos.Line, Col: d.Pos.Col, Message: d.Msg, Hint: d.Hint})
	}
	for _, line := range b.Rest {
		list = append(list, problem{Message: line})
	}
	if b.Omitted > 0 {
		list = append(list, problem{Message: problems.Summary() + " in all; waymark check --all lists every one"})
	}
	// encoding/json escapes <, > and &, and never writes a raw newline:
	// the data is inert and fits one data line. The page still treats it
	// as text only.
	data, err := json.Marshal(list)
	if err != nil {
		panic(err) // strings and ints always marshal
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.problems = string(data)
	s.sendLocked(event{"problems", s.problems})
}

// Clients is how many pages listen for reloads (for tests that wait for
// a page to connect).
func (s *Server) Clients() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.clients)
}

// Close ends every event stream, so that http.Server.Shutdown need not
// wait for them, and refuses new ones. Pages keep retrying, and reload
// when a new server answers.
func (s *Server) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	for ch := range s.clients {
		delete(s.clients, ch)
		close(ch)
	}
}
