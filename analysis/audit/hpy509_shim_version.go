package audit

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
	"github.com/hpyproject/hpylint/analysis/shim"
)

// firstMarkedVersion is the first version of hpylint's shim that leaves
// its marker string in the binary; older ones leave nothing to tell them
// from a hand-written PyInit_.
const firstMarkedVersion = 2

// currentShim is the version this hpylint writes (a variable so that the
// tests can play a newer hpylint against the header they compile).
var currentShim = shim.Version

// checkShimVersion is HPY509: the CPython entrypoint of an HPy binary
// against the shim this hpylint writes.
func checkShimVersion(r *auditRun, f *folder, a *artifact) {
	n := a.name
	m := n.Module
	switch {
	case n.Kind == Other, !isHPy(a.img), !exports(a.img, "PyInit_"+m):
		return
	case n.Kind == CPython:
		for _, u := range f.module(m, Universal) {
			if sameContent(u, a) {
				return // a copy: reported once, on the universal name
			}
		}
	}
	mark, ok := shimFor(a, m)
	switch {
	case ok && mark.version < currentShim:
		r.report(rules.OutdatedShimInBinary, a.path,
			"PyInit_%s is hpylint's CPython entrypoint version %d; this hpylint writes version %d: regenerate the header (hpylint --fix on the sources, HPY106) and rebuild",
			m, mark.version, currentShim)
	case !ok && len(shimMarks(a.img.Markers)) == 0 && n.Kind != CPython:
		// Under a CPython name, PyInit_ may be anything's (hpy.universal
		// itself embeds HPy modules); under an .hpy name it is there
		// for CPython on purpose.
		r.reportAt(rules.OutdatedShimInBinary, diag.Info, a.path,
			"PyInit_%s carries no marker of hpylint's CPython entrypoint: hpylint's shim older than version %d, which left none, or a hand-written entrypoint (the binary cannot tell which); if it is hpylint's, regenerate the header (hpylint --fix, HPY106) and rebuild",
			m, firstMarkedVersion)
	}
}
