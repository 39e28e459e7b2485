// Package tomldoc reads a TOML document into typed values and reports,
// all in one pass, every problem with its line and column in the file the
// TOML came from: syntax errors, values of the wrong type, missing
// required keys and unknown keys (with a "did you mean" hint).
//
// BurntSushi/toml parses the text into plain maps, which never fails on a
// type. Callers then pull values out through a Table, which records each
// key it was asked for; Table.Done reports the keys nobody asked for. That
// keeps the schema in one place, the code that reads it, and turns a typo
// such as pain_point into an error rather than a silently lost field.
package tomldoc

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/waymark-cx/waymark/generator/diag"
)

// Doc is a parsed TOML document.
type Doc struct {
	file   string // reported in diagnostics
	offset int    // lines in the file before the TOML text
	at     map[string]pos
	errs   *diag.List
}

// Parse parses src, the TOML text found in file after offset lines (the
// front matter of a Markdown file starts after its opening +++ line).
// Problems are added to errs. It returns the root table, and false when
// the text is not valid TOML.
func Parse(file string, offset int, src string, errs *diag.List) (Table, bool) {
	d := &Doc{file: file, offset: offset, errs: errs}
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			at, msg, hint := d.syntaxError(src, pe)
			d.errs.Add(d.pos(at), hint, "%s", msg)
		} else {
			d.errs.Add(d.pos(pos{1, 0}), "", "TOML: %v", err)
		}
		return Table{}, false
	}
	d.at = locate(src)
	return Table{doc: d, m: m, known: map[string]bool{}}, true
}

// pos turns a position inside the TOML text into one in the file.
func (d *Doc) pos(p pos) diag.Position {
	if p.line == 0 {
		return diag.Position{File: d.file, Line: d.offset + 1}
	}
	return diag.Position{File: d.file, Line: d.offset + p.line, Col: p.col}
}

// at finds where path is written, falling back to its nearest ancestor that
// has a position (an element of an inline array in a multi-line value, say).
func (d *Doc) posOf(path string) diag.Position {
	for path != "" {
		if p, ok := d.at[path]; ok {
			return d.pos(p)
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return d.pos(pos{})
}

// Table is a TOML table being read. Its zero value has no keys.
type Table struct {
	doc   *Doc
	path  string
	m     map[string]any
	known map[string]bool // every key asked for, present or not
}

// Pos is where the table starts (its [header], or the file's first line).
func (t Table) Pos() diag.Position {
	if t.doc == nil {
		return diag.Position{}
	}
	return t.doc.posOf(t.path)
}

// KeyPos is where key is written in this table.
func (t Table) KeyPos(key string) diag.Position { return t.doc.posOf(join(t.path, key)) }

// ElemPos is where element i of the array under key is written.
func (t Table) ElemPos(key string, i int) diag.Position {
	return t.doc.posOf(join(t.path, key) + "[" + strconv.Itoa(i) + "]")
}

// Has reports whether key is present.
func (t Table) Has(key string) bool {
	_, ok := t.m[key]
	return ok
}

// Report adds a problem at pos, a position from KeyPos or ElemPos.
func (t Table) Report(pos diag.Position, hint, format string, args ...any) {
	t.doc.errs.Add(pos, hint, format, args...)
}

// Errorf reports a problem at key (or at the table when key is "").
func (t Table) Errorf(key, hint, format string, args ...any) {
	p := t.Pos()
	if key != "" {
		p = t.KeyPos(key)
	}
	t.doc.errs.Add(p, hint, format, args...)
}

func (t Table) get(key string) (any, bool) {
	if t.known == nil {
		return nil, false
	}
	t.known[key] = true
	v, ok := t.m[key]
	return v, ok
}

func (t Table) wrongType(key string, v any, want, example string) {
	t.Errorf(key, "write it as "+example, "%s must be %s, not %s", key, want, describe(v))
}

// Require reports key as missing when it is absent, or empty when it is a
// blank string; it returns whether there is a value to read.
func (t Table) Require(key, example string) bool {
	if t.known != nil {
		t.known[key] = true
	}
	if v, ok := t.m[key]; ok {
		if s, isString := v.(string); isString && strings.TrimSpace(s) == "" {
			t.Errorf(key, "write "+example, "%s must not be empty", key)
			return false
		}
		return true
	}
	where := "front matter"
	if t.path != "" {
		where = "[" + tableName(t.path) + "]"
	}
	t.doc.errs.Add(t.Pos(), "add "+example, "missing required key %q in %s", key, where)
	return false
}

// String returns the string under key, or "".
func (t Table) String(key string) string {
	v, ok := t.get(key)
	if !ok {
		return ""
	}
	s, ok := v.(string)
	if !ok {
		t.wrongType(key, v, "a string", fmt.Sprintf("%s = \"…\"", key))
	}
	return s
}

// Strings returns a list of strings; a single string is a list of one.
func (t Table) Strings(key string) []string {
	v, ok := t.get(key)
	if !ok {
		return nil
	}
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, e := range v {
			s, ok := e.(string)
			if !ok {
				t.doc.errs.Add(t.ElemPos(key, i), "put it in quotes",
					"%s[%d] must be a string, not %s", key, i, describe(e))
				continue
			}
			out = append(out, s)
		}
		return out
	}
	t.wrongType(key, v, "a string or a list of strings", fmt.Sprintf(`%s = ["…", "…"]`, key))
	return nil
}

// Number returns an integer or float under key; ok is false when absent or
// not a number.
func (t Table) Number(key string) (n float64, ok bool) {
	v, present := t.get(key)
	if !present {
		return 0, false
	}
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Errorf(key, "", "%s must be a finite number, not %v", key, v)
			return 0, false
		}
		return v, true
	}
	t.wrongType(key, v, "a number", key+" = 1")
	return 0, false
}

