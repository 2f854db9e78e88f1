package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var SeveralModulesInBinary = register(&Rule{
	Code:     "HPY505",
	Name:     "several-modules-in-binary",
	Severity: diag.Info,
	Summary:  "A universal or hybrid binary that exports several `HPyInit_` functions",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal or hybrid binary that exports `HPyInit_` for more than one module, and names them. HPy allows several modules in one binary only under its embedded-modules convention: every module's translation unit compiled with `HPY_EMBEDDED_MODULES` and declared with `HPY_MOD_EMBEDDABLE(name)` (each then keeps its own context), and the embedding code calls the other modules' `HPyInit_` itself, as `hpy.universal` does for its `_debug` and `_trace` modules. The binary cannot show whether that convention was followed, hence information only.",
		Why:     "`hpy.universal` loads one module per file, the one the file is named after; the others are reached only by code that calls their `HPyInit_`. Without the convention the modules share one global context pointer (the last one initialised wins), which breaks in debug mode and with several interpreters.",
		Example: "build/_mod.hpy0.so:1:1: HPY505 [info] exports HPyInit__mod, HPyInit__helper: ...",
		Fix:     "Build each extension as its own binary, or follow HPy's embedded-modules convention (`-DHPY_EMBEDDED_MODULES`, `HPY_MOD_EMBEDDABLE(name)` before the first `HPyDef_` of each module) and suppress this with `--ignore HPY505`.",
	},
})
