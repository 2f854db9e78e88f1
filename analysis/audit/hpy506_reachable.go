package audit

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// checkReachable is HPY506: how plain CPython gets to a universal (or
// CPython-tagged hybrid) module: hpy.devel's X.py stub, or a CPython-named
// file beside it that exports PyInit_X.
func checkReachable(r *auditRun, f *folder, a *artifact) {
	n := a.name
	if !a.importable || !(n.Kind == Universal || n.Kind == Hybrid && n.ForCPython()) {
		return
	}
	m := n.Module
	if !exports(a.img, "HPyInit_"+m) {
		return // HPY503: it does not load at all
	}
	if len(f.module(m, CPython)) > 0 {
		// A CPython-named file reaches it, or shadows it (HPY510), or
		// breaks the import (HPY508, HPY507): reported on that file.
		return
	}
	cpy := n.CPythonName()
	shim := exports(a.img, "PyInit_"+m)
	switch {
	case f.stubs[m] && !shim:
		return // the stub reaches it, the one way it has
	case !shim:
		r.report(rules.UnreachableOnCPython, a.path,
			"CPython cannot import %s: CPython never looks at this file name, and neither hpy.devel's %s.py stub nor a CPython-named file with PyInit_%s is beside it; ship the stub, or add a CPython entrypoint to the source (hpylint's shim: HPY105, which `hpylint --fix` adds where the build pins the universal or hybrid ABI), rebuild and ship a copy named %s",
			m, m, m, cpy)
		return
	}
	add := fmt.Sprintf("a copy or symlink of this file named %s (in a wheel, a copy)", cpy)
	if target := ParseName(cpy).ShimTarget(abiTagOf(n)); target != n.Base {
		// The shim looks for <stem>.hpy0<suffix of the CPython name>:
		// a hybrid or a .dylib needs that name too.
		add = fmt.Sprintf("copies or symlinks of this file named %s and %s (its CPython entrypoint hands %s to hpy.universal)", cpy, target, target)
	}
	if f.stubs[m] {
		// Importable, through the stub: the entrypoint built into it is
		// never used, and the stub's drawbacks stay (HPY105).
		r.reportAt(rules.UnreachableOnCPython, diag.Info, a.path,
			"%s has a CPython entrypoint (PyInit_%s) that CPython never uses: no CPython-named file is beside it, so CPython imports it through the %s.py stub; add %s",
			m, m, m, add)
		return
	}
	r.report(rules.UnreachableOnCPython, a.path,
		"%s has a CPython entrypoint (PyInit_%s), but CPython never looks at this file name and neither a CPython-named file nor a %s.py stub is beside it: add %s",
		m, m, m, add)
}

// abiTagOf is the HPy ABI tag the shim of a binary of this name looks for
// (the one its build used): hpy0 unless the name says otherwise.
func abiTagOf(n Name) string {
	if n.ABITag != "" && n.ABITag != "hpy" {
		return n.ABITag
	}
	return "hpy0"
}
