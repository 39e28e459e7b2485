package markdown

import (
	"reflect"
	"testing"
)

func TestTables(t *testing.T) {
	src := "Intro\n\n# Buying a *bike*\n\n" +
		"| Stage | Awareness | Purchase \\| pay |\n" +
		"|---|:--:|---|\n" +
		"| Actions | Sees an **ad**<br>Asks a friend | [Pays](https://x.example) `now` |\n" +
		"| Emotion | 1 |\n" +
		"\n# Second title\n\n| a |\n|---|\n| b |\n"
	tables, title := Tables([]byte(src))
	if title != "Buying a bike" {
		t.Errorf("title = %q", title)
	}
	if len(tables) != 2 {
		t.Fatalf("got %d tables, want 2", len(tables))
	}
	var got [][]string
	for _, r := range tables[0].Rows {
		var row []string
		for _, c := range r.Cells {
			row = append(row, c.Text)
		}
		got = append(got, row)
	}
	want := [][]string{
		{"Stage", "Awareness", "Purchase | pay"},
		{"Actions", "Sees an ad\nAsks a friend", "Pays now"},
		{"Emotion", "1", ""},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cells = %q, want %q", got, want)
	}
	if c := tables[0].Rows[1].Cells[1]; c.Line != 7 || c.Col != 13 {
		t.Errorf("cell at %d:%d, want 7:13", c.Line, c.Col)
	}
	if c := tables[0].Rows[0].Cells[0]; c.Line != 5 || c.Col != 3 {
		t.Errorf("header cell at %d:%d, want 5:3", c.Line, c.Col)
	}
}
