package content

import (
	"bytes"

	"github.com/waymark-cx/waymark/generator/diag"
)

// A split content file: the TOML between the +++ lines, and the Markdown
// after them, each with the line of the file it starts on so that every
// position reported later is a position in the file.
type split struct {
	front     string
	frontLine int // the file's line of the first TOML line
	body      []byte
	bodyLine  int
}

// splitFile separates front matter from body. The opening +++ must be the
// first line; the closing one is the next line that holds only +++.
func splitFile(file string, data []byte, errs *diag.List) (split, bool) {
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		errs.Add(diag.Position{File: file, Line: 1}, "start the file with +++, the front matter's keys, and +++; see docs/content-format.md",
			"empty file")
		return split{}, false
	}
	first, rest, _ := cutLine(data)
	switch fence(first) {
	case "+++":
	case "---":
		errs.Add(diag.Position{File: file, Line: 1, Col: 1},
			"waymark reads TOML front matter: replace both --- lines with +++ and write the keys as TOML (key = \"value\")",
			"YAML front matter (---) is not supported")
		return split{}, false
	default:
		errs.Add(diag.Position{File: file, Line: 1, Col: 1},
			"the first line must be +++, followed by the front matter's TOML and a closing +++",
			"missing front matter")
		return split{}, false
	}
	// Walk the lines after the opening fence; off is where the current
	// line starts in front.
	front, off := rest, 0
	for line := 2; off < len(front); line++ {
		l, next, _ := cutLine(front[off:])
		if fence(l) == "+++" {
			return split{
				front:     string(front[:off]),
				frontLine: 2,
				body:      next,
				bodyLine:  line + 1,
			}, true
		}
		off = len(front) - len(next)
	}
	errs.Add(diag.Position{File: file, Line: 1, Col: 1},
		"add a line holding only +++ after the last front matter key",
		"front matter opened with +++ on line 1 is never closed")
	return split{}, false
}

// cutLine returns the first line of data (without its newline) and the
// rest; found is false on the last line.
func cutLine(data []byte) (line, rest []byte, found bool) {
	line, rest, found = bytes.Cut(data, []byte{'\n'})
	return bytes.TrimSuffix(line, []byte{'\r'}), rest, found
}

// fence reports "+++" or "---" when the line is one (trailing blanks
// allowed), or "".
func fence(line []byte) string {
	switch string(bytes.TrimRight(line, " \t")) {
	case "+++":
		return "+++"
	case "---":
		return "---"
	}
	return ""
}
