package audit

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// ctxVariable is the global HPy_MODINIT defines for the trampolines of a
// module's definitions: hidden and shared by every module of the binary,
// unless HPY_EMBEDDED_MODULES makes it static, one per module.
const ctxVariable = "_ctx_for_trampolines"

// checkSeveralModules is HPY505: more than one HPyInit_ in a binary.
func checkSeveralModules(r *auditRun, a *artifact) {
	if a.name.Kind != Universal && a.name.Kind != Hybrid {
		return
	}
	mods := exportsOf(a.img, "HPyInit_")
	if len(mods) < 2 {
		return
	}
	list := prefixed("HPyInit_", mods)
	count, ok := elfSymbolCount(a.open, ctxVariable)
	switch {
	case ok && count >= len(mods):
		return // one context per module: the embedded-modules convention
	case ok && count > 0:
		r.report(rules.SeveralModulesInBinary, a.path,
			"exports %d HPy modules (%s) that share one context pointer (%s, %d in the symbol table): they were built without HPy's embedded-modules convention (HPY_EMBEDDED_MODULES, HPY_MOD_EMBEDDABLE), so the last module initialised sets the context of all; hpy.universal loads only %s from this file",
			len(mods), list, ctxVariable, count, a.name.Module)
	default:
		r.reportAt(rules.SeveralModulesInBinary, diag.Info, a.path,
			"exports %d HPy modules (%s): hpy.universal loads only the one the file is named after (%s), and the others need HPy's embedded-modules convention (HPY_EMBEDDED_MODULES, HPY_MOD_EMBEDDABLE), which this binary cannot show (no symbol table, or no %s in it)",
			len(mods), list, a.name.Module, ctxVariable)
	}
}
