package audit

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/diag"
)

func TestCleanUniversalWithStubHasNoFinding(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "pkg/_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "pkg/_mod.py"), []byte("# stub\n"))
	res := audit(t, dir, "pkg")
	if len(res.Diagnostics) != 0 || res.Files != 1 {
		t.Errorf("findings %v, files %d; want none, 1", codes(res.Diagnostics), res.Files)
	}
}

func TestHPY502CPythonSymbolInUniversal(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "_mod.hpy0.so", hpyModule("_mod")+pyRef)
	build(t, dir, "_hyb.hpy0-cp311.so", hpyModule("_hyb")+pyRef)
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	writeFile(t, filepath.Join(dir, "_hyb.py"), nil)
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY502")
	if len(got) != 1 || got[0].Location.Path != "_mod.hpy0.so" || got[0].Severity != diag.Error ||
		!strings.HasPrefix(got[0].Message, "PyLong_FromLong:") || !strings.Contains(got[0].Message, "HPy: HPyLong_FromLong") {
		t.Errorf("HPY502 %+v; want one on _mod.hpy0.so naming PyLong_FromLong and HPyLong_FromLong (the hybrid may reference CPython)", got)
	}
	if len(res.Diagnostics) != 1 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY502NeedsLibpython(t *testing.T) {
	dir := t.TempDir()
	lib := t.TempDir()
	build(t, lib, "libpython3.11.so.1.0", "int Py_IsInitialized(void) { return 1; }\n")
	build(t, dir, "_mod.hpy0.so", hpyModule("_mod"), "-Wl,--no-as-needed", "-L"+lib, "-l:libpython3.11.so.1.0")
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	got := find(audit(t, dir, ".").Diagnostics, "HPY502")
	if len(got) != 1 || !strings.HasPrefix(got[0].Message, "libpython3.11.so.1.0: ") {
		t.Errorf("HPY502 %+v; want the DT_NEEDED on libpython", got)
	}
}

func TestHPY503ModinitMismatch(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "_point.hpy0.so", hpyModule("point"))
	build(t, dir, "_none.hpy0.so", "int unrelated(void) { return 0; }\n")
	build(t, dir, "_good.hpy0.so", hpyModule("_good"))
	for _, m := range []string{"_point", "_none", "_good"} {
		writeFile(t, filepath.Join(dir, m+".py"), nil)
	}
	got := find(audit(t, dir, ".").Diagnostics, "HPY503")
	if len(got) != 2 || got[0].Location.Path != "_none.hpy0.so" || got[1].Location.Path != "_point.hpy0.so" ||
		!strings.Contains(got[1].Message, "exports HPyInit_point, not HPyInit__point") ||
		!strings.Contains(got[0].Message, "exports no HPyInit_ function") {
		t.Errorf("HPY503 %+v", got)
	}
}

