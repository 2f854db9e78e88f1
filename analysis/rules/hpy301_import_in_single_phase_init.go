package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var ImportInSinglePhaseInit = register(&Rule{
	Code:     "HPY301",
	Name:     "import-in-single-phase-init",
	Severity: diag.Warning,
	Summary:  "An import reachable from a single-phase module init function",
	Doc: Doc{
		What: "Follows the calls of the single-phase init function (the `init_<name>_impl` that HPy 0.0.4's `HPy_MODINIT(name)` expects, or a hand-written `PyInit_` that builds its module with `PyModule_Create`/`HPyModule_Create`) across the extension's sources, and reports every import it reaches: `HPyImport_ImportModule`, `PyImport_Import*`, `PyCapsule_Import`, `import_array()`, `PyDateTime_IMPORT`, and `__import__`/`importlib.import_module` fetched by a literal name and called through `HPy_Call*`/`PyObject_Call*`. The message shows the call path from the init function. " +
			"Imports of `builtins` and `sys` are not reported (they are always loaded), nor imports of the extension itself (HPY303). Calls through function pointers and C++ methods are not followed.",
		Why:     "Single-phase init runs user code inside the entrypoint, while the import system holds this module's import lock and the module is not in `sys.modules`. An import from there runs another module's initialisation in that state: if it imports this module back, Python sees no module and loads the extension again (or deadlocks when another thread is importing it). HPy itself builds multi-phase definitions, where this work belongs in an `HPy_mod_exec` slot.",
		Example: "HPy_MODINIT(mod)\nstatic HPy init_mod_impl(HPyContext *ctx)\n{\n    HPy m = HPyModule_Create(ctx, &moduledef);\n    if (setup_decimal(ctx, m) < 0)   /* calls HPyImport_ImportModule(ctx, \"decimal\") */\n        return HPy_NULL;\n    return m;\n}",
		Fix:     "Move the work into an exec slot: `HPyDef_SLOT(mod_exec, HPy_mod_exec)` with `static int mod_exec_impl(HPyContext *ctx, HPy m)`, list it in `moduledef.defines`, and write `HPy_MODINIT(mod, moduledef)` (see HPY108).",
	},
	Run: runImportInSinglePhaseInit,
})

func runImportInSinglePhaseInit(pass *Pass) {
	initFindings(pass, []model.RootKind{model.SinglePhaseInit}, hazardousImport, func(f initFinding) diag.Diagnostic {
		return initDiagnostic(pass, f, "%s during single-phase module init, while the import lock is held and the module is not in sys.modules: %s; move it into an HPy_mod_exec slot",
			importNoun(f.site), describePath(pass, f))
	})
}
