package tomldoc

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/waymark-cx/waymark/generator/diag"
)

// A TOML syntax error, as BurntSushi/toml reports it, says where its lexer
// gave up and in its own words: an unclosed string at the end of the line,
// a value missing after owner = as "expected value but found '\n'". An
// author needs where the mistake was made, the key it was made in, and how
// to fix it. syntaxError reads toml's message to tell which kind of mistake
// it is, then looks at the text around toml's position for the cause: the
// opening quote of the string, the key without a value, the [ of a list
// that is never closed. A message toml may add later, which nothing here
// knows, is passed on as it is, with "TOML:" in front.

// syntaxError describes pe, an error in src, as a position in src, a
// message and a hint.
func (d *Doc) syntaxError(src string, pe toml.ParseError) (pos, string, string) {
	src = trimBOM(src)
	at := min(max(pe.Position.Start, 0), len(src))
	e := syntaxScan(src, at)
	key := e.key
	if len(e.open) > 0 {
		key = e.open[len(e.open)-1].key
	}
	in := func(what string) string { // "in owner", "in list personas"
		switch {
		case key == "":
			return ""
		case what == "":
			return " in " + key
		}
		return " in " + what + " " + key
	}
	msg := pe.Message
	found, foundEnd := foundText(msg)
	cause := skipBlanks(src, at)
	what, elements, closer, example := "list", "elements", "]", `["a", "b"]`
	if len(e.open) > 0 && e.open[len(e.open)-1].b == '{' {
		what, elements, closer, example = "inline table", "entries", "}", "{ a = 1, b = 2 }"
	}
	switch {
	case e.str >= 0: // a string was open where toml gave up
		return posIn(src, e.str), "unclosed string" + in(""), closeHint(e.strDelim)

	case strings.HasPrefix(msg, "expected value but found") || msg == "unexpected EOF; expected value":
		word, isWord := unquoteWord(found)
		switch {
		case !isWord && (foundEnd || found == "'#'" || found == "'\\r'"):
			if len(e.open) > 0 {
				return posIn(src, cause), "missing value" + in(what), "write a value after the comma, or end the " + what + " with " + closer
			}
			keyAt := e.keyAt
			if key == "" && at < len(src) { // toml gave up on the = itself, at the end of the text
				e := syntaxScan(src, at+1)
				key, keyAt = e.key, e.keyAt
			}
			if key == "" {
				break
			}
			return posIn(src, keyAt), key + " has no value",
				`write a value after the =: "text in quotes", a number, true or false, a date such as 2026-01-31, or a list [ … ]`
		case isWord && (strings.EqualFold(word, "true") || strings.EqualFold(word, "false")):
			return posIn(src, cause), "invalid value " + word + in(""), "write true or false in lower case, without quotes"
		case isWord && yesNo[strings.ToLower(word)]:
			return posIn(src, cause), "invalid value " + word + in(""), "write true or false, without quotes; or, for text, " + Quote(word)
		case isWord && len(e.open) > 0:
			return posIn(src, cause), "text" + in("list") + " must be in quotes", "write " + Quote(word)
		case isWord && key != "":
			text := strings.TrimSpace(restOfValue(src, cause))
			return posIn(src, cause), "text" + in("") + " must be in quotes", "write " + key + " = " + Quote(text)
		}
		return posIn(src, cause), "unexpected " + describeFound(found) + in(""), "write a value: \"text in quotes\", a number, true or false, a date or a list"

	case strings.HasPrefix(msg, "invalid datetime:"):
		return posIn(src, cause), "invalid date" + in("") + ": " + strings.TrimSpace(restOfValue(src, cause)),
			"write a date as year-month-day, with two digits for month and day and without quotes: " + orKey(key) + " = 2026-01-31"

	case strings.HasPrefix(msg, "expected a top-level item to end with"):
		valueAt := skipBlanks(src, e.valueAt)
		value := strings.TrimSpace(restOfValue(src, valueAt))
		switch {
		case e.lastStr[1] == at && strings.Contains(src[e.lastStr[0]:e.lastStr[1]], " "):
			// "Say "hi" now": the string ended at a quote meant to be in it.
			return posIn(src, e.lastStr[0]), "quote inside the string" + in(""),
				`write each " inside the string as \", or put the whole string in single quotes ('…')`
		case looseDate.MatchString(value):
			return posIn(src, valueAt), "invalid date" + in("") + ": " + value,
				"write a date as year-month-day, without quotes: " + orKey(key) + " = 2026-01-31"
		case e.header:
			return posIn(src, cause), "unexpected text after the table header",
				"put a [table] header on a line of its own; start a comment with #"
		}
		return posIn(src, cause), "unexpected text after the value" + of(key),
			"put text in quotes, start a comment with #, and write one key = value on each line"

	case strings.HasPrefix(msg, "expected a comma (',') or array terminator (']')"),
		strings.HasPrefix(msg, "expected a comma or an inline table terminator '}'"):
		switch {
		case e.lastStr[1] == at && strings.Contains(src[e.lastStr[0]:e.lastStr[1]], ","):
			// ["ana, "bob"]: the string ran on to the next one's opening quote.
			return posIn(src, e.lastStr[0]), "unclosed string" + in(""),
				`end it with "; as written, it runs on to the next element's opening quote`
		case foundEnd || startsStatement(src, cause):
			if len(e.open) > 0 {
				return posIn(src, e.open[len(e.open)-1].at), what + " " + orKey(key) + " is not closed",
					"end it with " + closer + " after its last element"
			}
		}
		return posIn(src, cause), "missing comma" + in(what), "separate the " + elements + " with commas: " + example

	case msg == "unexpected comma":
		return posIn(src, cause), "extra comma" + in(what), "remove it: one comma separates two " + elements

	case strings.HasSuffix(msg, "has already been defined."),
		strings.HasSuffix(msg, "was already created as a hash."),
		strings.HasSuffix(msg, "cannot be used as an array."),
		strings.HasSuffix(msg, "is not a table"):
		return d.duplicate(src, pe)

	case strings.HasPrefix(msg, "expected end of table array name delimiter"),
		strings.HasPrefix(msg, "expected '.' or ']' to end table name"),
		strings.HasPrefix(msg, "unexpected end of table name"),
		strings.HasPrefix(msg, "unexpected table separator"):
		return tableHeader(src, at, msg)

	case strings.HasPrefix(msg, "expected '.' or '='"), strings.HasPrefix(msg, "unexpected EOF; expected key separator"):
		start := lineStart(src, at)
		keyAt := skipBlanks(src, start)
		name := strings.TrimSpace(src[keyAt:cause])
		rest := strings.TrimSpace(restOfValue(src, cause))
		switch {
		case foundEnd || strings.HasPrefix(found, "'\\"):
			return posIn(src, keyAt), "key " + name + " has no = and no value", "write " + name + ` = "…", or remove the line`
		case isBareKey(rest[:min(len(rest), 1)]) && strings.Contains(rest, "="):
			written := name + " " + strings.TrimSpace(rest[:strings.IndexByte(rest, '=')])
			return posIn(src, keyAt), fmt.Sprintf("key %q contains a space", written),
				"write it with _ for the spaces (" + strings.Join(strings.Fields(written), "_") + "), or in quotes"
		}
		return posIn(src, keyAt), "missing = after key " + name, "write " + name + " = " + rest

	case strings.HasPrefix(msg, "unexpected '=': key name appears blank"):
		return posIn(src, at), "missing key before =", `write key = value, e.g. title = "…"`
	case strings.HasPrefix(msg, "unexpected '.'"), msg == "unexpected '='":
		return posIn(src, lineStart(src, at)), "invalid key", "a key is letters, digits, _ and -, parts joined with dots; put any other key in quotes"

	case strings.HasPrefix(msg, "Invalid float"), strings.HasPrefix(msg, "Invalid integer"), strings.HasPrefix(msg, "invalid float"),
		strings.HasPrefix(msg, "expected a digit"), strings.HasPrefix(msg, "floats must start with a digit"),
		strings.HasPrefix(msg, "not a binary"), strings.HasPrefix(msg, "not an octal"), strings.HasPrefix(msg, "not a hexadecimal"),
		strings.HasPrefix(msg, "cannot use sign"), strings.Contains(msg, "is out of range for"), strings.Contains(msg, "is out of the safe"):
		hint := "write a number such as 3, -1 or 0.5, or put text in quotes"
		if _, reason, ok := strings.Cut(msg, `": `); ok && strings.HasPrefix(msg, "Invalid") {
			hint = reason + "; or put text in quotes"
		} else if strings.Contains(msg, "out of") {
			hint = "write a smaller number, or put it in quotes if it is not a quantity"
		}
		return posIn(src, cause), "invalid number" + in("") + ": " + strings.TrimSpace(restOfValue(src, cause)), hint

	case strings.HasPrefix(msg, "invalid escape in string"), strings.Contains(msg, "hexadecimal digits after"):
		slash := cause
		if i := strings.IndexByte(src[cause:lineEnd(src, cause)], '\\'); i >= 0 {
			slash = cause + i
		}
		return posIn(src, slash), "invalid escape" + in("the string of"),
			`write \\ for a backslash, or put the string in single quotes, where \ is an ordinary character; the escapes are \n, \t, \", \\ and \uXXXX`

	case strings.HasPrefix(msg, "TOML files cannot contain control characters"):
		for at < lineEnd(src, at) && src[at] >= 0x20 && src[at] != 0x7f {
			at++ // toml's position can be the quote before it
		}
		var code int
		fmt.Sscanf(strings.TrimPrefix(msg, "TOML files cannot contain control characters: "), "'0x%x'", &code)
		return posIn(src, at), fmt.Sprintf("control character U+%04X", code) + in(""),
			fmt.Sprintf(`remove it; in a string, write it as \u%04X`, code)
	}
	hint := pe.Usage
	if i := strings.IndexByte(hint, '\n'); i >= 0 {
		hint = strings.TrimSpace(hint[:i])
	}
	return posIn(src, at), "TOML: " + msg, hint
}

