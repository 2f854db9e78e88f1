// Package cpyapi is hpylint's knowledge of the CPython C API, kept as data
// files under data/: which names and headers belong to CPython, and what HPy
// offers instead. Rules use it to flag CPython references in universal HPy
// sources and to name the replacement.
//
// Classification is by name only. Callers must first drop names and headers
// the project itself defines or ships (a project's own PyFoo function or
// object.h), since only they can see the project.
package cpyapi

import (
	"path"
	"regexp"
	"strings"
)

// The generated tables come from ../shared/hpy-api.tsv (repository-relative);
// go generate runs in this directory, hence the three levels up.
//go:generate go run ./internal/gen -api ../../../shared/hpy-api.tsv -out data

// Equivalent suggests the HPy replacement for a CPython name: an HPy name, a
// context handle such as "ctx->h_None", or a short C fragment such as
// "return HPy_Dup(ctx, ctx->h_None)". ok is false when there is nothing to
// suggest; note may then still say why and what to do instead
// (PyErr_Fetch, PyMem_Malloc).
//
// The curated table answers first. Otherwise the generated one answers, which
// holds the HPy functions HPy's CPython backend implements with this call plus
// the slot and context-handle naming correspondences; when several HPy names
// qualify, the first in byte order is returned and note lists the others.
func Equivalent(cpythonName string) (hpy, note string, ok bool) {
	return loaded().equivalent(cpythonName)
}

func (t *tables) equivalent(cpythonName string) (hpy, note string, ok bool) {
	if s, found := t.curated[cpythonName]; found {
		return s.hpy, s.note, s.hpy != ""
	}
	cands := t.generated[cpythonName]
	switch len(cands) {
	case 0:
		return "", "", false
	case 1:
		return cands[0], "", true
	}
	return cands[0], "also implemented with " + cpythonName + ": " + strings.Join(cands[1:], ", "), true
}

// IsHPyName reports whether name is part of HPy's API: listed in
// hpy-api.tsv (which also holds the context field names h_None, h_TypeError,
// ... and the SHAPE macro), one of the HPy type names cpyapi knows, or
// spelled with an HPy prefix (HPy, HPY_, _HPy, _HPY_, or exactly HPY).
func IsHPyName(name string) bool {
	if loaded().hpyNames[name] || name == "HPY" {
		return true
	}
	for _, p := range []string{"HPy", "HPY_", "_HPy", "_HPY_"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// IsCPythonName reports whether name has the shape of a CPython C API name:
// Py or _Py followed by an upper-case letter or '_' (PyLong_FromLong,
// Py_INCREF, PyExc_TypeError, PyMODINIT_FUNC, _Py_NoneStruct, PyInit_mod),
// PY_ followed by anything (PY_SSIZE_T_MAX, PY_VERSION_HEX), or one of the
// few unprefixed CPython names in data/cpython_unprefixed.tsv (METH_VARARGS,
// visitproc, ...). HPy names never qualify.
//
// Py followed by a lower-case letter does not qualify: no CPython API name
// has that shape, and ordinary identifiers do (Python, Python_Helper,
// Pyramid). This is the shape only: a name of the right shape that CPython
// lacks (PyFooBar, numpy's PyArray_*) qualifies here, and IsCPythonAPI is
// the test that also asks CPython's headers. structmember.h's T_INT,
// READONLY, ... do not qualify: lexers and other C code reuse them.
func IsCPythonName(name string) bool {
	if IsHPyName(name) {
		return false
	}
	if loaded().unprefixed[name] {
		return true
	}
	for _, p := range []string{"Py", "_Py"} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" && (rest[0] == '_' || 'A' <= rest[0] && rest[0] <= 'Z') {
			return true
		}
	}
	return len(name) > len("PY_") && strings.HasPrefix(name, "PY_")
}

// IsMacroExpandingToCPython reports whether name is a CPython macro or static
// inline function whose expansion reads CPython object layout or globals, so
// that a binary can depend on CPython without an undefined symbol of that
// name (data/cpython_macros.tsv).
func IsMacroExpandingToCPython(name string) bool {
	return loaded().macros[name]
}

// IsPythonHeaderMacro reports whether only the Python headers define
// macro (PY_VERSION_HEX, PYPY_VERSION_NUM...: data/python_h_macros.tsv),
// so that a universal build of code that includes none leaves it
// undefined.
func IsPythonHeaderMacro(macro string) bool {
	return loaded().pythonH[macro]
}

// Header scopes in data/cpython_headers.tsv.
const (
	scopeAny        = "any"
	scopeCPythonDir = "cpython-dir"
)

// pythonIncludeDir matches the directory some sources put before CPython's
// headers: <python3.11/Python.h>, <Python/Python.h> (macOS framework).
var pythonIncludeDir = regexp.MustCompile(`^python(\d+(\.\d+)?[a-z]*)?$`)

// IsCPythonHeader reports whether an #include target is one of CPython's own
// headers. include is the path as written, with or without its <> or "".
// Recognised: a listed name (Python.h, structmember.h, datetime.h, ...),
// cpython/<listed name>, internal/pycore_*.h, each optionally behind a
// python3.X/ or Python/ directory. Other directories are not CPython's, so
// "numpy/arrayobject.h" and HPy's own "hpy/cpython/misc.h" or
// "cpython/hpyfunc_trampolines.h" do not qualify.
func IsCPythonHeader(include string) bool {
	p := strings.ToLower(strings.ReplaceAll(strings.Trim(include, `<>" `), `\`, "/"))
	p = strings.TrimPrefix(path.Clean(p), "./")
	if dir, rest, ok := strings.Cut(p, "/"); ok && pythonIncludeDir.MatchString(dir) {
		p = rest
	}
	headers := loaded().headers
	dir, name, nested := strings.Cut(p, "/")
	if !nested {
		return headers[p] == scopeAny
	}
	if strings.Contains(name, "/") {
		return false
	}
	switch dir {
	case "cpython":
		return headers[name] != ""
	case "internal":
		return strings.HasPrefix(name, "pycore_") && strings.HasSuffix(name, ".h")
	}
	return false
}
