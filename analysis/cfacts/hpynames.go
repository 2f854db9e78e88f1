package cfacts

import (
	"strings"

	"github.com/hpyproject/hpylint/analysis/ctoken"
)

// DefinedNames lists the C names an invocation of one of HPy's
// declaration macros defines or declares, as HPy's headers generate them
// (hpy/devel/include/hpy/hpydef.h and hpytype.h, and the forms of HPy
// 0.0.x): HPyDef_METH(sym, ...) defines the variable sym (listed as &sym
// in a defines array), its CPython trampoline, and declares sym_impl;
// HPyType_HELPERS(PyFoo) defines PyFoo_AsStruct and PyFoo_SHAPE.
func (m *MacroCall) DefinedNames() []string {
	sym := m.Arg(0).Text
	if !isIdentifier(sym) {
		return nil
	}
	switch m.Name {
	case "HPyType_HELPERS", "HPyType_LEGACY_HELPERS":
		return []string{sym + "_AsStruct", sym + "_SHAPE", sym + "_IS_LEGACY"}
	case "HPy_MODINIT":
		// Not PyInit_<sym>: only a cpython-ABI build defines it.
		return []string{"HPyInit_" + sym, "init_" + sym + "_impl"}
	}
	if !m.IsHPyDef() {
		return nil
	}
	kind, explicit := strings.CutSuffix(strings.TrimPrefix(m.Name, "HPyDef_"), "_IMPL")
	names := []string{sym}
	// Implementation functions: named by an argument (the _IMPL forms, and
	// HPy 0.0.x's HPyDef_METH(sym, name, impl, sig)), else derived from sym.
	implArg := func(i int) (string, bool) {
		if i < 0 {
			return "", false
		}
		a := m.Arg(i).Text
		if isIdentifier(a) && !strings.HasPrefix(a, "HPyFunc_") && !strings.HasPrefix(a, "HPy_") {
			return a, true
		}
		return "", false
	}
	switch kind {
	case "METH", "SLOT", "CALL_FUNCTION":
		names = append(names, sym+"_trampoline")
		if kind == "SLOT" {
			names = append(names, sym+"_slot")
		}
		implAt := map[string]int{"METH": 2, "SLOT": 1, "CALL_FUNCTION": -1}[kind]
		if impl, ok := implArg(implAt); ok && (explicit || m.Args.Len() > implAt+1) {
			names = append(names, impl)
		} else if !explicit {
			names = append(names, sym+"_impl")
		}
	case "GET", "SET":
		suffix := "_" + strings.ToLower(kind)
		names = append(names, sym+suffix+"_trampoline")
		if !explicit {
			names = append(names, sym+suffix)
		}
		if impl, ok := implArg(2); ok {
			names = append(names, impl)
		}
	case "GETSET":
		names = append(names, sym+"_get_trampoline", sym+"_set_trampoline")
		if !explicit {
			names = append(names, sym+"_get", sym+"_set")
		}
		for i := 2; i <= 3; i++ {
			if impl, ok := implArg(i); ok {
				names = append(names, impl)
			}
		}
	}
	return names
}

func isIdentifier(s string) bool {
	if s == "" || !ctoken.IsIdentStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !ctoken.IsIdentPart(s[i]) {
			return false
		}
	}
	return true
}
