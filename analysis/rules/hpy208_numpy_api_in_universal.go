package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var NumPyAPIInUniversal = register(&Rule{
	Code:     "HPY208",
	Name:     "numpy-api-in-universal",
	Severity: diag.Warning,
	Summary:  "NumPy's C API in a source compiled for the universal ABI",
	Doc: Doc{
		What: "Reports each name of NumPy's C API (`PyArray_*` functions and macros, `PyArrayObject`, `PyArray_Descr`, `PyUFunc_*`, `PyUFuncObject`, the scalar types, `NpyIter_*`, `import_array`, `import_umath`) used in a source compiled for HPy's universal ABI, or in a project header it includes, once per name and file: at its first use, with the number of uses in the file. " +
			"A maintainer ports NumPy usage name by name (each needs its own replacement), and a heavily NumPy-based file would otherwise repeat the same finding for every `PyArray_DATA`. " +
			"For an extension whose ABI depends on the interpreter, HPY209 counts these places instead, and the editor shows them one by one in the open file. " +
			"`NPY_*` constants and `npy_*` types are plain C and never reported. Names the project defines itself are not NumPy's, and nothing is reported in NumPy's own sources: a project that implements NumPy's C API (it defines `PyArray_NewFromDescr`, `PyArray_FromAny`, ... with a body, or a build config names it `numpy`) owns these names. These names are never reported as `HPY201`: CPython's headers do not declare them.",
		Why:     "NumPy's C API is a table of function pointers that `import_array()` fetches from a capsule at run time, and its functions and macros take and return CPython objects (`PyObject *`, `PyArrayObject *`) or read their layout. A universal binary that uses it has no undefined CPython symbol, so neither the linker nor hpy.devel's checks notice, yet it depends on CPython: on PyPy and GraalPy the pointers it passes are not objects of theirs.",
		Example: "#include <numpy/arrayobject.h>\n\nstatic double first(PyArrayObject *a) {   /* HPY208 */\n    return *(double *)PyArray_DATA(a);      /* HPY208 */\n}",
		Fix:     "Build the extension with the hybrid ABI while it uses NumPy's C API, and convert at the boundary with `HPy_AsPyObject`/`HPy_FromPyObject`; or reach NumPy through Python-level calls (`HPy_Call` on numpy functions, the buffer protocol) until NumPy offers an HPy API.",
	},
	Run: runNumPyAPIInUniversal,
})

func runNumPyAPIInUniversal(pass *Pass) {
	if pass.carry().implementsNumPyAPI() {
		return
	}
	for _, r := range universalFiles(pass) {
		detail := detailOf(pass.Project, r.from)
		if detail != "" && !pass.wantsDetail(r.file) {
			continue
		}
		for _, u := range numpyAPIUses(pass, r.file, r.from) {
			uses := ""
			if u.count > 1 {
				uses = fmt.Sprintf(" (%d uses in this file)", u.count)
			}
			via := ""
			if r.file != r.from {
				via = ", included from " + r.from.Path
			}
			d := pass.Diagnostic(source.Location{Path: r.file.Path, Span: u.span},
				"%s is NumPy's C API%s: a universal HPy binary reaches it through NumPy's capsule table, which hands out CPython objects, so this source still needs CPython though nothing links to it [ABI: %s%s]",
				u.name, uses, describeABI(pass, r.from), via)
			d.DetailOf = detail
			pass.Emit(d)
		}
	}
}

// numpyAPIUse is one NumPy C API name a file uses: where first, how often.
type numpyAPIUse struct {
	name  string
	span  source.Span
	count int
}

// numpyAPIUses lists, in file order, the NumPy C API names f uses where
// from compiles it universal: what HPY208 reports and HPY209 counts.
func numpyAPIUses(pass *Pass, f, from *model.Unit) []numpyAPIUse {
	return pass.carry().numpyAPIUses(pass, f, from)
}

