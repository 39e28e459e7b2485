package output

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// removeTree removes dir and everything in it, as os.RemoveAll does, but
// with the files removed by a pool of removers: the site a build
// replaces is removed before the build returns, and one file after
// another (42,000 at 10,000 journeys) it waited on the disk for longer
// than rendering took. Whatever the pool leaves (a file it could not
// remove) os.RemoveAll then tries, and reports.
func removeTree(dir string) error {
	var files []string
	var dirs [][]string // by depth: dirs[0] is dir itself
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			files = append(files, p)
			return nil
		}
		depth := 0
		if rel, _ := filepath.Rel(dir, p); rel != "." {
			depth = strings.Count(rel, string(filepath.Separator)) + 1
		}
		for len(dirs) <= depth {
			dirs = append(dirs, nil)
		}
		dirs[depth] = append(dirs[depth], p)
		return nil
	})
	if err == nil {
		inParallel(files, os.Remove)
		// The deepest folders first: a folder is empty once its
		// files and folders are gone.
		for depth := len(dirs) - 1; depth > 0; depth-- {
			inParallel(dirs[depth], os.Remove)
		}
	}
	return os.RemoveAll(dir)
}

// inParallel calls f with each of names on publishWriters goroutines,
// ignoring its errors (removeTree's os.RemoveAll reports what is left).
func inParallel(names []string, f func(string) error) {
	next := make(chan string)
	var wg sync.WaitGroup
	for range min(publishWriters, len(names)) {
		wg.Go(func() {
			for n := range next {
				f(n)
			}
		})
	}
	for _, n := range names {
		next <- n
	}
	close(next)
	wg.Wait()
}
