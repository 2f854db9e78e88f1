package analysis_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/config"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/workspace"
)

// The golden harness: every directory under testdata/rules/<CODE>/ is a
// small project. Its files carry the expected findings inline, on the line
// where they are reported: `// want "HPY102"` or `/* want "HPY102" */` in C,
// `# want "HPY403"` in Python, TOML, INI. Files that cannot hold a comment
// (binary, or where the comment would change what is tested) are covered by
// a want.txt beside them with lines `path:line CODE`. A case fails on any
// missing or unexpected diagnostic, of any rule, with one exception: see
// pervasive.

// pervasive rules report nearly every HPy project by design (HPY105: every
// universal extension without the CPython entrypoint shim). Expecting them in
// every case would bury what each case is about, so they are compared only
// in their own directory and in cases that expect them at least once.
var pervasive = map[string]bool{"HPY105": true}

var wantPattern = regexp.MustCompile(`want((?:\s+"[A-Z0-9]+")+)`)
var wantCode = regexp.MustCompile(`"([A-Z0-9]+)"`)

func TestGolden(t *testing.T) {
	root := filepath.Join("..", "testdata", "rules")
	codes, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, codeDir := range codes {
		cases, _ := os.ReadDir(filepath.Join(root, codeDir.Name()))
		for _, c := range cases {
			if !c.IsDir() {
				continue
			}
			dir := filepath.Join(root, codeDir.Name(), c.Name())
			t.Run(codeDir.Name()+"/"+c.Name(), func(t *testing.T) {
				got := runCase(t, dir)
				want := readWants(t, dir)
				for code := range pervasive {
					if codeDir.Name() != code && len(want[code]) == 0 {
						delete(got, code)
					}
				}
				compare(t, got, want)
			})
		}
	}
}

// Every rule needs a golden case that expects it, in its own directory.
func TestEveryRuleHasGoldenCase(t *testing.T) {
	for _, r := range rules.All() {
		if rules.IsAuditRule(r) {
			continue // hpylint audit's: tested on binaries in analysis/audit
		}
		dir := filepath.Join("..", "testdata", "rules", r.Code)
		cases, _ := os.ReadDir(dir)
		found := false
		for _, c := range cases {
			if c.IsDir() && len(readWants(t, filepath.Join(dir, c.Name()))[r.Code]) > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("rule %s has no golden case under testdata/rules/%s expecting it", r.Code, r.Code)
		}
	}
}

// finding is "path:line" with its code, comparable as a string.
type findings map[string][]string // code -> sorted "path:line"

// analyseCase runs a testdata project with the settings of its
// hpylint.toml, as the CLI would.
func analyseCase(t *testing.T, dir string) *analysis.Result {
	t.Helper()
	snap, errs := workspace.Load(dir, []string{"."}, nil)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	opts := analysis.Options{Workers: 2}
	if content, err := os.ReadFile(filepath.Join(dir, "hpylint.toml")); err == nil {
		cfg, err := config.FromFile("hpylint.toml", content, rules.KnownSelector)
		if err != nil {
			t.Fatal(err)
		}
		opts.Select, opts.Ignore, opts.Severity = cfg.Select, cfg.Ignore, cfg.Severity
		opts.ABI, opts.ABIFrom = cfg.ABI, cfg.ABISource()
	}
	return analysis.Run(context.Background(), snap, opts)
}

func runCase(t *testing.T, dir string) findings {
	res := analyseCase(t, dir)
	for _, f := range res.Failures {
		t.Errorf("internal failure: %s", f)
	}
	got := findings{}
	// Compared as the CLI reports them: the details a summary counts are
	// left out (TestDetails checks them).
	for _, d := range diag.WithoutDetails(res.Diagnostics) {
		line := res.Project.Lines(d.Location.Path).Line(d.Location.Span.Start) + 1
		got[d.Code] = append(got[d.Code], fmt.Sprintf("%s:%d", d.Location.Path, line))
		t.Logf("%s:%d: %s %s", d.Location.Path, line, d.Code, d.Message)
	}
	return got
}

func readWants(t *testing.T, dir string) findings {
	want := findings{}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		content, _ := os.ReadFile(p)
		if rel == "want.txt" {
			for _, line := range strings.Split(string(content), "\n") {
				if fields := strings.Fields(line); len(fields) == 2 {
					want[fields[1]] = append(want[fields[1]], fields[0])
				}
			}
			return nil
		}
		for i, line := range strings.Split(string(content), "\n") {
			for _, m := range wantPattern.FindAllStringSubmatch(line, -1) {
				for _, c := range wantCode.FindAllStringSubmatch(m[1], -1) {
					want[c[1]] = append(want[c[1]], rel+":"+strconv.Itoa(i+1))
				}
			}
		}
		return nil
	})
	return want
}

func compare(t *testing.T, got, want findings) {
	codes := map[string]bool{}
	for c := range got {
		codes[c] = true
	}
	for c := range want {
		codes[c] = true
	}
	for c := range codes {
		g, w := append([]string{}, got[c]...), append([]string{}, want[c]...)
		sort.Strings(g)
		sort.Strings(w)
		if strings.Join(g, " ") != strings.Join(w, " ") {
			t.Errorf("%s: got %v, want %v", c, g, w)
		}
	}
}
