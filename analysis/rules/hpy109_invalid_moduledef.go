package rules

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
	"github.com/hpyproject/hpylint/analysis/source"
)

var InvalidModuledef = register(&Rule{
	Code:     "HPY109",
	Name:     "invalid-moduledef",
	Severity: diag.Error,
	Summary:  "An HPyModuleDef that hpy.universal rejects at import time",
	Doc: Doc{
		What:    "Reads the initializer of each `HPyModuleDef` and reports what HPy's runtime rejects when the module is created: `.size` other than 0, a slot other than `HPy_mod_create`/`HPy_mod_exec` among the module's `defines`, more than one `HPy_mod_create`, and an `HPy_mod_create` slot together with any other define or non-default field (`doc`, `size`, `legacy_methods`, `globals`). A file that defines its module with HPy 0.0.4's one-argument `HPy_MODINIT` follows that version's rules (`.size = -1` was its single-phase norm): HPY108 reports the port, and this rule waits for it.",
		Why:     "These mistakes compile and fail only at import, with a SystemError such as \"HPy does not permit HPyModuleDef.size < 0\" (old code's `-1` is the classic) or \"HPyModuleDef defines a HPy_mod_create slot and some other slots or methods\".",
		Example: "static HPyModuleDef moduledef = {\n    .size = -1,\n    .defines = module_defines,\n};",
		Fix:     "Set `.size = 0` (module state is not supported), move type slots to the type's `HPyType_Spec`, and keep a create slot alone in a definition with default fields.",
	},
	Run: runInvalidModuledef,
})

func runInvalidModuledef(pass *Pass) {
	indexes := defIndexes{}
	for _, u := range pass.Project.Units {
		if u.Facts == nil || !isHPySource(u) && !definesModuleDef(u) || writtenForHPy004(u) {
			continue // HPy 0.0.4 wanted .size = -1; HPY108 reports the port to the current form
		}
		if !definesModuleDef(u) {
			continue
		}
		pass.scoped(u.Path, func() []string { return moduleDefInputs(pass.Project, u) }, 0, func() {
			for i := range u.Facts.Variables {
				v := &u.Facts.Variables[i]
				if v.Type == "HPyModuleDef" && v.Defined {
					checkModuleDef(pass, u, v, indexes)
				}
			}
		})
	}
}

// moduleDefInputs are the files checkModuleDef reads for the module
// definitions of u: u, the headers it includes, where a defines array
// and its HPyDefs may be, and the sources of its extensions, where the
// other HPyDefs are.
func moduleDefInputs(p *model.Project, u *model.Unit) []string {
	headers := p.Headers(u)
	n := 1 + len(headers)
	for _, e := range u.Extensions {
		n += len(e.Units)
	}
	// Every key asks this of every source with a module definition.
	out := make([]string, 0, n)
	out = append(out, u.Path)
	for _, h := range headers {
		out = append(out, h.Path)
	}
	for _, e := range u.Extensions {
		for _, src := range e.Units {
			if src != u {
				out = append(out, src.Path)
			}
		}
	}
	return out
}

func definesModuleDef(u *model.Unit) bool {
	f := u.Facts
	return f.Trait(definesModuleDefTrait, func() bool {
		for _, v := range f.Variables {
			if v.Type == "HPyModuleDef" && v.Defined {
				return true
			}
		}
		return false
	})
}

