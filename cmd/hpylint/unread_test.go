//go:build unix

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// hpylintWithin is hpylint, failing the test when the run does not end:
// opening a FIFO blocks until a writer comes, forever in a test.
func hpylintWithin(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errOut bytes.Buffer
	done := make(chan int, 1)
	go func() { done <- run(args, &out, &errOut) }()
	select {
	case code = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("hpylint %v still running after 20 s (blocked on a FIFO?)", args)
	}
	return out.String(), errOut.String(), code
}

func mkfifo(t *testing.T, p string) {
	t.Helper()
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
}

func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// smallProject is one HPy extension of two sources whose HPy_MODINIT
// names the wrong module (HPY102), so a run that reads it has a finding.
func smallProject(t *testing.T, dir string) {
	t.Helper()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('m._mod', sources=['mod.c', 'other.c'])])\n")
	write(t, dir, "pyproject.toml", "[build-system]\nrequires = [\"setuptools\", \"hpy\"]\n")
	write(t, dir, "mod.c", "#include \"hpy.h\"\n#include \"defs.h\"\nstatic HPyModuleDef moduledef = { .doc = \"x\" };\nHPy_MODINIT(wrong, moduledef)\n")
}

// D1, D3: a FIFO or a device reached other than by the walk (a path
// argument, a source named by setup.py, an #include, a config) is never
// opened: an HPY003 naming it, or an error for a config.
func TestNonRegularFilesAreNeverOpened(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, dir)
	mkfifo(t, filepath.Join(dir, "defs.h"))
	mkfifo(t, filepath.Join(dir, "other.c"))
	symlink(t, "/dev/zero", filepath.Join(dir, "zero.c"))

	stdout, stderr, code := hpylintWithin(t, dir, "--format", "json", "mod.c")
	got := strings.Join(codesAt(decode(t, stdout)), "\n")
	for _, want := range []string{"defs.h:1:1 HPY003", "other.c:1:1 HPY003", "mod.c:4:13 HPY102"} {
		if !strings.Contains(got, want) {
			t.Errorf("hpylint mod.c: missing %q in:\n%s\n%s", want, got, stderr)
		}
	}
	if !strings.Contains(stdout, "a FIFO, not a regular file") || code != 1 {
		t.Errorf("hpylint mod.c: exit %d, the FIFOs not named as such:\n%s", code, stdout)
	}

	stdout, stderr, code = hpylintWithin(t, dir, "zero.c", "other.c")
	if code != 2 || !strings.Contains(stderr, "zero.c: a device, not a regular file or directory") ||
		!strings.Contains(stderr, "other.c: a FIFO, not a regular file or directory") ||
		!strings.Contains(stdout, "zero.c:1:1: HPY003 [warning] a device") {
		t.Errorf("hpylint zero.c other.c: exit %d\n%s\n%s", code, stdout, stderr)
	}

	mkfifo(t, filepath.Join(dir, "hpylint.toml"))
	_, stderr, code = hpylintWithin(t, dir, "mod.c")
	if code != 2 || !strings.Contains(stderr, "hpylint.toml: a FIFO, not a regular file") {
		t.Errorf("a FIFO hpylint.toml found by discovery: exit %d, %s", code, stderr)
	}
	_, stderr, code = hpylintWithin(t, dir, "--config", "hpylint.toml", "mod.c")
	if code != 2 || !strings.Contains(stderr, "hpylint.toml: a FIFO, not a regular file") {
		t.Errorf("--config a FIFO: exit %d, %s", code, stderr)
	}
}

// D1: a FIFO where hpylint would write its CPython entrypoint header is
// reported, not opened, by the lint and by --fix, and stays a FIFO.
func TestFIFOShimHeader(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('m._mod', sources=['mod.c'])])\n")
	write(t, dir, "pyproject.toml", "[build-system]\nrequires = [\"setuptools\", \"hpy\"]\n[tool.hpylint]\nabi = \"universal\"\n")
	write(t, dir, "mod.c", "#include \"hpy.h\"\nstatic HPyModuleDef moduledef = { .doc = \"x\" };\nHPy_MODINIT(_mod, moduledef)\n")
	header := filepath.Join(dir, "hpy_cpython_entrypoint.h")
	mkfifo(t, header)
	for _, args := range [][]string{{"--exit-zero", "mod.c"}, {"--fix", "mod.c"}, {"--exit-zero", "."}, {"--fix", "."}} {
		stdout, stderr, _ := hpylintWithin(t, dir, args...)
		if !strings.Contains(stdout, "hpy_cpython_entrypoint.h:1:1: HPY003 [warning] a FIFO") {
			t.Errorf("hpylint %v: no HPY003 for the FIFO:\n%s\n%s", args, stdout, stderr)
		}
	}
	if info, err := os.Lstat(header); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v %v", info, err)
	}
}

