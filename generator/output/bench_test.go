package output

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkPublish writes a site shaped like a build's journeys, four
// files in a folder of each, through Publish: the cost per file of
// making folders and files, apart from rendering.
func BenchmarkPublish(b *testing.B) {
	const journeys = 2000
	sizes := map[string]int{"index.html": 60 << 10, "map.json": 12 << 10, "map.svg": 11 << 10, "map.mmd": 1300}
	data := make([]byte, 60<<10)
	dest := filepath.Join(b.TempDir(), "public")
	b.ReportAllocs()
	for b.Loop() {
		err := Publish(dest, false, func(t Target) error {
			for j := range journeys {
				for name, size := range sizes {
					if err := t.WriteFile(fmt.Sprintf("journeys/j%05d/%s", j, name), data[:size]); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*journeys*len(sizes)), "ns/file")
}

// BenchmarkRemove removes a folder shaped like a build's journeys, as
// Publish removes the site it replaced: os.RemoveAll against removeTree.
func BenchmarkRemove(b *testing.B) {
	const journeys = 2000
	data := make([]byte, 20<<10)
	for _, tt := range []struct {
		name   string
		remove func(string) error
	}{{"RemoveAll", os.RemoveAll}, {"removeTree", removeTree}} {
		b.Run(tt.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				dir := filepath.Join(b.TempDir(), "site")
				f := newFreshDir(dir)
				if err := os.Mkdir(dir, 0o755); err != nil {
					b.Fatal(err)
				}
				for j := range journeys {
					for _, name := range []string{"index.html", "map.json", "map.svg", "map.mmd"} {
						if err := f.WriteFile(fmt.Sprintf("journeys/j%05d/%s", j, name), data); err != nil {
							b.Fatal(err)
						}
					}
				}
				b.StartTimer()
				if err := tt.remove(dir); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