// duplicate reports a key or table defined twice, and where it was first.
// toml's position for it can be that of an earlier key on another line;
// its line is right.
func (d *Doc) duplicate(src string, pe toml.ParseError) (pos, string, string) {
	name := pe.Message
	if i, j := strings.IndexByte(name, '\''), strings.LastIndexByte(name, '\''); i >= 0 && j > i {
		name = name[i+1 : j]
	} else if i, j := strings.IndexByte(name, '"'), strings.LastIndexByte(name, '"'); i >= 0 && j > i {
		name = name[i+1 : j]
	}
	start := 0
	for line := 1; line < pe.Position.Line && start < len(src); line++ {
		start = lineEnd(src, start) + 1
	}
	start = min(start, len(src))
	at := skipBlanks(src, start)
	written := strings.TrimSpace(src[at:lineEnd(src, at)])
	first := ""
	if p, ok := firstDefinition(src[:start], name); ok {
		first = fmt.Sprintf("; it is first defined on line %d", d.offset+p.line)
	}
	switch {
	case strings.HasPrefix(written, "["):
		header := written
		if i := strings.LastIndexByte(header, ']'); i >= 0 {
			header = header[:i+1]
		}
		if !strings.HasSuffix(pe.Message, "has already been defined.") {
			if at, typo, ok := misspeltHeader(src[:start], name); ok {
				return posIn(src, at), "unknown table " + typo,
					fmt.Sprintf("did you mean %s? The tables under it made a %s of their own, which clashes with %s on line %d",
						strings.Replace(typo, strings.Trim(typo, "[]"), name, 1), name, header, d.offset+pe.Position.Line)
			}
			return posIn(src, at), "table " + header + " clashes with " + name + " defined before",
				"use one form for " + name + ": [" + name + "], [[" + name + "]] or " + name + " = …" + first
		}
		return posIn(src, at), "table " + header + " is defined twice", "merge the two tables into one" + first
	}
	key, _, _ := strings.Cut(written, "=")
	return posIn(src, at), "key " + strings.TrimSpace(key) + " is defined twice", "keep one of the two" + first
}

