package pagedata

// What slide_svg_test.go, an external test, needs of this package's own.

// SlidePagesForTest are the slide cases of slide_test.go, each as a
// journey page whose slide is laid out, its title with characters to
// escape.
func SlidePagesForTest() []struct {
	Name string
	Page *Page
} {
	var out []struct {
		Name string
		Page *Page
	}
	for _, c := range slideCases {
		j := slideJourney(c)
		j.Title += " <&>"
		p := &Page{Kind: Journey, Journey: j, Slide: newSlide(j, compare(j), worstMoment(j), "Site & co")}
		out = append(out, struct {
			Name string
			Page *Page
		}{c.name, p})
	}
	return out
}

// SlideTextsForTest is slideTexts.
var SlideTextsForTest = slideTexts
