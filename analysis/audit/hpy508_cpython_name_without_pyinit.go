package audit

import "github.com/hpyproject/hpylint/analysis/rules"

// checkCPythonNameWithoutPyInit is HPY508: an HPy build named for CPython
// that CPython cannot initialise.
func checkCPythonNameWithoutPyInit(r *auditRun, a *artifact) {
	n := a.name
	if n.Kind != CPython || !isHPy(a.img) || exports(a.img, "PyInit_"+n.Module) {
		return
	}
	r.report(rules.CPythonNameWithoutPyInit, a.path,
		"CPython imports %s from this file (before any %s.py stub) and finds no PyInit_%s: the import fails (\"dynamic module does not define module export function\"); it is an HPy build (it exports %s), which hpy.universal loads only under a name with the ABI tag (%s)",
		n.Module, n.Module, n.Module, prefixed("HPyInit_", exportsOf(a.img, "HPyInit_")), n.Module+".hpy0."+n.Ext)
}