// Int returns an integer under key.
func (t Table) Int(key string) (n int64, ok bool) {
	v, present := t.get(key)
	if !present {
		return 0, false
	}
	if i, isInt := v.(int64); isInt {
		return i, true
	}
	t.wrongType(key, v, "a whole number", key+" = 120")
	return 0, false
}

// Bool returns a boolean under key, or false.
func (t Table) Bool(key string) bool {
	v, ok := t.get(key)
	if !ok {
		return false
	}
	b, ok := v.(bool)
	if !ok {
		t.wrongType(key, v, "true or false", key+" = true (no quotes)")
	}
	return b
}

// Date returns a TOML date (or date-time) under key.
func (t Table) Date(key string) (time.Time, bool) {
	v, ok := t.get(key)
	if !ok {
		return time.Time{}, false
	}
	switch v := v.(type) {
	case time.Time:
		return v, true
	case string:
		if d, err := time.Parse("2006-01-02", v); err == nil {
			t.Errorf(key, fmt.Sprintf("write it as a TOML date, without quotes: %s = %s", key, d.Format("2006-01-02")),
				"%s must be a date, not a string", key)
			return time.Time{}, false
		}
	}
	t.wrongType(key, v, "a date", key+" = 2026-01-31 (no quotes)")
	return time.Time{}, false
}

// Table returns the table under key; ok is false when absent or not a table.
func (t Table) Table(key string) (Table, bool) {
	v, present := t.get(key)
	if !present {
		return Table{}, false
	}
	m, ok := v.(map[string]any)
	if !ok {
		t.wrongType(key, v, "a table", "["+tableName(join(t.path, key))+"]")
		return Table{}, false
	}
	return Table{doc: t.doc, path: join(t.path, key), m: m, known: map[string]bool{}}, true
}

