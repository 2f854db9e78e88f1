package audit

import "testing"

func TestParseName(t *testing.T) {
	for _, c := range []struct {
		base, module string
		kind         Kind
		ext, interp  string
	}{
		{"_mod.hpy0.so", "_mod", Universal, "so", ""},
		{"_mod.hpy0.pyd", "_mod", Universal, "pyd", ""},
		{"_mod.hpy0.dylib", "_mod", Universal, "dylib", ""},
		{"_mod.hpy.so", "_mod", Universal, "so", ""},
		{"_mod.hpy0-cp311.so", "_mod", Hybrid, "so", "cp311"},
		{"_mod.hpy0-pypy39-pp73.so", "_mod", Hybrid, "so", "pypy39-pp73"},
		{"_mod.cpython-311-x86_64-linux-gnu.so", "_mod", CPython, "so", "cp311"},
		{"_mod.cpython-311-darwin.so", "_mod", CPython, "so", "cp311"},
		{"_mod.cpython-313t-x86_64-linux-gnu.so", "_mod", CPython, "so", "cp313"},
		{"_mod.abi3.so", "_mod", CPython, "so", ""},
		{"_mod.so", "_mod", CPython, "so", ""},
		{"_mod.pyd", "_mod", CPython, "pyd", ""},
		{"_mod.cp311-win_amd64.pyd", "_mod", CPython, "pyd", "cp311"},
		{"_mod.dylib", "_mod", Other, "dylib", ""},
		{"_mod.pypy39-pp73-x86_64-linux-gnu.so", "_mod", Other, "so", ""},
		{"_mod.graalpy-38-native-x86_64-darwin.dylib", "_mod", Other, "dylib", ""},
		{"_mod.abi3.pyd", "_mod", Other, "pyd", ""},
		{"libfoo.so.1", "libfoo", Other, "", ""},
		{".so", "", Other, "", ""},
	} {
		n := ParseName(c.base)
		if n.Module != c.module || n.Kind != c.kind || n.Ext != c.ext || n.Interp != c.interp {
			t.Errorf("%s: %+v; want module %q kind %d ext %q interp %q", c.base, n, c.module, c.kind, c.ext, c.interp)
		}
	}
}

func TestShimTargetAndCPythonName(t *testing.T) {
	for _, c := range []struct{ base, target, cpy string }{
		{"_mod.abi3.so", "_mod.hpy0.so", "_mod.abi3.so"},
		{"_mod.cpython-311-x86_64-linux-gnu.so", "_mod.hpy0.so", "_mod.abi3.so"},
		{"_mod.cp311-win_amd64.pyd", "_mod.hpy0.pyd", "_mod.pyd"},
	} {
		n := ParseName(c.base)
		if got := n.ShimTarget("hpy0"); got != c.target {
			t.Errorf("%s: shim target %s, want %s", c.base, got, c.target)
		}
		if got := n.CPythonName(); got != c.cpy {
			t.Errorf("%s: CPython name %s, want %s", c.base, got, c.cpy)
		}
	}
}
