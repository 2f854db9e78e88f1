package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var OutdatedShimInBinary = register(&Rule{
	Code:     "HPY509",
	Name:     "outdated-shim-in-binary",
	Severity: diag.Warning,
	Summary:  "An HPy binary whose `PyInit_` is not hpylint's current CPython entrypoint",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal or hybrid binary that exports `PyInit_X` and whose marker string (`hpylint-cpython-entrypoint:version=N module=X`, left by hpylint's shim) has an older version than this hpylint's; and, as information, one that exports `PyInit_X` with no marker at all: a shim older than the first that left one, or a hand-written entrypoint, which the binary cannot tell apart. This is the artifact form of HPY106.",
		Why:     "Fixes made to the shim since reach a binary only when its header is regenerated and it is rebuilt: the sources may have been updated while the shipped binary was not.",
		Example: "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.hpy0.so:1:1: HPY509 [warning] PyInit__mod is hpylint's CPython entrypoint version 2; this hpylint writes version 3: ...",
		Fix:     "Run `hpylint --fix` on the sources (HPY106 regenerates the header) and rebuild.",
	},
})
