package cpyapi

import (
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cpyapi/internal/declgen"
)

// tableSources reads the trees the committed table names in its comment
// ("#   3.11: CPython 3.11.2, 120 headers; CPython 3.11.7, 120 headers"):
// labels in order, and the releases each label was read from.
func tableSources(t *testing.T) (labels []string, releases map[string][]string) {
	t.Helper()
	data, err := dataFS.ReadFile("data/cpython_declared.tsv")
	if err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`(?m)^#   (\d+\.\d+): (CPython .*)$`)
	tree := regexp.MustCompile(`CPython (\S+), \d+ headers`)
	releases = map[string][]string{}
	for _, m := range line.FindAllSubmatch(data, -1) {
		labels = append(labels, string(m[1]))
		for _, r := range tree.FindAllSubmatch(m[2], -1) {
			releases[string(m[1])] = append(releases[string(m[1])], string(r[1]))
		}
	}
	if len(labels) == 0 {
		t.Fatal("cpython_declared.tsv names no source tree")
	}
	return labels, releases
}

// expand turns "3.8-3.10,3.13" into its labels, given the table's labels in
// order.
func expand(t *testing.T, versions string, labels []string) map[string]bool {
	t.Helper()
	index := map[string]int{}
	for i, l := range labels {
		index[l] = i
	}
	out := map[string]bool{}
	for _, part := range strings.Split(versions, ",") {
		from, to, isRange := strings.Cut(part, "-")
		if !isRange {
			to = from
		}
		i, ok1 := index[from]
		j, ok2 := index[to]
		if !ok1 || !ok2 || i > j {
			t.Fatalf("versions %q: %q is not a range of %v", versions, part, labels)
		}
		for ; i <= j; i++ {
			out[labels[i]] = true
		}
	}
	return out
}

