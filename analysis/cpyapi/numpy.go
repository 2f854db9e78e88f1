package cpyapi

import (
	"fmt"
	"strings"
)

// IsNumPyAPI reports whether name belongs to NumPy's C API
// (data/numpy_api.tsv): the PyArray_* and PyUFunc_* functions and macros,
// the object structs (PyArrayObject, PyArray_Descr, PyUFuncObject, the
// array scalars), the type objects (PyArray_Type, PyGenericArrType_Type,
// ...), NpyIter_*, and import_array / import_umath. NPY_* constants and
// npy_* typedefs are not listed: they are plain C, and using them costs no
// dependency on CPython.
//
// None of these is CPython's: the functions are reached through the
// pointer table NumPy exports in a capsule, so a binary using them has no
// undefined symbol of that name, yet it needs CPython objects.
func IsNumPyAPI(name string) bool {
	return loaded().numpy.match(name)
}

// numpyPatterns are names, or prefix*suffix patterns with one star.
type numpyPatterns struct {
	exact map[string]bool
	globs [][2]string // prefix, suffix
}

func parseNumPyPatterns(rows [][]string) (numpyPatterns, error) {
	p := numpyPatterns{exact: map[string]bool{}}
	for _, r := range rows {
		pat := r[0]
		switch strings.Count(pat, "*") {
		case 0:
			p.exact[pat] = true
		case 1:
			prefix, suffix, _ := strings.Cut(pat, "*")
			if prefix == "" {
				return p, fmt.Errorf("%s: a pattern needs a prefix", pat)
			}
			p.globs = append(p.globs, [2]string{prefix, suffix})
		default:
			return p, fmt.Errorf("%s: at most one *", pat)
		}
	}
	return p, nil
}

func (p numpyPatterns) match(name string) bool {
	if p.exact[name] {
		return true
	}
	for _, g := range p.globs {
		if len(name) > len(g[0])+len(g[1]) && strings.HasPrefix(name, g[0]) && strings.HasSuffix(name, g[1]) {
			return true
		}
	}
	return false
}
