// Package output is the one place a build's files pass through on their
// way out: Writer minifies them by type and counts them, and a Target
// stores them, in a folder on disk (Dir), in memory (Memory) or nowhere
// (Discard, for checks).
//
// Publish makes a disk build atomic: the site is written to a fresh
// folder beside the destination and swapped in only when the whole build
// succeeded (on Linux by exchanging the two folders in one step), so a
// failed build leaves the previous site exactly as it was and files from
// earlier builds never linger.
package output

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
)

// Target stores output files. Names are slash-separated paths relative to
// the site root.
type Target interface {
	WriteFile(name string, data []byte) error
}

// Remover is a Target that can also delete a file, for rebuilds that
// drop pages (a journey deleted or renamed in watch mode).
type Remover interface {
	Target
	Remove(name string) error
}

// Writer sends files to a Target, minified when asked. It is safe for
// concurrent use.
type Writer struct {
	target Target
	min    *minify.M // nil: write files as they are

	mu    sync.Mutex
	files int
	bytes int64
}

// NewWriter returns a Writer to target.
func NewWriter(target Target, minified bool) *Writer {
	w := &Writer{target: target}
	if minified {
		m := minify.New()
		m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
		m.AddFunc("text/css", css.Minify)
		m.AddFunc("image/svg+xml", svg.Minify)
		m.AddFuncRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), js.Minify)
		m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
		w.min = m
	}
	return w
}

// MediaType is the type of a file as the build knows it, from its
// extension in any case (a static "Logo.SVG" is still an SVG); "" for
// anything it does not minify.
func MediaType(name string) string {
	switch strings.ToLower(path.Ext(name)) {
	case ".html":
		return "text/html"
	case ".css":
		return "text/css"
	case ".js":
		return "text/javascript"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	}
	return ""
}

// Write minifies data by its type (when the Writer minifies) and stores it.
func (w *Writer) Write(name string, data []byte) error {
	if mt := MediaType(name); w.min != nil && mt != "" {
		var buf bytes.Buffer
		if err := w.min.Minify(mt, &buf, bytes.NewReader(data)); err != nil {
			return fmt.Errorf("minifying %s: %w", name, err)
		}
		data = buf.Bytes()
	}
	if err := w.target.WriteFile(name, data); err != nil {
		return err
	}
	w.mu.Lock()
	w.files++
	w.bytes += int64(len(data))
	w.mu.Unlock()
	return nil
}

// Stats returns how many files and bytes were written.
func (w *Writer) Stats() (files int, bytes int64) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.files, w.bytes
}

// Memory keeps files in memory; the review server serves from it. A
// file it was given on disk (LinkFile: a page the build cache kept) is
// read when it is first asked for, so that the server starts serving a
// big site from a warm cache at once rather than after reading all of it.
type Memory struct {
	mu     sync.RWMutex
	files  map[string][]byte
	linked map[string]string // name → the file on disk that holds it
}

// NewMemory returns an empty Memory.
func NewMemory() *Memory { return &Memory{files: map[string][]byte{}, linked: map[string]string{}} }

// WriteFile stores a copy of data.
func (m *Memory) WriteFile(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.files[name] = bytes.Clone(data)
	delete(m.linked, name)
	return nil
}

// Remove drops a file.
func (m *Memory) Remove(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.files, name)
	delete(m.linked, name)
	return nil
}

// File returns a stored file. The slice is shared: callers must not
// change it (WriteFile replaces a file, it never writes into one). A
// linked file that can no longer be read (the cache was cleared) is not
// there.
func (m *Memory) File(name string) ([]byte, bool) {
	m.mu.RLock()
	data, ok := m.files[name]
	src, linked := m.linked[name]
	m.mu.RUnlock()
	if ok || !linked {
		return data, ok
	}
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.linked[name] == src { // not written or removed meanwhile
		m.files[name] = data
		delete(m.linked, name)
	}
	return data, true
}

// Names lists the stored files in order.
func (m *Memory) Names() []string {
	m.mu.RLock()
	defer m.mu.RUnlock()
	names := make([]string, 0, len(m.files)+len(m.linked))
	for n := range m.files {
		names = append(names, n)
	}
	for n := range m.linked {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Discard drops every file.
type Discard struct{}

// WriteFile does nothing.
func (Discard) WriteFile(string, []byte) error { return nil }
