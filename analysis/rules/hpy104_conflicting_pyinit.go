package rules

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

// GeneratedEntrypointMarker marks a PyInit_ that hpylint generated (the
// CPython entrypoint shim): it must stand in the comment directly before the
// definition, or in the generated header. Such a PyInit_ is never reported
// here nor by HPY206; HPY106 checks that the generated header is current.
// One definition, the generator's, so the two cannot drift apart.
const GeneratedEntrypointMarker = shim.GeneratedMarker

var ConflictingPyInit = register(&Rule{
	Code:     "HPY104",
	Name:     "conflicting-pyinit",
	Severity: diag.Error,
	Summary:  "A hand-written PyInit_ function in an HPy extension's sources",
	Doc: Doc{
		What:    "Reports a `PyInit_<x>` function defined in a source of an HPy extension (or in a file with `HPy_MODINIT`), unless it is the entrypoint hpylint generates (recognised by the `" + GeneratedEntrypointMarker + "` marker comment).",
		Why:     "In cpython mode `HPy_MODINIT` already defines `PyInit_<name>`: a second one fails to link, or, with another name, is an entrypoint no loader uses. In universal and hybrid mode a hand-written `PyInit_` is a second, CPython-only entrypoint that links against libpython and bypasses HPy's loader, so the binary no longer loads on PyPy and GraalPy.",
		Example: "HPy_MODINIT(mod, moduledef)\n\nPyMODINIT_FUNC PyInit_mod(void) { return PyModule_Create(&cpy_def); }",
		Fix:     "Delete the hand-written `PyInit_`. To import a universal binary on CPython without the `.py` stub, let hpylint insert its CPython entrypoint shim (`hpylint --fix`, see HPY105), which resolves CPython at run time.",
	},
	Run: runConflictingPyInit,
})

func runConflictingPyInit(pass *Pass) {
	for _, u := range pass.Project.Units {
		if !isHPySource(u) {
			continue
		}
		abi := unitABI(pass.Project, u).ABI
		for _, i := range u.Facts.PyInits() {
			fn := u.Facts.Functions[i]
			x, _ := strings.CutPrefix(fn.Name, cfacts.PyInitPrefix)
			if strings.Contains(fn.Preceding, GeneratedEntrypointMarker) {
				continue
			}
			pass.Reportf(source.Location{Path: u.Path, Span: fn.NameSpan}, nil, "%s", pyInitMessage(u, fn, x, abi))
		}
	}
}

func pyInitMessage(u *model.Unit, fn cfacts.Function, x string, abi buildcfg.ABI) string {
	var msg string
	if abi == buildcfg.ABICPython {
		msg = fmt.Sprintf("hand-written %s conflicts with the PyInit_ that HPy_MODINIT generates in cpython mode", fn.Name)
	} else {
		msg = fmt.Sprintf("hand-written %s is a second, CPython-only entrypoint in an HPy %s build; it ties the binary to CPython (use hpylint's CPython entrypoint shim instead, HPY105)", fn.Name, abi)
	}
	for _, e := range u.Extensions {
		if e.HPy && moduleInitName(e) != x {
			msg += fmt.Sprintf("; its name also differs from extension %q", e.Name)
			break
		}
	}
	return msg
}
