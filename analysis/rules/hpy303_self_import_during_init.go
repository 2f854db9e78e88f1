package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var SelfImportDuringInit = register(&Rule{
	Code:     "HPY303",
	Name:     "self-import-during-init",
	Severity: diag.Error,
	Summary:  "The extension imports itself, or its package, while it is being initialised",
	Doc: Doc{
		What:    "Reports an import of the extension's own dotted name, or of a package that contains it (`pkg` or `pkg.sub` for `pkg.sub._mod`), reachable from any init root: an `HPy_mod_exec` or `HPy_mod_create` slot, a `Py_mod_exec`/`Py_mod_create` entry, the single-phase `init_<name>_impl` of HPy 0.0.4, or a hand-written `PyInit_`. The module name must be a string literal (or traced to one within the function). Calls through function pointers and C++ methods are not followed.",
		Why:     "While the extension initialises, its module is not finished (and, under a CPython entrypoint shim, not even in `sys.modules`: the create and exec slots both run inside `Py_mod_create`). Importing the extension itself loads it again from inside its own initialisation: under the shim this recurses until RecursionError or a crash; under the `.py` stub the import returns the half-initialised module, whose attributes are missing. Importing its package does not recurse (Python imports a package before its submodules, and lets the importing thread re-enter it), but returns the package half-initialised: whatever its `__init__` defines after importing the extension is missing.",
		Example: "# setup.py: Extension('pkg._speedups', ...)\nHPyDef_SLOT(mod_exec, HPy_mod_exec)\nstatic int mod_exec_impl(HPyContext *ctx, HPy m)\n{\n    HPy pkg = HPyImport_ImportModule(ctx, \"pkg\");   /* pkg/__init__.py imports pkg._speedups */\n    ...\n}",
		Fix:     "Do not import the package from the extension's initialisation: have the package pass what the extension needs after the import (a registration function the package calls), or import lazily, in the method that needs it.",
	},
	Run: runSelfImportDuringInit,
})

func runSelfImportDuringInit(pass *Pass) {
	self := func(f initFinding) bool {
		_, ok := selfImport(f.graph, f.site.Module)
		return f.site.Kind == model.ImportSite && ok
	}
	initFindings(pass, allRootKinds, self, func(f initFinding) diag.Diagnostic {
		if what, _ := selfImport(f.graph, f.site.Module); what == "package" {
			// Python imports a package before its submodules, and the
			// same thread may re-enter a module being imported: the
			// import returns the package as far as its __init__ has run.
			return initDiagnostic(pass, f, "extension %q imports its own package %q while it is being initialised: %s; the package is imported before the extension, so this returns it half-initialised, without what its __init__ defines after importing the extension",
				f.graph.Module, f.site.Module, describePath(pass, f))
		}
		return initDiagnostic(pass, f, "extension %q imports its own module %q while it is being initialised: %s; under a CPython entrypoint shim this recurses until RecursionError or a crash, under the .py stub it sees a half-initialised module",
			f.graph.Module, f.site.Module, describePath(pass, f))
	})
}

func quote(s string) string { return `"` + s + `"` }
