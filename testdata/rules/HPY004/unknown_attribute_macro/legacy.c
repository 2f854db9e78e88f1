#include <Python.h>
#include "attrs.h"

static VEC_NONNULL(1) PyObject *
legacy_first(PyObject *items)
{
    return PySequence_GetItem(items, 0);
}

static struct PyModuleDef legacy_module = {
    PyModuleDef_HEAD_INIT, "vec_legacy", NULL, -1, NULL,
};

PyMODINIT_FUNC PyInit_vec_legacy(void)
{
    return PyModule_Create(&legacy_module);
}
