package rules

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/cpyapi"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

// The places that keep a source from building universal, found once for
// the rules that report them one by one (HPY201, HPY202, HPY203) and for
// the one that counts them per extension (HPY209).

// Codes named across these rules. Constants, not the Rule values: the
// rules' Run functions refer to each other's codes, and Go rejects an
// initialisation cycle through the registered values.
const (
	codeCPythonSymbol = "HPY201"
	codePythonH       = "HPY202"
	codeLegacyFeature = "HPY203"
	codeNumPyAPI      = "HPY208"
	codeNotUniversal  = "HPY209"
)

// detailOf is the summary a per-place finding in a unit compiled by from
// belongs to: for an extension whose ABI depends on the interpreter, the
// places are counted by HPY209, and reported one by one only in the editor.
func detailOf(p *model.Project, from *model.Unit) string {
	if unitABI(p, from).Dynamic {
		return codeNotUniversal
	}
	return ""
}

// cpythonRefs are the references to the CPython API in a file compiled
// universal that HPY201 reports: legacy names (HPY203's), PyInit_
// functions (HPY104's and HPY206's) and the legacy tables HPY203 reports
// as a whole are left out.
func cpythonRefs(pass *Pass, f, from *model.Unit, tables legacyTables) []cfacts.Ref {
	return pass.carry().cpythonRefs(pass, f, from, tables)
}

func cpythonRefsOf(pass *Pass, f, from *model.Unit, tables legacyTables) []cfacts.Ref {
	pythonFree := pass.carry().pythonFree(from)
	var out []cfacts.Ref
	for _, ref := range f.Facts.Refs {
		// A tag named without its body (struct PyMethodDef *) is an
		// incomplete type: it compiles and links without CPython, and
		// where a CPython header completes it, HPY202 reports the header.
		if ref.Kind == cfacts.TagRef || !isCPythonAPI(pass, ref.Name) || legacyName(ref.Name) ||
			!compiledInUniversalTU(pass.Project, from, f.Facts, ref.Span.Start, pythonFree) || inPyInit(f.Facts, ref.Span.Start) ||
			tables.contain(f.Path, ref.Span.Start) {
			continue
		}
		out = append(out, ref)
	}
	return out
}

// cpythonRefNote is how a related location names a reference: the name and
// what to use instead.
func cpythonRefNote(ref cfacts.Ref) string {
	if hpy, _, ok := cpyapi.Equivalent(ref.Name); ok {
		return ref.Name + " → " + hpy
	}
	return ref.Name + ": no direct HPy equivalent"
}

// legacyFeature is one use of HPy's legacy compatibility that HPY203
// reports.
type legacyFeature struct {
	span source.Span
	what string // the message's opening: "PyObject_HEAD makes ..."
	name string // short, for a related location: "PyObject_HEAD"
}

// legacyFeatures are the uses of HPy's legacy features in f, compiled by
// the source from, that HPY203 reports (Carry.legacyFeatures).
func legacyFeatures(pass *Pass, from, f *model.Unit) []legacyFeature {
	return pass.carry().legacyFeatures(pass, f, from)
}

// legacyFeaturesRead counts legacyFeaturesOf's readings, for a test.
var legacyFeaturesRead atomic.Int64

func legacyFeaturesOf(pass *Pass, from *model.Unit, f *cfacts.Facts) []legacyFeature {
	legacyFeaturesRead.Add(1)
	p, pythonFree := pass.Project, pass.carry().pythonFree(from)
	var out []legacyFeature
	add := func(span source.Span, name, what string) {
		if compiledInUniversalTU(p, from, f, span.Start, pythonFree) {
			out = append(out, legacyFeature{span: span, what: what, name: name})
		}
	}
	for _, ref := range f.Refs {
		// A declaration of the name (HPy's own header defining
		// HPy_AsPyObject) is not a use of the feature.
		if what, ok := legacyNames[ref.Name]; ok && ref.Kind != cfacts.DeclRef {
			add(ref.Span, ref.Name, what)
		}
	}
	for _, m := range f.MacroCalls("HPyType_LEGACY_HELPERS") {
		add(m.NameSpan, m.Name, "HPyType_LEGACY_HELPERS declares a legacy (CPython-layout) object")
	}
	for _, v := range f.Variables {
		for _, fld := range legacyFields(v) {
			add(fld.Span, "."+fld.Name, "."+fld.Name+" of "+v.Name+" holds CPython PyMethodDef/PyType_Slot entries")
		}
	}
	return out
}

