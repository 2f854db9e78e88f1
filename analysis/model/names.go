package model

import (
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/defindex"
)

// definedNames caches what DefinesName reads.
type definedNames struct {
	once sync.Once
	// sites holds a definition in a parsed file of each name: a #define, a
	// function, a typedef, an HPy definition variable, a declaration.
	sites map[string]defSite
	// macros holds the HPy macros other than HPyDef_* (HPyType_HELPERS,
	// HPy_MODINIT) by their first argument, from which they paste the
	// names they define; HPyDef_* are indexed by the facts (Facts.HPyDef).
	macros map[string][]*cfacts.MacroCall

	mu      sync.Mutex
	answers map[string]bool
	shims   map[*Unit][]shimRegion
}

type defSite struct {
	u   *Unit
	off int
}

// DefinesName reports whether the project defines name, so that it is not
// CPython's even if it looks like it: a parsed file #defines, defines or
// declares it (a function, a prototype or extern whose body is elsewhere,
// a file-scope variable of any type, a typedef, a struct, union or enum
// tag, an enumerator, a symbol one of HPy's macros generates), or, when
// none does, one of the project's other C and C++ files does (a header no
// include reached because its directory comes from a build config hpylint
// cannot read). Those files are parsed only where their text may define
// the name. A compatibility shim for CPython's own API (a definition on a
// Python version, or under `#ifndef` of the same name) does not count, nor
// does a copy of CPython in the project.
func (p *Project) DefinesName(name string) bool {
	d := &p.defined
	d.once.Do(func() { p.indexDefinitions() })
	d.mu.Lock()
	v, ok := d.answers[name]
	d.mu.Unlock()
	if ok {
		return v
	}
	v = p.definedInParsed(name) || p.definedElsewhere(name)
	d.mu.Lock()
	d.answers[name] = v
	d.mu.Unlock()
	return v
}

// indexDefinitions reads the parsed files' definitions once per project
// (the language server makes a project per keystroke: this stays a walk
// over the facts, the generated names are derived only for names asked).
func (p *Project) indexDefinitions() {
	d := &p.defined
	d.sites, d.macros = map[string]defSite{}, map[string][]*cfacts.MacroCall{}
	d.answers, d.shims = map[string]bool{}, map[*Unit][]shimRegion{}
	for _, u := range p.Units {
		if u.Facts == nil || p.inCPythonTree(u.Path) {
			continue
		}
		declarations(u.Facts, func(name string, off int) {
			if _, seen := d.sites[name]; !seen {
				d.sites[name] = defSite{u, off}
			}
		})
		for i := range u.Facts.Macros {
			if m := &u.Facts.Macros[i]; !m.IsHPyDef() {
				stem := m.Arg(0).Text
				d.macros[stem] = append(d.macros[stem], m)
			}
		}
	}
}

// definedInParsed looks in the parsed files.
func (p *Project) definedInParsed(name string) bool {
	d := &p.defined
	if s, ok := d.sites[name]; ok {
		if !looksLikePython(name) || !p.shimAt(s.u, name, s.off) {
			return true
		}
		// The first definition seen is a shim: another may not be.
		for _, u := range p.Units {
			if u.Facts != nil && !p.inCPythonTree(u.Path) && definesOutsideShims(u.Facts, u.File.Content, 0, name, func(off int) bool { return p.shimAt(u, name, off) }) {
				return true
			}
		}
	}
	generates := func(m *cfacts.MacroCall) bool {
		for _, n := range m.DefinedNames() {
			if n == name {
				return true
			}
		}
		return false
	}
	for _, stem := range stems(name) {
		for _, m := range d.macros[stem] {
			if generates(m) {
				return true
			}
		}
		for _, u := range p.Units {
			if u.Facts != nil && !p.inCPythonTree(u.Path) {
				if m := u.Facts.HPyDef(stem); m != nil && generates(m) {
					return true
				}
			}
		}
	}
	return false
}

// stems are the names an HPy macro may paste name from: name itself, and
// what lies before or after each '_' (PyFoo of PyFoo_AsStruct, mod of
// PyInit_mod).
func stems(name string) []string {
	out := []string{name}
	for i := 0; i < len(name); i++ {
		if name[i] == '_' {
			out = append(out, name[:i], name[i+1:])
		}
	}
	return out
}

// shimAt reports whether the definition of name at off in u is a
// compatibility shim; u's conditionals are read once, when first asked.
func (p *Project) shimAt(u *Unit, name string, off int) bool {
	d := &p.defined
	d.mu.Lock()
	regions, ok := d.shims[u]
	if !ok {
		regions = shimRegions(u.File.Content)
		d.shims[u] = regions
	}
	d.mu.Unlock()
	return isShim(regions, name, off)
}

// definedElsewhere asks the files the parse phase left alone, parsing
// only the items of them that may define name.
func (p *Project) definedElsewhere(name string) bool {
	var regions []shimRegion
	var regionsOf *defindex.Parsed
	_, ok := p.OnDemand().FindItem(name, func(f defindex.Parsed) bool {
		return definesOutsideShims(f.Facts, f.File.Content, f.Base, name, func(off int) bool {
			if regionsOf == nil || regionsOf.File != f.File {
				regions, regionsOf = shimRegions(f.File.Content), &f
			}
			return isShim(regions, name, off)
		})
	})
	return ok
}

// definesOutsideShims reports whether the facts of a file (content src,
// offsets from base in it) define name other than as a shim.
func definesOutsideShims(f *cfacts.Facts, src []byte, base int, name string, shim func(off int) bool) bool {
	found := false
	check := func(n string, off int) {
		if !found && n == name && !(looksLikePython(n) && shim(base+off)) {
			found = true
		}
	}
	declarations(f, check)
	for i := range f.Macros {
		for _, n := range f.Macros[i].DefinedNames() {
			check(n, f.Macros[i].Span.Start)
		}
	}
	return found
}

// declarations calls yield with every name the facts of one file define or
// declare, with where, but for the names HPy's macros generate.
func declarations(f *cfacts.Facts, yield func(name string, off int)) {
	for _, d := range f.Defines {
		yield(d.Name, d.Span.Start)
	}
	for _, fn := range f.Functions {
		yield(fn.Name, fn.Span.Start)
	}
	for _, t := range f.Typedefs {
		yield(t.Name, t.Span.Start)
	}
	for _, v := range f.Variables {
		yield(v.Name, v.Span.Start)
	}
	for _, r := range f.Refs {
		if r.Kind == cfacts.DeclRef {
			yield(r.Name, r.Span.Start)
		}
	}
}

// looksLikePython is the cheap test that spares reading the conditionals
// of files whose definition of a name cannot be a CPython shim.
func looksLikePython(name string) bool {
	return strings.HasPrefix(name, "Py") || strings.HasPrefix(name, "_Py") || strings.HasPrefix(name, "PY")
}
