package rules

import "github.com/hpyproject/hpylint/analysis/diag"

var MissingModinit = register(&Rule{
	Code:     "HPY101",
	Name:     "missing-modinit",
	Severity: diag.Error,
	Summary:  "A declared HPy extension has no HPy_MODINIT in its sources",
	Doc: Doc{
		What:    "Reports an HPy extension declared in a build config (setup.py `hpy_ext_modules`, or a CMake/meson/make target built from HPy sources) none of whose sources contains `HPy_MODINIT`.",
		Why:     "`HPy_MODINIT(name, moduledef)` generates the symbols the loader looks up (`HPyInit_<name>` and the version getters in universal and hybrid mode, `PyInit_<name>` in cpython mode). Without it the extension builds, then fails at import time with \"Cannot locate the required minimal HPy versions as symbols\" or \"dynamic module does not define module export function\".",
		Example: "# setup.py\nsetup(hpy_ext_modules=[Extension('pkg.fast', sources=['fast.c'])])\n\n/* fast.c: defines methods but never HPy_MODINIT */",
		Fix:     "Add `HPy_MODINIT(fast, moduledef)` at file scope in one of the sources, after the `HPyModuleDef moduledef` it names, or list the source that has it in the build config.",
	},
	Run: runMissingModinit,
})

func runMissingModinit(pass *Pass) {
	for _, e := range hpyExtensions(pass) {
		if len(e.Units) == 0 {
			continue // every source is missing: HPY403 says so already
		}
		parsedAll := true
		found := false
		for _, u := range e.Units {
			if u.Facts == nil {
				parsedAll = false
				continue
			}
			if len(u.Facts.Modinits()) > 0 {
				found = true
			}
		}
		if found || !parsedAll {
			continue // an unreadable source may hold it: HPY003 reports that file
		}
		pass.Reportf(e.NameLocation(), nil,
			"HPy extension %q has no HPy_MODINIT in its sources (%s); the loader will not find HPyInit_%s",
			e.Name, e.SourceList(), moduleInitName(e))
	}
}
