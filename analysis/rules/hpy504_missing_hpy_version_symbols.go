package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var MissingHPyVersionSymbols = register(&Rule{
	Code:     "HPY504",
	Name:     "missing-hpy-version-symbols",
	Severity: diag.Error,
	Summary:  "An HPy binary without the version or context functions `hpy.universal` looks up",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal or hybrid binary that exports `HPyInit_X` but not all of `get_required_hpy_major_version_X`, `get_required_hpy_minor_version_X` and `HPyInitGlobalContext_X`, the functions `HPy_MODINIT` defines beside it since HPy 0.9. Files named with HPy 0.0.x's untagged `.hpy.so` are not checked.",
		Why:     "`hpy.universal` calls all of them before `HPyInit_X`; without them the import fails (\"Cannot locate the required minimal HPy versions\"). The usual causes are an `HPyInit_` written by hand, an old `HPy_MODINIT` (HPY108) or a build against HPy 0.0.x headers.",
		Example: "build/_mod.hpy0.so:1:1: HPY504 [error] exports HPyInit__mod but not get_required_hpy_major_version__mod, get_required_hpy_minor_version__mod: hpy.universal cannot load it",
		Fix:     "Define the module with `HPy_MODINIT(ext, moduledef)` and build it against the HPy release you load it with.",
	},
})