// misspeltHeader finds, in src, a table header whose name is a near miss
// of name ([[stage]] for stages): the tables written under it
// ([[stages.touchpoints]]) then define name afresh, and the next
// [[stages]] clashes with that. It returns where the header is and how it
// is written.
func misspeltHeader(src, name string) (at int, header string, ok bool) {
	root, _, _ := strings.Cut(name, ".")
	for i := 0; i < len(src); i = lineEnd(src, i) + 1 {
		start := skipBlanks(src, i)
		line := strings.TrimSpace(src[start:lineEnd(src, start)])
		if !strings.HasPrefix(line, "[") {
			continue
		}
		end := strings.LastIndexByte(line, ']')
		if end < 0 {
			continue
		}
		written := line[:end+1]
		got, _, _ := strings.Cut(strings.TrimSpace(strings.Trim(written, "[]")), ".")
		if got != root && diag.Suggest(got, []string{root}) != "" {
			return start, written, true
		}
	}
	return 0, "", false
}

// firstDefinition finds where name, a dotted path as toml writes it
// ("stages.name"), is defined in src: the last place, as the duplicate is in
// the latest [[table]] of an array of them.
func firstDefinition(src, name string) (pos, bool) {
	var best pos
	found := false
	for path, p := range locate(src) {
		if tableName(path) == name && (p.line > best.line || p.line == best.line && p.col > best.col) {
			best, found = p, true
		}
	}
	return best, found
}

