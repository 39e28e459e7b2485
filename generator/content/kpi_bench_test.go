package content

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReadKPIs reads a daily series of 25 years: 10,000 rows.
func BenchmarkReadKPIs(b *testing.B) {
	var sb strings.Builder
	sb.WriteString("journey,stage,kpi,date,value,target,unit,better\n")
	for i := range 10000 {
		fmt.Fprintf(&sb, "buying-a-bike,research,Daily metric,%04d-%02d-%02d,%d.5,60,%%,higher\n", 2000+i/336, 1+i/28%12, 1+i%28, i%101)
	}
	data := []byte(sb.String())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if f := readKPIs(K, data); len(f.errs) > 0 || len(f.rows) != 10000 {
			b.Fatal(f.errs.Format())
		}
	}
}
