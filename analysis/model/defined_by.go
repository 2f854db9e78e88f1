package model

import (
	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/source"
)

// NamesDefinedBy is what one parsed file adds to the names DefinesName
// answers true for: every name its facts define or declare, but a
// CPython-looking one it defines only as a compatibility shim, and every
// name HPy's macros in it generate. Nil for a file of a copy of CPython,
// which DefinesName does not read. Two versions of a file with the same
// set leave every answer of DefinesName as it was: a run may keep the
// answers of the one before (rules.Carry).
func (p *Project) NamesDefinedBy(file *source.File, f *cfacts.Facts) map[string]bool {
	if f == nil || p.inCPythonTree(file.Path) {
		return nil
	}
	return NamesDeclaredIn(file, f)
}

// namesDeclaredKey is the Derived key of NamesDeclaredIn's set.
type namesDeclaredKey struct{}

// NamesDeclaredIn is NamesDefinedBy of a file outside a copy of CPython,
// remembered by its facts (file holds their text): callers must not
// change it. A key that changes a file's facts asks it of the new facts
// (rules.NewCarry), which a run can have worked out beside the model.
func NamesDeclaredIn(file *source.File, f *cfacts.Facts) map[string]bool {
	return f.Derived(namesDeclaredKey{}, func() any { return namesDeclaredIn(file, f) }).(map[string]bool)
}

func namesDeclaredIn(file *source.File, f *cfacts.Facts) map[string]bool {
	out := map[string]bool{}
	var regions []shimRegion
	read := false
	declarations(f, func(name string, off int) {
		if looksLikePython(name) {
			if !read {
				regions, read = shimRegions(file.Content), true
			}
			if isShim(regions, name, off) {
				return
			}
		}
		out[name] = true
	})
	for i := range f.Macros {
		for _, n := range f.Macros[i].DefinedNames() {
			out[n] = true
		}
	}
	return out
}
