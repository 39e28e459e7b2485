package tomldoc

import (
	"testing"

	"github.com/BurntSushi/toml"
)

// Quote's output reads back as the same string.
func TestQuote(t *testing.T) {
	for _, s := range []string{"", "plain", `a "quoted" \ path`, "tab\tnew\nline\rreturn", "\x00\x1f\x7f", "ünïcödé ✓ 日本", "#not a comment", "'single'"} {
		var v struct{ K string }
		if _, err := toml.Decode("k = "+Quote(s), &v); err != nil {
			t.Errorf("Quote(%q) = %s: %v", s, Quote(s), err)
			continue
		}
		if v.K != s {
			t.Errorf("Quote(%q) reads back as %q", s, v.K)
		}
	}
}
