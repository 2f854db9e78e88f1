package defindex

import (
	"reflect"
	"sort"
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
	for _, n := range mayDefine(src) {
		if n[0] == 'P' {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	want := []string{"PyFooDecoderNew", "PyFooHelped", "PyFooObject", "PyFooState", "PyFoo_A", "PyFoo_B", "PyFoo_Func", "PyFoo_Kind", "PyFoo_MACRO", "PyFoo_Ptr", "PyFoo_Type", "PyFoo__doc__", "PyPath_Flatten"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("got  %v\nwant %v", names, want)
	}
}
