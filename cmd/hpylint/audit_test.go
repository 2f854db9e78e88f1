package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/report"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// auditProject is a build directory with one universal binary that
// references CPython (HPY502, error) and has no stub (HPY506, warning),
// and a file named .so that is not a binary (HPY501, warning).
func auditProject(t *testing.T) string {
	t.Helper()
	gcc := testenv.Tool(t, "gcc")
	dir := t.TempDir()
	build := filepath.Join(dir, "build")
	os.MkdirAll(build, 0o755)
	src := filepath.Join(t.TempDir(), "m.c")
	os.WriteFile(src, []byte(`
extern void *PyLong_FromLong(long);
unsigned int get_required_hpy_major_version__mod(void) { return 0; }
unsigned int get_required_hpy_minor_version__mod(void) { return 0; }
void HPyInitGlobalContext__mod(void *ctx) { (void)ctx; }
void *HPyInit__mod(void) { return PyLong_FromLong(1); }
`), 0o644)
	if out, err := exec.Command(gcc, "-shared", "-fPIC", "-o", filepath.Join(build, "_mod.hpy0.so"), src).CombinedOutput(); err != nil {
		t.Fatalf("gcc: %v\n%s", err, out)
	}
	os.WriteFile(filepath.Join(build, "_junk.so"), []byte("INPUT(-lfoo)\n"), 0o644)
	return dir
}

func TestAuditText(t *testing.T) {
	dir := auditProject(t)
	stdout, stderr, code := hpylint(t, dir, "audit", "build")
	want := []string{
		"build/_junk.so:1:1: HPY501 [warning] not an ELF, Mach-O or PE file",
		"build/_mod.hpy0.so:1:1: HPY502 [error] PyLong_FromLong: undefined CPython symbol in a universal binary",
		"build/_mod.hpy0.so:1:1: HPY506 [warning] CPython cannot import _mod",
		"Found 3 diagnostics (1 error, 2 warnings) in 2 files analysed.",
	}
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	if code != exitFindings || len(lines) != len(want) || stderr != "" {
		t.Fatalf("exit %d\n%s\nstderr %s", code, stdout, stderr)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d: %q, want prefix %q", i+1, lines[i], w)
		}
	}
}

func TestAuditJSONAndJSONLines(t *testing.T) {
	dir := auditProject(t)
	stdout, _, code := hpylint(t, dir, "audit", "--format", "json", "build/_mod.hpy0.so")
	doc := decode(t, stdout)
	if code != exitFindings || len(doc.Diagnostics) != 2 || doc.Summary.Files != 1 {
		t.Fatalf("exit %d\n%s", code, stdout)
	}
	d := doc.Diagnostics[0]
	if d.Code != "HPY502" || d.Name != "cpython-symbol-in-universal-binary" || d.Path != "build/_mod.hpy0.so" ||
		d.Line != 1 || d.Column != 1 || d.EndLine != 1 || d.EndColumn != 1 || !strings.Contains(d.Message, "PyLong_FromLong") {
		t.Errorf("whole-file finding %+v: want line 1, column 1", d)
	}
	stdout, _, _ = hpylint(t, dir, "audit", "--format", "json-lines", "build")
	if n := strings.Count(stdout, "\n"); n != 3 {
		t.Errorf("json-lines: %d lines\n%s", n, stdout)
	}
}

func TestAuditSARIFHasNoRegion(t *testing.T) {
	dir := auditProject(t)
	stdout, _, code := hpylint(t, dir, "audit", "--format", "sarif", "build")
	var log report.SARIFLog
	if err := json.Unmarshal([]byte(stdout), &log); err != nil || code != exitFindings {
		t.Fatalf("exit %d, %v\n%s", code, err, stdout)
	}
	res := log.Runs[0].Results
	if len(res) != 3 || res[1].RuleID != "HPY502" || res[1].Locations[0].PhysicalLocation.ArtifactLocation.URI != "build/_mod.hpy0.so" {
		t.Fatalf("results %+v", res)
	}
	if strings.Contains(stdout, `"region"`) {
		t.Errorf("a whole-file finding has a region in SARIF")
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		rules[r.ID] = r.Help.Text != ""
	}
	for _, code := range []string{"HPY501", "HPY502", "HPY511"} {
		if !rules[code] {
			t.Errorf("SARIF rule metadata lacks %s", code)
		}
	}
}

func TestAuditGitHub(t *testing.T) {
	dir := auditProject(t)
	stdout, _, _ := hpylint(t, dir, "audit", "--format", "github", "build")
	if !strings.Contains(stdout, "::error file=build/_mod.hpy0.so,line=1,col=1,endLine=1,endColumn=1,title=HPY502 cpython-symbol-in-universal-binary::PyLong_FromLong") ||
		!strings.Contains(stdout, "Found 3 diagnostics") {
		t.Errorf("github:\n%s", stdout)
	}
}

func TestAuditExitCodesAndSelection(t *testing.T) {
	dir := auditProject(t)
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"--select", "HPY502", "build"}, exitFindings, "Found 1 diagnostic (1 error)"},
		{[]string{"--ignore", "HPY5", "build"}, exitClean, "All checks passed (2 files analysed)."},
		{[]string{"--fail-on", "error", "--ignore", "HPY502", "build"}, exitClean, "Found 2 diagnostics (2 warnings)"},
		{[]string{"--exit-zero", "build"}, exitClean, "Found 3 diagnostics"},
		{[]string{"--statistics", "build"}, exitFindings, "HPY502"},
		{[]string{"--select", "wheel-tags", "build"}, exitClean, "All checks passed"},
		{[]string{"build", "missing.whl"}, exitUsage, "Found 3 diagnostics"}, // the other path is still reported
		{[]string{"--select", "HPY999", "build"}, exitUsage, ""},
		{[]string{}, exitUsage, ""},
		{[]string{"--fix", "build"}, exitUsage, ""},
	} {
		stdout, stderr, code := hpylint(t, dir, append([]string{"audit"}, c.args...)...)
		if code != c.code || !strings.Contains(stdout, c.out) {
			t.Errorf("audit %v: exit %d, want %d; stdout %q, stderr %q", c.args, code, c.code, stdout, stderr)
		}
	}
	out := filepath.Join(dir, "report.json")
	if _, _, code := hpylint(t, dir, "audit", "--format", "json", "--output", out, "build"); code != exitFindings {
		t.Errorf("--output: exit %d", code)
	}
	if doc := decode(t, string(mustRead(t, out))); len(doc.Diagnostics) != 3 {
		t.Errorf("--output wrote %+v", doc)
	}
}

// `hpylint ./audit` lints a directory named audit; `hpylint audit` is the
// subcommand.
func TestDirectoryNamedAuditIsLinted(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "audit"), 0o755)
	os.WriteFile(filepath.Join(dir, "audit", "mod.c"), []byte("#include <hpy.h>\nstatic HPyModuleDef moduledef = {0};\nHPy_MODINIT(other, moduledef)\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "audit", "setup.py"), []byte("from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('mod', sources=['mod.c'])])\n"), 0o644)
	stdout, stderr, code := hpylint(t, dir, "--no-cache", "./audit")
	if code != exitFindings || !strings.Contains(stdout, "HPY102") {
		t.Errorf("hpylint ./audit: exit %d\n%s\n%s", code, stdout, stderr)
	}
	_, stderr, code = hpylint(t, dir, "audit", "audit")
	if code != exitClean || !strings.Contains(stderr, "no shared library (.so, .pyd, .dylib) or wheel (.whl) in audit") {
		t.Errorf("hpylint audit audit: exit %d, stderr %q", code, stderr)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
