package shim

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportThroughLoadBootstrap(t *testing.T) {
	suffix := extSuffix(t)
	for _, c := range []struct{ module, file string }{
		{"pof", "pof.so"},
		{"pof", "pof.abi3.so"},
		{"pof", "pof" + suffix},
		{"pkg.pof", "pkg/pof.so"},
		{"pkg.pof", "pkg/pof.abi3.so"},
		{"pkg.pof", "pkg/pof" + suffix},
	} {
		t.Run(c.file, func(t *testing.T) {
			root := layout(t, c.file, "pof.hpy0.so")
			r := drive(t, pythonEnv("HPY=debug"), "import", c.module, "--path", doubleDir(t), "--path", root)
			expectImported(t, r, c.module)
			if len(r.Calls) != 1 {
				t.Fatalf("calls %+v, want one", r.Calls)
			}
			got := r.Calls[0]
			pkg, _, _ := strings.Cut(c.module, ".")
			if !strings.Contains(c.module, ".") {
				pkg = ""
			}
			wantFile := filepath.Join(root, filepath.Dir(c.file), "pof.hpy0.so")
			if got.Fn != "_load_bootstrap" || got.Name != "pof" || got.ExtName != c.module ||
				got.Package != pkg || got.File != wantFile {
				t.Errorf("_load_bootstrap(%q, %q, %q, %q, ...) via %s; want (\"pof\", %q, %q, %q)",
					got.Name, got.ExtName, got.Package, got.File, got.Fn, c.module, pkg, wantFile)
			}
			if got.LoaderType != "ExtensionFileLoader" || !got.LoaderIsSpecLoader {
				t.Errorf("loader %s (is spec.loader: %v), want spec.loader", got.LoaderType, got.LoaderIsSpecLoader)
			}
			if !got.SpecIsModuleSpec {
				t.Error("spec passed is not the module's __spec__")
			}
			if !got.EnvIsOSEnviron || got.EnvHPY == nil || *got.EnvHPY != "debug" {
				t.Errorf("env: is os.environ %v, HPY=%v; want os.environ itself, so HPY=debug reaches hpy", got.EnvIsOSEnviron, got.EnvHPY)
			}
		})
	}
}

func TestImportThroughLegacyLoad(t *testing.T) {
	for _, c := range []struct{ module, file string }{{"pof", "pof.abi3.so"}, {"pkg.pof", "pkg/pof.so"}} {
		t.Run(c.module, func(t *testing.T) {
			root := layout(t, c.file, "pof.hpy0.so")
			r := drive(t, pythonEnv("HPY_DOUBLE_LEGACY=1"), "import", c.module, "--path", doubleDir(t), "--path", root)
			expectImported(t, r, c.module)
			want := filepath.Join(root, filepath.Dir(c.file), "pof.hpy0.so")
			if len(r.Calls) != 1 || r.Calls[0].Fn != "load" || r.Calls[0].Name != c.module ||
				r.Calls[0].Path != want || !r.Calls[0].SpecIsModuleSpec {
				t.Errorf("calls %+v, want one load(%q, %q, spec)", r.Calls, c.module, want)
			}
		})
	}
}

// A file whose name already carries the ABI tag (a CPython taught the tag,
// or a spec made by hand) is handed to hpy.universal as it is.
func TestTaggedOriginPassesThrough(t *testing.T) {
	for _, name := range []string{"pof.hpy0.so", "pof.hpy0-cp311.so"} {
		t.Run(name, func(t *testing.T) {
			root := layout(t, name, "")
			origin := filepath.Join(root, name)
			r := drive(t, pythonEnv(), "spec", "pof", "--path", doubleDir(t), "--origin", origin)
			if r.Error != nil {
				t.Fatalf("import failed: %+v", *r.Error)
			}
			if len(r.Calls) != 1 || r.Calls[0].File != origin {
				t.Errorf("calls %+v, want file %q", r.Calls, origin)
			}
		})
	}
}

// Built with the dlopen(NULL) look-up instead of RTLD_DEFAULT.
func TestImportWithDlopenLookup(t *testing.T) {
	pythonExe(t)
	so := buildShim(t, "gcc", "pof_dlopen.c", "pof_dlopen.c", "pof.so", append(append([]string{}, cFlags...), "-DHPY_ABI_UNIVERSAL")...)
	root := t.TempDir()
	copyFile(t, so, filepath.Join(root, "pof.so"))
	copyFile(t, so, filepath.Join(root, "pof.hpy0.so"))
	r := drive(t, pythonEnv(), "import", "pof", "--path", doubleDir(t), "--path", root)
	expectImported(t, r, "pof")
}

func expectImportError(t *testing.T, e *importError, message, name string) {
	t.Helper()
	if e == nil {
		t.Fatal("import succeeded, want ImportError")
	}
	if !e.IsImportError || e.Type != "ImportError" {
		t.Errorf("raised %s, want ImportError", e.Type)
	}
	if e.Message != message {
		t.Errorf("message:\n got %q\nwant %q", e.Message, message)
	}
	if e.Name == nil || *e.Name != name {
		t.Errorf("ImportError.name = %v, want %q", e.Name, name)
	}
}

