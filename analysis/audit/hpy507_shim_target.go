package audit

import (
	"github.com/hpyproject/hpylint/analysis/rules"
)

// checkShimTarget is HPY507: a CPython-named binary with hpylint's shim
// for its module, without the .hpy file the shim hands to hpy.universal.
func checkShimTarget(r *auditRun, f *folder, a *artifact) {
	n := a.name
	if n.Kind != CPython || !a.importable {
		return
	}
	if _, ok := shimFor(a, n.Module); !ok {
		return
	}
	// Any HPy ABI tag: the marker does not record the one the build used.
	for _, u := range f.module(n.Module, Universal) {
		if u.name.Ext == n.Ext && !u.name.Legacy() {
			return
		}
	}
	target := n.ShimTarget("hpy0")
	r.report(rules.ShimTargetMissing, a.path,
		"%s carries hpylint's CPython entrypoint, which hands %s from the same directory to hpy.universal, and there is no such file: import %s fails on CPython with an ImportError; ship %s beside it",
		n.Base, target, n.Module, target)
}
