package content

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/waymark-cx/waymark/generator/config"
)

// exampleSite is the repository's example site, with a journey that has
// problems and a persona whose photo is missing added to it, so that a
// stored file's diagnostics are stored too.
func exampleSite(t *testing.T) (fstest.MapFS, *config.Config) {
	t.Helper()
	fsys := fstest.MapFS{}
	root := os.DirFS("../..")
	for _, dir := range []string{"content", "data", "static"} {
		err := fs.WalkDir(root, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(root, p)
			fsys[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			t.Fatal(err)
		}
	}
	site, err := fs.ReadFile(root, config.File)
	if err != nil {
		t.Fatal(err)
	}
	fsys[config.File] = &fstest.MapFile{Data: site}
	fsys["content/journeys/broken.md"] = &fstest.MapFile{Data: []byte("+++\ntitle = \"Broken\"\nchanels = [\"web\"]\npersonas = [\"nobody\"]\n[[stages]]\nname = \"One\"\nemotion = 7\n+++\nSee [this](javascript:alert(1)).\n")}
	fsys["content/journeys/unreadable.md"] = &fstest.MapFile{Data: []byte("no front matter\n")}
	fsys["content/personas/ghost.md"] = &fstest.MapFile{Data: []byte("+++\nname = \"Ghost\"\nphoto = \"img/ghost.jpg\"\n+++\n")}
	cfg, errs := config.Load(fsys)
	if cfg == nil {
		t.Fatal(errs.Format())
	}
	return fsys, cfg
}

// A cache that Save wrote and ReadCache read gives the same site, the
// same problems and the same warnings as decoding every file, and decodes
// nothing that did not change; a changed file is decoded afresh.
func TestCacheSaveRead(t *testing.T) {
	fsys, cfg := exampleSite(t)
	cold, coldErrs := Load(fsys, cfg, Options{})
	if len(coldErrs) == 0 {
		t.Fatal("the test site should have problems")
	}

	first := NewCache()
	Load(fsys, cfg, Options{Cache: first})
	var buf bytes.Buffer
	if err := first.Save(&buf); err != nil {
		t.Fatal(err)
	}
	warm, err := ReadCache(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	site, errs := Load(fsys, cfg, Options{Cache: warm})
	if warm.Changed() {
		t.Error("a load from an up-to-date store decoded files again")
	}
	if !reflect.DeepEqual(errs, coldErrs) {
		t.Errorf("problems differ:\n%s\nwant\n%s", errs.Format(), coldErrs.Format())
	}
	if !reflect.DeepEqual(site, cold) {
		t.Error("the site loaded from the store differs from the one decoded")
	}

	// One journey changes: it alone is decoded, and the store changed.
	warm, _ = ReadCache(buf.Bytes())
	const buy = "content/journeys/purchase/buying-a-bike.md"
	fsys[buy] = &fstest.MapFile{Data: bytes.Replace(fsys[buy].Data, []byte(`"Buying a bike"`), []byte(`"New: Buying a bike"`), 1)}
	site, _ = Load(fsys, cfg, Options{Cache: warm})
	cold, _ = Load(fsys, cfg, Options{})
	if !warm.Changed() {
		t.Error("a changed file did not change the store")
	}
	if !reflect.DeepEqual(site, cold) {
		t.Error("after a change, the site differs from the one decoded")
	}
	if !strings.HasPrefix(findJourney(site, buy).Title, "New: ") {
		t.Error("the changed journey was taken from the store")
	}

	// Saved again, the store is what a cache that decoded everything
	// afresh saves: the chunks kept as read and the one encoded again
	// alike.
	var again, fresh bytes.Buffer
	if err := warm.Save(&again); err != nil {
		t.Fatal(err)
	}
	everything := NewCache()
	Load(fsys, cfg, Options{Cache: everything})
	if err := everything.Save(&fresh); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), fresh.Bytes()) {
		t.Error("the store saved after one change differs from one saved afresh")
	}
	reread, err := ReadCache(again.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if site, _ := Load(fsys, cfg, Options{Cache: reread}); reread.Changed() || !reflect.DeepEqual(site, cold) {
		t.Error("the store saved after one change does not load the site")
	}
}

// A store that is not one, or is damaged, is refused with an error.
func TestReadCacheDamaged(t *testing.T) {
	fsys, cfg := exampleSite(t)
	c := NewCache()
	Load(fsys, cfg, Options{Cache: c})
	var buf bytes.Buffer
	if err := c.Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0xff
	for name, data := range map[string][]byte{
		"empty":     nil,
		"foreign":   []byte("PK\x03\x04 a zip file"),
		"cut short": good[:len(good)-10],
		"longer":    append(bytes.Clone(good), 0),
		"flipped":   flipped,
	} {
		if _, err := ReadCache(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func findJourney(s *Site, file string) *Journey {
	for _, j := range s.Journeys {
		if j.File == file {
			return j
		}
	}
	return nil
}

// openCounter counts the files opened under content/.
type openCounter struct {
	fs.FS
	opened map[string]int
}

func (c openCounter) Open(name string) (fs.File, error) {
	if path.Ext(name) == ".md" {
		c.opened[name]++
	}
	return c.FS.Open(name)
}

// Given the files' sums (Files.Sums: a build cache read them already),
// a load takes what the store holds by them without reading the files
// again, and reads a file the store does not hold by its sum.
func TestLoadBySums(t *testing.T) {
	fsys, cfg := exampleSite(t)
	first := NewCache()
	cold, _ := Load(fsys, cfg, Options{Cache: first})
	var buf bytes.Buffer
	if err := first.Save(&buf); err != nil {
		t.Fatal(err)
	}
	const buy = "content/journeys/purchase/buying-a-bike.md"
	fsys[buy] = &fstest.MapFile{Data: bytes.Replace(fsys[buy].Data, []byte(`"Buying a bike"`), []byte(`"New: Buying a bike"`), 1)}

	files := Walk(fsys)
	files.Sums = map[string]Hash{}
	for _, f := range files.Content {
		files.Sums[f] = HashOf(fsys[f].Data)
	}
	warm, err := ReadCache(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	counter := openCounter{fsys, map[string]int{}}
	site, _ := Load(counter, cfg, Options{Cache: warm, Files: files})
	if want := map[string]int{buy: 1}; !reflect.DeepEqual(counter.opened, want) {
		t.Errorf("opened %v, want only the changed file %v", counter.opened, want)
	}
	want, _ := Load(fsys, cfg, Options{})
	if !reflect.DeepEqual(site, want) {
		t.Error("the site loaded by sums differs from one decoded")
	}
	if reflect.DeepEqual(site, cold) {
		t.Error("the changed file was taken from the store")
	}
}
