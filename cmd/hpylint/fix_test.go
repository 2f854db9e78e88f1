package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis"
	"github.com/hpyproject/hpylint/analysis/fix"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// copyTree copies a testdata project into a fresh directory, so that --fix
// can write to it.
func copyTree(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// treeHash identifies every file's path, content and mode below dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		info, _ := d.Info()
		sum := sha256.Sum256(data)
		rel, _ := filepath.Rel(dir, p)
		lines = append(lines, filepath.ToSlash(rel)+" "+info.Mode().String()+" "+hex.EncodeToString(sum[:]))
		return nil
	})
	sort.Strings(lines)
	sum := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return hex.EncodeToString(sum[:])
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// The sample project's five findings all have fixes, one of which (HPY106,
// renaming the shim after HPY102 renamed HPy_MODINIT) only appears once the
// others are in: one --fix applies them all, a second changes nothing.
func TestFixSampleProject(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	if err := os.Chmod(filepath.Join(dir, "src", "pointlib", "vector.c"), 0o600); err != nil {
		t.Fatal(err)
	}

	stdout, stderr, code := hpylint(t, dir, "--fix")
	if code != 0 || !strings.Contains(stdout, "All checks passed") {
		t.Fatalf("--fix: exit %d\n%s\nstderr: %s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "applied 6 fixes (4 files, 1 created)") {
		t.Errorf("stderr lacks the fix summary: %q", stderr)
	}

	point := read(t, dir, "src/pointlib/point.c")
	for _, want := range []string{"    .size = 0,\n", "HPy_MODINIT(_point, moduledef)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(_point)\n"} {
		if !strings.Contains(point, want) {
			t.Errorf("point.c lacks %q:\n%s", want, point)
		}
	}
	if !strings.HasSuffix(read(t, dir, "src/pointlib/vector.c"), "HPy_MODINIT(_vector, moduledef)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(_vector)\n") {
		t.Errorf("vector.c: shim not inserted after HPy_MODINIT")
	}
	if read(t, dir, "src/pointlib/hpy_cpython_entrypoint.h") != string(shim.Header()) {
		t.Errorf("the header written is not the generator's output")
	}
	if !strings.Contains(read(t, dir, "pyproject.toml"), `requires = ["setuptools>=64", "hpy"]`) {
		t.Errorf("HPY401 not fixed:\n%s", read(t, dir, "pyproject.toml"))
	}
	if info, _ := os.Stat(filepath.Join(dir, "src", "pointlib", "vector.c")); info.Mode().Perm() != 0o600 {
		t.Errorf("vector.c mode %v after --fix, want 0600 kept", info.Mode().Perm())
	}

	// Linting again finds nothing, HPY105 included.
	stdout, _, code = hpylint(t, dir, "--format", "json", "--fail-on", "info")
	if doc := decode(t, stdout); code != 0 || len(doc.Diagnostics) != 0 {
		t.Errorf("after --fix: exit %d, %v", code, codesAt(doc))
	}

	before := treeHash(t, dir)
	_, stderr, code = hpylint(t, dir, "--fix")
	if code != 0 || !strings.Contains(stderr, "nothing to fix") {
		t.Errorf("second --fix: exit %d, stderr %q", code, stderr)
	}
	if after := treeHash(t, dir); after != before {
		t.Error("a second --fix changed files")
	}
	if stdout, _, code := hpylint(t, dir, "--diff"); code != 0 || stdout != "" {
		t.Errorf("--diff after --fix: exit %d, output %q", code, stdout)
	}
}

// --diff shows what --fix would write, writes nothing, and exits 1. Its
// output is a patch that, applied, gives exactly what --fix writes.
func TestDiffSampleProject(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	before := treeHash(t, dir)
	stdout, stderr, code := hpylint(t, dir, "--diff")
	if code != 1 {
		t.Errorf("--diff: exit %d, want 1 (there are fixes); stderr %s", code, stderr)
	}
	if treeHash(t, dir) != before {
		t.Fatal("--diff changed files")
	}
	hunks := []string{
		"--- a/pyproject.toml\n+++ b/pyproject.toml\n@@ -1,5 +1,5 @@\n [build-system]\n-requires = [\"setuptools>=64\"]\n+requires = [\"setuptools>=64\", \"hpy\"]\n build-backend = \"setuptools.build_meta\"\n \n [project]\n",
		"--- /dev/null\n+++ b/src/pointlib/hpy_cpython_entrypoint.h\n@@ -0,0 +1,",
		"--- a/src/pointlib/point.c\n+++ b/src/pointlib/point.c\n@@ -13,8 +13,10 @@\n static HPyModuleDef moduledef = {\n     .doc = \"Points, ported from the CPython C API.\",\n     /* The CPython original had m_size = -1. */\n-    .size = -1,\n+    .size = 0,\n     .defines = module_defines,\n };\n \n-HPy_MODINIT(point, moduledef)\n+HPy_MODINIT(_point, moduledef)\n+#include \"hpy_cpython_entrypoint.h\"\n+HPY_CPYTHON_ENTRYPOINT(_point)\n",
		"--- a/src/pointlib/vector.c\n+++ b/src/pointlib/vector.c\n@@ -18,3 +18,5 @@\n };\n \n HPy_MODINIT(_vector, moduledef)\n+#include \"hpy_cpython_entrypoint.h\"\n+HPY_CPYTHON_ENTRYPOINT(_vector)\n",
	}
	last := -1
	for _, h := range hunks {
		i := strings.Index(stdout, h)
		if i < 0 {
			t.Errorf("--diff output lacks:\n%s\n--- in:\n%.3000s", h, stdout)
			continue
		}
		if i < last {
			t.Errorf("files out of path order at %q", h[:40])
		}
		last = i
	}
	if !strings.Contains(stderr, "would apply 6 fixes (4 files, 1 created)") {
		t.Errorf("stderr %q", stderr)
	}
	if _, _, code := hpylint(t, dir, "--diff", "--exit-zero"); code != 0 {
		t.Errorf("--diff --exit-zero: exit %d", code)
	}

	patch := testenv.Tool(t, "patch")
	fixed := copyTree(t, testdata("sample"))
	hpylint(t, fixed, "--fix")
	cmd := exec.Command(patch, "-p1", "--batch", "--quiet")
	cmd.Dir = dir
	cmd.Stdin = strings.NewReader(stdout)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("patch -p1 < --diff output: %v\n%s", err, out)
	}
	if treeHash(t, dir) != treeHash(t, fixed) {
		t.Error("applying the --diff output does not give what --fix writes")
	}
}

