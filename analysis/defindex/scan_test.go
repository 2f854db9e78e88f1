package defindex

import (
	"reflect"
	"sort"
	"strings"
	"testing"
)

// The sieve passes the names a file may define and not the names it only
// uses, CPython's above all: those must send no file to the parser.
func TestMayDefine(t *testing.T) {
	src := []byte(`#include <Python.h>
#define PyFoo_MACRO(x) (x)
extern PyObject *PyPath_Flatten(PyObject *data, double **xy);
extern HPy PyFooDecoderNew(HPyContext *ctx);
NPY_NO_EXPORT PyTypeObject PyFoo_Type = { 0 };
static const char PyFoo__doc__[] = "doc";
struct PyFooState { int a; };
typedef struct { int b; } PyFooObject;
typedef void (PyFoo_Func)(void *);
typedef PyObject *(*PyFoo_Ptr)(int);
enum PyFoo_Kind { PyFoo_A = 1, PyFoo_B };
HPyType_HELPERS(PyFooHelped)
#ifdef __cplusplus
extern "C" {
#endif
int PyInC(void);
#ifdef __cplusplus
}
#endif
static int PyDefined(void)
{
    return 0;
}
static PyObject *use(PyObject *self, PyObject *arg)
{
    if (arg == NULL && PyErr_Occurred()) {
        return NULL;
    }
    Py_DECREF(arg);
    Py_INCREF(Py_None);
    return PyLong_FromLong(sizeof(PyObject) * 2);  /* PyFoo_Comment(x); */
}
`)
	var names []string
	items := map[string]string{}
	for _, n := range mayDefine(src) {
		if n.name[0] == 'P' {
			names = append(names, n.name)
			items[n.name] = strings.TrimSpace(string(src[n.item.Start:n.item.End]))
		}
	}
	sort.Strings(names)
	want := []string{"PyDefined", "PyFooDecoderNew", "PyFooHelped", "PyFooObject", "PyFooState", "PyFoo_A", "PyFoo_B", "PyFoo_Func", "PyFoo_Kind", "PyFoo_MACRO", "PyFoo_Ptr", "PyFoo_Type", "PyFoo__doc__", "PyInC", "PyPath_Flatten"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("got  %v\nwant %v", names, want)
	}
	// Each comes with its top-level item, the text to parse to confirm it.
	for name, item := range map[string]string{
		"PyFoo_MACRO":    "#define PyFoo_MACRO(x) (x)",
		"PyPath_Flatten": "extern PyObject *PyPath_Flatten(PyObject *data, double **xy);",
		"PyFoo_B":        "enum PyFoo_Kind { PyFoo_A = 1, PyFoo_B };",
		"PyFooObject":    "typedef struct { int b; } PyFooObject;",
		"PyInC":          `int PyInC(void);`,
		"PyDefined":      "static int PyDefined(void)\n{\n    return 0;\n}",
	} {
		if items[name] != item {
			t.Errorf("item of %s = %q, want %q", name, items[name], item)
		}
	}
}
