package output

import (
	"fmt"
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
