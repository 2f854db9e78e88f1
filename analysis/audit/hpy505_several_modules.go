package audit

import "github.com/hpyproject/hpylint/analysis/rules"

// checkSeveralModules is HPY505: more than one HPyInit_ in a binary.
func checkSeveralModules(r *auditRun, a *artifact) {
	if a.name.Kind != Universal && a.name.Kind != Hybrid {
		return
	}
	mods := exportsOf(a.img, "HPyInit_")
	if len(mods) < 2 {
		return
	}
	r.report(rules.SeveralModulesInBinary, a.path,
		"exports %d HPy modules (%s): hpy.universal loads only the one the file is named after (%s); the others are reached only by code that calls their HPyInit_ itself, which HPy supports only under its embedded-modules convention (HPY_EMBEDDED_MODULES, HPY_MOD_EMBEDDABLE), and the binary cannot show whether it was followed",
		len(mods), prefixed("HPyInit_", mods), a.name.Module)
}
