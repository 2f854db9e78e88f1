package rules

import (
	"fmt"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var PythonHInUniversal = register(&Rule{
	Code:     "HPY202",
	Name:     "python-h-in-universal",
	Severity: diag.Error,
	Summary:  "A CPython header is included, directly or through project headers, in a universal source",
	Doc: Doc{
		What:    "Reports `#include <Python.h>` (or `\"Python.h\"`, `structmember.h`, `datetime.h` and CPython's other headers) in a source compiled for the universal ABI, or in a project header it reaches. The finding is at the include in the source, and the message gives the chain, e.g. `ujson.c:3 → py_defines.h:39`.",
		Why:     "`Python.h` declares the whole CPython API, so a universal source that includes it can call CPython without a compiler error (hpy.devel hides it with its `forbid_python_h` directory, hand-written builds usually do not), and the binary fails to load on PyPy and GraalPy.",
		Example: "/* compat.h */ #include <Python.h>\n/* mod.c */    #include \"compat.h\"   /* HPY202: mod.c:1 → compat.h:1 */",
		Fix:     "Remove the include, or guard it with `#ifndef HPY_ABI_UNIVERSAL`; port what the file used from it to HPy.",
	},
	Run: runPythonHInUniversal,
})

func runPythonHInUniversal(pass *Pass) {
	for _, u := range universalSources(pass.Project) {
		type step struct {
			file  *model.Unit
			chain []source.Location // the includes followed to reach file
		}
		seen := map[*model.Unit]bool{u: true}
		queue := []step{{file: u}}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			if cur.file.Facts == nil {
				continue
			}
			for _, inc := range cur.file.Facts.Includes {
				if !compiledInUniversal(pass.Project, u, cur.file.Facts, inc.Span.Start) {
					continue
				}
				here := source.Location{Path: cur.file.Path, Span: inc.Span}
				chain := append(append([]source.Location{}, cur.chain...), here)
				if cpyapi.IsCPythonHeader(inc.Path) {
					reportPythonH(pass, u, inc, chain)
					continue
				}
				if h := pass.Project.ResolveInclude(cur.file, inc); h != nil && !seen[h] {
					seen[h] = true
					queue = append(queue, step{file: h, chain: chain})
				}
			}
		}
	}
}

func reportPythonH(pass *Pass, u *model.Unit, inc cfacts.Include, chain []source.Location) {
	var hops []string
	for _, l := range chain {
		hops = append(hops, fmt.Sprintf("%s:%d", l.Path, pass.Line(l)))
	}
	msg := fmt.Sprintf("%s is a CPython header, included in universal source %s", inc.Path, u.Path)
	if len(chain) > 1 {
		msg += " through " + strings.Join(hops, " → ")
	}
	msg += fmt.Sprintf("; it exposes the CPython API to a binary that must not use it [ABI: %s]", describeABI(pass, u))
	d := pass.Diagnostic(chain[0], "%s", msg)
	for i, l := range chain[1:] {
		d.Related = append(d.Related, diag.Related{Location: l, Message: fmt.Sprintf("include step %d", i+2)})
	}
	pass.Emit(d)
}
