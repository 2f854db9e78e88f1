package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hpylint audit on what the real hpy.devel builds: the sample project as
// shipped (HPy_MODINIT(point, ...) in the extension pointlib._point), then
// after hpylint --fix, with the binaries under CPython names as the README
// recommends. Same condition as TestRealHPyImportsThroughShim: python3
// with setuptools and an importable hpy.
func TestRealHPyAudit(t *testing.T) {
	_, dir, build := realHPySample(t)
	pkg := filepath.Join("src", "pointlib")

	build("before --fix")
	stdout, stderr, code := hpylint(t, dir, "audit", pkg)
	// hpy.devel names the file after the extension (_point) while
	// HPy_MODINIT says point; the stubs reach both modules; nothing in a
	// universal build references CPython.
	if code != exitFindings || strings.Count(stdout, "HPY5") != 1 ||
		!strings.Contains(stdout, "src/pointlib/_point.hpy0.so:1:1: HPY503 [error] exports HPyInit_point, not HPyInit__point") {
		t.Errorf("before --fix: exit %d\n%s\n%s", code, stdout, stderr)
	}

	if stdout, stderr, code := hpylint(t, dir, "--fix"); code != 0 {
		t.Fatalf("--fix: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"_point.hpy0.so", "_point.py", "_vector.hpy0.so", "_vector.py"} {
		os.Remove(filepath.Join(dir, pkg, f))
	}
	build("after --fix")
	if err := os.Symlink("_point.hpy0.so", filepath.Join(dir, pkg, "_point.abi3.so")); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(dir, pkg, "_vector.hpy0.so"), filepath.Join(dir, pkg, "_vector.abi3.so"))
	if stdout, stderr, code := hpylint(t, dir, "audit", pkg); code != exitClean || strings.Contains(stdout, "HPY5") {
		t.Errorf("after --fix, with CPython-named copies: exit %d\n%s\n%s", code, stdout, stderr)
	}
	// Without the stubs and the copies, the shim is there but CPython
	// never looks at the .hpy0 names: HPY506 names the file to add.
	for _, f := range []string{"_point.py", "_vector.py", "_point.abi3.so", "_vector.abi3.so"} {
		os.Remove(filepath.Join(dir, pkg, f))
	}
	stdout, stderr, code = hpylint(t, dir, "audit", pkg)
	if code != exitFindings || strings.Count(stdout, "HPY506") != 2 || !strings.Contains(stdout, "named _point.abi3.so") {
		t.Errorf("after --fix, .hpy0 names alone: exit %d\n%s\n%s", code, stdout, stderr)
	}
}
