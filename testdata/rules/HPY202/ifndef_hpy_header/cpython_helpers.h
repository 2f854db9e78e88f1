#include <structmember.h>
static PyObject *helper(PyObject *o) { Py_INCREF(o); return o; }