func TestHPY504VersionSymbols(t *testing.T) {
	dir := t.TempDir()
	only := "void *HPyInit__mod(void) { return 0; }\n"
	build(t, dir, "_mod.hpy0.so", only)
	build(t, dir, "_old.hpy.so", "void *HPyInit__old(void *ctx) { return ctx; }\n") // HPy 0.0.x
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	writeFile(t, filepath.Join(dir, "_old.py"), nil)
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY504")
	if len(got) != 1 || got[0].Location.Path != "_mod.hpy0.so" ||
		!strings.Contains(got[0].Message, "get_required_hpy_major_version__mod, get_required_hpy_minor_version__mod, HPyInitGlobalContext__mod") {
		t.Errorf("HPY504 %+v", got)
	}
	if len(res.Diagnostics) != 1 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

// modinitCtx is the context pointer HPy_MODINIT(m, ...) defines: hidden
// and shared by the binary's modules, or static (HPY_EMBEDDED_MODULES).
func modinitCtx(m string, embedded bool) string {
	storage := `__attribute__((visibility("hidden")))`
	if embedded {
		storage = "static"
	}
	return fmt.Sprintf(`
%[2]s void *_ctx_for_trampolines;
__attribute__((visibility("default"))) unsigned int get_required_hpy_major_version_%[1]s(void) { return 0; }
__attribute__((visibility("default"))) unsigned int get_required_hpy_minor_version_%[1]s(void) { return 0; }
__attribute__((visibility("default"))) void HPyInitGlobalContext_%[1]s(void *ctx) { _ctx_for_trampolines = ctx; }
__attribute__((visibility("default"))) void *HPyInit_%[1]s(void) { return &_ctx_for_trampolines; }
`, m, storage)
}

func TestHPY505SeveralModules(t *testing.T) {
	dir := t.TempDir()
	// Two HPy_MODINIT in one file without the convention: two tentative
	// definitions of one shared context (in two files they would not
	// even link, gcc's -fno-common being the default).
	buildSources(t, dir, "shared/_mod.hpy0.so", []string{modinitCtx("_mod", false) + modinitCtx("_helper", false)})
	buildSources(t, dir, "embedded/_mod.hpy0.so", []string{modinitCtx("_mod", true), modinitCtx("_helper", true)})
	buildSources(t, dir, "stripped/_mod.hpy0.so", []string{modinitCtx("_mod", false) + modinitCtx("_helper", false)}, "-s")
	for _, d := range []string{"shared", "embedded", "stripped"} {
		writeFile(t, filepath.Join(dir, d, "_mod.py"), nil)
	}
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY505")
	if len(got) != 2 || got[0].Location.Path != "shared/_mod.hpy0.so" || got[0].Severity != diag.Warning ||
		!strings.Contains(got[0].Message, "exports 2 HPy modules (HPyInit__helper, HPyInit__mod) that share one context pointer (_ctx_for_trampolines, 1 in the symbol table)") ||
		got[1].Location.Path != "stripped/_mod.hpy0.so" || got[1].Severity != diag.Info || !strings.Contains(got[1].Message, "cannot show") {
		t.Errorf("HPY505 %+v", got)
	}
	if len(res.Diagnostics) != 2 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY506UnreachableOnCPython(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "plain/_mod.hpy0.so", hpyModule("_mod"))
	build(t, dir, "shim/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	build(t, dir, "hybrid/_mod.hpy0-cp311.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	build(t, dir, "pypy/_mod.hpy0-pypy39-pp73.so", hpyModule("_mod"))
	stubbed := build(t, dir, "stub/_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "stub/_mod.py"), nil)
	// The stub reaches it; the shim in it is never used (info).
	build(t, dir, "stubshim/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	writeFile(t, filepath.Join(dir, "stubshim/_mod.py"), nil)
	build(t, dir, "sourceless/_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "sourceless/_mod.pyc"), nil) // a stub shipped compiled
	copied := build(t, dir, "copy/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	if err := os.Symlink(filepath.Base(copied), filepath.Join(dir, "copy/_mod.abi3.so")); err != nil {
		t.Fatal(err)
	}
	_ = stubbed
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY506")
	if len(got) != 4 {
		t.Fatalf("HPY506 %v; want hybrid, plain, shim, stubshim", codes(got))
	}
	for i, want := range []struct {
		path, says string
		severity   diag.Severity
	}{
		{"hybrid/_mod.hpy0-cp311.so", "named _mod.abi3.so and _mod.hpy0.so", diag.Warning},
		{"plain/_mod.hpy0.so", "ship the stub, or add a CPython entrypoint", diag.Warning},
		{"shim/_mod.hpy0.so", "add a copy or symlink of this file named _mod.abi3.so", diag.Warning},
		{"stubshim/_mod.hpy0.so", "that CPython never uses: no CPython-named file is beside it, so CPython imports it through the _mod.py stub; add a copy or symlink of this file named _mod.abi3.so", diag.Info},
	} {
		if got[i].Location.Path != want.path || !strings.Contains(got[i].Message, want.says) || got[i].Severity != want.severity {
			t.Errorf("HPY506 #%d: %s %s %q; want %s %s saying %q", i, got[i].Location.Path, got[i].Severity, got[i].Message, want.path, want.severity, want.says)
		}
	}
	if len(res.Diagnostics) != 4 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY507ShimTargetMissing(t *testing.T) {
	dir := t.TempDir()
	src := hpyModule("_mod") + pyInit("_mod") + marker(currentShim, "_mod")
	build(t, dir, "lonely/_mod.abi3.so", src)
	build(t, dir, "paired/_mod.abi3.so", src)
	build(t, dir, "paired/_mod.hpy0.so", src)
	build(t, dir, "win/_mod.cp311-win_amd64.pyd", src)
	build(t, dir, "win/_mod.hpy0.so", src) // the shim wants _mod.hpy0.pyd
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY507")
	if len(got) != 2 || got[0].Location.Path != "lonely/_mod.abi3.so" || !strings.Contains(got[0].Message, "hands _mod.hpy0.so") ||
		got[1].Location.Path != "win/_mod.cp311-win_amd64.pyd" || !strings.Contains(got[1].Message, "hands _mod.hpy0.pyd") {
		t.Errorf("HPY507 %+v", got)
	}
	if len(res.Diagnostics) != 2 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY508CPythonNameWithoutPyInit(t *testing.T) {
	dir := t.TempDir()
	u := build(t, dir, "_mod.hpy0.so", hpyModule("_mod"))
	writeFile(t, filepath.Join(dir, "_mod.abi3.so"), readAll(t, u)) // a copy, no shim
	writeFile(t, filepath.Join(dir, "_mod.py"), nil)
	build(t, dir, "libhelper.so", "int helper(void) { return 0; }\n") // not an extension at all
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY508")
	if len(got) != 1 || got[0].Location.Path != "_mod.abi3.so" || !strings.Contains(got[0].Message, "finds no PyInit__mod") {
		t.Errorf("HPY508 %+v", got)
	}
	if len(res.Diagnostics) != 1 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY509OutdatedShim(t *testing.T) {
	old := currentShim
	defer func() { currentShim = old }()
	currentShim = max(old, firstMarkedVersion) + 1 // a newer hpylint
	dir := t.TempDir()
	stale := build(t, dir, "stale/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim-1, "_mod"))
	writeFile(t, filepath.Join(dir, "stale/_mod.abi3.so"), readAll(t, stale)) // a copy: reported once
	current := build(t, dir, "current/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod")+marker(currentShim, "_mod"))
	unmarked := build(t, dir, "unmarked/_mod.hpy0.so", hpyModule("_mod")+pyInit("_mod"))
	build(t, dir, "cpython/_mod.cpython-311-x86_64-linux-gnu.so", pyInit("_mod")) // not HPy
	// A CPython extension that embeds HPy modules, as hpy.universal does:
	// its PyInit_ is its own, not a shim.
	build(t, dir, "embedder/universal.cpython-311-x86_64-linux-gnu.so", pyInit("universal")+hpyModule("_debug"))
	// Each shipped as the README says: under a CPython name too.
	for _, so := range []string{current, unmarked} {
		writeFile(t, filepath.Join(filepath.Dir(so), "_mod.abi3.so"), readAll(t, so))
	}
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY509")
	if len(got) != 2 || got[0].Location.Path != "stale/_mod.hpy0.so" || got[0].Severity != diag.Warning ||
		!strings.Contains(got[0].Message, "version "+itoa(currentShim-1)+"; this hpylint writes version "+itoa(currentShim)) ||
		got[1].Location.Path != "unmarked/_mod.hpy0.so" || got[1].Severity != diag.Info {
		t.Errorf("HPY509 %+v", got)
	}
	if len(res.Diagnostics) != 2 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY510Shadowed(t *testing.T) {
	dir := t.TempDir()
	build(t, dir, "_mod.hpy0.so", hpyModule("_mod"))
	build(t, dir, "_mod.cpython-311-x86_64-linux-gnu.so", pyInit("_mod")+"int cpython_build = 1;\n")
	res := audit(t, dir, ".")
	got := find(res.Diagnostics, "HPY510")
	if len(got) != 1 || got[0].Location.Path != "_mod.cpython-311-x86_64-linux-gnu.so" || got[0].Severity != diag.Info ||
		!strings.Contains(got[0].Message, "not _mod.hpy0.so beside it") {
		t.Errorf("HPY510 %+v", got)
	}
	if len(res.Diagnostics) != 1 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}

func TestHPY511WheelTags(t *testing.T) {
	dir := t.TempDir()
	so := readAll(t, build(t, t.TempDir(), "_mod.hpy0.so", hpyModule("_mod")))
	cext := readAll(t, build(t, t.TempDir(), "_c.cpython-311-x86_64-linux-gnu.so", pyInit("_c")))
	universal := []wheelMember{{"pkg/__init__.py", nil}, {"pkg/_mod.hpy0.so", so}, {"pkg/_mod.py", []byte("# stub\n")}}
	makeWheel(t, filepath.Join(dir, "dist/cp/pkg-1.0-cp311-cp311-linux_x86_64.whl"), universal...)
	makeWheel(t, filepath.Join(dir, "dist/abi3/pkg-1.0-cp38-abi3-linux_x86_64.whl"), universal...)
	makeWheel(t, filepath.Join(dir, "dist/good/pkg-1.0-py3-none-linux_x86_64.whl"), universal...)
	makeWheel(t, filepath.Join(dir, "dist/mixed/pkg-1.0-cp311-cp311-linux_x86_64.whl"), append(slices.Clone(universal), wheelMember{"pkg/_c.cpython-311-x86_64-linux-gnu.so", cext})...)
	makeWheel(t, filepath.Join(dir, "dist/any/pkg-1.0-py3-none-any.whl"), universal...)
	res := audit(t, dir, "dist")
	got := find(res.Diagnostics, "HPY511")
	want := []struct{ path, says string }{
		{"dist/abi3/pkg-1.0-cp38-abi3-linux_x86_64.whl", "only on CPython (stable ABI, 38 and later)"},
		{"dist/any/pkg-1.0-py3-none-any.whl", "holds HPy binaries in ELF format"},
		{"dist/cp/pkg-1.0-cp311-cp311-linux_x86_64.whl", "only on CPython 3.11, but every HPy binary in it is universal: tag it py3-none-linux_x86_64"},
	}
	if len(got) != len(want) {
		t.Fatalf("HPY511 %v", codes(got))
	}
	for i, w := range want {
		if got[i].Location.Path != w.path || !strings.Contains(got[i].Message, w.says) {
			t.Errorf("HPY511 #%d: %s %q; want %s saying %q", i, got[i].Location.Path, got[i].Message, w.path, w.says)
		}
	}
	if len(res.Diagnostics) != len(want) || res.Files != 5+6 {
		t.Errorf("findings %v, files %d", codes(res.Diagnostics), res.Files)
	}
}

func itoa(n int) string { return fmtInt(n) }

// A wheel's .data/platlib lands beside its root files (the stub at the
// root reaches the binary there); .data/scripts is not imported from.
func TestHPY506WheelDataDirectories(t *testing.T) {
	dir := t.TempDir()
	so := readAll(t, build(t, t.TempDir(), "_mod.hpy0.so", hpyModule("_mod")))
	tool := readAll(t, build(t, t.TempDir(), "tool.hpy0.so", hpyModule("tool")))
	makeWheel(t, filepath.Join(dir, "pkg-1.0-py3-none-linux_x86_64.whl"),
		wheelMember{"pkg-1.0.data/platlib/pkg/_mod.hpy0.so", so},
		wheelMember{"pkg/_mod.py", []byte("# stub\n")},
		wheelMember{"pkg-1.0.data/scripts/tool.hpy0.so", tool})
	if res := audit(t, dir, "."); len(res.Diagnostics) != 0 {
		t.Errorf("findings %v", codes(res.Diagnostics))
	}
}
