#include "hpy.h"

static HPyModuleDef moduledef = { .doc = "mod" };
HPy_MODINIT(mod, moduledef)

/* The hand-rolled way to import a universal binary without the stub: it
   links against libpython. Its CPython references are reported once, here,
   not one by one under HPY201. */
PyMODINIT_FUNC
PyInit_mod(void)  // want "HPY104" "HPY206"
{
    PyObject *universal = PyImport_ImportModule("hpy.universal");  // want "HPY304"
    if (universal == NULL)
        return NULL;
    PyObject *m = PyObject_CallMethod(universal, "load", "ss", "mod", "mod.hpy0.so");
    Py_DECREF(universal);
    if (m == NULL)
        PyErr_SetString(PyExc_ImportError, "cannot load mod");
    return m;
}
