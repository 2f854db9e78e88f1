package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/source"
)

var ModuledefNotFound = register(&Rule{
	Code:     "HPY107",
	Name:     "moduledef-not-found",
	Severity: diag.Error,
	Summary:  "HPy_MODINIT names no HPyModuleDef of the translation unit",
	Doc: Doc{
		What:    "Checks that the second argument of `HPy_MODINIT(name, moduledef)` names an `HPyModuleDef` defined or declared in the same file or in a project header it includes.",
		Why:     "`HPy_MODINIT` takes the address of that variable; a wrong name fails to compile with an error pointing into HPy's macro expansion, and a variable of another type compiles only with a warning and crashes at import.",
		Example: "static HPyModuleDef moduledef = { .doc = \"...\" };\nHPy_MODINIT(mod, module_def)   /* typo */",
		Fix:     "Name the `HPyModuleDef` variable of the module, or define one before `HPy_MODINIT`.",
	},
	Run: runModuledefNotFound,
})

func runModuledefNotFound(pass *Pass) {
	for _, u := range pass.Project.Units {
		if !isHPySource(u) || u.Facts.SyntaxErrors > 0 {
			// A declaration lost to a syntax error is not a missing one.
			continue
		}
		for _, m := range u.Facts.Modinits() {
			def := m.Arg(1)
			if m.Args.Len() != 2 || def.Text == "" {
				continue // the one-argument form is HPY108's
			}
			if v := pass.Project.FindVariable(u, def.Text); v != nil && v.Type == "HPyModuleDef" {
				continue
			}
			pass.Reportf(source.Location{Path: u.Path, Span: def.Span}, nil,
				"HPy_MODINIT refers to %q, but no HPyModuleDef of that name is defined or declared in %s or the project headers it includes",
				def.Text, u.Path)
		}
	}
}
