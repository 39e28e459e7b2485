package pagedata_test

// An external test: it renders slides with the default theme, whose
// package (render) imports this one.

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/render"
	"github.com/waymark-cx/waymark/themes"
)

// The default theme's map.svg, on every slide above: well-formed XML in
// the SVG namespace, an image with a title and a description, a tooltip
// wherever text is cut, and nothing loaded from anywhere.
func TestSlideSVG(t *testing.T) {
	th, errs := render.OpenTheme(fstest.MapFS{}, "default", themes.Default())
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	r, errs := render.New(th)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, c := range pagedata.SlidePagesForTest() {
		t.Run(c.Name, func(t *testing.T) {
			p := c.Page
			var b bytes.Buffer
			if err := r.ExecuteSlide(p, &b); err != nil {
				t.Fatal(err)
			}
			svg := b.String()
			dec := xml.NewDecoder(strings.NewReader(svg))
			var stack []string
			titles := 0
			for {
				tok, err := dec.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("not XML: %v\n%s", err, svg)
				}
				switch e := tok.(type) {
				case xml.StartElement:
					if len(stack) == 0 && (e.Name.Space != "http://www.w3.org/2000/svg" || e.Name.Local != "svg") {
						t.Errorf("root %v", e.Name)
					}
					if e.Name.Local == "title" && len(stack) > 1 {
						titles++
					}
					for _, a := range e.Attr {
						if a.Name.Local == "href" {
							t.Errorf("<%s> links to %q", e.Name.Local, a.Value)
						}
					}
					stack = append(stack, e.Name.Local)
				case xml.EndElement:
					stack = stack[:len(stack)-1]
				}
			}
			for _, want := range []string{`role="img"`, `aria-labelledby="map-title map-desc"`, `<title id="map-title">`, `<desc id="map-desc">`, `viewBox="0 0 1600 900"`} {
				if !strings.Contains(svg, want) {
					t.Errorf("no %s", want)
				}
			}
			if strings.Contains(svg, "url(") || strings.Contains(svg, "@import") || strings.Count(svg, "http") != 1 /* the namespace */ {
				t.Errorf("the slide refers to something outside itself")
			}
			cut := 0
			for _, tx := range pagedata.SlideTextsForTest(p.Slide) {
				if tx.Cut {
					cut++
				}
			}
			if titles != cut {
				t.Errorf("%d tooltips for %d cut texts", titles, cut)
			}
		})
	}
}
