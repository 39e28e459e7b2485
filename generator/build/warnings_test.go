package build

import (
	"slices"
	"strings"
	"testing"

	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/output"
	"github.com/waymark-cx/waymark/themes"
)

// firstLines is each diagnostic's first line, without its hint.
func firstLines(l diag.List) []string {
	var lines []string
	for _, d := range l {
		lines = append(lines, strings.SplitN(d.String(), "\n", 2)[0])
	}
	return lines
}

// The golden fixture is small on purpose, and its warnings are the ones
// its maps call for: "Buying a bike" is stale on goldenNow (its banner is
// in the golden page), the two other maps are minimal, and Ben is the
// persona of no map.
func TestBuildWarningsFixture(t *testing.T) {
	stats, diags, err := Build(Options{Root: fixture(), Builtin: themes.Default(), Now: goldenNow}, output.NewMemory())
	if err != nil || len(diags) > 0 {
		t.Fatalf("err %v, diagnostics:\n%s", err, diags.Format())
	}
	want := []string{
		"content/journeys/buy.md:8:1: warning: map was last updated on 2026-10-01, 53 days ago: older than 30 days",
		"content/journeys/plans/buy-later.md:2:1: warning: journey has no evidence",
		`content/journeys/plans/buy-later.md:12:1: warning: stage "Checkout" has pain points but no opportunity`,
		"content/journeys/returns/damaged.md:2:1: warning: journey has no evidence",
		`content/personas/ben.md:2:1: warning: persona "Ben Cole" is in no journey`,
	}
	if got := firstLines(stats.Warnings); !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBuildWarnings(t *testing.T) {
	const gap = "+++\ntitle = \"Gap\"\npersonas = [\"p\"]\n[[stages]]\nname = \"S\"\npain_points = [\"slow\"]\n+++\n"
	tests := []struct {
		name     string
		files    map[string]string
		built    bool     // the site is written
		errors   []string // the diagnostics that stop it
		warnings []string
	}{
		{
			name:  "only warnings: built",
			files: map[string]string{"content/journeys/gap.md": gap},
			built: true,
			warnings: []string{
				"content/journeys/gap.md:2:1: warning: journey has no evidence",
				`content/journeys/gap.md:4:1: warning: stage "S" has pain points but no opportunity`,
			},
		},
		{
			name: "errors and warnings: not built, and both come back",
			files: map[string]string{
				"content/journeys/gap.md": gap,
				"content/journeys/bad.md": "+++\ntitle = \"Bad\"\npersonas = [\"nobody\"]\n[[stages]]\nname = \"S\"\n+++\n",
			},
			errors: []string{`content/journeys/bad.md:3:13: unknown persona "nobody"`},
			warnings: []string{
				"content/journeys/bad.md:2:1: warning: journey has no evidence",
				"content/journeys/gap.md:2:1: warning: journey has no evidence",
				`content/journeys/gap.md:4:1: warning: stage "S" has pain points but no opportunity`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := output.NewMemory()
			stats, diags, err := Build(Options{Root: limitSite(tt.files), Builtin: themes.Default()}, mem)
			if err != nil {
				t.Fatal(err)
			}
			if _, ok := mem.File("journeys/gap/index.html"); ok != tt.built {
				t.Errorf("journeys/gap/index.html written: %v, want %v", ok, tt.built)
			}
			// The diagnostics are errors only, and the warnings come
			// whether the build fails or not.
			errs, warns := diags.Split()
			if len(warns) > 0 {
				t.Errorf("warnings among the errors: %v", warns)
			}
			warns = stats.Warnings
			if got := firstLines(errs); !slices.Equal(got, tt.errors) {
				t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.errors, "\n"))
			}
			if got := firstLines(warns); !slices.Equal(got, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
		})
	}
}

// A rebuild after a change reports the warnings of the whole site, the
// unchanged files' included.
func TestRebuildWarnings(t *testing.T) {
	files := map[string]string{
		"content/journeys/a.md": "+++\ntitle = \"A\"\npersonas = [\"p\"]\n[[stages]]\nname = \"S\"\n+++\n",
		"content/journeys/b.md": "+++\ntitle = \"B\"\npersonas = [\"p\"]\n[[stages]]\nname = \"S\"\n+++\n",
	}
	fsys := limitSite(files)
	b := NewBuilder(Options{Root: fsys, Builtin: themes.Default()})
	mem := output.NewMemory()
	res, diags, err := b.Build(t.Context(), mem, Change{All: true})
	if err != nil || len(diags) > 0 || len(res.Warnings) != 2 {
		t.Fatalf("first build: err %v, diagnostics %v, warnings %v", err, diags, res.Warnings)
	}
	fsys["content/journeys/b.md"].Data = []byte("+++\ntitle = \"B\"\npersonas = [\"p\"]\n[[stages]]\nname = \"S\"\n" +
		"[[stages.evidence]]\nkind = \"poll\"\n+++\n")
	res, diags, err = b.Build(t.Context(), mem, Change{Files: []string{"content/journeys/b.md"}})
	if err != nil || len(diags) > 0 || res.Full {
		t.Fatalf("rebuild: err %v, diagnostics %v, full %v", err, diags, res.Full)
	}
	want := []string{"content/journeys/a.md:2:1: warning: journey has no evidence"}
	if got := firstLines(res.Warnings); !slices.Equal(got, want) {
		t.Errorf("warnings after the rebuild:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
