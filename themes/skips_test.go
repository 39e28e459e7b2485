package themes_test

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// The browser, accessibility and HTML validity tests need tools that a
// plain Go machine lacks (chromium, Java, two npm packages). Without them
// they skip, unless WAYMARK_BROWSER_TESTS=require (CI) makes that a
// failure. A skip must not pass unnoticed, and go test prints nothing of a
// package that passes but its "ok" line, not even what TestMain prints.
// So TestMain writes one line about the skips to the terminal itself, as
// well as to the test output (seen with -v and on failure), and the run is
// kept out of go test's cache (skipMarker), so that the next run looks for
// the tools again and says so again.

// toolSkips collects why tests were skipped for want of a tool.
type toolSkips struct {
	mu      sync.Mutex
	tests   int
	reasons []string
}

var skippedForTools toolSkips

// skipOrFail skips the test for want of a tool, noting why, or fails it
// when the tools are required.
func skipOrFail(t *testing.T, msg string) {
	t.Helper()
	if required() {
		t.Fatal(msg)
	}
	skippedForTools.add(msg)
	if f, err := os.OpenFile(skipMarker, os.O_RDONLY|os.O_CREATE, 0o644); err == nil {
		f.Close()
	}
	t.Skip(msg)
}

func (s *toolSkips) add(reason string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tests++
	if !slices.Contains(s.reasons, reason) {
		s.reasons = append(s.reasons, reason)
	}
}

// summary is the line that says what was skipped and why, "" when
// nothing was.
func (s *toolSkips) summary() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tests == 0 {
		return ""
	}
	noun := "tests"
	if s.tests == 1 {
		noun = "test"
	}
	return fmt.Sprintf("waymark/themes: %d browser, accessibility or HTML %s skipped: %s (set up: README.md, \"The two commands\")",
		s.tests, noun, strings.Join(s.reasons, "; "))
}

// report prints the summary to out and to the terminal, and renews the
// skip marker. It does nothing when no test was skipped.
func (s *toolSkips) report(out io.Writer) {
	line := s.summary()
	if line == "" {
		return
	}
	fmt.Fprintln(out, line)
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		fmt.Fprintln(tty, line)
		tty.Close()
	}
	os.WriteFile(skipMarker, []byte(time.Now().Format(time.RFC3339Nano)), 0o644)
}

// skipMarker is a file whose only use is to keep a run that skipped
// tests out of go test's cache, which would otherwise answer "ok
// (cached)" even after the tools are installed: go test looks only at the
// files in the module that a run opened, and does not cache a run that
// opened one modified in the two seconds before it looks (cmd/go's
// modTimeCutoff). A test that skips opens the file, which go test's log
// of the inputs records (the log ends when m.Run returns), and TestMain
// writes it again on its way out. It is git-ignored.
const skipMarker = "testdata/skipped-run"

func TestSkipSummary(t *testing.T) {
	for _, tc := range []struct {
		name  string
		skips []string
		want  string
	}{
		{"none", nil, ""},
		{"one", []string{"chromium is not installed"}, "1 browser, accessibility or HTML test skipped: chromium is not installed ("},
		{"the same reason twice, and another", []string{"no java", "no axe", "no java"}, "3 browser, accessibility or HTML tests skipped: no java; no axe ("},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var s toolSkips
			for _, r := range tc.skips {
				s.add(r)
			}
			got := s.summary()
			if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
				t.Errorf("summary = %q, want it to hold %q", got, tc.want)
			}
		})
	}
}
