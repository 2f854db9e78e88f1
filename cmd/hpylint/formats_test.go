package main

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/workspace"
	"github.com/hpyproject/hpylint/cmd/internal/version"
)

// ciEnv makes a test independent of the CI service running it: no
// GITHUB_ACTIONS, and a workspace that is the project itself unless given.
func ciEnv(t *testing.T, actions, workspace string) {
	t.Helper()
	t.Setenv("GITHUB_ACTIONS", actions)
	t.Setenv("GITHUB_WORKSPACE", workspace)
}

const vectorsAnnotation = "::error file=src/vectors.c,line=16,col=13,endLine=16,endColumn=20,title=HPY102 modinit-name-mismatch::HPy_MODINIT name \"vectors\" does not match extension \"geometry._vectors\""

func TestFormatGitHub(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "", dir)
	stdout, stderr, code := hpylint(t, dir, "--format", "github")
	if code != 1 {
		t.Errorf("exit %d (stderr %s)", code, stderr)
	}
	if !strings.Contains(stdout, vectorsAnnotation) {
		t.Errorf("no annotation for HPY102:\n%s", short(stdout))
	}
	if !strings.Contains(stdout, "::error file=setup.py,line=9,col=40,endLine=9,endColumn=59,title=HPY403 missing-source::") {
		t.Errorf("no annotation for HPY403:\n%s", short(stdout))
	}
	// Annotations first, then the normal report (GitHub shows only a few
	// annotations per step).
	annotations, rest, _ := strings.Cut(stdout, "\npyproject.toml:2:12: HPY401 [error]")
	for _, line := range strings.Split(annotations, "\n") {
		if !strings.HasPrefix(line, "::error ") && !strings.HasPrefix(line, "::warning ") && !strings.HasPrefix(line, "::notice ") {
			t.Errorf("not a workflow command before the report: %q", line)
		}
	}
	if !strings.Contains(rest, "16 | HPy_MODINIT(vectors, moduledef)") || !strings.Contains(rest, "Found ") {
		t.Errorf("the text report does not follow the annotations:\n%s", short(stdout))
	}
}

// Under GitHub Actions a run without --format annotates; an explicit
// --format wins; --statistics stays a table.
func TestGitHubActionsChoosesTheFormat(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "true", dir)
	stdout, _, code := hpylint(t, dir)
	if code != 1 || !strings.Contains(stdout, vectorsAnnotation) || !strings.Contains(stdout, "src/vectors.c:16:13: HPY102 [error]") {
		t.Errorf("GITHUB_ACTIONS=true: exit %d, want annotations and the text report:\n%s", code, short(stdout))
	}
	stdout, _, _ = hpylint(t, dir, "--format", "json")
	if doc := decode(t, stdout); len(doc.Diagnostics) == 0 {
		t.Errorf("explicit --format json under GitHub Actions: %s", short(stdout))
	}
	stdout, _, _ = hpylint(t, dir, "--format=text")
	if strings.Contains(stdout, "::error") {
		t.Errorf("explicit --format=text must not annotate:\n%s", short(stdout))
	}
	stdout, _, _ = hpylint(t, dir, "--statistics")
	if strings.Contains(stdout, "::") || !strings.Contains(stdout, "HPY102") {
		t.Errorf("--statistics under GitHub Actions:\n%s", short(stdout))
	}
	ciEnv(t, "false", dir)
	if stdout, _, _ := hpylint(t, dir); strings.Contains(stdout, "::error") {
		t.Errorf("GITHUB_ACTIONS=false annotates:\n%s", short(stdout))
	}
}

func TestFormatSARIF(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "", dir)
	// From a subdirectory, naming the project above: URIs are still
	// relative to the repository root (GITHUB_WORKSPACE here).
	stdout, stderr, code := hpylint(t, filepath.Join(dir, "src"), "--format", "sarif", "..")
	if code != 1 {
		t.Errorf("exit %d (stderr %s)", code, stderr)
	}
	var log report.SARIFLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, short(stdout))
	}
	run := log.Runs[0]
	if log.Version != "2.1.0" || run.Tool.Driver.Version != version.Number || len(run.Tool.Driver.Rules) != len(rules.All()) {
		t.Errorf("log header: %s %s, %d rules", log.Version, run.Tool.Driver.Version, len(run.Tool.Driver.Rules))
	}
	if got := run.OriginalURIBaseIDs[report.SARIFRootID].URI; !strings.HasPrefix(got, "file:///") || !strings.HasSuffix(got, "/testdata/cli/newuser/") {
		t.Errorf("originalUriBaseIds = %q", got)
	}
	var found bool
	for _, r := range run.Results {
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != report.SARIFRootID || strings.HasPrefix(loc.ArtifactLocation.URI, "..") {
			t.Errorf("%s: artifact %+v is not repository-relative", r.RuleID, loc.ArtifactLocation)
		}
		if r.RuleID == "HPY102" {
			found = true
			if loc.ArtifactLocation.URI != "src/vectors.c" || loc.Region != (report.SARIFRegion{StartLine: 16, StartColumn: 13, EndLine: 16, EndColumn: 20}) ||
				len(r.Fixes) != 1 || r.Fixes[0].ArtifactChanges[0].Replacements[0].InsertedContent.Text != "_vectors" {
				t.Errorf("HPY102: %+v", r)
			}
		}
	}
	if !found {
		t.Errorf("no HPY102 result:\n%s", short(stdout))
	}
}

