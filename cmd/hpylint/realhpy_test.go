package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// The end-to-end check of the CPython entrypoint with the real HPy: the
// sample project is built as a universal extension with hpy.devel, fixed
// with --fix, rebuilt, and imported by plain python3 through the shim,
// with hpy.devel's .py stubs beside the binaries and without them. It needs
// python3 with setuptools and an importable hpy (hpy.universal and
// hpy.devel), e.g. PYTHONPATH=/path/to/hpy-source-build; otherwise it is
// skipped.
func TestRealHPyImportsThroughShim(t *testing.T) {
	python, dir, build := realHPySample(t)
	pkg := filepath.Join(dir, "src", "pointlib")

	// The sample as shipped builds; it just does not import (wrong
	// HPy_MODINIT name, .size = -1).
	build("before --fix")
	if stdout, stderr, code := hpylint(t, dir, "--fix"); code != 0 {
		t.Fatalf("--fix: exit %d\n%s\n%s", code, stdout, stderr)
	}
	for _, f := range []string{"_point.hpy0.so", "_point.py", "_vector.hpy0.so", "_vector.py"} {
		os.Remove(filepath.Join(pkg, f))
	}
	build("after --fix")

	for _, ext := range []string{"_point", "_vector"} {
		defined, undefined := dynamicSymbols(t, filepath.Join(pkg, ext+".hpy0.so"))
		if !defined["PyInit_"+ext] || !defined["HPyInit_"+ext] {
			t.Errorf("%s.hpy0.so exports PyInit_ %v, HPyInit_ %v; want both", ext, defined["PyInit_"+ext], defined["HPyInit_"+ext])
		}
		for _, u := range undefined {
			if strings.HasPrefix(u, "Py") || strings.HasPrefix(u, "_Py") {
				t.Errorf("%s.hpy0.so needs CPython symbol %s at link time", ext, u)
			}
		}
	}

	// Baseline: only the .hpy0 binaries and the stubs: CPython imports the
	// stubs (no CPython-named binary exists).
	got := importSample(t, python, dir)
	for name, stub := range map[string]string{"pointlib._point": "_point.py", "pointlib._vector": "_vector.py"} {
		if got.Point != 1.5 || got.Norm != 5 || !strings.HasSuffix(got.Found[name], stub) || got.Loader[name] != "SourceFileLoader" {
			t.Errorf("through the stubs: %+v", got)
		}
	}

	// Shipping the binary under CPython names too, as the README explains:
	// a symlink for one, a copy for the other. The extension outranks the
	// stub, so the shim now does the import.
	if err := os.Symlink("_point.hpy0.so", filepath.Join(pkg, "_point.so")); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(pkg, "_vector.hpy0.so"), filepath.Join(pkg, "_vector.abi3.so"))
	checkShim := func(stage string) {
		t.Helper()
		got := importSample(t, python, dir)
		if got.Point != 1.5 || got.Norm != 5 {
			t.Errorf("%s: module behaviour %+v", stage, got)
		}
		for name, suffix := range map[string]string{"pointlib._point": "_point.so", "pointlib._vector": "_vector.abi3.so"} {
			if !strings.HasSuffix(got.Found[name], suffix) || got.Loader[name] != "ExtensionFileLoader" {
				t.Errorf("%s: %s found at %q, loader %s; want the shim (%s, ExtensionFileLoader)", stage, name, got.Found[name], got.Loader[name], suffix)
			}
		}
	}
	checkShim("with the .py stubs")
	for _, f := range []string{"_point.py", "_vector.py"} {
		if err := os.Remove(filepath.Join(pkg, f)); err != nil {
			t.Fatal(err)
		}
	}
	checkShim("without the .py stubs")

	// Without the .hpy0 file beside it, the shim names what is missing.
	os.Remove(filepath.Join(pkg, "_vector.hpy0.so"))
	got = importSample(t, python, dir)
	if !strings.Contains(got.Error, "_vector.hpy0.so' does not exist") {
		t.Errorf("without _vector.hpy0.so: error %q", got.Error)
	}
}

// importResult is what the import script reports.
type importResult struct {
	Found  map[string]string // module → file the import system picked
	Loader map[string]string // module → loader class
	Point  float64           // Point(1.5, 2).x
	Norm   float64           // norm(3, 4)
	Error  string
}

const importScript = `
import importlib.machinery, importlib.util, json, sys
out = {"Found": {}, "Loader": {}}
try:
    # Which file the import system picks, asked before anything is imported
    # (the stubs replace sys.modules entries, and with them __spec__).
    pkgdir = importlib.util.find_spec("pointlib").submodule_search_locations
    for name in ("pointlib._point", "pointlib._vector"):
        out["Found"][name] = importlib.machinery.PathFinder.find_spec(name, pkgdir).origin
    import pointlib
    out["Point"] = pointlib.Point(1.5, 2.0).x
    out["Norm"] = pointlib.norm(3.0, 4.0)
    for name in ("pointlib._point", "pointlib._vector"):
        out["Loader"][name] = type(sys.modules[name].__loader__).__name__
except Exception as e:
    out["Error"] = "%s: %s" % (type(e).__name__, e)
print(json.dumps(out))
`

// importSample imports the sample package with plain python3 in a fresh
// process, with the project's src directory first on the path.
func importSample(t *testing.T, python, dir string) importResult {
	t.Helper()
	cmd := exec.Command(python, "-c", importScript)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "PYTHONPATH="+filepath.Join(dir, "src")+string(os.PathListSeparator)+os.Getenv("PYTHONPATH"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 crashed importing the sample: %v\n%s", err, out)
	}
	var r importResult
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("import script output %q: %v", out, err)
	}
	t.Logf("import: %+v", r)
	return r
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o755); err != nil {
		t.Fatal(err)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// realHPySample copies testdata/sample for a test that builds it with the
// real hpy.devel (universal ABI, in place) and returns python3, the copy
// and the build; the test is skipped with -short or when python3 cannot
// import hpy.universal, hpy.devel and setuptools.
func realHPySample(t *testing.T) (python, dir string, build func(stage string)) {
	t.Helper()
	if testing.Short() {
		t.Skip("-short: the real HPy build takes a while")
	}
	python = testenv.Tool(t, "python3")
	if out, err := exec.Command(python, "-c", "import hpy.universal, hpy.devel, setuptools").CombinedOutput(); err != nil {
		t.Skipf("HPy is not importable by python3 (%v: %s); set PYTHONPATH to an HPy install or source build to run this test",
			err, lastLine(string(out)))
	}
	dir = copyTree(t, testdata("sample"))
	build = func(stage string) {
		t.Helper()
		os.RemoveAll(filepath.Join(dir, "build"))
		cmd := exec.Command(python, "setup.py", "--hpy-abi=universal", "build_ext", "--inplace")
		cmd.Dir = dir
		start := time.Now()
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: setup.py --hpy-abi=universal build_ext --inplace: %v\n%s", stage, err, out)
		}
		t.Logf("%s: built in %v", stage, time.Since(start).Round(time.Millisecond))
	}
	return python, dir, build
}
