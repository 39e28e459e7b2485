// Package urlpolicy is the one rule for every URL a site can hold: links
// and images in Markdown bodies, a persona's photo and an evidence url in
// front matter, base_url and edit_url in site.toml. Each of those callers
// asks Classify and builds its message and hint from the Verdict, so a URL
// is judged, and a refusal explained, the same wherever it is written.
//
// A URL is allowed when it is
//
//   - relative: a path ("img/dana.jpg", "./a", "../personas/dana/",
//     "/journeys/buy/"), a "#fragment", a "?query", or empty (this page);
//     a colon after the first "/", "?" or "#" is part of the path;
//   - http:// or https:// followed by a host;
//   - mailto: followed by an address.
//
// Everything else is refused:
//
//   - "//host/path" (and "///x", "\\host", "/\host": browsers read a
//     backslash as a slash): a protocol-relative URL takes the scheme of
//     the page it is on. A site published on a web server would send it
//     to https://host/path, but the same site opened from a file share or
//     a copied folder sends it to file://host/path, a file on the
//     reader's network. It also leaves the site while looking like a path
//     on it. Writing the scheme costs six characters and says what is
//     meant.
//   - "http:" or "https:" without "//" and a host, and "mailto:" without
//     an address: browsers guess at them (https:x is https://x/), and a
//     guess is not what the author meant.
//   - every other scheme. javascript: and vbscript: run code in the
//     reader's browser; data: carries a document or script of its own;
//     file: opens a file on the reader's computer, which a published site
//     cannot count on. tel:, ftp: and the rest are harmless or useless,
//     but an allow-list stays short: a journey map links to pages and
//     people, and a phone number written as text can be read, copied and
//     dialled on any device (desktop browsers on an intranet often have
//     nothing to open tel: with).
//
// The URL is judged as a browser will read it, since that is what runs:
// HTML character references are decoded ("&#106;avascript:"), leading
// blanks and control characters trimmed, tabs and line breaks anywhere
// dropped ("java\tscript:"), and the scheme compared in any case.
package urlpolicy

import (
	"fmt"
	"html"
	"strings"
)

// Kind is what the policy makes of a URL.
type Kind int

const (
	// Refused URLs must not appear in a page; Verdict.Reason says why.
	Refused Kind = iota
	// Relative URLs stay on the site: a path, "#fragment", "?query", or "".
	Relative
	// Web URLs are http:// or https:// with a host.
	Web
	// Mail URLs are mailto: with an address.
	Mail
)

// Verdict is the policy's judgement of one URL.
type Verdict struct {
	Kind Kind
	// URL is the URL as written; Read is what a browser reads of it
	// (character references decoded, blanks and control characters
	// dropped).
	URL, Read string
	// Reason says why a refused URL is refused and Hint how to write it
	// instead; both are empty when it is allowed.
	Reason, Hint string
}

// Allowed reports whether the URL may appear in a page.
func (v Verdict) Allowed() bool { return v.Kind != Refused }

// Message is the one wording of a refusal, for what holds the URL
// ("link", "photo", "url"): `link "//evil.example/a" is not allowed: …`.
func (v Verdict) Message(what string) string {
	return fmt.Sprintf("%s %q is not allowed: %s", what, v.URL, v.Reason)
}

// Classify judges a URL.
func Classify(raw string) Verdict {
	u := read(raw)
	v := Verdict{URL: raw, Read: u}
	refuse := func(hint, reason string, args ...any) Verdict {
		v.Kind, v.Hint, v.Reason = Refused, hint, fmt.Sprintf(reason, args...)
		return v
	}
	if len(u) >= 2 && isSlash(u[0]) && isSlash(u[1]) {
		hint := "write the scheme, e.g. https://host/path"
		if host := strings.TrimLeft(u, `/\`); host != "" {
			hint = "write the scheme: https://" + host
		}
		return refuse(hint,
			"a URL that begins with // takes the page's scheme, which is file:// when the site is opened from a folder, and leaves the site")
	}
	colon := strings.IndexByte(u, ':')
	if colon < 0 || strings.ContainsAny(u[:colon], "/?#") {
		v.Kind = Relative
		return v
	}
	scheme, rest := strings.ToLower(u[:colon]), u[colon+1:]
	switch scheme {
	case "http", "https":
		if !strings.HasPrefix(rest, "//") || host(rest[2:]) == "" {
			return refuse("write the full address, e.g. https://example.org/page",
				"an %s: URL needs // and a host", scheme)
		}
		v.Kind = Web
	case "mailto":
		if addr, _, _ := strings.Cut(rest, "?"); strings.TrimSpace(addr) == "" {
			return refuse("write the address, e.g. mailto:cx@example.org", "a mailto: URL needs an address")
		}
		v.Kind = Mail
	case "javascript", "vbscript":
		return refuse(anotherHint, "a %s: URL runs code in the reader's browser", scheme)
	case "data":
		return refuse("put the file under static/ and give its path", "a data: URL carries a document of its own, which can run script")
	case "file":
		return refuse("put the file under static/ and give its path, or give its http(s):// address",
			"a file: URL opens a file on the reader's own computer, which a published site cannot count on")
	case "tel":
		return refuse("write the number as text", "tel: is not among the schemes a site links to (http, https, mailto)")
	default:
		hint := anotherHint
		if len(scheme) == 1 && rest != "" && isSlash(rest[0]) { // c:\temp\a.pdf
			hint = "a drive letter names a file on one computer: put the file under static/ and give its path"
		} else if !strings.HasPrefix(rest, "/") {
			// "a:b" may be a file name with a colon in it.
			hint += fmt.Sprintf("; if it is a path, write %q", "./"+u)
		}
		return refuse(hint, "%q is not among the schemes a site links to (http, https, mailto)", u[:colon+1])
	}
	return v
}

const anotherHint = "link to an http(s):// or mailto: address, or to a path on the site"

// blanks are what browsers trim from the start of a URL: C0 controls and
// the space.
const blanks = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\v\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "

// read is a URL as a browser reads it.
func read(u string) string {
	// Markdown renderers decode character references in a destination
	// ("&#106;avascript:"), and a browser decodes them in an attribute.
	u = html.UnescapeString(u)
	u = strings.TrimLeft(u, blanks)
	// Browsers drop tabs and line breaks anywhere ("java\tscript:").
	if strings.ContainsAny(u, "\t\n\r") {
		u = strings.Map(dropBlank, u)
	}
	return u
}

// dropBlank drops the tabs and line breaks that browsers ignore inside a
// URL (strings.Map's way of deleting a rune is to return -1).
func dropBlank(r rune) rune {
	if r == '\t' || r == '\n' || r == '\r' {
		return -1
	}
	return r
}

// isSlash: browsers read a backslash in an http(s) or file URL as a slash.
func isSlash(c byte) bool { return c == '/' || c == '\\' }

// host is the host in an authority and what follows it ("user@host:443/x"
// gives "host"), or "" when there is none.
func host(s string) string {
	if end := strings.IndexAny(s, `/?#\`); end >= 0 {
		s = s[:end]
	}
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[at+1:]
	}
	if ip, ok := strings.CutPrefix(s, "["); ok { // an IPv6 address, with its colons
		ip, _, closed := strings.Cut(ip, "]")
		if !closed {
			return ""
		}
		return ip
	}
	if colon := strings.IndexByte(s, ':'); colon >= 0 {
		s = s[:colon]
	}
	return s
}
