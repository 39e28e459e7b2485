// Command saveserved measures what an author feels in watch mode: the
// time from saving a journey's file to its new page being served by
// `waymark serve`.
//
// It starts the real server on a site (generate a big one with
// cmd/waymark-corpus), listens to the live-reload stream as a browser
// would, then saves one journey again and again with a new title. Each
// run is timed from the write to the moment a GET of the journey's page
// returns the new title, after the server announced the reload; and to
// the second reload event, when the pages that list the journey (the
// index, its personas, the channel pages) are rebuilt too. First it
// says how long after starting the server its first page was served
// (run it twice to see that from a warm build cache, when the page is
// served before the server's own first build is done), and when that
// build was done: the saves are timed after it.
//
//	go run ./cmd/waymark-corpus -journeys 2000 -out /tmp/corpus-2000
//	go run ./bench/saveserved -site /tmp/corpus-2000
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
)

func main() {
	site := flag.String("site", "", "the site `folder` to serve (required)")
	runs := flag.Int("n", 40, "how many saves to time")
	pause := flag.Duration("pause", 400*time.Millisecond, "wait between saves, for the rebuild to finish")
	verbose := flag.Bool("v", false, "show the server's output")
	flag.Parse()
	if *site == "" {
		fmt.Fprintln(os.Stderr, "usage: saveserved -site DIR [-n 40]")
		os.Exit(2)
	}
	if err := run(*site, *runs, *pause, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "saveserved:", err)
		os.Exit(1)
	}
}

func run(site string, runs int, pause time.Duration, verbose bool) error {
	bin := filepath.Join(os.TempDir(), "waymark-saveserved")
	if out, err := exec.Command("go", "build", "-o", bin, "./cmd/waymark").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	file, err := firstJourney(site)
	if err != nil {
		return err
	}
	orig, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	defer os.WriteFile(file, orig, 0o644)

	cmd := exec.Command(bin, "serve", "-s", site, "--port", "0")
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	fmt.Fprintln(os.Stderr, "building the site in memory…")
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }()
	lines := bufio.NewScanner(stdout)
	var base string
	built := false // the server's first build is done
	for base == "" && lines.Scan() {
		fmt.Fprintln(os.Stderr, lines.Text())
		base = regexp.MustCompile(`http://[^ ]+/`).FindString(lines.Text())
		built = built || strings.Contains(lines.Text(), " built ")
	}
	if base == "" {
		return fmt.Errorf("the server printed no address")
	}
	root := regexp.MustCompile(`^http://[^/]+/`).FindString(base)
	// The first page served: how long an author waits after starting
	// the server (from the build cache, when it has one). From a warm
	// cache it is served before the server's first build is done.
	first, err := http.Get(base)
	if err != nil {
		return err
	}
	first.Body.Close()
	fmt.Printf("first page served %d ms after starting\n", time.Since(started).Milliseconds())
	// The saves are timed once that build is done: a save during it
	// waits for it, and would be kept by the build cache as the site's
	// last state, which the next run would not find.
	for !built && lines.Scan() {
		fmt.Fprintln(os.Stderr, lines.Text())
		built = strings.Contains(lines.Text(), " built ")
	}
	fmt.Printf("first build done %d ms after starting\n", time.Since(started).Milliseconds())
	if verbose {
		go io.Copy(os.Stderr, stdout)
	} else {
		go io.Copy(io.Discard, stdout)
	}

	resp, err := http.Get(root + "_waymark/events")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	events := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				events <- data
			}
		}
		close(events)
	}()

	var own, all, announced []time.Duration
	for i := range runs + 1 {
		title := fmt.Sprintf("Timed save %d", i)
		edited := regexp.MustCompile(`(?m)^title\s*=\s*"[^"]*"`).ReplaceAll(orig, []byte(`title = "`+title+`"`))
		if bytes.Equal(edited, orig) {
			return fmt.Errorf("%s has no title line to edit", file)
		}
		start := time.Now()
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			return err
		}
		page, err := waitReload(events, "/journeys/")
		if err != nil {
			return err
		}
		announcedTook := time.Since(start)
		if err := waitServed(base, page, title); err != nil {
			return err
		}
		ownTook := time.Since(start)
		if _, err := waitReload(events, ""); err != nil {
			return err
		}
		allTook := time.Since(start)
		if i > 0 { // the first save warms the caches
			own = append(own, ownTook)
			announced = append(announced, announcedTook)
			all = append(all, allTook)
		}
		time.Sleep(pause)
	}
	fmt.Printf("%d saves of %s\n", runs, file)
	fmt.Printf("saved → reload event:          %s\n", stats(announced))
	fmt.Printf("saved → journey page served:   %s\n", stats(own))
	fmt.Printf("saved → every page rebuilt:    %s\n", stats(all))
	return nil
}

// waitReload waits for a reload event; with want, for one naming a page
// that contains it, which it returns.
func waitReload(events <-chan string, want string) (string, error) {
	timeout := time.After(30 * time.Second)
	for {
		select {
		case data, ok := <-events:
			if !ok {
				return "", fmt.Errorf("the event stream ended")
			}
			if want == "" {
				return "", nil
			}
			for _, p := range regexp.MustCompile(`"(/[^"]*)"`).FindAllStringSubmatch(data, -1) {
				if strings.Contains(p[1], want) {
					return p[1], nil
				}
			}
		case <-timeout:
			return "", fmt.Errorf("no reload event")
		}
	}
}

// waitServed fetches the page until it shows title.
func waitServed(base, page, title string) error {
	u := strings.TrimSuffix(regexp.MustCompile(`^http://[^/]+`).FindString(base), "/") + page
	for range 1000 {
		resp, err := http.Get(u)
		if err != nil {
			return err
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if bytes.Contains(body, []byte(title)) {
			return nil
		}
	}
	return fmt.Errorf("%s never showed %q", u, title)
}

func stats(ds []time.Duration) string {
	if len(ds) == 0 {
		return "no runs"
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }
	return fmt.Sprintf("median %s, p90 %s, min %s, max %s", ms(s[len(s)/2]), ms(s[len(s)*9/10]), ms(s[0]), ms(s[len(s)-1]))
}

func firstJourney(site string) (string, error) {
	var found string
	err := filepath.WalkDir(filepath.Join(site, "content", "journeys"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && found == "" && !d.IsDir() && strings.HasSuffix(p, ".md") {
			found = p
		}
		return err
	})
	if found == "" && err == nil {
		err = fmt.Errorf("no journey under %s/content/journeys", site)
	}
	return found, err
}
