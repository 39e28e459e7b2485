package render

import (
	"reflect"
	"testing"
)

func TestInitials(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Dana Ortiz", "DO"},
		{"dana ortiz", "DO"},
		{"Dana María de la Cruz", "DC"},
		{"Dana", "D"},
		{"dana", "D"},
		{"", ""},
		{"   \t ", ""},
		{"  Ana\t Ruiz  ", "AR"},
		{"Łukasz Żak", "ŁŻ"},
		{"σοφία παπαδοπούλου", "ΣΠ"},
		{"Ñandú Ölmez Üzüm", "ÑÜ"},
		{"李 小龙", "李小"},
	}
	for _, tt := range tests {
		if got := initials(tt.name); got != tt.want {
			t.Errorf("initials(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTitleFunc(t *testing.T) {
	title, ok := funcs["title"].(func(string) string)
	if !ok {
		t.Fatalf("funcs[title] is %T", funcs["title"])
	}
	tests := []struct{ in, want string }{
		{"", ""},
		{"digital", "Digital"},
		{"Physical", "Physical"},
		{"goal-based", "Goal based"},
		{"day-in-the-life", "Day in the life"},
		{"pain_points", "Pain points"},
		{"élan", "Élan"},
		{"ąb", "Ąb"},
		{"-lead", " lead"},
	}
	for _, tt := range tests {
		if got := title(tt.in); got != tt.want {
			t.Errorf("title(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDict(t *testing.T) {
	tests := []struct {
		name    string
		args    []any
		want    map[string]any
		wantErr bool
	}{
		{"empty", nil, map[string]any{}, false},
		{"pairs", []any{"a", 1, "b", "x"}, map[string]any{"a": 1, "b": "x"}, false},
		{"odd count", []any{"a"}, nil, true},
		{"key not a string", []any{1, 2}, nil, true},
	}
	for _, tt := range tests {
		got, err := dict(tt.args...)
		if (err != nil) != tt.wantErr {
			t.Errorf("%s: err = %v, wantErr %v", tt.name, err, tt.wantErr)
		}
		if !tt.wantErr && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: dict = %v, want %v", tt.name, got, tt.want)
		}
	}
}
