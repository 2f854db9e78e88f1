package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var ShimTargetMissing = register(&Rule{
	Code:     "HPY507",
	Name:     "shim-target-missing",
	Severity: diag.Error,
	Summary:  "A CPython-named binary whose CPython entrypoint needs an `.hpy0` file that is not beside it",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a file named for CPython (`X.so`, `X.abi3.so`, `X.cpython-311-...so`, `X.pyd`) that carries hpylint's CPython entrypoint (its marker string) for module `X`, when no `X.hpy0<suffix>` (the same suffix: `.so`, `.pyd`) is beside it, in its directory or the same directory of its wheel.",
		Why:     "Loaded by CPython, the shim hands `X.hpy0<suffix>` from the same directory to `hpy.universal`, which refuses any file whose name lacks the ABI tag. Without that file `import X` fails with an ImportError naming it.",
		Example: "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.abi3.so:1:1: HPY507 [error] _mod.abi3.so carries hpylint's CPython entrypoint, which loads _mod.hpy0.so from the same directory, and there is no such file: import _mod fails on CPython",
		Fix:     "Ship the universal binary under its `.hpy0` name too (the CPython-named file is then a copy or a symlink of it), or rename the CPython-named file back to `X.hpy0.so`.",
	},
})
