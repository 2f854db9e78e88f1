package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var UnreachableOnCPython = register(&Rule{
	Code:     "HPY506",
	Name:     "unreachable-on-cpython",
	Severity: diag.Warning,
	Summary:  "A universal or hybrid module that plain CPython cannot import where it is shipped",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a universal binary `X.hpy0.so` (or a hybrid one tagged for CPython, `X.hpy0-cp311.so`) with neither of CPython's two ways in beside it, in its directory or in the same directory of its wheel: hpy.devel's `X.py` stub (or its compiled `X.pyc`), or a file named with one of CPython's own suffixes (`X.so`, `X.abi3.so`, `X.cpython-311-x86_64-linux-gnu.so`, `X.pyd`); such a file that CPython cannot import is reported on itself (HPY507, HPY508). When the binary itself carries a CPython entrypoint (hpylint's shim), the message names the file to add; otherwise it says how to get one. A binary that carries the entrypoint and is reached only through its stub is reported as information: the entrypoint is never used. Files a wheel installs outside the import path (`.data/scripts`, `.data/data`) are not checked.",
		Why:     "CPython only looks for files named with its own extension suffixes; `X.hpy0.so` is not one of them, so `import X` fails with ModuleNotFoundError. The shim's `PyInit_X` inside `X.hpy0.so` is only ever found under a CPython name.",
		Example: "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.hpy0.so:1:1: HPY506 [warning] _mod has a CPython entrypoint (PyInit__mod), but CPython never looks at this file name and nothing else is beside it: add a copy of this file named _mod.abi3.so",
		Fix:     "Ship the binary also under a CPython name (a copy or a symlink: `ln -s _mod.hpy0.so _mod.abi3.so`; in a wheel, a copy), after adding hpylint's CPython entrypoint to the source (`hpylint --fix`, HPY105); or ship the `.py` stub hpy.devel writes beside the binary.",
	},
})