// tableHeader reports a [table] or [[table]] header that is not closed or
// holds something other than a name, at its first [.
func tableHeader(src string, at int, msg string) (pos, string, string) {
	start := lineStart(src, at)
	if !strings.HasPrefix(strings.TrimSpace(src[start:lineEnd(src, start)]), "[") && start > 0 {
		start = lineStart(src, start-1) // toml gave up at the newline after it
	}
	open := skipBlanks(src, start)
	header := strings.TrimSpace(src[open:lineEnd(src, open)])
	if i := strings.IndexByte(header, '#'); i >= 0 {
		header = strings.TrimSpace(header[:i])
	}
	brackets := "["
	if strings.HasPrefix(header, "[[") {
		brackets = "[["
	}
	name := strings.Trim(header, "[] \t")
	switch {
	case strings.HasPrefix(msg, "unexpected"):
		return posIn(src, open), "table header " + header + " has no name", "write a name between the brackets, e.g. [[stages]]"
	case !strings.ContainsAny(name, " \t") && !strings.HasSuffix(header, strings.Repeat("]", len(brackets))):
		return posIn(src, open), "table header " + header + " is not closed",
			"write it as " + brackets + name + strings.Repeat("]", len(brackets))
	}
	return posIn(src, open), "invalid table header " + header,
		"a table name is letters, digits, _ and -, parts joined with dots, e.g. [[stages.touchpoints]]; put any other name in quotes"
}

// scanned is what syntaxScan found of the text before toml gave up.
type scanned struct {
	str      int    // the opening quote of a string still open, or -1
	strDelim string // its quotes
	lastStr  [2]int // where the last closed string starts and ends
	open     []bracket
	key      string // the last key of a key = value, as written
	keyAt    int
	valueAt  int  // just after that key's =
	header   bool // the current line is a [table] header
}

// bracket is a [ or { of a value, still open.
type bracket struct {
	at  int
	b   byte
	key string // the key whose value it is
}

// syntaxScan reads src up to end with just enough of TOML's grammar to
// know, at end, which string or brackets are open and which key is being
// given a value. toml read the same text without complaint up to about
// end, so the scan needs no error handling of its own; it stops at the
// first string a line ends in, as toml did.
func syntaxScan(src string, end int) scanned {
	s := scanned{str: -1, lastStr: [2]int{-1, -1}}
	keyStart, lineFirst := 0, true // lineFirst: only blanks so far on a line outside brackets
	for i := 0; i < end; {
		c := src[i]
		switch {
		case c == '"' || c == '\'':
			delim := src[i : i+1]
			if strings.HasPrefix(src[i:], strings.Repeat(delim, 3)) {
				delim = strings.Repeat(delim, 3)
			}
			start := i
			i += len(delim)
			closed := false
			for i < len(src) && !closed {
				switch {
				case c == '"' && src[i] == '\\':
					i += 2
				case len(delim) == 1 && src[i] == '\n':
					s.str, s.strDelim = start, delim
					return s
				case strings.HasPrefix(src[i:], delim):
					i += len(delim)
					for k := 0; k < 2 && len(delim) == 3 && i < len(src) && src[i] == c; k++ {
						i++ // """a"""" ends in a quote
					}
					closed = true
				default:
					i++
				}
			}
			switch {
			case !closed:
				s.str, s.strDelim = start, delim
				return s
			case i > end: // toml gave up inside this string, which is closed
				return s
			}
			s.lastStr = [2]int{start, i}
			lineFirst = false
			continue
		case c == '#':
			i = lineEnd(src, i)
			continue
		case c == '\n':
			if len(s.open) == 0 {
				keyStart, lineFirst, s.header = i+1, true, false
				s.key, s.keyAt, s.valueAt = "", 0, 0
			}
		case c == '[' && lineFirst:
			// A [table] or [[table]] header: its brackets hold no value.
			s.header, lineFirst = true, false
			j := strings.IndexByte(src[i:lineEnd(src, i)], ']')
			if j < 0 {
				i = lineEnd(src, i)
				continue
			}
			i += j + 1
			if i < len(src) && src[i] == ']' {
				i++
			}
			continue
		case c == '[' || c == '{':
			s.open = append(s.open, bracket{at: i, b: c, key: s.key})
			if c == '{' {
				keyStart = i + 1
			}
		case (c == ']' || c == '}') && len(s.open) > 0:
			s.open = s.open[:len(s.open)-1]
		case c == ',' && len(s.open) > 0 && s.open[len(s.open)-1].b == '{':
			keyStart = i + 1
		case c == '=' && !s.header && (len(s.open) == 0 || s.open[len(s.open)-1].b == '{'):
			s.keyAt = skipBlanks(src, keyStart)
			s.key = strings.TrimSpace(src[s.keyAt:i])
			s.valueAt = i + 1
		case c != ' ' && c != '\t' && c != '\r':
			lineFirst = false
		}
		i++
	}
	return s
}

