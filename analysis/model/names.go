package model

import "sync"

// definedNames caches the names the project itself defines.
type definedNames struct {
	once  sync.Once
	names map[string]bool
}

// DefinesName reports whether a parsed file of the project defines name:
// a #define, a function, a typedef or an HPy definition variable. A project
// macro named PyFoo is the project's, not CPython's.
func (p *Project) DefinesName(name string) bool {
	p.defined.once.Do(func() {
		p.defined.names = map[string]bool{}
		for _, u := range p.Units {
			if u.Facts == nil {
				continue
			}
			for _, d := range u.Facts.Defines {
				p.defined.names[d.Name] = true
			}
			for _, f := range u.Facts.Functions {
				p.defined.names[f.Name] = true
			}
			for _, t := range u.Facts.Typedefs {
				p.defined.names[t.Name] = true
			}
			for _, v := range u.Facts.Variables {
				p.defined.names[v.Name] = true
			}
		}
	})
	return p.defined.names[name]
}
