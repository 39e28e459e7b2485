package themes_test

import (
	"fmt"
	"io/fs"
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/themes"
)

// Colours with one meaning each (issue 17): red, orange and green mean
// emotion, so no other mark may take a hue a reader would take for a
// feeling. These tests read the default theme's custom properties, in light
// and in dark, and hold the others away from the emotion scale.
//
// The measure is OKLCH, the perceptual space CSS Color 4 defines: a colour
// is far from an emotion colour when their hues are at least minHueGap
// degrees apart, or when it is so grey (chroma under greyChroma) that it has
// no hue to mistake. The emotion colours sit at hues 25° to 165°, so the
// rule leaves blues, violets and greys to the rest.
const (
	minHueGap  = 60.0
	greyChroma = 0.02
)

// emotionColours are the scale's signed colours and their tints; emo-0
// (neutral) is grey and means no feeling, so it is not among them.
var emotionColours = []string{
	"--emo-p2", "--emo-p1", "--emo-n1", "--emo-n2",
	"--emo-p2-tint", "--emo-p1-tint", "--emo-n1-tint", "--emo-n2-tint",
}

// otherMeanings are the colours that mean something other than emotion:
// the channel kind's chip and icon, the moment of truth, and focus (which
// also rings the selected stage). A new --kind-* or --mot-* property is
// checked too.
func otherMeanings(props map[string]string) []string {
	names := []string{"--focus", "--accent"}
	for name := range props {
		if strings.HasPrefix(name, "--kind-") || strings.HasPrefix(name, "--mot") {
			names = append(names, name)
		}
	}
	return names
}

func TestColoursHaveOneMeaning(t *testing.T) {
	for scheme, props := range stylesheetSchemes(t) {
		for _, name := range otherMeanings(props) {
			c := resolveColour(t, props, name)
			for _, emo := range emotionColours {
				e := resolveColour(t, props, emo)
				if c.C < greyChroma {
					continue
				}
				if gap := hueGap(c.H, e.H); gap < minHueGap {
					t.Errorf("%s: %s (%s, hue %.0f°, chroma %.3f) is %.0f° from %s (%s, hue %.0f°): under %.0f°, it reads as an emotion",
						scheme, name, c.Hex, c.H, c.C, gap, emo, e.Hex, e.H, minHueGap)
				}
			}
		}
	}
}

// The marks that carry a meaning without words must be seen against what
// they sit on: WCAG 2.2's 3:1 for graphics (1.4.11) and 4.5:1 for the
// moment of truth's text. Text in the pages is checked by axe
// (a11y_test.go); an SVG icon's stroke is not.
func TestMeaningfulMarksContrast(t *testing.T) {
	checks := []struct {
		fg, bg string
		min    float64
		what   string
	}{
		{"--kind-icon", "--kind-chip", 3, "a channel kind's icon on its chip"},
		{"--mot", "--surface", 4.5, "the moment of truth's label"},
		{"--mot", "--mot-tint", 4.5, "the moment of truth's label on its tint"},
		{"--focus", "--surface", 3, "the focus and selected-stage ring"},
		{"--focus", "--bg", 3, "the focus ring on the page"},
	}
	for scheme, props := range stylesheetSchemes(t) {
		for _, c := range checks {
			fg, bg := resolveColour(t, props, c.fg), resolveColour(t, props, c.bg)
			if r := contrast(fg, bg); r < c.min {
				t.Errorf("%s: %s: %s %s on %s %s has contrast %.2f:1, under %.1f:1", scheme, c.what, c.fg, fg.Hex, c.bg, bg.Hex, r, c.min)
			}
		}
	}
}

// map.svg carries its own styles (it is a file for slides, without the
// stylesheet), so its copies of the colours must be the stylesheet's light
// ones: the same violet for a moment of truth as on the page, the same
// colour for each persona's line.
func TestMapSVGColoursMatchStylesheet(t *testing.T) {
	light := stylesheetSchemes(t)["light"]
	svg := readTheme(t, "layouts/map.svg")
	for _, c := range []struct{ class, property, prop string }{
		{"mot", "fill", "--mot-tint"},
		{"mot", "stroke", "--mot"},
		{"mot-label", "fill", "--mot"},
		{"emo-n2", "fill", "--emo-n2"},
		{"emo-p2", "fill", "--emo-p2"},
		{"worst-ring", "stroke", "--emo-n2"},
		{"today-line", "stroke", "--today"},
		{"tone-1", "stroke", "--tone-1"},
		{"tone-2", "stroke", "--tone-2"},
		{"tone-3", "stroke", "--tone-3"},
		{"tone-4", "stroke", "--tone-4"},
		{"tone-5", "stroke", "--tone-5"},
		{"tone-6", "stroke", "--tone-6"},
	} {
		re := regexp.MustCompile(`\.` + regexp.QuoteMeta(c.class) + `\s*\{[^}]*\b` + c.property + `:\s*(#[0-9a-fA-F]{6})`)
		m := re.FindStringSubmatch(svg)
		if m == nil {
			t.Errorf("map.svg: no %s in a .%s rule", c.property, c.class)
			continue
		}
		if want := resolveColour(t, light, c.prop).Hex; !strings.EqualFold(m[1], want) {
			t.Errorf("map.svg: .%s %s is %s, the stylesheet's %s is %s", c.class, c.property, m[1], c.prop, want)
		}
	}
}