func TestDiffRejectsOtherOutputs(t *testing.T) {
	for _, args := range [][]string{{"--format", "json"}, {"--statistics"}, {"--output", "x.txt"}} {
		if _, stderr, code := hpylint(t, testdata("sample"), append([]string{"--diff"}, args...)...); code != 2 || !strings.Contains(stderr, "cannot be combined with "+args[0]) {
			t.Errorf("--diff %v: exit %d, stderr %q", args, code, stderr)
		}
	}
	if _, _, code := hpylint(t, copyTree(t, testdata("sample")), "--diff", "--format", "text"); code != 1 {
		t.Errorf("--diff --format text: exit %d, want 1", code)
	}
}

// Only the selected rules' fixes are applied; what remains is reported and
// decides the exit code.
func TestFixHonoursSelection(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	stdout, _, code := hpylint(t, dir, "--fix", "--ignore", "HPY4,HPY109", "--format", "json")
	if code != 0 || len(decode(t, stdout).Diagnostics) != 0 {
		t.Errorf("exit %d, %s", code, stdout)
	}
	if !strings.Contains(read(t, dir, "src/pointlib/point.c"), ".size = -1") {
		t.Error("HPY109 was ignored, yet its fix was applied")
	}
	if read(t, dir, "pyproject.toml") != read(t, testdata("sample"), "pyproject.toml") {
		t.Error("HPY401 was ignored, yet pyproject.toml changed")
	}
	stdout, _, code = hpylint(t, dir, "--format", "json")
	if got := strings.Join(codesAt(decode(t, stdout)), " "); code != 1 || got != "pyproject.toml:2:12 HPY401 src/pointlib/point.c:16:5 HPY109" {
		t.Errorf("remaining: exit %d, %s", code, got)
	}
}

