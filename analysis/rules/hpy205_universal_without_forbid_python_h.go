package rules

import (
	"path"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var UniversalWithoutForbidPythonH = register(&Rule{
	Code:     "HPY205",
	Name:     "universal-without-forbid-python-h",
	Severity: diag.Warning,
	Summary:  "A hand-written universal build does not put forbid_python_h first on the include path",
	Doc: Doc{
		What:    "Reports a CMake, meson or make build that defines `HPY_ABI_UNIVERSAL` for an HPy target without putting HPy's `hpy/devel/include/hpy/forbid_python_h` directory first on its include path. Reported at the define. Not reported for a target built against a copy of HPy in the project that has no such directory (HPy 0.0.x).",
		Why:     "hpy.devel puts that directory first so that `#include <Python.h>` fails in universal builds. Without it, gcc only warns when a universal source calls CPython (`PyLong_FromLong` compiles to an undefined symbol), and the `.hpy0.so` fails to load on PyPy and GraalPy.",
		Example: "target_compile_definitions(mod PRIVATE HPY_ABI_UNIVERSAL)\ntarget_include_directories(mod PRIVATE ${HPY_INCLUDE})   # HPY205: no forbid_python_h",
		Fix:     "Add the directory before every other include directory, e.g. `target_include_directories(mod BEFORE PRIVATE ${HPY_INCLUDE}/hpy/forbid_python_h)` in CMake, `include_directories(hpy_inc / 'hpy' / 'forbid_python_h')` first in meson, `-I$(HPY_INCLUDE)/hpy/forbid_python_h` first in CFLAGS.",
	},
	Run: runUniversalWithoutForbidPythonH,
})

func runUniversalWithoutForbidPythonH(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		if e.Decl.Kind != buildcfg.NativeTarget || e.ABI.ABI != buildcfg.ABIUniversal || e.ABI.Evidence == nil || e.ABI.Evidence.Path != e.Config.Path {
			continue
		}
		dirs := e.Decl.IncludeDirs // readers copy directory-wide dirs in, in order
		if len(dirs) > 0 && strings.Contains(dirs[0].Value, "forbid_python_h") || predatesForbidPythonH(pass.Project, e) {
			continue
		}
		where := "is not on the include path"
		for _, d := range dirs[min(1, len(dirs)):] {
			if strings.Contains(d.Value, "forbid_python_h") {
				where = "is on the include path, but not first"
			}
		}
		pass.Reportf(*e.ABI.Evidence, nil,
			"target %q is built universal here, but HPy's hpy/devel/include/hpy/forbid_python_h %s, so `#include <Python.h>` and CPython calls compile silently; add it first: %s",
			e.Name, where, forbidSuggestion(e))
	}
}

// predatesForbidPythonH reports whether the target builds against a copy
// of HPy in the project that has no forbid_python_h (HPy 0.0.x): there is
// nothing to put on the include path.
func predatesForbidPythonH(p *model.Project, e *model.Extension) bool {
	for _, d := range e.Decl.IncludeDirs {
		dir := model.SourcePath(e.Config.Path, d.Value)
		if p.Snapshot.Exists(path.Join(dir, "hpy.h")) {
			return !p.Snapshot.Exists(path.Join(dir, "hpy", "forbid_python_h", "Python.h"))
		}
	}
	return false
}

// forbidSuggestion is the line to add, in the build system's own terms.
func forbidSuggestion(e *model.Extension) string {
	hpyInclude := "<hpy>/devel/include"
	for _, d := range e.Decl.IncludeDirs {
		if strings.Contains(d.Value, "hpy") && strings.HasSuffix(strings.TrimRight(d.Value, "/"), "include") {
			hpyInclude = strings.TrimRight(d.Value, "/")
			break
		}
	}
	dir := hpyInclude + "/hpy/forbid_python_h"
	switch base := e.Config.Path[strings.LastIndexByte(e.Config.Path, '/')+1:]; base {
	case "CMakeLists.txt":
		return "target_include_directories(" + e.Name + " BEFORE PRIVATE " + dir + ")"
	case "meson.build":
		return "include_directories('" + dir + "') first in the target's include_directories"
	}
	return "-I" + dir + " first in CFLAGS"
}
