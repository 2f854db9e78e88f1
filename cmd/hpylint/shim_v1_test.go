package main

import (
	"fmt"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/shim"
)

// A header written by generator version 1 (the last one whose binaries
// carried no marker string) is outdated: HPY106 says so, names both
// versions, and --fix replaces it with the current header.
func TestVersion1HeaderIsOutdated(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "setup.py", "from setuptools import setup, Extension\nsetup(setup_requires=['hpy'], hpy_ext_modules=[Extension('m', ['m.c'])])\n")
	write(t, dir, "m.c", "#include \"hpy.h\"\nstatic HPyModuleDef d = { .doc = \"m\" };\nHPy_MODINIT(m, d)\n#include \"hpy_cpython_entrypoint.h\"\nHPY_CPYTHON_ENTRYPOINT(m)\n")
	v1 := read(t, testdata("shim"), "hpy_cpython_entrypoint_v1.h")
	if !strings.Contains(v1, " * version: 1\n") {
		t.Fatal("testdata/shim/hpy_cpython_entrypoint_v1.h is not a version 1 header")
	}
	write(t, dir, shim.HeaderName, v1)

	stdout, _, code := hpylint(t, dir, "--select", "HPY106")
	want := fmt.Sprintf("hpy_cpython_entrypoint.h was written by an older hpylint (generator version 1, current %d)", shim.Version)
	if code != 1 || !strings.Contains(stdout, "HPY106") || !strings.Contains(stdout, want) {
		t.Errorf("exit %d, want 1 and %q:\n%s", code, want, stdout)
	}
	if stdout, stderr, code := hpylint(t, dir, "--fix"); code != 0 {
		t.Fatalf("--fix: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if read(t, dir, shim.HeaderName) != string(shim.Header()) {
		t.Error("--fix did not replace the version 1 header with the current one")
	}
}
