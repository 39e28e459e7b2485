package tomldoc

import "strconv"

// locate maps every key, table and array element of a TOML document to the
// line and column where it is written. BurntSushi/toml keeps positions for
// keys but not per element of an array of tables (every [[stages]] shares
// the key "stages.name"), so we scan the text ourselves.
//
// Paths look like "stages[2].touchpoints[0].channels[1]". The scanner runs
// only on text that toml has already parsed, so it can be lenient; it must
// still never loop or index out of range on anything.
func locate(src string) map[string]pos {
	s := &scanner{src: src, line: 1, col: 1, at: map[string]pos{}, arrays: map[string]int{}}
	s.document()
	return s.at
}

type pos struct{ line, col int }

type scanner struct {
	src       string
	i         int
	line, col int
	prefix    string         // path of the current [table]
	at        map[string]pos // the result
	arrays    map[string]int // elements seen so far per array-of-tables path
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.eof() {
		return 0
	}
	return s.src[s.i]
}

func (s *scanner) next() {
	if s.eof() {
		return
	}
	if s.src[s.i] == '\n' {
		s.line++
		s.col = 1
	} else if s.src[s.i]&0xC0 != 0x80 { // count runes, not continuation bytes
		s.col++
	}
	s.i++
}

func (s *scanner) here() pos { return pos{s.line, s.col} }

func (s *scanner) hasPrefix(p string) bool {
	return len(s.src)-s.i >= len(p) && s.src[s.i:s.i+len(p)] == p
}

// space skips blanks and, with newlines, also newlines and comments.
func (s *scanner) space(newlines bool) {
	for !s.eof() {
		switch c := s.peek(); {
		case c == ' ' || c == '\t' || c == '\r':
			s.next()
		case c == '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		case c == '\n' && newlines:
			s.next()
		default:
			return
		}
	}
}

func (s *scanner) restOfLine() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
}

func (s *scanner) document() {
	for !s.eof() {
		s.space(true)
		if s.eof() {
			return
		}
		start := s.i
		if s.peek() == '[' {
			s.header()
		} else {
			s.keyValue(s.prefix)
		}
		if s.i == start { // not TOML we understand: skip the line
			s.restOfLine()
			s.next()
		}
	}
}

// header reads [a.b] or [[a.b]] and makes it the current table.
func (s *scanner) header() {
	p := s.here()
	s.next()
	array := s.peek() == '['
	if array {
		s.next()
	}
	s.space(false)
	parts := s.key()
	s.restOfLine()
	path := ""
	for n, part := range parts {
		path = join(path, part)
		count, isArray := s.arrays[path]
		if _, seen := s.at[path]; !seen && !isArray {
			// The array itself, or a table only implied by [a.b]: a
			// misspelt [[stage]] is reported at its first header.
			s.at[path] = p
		}
		if array && n == len(parts)-1 {
			s.arrays[path] = count + 1
			path += "[" + strconv.Itoa(count) + "]"
		} else if isArray {
			path += "[" + strconv.Itoa(count-1) + "]"
		}
	}
	s.prefix = path
	if _, seen := s.at[path]; !seen {
		s.at[path] = p
	}
}

// keyValue reads key = value under prefix.
func (s *scanner) keyValue(prefix string) {
	p := s.here()
	parts := s.key()
	if len(parts) == 0 {
		return
	}
	path := prefix
	for _, part := range parts {
		path = join(path, part)
		if _, seen := s.at[path]; !seen { // the tables a dotted key implies
			s.at[path] = p
		}
	}
	s.at[path] = p
	s.space(false)
	if s.peek() != '=' {
		return
	}
	s.next()
	s.space(false)
	s.value(path)
}

// key reads a dotted key of bare and quoted parts.
func (s *scanner) key() []string {
	var parts []string
	for !s.eof() {
		s.space(false)
		switch c := s.peek(); {
		case c == '"' || c == '\'':
			start := s.i + 1
			s.str()
			end := max(start, s.i-1)
			raw := s.src[start:end]
			if c == '"' {
				if u, err := strconv.Unquote(`"` + raw + `"`); err == nil {
					raw = u
				}
			}
			parts = append(parts, raw)
		case isBare(c):
			start := s.i
			for !s.eof() && isBare(s.peek()) {
				s.next()
			}
			parts = append(parts, s.src[start:s.i])
		default:
			return parts
		}
		s.space(false)
		if s.peek() != '.' {
			return parts
		}
		s.next()
	}
	return parts
}

func isBare(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// value skips one value, recording the positions of array elements and
// inline-table keys beneath path.
func (s *scanner) value(path string) {
	switch {
	case s.hasPrefix(`"""`) || s.hasPrefix(`'''`):
		s.multiline()
	case s.peek() == '"' || s.peek() == '\'':
		s.str()
	case s.peek() == '[':
		s.next()
		for n := 0; !s.eof(); n++ {
			s.space(true)
			if s.peek() == ']' {
				s.next()
				return
			}
			elem := path + "[" + strconv.Itoa(n) + "]"
			s.at[elem] = s.here()
			start := s.i
			s.value(elem)
			s.space(true)
			if s.peek() == ',' {
				s.next()
			} else if s.i == start && s.peek() != ']' {
				s.next() // make progress on anything unexpected
			}
		}
	case s.peek() == '{':
		s.next()
		for !s.eof() {
			s.space(true)
			if s.peek() == '}' {
				s.next()
				return
			}
			start := s.i
			s.keyValue(path)
			s.space(true)
			if s.peek() == ',' {
				s.next()
			} else if s.i == start {
				s.next()
			}
		}
	default: // a number, boolean or date: up to a delimiter
		for !s.eof() {
			switch s.peek() {
			case ',', ']', '}', '\n', '#':
				return
			}
			s.next()
		}
	}
}

// str skips a one-line basic or literal string, quotes included.
func (s *scanner) str() {
	q := s.peek()
	s.next()
	for !s.eof() && s.peek() != '\n' {
		c := s.peek()
		s.next()
		if c == '\\' && q == '"' {
			s.next()
		} else if c == q {
			return
		}
	}
}

// multiline skips a """ or ”' string, which may end in up to two extra
// quotes (""""" closes after the content's own quotes).
func (s *scanner) multiline() {
	q := s.src[s.i : s.i+3]
	for range 3 {
		s.next()
	}
	for !s.eof() {
		if s.hasPrefix(q) {
			for s.peek() == q[0] {
				s.next()
			}
			return
		}
		if s.peek() == '\\' && q[0] == '"' {
			s.next()
		}
		s.next()
	}
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}