func numpyAPIUsesOf(pass *Pass, f, from *model.Unit) []numpyAPIUse {
	if !namesNumPyAPI(f.Facts) {
		return nil // most files: not worth listing every name they use
	}
	pythonFree := pass.carry().pythonFree(from)
	var out []numpyAPIUse
	index := map[string]int{}
	for _, use := range numpyUses(f.Facts) {
		if !pass.carry().isNumPyAPI(use.name) ||
			!compiledInUniversalTU(pass.Project, from, f.Facts, use.span.Start, pythonFree) || inPyInit(f.Facts, use.span.Start) {
			continue
		}
		if i, ok := index[use.name]; ok {
			out[i].count++
			continue
		}
		index[use.name] = len(out)
		out = append(out, numpyAPIUse{name: use.name, span: use.span, count: 1})
	}
	return out
}

// namesNumPyAPI reports whether a name numpyUses lists may be NumPy's:
// without one, no use is.
func namesNumPyAPI(f *cfacts.Facts) bool {
	for _, ref := range f.Refs {
		if cpyapi.IsNumPyAPI(ref.Name) {
			return true
		}
	}
	for _, c := range f.Calls {
		if cpyapi.IsNumPyAPI(c.Name) {
			return true
		}
	}
	for _, m := range f.StatementMacros {
		if cpyapi.IsNumPyAPI(m.Name) {
			return true
		}
	}
	return false
}

type numpyUse struct {
	name string
	span source.Span
}

// numpyUses lists the names a file uses that may be NumPy's, in file order:
// the CPython-looking references (PyArray_*, PyUFuncObject, as values or
// types), and the calls and statement macros of other spellings
// (import_array(), NpyIter_New(...)), which the references do not hold.
func numpyUses(f *cfacts.Facts) []numpyUse {
	var out []numpyUse
	seen := map[int]bool{}
	add := func(name string, span source.Span) {
		if !seen[span.Start] {
			seen[span.Start] = true
			out = append(out, numpyUse{name, span})
		}
	}
	for _, ref := range f.Refs {
		add(ref.Name, ref.Span)
	}
	for _, c := range f.Calls {
		if !strings.HasPrefix(c.Name, "Py") {
			add(c.Name, c.NameSpan)
		}
	}
	for _, m := range f.StatementMacros {
		if !strings.HasPrefix(m.Name, "Py") {
			add(m.Name, source.Span{Start: m.Span.Start, End: m.Span.Start + len(m.Name)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].span.Start < out[j].span.Start })
	return out
}

// numpyCore are functions of NumPy's C API that only NumPy implements: the
// array and ufunc constructors and the helpers its module itself defines. A
// project whose sources define one of them, with a body, is NumPy (or a
// fork of it), whatever its directory is called.
var numpyCore = map[string]bool{
	"PyArray_NewFromDescr":        true,
	"PyArray_FromAny":             true,
	"PyArray_DescrFromType":       true,
	"PyArray_GetPriority":         true,
	"PyArray_Concatenate":         true,
	"PyArray_EquivTypes":          true,
	"PyArray_MultiplyList":        true,
	"PyUFunc_FromFuncAndData":     true,
	"PyUFunc_RegisterLoopForType": true,
}

// implementsNumPyAPIWith reports whether the project is NumPy itself,
// where NumPy's C API names are the project's own: a build config names
// the project numpy, or a parsed source defines one of NumPy's core
// functions (defines says whether a file's facts do: definesNumPyCoreOf,
// or the carry's memo of it).
func implementsNumPyAPIWith(p *model.Project, defines func(*cfacts.Facts) bool) bool {
	for _, c := range p.Configs {
		if c.ProjectName != nil && strings.EqualFold(strings.TrimSpace(c.ProjectName.Value), "numpy") {
			return true
		}
	}
	for _, u := range p.Units {
		if u.Facts != nil && defines(u.Facts) {
			return true
		}
	}
	return false
}

// definesNumPyCoreOf reports whether f defines, not static, a function of
// numpyCore.
func definesNumPyCoreOf(f *cfacts.Facts) bool {
	for _, fn := range f.Functions {
		if numpyCore[fn.Name] && !fn.Static {
			return true
		}
	}
	return false
}

// isNumPyAPIOf reports whether name is NumPy's C API in p: a name NumPy
// declares that p does not define itself.
func isNumPyAPIOf(p *model.Project, name string) bool {
	return cpyapi.IsNumPyAPI(name) && !p.DefinesName(name)
}
