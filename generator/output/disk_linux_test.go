package output

import (
	"os"
	"path/filepath"
	"testing"
)

// On Linux the folders trade places in one step.
func TestExchange(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, d := range []string{a, b} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(d, "name"), []byte(filepath.Base(d)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := exchange(a, b); err != nil {
		t.Skipf("this file system cannot exchange (the fallback is tested in TestRenameAside): %v", err)
	}
	for d, want := range map[string]string{a: "b", b: "a"} {
		if got, _ := os.ReadFile(filepath.Join(d, "name")); string(got) != want {
			t.Errorf("%s holds %q after the exchange, want %q", d, got, want)
		}
	}
	if err := exchange(a, filepath.Join(dir, "missing")); err == nil {
		t.Error("exchange with a missing folder succeeded")
	}
}
