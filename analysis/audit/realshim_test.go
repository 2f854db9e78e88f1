package audit

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/binary"
	"github.com/hpyproject/hpylint/analysis/shim"
)

// The shim header itself, compiled into a universal binary the way
// hpylint --fix adds it, in the layouts the README describes. The header
// leaves its marker in the binary (since version 2), which tells the
// audit that a CPython-named copy hands _mod.hpy0.so to hpy.universal.
func TestRealShimLayouts(t *testing.T) {
	if !bytes.Contains(shim.Header(), []byte(binary.MarkerPrefix)) {
		t.Fatalf("the generated header (version %d) leaves no %q marker", shim.Version, binary.MarkerPrefix)
	}
	src := hpyModule("_mod") + withShim("_mod")
	so := readAll(t, build(t, t.TempDir(), "_mod.hpy0.so", src, "-fvisibility=hidden"))
	dir := t.TempDir()
	// The recommended layout: the universal binary and a CPython-named
	// copy, in a wheel tagged py3-none-<platform>, no stub.
	makeWheel(t, filepath.Join(dir, "good/pkg-1.0-py3-none-linux_x86_64.whl"),
		wheelMember{"pkg/_mod.hpy0.so", so}, wheelMember{"pkg/_mod.abi3.so", so})
	// The shim but only the universal name: CPython never finds it.
	makeWheel(t, filepath.Join(dir, "alone/pkg-1.0-py3-none-linux_x86_64.whl"), wheelMember{"pkg/_mod.hpy0.so", so})
	// The CPython name alone: its shim hands _mod.hpy0.so to hpy.universal.
	makeWheel(t, filepath.Join(dir, "renamed/pkg-1.0-py3-none-linux_x86_64.whl"), wheelMember{"pkg/_mod.abi3.so", so})
	res := audit(t, dir, ".")
	want := []string{
		"alone/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.hpy0.so HPY506",
		"renamed/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.abi3.so HPY507",
	}
	if got := codes(res.Diagnostics); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if d := find(res.Diagnostics, "HPY506"); len(d) == 1 && !strings.Contains(d[0].Message, "has a CPython entrypoint (PyInit__mod)") {
		t.Errorf("HPY506 %q: the shim's PyInit_ should be seen", d[0].Message)
	}
}
