package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var ImportInCreateSlot = register(&Rule{
	Code:     "HPY302",
	Name:     "import-in-create-slot",
	Severity: diag.Warning,
	Summary:  "An import reachable from a module create slot",
	Doc: Doc{
		What: "Follows the calls of every `HPy_mod_create` implementation (`HPyDef_SLOT(sym, HPy_mod_create)` and the `_IMPL` forms) and every `Py_mod_create` entry of a `PyModuleDef_Slot` array across the extension's sources, and reports the imports it reaches, with the call path. " +
			"Imports of `builtins` and `sys` are not reported, nor of `hpy.universal` (HPy's loader, which a CPython entrypoint's create slot must import), nor imports of the extension itself (HPY303). Calls through function pointers and C++ methods are not followed.",
		Why:     "A create slot runs before the module object exists, so the module is not in `sys.modules` yet. An import from there that leads back to this module (directly or through a cycle) finds nothing in `sys.modules` and re-enters the loader: the extension is created again, recursively, or another thread waiting on the module lock deadlocks. Imports belong in an exec slot, which runs once the module is registered.",
		Example: "HPyDef_SLOT(create, HPy_mod_create)\nstatic HPy create_impl(HPyContext *ctx, HPy spec, HPyModuleDef *def)\n{\n    HPy helpers = HPyImport_ImportModule(ctx, \"pkg.helpers\");   /* pkg.helpers imports this module */\n    ...\n}",
		Fix:     "Create only the module object in the create slot and do the imports in an `HPy_mod_exec` (or `Py_mod_exec`) slot; keep what they return in module globals (`HPyGlobal`).",
	},
	Run: runImportInCreateSlot,
})

// loaderModules are HPy's loader, which a CPython entrypoint's create slot
// imports by design (it cannot import the extension back).
var loaderModules = map[string]bool{"hpy.universal": true, "hpy": true}

func runImportInCreateSlot(pass *Pass) {
	keep := func(f initFinding) bool { return hazardousImport(f) && !loaderModules[f.site.Module] }
	initFindings(pass, []model.RootKind{model.CreateSlot}, keep, func(f initFinding) diag.Diagnostic {
		return initDiagnostic(pass, f, "%s in a module create slot, before the module is in sys.modules: %s; an import cycle back to this module re-enters the loader, so import in an exec slot",
			importNoun(f.site), describePath(pass, f))
	})
}
