#include <Python.h>

/* Not an HPy source: a PyInit_ is what a CPython extension needs. */
static struct PyModuleDef plain_def = { PyModuleDef_HEAD_INIT, "plain" };
PyMODINIT_FUNC PyInit_plain(void) { return PyModule_Create(&plain_def); }