// Tables returns the array of tables under key ([[key]] sections, or an
// inline array of inline tables).
func (t Table) Tables(key string) []Table {
	v, present := t.get(key)
	if !present {
		return nil
	}
	var elems []any
	switch v := v.(type) {
	case []map[string]any:
		for _, m := range v {
			elems = append(elems, m)
		}
	case []any:
		elems = v
	default:
		t.wrongType(key, v, "a list of tables", "[["+tableName(join(t.path, key))+"]] sections")
		return nil
	}
	out := make([]Table, 0, len(elems))
	for i, e := range elems {
		path := join(t.path, key) + "[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			t.doc.errs.Add(t.doc.posOf(path), "write each one as a [["+tableName(join(t.path, key))+"]] section",
				"%s[%d] must be a table, not %s", key, i, describe(e))
			continue
		}
		out = append(out, Table{doc: t.doc, path: path, m: m, known: map[string]bool{}})
	}
	return out
}

// KeyValue is one entry of a table of free keys.
type KeyValue struct{ Key, Value string }

// StringMap returns a table of free keys to strings, in the order written.
func (t Table) StringMap(key string) []KeyValue {
	sub, ok := t.Table(key)
	if !ok {
		return nil
	}
	keys := sub.keysInOrder()
	out := make([]KeyValue, 0, len(keys))
	for _, k := range keys {
		_, isString := sub.m[k].(string)
		if s := sub.String(k); isString { // String reports the others
			out = append(out, KeyValue{k, s})
		}
	}
	return out
}

// KeyNumber is one entry of a table of free keys to numbers, with where
// its key is written.
type KeyNumber struct {
	Key   string
	Value float64
	Pos   diag.Position
}

// IsTable reports whether the value under key is a table, for a key that
// takes either a value or a table of them.
func (t Table) IsTable(key string) bool {
	_, ok := t.m[key].(map[string]any)
	return ok
}

// NumberMap returns a table of free keys to numbers, in the order written;
// an entry that is not a number is reported and left out.
func (t Table) NumberMap(key string) []KeyNumber {
	sub, ok := t.Table(key)
	if !ok {
		return nil
	}
	out := make([]KeyNumber, 0, len(sub.m))
	for _, k := range sub.keysInOrder() {
		if n, ok := sub.Number(k); ok {
			out = append(out, KeyNumber{Key: k, Value: n, Pos: sub.KeyPos(k)})
		}
	}
	return out
}

// keysInOrder lists the table's keys in the order they are written.
func (t Table) keysInOrder() []string {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := t.KeyPos(keys[i]), t.KeyPos(keys[j])
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return keys[i] < keys[j]
	})
	return keys
}

// Done reports every key of the table that no accessor asked for.
func (t Table) Done() {
	if t.known == nil {
		return
	}
	var candidates []string
	for k := range t.known {
		candidates = append(candidates, k)
	}
	sort.Strings(candidates)
	for k := range t.m {
		if t.known[k] {
			continue
		}
		hint := diag.Suggest(k, candidates)
		if hint == "" {
			hint = "known keys here: " + diag.Choices(k, candidates)
		}
		where := "front matter"
		if t.path != "" {
			where = "[" + tableName(t.path) + "]"
		}
		t.doc.errs.Add(t.KeyPos(k), hint, "unknown key %q in %s", k, where)
	}
}

// tableName turns "stages[2].touchpoints[0]" into "stages.touchpoints", the
// way the table is written in a header.
func tableName(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func describe(v any) string {
	switch v := v.(type) {
	case string:
		return fmt.Sprintf("a string (%q)", v)
	case int64:
		return fmt.Sprintf("an integer (%d)", v)
	case float64:
		return fmt.Sprintf("a number (%v)", v)
	case bool:
		return fmt.Sprintf("a boolean (%v)", v)
	case time.Time:
		return "a date"
	case []any, []map[string]any:
		return "a list"
	case map[string]any:
		return "a table"
	}
	return fmt.Sprintf("%T", v)
}

// Quote writes s as a TOML basic string, escaping what TOML requires:
// for tools that write front matter (waymark new, the corpus generator).
func Quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