// legacyFields are a definition's legacy_methods and legacy_slots fields
// that name a table.
func legacyFields(v cfacts.Variable) []cfacts.Field {
	var out []cfacts.Field
	for _, fld := range v.Fields {
		if (fld.Name == "legacy_methods" || fld.Name == "legacy_slots") && !isDefault(fld.Value) {
			out = append(out, fld)
		}
	}
	return out
}

// legacyTables are the declarations of the CPython tables (PyMethodDef,
// PyType_Slot...) that a reported legacy_methods or legacy_slots field
// names, by path: HPY203 reports the field, so the CPython names inside
// the table are not reported again, one by one, by HPY201.
type legacyTables map[string][]source.Span

func (t legacyTables) contain(path string, off int) bool {
	for _, s := range t[path] {
		if s.Contains(off) {
			return true
		}
	}
	return false
}

var legacyTableTypes = map[string]bool{"PyMethodDef": true, "PyType_Slot": true, "PyMemberDef": true, "PyGetSetDef": true}

// findLegacyTables follows each reported legacy field of the universal
// files to the table it names (in the file or a header it includes), and
// from a slot table to the tables its entries name (Py_tp_methods...).
func findLegacyTables(pass *Pass) legacyTables {
	p := pass.Project
	out := legacyTables{}
	seen := map[*cfacts.Variable]bool{}
	var follow func(u *model.Unit, name string)
	follow = func(u *model.Unit, name string) {
		for cand := range sourceAndHeaders(u, p.Headers(u)) {
			if cand.Facts == nil {
				continue
			}
			for _, v := range cand.Facts.Variable(name) {
				if !legacyTableTypes[v.Type] || !v.Defined || seen[v] {
					continue
				}
				seen[v] = true
				out[cand.Path] = append(out[cand.Path], v.Span)
				for _, el := range v.Elements {
					for _, other := range cand.Facts.Variables {
						if legacyTableTypes[other.Type] && other.Name != v.Name && mentions(el.Text, other.Name) {
							follow(cand, other.Name)
						}
					}
				}
				return
			}
		}
	}
	for _, r := range universalFiles(pass) {
		f := r.file.Facts
		if !f.Trait(hasLegacyField, func() bool {
			return slices.ContainsFunc(f.Variables, func(v cfacts.Variable) bool { return len(legacyFields(v)) > 0 })
		}) {
			continue
		}
		for _, v := range f.Variables {
			for _, fld := range legacyFields(v) {
				if compiledInUniversal(p, r.from, r.file.Facts, fld.Span.Start) {
					follow(r.file, tableName(fld.Value))
				}
			}
		}
	}
	return out
}

// tableName is the identifier a field value names: "SpamMethods" in
// "SpamMethods", "&SpamMethods[0]" or "(PyMethodDef *)SpamMethods".
func tableName(value string) string {
	if i := strings.LastIndexByte(value, ')'); i >= 0 {
		value = value[i+1:]
	}
	value = strings.TrimLeft(strings.TrimSpace(value), "&* ")
	if i := strings.IndexByte(value, '['); i >= 0 {
		value = value[:i]
	}
	return strings.TrimSpace(value)
}

