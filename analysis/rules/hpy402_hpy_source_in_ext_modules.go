package rules

import (
	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var HPySourceInExtModules = register(&Rule{
	Code:     "HPY402",
	Name:     "hpy-source-in-ext-modules",
	Severity: diag.Error,
	Summary:  "A source with HPy_MODINIT is declared in plain ext_modules",
	Doc: Doc{
		What:    "Reports a source listed in setup.py `ext_modules` (a plain CPython extension) that contains `HPy_MODINIT`. Not reported for a module declared with `HPY_MOD_EMBEDDABLE` in an extension built with `HPY_EMBEDDED_MODULES` (`define_macros` or `-D` in `extra_compile_args`): such an extension embeds HPy modules on purpose, as `hpy.universal` does, and sets its own flags. Nor for an extension that passes HPy's ABI macro itself (`-DHPY_ABI_UNIVERSAL`, HPy 0.0.x's `-DHPY_UNIVERSAL_ABI`): it is built as HPy code by hand.",
		Why:     "Plain `ext_modules` are compiled without HPy's flags and include path, so `hpy.h` is not found or fails with \"Cannot determine the desired HPy ABI\" (no `HPY_ABI_*` macro).",
		Example: "setup(ext_modules=[Extension('pkg.mod', ['mod.c'])])   # mod.c uses HPy_MODINIT",
		Fix:     "Move the `Extension(...)` to `hpy_ext_modules=[...]` (and add `hpy` to the build requirements, HPY401).",
	},
	Run: runHPySourceInExtModules,
})

// embedsHPyModules reports whether e is meant to be a plain extension that
// embeds HPy modules: it defines HPY_EMBEDDED_MODULES, and u declares its
// module with HPY_MOD_EMBEDDABLE.
func embedsHPyModules(e *model.Extension, u *model.Unit) bool {
	if len(u.Facts.MacroCalls("HPY_MOD_EMBEDDABLE")) == 0 {
		return false
	}
	for _, d := range e.Decl.Defines {
		if d.Value == "HPY_EMBEDDED_MODULES" {
			return true
		}
	}
	return false
}

// setsHPyABI reports whether a plain extension passes HPy's ABI flag
// itself (-DHPY_ABI_UNIVERSAL, HPy 0.0.x's -DHPY_UNIVERSAL_ABI): it is
// built as HPy code by hand, as HPy's own hpy.universal once was.
func setsHPyABI(e *model.Extension) bool {
	for _, d := range e.Decl.Defines {
		if buildcfg.ParseABI(d.Value) != buildcfg.ABIUnknown {
			return true
		}
	}
	return false
}

func runHPySourceInExtModules(pass *Pass) {
	for _, e := range pass.Project.Extensions {
		if e.Decl.Kind != buildcfg.PlainExtension {
			continue
		}
		for _, src := range e.Decl.Sources {
			u := pass.Project.Unit(model.SourcePath(e.Config.Path, src.Value))
			if u == nil || u.Facts == nil || len(u.Facts.Modinits()) == 0 || embedsHPyModules(e, u) || setsHPyABI(e) {
				continue
			}
			pass.Reportf(source.Location{Path: e.Config.Path, Span: src.Span}, nil,
				"%s uses HPy_MODINIT but extension %q is declared in ext_modules, which builds it without HPy's flags; declare it in hpy_ext_modules",
				u.Path, e.Name)
		}
	}
}
