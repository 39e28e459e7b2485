package output

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// Files written through a parallelDir land whole, each with the data it
// had when WriteFile returned, though the caller reuses its buffer.
func TestParallelDir(t *testing.T) {
	dest := t.TempDir()
	p := newParallelDir(newFreshDir(dest), 4)
	var wg sync.WaitGroup
	for g := range 3 {
		wg.Go(func() {
			buf := make([]byte, 0, 64)
			for i := range 200 {
				buf = fmt.Appendf(buf[:0], "page %d of writer %d", i, g)
				if err := p.WriteFile(fmt.Sprintf("w%d/j%03d/index.html", g, i), buf); err != nil {
					t.Error(err)
				}
				copy(buf, "overwritten after WriteFile returned")
			}
		})
	}
	big := make([]byte, queuedLimit+1) // written at once, not queued
	if err := p.WriteFile("w0/big.json", big); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if err := p.Wait(); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dest, "w0/big.json")); err != nil || st.Size() != int64(len(big)) {
		t.Errorf("big file: %v, %v", st, err)
	}
	for g := range 3 {
		for i := range 200 {
			got, err := os.ReadFile(filepath.Join(dest, fmt.Sprintf("w%d/j%03d/index.html", g, i)))
			if want := fmt.Sprintf("page %d of writer %d", i, g); err != nil || string(got) != want {
				t.Fatalf("w%d/j%03d: %q, %v; want %q", g, i, got, err, want)
			}
		}
	}
	if err := p.WriteFile("late.html", []byte("x")); !errors.Is(err, errWritesClosed) {
		t.Errorf("WriteFile after Wait: %v, want %v", err, errWritesClosed)
	}
}

// A file that cannot be written fails the build: Wait returns the error,
// later writes return it at once, and Publish leaves dest as it was.
func TestParallelDirFailure(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if err := Publish(dest, false, func(tg Target) error {
		return tg.WriteFile("index.html", []byte("first site"))
	}); err != nil {
		t.Fatal(err)
	}
	var later error
	err := Publish(dest, false, func(tg Target) error {
		if err := tg.WriteFile("a", []byte("a file")); err != nil {
			return err
		}
		// "a" is a file, so "a/b.html" cannot be written. The failure may
		// come back here, from a later write, or from Publish's wait.
		tg.WriteFile("a/b.html", []byte("x"))
		for i := range 1000 {
			if later = tg.WriteFile(fmt.Sprintf("p%d.html", i), []byte("x")); later != nil {
				break
			}
		}
		return nil
	})
	if err == nil {
		t.Fatal("Publish succeeded with a file that could not be written")
	}
	if got, _ := os.ReadFile(filepath.Join(dest, "index.html")); string(got) != "first site" {
		t.Errorf("index.html = %q after a failed build, want the first site's", got)
	}
	t.Logf("error: %v; a later write returned: %v", err, later)
}
