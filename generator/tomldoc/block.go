package tomldoc

import (
	"fmt"
	"strings"
)

// Block writes the keys of one TOML table with their "=" lined up, the
// way the example content is written: what waymark writes for people to
// read and edit (waymark import's journeys, the benchmark corpus) looks
// like what they write themselves. The zero value is an empty block.
type Block struct {
	keys, values []string
}

// Raw adds a value that is TOML already: a number, a date, true.
func (b *Block) Raw(key, value string) {
	b.keys = append(b.keys, key)
	b.values = append(b.values, value)
}

// Text adds a string, quoted; an empty string is left out.
func (b *Block) Text(key, s string) {
	if s != "" {
		b.Raw(key, Quote(s))
	}
}

// List adds an array of strings: on one line when it fits in 80
// characters, else one item a line, which reads and diffs better; an
// empty list is left out.
func (b *Block) List(key string, items []string) {
	if len(items) == 0 {
		return
	}
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = Quote(s)
	}
	if one := "[" + strings.Join(q, ", ") + "]"; len(one) <= 80 {
		b.Raw(key, one)
		return
	}
	b.Raw(key, "[\n  "+strings.Join(q, ",\n  ")+",\n]")
}

// Render is the block's lines, each after indent.
func (b *Block) Render(indent string) string {
	width := 0
	for _, k := range b.keys {
		width = max(width, len(k))
	}
	var w strings.Builder
	for i, k := range b.keys {
		v := strings.ReplaceAll(b.values[i], "\n", "\n"+indent)
		fmt.Fprintf(&w, "%s%-*s = %s\n", indent, width, k, v)
	}
	return w.String()
}
