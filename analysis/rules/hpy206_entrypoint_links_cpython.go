package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/buildcfg"
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/shim"
	"github.com/hpyproject/hpylint/analysis/source"
)

var EntrypointLinksCPython = register(&Rule{
	Code:     "HPY206",
	Name:     "entrypoint-links-cpython",
	Severity: diag.Error,
	Summary:  "A hand-written PyInit_ in a universal or hybrid build that links against CPython",
	Doc: Doc{
		What: "Reports a hand-written `PyInit_<x>` function, in a source built with the universal or hybrid ABI (or a project header such a source includes), whose body references CPython functions or data (`PyModule_Create`, `PyModuleDef_Init`, `PyExc_*`, `Py_None`, ...) or macros that expand to them. " +
			"Types and constant macros (`PyObject`, `PyMODINIT_FUNC`, `PyModuleDef_HEAD_INIT`, `METH_*`) are not link-time references. HPY201 leaves the references inside `PyInit_` to this rule, which reports the function once.",
		Why: "Such an entrypoint is the usual way to make a universal binary importable on CPython without the `.py` stub, and it breaks what universal means: the binary now has undefined `Py*` symbols, so PyPy and GraalPy fail to load it with a dlopen \"undefined symbol\" error, although their loader never calls `PyInit_`. " +
			"hpylint's shim does the same job with every CPython function found at run time, and through `hpy.universal`, so the module is still an HPy module.",
		Example: "HPy_MODINIT(mod, moduledef)\n\nPyMODINIT_FUNC PyInit_mod(void)    /* HPY206 */\n{\n    PyObject *m = PyImport_ImportModule(\"hpy.universal\");\n    ...\n}",
		Fix:     "`hpylint --fix` deletes the function and inserts hpylint's shim after `HPy_MODINIT` (writing `" + shim.HeaderName + "` beside the source when needed), when the function's name matches `HPy_MODINIT`'s in the same file. Otherwise delete the function yourself and let HPY105's fix add the shim.",
	},
	Run: runEntrypointLinksCPython,
})

func runEntrypointLinksCPython(pass *Pass) {
	// Few projects define a PyInit_ at all: without one, asking every
	// HPy source for its headers (0.65 ms of CPU a key at 2,000 files)
	// finds nothing.
	if !pass.carry().anyPyInit() {
		return
	}
	pyInitWalks.Add(1)
	seen := map[*model.Unit]bool{}
	for _, u := range pass.Project.Units {
		if !isHPySource(u) {
			continue
		}
		abi, ok := shimCapable(pass.Project, u)
		if !ok {
			continue
		}
		for f := range sourceAndHeaders(u, pass.Project.Headers(u)) {
			// Few files define a PyInit_: only theirs are remembered.
			if !hasPyInit(f) || seen[f] {
				continue
			}
			seen[f] = true
			for _, i := range f.Facts.PyInits() {
				checkPyInitLinks(pass, f, f.Facts.Functions[i], abi.ABI)
			}
		}
	}
}

// hasPyInit reports whether u was parsed and defines a PyInit_.
func hasPyInit(u *model.Unit) bool {
	return u.Facts != nil && len(u.Facts.PyInits()) > 0
}

// anyPyInit reports whether a parsed file of the project defines a
// PyInit_, once per run: HPY105 and HPY206 look for one in the headers
// of every source, which most projects need not.
func (c *Carry) anyPyInit() bool {
	c.pyInitOnce.Do(func() { c.pyInit = slices.ContainsFunc(c.project.Units, hasPyInit) })
	return c.pyInit
}

// pyInitWalks counts HPY206's walks of the sources and their headers, for
// a test.
var pyInitWalks atomic.Int64

