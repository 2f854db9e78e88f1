/* A first attempt at importing the universal binary without the .py stub:
   single-phase, through hpy.universal. */
#include <Python.h>

static PyObject *binary_path(void)
{
    PyObject *sys = PyImport_ImportModule("sys");
    PyObject *os_path = PyImport_ImportModule("os.path");  // want "HPY304"
    Py_XDECREF(sys);
    if (os_path == NULL)
        return NULL;
    return PyObject_CallMethod(os_path, "abspath", "s", "pof.hpy0.so");
}

PyMODINIT_FUNC PyInit_pof(void)  // want "HPY104" "HPY206"
{
    PyObject *universal = PyImport_ImportModule("hpy.universal");  // want "HPY304"
    PyObject *path = binary_path();
    if (universal == NULL || path == NULL)
        return NULL;
    return PyObject_CallMethod(universal, "load", "sOO", "pof", path, Py_None);
}
