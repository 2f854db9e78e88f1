package audit

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/testenv"
)

// A universal .pyd linked with MinGW against a python311.dll (a stand-in
// made by the test): the PE import of the DLL and of PyLong_FromLong are
// HPY502's; a CPython-named copy with the shim is how CPython reaches it.
func TestPEUniversalModule(t *testing.T) {
	mingw := testenv.Tool(t, "x86_64-w64-mingw32-gcc")
	work := t.TempDir()
	cc := func(out string, args ...string) string {
		t.Helper()
		p := filepath.Join(work, out)
		if b, err := exec.Command(mingw, append([]string{"-shared", "-o", p}, args...)...).CombinedOutput(); err != nil {
			t.Fatalf("mingw: %v\n%s", err, b)
		}
		return p
	}
	write := func(name, text string) string { return writeFile(t, filepath.Join(work, name), []byte(text)) }
	cc("python311.dll", write("py.c", "__declspec(dllexport) void *PyLong_FromLong(long v) { return (void *)v; }\n"))
	writeFile(t, filepath.Join(work, shim.HeaderName), shim.Header())
	exported := strings.ReplaceAll(hpyModule("_mod"), `__attribute__((visibility("default")))`, "__declspec(dllexport)")
	withPy := cc("_mod.hpy0.pyd", write("m.c", exported+"__declspec(dllimport) void *PyLong_FromLong(long);\nvoid *use(void) { return PyLong_FromLong(1); }\n"),
		"-L"+work, "-lpython311")
	shimmed := cc("_shim.hpy0.pyd", "-DHPY_ABI_UNIVERSAL", "-I", work,
		write("s.c", strings.ReplaceAll(hpyModule("_shim"), `__attribute__((visibility("default")))`, "__declspec(dllexport)")+withShim("_shim")))
	if _, err := readDisk(withPy); err != nil {
		t.Fatal(err) // binary.Read reads PE
	}

	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_mod.hpy0.pyd"), readAll(t, withPy))
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	writeFile(t, filepath.Join(dir, "_shim.hpy0.pyd"), readAll(t, shimmed))
	writeFile(t, filepath.Join(dir, "_shim.pyd"), readAll(t, shimmed))
	res := audit(t, dir, ".")
	got := codes(res.Diagnostics)
	if len(got) != 2 || got[0] != "_mod.hpy0.pyd HPY502" || got[1] != "_mod.hpy0.pyd HPY502" {
		t.Fatalf("findings %v; want HPY502 for python311.dll and PyLong_FromLong", got)
	}
	msgs := res.Diagnostics[0].Message + "\n" + res.Diagnostics[1].Message
	if !strings.Contains(msgs, "PyLong_FromLong: ") || !strings.Contains(strings.ToLower(msgs), "python311.dll: ") {
		t.Errorf("messages %s", msgs)
	}
}