// mentions reports whether name occurs in text as a whole identifier.
func mentions(text, name string) bool {
	for i := 0; ; {
		j := strings.Index(text[i:], name)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(name)
		if (start == 0 || !identByte(text[start-1])) && (end == len(text) || !identByte(text[end])) {
			return true
		}
		i = end
	}
}

func identByte(b byte) bool {
	return b == '_' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// includeChain is the way from a universal source to a CPython header: the
// #include lines followed, the last one naming the header.
type includeChain struct {
	header string
	steps  []source.Location
}

// pythonHChains lists, for a universal source, every CPython header it
// reaches, nearest first, each with the include chain that reaches it.
func pythonHChains(pass *Pass, u *model.Unit) []includeChain {
	return pass.carry().pythonHChains(u)
}

// pythonHChainsOf is pythonHChains worked out, with the files it read
// the includes of (u first) and whether what it read shows that a
// universal build of u includes no Python header (pythonFree).
func pythonHChainsOf(p *model.Project, u *model.Unit) chainsEntry {
	type step struct {
		file  *model.Unit
		chain []source.Location // the includes followed to reach file
	}
	var e chainsEntry
	unsure := definesPythonMacro(u)
	seen := map[*model.Unit]bool{u: true}
	queue := []step{{file: u}}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		e.read = append(e.read, cur.file.Path)
		if cur.file.Facts == nil {
			unsure = true
			continue
		}
		unsure = unsure || slices.ContainsFunc(cur.file.Facts.Defines, func(d cfacts.Define) bool { return cpyapi.IsPythonHeaderMacro(d.Name) })
		for _, inc := range cur.file.Facts.Includes {
			if !compiledInUniversal(p, u, cur.file.Facts, inc.Span.Start) {
				continue
			}
			here := source.Location{Path: cur.file.Path, Span: inc.Span}
			chain := append(append([]source.Location{}, cur.chain...), here)
			if cpyapi.IsCPythonHeader(inc.Path) {
				e.chains = append(e.chains, includeChain{header: inc.Path, steps: chain})
				continue
			}
			h := p.ResolveInclude(cur.file, inc)
			if h == nil {
				unsure = unsure || mayIncludePython(inc)
				continue
			}
			if !seen[h] {
				seen[h] = true
				queue = append(queue, step{file: h, chain: chain})
			}
		}
	}
	e.pythonFree = len(e.chains) == 0 && !unsure
	return e
}

// definesPythonMacro reports whether a build of u passes one of the
// macros only Python's headers define (-D, define_macros).
func definesPythonMacro(u *model.Unit) bool {
	for _, ext := range u.Extensions {
		for _, d := range ext.Decl.Defines {
			if cpyapi.IsPythonHeaderMacro(d.Value) {
				return true
			}
		}
	}
	return false
}

// mayIncludePython reports whether an include the project does not hold
// may bring Python's headers in: one written in quotes (a header
// generated at build time, or found on an include path hpylint does not
// follow) or named for Python, unless it is HPy's; a system header of
// NumPy or of a binding library. Other system headers (the C library,
// the platform's, a library's own) do not include Python's.
func mayIncludePython(inc cfacts.Include) bool {
	p := strings.ToLower(inc.Path)
	if p == "hpy.h" || strings.HasPrefix(p, "hpy/") {
		return false // HPy's headers include Python.h only for the cpython and hybrid ABIs
	}
	if !inc.System || strings.Contains(p, "python") {
		return true
	}
	for _, lib := range []string{"numpy/", "pybind11/", "nanobind/", "boost/python", "cython"} {
		if strings.HasPrefix(p, lib) {
			return true
		}
	}
	return false
}

// hops renders an include chain as "mod.c:3 → compat.h:1".
func hops(pass *Pass, steps []source.Location) string {
	var out []string
	for _, l := range steps {
		out = append(out, fmt.Sprintf("%s:%s", l.Path, pass.Line(l)))
	}
	return strings.Join(out, " → ")
}
