package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var SeveralModulesInBinary = register(&Rule{
	Code:     "HPY505",
	Name:     "several-modules-in-binary",
	Severity: diag.Warning,
	Summary:  "A universal or hybrid binary with several HPy modules, built without HPy's embedded-modules convention",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal or hybrid binary that exports `HPyInit_` for more than one module without HPy's embedded-modules convention. Under that convention every module's translation unit is compiled with `HPY_EMBEDDED_MODULES` and declared with `HPY_MOD_EMBEDDABLE(name)`, which makes the context pointer `HPy_MODINIT` defines (`_ctx_for_trampolines`) static, one per module, instead of one hidden variable shared by all; the embedding code then calls the other modules' `HPyInit_` itself, as `hpy.universal` does for its `_debug` and `_trace` modules. hpylint counts that variable in the binary's symbol table (ELF): fewer copies than modules is a warning, one per module no finding; a binary it cannot tell about (stripped, or not ELF) gets an information finding.",
		Why:     "With one shared context pointer, the last module initialised sets the context every module's trampolines use: wrong as soon as the contexts differ (HPy's debug and trace modes, several interpreters). And `hpy.universal` loads one module per file, the one the file is named after; the others are reached only by code that calls their `HPyInit_`.",
		Example: "build/_mod.hpy0.so:1:1: HPY505 [warning] exports 2 HPy modules (HPyInit__helper, HPyInit__mod) that share one context pointer (_ctx_for_trampolines, 1 in the symbol table): ...",
		Fix:     "Build each extension as its own binary, or follow HPy's embedded-modules convention (`-DHPY_EMBEDDED_MODULES`, `HPY_MOD_EMBEDDABLE(name)` before the first `HPyDef_` of each module, every definition of a module in its one translation unit).",
	},
})
