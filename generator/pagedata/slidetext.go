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
// worse than one that wraps a word early. The widths, in ems, are the
// widest of DejaVu Sans's in each class, rounded up; letters beyond ASCII
// (accented Latin, Cyrillic, Greek) are taken wider, as Cyrillic's are.
const (
	emSpace     = 0.32
	emNarrow    = 0.30 // i j l '
	emSlim      = 0.42 // f t r I ( ) [ ] - / and . , : ; ! |
	emLower     = 0.64 // the other lower-case letters (b d g h n p q u are 0.635)
	emUpper     = 0.79 // the other capitals (O and Q are 0.787)
	emWidest    = 1.0  // m w M W @ % — and the ellipsis
	emSign      = 0.84 // + = < > ~ # & and the minus sign −
	emDigit     = 0.64
	emWide      = 1.0  // CJK, full-width forms, emoji: one em each
	emOtherLow  = 0.72 // a letter beyond ASCII (Cyrillic ж is 0.875)
	emOtherCaps = 0.92
	// Bold adds about the same to every glyph, narrow or wide (DejaVu
	// Sans Bold's i is 0.065 em wider, its m 0.068, its A 0.09), so a
	// factor would under-measure a bold word of narrow letters.
	emBold      = 0.09
	emBoldSpace = 0.03
)

// textWidth is how wide s is at size (px), in px: an estimate that is
// meant to be a little over the width any of the fonts draws.
func textWidth(s string, size float64, bold bool) float64 {
	ems := 0.0
	for _, r := range s {
		ems += runeEms(r)
		if bold {
			ems += emBold
			if r == ' ' {
				ems += emBoldSpace - emBold
			}
		}
	}
	return ems * size
}

// widthAt is textWidth as a measure for fitLines.
func widthAt(size float64, bold bool) func(string) float64 {
	return func(s string) float64 { return textWidth(s, size, bold) }
}

// runeCount measures text by its characters, for the wrap template func.
func runeCount(s string) float64 { return float64(utf8.RuneCountInString(s)) }

func runeEms(r rune) float64 {
	if r < utf8.RuneSelf {
		return asciiEms[r]
	}
	switch {
	case r == '—' || r == '…':
		return emWidest
	case r == '−': // the minus of the curve's values
		return emSign
	case isWide(r):
		return emWide
	case unicode.IsUpper(r):
		return emOtherCaps
	}
	return emOtherLow
}

// asciiEms is runeEms of each ASCII character, looked up rather than
// worked out: a slide measures every candidate line of every text.
var asciiEms = func() (t [utf8.RuneSelf]float64) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case r == ' ':
			t[r] = emSpace
		case strings.ContainsRune("ijl'", r):
			t[r] = emNarrow
		case strings.ContainsRune("ftrI()[]-/.,:;!|", r):
			t[r] = emSlim
		case strings.ContainsRune("mwMW@%", r):
			t[r] = emWidest
		case strings.ContainsRune("+=<>~#&", r):
			t[r] = emSign
		case r >= '0' && r <= '9':
			t[r] = emDigit
		case r >= 'A' && r <= 'Z':
			t[r] = emUpper
		default:
			t[r] = emLower
		}
	}
	return t
}()

// isWide reports whether r is drawn a full em wide and may start a new
// line anywhere: the ideographs and syllabaries of Chinese, Japanese and
// Korean, full-width forms, and emoji.
func isWide(r rune) bool {
	if r < 0x1100 { // below Hangul Jamo, the first of them
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) ||
		(r >= 0x3000 && r <= 0x303f) || // CJK punctuation
		(r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6) ||
		r >= 0x1f300
}

// fitLines wraps text into at most lines lines no wider than width by
// measure: at spaces, and between any two CJK characters, which have no
// spaces to break at. A word wider than a whole line is broken inside,
// with a hyphen unless it is CJK, so that no line ever runs over. When the
// text needs more lines than it has, the last line is shortened at a word
// boundary and ends in "…", and cut is true: the caller keeps the full
// text for a tooltip.
//
// measure must add up (two pieces of text side by side measure the sum of
// theirs, as textWidth and runeCount do): a line is measured as it grows,
// a token at a time, not from its start again for each word.
func fitLines(text string, lines int, width float64, measure func(string) float64) (out []string, cut bool) {
	if lines < 1 {
		return nil, strings.TrimSpace(text) != ""
	}
	cur, curW := "", 0.0
	push := func() {
		out = append(out, cur)
		cur, curW = "", 0
	}
	space := measure(" ")
	for _, tok := range breakable(text) {
		w := measure(tok.text)
		if cur != "" {
			candW := curW + w
			if tok.sep != "" {
				candW += space
			}
			if candW <= width {
				cur, curW = cur+tok.sep+tok.text, candW
				continue
			}
			push()
		}
		word := tok.text
		for word != "" && w > width {
			cur, word = splitWord(word, width, measure)
			push()
			w = measure(word)
		}
		cur, curW = word, w
	}
	if cur != "" {
		push()
	}
	if len(out) <= lines {
		return out, false
	}
	out = out[:lines]
	out[lines-1] = ellipsize(out[lines-1], width, measure)
	return out, true
}

// token is a piece of text that a line may end after; sep is what goes
// between it and the piece before on one line: a space, or nothing
// between CJK characters.
type token struct{ sep, text string }

func breakable(text string) []token {
	out := make([]token, 0, len(text)/5+1) // about a word per five bytes
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
// with a hyphen (without one after a CJK character), and the rest, of at
// least three letters where it can. At least one character goes in the
// head, so that the caller's loop ends.
func splitWord(word string, width float64, measure func(string) float64) (head, rest string) {
	hyphen := measure("-")
	end, w := 0, 0.0
	for i, r := range word {
		n := i + utf8.RuneLen(r)
		w += measure(word[i:n])
		mark := hyphen
		if isWide(r) {
			mark = 0
		}
		if w+mark > width {
			break
		}
		end = n
	}
	if end == 0 {
		_, end = utf8.DecodeRuneInString(word)
	}
	// Leave at least three letters to go on ("Discover-ing", not
	// "Discoverin-g"), when that leaves as many in the head.
	if rest := []rune(word[end:]); len(rest) > 0 && len(rest) < 3 && !isWide(rest[0]) {
		if head := []rune(word[:end]); len(head) >= 6-len(rest) {
			end -= len(string(head[len(head)-(3-len(rest)):]))
		}
	}
	head = word[:end]
	if last, _ := utf8.DecodeLastRuneInString(head); !isWide(last) && end < len(word) {
		head += "-"
	}
	return head, word[end:]
}

// ellipsize ends line with "…" within width, dropping whole words from its
// end (or characters, when one word is all there is) and the punctuation
// that would stand before the ellipsis.
func ellipsize(line string, width float64, measure func(string) float64) string {
	ellipsis := measure("…")
	for {
		line = strings.TrimRight(line, " .,;:-—")
		if line == "" || measure(line)+ellipsis <= width {
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
