package cfacts

import "strings"

// Rules look for PyInit_ functions in every HPy source and the headers
// it includes, on every key in the editor (HPY104, HPY105, HPY206, the
// call graph's roots): in a workspace of 2,000 files that was a pass over
// 40,000 functions per rule. The facts index them once when made.

// PyInitPrefix starts the name of a CPython entrypoint function.
const PyInitPrefix = "PyInit_"

// PyInits returns the indexes in Functions of the functions whose name
// starts with PyInit_ (the bare name too), in file order. The slice is
// shared: it must not be changed.
func (f *Facts) PyInits() []int {
	if f.pyInits != nil {
		return f.pyInits
	}
	return f.pyInitsOf() // facts not made by Extract, a Document or Reindex (tests)
}

// noPyInits is the index of facts without a PyInit_ function: not nil, so
// that it reads as indexed.
var noPyInits = []int{}

func (f *Facts) indexPyInits() {
	f.pyInits = f.pyInitsOf()
	if f.pyInits == nil {
		f.pyInits = noPyInits
	}
}

// pyInitsOf are the PyInit_ functions a build may compile: one a port
// keeps under #if 0 is no entrypoint.
func (f *Facts) pyInitsOf() []int {
	var out []int
	someDisabled := f.hasDisabled()
	for i := range f.Functions {
		if strings.HasPrefix(f.Functions[i].Name, PyInitPrefix) && !(someDisabled && f.disabled(f.Functions[i].Span.Start)) {
			out = append(out, i)
		}
	}
	return out
}