func TestHPyMissing(t *testing.T) {
	for _, c := range []struct{ module, file string }{{"pof", "pof.so"}, {"pkg.pof", "pkg/pof.abi3.so"}} {
		t.Run(c.module, func(t *testing.T) {
			root := layout(t, c.file, "pof.hpy0.so")
			r := drive(t, pythonEnv(), "import", c.module, "--path", root)
			if r.HPyFound {
				t.Fatal("an hpy package is importable without the double: the test cannot run")
			}
			expectImportError(t, r.Error,
				c.module+" is an HPy universal extension; install the 'hpy' package to import it on CPython", c.module)
			if r.Error.Cause == nil || *r.Error.Cause != "ModuleNotFoundError" {
				t.Errorf("__cause__ = %v, want the original ModuleNotFoundError", r.Error.Cause)
			}
		})
	}
}

func TestSiblingMissing(t *testing.T) {
	root := layout(t, "pof.abi3.so", "")
	origin := filepath.Join(root, "pof.abi3.so")
	sibling := filepath.Join(root, "pof.hpy0.so")
	// After the failure the sibling appears and the import is retried: it
	// must work, so the failed attempt released its re-entry guard.
	r := drive(t, pythonEnv(), "import", "pof", "--path", doubleDir(t), "--path", root, "--retry-create", sibling)
	want := fmt.Sprintf("pof is an HPy universal extension, but '%s' does not exist: hpy.universal only loads "+
		"files whose name carries the .hpy0 ABI tag, so it needs that file beside '%s'", sibling, origin)
	expectImportError(t, r.Error, want, "pof")
	if r.Error.Path == nil || *r.Error.Path != sibling {
		t.Errorf("ImportError.path = %v, want %q", r.Error.Path, sibling)
	}
	if r.RetryError != nil {
		t.Fatalf("retry after creating the sibling failed: %+v", *r.RetryError)
	}
	if len(r.Calls) != 1 || r.Calls[0].File != sibling {
		t.Errorf("calls %+v: want only the retry's call, with the sibling", r.Calls)
	}
}

// An exec slot that imports its own module re-enters the create slot before
// importlib has put the module in sys.modules.
func TestCircularImport(t *testing.T) {
	root := layout(t, "pof.abi3.so", "pof.hpy0.so")
	const want = "circular import of pof during its initialisation"

	t.Run("reported, then guard released", func(t *testing.T) {
		r := drive(t, pythonEnv("HPY_DOUBLE_SELF_IMPORT=1"), "import", "pof",
			"--path", doubleDir(t), "--path", root, "--retry-unset", "HPY_DOUBLE_SELF_IMPORT")
		expectImportError(t, r.Error, want, "pof")
		if r.RetryError != nil {
			t.Errorf("import after the circular one failed: %+v (guard not released?)", *r.RetryError)
		}
		if len(r.Calls) != 2 {
			t.Errorf("%d loader calls, want 2 (the circular attempt stops at the second entry)", len(r.Calls))
		}
	})

	t.Run("plain import in a subprocess", func(t *testing.T) {
		code := fmt.Sprintf("import sys; sys.path[:0] = [%q, %q]; import pof", doubleDir(t), root)
		_, stderr, exit := runPython(t, pythonEnv("HPY_DOUBLE_SELF_IMPORT=1"), "-c", code)
		if exit != 1 {
			t.Errorf("exit status %d, want 1 (an uncaught ImportError; negative means a signal)", exit)
		}
		lines := strings.Split(strings.TrimSpace(stderr), "\n")
		if last := lines[len(lines)-1]; last != "ImportError: "+want {
			t.Errorf("last stderr line %q, want %q", last, "ImportError: "+want)
		}
		if strings.Contains(stderr, "RecursionError") || strings.Contains(stderr, "Fatal Python error") {
			t.Errorf("stderr shows a recursion or a crash:\n%s", stderr)
		}
	})
}

// Several threads may create the same module at once through
// importlib.util.module_from_spec (no module lock): that is not circular.
func TestConcurrentCreationIsNotCircular(t *testing.T) {
	root := layout(t, "pof.so", "pof.hpy0.so")
	r := drive(t, pythonEnv("HPY_DOUBLE_SLEEP=0.3"), "threads", "pof", "--threads", "4",
		"--path", doubleDir(t), "--path", root)
	seen := map[int]bool{}
	for i, th := range r.Threads {
		if !th.OK {
			t.Errorf("thread %d: %+v", i, th.Error)
			continue
		}
		seen[th.Serial] = true
	}
	if len(r.Threads) != 4 || len(seen) != 4 || len(r.Calls) != 4 {
		t.Errorf("threads %+v, %d calls: want 4 distinct modules from 4 calls", r.Threads, len(r.Calls))
	}
}

// Free-threaded builds have another object header: the shim must refuse them
// before PyModuleDef_Init touches its static definition. No such build is on
// this machine, so the driver makes the GIL build look free-threaded in the
// two ways the shim checks.
func TestFreeThreadedRefused(t *testing.T) {
	root := layout(t, "pof.so", "pof.hpy0.so")
	for _, how := range []string{"abiflags", "sysconfig"} {
		t.Run(how, func(t *testing.T) {
			r := drive(t, pythonEnv(), "import", "pof", "--pretend-free-threaded", how,
				"--path", doubleDir(t), "--path", root)
			if r.Error == nil || r.Error.Type != "ImportError" {
				t.Fatalf("error %+v, want ImportError", r.Error)
			}
			const want = "pof is an HPy universal extension, and its CPython entrypoint supports " +
				"only CPython builds with the GIL; this one is free-threaded"
			if r.Error.Message != want {
				t.Errorf("message:\n got %q\nwant %q", r.Error.Message, want)
			}
			if len(r.Calls) != 0 {
				t.Errorf("hpy.universal was called %d times after the refusal", len(r.Calls))
			}
		})
	}
}