// localInclude is the include directory of the python3 on PATH, "" when
// there is none.
func localInclude(t *testing.T) string {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["include"])`).Output()
	if err != nil {
		return ""
	}
	dir := string(bytes.TrimSpace(out))
	if _, err := os.Stat(dir + "/patchlevel.h"); err != nil {
		return ""
	}
	return dir
}

// The committed table must never lack a name the installed Python's
// headers declare: regenerate from them and compare.
func TestDeclaredTableCoversLocalPython(t *testing.T) {
	dir := localInclude(t)
	if dir == "" {
		t.Skip("no python3 with C headers here (python3 -c 'import sysconfig; ...' found no patchlevel.h); cannot regenerate the table")
	}
	tree, err := declgen.ScanTree(dir)
	if err != nil {
		t.Fatal(err)
	}
	labels, releases := tableSources(t)
	label := tree.Release[:strings.LastIndex(tree.Release, ".")]
	covered := len(releases[label]) > 0
	var missing, unversioned []string
	for name := range tree.Names {
		versions := CPythonVersions(name)
		switch {
		case versions == "":
			missing = append(missing, name)
		case covered && !expand(t, versions, labels)[label]:
			unversioned = append(unversioned, name)
		}
	}
	if len(missing) > 0 {
		t.Errorf("CPython %s (%s) declares %d names cpython_declared.tsv lacks, e.g. %v; regenerate it with internal/gendecl, adding %s=%s",
			tree.Release, dir, len(missing), first(missing, 10), label, dir)
	}
	if len(unversioned) > 0 {
		t.Errorf("CPython %s declares %d names the table does not list for %s, e.g. %v", tree.Release, len(unversioned), label, first(unversioned, 10))
	}
	// Generated from this very tree alone: the table's column for it is
	// exactly what the generator reads now.
	if slices.Equal(releases[label], []string{tree.Release}) {
		extra := 0
		for name, versions := range loaded().declared {
			if expand(t, versions, labels)[label] && tree.Names[name] == nil {
				if extra++; extra <= 10 {
					t.Errorf("the table lists %s for %s, which %s does not declare", name, label, dir)
				}
			}
		}
	}
}

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func TestDeclaredByCPython(t *testing.T) {
	yes := []string{
		"PyLong_FromLong", "Py_INCREF", "PyObject", "PyExc_TypeError", "Py_None", "_Py_NoneStruct",
		"PyTypeObject", "PyModuleDef", "Py_tp_new", "METH_VARARGS", "PY_SSIZE_T_MAX", "Py_ssize_t",
		"PyDateTimeAPI", "PyDateTime_IMPORT", "PyMODINIT_FUNC", "Py_RETURN_NONE", "PyGILState_STATE",
		"PyGILState_LOCKED", "_object", "visitproc", "PyOS_InputHook", "Py_Exit",
		"PyEval_CallObject",        // removed in 3.13: still CPython's
		"PyUnstable_Module_SetGIL", // 3.13+
	}
	no := []string{
		"PyFoo_AsStruct", "PyArray_Type", "PyArray_SimpleNew", "PyArrayObject", "PyUFunc_FromFuncAndData",
		"PyImaging_DecoderNew", "PyPath_Flatten", "PyMyThing_New", "PyInit_mymod", "HPy_Dup",
		"PyString_FromString", // Python 2 only
		"", "Py", "ob_refcnt",
	}
	for _, n := range yes {
		if !DeclaredByCPython(n) {
			t.Errorf("DeclaredByCPython(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if DeclaredByCPython(n) {
			t.Errorf("DeclaredByCPython(%q) = true (%s), want false", n, CPythonVersions(n))
		}
	}
	if v := CPythonVersions("PyLong_FromLong"); !strings.HasPrefix(v, "3.8-") {
		t.Errorf("PyLong_FromLong versions %q", v)
	}
}

func TestIsCPythonAPI(t *testing.T) {
	yes := []string{"PyLong_FromLong", "Py_INCREF", "PyObject", "Py_None", "PyExc_ValueError", "METH_O", "_PyObject_New"}
	// Declared but not of CPython's shape: other C code reuses these words.
	no := []string{"getter", "destructor", "T_INT", "READONLY", "HPy_Dup", "PyFoo_AsStruct", "PyArray_DATA"}
	for _, n := range yes {
		if !IsCPythonAPI(n) {
			t.Errorf("IsCPythonAPI(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsCPythonAPI(n) {
			t.Errorf("IsCPythonAPI(%q) = true, want false", n)
		}
	}
}

// Every CPython name another table uses must be one CPython declares, so
// that a rule consulting the declared table first loses none of them.
func TestOtherTablesNameDeclaredNames(t *testing.T) {
	tb := loaded()
	check := func(table string, names map[string]bool) {
		for n := range names {
			if !DeclaredByCPython(n) {
				t.Errorf("%s: %s is not declared by CPython's headers", table, n)
			}
		}
	}
	check("cpython_macros.tsv", tb.macros)
	check("cpython_unprefixed.tsv", tb.unprefixed)
	curated := map[string]bool{}
	for n := range tb.curated {
		// Python 2's int API keeps a suggestion for old code, though no
		// CPython 3 header declares it, so HPY201 never reports it.
		if !strings.HasPrefix(n, "PyInt_") {
			curated[n] = true
		}
	}
	check("curated.tsv", curated)
	generated := map[string]bool{}
	for n := range tb.generated {
		generated[n] = true
	}
	check("hpy_equivalents.tsv", generated)
}

func TestIsNumPyAPI(t *testing.T) {
	yes := []string{
		"PyArray_SimpleNew", "PyArray_DATA", "PyArray_Descr", "PyArray_Type", "PyArrayObject",
		"PyArrayObject_fields", "PyArrayMultiIterObject", "PyArrayIterObject", "PyArrayDescr_Type",
		"PyUFunc_FromFuncAndData", "PyUFunc_None", "PyUFuncObject", "PyUFuncGenericFunction",
		"PyDoubleArrType_Type", "PyGenericArrType_Type", "PyDoubleScalarObject", "PyArrayScalar_VAL",
		"PyDataType_ISBOOL", "PyTypeNum_ISINTEGER", "PyDataMem_NEW", "NpyIter_New",
		"import_array", "import_umath", "import_array1",
	}
	no := []string{
		"NPY_DOUBLE", "NPY_ARRAY_C_CONTIGUOUS", "npy_intp", "npy_double", "NPY_MAXDIMS",
		"PyArray", "PyLong_FromLong", "PyObject", "Py_INCREF", "PyTypeObject", "PyFoo_AsStruct",
		"PyScalarObject", "import_module", "HPy_Dup", "",
	}
	for _, n := range yes {
		if !IsNumPyAPI(n) {
			t.Errorf("IsNumPyAPI(%q) = false, want true", n)
		}
	}
	for _, n := range no {
		if IsNumPyAPI(n) {
			t.Errorf("IsNumPyAPI(%q) = true, want false", n)
		}
	}
	// The two APIs never claim the same name.
	for n := range loaded().declared {
		if IsNumPyAPI(n) {
			t.Errorf("%s is declared by CPython and matched as NumPy's", n)
		}
	}
}
