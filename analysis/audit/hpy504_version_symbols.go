package audit

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// checkVersionSymbols is HPY504: what hpy.universal looks up beside
// HPyInit_X (HPy 0.9's HPy_MODINIT defines all of it).
func checkVersionSymbols(r *auditRun, a *artifact) {
	if a.name.Kind != Universal && a.name.Kind != Hybrid || a.name.Legacy() {
		return
	}
	m := a.name.Module
	if !exports(a.img, "HPyInit_"+m) {
		return // HPY503's
	}
	var missing []string
	for _, s := range []string{"get_required_hpy_major_version_", "get_required_hpy_minor_version_", "HPyInitGlobalContext_"} {
		if !exports(a.img, s+m) {
			missing = append(missing, s+m)
		}
	}
	if len(missing) > 0 {
		r.report(rules.MissingHPyVersionSymbols, a.path,
			"exports HPyInit_%s but not %s: hpy.universal looks them up first and refuses the module (an HPyInit_ written by hand, or HPy 0.0.x headers?)",
			m, strings.Join(missing, ", "))
	}
}