func readTheme(t *testing.T, name string) string {
	t.Helper()
	b, err := fs.ReadFile(themes.Default(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

var (
	rootBlock = regexp.MustCompile(`(?s):root\s*\{(.*?)\n\s*\}`)
	darkBlock = regexp.MustCompile(`(?s)@media[^{]*prefers-color-scheme:\s*dark[^{]*\{\s*:root\s*\{(.*?)\n\s*\}`)
	property  = regexp.MustCompile(`(--[\w-]+)\s*:\s*([^;]+);`)
)

// stylesheetSchemes reads waymark.css's custom properties: "light" from its
// first :root rule, "dark" from that with the dark scheme's :root over it.
func stylesheetSchemes(t *testing.T) map[string]map[string]string {
	t.Helper()
	css := readTheme(t, "static/css/waymark.css")
	root, dark := rootBlock.FindStringSubmatch(css), darkBlock.FindStringSubmatch(css)
	if root == nil || dark == nil {
		t.Fatal("waymark.css: no :root rule, or none under prefers-color-scheme: dark")
	}
	light := map[string]string{}
	for _, m := range property.FindAllStringSubmatch(root[1], -1) {
		light[m[1]] = strings.TrimSpace(m[2])
	}
	darkProps := map[string]string{}
	for k, v := range light {
		darkProps[k] = v
	}
	for _, m := range property.FindAllStringSubmatch(dark[1], -1) {
		darkProps[m[1]] = strings.TrimSpace(m[2])
	}
	return map[string]map[string]string{"light": light, "dark": darkProps}
}

// oklch is a colour in OKLCH (lightness 0–1, chroma, hue in degrees), with
// its sRGB relative luminance for contrast.
type oklch struct {
	Hex       string
	L, C, H   float64
	Luminance float64
}

// resolveColour follows var() references to a #rrggbb value.
func resolveColour(t *testing.T, props map[string]string, name string) oklch {
	t.Helper()
	v, seen := name, 0
	for strings.HasPrefix(v, "--") || strings.HasPrefix(v, "var(") {
		v = strings.TrimSuffix(strings.TrimPrefix(v, "var("), ")")
		next, ok := props[v]
		if !ok || seen > 10 {
			t.Fatalf("waymark.css: %s: %s is not defined", name, v)
		}
		v, seen = next, seen+1
	}
	c, err := parseHex(v)
	if err != nil {
		t.Fatalf("waymark.css: %s: %v", name, err)
	}
	return c
}

func parseHex(s string) (oklch, error) {
	if len(s) != 7 || s[0] != '#' {
		return oklch{}, fmt.Errorf("%q is not a #rrggbb colour", s)
	}
	var lin [3]float64
	for i := range lin {
		n, err := strconv.ParseUint(s[1+2*i:3+2*i], 16, 8)
		if err != nil {
			return oklch{}, fmt.Errorf("%q is not a #rrggbb colour", s)
		}
		c := float64(n) / 255
		if c <= 0.04045 {
			lin[i] = c / 12.92
		} else {
			lin[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	r, g, b := lin[0], lin[1], lin[2]
	// Björn Ottosson's OKLab, as CSS Color 4 gives it.
	l := math.Cbrt(0.4122214708*r + 0.5363325363*g + 0.0514459929*b)
	m := math.Cbrt(0.2119034982*r + 0.6806995451*g + 0.1073969566*b)
	q := math.Cbrt(0.0883024619*r + 0.2817188376*g + 0.6299787005*b)
	L := 0.2104542553*l + 0.7936177850*m - 0.0040720468*q
	A := 1.9779984951*l - 2.4285922050*m + 0.4505937099*q
	B := 0.0259040371*l + 0.7827717662*m - 0.8086757660*q
	h := math.Mod(math.Atan2(B, A)*180/math.Pi+360, 360)
	return oklch{Hex: s, L: L, C: math.Hypot(A, B), H: h,
		Luminance: 0.2126*r + 0.7152*g + 0.0722*b}, nil
}

// hueGap is the distance between two hues around the circle, 0 to 180°.
func hueGap(a, b float64) float64 {
	d := math.Abs(a - b)
	return math.Min(d, 360-d)
}

// contrast is WCAG 2's contrast ratio.
func contrast(a, b oklch) float64 {
	hi, lo := math.Max(a.Luminance, b.Luminance), math.Min(a.Luminance, b.Luminance)
	return (hi + 0.05) / (lo + 0.05)
}

func TestColourMeasures(t *testing.T) {
	for _, c := range []struct {
		hex     string
		wantH   float64 // hue, ±1°
		grey    bool
		against string
		ratio   float64 // contrast against `against`, ±0.01
	}{
		{"#ff0000", 29.2, false, "#ffffff", 4.00},
		{"#00ff00", 142.5, false, "#000000", 15.30},
		{"#0000ff", 264.1, false, "#ffffff", 8.59},
		{"#777777", 0, true, "#ffffff", 4.48},
	} {
		got, err := parseHex(c.hex)
		if err != nil {
			t.Fatal(err)
		}
		against, _ := parseHex(c.against)
		if (got.C < greyChroma) != c.grey || (!c.grey && math.Abs(got.H-c.wantH) > 1) {
			t.Errorf("%s: hue %.1f°, chroma %.3f; want hue %.1f°, grey %v", c.hex, got.H, got.C, c.wantH, c.grey)
		}
		if r := contrast(got, against); math.Abs(r-c.ratio) > 0.01 {
			t.Errorf("%s on %s: contrast %.2f, want %.2f", c.hex, c.against, r, c.ratio)
		}
	}
	if g := hueGap(350, 10); g != 20 {
		t.Errorf("hueGap(350, 10) = %v, want 20", g)
	}
	for _, bad := range []string{"red", "#fff", "#gggggg", "rgb(0 0 0)"} {
		if _, err := parseHex(bad); err == nil {
			t.Errorf("parseHex(%q): no error", bad)
		}
	}
}