// closeHint says how to close a string opened with delim.
func closeHint(delim string) string {
	if len(delim) == 3 {
		return "end the string with " + delim
	}
	long := strings.Repeat(delim, 3)
	return "end the string with " + delim + " on the same line; for text over several lines, use " + long + "…" + long
}

// foundText is what toml's message says it found: "'\n'", `"draft"`; end
// is true when that was the end of the line or of the text.
func foundText(msg string) (found string, end bool) {
	for _, marker := range []string{"but found ", "but got "} {
		if i := strings.LastIndex(msg, marker); i >= 0 {
			found = strings.TrimSuffix(msg[i+len(marker):], " instead")
			break
		}
	}
	end = found == `'\n'` || found == "end of file" || strings.HasPrefix(found, "end of file") ||
		strings.Contains(msg, "unexpected EOF")
	return found, end
}

// unquoteWord returns the word toml found where a value should be, when
// it quoted one ("draft"); a single character is quoted with ' instead.
func unquoteWord(found string) (string, bool) {
	if !strings.HasPrefix(found, `"`) {
		return "", false
	}
	w, err := strconv.Unquote(found)
	return w, err == nil && w != ""
}

func describeFound(found string) string {
	if found == "" {
		return "text"
	}
	return found
}

func of(key string) string {
	if key == "" {
		return ""
	}
	return " of " + key
}

func orKey(key string) string {
	if key == "" {
		return "key"
	}
	return key
}

// yesNo are the words other formats take for a boolean.
var yesNo = map[string]bool{"yes": true, "no": true, "on": true, "off": true}

// looseDate is a date written with slashes or dots, or without leading
// zeros: 2026/01/05, 5.1.2026.
var looseDate = regexp.MustCompile(`^\d{1,4}[/.]\d{1,2}[/.]\d{1,4}$`)

// startsStatement reports whether i is the first thing on its line and
// starts a key = value or a [table] header: where a list that is never
// closed runs into the next line.
func startsStatement(src string, i int) bool {
	if strings.TrimSpace(src[lineStart(src, i):i]) != "" {
		return false
	}
	line := src[i:lineEnd(src, i)]
	return strings.HasPrefix(line, "[") && !strings.HasPrefix(line, "[\"") || isBareKey(line[:min(len(line), 1)]) && strings.Contains(line, "=")
}

func isBareKey(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// restOfValue is the text from i to the end of the line or a comment.
func restOfValue(src string, i int) string {
	rest := src[i:lineEnd(src, i)]
	if j := strings.Index(rest, " #"); j >= 0 {
		rest = rest[:j]
	}
	return strings.TrimSuffix(rest, "\r")
}

func lineStart(src string, i int) int { return strings.LastIndexByte(src[:i], '\n') + 1 }

func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// skipBlanks moves i past spaces and tabs.
func skipBlanks(src string, i int) int {
	for i < len(src) && (src[i] == ' ' || src[i] == '\t') {
		i++
	}
	return i
}

// posIn is the line and column, in runes, of byte i of src.
func posIn(src string, i int) pos {
	i = min(max(i, 0), len(src))
	start := lineStart(src, i)
	return pos{strings.Count(src[:start], "\n") + 1, utf8.RuneCountInString(src[start:i]) + 1}
}

// trimBOM drops the byte order marks toml skips, so that offsets in its
// errors are offsets in the text.
func trimBOM(src string) string {
	for _, bom := range []string{"\uFEFF", "\xff\xfe", "\xfe\xff"} {
		if strings.HasPrefix(src, bom) {
			return src[len(bom):]
		}
	}
	return src
}
