package audit

import "github.com/hpyproject/hpylint/analysis/rules"

// checkShadowed is HPY510: a separate CPython build beside a universal
// binary of the same module, which CPython imports instead.
func checkShadowed(r *auditRun, f *folder, a *artifact) {
	n := a.name
	m := n.Module
	if n.Kind != CPython || !a.importable || isHPy(a.img) || !exports(a.img, "PyInit_"+m) {
		return
	}
	for _, u := range f.module(m, Universal) {
		if u.img != nil && isHPy(u.img) && !sameContent(u, a) {
			r.report(rules.ShadowedUniversalBinary, a.path,
				"on CPython, import %s loads this file, a separate CPython build, not %s beside it (PyPy and GraalPy load that one): fine if intended, but the two builds must behave alike",
				m, u.name.Base)
			return
		}
	}
}
