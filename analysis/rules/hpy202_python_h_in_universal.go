package rules

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var PythonHInUniversal = register(&Rule{
	Code:     "HPY202",
	Name:     "python-h-in-universal",
	Severity: diag.Error,
	Summary:  "A CPython header is included, directly or through project headers, in a universal source",
	Doc: Doc{
		What:    "Reports `#include <Python.h>` (or `\"Python.h\"`, `structmember.h`, `datetime.h` and CPython's other headers) in a source compiled for the universal ABI, or in a project header it reaches. Reported once per source: at the include on the way to the nearest CPython header, with the chain in the message (e.g. `ujson.c:3 → py_defines.h:39`) and as related locations, and the other CPython headers the source reaches as related locations too. For an extension whose ABI depends on the interpreter, HPY209 counts it instead.",
		Why:     "`Python.h` declares the whole CPython API, so a universal source that includes it can call CPython without a compiler error (hpy.devel hides it with its `forbid_python_h` directory, hand-written builds usually do not), and the binary fails to load on PyPy and GraalPy.",
		Example: "/* compat.h */ #include <Python.h>\n/* mod.c */    #include \"compat.h\"   /* HPY202: mod.c:1 → compat.h:1 */",
		Fix:     "Remove the include, or guard it with `#ifndef HPY_ABI_UNIVERSAL`; port what the file used from it to HPy.",
	},
	Run: runPythonHInUniversal,
})

func runPythonHInUniversal(pass *Pass) {
	for _, u := range universalSources(pass) {
		detail := detailOf(pass.Project, u)
		if detail != "" && !pass.wantsDetail(u) {
			continue
		}
		if chains := pythonHChains(pass, u); len(chains) > 0 {
			d := pythonHDiagnostic(pass, u, chains)
			d.DetailOf = detail
			pass.Emit(d)
		}
	}
}

// pythonHDiagnostic is the one finding of a source that reaches CPython
// headers: at the first include on the way to the nearest, with each
// step of that chain and each other CPython header reached as related
// locations.
func pythonHDiagnostic(pass *Pass, u *model.Unit, chains []includeChain) diag.Diagnostic {
	first := chains[0]
	msg := fmt.Sprintf("%s is a CPython header, included in universal source %s", first.header, u.Path)
	if len(first.steps) > 1 {
		msg += " through " + hops(pass, first.steps)
	}
	if len(chains) > 1 {
		var others []string
		for _, c := range chains[1:] {
			others = append(others, c.header)
		}
		msg += " (also reached: " + strings.Join(others, ", ") + ")"
	}
	msg += fmt.Sprintf("; it exposes the CPython API to a binary that must not use it [ABI: %s]", describeABI(pass, u))
	d := pass.Diagnostic(first.steps[0], "%s", msg)
	for i, l := range first.steps[1:] {
		d.Related = append(d.Related, diag.Related{Location: l, Message: fmt.Sprintf("include step %d", i+2)})
	}
	for _, c := range chains[1:] {
		last := c.steps[len(c.steps)-1]
		m := c.header + " included"
		if len(c.steps) > 1 {
			m += " (" + hops(pass, c.steps) + ")"
		}
		d.Related = append(d.Related, diag.Related{Location: last, Message: m})
	}
	return d
}
