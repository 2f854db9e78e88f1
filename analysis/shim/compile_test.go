package shim

import (
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

func TestUniversalBuildExportsPyInitAndNeedsNoCPython(t *testing.T) {
	universal := []string{"-DHPY_ABI_UNIVERSAL"}
	cases := []struct {
		name, compiler, srcName string
		flags                   []string
	}{
		{"C99", "gcc", "pof.c", append(append([]string{}, cFlags...), universal...)},
		{"C99 pedantic", "gcc", "pof.c", append(append([]string{"-Wpedantic"}, cFlags...), universal...)},
		{"C++", "g++", "pof.cpp", append(append([]string{}, cxxFlags...), universal...)},
		{"C++ pedantic", "g++", "pof.cpp", append(append([]string{"-Wpedantic"}, cxxFlags...), universal...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			so := buildShim(t, c.compiler, "pof.c", c.srcName, "pof.so", c.flags...)
			defined, undefined := dynSymbols(t, so)
			if typ := defined["PyInit_pof"]; typ != "T" {
				t.Errorf("PyInit_pof: nm type %q, want T (exported text) despite -fvisibility=hidden; defined: %v", typ, defined)
			}
			if _, ok := defined["PyModExport_pof"]; ok {
				t.Errorf("PyModExport_pof is exported, but the PEP 793 hook must be off by default")
			}
			if py := pythonSymbols(undefined); len(py) > 0 {
				t.Errorf("undefined CPython symbols %v: a universal binary must not need libpython at link time", py)
			}
			for name := range defined {
				if strings.HasPrefix(name, "hpyshim") {
					t.Errorf("helper %s is exported; only PyInit_ may be", name)
				}
			}
		})
	}
}

// In hybrid mode hpy.h has included Python.h before the shim: the shim's
// private names must not clash with CPython's. The fixture includes Python.h
// itself, so this test needs the CPython headers.
func TestHybridBuildCompilesAfterPythonH(t *testing.T) {
	inc := pythonIncludes(t)
	flags := append(append([]string{}, cFlags...), "-DHPY_ABI_HYBRID")
	flags = append(flags, inc...)
	so := buildShim(t, "gcc", "pof_hybrid.c", "pof_hybrid.c", "pof.so", flags...)
	defined, _ := dynSymbols(t, so)
	if defined["PyInit_pof"] != "T" {
		t.Errorf("PyInit_pof not exported in a hybrid build: %v", defined)
	}
}

func pythonIncludes(t *testing.T) []string {
	t.Helper()
	cfg := testenv.Tool(t, "python3-config")
	out, err := exec.Command(cfg, "--includes").Output()
	if err != nil {
		t.Skipf("python3-config --includes: %v (the hybrid test needs CPython headers)", err)
	}
	return strings.Fields(string(out))
}

func TestCPythonABICompilesToNothing(t *testing.T) {
	for _, c := range []struct{ compiler, srcName string }{{"gcc", "pof.c"}, {"g++", "pof.cpp"}} {
		t.Run(c.compiler, func(t *testing.T) {
			flags := append(append([]string{}, cFlags...), "-DHPY_ABI_CPYTHON")
			if c.compiler == "g++" {
				flags = append(append([]string{}, cxxFlags...), "-DHPY_ABI_CPYTHON")
			}
			so := buildShim(t, c.compiler, "pof.c", c.srcName, "pof.so", flags...)
			defined, undefined := dynSymbols(t, so)
			for name := range defined {
				if strings.HasPrefix(name, "PyInit_") || strings.HasPrefix(name, "PyModExport_") {
					t.Errorf("cpython ABI build defines %s; HPy_MODINIT already defines PyInit_ there", name)
				}
			}
			if slices.Contains(undefined, "dlsym") {
				t.Errorf("cpython ABI build still references dlsym: the shim was compiled in")
			}
		})
	}
}

func TestPEP793HookBehindMacro(t *testing.T) {
	pep793 := []string{"-DHPY_ABI_UNIVERSAL", "-DHPY_CPYTHON_ENTRYPOINT_PEP793"}
	for _, c := range []struct {
		compiler, srcName string
		flags             []string
	}{
		{"gcc", "pof.c", append(append([]string{}, cFlags...), pep793...)},
		{"g++", "pof.cpp", append(append([]string{}, cxxFlags...), pep793...)},
	} {
		t.Run(c.compiler, func(t *testing.T) {
			so := buildShim(t, c.compiler, "pof.c", c.srcName, "pof.so", c.flags...)
			defined, undefined := dynSymbols(t, so)
			for _, sym := range []string{"PyInit_pof", "PyModExport_pof"} {
				if defined[sym] != "T" {
					t.Errorf("%s: nm type %q, want T", sym, defined[sym])
				}
			}
			if py := pythonSymbols(undefined); len(py) > 0 {
				t.Errorf("undefined CPython symbols %v", py)
			}
		})
	}
}

// The Windows branch cannot run here, but it must at least compile, export
// PyInit_ and import no Python DLL. Skipped without a MinGW cross compiler.
func TestWindowsBuildImportsNoPythonDLL(t *testing.T) {
	testenv.Tool(t, "x86_64-w64-mingw32-gcc")
	objdump := testenv.Tool(t, "x86_64-w64-mingw32-objdump")
	for _, c := range []struct{ compiler, srcName string }{
		{"x86_64-w64-mingw32-gcc", "pof.c"}, {"x86_64-w64-mingw32-g++", "pof.cpp"},
	} {
		t.Run(c.compiler, func(t *testing.T) {
			flags := []string{"-Wall", "-Wextra", "-Werror", "-shared", "-DHPY_ABI_UNIVERSAL"}
			if c.srcName == "pof.c" {
				flags = append([]string{"-std=c99"}, flags...)
			}
			dll := buildShim(t, c.compiler, "pof.c", c.srcName, "pof.hpy0.pyd", flags...)
			out, err := exec.Command(objdump, "-p", dll).Output()
			if err != nil {
				t.Fatalf("objdump -p %s: %v", filepath.Base(dll), err)
			}
			text := string(out)
			if !strings.Contains(text, "] PyInit_pof\n") {
				t.Errorf("PyInit_pof is not in the export table:\n%s", text)
			}
			for _, line := range strings.Split(text, "\n") {
				if strings.Contains(line, "DLL Name:") && strings.Contains(strings.ToLower(line), "python") {
					t.Errorf("imports a Python DLL at link time: %s", strings.TrimSpace(line))
				}
			}
		})
	}
}