// An edited shim header is reported but never overwritten by --fix; the
// exit code reflects the warning that remains.
func TestFixLeavesEditedHeaderAlone(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(setup_requires=['hpy'], hpy_ext_modules=[Extension('m', ['m.c'])])\n")
	write(t, dir, "m.c", "#include \"hpy.h\"\nstatic HPyModuleDef d = { .doc = \"m\" };\nHPy_MODINIT(m, d)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\n")
	edited := strings.Replace(string(shim.Header()), "#define HPYSHIM_MOD_CREATE 1", "#define HPYSHIM_MOD_CREATE 1 /* mine */", 1)
	write(t, dir, shim.HeaderName, edited)
	stdout, stderr, code := hpylint(t, dir, "--fix")
	if code != 1 || !strings.Contains(stdout, "HPY106") || !strings.Contains(stderr, "nothing to fix") {
		t.Errorf("exit %d\n%s\nstderr %s", code, stdout, stderr)
	}
	if read(t, dir, shim.HeaderName) != edited {
		t.Error("--fix overwrote an edited header")
	}
	// Deleting it is how the user asks for a fresh one.
	os.Remove(filepath.Join(dir, shim.HeaderName))
	if _, _, code := hpylint(t, dir, "--fix"); code != 0 || read(t, dir, shim.HeaderName) != string(shim.Header()) {
		t.Errorf("after deleting the header, --fix: exit %d, header regenerated: %v", code, read(t, dir, shim.HeaderName) == string(shim.Header()))
	}
}

// A stale (older, unedited) header is regenerated in place.
func TestFixRegeneratesStaleHeader(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(setup_requires=['hpy'], hpy_ext_modules=[Extension('m', ['m.c'])])\n")
	write(t, dir, "m.c", "#include \"hpy.h\"\nstatic HPyModuleDef d = { .doc = \"m\" };\nHPy_MODINIT(m, d)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\n")
	write(t, dir, shim.HeaderName, read(t, testdata("shim"), "hpy_cpython_entrypoint_v0.h"))
	if stdout, stderr, code := hpylint(t, dir, "--fix"); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if read(t, dir, shim.HeaderName) != string(shim.Header()) {
		t.Error("stale header not regenerated")
	}
}

// The summary line tells how to act on the [*] findings.
func TestSummaryPointsAtFix(t *testing.T) {
	stdout, _, _ := hpylint(t, testdata("sample"))
	if !strings.Contains(stdout, "Found 5 diagnostics (3 errors, 2 infos) in 6 files analysed. 5 fixable with hpylint --fix ([*]; --diff previews the changes).") {
		t.Errorf("summary line:\n%s", stdout)
	}
}

// A fix that cannot be applied is named on stderr with the reason, and its
// finding remains. (An unreadable pyproject.toml cannot be made readable on
// disk when the tests run as root, hence the hand-made snapshot.)
func TestFixReportsWhatCannotBeApplied(t *testing.T) {
	snap := source.NewSnapshot(t.TempDir(), []*source.File{
		{Path: "setup.py", Content: []byte("from setuptools import setup, Extension\nsetup(hpy_ext_modules=[Extension('m', ['m.c'])])\n")},
		{Path: "pyproject.toml", Problem: "cannot be read: permission denied"},
	})
	r := computeFixes(snap, analysis.Options{Select: []string{"HPY401"}})
	if len(r.changes) != 0 || !r.converged {
		t.Fatalf("changes %v, converged %v", r.changes, r.converged)
	}
	var buf bytes.Buffer
	reportSkipped(&buf, r)
	want := `hpylint: fix "Create pyproject.toml requiring hpy" for HPY401 at setup.py:2:7 not applied: pyproject.toml cannot be edited: cannot be read: permission denied`
	if !strings.Contains(buf.String(), want) {
		t.Errorf("stderr %q, want %q", buf.String(), want)
	}
	if len(r.final.Diagnostics) != 1 || r.final.Diagnostics[0].Code != "HPY401" {
		t.Errorf("remaining %v", r.final.Diagnostics)
	}
}

