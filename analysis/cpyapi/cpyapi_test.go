package cpyapi

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cpyapi/internal/apitsv"
)

// sharedAPI is hpy-api.tsv seen from this package's directory, where go test runs.
const sharedAPI = "../../../shared/hpy-api.tsv"

func TestGeneratedFilesAreFresh(t *testing.T) {
	data, err := os.ReadFile(sharedAPI)
	if errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s not present", sharedAPI)
	}
	if err != nil {
		t.Fatal(err)
	}
	apis, err := apitsv.ParseAPI(data)
	if err != nil {
		t.Fatal(err)
	}
	equivalents, names := apitsv.Generate(apis)
	for file, want := range map[string][]byte{"hpy_equivalents.tsv": equivalents, "hpy_names.tsv": names} {
		got, err := dataFS.ReadFile("data/" + file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("data/%s is stale (%s); run: go generate ./analysis/cpyapi", file, firstDiff(got, want))
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d: committed %q, generated %q", i+1, gl, wl)
		}
	}
	return "no line differs"
}

func TestTablesLoad(t *testing.T) {
	if _, err := load(); err != nil {
		t.Fatal(err)
	}
}

func TestEquivalent(t *testing.T) {
	cases := []struct {
		cpython, hpy string
		ok           bool
	}{
		{"PyLong_FromLong", "HPyLong_FromLong", true}, // not the backend inversion HPyLong_FromInt32_t
		{"PyLong_AsLong", "HPyLong_AsLong", true},
		{"PyBool_FromLong", "HPyBool_FromLong", true},
		{"Py_INCREF", "HPy_Dup", true}, // the inversion alone gives HPyField_Load
		{"Py_XINCREF", "HPy_Dup", true},
		{"Py_DECREF", "HPy_Close", true},
		{"Py_XDECREF", "HPy_Close", true},
		{"Py_CLEAR", "HPy_Close", true},
		{"PyExc_ValueError", "ctx->h_ValueError", true},
		{"PyExc_TypeError", "ctx->h_TypeError", true},
		{"PyExc_StopIteration", "ctx->h_StopIteration", true},
		{"PyExc_KeyboardInterrupt", "ctx->h_KeyboardInterrupt", true},
		{"PyExc_IOError", "ctx->h_OSError", true},
		{"PyLong_Type", "ctx->h_LongType", true},
		{"PyBaseObject_Type", "ctx->h_BaseObjectType", true},
		{"PyType_Type", "ctx->h_TypeType", true},
		{"Py_None", "ctx->h_None", true},
		{"Py_True", "ctx->h_True", true},
		{"Py_False", "ctx->h_False", true},
		{"Py_RETURN_NONE", "return HPy_Dup(ctx, ctx->h_None)", true},
		{"Py_RETURN_FALSE", "return HPy_Dup(ctx, ctx->h_False)", true},
		{"PyUnicode_FromString", "HPyUnicode_FromString", true},
		{"PyUnicode_AsUTF8", "HPyUnicode_AsUTF8AndSize", true},
		{"PyTuple_New", "HPyTupleBuilder_New", true},
		{"PyTuple_GET_ITEM", "HPy_GetItem_i", true},
		{"PyList_New", "HPyList_New", true},
		{"PyDict_GetItemString", "HPy_GetItem_s", true},
		{"PyArg_ParseTuple", "HPyArg_Parse", true},
		{"PyArg_ParseTupleAndKeywords", "HPyArg_ParseKeywords", true},
		{"PyModule_Create", "HPy_MODINIT", true},
		{"PyModule_AddObject", "HPy_SetAttr_s", true},
		{"PyObject_HEAD", "HPyType_Spec", true},
		{"PyErr_SetString", "HPyErr_SetString", true},
		{"PyErr_Occurred", "HPyErr_Occurred", true},
		{"PyObject_Call", "HPy_CallTupleDict", true},
		{"PyObject_GetAttrString", "HPy_GetAttr_s", true},
		{"PyNumber_Add", "HPy_Add", true},
		{"PyObject_Vectorcall", "HPy_Call", true},
		{"Py_tp_new", "HPy_tp_new", true},
		{"Py_mod_exec", "HPy_mod_exec", true},
		{"Py_tp_dealloc", "HPy_tp_destroy", true},
		{"Py_BEGIN_ALLOW_THREADS", "HPy_BEGIN_LEAVE_PYTHON", true},
		{"METH_VARARGS", "HPyFunc_VARARGS", true},
		{"Py_ssize_t", "HPy_ssize_t", true},
		{"PY_SSIZE_T_MAX", "HPY_SSIZE_T_MAX", true},
		{"PyErr_Fetch", "", false},
		{"PyMem_Malloc", "", false},
		{"PyFooBar", "", false},
		{"HPy_Dup", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		hpy, note, ok := Equivalent(c.cpython)
		if hpy != c.hpy || ok != c.ok {
			t.Errorf("Equivalent(%q) = %q, %v (note %q); want %q, %v", c.cpython, hpy, ok, note, c.hpy, c.ok)
		}
	}
	// A name without an equivalent still explains itself when curated.
	if _, note, _ := Equivalent("PyErr_Fetch"); !strings.Contains(note, "HPyErr_ExceptionMatches") {
		t.Errorf("PyErr_Fetch note = %q", note)
	}
	if _, note, _ := Equivalent("PyLong_FromLong"); !strings.Contains(note, "HPyLong_FromInt64_t") {
		t.Errorf("PyLong_FromLong note = %q", note)
	}
}

func TestEquivalentPicksDeterministically(t *testing.T) {
	// The generated table lists candidates in byte order; the first wins and
	// the note names the rest.
	tb := &tables{curated: map[string]suggestion{}, generated: map[string][]string{
		"Py_X": {"HPyA", "HPyB", "HPyC"},
	}}
	hpy, note, ok := tb.equivalent("Py_X")
	if hpy != "HPyA" || !ok || note != "also implemented with Py_X: HPyB, HPyC" {
		t.Errorf("got %q, %q, %v", hpy, note, ok)
	}
	// Every real multi-candidate name is curated, so none reaches that fallback.
	for cp, cands := range loaded().generated {
		if len(cands) > 1 {
			if _, curated := loaded().curated[cp]; !curated {
				t.Errorf("%s has candidates %v but no curated choice", cp, cands)
			}
		}
	}
}

var (
	identRE  = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	handleRE = regexp.MustCompile(`ctx->(h_[A-Za-z0-9_]+)`)
)

// looksHPy is the spelling of an HPy identifier in free text; matching
// IsHPyName's prefixes would accept any HPy-shaped typo.
func looksHPy(id string) bool {
	return strings.HasPrefix(id, "HPy") || strings.HasPrefix(id, "HPY") || strings.HasPrefix(id, "_HPy")
}

// checkSuggestion fails when text names an HPy identifier or context handle
// that HPy does not have. In an hpy column (strict) every identifier must be
// HPy's, a handle, or ctx, return or NULL.
func checkSuggestion(t *testing.T, where, text string, strict bool) {
	t.Helper()
	tb := loaded()
	for _, m := range handleRE.FindAllStringSubmatch(text, -1) {
		if !tb.handles[m[1]] {
			t.Errorf("%s: ctx->%s is not a context handle in hpy-api.tsv", where, m[1])
		}
	}
	for _, id := range identRE.FindAllString(handleRE.ReplaceAllString(text, ""), -1) {
		switch {
		case looksHPy(id):
			if !tb.hpyNames[id] {
				t.Errorf("%s: %s is not in hpy-api.tsv or hpy_extra_names.tsv", where, id)
			}
		case strings.HasPrefix(id, "h_"):
			t.Errorf("%s: handle %s must be written ctx->%s", where, id, id)
		case strict && id != "ctx" && id != "return" && id != "NULL":
			t.Errorf("%s: %s in a suggestion is not an HPy name", where, id)
		}
	}
}

func TestSuggestionsNameExistingHPyAPI(t *testing.T) {
	tb := loaded()
	for cp, s := range tb.curated {
		checkSuggestion(t, "curated "+cp, s.hpy, true)
		checkSuggestion(t, "curated note "+cp, s.note, false)
		if s.hpy == "" && s.note == "" {
			t.Errorf("curated %s: no suggestion and no note", cp)
		}
	}
	for cp, cands := range tb.generated {
		for _, h := range cands {
			checkSuggestion(t, "generated "+cp, h, true)
		}
	}
}

func TestExtraNamesAreHPyAndNew(t *testing.T) {
	rows, err := read("hpy_extra_names.tsv", "name", "defined_in")
	if err != nil {
		t.Fatal(err)
	}
	generated, err := read("hpy_names.tsv", apitsv.NamesHeader...)
	if err != nil {
		t.Fatal(err)
	}
	inTSV := map[string]bool{}
	for _, r := range generated {
		inTSV[r[0]] = true
	}
	for _, r := range rows {
		if !looksHPy(r[0]) {
			t.Errorf("extra name %s lacks an HPy prefix", r[0])
		}
		if inTSV[r[0]] {
			t.Errorf("extra name %s is already in hpy-api.tsv", r[0])
		}
	}
}

func TestEveryHandleHasACPythonTwin(t *testing.T) {
	tb := loaded()
	suggested := map[string]bool{}
	for _, s := range tb.curated {
		suggested[s.hpy] = true
	}
	for _, cands := range tb.generated {
		for _, h := range cands {
			suggested[h] = true
		}
	}
	for h := range tb.handles {
		if !suggested["ctx->"+h] {
			t.Errorf("context handle %s is no CPython name's equivalent", h)
		}
	}
}

func TestTableKeysAreCPythonNames(t *testing.T) {
	tb := loaded()
	for cp := range tb.curated {
		if !IsCPythonName(cp) {
			t.Errorf("curated key %s is not a CPython name", cp)
		}
	}
	for cp := range tb.generated {
		if !IsCPythonName(cp) {
			t.Errorf("generated key %s is not a CPython name", cp)
		}
	}
	for m := range tb.macros {
		if !IsCPythonName(m) {
			t.Errorf("macro %s is not a CPython name", m)
		}
	}
	for n := range tb.unprefixed {
		if !IsCPythonName(n) {
			t.Errorf("unprefixed %s is not a CPython name", n)
		}
	}
}

func TestIsCPythonName(t *testing.T) {
	yes := []string{
		"PyLong_FromLong", "Py_INCREF", "PyObject", "PyExc_TypeError", "PyMODINIT_FUNC",
		"Py_ssize_t", "Py_tp_new", "_Py_NoneStruct", "_PyObject_New", "PY_SSIZE_T_MAX",
		"PY_VERSION_HEX", "PY_SSIZE_T_CLEAN", "METH_VARARGS", "METH_O", "visitproc",
		"PYTHON_API_VERSION", "PyInit_mymod",
		// Right shape, not CPython's: reported here, excluded by the caller when
		// the project defines it.
		"PyFooBar", "PyArray_SimpleNew",
	}
	no := []string{
		"HPyLong_FromLong", "HPy_Dup", "HPy", "HPY", "HPY_SSIZE_T_MAX", "HPY_ABI_UNIVERSAL",
		"_HPy_AsStruct_Object", "HPyFunc_VARARGS", "h_None", "SHAPE",
		"Python", "Python_Helper", "Pyramid", "pyobject", "py_incref", "PYTHON",
		"T_INT", "READONLY", "destructor", "getter", "inquiry",
		"cpy_PyObject", "Py", "_Py", "PY_", "", "xPyLong_FromLong", "METH_VARARGS_X",
	}
	for _, n := range yes {
		if !IsCPythonName(n) {
			t.Errorf("IsCPythonName(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsCPythonName(n) {
			t.Errorf("IsCPythonName(%q) = true, want false", n)
		}
	}
}

func TestIsHPyName(t *testing.T) {
	yes := []string{
		"HPy_Dup", "HPyLong_FromLong", "HPY_ABI_UNIVERSAL", "HPY", "_HPy_New", "_HPY_FOO",
		"HPyType_Spec", "HPyFunc_VARARGS", "HPy_tp_new", "h_None", "h_TypeError", "SHAPE",
	}
	no := []string{"Py_INCREF", "PyObject", "h_Nothing", "hpy_module", "Hpy_Dup", "ctx", ""}
	for _, n := range yes {
		if !IsHPyName(n) {
			t.Errorf("IsHPyName(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsHPyName(n) {
			t.Errorf("IsHPyName(%q) = true, want false", n)
		}
	}
}

func TestIsMacroExpandingToCPython(t *testing.T) {
	yes := []string{
		"Py_INCREF", "Py_XINCREF", "Py_DECREF", "Py_XDECREF", "Py_CLEAR", "Py_RETURN_NONE",
		"Py_RETURN_TRUE", "Py_RETURN_FALSE", "Py_RETURN_NOTIMPLEMENTED", "Py_None", "Py_True",
		"Py_False", "Py_NotImplemented", "Py_Ellipsis", "PyObject_HEAD", "PyObject_VAR_HEAD",
		"PyMODINIT_FUNC", "Py_BEGIN_ALLOW_THREADS", "Py_END_ALLOW_THREADS", "Py_TYPE", "Py_SIZE",
		"Py_REFCNT", "PyTuple_GET_ITEM", "PyList_GET_ITEM", "PyList_SET_ITEM", "PyTuple_SET_ITEM",
		"PyBytes_AS_STRING", "Py_SETREF",
	}
	// Exported functions (they leave an undefined symbol) and macros that
	// expand to plain C (Py_UNUSED, Py_ARRAY_LENGTH) are not listed.
	no := []string{"PyLong_FromLong", "PyArg_ParseTuple", "Py_UNUSED", "Py_ARRAY_LENGTH", "HPy_Dup", "HPy_BEGIN_LEAVE_PYTHON"}
	for _, n := range yes {
		if !IsMacroExpandingToCPython(n) {
			t.Errorf("IsMacroExpandingToCPython(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsMacroExpandingToCPython(n) {
			t.Errorf("IsMacroExpandingToCPython(%q) = true, want false", n)
		}
	}
}

func TestIsCPythonHeader(t *testing.T) {
	yes := []string{
		"Python.h", "<Python.h>", `"Python.h"`, "python.h", "structmember.h", "datetime.h",
		"pythread.h", "frameobject.h", "longintrepr.h", "marshal.h", "pyconfig.h", "pymem.h",
		"object.h", "abstract.h", "bytesobject.h", "cpython/object.h", "cpython/initconfig.h",
		"cpython/lock.h", "internal/pycore_frame.h", "python3.11/Python.h", "<python3.13t/Python.h>",
		"Python/Python.h", "python2.7/structmember.h", `python3.12\Python.h`, "./Python.h",
	}
	no := []string{
		"hpy.h", "stdio.h", "numpy/arrayobject.h", "numpy/ndarrayobject.h", "arrayobject.h",
		"lock.h", "context.h", "code.h", "hpy/cpython/misc.h", "cpython/hpyfunc_trampolines.h",
		"internal/foo.h", "internal/pycore_frame.c", "mylib/object.h", "cpython/sub/object.h",
		"python3.11/numpy/arrayobject.h", "include/Python.h", "", "<>",
	}
	for _, h := range yes {
		if !IsCPythonHeader(h) {
			t.Errorf("IsCPythonHeader(%q) = false, want true", h)
		}
	}
	for _, h := range no {
		if IsCPythonHeader(h) {
			t.Errorf("IsCPythonHeader(%q) = true, want false", h)
		}
	}
}
