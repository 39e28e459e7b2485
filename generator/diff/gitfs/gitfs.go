// Package gitfs reads a folder of a git repository as it was at a commit,
// for waymark diff. It runs the git command (no git library): rev-parse
// to find the repository and resolve revisions, ls-tree to list the
// folder's files and their sizes at a commit, and one cat-file --batch
// for all the files it reads. What it reads is held in memory as a read-only fs.FS, so the
// loader that reads a site from disk reads it from a commit the same way.
package gitfs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"strconv"
	"strings"
)

// Errors that callers tell apart; the errors returned wrap them.
var (
	ErrNoGit           = errors.New("the git command is not installed")
	ErrNotRepository   = errors.New("not in a git repository")
	ErrUnknownRevision = errors.New("unknown revision")
)

// Repo is a folder in a git repository's working tree.
type Repo struct {
	dir string // the folder, as given; git runs in it

	// Prefix is the folder's path from the top of the working tree,
	// slash-separated and ending in "/", or "" at the top itself.
	Prefix string
}

// Open finds the repository that dir is in.
func Open(dir string) (*Repo, error) {
	r := &Repo{dir: dir}
	out, err := r.git(nil, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	r.Prefix = strings.TrimSuffix(string(out), "\n")
	return r, nil
}

// Resolve returns the full hash of the commit that rev names: a branch, a
// tag, a hash, HEAD~2, anything git rev-parse takes.
func (r *Repo) Resolve(rev string) (string, error) {
	if rev == "" || strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	out, err := r.git(nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return "", fmt.Errorf("%w %q", ErrUnknownRevision, rev)
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase returns the best common ancestor of two commits, for A...B.
func (r *Repo) MergeBase(a, b string) (string, error) {
	out, err := r.git(nil, "merge-base", "--end-of-options", a, b)
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == 1 {
		return "", fmt.Errorf("%s and %s have no common ancestor", a, b)
	}
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// Tree lists the files under paths (relative to the folder: "site.toml",
// "content") in commit, and reads the contents of those for which read
// says so; of the others, only the names and sizes are known, and reading
// one is an error. Names in the FS are relative to the folder. Symbolic
// links and submodules are left out: the files that a commit holds are
// all there is to read.
func (r *Repo) Tree(commit string, paths []string, read func(name string) bool) (*FS, error) {
	// --long gives each file's size, so that a file not read needs no
	// more of git than its line here.
	args := []string{"ls-tree", "-r", "-z", "--long", "--full-tree", "--end-of-options", commit, "--"}
	for _, p := range paths {
		args = append(args, r.Prefix+p)
	}
	out, err := r.git(nil, args...)
	if err != nil {
		return nil, err
	}
	files := map[string]*file{}
	var toRead []*file
	var batch bytes.Buffer
	for entry := range strings.SplitSeq(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		if entry == "" {
			continue
		}
		// <mode> SP <type> SP <object> SP+ <size> TAB <path>
		meta, name, ok := strings.Cut(entry, "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return nil, fmt.Errorf("git ls-tree: unexpected line %q", entry)
		}
		mode, kind, object := fields[0], fields[1], fields[2]
		if kind != "blob" || (mode != "100644" && mode != "100755") {
			continue // a symbolic link or a submodule
		}
		rel, ok := strings.CutPrefix(name, r.Prefix)
		if !ok || !validPath(rel) {
			continue
		}
		size, err := strconv.ParseInt(fields[3], 10, 64)
		if err != nil {
			return nil, fmt.Errorf("git ls-tree: unexpected line %q", entry)
		}
		f := &file{name: rel, size: size}
		files[rel] = f
		if read(rel) {
			toRead = append(toRead, f)
			batch.WriteString(object + "\n")
		}
	}
	if len(toRead) > 0 {
		if err := r.readBlobs(&batch, toRead); err != nil {
			return nil, err
		}
	}
	return newFS(files), nil
}

// readBlobs reads the contents of files, whose object ids are the lines
// of batch in the same order, with one git cat-file --batch.
func (r *Repo) readBlobs(batch *bytes.Buffer, files []*file) error {
	cmd := r.command("cat-file", "--batch")
	cmd.Stdin = batch
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return gitError(err, &stderr, "cat-file")
	}
	parseErr := parseBatch(bufio.NewReader(stdout), files)
	if parseErr != nil {
		// Stop git rather than wait for it to write what no one reads.
		_ = cmd.Process.Kill()
	}
	waitErr := cmd.Wait()
	if parseErr != nil {
		return parseErr
	}
	return gitError(waitErr, &stderr, "cat-file")
}

// parseBatch reads cat-file --batch's answers: for each object, a line
// "<object> blob <size>", the contents, and a newline.
func parseBatch(out *bufio.Reader, files []*file) error {
	for _, f := range files {
		header, err := out.ReadString('\n')
		if err != nil {
			return fmt.Errorf("git cat-file: reading %s: %v", f.name, err)
		}
		fields := strings.Fields(header)
		if len(fields) != 3 || fields[1] != "blob" {
			return fmt.Errorf("git cat-file: reading %s: unexpected answer %q", f.name, strings.TrimSpace(header))
		}
		n, err := strconv.ParseInt(fields[2], 10, 64)
		if err != nil || n < 0 {
			return fmt.Errorf("git cat-file: reading %s: unexpected answer %q", f.name, strings.TrimSpace(header))
		}
		f.data = make([]byte, n)
		if _, err := io.ReadFull(out, f.data); err != nil {
			return fmt.Errorf("git cat-file: reading %s: %v", f.name, err)
		}
		if b, err := out.ReadByte(); err != nil || b != '\n' {
			return fmt.Errorf("git cat-file: reading %s: contents not followed by a newline", f.name)
		}
		f.size, f.read = n, true
	}
	return nil
}

// validPath reports whether a name from git can be a name in an fs.FS:
// git allows names (with a backslash, say) that are fine on Linux but
// that the loader would never produce.
func validPath(name string) bool {
	return name != "" && path.Clean(name) == name && !strings.HasPrefix(name, "../") && name != ".."
}

// command makes a git command that runs in the folder. Git's messages
// are asked for in English, to be recognised; optional locks are off, as
// reading must not get in the way of the author's own git commands.
func (r *Repo) command(args ...string) *exec.Cmd {
	cmd := exec.Command("git", append([]string{"-C", r.dir, "--literal-pathspecs"}, args...)...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
	return cmd
}

// git runs a git command with stdin as its input and returns its output.
func (r *Repo) git(stdin io.Reader, args ...string) ([]byte, error) {
	cmd := r.command(args...)
	cmd.Stdin = stdin
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.Bytes(), gitError(err, &stderr, args[0])
}

// gitError turns a failure of git into an error that says what went
// wrong: git missing, a folder outside any repository, or git's own
// message. An *exec.ExitError stays in the chain, for callers that
// expect git to fail.
func gitError(err error, stderr *bytes.Buffer, sub string) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, exec.ErrNotFound) {
		return ErrNoGit
	}
	msg := strings.TrimSpace(stderr.String())
	if strings.Contains(msg, "not a git repository") {
		return ErrNotRepository
	}
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	if msg == "" {
		return fmt.Errorf("git %s: %w", sub, err)
	}
	return fmt.Errorf("git %s: %s: %w", sub, strings.TrimPrefix(msg, "fatal: "), err)
}
