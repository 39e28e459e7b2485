package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// hostile is n bytes or so of one of the shapes that make goldmark
// super-linear, named as in limits.go.
func hostile(shape string, n int) string {
	switch shape {
	case "emphasis":
		return strings.Repeat("_a*", n/3)
	case "blockquotes":
		return strings.Repeat(">", n)
	case "quotes and text":
		return strings.Repeat("> ", n/2) + "x"
	case "bullets":
		return strings.Repeat("- ", n/2) + "x"
	case "numbered":
		return strings.Repeat("1. ", n/3) + "x"
	case "link destinations":
		return strings.Repeat("[a](", n/4)
	case "angle destinations":
		return strings.Repeat("[a](<b ", n/7)
	case "text and links":
		return strings.Repeat("a[b](c", n/6)
	case "link labels":
		return strings.Repeat("]([\n", n/4)
	case "backticks":
		return strings.Repeat("\\``", n/3)
	case "nested labels":
		return strings.Repeat("[", n/2) + strings.Repeat("]", n/2)
	case "reference definitions":
		return strings.Repeat("[a]: b\n", n/7)
	}
	panic("unknown shape " + shape)
}

var hostileShapes = []string{
	"emphasis", "blockquotes", "quotes and text", "bullets", "numbered",
	"link destinations", "angle destinations", "text and links", "link labels", "backticks",
	"nested labels", "reference definitions",
}

func TestCheckLimitsRefuses(t *testing.T) {
	tests := []struct {
		name, src string
		line      int
		msg       string // a substring of the message
	}{
		{"emphasis", hostile("emphasis", 30_000), 1, "runs of *, _ or ~"},
		{"blockquotes", hostile("blockquotes", 1000), 1, "nested 1000 deep"},
		{"33 quotes", strings.Repeat("> ", 33) + "x", 1, "nested 33 deep"},
		{"bullets", hostile("bullets", 1000), 1, "block quotes and lists nested"},
		{"numbered", hostile("numbered", 1000), 1, "block quotes and lists nested"},
		{"mixed markers", strings.Repeat("> - 1) * ", 10) + "x", 1, "nested 40 deep"},
		{"lists nested by indentation", func() string {
			var b strings.Builder
			for i := range 40 {
				fmt.Fprintf(&b, "%s- item\n", strings.Repeat("  ", i))
			}
			return b.String()
		}(), 33, "nested 33 deep"},
		{"link destinations", hostile("link destinations", 30_000), 1, "link destinations"},
		{"angle destinations", hostile("angle destinations", 30_000), 1, "link destinations"},
		{"text and links", hostile("text and links", 30_000), 1, "link destinations"},
		{"link labels", hostile("link labels", 30_000), 1, "link labels"},
		{"nested labels", hostile("nested labels", 30_000), 1, "15000 link labels"},
		{"reference definitions", hostile("reference definitions", 100_000), 1, "link labels"},
		{"backticks", hostile("backticks", 30_000), 1, "runs of ` that do not close"},
		{"second paragraph", "Fine.\n\n" + hostile("emphasis", 30_000), 3, "runs of *"},
		{"a heading", "Fine.\n## " + hostile("emphasis", 30_000), 2, "runs of *"},
		{"under a heading", "## A\n" + hostile("emphasis", 30_000), 2, "runs of *"},
		{"after a fence", "```\n*\n```\n" + hostile("emphasis", 30_000), 4, "runs of *"},
		{"in a block quote", "> ok\n>\n> " + hostile("emphasis", 30_000), 3, "runs of *"},
		{"lines of one paragraph", strings.Repeat("_a*_a*_a*\n", 5000), 1, "runs of *"},
		{"numbered lines continue a paragraph", "text\n" + strings.Repeat("2. _a*_a*_a*\n", 5000), 1, "runs of *"},
		{"a fence inside a quote ends with it", "> ```\n" + hostile("emphasis", 30_000), 2, "runs of *"},
		{"a fence cannot hold backticks in its info", "``` `x\n" + hostile("emphasis", 30_000), 1, "runs of *"},
		{"four blanks do not open a fence", "text\n    ```\n" + hostile("emphasis", 30_000), 1, "runs of *"},
		{"not a table: cells differ", "a|b\n|-\n" + strings.Repeat("_a*_a*_a*\n", 5000), 1, "runs of *"},
		{"one table row", "| a |\n|---|\n| " + hostile("emphasis", 30_000) + " |", 3, "runs of *"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkLimits([]byte(tt.src))
			if err == nil {
				t.Fatal("accepted")
			}
			if err.Line != tt.line || !strings.Contains(err.Msg, tt.msg) || err.Hint == "" {
				t.Errorf("got line %d %q (hint %q), want line %d and %q", err.Line, err.Msg, err.Hint, tt.line, tt.msg)
			}
		})
	}
}

