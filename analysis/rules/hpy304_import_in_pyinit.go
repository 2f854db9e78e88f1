package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var ImportInPyInit = register(&Rule{
	Code:     "HPY304",
	Name:     "import-in-pyinit",
	Severity: diag.Error,
	Summary:  "A PyInit_ entrypoint imports a module (hpy.universal above all) instead of returning a multi-phase definition",
	Doc: Doc{
		What:    "Reports imports reachable from a hand-written `PyInit_<name>` of an HPy extension (a CPython entrypoint shim, typically) that does not build its module itself: `PyImport_ImportModule(\"hpy.universal\")` and the like, or `__import__` called through a generic call function. A `PyInit_` that builds the module with `PyModule_Create` is single-phase init, reported by HPY301; imports of the extension itself are HPY303's. Calls through function pointers and C++ methods are not followed.",
		Why:     "A `PyInit_` that imports `hpy.universal` and returns what `hpy.universal.load(...)` gives is single-phase loading of a module HPy built multi-phase: it fails with \"SystemError: PyState_AddModule called on module with slots\", and it has no module spec to pass. The loader must run later, in a `Py_mod_create` slot, which receives the spec; `PyInit_` should only return `PyModuleDef_Init(&def)`.",
		Example: "PyMODINIT_FUNC PyInit_mod(void)\n{\n    PyObject *u = PyImport_ImportModule(\"hpy.universal\");\n    return PyObject_CallMethod(u, \"load\", \"ss\", \"mod\", path);\n}",
		Fix:     "Return `PyModuleDef_Init(&shim_def)` where `shim_def` has one `{Py_mod_create, create}` slot, and import `hpy.universal` and call `hpy.universal.load(spec.name, path, spec)` in `create`. hpylint writes such an entrypoint for you (`hpylint --fix`, HPY105).",
	},
	Run: runImportInPyInit,
})

func runImportInPyInit(pass *Pass) {
	initFindings(pass, []model.RootKind{model.PyInitEntry}, hazardousImport, func(f initFinding) diag.Diagnostic {
		return initDiagnostic(pass, f, "%s imports %s: %s; a PyInit_ should only return PyModuleDef_Init(&def) and leave loading to a Py_mod_create slot, which gets the spec (single-phase loading through hpy.universal fails with \"SystemError: PyState_AddModule called on module with slots\")",
			f.root.Func.Name(), importTarget(f.site), describePath(pass, f))
	})
}
