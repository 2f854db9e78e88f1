package setuppy

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
)

// FuzzRead checks that no input makes Read panic or return a span outside
// the content. `go test` runs the seeds only; `go test -fuzz FuzzRead`
// explores.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.py"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"setup(",
		"setup(hpy_ext_modules=[Extension(",
		"a = a + a\na = a + a\na = a + a\nsetup(hpy_ext_modules=a)",
		"def f():\n    return f()\nsetup(hpy_ext_modules=f())",
		"X = Y\nY = X\nsetup(hpy_abi=X, name=Y)",
		"sys.argv.insert(1, f'--hpy-abi={A}{B}')\nsys.argv[1:1] = ['--hpy-abi']\n",
		"setup(**{**a, 'hpy_ext_modules': [*b, *c]}, setup_requires=(\n",
		"\x00\xff\xfe'\\",
		"setup(setup_requires=['a' 'b', f'{x}', u'c', rb'd\\'])",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		checkSpans(t, content, Read("setup.py", content))
	})
}

// TestPathological feeds inputs built to blow up a naive evaluator: they
// must finish (quickly) and still say something sensible.
func TestPathological(t *testing.T) {
	tests := map[string]string{
		"doubling list":    "a = ['x.c']\n" + strings.Repeat("a = a + a\n", 60) + "setup(hpy_ext_modules=[Extension('m', a)])\n",
		"fan-out of names": strings.Repeat("if c:\n    A = B\nelse:\n    A = B\nif c:\n    B = A\nelse:\n    B = A\n", 50) + "setup(hpy_abi=A)\nsys.argv.insert(1, '--hpy-abi=' + A)\n",
		"deep nesting":     "setup(hpy_ext_modules=" + strings.Repeat("[", 5000) + strings.Repeat("]", 5000) + ")\n",
		"deep parentheses": "setup(hpy_abi=" + strings.Repeat("(", 5000) + "'universal'" + strings.Repeat(")", 5000) + ")\n",
		"mutual functions": "def f():\n    return g()\ndef g():\n    return f()\nsetup(hpy_ext_modules=f())\n",
		"nested loops":     "L = [" + strings.Repeat("'x', ", 200) + "]\nfiles = []\nfor a in L:\n    for b in L:\n        for c in L:\n            files.append(a + b + c)\nsetup(hpy_ext_modules=[Extension('m', files)])\n",
		"helper fan-out":   "def f0(x):\n    return [x]\n" + fanOut(30) + "setup(hpy_ext_modules=[Extension('m', f30('a'))])\n",
	}
	for name, src := range tests {
		t.Run(name, func(t *testing.T) {
			src = "import sys\nfrom setuptools import setup, Extension\n" + src
			f := read(t, src)
			if name == "doubling list" {
				if len(f.Extensions) != 1 || len(f.Extensions[0].Sources) != maxItems {
					t.Errorf("got %d extensions, %+v", len(f.Extensions), f.Unresolved)
				}
				if len(f.Unresolved) == 0 {
					t.Error("a cut list is not reported")
				}
			}
			if name == "nested loops" && (len(f.Extensions) != 1 || len(f.Unresolved) == 0) {
				t.Errorf("a loop cut short is not reported: %+v", f.Unresolved)
			}
			if name == "deep parentheses" && (len(f.ABI) != 1 || f.ABI[0].ABI != buildcfg.ABIUniversal) {
				t.Errorf("ABI = %+v", f.ABI)
			}
		})
	}
}

func TestMutatedGlobKeepsBoth(t *testing.T) {
	src := "from glob import glob\nfrom setuptools import setup, Extension\nSRCS = glob('src/*.c')\nSRCS.append('extra.c')\nsetup(hpy_ext_modules=[Extension('m', SRCS)])\n"
	f := read(t, src)
	if len(f.Extensions) != 1 || names(f.Extensions[0].Sources) != "extra.c" {
		t.Fatalf("extensions = %+v", f.Extensions)
	}
	if got := unresolvedTexts(src, f); len(got) != 1 || got[0] != "glob('src/*.c')" {
		t.Errorf("unresolved = %q", got)
	}
}

// fanOut defines f1..fn, each calling the previous one twice with a new
// argument: evaluated naively, fn takes 2^n calls.
func fanOut(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "def f%d(x):\n    return f%d(x + '1') + f%d(x + '2')\n", i, i-1, i-1)
	}
	return b.String()
}
