// Package watch tells watch mode which of a site's files changed.
//
// Classify says what a changed path means to a build: content, the
// configuration, a layout, a static file, the theme in use, or nothing
// (editor junk, hidden files, the build's own output). It is pure, so
// that every editor's habit can be pinned down in a table test.
//
// A Watcher watches the site folder and every folder under it with
// fsnotify, including folders created later, and sends the paths that
// changed in batches: editors save in bursts (vim writes a test file
// named 4913, renames the original to a backup, writes the new file and
// deletes the backup), and one save should cause one rebuild. A batch ends
// once no event has come for the debounce time, or at the latest maxWait
// after its first event.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Kind is what a changed path means to a build.
type Kind int

// The kinds of change.
const (
	Ignore  Kind = iota // editor junk, hidden files, output, anything the build does not read
	Content             // content/**/*.md, or a folder under content/
	Config              // site.toml
	Layout              // layouts/**
	Static              // static/**
	Theme               // themes/<the theme in use>/**
)

func (k Kind) String() string {
	switch k {
	case Content:
		return "content"
	case Config:
		return "config"
	case Layout:
		return "layout"
	case Static:
		return "static"
	case Theme:
		return "theme"
	}
	return "ignore"
}

// Classify says what a change to rel (slash-separated, relative to the
// site root) means to a build of a site that uses theme.
//
// Under content/, a name without an extension counts as content too: it
// is most likely a folder that was created, renamed or deleted, and the
// builder treats it as "this path and everything under it".
func Classify(rel, theme string) Kind {
	rel = strings.TrimPrefix(path.Clean("/"+rel), "/")
	if rel == "" {
		return Ignore
	}
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return Ignore // hidden files and folders: .git, vim's .name.swp, emacs's .#name
		}
	}
	if junk(parts[len(parts)-1]) {
		return Ignore
	}
	switch parts[0] {
	case "site.toml":
		if len(parts) == 1 {
			return Config
		}
	case "content":
		if len(parts) == 1 {
			return Content
		}
		switch ext := strings.ToLower(path.Ext(rel)); ext {
		case ".md":
			return Content
		case "":
			return Content
		}
	case "layouts":
		return Layout
	case "static":
		return Static
	case "themes":
		if len(parts) > 1 && parts[1] == theme {
			return Theme
		}
	}
	return Ignore
}

// junk reports the names editors and systems write beside real files.
func junk(name string) bool {
	lower := strings.ToLower(name)
	for _, suffix := range []string{"~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crdownload", ".part"} {
		if strings.HasSuffix(lower, suffix) {
			return true
		}
	}
	switch {
	case name == "4913": // vim checks that it may write in a folder with this file
		return true
	case strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	case strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"): // JetBrains safe write
		return true
	case name == "Thumbs.db", name == "desktop.ini":
		return true
	}
	return false
}

// DefaultDebounce is how long a burst of events must be quiet before its
// batch is sent: long enough for an editor's save (microseconds apart),
// short enough not to be felt.
const DefaultDebounce = 10 * time.Millisecond

// maxWait bounds a batch, so that a stream of events that never pauses
// (a large checkout, a script writing many files) still rebuilds.
const maxWait = 250 * time.Millisecond

// Options configure a Watcher.
type Options struct {
	Theme    string        // the theme in use, for Classify
	Skip     []string      // folders never watched (slash paths from the root): the build's output
	Debounce time.Duration // quiet time that ends a batch; 0 means DefaultDebounce
}

// Batch is the paths that changed in one burst: slash-separated, relative
// to the site root, sorted, each once, and none that Classify ignores.
type Batch struct {
	Paths []string
}

// Kinds reports which kinds of change the batch holds.
func (b Batch) Kinds(theme string) map[Kind]bool {
	out := map[Kind]bool{}
	for _, p := range b.Paths {
		out[Classify(p, theme)] = true
	}
	return out
}

