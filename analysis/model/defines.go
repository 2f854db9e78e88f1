package model

// DefinedBeforeIncludes reports whether the build surely defines macro
// when it compiles root, for code at off of root or of any header root
// includes: the extension passes it (define_macros, -D), or root #defines
// it before its first #include, as C sources do to configure the headers
// they include (#define _MULTIARRAYMODULE, #define PY_SSIZE_T_CLEAN).
// Defines after that, or in headers (include guards), are not judged: an
// #ifndef of such a macro stays compiled, which can only keep a finding.
func (p *Project) DefinedBeforeIncludes(root *Unit, macro string, off int, inRoot bool) bool {
	for _, e := range root.Extensions {
		for _, d := range e.Decl.Defines {
			if d.Value == macro {
				return true
			}
		}
	}
	f := root.Facts
	if f == nil {
		return false
	}
	firstInclude := -1
	if len(f.Includes) > 0 {
		firstInclude = f.Includes[0].Span.Start
	}
	for _, d := range f.Defines {
		if firstInclude >= 0 && d.Span.Start > firstInclude {
			break
		}
		if d.Name == macro && (!inRoot || d.Span.End <= off) {
			return true
		}
	}
	return false
}