func checkModuleDef(pass *Pass, u *model.Unit, v *cfacts.Variable, indexes defIndexes) {
	at := func(s source.Span) source.Location { return source.Location{Path: u.Path, Span: s} }
	if size, ok := v.Field("size"); ok && !isZero(size.Value) {
		fix := diag.Fix{Title: "Set .size = 0", Edits: []diag.Edit{{Path: u.Path, Span: size.ValueSpan, NewText: "0"}}}
		pass.Reportf(at(size.Span), []diag.Fix{fix},
			"HPyModuleDef %s has .size = %s; HPy requires 0 (module state is not supported) and raises SystemError at import", v.Name, size.Value)
	}
	defines, ok := v.Field("defines")
	if !ok {
		return
	}
	var creates []source.Span
	others := 0
	for _, d := range resolveDefines(pass.Project, u, defines, indexes) {
		if d.call == nil {
			others++ // an HPyDef hpylint cannot see: count it as a define
			continue
		}
		slot := slotOf(*d.call)
		switch {
		case slot == "HPy_mod_create":
			creates = append(creates, d.span)
		case slot == "HPy_mod_exec" || slot == "":
			others++ // methods, members and exec slots
		default:
			pass.Reportf(at(d.span), nil,
				"%s is a %s slot; only HPy_mod_create and HPy_mod_exec slots may be in a module's defines (type slots belong in an HPyType_Spec)", d.name, slot)
			others++
		}
	}
	for _, extra := range creates[min(1, len(creates)):] {
		pass.Reportf(at(extra), nil, "HPyModuleDef %s has more than one HPy_mod_create slot", v.Name)
	}
	if len(creates) == 0 {
		return
	}
	var nonDefault []string
	for _, f := range v.Fields {
		if f.Name != "defines" && !isDefault(f.Value) {
			nonDefault = append(nonDefault, "."+f.Name)
		}
	}
	if others > 0 || len(nonDefault) > 0 {
		what := strings.Join(nonDefault, ", ")
		if others > 0 {
			what = strings.TrimPrefix(what+", other defines", ", ")
		}
		pass.Reportf(at(creates[0]), nil,
			"HPyModuleDef %s has an HPy_mod_create slot together with %s; a create slot must stand alone with default fields", v.Name, what)
	}
}

// moduleDefine is one entry of a module's defines array.
type moduleDefine struct {
	name string
	span source.Span
	call *cfacts.MacroCall // the HPyDef_* that defines it, nil if not found
}

// resolveDefines lists the HPyDefs of a defines field: an array variable
// (in the unit or its headers) or an inline compound literal.
func resolveDefines(p *model.Project, u *model.Unit, f cfacts.Field, indexes defIndexes) []moduleDefine {
	elems := f.Elements
	if elems == nil {
		if arr := p.FindVariable(u, f.Value); arr != nil && arr.Array {
			elems = arr.Elements
		}
	}
	var out []moduleDefine
	for _, el := range elems {
		name := strings.TrimSpace(strings.TrimPrefix(el.Text, "&"))
		if name == "NULL" || name == "0" || name == "nullptr" || name == "" {
			continue
		}
		out = append(out, moduleDefine{name: name, span: el.Span, call: indexes.find(p, u, name)})
	}
	return out
}

// defIndexes holds the HPyDef index of each extension, built once per
// pass and only when a define is not in its own file or headers (each
// file's facts index their own: cfacts.Facts.HPyDef).
type defIndexes map[*model.Extension]map[string]*cfacts.MacroCall

// find looks sym up in u and its headers, then in u's extensions.
func (ix defIndexes) find(p *model.Project, u *model.Unit, sym string) *cfacts.MacroCall {
	if m := u.Facts.HPyDef(sym); m != nil {
		return m
	}
	for _, h := range p.Headers(u) {
		if h.Facts != nil {
			if m := h.Facts.HPyDef(sym); m != nil {
				return m
			}
		}
	}
	for _, e := range u.Extensions {
		idx, ok := ix[e]
		if !ok {
			idx = hpyDefIndex(e.Units)
			ix[e] = idx
		}
		if m := idx[sym]; m != nil {
			return m
		}
	}
	return nil
}

// hpyDefIndex maps each HPyDef_* symbol of the units to its invocation,
// the first one where several define it.
func hpyDefIndex(units []*model.Unit) map[string]*cfacts.MacroCall {
	index := map[string]*cfacts.MacroCall{}
	for _, c := range units {
		if c.Facts == nil {
			continue
		}
		for i := range c.Facts.Macros {
			m := &c.Facts.Macros[i]
			if !m.IsHPyDef() {
				continue
			}
			if sym := m.Arg(0).Text; sym != "" && index[sym] == nil {
				index[sym] = m
			}
		}
	}
	return index
}

func isZero(v string) bool {
	v = strings.TrimSpace(v)
	return v == "0" || v == "0L" || v == "0U" || v == "0u" || v == "(0)"
}

func isDefault(v string) bool {
	v = strings.TrimSpace(v)
	return isZero(v) || v == "NULL" || v == "nullptr" || v == "(void *)0" || v == "((void *)0)"
}