// D4: a project whose path ends in a symbolic link is analysed, named
// through the link or as the working directory.
func TestSymlinkedProjectIsAnalysed(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, filepath.Join(dir))
	write(t, dir, "other.c", "int other;\n")
	write(t, dir, "defs.h", "")
	up := t.TempDir()
	link := filepath.Join(up, "link")
	symlink(t, dir, link)
	stdout, stderr, code := hpylintWithin(t, up, "--format", "json", "link")
	if got := strings.Join(codesAt(decode(t, stdout)), " "); code != 1 || !strings.Contains(got, "link/mod.c:4:13 HPY102") {
		t.Errorf("hpylint link: exit %d, %s %s", code, got, stderr)
	}
	stdout, stderr, code = hpylintWithin(t, link, "--format", "json", ".")
	if got := strings.Join(codesAt(decode(t, stdout)), " "); code != 1 || !strings.Contains(got, "mod.c:4:13 HPY102") {
		t.Errorf("cd link && hpylint .: exit %d, %s %s", code, got, stderr)
	}
}

// D9: a symlinked setup.py is read by the walk.
func TestSymlinkedSetupPyIsRead(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, dir)
	write(t, dir, "other.c", "int other;\n")
	write(t, dir, "defs.h", "")
	shared := t.TempDir()
	if err := os.Rename(filepath.Join(dir, "setup.py"), filepath.Join(shared, "setup.py")); err != nil {
		t.Fatal(err)
	}
	symlink(t, filepath.Join(shared, "setup.py"), filepath.Join(dir, "setup.py"))
	stdout, stderr, code := hpylintWithin(t, dir, "--format", "json", ".")
	if got := strings.Join(codesAt(decode(t, stdout)), " "); code != 1 || !strings.Contains(got, "mod.c:4:13 HPY102") {
		t.Errorf("exit %d, %s %s", code, got, stderr)
	}
}

// D12 and the rule: a named path that cannot be read makes the run exit 2
// after analysing the rest; a readable directory without HPy code is a
// clean run that says how many files it read.
func TestUnreadNamedPathsExit2(t *testing.T) {
	dir := t.TempDir()
	smallProject(t, dir)
	write(t, dir, "other.c", "int other;\n")
	write(t, dir, "defs.h", "")
	symlink(t, "nowhere", filepath.Join(dir, "broken"))
	stdout, stderr, code := hpylintWithin(t, dir, ".", "broken")
	if code != 2 || !strings.Contains(stderr, "broken: a broken symbolic link") || !strings.Contains(stdout, "HPY102") {
		t.Errorf("exit %d, %s %s", code, stdout, stderr)
	}

	plain := t.TempDir()
	write(t, plain, "plain.c", "int main(void) { return 0; }\n")
	write(t, plain, "notes.txt", "")
	stdout, stderr, code = hpylintWithin(t, plain, ".")
	if code != 0 || !strings.Contains(stdout, "All checks passed") || !strings.Contains(stdout, "1 file read") {
		t.Errorf("a directory without HPy code: exit %d, %q %s", code, stdout, stderr)
	}

	if os.Geteuid() == 0 {
		t.Skip("root reads every directory: workspace.TestUnlistableDirectories covers an unreadable one")
	}
	locked := filepath.Join(dir, "locked")
	os.Mkdir(locked, 0)
	defer os.Chmod(locked, 0o755)
	_, stderr, code = hpylintWithin(t, dir, "locked")
	if code != 2 || !strings.Contains(stderr, "locked: directory cannot be read") {
		t.Errorf("an unreadable root: exit %d, %s", code, stderr)
	}
}

// D10: a source reached under two names (walked through the file a link
// points to, named by setup.py through the link) is one unit: no finding
// twice, and --fix writes it once.
func TestOneFileOneUnit(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(name='m', hpy_ext_modules=[Extension('m._mod', sources=['src/mod.c'])])\n")
	write(t, dir, "pyproject.toml", "[build-system]\nrequires = [\"setuptools\", \"hpy\"]\n[tool.hpylint]\nabi = \"universal\"\n")
	os.Mkdir(filepath.Join(dir, "shared"), 0o755)
	os.Mkdir(filepath.Join(dir, "src"), 0o755)
	write(t, filepath.Join(dir, "shared"), "mod.c", "#include \"hpy.h\"\nstatic HPyModuleDef moduledef = { .doc = \"x\" };\nHPy_MODINIT(mod, moduledef)\n")
	symlink(t, "../shared/mod.c", filepath.Join(dir, "src", "mod.c"))

	stdout, stderr, _ := hpylintWithin(t, dir, "--format", "json", ".")
	got := codesAt(decode(t, stdout))
	want := "src/mod.c:3:1 HPY105 src/mod.c:3:13 HPY102"
	if strings.Join(got, " ") != want {
		t.Errorf("findings:\n%s\nwant %s (%s)", strings.Join(got, "\n"), want, stderr)
	}
	_, stderr, code := hpylintWithin(t, dir, "--fix", ".")
	if code != 0 || strings.Contains(stderr, "not written") {
		t.Errorf("--fix: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "shared", "hpy_cpython_entrypoint.h")); err == nil {
		t.Error("a second shim header was written beside the link's target")
	}
	if _, stderr, code := hpylintWithin(t, dir, "--fix", "."); code != 0 || !strings.Contains(stderr, "nothing to fix") {
		t.Errorf("a second --fix: exit %d, %s", code, stderr)
	}
}
