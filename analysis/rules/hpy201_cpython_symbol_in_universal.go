package rules

import (
	"fmt"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var CPythonSymbolInUniversal = register(&Rule{
	Code:     "HPY201",
	Name:     "cpython-symbol-in-universal",
	Severity: diag.Error,
	Summary:  "A reference to the CPython C API in a source compiled for the universal ABI",
	Doc: Doc{
		What:    "Reports every use of a CPython C API name (a call, an address, a variable, a type, or a macro that expands to CPython symbols such as `Py_INCREF`, `Py_RETURN_NONE`, `Py_None`, `PyExc_*`) in a source compiled for HPy's universal ABI, or in a project header it includes. Names the project defines itself are not CPython's. Code inside `#ifdef HPY_ABI_CPYTHON` (or `#ifndef HPY_ABI_UNIVERSAL`, or `#if defined(HPY_ABI_CPYTHON) || defined(HPY_ABI_HYBRID)`) is skipped; so is code that needs a macro only Python's headers define (`#if defined(PYPY_VERSION_NUM) && PYPY_VERSION_NUM < ...`, `#ifdef PY_VERSION_HEX`, `#if PY_VERSION_HEX >= 0x03090000`) when the source includes no Python header, directly or through its headers (HPy's `hpy.h` includes `Python.h` only for the cpython and hybrid ABIs), and so are the entries of a legacy table HPY203 reports. The message names the HPy equivalent where there is one. For an extension whose ABI depends on the interpreter, HPY209 counts these references instead (the editor still shows them in the open file, as information).",
		Why:     "A universal binary must reference no CPython symbol. The compiler does not always stop it (hpy.devel's checks need gcc or clang >= 14, and CMake, meson and make builds have none), and the binary then fails to load on PyPy and GraalPy with a dlopen \"undefined symbol\" error that names neither the file nor the line.",
		Example: "static HPy add_impl(HPyContext *ctx, HPy self, HPy a, HPy b) {\n    return PyLong_FromLong(42);   /* HPY201: use HPyLong_FromLong(ctx, 42) */\n}",
		Fix:     "Use the HPy API (`hpylint --explain` names it in each message), or build the extension with the hybrid ABI if it must keep legacy CPython code.",
	},
	Run: runCPythonSymbolInUniversal,
})

func runCPythonSymbolInUniversal(pass *Pass) {
	tables := pass.carry().legacyTables(pass)
	// numpy-hpy has 11,000 references and a few hundred names: the same
	// message, made once, serves every reference to a name from a source.
	messages := map[refMessageKey]string{}
	for _, r := range universalFiles(pass) {
		detail := detailOf(pass.Project, r.from)
		if detail != "" && !pass.wantsDetail(r.file) {
			continue
		}
		refs := cpythonRefs(pass, r.file, r.from, tables)
		if len(refs) == 0 {
			continue
		}
		// The messages quote the source's ABI, and the findings detail
		// HPY209's where it depends on the interpreter.
		stamp := detail + "\x00" + describeABI(pass, r.from)
		pass.keptRefFindings(r.file.Path+"\x00"+r.from.Path, refs, stamp, func() {
			for _, ref := range refs {
				key := refMessageKey{ref.Name, ref.Kind, r.from, r.file != r.from}
				msg, ok := messages[key]
				if !ok {
					msg = cpythonRefMessage(pass, ref, r)
					messages[key] = msg
				}
				d := pass.Diagnostic(source.Location{Path: r.file.Path, Span: ref.Span}, "")
				d.Message, d.DetailOf = msg, detail
				pass.Emit(d)
			}
		})
	}
}

// refMessageKey is what cpythonRefMessage's text depends on.
type refMessageKey struct {
	name     string
	kind     cfacts.RefKind
	from     *model.Unit
	included bool
}

// isCPythonAPI decides whether a name is CPython's: CPython's headers
// declare it (cpyapi's generated table, so a project's PyFoo_AsStruct or
// numpy's PyArray_* never is) and the project does not define it itself.
// A name is referenced thousands of times in a large port: the answers
// are kept (Carry).
func isCPythonAPI(pass *Pass, name string) bool { return pass.carry().isCPythonAPI(name) }

func isCPythonAPIOf(p *model.Project, name string) bool {
	return cpyapi.IsCPythonAPI(name) && !p.DefinesName(name)
}

func cpythonRefMessage(pass *Pass, ref cfacts.Ref, r reached) string {
	what := "CPython C API"
	if ref.Kind == cfacts.TypeRef {
		what = "a CPython C API type"
	} else if cpyapi.IsMacroExpandingToCPython(ref.Name) {
		what = "a CPython macro that expands to CPython symbols"
	}
	msg := fmt.Sprintf("%s is %s, which a universal HPy binary must not reference (PyPy and GraalPy refuse to load it)", ref.Name, what)
	if hpy, note, ok := cpyapi.Equivalent(ref.Name); ok {
		msg += "; use " + hpy
		if note != "" {
			msg += " (" + note + ")"
		}
	} else if note != "" {
		msg += "; " + note
	}
	via := ""
	if r.file != r.from {
		via = ", included from " + r.from.Path
	}
	return msg + fmt.Sprintf(" [ABI: %s%s]", describeABI(pass, r.from), via)
}
