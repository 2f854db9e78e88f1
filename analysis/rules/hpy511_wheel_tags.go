package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var WheelTags = register(&Rule{
	Code:     "HPY511",
	Name:     "wheel-tags",
	Severity: diag.Warning,
	Summary:  "A wheel of universal HPy binaries tagged for one interpreter, or for any platform",
	Doc: Doc{
		What:    "Reports, in `hpylint audit`, a wheel whose HPy binaries are all universal (nothing in it is tied to one CPython: no hybrid binary tagged for CPython, no CPython extension) but whose tags (from its file name) all name one interpreter or ABI (`cp311-cp311-...`, `cp38-abi3-...`, `pp39-pypy39_pp73-...`) instead of `py3-none-<platform>`; and a wheel tagged for `any` platform that holds universal or hybrid binaries of one format (an ELF, Mach-O or PE file is for one OS).",
		Why:     "pip picks wheels by their tags: a universal build in a `cp311` wheel is installed only on CPython 3.11, so PyPy and GraalPy, which the universal ABI is for, never get it (a wasted universal build). A native binary in an `any` wheel is installed on every OS and fails to load on all but one.",
		Example: "dist/pkg-1.0-cp311-cp311-linux_x86_64.whl:1:1: HPY511 [warning] tagged cp311-cp311-linux_x86_64, but every HPy binary in it is universal: tag it py3-none-linux_x86_64 so PyPy and GraalPy install it too",
		Fix:     "Retag the wheel: `wheel tags --python-tag py3 --abi-tag none dist/pkg-1.0-cp311-cp311-linux_x86_64.whl` (the `wheel` package, 0.40 or later), or have your `bdist_wheel` command return `('py3', 'none', plat)` from `get_tag()`.",
	},
})
