package audit

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/testenv"
)

// Universal modules for macOS, linked by clang with ld64.lld and no SDK
// (every outside symbol left to dynamic_lookup, as extensions are): a
// CPython reference is HPY502's; a binary with a PyInit_ and the shim's
// marker, shipped with a CPython-named copy, has no finding. Skipped
// without clang and lld.
func TestMachOUniversalModule(t *testing.T) {
	clang := testenv.Tool(t, "clang")
	testenv.Tool(t, "ld64.lld")
	work := t.TempDir()
	link := func(out, src string) string {
		t.Helper()
		c := writeFile(t, filepath.Join(work, out+".c"), []byte(src))
		p := filepath.Join(work, out)
		args := []string{"-target", "x86_64-apple-macos11", "-fuse-ld=lld", "-nostdlib", "-dynamiclib", "-undefined", "dynamic_lookup", c, "-o", p}
		if b, err := exec.Command(clang, args...).CombinedOutput(); err != nil {
			t.Fatalf("clang %s: %v\n%s", strings.Join(args, " "), err, b)
		}
		return p
	}
	withPy := link("_mod.hpy0.so", hpyModule("_mod")+pyRef)
	shimmed := link("_shim.hpy0.so", hpyModule("_shim")+pyInit("_shim")+marker(currentShim, "_shim"))
	if _, err := readDisk(withPy); err != nil {
		t.Fatal(err) // binary.Read reads Mach-O
	}
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "_mod.hpy0.so"), readAll(t, withPy))
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	writeFile(t, filepath.Join(dir, "_shim.hpy0.so"), readAll(t, shimmed))
	writeFile(t, filepath.Join(dir, "_shim.abi3.so"), readAll(t, shimmed))
	res := audit(t, dir, ".")
	got := codes(res.Diagnostics)
	if len(got) != 1 || got[0] != "_mod.hpy0.so HPY502" || !strings.HasPrefix(res.Diagnostics[0].Message, "PyLong_FromLong: ") {
		t.Errorf("findings %v; want HPY502 for PyLong_FromLong only", got)
	}
}