func checkPyInitLinks(pass *Pass, f *model.Unit, fn cfacts.Function, abi buildcfg.ABI) {
	x, ok := strings.CutPrefix(fn.Name, "PyInit_")
	if !ok || strings.Contains(fn.Preceding, GeneratedEntrypointMarker) || !compiledIn(f.Facts, fn.Span.Start, abi) {
		return
	}
	var names []string
	var related []diag.Related
	seen := map[string]bool{}
	for _, ref := range f.Facts.Refs {
		if !fn.Span.Contains(ref.Span.Start) || ref.Span == fn.NameSpan || !linkTimeRef(pass, ref) || !compiledIn(f.Facts, ref.Span.Start, abi) {
			continue
		}
		related = append(related, diag.Related{Location: source.Location{Path: f.Path, Span: ref.Span}, Message: ref.Name + " is resolved by the linker"})
		if !seen[ref.Name] {
			seen[ref.Name] = true
			names = append(names, ref.Name)
		}
	}
	if len(names) == 0 {
		return
	}
	listed := names
	if len(listed) > 4 {
		listed = append(listed[:4:4], fmt.Sprintf("%d more", len(names)-4))
	}
	consequence := "the universal binary then has undefined CPython symbols, so PyPy and GraalPy refuse to load it; hpylint's CPython entrypoint shim resolves CPython at run time instead"
	if abi == buildcfg.ABIHybrid {
		consequence = "it makes the module without hpy.universal, HPy's loader; hpylint's CPython entrypoint shim loads it through hpy.universal and resolves CPython at run time"
	}
	d := pass.Diagnostic(source.Location{Path: f.Path, Span: fn.NameSpan},
		"hand-written %s references CPython at link time (%s): %s", fn.Name, strings.Join(listed, ", "), consequence)
	d.Related = related
	if fix, ok := replaceWithShim(pass, f, fn, x); ok {
		d.Fixes = []diag.Fix{fix}
	}
	pass.Emit(d)
}

// linkTimeRef reports whether a reference needs a CPython symbol (or
// CPython's object layout) in the binary: functions, data and macros that
// expand to them, not types and constant macros.
func linkTimeRef(pass *Pass, ref cfacts.Ref) bool {
	if ref.Kind != cfacts.ValueRef || strings.HasPrefix(ref.Name, "PyInit_") || !isCPythonAPI(pass, ref.Name) {
		return false
	}
	return cpyapi.IsMacroExpandingToCPython(ref.Name) || !constantMacro(ref.Name)
}

// slotPrefixes name the slot-number macros (Py_tp_new is 65, Py_mod_exec 2).
var slotPrefixes = []string{"Py_tp_", "Py_nb_", "Py_sq_", "Py_mp_", "Py_am_", "Py_bf_", "Py_mod_"}

// constantMacro reports whether a CPython name is spelled like a macro that
// expands to a constant: upper case after its prefix (PY_SSIZE_T_MAX,
// Py_TPFLAGS_DEFAULT, PyModuleDef_HEAD_INIT, METH_VARARGS) or a slot number.
func constantMacro(name string) bool {
	for _, p := range slotPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	_, rest, ok := strings.Cut(strings.TrimLeft(name, "_"), "_")
	return ok && rest != "" && rest == strings.ToUpper(rest)
}

// replaceWithShim deletes the function and puts the shim in its place,
// when the function is the entrypoint of the HPy_MODINIT in the same file.
func replaceWithShim(pass *Pass, u *model.Unit, fn cfacts.Function, x string) (diag.Fix, bool) {
	// In a header there is no HPy_MODINIT to put the shim after: no fix.
	var modinit *cfacts.MacroCall
	for _, m := range modinitCalls(u) {
		if m.Arg(0).Text == x {
			modinit = &m
			break
		}
	}
	if modinit == nil {
		return diag.Fix{}, false
	}
	del := diag.Edit{Path: u.Path, Span: wholeLines(u.File.Content, fn.Span)}
	if len(u.Facts.MacroCalls(entrypointMacro)) > 0 {
		return diag.Fix{Title: "Delete " + fn.Name + " (the shim is already in place)", Edits: []diag.Edit{del}}, true
	}
	edits, ok := shimInsertEdits(pass.Project, u, *modinit, x)
	if !ok {
		return diag.Fix{}, false
	}
	return diag.Fix{Title: "Replace " + fn.Name + " with hpylint's CPython entrypoint", Edits: append(edits, del)}, true
}

// wholeLines widens a span to the lines it occupies when nothing but
// blanks shares them, so deleting it leaves no empty line behind.
func wholeLines(content []byte, s source.Span) source.Span {
	start := s.Start
	for start > 0 && (content[start-1] == ' ' || content[start-1] == '\t') {
		start--
	}
	if start > 0 && content[start-1] != '\n' {
		return s
	}
	end := s.End
	for end < len(content) && (content[end] == ' ' || content[end] == '\t' || content[end] == '\r') {
		end++
	}
	switch {
	case end == len(content):
	case content[end] == '\n':
		end++
	default:
		return s
	}
	return source.Span{Start: start, End: end}
}