func TestCheckLimitsAccepts(t *testing.T) {
	row := "| **Stage** | `code` | _note_ | [link](https://example.com/a_(b)) |\n"
	tests := []struct{ name, src string }{
		{"empty", ""},
		{"prose", strings.Repeat("Customers *compare* bikes, read [reviews](https://example.com/r) and `buy`.\n\n", 2000)},
		{"a long paragraph of emphasis", strings.Repeat("**Interviewer:** what next? _Customer:_ pay.\n", 300)},
		{"snake_case words do not count", strings.Repeat("checkout_started cart_viewed order_placed ", 5000)},
		{"32 levels", strings.Repeat("> ", 32) + "x"},
		{"a rule of many stars", strings.Repeat("* ", 500)},
		{"items one column apart are not nested", func() string {
			var b strings.Builder
			for i := range 40 {
				fmt.Fprintf(&b, "%s- item\n", strings.Repeat(" ", i%2))
			}
			return b.String()
		}()},
		{"lists nested by indentation, and back", func() string {
			var b strings.Builder
			for i := range 2000 {
				fmt.Fprintf(&b, "%s- item *%d*\n\n", strings.Repeat("  ", i%30), i)
			}
			return b.String()
		}()},
		{"a long list", strings.Repeat("- **bold** and _it_ and `code` and [l](u)\n", 5000)},
		{"a numbered list", strings.Repeat("1. **bold** _it_ `code`\n2. **bold** _it_ `code`\n", 3000)},
		{"a big table", "| a | b | c | d |\n|---|---|---|---|\n" + strings.Repeat(row, 5000)},
		{"code in a fence", "```c\n" + strings.Repeat("int **p = *q; /* `x` */ a[b](c\n", 3000) + "```\n"},
		{"deep YAML and quoting in a fence", "```\n" + strings.Repeat("> ", 40) + "x\n" + func() string {
			var b strings.Builder
			for i := range 40 {
				fmt.Fprintf(&b, "%s- key: %d\n", strings.Repeat("  ", i), i)
			}
			return b.String()
		}() + "```\n- after\n"},
		{"code in a tilde fence in a list", "- x\n\n  ~~~\n" + strings.Repeat("  *p++ = *q++;\n", 3000) + "  ~~~\n"},
		{"a hundred reference definitions", strings.Repeat("[ref]: https://example.com/a/long/path/to/a/report\n", 100)},
		{"nested brackets", "[a [b [c [d] e] f] g](u) " + strings.Repeat("[[x]] ", 2000)},
		{"many badges in one word", strings.Repeat("[![b](https://e.example/b.svg)](https://e.example/)", 40)},
		{"a long URL", "[a](https://example.com/" + strings.Repeat("x", 100_000) + ")"},
		{"matched code spans", strings.Repeat("`a` `` b ` `` ", 5000)},
		{"escaped markers", strings.Repeat(`\* \_ \[ \] \`+"`", 5000)},
		{"a long single-line paragraph", strings.Repeat("Words and *some* emphasis, a [link](u), `code`. ", 20_000)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := checkLimits([]byte(tt.src)); err != nil {
				t.Errorf("refused: %v", err)
			}
		})
	}
}

func TestRenderLimitError(t *testing.T) {
	r := New(Options{})
	_, err := r.Render([]byte("# Title\n\n" + hostile("emphasis", 30_000)))
	var le *LimitError
	if !errors.As(err, &le) || le.Line != 3 {
		t.Fatalf("Render = %v, want a *LimitError at line 3", err)
	}
	if _, err := r.Render([]byte(strings.Repeat("> ", 32) + "x")); err != nil {
		t.Errorf("Render at the nesting limit: %v", err)
	}
}

// BenchmarkRenderHostile renders 1 MB and 10 MB of each hostile shape:
// one paragraph of it, which the limits refuse, and paragraphs just
// under the limits, which are rendered. Both should scale linearly:
//
//	go test ./generator/markdown -run '^$' -bench RenderHostile -benchtime 1x
func BenchmarkRenderHostile(b *testing.B) {
	r := New(Options{})
	for _, shape := range hostileShapes {
		para := largestAccepted(shape) + "\n\n"
		for _, mb := range []int{1, 10} {
			size := mb << 20
			refused := []byte(hostile(shape, size))
			under := []byte(strings.Repeat(para, size/len(para)))
			b.Run(fmt.Sprintf("%s/refused/%dMB", shape, mb), func(b *testing.B) {
				b.SetBytes(int64(len(refused)))
				for b.Loop() {
					if _, err := r.Render(refused); err == nil {
						b.Fatal("accepted")
					}
				}
			})
			b.Run(fmt.Sprintf("%s/under-the-limit/%dMB", shape, mb), func(b *testing.B) {
				b.SetBytes(int64(len(under)))
				for b.Loop() {
					if _, err := r.Render(under); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// largestAccepted is the longest paragraph of shape that checkLimits
// accepts.
func largestAccepted(shape string) string {
	lo, hi := 1, 1<<20
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if checkLimits([]byte(hostile(shape, mid))) == nil {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return hostile(shape, lo)
}
