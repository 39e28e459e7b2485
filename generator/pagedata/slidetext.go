package pagedata

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A slide is an image: nothing measures its text when it is shown, so the
// layout has to know in advance how wide a line will be. textWidth guesses
// it from the characters, erring wide: the font is whatever sans-serif the
// viewer has (system-ui, Segoe UI, Roboto, Arial, or DejaVu Sans on a bare
// Linux, the widest of them), and a line that runs out of its column is
// worse than one that wraps a word early. The widths, in ems, are
// DejaVu Sans's, rounded up.
const (
	emSpace  = 0.32
	emNarrow = 0.30 // i j l . , : ; ' ! |
	emSlim   = 0.42 // f t r I ( ) [ ] - /
	emLower  = 0.63
	emUpper  = 0.77
	emWidest = 1.0  // m w M W @ % — and the ellipsis
	emSign   = 0.84 // + − = < > ~ #
	emDigit  = 0.64
	emWide   = 1.0  // CJK, full-width forms, emoji: one em each
	emBold   = 1.12 // bold text is this much wider
)

// textWidth is how wide s is at size (px), in px: an estimate that is
// meant to be a little over the width any of the fonts draws.
func textWidth(s string, size float64, bold bool) float64 {
	ems := 0.0
	for _, r := range s {
		ems += runeEms(r)
	}
	if bold {
		ems *= emBold
	}
	return ems * size
}

func runeEms(r rune) float64 {
	switch {
	case r == ' ':
		return emSpace
	case strings.ContainsRune("ijl.,:;'!|", r):
		return emNarrow
	case strings.ContainsRune("ftrI()[]-/", r):
		return emSlim
	case strings.ContainsRune("mwMW@%—…", r):
		return emWidest
	case strings.ContainsRune("+−=<>~#", r):
		return emSign
	case r >= '0' && r <= '9':
		return emDigit
	case isWide(r):
		return emWide
	case unicode.IsUpper(r):
		return emUpper
	}
	return emLower
}

// isWide reports whether r is drawn a full em wide and may start a new
// line anywhere: the ideographs and syllabaries of Chinese, Japanese and
// Korean, full-width forms, and emoji.
func isWide(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) ||
		r >= 0x1f300
}

// fitLines wraps text into at most lines lines that each pass fits: at
// spaces, and between any two CJK characters, which have no spaces to
// break at. A word wider than a whole line is broken inside, with a
// hyphen unless it is CJK, so that no line ever runs over. When the text
// needs more lines than it has, the last line is shortened at a word
// boundary and ends in "…", and cut is true: the caller keeps the full
// text for a tooltip.
func fitLines(text string, lines int, fits func(string) bool) (out []string, cut bool) {
	if lines < 1 {
		return nil, strings.TrimSpace(text) != ""
	}
	cur := ""
	push := func() {
		out = append(out, cur)
		cur = ""
	}
	for _, tok := range breakable(text) {
		cand := tok.text
		if cur != "" {
			cand = cur + tok.sep + tok.text
		}
		if fits(cand) {
			cur = cand
			continue
		}
		if cur != "" {
			push()
		}
		word := tok.text
		for word != "" && !fits(word) {
			head, rest := splitWord(word, fits)
			cur = head
			push()
			word = rest
		}
		cur = word
	}
	if cur != "" {
		push()
	}
	if len(out) <= lines {
		return out, false
	}
	out = out[:lines]
	out[lines-1] = ellipsize(out[lines-1], fits)
	return out, true
}

// token is a piece of text that a line may end after; sep is what goes
// between it and the piece before on one line: a space, or nothing
// between CJK characters.
type token struct{ sep, text string }

func breakable(text string) []token {
	var out []token
	for _, field := range strings.Fields(text) {
		sep := " "
		start := 0
		for i, r := range field {
			if i < start || !isWide(r) {
				continue // taken with the character before, or not CJK
			}
			// A CJK character is a token of its own, and so is the run
			// of other characters before it.
			if i > start {
				out = append(out, token{sep, field[start:i]})
				sep = ""
			}
			next := i + utf8.RuneLen(r)
			// Closing punctuation stays with the character it follows.
			for next < len(field) {
				p, n := utf8.DecodeRuneInString(field[next:])
				if !strings.ContainsRune("。、，．！？）」』】：；,.!?)", p) {
					break
				}
				next += n
			}
			out = append(out, token{sep, field[i:next]})
			sep = ""
			start = next
		}
		if start < len(field) {
			out = append(out, token{sep, field[start:]})
		}
	}
	return out
}

// splitWord breaks a word too wide for a line: the longest head that fits
// with a hyphen (without one between CJK characters), and the rest. At
// least one character goes in the head, so that the loop ends.
func splitWord(word string, fits func(string) bool) (head, rest string) {
	runes := []rune(word)
	for n := len(runes) - 1; n >= 1; n-- {
		h := string(runes[:n])
		if !isWide(runes[n-1]) {
			h += "-"
		}
		if fits(h) {
			return h, string(runes[n:])
		}
	}
	return string(runes[:1]), string(runes[1:])
}

// ellipsize ends line with "…" within fits, dropping whole words from its
// end (or characters, when one word is all there is) and the punctuation
// that would stand before the ellipsis.
func ellipsize(line string, fits func(string) bool) string {
	for {
		line = strings.TrimRight(line, " .,;:-—")
		if fits(line+"…") || line == "" {
			return line + "…"
		}
		if i := strings.LastIndexByte(line, ' '); i > 0 {
			line = line[:i]
			continue
		}
		_, n := utf8.DecodeLastRuneInString(line)
		line = line[:len(line)-n]
	}
}