// Watcher watches a site folder.
type Watcher struct {
	root    string
	opts    Options
	fsw     *fsnotify.Watcher
	batches chan Batch
	errors  chan error
	done    chan struct{}
	stopped chan struct{}
	once    sync.Once
}

// New starts watching root, an OS path, and every folder under it except
// hidden ones and opts.Skip.
func New(root string, opts Options) (*Watcher, error) {
	if opts.Debounce <= 0 {
		opts.Debounce = DefaultDebounce
	}
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root: root, opts: opts, fsw: fsw,
		batches: make(chan Batch), errors: make(chan error, 16),
		done: make(chan struct{}), stopped: make(chan struct{}),
	}
	if err := w.addTree(root, nil); err != nil {
		fsw.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// Batches delivers the batches of changes. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems that do not stop watching: fsnotify's own
// errors, a folder that could not be watched. It is closed by Close.
func (w *Watcher) Errors() <-chan error { return w.errors }

// Close stops watching. It may be called more than once.
func (w *Watcher) Close() error {
	var err error
	w.once.Do(func() {
		close(w.done)
		err = w.fsw.Close()
		<-w.stopped
	})
	return err
}

// rel turns an OS path under the root into a slash path from it.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == "." || strings.HasPrefix(r, "..") {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// skipped reports a folder that is never watched.
func (w *Watcher) skipped(rel string) bool {
	if strings.HasPrefix(path.Base(rel), ".") {
		return true
	}
	for _, s := range w.opts.Skip {
		s = strings.Trim(s, "/")
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return true
		}
	}
	return false
}

// addTree watches dir and every folder under it. When found is not nil,
// the files already inside are added to it: a folder copied or moved in
// arrives with its files, which made no events of their own.
func (w *Watcher) addTree(dir string, found map[string]bool) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // gone while we looked
			}
			return err
		}
		rel, inside := w.rel(p)
		if inside && w.skipped(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if found != nil && inside {
				found[rel] = true
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.report(err)
		}
		return nil
	})
}

// report passes on an error without ever blocking the watcher.
func (w *Watcher) report(err error) {
	select {
	case w.errors <- err:
	default:
	}
}

func (w *Watcher) run() {
	defer close(w.stopped)
	defer close(w.errors)
	defer close(w.batches)
	pending := map[string]bool{}
	var quiet, limit <-chan time.Time
	for {
		select {
		case <-w.done:
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.report(err)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.handle(ev, pending) {
				continue
			}
			if limit == nil {
				limit = time.After(maxWait)
			}
			quiet = time.After(w.opts.Debounce)
		case <-quiet:
			quiet, limit = nil, nil
			w.send(pending)
			pending = map[string]bool{}
		case <-limit:
			quiet, limit = nil, nil
			w.send(pending)
			pending = map[string]bool{}
		}
	}
}

// handle notes the paths an event changed; it reports whether any of
// them matters to a build.
func (w *Watcher) handle(ev fsnotify.Event, pending map[string]bool) bool {
	if ev.Op == fsnotify.Chmod {
		return false // editors and indexers touch attributes all the time
	}
	rel, ok := w.rel(ev.Name)
	if !ok || w.skipped(rel) {
		return false
	}
	relevant := false
	add := func(p string) {
		if Classify(p, w.opts.Theme) != Ignore {
			pending[p] = true
			relevant = true
		}
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			found := map[string]bool{}
			if err := w.addTree(ev.Name, found); err != nil {
				w.report(err)
			}
			for p := range found {
				add(p)
			}
		}
	}
	// A removed or renamed folder's watch goes with it (fsnotify drops
	// it); its path is reported, and the builder forgets what was under
	// it. If it comes back, its Create event watches it again.
	add(rel)
	return relevant
}

func (w *Watcher) send(pending map[string]bool) {
	if len(pending) == 0 {
		return
	}
	paths := make([]string, 0, len(pending))
	for p := range pending {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	select {
	case w.batches <- Batch{Paths: paths}:
	case <-w.done:
	}
}
