#include <Python.h>

static PyObject *speedup(PyObject *self, PyObject *arg)
{
    return PyLong_FromLong(PyLong_AsLong(arg) * 2);
}

static PyMethodDef methods[] = {{"speedup", speedup, METH_O, NULL}, {NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "counter_speedups", NULL, -1, methods};

PyMODINIT_FUNC PyInit_counter_speedups(void) { return PyModule_Create(&def); }
