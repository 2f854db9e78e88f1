package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var CPythonNameWithoutPyInit = register(&Rule{
	Code:     "HPY508",
	Name:     "cpython-name-without-pyinit",
	Severity: diag.Error,
	Summary:  "An HPy binary named for CPython that CPython cannot import",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a file named with one of CPython's extension suffixes (`X.so`, `X.abi3.so`, `X.cpython-311-...so`, `X.pyd`) that exports `HPyInit_` functions, so it is an HPy universal or hybrid build, but not `PyInit_X`.",
		Why:     "CPython imports `X` from this file (extension modules come before `X.py`, so it also hides hpy.devel's stub) and fails with \"dynamic module does not define module export function (PyInit_X)\"; `hpy.universal` does not load it either, since its name lacks the ABI tag.",
		Example: "build/_mod.abi3.so:1:1: HPY508 [error] CPython imports _mod from this file (before any _mod.py stub) and finds no PyInit__mod: ...",
		Fix:     "Add hpylint's CPython entrypoint to the source (`hpylint --fix`, HPY105) and rebuild, or remove the CPython-named copy and ship `X.hpy0.so` with hpy.devel's stub.",
	},
})
