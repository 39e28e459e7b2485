package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/diag"
)

func TestSplitFile(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		front     string
		body      string
		frontLine int
		bodyLine  int
	}{
		{
			name:  "front matter and body",
			data:  "+++\ntitle = \"x\"\n+++\n\nBody.\n",
			front: "title = \"x\"\n", body: "\nBody.\n",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "byte order mark",
			data:  "\uFEFF+++\ntitle = \"x\"\n+++\nBody.\n",
			front: "title = \"x\"\n", body: "Body.\n",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "CRLF line endings",
			data:  "+++\r\ntitle = \"x\"\r\nsummary = \"y\"\r\n+++\r\nBody.\r\n",
			front: "title = \"x\"\r\nsummary = \"y\"\r\n", body: "Body.\r\n",
			frontLine: 2, bodyLine: 5,
		},
		{
			name:  "trailing blanks after the fences",
			data:  "+++  \ntitle = \"x\"\n+++\t \nBody.\n",
			front: "title = \"x\"\n", body: "Body.\n",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "trailing blanks and CRLF",
			data:  "+++ \r\ntitle = \"x\"\r\n+++ \r\nBody.",
			front: "title = \"x\"\r\n", body: "Body.",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "no body",
			data:  "+++\ntitle = \"x\"\n+++\n",
			front: "title = \"x\"\n", body: "",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "closing +++ at the end of the file, without a newline",
			data:  "+++\ntitle = \"x\"\n\n+++",
			front: "title = \"x\"\n\n", body: "",
			frontLine: 2, bodyLine: 5,
		},
		{
			name:  "empty front matter",
			data:  "+++\n+++\nBody.\n",
			front: "", body: "Body.\n",
			frontLine: 2, bodyLine: 3,
		},
		{
			name:  "only the first closing fence counts",
			data:  "+++\na = 1\n+++\nBody.\n+++\nMore.\n",
			front: "a = 1\n", body: "Body.\n+++\nMore.\n",
			frontLine: 2, bodyLine: 4,
		},
		{
			name:  "lines like fences are not fences",
			data:  "+++\na = \"\"\"\n++++\n +++\n+++ x\n\"\"\"\n+++\n",
			front: "a = \"\"\"\n++++\n +++\n+++ x\n\"\"\"\n", body: "",
			frontLine: 2, bodyLine: 8,
		},
		{
			name:  "--- inside TOML front matter is just text",
			data:  "+++\n---\n+++\n",
			front: "---\n", body: "",
			frontLine: 2, bodyLine: 4,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			sp, ok := splitFile("f.md", []byte(tt.data), &errs)
			if !ok || len(errs) > 0 {
				t.Fatalf("splitFile failed: %v", errs.Format())
			}
			if sp.front != tt.front {
				t.Errorf("front = %q, want %q", sp.front, tt.front)
			}
			if string(sp.body) != tt.body {
				t.Errorf("body = %q, want %q", sp.body, tt.body)
			}
			if sp.frontLine != tt.frontLine || sp.bodyLine != tt.bodyLine {
				t.Errorf("frontLine, bodyLine = %d, %d; want %d, %d", sp.frontLine, sp.bodyLine, tt.frontLine, tt.bodyLine)
			}
		})
	}
}

func TestSplitFileErrors(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		line, col int
		msg, hint string
	}{
		{"empty", "", 1, 0, "empty file", "start the file with +++"},
		{"only blanks", " \n\t\r\n", 1, 0, "empty file", ""},
		{"only a byte order mark", "\uFEFF", 1, 0, "empty file", ""},
		{"no front matter", "# Title\n\nBody.\n", 1, 1, "missing front matter", "the first line must be +++"},
		{"blank line before the fence", "\n+++\na = 1\n+++\n", 1, 1, "missing front matter", ""},
		{"indented fence", " +++\na = 1\n+++\n", 1, 1, "missing front matter", ""},
		{"four pluses", "++++\na = 1\n++++\n", 1, 1, "missing front matter", ""},
		{"YAML", "---\ntitle: x\n---\n", 1, 1, "YAML front matter (---) is not supported", "TOML"},
		{"YAML with CRLF", "---\r\ntitle: x\r\n---\r\n", 1, 1, "YAML", ""},
		{"never closed", "+++\ntitle = \"x\"\n\nBody.\n", 1, 1, "front matter opened with +++ on line 1 is never closed", "add a line holding only +++"},
		{"only an opening fence", "+++", 1, 1, "never closed", ""},
		{"opening fence and newline", "+++\n", 1, 1, "never closed", ""},
		{"closed with ---", "+++\ntitle = \"x\"\n---\n", 1, 1, "never closed", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var errs diag.List
			if _, ok := splitFile("f.md", []byte(tt.data), &errs); ok {
				t.Fatalf("splitFile succeeded")
			}
			if len(errs) != 1 {
				t.Fatalf("got %d diagnostics, want 1:\n%s", len(errs), errs.Format())
			}
			d := errs[0]
			if d.Pos != (diag.Position{File: "f.md", Line: tt.line, Col: tt.col}) {
				t.Errorf("at %v, want f.md:%d:%d", d.Pos, tt.line, tt.col)
			}
			if !strings.Contains(d.Msg, tt.msg) || !strings.Contains(d.Hint, tt.hint) {
				t.Errorf("got %q (hint %q), want %q (hint %q)", d.Msg, d.Hint, tt.msg, tt.hint)
			}
		})
	}
}

// FuzzSplit checks splitFile on any bytes: it never panics, it reports
// exactly one problem when it fails, and when it succeeds the parts it
// returns are pieces of the file at the lines it says.
func FuzzSplit(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"x\"\n+++\nBody.\n"))
	f.Add([]byte("\uFEFF+++\r\n+++\r\n"))
	f.Add([]byte("+++ \t\na\n+++"))
	f.Add([]byte("+++"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte(""))
	f.Add([]byte("\n\n+++\n+++\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var errs diag.List
		sp, ok := splitFile("f.md", data, &errs)
		if !ok {
			if len(errs) != 1 {
				t.Fatalf("failed with %d diagnostics, want 1: %v", len(errs), errs)
			}
			return
		}
		if len(errs) != 0 {
			t.Fatalf("succeeded with diagnostics: %v", errs)
		}
		text := bytes.TrimPrefix(data, []byte("\uFEFF"))
		if !bytes.HasSuffix(text, sp.body) {
			t.Errorf("body %q is not the end of the file", sp.body)
		}
		if !bytes.Contains(text, []byte(sp.front)) {
			t.Errorf("front %q is not in the file", sp.front)
		}
		// The front matter starts on line 2; the closing fence is on the
		// line after it, and the body on the line after that.
		if sp.frontLine != 2 {
			t.Errorf("frontLine = %d", sp.frontLine)
		}
		if want := strings.Count(sp.front, "\n") + 3; sp.bodyLine != want {
			t.Errorf("bodyLine = %d, want %d", sp.bodyLine, want)
		}
		if len(sp.body) > 0 {
			head := text[:len(text)-len(sp.body)]
			if got := bytes.Count(head, []byte("\n")) + 1; got != sp.bodyLine {
				t.Errorf("body starts on line %d, bodyLine says %d", got, sp.bodyLine)
			}
		}
	})
}
