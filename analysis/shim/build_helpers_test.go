package shim

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// fixtures is the directory of the C fixtures and the hpy.universal double.
var fixtures = filepath.Join("..", "..", "testdata", "shim")

// The flags of the brief: strict warnings, hidden visibility by default (as
// hpy.devel and most build systems use), universal ABI.
var (
	cFlags   = []string{"-std=c99", "-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-shared", "-fPIC"}
	cxxFlags = []string{"-Wall", "-Wextra", "-Werror", "-fvisibility=hidden", "-shared", "-fPIC"}
)

// buildShim writes the generated header and the fixture src (renamed to
// srcName, whose suffix picks C or C++) into a fresh directory and compiles
// it into out there. It returns the path of the shared object.
func buildShim(t *testing.T, compiler, src, srcName, out string, flags ...string) string {
	t.Helper()
	cc := testenv.Tool(t, compiler)
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, HeaderName), Header())
	code, err := os.ReadFile(filepath.Join(fixtures, src))
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, srcName), code)
	so := filepath.Join(dir, out)
	args := append(append([]string{}, flags...), "-I", dir, filepath.Join(dir, srcName), "-o", so)
	cmd := exec.Command(cc, args...)
	if outp, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s %s: %v\n%s", compiler, strings.Join(args, " "), err, outp)
	}
	return so
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, to, data)
}

// dynSymbols returns the dynamic symbols of so: defined ones with their nm
// type letter, and the names of undefined ones (version suffix removed).
func dynSymbols(t *testing.T, so string) (defined map[string]string, undefined []string) {
	t.Helper()
	nm := testenv.Tool(t, "nm")
	run := func(flag string) string {
		out, err := exec.Command(nm, "-D", flag, so).Output()
		if err != nil {
			t.Fatalf("nm -D %s %s: %v", flag, so, err)
		}
		return string(out)
	}
	defined = map[string]string{}
	for _, line := range strings.Split(run("--defined-only"), "\n") {
		if f := strings.Fields(line); len(f) == 3 {
			defined[stripVersion(f[2])] = f[1]
		}
	}
	for _, line := range strings.Split(run("--undefined-only"), "\n") {
		if f := strings.Fields(line); len(f) >= 2 {
			undefined = append(undefined, stripVersion(f[len(f)-1]))
		}
	}
	return defined, undefined
}

func stripVersion(sym string) string {
	name, _, _ := strings.Cut(sym, "@")
	return name
}

// pythonSymbols lists the names in syms that belong to CPython's API.
func pythonSymbols(syms []string) []string {
	var py []string
	for _, s := range syms {
		if strings.HasPrefix(s, "Py") || strings.HasPrefix(s, "_Py") {
			py = append(py, s)
		}
	}
	return py
}

// pythonEnv is the environment for a python3 child: the caller's, without
// variables that could redirect Python or configure the double.
func pythonEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PYTHON") || strings.HasPrefix(kv, "HPY") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

var (
	interpreter     string
	interpreterOnce sync.Once
)

// python3 is often a launcher script (pyenv's takes half a second a run):
// ask it once for the interpreter behind it.
func pythonExe(t *testing.T) string {
	t.Helper()
	launcher := testenv.Tool(t, "python3")
	interpreterOnce.Do(func() {
		out, err := exec.Command(launcher, "-c", "import sys; print(sys.executable)").Output()
		if exe := strings.TrimSpace(string(out)); err == nil && exe != "" {
			interpreter = exe
		} else {
			interpreter = launcher
		}
	})
	return interpreter
}

// runPython runs python3 -S (no site: no installed hpy can shadow the
// double) -B (no __pycache__ left in testdata) with args and returns stdout,
// stderr and the exit code.
func runPython(t *testing.T, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(pythonExe(t), append([]string{"-S", "-B"}, args...)...)
	cmd.Env = env
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	code = 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("python3 %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return o.String(), e.String(), code
}
