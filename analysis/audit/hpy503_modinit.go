package audit

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/rules"
)

// checkModinit is HPY503: the HPyInit_ of the file's module.
func checkModinit(r *auditRun, a *artifact) {
	if a.name.Kind != Universal && a.name.Kind != Hybrid {
		return
	}
	m := a.name.Module
	mods := exportsOf(a.img, "HPyInit_")
	for _, x := range mods {
		if x == m {
			return
		}
	}
	if len(mods) == 0 {
		r.report(rules.BinaryModinitMismatch, a.path,
			"exports no HPyInit_ function: hpy.universal loads module %s from this file name and finds no HPyInit_%s (was it built with HPy_MODINIT in universal or hybrid mode?)", m, m)
		return
	}
	r.report(rules.BinaryModinitMismatch, a.path,
		"exports %s, not HPyInit_%s: hpy.universal loads module %s from this file name and finds no entrypoint (a renamed file, or a wrong HPy_MODINIT name)",
		prefixed("HPyInit_", mods), m, m)
}

func prefixed(prefix string, names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = prefix + n
	}
	return strings.Join(out, ", ")
}