func TestFormatJSONLines(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "", dir)
	full, _, _ := hpylint(t, dir, "--format", "json")
	want := decode(t, full).Diagnostics
	stdout, _, code := hpylint(t, dir, "--format", "json-lines")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	var got []report.JSONDiagnostic
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var d report.JSONDiagnostic
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("line %d: %v", len(got)+1, err)
		}
		got = append(got, d)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("json-lines differs from the JSON document's diagnostics:\n%s", short(stdout))
	}
	if stdout, _, code := hpylint(t, testdata("integrations", "clean"), "--format", "json-lines", "--select", "HPY102"); code != 0 || stdout != "" {
		t.Errorf("clean project: exit %d, output %q", code, short(stdout))
	}
}

func TestStatisticsFlag(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "", dir)
	stdout, _, code := hpylint(t, dir, "--statistics")
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(lines) < 2 || !strings.Contains(stdout, "HPY102  [*] modinit-name-mismatch\n") ||
		!strings.Contains(stdout, "HPY403      missing-source\n") || !strings.HasPrefix(lines[len(lines)-1], "Found ") {
		t.Errorf("--statistics:\n%s", short(stdout))
	}
	if strings.Contains(stdout, "HPy_MODINIT(vectors") {
		t.Errorf("--statistics printed the findings:\n%s", short(stdout))
	}
	stdout, _, _ = hpylint(t, dir, "--statistics", "--format", "json")
	var stats []report.Statistic
	if err := json.Unmarshal([]byte(stdout), &stats); err != nil || len(stats) == 0 {
		t.Fatalf("--statistics --format json: %v\n%s", err, short(stdout))
	}
	total := 0
	for _, s := range stats {
		total += s.Count
	}
	full, _, _ := hpylint(t, dir, "--format", "json")
	if total != len(decode(t, full).Diagnostics) {
		t.Errorf("statistics count %d findings, the report %d", total, len(decode(t, full).Diagnostics))
	}
	for _, f := range []string{"sarif", "github", "json-lines"} {
		if _, stderr, code := hpylint(t, dir, "--statistics", "--format", f); code != 2 || !strings.Contains(stderr, "--statistics") {
			t.Errorf("--statistics --format %s: exit %d, %s", f, code, stderr)
		}
	}
}

func TestOutputFlag(t *testing.T) {
	dir := testdata("cli", "newuser")
	ciEnv(t, "", dir)
	out := filepath.Join(t.TempDir(), "hpylint.sarif")
	stdout, stderr, code := hpylint(t, dir, "--format", "sarif", "--output", out)
	if code != 1 || stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var log report.SARIFLog
	if err := json.Unmarshal(data, &log); err != nil || len(log.Runs[0].Results) == 0 {
		t.Errorf("--output file: %v\n%s", err, data)
	}
	_, stderr, code = hpylint(t, dir, "--output", filepath.Join(t.TempDir(), "no", "such", "dir", "x"))
	if code != 2 || !strings.Contains(stderr, "no such file or directory") {
		t.Errorf("unwritable --output: exit %d, %s", code, stderr)
	}
}

func TestUnknownFormatNamesTheKnownOnes(t *testing.T) {
	_, stderr, code := hpylint(t, ".", "--format", "xml")
	if code != 2 || !strings.Contains(stderr, "text, json, json-lines, github, sarif") {
		t.Errorf("exit %d, %s", code, stderr)
	}
	for _, f := range []string{"sarif", "json-lines"} {
		if _, stderr, code := hpylint(t, ".", "--diff", "--format", f); code != 2 || !strings.Contains(stderr, "--diff") {
			t.Errorf("--diff --format %s: exit %d, %s", f, code, stderr)
		}
	}
}

// short keeps failure messages readable: some fixes carry whole files.
func short(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "...[truncated]"
	}
	return s
}

// The pre-commit hooks run when a commit touches a file hpylint reads: their
// `files` pattern must agree with hpylint's own idea of a relevant file.
func TestPreCommitHookFiles(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testdataRoot, "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	found := regexp.MustCompile(`(?m)^  files: '((?:[^']|'')*)'$`).FindAllStringSubmatch(string(data), -1)
	if len(found) != 2 {
		t.Fatalf("want a files pattern for each of the 2 hooks, found %d", len(found))
	}
	samples := []string{
		"mod.c", "src/mod.h", "a/b.cpp", "x.cc", "x.cxx", "x.c++", "x.hpp", "x.hh", "x.hxx", "x.h++", "x.ipp", "LEGACY.C", "Mod.CPP",
		"setup.py", "pkg/setup.py", "setup.cfg", "pyproject.toml", "sub/pyproject.toml", "hpylint.toml", "tox.ini",
		"CMakeLists.txt", "ext/CMakeLists.txt", "meson.build", "Makefile", "makefile", "GNUmakefile", "rules.mk",
		"build.sh", "scripts/build_ext.sh", ".github/workflows/ci.yml", ".github/workflows/wheels.yaml", ".gitlab-ci.yml",
		"azure-pipelines.yml", ".travis.yml",
		// not read by hpylint
		"README.md", "mysetup.py", "pkg/__init__.py", "other.toml", "setup.cfg.orig", "notes.txt", "CMakeLists.txt.in",
		"docs/conf.py", "ci.yml", ".github/dependabot.yml", "x.cs", "x.hs", "Makefile.am", "mod.c.orig",
	}
	for _, m := range found {
		re, err := regexp.Compile(strings.ReplaceAll(m[1], "''", "'"))
		if err != nil {
			t.Fatalf("files pattern does not compile: %v", err)
		}
		for _, name := range samples {
			if got, want := re.MatchString(name), workspace.Relevant(name); got != want {
				t.Errorf("files pattern matches %q: %v; hpylint reads it: %v", name, got, want)
			}
		}
	}
}
