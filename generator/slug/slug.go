// Package slug makes the URL-safe names of journeys, personas, stages and
// channels: lower-case letters and digits joined by single hyphens.
package slug

import (
	"strings"
	"unicode"
)

// Make turns any text into a slug: letters are lower-cased, runs of other
// characters become one hyphen, and hyphens at either end are dropped.
// Letters outside ASCII are kept, with their combining marks (a slug is
// a URL path segment, and browsers show them as written). It returns ""
// when nothing is left.
func Make(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range s {
		// A combining mark (an accent written as its own code point, an
		// Indic vowel sign) belongs to the letter before it.
		if unicode.IsLetter(r) || unicode.IsDigit(r) || (unicode.IsMark(r) && !hyphen && b.Len() > 0) {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' { // "Dana's" reads better as "danas"
			continue
		}
		hyphen = true
	}
	return b.String()
}

// Valid reports whether s is already a slug: Make(s) == s and non-empty.
func Valid(s string) bool { return s != "" && Make(s) == s }
