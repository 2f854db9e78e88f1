#include <Python.h>

static struct PyModuleDef dialmodule = { PyModuleDef_HEAD_INIT, "_dial", NULL, 0, NULL };

PyMODINIT_FUNC PyInit__dial(void)
{
    return PyModule_Create(&dialmodule);
}
