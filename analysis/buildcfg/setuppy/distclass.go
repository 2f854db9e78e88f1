package setuppy

import "strings"

// distClass records setup(distclass=X) when X is a class of the script
// itself whose body handles hpy_ext_modules: the keyword is then that
// class's, not one the hpy distribution must register.
func (r *reader) distClass(k kwarg) {
	if k.value.Kind() != "identifier" || r.file.HPyDistClass != nil {
		return
	}
	name := r.text(k.value)
	for s := k.sc; s != nil; s = s.parent {
		for _, e := range s.events[name] {
			if e.stmt != nil && e.stmt.Kind() == "class_definition" && strings.Contains(r.text(e.stmt), "hpy_ext_modules") {
				sp := r.span(k.arg)
				r.file.HPyDistClass = &sp
				return
			}
		}
	}
}
