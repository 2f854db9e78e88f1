package main

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// What --fix writes must compile: HPY105's insertion after HPy_MODINIT and
// HPY206's replacement of a hand-written PyInit_ are compiled with strict
// warnings against a stub hpy.h (testdata/fix/include), as a universal
// build (the shim exports PyInit_, nothing needs libpython) and as a
// cpython build (the shim compiles to nothing beside HPy_MODINIT's PyInit_).
func TestFixedSourcesCompile(t *testing.T) {
	gcc := testenv.Tool(t, "gcc")
	dir := copyTree(t, testdata("fix", "tiny"))
	stdout, stderr, code := hpylint(t, dir, "--fix")
	if code != 0 {
		t.Fatalf("--fix: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if src := read(t, dir, "handwritten.c"); strings.Contains(src, "PyInit_handwritten") || !strings.Contains(src, "HPY_CPYTHON_ENTRYPOINT(handwritten)") {
		t.Fatalf("HPY206's fix did not replace the hand-written PyInit_:\n%s", src)
	}
	stub := testdata("fix", "include")
	for _, ext := range []string{"tiny", "handwritten"} {
		for _, abi := range []string{"HPY_ABI_UNIVERSAL", "HPY_ABI_CPYTHON"} {
			t.Run(ext+"/"+abi, func(t *testing.T) {
				so := filepath.Join(t.TempDir(), ext+".so")
				args := []string{"-std=c99", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-shared", "-fPIC",
					"-D" + abi, "-I", stub, filepath.Join(dir, ext+".c"), "-o", so}
				if out, err := exec.Command(gcc, args...).CombinedOutput(); err != nil {
					t.Fatalf("gcc %s: %v\n%s", strings.Join(args, " "), err, out)
				}
				defined, undefined := dynamicSymbols(t, so)
				if !defined["PyInit_"+ext] {
					t.Errorf("PyInit_%s not exported; defined: %v", ext, defined)
				}
				if abi == "HPY_ABI_UNIVERSAL" && !defined["HPyInit_"+ext] {
					t.Errorf("HPyInit_%s not exported", ext)
				}
				for _, u := range undefined {
					if strings.HasPrefix(u, "Py") || strings.HasPrefix(u, "_Py") {
						t.Errorf("undefined CPython symbol %s: the binary would need libpython", u)
					}
				}
			})
		}
	}
}

// dynamicSymbols lists the defined and undefined dynamic symbols of so.
func dynamicSymbols(t *testing.T, so string) (map[string]bool, []string) {
	t.Helper()
	nm := testenv.Tool(t, "nm")
	out, err := exec.Command(nm, "-D", so).Output()
	if err != nil {
		t.Fatalf("nm -D %s: %v", so, err)
	}
	defined := map[string]bool{}
	var undefined []string
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 2 && f[0] == "U":
			undefined = append(undefined, strings.SplitN(f[1], "@", 2)[0])
		case len(f) == 3 && f[1] == "T":
			defined[f[2]] = true
		}
	}
	return defined, undefined
}
