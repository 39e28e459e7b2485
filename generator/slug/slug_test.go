package slug

import "testing"

func TestMake(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain word", "research", "research"},
		{"upper case", "Research", "research"},
		{"spaces", "Buying a bike", "buying-a-bike"},
		{"runs of spaces and tabs", "Buying \t  a\n bike", "buying-a-bike"},
		{"punctuation run", "Research -- & compare!!", "research-compare"},
		{"hyphens kept single", "day-in-the-life", "day-in-the-life"},
		{"underscores", "snake_case_name", "snake-case-name"},
		{"leading and trailing junk", "  --(Checkout)!?  ", "checkout"},
		{"apostrophe", "Dana's bike", "danas-bike"},
		{"typographic apostrophe", "Dana’s bike", "danas-bike"},
		{"apostrophe alone between spaces", "rock ' roll", "rock-roll"},
		{"accented letters kept", "Café Crème", "café-crème"},
		{"polish", "Łukasz Żak", "łukasz-żak"},
		{"greek", "Σοφία", "σοφία"},
		{"cjk", "購入 手続き", "購入-手続き"},
		{"combining accent (NFD) stays with its letter", "Cafe\u0301 run", "cafe\u0301-run"},
		{"devanagari vowel signs and virama", "हिन्दी सेवा", "हिन्दी-सेवा"},
		{"combining mark after punctuation is not a word", "a \u0301b", "a-b"},
		{"digits", "Step 2 of 10", "step-2-of-10"},
		{"only digits", "2024", "2024"},
		{"non-ascii digits", "٣ steps", "٣-steps"},
		{"file name with extension", "buying-a-bike.md", "buying-a-bike-md"},
		{"slashes", "journeys/purchase", "journeys-purchase"},
		{"emoji dropped", "🚲 Bike 🚲", "bike"},
		{"already a slug", "web", "web"},
		{"empty", "", ""},
		{"only junk", "!!! ---", ""},
		{"only apostrophes", "'’'", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Make(tt.in)
			if got != tt.want {
				t.Errorf("Make(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Make(got); again != got {
				t.Errorf("Make is not idempotent: Make(%q) = %q", got, again)
			}
			if got != "" && !Valid(got) {
				t.Errorf("Valid(Make(%q)) = false for %q", tt.in, got)
			}
		})
	}
}

func TestValid(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"web", true},
		{"buying-a-bike", true},
		{"step-2", true},
		{"2024", true},
		{"café-crème", true},
		{"हिन्दी", true},
		{"", false},
		{"Web", false},
		{"buying a bike", false},
		{"-web", false},
		{"web-", false},
		{"web--app", false},
		{"web_app", false},
		{"dana's", false},
		{"a.b", false},
		{"../x", false},
		{"\u0301a", false},
	}
	for _, tt := range tests {
		if got := Valid(tt.in); got != tt.want {
			t.Errorf("Valid(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
