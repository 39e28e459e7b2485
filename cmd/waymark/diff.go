package main

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/waymark-cx/waymark/generator/build"
	"github.com/waymark-cx/waymark/generator/config"
	"github.com/waymark-cx/waymark/generator/content"
	"github.com/waymark-cx/waymark/generator/diag"
	"github.com/waymark-cx/waymark/generator/diff"
	"github.com/waymark-cx/waymark/generator/diff/gitfs"
)

const diffMore = `
REV is the version to compare with: HEAD (the default), a branch, a tag or
a commit. The site in the working tree, as it is on disk (with what is not
committed yet), is compared with the same folder at REV. A..B compares two
revisions and leaves the working tree out; A...B compares B with the commit
it branched from A at, as a pull request does.

Journeys and personas are matched by slug, stages by id, touchpoints by
name within their stage, pain points and opportunities by their text.
Drafts are compared too. --format markdown is made to be pasted into a pull
request; all three formats are described in docs/diff.md.

Exit status: 0 when the comparison ran, whether or not anything changed;
1 when either version has problems in its content (printed as check prints
them, a revision's prefixed with its name, as HEAD:content/…); 2 for a
usage error, a folder outside a git repository, or an unknown revision.
`

// diffSide is one of the two versions a diff compares: a commit, or the
// working tree when commit is "".
type diffSide struct {
	name   string // as the user named it, for messages and the report
	commit string
}

// diff compares the site in the working tree, or at a revision, with the
// same site at another revision.
func (c *cli) diff(args []string) int {
	flags := c.flags("diff")
	source := sourceFlag(flags)
	format := flags.String("format", "text", "how to print the changes: `text`, markdown (for a pull request) or json")
	revs, code := c.parseArgs(flags, args)
	if code >= 0 {
		return code
	}
	if len(revs) > 1 {
		return c.usageError("diff", "to compare two revisions, write them as one argument: A..B",
			"too many arguments: %s", strings.Join(revs, " "))
	}
	if code, ok := c.checkFormat("diff", *format, diff.Formats); !ok {
		return code
	}
	dir, ok := c.openSite("diff", *source)
	if !ok {
		return exitUsage
	}
	repo, err := gitfs.Open(dir)
	if err != nil {
		return c.gitError(dir, err)
	}
	rev := "HEAD"
	if len(revs) == 1 {
		rev = revs[0]
	}
	from, to, err := resolveRange(repo, rev)
	if err != nil {
		return c.gitError(dir, err)
	}

	sides := []diffSide{from, to}
	sites := make([]*content.Site, 2)
	var problems diag.List
	for i, side := range sides {
		var fsys fs.FS
		if side.commit == "" {
			fsys = siteFS(dir)
		} else {
			tree, err := readCommit(repo, side.commit)
			if err != nil {
				return c.gitError(dir, err)
			}
			if _, err := fs.Stat(tree, config.File); err != nil {
				fmt.Fprintf(c.stderr, "waymark diff: there is no site at %s: %s is not in that commit\n", side.name, repo.Prefix+config.File)
				fmt.Fprintln(c.stderr, "\thint: name a revision that has the site, or point -s at the site's folder")
				return exitUsage
			}
			fsys = tree
		}
		site, diags := loadModel(fsys)
		for _, d := range diags {
			if side.commit != "" {
				d.Pos.File = side.name + ":" + d.Pos.File
			}
			problems = append(problems, d)
		}
		sites[i] = site
	}
	if len(problems) > 0 {
		c.printDiags(problems)
		fmt.Fprintln(c.stderr, "diff needs both versions of the site to load; fix the problems above")
		return exitContent
	}

	report := diff.Compare(sites[0], sites[1])
	report.From = diff.Side{Name: from.name, Commit: from.commit}
	report.To = diff.Side{Name: to.name, Commit: to.commit}
	if err := diff.Write(c.stdout, report, *format); err != nil {
		fmt.Fprintf(c.stderr, "waymark diff: %v\n", err)
		return exitContent
	}
	return exitOK
}

// resolveRange turns the revision argument into the two versions to
// compare: REV (against the working tree), A..B, or A...B (B against
// where it branched from A). A side left empty, as in main.., is HEAD,
// as in git.
func resolveRange(repo *gitfs.Repo, arg string) (from, to diffSide, err error) {
	resolve := func(name string) (diffSide, error) {
		if name == "" {
			name = "HEAD"
		}
		commit, err := repo.Resolve(name)
		return diffSide{name: name, commit: commit}, err
	}
	if a, b, ok := strings.Cut(arg, "..."); ok {
		if from, err = resolve(a); err != nil {
			return from, to, err
		}
		if to, err = resolve(b); err != nil {
			return from, to, err
		}
		base, err := repo.MergeBase(from.commit, to.commit)
		if err != nil {
			return from, to, err
		}
		return diffSide{name: base[:min(len(base), 12)], commit: base}, to, nil
	}
	if a, b, ok := strings.Cut(arg, ".."); ok {
		if from, err = resolve(a); err != nil {
			return from, to, err
		}
		to, err = resolve(b)
		return from, to, err
	}
	from, err = resolve(arg)
	return from, diffSide{name: "working tree"}, err
}

// readCommit reads, from a commit, what loading a site needs: site.toml,
// the Markdown files under content/, and the names of the static files
// (a persona's photo must be one of them).
func readCommit(repo *gitfs.Repo, commit string) (fs.FS, error) {
	return repo.Tree(commit, []string{config.File, content.Dir, content.StaticDir}, func(name string) bool {
		return name == config.File || strings.HasPrefix(name, content.Dir+"/") && path.Ext(name) == ".md"
	})
}

// loadModel loads a site's model as build and check do, with the drafts:
// a draft is part of what an author changed. It renders nothing, so a
// theme is not needed. It returns the errors only: a warning does not
// stop a build, nor a comparison.
func loadModel(fsys fs.FS) (*content.Site, diag.List) {
	site, diags := build.Load(build.Options{Root: fsys, Drafts: true})
	if errs, _ := diags.Split(); len(errs) > 0 || site == nil {
		return nil, errs
	}
	return site, nil
}

// gitError reports a failure to read the repository as a usage error:
// the command was pointed at the wrong place, or at a revision that is
// not there.
func (c *cli) gitError(dir string, err error) int {
	switch {
	case errors.Is(err, gitfs.ErrNoGit):
		fmt.Fprintln(c.stderr, "waymark diff: the git command is not installed")
		fmt.Fprintln(c.stderr, "\thint: diff reads earlier versions of the site with git; install it and run diff again")
	case errors.Is(err, gitfs.ErrNotRepository):
		fmt.Fprintf(c.stderr, "waymark diff: %s is not in a git repository\n", dir)
		fmt.Fprintln(c.stderr, "\thint: diff compares the site with an earlier version in git; run it in a clone of the site's repository, or point -s at one")
	case errors.Is(err, gitfs.ErrUnknownRevision):
		fmt.Fprintf(c.stderr, "waymark diff: %v\n", err)
		fmt.Fprintln(c.stderr, "\thint: name a commit, branch or tag that exists here (git log --oneline lists them); compare two with A..B")
	default:
		fmt.Fprintf(c.stderr, "waymark diff: %v\n", err)
	}
	return exitUsage
}
