package export

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/content/contenttest"
)

// map.json is written around the journey's piece rather than encoded
// with it: it must be what an encoder makes of the same value, byte for
// byte, whatever the journey holds.
func TestMapJSONIsWhatAnEncoderWrites(t *testing.T) {
	hostile := `<b>"x" & 'y' + z</b> \ é 😀 ` + "\u2028"
	j := &content.Journey{Slug: "buy", Title: hostile, Summary: hostile, Tags: []string{hostile}}
	contenttest.Stage(j, hostile, contenttest.Emotion(-1.5), contenttest.Touchpoint(hostile, contenttest.Emotion(0.5)))
	piece, err := journeyJSON(j)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	err = json.NewEncoder(&want).Encode(struct {
		Version int             `json:"version"`
		Journey json.RawMessage `json:"journey"`
	}{ExportVersion, piece})
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := New().MapJSON(j, &got); err != nil {
		t.Fatal(err)
	}
	if got.String() != want.String() {
		t.Errorf("map.json is\n%s\nan encoder writes\n%s", got.Bytes(), want.Bytes())
	}
}
