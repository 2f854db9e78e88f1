package model

import (
	"fmt"
	"os"
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
				definedIn(u.Facts, func(n string) { p.defined.names[n] = true })
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

// definedElsewhere asks the files the parse phase left alone.
func (p *Project) definedElsewhere(name string) bool {
	f, ok := p.OnDemand().Find(name, func(f defindex.Parsed) bool {
		found := false
		definedIn(f.Facts, func(n string) { found = found || n == name })
		return found
	})
	if ok && os.Getenv("NAMES_DEBUG") != "" {
		fmt.Fprintln(os.Stderr, "DEFINED", name, f.Path)
	}
	return ok
}

// definedIn calls yield with every name the facts of one file define or
// declare.
func definedIn(f *cfacts.Facts, yield func(string)) {
	for _, d := range f.Defines {
		yield(d.Name)
	}
	for _, fn := range f.Functions {
		yield(fn.Name)
	}
	for _, t := range f.Typedefs {
		yield(t.Name)
	}
	for _, v := range f.Variables {
		yield(v.Name)
	}
	for _, r := range f.Refs {
		if r.Kind == cfacts.DeclRef {
			yield(r.Name)
		}
	}
	for i := range f.Macros {
		for _, n := range f.Macros[i].DefinedNames() {
			yield(n)
		}
	}
}
