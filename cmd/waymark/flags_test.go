package main

import (
	"bytes"
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestHelpWritesFlagsAsTyped checks every command's help: flags are
// written --name (or -s for a one-letter alias, beside its long name),
// every flag of the usage line is listed, and a command without flags has
// no empty Flags section.
func TestHelpWritesFlagsAsTyped(t *testing.T) {
	singleDash := regexp.MustCompile(`(?m)^\s+-[a-z][a-z-]+`)
	usageFlag := regexp.MustCompile(`--[a-z-]+|-[a-z]\b`)
	for _, cmd := range commands {
		t.Run(cmd.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			if code := run([]string{"help", cmd.name}, &out, &errs); code != exitOK {
				t.Fatalf("help %s: exit %d, stderr %s", cmd.name, code, errs.String())
			}
			help := out.String()
			if m := singleDash.FindString(help); m != "" {
				t.Errorf("help lists a long flag with one dash: %q\n%s", m, help)
			}
			if strings.HasSuffix(strings.TrimSpace(help), "Flags:") {
				t.Errorf("help ends in an empty Flags section:\n%s", help)
			}
			if strings.Contains(help, cmd.name+" \n") {
				t.Errorf("usage line ends in a blank:\n%s", help)
			}
			flags, _, _ := strings.Cut(help, "\nFlags:")
			listed := help[len(flags):]
			for _, f := range usageFlag.FindAllString(cmd.args, -1) {
				if !regexp.MustCompile(`(?m)^\s+(-[a-z], )?`+regexp.QuoteMeta(f)+`\b`).MatchString(listed) &&
					!regexp.MustCompile(`(?m)^\s+`+regexp.QuoteMeta(f)+`, `).MatchString(listed) {
					t.Errorf("the usage line has %s, the flag list does not:\n%s", f, help)
				}
			}
		})
	}
}

func TestHelpPairsAliases(t *testing.T) {
	var out, errs bytes.Buffer
	run([]string{"build", "-h"}, &out, &errs)
	for _, want := range []string{
		"  -s, --source DIR\n        the site folder",
		"  -d, --destination DIR\n",
		"      --drafts\n        include journeys",
		`(default ".")`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("build -h lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Count(out.String(), "the site folder") != 1 {
		t.Errorf("-s and --source are listed apart:\n%s", out.String())
	}
}

// The package comment's usage lines are what go doc shows: they say what
// the help says.
func TestPackageDocMatchesHelp(t *testing.T) {
	src, err := os.ReadFile("main.go")
	if err != nil {
		t.Fatal(err)
	}
	doc, _, _ := strings.Cut(string(src), "package main")
	for _, cmd := range commands {
		line := strings.TrimSpace("//\twaymark " + cmd.name + " " + cmd.args)
		if !strings.Contains(doc, line+"\n") {
			t.Errorf("the package comment lacks the usage line %q", line)
		}
	}
}
