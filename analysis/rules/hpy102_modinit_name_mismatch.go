package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var ModinitNameMismatch = register(&Rule{
	Code:     "HPY102",
	Name:     "modinit-name-mismatch",
	Severity: diag.Error,
	Summary:  "The name given to HPy_MODINIT differs from the extension's module name",
	Doc: Doc{
		What:    "Compares the first argument of `HPy_MODINIT` with the last dotted component of the extension name declared in the build config.",
		Why:     "The loader takes the module name after the last dot (with `-` replaced by `_`) and looks up `HPyInit_<name>`. A different name builds fine and fails at import time with \"Cannot locate the required minimal HPy versions as symbols\" (universal, hybrid) or \"dynamic module does not define module export function (PyInit_x)\" (cpython). Not reported for files that embed several modules (`HPY_MOD_EMBEDDABLE`, `HPY_EMBEDDED_MODULES`).",
		Example: "# setup.py\nExtension('pkg._speedups', sources=['speedups.c'])\n\n/* speedups.c */\nHPy_MODINIT(speedups, moduledef)",
		Fix:     "Rename the argument to the extension's last name component: `HPy_MODINIT(_speedups, moduledef)` (the fix does this), or rename the extension in the build config.",
	},
	Run: runModinitNameMismatch,
})

func runModinitNameMismatch(pass *Pass) {
	for _, u := range pass.Project.Units {
		if u.Facts == nil || embedsModules(u) {
			continue
		}
		var exts []*model.Extension
		for _, e := range u.Extensions {
			if e.HPy {
				exts = append(exts, e)
			}
		}
		if len(exts) == 0 {
			continue
		}
		for _, m := range u.Facts.Modinits() {
			name := m.Arg(0)
			if name.Text == "" || matchesAny(name.Text, exts) {
				continue
			}
			want := moduleInitName(exts[0])
			fix := diag.Fix{
				Title: "Rename to " + want,
				Edits: []diag.Edit{{Path: u.Path, Span: name.Span, NewText: want}},
			}
			pass.Reportf(source.Location{Path: u.Path, Span: name.Span}, []diag.Fix{fix},
				"HPy_MODINIT name %q does not match extension %q declared at %s:%s; the loader looks up HPyInit_%s",
				name.Text, exts[0].Name, exts[0].Config.Path, pass.Line(exts[0].NameLocation()), want)
		}
	}
}

func matchesAny(name string, exts []*model.Extension) bool {
	for _, e := range exts {
		if moduleInitName(e) == name {
			return true
		}
	}
	return false
}
