package shim

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// report mirrors the JSON that testdata/shim/drive.py prints.
type report struct {
	HPyFound   bool         `json:"hpy_found"`
	Error      *importError `json:"error"`
	RetryError *importError `json:"retry_error"`
	Module     *struct {
		Name         string `json:"name"`
		InSysModules bool   `json:"in_sys_modules"`
		Serial       int    `json:"serial"`
		Origin       string `json:"origin"`
		LoaderType   string `json:"loader_type"`
	} `json:"module"`
	Calls   []call `json:"calls"`
	Threads []struct {
		OK     bool         `json:"ok"`
		Serial int          `json:"serial"`
		Error  *importError `json:"error"`
	} `json:"threads"`
}

type importError struct {
	Type          string  `json:"type"`
	IsImportError bool    `json:"is_import_error"`
	Message       string  `json:"message"`
	Name          *string `json:"name"`
	Path          *string `json:"path"`
	Cause         *string `json:"cause"`
}

// call is one call the hpy.universal double received; the fields of both
// _load_bootstrap(name, ext_name, package, file, loader, spec, env) and
// load(name, path, spec, debug, mode).
type call struct {
	Fn                 string  `json:"fn"`
	Name               string  `json:"name"`
	ExtName            string  `json:"ext_name"`
	Package            string  `json:"package"`
	File               string  `json:"file"`
	Path               string  `json:"path"`
	LoaderType         string  `json:"loader_type"`
	LoaderIsSpecLoader bool    `json:"loader_is_spec_loader"`
	SpecIsModuleSpec   bool    `json:"spec_is_module_spec"`
	EnvIsOSEnviron     bool    `json:"env_is_os_environ"`
	EnvHPY             *string `json:"env_HPY"`
}

var (
	sharedSO     string
	sharedSOOnce sync.Once
)

// moduleSO returns a pof shared object built with the shim, compiled once
// for all CPython tests (by the first test that needs it, which reports a
// compiler error) and kept outside any one test's directory.
func moduleSO(t *testing.T) string {
	t.Helper()
	testenv.Tool(t, "gcc")
	testenv.Tool(t, "python3")
	sharedSOOnce.Do(func() {
		so := buildShim(t, "gcc", "pof.c", "pof.c", "pof.so", append(append([]string{}, cFlags...), "-DHPY_ABI_UNIVERSAL")...)
		dir, err := os.MkdirTemp("", "hpyshim")
		if err != nil {
			t.Fatal(err)
		}
		copyFile(t, so, filepath.Join(dir, "pof.so"))
		sharedSO = filepath.Join(dir, "pof.so")
	})
	if sharedSO == "" {
		t.Fatal("building the shim module failed in an earlier test")
	}
	return sharedSO
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedSO != "" {
		os.RemoveAll(filepath.Dir(sharedSO))
	}
	os.Exit(code)
}

func extSuffix(t *testing.T) string {
	t.Helper()
	out, _, code := runPython(t, pythonEnv(), "-c", "import sysconfig; print(sysconfig.get_config_var('EXT_SUFFIX'))")
	suffix := strings.TrimSpace(out)
	if code != 0 || !strings.HasPrefix(suffix, ".") {
		t.Fatalf("EXT_SUFFIX: %q (exit %d)", out, code)
	}
	return suffix
}

// layout places the module as relFile under a fresh root (plus
// pkg/__init__.py when it lives in pkg/) and, unless sibling is "", a copy
// named sibling beside it.
func layout(t *testing.T, relFile, sibling string) string {
	t.Helper()
	so := moduleSO(t)
	root := t.TempDir()
	file := filepath.Join(root, relFile)
	copyFile(t, so, file)
	if dir := filepath.Dir(relFile); dir != "." {
		writeFile(t, filepath.Join(root, dir, "__init__.py"), nil)
	}
	if sibling != "" {
		copyFile(t, so, filepath.Join(filepath.Dir(file), sibling))
	}
	return root
}

// drive runs testdata/shim/drive.py and decodes its report.
func drive(t *testing.T, env []string, args ...string) report {
	t.Helper()
	script, err := filepath.Abs(filepath.Join(fixtures, "drive.py"))
	if err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code := runPython(t, env, append([]string{script}, args...)...)
	if code != 0 {
		t.Fatalf("drive.py %v: exit %d\nstdout:\n%s\nstderr:\n%s", args, code, stdout, stderr)
	}
	var r report
	if err := json.Unmarshal([]byte(stdout), &r); err != nil {
		t.Fatalf("drive.py %v: bad report: %v\n%s\nstderr:\n%s", args, err, stdout, stderr)
	}
	return r
}

func doubleDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join(fixtures, "double"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func expectImported(t *testing.T, r report, name string) {
	t.Helper()
	if r.Error != nil {
		t.Fatalf("import failed: %+v", *r.Error)
	}
	if r.Module == nil || r.Module.Name != name || !r.Module.InSysModules {
		t.Fatalf("module %+v, want %s in sys.modules", r.Module, name)
	}
	if r.Module.LoaderType != "ExtensionFileLoader" {
		t.Errorf("loaded by %s, want ExtensionFileLoader (the binary itself, no stub)", r.Module.LoaderType)
	}
	if len(r.Calls) == 0 || r.Module.Serial != len(r.Calls) {
		t.Errorf("module serial %d after %d calls: the module is not the one the loader returned", r.Module.Serial, len(r.Calls))
	}
}
