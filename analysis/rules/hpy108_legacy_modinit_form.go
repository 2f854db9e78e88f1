package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var LegacyModinitForm = register(&Rule{
	Code:     "HPY108",
	Name:     "legacy-modinit-form",
	Severity: diag.Warning,
	Summary:  "The one-argument HPy_MODINIT(name) of HPy 0.0.4",
	Doc: Doc{
		What:    "Reports `HPy_MODINIT(name)` with a single argument, the form of HPy 0.0.4 and earlier, followed by a hand-written `init_<name>_impl(HPyContext *ctx)` that creates the module.",
		Why:     "HPy 0.9 changed the macro to `HPy_MODINIT(name, moduledef)`: the old form does not compile against current HPy, and its single-phase init runs user code inside the entrypoint, where imports are hazardous (HPY301).",
		Example: "HPy_MODINIT(mod)\nstatic HPy init_mod_impl(HPyContext *ctx) {\n    return HPyModule_Create(ctx, &moduledef);\n}",
		Fix:     "Write `HPy_MODINIT(mod, moduledef)` after the `HPyModuleDef moduledef`, delete `init_mod_impl`, and move any work it did into a function registered with `HPyDef_SLOT(mod_exec, HPy_mod_exec)` listed in `moduledef.defines`.",
	},
	Run: runLegacyModinitForm,
})

// writtenForHPy004 reports whether a file defines its module with HPy
// 0.0.4's one-argument HPy_MODINIT: its HPyModuleDef follows that
// version's rules, not the current ones.
func writtenForHPy004(u *model.Unit) bool {
	for _, m := range u.Facts.Modinits() {
		if m.Args.Len() == 1 {
			return true
		}
	}
	return false
}

func runLegacyModinitForm(pass *Pass) {
	for _, u := range pass.Project.Units {
		if u.Facts == nil {
			continue
		}
		for _, m := range u.Facts.Modinits() {
			if m.Args.Len() != 1 {
				continue
			}
			name := m.Arg(0).Text
			pass.Reportf(source.Location{Path: u.Path, Span: m.Span}, nil,
				"HPy_MODINIT(%s) is the HPy <= 0.0.4 form and does not compile on HPy >= 0.9: write HPy_MODINIT(%s, moduledef) and move the work of init_%s_impl into an HPy_mod_exec slot",
				name, name, name)
		}
	}
}
