package content

import (
	"testing"
	"testing/fstest"
)

// A Cache hands back the same decoded file until it is told to forget it,
// relinks reused files to what changed around them, and drops whole
// folders.
func TestCache(t *testing.T) {
	fsys := siteFS(map[string]string{
		"content/journeys/buy.md":       journey("Buy", `personas = ["dana-ortiz"]`),
		"content/journeys/old/trial.md": journey("Trial", `personas = ["dana-ortiz"]`),
	})
	cache := NewCache()
	opts := Options{Cache: cache}
	first, errs := load(t, fsys, opts)
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	byTitle := func(s *Site, title string) *Journey {
		t.Helper()
		for _, j := range s.Journeys {
			if j.Title == title {
				return j
			}
		}
		return nil
	}
	buy := byTitle(first, "Buy")

	// Dana's file changes on disk: without Forget the cache still has the
	// old Dana; after it, Buy is reused but points at the new Dana.
	fsys[danaFile] = &fstest.MapFile{Data: []byte("+++\nname = \"Dana Ortiz-Lee\"\n+++\n")}
	second, _ := load(t, fsys, opts)
	if got := second.Personas[0].Name; got != "Dana Ortiz" {
		t.Errorf("before Forget, persona = %q, want the cached %q", got, "Dana Ortiz")
	}
	cache.Forget(danaFile)
	third, errs := load(t, fsys, opts)
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	if got := byTitle(third, "Buy"); got != buy {
		t.Errorf("an unchanged journey was decoded again")
	}
	if got := buy.Personas[0].Name; got != "Dana Ortiz-Lee" {
		t.Errorf("reused journey links persona %q, want the new Dana", got)
	}
	if n := len(third.Personas[0].Journeys); n != 2 {
		t.Errorf("new Dana has %d journeys, want 2 (links are rebuilt, not appended)", n)
	}

	// A folder deleted as a whole: forgetting its path drops its files.
	delete(fsys, "content/journeys/old/trial.md")
	cache.Forget("content/journeys/old")
	fourth, errs := load(t, fsys, opts)
	if len(errs) > 0 {
		t.Fatal(errs.Format())
	}
	if len(fourth.Journeys) != 1 || byTitle(fourth, "Trial") != nil {
		t.Errorf("journeys after deleting old/ = %d, want only Buy", len(fourth.Journeys))
	}
	if n := len(fourth.Personas[0].Journeys); n != 1 {
		t.Errorf("Dana has %d journeys after the delete, want 1", n)
	}

	// A nil cache keeps nothing and does not fail.
	var none *Cache
	none.Forget("x")
	if _, errs := load(t, fsys, Options{Cache: none}); len(errs) > 0 {
		t.Fatal(errs.Format())
	}
}
