package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var CPythonSymbolInUniversalBinary = register(&Rule{
	Code:     "HPY502",
	Name:     "cpython-symbol-in-universal-binary",
	Severity: diag.Error,
	Summary:  "A universal binary (`.hpy0.`) that needs CPython at load time",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, each undefined dynamic symbol of CPython's C API (`Py*`, `_Py*`, as CPython's headers declare them) in a binary named as universal (`mod.hpy0.so`, `.hpy0.pyd`, `.hpy0.dylib`: no interpreter tag), with its HPy equivalent from the table HPY201 uses, and each library it needs that is CPython: a `DT_NEEDED` or `LC_LOAD_DYLIB` on `libpython*` or the Python framework, a PE import of `python3*.dll`. Hybrid binaries (`mod.hpy0-cp311.so`) are tied to one CPython and may reference it: they are not reported. This is the artifact form of HPY201 and HPY204.",
		Why:     "A universal binary is loaded by `hpy.universal` on every interpreter. GraalPy and PyPy have no CPython symbols to give it, so `dlopen` refuses it with \"undefined symbol: PyLong_FromLong\" (or the library is not found), whatever the sources looked like; on CPython it loads, so the mistake ships.",
		Example: "dist/pkg-1.0-py3-none-linux_x86_64.whl!/pkg/_mod.hpy0.so:1:1: HPY502 [error] PyLong_FromLong: undefined CPython symbol in a universal binary; HPy: HPyLong_FromLong",
		Fix:     "Port the reference to the HPy API (HPY201 in the sources names each place), make sure the universal build puts hpy.devel's `forbid_python_h` first on the include path and does not link libpython, or build and name the extension as hybrid.",
	},
})
