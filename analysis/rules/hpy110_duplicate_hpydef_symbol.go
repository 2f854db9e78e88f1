package rules

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var DuplicateHPyDefSymbol = register(&Rule{
	Code:     "HPY110",
	Name:     "duplicate-hpydef-symbol",
	Severity: diag.Error,
	Summary:  "The same HPyDef symbol is defined in two translation units of one extension",
	Doc: Doc{
		What:    "Reports an `HPyDef_*(SYM, ...)` whose `SYM` is already defined by an `HPyDef_*` in another source of the same extension.",
		Why:     "`HPyDef_METH`, `HPyDef_SLOT` and friends define `HPyDef SYM` as a non-static global, so two sources defining the same symbol fail to link with \"multiple definition of `SYM'\". Files that embed modules (`HPY_MOD_EMBEDDABLE`) keep their definitions in one translation unit and are exempt.",
		Example: "/* point.c */  HPyDef_SLOT(new, HPy_tp_new)\n/* vector.c */ HPyDef_SLOT(new, HPy_tp_new)",
		Fix:     "Give each definition a unique symbol, e.g. prefix it with its type: `Point_new`, `Vector_new`.",
	},
	Run: runDuplicateHPyDefSymbol,
})

func runDuplicateHPyDefSymbol(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		// The HPyDefs of e's sources, and nothing else, decide its findings.
		pass.scoped(extensionScope(e), func() []string { return sourcePaths(e) }, 0, func() {
			var units []*model.Unit
			for _, u := range e.Units {
				if u.Facts != nil && !embedsModules(u) && hasHPyDef(u.Facts) {
					units = append(units, u)
				}
			}
			if len(units) < 2 {
				return // duplicates within a file are the compiler's to report
			}
			size := 0
			for _, u := range units {
				size += len(u.Facts.Macros)
			}
			first := make(map[string]source.Location, size)
			for _, u := range units {
				for i := range u.Facts.Macros {
					m := &u.Facts.Macros[i]
					if !m.IsHPyDef() {
						continue
					}
					sym := m.Arg(0)
					if sym.Text == "" {
						continue
					}
					loc := source.Location{Path: u.Path, Span: sym.Span}
					prev, seen := first[sym.Text]
					if !seen {
						first[sym.Text] = loc
						continue
					}
					if prev.Path == u.Path {
						continue // a duplicate within one file is a compile error the compiler reports well
					}
					d := pass.Diagnostic(loc, "HPyDef symbol %q is also defined at %s:%s in extension %q; HPyDef variables are global, so the link fails",
						sym.Text, prev.Path, pass.Line(prev), e.Name)
					d.Related = []diag.Related{{Location: prev, Message: "first definition of " + sym.Text}}
					pass.Emit(d)
				}
			}
		})
	}
}

func hasHPyDef(f *cfacts.Facts) bool {
	for i := range f.Macros {
		if f.Macros[i].IsHPyDef() {
			return true
		}
	}
	return false
}
