package cpyapi

// The table of names CPython's headers declare is generated from header
// trees that are not part of the repository (see internal/gendecl for the
// command and the trees the committed table came from); a test regenerates
// it from the local Python's headers and checks it lacks none of them.

// DeclaredByCPython reports whether CPython's public headers (Include/*.h
// and Include/cpython/*.h) declare name in any version the table covers
// (3.8 to 3.14): a function, variable, macro, typedef, struct/union/enum tag
// or enumerator. A name of CPython's shape that no header declares
// (PyFoo_AsStruct, numpy's PyArray_Type, pillow's PyImaging_DecoderNew) is
// not CPython's.
func DeclaredByCPython(name string) bool {
	_, ok := loaded().declared[name]
	return ok
}

// CPythonVersions returns the versions whose headers declare name, as
// written in the table ("3.8-3.14", "3.8-3.12", "3.13-3.14"); "" when none
// does.
func CPythonVersions(name string) string {
	return loaded().declared[name]
}

// IsCPythonAPI reports whether name is CPython C API: spelled like it
// (IsCPythonName, or a listed macro) and declared by CPython's headers.
// Callers still drop names the project defines itself: a project may reuse
// a CPython name for its own shim.
func IsCPythonAPI(name string) bool {
	if IsHPyName(name) || !IsCPythonName(name) && !IsMacroExpandingToCPython(name) {
		return false
	}
	return DeclaredByCPython(name)
}
