// Package watch tells watch mode which of a site's files changed.
//
// Classify says what a changed path means to a build: content, the
// configuration, a layout, a static file, the theme in use, or nothing
// (editor junk, hidden files, the build's own output). It is pure, so
// that every editor's habits can be pinned down in a table test.
//
// A Watcher watches the site folder and every folder under it with
// fsnotify, except hidden folders and the ones it is told to skip (the
// build output, so that writing it does not start another build). Folders
// created later are watched as soon as their Create event arrives, and
// the files already inside them are reported, since those files were
// written before the watch and made no events of their own. A folder that
// is deleted or renamed loses its watches, and its path is reported: the
// builder forgets everything under it.
//
// Changes come in batches, because editors save in bursts: vim writes a
// test file named 4913, renames the original to a backup, writes the new
// file and deletes the backup; others write a temporary file and rename it
// over the original. A batch is ready once no event has come for the
// debounce time, or at the latest maxWait after its first event, so that
// a stream of changes that never pauses still rebuilds. While the reader
// is busy (building), later changes join the batch that waits for it.
package watch

import (
	"errors"
	"fmt"
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
	Content             // content/**/*.md, data/kpis/**/*.csv, or a folder under content/ or data/kpis/
	Config              // site.toml
	Layout              // layouts/**
	Static              // static/**
	Theme               // themes/<the theme in use>/**
)

func (k Kind) String() string {
	switch k {
	case Ignore:
		return "ignore"
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
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Classify says what a change to rel (slash-separated, relative to the
// site root, as the Watcher reports it) means to a build of a site that
// uses theme.
//
// Under content/, a name without an extension counts as content: it is
// most likely a folder that was created, renamed or deleted, and the
// builder treats it as "this path and everything under it". Any segment
// that begins with "." hides the path, "." and ".." included.
func Classify(rel, theme string) Kind {
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return Ignore // .git, vim's .name.swp, emacs's .#name lock
		}
	}
	name := parts[len(parts)-1]
	if rel == "" || junk(name) {
		return Ignore
	}
	switch parts[0] {
	case "site.toml":
		if len(parts) == 1 {
			return Config
		}
	case "content":
		if len(parts) == 1 {
			return Content // the whole folder
		}
		if ext := strings.ToLower(path.Ext(name)); ext == ".md" || ext == "" {
			return Content
		}
	case "data":
		// KPI data files are content: the builder reads the changed ones
		// again and renders the maps they measure.
		if len(parts) == 1 || len(parts) == 2 && parts[1] == "kpis" {
			return Content // the folder
		}
		if ext := strings.ToLower(path.Ext(name)); parts[1] == "kpis" && (ext == ".csv" || ext == "") {
			return Content
		}
	case "layouts":
		return Layout
	case "static":
		return Static
	case "themes":
		if theme != "" && (len(parts) == 1 || parts[1] == theme) {
			return Theme
		}
	}
	return Ignore
}

// junk reports a base name that no build should read: the files that
// editors, browsers and file managers write beside real ones.
func junk(name string) bool {
	lower := strings.ToLower(name)
	// Backups, swap files, temporary and partly downloaded files.
	for _, s := range []string{"~", ".swp", ".swo", ".swx", ".tmp", ".bak", ".orig", ".crdownload", ".part"} {
		if strings.HasSuffix(lower, s) {
			return true
		}
	}
	switch {
	case name == "4913": // vim checks that it may write in a folder by creating this file
		return true
	case strings.HasPrefix(name, "~$"): // Excel and Word's owner file beside an open one ("~$kpis.csv")
		return true
	case len(name) >= 2 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"): // emacs auto-save
		return true
	case strings.Contains(name, "___jb_tmp___"), strings.Contains(name, "___jb_old___"): // JetBrains safe write
		return true
	case name == ".DS_Store", name == "Thumbs.db": // Finder, Explorer
		return true
	}
	return false
}

// DefaultDebounce is how long a burst of events must be quiet before its
// batch is ready: longer than the gaps within an editor's save
// (microseconds), too short for a person to notice.
const DefaultDebounce = 10 * time.Millisecond

// maxWait bounds a batch: it is ready at the latest this long after its
// first event, so that a stream of changes that never pauses (a checkout,
// a script writing many files) still rebuilds as it goes.
const maxWait = 250 * time.Millisecond

// Options configure a Watcher.
type Options struct {
	Theme    string        // the theme in use, for Classify
	Skip     []string      // folders never watched (slash paths from the root, or OS paths): the build output
	Debounce time.Duration // quiet time that ends a burst; 0 means DefaultDebounce
}

// Batch is the changes of one burst.
type Batch struct {
	Paths []string      // slash-separated, relative to the root, sorted, each once, none that Classify ignores
	Kinds map[Kind]bool // the kinds of Paths
}

// Only reports whether k is the only kind of change in the batch: with
// Only(Content), watch mode reloads the changed content and keeps the
// configuration, layouts and static files it has.
func (b Batch) Only(k Kind) bool { return len(b.Kinds) == 1 && b.Kinds[k] }

// add inserts p in order, so that a batch is ready to send at any time.
func (b *Batch) add(p string, k Kind) {
	if i, found := slices.BinarySearch(b.Paths, p); !found {
		b.Paths = slices.Insert(b.Paths, i, p)
	}
	if b.Kinds == nil {
		b.Kinds = map[Kind]bool{}
	}
	b.Kinds[k] = true
}

// Watcher watches a site folder. Close it when done.
type Watcher struct {
	root     string
	theme    string
	skip     []string // cleaned slash paths from the root
	debounce time.Duration
	fsw      *fsnotify.Watcher
	dirs     map[string]bool // watched folders (OS paths); used by New, then only by run

	batches chan Batch
	errs    chan error
	done    chan struct{} // closed by Close
	stopped chan struct{} // closed when run has returned
	once    sync.Once
}

// New starts watching root, an OS path, and every folder under it except
// hidden ones and opts.Skip. It fails when root cannot be watched;
// folders under it that cannot be are reported on Errors.
func New(root string, opts Options) (*Watcher, error) {
	root, err := filepath.Abs(root)
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		root: root, theme: opts.Theme, debounce: opts.Debounce,
		dirs:    map[string]bool{},
		batches: make(chan Batch),
		errs:    make(chan error, 16),
		done:    make(chan struct{}), stopped: make(chan struct{}),
	}
	if w.debounce <= 0 {
		w.debounce = DefaultDebounce
	}
	for _, s := range opts.Skip {
		if filepath.IsAbs(s) {
			if s, err = filepath.Rel(root, s); err != nil {
				continue
			}
		}
		s = path.Clean(filepath.ToSlash(s))
		if s == "." || s == ".." || strings.HasPrefix(s, "../") {
			continue // not a folder inside the site; skipping the root would watch nothing
		}
		w.skip = append(w.skip, s)
	}
	if w.fsw, err = fsnotify.NewWatcher(); err != nil {
		return nil, err
	}
	if err := w.watchTree(root, nil); err != nil {
		w.fsw.Close()
		return nil, err
	}
	go w.run()
	return w, nil
}

