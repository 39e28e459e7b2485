// Command pagetime loads a site and renders its pages one kind at a time
// on one core, printing the time and bytes of each kind: where a full
// build spends its rendering time.
//
//	go run ./bench/pagetime -site /tmp/corpus-2000
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"sort"
	"time"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/markdown"
	"github.com/waymark-cx/waymark/generator/pagedata"
	"github.com/waymark-cx/waymark/generator/render"
	"github.com/waymark-cx/waymark/themes"
)

func main() {
	site := flag.String("site", ".", "the site folder")
	profile := flag.String("cpuprofile", "", "write a CPU profile of loading and rendering to this file")
	only := flag.String("kind", "", "render only the pages of this kind (journey, persona, channel, …)")
	heap := flag.String("memprofile", "", "write a heap profile, taken once the site is loaded, to this file")
	flag.Parse()
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		pprof.StartCPUProfile(f)
		defer pprof.StopCPUProfile()
	}
	fsys := os.DirFS(*site)
	start := time.Now()
	cfg, errs := config.Load(fsys)
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		os.Exit(1)
	}
	s, errs := content.Load(fsys, cfg, content.Options{Markdown: markdown.New(markdown.Options{})})
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		os.Exit(1)
	}
	fmt.Printf("%-10s %8.0f ms\n", "load", float64(time.Since(start).Microseconds())/1000)
	if *heap != "" {
		f, err := os.Create(*heap)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		runtime.GC()
		pprof.WriteHeapProfile(f)
		f.Close()
	}
	theme, errs := render.OpenTheme(fsys, cfg.Theme, themes.Default())
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		os.Exit(1)
	}
	pl, errs := build.NewPipeline(theme, time.Now(), false)
	if len(errs) > 0 {
		fmt.Fprintln(os.Stderr, errs)
		os.Exit(1)
	}
	pages := pl.Pages(s)
	byKind := map[string][]*pagedata.Page{}
	var kinds []string
	for _, p := range pages {
		k := string(p.Kind) + " " + p.URL
		if p.Kind == pagedata.Journey || p.Kind == pagedata.Persona || p.Kind == pagedata.Channel {
			k = string(p.Kind)
		}
		if byKind[k] == nil {
			kinds = append(kinds, k)
		}
		byKind[k] = append(byKind[k], p)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		if *only != "" && string(byKind[k][0].Kind) != *only {
			continue
		}
		var n, files int
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		t := time.Now()
		err := pl.Render(1, byKind[k], func(name string, data []byte) error {
			n += len(data)
			files++
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return
		}
		d := time.Since(t)
		runtime.ReadMemStats(&after)
		// Allocations are a measure of the work that does not change
		// with what else the machine is doing, unlike the time.
		fmt.Printf("%-28s %5d pages %8.0f ms %8.3f ms/page %8.0f allocs/page %8.1f MB\n", k, len(byKind[k]), float64(d.Microseconds())/1000,
			float64(d.Microseconds())/1000/float64(len(byKind[k])), float64(after.Mallocs-before.Mallocs)/float64(len(byKind[k])), float64(n)/1e6)
	}
}