// HPY209's fix pins the ABI to hybrid where one expression decides it; the
// extension then builds its legacy code everywhere, and nothing is left.
func TestFixPinsInterpreterDependentABIToHybrid(t *testing.T) {
	dir := copyTree(t, testdata("rules", "HPY209", "interpreter_dependent"))
	if _, stderr, code := hpylint(t, dir, "--fix", "--select", "HPY209"); code != 0 {
		t.Errorf("--fix: exit %d, %s", code, stderr)
	}
	if got := read(t, dir, "setup.py"); !strings.Contains(got, "\nHPY_ABI = 'hybrid'\n") {
		t.Errorf("setup.py after --fix:\n%s", got)
	}
	stdout, _, _ := hpylint(t, dir, "--select", "HPY2", "--format", "json")
	if got := codesAt(decode(t, stdout)); len(got) != 0 {
		t.Errorf("after pinning hybrid: %v", got)
	}
}

// A run that cannot write every file writes none (D11): the sources are not
// rewritten to include a header that could not be created. The summary
// says what happened, not what was tried (D13), and the exit code is 2.
func TestFixWritesNothingWhenTheShimCannotBeCreated(t *testing.T) {
	for name, prepare := range map[string]func(p string) error{
		"a directory":                   func(p string) error { return os.Mkdir(p, 0o755) },
		"a symlink that points nowhere": func(p string) error { return os.Symlink("gone.h", p) },
	} {
		t.Run(name, func(t *testing.T) {
			dir := copyTree(t, testdata("sample"))
			if err := prepare(filepath.Join(dir, "src", "pointlib", shim.HeaderName)); err != nil {
				t.Fatal(err)
			}
			before := treeHash(t, dir)
			_, stderr, code := hpylint(t, dir, "--fix")
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			for _, want := range []string{
				"hpylint: src/pointlib/" + shim.HeaderName + ": not created: " + name + " is in its place\n",
				"hpylint: wrote nothing: 6 fixes (4 files, 1 created) not applied, every file is as it was\n",
			} {
				if !strings.Contains(stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, stderr)
				}
			}
			if strings.Contains(stderr, "applied 6 fixes") {
				t.Errorf("summary claims fixes that were not written:\n%s", stderr)
			}
			if treeHash(t, dir) != before {
				t.Error("files changed although the run could not be completed")
			}
		})
	}
}

// A file with another name elsewhere (a hard link) is not replaced: the
// other name would keep the old text (D16).
func TestFixLeavesHardLinkedFilesAlone(t *testing.T) {
	dir := copyTree(t, testdata("sample"))
	vector := filepath.Join(dir, "src", "pointlib", "vector.c")
	other := filepath.Join(t.TempDir(), "vector-copy.c")
	if err := os.Link(vector, other); err != nil {
		t.Skip("no hard links here:", err)
	}
	before := read(t, dir, "src/pointlib/vector.c")
	_, stderr, code := hpylint(t, dir, "--fix")
	if code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(stderr, "src/pointlib/vector.c: not written: it has 2 hard links") {
		t.Errorf("stderr does not name the hard-linked file:\n%s", stderr)
	}
	if got := read(t, dir, "src/pointlib/vector.c"); got != before {
		t.Error("vector.c rewritten")
	}
	if got, _ := os.ReadFile(other); string(got) != before {
		t.Error("the other name changed")
	}
}

// The --fix summary counts what is on disk (D13).
func TestWriteSummaryCountsWhatWasWritten(t *testing.T) {
	r := &fixResult{fixed: 6, changes: []fix.Change{
		{Path: "a.c"}, {Path: "b.c"}, {Path: "c.c"}, {Path: "shim.h", Created: true},
	}}
	for _, tc := range []struct {
		out  fix.Outcome
		want string
	}{
		{fix.Outcome{Written: r.changes}, "hpylint: applied 6 fixes (4 files, 1 created)"},
		{fix.Outcome{Errors: []error{errors.New("x")}}, "hpylint: wrote nothing: 6 fixes (4 files, 1 created) not applied, every file is as it was"},
		{fix.Outcome{Written: r.changes[3:], Errors: []error{errors.New("x")}}, "hpylint: fixes not applied, and 1 of 4 files written could not be put back as they were (see above)"},
	} {
		if got := writeSummary(r, &tc.out); got != tc.want {
			t.Errorf("got  %q\nwant %q", got, tc.want)
		}
	}
}
