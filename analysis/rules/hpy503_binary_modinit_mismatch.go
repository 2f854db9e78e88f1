package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var BinaryModinitMismatch = register(&Rule{
	Code:     "HPY503",
	Name:     "binary-modinit-mismatch",
	Severity: diag.Error,
	Summary:  "An HPy binary without the `HPyInit_` of the module its file name gives",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal or hybrid binary (`X.hpy0.so`, `X.hpy0-cp311.so`) that does not export `HPyInit_X`, where `X` is the file name up to its first dot, and names the `HPyInit_` functions it does export. This is the artifact form of HPY102.",
		Why:     "`hpy.universal` takes the module name from the import (the file's stem) and looks up `HPyInit_X` and the version functions of that name: a renamed file or a wrong `HPy_MODINIT` name fails at import with \"Cannot locate the required minimal HPy versions\".",
		Example: "build/_point.hpy0.so:1:1: HPY503 [error] exports HPyInit_point, not HPyInit__point: hpy.universal loads module _point from this file name and finds no entrypoint",
		Fix:     "Make the first argument of `HPy_MODINIT` the last component of the extension's name in the build config, or name the file after the module it defines.",
	},
})
