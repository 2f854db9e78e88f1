package model

import (
	"strings"
	"sync"

	"github.com/hpyproject/hpylint/analysis/cfacts"
	"github.com/hpyproject/hpylint/analysis/defindex"
)

// definedNames caches the names the project itself defines.
type definedNames struct {
	once  sync.Once
	names map[string]bool
	// elsewhere caches the answers of the files no rule parsed, by name.
	mu        sync.Mutex
	elsewhere map[string]bool
}

// DefinesName reports whether the project defines name, so that it is not
// CPython's even if it looks like it: a parsed file #defines, defines or
// declares it (a function, a prototype or extern whose body is elsewhere,
// a file-scope variable of any type, a typedef, a struct, union or enum
// tag, an enumerator, a symbol one of HPy's macros generates), or, when
// none does, one of the project's other C and C++ files does (a header no
// include reached because its directory comes from a build config hpylint
// cannot read). Those files are parsed only when their text may define
// the name.
func (p *Project) DefinesName(name string) bool {
	p.defined.once.Do(func() {
		p.defined.names = map[string]bool{}
		p.defined.elsewhere = map[string]bool{}
		for _, u := range p.Units {
			if u.Facts != nil {
				definedIn(u.Facts, u.File.Content, 0, func(n string) { p.defined.names[n] = true })
			}
		}
	})
	if p.defined.names[name] {
		return true
	}
	p.defined.mu.Lock()
	v, ok := p.defined.elsewhere[name]
	p.defined.mu.Unlock()
	if ok {
		return v
	}
	v = p.definedElsewhere(name)
	p.defined.mu.Lock()
	p.defined.elsewhere[name] = v
	p.defined.mu.Unlock()
	return v
}

// definedElsewhere asks the files the parse phase left alone, parsing
// only the items of them that may define name.
func (p *Project) definedElsewhere(name string) bool {
	_, ok := p.OnDemand().FindItem(name, func(f defindex.Parsed) bool {
		found := false
		definedIn(f.Facts, f.File.Content, f.Base, func(n string) { found = found || n == name })
		return found
	})
	return ok
}

// definedIn calls yield with every name the facts of one file (content
// src; the facts' offsets start at base in it) define or declare,
// compatibility shims for CPython's API excepted.
func definedIn(f *cfacts.Facts, src []byte, base int, yield func(string)) {
	var shims []shimRegion
	shimsRead := false
	at := func(name string, off int) {
		if looksLikePython(name) {
			if !shimsRead {
				shims, shimsRead = shimRegions(src), true
			}
			if isShim(shims, name, base+off) {
				return
			}
		}
		yield(name)
	}
	for _, d := range f.Defines {
		at(d.Name, d.Span.Start)
	}
	for _, fn := range f.Functions {
		at(fn.Name, fn.Span.Start)
	}
	for _, t := range f.Typedefs {
		at(t.Name, t.Span.Start)
	}
	for _, v := range f.Variables {
		at(v.Name, v.Span.Start)
	}
	for _, r := range f.Refs {
		if r.Kind == cfacts.DeclRef {
			at(r.Name, r.Span.Start)
		}
	}
	for i := range f.Macros {
		for _, n := range f.Macros[i].DefinedNames() {
			at(n, f.Macros[i].Span.Start)
		}
	}
}

// looksLikePython is the cheap test that spares reading the conditionals
// of files that define no CPython-looking name.
func looksLikePython(name string) bool {
	return strings.HasPrefix(name, "Py") || strings.HasPrefix(name, "_Py") || strings.HasPrefix(name, "PY")
}
