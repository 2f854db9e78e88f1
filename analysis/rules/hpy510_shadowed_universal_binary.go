package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var ShadowedUniversalBinary = register(&Rule{
	Code:     "HPY510",
	Name:     "shadowed-universal-binary",
	Severity: diag.Info,
	Summary:  "A separate CPython build beside a universal binary: CPython imports it instead",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a file named for CPython (`X.cpython-311-...so`, `X.abi3.so`, `X.so`, `X.pyd`) beside a universal `X.hpy0.so` when it is a different binary that exports `PyInit_X` and no `HPyInit_` function: a separate build for CPython's own ABI, not a copy of the universal binary.",
		Why:     "On CPython `import X` loads that file, not the universal one: the two builds must behave alike, and a bug fixed in one may remain in the other. This may well be intended (a faster CPython build), hence information only.",
		Example: "dist/pkg-1.0-cp311-cp311-linux_x86_64.whl!/pkg/_mod.cpython-311-x86_64-linux-gnu.so:1:1: HPY510 [info] on CPython, import _mod loads this file, a separate CPython build, not _mod.hpy0.so beside it",
		Fix:     "Nothing, if intended. Otherwise ship one build: the universal binary with hpylint's CPython entrypoint and a CPython-named copy of it.",
	},
})