// Batches delivers the batches of changes. Close closes it.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems that do not stop watching: fsnotify's own
// errors, a folder that could not be watched. Errors nobody reads are
// dropped once 16 wait, rather than stall the watch. Close closes it.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes both channels. Calling it again does
// nothing.
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
	if err != nil || r == "." || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// skipped reports a path in a folder that is never watched. Only the
// last segment is checked for being hidden: no folder above it is
// watched if one is.
func (w *Watcher) skipped(rel string) bool {
	if strings.HasPrefix(path.Base(rel), ".") {
		return true
	}
	for _, s := range w.skip {
		if rel == s || strings.HasPrefix(rel, s+"/") {
			return true
		}
	}
	return false
}

// note adds rel to b unless Classify ignores it, and reports whether it
// did.
func (w *Watcher) note(b *Batch, rel string) bool {
	k := Classify(rel, w.theme)
	if k == Ignore {
		return false
	}
	b.add(rel, k)
	return true
}

// watchTree watches dir and every folder under it. When b is not nil,
// the files already inside are noted in it. It fails only when dir
// itself cannot be watched; trouble below it goes to Errors.
func (w *Watcher) watchTree(dir string, b *Batch) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d == nil && p == dir {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) { // else gone while we looked
				w.report(err)
			}
			return nil
		}
		rel, inside := w.rel(p)
		if inside && w.skipped(rel) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			if b != nil && inside {
				w.note(b, rel)
			}
			return nil
		}
		if err := w.fsw.Add(p); err != nil {
			if p == dir {
				return err
			}
			if !errors.Is(err, fs.ErrNotExist) {
				w.report(err)
			}
			return filepath.SkipDir
		}
		w.dirs[p] = true
		return nil
	})
}

// unwatch drops the watches of dir and every folder under it, once dir
// is deleted or renamed. For a deleted folder the kernel has dropped
// them already; for a renamed one it has not, and fsnotify would go on
// naming its events by the old path.
func (w *Watcher) unwatch(dir string) {
	if !w.dirs[dir] {
		return
	}
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			w.fsw.Remove(d) // fails when the kernel has dropped it: nothing to do
			delete(w.dirs, d)
		}
	}
}

// report passes on an error without ever stalling the watch.
func (w *Watcher) report(err error) {
	select {
	case w.errs <- err:
	default:
	}
}

func (w *Watcher) run() {
	defer close(w.stopped)
	defer close(w.errs)
	defer close(w.batches)
	var (
		pending      Batch
		quiet, limit <-chan time.Time // end of the burst; its bound
		out          chan<- Batch     // w.batches once pending is ready, else nil
	)
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
			if !w.handle(ev, &pending) {
				continue
			}
			if out == nil && limit == nil {
				limit = time.After(maxWait) // the first event of a burst
			}
			if limit != nil { // the burst goes on: wait for quiet again
				out, quiet = nil, time.After(w.debounce)
			}
		case <-quiet:
			quiet, out = nil, w.batches
		case <-limit:
			quiet, limit, out = nil, nil, w.batches
		case out <- pending:
			pending, quiet, limit, out = Batch{}, nil, nil, nil
		}
	}
}

// handle notes the paths an event changed in b, and reports whether any
// of them matters to a build.
func (w *Watcher) handle(ev fsnotify.Event, b *Batch) bool {
	if ev.Op&(fsnotify.Create|fsnotify.Write|fsnotify.Remove|fsnotify.Rename) == 0 {
		return false // chmod only: editors and indexers touch attributes all the time
	}
	rel, ok := w.rel(ev.Name)
	if !ok || w.skipped(rel) {
		return false
	}
	relevant := false
	if ev.Op&(fsnotify.Remove|fsnotify.Rename) != 0 {
		w.unwatch(ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			before := len(b.Paths)
			if err := w.watchTree(ev.Name, b); err != nil && !errors.Is(err, fs.ErrNotExist) {
				w.report(err)
			}
			relevant = len(b.Paths) > before
		}
	}
	return w.note(b, rel) || relevant
}
