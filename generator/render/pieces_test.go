package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"os"
	"testing"

	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/markup"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/themes"
)

// hostile is text with every character html/template escapes.
const hostile = `<b>"x" & 'y' + z</b>`

// testSites are the sites the fragments written in Go are checked on:
// the example site and the held-out maps of the first-screen tests.
var testSites = []string{"../..", "../../themes/testdata/heldout"}

// loadSite loads the site at dir, failing the test on any problem.
func loadSite(t testing.TB, dir string) *content.Site {
	t.Helper()
	return loadFS(t, os.DirFS(dir), content.Options{})
}

// loadFS loads the site in fsys with opts (drafts, the date), failing the
// test on any problem; the Markdown renderer is the default one.
func loadFS(t testing.TB, fsys fs.FS, opts content.Options) *content.Site {
	t.Helper()
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	opts.Markdown = markdown.New(markdown.Options{})
	site, errs := content.Load(fsys, cfg, opts)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return site
}

// defaultRenderer is the built-in theme's renderer.
func defaultRenderer(t testing.TB) *Renderer {
	t.Helper()
	r, errs := New(&Theme{Name: "default", Dir: "(built-in default theme)", FS: themes.Default(), site: os.DirFS(t.TempDir())})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	return r
}

// oldPartials are the partials the pieces were written from, as the
// default theme had them: the theme keeps only those its layouts still
// call, and the tests of the list pages keep copies of the rest
// (testdata/rows). The pieces only the journey page's fragments call
// (its map's chips, each persona's feelings) are held to the fragments'
// golden files instead (TestJourneyFragmentsGolden).
func oldPartials(t testing.TB, r *Renderer) *template.Template {
	t.Helper()
	rows, err := os.ReadFile(rowsOldDir + "/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(r.templates["journey"].Clone())
	return template.Must(ref.Parse(string(rows)))
}

// samePartial checks that write writes what the partial name of ref
// makes of data, byte for byte.
func samePartial(t *testing.T, ref *template.Template, name string, data any, write func(*markup.Writer)) {
	t.Helper()
	var want bytes.Buffer
	if err := ref.ExecuteTemplate(&want, name, data); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var w markup.Writer
	write(&w)
	if got := []byte(w.Result()); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s of %#v:\n got %s\nwant %s", name, data, got, want.Bytes())
	}
}

func TestPiecesMatchTheirPartials(t *testing.T) {
	r := oldPartials(t, defaultRenderer(t))
	for _, dir := range testSites {
		site := loadSite(t, dir)
		for _, j := range site.Journeys {
			samePartial(t, r, "badges", j, func(w *markup.Writer) { writeBadges(w, j) })
			samePartial(t, r, "sparkline", pagedata.Sparkline(j.Stages), func(w *markup.Writer) { writeSparkline(w, pagedata.Sparkline(j.Stages)) })
			samePartial(t, r, "list", j.Tags, func(w *markup.Writer) { writeList(w, j.Tags) })
			for _, s := range j.Stages {
				samePartial(t, r, "list", s.PainPoints, func(w *markup.Writer) { writeList(w, s.PainPoints) })
				samePartial(t, r, "emotion", s.Emotion, func(w *markup.Writer) { writeEmotion(w, s.Emotion) })
				for _, tp := range s.Touchpoints {
					samePartial(t, r, "emotion", tp.Emotion, func(w *markup.Writer) { writeEmotion(w, tp.Emotion) })
				}
			}
		}
		for _, c := range site.Config.Channels {
			samePartial(t, r, "kind", c.Kind, func(w *markup.Writer) { writeKind(w, c.Kind) })
			samePartial(t, r, "kind-icon", c.Kind, func(w *markup.Writer) { writeKindIcon(w, c.Kind) })
		}
	}
	for _, apart := range []string{"", "planned", "draft"} {
		samePartial(t, r, "apart", apart, func(w *markup.Writer) { writeApart(w, apart) })
	}
	// What no example map holds: text to escape, every state and status.
	odd := &content.Journey{State: "future", Status: "in-review", Type: "day_in_the_life"}
	samePartial(t, r, "badges", odd, func(w *markup.Writer) { writeBadges(w, odd) })
	items := []string{hostile, ""}
	samePartial(t, r, "list", items, func(w *markup.Writer) { writeList(w, items) })
	for _, n := range []int{0, 1, 2, 17} {
		samePartial(t, r, "gap", n, func(w *markup.Writer) { writeGap(w, n) })
	}
	samePartial(t, r, "legend", nil, writeLegend)
	for _, url := range []string{"", "https://git.example/edit/main/content/journeys/a%20b.md?x=1&y='2'", "javascript:alert(1)", "../edit/<b>"} {
		samePartial(t, r, "edit", url, func(w *markup.Writer) { writeEdit(w, url) })
	}
}
