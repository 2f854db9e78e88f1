package shim

import (
	"fmt"
	"os"
	"slices"
	"testing"

	"github.com/hpyproject/hpylint/analysis/binary"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// The marker `hpylint audit` reads must survive what release builds do to
// unreferenced data: -O2, sections per symbol collected by the linker,
// hidden visibility, link-time optimisation. (MSVC's /OPT:REF drops the same
// unreferenced data as --gc-sections; MinGW's ld stands in for it here.)
func TestMarkerSurvivesReleaseBuilds(t *testing.T) {
	want := []string{fmt.Sprintf("%sversion=%d module=pof", binary.MarkerPrefix, Version)}
	release := []string{"-O2", "-ffunction-sections", "-fdata-sections", "-Wl,--gc-sections", "-DHPY_ABI_UNIVERSAL"}
	cases := []struct {
		name, compiler, srcName, out string
		flags                        []string
	}{
		{"gcc", "gcc", "pof.c", "pof.hpy0.so", append(slices.Clone(cFlags), release...)},
		{"gcc -flto", "gcc", "pof.c", "pof.hpy0.so", append(append(slices.Clone(cFlags), release...), "-flto")},
		{"g++", "g++", "pof.cpp", "pof.hpy0.so", append(slices.Clone(cxxFlags), release...)},
		{"mingw", "x86_64-w64-mingw32-gcc", "pof.c", "pof.hpy0.pyd", append([]string{"-std=c99", "-Wall", "-Wextra", "-Werror", "-shared", "-s"}, release...)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			testenv.Tool(t, c.compiler)
			lib := buildShim(t, c.compiler, "pof.c", c.srcName, c.out, c.flags...)
			img := readImage(t, lib)
			if !slices.Equal(img.Markers, want) {
				t.Errorf("markers %q, want %q", img.Markers, want)
			}
			if !slices.Contains(img.Exported, "PyInit_pof") {
				t.Errorf("exported %v lacks PyInit_pof", img.Exported)
			}
		})
	}
}

// In the cpython ABI the shim expands to nothing, so there is no marker
// either: the binary's PyInit_ is HPy's own.
func TestNoMarkerInCPythonABIBuild(t *testing.T) {
	so := buildShim(t, "gcc", "pof.c", "pof.c", "pof.so", append(slices.Clone(cFlags), "-DHPY_ABI_CPYTHON")...)
	if img := readImage(t, so); len(img.Markers) != 0 {
		t.Errorf("markers %q in a cpython ABI build", img.Markers)
	}
}

func readImage(t *testing.T, path string) *binary.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	img, err := binary.Read(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	return img
}
