package audit

import (
	"path"
	"regexp"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/rules"
)

// cpythonLibrary matches the libraries that are CPython: libpython3.11.so.1.0,
// libpython3.so, libpython3.11.dylib, the macOS framework's Python,
// python311.dll, python3.dll, python311_d.dll.
var cpythonLibrary = regexp.MustCompile(`(?i)^(libpython[0-9].*|python[0-9]*(_d)?\.dll)$`)

// checkCPythonSymbols is HPY502: a universal binary that needs CPython.
func checkCPythonSymbols(r *auditRun, a *artifact) {
	if a.name.Kind != Universal {
		return
	}
	for _, lib := range a.img.Needed {
		base := path.Base(strings.ReplaceAll(lib, `\`, "/"))
		if cpythonLibrary.MatchString(base) || strings.Contains(lib, "Python.framework/") {
			r.report(rules.CPythonSymbolInUniversalBinary, a.path,
				"%s: a universal binary that needs the CPython library; GraalPy and PyPy cannot load it (do not link libpython into a universal build)", lib)
		}
	}
	for _, sym := range a.img.Undefined {
		if !isCPythonSymbol(sym) {
			continue
		}
		hpy, note, ok := cpyapi.Equivalent(sym)
		instead := "no direct HPy equivalent"
		switch {
		case ok:
			instead = "HPy: " + hpy
		case note != "":
			instead = note
		}
		r.report(rules.CPythonSymbolInUniversalBinary, a.path,
			"%s: undefined CPython symbol in a universal binary, which GraalPy and PyPy refuse to load (undefined symbol); %s", sym, instead)
	}
}

// isCPythonSymbol: a Py or _Py name that CPython's headers declare. A
// name of that shape no CPython declares (a library's own PyFoo_Bar) is
// not reported.
func isCPythonSymbol(sym string) bool {
	if !strings.HasPrefix(sym, "Py") && !strings.HasPrefix(sym, "_Py") {
		return false
	}
	return cpyapi.IsCPythonName(sym) && cpyapi.DeclaredByCPython(sym)
}
