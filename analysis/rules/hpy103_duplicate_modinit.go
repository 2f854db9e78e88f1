package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

var DuplicateModinit = register(&Rule{
	Code:     "HPY103",
	Name:     "duplicate-modinit",
	Severity: diag.Error,
	Summary:  "More than one HPy_MODINIT in one extension's sources",
	Doc: Doc{
		What:    "Reports every `HPy_MODINIT` after the first among all the sources of one extension.",
		Why:     "Each `HPy_MODINIT` defines the extension's exported init symbols; two of them either fail to link (same name) or leave one module unreachable (different names). Files that embed several modules (`HPY_MOD_EMBEDDABLE`, `HPY_EMBEDDED_MODULES`) are exempt.",
		Example: "/* a.c */ HPy_MODINIT(mod, moduledef)\n/* b.c */ HPy_MODINIT(mod, other_def)",
		Fix:     "Keep one `HPy_MODINIT` per extension; merge the module definitions, or declare the second module as its own extension.",
	},
	Run: runDuplicateModinit,
})

func runDuplicateModinit(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		var first *source.Location
		for _, u := range e.Units {
			if u.Facts == nil || embedsModules(u) {
				continue
			}
			for _, m := range u.Facts.Modinits() {
				loc := source.Location{Path: u.Path, Span: m.Span}
				if first == nil {
					first = &loc
					continue
				}
				d := pass.Diagnostic(loc, "second HPy_MODINIT in extension %q; the first is at %s:%s",
					e.Name, first.Path, pass.Line(*first))
				d.Related = []diag.Related{{Location: *first, Message: "first HPy_MODINIT"}}
				pass.Emit(d)
			}
		}
	}
}
